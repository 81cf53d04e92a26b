"""A list model over one kind of observation, with an empty row at the end for the next item.

The model is an adapter: the items live in the postmortem. Committing a row's text does not
change the model; it emits ``text_committed(item id, text)`` ("" for the empty row) and waits
for the stored result to come back through ``set_items``. ``set_items`` compares ids and sends
the smallest fitting signal (rows changed, inserted, removed or reordered), so the current
row and an open editor survive the round trip: a new item is inserted *before* the empty row,
and the empty row, still current, is ready for the next one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.model import Observation, ObservationKind
from app.ui.labels import plain_tooltip

# The outline's roles, so its delegate paints the muted hint and names the row editor here too.
from app.ui.root_cause.outline_model import EDITOR_NAME_ROLE, HINT_ROLE
from app.ui.root_cause.outline_model import ELEMENT_ID_ROLE as ITEM_ID_ROLE
from app.ui.rows_by_id import RowsById

Index = QModelIndex | QPersistentModelIndex
NEW_ROW_ID = ""  # the item id of the empty row at the end
NEW_ROW_HINT = "Type a new item, then Enter"


class ObservationListModel(RowsById, QAbstractListModel):
    """Rows are the observations of ``kind`` in stored order, then one empty row."""

    text_committed = Signal(str, str)

    def __init__(self, kind: ObservationKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._rows: tuple[Observation, ...] = ()
        self._hints: dict[str, str] = {}
        self._tips: dict[str, str] = {}

    # -- reading -------------------------------------------------------------------------
    @property
    def items(self) -> tuple[Observation, ...]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows) + 1

    def item(self, index: Index) -> Observation | None:
        """The observation of ``index``; None for the empty row or an invalid index."""
        if not index.isValid() or index.model() is not self:
            return None
        row = index.row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int | None:
        if item_id == NEW_ROW_ID:
            return len(self._rows)
        return next((row for row, item in enumerate(self._rows) if item.id == item_id), None)

    def new_row(self) -> QModelIndex:
        """The index of the empty row at the end."""
        return self.index(len(self._rows), 0)

    def is_new_row(self, index: Index) -> bool:
        return index.isValid() and index.row() == len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self or index.row() > len(self._rows):
            return None
        item = self.item(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if item is None else item.text
        if role == ITEM_ID_ROLE:
            return NEW_ROW_ID if item is None else item.id
        if role == HINT_ROLE:
            return NEW_ROW_HINT if item is None else self._hints.get(item.id, "")
        if role == EDITOR_NAME_ROLE:
            label = self.kind.label
            return f"New \u201c{label}\u201d item" if item is None else f"{label} item"
        if role == Qt.ItemDataRole.ToolTipRole:
            if item is None:
                return f"Type a new \u201c{self.kind.label.lower()}\u201d item, then Enter"
            return plain_tooltip(self._tips.get(item.id, item.text))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "New item" if item is None else item.text
        return None

    # -- editing -------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the typed text to be stored; the model changes only when it comes back."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.model() is not self:
            return False
        if index.row() > len(self._rows):
            return False
        self.text_committed.emit(str(index.data(ITEM_ID_ROLE)), str(value))
        return True

    # -- showing stored items --------------------------------------------------------------
    def set_items(
        self,
        items: Sequence[Observation],
        hints: Mapping[str, str] | None = None,
        tips: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``items`` (all of this model's kind) with the smallest describing signal.

        ``hints`` maps an item id to the mark painted after its text, ``tips`` to its tooltip.
        """
        new = tuple(items)
        self._hints = dict(hints or {})
        self._tips = dict(tips or {})
        if self.replace_rows(new) and new:
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, 0))
