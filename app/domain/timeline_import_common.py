"""What every timeline import shares: its result, its errors, and the rules for new events.

The format readers (``timeline_import_text``, ``_csv``, ``_slack``) build an ``ImportPreview``
from here; ``app.domain.timeline_import`` is the public face that picks one and merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from app.domain.model import Milestone, TimelineEvent, new_id
from app.domain.timeparse import TimeParseError, parse_time, written_date

MAX_IMPORT_BYTES = 20 * 1024 * 1024
NO_DESCRIPTION = "no description"


class ImportFileError(ValueError):
    """A whole file cannot be imported; the message names the file and, when known, the line.

    ``source`` is the file's name, ``problem`` the reason alone and ``line`` the 1-based line
    where reading stopped (None when the problem is the file as a whole).
    """

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        where = source if line is None else f"{source}, line {line}"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class SkippedLine:
    """A line (or CSV row, or Slack message) that was not imported, or imported with a change.

    ``line`` is the 1-based line in the file (for Slack exports: the message's position in the
    list), ``text`` the line as it was, ``reason`` why, in a few words.
    """

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import would add, shown to the facilitator before anything is written.

    ``events`` are new events with new ids, in file order. ``skipped`` lists what could not be
    read. ``adjusted`` lists events that were imported with a change the reader had to make
    (so far only one: a milestone that was already marked is left off).
    """

    source: str
    events: tuple[TimelineEvent, ...]
    skipped: tuple[SkippedLine, ...]
    adjusted: tuple[SkippedLine, ...] = ()


def clean_text(text: str) -> str:
    """``text`` without what the library cannot store: NUL characters and lone surrogates.

    Neither can be typed, but a JSON file can spell both (``\\u0000``, ``\\ud800``).
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


class DateCarrier:
    """Reads timestamps in order, letting a date written on one line carry to the next ones.

    Logs and notes often give the date once and then only times; ``default`` covers the lines
    before the first date.
    """

    def __init__(self, zone: tzinfo, default: date | None) -> None:
        self.zone = zone
        self.current = default

    def read(self, text: str) -> tuple[datetime, str]:
        """The UTC time and ``entered_as`` text of ``text``; raises TimeParseError."""
        parsed = parse_time(text, zone=self.zone, default_date=self.current)
        written = written_date(text)
        if written is not None:
            self.current = written
        return parsed.at, parsed.entered_as


class MilestoneLedger:
    """Which milestones are marked, so an import never marks one a second time.

    The model allows each milestone once; a file that marks one again (or marks one the
    timeline already has) keeps the event and loses the milestone, and the preview says so.
    """

    def __init__(self, existing: tuple[TimelineEvent, ...]) -> None:
        self._marked: dict[Milestone, str] = {
            event.milestone: "on the timeline" for event in existing if event.milestone
        }

    def claim(self, milestone: Milestone | None, line: int) -> str | None:
        """None if ``milestone`` may be marked (and now is), else why it must be left off."""
        if milestone is None:
            return None
        where = self._marked.get(milestone)
        if where is None:
            self._marked[milestone] = f"on line {line}"
            return None
        return f"imported without its milestone: the {milestone.value} is already marked {where}"


def parse_milestone(text: str) -> Milestone | None:
    """A milestone from its name in any letter case; empty or "none" is no milestone.

    Raises ValueError naming the choices for anything else.
    """
    name = text.strip().lower()
    if name in ("", "none"):
        return None
    try:
        return Milestone(name)
    except ValueError:
        choices = "onset, detection, mitigation, resolution"  # in the order of an incident
        raise ValueError(
            f"unknown milestone {text.strip()!r} (use {choices} or leave it empty)"
        ) from None


def new_event(
    at: datetime,
    description: str,
    *,
    entered_as: str = "",
    milestone: Milestone | None = None,
    evidence: str = "",
    internal_only: bool = False,
    key_event: bool = False,
) -> TimelineEvent:
    """A new timeline event with a fresh id and its text made storable."""
    return TimelineEvent(
        id=new_id(),
        at=at,
        description=clean_text(description),
        milestone=milestone,
        evidence=clean_text(evidence),
        internal_only=internal_only,
        key_event=key_event,
        entered_as=clean_text(entered_as),
    )


__all__ = [
    "MAX_IMPORT_BYTES",
    "NO_DESCRIPTION",
    "DateCarrier",
    "ImportFileError",
    "ImportPreview",
    "MilestoneLedger",
    "SkippedLine",
    "TimeParseError",
    "clean_text",
    "new_event",
    "parse_milestone",
]
