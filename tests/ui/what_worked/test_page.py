"""Stage 4 page: three lists typed by keyboard alone, reordered, removed, linked to the timeline."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.model import Stage
from app.ui.root_cause.evidence_editor import TimelineEventChooser
from app.ui.what_worked.edits import of_kind
from app.ui.what_worked.list_model import HINT_ROLE
from app.ui.what_worked.page import WhatWorkedPage
from tests.ui.accessibility import check_plain_and_named
from tests.ui.what_worked.conftest import LUCKY, WELL, WRONG, sample_postmortem
from tests.ui.what_worked.fake_window import FakeWindow, show_page

Ctrl = Qt.KeyboardModifier.ControlModifier
CtrlShift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def texts(window: FakeWindow, kind) -> list[str]:
    return [item.text for item in of_kind(window.stored.observations, kind)]


def open_editor(qtbot, view, previous: QLineEdit | None = None) -> QLineEdit:
    """Wait for the row editor the keyboard flow opens next, and return it."""

    def opened() -> bool:
        widget = QApplication.focusWidget()
        return (
            isinstance(widget, QLineEdit) and widget is not previous and view.isAncestorOf(widget)
        )

    qtbot.waitUntil(opened)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    return editor


def type_item(qtbot, view, text: str, previous: QLineEdit | None = None) -> QLineEdit:
    editor = open_editor(qtbot, view, previous)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return editor


def current_text(page: WhatWorkedPage, kind) -> str:
    return page.lists[kind].view.currentIndex().data() or ""


def test_type_enter_and_the_next_empty_row_is_ready(page, window, qtbot):
    view = page.lists[WELL].view
    view.setFocus()
    # Nothing current yet: the list starts on its empty row, and Enter opens it.
    assert page.lists[WELL].model.is_new_row(view.currentIndex())
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = type_item(qtbot, view, "Paging reached the right team")
    editor = type_item(qtbot, view, "Feature flag let us disable the cache", editor)
    last = open_editor(qtbot, view, editor)  # the next empty row is ready again
    assert last.accessibleName() == "New \u201cWent well\u201d item"
    qtbot.keyClick(last, Qt.Key.Key_Return)  # Enter on an empty row stops: nothing stored
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    assert texts(window, WELL) == [
        "Rollback runbook was followed",
        "Status page updated within 10 minutes",
        "Paging reached the right team",
        "Feature flag let us disable the cache",
    ]
    assert window.labels == ["Add Went Well Item", "Add Went Well Item"]
    assert texts(window, WRONG) == ["Alert took 7 minutes to fire"]
    assert page.lists[WELL].heading.text() == "Went well (4)"


def test_typing_on_a_row_starts_editing_it_and_enter_moves_down(page, window, qtbot):
    observation_list = page.lists[WELL]
    observation_list.select("w1")
    qtbot.keyClicks(observation_list.view, "R")  # typing replaces, as in a spreadsheet
    editor = open_editor(qtbot, observation_list.view)
    qtbot.keyClicks(editor, "unbook rollback worked first time")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert texts(window, WELL)[0] == "Runbook rollback worked first time"
    assert window.labels == ["Edit Observation"]
    assert current_text(page, WELL) == "Status page updated within 10 minutes"
    assert not observation_list.view.is_editing()


def test_an_empty_item_is_never_stored(page, window, qtbot):
    observation_list = page.lists[WRONG]
    observation_list.select("x1", edit=True)
    editor = open_editor(qtbot, observation_list.view)
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.labels == []
    assert "empty item says nothing" in page.status.text()
    observation_list.select("", edit=True)
    editor = open_editor(qtbot, observation_list.view, editor)
    qtbot.keyClicks(editor, "   ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.labels == []
    assert all(item.text.strip() for item in window.stored.observations)


def test_up_and_down_move_between_rows_even_from_an_open_editor(page, window, qtbot):
    observation_list = page.lists[WELL]
    observation_list.select("w1")
    view = observation_list.view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert current_text(page, WELL) == "Status page updated within 10 minutes"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert observation_list.model.is_new_row(view.currentIndex())
    qtbot.keyClicks(view, "C")  # type on the empty row, then leave it upwards: the item is kept
    editor = open_editor(qtbot, view)
    qtbot.keyClicks(editor, "lear roles")
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert texts(window, WELL)[-1] == "Clear roles"
    assert current_text(page, WELL) == "Clear roles"  # the row above the empty one: the new item
    assert not view.is_editing()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert current_text(page, WELL) == "Status page updated within 10 minutes"


def test_ctrl_up_and_down_reorder_within_the_list_only(page, window, qtbot):
    observation_list = page.lists[WELL]
    observation_list.select("w2")
    qtbot.keyClick(observation_list.view, Qt.Key.Key_Up, Ctrl)
    assert [item.id for item in window.stored.observations] == ["w2", "x1", "w1", "l1"]
    assert window.labels == ["Reorder Observations"]
    assert observation_list.current_item().id == "w2"  # the cursor follows the item
    qtbot.keyClick(observation_list.view, Qt.Key.Key_Up, Ctrl)  # already first: nothing
    assert window.labels == ["Reorder Observations"]
    qtbot.keyClick(observation_list.view, Qt.Key.Key_Down, Ctrl)
    assert [item.id for item in window.stored.observations] == ["w1", "x1", "w2", "l1"]


def test_delete_removes_and_the_window_undoes_it(page, window, qtbot):
    observation_list = page.lists[WELL]
    observation_list.select("w1")
    qtbot.keyClick(observation_list.view, Qt.Key.Key_Delete)
    assert texts(window, WELL) == ["Status page updated within 10 minutes"]
    assert window.labels == ["Remove Went Well Item"]
    assert observation_list.current_item().id == "w2"
    assert QApplication.focusWidget() is observation_list.view
    observation_list.select("")
    qtbot.keyClick(observation_list.view, Qt.Key.Key_Delete)  # the empty row is not an item
    assert window.labels == ["Remove Went Well Item"]
    assert window.undo() == "Remove Went Well Item"
    assert texts(window, WELL) == [
        "Rollback runbook was followed",
        "Status page updated within 10 minutes",
    ]


def test_ctrl_tab_moves_to_the_next_list_and_back(page, window, qtbot):
    views = [page.lists[kind].view for kind in (WELL, WRONG, LUCKY)]
    views[0].setFocus()
    qtbot.keyClick(views[0], Qt.Key.Key_Tab, Ctrl)
    assert QApplication.focusWidget() is views[1]
    assert page.lists[WRONG].model.is_new_row(views[1].currentIndex())  # ready to type
    qtbot.keyClicks(views[1], "S")
    editor = open_editor(qtbot, views[1])
    qtbot.keyClicks(editor, "low escalation to payments")
    qtbot.keyClick(editor, Qt.Key.Key_Tab, Ctrl)  # commits what was typed, then moves on
    qtbot.waitUntil(lambda: QApplication.focusWidget() is views[2])
    assert texts(window, WRONG)[-1] == "Slow escalation to payments"
    qtbot.keyClick(views[2], Qt.Key.Key_Backtab, CtrlShift)
    assert QApplication.focusWidget() is views[1]
    qtbot.keyClick(views[2], Qt.Key.Key_Tab, Ctrl)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Ctrl)  # past the last list
    assert QApplication.focusWidget() not in views


def test_linking_timeline_events(page, window, qtbot, monkeypatch):
    offered = []

    def ask(cls, parent, events):
        offered.extend(event.id for event in events)
        return "ev2"

    monkeypatch.setattr(TimelineEventChooser, "ask", classmethod(ask))
    observation_list = page.lists[WELL]
    observation_list.select("w1")
    assert page.links.list.count() == 1
    qtbot.keyClick(observation_list.view, Qt.Key.Key_E, Ctrl)
    assert offered == ["ev1", "ev2"]  # the event already linked is not offered again
    assert window.stored.observations[0].event_ids == ("ev3", "ev2")
    assert window.labels == ["Link Timeline Event"]
    lines = [page.links.list.item(row).text() for row in range(page.links.list.count())]
    assert lines == [
        "2024-03-05 14:31 UTC  Deploy 4812 rolled back",
        "2024-03-05 14:09 UTC  Latency alert fires",
    ]
    assert observation_list.view.currentIndex().data(HINT_ROLE) == "\u2022 14:31, 14:09"
    page.links.list.setFocus()
    page.links.list.setCurrentRow(0)
    qtbot.keyClick(page.links.list, Qt.Key.Key_Return)
    assert window.reveals == [(Stage.TIMELINE, "ev3")]
    qtbot.keyClick(page.links.list, Qt.Key.Key_Delete)
    assert window.stored.observations[0].event_ids == ("ev2",)
    assert window.labels[-1] == "Unlink Timeline Event"


def test_linking_needs_an_item_and_events(qtbot, monkeypatch):
    page = show_page(qtbot, WhatWorkedPage())
    window = FakeWindow(page, sample_postmortem(timeline=(), observations=()))
    monkeypatch.setattr(TimelineEventChooser, "ask", classmethod(lambda *args: "never"))
    page.lists[WELL].select("")
    assert not page.links.link_button.isEnabled()
    page.link_event()
    assert "Select an item first" in page.status.text()
    page.lists[WELL].select("", edit=True)
    type_item(qtbot, page.lists[WELL].view, "Runbook worked")
    page.lists[WELL].select(window.stored.observations[0].id)
    page.link_event()
    assert "no events yet" in page.status.text()
    assert window.labels == ["Add Went Well Item"]


def test_reveal_selects_the_item_in_its_list(page, window):
    assert page.reveal("l1")
    assert page.selected_item().id == "l1"
    assert (
        page.links.subject.text()
        == "Where we got lucky: \u201cTraffic was low during the incident\u201d"
    )
    assert not page.reveal("nope")


def test_show_postmortem_emits_nothing_and_keeps_the_cursor(page, qtbot):
    pm = sample_postmortem()
    calls = []
    page.edit_requested.connect(lambda *args: calls.append(args))
    page.changes_requested.connect(lambda *args: calls.append(args))
    page.show_postmortem(pm)
    page.lists[WRONG].select("x1")
    page.show_postmortem(dataclasses.replace(pm, observations=pm.observations[::-1]))
    page.show_postmortem(pm)
    qtbot.wait(50)
    assert calls == []
    assert page.selected_item().id == "x1"


def test_user_text_is_plain_and_every_control_named(page, qtbot):
    pm = sample_postmortem()
    bold = dataclasses.replace(pm.observations[0], text="<b>Runbook</b> & <img src=x>")
    FakeWindow(page, dataclasses.replace(pm, observations=(bold, *pm.observations[1:])))
    page.reveal("w1")
    assert page.links.subject.text() == "Went well: \u201c<b>Runbook</b> & <img src=x>\u201d"
    tip = page.lists[WELL].view.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Runbook&lt;/b&gt;" in tip
    check_plain_and_named(page)
    page.lists[WELL].select("w1", edit=True)
    open_editor(qtbot, page.lists[WELL].view)
    check_plain_and_named(page)  # the open row editor is named too


def test_notes_are_kept(page, window, qtbot):
    page.notes.input_widget.setPlainText("Thank the payments team")
    page.notes.typing.finish()
    assert window.stored.note(Stage.WHAT_WORKED) == "Thank the payments team"
    assert window.labels == ["Edit Stage Notes"]
