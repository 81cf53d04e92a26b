"""Which columns each collection table shows, what its items are called, and what "Add" creates.

Written out per record type rather than derived blindly: ids stay hidden, references get named
editors, and columns come in the order people read them. Kinds still come from the type hints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.model import (
    ActionItem,
    AppendixKind,
    AppendixLink,
    Cause,
    FishboneCategory,
    FollowUpReview,
    Observation,
    ObservationKind,
    TimelineEvent,
    WhyAnswer,
    new_id,
    to_utc_minute,
    utc_now,
)
from app.ui.forms.values import FieldKind, FieldSpec, field_spec


@dataclass(frozen=True)
class RecordNames:
    """How one item and several items are named in buttons and undo labels."""

    singular: str
    plural: str

    def count(self, number: int) -> str:
        """ "Action Item" for one, "3 Action Items" for several."""
        return self.singular if number == 1 else f"{number} {self.plural}"


RECORD_NAMES: dict[type, RecordNames] = {
    TimelineEvent: RecordNames("Timeline Event", "Timeline Events"),
    FishboneCategory: RecordNames("Category", "Categories"),
    Cause: RecordNames("Cause", "Causes"),
    WhyAnswer: RecordNames("Why", "Whys"),
    Observation: RecordNames("Observation", "Observations"),
    ActionItem: RecordNames("Action Item", "Action Items"),
    AppendixLink: RecordNames("Appendix Link", "Appendix Links"),
    FollowUpReview: RecordNames("Follow-up Review", "Follow-up Reviews"),
}

_REFERENCES = {
    "category_id": FieldKind.REFERENCE,
    "parent_id": FieldKind.REFERENCE,
    "cause_ids": FieldKind.REFERENCE_LIST,
    "event_ids": FieldKind.REFERENCE_LIST,
}

# Shown columns per record type, in reading order; the id is never shown.
COLUMN_NAMES: dict[type, tuple[str, ...]] = {
    TimelineEvent: ("at", "milestone", "description", "evidence", "key_event", "internal_only"),
    FishboneCategory: ("name",),
    Cause: ("text", "category_id", "parent_id", "classification", "evidence"),
    WhyAnswer: ("text", "parent_id", "classification", "evidence"),
    Observation: ("kind", "text", "event_ids"),
    ActionItem: (
        "title",
        "owner",
        "due",
        "category",
        "priority",
        "status",
        "tracker",
        "cause_ids",
        "public",
    ),
    AppendixLink: ("kind", "title", "url"),
    FollowUpReview: ("due", "done", "notes"),
}

# Column headers that read better than the field's general label in a table.
_HEADERS: dict[tuple[type, str], str] = {
    (WhyAnswer, "parent_id"): "Answers",
    (WhyAnswer, "text"): "Because",
    (Observation, "kind"): "Kind",
    (FollowUpReview, "due"): "Due",
}


def columns_for(record_type: type) -> tuple[FieldSpec, ...]:
    """The table columns for ``record_type``, with title-case headers."""
    columns = []
    for name in COLUMN_NAMES[record_type]:
        spec = field_spec(record_type, name, _REFERENCES.get(name))
        header = _HEADERS.get((record_type, name), spec.label)
        columns.append(dataclasses.replace(spec, label=_title(header)))
    return tuple(columns)


def _title(label: str) -> str:
    """Title-case the words of a label, leaving acronyms and "(UTC)" alone."""
    return " ".join(
        word if word.isupper() or word.startswith("(") else word.capitalize()
        for word in label.split(" ")
    )


def _timeline_event() -> TimelineEvent:
    return TimelineEvent(id=new_id(), at=to_utc_minute(utc_now()), description="New event")


# What "Add" creates when the page gives no factory of its own; every record is valid alone.
DEFAULT_FACTORIES: dict[type, Callable[[], Any]] = {
    TimelineEvent: _timeline_event,
    FishboneCategory: lambda: FishboneCategory(id=new_id(), name="New category"),
    WhyAnswer: lambda: WhyAnswer(id=new_id(), text="New answer"),
    Observation: lambda: Observation(
        id=new_id(), kind=ObservationKind.WENT_WELL, text="New observation"
    ),
    ActionItem: lambda: ActionItem(id=new_id(), title="New action item"),
    AppendixLink: lambda: AppendixLink(
        id=new_id(), kind=AppendixKind.OTHER, title="New link", url="https://"
    ),
    FollowUpReview: lambda: FollowUpReview(id=new_id(), due=utc_now().date()),
}
