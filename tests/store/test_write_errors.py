"""A write that SQLite refuses becomes LibraryWriteError, and the library keeps its previous state.

The tests run as root, where chmod does not stop writes, so the refusals are made inside SQLite:
``query_only`` (a read-only file), ``max_page_count`` (a full disk) and a second connection
holding the write lock (another Retro on the same file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.model import Postmortem, Severity, TimelineEvent
from app.store import Library, LibraryWriteError
from tests.store.files import library_digest
from tests.store.samples import full_postmortem

WRITES: dict[str, Callable[[Library, int], object]] = {
    "create": lambda library, _: library.create(full_postmortem("a new one")),
    "update scalar": lambda library, pid: library.update(pid, {"title": "changed"}),
    "update children": lambda library, pid: library.update(pid, {"participants": ()}),
    "delete": lambda library, pid: library.delete(pid),
    "duplicate": lambda library, pid: library.duplicate(pid),
}


def _snapshot(library: Library) -> list[object]:
    return [library.load(pid) for pid in library.postmortem_ids()]


def _assert_refused(library: Library, write: Callable[[Library, int], object], pid: int) -> str:
    before_state = _snapshot(library)
    before_files = library_digest(library.path)
    with pytest.raises(LibraryWriteError) as raised:
        write(library, pid)
    message = str(raised.value)
    assert str(library.path) in message
    assert "nothing was changed" in message
    assert not library._database.conn.in_transaction
    assert library_digest(library.path) == before_files
    assert _snapshot(library) == before_state
    return message


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_read_only_library(library: Library, write: Callable[[Library, int], object]) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    library._database.conn.execute("PRAGMA query_only = ON")
    message = _assert_refused(library, write, stored.id)
    assert "readonly" in message


def test_restore_into_a_read_only_library(library: Library) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    deleted = library.delete(stored.id)
    library._database.conn.execute("PRAGMA query_only = ON")
    _assert_refused(library, lambda lib, _: lib.restore(deleted), 0)
    library._database.conn.execute("PRAGMA query_only = OFF")
    assert library.restore(deleted) == stored


def _many_events(count: int) -> tuple[TimelineEvent, ...]:
    start = datetime(2026, 3, 14, tzinfo=UTC)
    return tuple(
        TimelineEvent(f"bulk-{n}", start + timedelta(minutes=n), f"Step {n}: " + "w" * 200)
        for n in range(count)
    )


BIG = "x" * 60_000  # needs overflow pages that a full disk cannot give


def _create_big(library: Library, _: int) -> object:
    return library.create(Postmortem(title="big", severity=Severity.SEV2, invitation=BIG))


def _update_big_scalar(library: Library, postmortem_id: int) -> object:
    return library.update(postmortem_id, {"invitation": BIG})


def _update_big_children(library: Library, postmortem_id: int) -> object:
    # The title and the old events go first; the disk fills up while new rows are written.
    timeline = (*library.load(postmortem_id).timeline, *_many_events(400))
    return library.update(postmortem_id, {"title": "half", "timeline": timeline})


def _duplicate(library: Library, postmortem_id: int) -> object:
    return library.duplicate(postmortem_id)


GROWING_WRITES = [_create_big, _update_big_scalar, _update_big_children, _duplicate]


@pytest.mark.parametrize("write", GROWING_WRITES)
def test_disk_full(library: Library, write: Callable[[Library, int], object]) -> None:
    created = library.create(full_postmortem("roomy"))
    assert created.id is not None
    stored = library.update(created.id, {"problem_statement": "p" * 30_000})
    assert stored.id is not None
    connection = library._database.conn
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    message = _assert_refused(library, write, stored.id)
    assert "full" in message
    connection.execute("PRAGMA max_page_count = 1073741823")
    write(library, stored.id)  # the same write succeeds once there is room


def test_locked_by_another_writer(library: Library, library_path: Path) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    library._database.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(library_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        message = _assert_refused(library, WRITES["update scalar"], stored.id)
        assert "locked" in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert library.update(stored.id, {"title": "after the lock"}).title == "after the lock"
