"""Fixtures for the stage-form tests: a fully populated postmortem and a stand-in window."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    AppendixKind,
    AppendixLink,
    Cause,
    CauseClassification,
    Communication,
    DataIntegrity,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Milestone,
    Observation,
    ObservationKind,
    Postmortem,
    Priority,
    Severity,
    Stage,
    TimelineEvent,
    WhyAnswer,
)


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def _timeline() -> tuple[TimelineEvent, ...]:
    rows = [
        ("2024-03-05 14:02", Milestone.ONSET, "Deploy 4812 rolls out new cache config", True),
        ("2024-03-05 14:09", Milestone.DETECTION, "p99 latency alert fires for checkout", True),
        ("2024-03-05 14:15", None, "On-call pages the payments team", False),
        ("2024-03-05 14:31", Milestone.MITIGATION, "Deploy 4812 rolled back", True),
        ("2024-03-05 14:58", Milestone.RESOLUTION, "Error rate back to baseline", True),
    ]
    return tuple(
        TimelineEvent(
            id=f"ev{n}",
            at=utc(at),
            description=text,
            milestone=milestone,
            key_event=key,
            evidence="https://grafana.example/d/checkout" if n == 1 else "",
            internal_only=n == 2,
        )
        for n, (at, milestone, text, key) in enumerate(rows)
    )


def _root_cause() -> dict[str, Any]:
    categories = (
        FishboneCategory("cat-tech", "Technology"),
        FishboneCategory("cat-process", "Process"),
        FishboneCategory("cat-mon", "Monitoring"),
    )
    causes = (
        Cause(
            "c1",
            "cat-tech",
            "Cache TTL set to 0 by new config",
            classification=CauseClassification.ROOT_CAUSE,
            evidence=("PR #4812", "config diff"),
        ),
        Cause(
            "c2",
            "cat-tech",
            "Config validator skipped TTL field",
            parent_id="c1",
            classification=CauseClassification.CONTRIBUTING_FACTOR,
        ),
        Cause(
            "c3",
            "cat-process",
            "Canary stage shortened during freeze week",
            classification=CauseClassification.CONTRIBUTING_FACTOR,
        ),
        Cause("c4", "cat-mon", "No alert on cache hit ratio"),
    )
    whys = (
        WhyAnswer("w1", "Every request missed the cache"),
        WhyAnswer(
            "w2",
            "TTL was zero in the new config",
            parent_id="w1",
            classification=CauseClassification.ROOT_CAUSE,
            evidence=("config diff",),
        ),
    )
    return {
        "problem_statement": "Checkout latency rose 8x for 56 minutes after deploy 4812.",
        "fishbone_categories": categories,
        "causes": causes,
        "whys": whys,
    }


def _actions() -> dict[str, Any]:
    return {
        "observations": (
            Observation(
                "o1", ObservationKind.WENT_WELL, "Rollback runbook was followed", event_ids=("ev3",)
            ),
            Observation(
                "o2",
                ObservationKind.WENT_WRONG,
                "Alert took 7 minutes to fire",
                event_ids=("ev0", "ev1"),
            ),
            Observation("o3", ObservationKind.LUCKY, "Traffic was low during the incident"),
        ),
        "action_items": (
            ActionItem(
                "a1",
                "Alert when cache hit ratio < 80% for 5 min",
                owner="Priya",
                due=date(2024, 4, 1),
                category=ActionCategory.DETECT,
                priority=Priority.HIGH,
                tracker="OPS-101",
                cause_ids=("c4",),
            ),
            ActionItem(
                "a2",
                "Validate TTL fields in config CI",
                owner="Sam",
                due=date(2024, 3, 20),
                category=ActionCategory.PREVENT,
                status=ActionStatus.IN_PROGRESS,
                tracker="OPS-102",
                cause_ids=("c2", "w2"),
                public=True,
            ),
        ),
        "appendix": (
            AppendixLink(
                "l1",
                AppendixKind.DASHBOARD,
                "Checkout latency",
                "https://grafana.example/d/checkout",
            ),
            AppendixLink("l2", AppendixKind.LOG, "Deploy log", "https://ci.example/deploys/4812"),
        ),
    }


@pytest.fixture
def populated() -> Postmortem:
    """A postmortem with every stage 2-6 field set to something visible."""
    return Postmortem(
        title="Checkout latency after cache config deploy",
        severity=Severity.SEV2,
        timeline=_timeline(),
        impact=Impact(
            users_affected=12000,
            data_integrity=DataIntegrity.INTACT,
            customer_visible=True,
            sla_breached=False,
            summary="Checkout p99 rose from 300 ms to 2.4 s.",
        ),
        **_root_cause(),
        **_actions(),
        published_on=date(2024, 3, 8),
        communication=Communication(
            internal_summary="Posted to #incidents",
            shared_at=utc("2024-03-06 10:00"),
            shared_where="#incidents, eng-all",
            external_postmortem_required=False,
        ),
        follow_up_reviews=(
            FollowUpReview("r1", date(2024, 4, 7), done=True, notes="On track"),
            FollowUpReview("r2", date(2024, 5, 7)),
        ),
        stage_notes={Stage.TIMELINE: "Ask SRE for the CDN logs", Stage.FOLLOW_UP: "Book rooms"},
    )


class StandInWindow:
    """Does what the window does with a page's request: store it, then show the stored result."""

    def __init__(self, page: Any, postmortem: Postmortem) -> None:
        self.page = page
        self.postmortem = postmortem
        self.requests: list[tuple[str, Any, str]] = []
        page.edit_requested.connect(self._apply)
        page.show_postmortem(postmortem)

    def _apply(self, field: str, value: Any, label: str) -> None:
        self.requests.append((field, value, label))
        self.postmortem = dataclasses.replace(self.postmortem, **{field: value})
        self.page.show_postmortem(self.postmortem)


@pytest.fixture
def stand_in() -> Callable[[Any, Postmortem], StandInWindow]:
    return StandInWindow
