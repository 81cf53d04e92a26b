from __future__ import annotations

from datetime import timedelta

from app.domain.guidance import default_agenda
from app.domain.meeting import (
    agenda_for,
    complete_agenda,
    full_agenda,
    meeting_record,
    stored_time_spent,
    time_spent,
)
from app.domain.model import Severity, Stage, Template
from tests.store.samples import small_postmortem


def test_without_an_agenda_of_its_own_the_template_decides() -> None:
    full = small_postmortem("a", template=Template.FULL)
    light = small_postmortem("b", template=Template.LIGHTWEIGHT)
    assert agenda_for(full) == default_agenda(Template.FULL)
    assert sum(agenda_for(full).values()) == 60
    assert sum(agenda_for(light).values()) == 30


def test_without_a_template_the_severity_chooses_one() -> None:
    pm = small_postmortem("a", severity=Severity.SEV4)
    assert agenda_for(pm) == default_agenda(Template.for_severity(Severity.SEV4))


def test_an_edited_agenda_wins_and_comes_back_in_meeting_order() -> None:
    pm = small_postmortem("a", agenda={Stage.FOLLOW_UP: 2, Stage.SCOPE: 10})
    assert list(agenda_for(pm).items()) == [(Stage.SCOPE, 10), (Stage.FOLLOW_UP, 2)]


def test_no_record_before_the_meeting() -> None:
    assert meeting_record(small_postmortem("a", template=Template.FULL)) == ()


def test_the_record_compares_plan_and_time_spent_and_keeps_unplanned_time() -> None:
    pm = small_postmortem(
        "a",
        agenda={Stage.SCOPE: 5, Stage.TIMELINE: 15},
        meeting_time={Stage.SCOPE: 400, Stage.ROOT_CAUSE: 90},
    )
    record = meeting_record(pm)
    assert [row.stage for row in record] == [Stage.SCOPE, Stage.TIMELINE, Stage.ROOT_CAUSE]
    assert record[0].over == timedelta(seconds=100)
    assert record[1].spent == timedelta(0)
    assert record[2].planned == timedelta(0)


def test_time_spent_round_trips_through_the_stored_form() -> None:
    stored = stored_time_spent({Stage.SCOPE: 61.4, Stage.TIMELINE: 0.2, Stage.ROOT_CAUSE: 0.6})
    assert stored == {Stage.SCOPE: 61, Stage.ROOT_CAUSE: 1}
    pm = small_postmortem("a", meeting_time=stored)
    assert time_spent(pm) == {Stage.SCOPE: 61.0, Stage.ROOT_CAUSE: 1.0}


def test_the_full_agenda_names_every_stage_and_skips_with_zero() -> None:
    pm = small_postmortem("a", agenda={Stage.SCOPE: 10})
    assert full_agenda(pm) == {stage: 10 if stage is Stage.SCOPE else 0 for stage in Stage}
    assert complete_agenda({}) == dict.fromkeys(Stage, 0)
