"""The timeline table the facilitator types into during the meeting, keyboard first.

Typing a timeline needs no mouse: type a time, Tab (or Enter) to the description, Enter for the
next event, whose date carries over. Every action becomes one ``timeline_changed(new_tuple,
label)``; the window stores it undoably and shows the result through ``show_timeline``, which
never emits and keeps the selection, the current cell and the scroll position. Because a stored
edit can move a row (a changed time re-sorts it), the editor follows *events* by id, not rows:
"go to the description of the event just timed" survives the round trip, synchronous or not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta, tzinfo

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Milestone, TimelineEvent, new_id, utc_now
from app.domain.timeparse import format_utc, is_utc, zone_label
from app.ui.theme import Tone, set_tone
from app.ui.timeline.milestone_style import MILESTONE_ORDER, milestone_shortcut
from app.ui.timeline.table_changes import place_event
from app.ui.timeline.table_delegate import TimelineDelegate, is_multi_line
from app.ui.timeline.table_model import CHECK_COLUMNS, TIME_COLUMNS, Column, TimelineTableModel
from app.ui.timeline.table_view import KeyEventFilter, TimelineTable

Index = QModelIndex | QPersistentModelIndex
# (event id, column, open its editor): where the cursor goes once an edit has been stored.
FocusTarget = tuple[str, Column, bool]
_NOTE_MS = 6000
_MAX_DESCRIPTION_IN_QUESTION = 60
KEY_HELP = (
    "Enter: next field, then a new event · Insert: add · Delete: remove · Space: star · "
    "Ctrl+Shift+O/D/M/R: milestones · Alt+↑/↓: reorder within a minute · Ctrl+V: paste a log"
    " · Ctrl+Tab: leave the table"
)


def ask_move_milestone(parent: QWidget, milestone: Milestone, current: TimelineEvent) -> bool:
    """Ask whether ``milestone``, already marked on ``current``, should move to another event."""
    description = current.description.strip() or "no description"
    if len(description) > _MAX_DESCRIPTION_IN_QUESTION:
        description = description[: _MAX_DESCRIPTION_IN_QUESTION - 1] + "…"
    clock = format_utc(current.at)[11:]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Move {milestone.label}?")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"{milestone.label} is already marked at {clock} UTC ({description}). "
        "Move it to this event?"
    )
    move = box.addButton(f"Move {milestone.label}", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(move)
    box.setAccessibleName(f"Move {milestone.label}?")
    box.exec()
    return box.clickedButton() is move


class TimelineEditor(QWidget):
    """The timeline of one postmortem as a keyboard-driven table (see the module docstring)."""

    timeline_changed = Signal(object, str)
    paste_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline editor")
        self.model = TimelineTableModel(self)
        self.model.confirm_milestone_move = functools.partial(_confirm_move, self)
        self.model.change_requested.connect(self.timeline_changed)
        self.model.refusals_changed.connect(self._show_refusal)
        self.proxy = KeyEventFilter(self.model, self)
        self._pending_focus: FocusTarget | None = None
        self.table = self._build_table()
        self._filter_banner = self._label("timelineFilterBanner", "Timeline filter")
        self._problem = self._label("timelineProblem", "Timeline: input problem")
        self._hint = self._label("timelineHint", "Timeline keys")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(_NOTE_MS)
        self._note_timer.timeout.connect(self._show_hint)
        self._style_labels()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._filter_banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._problem)
        layout.addWidget(self._hint)
        self._build_actions()
        self.proxy.rowsInserted.connect(self._update_banner)
        self.proxy.rowsRemoved.connect(self._update_banner)
        self.proxy.modelReset.connect(self._update_banner)
        self.proxy.layoutChanged.connect(self._update_banner)
        self._show_hint()
        self._update_banner()

    # -- building ------------------------------------------------------------------------
    def _build_table(self) -> TimelineTable:
        table = TimelineTable(self.model, self.proxy, self._handle_key, self)
        table.setAccessibleDescription(KEY_HELP)
        self.delegate = TimelineDelegate(self.model, table)
        self.delegate.advance.connect(self._on_advance)
        self.delegate.reverted.connect(self.model.clear_refusal)
        self.delegate.paste_requested.connect(self.paste_requested)
        table.setItemDelegate(self.delegate)
        return table

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAccessibleName(accessible)
        label.hide()
        return label

    def _style_labels(self) -> None:
        self._problem.setStyleSheet("font-weight: bold;")
        set_tone(self._problem, Tone.ERROR)
        set_tone(self._filter_banner, Tone.WARNING)
        self._hint.setStyleSheet("color: palette(placeholder-text);")

    def _build_actions(self) -> None:
        add = [QKeySequence("Insert"), QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        self.add_action = self._action("Add event", add, self.add_event)
        self.remove_action = self._action(
            "Remove selected events",
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")],
            self.remove_selected,
        )
        self._action("Star or unstar selected events", [QKeySequence("Space")], self._space)
        self._action(
            "Move up within the minute", [QKeySequence("Alt+Up")], lambda: self.move_current(-1)
        )
        self._action(
            "Move down within the minute", [QKeySequence("Alt+Down")], lambda: self.move_current(1)
        )
        for milestone in MILESTONE_ORDER:
            self._action(
                f"Mark as {milestone.label.lower()}",
                [milestone_shortcut(milestone)],
                functools.partial(self.toggle_milestone, milestone),
            )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts(keys)
        # Only while the table itself has focus: an open cell editor keeps its own keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(lambda _checked=False: slot())
        self.table.addAction(action)
        return action

    # -- showing -------------------------------------------------------------------------
    @property
    def timeline(self) -> tuple[TimelineEvent, ...]:
        """The events shown, in time order."""
        return self.model.events

    def show_timeline(self, timeline: tuple[TimelineEvent, ...]) -> None:
        """Show the stored ``timeline``; never emits, keeps selection, current cell and scroll."""
        self.model.set_events(timeline)
        self._update_banner()
        if self._pending_focus is not None:
            QTimer.singleShot(0, self, functools.partial(self._apply_focus, final=True))

    def set_zone(self, zone: tzinfo) -> None:
        """Read times typed into the UTC column in ``zone``; they are still stored in UTC."""
        self.model.set_zone(zone)
        self._show_hint()

    def set_local_zone(self, zone: tzinfo | None) -> None:
        """Show each time on ``zone``'s clocks in a column beside UTC; None hides the column."""
        self.model.set_local_zone(zone)

    def set_key_events_only(self, on: bool) -> None:
        """Show only starred key events, with a banner saying so while the filter is on."""
        self.proxy.set_key_only(on)
        self._update_banner()

    @property
    def problem(self) -> str:
        """The line under the table about an unsaved time; empty when all is well."""
        return "" if self._problem.isHidden() else self._problem.text()

    @property
    def filter_hint(self) -> str:
        return "" if self._filter_banner.isHidden() else self._filter_banner.text()

    def _update_banner(self) -> None:
        if not self.proxy.key_only:
            self._filter_banner.hide()
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self._filter_banner.setText(
            f"Filter on: showing key events only ({shown} of {total}). "
            "Events added while it is on are starred."
        )
        self._filter_banner.show()

    def _show_refusal(self) -> None:
        text = self.model.latest_refusal()
        self._problem.setText(text)
        self._problem.setVisible(bool(text))

    def _show_hint(self) -> None:
        zone = self.model.zone
        typed = (
            ""
            if is_utc(zone)
            else f"Times you type are read as {zone_label(zone)} and stored in UTC. "
        )
        self._hint.setText(typed + KEY_HELP)
        self._hint.show()

    def _note(self, text: str) -> None:
        """Say something briefly in place of the key help (e.g. why a key did nothing)."""
        self._hint.setText(text)
        self._note_timer.start()

    # -- rows and events -----------------------------------------------------------------
    def current_event(self) -> TimelineEvent | None:
        return self.table.current_event()

    def current_column(self) -> Column | None:
        return self.table.current_column()

    def selected_events(self) -> list[TimelineEvent]:
        """The selected events in time order, or the current one when no row is selected."""
        return self.table.selected_events()

    # -- actions -------------------------------------------------------------------------
    def add_event(self, after_id: str | None = None) -> None:
        """Add an event after ``after_id`` (default: current row, else the last); edit its time.

        Its time is the anchor's minute, or one minute later at the end of the timeline, so the
        date carries over and a time typed without a date lands on the same day.
        """
        events = self.model.events
        if after_id is None:
            anchor = self.current_event() or (events[-1] if events else None)
            after_id = None if anchor is None else anchor.id
        row = None if after_id is None else self.model.row_of(after_id)
        if row is None:
            at = utc_now().replace(second=0)
        else:
            anchor = events[row]
            at = anchor.at + timedelta(minutes=1) if row == len(events) - 1 else anchor.at
        event = TimelineEvent(id=new_id(), at=at, description="", key_event=self.proxy.key_only)
        self._request(
            place_event(events, event), "Add Timeline Event", (event.id, Column.TIME, True)
        )

    def remove_selected(self) -> None:
        """Remove every selected event as one edit ("Remove 3 Timeline Events")."""
        chosen = self.selected_events()
        if not chosen:
            return
        gone = {event.id for event in chosen}
        kept = tuple(event for event in self.model.events if event.id not in gone)
        label = "Remove Timeline Event" if len(gone) == 1 else f"Remove {len(gone)} Timeline Events"
        after = self.table.next_visible(chosen[-1].id, skipping=frozenset(gone))
        focus = None if after is None else (after, self.current_column() or Column.TIME, False)
        self._request(kept, label, focus)

    def toggle_star(self) -> None:
        """Star the selected events, or unstar them when all are starred already."""
        chosen = self.selected_events()
        if chosen:
            on = not all(event.key_event for event in chosen)
            self.model.set_flags([event.id for event in chosen], Column.STAR, on=on)

    def _space(self) -> None:
        """Space ticks the Internal box when that is the current cell; elsewhere it stars."""
        current = self.current_event()
        if self.current_column() is Column.INTERNAL and current is not None:
            self.model.set_flag(current.id, Column.INTERNAL, on=not current.internal_only)
        else:
            self.toggle_star()

    def toggle_milestone(self, milestone: Milestone) -> None:
        """Mark the current event as ``milestone``; when it already is, unmark it."""
        event = self.current_event()
        if event is not None:
            self.model.set_milestone(event.id, None if event.milestone is milestone else milestone)

    def move_current(self, step: int) -> None:
        """Swap the current event with its neighbour (-1 up, +1 down) if both share a minute.

        Rows are in time order, so only events at the same minute have an order to change.
        """
        event = self.current_event()
        if event is None:
            return
        events = list(self.model.events)
        row = self.model.row_of(event.id) or 0
        other = row + step
        if not 0 <= other < len(events) or events[other].at != event.at:
            self._note(
                "Only events in the same minute change places; edit the time to move an event."
            )
            return
        events[row], events[other] = events[other], events[row]
        self._request(
            tuple(events),
            "Move Timeline Event",
            (event.id, self.current_column() or Column.TIME, False),
        )

    def paste(self) -> None:
        """Several lines go to the import preview; one line replaces the current cell's text."""
        text = QGuiApplication.clipboard().text()
        if is_multi_line(text):
            self.paste_requested.emit(text)
            return
        index = self.table.currentIndex()
        if text.strip() and index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.proxy.setData(index, text.strip(), Qt.ItemDataRole.EditRole)

    def _request(
        self, events: tuple[TimelineEvent, ...], label: str, focus: FocusTarget | None
    ) -> None:
        self._pending_focus = focus
        self.model.request(events, label)
        if focus is not None:
            QTimer.singleShot(0, self, functools.partial(self._apply_focus, final=False))

    # -- keyboard ------------------------------------------------------------------------
    def _handle_key(self, event: QKeyEvent) -> bool:
        """Keys on the table (not in a cell editor); True when handled here."""
        key, modifiers = event.key(), event.modifiers()
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return True
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not modifiers & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._enter()
            return True
        if key == Qt.Key.Key_Escape and (current := self.current_event()) is not None:
            self.model.clear_refusal(current.id)
        return False

    def _enter(self) -> None:
        """Enter on the last row adds an event; elsewhere it edits (or ticks) the current cell."""
        current = self.current_event()
        if current is None or self.table.is_last_visible(current.id):
            self.add_event(None if current is None else current.id)
            return
        index = self.table.currentIndex()
        if self.current_column() in CHECK_COLUMNS:
            on = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            new = Qt.CheckState.Unchecked if on else Qt.CheckState.Checked
            self.proxy.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        else:
            self.table.edit(index)

    def _on_advance(self, event_id: str, column: Column, how: str) -> None:
        """Where the cursor goes after Enter or Tab finished a cell (see ``TimelineDelegate``)."""
        if self.model.refusal(event_id, column):
            self._focus((event_id, column, False))
            return
        if how == "add":
            self.add_event(event_id)
        elif column in TIME_COLUMNS:
            self._focus((event_id, Column.DESCRIPTION, True))
        elif how == "enter" and self.table.is_last_visible(event_id):
            self.add_event(event_id)
        elif how == "enter":
            below = self.table.next_visible(event_id)
            row, below_row = (
                self.table.visible_row(event_id),
                below and self.table.visible_row(below),
            )
            if below is not None and row is not None and below_row == row + 1:
                self._focus((below, column, False))

    def _focus(self, target: FocusTarget) -> None:
        self._pending_focus = target
        QTimer.singleShot(0, self, functools.partial(self._apply_focus, final=False))

    def _apply_focus(self, *, final: bool) -> None:
        """Move the cursor to the pending event and column (and open its editor) once it exists."""
        if self._pending_focus is None:
            return
        event_id, column, edit = self._pending_focus
        if self.model.row_of(event_id) is None:
            if final:
                self._pending_focus = None
            return
        self._pending_focus = None
        self.table.go_to(event_id, column, edit=edit)


def _confirm_move(parent: QWidget, milestone: Milestone, current: TimelineEvent) -> bool:
    # Looked up at call time, so tests (and the page) can replace ask_move_milestone.
    return ask_move_milestone(parent, milestone, current)
