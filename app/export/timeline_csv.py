"""The timeline as CSV: one row per event, UTC times in ISO 8601, readable by any spreadsheet.

The columns are the ones the CSV import looks for, so a file written here imports back into
the same events (new ids aside, and without ``entered_as``: the export is all UTC).

Text is written exactly as it is. A description that starts with ``=``, ``+``, ``-`` or ``@``
is not prefixed with a quote or otherwise "defused" against spreadsheet formula injection:
this file is data for other tools and for re-import, and altering it would break the round
trip and put characters into the timeline that nobody typed. Anyone opening it in a
spreadsheet should import it as text, as with any CSV of untrusted content.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from app.domain.model import TimelineEvent

HEADER = ("time", "milestone", "description", "source", "internal_only", "key_event")


def timeline_to_csv(timeline: tuple[TimelineEvent, ...]) -> str:
    """The events in timeline order as RFC 4180 CSV text (CRLF line ends) with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for event in timeline:
        writer.writerow(
            (
                iso_utc(event.at),
                event.milestone.value if event.milestone is not None else "",
                event.description,
                event.evidence,
                _flag(event.internal_only),
                _flag(event.key_event),
            )
        )
    return buffer.getvalue()


def iso_utc(at: datetime) -> str:
    """``at`` as ``YYYY-MM-DDTHH:MM:SSZ``, zero-padded for every year from 1 to 9999."""
    moment = at.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def _flag(value: bool) -> str:
    return "true" if value else "false"
