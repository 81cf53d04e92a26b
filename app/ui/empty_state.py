"""What the right side shows when no postmortem is open: start one, or pick up a recent one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.store import PostmortemSummary
from app.ui.summary_model import format_edited_short
from app.ui.text_sizing import keep_relative_font

ID_ROLE = Qt.ItemDataRole.UserRole


class EmptyState(QWidget):
    """Big New/Open buttons and the recent postmortems of this library."""

    new_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        heading = QLabel("No postmortem open", self)
        keep_relative_font(heading, 2.0, QFont.Weight.DemiBold)
        intro = QLabel("Start a new blameless postmortem, or open one from the library.", self)
        intro.setWordWrap(True)
        for label in (heading, intro):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = self._big_button("&New postmortem", "Create a new postmortem (Ctrl+N)")
        self.new_button.setDefault(True)
        self.open_button = self._big_button("&Open…", "Choose a postmortem in the library (Ctrl+O)")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.recent_heading = QLabel("Recent postmortems", self)
        keep_relative_font(self.recent_heading, 1.2, QFont.Weight.DemiBold)
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("recentList")
        self.recent_list.setAccessibleName("Recent postmortems")
        self.recent_list.setSpacing(4)
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.recent_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.recent_list.itemActivated.connect(self._on_activated)
        self._lay_out(heading, intro)

    def _big_button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        keep_relative_font(button, 1.25, QFont.Weight.Medium)
        button.setMinimumSize(QSize(220, button.fontMetrics().height() * 3))
        return button

    def _lay_out(self, heading: QLabel, intro: QLabel) -> None:
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(self.recent_heading)
        column.addWidget(self.recent_list)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 32)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def set_recent(self, summaries: list[PostmortemSummary]) -> None:
        """List ``summaries`` (most recent first); hide the section when there are none."""
        self.recent_list.clear()
        for summary in summaries:
            text = (
                f"{summary.title}\n{summary.severity.label} · {summary.status.label}"
                f" · edited {format_edited_short(summary.updated_at)}"
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, summary.id)
            item.setToolTip(summary.title)
            self.recent_list.addItem(item)
        has_recent = bool(summaries)
        self.recent_heading.setVisible(has_recent)
        self.recent_list.setVisible(has_recent)

    def _on_activated(self, item: QListWidgetItem) -> None:
        value = item.data(ID_ROLE)
        if isinstance(value, int):
            self.recent_chosen.emit(value)
