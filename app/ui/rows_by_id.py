"""Showing a new tuple of records in a Qt model with the smallest signal that describes it.

Models here are adapters over tuples of domain records that carry an ``id``. When the stored
tuple comes back after an edit, resetting the model would lose the selection, the scroll position
and any open editor, so the change is described instead: nothing moved, a reorder (layout
change with persistent indexes carried along), rows inserted, or rows removed. Only a change
that is none of these resets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

    _Model = QAbstractItemModel
else:
    # A mixin: the Qt model class comes second in the subclass's bases.
    _Model = object


def is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` is ``long`` with some items left out, order kept."""
    remaining = iter(long)
    return all(any(item == other for other in remaining) for item in short)


class RowsById(_Model):
    """Mixin for models whose rows are ``self._rows``, a tuple of records with ids.

    Rows past the records (a list's empty "type here" row) are allowed; they keep their place
    after the records when rows move.
    """

    _rows: tuple[Any, ...] = ()

    def replace_rows(self, new: tuple[Any, ...]) -> bool:
        """Show ``new``; False when only a reset could describe the change."""
        old_ids = [record.id for record in self._rows]
        new_ids = [record.id for record in new]
        if old_ids == new_ids:
            self._rows = new
        elif sorted(old_ids) == sorted(new_ids):
            self._reorder(new)
        elif is_subsequence(old_ids, new_ids):
            self._insert(new)
        elif is_subsequence(new_ids, old_ids):
            self._remove(new)
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return False
        return True

    def _reorder(self, new: tuple[Any, ...]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        rows = {record.id: row for row, record in enumerate(new)}
        persistent = self.persistentIndexList()
        self._rows = new
        moved = []
        for index in persistent:
            row = index.row()
            target = rows[old[row].id] if row < len(old) else row - len(old) + len(new)
            moved.append(self.index(target, index.column(), index.parent()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _insert(self, new: tuple[Any, ...]) -> None:
        old = {record.id for record in self._rows}
        current = list(self._rows)
        row = 0
        while row < len(new):
            if new[row].id in old:
                row += 1
                continue
            end = row
            while end + 1 < len(new) and new[end + 1].id not in old:
                end += 1
            self.beginInsertRows(QModelIndex(), row, end)
            current[row:row] = new[row : end + 1]
            self._rows = tuple(current)
            self.endInsertRows()
            row = end + 1
        self._rows = new

    def _remove(self, new: tuple[Any, ...]) -> None:
        keep = {record.id for record in new}
        row = len(self._rows) - 1
        while row >= 0:
            if self._rows[row].id in keep:
                row -= 1
                continue
            start = row
            while start - 1 >= 0 and self._rows[start - 1].id not in keep:
                start -= 1
            self.beginRemoveRows(QModelIndex(), start, row)
            self._rows = self._rows[:start] + self._rows[row + 1 :]
            self.endRemoveRows()
            row = start - 1
        self._rows = new
