"""The main window: navigation by keyboard, New / Duplicate / Delete, recent list, guidance."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from app.domain.model import Postmortem, Severity, Stage, Template
from app.ui import dialogs
from app.ui.recent import RECENT_LIMIT, RecentPostmortems


def _open_first(window) -> int:
    postmortem_id = window.library.postmortem_ids()[0]
    assert window.open_postmortem(postmortem_id)
    return postmortem_id


def test_starts_on_the_empty_state_titled_with_the_library(main_window) -> None:
    window = main_window()
    assert window.right.currentWidget() is window.empty_state
    assert window.windowTitle() == "Retro - library-0.sqlite"
    assert not window.menu_actions.delete.isEnabled()
    assert window.empty_state.new_button.isVisible()


def test_opening_shows_stage_one_and_the_title(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(2))
    postmortem_id = _open_first(window)
    assert window.right.currentWidget() is window.stage_area
    assert window.current_stage() is Stage.SCOPE
    title = window.library.load(postmortem_id).title
    assert window.windowTitle() == f"{title} - Retro"
    assert window.library_panel.selected_id() == postmortem_id


def test_ctrl_number_and_ctrl_page_keys_move_between_stages(main_window, qtbot) -> None:
    window = main_window([Postmortem(title="Keys", severity=Severity.SEV3)])
    _open_first(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    for stage in (Stage.FOLLOW_UP, Stage.ROOT_CAUSE, Stage.SCOPE, Stage.WHAT_WORKED):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{stage.value}"), ctrl)
        assert window.current_stage() is stage
        assert window.current_page() is window.stage_area.pages[stage]
        assert window.current_page().isVisible()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, ctrl)
    assert window.current_stage() is Stage.ACTION_ITEMS
    qtbot.keyClick(window, Qt.Key.Key_PageUp, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, ctrl)
    assert window.current_stage() is Stage.ROOT_CAUSE
    assert window.stage_area.sidebar.current_stage() is Stage.ROOT_CAUSE


def test_next_and_previous_stop_at_the_ends(main_window, qtbot) -> None:
    window = main_window([Postmortem(title="Ends", severity=Severity.SEV3)])
    _open_first(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_PageUp, ctrl)
    assert window.current_stage() is Stage.SCOPE
    qtbot.keyClick(window, Qt.Key.Key_6, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, ctrl)
    assert window.current_stage() is Stage.FOLLOW_UP


def test_new_postmortem_is_created_with_its_template_opened_and_undoable(
    main_window, monkeypatch
) -> None:
    window = main_window()
    monkeypatch.setattr(
        dialogs.NewPostmortemDialog,
        "ask",
        classmethod(lambda cls, parent: ("DNS outage", Severity.SEV1)),
    )
    window.menu_actions.new.trigger()
    [summary] = window.library.summaries()
    stored = window.library.load(summary.id)
    assert stored.template is Template.FULL
    assert window.current_postmortem_id() == summary.id
    assert window.windowTitle() == "DNS outage - Retro"
    assert window.library_panel.count_label.text() == "1 postmortem"
    assert window.menu_actions.undo.text() == "Undo New Postmortem"

    window.menu_actions.undo.trigger()
    assert window.library.summaries() == []
    assert window.right.currentWidget() is window.empty_state
    window.menu_actions.redo.trigger()
    assert [s.id for s in window.library.summaries()] == [summary.id]
    assert window.current_postmortem_id() == summary.id


def test_cancelled_new_postmortem_changes_nothing(main_window, monkeypatch) -> None:
    window = main_window()
    monkeypatch.setattr(dialogs.NewPostmortemDialog, "ask", classmethod(lambda cls, parent: None))
    window.menu_actions.new.trigger()
    assert window.library.summaries() == []
    assert window.undo_stack.count() == 0


def test_duplicate_opens_the_copy_and_undo_removes_it(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(1))
    original = _open_first(window)
    window.menu_actions.duplicate.trigger()
    ids = window.library.postmortem_ids()
    assert len(ids) == 2
    copy = next(i for i in ids if i != original)
    assert window.current_postmortem_id() == copy
    window.menu_actions.undo.trigger()
    assert window.library.postmortem_ids() == [original]


def test_delete_asks_then_undo_restores_the_same_postmortem(
    main_window, make_postmortems, monkeypatch
) -> None:
    window = main_window(make_postmortems(2))
    postmortem_id = _open_first(window)
    window.stage_area.pages[Stage.SCOPE].edit_requested.emit(
        "document_owner", "Priya", "Change Document Owner"
    )
    before = window.library.load(postmortem_id)
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm_delete", lambda parent, title: asked.append(title) or True
    )

    window.menu_actions.delete.trigger()
    assert asked == [before.title]
    assert postmortem_id not in window.library.postmortem_ids()
    assert window.right.currentWidget() is window.empty_state
    assert window.library_panel.model.row_of(postmortem_id) == -1
    assert window.menu_actions.undo.text() == "Undo Delete Postmortem"

    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id) == before
    assert window.current_postmortem_id() == postmortem_id
    assert window.library_panel.model.row_of(postmortem_id) >= 0


def test_declined_delete_keeps_the_postmortem(main_window, make_postmortems, monkeypatch) -> None:
    window = main_window(make_postmortems(1))
    postmortem_id = _open_first(window)
    monkeypatch.setattr(dialogs, "confirm_delete", lambda parent, title: False)
    window.menu_actions.delete.trigger()
    assert window.library.postmortem_ids() == [postmortem_id]
    assert window.undo_stack.count() == 0


def test_recent_menu_lists_opened_postmortems_most_recent_first(
    main_window, make_postmortems
) -> None:
    window = main_window(make_postmortems(3))
    first, second, _third = window.library.postmortem_ids()
    window.open_postmortem(first)
    window.open_postmortem(second)
    menu = window.menu_actions.recent_menu
    menu.aboutToShow.emit()
    titles = [action.text() for action in menu.actions()]
    assert titles == [
        f"&1  {window.library.load(second).title}",
        f"&2  {window.library.load(first).title}",
    ]
    window.close_postmortem()
    assert window.empty_state.recent_list.count() == 2
    menu.actions()[1].trigger()
    assert window.current_postmortem_id() == first


def test_recent_ids_are_kept_per_library_and_capped(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "recent.ini"), QSettings.Format.IniFormat)
    one = RecentPostmortems(settings, tmp_path / "one.sqlite")
    two = RecentPostmortems(settings, tmp_path / "two.sqlite")
    for number in range(1, RECENT_LIMIT + 3):
        one.add(number)
    two.add(42)
    one.add(3)
    settings.sync()
    reread = RecentPostmortems(
        QSettings(str(tmp_path / "recent.ini"), QSettings.Format.IniFormat), tmp_path / "one.sqlite"
    )
    assert reread.ids()[0] == 3
    assert len(reread.ids()) == RECENT_LIMIT
    assert two.ids() == [42]


def test_guidance_toggles_with_f1_and_is_remembered(main_window, qtbot) -> None:
    window = main_window([Postmortem(title="Guide", severity=Severity.SEV3)])
    _open_first(window)
    panel = window.stage_area.guidance[Stage.SCOPE]
    assert not panel.details.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert panel.details.isVisible()
    assert window.stage_area.guidance[Stage.TIMELINE].is_expanded()
    assert window.settings.value("guidance/expanded", type=bool) is True
    panel.toggle.click()
    assert not panel.details.isVisible()
    assert window.settings.value("guidance/expanded", type=bool) is False
    assert not window.menu_actions.toggle_guidance.isChecked()


def test_guidance_text_is_plain_and_names_the_goal(main_window) -> None:
    window = main_window([Postmortem(title="Guide", severity=Severity.SEV3)])
    _open_first(window)
    panel = window.stage_area.guidance[Stage.ROOT_CAUSE]
    labels = panel.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
    assert "five whys" in panel.goal.text()


def test_ctrl_l_hides_and_shows_the_library(main_window, qtbot) -> None:
    window = main_window()
    assert window.library_panel.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.library_panel.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library_panel.isVisible()
    assert window.library_panel.search.hasFocus()


@pytest.mark.parametrize("stage", list(Stage))
def test_every_focusable_control_outside_the_pages_has_an_accessible_name(
    main_window, stage: Stage
) -> None:
    from PySide6.QtWidgets import QWidget

    window = main_window([Postmortem(title="A11y", severity=Severity.SEV3)])
    _open_first(window)
    window.go_to_stage(stage)
    pages = set(window.stage_area.pages.values())
    unnamed = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        inside_page = any(page.isAncestorOf(widget) for page in pages)
        if not inside_page and not widget.accessibleName() and widget.parent() is not None:
            if type(widget).__name__ in {"QScrollBar", "QSplitterHandle", "QHeaderView"}:
                continue
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed


def test_text_typed_just_before_delete_is_stored_and_comes_back_with_undo(
    main_window, qtbot, monkeypatch
) -> None:
    window = main_window([Postmortem(title="Typed", severity=Severity.SEV3)])
    postmortem_id = _open_first(window)
    owner = window.stage_area.pages[Stage.SCOPE].form.owner_edit
    owner.setFocus()
    qtbot.waitUntil(owner.hasFocus)
    qtbot.keyClicks(owner, "Priya")
    monkeypatch.setattr(dialogs, "confirm_delete", lambda parent, title: True)
    window.menu_actions.delete.trigger()
    assert window.library.postmortem_ids() == []
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).document_owner == "Priya"
