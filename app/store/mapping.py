"""Map a Postmortem to table rows and back, driven only by the records' fields and type hints.

Every top-level collection of records (``timeline``, ``causes``...) is a child table; every other
field is a column of ``postmortems``. Values go through ``app.domain.plain``: scalars are stored as
their plain value (enums and times as text), lists, dicts and nested records as JSON text. Reading
checks every field as ``from_plain`` does (``app.store.decoding``), so a new model field needs a
migration that adds its column and nothing here; writing is in ``app.store.writing``. A column
the file does not have yet simply yields the field's default, and a child table it does not have
yet yields no items, which lets migrations use this code on older layouts.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlite_utils import Database

from app.domain.errors import ValidationError
from app.domain.model import Postmortem
from app.domain.plain import Plain, from_plain, to_plain
from app.store.decoding import RowReader, normalise

POSTMORTEMS = "postmortems"
# The model's field name is the table name, except where a plural reads better in SQL.
_TABLE_NAMES = {"timeline": "timeline_events", "appendix": "appendix_links"}
# Fields the store owns: callers never change them through ``update``.
STORE_OWNED_FIELDS = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True)
class ChildTable:
    """A tuple-of-records field of Postmortem and the table that holds its items in order."""

    field: str
    table: str
    record: type
    # Records without an ``id`` (participants) are keyed by their position instead.
    keyed_by_position: bool


@cache
def postmortem_hints() -> dict[str, Any]:
    """The resolved type hint of every Postmortem field."""
    return typing.get_type_hints(Postmortem)


@cache
def _record_hints(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


@cache
def is_json(hint: Any) -> bool:
    """Collections and nested records are stored as one JSON text column."""
    base = _strip_optional(hint)
    return typing.get_origin(base) in (tuple, dict) or dataclasses.is_dataclass(base)


@cache
def _is_bool(hint: Any) -> bool:
    return _strip_optional(hint) is bool


def _collection_record(hint: Any) -> type | None:
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(item, type) and dataclasses.is_dataclass(item):
            return item
    return None


@cache
def child_tables() -> tuple[ChildTable, ...]:
    """One ChildTable per tuple-of-records field of Postmortem, in the model's field order."""
    children = []
    for spec in dataclasses.fields(Postmortem):
        record = _collection_record(postmortem_hints()[spec.name])
        if record is not None:
            keyed_by_position = "id" not in {f.name for f in dataclasses.fields(record)}
            table = _TABLE_NAMES.get(spec.name, spec.name)
            children.append(ChildTable(spec.name, table, record, keyed_by_position))
    return tuple(children)


@cache
def postmortem_columns() -> tuple[str, ...]:
    """The Postmortem fields stored as columns of ``postmortems`` (all but the child tables)."""
    child_fields = {child.field for child in child_tables()}
    return tuple(f.name for f in dataclasses.fields(Postmortem) if f.name not in child_fields)


def record_columns(record: type) -> tuple[str, ...]:
    """The columns a child table needs for ``record``, besides postmortem_id and position."""
    return tuple(f.name for f in dataclasses.fields(record))


def encode(hint: Any, value: object) -> object:
    """The column value for a field value: its plain form, JSON text for structured values."""
    plain = to_plain(value)
    if plain is not None and is_json(hint):
        return json.dumps(plain, ensure_ascii=False)
    return plain


def decode_plain(hint: Any, raw: object, path: str) -> Plain:
    """The plain value of a stored column, ready for ``from_plain``; bad JSON names ``path``."""
    if raw is None:
        return None
    if is_json(hint):
        if not isinstance(raw, str):
            return typing.cast(Plain, raw)  # from_plain reports the wrong type with its path
        try:
            return typing.cast(Plain, json.loads(raw))
        except json.JSONDecodeError as error:
            raise ValidationError(path, f"holds damaged JSON ({error})") from error
    if _is_bool(hint) and isinstance(raw, int):
        return bool(raw)  # SQLite has no boolean type and hands back 0 or 1
    return typing.cast(Plain, raw)


def decode_column(name: str, raw: object, path: str) -> Any:
    """One column of ``postmortems`` as a typed value; ValidationError names ``path``."""
    hint = postmortem_hints()[name]
    return from_plain(hint, decode_plain(hint, raw, path), path)


def postmortem_row(postmortem: Postmortem) -> dict[str, object]:
    """The ``postmortems`` row of a postmortem; without ``id`` when it has none yet."""
    hints = postmortem_hints()
    row = {name: encode(hints[name], getattr(postmortem, name)) for name in postmortem_columns()}
    if postmortem.id is None:
        del row["id"]
    return row


def _reader(db: Database, record: type, sql: str, postmortem_id: int) -> tuple[RowReader, Any]:
    cursor = db.execute(sql, [postmortem_id])
    columns = [column[0] for column in cursor.description]
    supplied = [child.field for child in child_tables()] if record is Postmortem else []
    return RowReader(record, columns, decode_plain, supplied), cursor


def read_postmortem(db: Database, postmortem_id: int) -> Postmortem | None:
    """The stored postmortem, or None; stored data breaking a rule raises ValidationError.

    Rows become records through ``app.store.decoding``, which checks every value as strictly as
    ``from_plain`` (and defers to it for anything unusual) at a fraction of its cost per row.
    """
    sql = f"SELECT * FROM {POSTMORTEMS} WHERE id = ?"
    reader, cursor = _reader(db, Postmortem, sql, postmortem_id)
    row = cursor.fetchone()
    if row is None:
        return None
    children: dict[str, object] = {}
    for child in child_tables():
        sql = f"SELECT * FROM {child.table} WHERE postmortem_id = ? ORDER BY position"
        try:
            child_reader, rows = _reader(db, child.record, sql, postmortem_id)
        except sqlite3.OperationalError:
            if _has_table(db, child.table):
                raise
            children[child.field] = ()  # a later migration adds the table: no items yet
            continue
        children[child.field] = child_reader.read_all(rows, f"postmortem.{child.field}")
    return typing.cast(Postmortem, reader.read(row, "postmortem", children))


def _has_table(db: Database, table: str) -> bool:
    """Asked only when reading a table failed: the usual read pays nothing for the check."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return db.execute(sql, [table]).fetchone() is not None


def normalise_change(name: str, value: object, trusted: Collection[object] = ()) -> object:
    """``value`` for field ``name`` as the model's exact type, or ValidationError naming the field.

    Going through the plain converter catches values ``dataclasses.replace`` would accept but the
    file could not hold (a bare string for an enum, a naive time, a list where a record belongs).
    """
    return normalise(postmortem_hints()[name], value, name, trusted)
