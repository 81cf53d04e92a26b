from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.forms.side_by_side import SideBySideSplitter


def pane(minimum_width: int) -> QWidget:
    widget = QPushButton("pane")
    widget.setMinimumWidth(minimum_width)
    return widget


def test_panes_sit_side_by_side_when_wide_and_stack_when_narrow(qtbot) -> None:
    splitter = SideBySideSplitter(900, pane(300), pane(250), sizes=[600, 400])
    qtbot.addWidget(splitter)
    splitter.resize(1000, 400)
    splitter.show()
    qtbot.waitExposed(splitter)
    assert splitter.orientation() == Qt.Orientation.Horizontal

    splitter.resize(600, 400)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)

    splitter.resize(1000, 400)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal)
    assert splitter.widget(0).width() > splitter.widget(1).width()  # the wide layout's sizes


def test_it_asks_only_for_the_stacked_width_so_a_scroll_area_can_narrow_it(qtbot) -> None:
    splitter = SideBySideSplitter(900, pane(300), pane(250), sizes=[600, 400])
    qtbot.addWidget(splitter)
    assert splitter.minimumSizeHint().width() == 300


def test_stacked_it_asks_for_every_panes_minimum_height_so_panes_never_overlap(qtbot) -> None:
    first, second = pane(100), pane(100)
    first.setMinimumHeight(120)
    second.setMinimumHeight(200)
    splitter = SideBySideSplitter(900, first, second, sizes=[600, 400])
    qtbot.addWidget(splitter)
    assert splitter.minimumSizeHint().height() == 200  # side by side: the taller pane
    splitter.resize(600, 400)
    splitter.show()
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    assert splitter.minimumSizeHint().height() >= 320 + splitter.handleWidth()
