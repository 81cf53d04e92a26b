"""Lookups that name the items a reference column may point at, for the collection tables.

Each builder takes a callable returning the shown postmortem (the page's, read at the moment a
cell is drawn or edited), so names follow renames without the table holding a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.domain.model import Cause, Postmortem, WhyAnswer
from app.ui.forms.table_model import ReferenceChoices
from app.ui.forms.values import format_datetime

Current = Callable[[], Postmortem | None]
Choices = Sequence[tuple[str | None, str]]
NO_PARENT_CAUSE = "(top level)"
PROBLEM_STATEMENT = "The problem statement"


def cause_category_choices(current: Current) -> ReferenceChoices:
    """A cause may sit in any fishbone category."""

    def choices(_record: Any) -> Choices:
        pm = current()
        return [(category.id, category.name) for category in pm.fishbone_categories] if pm else []

    return choices


def cause_parent_choices(current: Current) -> ReferenceChoices:
    """A cause refines another cause of the same category, or none."""

    def choices(record: Cause) -> Choices:
        pm = current()
        others = pm.causes if pm else ()
        return [(None, NO_PARENT_CAUSE)] + [
            (cause.id, cause.text)
            for cause in others
            if cause.category_id == record.category_id and cause.id != record.id
        ]

    return choices


def why_parent_choices(current: Current) -> ReferenceChoices:
    """A why answers the problem statement or another why."""

    def choices(record: WhyAnswer) -> Choices:
        pm = current()
        others = pm.whys if pm else ()
        return [(None, PROBLEM_STATEMENT)] + [
            (why.id, why.text) for why in others if why.id != record.id
        ]

    return choices


def observation_event_choices(current: Current) -> ReferenceChoices:
    """An observation may point at timeline events, named by time and description."""

    def choices(_record: Any) -> Choices:
        pm = current()
        events = pm.timeline if pm else ()
        return [(event.id, f"{format_datetime(event.at)} {event.description}") for event in events]

    return choices


def action_item_cause_choices(current: Current) -> ReferenceChoices:
    """An action item addresses fishbone causes or five-whys answers."""

    def choices(_record: Any) -> Choices:
        pm = current()
        if pm is None:
            return []
        return [(cause.id, f"Cause: {cause.text}") for cause in pm.causes] + [
            (why.id, f"Why: {why.text}") for why in pm.whys
        ]

    return choices
