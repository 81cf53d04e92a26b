"""Evidence entries on causes and five-whys answers: links, notes and timeline references.

Evidence is a tuple of plain strings so the interchange format stays simple. A URL or a note is
kept as written. A reference to a timeline event is stored as ``event:<event id>`` rather than as
the event's text, so it follows the event when its time or description is corrected; the event
may later be deleted, and then the reference says so instead of pointing nowhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.domain.model import Postmortem, TimelineEvent

EVENT_PREFIX = "event:"


def event_evidence(event_id: str) -> str:
    """The evidence entry that refers to the timeline event ``event_id``."""
    if not event_id:
        raise ValueError("a timeline reference needs the event's id")
    return EVENT_PREFIX + event_id


def evidence_event_id(entry: str) -> str | None:
    """The timeline event id an entry refers to, or None for a link or a note."""
    if entry.startswith(EVENT_PREFIX) and len(entry) > len(EVENT_PREFIX):
        return entry[len(EVENT_PREFIX) :]
    return None


def describe_evidence(pm: Postmortem, entry: str) -> str:
    """How an entry reads in a list: "Timeline 14:02 UTC — Failover started", or as written.

    The date is added when the timeline spans more than one day, where the time alone would be
    ambiguous. The description is put on one line: a list row has room for one.
    """
    event_id = evidence_event_id(entry)
    if event_id is None:
        return entry
    event = next((event for event in pm.timeline if event.id == event_id), None)
    if event is None:
        return "Timeline event (deleted)"
    when = _when(event, several_days=len({e.at.date() for e in pm.timeline}) > 1)
    description = " ".join(event.description.split())
    return f"Timeline {when} — {description}" if description else f"Timeline {when}"


def _when(event: TimelineEvent, *, several_days: bool) -> str:
    # Fields, not strftime: strftime does not pad years before 1000 on every platform.
    at = event.at
    clock = f"{at.hour:02d}:{at.minute:02d} UTC"
    return f"{at.year:04d}-{at.month:02d}-{at.day:02d} {clock}" if several_days else clock


def is_link(entry: str) -> bool:
    """True for an http(s) URL with a host, which the editor can open in a browser."""
    candidate = entry.strip()
    if not candidate or any(char.isspace() for char in candidate):
        return False
    try:
        parts = urlsplit(candidate)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_usable_evidence(pm: Postmortem, entry: str) -> bool:
    """Whether an entry backs a claim: not blank, and not a reference to a deleted event."""
    event_id = evidence_event_id(entry)
    if event_id is None:
        return bool(entry.strip())
    return any(event.id == event_id for event in pm.timeline)
