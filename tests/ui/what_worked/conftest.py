"""Stage 4 page fixtures: a postmortem with a timeline and a few observations, on a shown page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.model import Observation, ObservationKind, Postmortem, Severity, TimelineEvent
from app.ui.what_worked.page import WhatWorkedPage
from tests.ui.what_worked.fake_window import FakeWindow, show_page

WELL, WRONG, LUCKY = ObservationKind.WENT_WELL, ObservationKind.WENT_WRONG, ObservationKind.LUCKY


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def sample_postmortem(**changes) -> Postmortem:
    """Two went-well items around a went-wrong one (so reordering must skip it), one lucky."""
    fields = {
        "title": "Checkout latency after cache config deploy",
        "severity": Severity.SEV2,
        "timeline": (
            TimelineEvent("ev1", utc("2024-03-05 14:02"), "Deploy 4812 starts"),
            TimelineEvent("ev2", utc("2024-03-05 14:09"), "Latency alert fires"),
            TimelineEvent("ev3", utc("2024-03-05 14:31"), "Deploy 4812 rolled back"),
        ),
        "observations": (
            Observation("w1", WELL, "Rollback runbook was followed", event_ids=("ev3",)),
            Observation("x1", WRONG, "Alert took 7 minutes to fire", event_ids=("ev1", "ev2")),
            Observation("w2", WELL, "Status page updated within 10 minutes"),
            Observation("l1", LUCKY, "Traffic was low during the incident"),
        ),
    }
    fields.update(changes)
    return Postmortem(**fields)


@pytest.fixture
def page(qtbot) -> WhatWorkedPage:
    return show_page(qtbot, WhatWorkedPage())


@pytest.fixture
def window(page) -> FakeWindow:
    return FakeWindow(page, sample_postmortem())
