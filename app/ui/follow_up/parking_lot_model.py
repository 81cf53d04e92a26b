"""The parking lot as a Qt table model: a thin adapter over ``Postmortem.parking_lot``.

Open points come first (``parking_lot.open_first``); done ones are struck through and muted as
well as ticked, so the difference does not rest on the tick alone. Edits never change the
model: it emits them and waits for the stored points to come back through ``set_points``,
which sends the smallest describing signal, so the current point survives the round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.domain import parking_lot
from app.domain.model import ParkingLotItem
from app.ui.fixed_columns import FixedColumns
from app.ui.forms.values import format_datetime
from app.ui.labels import plain_tooltip
from app.ui.rows_by_id import RowsById
from app.ui.theme import current_colours

Index = QModelIndex | QPersistentModelIndex
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
POINT, RAISED = range(2)
HEADERS = ("Point", "Raised (UTC)")
OUTSIDE_THE_MEETING = "Outside the meeting"


class ParkingLotModel(RowsById, FixedColumns, QAbstractTableModel):
    """Rows are the parked points, open ones first; edits come out as signals, never applied.

    ``text_committed(item id, text)`` when a point's text was edited in place,
    ``done_toggled(item id, done)`` when its box was ticked or unticked.
    """

    HEADERS = HEADERS
    text_committed = Signal(str, str)
    done_toggled = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ParkingLotItem, ...] = ()

    @property
    def points(self) -> tuple[ParkingLotItem, ...]:
        """The points in the order the list shows them."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def point(self, index: Index) -> ParkingLotItem | None:
        if not index.isValid() or index.model() is not self:
            return None
        row = index.row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int | None:
        return next((row for row, point in enumerate(self._rows) if point.id == item_id), None)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.point(index) is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == POINT:
            return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        point = self.point(index)
        if point is None or not 0 <= index.column() < len(HEADERS):
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return point.text if column == POINT else self._raised(point)
        if role == Qt.ItemDataRole.CheckStateRole and column == POINT:
            return Qt.CheckState.Checked if point.done else Qt.CheckState.Unchecked
        if role == ITEM_ID_ROLE:
            return point.id
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "Done" if point.done else "Open"
            return plain_tooltip(f"{point.text}\n{state}. Raised: {self._raised(point, full=True)}")
        if role == Qt.ItemDataRole.AccessibleTextRole and column == POINT:
            return f"{point.text}, {'done' if point.done else 'open'}"
        if point.done and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if point.done and role == Qt.ItemDataRole.ForegroundRole:
            return current_colours()["muted_text"]
        return None

    def _raised(self, point: ParkingLotItem, *, full: bool = False) -> str:
        """Where and when a point came up: "Timeline & impact, 14:12" (UTC).

        The date shows only when the points came up on different days (or ``full``): parked
        points usually share one meeting, and a short column leaves the points room to read.
        """
        where = OUTSIDE_THE_MEETING if point.raised_during is None else point.raised_during.label
        days = {other.raised_at.astimezone(UTC).date() for other in self._rows}
        when = format_datetime(point.raised_at)
        if not full and len(days) <= 1:
            when = when.split(" ")[1]
        return f"{where}, {when}" + (" UTC" if full else "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the edit; the model changes only when the stored points come back."""
        point = self.point(index)
        if point is None or index.column() != POINT:
            return False
        if role == Qt.ItemDataRole.EditRole:
            self.text_committed.emit(point.id, str(value))
            return True
        if role == Qt.ItemDataRole.CheckStateRole:
            self.done_toggled.emit(point.id, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        return False

    def set_points(self, points: Sequence[ParkingLotItem]) -> None:
        """Show the stored ``points`` (open first) with the smallest describing signal."""
        shown = parking_lot.open_first(points)
        if self.replace_rows(shown) and shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(shown) - 1, len(HEADERS) - 1))
