"""Records from stored rows, and canonical records for writing, quickly and without trusting them.

``app.domain.plain.from_plain`` walks type hints for every value it converts. For a postmortem with
thousands of timeline events that walk is most of the time a load takes, and most of the time an
update spends checking the new timeline. Here every record type gets, once, one small converter per
field chosen from its type hint. A converter handles the usual shape of its value (text that is
text, a UTC time written as ISO 8601, a known enum value) and answers ``SLOW`` for anything else;
those values, and every field whose type has no converter here (JSON columns, nested records), go
through ``from_plain`` itself. So a value is accepted here only where ``from_plain`` would accept it
with the same result, and every refusal is ``from_plain``'s own ValidationError with its path.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum, IntEnum
from functools import cache
from typing import Any, Final

from app.domain.errors import ValidationError
from app.domain.plain import Plain, from_plain, to_plain

_NONE: Final[Mapping[str, object]] = {}
SLOW: Final = object()  # "not the usual shape": the value needs the generic converter
Converter = Callable[[Any], Any]  # a value, or SLOW


def _optional_inner(hint: Any) -> Any | None:
    """X for ``X | None``; None for any other hint."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        rest = [option for option in options if option is not type(None)]
        if len(rest) == 1 and len(options) == 2:
            return rest[0]
    return None


def _enum_lookup(hint: type[Enum]) -> dict[object, Enum]:
    """How from_plain finds a member: IntEnums by lower-case name, other enums by value."""
    if issubclass(hint, IntEnum):
        return {member.name.lower(): member for member in hint}
    return {member.value: member for member in hint}


def _read_time(raw: Any) -> Any:
    if type(raw) is not str:
        return SLOW
    try:
        moment = datetime.fromisoformat(raw)
        return SLOW if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return SLOW


def _read_date(raw: Any) -> Any:
    if type(raw) is not str:
        return SLOW
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return SLOW


def _read_enum(hint: type[Enum]) -> Converter:
    members = _enum_lookup(hint)
    return lambda raw: members.get(raw, SLOW) if type(raw) is str else SLOW


# A column of these types holds the plain value itself (booleans as 0 or 1: SQLite has none).
# Python decodes SQLite text as strict UTF-8, which has no lone surrogates: from_plain's check
# for them cannot fail on a column, so the text reader leaves it out.
_COLUMN_READERS: dict[Any, Converter] = {
    str: lambda raw: raw if type(raw) is str else SLOW,
    int: lambda raw: raw if type(raw) is int else SLOW,
    float: lambda raw: float(raw) if type(raw) in (int, float) else SLOW,
    bool: lambda raw: raw != 0 if type(raw) is int else SLOW,
    datetime: _read_time,
    date: _read_date,
}


@cache
def column_reader(hint: Any) -> Converter | None:
    """The fast reader of a stored column of type ``hint``; None if only from_plain will do."""
    inner = _optional_inner(hint)
    if inner is not None:
        read = column_reader(inner)
        if read is None:
            return None
        return lambda raw: None if raw is None else read(raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _read_enum(hint)
    return _COLUMN_READERS.get(hint)


@dataclass(frozen=True)
class FieldCodec:
    """One field of a record: its name, type hint, fast reader and whether a value is required."""

    name: str
    hint: Any
    read: Converter | None
    required: bool


@cache
def field_codecs(record: type) -> tuple[FieldCodec, ...]:
    """The fields of ``record`` in declaration order, each with its fast reader."""
    hints = typing.get_type_hints(record)
    return tuple(
        FieldCodec(
            name=spec.name,
            hint=hints[spec.name],
            read=column_reader(hints[spec.name]),
            required=spec.default is dataclasses.MISSING
            and spec.default_factory is dataclasses.MISSING,
        )
        for spec in dataclasses.fields(record)
    )


def _always_slow(raw: Any) -> Any:
    return SLOW


class RowReader:
    """Turns the rows of one query, whose columns are known, into records of one type.

    The plan (which column feeds which field, through which reader) is made once per query, so
    each row costs one reader call per field. A column the query lacks leaves the field's
    default (migrations read older layouts); a required field without one is reported.
    """

    def __init__(
        self,
        record: type,
        columns: Sequence[str],
        decode_plain: Callable[[Any, object, str], Plain],
        supplied: Collection[str] = (),
    ) -> None:
        """``decode_plain`` turns a raw column into what from_plain expects (JSON parsed);
        ``supplied`` names fields the caller decodes itself (a postmortem's collections)."""
        self.record = record
        self._decode_plain = decode_plain
        wanted = [codec for codec in field_codecs(record) if codec.name not in supplied]
        self._plan = [
            (codec.name, columns.index(codec.name), codec.read or _always_slow, codec.hint)
            for codec in wanted
            if codec.name in columns
        ]
        self._missing = [c.name for c in wanted if c.required and c.name not in columns]

    def read(self, row: Sequence[object], path: str, extra: Mapping[str, object] = _NONE) -> Any:
        """The record ``row`` describes; ValidationError names ``path`` and the field."""
        if self._missing:
            raise ValidationError(f"{path}.{self._missing[0]}", "is required")
        values = dict(extra)
        for name, index, read, hint in self._plan:
            raw = row[index]
            value = read(raw)
            if value is SLOW:
                where = f"{path}.{name}"
                value = from_plain(hint, self._decode_plain(hint, raw, where), where)
            values[name] = value
        try:
            return self.record(**values)
        except ValidationError as error:  # the record's own rules (a postmortem's) name a field
            raise ValidationError(f"{path}.{error.path}", error.message) from error

    def read_all(self, rows: Iterable[Sequence[object]], path: str) -> tuple[Any, ...]:
        """Records of ``rows`` in order; row ``n`` is reported as ``path[n]``."""
        records: list[Any] = []
        try:
            for row in rows:
                records.append(self.read(row, ""))
        except ValidationError as error:
            raise ValidationError(f"{path}[{len(records)}]{error.path}", error.message) from error
        return tuple(records)


# --- values about to be written ---------------------------------------------------------------


def _is_text(value: Any) -> bool:
    if type(value) is not str:
        return False
    if value.isascii():  # O(1) in CPython: most text needs no closer look
        return True
    try:
        value.encode("utf-8")  # from_plain refuses lone surrogates; so must we
    except UnicodeEncodeError:
        return False
    return True


# Values from_plain(hint, to_plain(value)) gives back unchanged.
_CANONICAL: dict[Any, Callable[[Any], bool]] = {
    str: _is_text,
    int: lambda value: type(value) is int,
    float: lambda value: type(value) is float,
    bool: lambda value: type(value) is bool,
    datetime: lambda value: type(value) is datetime and value.tzinfo is UTC and value.fold == 0,
    date: lambda value: type(value) is date,
}


@cache
def canonical_check(hint: Any) -> Callable[[Any], bool] | None:
    """A test that a value of type ``hint`` is already exactly what the plain round trip gives.

    None when there is no quick test for ``hint`` (mappings, say): such values always take the
    round trip. Tuples must be tuples (a list takes the round trip and becomes one).
    """
    inner = _optional_inner(hint)
    if inner is not None:
        check = canonical_check(inner)
        return None if check is None else (lambda value: value is None or check(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: type(value) is hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_check(hint)
    if typing.get_origin(hint) is tuple:
        item_hint, ellipsis = typing.get_args(hint)
        item_check = canonical_check(item_hint) if ellipsis is Ellipsis else None
        if item_check is None:
            return None
        return lambda value: type(value) is tuple and all(map(item_check, value))
    return _CANONICAL.get(hint)


def _record_check(record: type) -> Callable[[Any], bool] | None:
    checks: list[tuple[str, Callable[[Any], bool]]] = []
    for codec in field_codecs(record):
        check = canonical_check(codec.hint)
        if check is None:
            return None
        checks.append((codec.name, check))

    def is_canonical(value: Any) -> bool:
        return type(value) is record and all(check(getattr(value, name)) for name, check in checks)

    return is_canonical


def _is_canonical(hint: Any, value: object, trusted: Collection[object]) -> bool:
    check = canonical_check(hint)
    if check is None:
        return False
    if not trusted or type(value) is not tuple or typing.get_origin(hint) is not tuple:
        return check(value)
    item_check = canonical_check(typing.get_args(hint)[0])
    assert item_check is not None  # a tuple has a check only if its items have one
    # Objects alive at once have distinct ids, so an id in ``known`` is one of ``trusted``.
    known = {id(item) for item in trusted}
    return all(id(item) in known or item_check(item) for item in value)


def normalise(hint: Any, value: object, path: str, trusted: Collection[object] = ()) -> Any:
    """``value`` as exactly type ``hint``, or ValidationError naming ``path``.

    The plain round trip catches values the model's constructors would accept but the file could
    not hold (a bare string for an enum, a naive time, a list where a record belongs); a value
    that passes ``canonical_check`` is returned as it is, since the round trip would not change it.
    Items of a tuple that are among ``trusted`` (objects already checked or read from the file:
    records are immutable) need no second look; an edit of one event in thousands checks one.
    """
    if _is_canonical(hint, value, trusted):
        return value
    try:
        plain = to_plain(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(path, str(error)) from error
    return from_plain(hint, plain, path)
