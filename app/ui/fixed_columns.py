"""Column count and horizontal headers for a table model whose columns never change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

    _Model = QAbstractItemModel
else:
    # A mixin: the Qt model class comes second in the subclass's bases.
    _Model = object


class FixedColumns(_Model):
    """Mixin: ``HEADERS`` names the columns, in order; rows are the subclass's business."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
