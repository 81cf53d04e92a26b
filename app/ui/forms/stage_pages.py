"""The pages for stages 2 to 6, each composed from the generic record forms and collection tables.

The pages only arrange editors and name the postmortem fields they edit; all editing behaviour
lives in the components, so a later dedicated editor can replace one part of a page at a time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget

from app.domain.model import (
    ActionItem,
    AppendixLink,
    Communication,
    FollowUpReview,
    Observation,
    Postmortem,
    Stage,
    default_follow_up_reviews,
)
from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.field_editors import TextValueEditor
from app.ui.forms.page_base import FormStagePage
from app.ui.forms.record_form import RecordForm
from app.ui.forms.references import (
    action_item_cause_choices,
    observation_event_choices,
)
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.forms.values import FieldKind, FieldSpec
from app.ui.labels import plain_label

SECTION_STYLE = "font-weight: bold;"


def _column(parent: QWidget, *widgets: QWidget, stretches: tuple[int, ...] = ()) -> QWidget:
    """Stack ``widgets`` vertically in one plain container (a splitter pane)."""
    pane = QWidget(parent)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for position, widget in enumerate(widgets):
        layout.addWidget(widget, stretches[position] if position < len(stretches) else 0)
    return pane


# Below this page width, panes that sit side by side stack instead (see side_by_side.py).
SIDE_BY_SIDE_WIDTH = 900


def _splitter(orientation: Qt.Orientation, *panes: QWidget, sizes: list[int]) -> QSplitter:
    if orientation == Qt.Orientation.Horizontal:
        return SideBySideSplitter(SIDE_BY_SIDE_WIDTH, *panes, sizes=sizes)
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for pane in panes:
        splitter.addWidget(pane)
    splitter.setSizes(sizes)
    return splitter


class WhatWorkedStagePage(FormStagePage):
    """Stage 4: what went well, what went wrong, where we got lucky, linked to timeline events."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.WHAT_WORKED, parent)
        self.observations = self.bind_collection(
            CollectionEditor(
                Observation,
                title="Observations",
                references={"event_ids": observation_event_choices(self._current)},
                parent=self,
            ),
            "observations",
        )
        notes = _column(
            self,
            plain_label("Notes for this stage", self, style=SECTION_STYLE),
            self.notes,
            stretches=(0, 1),
        )
        self.body_layout.addWidget(
            _splitter(Qt.Orientation.Vertical, self.observations, notes, sizes=[480, 200]), 1
        )

    def _show(self, postmortem: Postmortem) -> None:
        self.observations.show_records(postmortem.observations)


class ActionItemsStagePage(FormStagePage):
    """Stage 5: owned, dated, categorised action items; the appendix of traces, metrics, logs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.ACTION_ITEMS, parent)
        self.action_items = self.bind_collection(
            CollectionEditor(
                ActionItem,
                title="Action items",
                references={"cause_ids": action_item_cause_choices(self._current)},
                parent=self,
            ),
            "action_items",
        )
        self.appendix = self.bind_collection(
            CollectionEditor(AppendixLink, title="Appendix: traces, metrics and logs", parent=self),
            "appendix",
        )
        notes = _column(
            self,
            plain_label("Notes for this stage", self, style=SECTION_STYLE),
            self.notes,
            stretches=(0, 1),
        )
        lower = _splitter(Qt.Orientation.Horizontal, self.appendix, notes, sizes=[800, 440])
        self.body_layout.addWidget(
            _splitter(Qt.Orientation.Vertical, self.action_items, lower, sizes=[420, 260]), 1
        )

    def _show(self, postmortem: Postmortem) -> None:
        self.action_items.show_records(postmortem.action_items)
        self.appendix.show_records(postmortem.appendix)


class FollowUpStagePage(FormStagePage):
    """Stage 6: how the summary was shared, the publication date and the 30/60-day reviews."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.FOLLOW_UP, parent)
        self.communication = self.bind_form(RecordForm(Communication, parent=self), "communication")
        self.published_on = self.bind_field(
            TextValueEditor(
                FieldSpec("published_on", "Published on", FieldKind.DATE, optional=True),
                parent=self,
            ),
            "published_on",
        )
        self.reviews = self.bind_collection(
            CollectionEditor(FollowUpReview, title="Follow-up reviews", parent=self),
            "follow_up_reviews",
        )
        self.add_default_reviews = QPushButton("Add 30/60-day reviews", self)
        self.add_default_reviews.setAccessibleName("Add 30 and 60 day follow-up reviews")
        self.add_default_reviews.clicked.connect(self._add_default_reviews)
        self.reviews.add_button_widget(self.add_default_reviews)
        self._lay_out()

    def _lay_out(self) -> None:
        left = _column(
            self,
            plain_label("Communication", self, style=SECTION_STYLE),
            self.communication,
            plain_label("Notes for this stage", self, style=SECTION_STYLE),
            self.notes,
            stretches=(0, 0, 0, 1),
        )
        right = _column(
            self,
            plain_label("Published on", self, style=SECTION_STYLE),
            self.published_on,
            self.reviews,
            stretches=(0, 0, 1),
        )
        self.body_layout.addWidget(
            _splitter(Qt.Orientation.Horizontal, left, right, sizes=[620, 620]), 1
        )

    def _missing_default_reviews(self, postmortem: Postmortem) -> tuple[FollowUpReview, ...]:
        if postmortem.published_on is None:
            return ()
        scheduled = {review.due for review in postmortem.follow_up_reviews}
        return tuple(
            review
            for review in default_follow_up_reviews(postmortem.published_on)
            if review.due not in scheduled
        )

    def _add_default_reviews(self) -> None:
        pm = self.postmortem
        missing = self._missing_default_reviews(pm) if pm else ()
        if pm is not None and missing:
            self.request(
                "follow_up_reviews", pm.follow_up_reviews + missing, "Add 30/60-day Reviews"
            )

    def _show(self, postmortem: Postmortem) -> None:
        self.communication.show_record(postmortem.communication)
        self.published_on.set_value(postmortem.published_on)
        self.reviews.show_records(postmortem.follow_up_reviews)
        self._update_review_button(postmortem)

    def _update_review_button(self, postmortem: Postmortem) -> None:
        missing = self._missing_default_reviews(postmortem)
        self.add_default_reviews.setEnabled(bool(missing))
        if postmortem.published_on is None:
            tip = "Set the publication date first: reviews are 30 and 60 days after it"
        elif missing:
            tip = "Schedule reviews " + " and ".join(r.due.isoformat() for r in missing)
        else:
            tip = "The 30 and 60 day reviews are already scheduled"
        self.add_default_reviews.setToolTip(tip)
