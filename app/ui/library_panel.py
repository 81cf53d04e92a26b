"""The library list: every postmortem in the file, searchable as you type and filterable.

Searching asks the library (full-text, prefix matching over every text field) after a short
pause, so the list follows the typing without querying on every keystroke. Enter or a double
click opens the selected postmortem.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Severity, Status
from app.store import Library
from app.ui.summary_model import ID_ROLE, SORT_ROLE, Column, SummaryTableModel

SEARCH_DEBOUNCE_MS = 150
TITLE_MIN_EMS = 16
COLUMNS_HIDDEN_FIRST = (Column.INCIDENT_DATE, Column.STATUS)
CELL_PADDING = 20
# The widest text each short column can show (see summary_model's formatting).
WIDEST_TEXTS = {
    Column.SEVERITY: tuple(severity.label for severity in Severity),
    Column.STATUS: tuple(status.label for status in Status),
    Column.INCIDENT_DATE: ("0000-00-00",),
    Column.LAST_EDITED: ("Yesterday 00:00", "Today 00:00", "0000-00-00"),
}


class _SearchField(QLineEdit):
    """Down arrow moves into the list, so search-then-open needs no mouse."""

    move_to_list = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_to_list.emit()
            return
        super().keyPressEvent(event)


def _filter_combo(name: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    combo.addItem(everything, None)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


class LibraryPanel(QWidget):
    """Search field, filters, the postmortem table and a count; emits ``open_requested(id)``."""

    open_requested = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.library = library
        self.search = _SearchField(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search all postmortems")
        self.search.setAccessibleName("Search all postmortems")
        self.search.setClearButtonEnabled(True)
        self.severity_filter = _filter_combo("Severity filter", "All severities")
        self.status_filter = _filter_combo("Status filter", "All statuses")
        self.service_filter = _filter_combo("Service filter", "All services")
        self.tag_filter = _filter_combo("Tag filter", "All tags")
        self._fill(self.severity_filter, [(s.label, s) for s in Severity])
        self._fill(self.status_filter, [(s.label, s) for s in Status])
        self.model = SummaryTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("libraryCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._lay_out()
        self._connect()
        self.refresh_options()
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("libraryTable")
        table.setAccessibleName("Postmortems")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.LAST_EDITED, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in list(Column)[1:]:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self._column_width(column, table))
        header.setHighlightSections(False)
        return table

    def _lay_out(self) -> None:
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(8)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)
        filters.addWidget(self.severity_filter, 0, 0)
        filters.addWidget(self.status_filter, 0, 1)
        filters.addWidget(self.service_filter, 1, 0)
        filters.addWidget(self.tag_filter, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        order = (
            self.search,
            self.severity_filter,
            self.status_filter,
            self.service_filter,
            self.tag_filter,
            self.table,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first_match)
        self.search.move_to_list.connect(self._focus_table)
        for combo in self.filters():
            combo.currentIndexChanged.connect(self.refresh)
        self.table.activated.connect(self._on_activated)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Hide the least needed columns when the panel is narrow, so titles stay readable.

        The hidden values stay in the title's tooltip; widening the panel brings them back.
        """
        title_minimum = self.fontMetrics().horizontalAdvance("M") * TITLE_MIN_EMS
        available = self.table.viewport().width() or self.width()
        for column in COLUMNS_HIDDEN_FIRST:
            self.table.setColumnHidden(column, False)
        for column in COLUMNS_HIDDEN_FIRST:
            shown = [c for c in list(Column)[1:] if not self.table.isColumnHidden(c)]
            others = sum(self._column_width(c, self.table) for c in shown)
            if available - others >= title_minimum:
                break
            self.table.setColumnHidden(column, True)

    @staticmethod
    def _column_width(column: Column, table: QTableView) -> int:
        """Wide enough for the widest text the column can show, measured without its rows.

        Measuring the rows (ResizeToContents, sizeHintForColumn) reads every one of them on each
        layout, which made a library of 1,000 postmortems take a second to appear.
        """
        widest = max(table.fontMetrics().horizontalAdvance(text) for text in WIDEST_TEXTS[column])
        return max(table.horizontalHeader().sectionSizeHint(column), widest + CELL_PADDING)

    def filters(self) -> tuple[QComboBox, ...]:
        return (self.severity_filter, self.status_filter, self.service_filter, self.tag_filter)

    @staticmethod
    def _fill(combo: QComboBox, options: list[tuple[str, object]]) -> None:
        """Replace the options after "All ...", keeping the chosen one when it still exists."""
        chosen = combo.currentData()
        blocked = combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in options:
            combo.addItem(text, value)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(blocked)

    def refresh_options(self) -> None:
        """Reload the service and tag choices from the library."""
        self._fill(self.service_filter, [(name, name) for name in self.library.services()])
        self._fill(self.tag_filter, [(name, name) for name in self.library.tags()])

    def refresh(self) -> None:
        """Query the library with the current search and filters and show the result."""
        self._debounce.stop()
        selected = self.selected_id()
        summaries = self.library.summaries(
            search=self.search.text(),
            severity=self.severity_filter.currentData(),
            status=self.status_filter.currentData(),
            service=self.service_filter.currentData(),
            tag=self.tag_filter.currentData(),
        )
        self.model.set_summaries(summaries)
        self._fit_columns()
        if selected is not None:
            self.select_postmortem(selected)
        self._update_count(len(summaries))

    def refresh_postmortem(self, postmortem_id: int) -> None:
        """Show one edited postmortem's new row without re-reading the whole library.

        With a search or filter active the edit may change what matches, so the list is queried
        again in full; otherwise only the edited row is read.
        """
        if self.is_filtered():
            self.refresh()
            return
        rows = self.library.summaries(ids=(postmortem_id,))
        if not rows or not self.model.update_summary(rows[0]):
            self.refresh()

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip()) or any(
            combo.currentIndex() > 0 for combo in self.filters()
        )

    def _update_count(self, shown: int) -> None:
        if not self.is_filtered():
            text = _count(shown) if shown else "No postmortems yet"
        elif shown == 0:
            text = "No postmortems match"
        else:
            text = f"{shown} of {_count(len(self.library.postmortem_ids()))}"
        self.count_label.setText(text)
        self.table.setAccessibleDescription(text)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return _id_of(rows[0]) if rows else None

    def select_postmortem(self, postmortem_id: int | None) -> None:
        """Highlight ``postmortem_id`` if it is listed (None clears the selection)."""
        row = self.model.row_of(postmortem_id) if postmortem_id is not None else -1
        if row < 0:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
            self.table.selectRow(0)

    def _open_first_match(self) -> None:
        self.refresh()
        selected = self.selected_id()
        if selected is None and self.proxy.rowCount():
            selected = _id_of(self.proxy.index(0, 0))
        if selected is not None:
            self.open_requested.emit(selected)

    def open_selected(self) -> bool:
        """Open the selected postmortem; False when nothing is selected."""
        selected = self.selected_id()
        if selected is not None:
            self.open_requested.emit(selected)
        return selected is not None

    def _on_activated(self, index: QModelIndex) -> None:
        postmortem_id = _id_of(index)
        if postmortem_id is not None:
            self.open_requested.emit(postmortem_id)


def _id_of(index: QModelIndex) -> int | None:
    value = index.siblingAtColumn(0).data(ID_ROLE)
    return value if isinstance(value, int) else None


def _count(number: int) -> str:
    return "1 postmortem" if number == 1 else f"{number} postmortems"
