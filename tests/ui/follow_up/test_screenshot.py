"""Pictures of the stage 6 page at 1280x800 with the demo postmortem, for a person to look at."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from app.domain.model import Communication, Postmortem, default_follow_up_reviews
from tests.ui.follow_up.conftest import demo_postmortem, utc
from tests.ui.follow_up.test_page import make

SHOTS = Path("/tmp/retro-shots")


def demo_at_follow_up(variant: str) -> Postmortem:
    """The demo postmortem as it looks at stage 6: shared, published, reviews scheduled."""
    demo = demo_postmortem()
    if variant == "unpublished":
        return demo
    reviews = default_follow_up_reviews(date(2026, 11, 10))
    reviews = (dataclasses.replace(reviews[0], done=True, notes="Alert shipped"), reviews[1])
    return dataclasses.replace(
        demo,
        published_on=date(2026, 11, 10),
        security_incident=variant == "security",
        communication=Communication(
            internal_summary=(
                "On 3 November checkout p99 latency rose from 300 ms to 2.4 s for 56 minutes "
                "after deploy 4812 set the cache TTL to zero. The deploy was rolled back; "
                "no data was lost. Actions: a cache hit-ratio alert and TTL validation in CI."
            ),
            shared_at=utc("2026-11-06 10:00"),
            shared_where="#incidents, eng-all mailing list",
            external_postmortem_required=True,
            external_summary="Checkout was slow for 56 minutes on 3 November.",
        ),
        follow_up_reviews=reviews,
    )


@pytest.mark.parametrize("variant", ["published", "security", "unpublished"])
def test_screenshot(qtbot, variant):
    page, _store = make(qtbot, demo_at_follow_up(variant))
    qtbot.wait(50)  # let the layouts follow what showing the postmortem hid and showed
    SHOTS.mkdir(parents=True, exist_ok=True)
    pixmap = page.grab()
    assert pixmap.save(str(SHOTS / f"stage6-{variant}.png"))
    assert (pixmap.width(), pixmap.height()) == (1280, 800)
