"""The action items table: the generic record table with coaching marks and tracker links.

``RecordTableModel`` already adapts a tuple of records (edits become requests, stored results
come back through ``set_records`` with the smallest signal). This subclass fixes the columns in
the order a tracker reads them, marks the title of every row that has coaching notes (an amber
triangle, and the notes in its tooltip), and shows a tracker key that the library's URL pattern
turns into a link as a link.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from app.domain.action_coaching import CoachingNote
from app.domain.model import ActionItem
from app.domain.tracker import tracker_url
from app.ui.forms.table_model import RecordTableModel, ReferenceChoices
from app.ui.labels import plain_tooltip
from app.ui.root_cause.marks import ICON_SIZES, draw_blame_warning

Index = QModelIndex | QPersistentModelIndex
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 10  # the action item's id
URL_ROLE = Qt.ItemDataRole.UserRole + 11  # the tracker link of the row, or None
NOTES_ROLE = Qt.ItemDataRole.UserRole + 12  # the row's coaching notes, a tuple
COLUMN_ORDER = ("title", "owner", "due", "category", "priority", "tracker", "status", "cause_ids")
# Shown after the tracker's columns: whether the item may appear in the external postmortem.
EXTRA_COLUMNS = ("public",)
OPEN_LINK_KEYS = "Ctrl+Enter"


@functools.cache
def coaching_icon() -> QIcon:
    """The mark on a row with coaching notes: the amber triangle the blame warnings use."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        draw_blame_warning(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class ActionItemsModel(RecordTableModel):
    """Rows are action items; see the module docstring for what it adds to the record table."""

    def __init__(
        self,
        references: Mapping[str, ReferenceChoices] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(ActionItem, references=references, parent=parent)
        by_name = {spec.name: spec for spec in self.columns}
        self.columns = tuple(by_name[name] for name in (*COLUMN_ORDER, *EXTRA_COLUMNS))
        self._notes: dict[str, tuple[CoachingNote, ...]] = {}
        self._pattern = ""

    def column_of(self, name: str) -> int:
        return next(number for number, spec in enumerate(self.columns) if spec.name == name)

    def row_of(self, item_id: str) -> int | None:
        return next((row for row, item in enumerate(self.records) if item.id == item_id), None)

    # -- what this table adds ---------------------------------------------------------------
    def set_coaching(self, notes: Mapping[str, Sequence[CoachingNote]]) -> None:
        """Mark the rows of ``notes`` (item id -> notes); rows not named have none."""
        self._notes = {item_id: tuple(found) for item_id, found in notes.items() if found}
        self._title_changed(range(len(self.records)))

    def set_row_coaching(self, item_id: str, notes: Sequence[CoachingNote]) -> None:
        """Replace one row's notes (while its title is typed), leaving the others."""
        if notes:
            self._notes[item_id] = tuple(notes)
        else:
            self._notes.pop(item_id, None)
        row = self.row_of(item_id)
        if row is not None:
            self._title_changed([row])

    def notes(self, item_id: str) -> tuple[CoachingNote, ...]:
        return self._notes.get(item_id, ())

    @property
    def tracker_pattern(self) -> str:
        return self._pattern

    def set_tracker_pattern(self, pattern: str) -> None:
        """Link tracker keys with ``pattern`` (``{key}`` stands for the key; "" for none)."""
        self._pattern = pattern
        if self.records:
            column = self.column_of("tracker")
            self.dataChanged.emit(self.index(0, column), self.index(len(self.records) - 1, column))

    def url(self, row: int) -> str | None:
        """The tracker link of ``row``, or None when its tracker field links nowhere."""
        if not 0 <= row < len(self.records):
            return None
        return tracker_url(self.records[row].tracker, self._pattern)

    def _title_changed(self, rows: Sequence[int] | range) -> None:
        column = self.column_of("title")
        for row in rows:
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        item: ActionItem = self.records[index.row()]
        name = self.columns[index.column()].name
        if role == ITEM_ID_ROLE:
            return item.id
        if role == URL_ROLE:
            return self.url(index.row())
        if role == NOTES_ROLE:
            return self.notes(item.id)
        if name == "title":
            marked = self._title_data(item, role)
            if marked is not None:
                return marked
        if name == "tracker":
            linked = self._tracker_data(index.row(), role)
            if linked is not None:
                return linked
        return super().data(index, role)

    def _title_data(self, item: ActionItem, role: int) -> Any:
        notes = self.notes(item.id)
        if not notes:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return coaching_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title or "(no title yet)", "", "Coaching:"]
            lines += [f"\u2022 This item {note.reason}. {note.suggestion}" for note in notes]
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            count = len(notes)
            return f"{count} coaching note{'s' if count != 1 else ''}"
        return None

    def _tracker_data(self, row: int, role: int) -> Any:
        url = self.url(row)
        if url is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()  # only the underline: the size follows the view (presentation mode)
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().brush(QPalette.ColorRole.Link)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                f"{url}\n{OPEN_LINK_KEYS} or \u201cOpen tracker link\u201d opens it"
            )
        return None
