"""The timeline's order and the edits the table makes, as plain functions over tuples.

Kept apart from the Qt model so the rules (time order, entry order within a minute, one mark
per milestone) and the row diff that keeps big tables cheap to refresh are easy to read and test.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, Literal, NamedTuple

from app.domain.model import Milestone, TimelineEvent

# The boolean fields of an event that the table toggles (the star and the internal-only mark).
FlagField = Literal["key_event", "internal_only"]


def sort_timeline(events: Iterable[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    """Events in time order; events at the same minute keep the order they were entered in."""
    return tuple(sorted(events, key=lambda event: event.at))


def place_event(
    events: tuple[TimelineEvent, ...], event: TimelineEvent
) -> tuple[TimelineEvent, ...]:
    """Put ``event`` into time-ordered ``events`` after every event at or before its minute.

    A new event, or one whose time was changed, counts as entered last at its minute.
    """
    position = bisect.bisect_right(events, event.at, key=lambda other: other.at)
    return (*events[:position], event, *events[position:])


def replace_event(
    events: tuple[TimelineEvent, ...], new: TimelineEvent
) -> tuple[TimelineEvent, ...]:
    """``events`` with the event of ``new.id`` replaced; it moves only if its time changed."""
    position = next(row for row, event in enumerate(events) if event.id == new.id)
    if events[position].at == new.at:
        return (*events[:position], new, *events[position + 1 :])
    return place_event((*events[:position], *events[position + 1 :]), new)


def holder_of(events: Sequence[TimelineEvent], milestone: Milestone | None) -> TimelineEvent | None:
    """The event marked as ``milestone``, if any (each milestone is marked at most once)."""
    if milestone is None:
        return None
    return next((event for event in events if event.milestone is milestone), None)


def with_milestone(
    events: tuple[TimelineEvent, ...], event_id: str, milestone: Milestone | None
) -> tuple[TimelineEvent, ...]:
    """Mark ``event_id`` as ``milestone``, taking the mark off any other event that had it."""

    def changed(event: TimelineEvent) -> TimelineEvent:
        if event.id == event_id:
            return dataclasses.replace(event, milestone=milestone)
        if milestone is not None and event.milestone is milestone:
            return dataclasses.replace(event, milestone=None)
        return event

    return tuple(changed(event) for event in events)


def milestone_label(event: TimelineEvent, milestone: Milestone | None, *, moving: bool) -> str:
    """The undo label for marking ``event``: "Mark Detection", "Move Detection", "Unmark Onset"."""
    if milestone is None:
        return f"Unmark {event.milestone.label if event.milestone else 'Milestone'}"
    return f"{'Move' if moving else 'Mark'} {milestone.label}"


def as_milestone(value: Any) -> Milestone | None:
    """A milestone from what an editor or a paste gives: a Milestone, None, or its name."""
    if value is None or isinstance(value, Milestone):
        return value
    text = str(value).strip().lower()
    return next((m for m in Milestone if text in (m.value, m.label.lower())), None)


def with_flag(
    events: tuple[TimelineEvent, ...], event_ids: set[str], field: FlagField, *, on: bool
) -> tuple[tuple[TimelineEvent, ...], int]:
    """Set the boolean ``field`` of the events in ``event_ids``; also return how many changed."""
    count = 0

    def changed(event: TimelineEvent) -> TimelineEvent:
        nonlocal count
        if event.id not in event_ids or getattr(event, field) == on:
            return event
        count += 1
        if field == "key_event":
            return dataclasses.replace(event, key_event=on)
        return dataclasses.replace(event, internal_only=on)

    return tuple(changed(event) for event in events), count


def flag_label(field: FlagField, *, on: bool, count: int) -> str:
    """The undo label: "Star Event", "Unstar 3 Events", "Make Event Internal-Only"..."""
    events = "Event" if count == 1 else f"{count} Events"
    if field == "key_event":
        return f"{'Star' if on else 'Unstar'} {events}"
    return f"Make {events} {'Internal-Only' if on else 'Shareable'}"


class ChangePlan(NamedTuple):
    """How to go from the rows shown to the rows stored with the least disturbance."""

    reset: bool = False
    reorder: bool = False
    removed: tuple[tuple[int, int], ...] = ()  # (first, last) in old rows, last block first
    inserted: tuple[tuple[int, int], ...] = ()  # (first, last) in new rows, first block first
    changed_rows: frozenset[int] = frozenset()  # new rows whose event is different


# More separate blocks than this and one reset is cheaper for the view than many signals.
MAX_BLOCKS = 64


def plan_change(old: tuple[TimelineEvent, ...], new: tuple[TimelineEvent, ...]) -> ChangePlan:
    """Compare ids to find the smallest description of the change from ``old`` to ``new``."""
    old_ids = [event.id for event in old]
    new_ids = [event.id for event in new]
    previous = dict(zip(old_ids, old, strict=True))
    changed = frozenset(
        row for row, event in enumerate(new) if previous.get(event.id, event) != event
    )
    if old_ids == new_ids:
        return ChangePlan(changed_rows=changed)
    if len(old_ids) == len(new_ids) and set(old_ids) == set(new_ids):
        return ChangePlan(reorder=True, changed_rows=changed)
    if _is_subsequence(old_ids, new_ids):
        known = set(old_ids)
        blocks = ranges([row for row, event_id in enumerate(new_ids) if event_id not in known])
        if len(blocks) <= MAX_BLOCKS:
            return ChangePlan(inserted=tuple(blocks), changed_rows=changed)
    elif _is_subsequence(new_ids, old_ids):
        kept = set(new_ids)
        blocks = ranges([row for row, event_id in enumerate(old_ids) if event_id not in kept])
        if len(blocks) <= MAX_BLOCKS:
            return ChangePlan(removed=tuple(reversed(blocks)), changed_rows=changed)
    return ChangePlan(reset=True)


def ranges(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return len(short) < len(long) and all(item in remaining for item in short)
