"""Timeline events from pasted chat or notes: every line that starts with a time starts an event.

Accepted starts are the times ``parse_time`` reads (``14:02``, ``2:02 pm``, ``2017-01-31 14:02``,
ISO 8601 with an offset, a trailing ``UTC``/``Z``), optionally in square brackets (``[14:02]``,
``[2017-01-31 14:02:59]``), followed by an optional separator: ``—``, ``-``, ``:`` or ``|``.
Common chat exports (``[14:02] alice: text``, ``2017-01-31 14:02 alice: text``) fit this shape.
A line without a time continues the event before it, the way a long chat message wraps. One
regular expression per line keeps a 10,000-line log well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from app.domain.model import TimelineEvent
from app.domain.timeline_import_common import (
    NO_DESCRIPTION,
    DateCarrier,
    ImportPreview,
    SkippedLine,
    TimeParseError,
    new_event,
)
from app.domain.timeparse import TIMESTAMP_PATTERN

NO_TIME_AT_START = "no time at the start"

_LINE = re.compile(
    rf"""
    \s*
    (?:
        \[\s*(?P<bracketed>{TIMESTAMP_PATTERN})\s*\]
      | (?P<bare>{TIMESTAMP_PATTERN})(?!\w)
    )
    \s*(?:[\u2014\u2013-]+|:|\|)?\s*   # the separator: em dash, en dash, hyphen, colon, bar
    (?P<rest>.*)
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class _OpenEvent:
    """An event being read: its first line and the lines that continue it."""

    line: int
    text: str
    at: datetime
    entered_as: str
    parts: list[str] = field(default_factory=list)


def parse_text(text: str, *, source: str, zone: tzinfo, default_date: date | None) -> ImportPreview:
    """Events from chat or notes in ``text``; lines that cannot be placed are listed as skipped.

    Skipped are: a line without a time before the first event, a line whose time is broken
    (``25:00``, a time a DST change skipped, a time without any date to put it on), the lines
    continuing such a line, and an event with no description.
    """
    dates = DateCarrier(zone, default_date)
    events: list[TimelineEvent] = []
    skipped: list[SkippedLine] = []
    current: _OpenEvent | None = None
    broken_line: int | None = None  # the skipped timestamped line that later lines continue
    for number, line in enumerate(_LINE_BREAK.split(text.removeprefix("\ufeff")), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            if current is not None:
                current.parts.append(line.strip())
            else:
                reason = (
                    NO_TIME_AT_START
                    if broken_line is None
                    else f"continues line {broken_line}, which was skipped"
                )
                skipped.append(SkippedLine(number, line, reason))
            continue
        if current is not None:
            _close(current, events, skipped)
            current = None
        try:
            at, entered_as = dates.read(match["bracketed"] or match["bare"])
        except TimeParseError as error:
            skipped.append(SkippedLine(number, line, str(error)))
            broken_line = number
            continue
        broken_line = None
        current = _OpenEvent(number, line, at, entered_as, [match["rest"].strip()])
    if current is not None:
        _close(current, events, skipped)
    return ImportPreview(source=source, events=tuple(events), skipped=tuple(skipped))


def _close(event: _OpenEvent, events: list[TimelineEvent], skipped: list[SkippedLine]) -> None:
    description = "\n".join(part for part in event.parts if part)
    if not description:
        skipped.append(SkippedLine(event.line, event.text, NO_DESCRIPTION))
        return
    events.append(new_event(event.at, description, entered_as=event.entered_as))
