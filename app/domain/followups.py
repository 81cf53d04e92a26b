"""The library-wide follow-ups: open action items and follow-up reviews still to hold.

Stage 6 of the reference asks to track completion at 30 and 60 days; across many postmortems
that means one list of everything still owed. The store gathers the rows (``Library.follow_ups``);
this module holds the records and the rules for ordering and narrowing them, free of storage so
the Follow-ups view, ``retro followups`` and the tests share one definition:

- an action item is *open* while its status is OPEN or IN_PROGRESS (DONE and WONT_DO are settled);
- a follow-up review is *upcoming* while it is not done, however late it is;
- either is *overdue* when its due date is before today (due today is not overdue yet).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from app.domain.model import ActionCategory, ActionItem, ActionStatus, FollowUpReview, Severity

OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


def is_overdue(due: date | None, today: date) -> bool:
    """Whether something due on ``due`` is late on ``today``; an undated thing never is."""
    return due is not None and due < today


@dataclass(frozen=True)
class OpenActionItem:
    """An action item still to do, with the postmortem it belongs to."""

    postmortem_id: int
    postmortem_title: str
    severity: Severity
    item: ActionItem
    overdue: bool


@dataclass(frozen=True)
class UpcomingReview:
    """A follow-up review not yet held, with the postmortem it belongs to."""

    postmortem_id: int
    postmortem_title: str
    review: FollowUpReview
    overdue: bool


@dataclass(frozen=True)
class FollowUps:
    """Everything still owed across a library, each list in the order people work through it."""

    action_items: tuple[OpenActionItem, ...] = ()
    reviews: tuple[UpcomingReview, ...] = ()


def _item_order(entry: OpenActionItem) -> tuple[bool, date, str, str, int]:
    due = entry.item.due
    return (
        due is None,
        due or date.max,
        entry.item.title.casefold(),
        entry.postmortem_title.casefold(),
        entry.postmortem_id,
    )


def _review_order(entry: UpcomingReview) -> tuple[date, str, int]:
    return (entry.review.due, entry.postmortem_title.casefold(), entry.postmortem_id)


_Entry = TypeVar("_Entry", OpenActionItem, UpcomingReview)


def _with_overdue(entry: _Entry, overdue: bool) -> _Entry:
    # Usually already right: a copy only when the day has moved on since the list was made.
    return entry if entry.overdue is overdue else dataclasses.replace(entry, overdue=overdue)


def owner_matches(owner: str, wanted: str) -> bool:
    """Whether ``wanted`` occurs in ``owner``, ignoring case (``"sre"`` finds ``"SRE team"``).

    A substring rather than the whole name, because owners are free text: one person is written
    "Aiko", "Aiko Tanaka" or "aiko (SRE)" across postmortems, and a team name is often part of it.
    """
    return wanted.casefold() in owner.casefold()


def sort_and_filter(
    follow_ups: FollowUps,
    *,
    today: date,
    owner: str | None = None,
    category: ActionCategory | None = None,
    overdue_only: bool = False,
) -> FollowUps:
    """The follow-ups still owed on ``today``, narrowed and in working order.

    Action items: only open ones (see ``OPEN_STATUSES``); ``owner`` keeps those whose owner
    contains it, ignoring case (None or blank keeps all; see ``owner_matches``); ``category``
    keeps one category (None keeps all, uncategorised items too). Ordered by due date, so the
    overdue come first, oldest first, then the rest by due date, undated last; ties by item
    title, then postmortem title and number, ignoring case.

    Reviews: only those not done, by due date. ``owner`` and ``category`` do not apply to them
    (a review has neither); ``overdue_only`` narrows both lists to what is overdue.

    ``overdue`` is worked out again against ``today``, so a list kept open past midnight can be
    re-sorted without asking the library again.
    """
    wanted = owner.strip() if owner is not None else ""
    items = [
        _with_overdue(entry, is_overdue(entry.item.due, today))
        for entry in follow_ups.action_items
        if entry.item.status in OPEN_STATUSES
        and (not wanted or owner_matches(entry.item.owner, wanted))
        and (category is None or entry.item.category is category)
    ]
    reviews = [
        _with_overdue(entry, is_overdue(entry.review.due, today))
        for entry in follow_ups.reviews
        if not entry.review.done
    ]
    if overdue_only:
        items = [entry for entry in items if entry.overdue]
        reviews = [entry for entry in reviews if entry.overdue]
    return FollowUps(
        action_items=tuple(sorted(items, key=_item_order)),
        reviews=tuple(sorted(reviews, key=_review_order)),
    )
