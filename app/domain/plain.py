"""Convert model records to plain JSON-ready values and back, checking every field on the way in.

One converter, driven by the records' type hints, serves the JSON interchange format and the
store's columns alike, so a new field needs no new mapping code. Reading back never trusts its
input: a wrong type, an unknown enum value, a naive time or an unknown field is reported with the
path of the offending field (``postmortem.timeline[3].at``).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import UTC, date, datetime
from enum import Enum, IntEnum
from typing import Any

from app.domain.errors import ValidationError

Plain = None | bool | int | float | str | list["Plain"] | dict[str, "Plain"]


def to_plain(value: object) -> Plain:
    """A JSON-compatible rendering of a record, enum, time or collection of them."""
    if value is None or (
        isinstance(value, bool | int | float | str) and not isinstance(value, Enum)
    ):
        return value
    if isinstance(value, IntEnum):
        return value.name.lower()
    if isinstance(value, Enum):
        return typing.cast(Plain, value.value)
    if isinstance(value, datetime):
        return _format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {_plain_key(key): to_plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot convert {type(value).__name__} to a plain value")


def _plain_key(key: object) -> str:
    plain = to_plain(key)
    if not isinstance(plain, str):
        raise TypeError(f"mapping keys must convert to text, not {type(plain).__name__}")
    return plain


def _format_datetime(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("refusing to write a time without a time zone")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def from_plain(hint: Any, data: object, path: str = "$") -> Any:
    """Build a value of type ``hint`` from plain ``data``; raise ValidationError naming ``path``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _from_union(hint, data, path)
    if origin is tuple:
        return _from_tuple(hint, data, path)
    if origin is dict:
        return _from_dict(hint, data, path)
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _from_record(hint, data, path)
        return _from_scalar(hint, data, path)
    raise TypeError(f"{path}: unsupported type {hint!r}")


def _from_union(hint: Any, data: object, path: str) -> Any:
    options = [option for option in typing.get_args(hint) if option is not type(None)]
    if data is None:
        if len(options) < len(typing.get_args(hint)):
            return None
        raise ValidationError(path, "must not be null")
    if len(options) != 1:
        raise TypeError(f"{path}: only optional types are supported, not {hint!r}")
    return from_plain(options[0], data, path)


def _from_tuple(hint: Any, data: object, path: str) -> tuple[Any, ...]:
    item_hint, ellipsis = typing.get_args(hint)
    if ellipsis is not Ellipsis:
        raise TypeError(f"{path}: only homogeneous tuples are supported")
    if not isinstance(data, list):
        raise ValidationError(path, f"must be a list, not {_describe(data)}")
    return tuple(from_plain(item_hint, item, f"{path}[{index}]") for index, item in enumerate(data))


def _from_dict(hint: Any, data: object, path: str) -> dict[Any, Any]:
    key_hint, value_hint = typing.get_args(hint)
    if not isinstance(data, dict):
        raise ValidationError(path, f"must be an object, not {_describe(data)}")
    return {
        from_plain(key_hint, key, f"{path}.{key}"): from_plain(value_hint, value, f"{path}.{key}")
        for key, value in data.items()
    }


@functools.cache
def _field_hints(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record)


def _from_record(record: type, data: object, path: str) -> Any:
    if not isinstance(data, dict):
        raise ValidationError(path, f"must be an object, not {_describe(data)}")
    hints = _field_hints(record)
    fields = {f.name: f for f in dataclasses.fields(record)}
    for name in data:
        if name not in fields:
            raise ValidationError(f"{path}.{name}", "is not a known field")
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        if name in data:
            values[name] = from_plain(hints[name], data[name], f"{path}.{name}")
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise ValidationError(f"{path}.{name}", "is required")
    try:
        return record(**values)
    except ValidationError as error:
        raise ValidationError(f"{path}.{error.path}", error.message) from error


def _from_scalar(hint: type, data: object, path: str) -> Any:
    if issubclass(hint, IntEnum):
        return _from_enum_name(hint, data, path)
    if issubclass(hint, Enum):
        return _from_enum_value(hint, data, path)
    if hint is datetime:
        return _parse_datetime(data, path)
    if hint is date:
        return _parse_date(data, path)
    if hint is bool:
        if not isinstance(data, bool):
            raise ValidationError(path, f"must be true or false, not {_describe(data)}")
        return data
    if hint is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValidationError(path, f"must be a whole number, not {_describe(data)}")
        return data
    if hint is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise ValidationError(path, f"must be a number, not {_describe(data)}")
        return float(data)
    if hint is str:
        return _check_text(data, path)
    raise TypeError(f"{path}: unsupported type {hint.__name__}")


def _check_text(data: object, path: str) -> str:
    if not isinstance(data, str):
        raise ValidationError(path, f"must be text, not {_describe(data)}")
    try:
        data.encode("utf-8")
    except UnicodeEncodeError:
        # JSON can spell a lone surrogate (\\ud800); no file or database can store it.
        raise ValidationError(path, "contains an unpaired surrogate, which is not text") from None
    return data


def _from_enum_value(hint: type[Enum], data: object, path: str) -> Enum:
    for member in hint:
        if member.value == data:
            return member
    allowed = ", ".join(repr(member.value) for member in hint)
    raise ValidationError(path, f"must be one of {allowed}, not {_describe(data)}")


def _from_enum_name(hint: type[IntEnum], data: object, path: str) -> IntEnum:
    for member in hint:
        if member.name.lower() == data:
            return member
    allowed = ", ".join(repr(member.name.lower()) for member in hint)
    raise ValidationError(path, f"must be one of {allowed}, not {_describe(data)}")


def _parse_datetime(data: object, path: str) -> datetime:
    if not isinstance(data, str):
        raise ValidationError(path, f"must be an ISO 8601 time, not {_describe(data)}")
    try:
        moment = datetime.fromisoformat(data)
    except ValueError:
        raise ValidationError(path, f"is not an ISO 8601 time: {data!r}") from None
    if moment.tzinfo is None:
        raise ValidationError(path, f"needs a time zone (write it in UTC with Z): {data!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError(path, f"is out of range once converted to UTC: {data!r}") from None


def _parse_date(data: object, path: str) -> date:
    if not isinstance(data, str):
        raise ValidationError(path, f"must be a date YYYY-MM-DD, not {_describe(data)}")
    try:
        return date.fromisoformat(data)
    except ValueError:
        raise ValidationError(path, f"is not a date YYYY-MM-DD: {data!r}") from None


def _describe(data: object) -> str:
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, str):
        shown = data if len(data) <= 40 else data[:37] + "..."
        return f"text {shown!r}"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "an object"
    return f"{type(data).__name__} {data!r}"


def json_kind(value: object) -> str:
    """What kind of JSON value ``value`` is, in words, for messages about parsed documents."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number"
