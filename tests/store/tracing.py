"""Watching the SQL a library runs: which rows of which table a write inserts, updates, deletes."""

from __future__ import annotations

import re
from collections import Counter

from app.store import Library

_WRITE = re.compile(r"^\s*(insert into|update|delete from)\s+[\[\"]?(\w+)", re.IGNORECASE)


class StatementLog:
    """Every statement the library's connection runs from now on, as SQLite traces it.

    ``executemany`` is traced once per parameter set, so counts are counts of row statements.
    """

    def __init__(self, library: Library) -> None:
        self.statements: list[str] = []
        library._database.conn.set_trace_callback(self.statements.append)

    def clear(self) -> None:
        self.statements.clear()

    def writes(self, table: str) -> Counter[str]:
        """How many INSERT, UPDATE and DELETE statements ran on ``table``."""
        counts: Counter[str] = Counter()
        for statement in self.statements:
            match = _WRITE.match(statement)
            if match and match.group(2) == table:
                counts[match.group(1).split()[0].upper()] += 1
        return counts

    def on(self, table: str) -> list[str]:
        """The writing statements on ``table``, as run (parameters filled in)."""
        return [
            statement
            for statement in self.statements
            if (match := _WRITE.match(statement)) and match.group(2) == table
        ]

    def tables_written(self) -> set[str]:
        return {match.group(2) for match in map(_WRITE.match, self.statements) if match}
