"""Lookups that name the items a reference column may point at, for the collection tables.

Each builder takes a callable returning the shown postmortem (the page's, read at the moment a
cell is drawn or edited), so names follow renames without the table holding a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.domain.model import Postmortem
from app.ui.forms.table_model import ReferenceChoices

Current = Callable[[], Postmortem | None]
Choices = Sequence[tuple[str | None, str]]


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
