"""Getting from a path to a checked, writable connection without harming files that are not ours.

Order matters: a new library is built beside its final name and renamed into place, so a crash
never leaves a half-made file that later reads as "not a library". An existing file is judged
through a read-only connection (header bytes, application_id, quick_check, user_version) before
anything may write to it, so a refusal leaves it byte-for-byte as it was and creates no -wal or
-shm files. Only then is a backup taken (if a migration is due) and the writable connection made.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.store.errors import (
    CorruptLibraryError,
    LibraryError,
    LibraryWriteError,
    NewerLibraryError,
    NotALibraryError,
)
from app.store.migrations import APPLICATION_ID, LATEST_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MODE = b"\x02\x02"  # header bytes 18-19 (write and read format versions) in WAL mode
BUSY_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class CheckedFile:
    """What the read-only look at an existing library found."""

    path: Path
    version: int


def prepare(path: Path, *, create: bool) -> CheckedFile:
    """Create the file if missing (or empty), then check it; raise a LibraryError if refused."""
    try:
        size = path.stat().st_size if path.exists() else None
    except OSError as error:
        raise CorruptLibraryError(path, f"it cannot be examined: {error.strerror}") from error
    if path.is_dir():
        raise NotALibraryError(path, "it is a folder")
    if size is None or size == 0:
        if not create:
            detail = "the file does not exist" if size is None else "the file is empty"
            raise LibraryError(path, detail)
        _initialise(path)
    return CheckedFile(path, inspect(path))


def _initialise(path: Path) -> None:
    """Write an empty library (application_id, version 0) beside ``path``, then rename it there."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".new", dir=path.parent
        )
        os.close(handle)
    except OSError as error:
        raise LibraryWriteError(path, f"could not create it ({error.strerror})") from error
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            connection.execute("COMMIT")
        finally:
            connection.close()
        Path(temporary).replace(path)
        _sync_folder(path.parent)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise LibraryWriteError(path, f"could not create it ({error})") from error


def _sync_folder(folder: Path) -> None:
    # Makes the rename durable on POSIX; folders cannot be opened this way on Windows.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(100)
    except OSError as error:
        raise CorruptLibraryError(path, f"it cannot be read: {error.strerror}") from error


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without writing anything, not even -wal or -shm files.

    A read-only connection to a WAL-mode file still creates -wal and -shm and cannot remove them
    on close. When no -wal file exists the main file holds everything, so ``immutable=1`` reads
    it with no side files. When a -wal exists (after a crash) it must be read too: the side files
    are already there, and the main file is still not written.
    """
    header = _read_header(path)
    wal_file = path.with_name(path.name + "-wal")
    immutable = header[18:20] == _WAL_MODE and not wal_file.exists()
    return path.as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def inspect(path: Path) -> int:
    """Check an existing file is a sound Retro library this version can open; return its version."""
    if not _read_header(path).startswith(SQLITE_HEADER):
        raise NotALibraryError(path, "it is not an SQLite database")
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise CorruptLibraryError(path, f"it cannot be opened: {error}") from error
    try:
        application_id = _pragma(connection, "application_id")
        if application_id != APPLICATION_ID:
            raise NotALibraryError(path, f"its application id is {application_id}, not Retro's")
        problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise CorruptLibraryError(path, f"quick_check reports: {_first_lines(problems)}")
        version = _pragma(connection, "user_version")
    except sqlite3.DatabaseError as error:
        raise CorruptLibraryError(path, str(error)) from error
    finally:
        connection.close()
    if version > LATEST_VERSION:
        raise NewerLibraryError(
            path, f"schema version {version}; this Retro knows {LATEST_VERSION}"
        )
    return version


def _first_lines(problems: list[str], limit: int = 200) -> str:
    """quick_check can list thousands of problems; a message needs the first few."""
    text = "; ".join(line for problem in problems for line in problem.splitlines() if line)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


def backup_path_for(path: Path, version: int, moment: datetime) -> Path:
    """``retro.sqlite.v1-backup-20261126T233000Z``, with a counter if that name is taken."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.v{version}-backup-{stamp}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{version}-backup-{stamp}-{counter}")
        counter += 1
    return candidate


def take_backup(path: Path, version: int) -> Path:
    """Copy the library with SQLite's online backup API before a migration; return the copy."""
    target = backup_path_for(path, version, datetime.now(UTC))
    try:
        source = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        with contextlib.suppress(OSError):
            target.unlink()
        raise LibraryWriteError(path, f"could not back it up to {target} ({error})") from error
    return target


def connect_for_writing(path: Path) -> sqlite3.Connection:
    """The library's one writable connection: foreign keys, full sync, WAL while open.

    ``isolation_level=None`` leaves transactions to us (BEGIN IMMEDIATE per public write).
    """
    try:
        connection = sqlite3.connect(
            path.as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as error:
        raise LibraryWriteError(path, f"could not open it for writing ({error})") from error
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"the file system refused WAL mode ({mode})")
    except sqlite3.Error as error:
        connection.close()
        raise LibraryWriteError(path, f"could not open it for writing ({error})") from error
    return connection
