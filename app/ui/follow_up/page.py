"""Stage 6, "Communication & follow-up": share the summary, decide on an external one, follow up.

Left: how the summary was shared internally and the external-postmortem decision, the
customer-facing summary (locked for a security incident until legal/infosec sign off, with the
sign-off editor right there), then the meeting's parking lot. Right: the publication date and
the 30/60-day follow-up reviews, the .ics export, the time the meeting spent per stage (once the
timer has run), and the stage notes. The page keeps the stage-page contract:
``show_postmortem`` fills everything without emitting, and each user edit is one
``edit_requested``.

For the window: ``set_meeting_stage_source(callable)`` tells the parking lot which stage a point
typed here was raised during (the timer bar's ``meeting_stage``); ``reveal(id)`` also selects a
parked point.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Communication, Postmortem, Stage
from app.domain.stages import stage_state
from app.ui.follow_up import calendar_file
from app.ui.follow_up.communication import CommunicationEditor
from app.ui.follow_up.external_summary import (
    EDIT_LABEL,
    ExternalSummaryEditor,
    external_summary_lock,
)
from app.ui.follow_up.meeting_record import MeetingRecordView
from app.ui.follow_up.parking_lot import ParkingLotEditor
from app.ui.follow_up.reviews import FollowUpReviewsEditor
from app.ui.forms.page_base import FormStagePage
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.keys import ListedTabOrder
from app.ui.labels import plain_label
from app.ui.text_sizing import fit_to_lines

SIDE_BY_SIDE_WIDTH = 900
# ``reveal`` accepts these names as well as review ids: the review page links to the field to fix.
FIELD_TARGETS = (
    "internal_summary",
    "shared_where",
    "shared_at",
    "external_postmortem_required",
    "external_summary",
    "security_signoff",
    "published_on",
    "follow_up_reviews",
    "parking_lot",
    "meeting_time",
)


def exit_condition_text(pm: Postmortem) -> tuple[str, bool]:
    """The stage 6 exit-condition line for ``pm`` and whether the condition is met."""
    state = stage_state(pm, Stage.FOLLOW_UP)
    if not state.unmet:
        return f"Exit condition met: {state.exit_condition}", True
    return f"Exit condition: {state.exit_condition} Still to do: {' '.join(state.unmet)}", False


def _group(title: str, parent: QWidget, content: QWidget) -> QGroupBox:
    group = QGroupBox(title, parent)
    QVBoxLayout(group).addWidget(content)
    return group


class FollowUpPage(ListedTabOrder, FormStagePage):
    """Stage 6: internal and external communication, follow-up reviews, and the stage notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.FOLLOW_UP, parent)
        self._tracker_pattern = ""
        self._fresh = True  # the next postmortem shown replaces anything typed
        self.exit_label = self._exit_label()
        self.communication = CommunicationEditor(self)
        self.external = ExternalSummaryEditor(self)
        self.reviews = FollowUpReviewsEditor(self)
        self.parking_lot = ParkingLotEditor(self)
        self.meeting_record = MeetingRecordView(self)
        notes_box = self.notes.input_widget
        assert isinstance(notes_box, QPlainTextEdit)
        notes_box.setObjectName("stageNotesEdit")
        fit_to_lines(notes_box, 3)
        self._connect()
        self._lay_out()

    def _exit_label(self) -> QLabel:
        label = plain_label("", self, wrap=True)
        label.setObjectName("exitCondition")
        label.setAccessibleName("Exit condition")
        label.setFrameShape(QFrame.Shape.StyledPanel)
        label.setMargin(6)
        bold = QFont()  # only the weight: the size still follows the page (presentation mode)
        bold.setBold(True)
        label.setFont(bold)
        return label

    def _connect(self) -> None:
        self.communication.field_requested.connect(self._request_communication)
        self.external.summary_requested.connect(
            lambda text: self._request_communication("external_summary", text, EDIT_LABEL)
        )
        self.external.signoff_requested.connect(
            lambda value, label: self.request("security_signoff", value, label)
        )
        self.external.refused.connect(self.show_validation_error)
        self.reviews.published_on_requested.connect(
            lambda value, label: self.request("published_on", value, label)
        )
        self.reviews.reviews_requested.connect(
            lambda value, label: self.request("follow_up_reviews", value, label)
        )
        self.reviews.table.refused.connect(self.show_validation_error)
        self.reviews.calendar_requested.connect(self.save_calendar)
        self.parking_lot.points_requested.connect(
            lambda points, label: self.request("parking_lot", points, label)
        )

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_group("Shared internally", left, self.communication))
        left_layout.addWidget(_group("External postmortem", left, self.external), 1)
        left_layout.addWidget(self.parking_lot, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_group("Follow-up", right, self.reviews), 1)
        right_layout.addWidget(self.meeting_record)
        notes_label = plain_label("N&otes for this stage", right, bold=True)
        notes_label.setBuddy(self.notes.input_widget)
        right_layout.addWidget(notes_label)
        right_layout.addWidget(self.notes, 1)
        self.splitter = SideBySideSplitter(SIDE_BY_SIDE_WIDTH, left, right, sizes=[640, 600])
        self.body_layout.addWidget(self.exit_label)
        self.body_layout.addWidget(self.splitter, 1)

    def tab_chain(self) -> tuple[QWidget, ...]:
        """Every control in reading order: the left column, then the right.

        Kept as a list (``ListedTabOrder``) because its field editors pass their focus to an
        input inside them, and ``setTabOrder`` on such pairs left a Tab loop here.
        """
        return (
            *self.communication.focus_widgets(),
            *self.external.focus_widgets(),
            *self.parking_lot.focus_widgets(),
            *self.reviews.focus_widgets(),
            self.meeting_record.table,
            self.notes.input_widget,
        )

    # -- showing -------------------------------------------------------------------------
    def show_postmortem(self, postmortem: Postmortem) -> None:
        shown = self.postmortem
        self._fresh = shown is None or shown.id != postmortem.id
        super().show_postmortem(postmortem)

    def _show(self, postmortem: Postmortem) -> None:
        fresh = self._fresh
        self.communication.show_communication(postmortem.communication, fresh=fresh)
        self.external.show_postmortem(postmortem, fresh=fresh)
        self.reviews.show_reviews(
            postmortem.published_on, postmortem.follow_up_reviews, fresh=fresh
        )
        self.parking_lot.show_points(postmortem.parking_lot)
        self.meeting_record.show_postmortem(postmortem)
        text, met = exit_condition_text(postmortem)
        self.exit_label.setText(text)
        if self.exit_label.property("met") != met:
            self.exit_label.setProperty("met", met)  # for themes: QLabel[met="true"]
            self.exit_label.style().polish(self.exit_label)

    def reveal(self, item_id: str) -> bool:
        """Select the follow-up review or parked point ``item_id``, or focus that field."""
        if self.reviews.select_review(item_id) or self.parking_lot.select(item_id):
            return True
        targets: dict[str, QWidget] = {
            "internal_summary": self.communication.internal_summary.input_widget,
            "shared_where": self.communication.shared_where.input_widget,
            "shared_at": self.communication.shared_at.input_widget,
            "external_postmortem_required": self.communication.policy.input_widget,
            "external_summary": self.external.text_edit,
            "security_signoff": self.external.signoff.by_edit,
            "published_on": self.reviews.published_on.input_widget,
            "follow_up_reviews": self.reviews.table.table,
            "parking_lot": self.parking_lot.entry,
            "meeting_time": self.meeting_record.table,
        }
        target = targets.get(item_id)
        if target is None or not target.isVisibleTo(self):
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_meeting_stage_source(self, source: Callable[[], Stage | None]) -> None:
        """Where a point parked here was raised: the stage the meeting is on, or None."""
        self.parking_lot.stage_source = source

    def set_tracker_pattern(self, pattern: str) -> None:
        """The library's tracker URL pattern: action items in the .ics agenda link their keys."""
        self._tracker_pattern = pattern

    # -- editing -------------------------------------------------------------------------
    def _request_communication(self, name: str, value: object, label: str) -> None:
        """One ``Communication`` field changed: request the stored record with that change."""
        pm = self.postmortem
        if pm is None or getattr(pm.communication, name) == value:
            return
        changes: dict[str, Any] = {name: value}
        self.request("communication", dataclasses.replace(pm.communication, **changes), label)

    def request(self, field: str, value: Any, label: str) -> None:
        """As ``FormStagePage.request``, and never a change to a locked external summary."""
        pm = self.postmortem
        if pm is not None and field == "communication" and isinstance(value, Communication):
            lock = external_summary_lock(pm)
            if lock and value.external_summary != pm.communication.external_summary:
                self.show_validation_error(f"{label} was not done. {lock}")
                self.external.show_postmortem(pm, fresh=False)
                return
        super().request(field, value, label)

    def save_calendar(self) -> None:
        """Save the follow-up reviews as an .ics file the user picks."""
        pm = self.postmortem
        if pm is None or not pm.follow_up_reviews:
            return
        path = calendar_file.save_follow_up_calendar(self, pm, self._tracker_pattern)
        if path is not None:
            count = len(pm.follow_up_reviews)
            noun = "review" if count == 1 else "reviews"
            self.reviews.show_status(f"Saved {count} follow-up {noun} to {path}.")
