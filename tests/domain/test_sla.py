from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.model import Impact, Milestone, Postmortem, Severity, TimelineEvent
from app.domain.sla import SlaTarget, SlaTargetError, assess_sla, parse_sla_target

ONSET = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("99.9% monthly availability", SlaTarget(99.9, None, 30)),
        ("99.95 % per month", SlaTarget(99.95, None, 30)),
        ("99.9", SlaTarget(99.9, None, 30)),
        ("99.9 monthly", SlaTarget(99.9, None, 30)),
        ("max outage 30 min", SlaTarget(None, timedelta(minutes=30), 30)),
        ("at most 2 h outage", SlaTarget(None, timedelta(hours=2), 30)),
        ("1 h 30 min downtime", SlaTarget(None, timedelta(minutes=90), 30)),
        ("99.9% yearly", SlaTarget(99.9, None, 365)),
        ("99.99% annual availability", SlaTarget(99.99, None, 365)),
        ("99.5% weekly", SlaTarget(99.5, None, 7)),
        ("99.9% quarterly uptime", SlaTarget(99.9, None, 90)),
        ("99,9 % over 28 days", SlaTarget(99.9, None, 28)),
        ("99.9% monthly, max outage 30 min", SlaTarget(99.9, timedelta(minutes=30), 30)),
    ],
)
def test_parse_sla_target(text: str, target: SlaTarget) -> None:
    assert parse_sla_target(text) == target


def test_empty_target_is_none() -> None:
    assert parse_sla_target("") is None
    assert parse_sla_target("   ") is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("good uptime", "cannot read the SLA target 'good uptime'"),
        ("five nines", "cannot read"),
        ("99.9% for api v2", "cannot tell what 2 means"),
        ("99.9% or 99.5%", "more than one percentage"),
        ("120%", "120% is not possible"),
        ("0%", "0% is not possible"),
        ("99.9% monthly and yearly", "more than one period"),
        ("99% over 0 days", "0 days is not possible"),
    ],
)
def test_unreadable_targets_say_what_retro_can_read(text: str, problem: str) -> None:
    with pytest.raises(SlaTargetError, match=problem) as raised:
        parse_sla_target(text)
    assert "Write e.g. 99.9% monthly availability or max outage 30 min" in str(raised.value)


def test_allowed_outage() -> None:
    assert SlaTarget(99.9, None, 30).allowed_outage == timedelta(minutes=43.2)
    assert SlaTarget(99.9, None, 365).allowed_outage == timedelta(hours=8.76)
    assert SlaTarget(None, timedelta(minutes=30), 30).allowed_outage == timedelta(minutes=30)
    # With both, the stricter one decides.
    both = SlaTarget(99.9, timedelta(minutes=30), 30)
    assert both.allowed_outage == timedelta(minutes=30)
    assert SlaTarget(99.0, timedelta(hours=24), 30).allowed_outage == timedelta(hours=7.2)


@given(st.text(max_size=40))
def test_parsing_never_fails_with_anything_but_its_own_error(text: str) -> None:
    try:
        target = parse_sla_target(text)
    except SlaTargetError:
        return
    if target is not None:
        assert target.allowed_outage >= timedelta(0)


def postmortem(
    target: str = "99.9% monthly availability",
    resolve_after: int | None = 56,
    impact: Impact | None = None,
) -> Postmortem:
    events = [TimelineEvent("o", ONSET, "errors start", milestone=Milestone.ONSET)]
    if resolve_after is not None:
        at = ONSET + timedelta(minutes=resolve_after)
        events.append(TimelineEvent("r", at, "fixed", milestone=Milestone.RESOLUTION))
    return Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        sla_target=target,
        timeline=tuple(events),
        impact=impact or Impact(),
    )


def test_a_long_outage_breaches_the_monthly_target() -> None:
    assessment = assess_sla(postmortem())
    assert assessment.computed is True
    assert assessment.effective is True
    assert not assessment.overridden
    assert assessment.explanation == (
        "Breached: 56 min outage exceeds the 43 min allowed by 99.9% monthly availability."
    )


def test_an_outage_within_the_allowance_does_not_breach() -> None:
    assessment = assess_sla(postmortem(resolve_after=43))
    assert assessment.computed is False
    assert assessment.effective is False
    assert assessment.explanation == (
        "Not breached: 43 min outage is within the 43 min allowed by 99.9% monthly availability."
    )
    assert assess_sla(postmortem(resolve_after=44)).computed is True


def test_max_outage_target() -> None:
    exact = assess_sla(postmortem("max outage 30 min", resolve_after=30))
    assert exact.computed is False
    assert "within the 30 min allowed by a maximum outage of 30 min" in exact.explanation


@pytest.mark.parametrize(
    ("target", "resolve_after", "explanation"),
    [
        ("", 56, "Cannot compute: no SLA target is set in stage 1."),
        ("99.9%", None, "Cannot compute: the resolution is not marked."),
        ("99.9%", -5, "Cannot compute: the resolution is before the onset."),
        (
            "lots",
            56,
            "Cannot compute: Retro cannot read the SLA target 'lots'. "
            "Write e.g. 99.9% monthly availability or max outage 30 min.",
        ),
    ],
)
def test_what_cannot_be_computed_says_why(
    target: str, resolve_after: int | None, explanation: str
) -> None:
    assessment = assess_sla(postmortem(target, resolve_after))
    assert assessment.computed is None
    assert assessment.effective is None
    assert not assessment.overridden
    assert assessment.explanation == explanation


def test_missing_onset_and_resolution_are_both_named() -> None:
    pm = dataclasses.replace(postmortem(resolve_after=None), timeline=())
    assert assess_sla(pm).explanation == (
        "Cannot compute: the onset and the resolution are not marked."
    )


def test_a_ruling_against_the_computation_is_an_override_with_its_reason() -> None:
    ruling = Impact(sla_breached=False, sla_override_reason="Maintenance window, announced")
    assessment = assess_sla(postmortem(impact=ruling))
    assert assessment.computed is True
    assert assessment.effective is False
    assert assessment.overridden
    assert assessment.explanation == (
        "Ruled not breached (computed: breached): Maintenance window, announced"
    )
    unexplained = assess_sla(postmortem(impact=Impact(sla_breached=False)))
    assert unexplained.explanation == (
        "Ruled not breached (computed: breached): no reason given yet."
    )


def test_a_ruling_that_agrees_is_not_an_override() -> None:
    assessment = assess_sla(postmortem(impact=Impact(sla_breached=True)))
    assert not assessment.overridden
    assert assessment.effective is True
    assert assessment.explanation.startswith("Ruled breached, as computed: 56 min outage exceeds")


def test_a_ruling_decides_when_nothing_can_be_computed() -> None:
    ruling = Impact(sla_breached=True, sla_override_reason="Contract counts partial outages")
    assessment = assess_sla(postmortem(target="", impact=ruling))
    assert assessment.computed is None
    assert assessment.effective is True
    assert not assessment.overridden
    assert assessment.explanation == (
        "Ruled breached: Contract counts partial outages "
        "(Cannot compute: no SLA target is set in stage 1.)"
    )
