"""Writing postmortems: a new one whole, an edit only where it differs, row by row.

An edit of one timeline event in a timeline of thousands must not rewrite thousands of rows: that
would be the cost of every autosaved keystroke. For each changed child collection ``write_items``
compares the stored items with the new ones and issues a DELETE for each item that is gone, an
INSERT for each new one, a full-row UPDATE for each item whose values changed and a
``position``-only UPDATE for each item that only moved.

Items with an ``id`` are matched by it: the primary key is ``(postmortem_id, id)`` and ``position``
is not unique, so rows can be renumbered one at a time in any order. Records without one
(participants) are keyed by ``position``, which is their primary key: row ``n`` is rewritten when
item ``n`` differs, rows past the new end are deleted and rows past the old end inserted. That
keeps one code path for every table and makes the common edit (renaming one person) one UPDATE;
inserting at the top rewrites every row, no worse than rewriting the little table whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum, IntEnum
from functools import cache
from typing import Any

from sqlite_utils import Database

from app.domain.model import Postmortem
from app.store.decoding import field_codecs
from app.store.mapping import (
    POSTMORTEMS,
    ChildTable,
    child_tables,
    encode,
    is_json,
    postmortem_columns,
    postmortem_hints,
    postmortem_row,
)

Row = tuple[object, ...]


@dataclass
class ItemChanges:
    """The row writes one collection edit needs, as statement parameters, plus what they mean."""

    deleted: list[Row] = field(default_factory=list)  # key
    inserted: list[Row] = field(default_factory=list)  # postmortem_id, position, columns
    rewritten: list[Row] = field(default_factory=list)  # new values, then key
    moved: list[Row] = field(default_factory=list)  # new position, then key
    # (before, after) of every rewritten item, for the search index to compare.
    pairs: list[tuple[Any, Any]] = field(default_factory=list)

    def count(self) -> int:
        return len(self.deleted) + len(self.inserted) + len(self.rewritten) + len(self.moved)


@dataclass(frozen=True)
class _Statements:
    """The parameterised SQL of one child table; its names are the model's own, never input."""

    insert: str
    delete: str
    rewrite: str
    move: str
    key_index: int  # where the key sits among the record's columns; -1 for position


@cache
def _statements(child: ChildTable) -> _Statements:
    columns = [codec.name for codec in field_codecs(child.record)]
    key = "position" if child.keyed_by_position else "id"
    settable = columns if child.keyed_by_position else ["position", *columns]
    settable = [name for name in settable if name != key]
    assignments = ", ".join(f'"{name}" = ?' for name in settable)
    where = f'WHERE postmortem_id = ? AND "{key}" = ?'
    names = ", ".join(f'"{name}"' for name in ("postmortem_id", "position", *columns))
    marks = ", ".join("?" for _ in range(len(columns) + 2))
    table = f'"{child.table}"'
    return _Statements(
        insert=f"INSERT INTO {table} ({names}) VALUES ({marks})",
        delete=f"DELETE FROM {table} {where}",
        rewrite=f"UPDATE {table} SET {assignments} {where}",
        move=f"UPDATE {table} SET position = ? {where}",
        key_index=-1 if child.keyed_by_position else columns.index(key),
    )


def _column_writer(hint: Any) -> Callable[[Any], object]:
    """``encode(hint, value)``, with the values a scalar column usually gets written directly.

    An import writes thousands of rows at once; the generic ``encode`` costs several calls per
    value. The shortcuts give exactly what ``encode`` gives (tests compare them); anything else,
    and every JSON column, goes through ``encode`` itself.
    """
    if is_json(hint):
        return lambda value: encode(hint, value)

    def write(value: Any) -> object:
        kind = type(value)
        if value is None or kind is str or kind is bool or kind is int:
            return value
        if kind is datetime and value.tzinfo is UTC:
            return value.isoformat().replace("+00:00", "Z")  # as to_plain writes times
        if isinstance(value, Enum) and not isinstance(value, IntEnum) and type(value.value) is str:
            return value.value
        return encode(hint, value)

    return write


@cache
def _encoder(record: type) -> Callable[[object], Row]:
    """The column values of an item, in the record's field order."""
    writers = [(codec.name, _column_writer(codec.hint)) for codec in field_codecs(record)]

    def encoded(item: object) -> Row:
        return tuple(write(getattr(item, name)) for name, write in writers)

    return encoded


def _diff_by_id(
    child: ChildTable, postmortem_id: int, old: Sequence[Any], new: Sequence[Any]
) -> ItemChanges:
    encoded, key_index = _encoder(child.record), _statements(child).key_index
    stored = {item.id: (position, item) for position, item in enumerate(old)}
    changes = ItemChanges()
    kept: set[str] = set()
    for position, item in enumerate(new):
        before = stored.get(item.id)
        if before is None:
            changes.inserted.append((postmortem_id, position, *encoded(item)))
            continue
        kept.add(item.id)
        if before[1] is not item and before[1] != item:
            values = list(encoded(item))
            del values[key_index]
            changes.rewritten.append((position, *values, postmortem_id, item.id))
            changes.pairs.append((before[1], item))
        elif before[0] != position:
            changes.moved.append((position, postmortem_id, item.id))
    changes.deleted = [(postmortem_id, gone) for gone in stored if gone not in kept]
    return changes


def _diff_by_position(
    child: ChildTable, postmortem_id: int, old: Sequence[Any], new: Sequence[Any]
) -> ItemChanges:
    encoded = _encoder(child.record)
    changes = ItemChanges()
    for position, item in enumerate(new):
        if position >= len(old):
            changes.inserted.append((postmortem_id, position, *encoded(item)))
        elif old[position] != item:
            changes.rewritten.append((*encoded(item), postmortem_id, position))
            changes.pairs.append((old[position], item))
    changes.deleted = [(postmortem_id, position) for position in range(len(new), len(old))]
    return changes


def write_items(
    db: Database, child: ChildTable, postmortem_id: int, old: Sequence[Any], new: Sequence[Any]
) -> ItemChanges:
    """Make the stored items of ``child`` go from ``old`` to ``new``; return what was written.

    ``old`` must be what the table holds, as last read: rows are addressed by what it says.
    """
    diff = _diff_by_position if child.keyed_by_position else _diff_by_id
    changes = diff(child, postmortem_id, old, new)
    sql = _statements(child)
    connection = db.conn
    # Deletes first and inserts last: an insert then never meets a row on its way out.
    for statement, parameters in (
        (sql.delete, changes.deleted),
        (sql.rewrite, changes.rewritten),
        (sql.move, changes.moved),
        (sql.insert, changes.inserted),
    ):
        if parameters:
            connection.executemany(statement, parameters)
    return changes


def insert_postmortem(db: Database, postmortem: Postmortem) -> int:
    """Insert a postmortem and its items (with its own id if it has one); return the id."""
    table = db.table(POSTMORTEMS)
    table.insert(postmortem_row(postmortem))
    postmortem_id = postmortem.id if postmortem.id is not None else int(table.last_rowid or 0)
    for child in child_tables():
        write_items(db, child, postmortem_id, (), getattr(postmortem, child.field))
    return postmortem_id


def write_changes(
    db: Database, current: Postmortem, stored: Postmortem, changed: Iterable[str]
) -> dict[str, ItemChanges]:
    """Write the named fields of ``stored`` and its ``updated_at`` over ``current``, as read.

    Columns of ``postmortems`` are updated in one statement; each named child collection only
    where its rows differ. Returns the row changes of each child collection named.
    """
    assert stored.id is not None
    hints = postmortem_hints()
    changed = set(changed) | {"updated_at"}
    columns = changed.intersection(postmortem_columns())
    db.table(POSTMORTEMS).update(
        stored.id, {name: encode(hints[name], getattr(stored, name)) for name in columns}
    )
    return {
        child.field: write_items(
            db, child, stored.id, getattr(current, child.field), getattr(stored, child.field)
        )
        for child in child_tables()
        if child.field in changed
    }
