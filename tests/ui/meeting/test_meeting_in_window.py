"""The meeting timer in the main window: its menu and keys, the stored time, the agenda edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.domain.model import Stage, Template
from app.ui.main_window import MainWindow
from app.ui.meeting.agenda_dialog import AgendaDialog
from tests.store.samples import small_postmortem


@pytest.fixture
def window(main_window) -> MainWindow:
    win = main_window([small_postmortem("Checkout outage", template=Template.FULL)])
    win.open_postmortem(win.library.summaries()[0].id)
    return win


def test_the_meeting_menu_has_the_timer_and_its_keys(window) -> None:
    bar = window.timer_bar
    assert bar.isVisible()
    assert bar.start_pause_action.shortcut() == QKeySequence("F8")
    assert bar.next_stage_action.shortcut() == QKeySequence("Shift+F8")
    assert bar.end_action.shortcut() == QKeySequence("Ctrl+F8")
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert bar.agenda_action in menus["&Meeting"].actions()
    window.close_postmortem()
    assert not bar.isVisible()


def test_next_stage_moves_the_page_and_the_end_shows_the_time_spent(window) -> None:
    bar = window.timer_bar
    bar.start_pause_action.trigger()
    assert bar.meeting_stage is Stage.SCOPE
    bar.next_stage_action.trigger()
    assert window.current_stage() is Stage.TIMELINE
    window.go_to_stage(Stage.ACTION_ITEMS)  # the timer follows the facilitator
    assert bar.meeting_stage is Stage.ACTION_ITEMS
    bar.end_action.trigger()
    assert window.current_stage() is Stage.FOLLOW_UP
    stored = window.current_postmortem()
    assert stored is not None
    assert set(stored.meeting_time) <= {Stage.SCOPE, Stage.TIMELINE, Stage.ACTION_ITEMS}


def test_time_spent_is_stored_without_an_undo_step(window) -> None:
    steps = window.undo_stack.count()
    pm_id = window.current_postmortem_id()
    window.timer_bar.time_recorded.emit(pm_id, {Stage.SCOPE: 330, Stage.TIMELINE: 61})
    assert window.library.load(pm_id).meeting_time == {Stage.SCOPE: 330, Stage.TIMELINE: 61}
    assert window.undo_stack.count() == steps


def test_an_edited_agenda_is_one_undoable_step(window, monkeypatch) -> None:
    asked = {}

    def ask(_parent, agenda, default):
        asked.update(agenda=agenda, default=default)
        return {**agenda, Stage.ROOT_CAUSE: 30}

    monkeypatch.setattr(AgendaDialog, "ask", ask)
    window.timer_bar.agenda_action.trigger()
    assert asked["agenda"] == asked["default"]  # the template's agenda until edited
    pm_id = window.current_postmortem_id()
    assert window.library.load(pm_id).agenda[Stage.ROOT_CAUSE] == 30
    assert window.undo_stack.undoText() == "Edit Agenda"
    window.undo_stack.undo()
    assert window.library.load(pm_id).agenda == {}


def test_a_point_parked_mid_meeting_belongs_to_the_meeting_s_stage(window, qtbot) -> None:
    bar = window.timer_bar
    bar.start_pause_action.trigger()
    bar.next_stage_action.trigger()  # the meeting is on the timeline
    bar.start_pause_action.trigger()  # paused: still on the timeline
    window.menu_actions.park.trigger()
    qtbot.keyClicks(window.quick_capture.field, "vendor SLA")
    qtbot.keyClick(window.quick_capture.field, Qt.Key.Key_Return)
    stored = window.current_postmortem()
    assert stored is not None
    assert [(p.text, p.raised_during) for p in stored.parking_lot] == [
        ("vendor SLA", Stage.TIMELINE)
    ]
