"""A table-model adapter over the library's postmortem summaries.

The data stays in ``PostmortemSummary`` records; the model maps rows and roles, and when a
refresh brings the same postmortems in the same order it reports only the rows that changed,
so an edit does not reset the selection or scroll position of the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.domain.model import Severity, Status
from app.store import PostmortemSummary
from app.ui.labels import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    TITLE = 0
    SEVERITY = 1
    STATUS = 2
    INCIDENT_DATE = 3
    LAST_EDITED = 4

    @property
    def heading(self) -> str:
        return ("Title", "Severity", "Status", "Incident date", "Last edited")[self.value]


def format_edited(moment: datetime) -> str:
    """A stored UTC time in the viewer's local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_edited_short(moment: datetime, today: date | None = None) -> str:
    """Compact for the list column: the time if today or yesterday, else the date."""
    local = moment.astimezone()
    today = today or datetime.now().astimezone().date()
    days = (today - local.date()).days
    if days == 0:
        return f"Today {local:%H:%M}"
    if days == 1:
        return f"Yesterday {local:%H:%M}"
    return local.date().isoformat()


def _format_date(day: date | None) -> str:
    return day.isoformat() if day else "—"


class SummaryTableModel(QAbstractTableModel):
    """Rows of ``PostmortemSummary``; ``ID_ROLE`` gives a row's postmortem id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PostmortemSummary] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return Column(section).heading
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == ID_ROLE:
            return summary.id
        return None

    @staticmethod
    def _display(summary: PostmortemSummary, column: Column) -> str:
        if column is Column.TITLE:
            return summary.title
        if column is Column.SEVERITY:
            return summary.severity.label
        if column is Column.STATUS:
            return summary.status.label
        if column is Column.INCIDENT_DATE:
            return _format_date(summary.incident_date)
        return format_edited_short(summary.updated_at)

    @staticmethod
    def _tooltip(summary: PostmortemSummary, column: Column) -> str | None:
        if column is Column.TITLE:
            incident = _format_date(summary.incident_date)
            return plain_tooltip(
                f"{summary.title}\n{summary.severity.label} · {summary.status.label}"
                f" · incident date {incident}"
            )
        if column is Column.LAST_EDITED:
            return f"Last edited {format_edited(summary.updated_at)}"
        return None

    @staticmethod
    def _sort_key(summary: PostmortemSummary, column: Column) -> object:
        if column is Column.TITLE:
            return summary.title.casefold()
        if column is Column.SEVERITY:
            return list(Severity).index(summary.severity)
        if column is Column.STATUS:
            return list(Status).index(summary.status)
        if column is Column.INCIDENT_DATE:
            return summary.incident_date.isoformat() if summary.incident_date else ""
        return summary.updated_at.isoformat()

    def summaries(self) -> list[PostmortemSummary]:
        return list(self._rows)

    def row_of(self, postmortem_id: int) -> int:
        """The row showing ``postmortem_id``, or -1."""
        for row, summary in enumerate(self._rows):
            if summary.id == postmortem_id:
                return row
        return -1

    def update_summary(self, summary: PostmortemSummary) -> bool:
        """Replace the row showing ``summary.id``; False if no row shows it."""
        row = self.row_of(summary.id)
        if row < 0:
            return False
        if self._rows[row] != summary:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        return True

    def set_summaries(self, summaries: Sequence[PostmortemSummary]) -> None:
        """Show ``summaries``; same postmortems in the same order only update changed rows."""
        new_rows = list(summaries)
        if [row.id for row in new_rows] != [row.id for row in self._rows]:
            self.beginResetModel()
            self._rows = new_rows
            self.endResetModel()
            return
        old_rows, self._rows = self._rows, new_rows
        for row, (old, new) in enumerate(zip(old_rows, new_rows, strict=True)):
            if old != new:
                last = self.index(row, len(Column) - 1)
                self.dataChanged.emit(self.index(row, 0), last)
