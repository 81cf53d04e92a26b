"""The library: one SQLite file of postmortems, and every way the rest of Retro touches it.

Callers get and give domain records only. Each public write is one transaction that also keeps
the search index current, so after a crash the file holds every write that returned and nothing
half-done. Reads never write.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from app.domain.errors import ValidationError
from app.domain.followups import FollowUps
from app.domain.model import Postmortem, Severity, Status, utc_now
from app.store import opening
from app.store.copying import fresh_copy
from app.store.errors import (
    CorruptLibraryError,
    LibraryError,
    LibraryWriteError,
    PostmortemNotFoundError,
)
from app.store.followups import query_follow_ups
from app.store.mapping import (
    POSTMORTEMS,
    STORE_OWNED_FIELDS,
    normalise_change,
    postmortem_hints,
    read_postmortem,
)
from app.store.migrations import LATEST_VERSION, migrate
from app.store.recent import FileMark, RecentPostmortem, data_version
from app.store.search import index_postmortem, remove_from_index, search_text_changed
from app.store.settings import read_setting, write_setting
from app.store.summaries import PostmortemSummary, SummaryFilter, distinct_values, query_summaries
from app.store.transaction import write_transaction
from app.store.writing import insert_postmortem, write_changes


class Library:
    """An open library file. Use ``Library.open``; close it (or use ``with``) when done.

    ``schema_version`` is the file's user_version after opening; ``backup_path`` names the copy
    taken before this open migrated the file, or is None when no migration was needed. One
    instance serves one thread; another thread or process may open its own.
    """

    def __init__(
        self, path: Path, db: Database, schema_version: int, backup_path: Path | None
    ) -> None:
        self.path = path
        self.schema_version = schema_version
        self.backup_path = backup_path
        self._db: Database | None = db
        self._write_in_progress = False
        # The last postmortem read or written, so an edit need not read it back from the file.
        self._recent = RecentPostmortem()

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Library:
        """Open (creating it if missing and ``create``) and upgrade the library at ``path``.

        Raises NotALibraryError, CorruptLibraryError or NewerLibraryError without changing the
        file; LibraryWriteError if it cannot be written.
        """
        location = Path(path).expanduser().absolute()
        checked = opening.prepare(location, create=create)
        backup_path = None
        if 0 < checked.version < LATEST_VERSION:
            backup_path = opening.take_backup(location, checked.version)
        connection = opening.connect_for_writing(location)
        db = Database(connection, execute_plugins=False)
        try:
            version = migrate(db, location, checked.version)
        except BaseException:
            connection.close()
            raise
        return cls(location, db, version, backup_path)

    def close(self) -> None:
        """Fold the WAL back into the file and close, so the file alone is the whole library."""
        if self._db is None:
            return
        connection, self._db = self._db.conn, None
        self._recent.forget()
        try:
            # Fails harmlessly (busy) if another connection is reading; SQLite keeps the WAL then.
            with contextlib.suppress(sqlite3.Error):
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._db is None else f"version {self.schema_version}"
        return f"<Library {str(self.path)!r} {state}>"

    @property
    def _database(self) -> Database:
        """The open connection; LibraryError once closed. Private: callers get records only."""
        if self._db is None:
            raise LibraryError(self.path, "it has been closed")
        return self._db

    @contextlib.contextmanager
    def _writing(self, what: str) -> Iterator[Database]:
        self._write_in_progress = True
        try:
            with write_transaction(self._database, self.path, what):
                yield self._database
        finally:
            self._write_in_progress = False

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Database]:
        """Report stored data the model refuses, or a page SQLite cannot read, naming the file.

        Inside a write, SQLite errors pass through so the write reports them as LibraryWriteError.
        """
        try:
            yield self._database
        except ValidationError as error:
            raise CorruptLibraryError(self.path, str(error)) from error
        except sqlite3.OperationalError as error:  # locked, I/O: the file may well be fine
            if self._write_in_progress:
                raise
            raise LibraryError(self.path, f"reading it failed ({error})") from error
        except sqlite3.DatabaseError as error:  # "database disk image is malformed"
            if self._write_in_progress:
                raise
            raise CorruptLibraryError(self.path, str(error)) from error

    def _load(self, db: Database, postmortem_id: int) -> Postmortem:
        with self._reading():
            postmortem = read_postmortem(db, postmortem_id)
        if postmortem is None:
            raise PostmortemNotFoundError(self.path, postmortem_id)
        return postmortem

    # --- writes -------------------------------------------------------------------------------

    def create(self, postmortem: Postmortem) -> Postmortem:
        """Store a new postmortem (its id must be None) and return it with its new id."""
        if postmortem.id is not None:
            raise ValueError(f"postmortem {postmortem.id} is already stored; use update()")
        with self._writing("add a postmortem") as db:
            postmortem_id = insert_postmortem(db, postmortem)
            index_postmortem(db, postmortem_id, postmortem)
        return dataclasses.replace(postmortem, id=postmortem_id)

    def update(self, postmortem_id: int, changes: Mapping[str, object]) -> Postmortem:
        """Replace whole top-level fields; write only what differs, in one transaction.

        ``changes`` maps Postmortem field names to complete new values. The new postmortem is
        built and validated before anything is written (ValidationError propagates). If anything
        changed, ``updated_at`` becomes now. Returns the postmortem as stored.

        A changed collection is written row by row (only items added, removed, changed or moved),
        and the search index only when some text changed, so one edit in a long timeline costs
        about one row. The postmortem it starts from is the one last read or written when the
        file provably has not changed since (``app.store.recent``), else it is read again.
        """
        editable = postmortem_hints().keys() - STORE_OWNED_FIELDS
        refused = sorted(set(changes) - editable)
        if refused:
            raise ValueError(f"cannot update {', '.join(refused)}: not an editable field")
        recent = self._recent.peek(postmortem_id)  # its items are known good, stale or not
        normalised = {
            name: normalise_change(name, value, _items(recent, name))
            for name, value in changes.items()
        }
        with self._writing(f"update postmortem {postmortem_id}") as db:
            current = self._recent.recall(db.conn, postmortem_id) or self._load(db, postmortem_id)
            changed = [name for name in normalised if getattr(current, name) != normalised[name]]
            if not changed:
                return current
            # One replace, so the new postmortem is validated once before anything is written.
            stored = dataclasses.replace(
                current,
                **{name: normalised[name] for name in changed},  # type: ignore[arg-type]
                updated_at=utc_now(),
            )
            rows = write_changes(db, current, stored, changed)
            if search_text_changed(current, stored, changed, rows):
                index_postmortem(db, postmortem_id, stored)
            version = data_version(db.conn)  # under the write lock: no commit can come between
        # Once committed: COMMIT itself writes rows (FTS5 flushes its index then).
        self._recent.remember(stored, FileMark(version, db.conn.total_changes))
        return stored

    def delete(self, postmortem_id: int) -> Postmortem:
        """Remove a postmortem and all its items; return it so the deletion can be undone."""
        with self._writing(f"delete postmortem {postmortem_id}") as db:
            postmortem = self._load(db, postmortem_id)
            db.table(POSTMORTEMS).delete(postmortem_id)  # child rows go by ON DELETE CASCADE
            remove_from_index(db, postmortem_id)
        return postmortem

    def restore(self, postmortem: Postmortem) -> Postmortem:
        """Put a deleted postmortem back with its own id and timestamps (undo of ``delete``)."""
        if postmortem.id is None:
            raise ValueError("only a postmortem that was stored before can be restored")
        postmortem_id = postmortem.id
        with self._writing(f"restore postmortem {postmortem_id}") as db:
            if read_postmortem_exists(db, postmortem_id):
                raise LibraryWriteError(
                    self.path, f"postmortem {postmortem_id} cannot be restored: its number is taken"
                )
            insert_postmortem(db, postmortem)
            index_postmortem(db, postmortem_id, postmortem)
        return postmortem

    def duplicate(self, postmortem_id: int) -> Postmortem:
        """Store a deep copy as a new draft with fresh item ids; return the copy."""
        with self._writing(f"duplicate postmortem {postmortem_id}") as db:
            copy = fresh_copy(self._load(db, postmortem_id), utc_now())
            copy_id = insert_postmortem(db, copy)
            index_postmortem(db, copy_id, copy)
        return dataclasses.replace(copy, id=copy_id)

    def set_setting(self, key: str, value: str) -> None:
        """Keep ``value`` as the library's setting ``key`` (such as the tracker URL pattern).

        One transaction; LibraryWriteError if it cannot be written. A key must be non-empty text.
        """
        with self._writing(f"save the setting {key!r}") as db:
            write_setting(db, key, value)

    # --- reads --------------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """The library's setting ``key``, or ``default`` if it was never set."""
        with self._reading() as db:
            return read_setting(db, key, default)

    def follow_ups(self, today: date) -> FollowUps:
        """Every open action item and every review not yet held, across the library.

        Sorted as ``app.domain.followups.sort_and_filter`` sorts, with ``overdue`` against
        ``today``; narrow it with that function. Reads only the rows it shows, never whole
        postmortems, so it stays quick for a library of thousands.
        """
        with self._reading() as db:
            return query_follow_ups(db, today)

    def load(self, postmortem_id: int) -> Postmortem:
        """The stored postmortem; PostmortemNotFoundError if there is none with that id."""
        db = self._database
        with self._reading():
            mark = FileMark.of(db.conn)  # before reading: a commit meanwhile makes it stale
        postmortem = self._load(db, postmortem_id)
        self._recent.remember(postmortem, mark)
        return postmortem

    def summaries(
        self,
        *,
        search: str = "",
        severity: Severity | None = None,
        status: Status | None = None,
        service: str | None = None,
        tag: str | None = None,
        ids: Collection[int] | None = None,
    ) -> list[PostmortemSummary]:
        """The library list, most recently updated first, narrowed by every filter given.

        ``search`` matches words by prefix anywhere in a postmortem's text; any text is safe.
        ``ids`` limits the list to those postmortems, so one edited row can be refreshed cheaply.
        """
        filters = SummaryFilter(search, severity, status, service, tag, ids)
        with self._reading() as db:
            return query_summaries(db, filters)

    def services(self) -> list[str]:
        """Every affected service named in the library, for the filter menu."""
        with self._reading() as db:
            return distinct_values(db, "affected_services")

    def tags(self) -> list[str]:
        """Every tag used in the library, for the filter menu."""
        with self._reading() as db:
            return distinct_values(db, "tags")

    def postmortem_ids(self) -> list[int]:
        """The ids of all stored postmortems, ascending."""
        with self._reading() as db:
            return [int(row["id"]) for row in db.query(f"SELECT id FROM {POSTMORTEMS} ORDER BY id")]


def _items(postmortem: Postmortem | None, name: str) -> tuple[object, ...]:
    value = getattr(postmortem, name, ())
    return value if isinstance(value, tuple) else ()


def read_postmortem_exists(db: Database, postmortem_id: int) -> bool:
    rows = db.query(f"SELECT 1 AS found FROM {POSTMORTEMS} WHERE id = ?", [postmortem_id])
    return any(True for _ in rows)
