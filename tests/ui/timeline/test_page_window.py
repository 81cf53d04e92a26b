"""The stage-2 page in the real window: an import is one undo step; the keyboard is enough."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.model import (
    DataIntegrity,
    Milestone,
    Severity,
    Stage,
    TimelineEvent,
    new_postmortem,
)
from app.ui.timeline import page as page_module
from app.ui.timeline.page import TimelineStagePage

PASTED = "14:40 Cache warmed in eu-west\n14:45 p99 back under 400 ms\n15:20 Post-check done"


@pytest.fixture
def opened(main_window, monkeypatch):
    start = new_postmortem("Checkout latency", Severity.SEV2)
    start = start.__class__(
        **{**start.__dict__, "incident_date": date(2026, 11, 3), "timeline": (
            TimelineEvent("onset1", datetime(2026, 11, 3, 14, 4, tzinfo=UTC), "p99 up",
                          milestone=Milestone.ONSET),
        )}
    )  # fmt: skip
    window = main_window([start])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    window.go_to_stage(Stage.TIMELINE)
    page = window.current_page()
    assert isinstance(page, TimelineStagePage)
    monkeypatch.setattr(page_module, "ask_import_text", lambda _parent, _zone: PASTED)
    monkeypatch.setattr(page_module, "ask_import_preview", lambda *_args: True)
    return window, postmortem_id, page


def test_a_three_event_import_is_stored_and_undone_in_one_step(qtbot, opened) -> None:
    window, postmortem_id, page = opened
    page.toolbar.import_text_action.trigger()
    stored = window.library.load(postmortem_id).timeline
    assert [event.description for event in stored] == [
        "p99 up",
        "Cache warmed in eu-west",
        "p99 back under 400 ms",
        "Post-check done",
    ]
    assert window.menu_actions.undo.text() == "Undo Import 3 Timeline Events"
    assert page.editor.timeline == stored

    page.editor.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [event.description for event in window.library.load(postmortem_id).timeline] == [
        "p99 up"
    ]
    assert len(page.editor.timeline) == 1
    assert page.metrics.text("resolve") == "needs the resolution"
    assert not window.undo_stack.canUndo()


def _focus_chain(start) -> list:
    """Every widget Tab visits, starting from ``start``, once round."""
    chain = [start]
    widget = start.nextInFocusChain()
    while widget is not start and len(chain) < 400:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_control_of_the_page_is_in_the_tab_order(opened) -> None:
    _window, _id, page = opened
    chain = _focus_chain(page.toolbar.zone_picker)
    tabbable = {w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()}
    impact = page.impact
    wanted = [
        page.toolbar.zone_picker, page.toolbar.local_picker, page.toolbar.key_events_check,
        page.toolbar.import_button, page.toolbar.export_button, page.editor.table,
        *(editor.input_widget for editor in impact.editors.values()),
        impact.target_editor.input_widget, impact.ruling, page.notes_edit,
    ]  # fmt: skip
    missing = [w.accessibleName() or type(w).__name__ for w in wanted if w not in tabbable
               and w.focusProxy() not in tabbable]  # fmt: skip
    assert missing == []
    assert all(w.accessibleName() for w in wanted), "every control has an accessible name"


def _tab_to(qtbot, widget, table, limit: int = 80) -> None:
    for _ in range(limit):
        if widget.hasFocus():
            return
        focused = QApplication.focusWidget()
        assert focused is not table, "Tab moves between the table's cells; use a mnemonic"
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()}")


def test_the_impact_can_be_filled_by_keyboard_alone(qtbot, opened) -> None:
    window, postmortem_id, page = opened
    page.editor.table.setFocus()
    users = page.impact.editors["users_affected"].input_widget
    qtbot.keyClick(page.editor.table, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert users.hasFocus()  # Alt+U jumps out of the table to "Users affected"
    qtbot.keyClicks(users, "18400")
    qtbot.keyClick(users, Qt.Key.Key_Tab)  # leaving the field commits it
    _tab_to(qtbot, page.impact.editors["data_integrity"].input_widget, page.editor.table)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # Not assessed -> Intact
    check = page.impact.editors["aligned_with_customer_communication"].input_widget
    _tab_to(qtbot, check, page.editor.table)
    qtbot.keyClick(check, Qt.Key.Key_Space)
    qtbot.keyClick(check, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert page.notes_edit.hasFocus()
    stored = window.library.load(postmortem_id).impact
    assert stored.users_affected == 18400
    assert stored.data_integrity is DataIntegrity.INTACT
    assert stored.aligned_with_customer_communication
    assert window.menu_actions.undo.text() == ("Undo Change Checked Against Customer Communication")


def test_ctrl_tab_leaves_the_timeline_table_both_ways(qtbot, opened) -> None:
    _window, _postmortem_id, page = opened
    table = page.editor.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not table.hasFocus()
    assert QApplication.focusWidget() is not None
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(table, Qt.Key.Key_Backtab, modifiers)
    assert not table.hasFocus()
