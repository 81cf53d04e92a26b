"""The timeline's table view and its key-event filter, sized from the font, never from rows.

Row heights are fixed and columns are measured from font metrics (not from their contents), so
5,000 events show at once, and presentation mode's larger font re-measures everything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.model import TimelineEvent
from app.ui.keys import leave_on_ctrl_tab, mark_uses_tab
from app.ui.timeline.table_model import CHECK_COLUMNS, Column, TimelineTableModel

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT_IN_LINES = 1.8
MINIMUM_VISIBLE_ROWS = 4
HEADER_HEIGHT_IN_LINES = 1.5
# Evidence links get this share of the width, between these many characters.
_EVIDENCE_SHARE = 0.12
_EVIDENCE_CHARACTERS = (6, 22)
# The description takes what is left, but never less than this many characters.
_DESCRIPTION_CHARACTERS = 28


class KeyEventFilter(QSortFilterProxyModel):
    """Shows every event, or only the starred key events; never sorts (the model is in order)."""

    def __init__(self, source: TimelineTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._key_only = False
        self.setSourceModel(source)

    @property
    def key_only(self) -> bool:
        return self._key_only

    def set_key_only(self, on: bool) -> None:
        if on == self._key_only:
            return
        self.beginFilterChange()
        self._key_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._key_only:
            return True
        events = self._source.events
        return 0 <= source_row < len(events) and events[source_row].key_event


class TimelineTable(QTableView):
    """The table: whole-row selection, typing starts editing, keys go to ``on_key`` first.

    ``on_key(event)`` returns True when it handled a key press (Enter, Space, paste...).
    """

    def __init__(
        self,
        model: TimelineTableModel,
        proxy: KeyEventFilter,
        on_key: Callable[[QKeyEvent], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._source = model
        # The model the view shows, kept with its own type: self.model() is typed as a plain
        # QAbstractItemModel, which has no row mapping.
        self._proxy = proxy
        self._on_key = on_key
        self._fitting = False
        self._evidence_width_chosen = False
        self.setObjectName("timelineTable")
        self.setAccessibleName("Timeline")
        mark_uses_tab(self)  # Tab finishes a cell and moves on; Ctrl+Tab leaves the table
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        # Fixed heights: the view never measures rows, which keeps thousands of them instant.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(self._on_section_resized)
        model.columnsInserted.connect(self.fit_to_font)
        model.columnsRemoved.connect(self.fit_to_font)
        self.fit_to_font()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if leave_on_ctrl_tab(self, event):
            return
        if not self._on_key(event):
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()

    def fit_to_font(self) -> None:
        """Size rows, icons and columns from the font, so presentation mode scales it all."""
        metrics = self.fontMetrics()
        row = round(metrics.lineSpacing() * ROW_HEIGHT_IN_LINES)
        vertical = self.verticalHeader()
        vertical.setMinimumSectionSize(row)
        vertical.setDefaultSectionSize(row)
        icon = round(metrics.height() * 0.95)
        self.setIconSize(QSize(icon, icon))
        header = self.horizontalHeader()
        widths = self._natural_widths(metrics, row, icon)
        pad = metrics.horizontalAdvance("  ")
        self._fitting = True
        for number, column in enumerate(self._source.columns):
            if column is Column.DESCRIPTION:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
                continue
            title = str(self._source.headerData(number, Qt.Orientation.Horizontal))
            wanted = max(widths[column], header.fontMetrics().horizontalAdvance(title) + 2 * pad)
            fixed = column in CHECK_COLUMNS
            header.setSectionResizeMode(
                number,
                QHeaderView.ResizeMode.Fixed if fixed else QHeaderView.ResizeMode.Interactive,
            )
            header.resizeSection(number, wanted)
        self._fitting = False
        header.setMinimumHeight(round(metrics.lineSpacing() * HEADER_HEIGHT_IN_LINES))
        rows = row * MINIMUM_VISIBLE_ROWS
        self.setMinimumHeight(header.minimumHeight() + rows + 2 * self.frameWidth())
        self._fit_flexible()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_flexible()

    def _fit_flexible(self) -> None:
        """Share the width: links get a slice, the description the rest (never less than a
        readable minimum; below that the table scrolls sideways rather than squeezing prose).

        Once someone drags the evidence column, their width stays.
        """
        if self._fitting:
            return
        header = self.horizontalHeader()
        character = self.fontMetrics().averageCharWidth()
        evidence = self._source.column_of(Column.EVIDENCE)
        description = self._source.column_of(Column.DESCRIPTION)
        self._fitting = True
        try:
            if evidence is not None and not self._evidence_width_chosen:
                share = round(self.viewport().width() * _EVIDENCE_SHARE)
                low, high = (n * character for n in _EVIDENCE_CHARACTERS)
                header.resizeSection(evidence, max(low, min(share, high)))
            if description is not None:
                others = sum(
                    header.sectionSize(n) for n in range(header.count()) if n != description
                )
                rest = self.viewport().width() - others
                header.resizeSection(description, max(_DESCRIPTION_CHARACTERS * character, rest))
        finally:
            self._fitting = False

    def _on_section_resized(self, number: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if self._source.columns[number] is Column.EVIDENCE:
            self._evidence_width_chosen = True
        if self._source.columns[number] is not Column.DESCRIPTION:
            self._fit_flexible()

    def _natural_widths(self, metrics: QFontMetrics, row: int, icon: int) -> dict[Column, int]:
        """What each column needs: a full time (bold clock), a milestone's shape and label."""
        bold = QFont(self.font())
        bold.setBold(True)
        time = metrics.horizontalAdvance("0000-00-00 ") + QFontMetrics(bold).horizontalAdvance(
            "00:00"
        )
        pad = metrics.horizontalAdvance("  ")
        return {
            Column.STAR: row + pad,
            Column.TIME: time + 2 * pad,
            Column.LOCAL_TIME: time + 2 * pad,
            Column.MILESTONE: icon + metrics.horizontalAdvance("Resolution") + 2 * pad,
            Column.EVIDENCE: metrics.averageCharWidth() * _EVIDENCE_CHARACTERS[1],
            Column.INTERNAL: row,
        }

    # -- rows and events: the view may be filtered, so rows are mapped to events here ----
    def event_at(self, row: int) -> TimelineEvent | None:
        """The event shown in visible ``row``, or None."""
        proxy = self._proxy
        source = proxy.mapToSource(proxy.index(row, 0)) if 0 <= row < proxy.rowCount() else None
        return None if source is None or not source.isValid() else self._source.events[source.row()]

    def visible_row(self, event_id: str) -> int | None:
        """Where ``event_id`` is shown, or None when it is not (filtered out, or gone)."""
        row = self._source.row_of(event_id)
        if row is None:
            return None
        visible = self._proxy.mapFromSource(self._source.index(row, 0))
        return visible.row() if visible.isValid() else None

    def current_event(self) -> TimelineEvent | None:
        index = self.currentIndex()
        return self.event_at(index.row()) if index.isValid() else None

    def current_column(self) -> Column | None:
        index = self.currentIndex()
        return self._source.columns[index.column()] if index.isValid() else None

    def selected_events(self) -> list[TimelineEvent]:
        """The selected events in time order, or the current one when no row is selected."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        chosen = [event for event in map(self.event_at, rows) if event is not None]
        current = self.current_event()
        return chosen or ([current] if current is not None else [])

    def is_last_visible(self, event_id: str) -> bool:
        last = self.event_at(self.model().rowCount() - 1)
        return last is not None and last.id == event_id

    def next_visible(self, event_id: str, *, skipping: frozenset[str] = frozenset()) -> str | None:
        """The event shown below ``event_id`` (else above), passing over ``skipping``."""
        row = self.visible_row(event_id)
        if row is None:
            return None
        below = range(row + 1, self.model().rowCount())
        for candidate in [*below, *range(row - 1, -1, -1)]:
            event = self.event_at(candidate)
            if event is not None and event.id not in skipping:
                return event.id
        return None

    def go_to(self, event_id: str, column: Column, *, edit: bool) -> bool:
        """Make the cell of ``event_id`` in ``column`` current (and edit it); False if not shown."""
        row, number = self.visible_row(event_id), self._source.column_of(column)
        if row is None or number is None:
            return False
        index = self.model().index(row, number)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        editing = self.state() == QAbstractItemView.State.EditingState
        if edit and not editing and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)
        return True
