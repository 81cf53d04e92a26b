"""Drafts: new outline rows shown with their editor open before anything is stored.

A draft is worked out by ``cause_tree`` on the stored postmortem but not requested: only its
text makes it an edit, so an add and its text are one undo step and a row left empty is never
stored. The builder is kept, not just its result, so the draft can be laid again onto a
postmortem stored while it is open (undo from the menu, say).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.domain.model import Cause, FishboneCategory, Postmortem, WhyAnswer
from app.ui.root_cause.outline_model import ElementKind

# Builds a draft on a stored postmortem: the postmortem with the new row, and the row's id.
DraftBuilder = Callable[[Postmortem], tuple[Postmortem, str]]
Edit = tuple[Postmortem, str]  # a new postmortem and its undo label


@dataclass(frozen=True)
class DraftPlan:
    """How to add a row: its builder, its kind and the undo label of the finished add."""

    build: DraftBuilder
    kind: ElementKind
    label: str


@dataclass(frozen=True)
class Draft:
    """An open draft: its plan, the id of its row and the postmortem shown with it."""

    plan: DraftPlan
    item_id: str
    anchor: str | None  # the row to go back to if the draft is dropped
    postmortem: Postmortem

    @property
    def element_id(self) -> str:
        return self.plan.kind.element_id(self.item_id)


def with_item_id(postmortem: Postmortem, kind: ElementKind, old: str, new: str) -> Postmortem:
    """``postmortem`` with the new row ``old`` renamed ``new``, so a rebuilt draft keeps its id.

    Only a draft's own row is renamed: nothing refers to a row that was never stored.
    """
    if kind is ElementKind.CATEGORY:
        categories = tuple(_renamed(c, old, new) for c in postmortem.fishbone_categories)
        return dataclasses.replace(postmortem, fishbone_categories=categories)
    if kind is ElementKind.CAUSE:
        causes = tuple(_renamed(c, old, new) for c in postmortem.causes)
        return dataclasses.replace(postmortem, causes=causes)
    whys = tuple(_renamed(w, old, new) for w in postmortem.whys)
    return dataclasses.replace(postmortem, whys=whys)


Row = TypeVar("Row", FishboneCategory, Cause, WhyAnswer)


def _renamed(row: Row, old: str, new: str) -> Row:
    return dataclasses.replace(row, id=new) if row.id == old else row
