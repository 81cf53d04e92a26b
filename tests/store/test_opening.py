"""Opening: creating new libraries, refusing files that are not ours untouched, closing cleanly."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store import (
    APPLICATION_ID,
    LATEST_VERSION,
    CorruptLibraryError,
    Library,
    LibraryError,
    NewerLibraryError,
    NotALibraryError,
)
from tests.store.files import file_digest, side_files
from tests.store.samples import full_postmortem, small_postmortem


def _real_library(path: Path, count: int = 6) -> None:
    with Library.open(path) as library:
        for index in range(count):
            library.create(full_postmortem(f"Incident {index}"))


def _other_application(path: Path, *, wal: bool) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    connection.execute("INSERT INTO recipes VALUES ('bread', 240)")
    connection.close()


def _empty_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA user_version = 3")  # a real SQLite file, no tables, no app id
    connection.close()


def _corrupt(path: Path) -> None:
    """Scribble over the timeline's pages: data Retro only reads after the file is checked."""
    _real_library(path)
    connection = sqlite3.connect(path)
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'timeline_events'"
    ).fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    page = 4096
    start = (root - 1) * page  # pages are numbered from 1; page 1's header stays untouched
    assert root > 1
    assert len(data) >= start + page
    data[start + 8 : start + 8 + 2000] = b"\xa5" * 2000
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    _real_library(path, count=1)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()


def _text(path: Path) -> None:
    path.write_text("These are my notes, not a database.\n" * 50, encoding="utf-8")


def _short_garbage(path: Path) -> None:
    path.write_bytes(b"\x00\x01\x02")


REFUSALS = [
    (_text, NotALibraryError, "not an SQLite database"),
    (_short_garbage, NotALibraryError, "not an SQLite database"),
    (lambda path: _other_application(path, wal=False), NotALibraryError, "application id"),
    (lambda path: _other_application(path, wal=True), NotALibraryError, "application id"),
    (_empty_sqlite, NotALibraryError, "application id is 0"),
    (_corrupt, CorruptLibraryError, "quick_check"),
    (_newer, NewerLibraryError, f"schema version {LATEST_VERSION + 1}"),
]


@pytest.mark.parametrize(
    ("make", "error", "detail"),
    REFUSALS,
    ids=["text", "garbage", "other-app", "other-app-wal", "empty-sqlite", "corrupt", "newer"],
)
def test_refused_files_stay_byte_for_byte_unchanged(
    tmp_path: Path, make, error: type[LibraryError], detail: str
) -> None:
    path = tmp_path / "some folder" / "library #1.sqlite"
    path.parent.mkdir()
    make(path)
    assert side_files(path) == []
    before = file_digest(path)
    with pytest.raises(error) as raised:
        Library.open(path)
    assert type(raised.value) is error
    assert str(path) in str(raised.value)
    assert raised.value.path == path
    assert detail in str(raised.value)
    assert "\n" not in str(raised.value)
    assert file_digest(path) == before
    assert side_files(path) == []
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no backup, no temp file


def test_new_library_is_created_with_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "retro.sqlite"
    with Library.open(path) as library:
        assert library.path == path
        assert library.schema_version == LATEST_VERSION
        assert library.backup_path is None
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert sorted(p.name for p in path.parent.iterdir()) == ["retro.sqlite"]


def test_relative_and_string_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Library.open("relative.sqlite") as library:
        assert library.path == tmp_path / "relative.sqlite"


def test_zero_byte_file_is_initialised(library_path: Path) -> None:
    library_path.touch()
    with Library.open(library_path) as library:
        assert library.schema_version == LATEST_VERSION
        library.create(small_postmortem("first"))
    connection = sqlite3.connect(library_path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_create_false_refuses_missing_and_empty_files(library_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist") as raised:
        Library.open(library_path, create=False)
    assert str(library_path) in str(raised.value)
    assert not library_path.exists()
    library_path.touch()
    with pytest.raises(LibraryError, match="empty"):
        Library.open(library_path, create=False)
    assert library_path.stat().st_size == 0


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(NotALibraryError, match="folder"):
        Library.open(tmp_path)


def test_closing_leaves_one_copyable_file(library_path: Path, tmp_path: Path) -> None:
    library = Library.open(library_path)
    stored = [library.create(full_postmortem(f"Incident {n}")) for n in range(3)]
    wal = library_path.with_name(library_path.name + "-wal")
    assert wal.exists()
    assert wal.stat().st_size > 0  # the edits are in the WAL while open
    library.close()
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "elsewhere" / "copy.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(library_path, copy)  # the main file only
    with Library.open(copy, create=False) as reopened:
        assert [reopened.load(p.id) for p in stored if p.id is not None] == stored
        assert len(reopened.summaries(search="kittiwake")) == 3


def test_close_is_idempotent_and_a_closed_library_says_so(library_path: Path) -> None:
    library = Library.open(library_path)
    library.close()
    library.close()
    with pytest.raises(LibraryError, match="closed") as raised:
        library.summaries()
    assert str(library_path) in str(raised.value)


def test_context_manager_closes(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.create(small_postmortem("x"))
    with pytest.raises(LibraryError, match="closed"):
        library.postmortem_ids()


def test_library_left_with_a_wal_after_a_crash_opens(library_path: Path, tmp_path: Path) -> None:
    """A copy taken while Retro runs (main file plus -wal) holds the edits and opens."""
    library = Library.open(library_path)
    stored = library.create(full_postmortem())
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (library_path.name, library_path.name + "-wal"):
        shutil.copyfile(library_path.with_name(name), crashed / name)
    library.close()
    with Library.open(crashed / library_path.name) as recovered:
        assert stored.id is not None
        assert recovered.load(stored.id) == stored


def test_two_libraries_on_one_file_see_each_others_writes(library_path: Path) -> None:
    with Library.open(library_path) as first, Library.open(library_path) as second:
        stored = first.create(small_postmortem("shared"))
        assert second.postmortem_ids() == [stored.id]
