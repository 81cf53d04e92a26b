from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.metrics import (
    format_duration,
    incident_metrics,
    milestone_problems,
    milestones_in_order,
    missing_milestones,
)
from app.domain.model import Milestone, TimelineEvent

ONSET = datetime(2026, 3, 1, 14, 4, tzinfo=UTC)


def event(event_id: str, minutes: int, milestone: Milestone | None = None) -> TimelineEvent:
    return TimelineEvent(
        event_id, ONSET + timedelta(minutes=minutes), event_id, milestone=milestone
    )


def full_timeline() -> list[TimelineEvent]:
    return [
        event("before", -5),
        event("onset", 0, Milestone.ONSET),
        event("detection", 12, Milestone.DETECTION),
        event("chat", 20),
        event("mitigation", 56, Milestone.MITIGATION),
        event("resolution", 257, Milestone.RESOLUTION),
    ]


def test_metrics_with_every_milestone() -> None:
    metrics = incident_metrics(full_timeline())
    assert metrics.onset == ONSET
    assert metrics.resolution == ONSET + timedelta(minutes=257)
    assert metrics.time_to_detect == timedelta(minutes=12)
    assert metrics.time_to_mitigate == timedelta(minutes=56)
    assert metrics.time_to_resolve == timedelta(minutes=257)
    assert metrics.describe("detect") == "12 min"
    assert metrics.describe("mitigate") == "56 min"
    assert metrics.describe("resolve") == "4 h 17 min"


def test_metrics_say_what_is_missing_instead_of_zero() -> None:
    timeline = [event("d", 12, Milestone.DETECTION), event("m", 30, Milestone.MITIGATION)]
    metrics = incident_metrics(timeline)
    assert metrics.onset is None
    assert metrics.time_to_detect is None
    assert metrics.describe("detect") == "needs the onset"
    assert metrics.describe("resolve") == "needs the onset and the resolution"
    only_onset = incident_metrics([event("o", 0, Milestone.ONSET)])
    assert only_onset.describe("mitigate") == "needs the mitigation"
    assert incident_metrics([]).describe("detect") == "needs the onset and the detection"


def test_metrics_out_of_order_are_negative_and_described_as_such() -> None:
    timeline = [event("o", 0, Milestone.ONSET), event("d", -7, Milestone.DETECTION)]
    metrics = incident_metrics(timeline)
    assert metrics.time_to_detect == timedelta(minutes=-7)
    assert metrics.describe("detect") == "detection is before onset"


def test_a_milestone_marked_twice_counts_its_first_mark() -> None:
    timeline = [event("o1", 0, Milestone.ONSET), event("o2", 10, Milestone.ONSET)]
    assert incident_metrics(timeline).onset == ONSET


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(0), "0 min"),
        (timedelta(seconds=59), "0 min"),
        (timedelta(minutes=7), "7 min"),
        (timedelta(hours=4, minutes=17), "4 h 17 min"),
        (timedelta(hours=1), "1 h"),
        (timedelta(days=2, hours=3, minutes=5), "2 d 3 h 5 min"),
        (timedelta(days=1, minutes=5), "1 d 5 min"),
        (timedelta(minutes=43.2), "43 min"),
        (timedelta(minutes=-7), "-7 min"),
        (timedelta(hours=-2, minutes=-30), "-2 h 30 min"),
    ],
)
def test_format_duration(span: timedelta, text: str) -> None:
    assert format_duration(span) == text


def test_milestones_in_order_need_all_four() -> None:
    assert milestones_in_order(full_timeline())
    assert milestone_problems(full_timeline()) == {}
    without_mitigation = [e for e in full_timeline() if e.id != "mitigation"]
    assert not milestones_in_order(without_mitigation)
    assert missing_milestones(without_mitigation) == [Milestone.MITIGATION]


def test_equal_minutes_are_in_order() -> None:
    same = [event(m.value, 0, m) for m in Milestone]
    assert milestones_in_order(same)


@pytest.mark.parametrize(
    ("moves", "problems"),
    [
        ({"detection": -2}, {"detection": "detection is before the onset (14:04)"}),
        ({"mitigation": -1}, {"mitigation": "mitigation is before the onset (14:04)"}),
        ({"mitigation": 5}, {"mitigation": "mitigation is before the detection (14:16)"}),
        ({"resolution": 30}, {"resolution": "resolution is before the mitigation (15:00)"}),
        ({"resolution": -60}, {"resolution": "resolution is before the onset (14:04)"}),
        (
            {"detection": -2, "resolution": -3},
            {
                "detection": "detection is before the onset (14:04)",
                "resolution": "resolution is before the onset (14:04)",
            },
        ),
    ],
)
def test_milestone_problems_mark_the_later_milestone(
    moves: dict[str, int], problems: dict[str, str]
) -> None:
    timeline = [
        event(e.id, moves[e.id], e.milestone) if e.id in moves else e for e in full_timeline()
    ]
    assert milestone_problems(timeline) == problems
    assert not milestones_in_order(timeline)


def test_a_problem_on_another_day_names_the_date() -> None:
    timeline = [event("o", 0, Milestone.ONSET), event("r", -24 * 60, Milestone.RESOLUTION)]
    assert milestone_problems(timeline) == {
        "r": "resolution is before the onset (2026-03-01 14:04)"
    }


@given(st.lists(st.integers(-600, 600), min_size=4, max_size=4))
def test_in_order_exactly_when_no_problem_is_reported(offsets: list[int]) -> None:
    order = [Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION]
    timeline = [event(m.value, minutes, m) for m, minutes in zip(order, offsets, strict=True)]
    assert milestones_in_order(timeline) == (offsets == sorted(offsets))
    assert (milestone_problems(timeline) == {}) == (offsets == sorted(offsets))
