from __future__ import annotations

import dataclasses
import json
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, settings

from app.domain.action_coaching import (
    CoachingNote,
    UnaddressedRootCause,
    action_item_warnings,
    coach_action_item,
    coach_title,
    is_placeholder,
    names_a_signal,
    unaddressed_root_causes,
    vague_wording,
)
from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Cause,
    CauseClassification,
    FishboneCategory,
    Postmortem,
    Severity,
    WhyAnswer,
)
from tests.strategies import texts

TODAY = date(2026, 3, 20)
DATA = json.loads(
    resources.files("app.resources").joinpath("action_coaching.json").read_text(encoding="utf-8")
)


def vague(title: str) -> list[str]:
    return [title[note.start : note.end] for note in coach_title(title) if note.rule == "vague"]


def complete(title: str = "Alert when p99 checkout latency > 2 s", **changes: object) -> ActionItem:
    item = ActionItem(
        "a1",
        title,
        owner="Ana",
        due=date(2026, 4, 1),
        category=ActionCategory.DETECT,
        tracker="OPS-12",
    )
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


# --- vague wording --------------------------------------------------------------------------------

VAGUE = [
    ("Add monitoring", "Add monitoring"),
    ("Improve alerting", "Improve alerting"),
    ("Be more careful", "Be more careful"),
    ("Communicate better", "Communicate better"),
    ("Look into the outage", "Look into"),
    ("Investigate further", "Investigate further"),
    ("Add more monitoring to the database", "Add more monitoring"),
    ("Improve our alerting", "Improve our alerting"),
    ("add better monitoring for checkout", "add better monitoring"),
    ("Add database monitoring", "Add database monitoring"),
    ("Add a checkout dashboard", "Add a checkout dashboard"),
    ("Set up PagerDuty alerting for payments", "Set up PagerDuty alerting"),
    ("Monitor the database", "Monitor"),
    ("Add alerts", "Add alerts"),
    ("Better visibility into the queue", "Better visibility"),
    ("Investigate the DNS failure", "Investigate"),
    ("Dig into the cache behaviour", "Dig into"),
    ("Follow up on the vendor outage", "Follow up on"),
    ("Everyone should be careful with prod", "be careful"),
    ("Pay more attention to deploy warnings", "Pay more attention"),
    ("Double-check the config before deploys", "Double-check"),
    ("Remember to renew certificates", "Remember to"),
    ("Improve communication with support", "Improve communication"),
    ("Communicate more clearly with customers", "Communicate more clearly"),
    ("Improve reliability of checkout", "Improve reliability"),
    ("Fix the bug", "Fix the bug"),
    ("More testing", "More testing"),
    ("Update the docs", "Update the docs"),
    ("ADD MONITORING", "ADD MONITORING"),
    ("Add\u00a0monitoring", "Add\u00a0monitoring"),
]


@pytest.mark.parametrize(("title", "phrase"), VAGUE, ids=[title for title, _ in VAGUE])
def test_vague_wording_is_found_where_it_is_typed(title: str, phrase: str) -> None:
    assert vague(title) == [phrase]


SPECIFIC = [
    "Add an alert on p99 checkout latency above 2 s",
    "Monitor `db_pool_waiting` and page at 50",
    "Add a dashboard panel for cache hit ratio",
    "Alert when p99 checkout latency > 2 s for 5 min",
    "Add monitoring for replication lag",
    "Improve alerting on the 5xx error rate of payments-api",
    "Add monitoring for queue depth on the orders topic",
    "Add alerting on connection pool saturation",
    "Monitor http.server.request.duration for the checkout service",
    "Add a dashboard for cacheHitRatio",
    'Add monitoring for "checkout-api" health',
    "Add monitoring: page when free disk is below 15%",
    "Add an alert when the TLS certificate expiry is under 14 days",
    "Improve alerting: page at >= 500 errors per minute",
    "Add disk alerts at 85%",
    "Investigate whether retries amplify load?",
    "Investigate why the replica lagged 10 min",
    "Look into how the cache warms after a deploy",
    "Investigate if the pool size limits throughput",
    "Look into it: does the failover drop in-flight writes?",
    "Communicate better: post in #status every 30 min",
    "Improve communication: status page update every 30 min during SEV1-2",
    "Fix the bug in `parse_region()` that drops the zone",
    "Lower the disk alert threshold to 80 %",
    "Rewrite the failover runbook",
    "Require a second approver for production schema changes",
    "Cap client retries at 3 with jitter",
    "Add a connection-pool dashboard",
]


@pytest.mark.parametrize("title", SPECIFIC)
def test_specific_titles_are_not_vague(title: str) -> None:
    assert vague(title) == []


@pytest.mark.parametrize(
    "title",
    [
        "Be more careful with p99 latency",  # care is never specific, even beside a metric
        "Pay attention to `db_pool_waiting`",
        "Double-check the 5xx rate before deploys",
    ],
)
def test_asking_people_for_care_stays_vague_whatever_else_the_title_names(title: str) -> None:
    assert len(vague(title)) == 1


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("p99 latency", True),
        ("queue depth", True),
        ("error rate", True),
        ("saturation", True),
        ("2 s", True),
        ("85%", True),
        ("4 GB", True),
        ("above 300", True),
        ("> 2", True),
        ("`x`", True),
        ("db_pool_waiting", True),
        ("http.server.duration", True),
        ("cacheHitRatio", True),
        ('"checkout"', True),
        ("\u201ccheckout\u201d", True),
        ("#status", True),
        ("/readyz", True),
        ("the database", False),
        ("3 services", False),
        ("checkout", False),
        ("don't do it's", False),
        ("e.g. the flag", False),
        ("OPS-12", False),
        ("monitoring", False),
    ],
)
def test_what_counts_as_a_named_signal(title: str, named: bool) -> None:
    assert names_a_signal(title) is named


def test_a_question_word_must_come_after_the_vague_words() -> None:
    assert vague("Why we page: investigate the outage") == ["investigate"]
    assert vague("Investigate the outage, and why it paged") == []


def test_a_vague_note_has_a_reason_quoting_the_words_and_a_concrete_suggestion() -> None:
    (note,) = coach_title("We should add more monitoring")
    assert note == CoachingNote(
        rule="vague",
        reason='says "add more monitoring" without naming the metric or signal to watch',
        suggestion=DATA["vague"][0]["suggestion"],
        start=10,
        end=29,
    )
    assert "p99" in note.suggestion
    (wording,) = vague_wording("Investigate further")
    assert wording.fix == "ask the question it should answer"


def test_two_vague_phrases_are_two_notes_in_text_order() -> None:
    assert vague("Look into it and be more careful") == ["Look into", "be more careful"]


def test_every_vague_group_has_a_reason_with_the_phrase_a_suggestion_and_a_fix() -> None:
    for group in DATA["vague"]:
        assert "{phrase}" in group["reason"]
        assert group["suggestion"].strip()
        assert group["fix"].strip()
        assert group["unless"] in ("signal", "question", "never")
    listed = {phrase for group in DATA["vague"] for phrase in group["phrases"]}
    for required in ("look into", "investigate further", "communicate better"):
        assert required in listed


@settings(max_examples=200)
@given(texts(max_size=60))
def test_vague_spans_are_ordered_and_point_into_the_title(title: str) -> None:
    previous_end = 0
    for note in coach_title(title):
        if note.rule == "vague":
            assert previous_end <= note.start < note.end <= len(title)
            previous_end = note.end


# --- the other columns ----------------------------------------------------------------------------


def rules(item: ActionItem) -> list[str]:
    return [note.rule for note in coach_action_item(item, today=TODAY)]


def test_a_complete_specific_item_has_no_notes() -> None:
    assert coach_action_item(complete(), today=TODAY) == ()


def test_a_bare_draft_gets_every_note_wording_first() -> None:
    assert rules(ActionItem("a1", "Add monitoring")) == [
        "vague",
        "no_owner",
        "no_due",
        "no_category",
        "no_tracker",
    ]
    assert rules(ActionItem("a1", "  ")) == [
        "no_title",
        "no_owner",
        "no_due",
        "no_category",
        "no_tracker",
    ]


@pytest.mark.parametrize("placeholder", ["TBD", " tbd ", "?", "n/a", "Someone", "-", "To do"])
def test_a_placeholder_owner_or_tracker_counts_as_none(placeholder: str) -> None:
    assert is_placeholder(placeholder)
    assert rules(complete(owner=placeholder)) == ["no_owner"]
    assert rules(complete(tracker=placeholder)) == ["no_tracker"]


@pytest.mark.parametrize("value", ["Ana", "SRE team", "OPS-12", "https://t.example/OPS-12", "#41"])
def test_real_owners_and_trackers_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


def test_an_open_item_due_before_today_is_overdue() -> None:
    late = complete(due=date(2026, 3, 19), status=ActionStatus.IN_PROGRESS)
    (note,) = coach_action_item(late, today=TODAY)
    assert note.rule == "overdue"
    assert note.reason == "was due on 2026-03-19 and is still in progress"
    assert note.suggestion.startswith("Finish it, or agree a new date")
    assert rules(complete(due=TODAY)) == []  # due today is not late yet
    for status in (ActionStatus.DONE, ActionStatus.WONT_DO):
        assert rules(complete(due=date(2026, 1, 1), status=status)) == []


def test_warnings_by_item_only_for_items_with_notes() -> None:
    pm = Postmortem(
        title="Outage",
        severity=Severity.SEV2,
        action_items=(complete(), complete("Add monitoring", id="a2", owner="")),
    )
    warnings = action_item_warnings(pm, today=TODAY)
    assert list(warnings) == ["a2"]
    assert [note.rule for note in warnings["a2"]] == ["vague", "no_owner"]


# --- root causes without an action ----------------------------------------------------------------


def test_root_causes_no_action_addresses_causes_first_then_whys() -> None:
    root = CauseClassification.ROOT_CAUSE
    pm = Postmortem(
        title="Outage",
        severity=Severity.SEV2,
        fishbone_categories=(FishboneCategory("cat", "Technology"),),
        causes=(
            Cause("c1", "cat", "Pool too small", classification=root),
            Cause("c2", "cat", "Retries without jitter", classification=root),
            Cause("c3", "cat", "Runbook outdated", classification=CauseClassification.RULED_OUT),
        ),
        whys=(
            WhyAnswer("w1", "Writes stalled"),
            WhyAnswer("w2", "The disk was full", parent_id="w1", classification=root),
        ),
        action_items=(
            complete(cause_ids=("c1",)),
            complete(id="a2", cause_ids=("w2",), status=ActionStatus.WONT_DO),
        ),
    )
    assert unaddressed_root_causes(pm) == (
        UnaddressedRootCause("cause", "c2", "Retries without jitter"),
        UnaddressedRootCause("why", "w2", "The disk was full"),
    )
    addressed = dataclasses.replace(pm, action_items=(complete(cause_ids=("c1", "c2", "w2")),))
    assert unaddressed_root_causes(addressed) == ()
