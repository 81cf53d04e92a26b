"""Retro's own words in an export: times, dates, yes/no answers and names of things.

Both audiences' documents format values the same way, so the internal postmortem and the
customer summary of one incident agree to the minute. Times are always UTC (the timeline's
zone) and say so; dates are ISO 8601, which reads the same in every country.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.evidence import is_link
from app.domain.model import CauseClassification
from app.export.document import Cell, Link

NOT_SET = "Not set"


def utc_time(moment: datetime) -> str:
    """``2026-11-03 14:02`` for a table whose header says the zone."""
    # Fields, not strftime: strftime does not pad years before 1000 on every platform.
    return f"{utc_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def utc_moment(moment: datetime) -> str:
    """``2026-11-03 14:02 UTC``, for text that stands on its own."""
    return f"{utc_time(moment)} UTC"


def utc_date(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def optional_date(day: date | None, *, missing: str = NOT_SET) -> str:
    return missing if day is None else utc_date(day)


def yes_no(value: bool | None, *, undecided: str = "Not decided") -> str:
    if value is None:
        return undecided
    return "Yes" if value else "No"


def or_not_set(text: str) -> str:
    """``text`` as written, or "Not set" when it is blank."""
    return text if text.strip() else NOT_SET


def link_or_text(entry: str) -> Cell:
    """A web link as a ``Link`` showing its address, anything else as the text written."""
    text = entry.strip()
    return Link(text, text) if is_link(text) else entry


CLASSIFICATION_HEADINGS: dict[CauseClassification, str] = {
    CauseClassification.ROOT_CAUSE: "Root cause",
    CauseClassification.CONTRIBUTING_FACTOR: "Contributing factors",
    CauseClassification.UNDECIDED: "Not classified yet",
    CauseClassification.RULED_OUT: "Ruled out",
}
