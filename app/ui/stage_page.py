"""The contract every stage page keeps with the window.

A page never writes to the library itself. It shows a postmortem and asks for edits through
``edit_requested(field, value, label)``; the window turns each request into one undoable,
autosaved command and then calls ``show_postmortem`` again with the stored result. Keeping pages
this thin means undo, autosave and error handling live in one place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.model import Postmortem, Stage


class StagePage(QWidget):
    """Base for the six stage pages.

    ``edit_requested`` carries the name of a top-level ``Postmortem`` field, its complete new
    value (a whole tuple for collections, a whole record for ``impact`` or ``communication``)
    and the undo label, written as a verb phrase: "Change Severity", "Add Participant".
    """

    edit_requested = Signal(str, object, str)
    # Several fields as one undo step: a dict of field -> complete new value, and the label.
    changes_requested = Signal(object, str)
    # Show an item on another stage's page: the stage and the item's id there.
    reveal_requested = Signal(object, str)
    # A page that edits a library-wide setting: the new tracker URL pattern.
    tracker_pattern_changed = Signal(str)

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"stagePage{stage.value}")
        self.setAccessibleName(stage.label)
        self._error_label = QLabel(self)
        self._error_label.setObjectName("validationError")
        self._error_label.setTextFormat(Qt.TextFormat.PlainText)
        self._error_label.setWordWrap(True)
        self._error_label.setAccessibleName("Input problem")
        self._error_label.hide()
        self._root_layout = QVBoxLayout(self)
        self._root_layout.addWidget(self._error_label)

    @property
    def body_layout(self) -> QVBoxLayout:
        """Where subclasses put their widgets, below the validation message."""
        return self._root_layout

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Refresh every widget from ``postmortem`` without emitting ``edit_requested``."""
        raise NotImplementedError

    def set_presenting(self, presenting: bool) -> None:
        """Hide (or show again) editors of what stays off a shared screen; most pages have none.

        The postmortem shown while presenting has those fields emptied already
        (``app.domain.presentation``); hiding their editors keeps the room from seeing blanks
        that look like missing data, and the presenter from typing into a field nobody sees.
        """

    def set_tracker_pattern(self, pattern: str) -> None:
        """The library's tracker URL pattern, for pages that turn tracker keys into links."""

    def reveal(self, item_id: str) -> bool:
        """Select the item ``item_id`` on this page and scroll to it; False if it is not here."""
        return False

    def show_validation_error(self, message: str) -> None:
        """Show why the last edit was refused; the stored postmortem is unchanged."""
        self._error_label.setText(message)
        self._error_label.setVisible(bool(message))

    def clear_validation_error(self) -> None:
        self.show_validation_error("")
