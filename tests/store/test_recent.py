"""An edit starts from the postmortem last read or written only while the file is untouched since.

The library remembers the last postmortem it read or wrote, so an autosaved edit of a long
timeline need not read it back. Anything that changed the file since (another connection's
commit, a statement on this connection that went around the library, a write that failed) must
make it read the file again: otherwise the row diff would be computed against the wrong rows.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter

import pytest

from app.domain.model import Postmortem, TimelineEvent
from app.store import Library, LibraryWriteError
from tests.store.samples import long_timeline, small_postmortem
from tests.store.tracing import StatementLog


@pytest.fixture
def stored(library: Library) -> Postmortem:
    return library.create(small_postmortem("remembered", timeline=long_timeline(20)))


def _edit(timeline: tuple[TimelineEvent, ...], index: int, text: str) -> tuple:
    edited = dataclasses.replace(timeline[index], description=text)
    return (*timeline[:index], edited, *timeline[index + 1 :])


def _reads_of_the_timeline(log: StatementLog) -> int:
    return sum(1 for s in log.statements if s.startswith("SELECT * FROM timeline_events"))


def test_consecutive_edits_do_not_read_the_postmortem_back(
    library: Library, stored: Postmortem
) -> None:
    assert stored.id is not None
    current = library.load(stored.id)
    log = StatementLog(library)
    for number in range(5):
        current = library.update(stored.id, {"timeline": _edit(current.timeline, 3, f"v{number}")})
    assert _reads_of_the_timeline(log) == 0
    assert library.load(stored.id) == current


def test_a_commit_by_another_connection_is_seen(library: Library, stored: Postmortem) -> None:
    assert stored.id is not None
    before = library.load(stored.id)
    other = sqlite3.connect(library.path)
    with other:
        other.execute("UPDATE timeline_events SET description = 'by someone else' WHERE id = ?",
                      [before.timeline[5].id])  # fmt: skip
    other.close()
    log = StatementLog(library)
    # The caller still holds the old timeline and changes another event; event 5 goes back to
    # what the caller holds, which only a fresh read can tell is a change.
    updated = library.update(stored.id, {"timeline": _edit(before.timeline, 7, "mine")})
    assert _reads_of_the_timeline(log) == 1
    assert log.writes("timeline_events") == Counter({"UPDATE": 2})
    assert library.load(stored.id) == updated
    assert updated.timeline[5] == before.timeline[5]


def test_a_statement_around_the_library_is_seen(library: Library, stored: Postmortem) -> None:
    assert stored.id is not None
    before = library.load(stored.id)
    library._database.conn.execute(
        "DELETE FROM timeline_events WHERE id = ?", [before.timeline[2].id]
    )
    updated = library.update(stored.id, {"timeline": _edit(before.timeline, 9, "mine")})
    assert library.load(stored.id) == updated
    assert len(updated.timeline) == len(before.timeline)  # the deleted row was written back


def test_a_failed_write_is_not_remembered(library: Library, stored: Postmortem) -> None:
    assert stored.id is not None
    before = library.load(stored.id)
    connection = library._database.conn
    connection.execute("PRAGMA query_only = ON")
    with pytest.raises(LibraryWriteError):
        library.update(stored.id, {"timeline": _edit(before.timeline, 1, "lost")})
    connection.execute("PRAGMA query_only = OFF")
    updated = library.update(stored.id, {"timeline": _edit(before.timeline, 2, "kept")})
    assert library.load(stored.id) == updated
    assert updated.timeline[1] == before.timeline[1]


def test_another_postmortem_in_between(library: Library, stored: Postmortem) -> None:
    assert stored.id is not None
    first = library.load(stored.id)
    second = library.create(small_postmortem("other", timeline=long_timeline(3)))
    assert second.id is not None
    library.update(second.id, {"title": "other, renamed"})
    updated = library.update(stored.id, {"timeline": _edit(first.timeline, 0, "back here")})
    assert library.load(stored.id) == updated
    assert library.load(second.id).title == "other, renamed"


def test_delete_and_restore_start_afresh(library: Library, stored: Postmortem) -> None:
    assert stored.id is not None
    current = library.update(stored.id, {"title": "about to go"})
    library.delete(stored.id)
    library.restore(dataclasses.replace(current, timeline=current.timeline[:5]))
    updated = library.update(stored.id, {"timeline": _edit(current.timeline[:6], 0, "again")})
    assert library.load(stored.id) == updated
