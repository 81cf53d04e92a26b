"""TimelineDelegate: the right editor per column, the milestone combo, and marks you can see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from app.domain.model import Milestone, TimelineEvent
from app.domain.timeparse import zone_named
from app.ui.timeline.editor import TimelineEditor
from app.ui.timeline.milestone_style import (
    MILESTONE_ORDER,
    STAR_COLOUR,
    milestone_colour,
    problem_colour,
)
from app.ui.timeline.table_delegate import MilestoneCombo, is_multi_line
from app.ui.timeline.table_model import Column


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


TIMELINE = (
    TimelineEvent(
        id="a", at=utc("2024-01-15 14:02"), description="Deploy", milestone=Milestone.ONSET
    ),
    TimelineEvent(id="b", at=utc("2024-01-15 14:09"), description="Alert", key_event=True),
    TimelineEvent(id="c", at=utc("2024-01-15 14:31"), description="Rolled back"),
)


@pytest.fixture
def editor(qtbot):
    widget = TimelineEditor()
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.show_timeline(TIMELINE)
    calls = []
    widget.timeline_changed.connect(
        lambda events, label: (calls.append(label), widget.show_timeline(events))
    )
    widget.calls = calls
    return widget


def open_cell(qtbot, editor: TimelineEditor, row: int, column: Column):
    index = editor.table.model().index(row, editor.model.column_of(column))
    editor.table.setCurrentIndex(index)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: editor.table.isAncestorOf(QApplication.focusWidget()))
    return QApplication.focusWidget()


@pytest.mark.parametrize(
    ("column", "name"),
    [
        (Column.TIME, "Event time"),
        (Column.DESCRIPTION, "Event description"),
        (Column.EVIDENCE, "Evidence link"),
    ],
)
def test_text_cells_open_a_named_line_edit(qtbot, editor, column, name):
    widget = open_cell(qtbot, editor, 0, column)
    assert isinstance(widget, QLineEdit)
    assert widget.accessibleName() == name


def test_time_editor_says_which_zone_it_reads(qtbot, editor):
    editor.set_zone(zone_named("Asia/Tokyo"))
    widget = open_cell(qtbot, editor, 0, Column.TIME)
    assert "Asia/Tokyo" in widget.placeholderText()
    assert "read as Asia/Tokyo and stored in UTC" in widget.toolTip()
    assert widget.text() == "2024-01-15 23:02"  # shown in the zone it will be read in


def test_milestone_combo_lists_the_shapes_and_enter_picks(qtbot, editor):
    combo = open_cell(qtbot, editor, 2, Column.MILESTONE)
    assert isinstance(combo, MilestoneCombo)
    assert combo.accessibleName() == "Milestone"
    assert [combo.itemData(n) for n in range(combo.count())] == [None, *MILESTONE_ORDER]
    assert all(not combo.itemIcon(n).isNull() for n in range(1, combo.count()))
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the closed list moves without storing anything
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert editor.calls == []
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert editor.calls == ["Mark Detection"]
    assert editor.timeline[2].milestone is Milestone.DETECTION
    assert editor.table.state() != editor.table.State.EditingState


def test_a_pick_from_the_open_list_is_the_edit(qtbot, editor, monkeypatch):
    combo = open_cell(qtbot, editor, 2, Column.MILESTONE)
    # The offscreen platform cannot show popups; stand in for the list opening and closing.
    monkeypatch.setattr(QComboBox, "showPopup", lambda _self: None)
    monkeypatch.setattr(QComboBox, "hidePopup", lambda _self: None)
    combo.showPopup()
    combo.setCurrentIndex(combo.findData(Milestone.MITIGATION))
    combo.hidePopup()
    combo.hidePopup()  # closing twice is still one edit
    assert editor.calls == ["Mark Mitigation"]
    assert editor.timeline[2].milestone is Milestone.MITIGATION


def test_tab_from_the_description_goes_on_to_the_evidence(qtbot, editor):
    widget = open_cell(qtbot, editor, 1, Column.DESCRIPTION)
    widget.setText("Latency alert fires")
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not widget)
    assert editor.calls == ["Edit Event Description"]
    assert QApplication.focusWidget().accessibleName() == "Evidence link"


def test_escape_in_a_refused_time_discards_the_typed_text(qtbot, editor):
    editor.model.setData(editor.model.index(0, editor.model.column_of(Column.TIME)), "soon")
    assert editor.problem
    widget = open_cell(qtbot, editor, 0, Column.TIME)
    assert widget.text() == "soon"  # editing again starts from what was typed
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert editor.problem == ""
    assert editor.table.currentIndex().data() == "2024-01-15 14:02"


def colours_in(image: QImage, left: int, top: int, width: int, height: int) -> set[str]:
    return {
        QColor(image.pixel(QPoint(x, y))).name()
        for x in range(left, left + width)
        for y in range(top, top + height)
    }


def cell_image(editor: TimelineEditor, row: int, column: Column) -> tuple[QImage, set[str]]:
    rect = editor.table.visualRect(editor.table.model().index(row, editor.model.column_of(column)))
    image = editor.table.viewport().grab(rect).toImage()
    return image, colours_in(image, 0, 0, image.width(), image.height())


def near(colours: set[str], wanted: QColor, tolerance: int = 40) -> bool:
    def close(name: str) -> bool:
        colour = QColor(name)
        return (
            abs(colour.red() - wanted.red())
            + abs(colour.green() - wanted.green())
            + abs(colour.blue() - wanted.blue())
            <= tolerance
        )

    return any(close(name) for name in colours)


def test_stars_milestone_shapes_and_problem_marks_are_painted(qtbot, editor):
    _image, starred = cell_image(editor, 1, Column.STAR)
    _image, plain = cell_image(editor, 2, Column.STAR)
    assert near(starred, STAR_COLOUR)
    assert not near(plain, STAR_COLOUR)
    _image, onset = cell_image(editor, 0, Column.MILESTONE)
    assert near(onset, milestone_colour(Milestone.ONSET))
    _image, before = cell_image(editor, 2, Column.TIME)
    assert not near(before, problem_colour())
    editor.model.setData(editor.model.index(2, editor.model.column_of(Column.TIME)), "14:6O")
    _image, after = cell_image(editor, 2, Column.TIME)
    assert near(after, problem_colour())


def test_multi_line_means_more_than_one_line_of_text():
    assert is_multi_line("a\nb")
    assert is_multi_line("a\r\nb\r\n")
    assert not is_multi_line("one line\n")
    assert not is_multi_line("")
