"""Stage 5 page fixtures: a postmortem with participants, root causes and two action items."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.model import (
    ActionCategory,
    ActionItem,
    Cause,
    CauseClassification,
    FishboneCategory,
    Participant,
    Postmortem,
    Priority,
    Severity,
    WhyAnswer,
)
from app.ui.action_items.page import ActionItemsPage
from tests.ui.what_worked.fake_window import FakeWindow, show_page

TODAY = date(2024, 3, 10)
PATTERN = "https://tracker.example.com/browse/{key}"


def sample_postmortem(**changes) -> Postmortem:
    """a1 is complete and addresses root cause c1; a2 is vague and unowned; root cause w2 has
    no action."""
    fields = {
        "title": "Checkout latency after cache config deploy",
        "severity": Severity.SEV2,
        "participants": (
            Participant("Mei Chen", "Release engineering"),
            Participant("Tomás Ortega", "Payments on-call"),
        ),
        "fishbone_categories": (FishboneCategory("tech", "Technology"),),
        "causes": (
            Cause(
                "c1",
                "tech",
                "Cache TTL set to zero by the new config",
                classification=CauseClassification.ROOT_CAUSE,
            ),
            Cause("c2", "tech", "Canary stage shortened", parent_id="c1"),
        ),
        "whys": (
            WhyAnswer("w1", "Every request missed the cache"),
            WhyAnswer(
                "w2",
                "The config linter has no TTL rule",
                parent_id="w1",
                classification=CauseClassification.ROOT_CAUSE,
            ),
        ),
        "action_items": (
            ActionItem(
                "a1",
                "Alert when cache hit ratio < 80% for 5 min",
                owner="Mei Chen",
                due=date(2024, 4, 1),
                category=ActionCategory.DETECT,
                priority=Priority.HIGH,
                tracker="OPS-101",
                cause_ids=("c1",),
            ),
            ActionItem("a2", "Improve alerting", tracker="OPS-102"),
        ),
    }
    fields.update(changes)
    return Postmortem(**fields)


@pytest.fixture
def page(qtbot) -> ActionItemsPage:
    shown = show_page(qtbot, ActionItemsPage())
    shown.today = TODAY
    return shown


@pytest.fixture
def window(page) -> FakeWindow:
    return FakeWindow(page, sample_postmortem())
