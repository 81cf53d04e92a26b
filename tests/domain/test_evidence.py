from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import given

from app.domain.evidence import (
    describe_evidence,
    event_evidence,
    evidence_event_id,
    is_link,
    is_usable_evidence,
)
from app.domain.model import Postmortem, Severity, TimelineEvent
from tests.strategies import ids, texts

FAILOVER = TimelineEvent("ev-7", datetime(2026, 3, 1, 14, 2, tzinfo=UTC), "Failover\n  started")


def with_timeline(*events: TimelineEvent) -> Postmortem:
    return Postmortem(title="Checkout outage", severity=Severity.SEV2, timeline=events)


@given(ids())
def test_an_event_reference_round_trips(event_id: str) -> None:
    entry = event_evidence(event_id)
    assert entry == f"event:{event_id}"
    assert evidence_event_id(entry) == event_id


@pytest.mark.parametrize(
    "entry",
    ["https://traces.example/abc", "config diff", "event:", "Event:ev-7", " event:ev-7", ""],
)
def test_other_entries_are_not_event_references(entry: str) -> None:
    assert evidence_event_id(entry) is None


def test_an_empty_event_id_is_refused() -> None:
    with pytest.raises(ValueError, match="event's id"):
        event_evidence("")


def test_an_event_reference_reads_as_its_time_and_description() -> None:
    pm = with_timeline(FAILOVER)
    assert describe_evidence(pm, "event:ev-7") == "Timeline 14:02 UTC — Failover started"
    blank = dataclasses.replace(FAILOVER, description="  ")
    assert describe_evidence(with_timeline(blank), "event:ev-7") == "Timeline 14:02 UTC"
    assert describe_evidence(pm, "event:gone") == "Timeline event (deleted)"


def test_the_date_joins_the_time_when_the_timeline_spans_days() -> None:
    next_day = TimelineEvent("ev-8", datetime(2026, 3, 2, 0, 5, tzinfo=UTC), "Resolved")
    pm = with_timeline(FAILOVER, next_day)
    assert describe_evidence(pm, "event:ev-8") == "Timeline 2026-03-02 00:05 UTC — Resolved"


@given(texts())
def test_anything_else_reads_as_written(entry: str) -> None:
    if evidence_event_id(entry) is None:
        assert describe_evidence(with_timeline(FAILOVER), entry) == entry


@pytest.mark.parametrize(
    ("entry", "link"),
    [
        ("https://grafana.example/d/checkout?from=now-1h", True),
        ("http://localhost:3000/trace/abc", True),
        ("  HTTPS://Traces.Example/abc  ", True),
        ("ftp://files.example/log", False),
        ("https://", False),
        ("https://host/with space", False),
        ("grafana.example/d/checkout", False),
        ("javascript:alert(1)", False),
        ("http://[::1", False),  # urlsplit raises on this one
        ("event:ev-7", False),
        ("", False),
    ],
)
def test_is_link_accepts_only_http_urls(entry: str, link: bool) -> None:
    assert is_link(entry) is link


def test_usable_evidence_is_not_blank_and_not_a_deleted_event() -> None:
    pm = with_timeline(FAILOVER)
    assert is_usable_evidence(pm, "PR #4812")
    assert is_usable_evidence(pm, "event:ev-7")
    assert not is_usable_evidence(pm, "event:gone")
    assert not is_usable_evidence(pm, "   ")
