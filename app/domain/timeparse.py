"""Reading the times people type or paste into a timeline, and writing them back out.

The timeline stores UTC at minute resolution, but people type what their clock or their logs say:
``14:02``, ``2:02 pm``, ``2017-01-31 23:27``, an ISO 8601 time with an offset. ``parse_time``
accepts all of these, reads a time without an offset in the zone the facilitator chose, and
refuses (rather than guesses) a local time that does not exist or happens twice around a daylight
saving change. Every refusal is a ``TimeParseError`` whose text is short enough for a cell's
tooltip. The imports reuse ``TIMESTAMP_PATTERN`` to find timestamps at the start of chat lines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from app.domain.model import to_utc_minute

NEEDS_A_DATE = "needs a date, e.g. 2017-01-31 14:02"
NO_TIME = "no time here"

_DATE = r"(?P<date>(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2}))"
_CLOCK = r"(?P<clock>(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)"
# "p.m." may end in a dot; the look-ahead keeps "2:02 pmx" from counting as an afternoon.
_MERIDIEM = r"(?:\s*(?P<meridiem>[ap])\.?m\.?(?!\w))"
# An offset must touch the time ("23:27+01:00"), so "14:02 -1000 errors" stays a description.
_ZONE = r"(?:(?P<offset>[+-]\d{2}(?::?\d{2})?)|\s*(?P<utc>z|utc)(?!\w))"
_TIMESTAMP = rf"(?:{_DATE}(?:t|\s+))?{_CLOCK}{_MERIDIEM}?{_ZONE}?"

# The same shape without capturing groups, for embedding in other patterns (the chat import).
# It is deliberately loose about ranges ("25:00" matches) so a broken time can be reported.
TIMESTAMP_PATTERN = re.sub(r"\(\?P<\w+>", "(?:", _TIMESTAMP)

_WHOLE_TIMESTAMP = re.compile(rf"\s*{_TIMESTAMP}\s*", re.IGNORECASE)
_WRITTEN_DATE = re.compile(rf"\s*\[?\s*{_DATE}", re.IGNORECASE)
_MAX_OFFSET_HOURS = 23  # datetime.timezone accepts offsets strictly inside one day


class TimeParseError(ValueError):
    """A text is not a time the timeline can hold; ``str()`` says why in a few words."""


@dataclass(frozen=True)
class ParsedTime:
    """A parsed time: ``at`` in UTC at whole minutes, and what was typed when it was not UTC."""

    at: datetime
    # The original text plus the zone it was read in, e.g. "14:02 (Europe/Berlin)";
    # the text alone when it carried its own offset; "" for plain UTC.
    entered_as: str


def parse_time(text: str, *, zone: tzinfo = UTC, default_date: date | None = None) -> ParsedTime:
    """Read ``text`` as a time on the UTC timeline, dropping seconds.

    A time without an offset is read in ``zone``; one without a date falls on ``default_date``
    (a calendar date in ``zone``). An explicit offset or ``Z``/``UTC`` wins over ``zone``.
    Raises TimeParseError with a short reason for anything else, including local times that a
    daylight saving change skipped or repeated.
    """
    match = _WHOLE_TIMESTAMP.fullmatch(text)
    if match is None:
        if not any(character.isdigit() for character in text):
            raise TimeParseError(NO_TIME)
        raise TimeParseError(f"{_shorten(text.strip())} is not a time, e.g. 14:02")
    wall_clock = _wall_clock(match, default_date)
    explicit = _explicit_zone(match)
    try:
        if explicit is not None:
            at = to_utc_minute(wall_clock.replace(tzinfo=explicit))
        else:
            at = to_utc_minute(_localize(wall_clock, zone, match.group("clock")))
    except OverflowError:
        raise TimeParseError(f"{text.strip()} is out of range") from None
    return ParsedTime(at=at, entered_as=_entered_as(text.strip(), explicit, zone))


def written_date(text: str) -> date | None:
    """The calendar date written at the start of a timestamp (``[2017-01-31 14:02]``), if any.

    The imports carry this date over to later lines that give only a time.
    """
    match = _WRITTEN_DATE.match(text)
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _wall_clock(match: re.Match[str], default_date: date | None) -> datetime:
    """The naive date and time written in ``match``, checked field by field."""
    day = _written_or_default_date(match, default_date)
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    clock = match["clock"]
    meridiem = match["meridiem"]
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise TimeParseError(f"{clock} {meridiem.lower()}m is not a time")
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    # A leap second (:60) is refused too: the timeline has minutes, and a log with one is rare.
    if hour > 23 or minute > 59 or second > 59:
        raise TimeParseError(f"{clock} is not a time")
    return datetime(day.year, day.month, day.day, hour, minute)


def _written_or_default_date(match: re.Match[str], default_date: date | None) -> date:
    if match["date"] is None:
        if default_date is None:
            raise TimeParseError(NEEDS_A_DATE)
        return default_date
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise TimeParseError(f"{match['date']} is not a date") from None


def _explicit_zone(match: re.Match[str]) -> tzinfo | None:
    """The zone the text names itself (``Z``, ``UTC``, ``+01:00``), or None."""
    if match["utc"] is not None:
        return UTC
    offset = match["offset"]
    if offset is None:
        return None
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > _MAX_OFFSET_HOURS or minutes > 59:
        raise TimeParseError(f"{offset} is not a UTC offset")
    sign = -1 if offset.startswith("-") else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _localize(wall_clock: datetime, zone: tzinfo, clock: str) -> datetime:
    """``wall_clock`` read in ``zone``; a skipped or repeated local time is refused.

    zoneinfo resolves both silently (``fold`` picks a side), which would put an event an hour
    off without anyone noticing; a facilitator can always add the offset to say which is meant.
    """
    earlier = wall_clock.replace(tzinfo=zone, fold=0)
    later = wall_clock.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    where = f"in {zone_label(zone)} on {wall_clock.date().isoformat()}"
    round_trip = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != wall_clock:
        raise TimeParseError(f"{clock} does not exist {where} (clocks went forward)")
    options = " or ".join(f"{clock}{_offset_text(moment)}" for moment in (earlier, later))
    raise TimeParseError(
        f"{clock} happens twice {where} (clocks went back); add the offset: {options}"
    )


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _entered_as(text: str, explicit: tzinfo | None, zone: tzinfo) -> str:
    if explicit is not None:
        return "" if explicit.utcoffset(None) == timedelta(0) else text
    return "" if is_utc(zone) else f"{text} ({zone_label(zone)})"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_utc(zone: tzinfo) -> bool:
    """Whether ``zone`` is UTC itself (not merely a zone that is at +00:00 in winter)."""
    return zone is UTC or getattr(zone, "key", None) == "UTC"


def zone_label(zone: tzinfo) -> str:
    """The name people know a zone by: its IANA key, or its fixed offset's name."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called ``name`` (``Europe/Berlin``, ``UTC``); letter case may differ.

    Raises ValueError("unknown time zone 'X'") for anything else, including paths and names
    of files in the zone database that are not zones.
    """
    cleaned = name.strip()
    key = _zone_keys().get(cleaned.casefold())
    if key is None:
        raise ValueError(f"unknown time zone {name!r}")
    return ZoneInfo(key)


def zone_names() -> list[str]:
    """Every IANA zone name this system knows, sorted, with ``UTC`` first (the usual choice)."""
    return list(_sorted_zone_names())


@functools.cache
def _sorted_zone_names() -> tuple[str, ...]:
    names = set(available_timezones()) - {"UTC"}
    return ("UTC", *sorted(names))


@functools.cache
def _zone_keys() -> dict[str, str]:
    return {name.casefold(): name for name in _sorted_zone_names()}


def format_utc(at: datetime) -> str:
    """``at`` as ``YYYY-MM-DD HH:MM`` in UTC: how the timeline shows and accepts times."""
    return _format(_aware(at).astimezone(UTC))


def format_in_zone(at: datetime, zone: tzinfo) -> str:
    """``at`` as ``YYYY-MM-DD HH:MM`` on the clocks of ``zone``, for the local-time column.

    Returns "out of range" for the few times at the very ends of the calendar that have no
    local equivalent, so a view never fails on them.
    """
    try:
        return _format(_aware(at).astimezone(zone))
    except OverflowError:
        return "out of range"


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a time without a time zone cannot be placed on a UTC timeline")
    return at


def _format(moment: datetime) -> str:
    # strftime("%Y") does not pad years before 1000 on every platform; format fields directly.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}"
    )
