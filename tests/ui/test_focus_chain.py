"""Every page of a rich postmortem, and every window beside it, can be worked from the keyboard:
Tab reaches each control, in reading order, and each has a name (see tests/ui/accessibility.py
for the exact rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Stage
from app.export.interchange import load_postmortem
from app.ui.keys import uses_tab
from tests.ui.accessibility import check_focus_chain, walk_focus

DEMO = Path(__file__).resolve().parents[2] / "docs" / "demo-postmortem.json"


@pytest.fixture
def window(main_window, qtbot):
    """A window with the demo postmortem open, tall enough that pages lay out as on a desk."""
    demo = load_postmortem(DEMO.read_text(encoding="utf-8"), source=DEMO.name)
    window = main_window([demo])
    window.resize(1280, 900)
    window.open_postmortem(window.library.postmortem_ids()[0])
    qtbot.wait(10)
    return window


def _show_stage(window, qtbot, stage: Stage):
    window.go_to_stage(stage)
    page = window.stage_area.pages[stage]
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(10)  # let the page lay out what showing the postmortem changed
    return page


def _activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


PAGES = list(Stage)


@pytest.mark.parametrize("stage", PAGES, ids=lambda stage: stage.name.lower())
def test_every_stage_page_walks_in_reading_order(window, qtbot, stage: Stage) -> None:
    page = _show_stage(window, qtbot, stage)
    walk = check_focus_chain(qtbot, page)
    assert len(walk.reached) >= 3


@pytest.mark.parametrize("tab", ["fishbone", "whys", "notes"])
def test_each_root_cause_tab_walks_in_reading_order(window, qtbot, tab: str) -> None:
    page = _show_stage(window, qtbot, Stage.ROOT_CAUSE)
    page.tabs.setCurrentWidget(getattr(page, tab))
    qtbot.wait(10)
    walk = check_focus_chain(qtbot, page)
    shown = page.tabs.currentWidget()
    assert any(shown.isAncestorOf(widget) for widget in walk.reached), "the tab's own controls"


def test_the_outline_is_left_with_ctrl_tab_not_tab(window, qtbot) -> None:
    page = _show_stage(window, qtbot, Stage.ROOT_CAUSE)
    page.tabs.setCurrentWidget(page.fishbone)
    outline = page.fishbone.outline.view
    assert uses_tab(outline)
    before = window.current_postmortem()
    walk = check_focus_chain(qtbot, page)
    assert outline in walk.reached
    # The walk went past the outline with Ctrl+Tab: no Tab indented a cause on the way.
    assert window.current_postmortem() == before
    outline.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(outline, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not outline.hasFocus()


def test_the_main_window_walks_library_sidebar_and_page(window, qtbot) -> None:
    first = window.timer_bar.buttons[0]  # the meeting strip is the top of the window
    walk = check_focus_chain(qtbot, window, first)
    assert walk.reached[0] is first
    assert window.library_panel.search in walk.reached
    assert window.library_panel.table in walk.reached
    assert window.stage_area.sidebar in walk.reached


def test_the_empty_window_walks_library_and_start_buttons(main_window, make_postmortems, qtbot):
    window = main_window(make_postmortems(2))
    walk = check_focus_chain(qtbot, window, window.library_panel.search)
    assert window.empty_state.new_button in walk.reached


def test_the_final_review_walks_in_reading_order(window, qtbot) -> None:
    review = window.side_windows.show_review()
    _activate(qtbot, review)
    check_focus_chain(qtbot, review)
    review.close()


def test_the_follow_ups_window_walks_in_reading_order(window, qtbot) -> None:
    view = window.side_windows.show_follow_ups()
    _activate(qtbot, view)
    check_focus_chain(qtbot, view)
    view.close()


def test_the_export_dialog_walks_in_reading_order(window, qtbot) -> None:
    dialog = window.side_windows.show_export()
    assert dialog is not None
    _activate(qtbot, dialog)
    check_focus_chain(qtbot, dialog)
    dialog.reject()


def _form(qtbot, *widgets: QWidget) -> QWidget:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for widget in widgets:
        layout.addWidget(widget)
    _activate_shown(qtbot, root)
    return root


def _activate_shown(qtbot, root: QWidget) -> None:
    with qtbot.waitActive(root):
        root.show()
        root.activateWindow()


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


def test_the_walker_finds_a_trap(qtbot) -> None:
    notes = _named(QPlainTextEdit(), "Notes")  # Tab types a tab here
    root = _form(qtbot, _named(QLineEdit(), "Title"), notes)
    with pytest.raises(AssertionError, match="trapped in QPlainTextEdit"):
        walk_focus(qtbot, root)
    notes.setTabChangesFocus(True)
    assert len(check_focus_chain(qtbot, root).reached) == 2


def test_the_walker_finds_a_way_back_up_and_a_missing_name(qtbot) -> None:
    top, middle, bottom = QLineEdit(), QLineEdit(), QPushButton()
    root = _form(qtbot, _named(top, "Top"), _named(middle, "Middle"), bottom)
    QWidget.setTabOrder(top, bottom)
    QWidget.setTabOrder(bottom, middle)
    problems = walk_focus(qtbot, root).problems()
    assert problems == [
        "no accessible name: QPushButton '' named ''",
        "Tab goes back up: QLineEdit '' named 'Middle' comes after QPushButton '' named '',"
        " which lies below it",
    ]


def test_the_walker_finds_a_control_tab_skips(qtbot) -> None:
    class Skipping(QWidget):
        """A broken focusNextPrevChild override: Tab only ever goes between two of three."""

        def focusNextPrevChild(self, forward: bool) -> bool:
            target = third if QApplication.focusWidget() is first else first
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return True

    first, second, third = (_named(QLineEdit(), name) for name in ("First", "Second", "Third"))
    root = Skipping()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for widget in (first, second, third):
        layout.addWidget(widget)
    _activate_shown(qtbot, root)
    problems = walk_focus(qtbot, root).problems()
    assert problems == ["not reachable with Tab: QLineEdit '' named 'Second'"]
