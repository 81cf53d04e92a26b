"""Follow-ups view fixtures: a library's worth of open items and reviews, and a counting loader."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain.followups import FollowUps, OpenActionItem, UpcomingReview, is_overdue
from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    FollowUpReview,
    Priority,
    Severity,
)

TODAY = date(2026, 12, 1)
CHECKOUT = (7, "Checkout latency after cache config deploy", Severity.SEV2)
LOGIN = (3, "Login outage during certificate rotation", Severity.SEV1)
INVOICES = (12, "Delayed <b>invoice</b> emails", Severity.SEV4)  # markup must stay literal


def item(
    postmortem: tuple[int, str, Severity], item_id: str, title: str, **fields: Any
) -> OpenActionItem:
    action = ActionItem(id=item_id, title=title, **fields)
    number, name, severity = postmortem
    return OpenActionItem(number, name, severity, action, is_overdue(action.due, TODAY))


def review(
    postmortem: tuple[int, str, Severity], review_id: str, due: date, **fields: Any
) -> UpcomingReview:
    held = FollowUpReview(id=review_id, due=due, **fields)
    number, name, _severity = postmortem
    return UpcomingReview(number, name, held, is_overdue(due, TODAY))


def library_follow_ups() -> FollowUps:
    """Five open items (two overdue), one done item, three reviews (one overdue, one done)."""
    return FollowUps(
        action_items=(
            item(
                CHECKOUT,
                "a1",
                "Alert when cache hit ratio < 80% for 5 min",
                owner="Mei Chen",
                due=date(2026, 12, 20),
                category=ActionCategory.DETECT,
                tracker="OPS-3121",
            ),
            item(
                CHECKOUT,
                "a2",
                "Validate TTL fields in config CI",
                owner="Aiko Tanaka (SRE)",
                due=date(2026, 11, 20),
                category=ActionCategory.PREVENT,
                priority=Priority.HIGH,
                status=ActionStatus.IN_PROGRESS,
            ),
            item(
                LOGIN,
                "b1",
                "Automate certificate rotation dry run",
                owner="SRE team",
                due=date(2026, 10, 2),
                category=ActionCategory.PREVENT,
            ),
            item(LOGIN, "b2", "Runbook: <i>revoke</i> a leaked key", owner="Mei Chen"),
            item(
                INVOICES,
                "c1",
                "Page on queue age > 10 min",
                owner="Lars",
                due=date(2027, 1, 15),
                category=ActionCategory.RECOVER,
            ),
            item(
                INVOICES,
                "c2",
                "Already done",
                owner="Lars",
                due=date(2026, 1, 1),
                status=ActionStatus.DONE,
            ),
        ),
        reviews=(
            review(CHECKOUT, "r1", date(2026, 12, 10), notes="Check OPS-3121"),
            review(LOGIN, "r2", date(2026, 11, 2)),
            review(INVOICES, "r3", date(2026, 9, 1), done=True),
        ),
    )


class Loader:
    """Stands in for the library: hands out ``follow_ups`` and remembers each day asked about."""

    def __init__(self, follow_ups: FollowUps) -> None:
        self.follow_ups = follow_ups
        self.days: list[date] = []

    def __call__(self, today: date) -> FollowUps:
        self.days.append(today)
        return self.follow_ups


@pytest.fixture
def loader() -> Loader:
    return Loader(library_follow_ups())
