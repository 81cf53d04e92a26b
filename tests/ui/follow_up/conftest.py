"""Stage 6 page fixtures: a postmortem ready for follow-up, and a store that applies requests.

``Store`` does what the window does with a page's requests: it applies each edit (one field, or
several as one step) to the stored postmortem, which validates it, remembers the undo label and
shows the stored result on the page again, synchronously, so a test sees what the room would see.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.domain.model import (
    ActionCategory,
    ActionItem,
    Communication,
    FollowUpReview,
    Postmortem,
    SecuritySignOff,
    Severity,
    Stage,
)
from app.export.interchange import load_postmortem
from app.ui import application
from app.ui.follow_up.page import FollowUpPage
from app.ui.stage_page import StagePage

DEMO = Path(__file__).resolve().parents[3] / "docs" / "demo-postmortem.json"


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def follow_up_postmortem(**changes: Any) -> Postmortem:
    """Published 2026-11-10, shared internally, two reviews (the first done)."""
    fields: dict[str, Any] = {
        "title": "Checkout latency after cache config deploy",
        "severity": Severity.SEV2,
        "id": 7,
        "published_on": date(2026, 11, 10),
        "communication": Communication(
            internal_summary="Checkout p99 rose to 2.4 s for 56 minutes after deploy 4812.",
            shared_at=utc("2026-11-06 10:00"),
            shared_where="#incidents, eng-all",
            external_postmortem_required=True,
        ),
        "follow_up_reviews": (
            FollowUpReview("r1", date(2026, 12, 10), done=True, notes="OPS-3121 done"),
            FollowUpReview("r2", date(2027, 1, 9)),
        ),
        "action_items": (
            ActionItem(
                "a1",
                "Alert when cache hit ratio < 80% for 5 min",
                owner="Mei Chen",
                due=date(2026, 11, 20),
                category=ActionCategory.DETECT,
            ),
        ),
        "stage_notes": {Stage.FOLLOW_UP: "Book the review rooms"},
    }
    fields.update(changes)
    return Postmortem(**fields)


def security_postmortem(**changes: Any) -> Postmortem:
    """A security incident with an external summary drafted before it was flagged."""
    pm = follow_up_postmortem(security_incident=True, **changes)
    communication = dataclasses.replace(
        pm.communication, external_summary="Some customers saw slow checkouts."
    )
    return dataclasses.replace(pm, communication=communication)


SIGNED = SecuritySignOff("Dana Lee (Legal)", utc("2026-11-07 09:30"))


def demo_postmortem() -> Postmortem:
    return load_postmortem(DEMO.read_text(encoding="utf-8"), source=DEMO.name)


class Store:
    """Applies the page's requests as the window would and shows the stored result."""

    def __init__(self, page: FollowUpPage, postmortem: Postmortem) -> None:
        self.page = page
        self.stored = postmortem
        self.labels: list[str] = []
        self.edits: list[dict[str, Any]] = []
        page.edit_requested.connect(lambda field, value, label: self.apply({field: value}, label))
        page.changes_requested.connect(self.apply)
        page.show_postmortem(postmortem)

    def apply(self, changes: dict[str, Any], label: str) -> None:
        self.stored = dataclasses.replace(self.stored, **changes)
        self.edits.append(changes)
        self.labels.append(label)
        self.page.show_postmortem(self.stored)


def use_follow_up_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the windows a test opens use this page for stage 6 (until the window builds it)."""
    real_build_pages = application.build_pages

    def build_pages() -> dict[Stage, StagePage]:
        pages = real_build_pages()
        if not isinstance(pages[Stage.FOLLOW_UP], FollowUpPage):
            pages[Stage.FOLLOW_UP].deleteLater()
            pages[Stage.FOLLOW_UP] = FollowUpPage()
        return pages

    monkeypatch.setattr(application, "build_pages", build_pages)


@pytest.fixture
def postmortem() -> Postmortem:
    return follow_up_postmortem()
