"""Facilitator guidance above each stage page, collapsible so it stays out of the room's way.

Collapsed, it is one line: an arrow, "Guidance" and the stage goal. Expanded, it lists the good
practices, the exit condition and the questions that get the room talking. The text comes from
``app.domain.guidance`` (data a team can reword) and is shown as plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.guidance import StageGuidance
from app.ui.text_sizing import keep_relative_font


def plain_label(text: str, parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A word-wrapped QLabel that never interprets ``text`` as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"•  {item}" for item in items)


class GuidancePanel(QWidget):
    """The stage heading above a framed guidance box; ``expanded_changed`` reports a toggle."""

    expanded_changed = Signal(bool)

    def __init__(self, guidance: StageGuidance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        # Never taller than its text: spare height belongs to the stage page below.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.guidance = guidance
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.heading = self._heading(guidance)
        outer.addWidget(self.heading)
        box = QFrame(self)
        box.setObjectName("guidanceBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        outer.addWidget(box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 8, 16, 12)
        layout.setSpacing(6)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("guidanceToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setText("Guidance")
        self.toggle.setAccessibleName(f"Guidance for stage {guidance.stage.value}")
        self.toggle.setToolTip("Show or hide the facilitator guidance (F1)")
        self.toggle.toggled.connect(self._on_toggled)
        layout.addWidget(self.toggle)
        self.goal = plain_label(guidance.goal, self, name="Stage goal")
        layout.addWidget(self.goal)
        self.details = self._details(guidance)
        layout.addWidget(self.details)
        self.set_expanded(False)

    def _heading(self, guidance: StageGuidance) -> QLabel:
        heading = plain_label(
            f"Stage {guidance.stage.value} of 6 · {guidance.stage.label}", self, name="Stage"
        )
        heading.setObjectName("stageHeading")
        keep_relative_font(heading, 1.6, QFont.Weight.DemiBold)
        return heading

    def _details(self, guidance: StageGuidance) -> QWidget:
        details = QWidget(self)
        layout = QVBoxLayout(details)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        sections = (
            ("Good practice", _bullets(guidance.practices)),
            ("Exit condition", guidance.exit_condition),
            ("Questions for the room", _bullets(guidance.questions)),
        )
        for title, body in sections:
            caption = plain_label(title, details)
            bold = QFont(caption.font())
            bold.setWeight(QFont.Weight.DemiBold)
            caption.setFont(bold)
            layout.addWidget(caption)
            text = plain_label(body, details, name=title)
            text.setContentsMargins(0, 0, 0, 6)
            layout.addWidget(text)
        details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return details

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Show or hide the details without emitting ``expanded_changed``."""
        blocked = self.toggle.blockSignals(True)
        self.toggle.setChecked(expanded)
        self.toggle.blockSignals(blocked)
        self._apply(expanded)

    def _apply(self, expanded: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        self.toggle.setArrowType(arrow)
        self.details.setVisible(expanded)
        # Hiding word-wrapped text does not always re-run the height-for-width layout of the
        # column around this panel, which left a collapsed panel at its expanded height; once
        # the panel's own layout has settled, ask the column to lay out again.
        QTimer.singleShot(0, self._relayout_column)
        state = "expanded" if expanded else "collapsed"
        self.toggle.setAccessibleDescription(f"Guidance {state}")

    def _relayout_column(self) -> None:
        parent = self.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.invalidate()

    def _on_toggled(self, expanded: bool) -> None:
        self._apply(expanded)
        self.expanded_changed.emit(expanded)
