"""The follow-ups rules: what is open, what is overdue, the working order and the filters."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.followups import (
    OPEN_STATUSES,
    FollowUps,
    OpenActionItem,
    UpcomingReview,
    is_overdue,
    owner_matches,
    sort_and_filter,
)
from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    FollowUpReview,
    Severity,
)

TODAY = date(2026, 4, 10)


def entry(
    title: str,
    due: date | None = None,
    *,
    owner: str = "",
    category: ActionCategory | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    postmortem: tuple[int, str] = (1, "Checkout outage"),
) -> OpenActionItem:
    item = ActionItem(f"id-{title}", title, owner=owner, due=due, category=category, status=status)
    # overdue deliberately wrong: sort_and_filter must work it out again against its today.
    return OpenActionItem(postmortem[0], postmortem[1], Severity.SEV2, item, overdue=False)


def review(due: date, *, done: bool = False, postmortem: int = 1) -> UpcomingReview:
    return UpcomingReview(
        postmortem, f"PM {postmortem}", FollowUpReview(f"r{due}", due, done), True
    )


def titles(follow_ups: FollowUps) -> list[str]:
    return [entry.item.title for entry in follow_ups.action_items]


def test_open_means_open_or_in_progress() -> None:
    assert {ActionStatus.OPEN, ActionStatus.IN_PROGRESS} == OPEN_STATUSES
    listed = FollowUps(tuple(entry(status.value, status=status) for status in ActionStatus))
    assert titles(sort_and_filter(listed, today=TODAY)) == ["in_progress", "open"]


def test_overdue_means_due_before_today() -> None:
    assert is_overdue(date(2026, 4, 9), TODAY)
    assert not is_overdue(TODAY, TODAY)
    assert not is_overdue(None, TODAY)


def test_order_overdue_oldest_first_then_by_due_undated_last_ties_by_title() -> None:
    listed = FollowUps(
        (
            entry("undated b"),
            entry("later", date(2026, 6, 1)),
            entry("today", TODAY),
            entry("Undated a"),
            entry("late, newer", date(2026, 4, 1)),
            entry("late, oldest", date(2026, 1, 1)),
            entry("B same day", date(2026, 5, 1)),
            entry("a same day", date(2026, 5, 1)),
        )
    )
    result = sort_and_filter(listed, today=TODAY)
    assert titles(result) == [
        "late, oldest",
        "late, newer",
        "today",
        "a same day",
        "B same day",
        "later",
        "Undated a",
        "undated b",
    ]
    assert [entry.overdue for entry in result.action_items] == [True, True] + [False] * 6


def test_equal_items_are_ordered_by_postmortem_title_then_number() -> None:
    listed = FollowUps(
        (
            entry("Same", postmortem=(3, "beta")),
            entry("Same", postmortem=(2, "Alpha")),
            entry("Same", postmortem=(1, "beta")),
        )
    )
    result = sort_and_filter(listed, today=TODAY)
    assert [e.postmortem_id for e in result.action_items] == [2, 1, 3]


def test_overdue_is_worked_out_against_the_day_asked_for() -> None:
    listed = FollowUps((entry("x", date(2026, 4, 10)),), (review(date(2026, 4, 10)),))
    assert not sort_and_filter(listed, today=TODAY).action_items[0].overdue
    assert not sort_and_filter(listed, today=TODAY).reviews[0].overdue
    tomorrow = sort_and_filter(listed, today=date(2026, 4, 11))
    assert tomorrow.action_items[0].overdue
    assert tomorrow.reviews[0].overdue


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (None, ["Aiko Tanaka", "SRE team", "aiko (sre)", ""]),
        ("", ["Aiko Tanaka", "SRE team", "aiko (sre)", ""]),
        ("  ", ["Aiko Tanaka", "SRE team", "aiko (sre)", ""]),
        ("aiko", ["Aiko Tanaka", "aiko (sre)"]),
        (" AIKO ", ["Aiko Tanaka", "aiko (sre)"]),
        ("sre", ["SRE team", "aiko (sre)"]),
        ("tanaka", ["Aiko Tanaka"]),
        ("nobody", []),
    ],
)
def test_owner_matches_a_part_of_the_name_ignoring_case(
    wanted: str | None, expected: list[str]
) -> None:
    owners = ["Aiko Tanaka", "SRE team", "aiko (sre)", ""]
    listed = FollowUps(tuple(entry(f"{n}", owner=owner) for n, owner in enumerate(owners)))
    result = sort_and_filter(listed, today=TODAY, owner=wanted)
    assert [e.item.owner for e in result.action_items] == expected


def test_owner_matching_folds_case_beyond_ascii() -> None:
    assert owner_matches("Jürgen STRAẞE", "straße")
    assert not owner_matches("Aiko", "Aiko Tanaka")


def test_category_keeps_one_category() -> None:
    listed = FollowUps(
        (
            entry("p", category=ActionCategory.PREVENT),
            entry("d", category=ActionCategory.DETECT),
            entry("none"),
        )
    )
    assert titles(sort_and_filter(listed, today=TODAY, category=ActionCategory.DETECT)) == ["d"]
    assert titles(sort_and_filter(listed, today=TODAY)) == ["d", "none", "p"]


def test_reviews_not_done_by_due_date_and_untouched_by_owner_and_category() -> None:
    listed = FollowUps(
        (),
        (
            review(date(2026, 6, 1)),
            review(date(2026, 3, 1), done=True),
            review(date(2026, 4, 1), postmortem=2),
            review(date(2026, 4, 1), postmortem=1),
        ),
    )
    result = sort_and_filter(listed, today=TODAY, owner="nobody", category=ActionCategory.PROCESS)
    assert [(r.review.due, r.postmortem_id) for r in result.reviews] == [
        (date(2026, 4, 1), 1),
        (date(2026, 4, 1), 2),
        (date(2026, 6, 1), 1),
    ]
    assert [r.overdue for r in result.reviews] == [True, True, False]


def test_overdue_only_narrows_both_lists() -> None:
    listed = FollowUps(
        (entry("late", date(2026, 4, 1)), entry("soon", date(2026, 4, 20)), entry("undated")),
        (review(date(2026, 4, 9)), review(date(2026, 4, 10))),
    )
    result = sort_and_filter(listed, today=TODAY, overdue_only=True)
    assert titles(result) == ["late"]
    assert [r.review.due for r in result.reviews] == [date(2026, 4, 9)]


def test_filters_combine() -> None:
    listed = FollowUps(
        (
            entry("match", date(2026, 1, 1), owner="Sam", category=ActionCategory.DETECT),
            entry("not late", date(2026, 9, 1), owner="Sam", category=ActionCategory.DETECT),
            entry("other owner", date(2026, 1, 1), owner="Kim", category=ActionCategory.DETECT),
            entry("other kind", date(2026, 1, 1), owner="Sam", category=ActionCategory.PREVENT),
        )
    )
    result = sort_and_filter(
        listed, today=TODAY, owner="sam", category=ActionCategory.DETECT, overdue_only=True
    )
    assert titles(result) == ["match"]
