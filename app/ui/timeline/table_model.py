"""The timeline as a Qt table model: a thin adapter over the stored tuple of events.

Editing a cell never changes the model. It works out the complete new timeline, emits
``change_requested(new_tuple, label)`` and waits for the stored result to come back through
``set_events``, which sends the smallest fitting signal (see ``table_changes``) so selection,
the current cell and the scroll position survive the round trip, even with thousands of rows.

A typed time that cannot be read is *kept*: the cell shows the text in red with the reason, and
nothing is requested, so the room never sees a time silently change into something else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, tzinfo
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain.metrics import milestone_problems
from app.domain.model import Milestone, TimelineEvent
from app.domain.timeparse import TimeParseError, format_in_zone, format_utc, parse_time, zone_label
from app.ui.labels import plain_tooltip
from app.ui.timeline.milestone_style import (
    milestone_icon,
    milestone_tint,
    problem_colour,
    problem_tint,
    shortcut_text,
)
from app.ui.timeline.table_changes import (
    MAX_BLOCKS,
    FlagField,
    as_milestone,
    flag_label,
    holder_of,
    milestone_label,
    plan_change,
    ranges,
    replace_event,
    sort_timeline,
    with_flag,
    with_milestone,
)

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

EVENT_ID_ROLE = Role.UserRole + 1  # the event's id: views and the editor follow events, not rows
COLUMN_ROLE = Role.UserRole + 2  # the Column, so the delegate picks editor and painting
PROBLEM_ROLE = Role.UserRole + 3  # why the cell is marked (unreadable time, milestone order)


class Column(Enum):
    STAR = "★"
    TIME = "Time (UTC)"
    LOCAL_TIME = "Time (local)"
    MILESTONE = "Milestone"
    DESCRIPTION = "Description"
    EVIDENCE = "Evidence"
    INTERNAL = "Internal"


TIME_COLUMNS = frozenset({Column.TIME, Column.LOCAL_TIME})
CHECK_COLUMNS = frozenset({Column.STAR, Column.INTERNAL})
_HEADER_TIPS = {
    Column.STAR: "Key event: starred events make the customer-facing summary (Space toggles)",
    Column.TIME: "When it happened, stored in UTC to the minute",
    Column.MILESTONE: "Onset, detection, mitigation or resolution; each is marked once",
    Column.DESCRIPTION: "What happened, in plain blameless words",
    Column.EVIDENCE: "A link to the graph, log or ticket that shows it",
    Column.INTERNAL: "Internal only: never shown to customers",
}
ConfirmMove = Callable[[Milestone, TimelineEvent], bool]


class TimelineTableModel(QAbstractTableModel):
    """Rows are the events in time order; columns are ``Column`` values (local time optional)."""

    change_requested = Signal(object, str)
    refusals_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: tuple[TimelineEvent, ...] = ()
        self._rows: dict[str, int] = {}
        self._problems: dict[str, str] = {}
        self._refusals: dict[tuple[str, Column], tuple[str, str]] = {}
        self._zone: tzinfo = UTC
        self._local_zone: tzinfo | None = None
        self.columns: list[Column] = [c for c in Column if c is not Column.LOCAL_TIME]
        # Asked before a milestone moves from one event to another; the editor sets a dialog.
        self.confirm_milestone_move: ConfirmMove = lambda _milestone, _holder: False

    # -- reading -------------------------------------------------------------------------
    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        return self._events

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def row_of(self, event_id: str) -> int | None:
        return self._rows.get(event_id)

    def column_of(self, column: Column) -> int | None:
        return self.columns.index(column) if column in self.columns else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Role.DisplayRole:
            if column is Column.LOCAL_TIME and self._local_zone is not None:
                return f"Time ({zone_label(self._local_zone)})"
            return column.value
        if role == Role.ToolTipRole:
            return _HEADER_TIPS.get(column, "The same moment on the clocks of the chosen zone")
        if role == Role.AccessibleTextRole and column is Column.STAR:
            return "Key event"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()] in CHECK_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        event = self._events[index.row()]
        column = self.columns[index.column()]
        if role == EVENT_ID_ROLE:
            return event.id
        if role == COLUMN_ROLE:
            return column
        if role == Role.BackgroundRole:
            if (event.id, column) in self._refusals:
                return problem_tint()
            return None if event.milestone is None else milestone_tint(event.milestone)
        if column in TIME_COLUMNS:
            value = self._time_data(event, column, role)
        elif column is Column.MILESTONE:
            value = self._milestone_data(event, role)
        elif column in CHECK_COLUMNS:
            value = self._check_data(event, column, role)
        else:
            value = self._text_data(event, column, role)
        return plain_tooltip(value) if role == Role.ToolTipRole and value else value

    def _valid(self, index: Index) -> bool:
        # Not checkIndex(): it logs a Qt warning for the invalid indexes views legitimately pass.
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._events)
            and 0 <= index.column() < len(self.columns)
        )

    def _time_data(self, event: TimelineEvent, column: Column, role: int) -> Any:
        refusal = self._refusals.get((event.id, column))
        if role in (Role.DisplayRole, Role.EditRole) and refusal is not None:
            return refusal[0]
        if role == Role.DisplayRole:
            return self._display_time(event, column)
        if role == Role.EditRole:
            return format_in_zone(event.at, self.typing_zone(column))
        if role == Role.ForegroundRole and refusal is not None:
            return problem_colour()
        if role == PROBLEM_ROLE:
            return "" if refusal is None else refusal[1]
        if role == Role.ToolTipRole:
            return self._time_tooltip(event, refusal)
        return None

    def _display_time(self, event: TimelineEvent, column: Column) -> str:
        if column is Column.LOCAL_TIME and self._local_zone is not None:
            return format_in_zone(event.at, self._local_zone)
        return format_utc(event.at)

    def _time_tooltip(self, event: TimelineEvent, refusal: tuple[str, str] | None) -> str:
        if refusal is not None:
            typed, reason = refusal
            return (
                f"Not saved: {reason}.\nYou typed: {typed}\nEdit it again, or Escape discards it."
            )
        lines = [f"{format_utc(event.at)} UTC"]
        if self._local_zone is not None:
            lines.append(
                f"{format_in_zone(event.at, self._local_zone)} {zone_label(self._local_zone)}"
            )
        if event.entered_as:
            lines.append(f"Typed as: {event.entered_as}")
        return "\n".join(lines)

    def _milestone_data(self, event: TimelineEvent, role: int) -> Any:
        milestone = event.milestone
        if role == Role.DisplayRole:
            return "" if milestone is None else milestone.label
        if role == Role.EditRole:
            return milestone
        if role == Role.DecorationRole:
            return None if milestone is None else milestone_icon(milestone)
        if role == PROBLEM_ROLE:
            return self._problems.get(event.id, "")
        if role == Role.ToolTipRole:
            keys = "Ctrl+Shift+O / D / M / R mark onset, detection, mitigation, resolution"
            if milestone is None:
                return f"No milestone. {keys}."
            problem = self._problems.get(event.id)
            head = f"{milestone.label} ({shortcut_text(milestone)} unmarks it)"
            return f"{head}\nOut of order: {problem}" if problem else head
        return None

    def _check_data(self, event: TimelineEvent, column: Column, role: int) -> Any:
        on = event.key_event if column is Column.STAR else event.internal_only
        if role == Role.CheckStateRole:
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            if column is Column.STAR:
                return "Key event (starred)" if on else "Not a key event (Space stars it)"
            return "Internal only" if on else "May be shared with customers"
        return None

    def _text_data(self, event: TimelineEvent, column: Column, role: int) -> Any:
        text = event.description if column is Column.DESCRIPTION else event.evidence
        if role == Role.DisplayRole:
            return " ".join(text.splitlines())
        if role == Role.EditRole:
            return text
        if role == Role.ToolTipRole and text:
            return text
        return None

    # -- zones ---------------------------------------------------------------------------
    def typing_zone(self, column: Column) -> tzinfo:
        """The zone a time typed into ``column`` is read in."""
        if column is Column.LOCAL_TIME and self._local_zone is not None:
            return self._local_zone
        return self._zone

    def set_zone(self, zone: tzinfo) -> None:
        """Read times typed into the UTC column in ``zone`` (the page's time-zone choice)."""
        self._zone = zone

    def set_local_zone(self, zone: tzinfo | None) -> None:
        """Show a second time column on the clocks of ``zone``; None removes it."""
        position = self.columns.index(Column.TIME) + 1
        shown = Column.LOCAL_TIME in self.columns
        self._local_zone = zone
        if zone is None and shown:
            self.beginRemoveColumns(QModelIndex(), position, position)
            self.columns.remove(Column.LOCAL_TIME)
            self._refusals = {
                k: v for k, v in self._refusals.items() if k[1] is not Column.LOCAL_TIME
            }
            self.endRemoveColumns()
        elif zone is not None and not shown:
            self.beginInsertColumns(QModelIndex(), position, position)
            self.columns.insert(position, Column.LOCAL_TIME)
            self.endInsertColumns()
        elif zone is not None:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, position, position)
            self._column_changed(Column.LOCAL_TIME)

    def _column_changed(self, column: Column) -> None:
        number = self.column_of(column)
        if number is not None and self._events:
            self.dataChanged.emit(self.index(0, number), self.index(len(self._events) - 1, number))

    # -- editing -------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """Work out the new timeline for an edited cell and request it; False when refused."""
        if not self._valid(index):
            return False
        event = self._events[index.row()]
        column = self.columns[index.column()]
        if column in CHECK_COLUMNS:
            if role != Role.CheckStateRole:
                return False
            on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            return self.set_flag(event.id, column, on=on)
        if role != Role.EditRole:
            return False
        if column in TIME_COLUMNS:
            return self._set_time(event, column, str(value))
        if column is Column.MILESTONE:
            return self.set_milestone(event.id, as_milestone(value))
        text = str(value)
        if column is Column.DESCRIPTION:
            new = dataclasses.replace(event, description=text)
        else:
            new = dataclasses.replace(event, evidence=text)
        if new != event:
            self.request(replace_event(self._events, new), f"Edit Event {column.value}")
        return True

    def _set_time(self, event: TimelineEvent, column: Column, typed: str) -> bool:
        key = (event.id, column)
        zone = self.typing_zone(column)
        if key not in self._refusals and typed.strip() == format_in_zone(event.at, zone):
            return True  # the editor was opened and left as it was: not an edit
        try:
            parsed = parse_time(typed, zone=zone, default_date=self.default_date(event, zone))
        except TimeParseError as error:
            self._refusals[key] = (typed, str(error))
            self._row_changed(event.id)
            self.refusals_changed.emit()
            return False
        self.clear_refusal(event.id, column)
        new = dataclasses.replace(event, at=parsed.at, entered_as=parsed.entered_as)
        if new != event:
            self.request(replace_event(self._events, new), "Edit Event Time")
        return True

    @staticmethod
    def default_date(event: TimelineEvent, zone: tzinfo) -> date:
        """The date a time typed without one falls on: this event's date on ``zone``'s clocks."""
        return event.at.astimezone(zone).date()

    def set_milestone(self, event_id: str, milestone: Milestone | None) -> bool:
        """Mark (or with None unmark) ``event_id``; moving a milestone asks first."""
        row = self._rows.get(event_id)
        if row is None:
            return False
        event = self._events[row]
        if milestone == event.milestone:
            return True
        holder = holder_of(self._events, milestone)
        # holder_of finds no holder for None (unmarking), so a holder means a milestone is set;
        # the extra check only tells the type checker so.
        if (
            holder is not None
            and milestone is not None
            and not self.confirm_milestone_move(milestone, holder)
        ):
            return False
        label = milestone_label(event, milestone, moving=holder is not None)
        self.request(with_milestone(self._events, event_id, milestone), label)
        return True

    def set_flag(self, event_id: str, column: Column, *, on: bool) -> bool:
        """Star/unstar (``Column.STAR``) or mark internal (``Column.INTERNAL``) one event."""
        return self.set_flags([event_id], column, on=on)

    def set_flags(self, event_ids: list[str], column: Column, *, on: bool) -> bool:
        """The same for several events as one edit ("Star 3 Events")."""
        field: FlagField = "key_event" if column is Column.STAR else "internal_only"
        events, count = with_flag(self._events, set(event_ids), field, on=on)
        if count:
            self.request(events, flag_label(field, on=on, count=count))
        return True

    def request(self, events: tuple[TimelineEvent, ...], label: str) -> None:
        """Ask for ``events`` (put in time order) to be stored, as one undoable edit."""
        self.change_requested.emit(sort_timeline(events), label)

    # -- marks ---------------------------------------------------------------------------
    def refusal(self, event_id: str, column: Column = Column.TIME) -> str:
        """Why the last text typed into this event's time cell was not saved, or empty."""
        return self._refusals.get((event_id, column), ("", ""))[1]

    def latest_refusal(self) -> str:
        """The most recent unsaved time and why, for the line under the table."""
        if not self._refusals:
            return ""
        typed, reason = list(self._refusals.values())[-1]
        said = reason if typed.strip() and typed.strip() in reason else f'"{typed}": {reason}'
        return f"Time not saved: {said}. Edit the cell again, or press Escape to discard it."

    def clear_refusal(self, event_id: str, column: Column | None = None) -> None:
        """Forget an unsaved time so the cell shows the stored one again."""
        keys = [k for k in self._refusals if k[0] == event_id and column in (None, k[1])]
        for key in keys:
            del self._refusals[key]
        if keys:
            self._row_changed(event_id)
            self.refusals_changed.emit()

    def _row_changed(self, event_id: str) -> None:
        row = self._rows.get(event_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # -- showing stored events -----------------------------------------------------------
    def set_events(self, events: tuple[TimelineEvent, ...]) -> None:
        """Show ``events`` in time order with the smallest signal that describes the change."""
        new = sort_timeline(events)
        old = self._events
        problems = milestone_problems(new)
        plan = plan_change(old, new)
        if plan.reset:
            self.beginResetModel()
            self._store(new, problems)
            self.endResetModel()
            return
        if plan.reorder:
            self._reorder(new)
        else:
            for first, last in plan.removed:
                self.beginRemoveRows(QModelIndex(), first, last)
                self._events = self._events[:first] + self._events[last + 1 :]
                self.endRemoveRows()
            for first, last in plan.inserted:
                self.beginInsertRows(QModelIndex(), first, last)
                self._events = self._events[:first] + new[first : last + 1] + self._events[first:]
                self.endInsertRows()
        changed_problems = (self._problems.keys() ^ problems.keys()) | {
            k for k in problems if self._problems.get(k) != problems[k]
        }
        self._store(new, problems)
        rows = plan.changed_rows | {self._rows[k] for k in changed_problems if k in self._rows}
        runs = ranges(sorted(rows))
        if len(runs) > MAX_BLOCKS:
            runs = [(runs[0][0], runs[-1][1])]
        right = len(self.columns) - 1
        for first, last in runs:
            # The row below repaints too: whether its date is shown depends on the row above.
            below = min(last + 1, len(new) - 1)
            self.dataChanged.emit(self.index(first, 0), self.index(below, right))

    def _store(self, events: tuple[TimelineEvent, ...], problems: dict[str, str]) -> None:
        self._events = events
        self._rows = {event.id: row for row, event in enumerate(events)}
        self._problems = problems
        stale = [key for key in self._refusals if key[0] not in self._rows]
        for key in stale:
            del self._refusals[key]
        if stale:
            self.refusals_changed.emit()

    def _reorder(self, new: tuple[TimelineEvent, ...]) -> None:
        self.layoutAboutToBeChanged.emit()
        old_ids = [event.id for event in self._events]
        new_rows = {event.id: row for row, event in enumerate(new)}
        persistent = self.persistentIndexList()
        self._events = new
        moved = [self.index(new_rows[old_ids[index.row()]], index.column()) for index in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
