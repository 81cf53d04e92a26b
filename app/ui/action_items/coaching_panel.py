"""What the coaching says beside the action items table.

``CoachingPanel`` shows the selected item's notes (a vague verb with no named signal, no owner,
no date, a date in the past, no tracker link, no category), each with its reason and what to do
instead, and follows the title as it is typed. ``UnaddressedCausesPanel`` lists the root causes
no action addresses, each with a button that starts an action already linked to it. The rules
are not here: the page passes in what ``app.domain.action_coaching`` found.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.action_coaching import CoachingNote, UnaddressedRootCause
from app.domain.model import ActionItem
from app.ui.keys import tab_in_order
from app.ui.labels import plain_label
from app.ui.theme import Tone, set_tone

MUTED_STYLE = "color: palette(placeholder-text);"


def _scrolled(parent: QWidget, name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless scroll area holding a column; the column's layout to fill."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(name)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    column = QWidget(area)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 4, 0)
    layout.addStretch(1)
    area.setWidget(column)
    return area, layout


def _clear(layout: QVBoxLayout) -> None:
    """Remove every widget but the closing stretch."""
    while layout.count() > 1:
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class CoachingPanel(QWidget):
    """The coaching notes of one action item, each with its reason and a suggestion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label("Coaching for the selected item", self, bold=True)
        self.subject = plain_label("", self, wrap=True, style=MUTED_STYLE)
        self.subject.setObjectName("coachingSubject")
        self.area, self._notes_layout = _scrolled(self, "Coaching notes")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.subject)
        layout.addWidget(self.area, 1)
        self._shown: list[tuple[str, str]] = []
        self.show_notes(None, ())

    @property
    def shown_notes(self) -> list[tuple[str, str]]:
        """(reason, suggestion) of each note on screen, in order."""
        return list(self._shown)

    def show_notes(self, item: ActionItem | None, notes: Sequence[CoachingNote]) -> None:
        """Show ``notes`` about ``item`` (None: nothing selected)."""
        title = "" if item is None else item.title
        if item is None:
            subject = "Select an action item to see how to make it specific and trackable."
        elif not notes:
            subject = (
                "Nothing to add: this item is specific, owned, dated, categorised and tracked."
            )
        else:
            subject = f"\u201c{title.strip() or 'New action item'}\u201d"
        self.subject.setText(subject)
        shown = [(note.reason, note.suggestion) for note in notes]
        if shown == self._shown:
            return  # typing that changes no note leaves the boxes (and the reader) alone
        _clear(self._notes_layout)
        for position, (reason, suggestion) in enumerate(shown):
            self._notes_layout.insertWidget(position, self._note_box(reason, suggestion))
        self._shown = shown

    def _note_box(self, reason_text: str, suggestion_text: str) -> QFrame:
        box = QFrame(self.area.widget())
        box.setObjectName("coachingNote")
        set_tone(box, Tone.WARNING)
        grid = QGridLayout(box)
        grid.setContentsMargins(8, 6, 8, 6)
        # A reason is a clause that follows the item: "has no owner".
        reason = plain_label(f"This item {reason_text}.", box, wrap=True)
        reason.setObjectName("coachingReason")
        font = reason.font()
        font.setBold(True)
        reason.setFont(font)
        suggestion = plain_label(suggestion_text, box, wrap=True)
        suggestion.setObjectName("coachingSuggestion")
        for label in (reason, suggestion):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        grid.addWidget(reason, 0, 0)
        grid.addWidget(suggestion, 1, 0)
        return box


class UnaddressedCausesPanel(QWidget):
    """Root causes that no action addresses, each with "Add action". ``add_requested(id)``."""

    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label("Root causes without an action", self, bold=True)
        self.status = plain_label("", self, wrap=True, style=MUTED_STYLE)
        self.status.setObjectName("unaddressedStatus")
        self.area, self._rows_layout = _scrolled(self, "Root causes without an action")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.area, 1)
        self._causes: list[tuple[str, str]] = []
        self.buttons: dict[str, QPushButton] = {}

    @property
    def causes(self) -> list[tuple[str, str]]:
        """(item id, text) of each root cause listed."""
        return list(self._causes)

    def show_causes(self, causes: Sequence[UnaddressedRootCause], *, has_root_causes: bool) -> None:
        """List ``causes``; ``has_root_causes`` tells an empty list's two meanings apart."""
        listed = [(cause.item_id, cause.text) for cause in causes]
        if not causes:
            self.status.setText(
                "Every root cause has an action that addresses it."
                if has_root_causes
                else "No root cause is marked yet (stage 3): actions should address one."
            )
        else:
            count = len(causes)
            self.status.setText(
                f"{count} root cause{'s' if count != 1 else ''} not addressed by any action:"
                " add an action for each, linked to it."
            )
        if listed == self._causes:
            return
        _clear(self._rows_layout)
        self.buttons = {}
        for position, cause in enumerate(causes):
            self._rows_layout.insertWidget(position, self._row(cause))
        # Buttons made now would come last in the window's Tab order; they belong here.
        tab_in_order(*self.buttons.values(), after=self)
        self._causes = listed

    def _row(self, cause: UnaddressedRootCause) -> QWidget:
        row = QWidget(self.area.widget())
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        where = "Five whys" if cause.kind == "why" else "Fishbone"
        text: QLabel = plain_label(f"{cause.text}  ({where})", row, wrap=True)
        button = QPushButton("Add action", row)
        button.setAccessibleName(f"Add an action for root cause {cause.text}")
        button.setToolTip("Start an action item that addresses this root cause")
        button.setAutoDefault(False)
        button.clicked.connect(
            lambda _checked=False, item=cause.item_id: self.add_requested.emit(item)
        )
        grid.addWidget(text, 0, 0)
        grid.addWidget(button, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        self.buttons[cause.item_id] = button
        return row
