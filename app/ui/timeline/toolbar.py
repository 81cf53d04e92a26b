"""The row of controls above the timeline: zones, the key-events filter, import and export.

A stage page may be 600 pixels wide (library list shown, large fonts) or 1,200; the row keeps
its controls on one line when they fit and otherwise puts the buttons on a second line, rather
than clipping them or making the page scroll sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.timeline.zone_picker import ZonePicker


def _labelled(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class TimelineToolbar(QWidget):
    """The controls only; the page connects them and does the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline controls")
        self.zone_picker = ZonePicker("Times typed in", parent=self)
        self.zone_picker.setToolTip(
            "The time zone of times you type or paste without one. Retro stores UTC."
        )
        self.local_picker = ZonePicker("Also show times in", allow_off=True, parent=self)
        self.local_picker.setToolTip("A second time column on another clock; Off hides it.")
        self.key_events_check = QCheckBox("&Key events only", self)
        self.key_events_check.setAccessibleName("Show key events only")
        self.import_button = QPushButton("&Import", self)
        self.import_button.setAccessibleName("Import timeline events")
        menu = QMenu(self.import_button)
        self.import_text_action = menu.addAction("From &text…")
        self.import_csv_action = menu.addAction("From &CSV file…")
        self.import_slack_action = menu.addAction("From &Slack export…")
        self.import_button.setMenu(menu)
        self.export_button = QPushButton("E&xport CSV…", self)
        self.export_button.setAccessibleName("Export the timeline as CSV")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Export result")
        self.status.hide()

        self._groups = (
            self._group(_labelled("Times typed &in:", self.zone_picker, self), self.zone_picker),
            self._group(_labelled("Also &show:", self.local_picker, self), self.local_picker),
            self._group(self.key_events_check, self.import_button, self.export_button),
        )
        self._lines = QVBoxLayout()
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._packing: tuple[int, ...] = ()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(self._lines)
        column.addWidget(self.status)
        self._arrange(len(self._groups))

    def _group(self, *widgets: QWidget) -> QWidget:
        group = QWidget(self)
        layout = QHBoxLayout(group)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return group

    def show_status(self, text: str) -> None:
        """A one-line result of the last export, shown under the row."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def minimumSizeHint(self) -> QSize:
        # As narrow as the widest group: below that width the groups go on separate lines.
        width = max(group.minimumSizeHint().width() for group in self._groups)
        return QSize(width, super().minimumSizeHint().height())

    def _packing_for(self, width: int) -> tuple[int, ...]:
        """How many groups go on each line, filling lines from the left like words."""
        spacing = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutHorizontalSpacing)
        counts: list[int] = []
        used = 0
        for group in self._groups:
            needed = group.sizeHint().width()
            if counts and used + spacing + needed <= width:
                counts[-1] += 1
                used += spacing + needed
            else:
                counts.append(1)
                used = needed
        return tuple(counts)

    def _arrange(self, *counts: int) -> None:
        if counts == self._packing:
            return
        self._packing = counts
        while (item := self._lines.takeAt(0)) is not None:
            line = item.layout()
            while line is not None and line.takeAt(0) is not None:
                pass
        groups = iter(self._groups)
        for count in counts:
            line = QHBoxLayout()
            members = [next(groups) for _ in range(count)]
            for member in members:
                if member is self._groups[-1]:
                    line.addStretch(1)  # the buttons sit at the right end of their line
                line.addWidget(member)
            if members[-1] is not self._groups[-1]:
                line.addStretch(1)
            self._lines.addLayout(line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(*self._packing_for(event.size().width()))
        super().resizeEvent(event)
