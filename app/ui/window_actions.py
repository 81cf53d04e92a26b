"""The main window's actions and menus, with the standard shortcuts a facilitator expects.

Kept apart from the window so the menu structure reads in one place. Every action is a plain
QAction owned by the window; the window connects them to its slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from app.domain.model import Stage
from app.ui.theme import ThemeChoice


class MeetingActions(Protocol):
    """The meeting timer's actions (``MeetingTimerBar`` has them)."""

    start_pause_action: QAction
    next_stage_action: QAction
    end_action: QAction
    agenda_action: QAction


@dataclass
class WindowActions:
    new: QAction
    open: QAction
    duplicate: QAction
    delete: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    toggle_library: QAction
    toggle_guidance: QAction
    themes: dict[ThemeChoice, QAction]
    stages: dict[Stage, QAction]
    next_stage: QAction
    previous_stage: QAction
    review: QAction
    follow_ups: QAction
    export: QAction
    present: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    quick_capture: QAction
    park: QAction
    about: QAction
    recent_menu: QMenu

    def postmortem_actions(self) -> list[QAction]:
        """Actions that need an open postmortem."""
        return [
            self.duplicate,
            self.delete,
            *self.stages.values(),
            self.next_stage,
            self.previous_stage,
            self.review,
            self.export,
            self.quick_capture,
            self.park,
        ]


def _action(
    window: QMainWindow,
    text: str,
    *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    keys = [QKeySequence(key) for key in shortcuts]
    # Standard keys repeat explicit ones on most platforms; a key registered twice is ambiguous.
    action.setShortcuts(_unique([key for key in keys if not key.isEmpty()]))
    if tip:
        action.setStatusTip(tip)
    return action


def _checkable(action: QAction) -> QAction:
    action.setCheckable(True)
    return action


def build_actions(window: QMainWindow, undo_stack: QUndoStack) -> WindowActions:
    """Create the actions and put them in File, Edit, View, Go and Help menus."""
    std = QKeySequence.StandardKey
    undo = undo_stack.createUndoAction(window)
    undo.setShortcuts([QKeySequence(std.Undo)])
    redo = undo_stack.createRedoAction(window)
    redo.setShortcuts(_unique([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]))
    toggle_library = _checkable(
        _action(window, "&Library", "Ctrl+L", tip="Show or hide the library list")
    )
    toggle_guidance = _checkable(
        _action(window, "&Guidance", "F1", tip="Show or hide the stage guidance")
    )
    actions = WindowActions(
        new=_action(window, "&New Postmortem…", std.New, tip="Start a new postmortem"),
        open=_action(window, "&Open…", std.Open, tip="Find a postmortem in the library"),
        duplicate=_action(window, "D&uplicate", tip="Copy the open postmortem"),
        delete=_action(window, "&Delete…", tip="Delete the open postmortem (undoable)"),
        quit=_action(window, "&Quit", "Ctrl+Q"),
        undo=undo,
        redo=redo,
        find=_action(window, "&Find…", std.Find, tip="Search all postmortems"),
        toggle_library=toggle_library,
        toggle_guidance=toggle_guidance,
        themes={choice: _action(window, choice.label) for choice in ThemeChoice},
        stages={
            stage: _action(window, f"&{stage.value}  {stage.label}", f"Ctrl+{stage.value}")
            for stage in Stage
        },
        next_stage=_action(window, "&Next Stage", "Ctrl+PgDown"),
        previous_stage=_action(window, "&Previous Stage", "Ctrl+PgUp"),
        review=_action(
            window,
            "Final &Review…",
            "Ctrl+Shift+R",
            tip="Check the postmortem against the final review checklist",
        ),
        export=_action(
            window,
            "&Export…",
            "Ctrl+Shift+E",
            tip="Export the postmortem as PDF or Markdown, internal or customer-facing",
        ),
        follow_ups=_action(
            window,
            "&Follow-ups…",
            "Ctrl+Shift+U",
            tip="Open action items and follow-up reviews across the library",
        ),
        present=_checkable(
            _action(
                window,
                "&Presentation Mode",
                "F5",
                tip="Large, high-contrast and without private details, for a shared screen",
            )
        ),
        zoom_in=_action(window, "Zoom &In", "Ctrl++", "Ctrl+=", std.ZoomIn, tip="Larger text"),
        zoom_out=_action(window, "Zoom &Out", "Ctrl+-", std.ZoomOut, tip="Smaller text"),
        zoom_reset=_action(window, "&Actual Size", "Ctrl+0", tip="Text at its usual size"),
        quick_capture=_action(
            window,
            "&Quick Capture…",
            "Ctrl+K",
            tip="Add an event, action item, observation or question, or go anywhere, by typing",
        ),
        park=_action(
            window,
            "&Park a Point…",
            "Ctrl+Shift+K",
            tip="Put an off-topic point in the parking lot without leaving the page",
        ),
        about=_action(window, "&About Retro"),
        recent_menu=QMenu("&Recent Postmortems", window),
    )
    _build_menus(window, actions)
    return actions


def add_meeting_menu(window: QMainWindow, timer: MeetingActions) -> None:
    """The Meeting menu, between Go and Help, with the timer's actions and their keys."""
    keys = {
        timer.start_pause_action: "F8",
        timer.next_stage_action: "Shift+F8",
        timer.end_action: "Ctrl+F8",
    }
    for action, key in keys.items():
        action.setShortcut(QKeySequence(key))
    bar = window.menuBar()
    help_menu = bar.actions()[-1]
    menu = QMenu("&Meeting", window)
    menu.addActions([*keys, timer.agenda_action])
    bar.insertMenu(help_menu, menu)


def _build_menus(window: QMainWindow, actions: WindowActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.new, actions.open])
    file_menu.addMenu(actions.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([actions.duplicate, actions.delete])
    file_menu.addSeparator()
    file_menu.addAction(actions.export)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.quick_capture, actions.park])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([actions.toggle_library, actions.toggle_guidance])
    theme_menu = view_menu.addMenu("&Theme")
    theme_menu.addActions(list(actions.themes.values()))
    view_menu.addSeparator()
    view_menu.addActions([actions.present, actions.zoom_in, actions.zoom_out, actions.zoom_reset])
    view_menu.addSeparator()
    view_menu.addAction(actions.follow_ups)
    go_menu = bar.addMenu("&Go")
    go_menu.addActions(list(actions.stages.values()))
    go_menu.addSeparator()
    go_menu.addActions([actions.next_stage, actions.previous_stage])
    go_menu.addSeparator()
    go_menu.addAction(actions.review)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for key in keys:
        if key not in seen:
            seen.append(key)
    return seen
