"""Map a Postmortem to table rows and back, driven only by the records' fields and type hints.

Every top-level collection of records (``timeline``, ``causes``...) is a child table; every other
field is a column of ``postmortems``. Values go through ``app.domain.plain``: scalars are stored as
their plain value (enums and times as text), lists, dicts and nested records as JSON text. Reading
builds a plain document from the rows and hands it to ``from_plain``, which checks every field, so
a new model field needs a migration that adds its column and nothing here. A column the file does
not have yet simply yields the field's default, which lets migrations use this code on older
layouts.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlite_utils import Database

from app.domain.errors import ValidationError
from app.domain.model import Postmortem
from app.domain.plain import Plain, from_plain, to_plain

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
def _is_json(hint: Any) -> bool:
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
    if plain is not None and _is_json(hint):
        return json.dumps(plain, ensure_ascii=False)
    return plain


def decode_plain(hint: Any, raw: object, path: str) -> Plain:
    """The plain value of a stored column, ready for ``from_plain``; bad JSON names ``path``."""
    if raw is None:
        return None
    if _is_json(hint):
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


def _row_to_plain(record: type, row: Mapping[str, object], path: str) -> dict[str, Plain]:
    """A row as the plain document of its record; an absent column leaves the field's default."""
    hints = _record_hints(record)
    return {
        name: decode_plain(hints[name], row[name], f"{path}.{name}")
        for name in record_columns(record)
        if name in row
    }


def postmortem_row(postmortem: Postmortem) -> dict[str, object]:
    """The ``postmortems`` row of a postmortem; without ``id`` when it has none yet."""
    hints = postmortem_hints()
    row = {name: encode(hints[name], getattr(postmortem, name)) for name in postmortem_columns()}
    if postmortem.id is None:
        del row["id"]
    return row


def child_rows(
    child: ChildTable, postmortem_id: int, items: Iterable[object]
) -> list[dict[str, object]]:
    """The rows of one child table for ``items``, numbered by display position."""
    hints = _record_hints(child.record)
    return [
        {
            "postmortem_id": postmortem_id,
            "position": position,
            **{
                name: encode(hints[name], getattr(item, name))
                for name in record_columns(child.record)
            },
        }
        for position, item in enumerate(items)
    ]


def insert_postmortem(db: Database, postmortem: Postmortem) -> int:
    """Insert a postmortem and its items (with its own id if it has one); return the id."""
    table = db.table(POSTMORTEMS)
    table.insert(postmortem_row(postmortem))
    postmortem_id = postmortem.id if postmortem.id is not None else int(table.last_rowid or 0)
    for child in child_tables():
        _write_children(db, child, postmortem_id, getattr(postmortem, child.field))
    return postmortem_id


def write_changes(db: Database, stored: Postmortem, changed: Iterable[str]) -> None:
    """Write the named fields of ``stored`` and its ``updated_at``; other tables stay untouched."""
    assert stored.id is not None
    hints = postmortem_hints()
    columns = set(postmortem_columns())
    changed = set(changed) | {"updated_at"}
    updates = {name: encode(hints[name], getattr(stored, name)) for name in changed & columns}
    db.table(POSTMORTEMS).update(stored.id, updates)
    for child in child_tables():
        if child.field in changed:
            db.table(child.table).delete_where("postmortem_id = ?", [stored.id])
            _write_children(db, child, stored.id, getattr(stored, child.field))


def _write_children(
    db: Database, child: ChildTable, postmortem_id: int, items: Iterable[object]
) -> None:
    rows = child_rows(child, postmortem_id, items)
    if rows:
        db.table(child.table).insert_all(rows)


def read_postmortem(db: Database, postmortem_id: int) -> Postmortem | None:
    """The stored postmortem, or None; stored data breaking a rule raises ValidationError."""
    rows = list(db.query(f"SELECT * FROM {POSTMORTEMS} WHERE id = ?", [postmortem_id]))
    if not rows:
        return None
    document: dict[str, Plain] = dict(_row_to_plain(Postmortem, rows[0], "postmortem"))
    for child in child_tables():
        query = f"SELECT * FROM {child.table} WHERE postmortem_id = ? ORDER BY position"
        rows = list(db.query(query, [postmortem_id]))
        document[child.field] = [
            _row_to_plain(child.record, row, f"postmortem.{child.field}[{index}]")
            for index, row in enumerate(rows)
        ]
    return typing.cast(Postmortem, from_plain(Postmortem, document, "postmortem"))


def normalise_change(name: str, value: object) -> object:
    """``value`` for field ``name`` as the model's exact type, or ValidationError naming the field.

    Going through the plain converter catches values ``dataclasses.replace`` would accept but the
    file could not hold (a bare string for an enum, a naive time, a list where a record belongs).
    """
    try:
        plain = to_plain(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(name, str(error)) from error
    return from_plain(postmortem_hints()[name], plain, name)
