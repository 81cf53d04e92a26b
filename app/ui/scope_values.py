"""How the scope page's typed text becomes model values, and back.

Kept apart from the widgets so the rules (comma lists are trimmed and de-duplicated, dates are
``YYYY-MM-DD``, sign-off times are UTC to the minute) read in one place and test without a display.
Every parser raises ``ValueError`` with a message fit to show the facilitator as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

DATE_FORMAT = "%Y-%m-%d"
UTC_MINUTE_FORMAT = "%Y-%m-%d %H:%M"


def parse_text_list(text: str) -> tuple[str, ...]:
    """Split comma-separated entries, dropping blanks and repeats (ignoring case), keeping order."""
    return unique_entries(text.split(","))


def unique_entries(entries: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Trimmed, non-empty entries, each once (the first spelling wins), in their given order."""
    seen: set[str] = set()
    kept: list[str] = []
    for entry in entries:
        cleaned = entry.strip()
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            kept.append(cleaned)
    return tuple(kept)


def format_text_list(entries: tuple[str, ...]) -> str:
    return ", ".join(entries)


def parse_optional_date(text: str) -> date | None:
    """``YYYY-MM-DD`` to a date; blank means "not set"."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return datetime.strptime(cleaned, DATE_FORMAT).date()
    except ValueError:
        raise ValueError(
            f"The incident date “{cleaned}” is not a date like 2024-05-17 (YYYY-MM-DD)."
        ) from None


def format_optional_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def parse_utc_minute(text: str) -> datetime:
    """``YYYY-MM-DD HH:MM`` (a ``T`` or a trailing ``UTC``/``Z`` allowed) to an aware UTC time."""
    cleaned = text.strip()
    bare = cleaned.upper().removesuffix("UTC").removesuffix("Z").strip().replace("T", " ")
    try:
        moment = datetime.strptime(bare, UTC_MINUTE_FORMAT)
    except ValueError:
        raise ValueError(
            f"The sign-off time “{cleaned}” is not a UTC time like 2024-05-17 14:30 "
            "(YYYY-MM-DD HH:MM)."
        ) from None
    return moment.replace(tzinfo=UTC)


def format_utc_minute(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime(UTC_MINUTE_FORMAT) if moment else ""
