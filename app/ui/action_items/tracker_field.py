"""The library's tracker link pattern, edited on the action items page.

A pattern such as ``https://tracker.example.com/browse/{key}`` turns keys like ``OPS-123`` into
links. It belongs to the library, not to one postmortem, so the field only *offers* a new
pattern (``pattern_chosen``) and the window stores it. A pattern the tracker rules refuse is
never offered: the problem is shown under the field while it is typed and when it is left.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from app.domain.tracker import KEY_PLACEHOLDER, check_tracker_pattern
from app.ui.labels import plain_label
from app.ui.theme import Tone

EXAMPLE_PATTERN = "https://tracker.example.com/browse/{key}"


class TrackerPatternField(QWidget):
    """A labelled line for the URL pattern, with the problem of a bad one shown below it."""

    pattern_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pattern = ""
        self.line = QLineEdit(self)
        self.line.setObjectName("trackerPattern")
        self.line.setAccessibleName("Tracker link pattern")
        self.line.setPlaceholderText(EXAMPLE_PATTERN)
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip(
            f"Turns issue keys into links: {KEY_PLACEHOLDER} stands for the key (OPS-123)."
            " Shared by every postmortem in this library. Leave empty to link only full URLs."
        )
        label = plain_label("Tracker link &pattern:", self)
        label.setBuddy(self.line)
        self.problem_label = plain_label("", self, wrap=True, tone=Tone.ERROR)
        self.problem_label.setObjectName("trackerPatternProblem")
        self.problem_label.setAccessibleName("Tracker link pattern problem")
        self.problem_label.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.line, 0, 1)
        grid.addWidget(self.problem_label, 1, 1)
        grid.setColumnStretch(1, 1)
        self.line.textEdited.connect(self._check)
        self.line.editingFinished.connect(self.commit)

    @property
    def pattern(self) -> str:
        """The pattern in force (as last set or chosen), not what is being typed."""
        return self._pattern

    @property
    def problem(self) -> str:
        """Why the typed pattern cannot be used; empty when it can."""
        return "" if self.problem_label.isHidden() else self.problem_label.text()

    def set_pattern(self, pattern: str) -> None:
        """Show the library's pattern; emits nothing."""
        self._pattern = pattern
        if not self.line.hasFocus() or not self.problem:
            self.line.setText(pattern)
            self._check(pattern)

    def _check(self, text: str) -> str | None:
        problem = check_tracker_pattern(text)
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        return problem

    def commit(self) -> None:
        """Offer the typed pattern if it is usable and new; a bad one stays, with its problem."""
        text = self.line.text().strip()
        if self._check(text) is not None or text == self._pattern:
            return
        self._pattern = text
        self.pattern_chosen.emit(text)
