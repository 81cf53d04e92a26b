"""The incident's durations, computed from the timeline's milestones and shown in large type.

These three figures are what a room asks about first ("how long until we noticed?"), so they are
sized to be read from the back of the room and follow every edit of the table. A missing
milestone is spelled out ("needs the onset") rather than shown as zero, which would read as fact.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QLabel, QWidget

from app.domain.metrics import MetricName, incident_metrics
from app.domain.model import TimelineEvent

# (the key IncidentMetrics.describe takes, the caption, the question it answers)
METRICS: tuple[tuple[MetricName, str, str], ...] = (
    ("detect", "Time to detect", "From onset to detection"),
    ("mitigate", "Time to mitigate", "From onset to mitigation"),
    ("resolve", "Time to resolve", "From onset to resolution: the incident's duration"),
)
FIGURE_SCALE = 1.7
# Three figures sit in a row when each gets this many average characters, else in a column.
ROW_MIN_CHARS = 75


class MetricFigure(QFrame):
    """One caption above one large figure, read by screen readers as "caption: figure"."""

    def __init__(self, key: MetricName, caption: str, explanation: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.caption = caption
        self.setObjectName(f"metric_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(explanation)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setTextFormat(Qt.TextFormat.PlainText)
        self.figure_label = QLabel(self)
        self.figure_label.setTextFormat(Qt.TextFormat.PlainText)
        self.figure_label.setWordWrap(True)
        self.figure_label.setAccessibleName(caption)
        self.figure_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(10, 6, 10, 8)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.caption_label)
        self._layout.addWidget(self.figure_label)
        self._apply_fonts()

    def set_stacked(self, stacked: bool) -> None:
        """Caption above the figure (a card in a row) or beside it (a line in a column)."""
        if stacked:
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self.figure_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        else:
            self._layout.setDirection(QBoxLayout.Direction.LeftToRight)
            self.figure_label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )

    def _apply_fonts(self) -> None:
        # Sizes relative to the page's font, so presentation mode enlarges them too.
        base = self.font()
        figure = QFont(base)
        figure.setPointSizeF(base.pointSizeF() * FIGURE_SCALE)
        figure.setBold(True)
        self.figure_label.setFont(figure)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def set_figure(self, text: str, known: bool) -> None:
        self.figure_label.setText(text)
        self.figure_label.setProperty("known", known)  # for themes: QLabel[known="false"]
        self.figure_label.style().polish(self.figure_label)
        self.setAccessibleName(f"{self.caption}: {text}")

    @property
    def text(self) -> str:
        return self.figure_label.text()


class MetricsPanel(QWidget):
    """Time to detect, mitigate and resolve, refreshed by ``show_timeline``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Incident durations")
        self.figures: dict[MetricName, MetricFigure] = {
            key: MetricFigure(key, caption, explanation, self)
            for key, caption, explanation in METRICS
        }
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._in_row: bool | None = None
        self._arrange(in_row=False)

    def show_timeline(self, timeline: tuple[TimelineEvent, ...]) -> None:
        """Recompute the durations from ``timeline``'s milestones."""
        metrics = incident_metrics(timeline)
        for key, figure in self.figures.items():
            text = metrics.describe(key)
            figure.set_figure(text, known=any(character.isdigit() for character in text))

    def text(self, key: MetricName) -> str:
        """What the figure for ``key`` ("detect", "mitigate", "resolve") shows."""
        return self.figures[key].text

    def _arrange(self, *, in_row: bool) -> None:
        if in_row == self._in_row:
            return
        self._in_row = in_row
        for position, figure in enumerate(self.figures.values()):
            self._grid.removeWidget(figure)
            row, column = (0, position) if in_row else (position, 0)
            self._grid.addWidget(figure, row, column)
            figure.set_stacked(in_row)
        for column in range(3):
            self._grid.setColumnStretch(column, 1 if in_row or column == 0 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * ROW_MIN_CHARS
        self._arrange(in_row=wide)
        super().resizeEvent(event)
