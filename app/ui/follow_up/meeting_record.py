"""Where the meeting's time went: planned against spent per stage, read-only, after the timer ran.

The numbers are ``meeting_record(pm)`` (app.domain.meeting): the agenda's minutes and the seconds
the timer recorded per stage. Before the timer has run there is nothing to compare, so a short
sentence says when the table will appear instead of a table of zeros.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.meeting import meeting_record
from app.domain.meeting_timer import StageTime
from app.domain.model import Postmortem
from app.ui.fixed_columns import FixedColumns
from app.ui.labels import plain_label
from app.ui.theme import Tone, current_colours, set_tone

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Stage", "Planned", "Spent", "Over / under")
EMPTY_TEXT = "The meeting's time per stage appears here once the timer has run."


def duration_text(duration: timedelta) -> str:
    """A length of time in words a room reads at a glance: "23 min 15 s", "20 min", "40 s"."""
    seconds = round(abs(duration.total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    if minutes and seconds:
        return f"{minutes} min {seconds} s"
    return f"{minutes} min" if minutes else f"{seconds} s"


def difference_text(over: timedelta) -> str:
    """ "3 min 15 s over", "2 min under", or "on time"."""
    if round(over.total_seconds()) == 0:
        return "on time"
    return f"{duration_text(over)} {'over' if over > timedelta(0) else 'under'}"


class MeetingRecordModel(FixedColumns, QAbstractTableModel):
    """One row per stage of the record, then a total row; nothing is editable."""

    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._times: tuple[StageTime, ...] = ()

    def set_record(self, times: tuple[StageTime, ...]) -> None:
        if times == self._times:
            return
        self.beginResetModel()
        self._times = times
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self._times:
            return 0
        return len(self._times) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        total = index.row() == len(self._times)
        planned, spent, name = self._row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (name, duration_text(planned), duration_text(spent))
            return cells[column] if column < len(cells) else difference_text(spent - planned)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return name  # a narrow pane may shorten the stage's name
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and spent > planned:
            return current_colours()["error_text"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _row(self, row: int) -> tuple[timedelta, timedelta, str]:
        if row < len(self._times):
            time = self._times[row]
            return time.planned, time.spent, time.stage.label
        planned = sum((time.planned for time in self._times), timedelta(0))
        spent = sum((time.spent for time in self._times), timedelta(0))
        return planned, spent, "Total"


class MeetingRecordView(QGroupBox):
    """A group with the table, or the sentence saying it comes once the timer has run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Time spent in the meeting")
        self.empty_label = plain_label(EMPTY_TEXT, self, wrap=True)
        self.empty_label.setObjectName("meetingRecordEmpty")
        set_tone(self.empty_label, Tone.MUTED)
        self.model = MeetingRecordModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("meetingRecordTable")
        self.table.setAccessibleName("Time spent per stage")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # nothing to edit: Tab goes on to the notes
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)

    def show_postmortem(self, pm: Postmortem) -> None:
        record = meeting_record(pm)
        self.model.set_record(record)
        self.table.setVisible(bool(record))
        self.empty_label.setVisible(not record)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as every row: a record of six stages and a total never needs scrolling."""
        table = self.table
        table.ensurePolished()  # the theme's style sheet adds a border and padding
        table.resizeRowsToContents()
        # Frame, padding and the header row: whatever the table keeps around its rows.
        chrome = table.height() - table.maximumViewportSize().height()
        table.setFixedHeight(table.verticalHeader().length() + chrome)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
