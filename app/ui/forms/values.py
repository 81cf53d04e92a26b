"""What kind of editor each record field needs, and how its value reads and writes as text.

Both the record forms and the collection tables derive their editors from the records' type
hints through ``field_spec``, so a new field in the model gets a working editor without new
widget code. Parsing lives here, apart from the widgets, so the rules (UTC to the minute, empty
means "not set") are the same in every editor and can be tested without a display.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATETIME_HINT = "YYYY-MM-DD HH:MM"
DATE_HINT = "YYYY-MM-DD"

_DATETIME_PATTERN = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(:\d{2}(?:\.\d+)?)?\s*(?:Z|UTC)?$",
    re.IGNORECASE,
)
_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

# Field names whose labels read better than the humanised name.
FIELD_LABELS: dict[str, str] = {
    "at": "Time (UTC)",
    "sla_breached": "SLA breached",
    "aligned_with_customer_communication": "Checked against customer communication",
    "external_postmortem_required": "External postmortem required",
    "shared_at": "Shared at (UTC)",
    "category_id": "Category",
    "parent_id": "Refines",
    "cause_ids": "Addresses",
    "event_ids": "Timeline events",
    "url": "URL",
    "due": "Due",
}


class FieldKind(Enum):
    """The editor a field gets; decided from the type hint, or named explicitly for references."""

    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    TRI_STATE = "tri_state"
    ENUM = "enum"
    DATETIME = "datetime"
    DATE = "date"
    TEXT_LIST = "text_list"
    REFERENCE = "reference"
    REFERENCE_LIST = "reference_list"


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a record: its name, its label and how it is edited."""

    name: str
    label: str
    kind: FieldKind
    optional: bool = False
    enum_type: type[Enum] | None = None


class ParseError(ValueError):
    """Text typed into a field that cannot become its value; the message says how to fix it."""


def humanise(name: str) -> str:
    """``users_affected`` -> ``Users affected``: the fallback label for a field."""
    return name.replace("_", " ").strip().capitalize()


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, humanise(name))


@functools.cache
def _hints(record_type: type) -> dict[str, Any]:
    return typing.get_type_hints(record_type)


def field_spec(record_type: type, name: str, kind: FieldKind | None = None) -> FieldSpec:
    """Describe ``record_type.name`` for an editor; ``kind`` overrides the type-hint guess."""
    hint = _hints(record_type)[name]
    optional = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        optional = len(options) < len(typing.get_args(hint))
        hint = options[0]
    enum_type = hint if isinstance(hint, type) and issubclass(hint, Enum) else None
    if kind is None:
        kind = _kind_for(hint, optional)
    return FieldSpec(name, field_label(name), kind, optional, enum_type)


def _kind_for(hint: Any, optional: bool) -> FieldKind:
    if typing.get_origin(hint) is tuple:
        return FieldKind.TEXT_LIST
    if hint is bool:
        return FieldKind.TRI_STATE if optional else FieldKind.BOOL
    if isinstance(hint, type) and issubclass(hint, Enum):
        return FieldKind.ENUM
    simple = {str: FieldKind.TEXT, int: FieldKind.INT, datetime: FieldKind.DATETIME}
    if hint in simple:
        return simple[hint]
    if hint is date:
        return FieldKind.DATE
    raise TypeError(f"no editor for fields of type {hint!r}")


def record_specs(record_type: type, skip: tuple[str, ...] = ("id",)) -> tuple[FieldSpec, ...]:
    """Every field of a record type except ``skip``, in declaration order."""
    return tuple(
        field_spec(record_type, f.name)
        for f in dataclasses.fields(record_type)
        if f.name not in skip
    )


def format_datetime(moment: datetime | None) -> str:
    """A time as ``YYYY-MM-DD HH:MM`` in UTC; empty for "not set"."""
    return "" if moment is None else moment.astimezone(UTC).strftime(DATETIME_FORMAT)


def format_date(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def parse_datetime(text: str) -> datetime:
    """Read ``YYYY-MM-DD HH:MM`` as a UTC time to the minute (the timeline's resolution)."""
    match = _DATETIME_PATTERN.match(text.strip())
    if match is None:
        raise ParseError(f"write the time as {DATETIME_HINT} in UTC, not {text.strip()!r}")
    year, month, day, hour, minute, seconds = match.groups()
    if seconds is not None and float(seconds[1:]) != 0:
        raise ParseError("times are recorded to the minute: leave out the seconds")
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=UTC)
    except ValueError as error:
        raise ParseError(f"{text.strip()!r} is not a real time ({error})") from None


def parse_date(text: str) -> date:
    match = _DATE_PATTERN.match(text.strip())
    if match is None:
        raise ParseError(f"write the date as {DATE_HINT}, not {text.strip()!r}")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise ParseError(f"{text.strip()!r} is not a real date ({error})") from None


def parse_count(text: str) -> int:
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not cleaned.isdigit():
        raise ParseError(f"write a whole number (0 or more), not {text.strip()!r}")
    return int(cleaned)


def split_lines(text: str) -> tuple[str, ...]:
    """One item per line, blank lines dropped: how lists like evidence are typed."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def format_value(spec: FieldSpec, value: Any) -> str:
    """The text an editor shows for ``value`` (references are named by the caller)."""
    if value is None:
        return ""
    if spec.kind is FieldKind.DATETIME:
        return format_datetime(value)
    if spec.kind is FieldKind.DATE:
        return format_date(value)
    if spec.kind is FieldKind.TEXT_LIST:
        return "\n".join(value)
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    return str(value)


def parse_value(spec: FieldSpec, text: str) -> Any:
    """The value typed as ``text``; empty text is None for optional fields. Raises ParseError."""
    if not text.strip() and spec.optional:
        return None
    if spec.kind is FieldKind.DATETIME:
        return parse_datetime(text)
    if spec.kind is FieldKind.DATE:
        return parse_date(text)
    if spec.kind is FieldKind.INT:
        return parse_count(text)
    if spec.kind is FieldKind.TEXT_LIST:
        return split_lines(text)
    if spec.kind is FieldKind.TEXT:
        return text
    raise TypeError(f"{spec.name} is not edited as text")


def choices_for(spec: FieldSpec) -> list[tuple[Any, str]]:
    """(value, label) pairs for enum and yes/no fields, "not set" first when optional."""
    if spec.kind is FieldKind.TRI_STATE:
        return [(None, "Not decided"), (True, "Yes"), (False, "No")]
    if spec.kind is not FieldKind.ENUM or spec.enum_type is None:
        raise TypeError(f"{spec.name} has no fixed choices")
    members: list[tuple[Any, str]] = [
        (member, str(getattr(member, "label", member.value))) for member in spec.enum_type
    ]
    return ([(None, "Not set")] if spec.optional else []) + members
