"""The library list: filters, full-text search, ordering and the filter menus."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from app.domain.model import ActionItem, Severity, Status, TimelineEvent
from app.store import Library, PostmortemSummary
from app.store.search import fts_query
from tests.store.samples import at, full_postmortem, small_postmortem


def _titles(summaries: list[PostmortemSummary]) -> list[str]:
    return [summary.title for summary in summaries]


@pytest.fixture
def filled(library: Library) -> Library:
    library.create(
        small_postmortem(
            "Checkout outage",
            severity=Severity.SEV1,
            status=Status.PUBLISHED,
            affected_services=("checkout", "Payments"),
            tags=("database",),
            updated_at=datetime(2026, 2, 3, tzinfo=UTC),
            timeline=(TimelineEvent("e1", at(3, 0), "Database failover stalled on the replica"),),
        )
    )
    library.create(
        small_postmortem(
            "Login slowness",
            severity=Severity.SEV3,
            affected_services=("auth",),
            tags=("latency", "Database"),
            updated_at=datetime(2026, 2, 5, tzinfo=UTC),
            action_items=(ActionItem("a1", "Add a connection-pool dashboard"),),
        )
    )
    library.create(
        small_postmortem(
            "Café menu typo",
            severity=Severity.SEV4,
            status=Status.CLOSED,
            affected_services=("web",),
            updated_at=datetime(2026, 2, 4, tzinfo=UTC),
            incident_ref='INC-"42"',
            invitation="Join: AND (NEAR) - * ^ ölçü",
        )
    )
    return library


def test_all_newest_updated_first(filled: Library) -> None:
    assert _titles(filled.summaries()) == ["Login slowness", "Café menu typo", "Checkout outage"]


def test_update_moves_a_postmortem_to_the_top(filled: Library) -> None:
    oldest = filled.summaries()[-1]
    filled.update(oldest.id, {"tags": ("database", "moved")})
    assert filled.summaries()[0].id == oldest.id


def test_summary_fields(filled: Library) -> None:
    checkout = filled.summaries(search="checkout")[0]
    assert checkout.severity is Severity.SEV1
    assert checkout.status is Status.PUBLISHED
    assert checkout.affected_services == ("checkout", "Payments")
    assert checkout.tags == ("database",)
    assert checkout.updated_at == datetime(2026, 2, 3, tzinfo=UTC)


def test_incident_date_falls_back_to_the_earliest_event(library: Library) -> None:
    events = (
        TimelineEvent("late", at(9, 0, day=20), "later"),
        TimelineEvent("early", at(23, 59, day=11), "earliest"),
    )
    library.create(small_postmortem("dated", incident_date=date(2026, 1, 7), timeline=events))
    library.create(small_postmortem("undated but timed", timeline=events))
    library.create(small_postmortem("no clue"))
    by_title = {summary.title: summary.incident_date for summary in library.summaries()}
    assert by_title == {
        "dated": date(2026, 1, 7),
        "undated but timed": date(2026, 3, 11),
        "no clue": None,
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"severity": Severity.SEV1}, ["Checkout outage"]),
        ({"severity": Severity.SEV2}, []),
        ({"status": Status.DRAFT}, ["Login slowness"]),
        ({"service": "auth"}, ["Login slowness"]),
        ({"service": "Payments"}, ["Checkout outage"]),
        ({"service": "Pay"}, []),  # a service filter is the exact name from the menu
        ({"tag": "database"}, ["Checkout outage"]),
        ({"tag": "Database"}, ["Login slowness"]),
        ({"tag": "database", "severity": Severity.SEV3}, []),
        ({"search": "database", "status": Status.PUBLISHED}, ["Checkout outage"]),
    ],
)
def test_filters(filled: Library, filters: dict[str, object], expected: list[str]) -> None:
    assert _titles(filled.summaries(**filters)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("stalled", ["Checkout outage"]),  # a timeline event's description
        ("replica", ["Checkout outage"]),
        ("data fail", ["Checkout outage"]),  # prefixes of "database failover", in any order
        ("fail data", ["Checkout outage"]),
        ("DATABASE", ["Login slowness", "Checkout outage"]),  # a tag, and an event
        ("dashboard", ["Login slowness"]),  # an action item
        ("cafe", ["Café menu typo"]),  # accents fold
        ("olcu", ["Café menu typo"]),
        ("inc-42", ["Café menu typo"]),
        ("checkout nosuchword", []),
        ("", ["Login slowness", "Café menu typo", "Checkout outage"]),
        ("   ", ["Login slowness", "Café menu typo", "Checkout outage"]),
    ],
)
def test_search(filled: Library, search: str, expected: list[str]) -> None:
    assert _titles(filled.summaries(search=search)) == expected


HOSTILE = [
    '"',
    '""',
    '"""',
    "*",
    "**",
    "AND (",
    "(",
    ")",
    "NEAR",
    "NEAR(",
    "NEAR/2",
    "-",
    "--",
    "- login",
    "login -",
    "^",
    "a:b",
    "title:checkout",
    "OR",
    "NOT",
    "AND",
    "{",
    "}",
    "+",
    "'",
    "';--",
    "\\",
    "\x00",
    "💥",
    "ölçü*",
    'caf"é',
    "checkout OR login",
    "NOT checkout",
    "*login",
    "x" * 500,
    "%",
    "_",
    "[",
    "]",
    ".",
    "",
    "\t\n",
]


@pytest.mark.parametrize("search", HOSTILE)
def test_hostile_search_never_raises(filled: Library, search: str) -> None:
    result = filled.summaries(search=search)
    assert isinstance(result, list)


def test_operators_are_searched_as_words(filled: Library) -> None:
    assert _titles(filled.summaries(search="AND (NEAR)")) == ["Café menu typo"]
    # OR is a word here, not an operator
    assert _titles(filled.summaries(search="checkout OR login")) == []
    assert _titles(filled.summaries(search="login -")) == ["Login slowness"]  # punctuation ignored


def test_fts_query_quotes_every_token() -> None:
    assert fts_query('db "fail') == '"db"* AND """fail"*'
    assert fts_query("- * (") is None
    assert fts_query("") is None


def test_search_follows_updates_and_full_postmortems(library: Library) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    words = [
        "kittiwake",
        "Ødegård",
        "grafana",
        "Renée",
        "88 min",
        "INC-4711",
        "Revisit",
        "staging",
        "df output",
        "OPS-12",
        "runbook",
        "Slack",
        "switch",
        "Ledger",
        "größe",
        "Minuten",  # the external summary
        "judgement",  # a dismissed flag's reason
    ]
    for word in words:  # one from each kind of text field, top level and nested
        assert [summary.id for summary in library.summaries(search=word)] == [stored.id], word
    library.update(stored.id, {"timeline": (), "observations": ()})
    assert library.summaries(search="kittiwake") == []


def test_a_dismissals_location_is_not_searchable_text(library: Library) -> None:
    """``timeline[ev-onset].description`` is an address; "description" must not find it."""
    stored = library.create(full_postmortem())
    assert stored.id is not None
    assert library.summaries(search="description") == []
    assert library.summaries(search="ev-onset") == []
    dismissals = stored.coaching_dismissals[1:]
    library.update(stored.id, {"coaching_dismissals": dismissals})
    assert library.summaries(search="judgement") == []
    assert [s.id for s in library.summaries(search="Describes")] == [stored.id]


def test_parked_points_are_searchable_and_contacts_are_not(library: Library) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    assert [p.contact for p in stored.participants][:2] == ["aiko@example.com", "+47 22 00 00 00"]
    assert [s.id for s in library.summaries(search="Replikas finance")] == [stored.id]
    assert [s.id for s in library.summaries(search="db-main")] == [stored.id]  # a done point
    for contact in ("aiko@example.com", "example.com", "+47 22 00", "22 00 00"):
        assert library.summaries(search=contact) == [], contact
    # The agenda and time spent are numbers per stage: neither numbers nor stage names are text.
    for number in ("612", "1030", "25", "root_cause"):
        assert library.summaries(search=number) == [], number
    parked = (dataclasses.replace(stored.parking_lot[0], text="Ask the kestrel team"),)
    library.update(stored.id, {"parking_lot": parked})
    assert library.summaries(search="Replikas") == []
    assert [s.id for s in library.summaries(search="kestrel")] == [stored.id]


def test_services_and_tags_are_distinct_and_sorted_case_insensitively(filled: Library) -> None:
    assert filled.services() == ["auth", "checkout", "Payments", "web"]
    assert filled.tags() == ["Database", "database", "latency"]  # ties: capitals first


def test_empty_library(library: Library) -> None:
    assert library.summaries() == []
    assert library.services() == []
    assert library.tags() == []
    assert library.postmortem_ids() == []


def test_ids_limit_the_list_and_combine_with_other_filters(filled: Library) -> None:
    everything = filled.summaries()
    wanted = [everything[0].id, everything[-1].id]
    assert [s.id for s in filled.summaries(ids=wanted)] == wanted
    assert filled.summaries(ids=[]) == []
    assert filled.summaries(ids=[10_000]) == []
    first = everything[0]
    assert filled.summaries(ids=[first.id], severity=first.severity) == [first]
    other = next(s for s in Severity if s is not first.severity)
    assert filled.summaries(ids=[first.id], severity=other) == []
