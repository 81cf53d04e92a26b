"""The postmortem this connection last read or wrote, kept while the file provably still holds it.

Every autosaved edit starts from the stored postmortem, to compare it with the new one. Reading a
postmortem with thousands of timeline events back from the file for every keystroke would cost
more than the edit itself, so the library keeps the last one it read or wrote, with a mark of the
file's state at that moment. The mark is two counters SQLite keeps for us:

- ``PRAGMA data_version`` changes whenever another connection (another Retro, a thread with its
  own library, a command-line import) commits to the file;
- ``Connection.total_changes`` grows with every row this connection inserts, updates or deletes,
  through the library or around it, committed or rolled back.

If both are as they were, nobody has written since, and the remembered postmortem is exactly what
reading it again would give. Anything else means reading it again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.domain.model import Postmortem


@dataclass(frozen=True)
class FileMark:
    """The file's state as this connection sees it: see the module docstring."""

    data_version: int
    total_changes: int

    @classmethod
    def of(cls, connection: sqlite3.Connection) -> FileMark:
        """The mark now. Take it before reading, so a commit during the read makes it stale."""
        return cls(data_version(connection), connection.total_changes)


def data_version(connection: sqlite3.Connection) -> int:
    """SQLite's count of commits by other connections, as this connection sees it.

    For a write, read it inside the transaction, while the write lock keeps every other
    connection from committing, and read ``total_changes`` only after COMMIT: FTS5 writes its
    buffered index pages at COMMIT, and those rows count too.
    """
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


class RecentPostmortem:
    """At most one remembered postmortem, and the mark of the file state it belongs to."""

    def __init__(self) -> None:
        self._remembered: tuple[Postmortem, FileMark] | None = None

    def remember(self, postmortem: Postmortem, mark: FileMark) -> None:
        """Keep ``postmortem`` as what the file held when ``mark`` was taken."""
        self._remembered = (postmortem, mark)

    def recall(self, connection: sqlite3.Connection, postmortem_id: int) -> Postmortem | None:
        """The remembered postmortem ``postmortem_id`` if the file is untouched since; else None."""
        if self._remembered is None:
            return None
        postmortem, mark = self._remembered
        if postmortem.id != postmortem_id:
            return None
        if FileMark.of(connection) != mark:
            self._remembered = None
            return None
        return postmortem

    def peek(self, postmortem_id: int) -> Postmortem | None:
        """The remembered postmortem ``postmortem_id``, even if the file has changed since.

        Its values are still known to be well-formed, which is all a caller may use it for.
        """
        if self._remembered is None or self._remembered[0].id != postmortem_id:
            return None
        return self._remembered[0]

    def forget(self) -> None:
        self._remembered = None
