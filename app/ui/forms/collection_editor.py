"""A table with Add, Remove and Move buttons over one collection of a postmortem.

Every user action becomes one ``collection_changed(new_tuple, label)``: a whole new tuple and an
undo label such as "Add Timeline Event" or "Remove 3 Action Items". Removing several selected
rows is one edit, so one undo brings them all back. The editor shows what the window stores,
through ``show_records``, and keeps the selection across that round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.forms.columns import DEFAULT_FACTORIES
from app.ui.forms.delegate import RecordDelegate
from app.ui.forms.table_model import RecordTableModel, ReferenceChoices
from app.ui.forms.values import FieldKind, FieldSpec
from app.ui.theme import Tone, set_tone

# Columns that hold prose take the spare width. The others start at a width that fits their
# kind, then fit their contents once, up to a cap (the full text is in the tooltip).
_STRETCHED = frozenset({"description", "text", "title", "name", "notes", "url", "evidence"})
_WIDTHS = {
    FieldKind.DATETIME: 135,
    FieldKind.DATE: 100,
    FieldKind.BOOL: 80,
    FieldKind.ENUM: 110,
    FieldKind.TRI_STATE: 100,
    FieldKind.REFERENCE: 130,
    FieldKind.REFERENCE_LIST: 170,
    FieldKind.TEXT_LIST: 140,
    FieldKind.TEXT: 120,
    FieldKind.INT: 90,
}
_MAX_WIDTHS = {FieldKind.REFERENCE_LIST: 300, FieldKind.REFERENCE: 220}
_MAX_WIDTH = 180


def _header_width(header: QHeaderView, spec: FieldSpec) -> int:
    return header.fontMetrics().horizontalAdvance(spec.label) + 24


MINIMUM_VISIBLE_ROWS = 4


class CollectionEditor(QWidget):
    """Edits a tuple of records of ``record_type`` in a table.

    ``new_record`` makes the record "Add" appends (default: ``DEFAULT_FACTORIES``); it may raise
    ValueError with a reason when nothing can be added yet, which is reported, not raised.
    ``references`` names the items that reference columns point at.
    """

    collection_changed = Signal(object, str)
    refused = Signal(str)

    def __init__(
        self,
        record_type: type,
        *,
        title: str | None = None,
        new_record: Callable[[], Any] | None = None,
        references: Mapping[str, ReferenceChoices] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(record_type, references=references, parent=self)
        self.title = title or self.model.names.plural
        self._new_record = new_record or DEFAULT_FACTORIES[record_type]
        self._select_after: str | None = None
        self._columns_fitted = False
        self.model.change_requested.connect(self._request)
        self.model.edit_refused.connect(self._show_refusal)
        self.model.rowsInserted.connect(self._select_added)
        self.table = self._build_table()
        self._status = QLabel(self)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self._status.setWordWrap(True)
        set_tone(self._status, Tone.ERROR)
        self._status.setAccessibleName(f"{self.title}: input problem")
        self._status.hide()
        self._buttons = QHBoxLayout()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-weight: bold;")
        heading.setBuddy(self.table)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._status)
        layout.addLayout(self._buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setItemDelegate(RecordDelegate(table))
        table.setAccessibleName(self.title)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        for column, spec in enumerate(self.model.columns):
            self._size_column(header, column, spec)
        # When a narrow page stacks its tables, each still shows a few rows and the page scrolls.
        rows = table.verticalHeader().defaultSectionSize() * MINIMUM_VISIBLE_ROWS
        table.setMinimumHeight(header.sizeHint().height() + rows + 2 * table.frameWidth())
        return table

    def _size_column(self, header: QHeaderView, column: int, spec: FieldSpec) -> None:
        if spec.name in _STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            return
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, max(_WIDTHS[spec.kind], _header_width(header, spec)))

    def _fit_columns(self) -> None:
        """Fit the fixed columns to the first records shown; later the user's widths stay."""
        header = self.table.horizontalHeader()
        for column, spec in enumerate(self.model.columns):
            if spec.name in _STRETCHED:
                continue
            wanted = max(self.table.sizeHintForColumn(column) + 8, _header_width(header, spec))
            header.resizeSection(column, min(wanted, _MAX_WIDTHS.get(spec.kind, _MAX_WIDTH)))
        self._columns_fitted = True

    def _build_actions(self) -> None:
        names = self.model.names
        self.add_button = self._action_button(
            "Add",
            f"Add {names.singular}",
            self.add,
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"), QKeySequence("Insert")],
        )
        self.remove_button = self._action_button(
            "Remove",
            f"Remove selected {names.plural}",
            self.remove_selected,
            [QKeySequence(QKeySequence.StandardKey.Delete)],
        )
        self.up_button = self._action_button(
            "Move up",
            f"Move selected {names.plural} up",
            lambda: self.move_selected(-1),
            [QKeySequence("Alt+Up")],
        )
        self.down_button = self._action_button(
            "Move down",
            f"Move selected {names.plural} down",
            lambda: self.move_selected(1),
            [QKeySequence("Alt+Down")],
        )
        self._buttons.addStretch(1)

    def _action_button(
        self, text: str, accessible: str, slot: Callable[[], None], keys: list[QKeySequence]
    ) -> QPushButton:
        action = QAction(accessible, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        shortcut = keys[0].toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{accessible} ({shortcut})")
        button.clicked.connect(slot)
        self._buttons.addWidget(button)
        return button

    def add_button_widget(self, button: QPushButton) -> None:
        """Put a page's own button (e.g. "Add 30/60-day reviews") beside Add and Remove."""
        self._buttons.insertWidget(self._buttons.count() - 1, button)

    # -- showing -------------------------------------------------------------------------
    @property
    def records(self) -> tuple[Any, ...]:
        return self.model.records

    def show_records(self, records: tuple[Any, ...]) -> None:
        """Show the stored ``records`` without emitting; selection and scroll survive."""
        self.model.set_records(records)
        if records and not self._columns_fitted:
            self._fit_columns()
        self._update_buttons()

    @property
    def problem(self) -> str:
        """Why the last input was not saved, as shown under the table; empty when all is well."""
        return "" if self._status.isHidden() else self._status.text()

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        return sorted(rows)

    # -- editing -------------------------------------------------------------------------
    def add(self) -> None:
        """Append a new record with sensible defaults, selected once it is stored."""
        try:
            record = self._new_record()
        except ValueError as error:
            self._show_refusal(str(error))
            return
        self._select_after = record.id
        self._request((*self.records, record), f"Add {self.model.names.singular}")

    def remove_selected(self) -> None:
        """Remove every selected row as one edit."""
        rows = set(self.selected_rows())
        if not rows:
            return
        kept = tuple(record for row, record in enumerate(self.records) if row not in rows)
        self._request(kept, f"Remove {self.model.names.count(len(rows))}")

    def move_selected(self, step: int) -> None:
        """Move the selected rows one place up (-1) or down (+1), keeping their order."""
        rows = self.selected_rows()
        records = list(self.records)
        if not rows or rows[0] + step < 0 or rows[-1] + step >= len(records):
            return
        for row in rows if step < 0 else reversed(rows):
            records[row], records[row + step] = records[row + step], records[row]
        self._request(tuple(records), f"Move {self.model.names.count(len(rows))}")

    def _request(self, records: tuple[Any, ...], label: str) -> None:
        self._status.hide()
        self.collection_changed.emit(records, label)

    def _show_refusal(self, reason: str) -> None:
        self._status.setText(f"Not saved: {reason}")
        self._status.show()
        self.refused.emit(reason)

    def _select_added(
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        for row in range(first, last + 1):
            if self.records[row].id == self._select_after:
                self._select_after = None
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.remove_button.setEnabled(bool(rows))
        self.up_button.setEnabled(bool(rows) and rows[0] > 0)
        self.down_button.setEnabled(bool(rows) and rows[-1] < len(self.records) - 1)
