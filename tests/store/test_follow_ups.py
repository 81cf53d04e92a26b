"""Library.follow_ups: open items and pending reviews of every postmortem, without loading them."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app.domain.followups import FollowUps, OpenActionItem, UpcomingReview, sort_and_filter
from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    FollowUpReview,
    Postmortem,
    Severity,
)
from app.store import CorruptLibraryError, Library
from tests.store.samples import full_postmortem, small_postmortem
from tests.store.tracing import StatementLog

TODAY = date(2026, 4, 10)


def _items(*specs: tuple[str, date | None, ActionStatus]) -> tuple[ActionItem, ...]:
    return tuple(
        ActionItem(f"a{n}", title, owner=f"owner {n}", due=due, status=status,
                   category=ActionCategory.DETECT)
        for n, (title, due, status) in enumerate(specs)
    )  # fmt: skip


@pytest.fixture
def filled(library: Library) -> Library:
    library.create(
        small_postmortem(
            "Checkout outage",
            severity=Severity.SEV1,
            action_items=_items(
                ("Alert on pool saturation", date(2026, 3, 1), ActionStatus.IN_PROGRESS),
                ("Already shipped", date(2026, 1, 1), ActionStatus.DONE),
                ("Undated idea", None, ActionStatus.OPEN),
            ),
            follow_up_reviews=(
                FollowUpReview("r30", date(2026, 4, 1), done=True, notes="held"),
                FollowUpReview("r60", date(2026, 5, 1)),
            ),
        )
    )
    library.create(
        small_postmortem(
            "Login slowness",
            severity=Severity.SEV3,
            action_items=_items(
                ("Cache the session lookup", date(2026, 4, 20), ActionStatus.OPEN),
                ("Not worth it", date(2026, 2, 1), ActionStatus.WONT_DO),
            ),
            follow_up_reviews=(FollowUpReview("r30", date(2026, 4, 3)),),
        )
    )
    library.create(small_postmortem("Nothing owed"))
    return library


def test_open_items_and_pending_reviews_of_every_postmortem(filled: Library) -> None:
    follow_ups = filled.follow_ups(TODAY)
    assert [(e.postmortem_id, e.item.title, e.overdue) for e in follow_ups.action_items] == [
        (1, "Alert on pool saturation", True),
        (2, "Cache the session lookup", False),
        (1, "Undated idea", False),
    ]
    first = follow_ups.action_items[0]
    assert first.postmortem_title == "Checkout outage"
    assert first.severity is Severity.SEV1
    assert first.item == filled.load(1).action_items[0]
    assert [(e.postmortem_id, e.review.id, e.overdue) for e in follow_ups.reviews] == [
        (2, "r30", True),
        (1, "r60", False),
    ]
    assert follow_ups.reviews[0].postmortem_title == "Login slowness"
    assert follow_ups.reviews[1].review == filled.load(1).follow_up_reviews[1]


def test_it_equals_the_rule_applied_to_whole_postmortems(filled: Library) -> None:
    """The query must agree with the domain rule run over every postmortem, loaded whole."""
    filled.create(full_postmortem())
    everything = [filled.load(number) for number in filled.postmortem_ids()]
    assert filled.follow_ups(TODAY) == sort_and_filter(_all_of(everything), today=TODAY)


def _all_of(postmortems: list[Postmortem]) -> FollowUps:
    items, reviews = [], []
    for pm in postmortems:
        assert pm.id is not None
        items += [OpenActionItem(pm.id, pm.title, pm.severity, i, False) for i in pm.action_items]
        reviews += [UpcomingReview(pm.id, pm.title, r, False) for r in pm.follow_up_reviews]
    return FollowUps(tuple(items), tuple(reviews))


def test_edits_and_deletions_show_at_once(filled: Library) -> None:
    checkout = filled.load(1)
    done = dataclasses.replace(checkout.action_items[0], status=ActionStatus.DONE)
    filled.update(1, {"action_items": (done, *checkout.action_items[1:])})
    assert [e.item.title for e in filled.follow_ups(TODAY).action_items] == [
        "Cache the session lookup",
        "Undated idea",
    ]
    filled.update(1, {"title": "Checkout outage, renamed"})
    assert filled.follow_ups(TODAY).action_items[1].postmortem_title == "Checkout outage, renamed"
    filled.delete(2)
    follow_ups = filled.follow_ups(TODAY)
    assert {e.postmortem_id for e in follow_ups.action_items} == {1}
    assert {e.postmortem_id for e in follow_ups.reviews} == {1}


def test_an_empty_library_owes_nothing(library: Library) -> None:
    assert library.follow_ups(TODAY) == FollowUps((), ())


def test_it_runs_two_queries_whatever_the_size_of_the_library(filled: Library) -> None:
    """No postmortem is loaded: one query for the items, one for the reviews, no timeline read."""
    for number in range(5):
        filled.create(full_postmortem(f"More {number}"))
    log = StatementLog(filled)
    assert len(filled.follow_ups(TODAY).action_items) == 3 + 5 * 2
    assert len(log.statements) == 2
    assert not any("timeline_events" in statement for statement in log.statements)


def test_damaged_rows_are_reported_naming_the_file_and_item(filled: Library) -> None:
    filled._database.execute(
        "UPDATE action_items SET due = 'soon' WHERE postmortem_id = 2 AND id = 'a0'"
    )
    with pytest.raises(CorruptLibraryError) as raised:
        filled.follow_ups(TODAY)
    assert str(filled.path) in str(raised.value)
    assert "postmortem[2].action_items[0].due" in str(raised.value)
