"""The meeting toolbar: present, capture, where the meeting is, and the timebox.

Its centre is the stage banner, "Stage 3 of 6 · Root cause analysis · 2 of 6 stages done", which
presentation mode makes large, so the room always knows where the meeting is and how far it has
come. The actions are the window's; the toolbar only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from app.domain.model import Stage
from app.domain.stages import StageProgress, StageState
from app.ui.text_sizing import keep_relative_font

# The banner is the room's answer to "where are we?": a size above the body text while presenting.
PRESENTING_BANNER_SCALE = 1.35


def banner_text(stage: Stage, states: Sequence[StageState]) -> str:
    met = sum(state.progress is StageProgress.EXIT_MET for state in states)
    total = len(Stage)
    return f"Stage {stage.value} of {total} · {stage.label} · {met} of {total} stages done"


class StageBanner(QLabel):
    """The current stage and the stage progress in one plain-text line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Current stage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.set_presenting(False)

    def show_stage(self, stage: Stage, states: Sequence[StageState]) -> None:
        self.setText(banner_text(stage, states))
        self.setAccessibleDescription(self.text())

    def set_presenting(self, presenting: bool) -> None:
        keep_relative_font(
            self, PRESENTING_BANNER_SCALE if presenting else 1.0, QFont.Weight.DemiBold
        )


class MeetingToolBar(QToolBar):
    """Present and capture buttons, the stage banner, and room for the meeting timer."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__("Meeting", parent)
        self.setObjectName("meetingToolBar")
        self.setAccessibleName("Meeting")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in actions:
            self.addAction(action)
            button = self.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.addSeparator()
        self.banner = StageBanner(self)
        self.addWidget(self.banner)

    def add_timer(self, timer: QWidget) -> None:
        self.addWidget(timer)
