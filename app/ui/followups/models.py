"""Qt table models over the library's follow-ups: thin adapters over the domain's tuples.

The rows are ``OpenActionItem`` and ``UpcomingReview`` records exactly as
``app.domain.followups.sort_and_filter`` ordered them; a model never sorts or filters itself (the
view's proxy sorts when a header is clicked). Overdue rows say so in words ("Overdue" in the Due
column, with a warning icon and the number of days in the tooltip), so the mark does not rest on
colour alone. ``SORT_ROLE`` gives each cell a key that sorts the way people read the column:
dates in date order with undated last, priority high to low, severity SEV1 first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from app.domain.followups import OpenActionItem, UpcomingReview
from app.domain.model import Priority, Stage
from app.ui.theme import current_colour

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

SORT_ROLE = Role.UserRole + 1  # a key that sorts the column in reading order
OVERDUE_ROLE = Role.UserRole + 2  # True for an overdue row, in every column
_PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
_UNDATED = "9999-99-99"  # after every ISO date

Entry = TypeVar("Entry", OpenActionItem, UpcomingReview)


@dataclass(frozen=True)
class Column(Generic[Entry]):
    """One column: its header, the cell's text, and the key it sorts by."""

    header: str
    text: Callable[[Entry], str]
    sort_key: Callable[[Entry], Any] | None = None
    tooltip: str = ""


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def due_text(due: date | None, overdue: bool) -> str:
    """What the Due cell says: the date, "Overdue" first when it is late, "No date" if none."""
    if due is None:
        return "No date"
    return f"Overdue · {due.isoformat()}" if overdue else due.isoformat()


def due_tooltip(due: date | None, today: date) -> str:
    """The due date relative to ``today`` in words."""
    if due is None:
        return "No due date set"
    days = (due - today).days
    if days < 0:
        return f"Overdue: was due {due.isoformat()}, {days_text(-days)} ago"
    if days == 0:
        return f"Due today, {due.isoformat()}"
    return f"Due {due.isoformat()}, in {days_text(days)}"


ACTION_ITEM_COLUMNS: tuple[Column[OpenActionItem], ...] = (
    Column(
        "Due",
        lambda e: due_text(e.item.due, e.overdue),
        lambda e: e.item.due.isoformat() if e.item.due else _UNDATED,
        "When the action is due; overdue items are marked Overdue and come first",
    ),
    Column("Action item", lambda e: e.item.title, lambda e: e.item.title.casefold()),
    Column("Owner", lambda e: e.item.owner or "No owner", lambda e: e.item.owner.casefold()),
    Column(
        "Category",
        lambda e: e.item.category.label if e.item.category else "No category",
        lambda e: e.item.category.label if e.item.category else "~",
    ),
    Column("Priority", lambda e: e.item.priority.label, lambda e: _PRIORITY_ORDER[e.item.priority]),
    Column("Status", lambda e: e.item.status.label),
    Column("Tracker", lambda e: e.item.tracker, lambda e: e.item.tracker.casefold()),
    Column("Postmortem", lambda e: e.postmortem_title, lambda e: e.postmortem_title.casefold()),
    Column("Severity", lambda e: e.severity.label),
)

REVIEW_COLUMNS: tuple[Column[UpcomingReview], ...] = (
    Column(
        "Due",
        lambda e: due_text(e.review.due, e.overdue),
        lambda e: e.review.due.isoformat(),
        "When the review is due; overdue reviews are marked Overdue",
    ),
    Column("Postmortem", lambda e: e.postmortem_title, lambda e: e.postmortem_title.casefold()),
    Column("Notes", lambda e: e.review.notes, lambda e: e.review.notes.casefold()),
)


class FollowUpTableModel(QAbstractTableModel, Generic[Entry]):
    """Rows of follow-up entries; read-only. Subclasses name the columns and what a row opens."""

    columns: tuple[Column[Entry], ...] = ()
    noun = "item"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: tuple[Entry, ...] = ()
        self._today = date.today()

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self._entries

    def set_entries(self, entries: Sequence[Entry], today: date) -> None:
        """Show ``entries`` in the given order; ``today`` words the due-date tooltips."""
        self.beginResetModel()
        self._entries = tuple(entries)
        self._today = today
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def target(self, row: int) -> tuple[int, Stage, str]:
        """The postmortem id, stage and item id that opening row ``row`` shows."""
        raise NotImplementedError

    def due(self, entry: Entry) -> date | None:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Role.DisplayRole:
            return column.header
        if role == Role.ToolTipRole:
            return column.tooltip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        entry = self._entries[index.row()]
        column = self.columns[index.column()]
        first = index.column() == 0
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return column.text(entry)
        if role == SORT_ROLE:
            key = column.sort_key or column.text
            return key(entry)
        if role == OVERDUE_ROLE:
            return entry.overdue
        if role == Role.ToolTipRole:
            return due_tooltip(self.due(entry), self._today) if first else column.text(entry)
        if entry.overdue:
            return self._overdue_data(role, first=first)
        return None

    @staticmethod
    def _overdue_data(role: int, *, first: bool) -> Any:
        if role == Role.BackgroundRole:
            return current_colour("error_background")
        if role == Role.ForegroundRole and first:
            return current_colour("error_text")
        if role == Role.FontRole and first:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.DecorationRole and first:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._entries)
            and 0 <= index.column() < len(self.columns)
        )


class OpenActionItemsModel(FollowUpTableModel[OpenActionItem]):
    """Open action items of every postmortem; opening one shows it on stage 5."""

    columns = ACTION_ITEM_COLUMNS
    noun = "action item"

    def target(self, row: int) -> tuple[int, Stage, str]:
        entry = self._entries[row]
        return entry.postmortem_id, Stage.ACTION_ITEMS, entry.item.id

    def due(self, entry: OpenActionItem) -> date | None:
        return entry.item.due


class UpcomingReviewsModel(FollowUpTableModel[UpcomingReview]):
    """Follow-up reviews not yet held; opening one shows it on stage 6."""

    columns = REVIEW_COLUMNS
    noun = "review"

    def target(self, row: int) -> tuple[int, Stage, str]:
        entry = self._entries[row]
        return entry.postmortem_id, Stage.FOLLOW_UP, entry.review.id

    def due(self, entry: UpcomingReview) -> date | None:
        return entry.review.due
