"""A Qt tree model over an outline of rows, kept in step with the stored postmortem by id.

The fishbone and the five whys are both outlines: rows with an element id ("category-…",
"cause-…", "why-…") and a parent row. ``OutlineModel.set_items`` takes the new outline and
changes the model one step at a time with the matching begin/end signals (insert, move,
remove, data changed), so the view keeps its selection, its expanded rows, its open editor and
its scroll position across every edit, including an indent that gives a row a new parent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from app.domain.model import CauseClassification
from app.ui.labels import plain_tooltip
from app.ui.root_cause.marks import outline_icon

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

ELEMENT_ID_ROLE = Role.UserRole + 1  # "category-<id>", "cause-<id>" or "why-<id>"
KIND_ROLE = Role.UserRole + 2  # the ElementKind
CLASSIFICATION_ROLE = Role.UserRole + 3  # CauseClassification, None for a category
BLAME_ROLE = Role.UserRole + 4  # the blame findings' reasons, a tuple of sentences
CHAIN_END_ROLE = Role.UserRole + 5  # True on a five-whys leaf whose chain has no root cause
HINT_ROLE = Role.UserRole + 6  # a muted note painted after the text (an empty category)
EDITOR_NAME_ROLE = Role.UserRole + 7  # the accessible name of the row's text editor


class ElementKind(Enum):
    CATEGORY = "category"
    CAUSE = "cause"
    WHY = "why"

    def element_id(self, item_id: str) -> str:
        """The id shared with the diagram canvas: ``cause-<id>``."""
        return f"{self.value}-{item_id}"


def split_element_id(element_id: str) -> tuple[ElementKind, str] | None:
    """``("cause", "<id>")`` from ``"cause-<id>"``; None for anything else."""
    prefix, dash, item_id = element_id.partition("-")
    kinds = {kind.value: kind for kind in ElementKind}
    if not dash or not item_id or prefix not in kinds:
        return None
    return kinds[prefix], item_id


@dataclass(frozen=True)
class OutlineItem:
    """One row as the outline shows it; rows are compared to find what to repaint."""

    element_id: str
    parent: str | None  # the parent row's element id; None at the top level
    kind: ElementKind
    item_id: str
    text: str
    display: str
    tooltip: str
    editor_name: str
    classification: CauseClassification | None = None
    blame: tuple[str, ...] = ()
    chain_end: bool = False
    hint: str = ""


class _Node:
    """A row in the model: its item, its place, and a serial number used as the index id."""

    __slots__ = ("children", "item", "parent", "serial")

    def __init__(self, item: OutlineItem | None, parent: _Node | None, serial: int) -> None:
        self.item = item
        self.parent = parent
        self.serial = serial
        self.children: list[_Node] = []

    @property
    def key(self) -> str | None:
        return None if self.item is None else self.item.element_id


class OutlineModel(QAbstractItemModel):
    """One column of rows in a tree; editing a row's text asks, it never changes the model.

    ``text_edited(element_id, text)`` reports what was typed; the outline widget turns it into
    a postmortem edit and the stored result comes back through ``set_items``. ``icon_slots`` is
    how many marks wide the icons are (classification, blame, chain end).
    """

    text_edited = Signal(str, str)

    def __init__(self, icon_slots: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon_slots = icon_slots
        self._serials = 0
        self._root = _Node(None, None, 0)
        self._nodes: dict[str, _Node] = {}
        self._by_serial: dict[int, _Node] = {}

    # -- reading -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return 0 if node is None else len(node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if node is None or column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].serial)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:
            return super().parent()  # QObject.parent()
        node = self._node(child)
        if node is None or node is self._root or node.parent in (None, self._root):
            return QModelIndex()
        return self._index_of_node(node.parent)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._item(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        item = self._item(index)
        if item is None:
            return None
        simple = {
            Role.DisplayRole: item.display,
            Role.EditRole: item.text,
            ELEMENT_ID_ROLE: item.element_id,
            KIND_ROLE: item.kind,
            CLASSIFICATION_ROLE: item.classification,
            BLAME_ROLE: item.blame,
            CHAIN_END_ROLE: item.chain_end,
            HINT_ROLE: item.hint,
            EDITOR_NAME_ROLE: item.editor_name,
            Role.AccessibleDescriptionRole: item.tooltip,
        }
        if role in simple:
            return simple[role]
        if role == Role.ToolTipRole:
            return plain_tooltip(item.tooltip) if item.tooltip else None
        if role == Role.DecorationRole and item.kind is not ElementKind.CATEGORY:
            return outline_icon(
                item.classification,
                blame=bool(item.blame),
                chain_end=item.chain_end,
                slots=self.icon_slots,
            )
        if role == Role.FontRole and item.kind is ElementKind.CATEGORY:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        item = self._item(index)
        if item is None or role != Role.EditRole:
            return False
        self.text_edited.emit(item.element_id, str(value))
        return True

    # -- lookups -------------------------------------------------------------------------
    def item(self, index: Index) -> OutlineItem | None:
        """The row's item, or None for an invalid index."""
        return self._item(index)

    def item_of(self, element_id: str) -> OutlineItem | None:
        node = self._nodes.get(element_id)
        return None if node is None else node.item

    def index_of(self, element_id: str | None) -> QModelIndex:
        """The row of ``element_id``, or an invalid index when it is not shown."""
        node = None if element_id is None else self._nodes.get(element_id)
        return QModelIndex() if node is None else self._index_of_node(node)

    def items(self) -> list[OutlineItem]:
        """Every row, depth first in outline order."""
        found: list[OutlineItem] = []
        stack = list(reversed(self._root.children))
        while stack:
            node = stack.pop()
            if node.item is not None:
                found.append(node.item)
            stack.extend(reversed(node.children))
        return found

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return self._root
        if index.model() is not self:
            return None
        return self._by_serial.get(index.internalId())

    def _item(self, index: Index) -> OutlineItem | None:
        node = self._node(index) if index.isValid() else None
        return None if node is None else node.item

    def _index_of_node(self, node: _Node) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), 0, node.serial)

    # -- showing a new outline -----------------------------------------------------------
    def reset_items(self, items: Sequence[OutlineItem]) -> None:
        """Show ``items`` (depth first) from scratch: for a different postmortem."""
        self.beginResetModel()
        self._root.children = []
        self._nodes.clear()
        self._by_serial.clear()
        for item in items:
            parent = self._root if item.parent is None else self._nodes[item.parent]
            parent.children.append(self._new_node(item, parent))
        self.endResetModel()

    def set_items(self, items: Sequence[OutlineItem]) -> None:
        """Show ``items`` (depth first, parents before children) with the smallest changes.

        Walks the new outline top down and makes each row's children match, moving rows that
        exist elsewhere and inserting new ones; whatever is left over at the end of a row's
        children is gone from the outline and is removed last. Then rows whose look changed
        repaint.
        """
        wanted: dict[str | None, list[str]] = {None: []}
        by_key: dict[str, OutlineItem] = {}
        for item in items:
            by_key[item.element_id] = item
            wanted.setdefault(item.parent, []).append(item.element_id)
            wanted.setdefault(item.element_id, [])
        parents: list[str | None] = [None, *by_key]
        for parent_key in parents:
            self._place_children(parent_key, wanted[parent_key], by_key)
        for parent_key in parents:
            self._drop_leftovers(parent_key, len(wanted[parent_key]))
        for key, item in by_key.items():
            node = self._nodes[key]
            if node.item != item:
                node.item = item
                index = self._index_of_node(node)
                self.dataChanged.emit(index, index)

    def _place_children(
        self, parent_key: str | None, keys: list[str], by_key: dict[str, OutlineItem]
    ) -> None:
        parent = self._root if parent_key is None else self._nodes[parent_key]
        position = 0
        while position < len(keys):
            key = keys[position]
            children = parent.children
            if position < len(children) and children[position].key == key:
                position += 1
                continue
            node = self._nodes.get(key)
            if node is not None:
                self._move(node, parent, position)
                position += 1
                continue
            run = position
            while run < len(keys) and keys[run] not in self._nodes:
                run += 1
            self.beginInsertRows(self._index_of_node(parent), position, run - 1)
            fresh = [self._new_node(by_key[k], parent) for k in keys[position:run]]
            parent.children[position:position] = fresh
            self.endInsertRows()
            position = run

    def _move(self, node: _Node, parent: _Node, position: int) -> None:
        source = node.parent
        assert source is not None
        row = source.children.index(node)
        moved = self.beginMoveRows(
            self._index_of_node(source), row, row, self._index_of_node(parent), position
        )
        assert moved, "a row cannot move under itself: its new parent was placed first"
        source.children.pop(row)
        parent.children.insert(position, node)
        node.parent = parent
        self.endMoveRows()

    def _drop_leftovers(self, parent_key: str | None, keep: int) -> None:
        parent = self._root if parent_key is None else self._nodes[parent_key]
        count = len(parent.children)
        if count <= keep:
            return
        self.beginRemoveRows(self._index_of_node(parent), keep, count - 1)
        gone = parent.children[keep:]
        del parent.children[keep:]
        while gone:
            node = gone.pop()
            gone.extend(node.children)
            if node.key is not None:
                self._nodes.pop(node.key, None)
            self._by_serial.pop(node.serial, None)
        self.endRemoveRows()

    def _new_node(self, item: OutlineItem, parent: _Node) -> _Node:
        self._serials += 1
        node = _Node(item, parent, self._serials)
        self._nodes[item.element_id] = node
        self._by_serial[node.serial] = node
        return node
