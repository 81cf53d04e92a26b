from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings

from app.domain.five_whys import chain_ends_without_root_cause, effective_problem_statement
from app.domain.model import (
    CauseClassification,
    Impact,
    Milestone,
    Postmortem,
    Severity,
    TimelineEvent,
    WhyAnswer,
)
from tests.strategies import postmortems

ROOT = CauseClassification.ROOT_CAUSE
OUT = CauseClassification.RULED_OUT
FACTOR = CauseClassification.CONTRIBUTING_FACTOR
ONSET = datetime(2026, 3, 1, 14, 2, tzinfo=UTC)


def with_whys(*whys: WhyAnswer) -> Postmortem:
    return Postmortem(title="Checkout outage", severity=Severity.SEV2, whys=whys)


def test_chains_that_reach_a_root_cause_anywhere_are_done() -> None:
    pm = with_whys(
        WhyAnswer("a", "Requests missed the cache"),
        WhyAnswer("a1", "TTL was zero", parent_id="a", classification=ROOT),
        WhyAnswer("a1x", "Config schema has no TTL", parent_id="a1"),  # below a root cause
        WhyAnswer("a2", "Cache cold after deploy", parent_id="a", classification=FACTOR),
        WhyAnswer("b", "Retries without backoff"),
        WhyAnswer("c", "Load balancer bug", classification=OUT),  # closed on purpose
        WhyAnswer("d", "Alert muted", classification=OUT),
        WhyAnswer("d1", "Mute had no expiry", parent_id="d"),  # only leaves are ruled out
        WhyAnswer("e", "Deploy froze", classification=ROOT),
    )
    assert chain_ends_without_root_cause(pm) == ("a2", "b", "d1")


def test_chain_ends_come_in_outline_order_whatever_the_tuple_order() -> None:
    # In the tuple "b" comes before "a1"; in the outline "a1" sits under "a", above "b".
    scrambled = with_whys(WhyAnswer("a", "A"), WhyAnswer("b", "B"), WhyAnswer("a1", "A1", "a"))
    assert chain_ends_without_root_cause(scrambled) == ("a1", "b")
    assert chain_ends_without_root_cause(with_whys()) == ()


@settings(max_examples=150)
@given(postmortems())
def test_chain_ends_are_exactly_the_open_leaves(pm: Postmortem) -> None:
    by_id = {why.id: why for why in pm.whys}
    parents = {why.parent_id for why in pm.whys}

    def path(why: WhyAnswer) -> list[WhyAnswer]:
        chain = [why]
        while chain[-1].parent_id is not None:
            chain.append(by_id[chain[-1].parent_id])
        return chain

    open_leaves = {
        why.id
        for why in pm.whys
        if why.id not in parents
        and why.classification is not OUT
        and all(step.classification is not ROOT for step in path(why))
    }
    ends = chain_ends_without_root_cause(pm)
    assert len(ends) == len(set(ends))
    assert set(ends) == open_leaves


def timeline(minutes: int) -> tuple[TimelineEvent, ...]:
    return (
        TimelineEvent("on", ONSET, "Errors start", milestone=Milestone.ONSET),
        TimelineEvent(
            "res", ONSET + timedelta(minutes=minutes), "Fixed", milestone=Milestone.RESOLUTION
        ),
    )


def statement(**changes: object) -> str:
    pm = Postmortem(title="Checkout API returned 5xx", severity=Severity.SEV2)
    return effective_problem_statement(dataclasses.replace(pm, **changes))


def test_a_written_problem_statement_wins() -> None:
    assert statement(problem_statement="  Checkout failed for card payments.\n") == (
        "Checkout failed for card payments."
    )
    assert statement(problem_statement="   ", impact=Impact(users_affected=3)) == (
        "Checkout API returned 5xx: 3 users affected"
    )


@pytest.mark.parametrize(
    ("impact", "minutes", "expected"),
    [
        (
            Impact(users_affected=1200),
            47,
            "Checkout API returned 5xx: 1,200 users affected for 47 min",
        ),
        (Impact(users_affected=1), None, "Checkout API returned 5xx: 1 user affected"),
        (Impact(users_affected=0), None, "Checkout API returned 5xx: no users affected"),
        (Impact(), 125, "Checkout API returned 5xx: lasted 2 h 5 min"),
        (Impact(), -5, "Checkout API returned 5xx"),  # resolution before onset: no duration
        (Impact(), None, "Checkout API returned 5xx"),
        (
            Impact(users_affected=1200, users_description=" EU customers\npaying by card "),
            47,
            "Checkout API returned 5xx: 1,200 users affected (EU customers paying by card) "
            "for 47 min",
        ),
        (
            Impact(users_description="EU customers"),
            None,
            "Checkout API returned 5xx: EU customers affected",
        ),
    ],
)
def test_the_built_statement_says_what_is_known(
    impact: Impact, minutes: int | None, expected: str
) -> None:
    events = () if minutes is None else timeline(minutes)
    assert statement(impact=impact, timeline=events) == expected


def test_the_built_statement_drops_the_titles_closing_punctuation() -> None:
    pm = Postmortem(
        title="Checkout outage. ", severity=Severity.SEV2, impact=Impact(users_affected=5)
    )
    assert effective_problem_statement(pm) == "Checkout outage: 5 users affected"
    assert (
        effective_problem_statement(dataclasses.replace(pm, impact=Impact())) == "Checkout outage"
    )
