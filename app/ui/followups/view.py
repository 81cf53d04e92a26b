"""The library-wide Follow-ups view: every open action item and upcoming review, overdue first.

Stage 6 of the reference tracks completion at 30 and 60 days; across a library that is one list
of what is still owed. The view is given a loader (``load(today) -> FollowUps``) instead of a
library, so it needs no store and tests give it plain records. It loads on ``refresh()`` (and
whenever it is shown), then narrows what it loaded with ``sort_and_filter`` as the filters
change, without asking the library again. Enter or a double-click on a row emits
``open_requested(postmortem id, stage, item id)``: an action item opens on stage 5, a review on
stage 6.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSize,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.followups import FollowUps, sort_and_filter
from app.domain.model import ActionCategory
from app.ui.flow_layout import FlowLayout
from app.ui.followups.models import (
    SORT_ROLE,
    FollowUpTableModel,
    OpenActionItemsModel,
    UpcomingReviewsModel,
)
from app.ui.labels import plain_label

Loader = Callable[[date], FollowUps]
HINT_STYLE = "color: palette(placeholder-text); padding: 12px 4px;"
_STRETCHED_HEADERS = frozenset({"Action item", "Postmortem", "Notes"})
_ITEMS_EMPTY = (
    "No open action items. Open and in-progress action items from every postmortem in the "
    "library appear here, overdue first, with their owner and due date."
)
_REVIEWS_EMPTY = (
    "No upcoming follow-up reviews. The reviews scheduled on stage 6 of each postmortem "
    "(30 and 60 days after publication) appear here until they are marked done."
)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def counts_text(follow_ups: FollowUps) -> str:
    """ "3 open, 1 overdue · 2 upcoming reviews, none overdue": what the lists hold."""
    items = follow_ups.action_items
    reviews = follow_ups.reviews
    late_items = sum(entry.overdue for entry in items)
    late_reviews = sum(entry.overdue for entry in reviews)
    return (
        f"{len(items)} open, {late_items} overdue · "
        f"{plural(len(reviews), 'upcoming review')}, {late_reviews} overdue"
    )


class _FollowUpTable(QTableView):
    """A sortable, read-only table over one follow-ups model; Enter opens the current row."""

    def __init__(self, model: FollowUpTableModel[Any], name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the domain's order first
        self.setSortingEnabled(True)
        for column, spec in enumerate(model.columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if spec.header in _STRETCHED_HEADERS
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        lines = self.verticalHeader().defaultSectionSize()
        self.setMinimumHeight(header.sizeHint().height() + lines * 4 + 2 * self.frameWidth())

    def source_row(self, index: QModelIndex) -> int:
        return self.proxy.mapToSource(index).row()


class FollowUpsView(QWidget):
    """Open action items and upcoming reviews across the library, with filters and counts."""

    open_requested = Signal(int, object, str)  # postmortem id, Stage, item id

    def __init__(self, load: Loader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Follow-ups")
        self.setObjectName("followUpsView")
        self._load = load
        self._today: date | None = None
        self._loaded = FollowUps()
        self._shown = FollowUps()
        self.counts_label = plain_label("", self, wrap=True)
        self.counts_label.setObjectName("followUpCounts")
        self.counts_label.setAccessibleName("Follow-up counts")
        self._build_filters()
        self.items_model = OpenActionItemsModel(self)
        self.reviews_model = UpcomingReviewsModel(self)
        self.items_table = _FollowUpTable(self.items_model, "Open action items", self)
        self.reviews_table = _FollowUpTable(self.reviews_model, "Upcoming follow-up reviews", self)
        self.items_heading = plain_label("Open &action items", self, bold=True)
        self.items_heading.setBuddy(self.items_table)
        self.reviews_heading = plain_label("Upcoming follow-up &reviews", self, bold=True)
        self.reviews_heading.setBuddy(self.reviews_table)
        self.items_empty = plain_label("", self, style=HINT_STYLE, wrap=True)
        self.items_empty.setObjectName("actionItemsEmpty")
        self.reviews_empty = plain_label("", self, style=HINT_STYLE, wrap=True)
        self.reviews_empty.setObjectName("reviewsEmpty")
        for table in (self.items_table, self.reviews_table):
            table.activated.connect(lambda index, table=table: self._open(table, index))
        self._lay_out()

    # -- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setObjectName("ownerFilter")
        self.owner_edit.setAccessibleName("Filter by owner")
        self.owner_edit.setPlaceholderText("Any owner")
        self.owner_edit.setClearButtonEnabled(True)
        self.owner_names = QStringListModel(self)
        completer = QCompleter(self.owner_names, self.owner_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # as the filter matches owners
        self.owner_edit.setCompleter(completer)
        self.owner_edit.textChanged.connect(self._apply_filters)
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("categoryFilter")
        self.category_combo.setAccessibleName("Filter by category")
        self.category_combo.addItem("All categories", None)
        for category in ActionCategory:
            self.category_combo.addItem(category.label, category)
        self.category_combo.currentIndexChanged.connect(self._apply_filters)
        self.overdue_check = QCheckBox("O&verdue only", self)
        self.overdue_check.setObjectName("overdueOnly")
        self.overdue_check.setAccessibleName("Overdue only")
        self.overdue_check.toggled.connect(self._apply_filters)
        self.clear_button = QPushButton("C&lear filters", self)
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.refresh_button = QPushButton("Re&fresh", self)
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.setToolTip("Read the follow-ups from the library again (F5 or Ctrl+R)")
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QAction("Refresh", self)
        refresh.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)

    def _lay_out(self) -> None:
        filters = FlowLayout()
        owner_label = plain_label("&Owner:", self)
        owner_label.setBuddy(self.owner_edit)
        category_label = plain_label("Ca&tegory:", self)
        category_label.setBuddy(self.category_combo)
        # The flow lays items out from the top: give the short ones the fields' height, centred.
        row_height = max(self.owner_edit.sizeHint().height(), self.clear_button.sizeHint().height())
        for short in (owner_label, category_label, self.overdue_check):
            short.setMinimumHeight(row_height)
        for label in (owner_label, category_label):
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        for widget in (
            owner_label,
            self.owner_edit,
            category_label,
            self.category_combo,
            self.overdue_check,
            self.clear_button,
            self.refresh_button,
        ):
            filters.addWidget(widget)
        self.owner_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        heading = plain_label("Follow-ups across the library", self, bold=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.counts_label)
        layout.addLayout(filters)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._section(self.items_heading, self.items_table, self.items_empty))
        splitter.addWidget(
            self._section(self.reviews_heading, self.reviews_table, self.reviews_empty)
        )
        splitter.setSizes([500, 260])
        layout.addWidget(splitter, 1)
        chain = (
            self.owner_edit,
            self.category_combo,
            self.overdue_check,
            self.clear_button,
            self.refresh_button,
            self.items_table,
            self.reviews_table,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _section(self, *widgets: QWidget) -> QWidget:
        section = QWidget(self)
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        layout.addStretch(0)
        return section

    # -- today ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The day "overdue" is measured against: today's date unless set (tests set it)."""
        return self._today if self._today is not None else date.today()

    @today.setter
    def today(self, value: date) -> None:
        self._today = value

    # -- loading and filtering -----------------------------------------------------------
    @property
    def follow_ups(self) -> FollowUps:
        """What the tables show now: loaded, filtered and ordered."""
        return self._shown

    def refresh(self) -> None:
        """Read the follow-ups again through the loader and show them with the current filters."""
        self._loaded = self._load(self.today)
        owners = sorted(
            {entry.item.owner.strip() for entry in self._loaded.action_items} - {""},
            key=str.casefold,
        )
        self.owner_names.setStringList(owners)
        self._apply_filters()

    def clear_filters(self) -> None:
        """Show everything again: any owner, all categories, overdue or not."""
        for widget in (self.owner_edit, self.category_combo, self.overdue_check):
            widget.blockSignals(True)
        self.owner_edit.clear()
        self.category_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        for widget in (self.owner_edit, self.category_combo, self.overdue_check):
            widget.blockSignals(False)
        self._apply_filters()

    def filters_active(self) -> bool:
        return bool(
            self.owner_edit.text().strip()
            or self.category_combo.currentData() is not None
            or self.overdue_check.isChecked()
        )

    def _apply_filters(self) -> None:
        today = self.today
        category = self.category_combo.currentData()
        self._shown = sort_and_filter(
            self._loaded,
            today=today,
            owner=self.owner_edit.text(),
            category=category if isinstance(category, ActionCategory) else None,
            overdue_only=self.overdue_check.isChecked(),
        )
        self.items_model.set_entries(self._shown.action_items, today)
        self.reviews_model.set_entries(self._shown.reviews, today)
        self.clear_button.setEnabled(self.filters_active())
        self._show_counts()
        self._show_empty_states()

    def _show_counts(self) -> None:
        text = counts_text(self._shown)
        if self.filters_active():
            everything = sort_and_filter(self._loaded, today=self.today)
            text += (
                f" (filtered from {len(everything.action_items)} open action items"
                f" and {plural(len(everything.reviews), 'upcoming review')})"
            )
        self.counts_label.setText(text)

    def _show_empty_states(self) -> None:
        filtered = self.filters_active()
        overdue_only = self.overdue_check.isChecked()
        items = (
            ""
            if self._shown.action_items
            else (
                "No open action items match these filters. Clear filters shows them all."
                if filtered and self._loaded.action_items
                else _ITEMS_EMPTY
            )
        )
        reviews = (
            ""
            if self._shown.reviews
            else (
                "No follow-up reviews are overdue."
                if overdue_only and self._loaded.reviews
                else _REVIEWS_EMPTY
            )
        )
        for table, label, text in (
            (self.items_table, self.items_empty, items),
            (self.reviews_table, self.reviews_empty, reviews),
        ):
            label.setText(text)
            label.setVisible(bool(text))
            table.setVisible(not text)

    # -- opening -------------------------------------------------------------------------
    def _open(self, table: _FollowUpTable, index: QModelIndex) -> None:
        if index.isValid():
            postmortem_id, stage, item_id = table.source.target(table.source_row(index))
            self.open_requested.emit(postmortem_id, stage, item_id)

    def sizeHint(self) -> QSize:
        """Opened as its own window: room for every column of a realistic list."""
        characters = self.fontMetrics().averageCharWidth()
        return QSize(characters * 160, self.fontMetrics().lineSpacing() * 40)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()
