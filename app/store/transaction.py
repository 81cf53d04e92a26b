"""One write, one transaction: all of it reaches the file or none of it does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlite_utils import Database

from app.store.errors import LibraryWriteError


@contextmanager
def write_transaction(db: Database, path: Path, what: str) -> Iterator[None]:
    """Run the block inside BEGIN IMMEDIATE ... COMMIT on ``db``.

    IMMEDIATE takes the write lock up front, so a second Retro holding the file fails (after the
    busy timeout) before anything is read for the write, not halfway through it. An SQLite error
    rolls back and becomes LibraryWriteError naming ``path`` and ``what`` was being done; any other
    exception (a ValidationError, say) rolls back and propagates unchanged.
    """
    connection = db.conn
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise LibraryWriteError(path, f"could not {what} ({error})") from error
    try:
        yield
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        _roll_back(connection)
        raise LibraryWriteError(path, f"could not {what} ({error})") from error
    except BaseException:
        _roll_back(connection)
        raise


def _roll_back(connection: sqlite3.Connection) -> None:
    # Some errors (disk full, I/O) end the transaction themselves; ROLLBACK would then fail too.
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
