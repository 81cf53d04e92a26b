"""The victim of test_crash_safety: numbered edits on a library until it is killed.

Usage: ``python crash_writer.py LIBRARY FIRST_NUMBER``. Prints ``ready`` once the library is open,
then for each edit N, after the public Library call has returned, ``ack N create`` or
``ack N update`` (flushed), so the test knows exactly which edits were acknowledged. Edit N leaves
the tag ``eN`` behind; an update edit also leaves the timeline event ``evN``.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.model import Postmortem, Severity, TimelineEvent
from app.store import Library

START = datetime(2026, 1, 1, tzinfo=UTC)


def edit(library: Library, number: int) -> str:
    """Perform edit ``number`` with exactly one write call; return what kind of edit it was."""
    ids = library.postmortem_ids()
    if number % 4 == 0 or not ids:
        library.create(
            Postmortem(
                title=f"edit {number}",
                severity=Severity.SEV3,
                tags=(f"e{number}",),
                invitation="Crash test invitation " * 20,
            )
        )
        return "create"
    target = library.load(ids[-1])
    assert target.id is not None
    event = TimelineEvent(f"ev{number}", START + timedelta(minutes=number), f"edit {number}")
    library.update(
        target.id, {"tags": (*target.tags, f"e{number}"), "timeline": (*target.timeline, event)}
    )
    return "update"


def main(arguments: list[str]) -> None:
    path, number = Path(arguments[1]), int(arguments[2])
    library = Library.open(path)
    print("ready", flush=True)
    while True:
        kind = edit(library, number)
        print(f"ack {number} {kind}", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv)
