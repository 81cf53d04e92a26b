"""CollectionEditor: Add, Remove (several at once as one edit), Move, cell editors and shortcuts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from app.domain.model import ActionItem, Milestone, TimelineEvent
from app.ui.forms.collection_editor import CollectionEditor


class Loop:
    """Records each request and, like the window, shows the stored result straight back."""

    def __init__(self, editor: CollectionEditor, *, store: bool = True) -> None:
        self.calls: list[tuple[tuple, str]] = []
        self.editor = editor
        self.store = store
        editor.collection_changed.connect(self._on_change)

    def _on_change(self, records, label):
        self.calls.append((records, label))
        if self.store:
            self.editor.show_records(records)


@pytest.fixture
def timeline(qtbot, populated):
    editor = CollectionEditor(TimelineEvent, title="Timeline (times in UTC)")
    qtbot.addWidget(editor)
    editor.resize(900, 400)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    editor.show_records(populated.timeline)
    return editor


def column(editor: CollectionEditor, name: str) -> int:
    return [spec.name for spec in editor.model.columns].index(name)


def select_rows(editor: CollectionEditor, *rows: int) -> None:
    selection = editor.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(editor.model.index(row, 0), flags)
    editor.table.setCurrentIndex(editor.model.index(rows[-1], 0))
    selection.select(editor.model.index(rows[-1], 0), flags)


def test_add_button_appends_a_new_event_now_and_selects_it(timeline, populated, qtbot):
    loop = Loop(timeline)
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    qtbot.mouseClick(timeline.add_button, Qt.MouseButton.LeftButton)
    ((records, label),) = loop.calls
    assert label == "Add Timeline Event"
    assert records[:-1] == populated.timeline
    added = records[-1]
    assert added.description == "New event"
    assert added.at.second == 0
    assert added.at.tzinfo is UTC
    assert added.at >= before
    assert added.id not in {event.id for event in populated.timeline}
    assert timeline.selected_rows() == [5]


@pytest.mark.parametrize("key", [Qt.Key.Key_Insert, Qt.Key.Key_Return])
def test_add_shortcuts(timeline, qtbot, key):
    loop = Loop(timeline, store=False)
    modifier = (
        Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Return
        else (Qt.KeyboardModifier.NoModifier)
    )
    timeline.table.setFocus()
    qtbot.keyClick(timeline.table, key, modifier)
    assert [label for _records, label in loop.calls] == ["Add Timeline Event"]


def test_remove_several_rows_is_one_edit(timeline, populated, qtbot):
    loop = Loop(timeline)
    select_rows(timeline, 0, 2, 4)
    timeline.table.setFocus()
    qtbot.keyClick(timeline.table, Qt.Key.Key_Delete)
    ((records, label),) = loop.calls
    assert label == "Remove 3 Timeline Events"
    assert records == (populated.timeline[1], populated.timeline[3])
    assert timeline.model.rowCount() == 2


def test_remove_one_names_it_in_the_singular(timeline, populated):
    loop = Loop(timeline, store=False)
    select_rows(timeline, 1)
    timeline.remove_button.click()
    assert loop.calls[0][1] == "Remove Timeline Event"
    assert populated.timeline[1] not in loop.calls[0][0]


def test_move_down_and_up_keep_the_selection(timeline, populated, qtbot):
    loop = Loop(timeline)
    select_rows(timeline, 1)
    timeline.table.setFocus()
    qtbot.keyClick(timeline.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    records, label = loop.calls[-1]
    assert label == "Move Timeline Event"
    assert records[2] == populated.timeline[1]
    assert records[1] == populated.timeline[2]
    assert timeline.selected_rows() == [2], "the moved row stays selected"
    timeline.up_button.click()
    assert loop.calls[-1][0] == populated.timeline
    assert timeline.selected_rows() == [1]


def test_move_is_disabled_at_the_edges(timeline):
    select_rows(timeline, 0)
    assert not timeline.up_button.isEnabled()
    assert timeline.down_button.isEnabled()
    select_rows(timeline, 4)
    assert timeline.up_button.isEnabled()
    assert not timeline.down_button.isEnabled()


def open_editor(editor: CollectionEditor, row: int, name: str):
    index = editor.model.index(row, column(editor, name))
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    widget = editor.table.indexWidget(index) or QApplication.focusWidget()
    assert widget is not None
    assert widget.parent() is editor.table.viewport()
    return index, widget


def press_return(qtbot, widget) -> None:
    """Return in a cell editor commits through a queued call, so let the event loop run."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_cell_editor_refuses_a_bad_time_with_the_reason(timeline, qtbot):
    loop = Loop(timeline)
    index, line = open_editor(timeline, 0, "at")
    assert isinstance(line, QLineEdit)
    assert line.text() == "2024-03-05 14:02"
    line.setText("14:02 yesterday")
    press_return(qtbot, line)
    assert loop.calls == []
    assert "YYYY-MM-DD HH:MM" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "YYYY-MM-DD HH:MM" in timeline.problem


def test_cell_editor_accepts_a_good_time(timeline, qtbot):
    loop = Loop(timeline)
    _index, line = open_editor(timeline, 0, "at")
    line.setText("2024-03-05 14:03")
    press_return(qtbot, line)
    records, label = loop.calls[-1]
    assert label == "Edit Timeline Event Time (UTC)"
    assert records[0].at == datetime(2024, 3, 5, 14, 3, tzinfo=UTC)
    assert timeline.problem == ""


def test_enum_cell_editor_is_a_combo_of_labels(timeline, qtbot):
    loop = Loop(timeline)
    _index, combo = open_editor(timeline, 2, "milestone")
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["Not set", "Detection", "Onset", "Mitigation", "Resolution"]
    combo.setCurrentIndex(labels.index("Mitigation"))
    press_return(qtbot, combo)
    assert loop.calls[-1][0][2].milestone is Milestone.MITIGATION


def test_checkbox_cell_toggles(timeline, qtbot):
    loop = Loop(timeline)
    index = timeline.model.index(2, column(timeline, "key_event"))
    assert timeline.model.setData(
        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert loop.calls[-1][0][2].key_event is True
    assert loop.calls[-1][1] == "Edit Timeline Event Key Event"


def test_accessible_names_and_tooltips(timeline):
    assert timeline.table.accessibleName() == "Timeline (times in UTC)"
    buttons = timeline.findChildren(QPushButton)
    assert len(buttons) == 4
    for button in buttons:
        assert button.accessibleName()
        assert button.toolTip()
    assert "Ctrl+Return" in timeline.add_button.toolTip()


def test_show_records_emits_nothing(timeline, populated):
    loop = Loop(timeline)
    timeline.show_records(populated.timeline[::-1])
    timeline.show_records(())
    timeline.show_records(populated.timeline)
    assert loop.calls == []


def test_add_reports_why_nothing_can_be_added(qtbot):
    def no_records() -> ActionItem:
        raise ValueError("add a fishbone category before adding causes")

    editor = CollectionEditor(ActionItem, new_record=no_records)
    qtbot.addWidget(editor)
    loop = Loop(editor)
    refused: list[str] = []
    editor.refused.connect(refused.append)
    editor.add()
    assert loop.calls == []
    assert refused == ["add a fishbone category before adding causes"]
