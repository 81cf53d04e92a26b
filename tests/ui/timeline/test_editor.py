"""TimelineEditor: typing a timeline by keyboard alone, and every shortcut of the meeting."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.domain.model import Milestone, TimelineEvent
from app.domain.timeparse import format_utc, zone_named
from app.ui.timeline import editor as editor_module
from app.ui.timeline.editor import TimelineEditor
from app.ui.timeline.table_model import PROBLEM_ROLE, Column

Ctrl = Qt.KeyboardModifier.ControlModifier
CtrlShift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def event(event_id: str, at: str, text: str = "", **fields) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=utc(at), description=text or event_id, **fields)


TIMELINE = (
    event("a", "2024-01-15 14:02", "Deploy 4812 starts", milestone=Milestone.ONSET),
    event("b", "2024-01-15 14:09", "Latency alert", milestone=Milestone.DETECTION),
    event("c", "2024-01-15 14:09", "On-call paged", key_event=True),
    event("d", "2024-01-15 14:31", "Rolled back"),
    event("e", "2024-01-15 14:58", "Error rate at baseline", milestone=Milestone.RESOLUTION),
)


class Window:
    """Stands in for the main window: records each edit and shows the stored result back."""

    def __init__(self, editor: TimelineEditor, *, store: bool = True) -> None:
        self.calls: list[tuple[tuple[TimelineEvent, ...], str]] = []
        self.editor = editor
        self.store = store
        editor.timeline_changed.connect(self._on_change)

    def _on_change(self, events, label) -> None:
        self.calls.append((events, label))
        if self.store:
            self.editor.show_timeline(events)

    @property
    def labels(self) -> list[str]:
        return [label for _events, label in self.calls]

    @property
    def stored(self) -> tuple[TimelineEvent, ...]:
        return self.calls[-1][0]


@pytest.fixture
def editor(qtbot):
    widget = TimelineEditor()
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.show_timeline(TIMELINE)
    widget.table.setFocus()
    return widget


def put_cursor(editor: TimelineEditor, row: int, column: Column, *rows: int) -> None:
    """Make ``row`` current (in ``column``) and select it plus ``rows``."""
    table = editor.table
    index = table.model().index(row, editor.model.column_of(column))
    table.setCurrentIndex(index)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for other in rows:
        table.selectionModel().select(table.model().index(other, 0), flags)
    table.setFocus()


def open_editor(qtbot, editor: TimelineEditor, previous: QLineEdit | None = None) -> QLineEdit:
    """Wait for the cell editor the keyboard flow opens next, and return it."""

    def opened() -> bool:
        widget = QApplication.focusWidget()
        return (
            isinstance(widget, QLineEdit)
            and widget is not previous
            and editor.table.isAncestorOf(widget)
        )

    qtbot.waitUntil(opened)
    return QApplication.focusWidget()


def start_typing(qtbot, editor: TimelineEditor, text: str) -> QLineEdit:
    """Type on the table as a user would: the first key opens the cell, the rest go into it."""
    qtbot.keyClicks(editor.table, text[0])
    line = open_editor(qtbot, editor)
    qtbot.keyClicks(line, text[1:])
    return line


def current(editor: TimelineEditor) -> tuple[str, Column]:
    found = editor.current_event()
    assert found is not None
    return found.id, editor.current_column()


def type_event(qtbot, editor: TimelineEditor, time: str, text: str, previous=None) -> QLineEdit:
    line = open_editor(qtbot, editor, previous)
    assert line.accessibleName() == "Event time"
    qtbot.keyClicks(line, time)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    line = open_editor(qtbot, editor, line)
    assert line.accessibleName() == "Event description"
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    return line


def test_typing_a_timeline_by_keyboard_alone(editor, qtbot):
    window = Window(editor)
    editor.set_zone(zone_named("Europe/Berlin"))
    editor.show_timeline(())
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)  # an empty table: Enter adds the first event
    line = type_event(qtbot, editor, "2024-01-15 14:02", "Deploy 4812 starts")
    line = type_event(qtbot, editor, "14:09", "Latency alert fires", line)
    # Typed earlier than the row above: the event moves up and the cursor follows it.
    type_event(qtbot, editor, "14:05", "Cache misses climb", line)
    stored = [(format_utc(e.at), e.description, e.entered_as) for e in window.stored]
    assert stored == [
        ("2024-01-15 13:02", "Deploy 4812 starts", "2024-01-15 14:02 (Europe/Berlin)"),
        ("2024-01-15 13:05", "Cache misses climb", "14:05 (Europe/Berlin)"),
        ("2024-01-15 13:09", "Latency alert fires", "14:09 (Europe/Berlin)"),
    ]
    assert (
        window.labels
        == [
            "Add Timeline Event",
            "Edit Event Time",
            "Edit Event Description",
        ]
        * 3
    )
    # Enter on a row that is not the last moves down rather than adding an event.
    qtbot.waitUntil(lambda: editor.current_event().description == "Latency alert fires")
    assert editor.table.state() != editor.table.State.EditingState


def test_a_new_row_carries_the_date_and_starts_one_minute_later(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 4, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    line = open_editor(qtbot, editor)
    added = window.stored[-1]
    assert window.labels == ["Add Timeline Event"]
    assert added.at == utc("2024-01-15 14:59")
    assert added.description == ""
    assert line.text() == "2024-01-15 14:59"
    assert current(editor) == (added.id, Column.TIME)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Return, Ctrl)],
)
def test_insert_adds_below_the_current_row(editor, qtbot, key, modifier):
    window = Window(editor)
    put_cursor(editor, 0, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, key, modifier)
    open_editor(qtbot, editor)
    added = window.stored[1]
    assert [e.id for e in window.stored] == ["a", added.id, "b", "c", "d", "e"]
    assert added.at == TIMELINE[0].at
    assert editor.current_event().id == window.stored[1].id


def test_unreadable_time_is_marked_kept_and_not_emitted(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 3, Column.TIME)
    line = start_typing(qtbot, editor, "14:6")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.problem != "")
    assert window.calls == []
    index = editor.table.currentIndex()
    assert index.data() == "14:6"
    assert index.data(PROBLEM_ROLE) == "14:6 is not a time, e.g. 14:02"
    assert editor.problem.startswith("Time not saved: 14:6 is not a time")
    assert current(editor) == ("d", Column.TIME)
    qtbot.keyClick(editor.table, Qt.Key.Key_Escape)
    assert index.data() == "2024-01-15 14:31"
    assert editor.problem == ""


def test_delete_removes_all_selected_rows_as_one_edit(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 1, Column.DESCRIPTION, 1, 2, 3)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert window.labels == ["Remove 3 Timeline Events"]
    assert [e.id for e in window.stored] == ["a", "e"]
    qtbot.waitUntil(lambda: editor.current_event().id == "e")


def test_delete_does_nothing_while_a_cell_is_being_edited(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 1, Column.DESCRIPTION)
    qtbot.keyClicks(editor.table, "x")
    line = open_editor(qtbot, editor)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert window.calls == []


@pytest.mark.parametrize("answer", [True, False])
def test_moving_a_milestone_asks_first(editor, qtbot, monkeypatch, answer):
    window = Window(editor)
    asked = []
    monkeypatch.setattr(
        editor_module,
        "ask_move_milestone",
        lambda parent, milestone, holder: asked.append((parent, milestone, holder.id)) or answer,
    )
    put_cursor(editor, 3, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_D, CtrlShift)
    assert asked == [(editor, Milestone.DETECTION, "b")]
    if answer:
        assert window.labels == ["Move Detection"]
        marks = {e.id: e.milestone for e in window.stored if e.milestone}
        assert marks == {"a": Milestone.ONSET, "d": Milestone.DETECTION, "e": Milestone.RESOLUTION}
    else:
        assert window.calls == []


def test_milestone_shortcuts_mark_and_unmark(editor, qtbot, monkeypatch):
    window = Window(editor)
    monkeypatch.setattr(editor_module, "ask_move_milestone", lambda *_: pytest.fail("no move"))
    put_cursor(editor, 3, Column.TIME)
    qtbot.keyClick(editor.table, Qt.Key.Key_M, CtrlShift)
    assert window.labels == ["Mark Mitigation"]
    assert editor.timeline[3].milestone is Milestone.MITIGATION
    qtbot.keyClick(editor.table, Qt.Key.Key_M, CtrlShift)
    assert window.labels[-1] == "Unmark Mitigation"
    assert editor.timeline[3].milestone is None


def test_out_of_order_milestones_are_marked_on_the_milestone_cell(editor):
    late_onset = dataclasses.replace(TIMELINE[0], at=utc("2024-01-15 14:40"))
    editor.show_timeline((late_onset, *TIMELINE[1:]))
    view = editor.table.model()
    column = editor.model.column_of(Column.MILESTONE)
    problems = [view.index(row, column).data(PROBLEM_ROLE) for row in range(view.rowCount())]
    assert problems == [
        "detection is before the onset (14:40)",
        "",
        "",
        "",
        "",
    ]


def test_space_and_a_click_toggle_the_star(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 0, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    assert window.labels == ["Star Event"]
    assert editor.timeline[0].key_event
    star = editor.table.model().index(2, editor.model.column_of(Column.STAR))
    centre = editor.table.visualRect(star).center()
    qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.labels[-1] == "Unstar Event"
    assert not editor.timeline[2].key_event


def test_space_on_the_internal_cell_ticks_it_instead(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 3, Column.INTERNAL)
    qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    assert window.labels == ["Make Event Internal-Only"]
    assert editor.timeline[3].internal_only
    assert not editor.timeline[3].key_event


def test_space_on_several_rows_stars_them_in_one_edit(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 1, Column.DESCRIPTION, 1, 2)
    qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    assert window.labels == ["Star Event"]  # c was starred already: only b changes
    put_cursor(editor, 0, Column.DESCRIPTION, 0, 1, 2)
    qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    assert window.labels[-1] == "Star Event"
    qtbot.keyClick(editor.table, Qt.Key.Key_Space)
    assert window.labels[-1] == "Unstar 3 Events"


def test_key_events_filter_hides_the_rest_and_says_so(editor, qtbot):
    window = Window(editor)
    assert editor.filter_hint == ""
    editor.set_key_events_only(True)
    assert editor.table.model().rowCount() == 1
    assert "showing key events only (1 of 5)" in editor.filter_hint
    put_cursor(editor, 0, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)  # the last visible row: add an event
    open_editor(qtbot, editor)
    assert window.stored[3].key_event  # added while filtered: starred, so it stays in view
    assert editor.table.model().rowCount() == 2
    editor.set_key_events_only(False)
    assert editor.filter_hint == ""
    assert editor.table.model().rowCount() == 6


def test_multi_line_paste_goes_to_the_import_preview(editor, qtbot):
    window = Window(editor)
    pasted = []
    editor.paste_requested.connect(pasted.append)
    text = "14:02 deploy starts\n14:09 alert fires\n"
    QApplication.clipboard().setText(text)
    put_cursor(editor, 1, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_V, Ctrl)
    assert pasted == [text]
    assert window.calls == []


def test_multi_line_paste_into_an_open_cell_goes_to_the_preview_too(editor, qtbot):
    window = Window(editor)
    pasted = []
    editor.paste_requested.connect(pasted.append)
    put_cursor(editor, 1, Column.DESCRIPTION)
    qtbot.keyClicks(editor.table, "x")
    line = open_editor(qtbot, editor)
    QApplication.clipboard().setText("[14:02] a\n[14:03] b")
    qtbot.keyClick(line, Qt.Key.Key_V, Ctrl)
    assert pasted == ["[14:02] a\n[14:03] b"]
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState)
    assert window.calls == []


def test_single_line_paste_fills_the_current_cell(editor, qtbot):
    window = Window(editor)
    pasted = []
    editor.paste_requested.connect(pasted.append)
    QApplication.clipboard().setText("Cache hit rate drops to 20%\n")
    put_cursor(editor, 3, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_V, Ctrl)
    assert pasted == []
    assert window.labels == ["Edit Event Description"]
    assert editor.timeline[3].description == "Cache hit rate drops to 20%"


def test_alt_arrows_reorder_only_within_a_minute(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 2, Column.DESCRIPTION)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.labels == ["Move Timeline Event"]
    assert [e.id for e in window.stored] == ["a", "c", "b", "d", "e"]
    qtbot.waitUntil(lambda: current(editor) == ("c", Column.DESCRIPTION))
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # a is 14:02
    assert len(window.calls) == 1
    hint = editor.findChild(QLabel, "timelineHint")
    assert "same minute" in hint.text()


def test_show_timeline_emits_nothing_and_keeps_current_cell_and_scroll(qtbot, editor):
    window = Window(editor, store=False)
    base = utc("2024-01-15 00:00")
    big = tuple(
        TimelineEvent(id=f"e{n}", at=base + timedelta(minutes=n), description=f"line {n}")
        for n in range(300)
    )
    editor.show_timeline(big)
    put_cursor(editor, 150, Column.DESCRIPTION)
    editor.table.scrollTo(editor.table.currentIndex())
    scroll = editor.table.verticalScrollBar().value()
    assert scroll > 0
    earlier = TimelineEvent(id="x", at=base + timedelta(minutes=500), description="later")
    edited = dataclasses.replace(big[150], description="edited elsewhere")
    editor.show_timeline((*big[:150], edited, *big[151:], earlier))
    assert window.calls == []
    assert current(editor) == ("e150", Column.DESCRIPTION)
    assert editor.table.verticalScrollBar().value() == scroll
    assert editor.table.selectionModel().isRowSelected(150)


def test_five_thousand_rows_then_one_edit_does_not_reset(qtbot, editor):
    base = utc("2024-01-15 00:00")
    big = tuple(
        TimelineEvent(id=f"e{n}", at=base + timedelta(minutes=n), description=f"line {n}")
        for n in range(5000)
    )
    editor.show_timeline(big)
    assert editor.table.model().rowCount() == 5000
    window = Window(editor)
    resets = []
    editor.model.modelReset.connect(lambda: resets.append("model"))
    editor.proxy.modelReset.connect(lambda: resets.append("view"))
    put_cursor(editor, 4000, Column.DESCRIPTION)
    editor.table.model().setData(editor.table.currentIndex(), "one row changed")
    assert window.labels == ["Edit Event Description"]
    assert editor.timeline[4000].description == "one row changed"
    assert resets == []


def test_typing_into_the_local_column_reads_the_local_zone(editor, qtbot):
    window = Window(editor)
    editor.set_local_zone(zone_named("America/New_York"))
    put_cursor(editor, 0, Column.LOCAL_TIME)
    assert editor.table.currentIndex().data() == "2024-01-15 09:02"
    line = start_typing(qtbot, editor, "9:10 am")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.labels == ["Edit Event Time"]
    moved = next(e for e in window.stored if e.id == "a")
    assert moved.at == utc("2024-01-15 14:10")
    assert moved.entered_as == "9:10 am (America/New_York)"
    assert [e.id for e in window.stored] == ["b", "c", "a", "d", "e"]
    line = open_editor(qtbot, editor, line)
    assert line.accessibleName() == "Event description"
    assert current(editor) == ("a", Column.DESCRIPTION)  # the cursor followed the moved event


def test_ask_move_milestone_names_the_current_holder(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    seen = []

    def fake_exec(box):
        seen.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    parent = TimelineEditor()
    qtbot.addWidget(parent)
    latency = event("b", "2024-01-15 14:11", "Latency alert")
    assert not editor_module.ask_move_milestone(parent, Milestone.DETECTION, latency)
    assert seen == [
        "Detection is already marked at 14:11 UTC (Latency alert). Move it to this event?"
    ]


def test_ctrl_enter_in_an_open_cell_stores_it_and_adds_an_event_below(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 0, Column.DESCRIPTION)
    line = start_typing(qtbot, editor, "Deploy 4812 begins")
    qtbot.keyClick(line, Qt.Key.Key_Return, Ctrl)
    line = open_editor(qtbot, editor, line)
    assert window.labels == ["Edit Event Description", "Add Timeline Event"]
    added = window.stored[1]
    assert window.stored[0].description == "Deploy 4812 begins"
    assert current(editor) == (added.id, Column.TIME)
    assert line.accessibleName() == "Event time"


def test_enter_on_a_row_that_is_not_the_last_opens_its_cell(editor, qtbot):
    window = Window(editor)
    put_cursor(editor, 1, Column.EVIDENCE)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    line = open_editor(qtbot, editor)
    assert line.accessibleName() == "Evidence link"
    assert window.calls == []
