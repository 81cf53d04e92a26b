"""The follow-up reviews: the publication date they hang on, and each review's date, done, notes.

The reference tracks completion 30 and 60 days after publication. With no reviews and a
publication date, one button schedules both; with no publication date the editor says so and
offers to set it (typed, or "Published today"). The reviews themselves are the generic record
table (``CollectionEditor``): keyboard first, Space ticks Done, typing edits the notes, Ctrl+Enter
adds, Delete removes. Every user action is one request: ``published_on_requested(date | None,
label)`` or ``reviews_requested(new tuple, label)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.domain.model import (
    FOLLOW_UP_OFFSETS_DAYS,
    FollowUpReview,
    default_follow_up_reviews,
    new_id,
)
from app.ui.flow_layout import FlowLayout
from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.field_editors import TextValueEditor
from app.ui.forms.values import FieldKind, FieldSpec, format_date
from app.ui.labels import plain_label

HINT_STYLE = "color: palette(placeholder-text);"
DEFAULTS_LABEL = "Add 30/60-day Reviews"
# The gap "Add" leaves after the last scheduled review, as between the two default reviews.
NEXT_REVIEW_GAP = timedelta(days=FOLLOW_UP_OFFSETS_DAYS[-1] - FOLLOW_UP_OFFSETS_DAYS[-2])


def missing_default_reviews(
    published_on: date | None, reviews: tuple[FollowUpReview, ...]
) -> tuple[FollowUpReview, ...]:
    """The 30 and 60 day reviews not yet scheduled (none without a publication date)."""
    if published_on is None:
        return ()
    scheduled = {review.due for review in reviews}
    return tuple(
        review for review in default_follow_up_reviews(published_on) if review.due not in scheduled
    )


def review_progress(reviews: tuple[FollowUpReview, ...]) -> str:
    """One line on where the reviews stand: how many are done and which is next."""
    if not reviews:
        return ""
    done = sum(review.done for review in reviews)
    text = f"{done} of {len(reviews)} done."
    waiting = sorted(review.due for review in reviews if not review.done)
    if waiting:
        text += f" Next review due {format_date(waiting[0])}."
    return text


def relabel(
    before: tuple[FollowUpReview, ...], after: tuple[FollowUpReview, ...], label: str
) -> str:
    """Say "Mark Follow-up Review Done" rather than "Edit ... Done" when one tick changed."""
    if len(before) != len(after):
        return label
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    if len(changed) == 1:
        old, new = changed[0]
        if old.id == new.id and (old.due, old.notes) == (new.due, new.notes):
            return "Mark Follow-up Review Done" if new.done else "Mark Follow-up Review Not Done"
    return label


class FollowUpReviewsEditor(QWidget):
    """Publication date, the reviews table, and the buttons that schedule and export them."""

    published_on_requested = Signal(object, str)
    reviews_requested = Signal(object, str)
    calendar_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._published_on: date | None = None
        self.published_on = TextValueEditor(
            FieldSpec("published_on", "Published on", FieldKind.DATE, optional=True), parent=self
        )
        self.published_on.value_changed.connect(
            lambda value: self.published_on_requested.emit(value, "Change Published On")
        )
        self.today_button = QPushButton("Published &today", self)
        self.today_button.setAccessibleName("Set the publication date to today")
        self.today_button.setToolTip("The reviews are scheduled 30 and 60 days after this date")
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(self.publish_today)
        self.publication_hint = plain_label("", self, style=HINT_STYLE, wrap=True)
        self.publication_hint.setObjectName("publicationHint")
        self.table = CollectionEditor(
            FollowUpReview, title="Follow-up reviews", new_record=self._new_review, parent=self
        )
        self.table.collection_changed.connect(self._on_reviews_changed)
        self.empty_label = plain_label("", self, style=HINT_STYLE, wrap=True)
        self.empty_label.setObjectName("reviewsEmpty")
        self.progress_label = plain_label("", self, wrap=True)
        self.progress_label.setObjectName("reviewsProgress")
        self.defaults_button = self._button(
            "Add 30/60-&day reviews", "Add the 30 and 60 day follow-up reviews", self._add_defaults
        )
        self.calendar_button = self._button(
            "Add to ca&lendar (.ics)…",
            "Save the follow-up reviews as a calendar file",
            self.calendar_requested.emit,
        )
        self.status_label = plain_label("", self, wrap=True)
        self.status_label.setObjectName("calendarStatus")
        self._lay_out()

    def _button(self, text: str, accessible: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        label = plain_label("&Published on:", self)
        label.setBuddy(self.published_on.input_widget)
        date_row = QHBoxLayout()
        date_row.addWidget(label)
        date_row.addWidget(self.published_on)
        date_row.addWidget(self.today_button, 0, Qt.AlignmentFlag.AlignTop)
        date_row.addStretch(1)
        buttons = FlowLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(date_row)
        layout.addWidget(self.publication_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.progress_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order."""
        table = self.table
        return (
            self.published_on.input_widget,
            self.today_button,
            table.table,
            table.add_button,
            table.remove_button,
            table.up_button,
            table.down_button,
            self.defaults_button,
            self.calendar_button,
        )

    # -- showing -------------------------------------------------------------------------
    @property
    def reviews(self) -> tuple[FollowUpReview, ...]:
        return self.table.records

    def show_reviews(
        self, published_on: date | None, reviews: tuple[FollowUpReview, ...], *, fresh: bool
    ) -> None:
        """Show the stored date and reviews without emitting; ``fresh`` for another postmortem."""
        self._published_on = published_on
        if fresh:
            self.published_on.typing.set_text(format_date(published_on))
            self.status_label.clear()
        self.published_on.set_value(published_on)
        self.table.show_records(reviews)
        missing = missing_default_reviews(published_on, reviews)
        self.defaults_button.setEnabled(bool(missing))
        self.today_button.setVisible(published_on is None)
        self.calendar_button.setEnabled(bool(reviews))
        self.calendar_button.setToolTip(
            "Save the follow-up meetings as an .ics file any calendar opens"
            if reviews
            else "Schedule a follow-up review first"
        )
        self._show_hints(published_on, reviews, missing)

    def _show_hints(
        self,
        published_on: date | None,
        reviews: tuple[FollowUpReview, ...],
        missing: tuple[FollowUpReview, ...],
    ) -> None:
        if published_on is None:
            publication = (
                "Not published yet. Set the publication date to schedule the follow-up "
                "reviews 30 and 60 days after it."
            )
            tip = "Set the publication date first: the reviews are 30 and 60 days after it"
        elif missing:
            publication = ""
            tip = "Schedule reviews on " + " and ".join(format_date(r.due) for r in missing)
        else:
            publication = ""
            tip = "The 30 and 60 day reviews are already scheduled"
        self.publication_hint.setText(publication)
        self.publication_hint.setVisible(bool(publication))
        self.defaults_button.setToolTip(tip)
        if reviews:
            empty = ""
        elif published_on is None:
            empty = "No follow-up reviews scheduled yet."
        else:
            empty = "No follow-up reviews scheduled yet: add the 30 and 60 day reviews below."
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty))
        progress = review_progress(reviews)
        self.progress_label.setText(progress)
        self.progress_label.setVisible(bool(progress))

    def select_review(self, review_id: str) -> bool:
        """Select and focus the review ``review_id``; False if there is none."""
        for row, review in enumerate(self.reviews):
            if review.id == review_id:
                index = self.table.model.index(row, 0)
                self.table.table.setCurrentIndex(index)
                self.table.table.selectRow(row)
                self.table.table.scrollTo(index)
                self.table.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def show_status(self, text: str) -> None:
        """Say what the last export did."""
        self.status_label.setText(text)

    # -- editing -------------------------------------------------------------------------
    def publish_today(self) -> None:
        """Set the publication date to today (local calendar date) and request it."""
        self.published_on.typing.set_text(date.today().isoformat())
        self.published_on.typing.finish()

    def _add_defaults(self) -> None:
        missing = missing_default_reviews(self._published_on, self.reviews)
        if missing:
            self.reviews_requested.emit((*self.reviews, *missing), DEFAULTS_LABEL)

    def _new_review(self) -> FollowUpReview:
        """What "Add" creates: a review after the last one, or 30 days after publication."""
        if self.reviews:
            due = max(review.due for review in self.reviews) + NEXT_REVIEW_GAP
        else:
            start = self._published_on or date.today()
            due = start + timedelta(days=FOLLOW_UP_OFFSETS_DAYS[0])
        return FollowUpReview(id=new_id(), due=due)

    def _on_reviews_changed(self, reviews: object, label: str) -> None:
        if isinstance(reviews, tuple):
            self.reviews_requested.emit(reviews, relabel(self.reviews, reviews, label))
