from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.domain.errors import ValidationError
from app.domain.model import (
    ActionItem,
    Cause,
    FishboneCategory,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Severity,
    Template,
    TimelineEvent,
    WhyAnswer,
    default_fishbone_categories,
    default_follow_up_reviews,
    to_utc_minute,
)

AT = datetime(2026, 3, 1, 14, 2, tzinfo=UTC)


def make(**fields: object) -> Postmortem:
    defaults: dict[str, object] = {"title": "Checkout outage", "severity": Severity.SEV2}
    return Postmortem(**{**defaults, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("severity", "template"),
    [
        (Severity.SEV1, Template.FULL),
        (Severity.SEV2, Template.FULL),
        (Severity.SEV3, Template.LIGHTWEIGHT),
        (Severity.SEV4, Template.LIGHTWEIGHT),
    ],
)
def test_template_defaults_from_severity(severity: Severity, template: Template) -> None:
    assert Template.for_severity(severity) is template


@pytest.mark.parametrize("title", ["", "   ", "x" * 301])
def test_bad_titles_are_refused_with_the_field_named(title: str) -> None:
    with pytest.raises(ValidationError) as error:
        make(title=title)
    assert error.value.path == "title"


def test_timeline_times_must_be_utc_whole_minutes() -> None:
    local = datetime(2026, 3, 1, 15, 2, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValidationError, match=r"timeline\[0\]\.at: must be a UTC time"):
        make(timeline=(TimelineEvent(id="e1", at=local, description="x"),))
    with pytest.raises(ValidationError, match="whole minutes"):
        make(timeline=(TimelineEvent(id="e1", at=AT.replace(second=30), description="x"),))
    naive = datetime(2026, 3, 1, 14, 2)
    with pytest.raises(ValidationError, match="UTC"):
        make(timeline=(TimelineEvent(id="e1", at=naive, description="x"),))


def test_to_utc_minute_converts_and_truncates() -> None:
    local = datetime(2026, 3, 1, 15, 2, 59, tzinfo=timezone(timedelta(hours=1)))
    assert to_utc_minute(local) == AT
    with pytest.raises(ValueError, match="time zone"):
        to_utc_minute(datetime(2026, 3, 1, 15, 2))


def test_duplicate_ids_are_refused() -> None:
    events = (TimelineEvent("same", AT, "a"), TimelineEvent("same", AT, "b"))
    with pytest.raises(ValidationError, match=r"timeline\[1\]\.id: duplicate id"):
        make(timeline=events)


def test_cross_references_must_resolve() -> None:
    category = FishboneCategory("cat", "Process")
    with pytest.raises(ValidationError, match=r"causes\[0\]\.category_id"):
        make(causes=(Cause("c1", "missing", "x"),))
    with pytest.raises(ValidationError, match=r"causes\[0\]\.parent_id"):
        make(fishbone_categories=(category,), causes=(Cause("c1", "cat", "x", parent_id="nope"),))
    with pytest.raises(ValidationError, match=r"action_items\[0\]\.cause_ids"):
        make(action_items=(ActionItem("a1", "Alert on p99", cause_ids=("ghost",)),))
    with pytest.raises(ValidationError, match=r"observations\[0\]\.event_ids"):
        make(observations=(Observation("o1", ObservationKind.LUCKY, "x", event_ids=("e9",)),))


def test_cause_and_why_trees_must_not_loop() -> None:
    whys = (WhyAnswer("a", "x", parent_id="b"), WhyAnswer("b", "y", parent_id="a"))
    with pytest.raises(ValidationError, match="cycle"):
        make(whys=whys)


def test_participants_need_names_and_users_affected_is_not_negative() -> None:
    with pytest.raises(ValidationError, match=r"participants\[1\]\.name"):
        make(participants=(Participant("Ana"), Participant("  ")))
    pm = make()
    with pytest.raises(ValidationError, match=r"impact\.users_affected"):
        dataclasses.replace(pm, impact=dataclasses.replace(pm.impact, users_affected=-1))


def test_follow_up_reviews_default_to_30_and_60_days() -> None:
    reviews = default_follow_up_reviews(date(2026, 1, 31))
    assert [review.due for review in reviews] == [date(2026, 3, 2), date(2026, 4, 1)]
    assert len({review.id for review in reviews}) == 2


def test_default_fishbone_categories_are_the_software_set() -> None:
    names = [category.name for category in default_fishbone_categories()]
    assert names == ["People", "Process", "Technology", "Environment", "Tooling", "Monitoring"]


def test_a_new_postmortem_gets_its_template_from_severity_and_default_categories() -> None:
    from app.domain.model import new_postmortem

    pm = new_postmortem("Queue backlog", Severity.SEV3)
    assert pm.template is Template.LIGHTWEIGHT
    assert [category.name for category in pm.fishbone_categories][:2] == ["People", "Process"]


def test_each_milestone_is_marked_at_most_once() -> None:
    from app.domain.model import Milestone

    first = TimelineEvent("e1", AT, "alert", milestone=Milestone.DETECTION)
    second = TimelineEvent("e2", AT.replace(minute=9), "page", milestone=Milestone.DETECTION)
    with pytest.raises(ValidationError, match=r"timeline\[1\]\.milestone: the detection is"):
        make(timeline=(first, second))
    assert make(timeline=(first, dataclasses.replace(second, milestone=Milestone.ONSET)))
