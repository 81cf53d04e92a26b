"""The timeline's order and the table's edits as plain functions, and the row diff."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.model import Milestone, TimelineEvent
from app.ui.timeline.table_changes import (
    MAX_BLOCKS,
    as_milestone,
    flag_label,
    milestone_label,
    place_event,
    plan_change,
    ranges,
    replace_event,
    sort_timeline,
    with_flag,
    with_milestone,
)


def at(clock: str) -> datetime:
    return datetime.strptime(f"2024-01-15 {clock}", "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def ev(event_id: str, clock: str, **fields) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=at(clock), description=event_id, **fields)


def ids(events) -> list[str]:
    return [event.id for event in events]


def test_sort_is_stable_for_equal_minutes():
    assert ids(sort_timeline([ev("c", "10:00"), ev("a", "09:00"), ev("b", "09:00")])) == [
        "a",
        "b",
        "c",
    ]


def test_a_new_or_retimed_event_goes_last_in_its_minute():
    events = (ev("a", "09:00"), ev("b", "09:05"), ev("c", "09:05"), ev("d", "09:10"))
    assert ids(place_event(events, ev("n", "09:05"))) == ["a", "b", "c", "n", "d"]
    assert ids(place_event(events, ev("n", "08:00"))) == ["n", "a", "b", "c", "d"]
    assert ids(replace_event(events, ev("a", "09:05"))) == ["b", "c", "a", "d"]
    # Same time, new text: stays where it is rather than jumping behind its neighbours.
    assert ids(replace_event(events, ev("b", "09:05", evidence="x"))) == ["a", "b", "c", "d"]


def test_a_milestone_moves_off_its_old_event():
    events = (ev("a", "09:00", milestone=Milestone.DETECTION), ev("b", "09:05"))
    moved = with_milestone(events, "b", Milestone.DETECTION)
    assert [e.milestone for e in moved] == [None, Milestone.DETECTION]
    cleared = with_milestone(events, "a", None)
    assert [e.milestone for e in cleared] == [None, None]
    assert milestone_label(events[1], Milestone.DETECTION, moving=True) == "Move Detection"
    assert milestone_label(events[1], Milestone.ONSET, moving=False) == "Mark Onset"
    assert milestone_label(events[0], None, moving=False) == "Unmark Detection"


def test_milestone_from_editor_values():
    assert as_milestone(Milestone.ONSET) is Milestone.ONSET
    assert as_milestone("Resolution") is Milestone.RESOLUTION
    assert as_milestone("mitigation") is Milestone.MITIGATION
    assert as_milestone(None) is None
    assert as_milestone("none") is None


def test_flags_count_only_what_changes():
    events = (ev("a", "09:00", key_event=True), ev("b", "09:05"), ev("c", "09:10"))
    starred, count = with_flag(events, {"a", "b", "c"}, "key_event", on=True)
    assert count == 2
    assert all(e.key_event for e in starred)
    assert flag_label("key_event", on=True, count=2) == "Star 2 Events"
    assert flag_label("key_event", on=False, count=1) == "Unstar Event"
    assert flag_label("internal_only", on=True, count=1) == "Make Event Internal-Only"


def test_plan_finds_changed_inserted_removed_and_reordered_rows():
    old = tuple(ev(f"e{n}", f"09:{n:02d}") for n in range(10))
    edited = (*old[:3], ev("e3", "09:03", evidence="x"), *old[4:])
    assert plan_change(old, edited) == (False, False, (), (), frozenset({3}))
    inserted = plan_change(old, (*old[:2], ev("n1", "09:01"), *old[2:], ev("n2", "09:59")))
    assert inserted.inserted == ((2, 2), (11, 11))
    removed = plan_change(old, (*old[:2], *old[5:8]))
    assert removed.removed == ((8, 9), (2, 4))  # last block first: earlier rows stay valid
    reordered = plan_change(old, (*old[1:4], ev("e0", "09:03"), *old[4:]))
    assert reordered.reorder
    assert reordered.changed_rows == frozenset({3})
    assert plan_change(old, (ev("x", "09:00"),)).reset


def test_many_scattered_insertions_are_one_reset():
    old = tuple(ev(f"e{n}", "09:00") for n in range(200))
    new = tuple(item for e in old for item in (e, ev(f"n{e.id}", "09:00")))
    assert len(ranges(range(0, 400, 2))) > MAX_BLOCKS
    assert plan_change(old, new).reset


def test_ranges_of_consecutive_rows():
    assert ranges([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert ranges([]) == []
