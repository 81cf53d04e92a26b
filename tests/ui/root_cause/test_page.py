"""Stage 3 in the window: the diagrams follow edits and typing, clicks select both ways,
failures keep the last picture, and every edit is stored and undoable."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.model import CauseClassification, Postmortem, Stage
from app.render.elements import element_id
from app.render.graphviz import DiagramError
from app.ui import files
from app.ui.root_cause import diagram_pane
from app.ui.root_cause.page import RootCauseStagePage
from tests.render.svg_geometry import nodes, squeeze
from tests.ui.root_cause.conftest import sample_postmortem

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def stage3(main_window, qtbot):
    """A window open on stage 3 of the sample postmortem, its fishbone drawn."""
    window = main_window([sample_postmortem()])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    window.go_to_stage(Stage.ROOT_CAUSE)
    page = window.stage_area.pages[Stage.ROOT_CAUSE]
    assert isinstance(page, RootCauseStagePage)
    wait_for_picture(qtbot, page.fishbone.pane)
    return window, postmortem_id, page


def wait_for_picture(qtbot, pane, containing: str | None = None) -> bytes:
    def drawn() -> None:
        assert pane.last_rendered is not None
        if containing is not None:
            shown = "".join(node.text for node in nodes(pane.last_rendered.content).values())
            assert squeeze(containing) in squeeze(shown)

    qtbot.waitUntil(drawn, timeout=10_000)
    return pane.last_rendered.content


def stored(window, postmortem_id: int) -> Postmortem:
    return window.library.load(postmortem_id)


def test_the_fishbone_is_drawn_with_every_cause_selectable(stage3) -> None:
    _window, _id, page = stage3
    drawn = nodes(page.fishbone.pane.last_rendered.content)
    for cause in sample_postmortem().causes:
        assert element_id("cause", cause.id) in drawn
    assert page.fishbone.pane.canvas.view.has_picture


def test_clicking_a_node_selects_it_in_the_outline_and_details(stage3, qtbot) -> None:
    _window, _id, page = stage3
    view = page.fishbone.pane.canvas.view
    target = element_id("cause", "b")
    rect = view.element_rect(target)
    assert rect is not None
    view.centerOn(rect.center())
    point = view.mapFromScene(rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.fishbone.outline.current_element() == target
    assert page.fishbone.details.element_id == target
    assert page.fishbone.details.text.toPlainText() == "Review missed TTL"


def test_selecting_in_the_outline_outlines_the_node_on_the_canvas(stage3) -> None:
    _window, _id, page = stage3
    page.fishbone.outline.select(element_id("cause", "c"))
    assert page.fishbone.pane.canvas.selected_element() == element_id("cause", "c")


def test_typing_in_the_details_redraws_before_the_text_is_stored(stage3, qtbot) -> None:
    window, postmortem_id, page = stage3
    page.fishbone.outline.select(element_id("cause", "c"))
    page.fishbone.details.text.setFocus()
    page.fishbone.details.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.fishbone.details.text, " XYZZY")
    wait_for_picture(qtbot, page.fishbone.pane, containing="Config linter lacks TTL rule XYZZY")
    # The picture came from the draft: the debounced edit may not even be stored yet.
    qtbot.waitUntil(
        lambda: "XYZZY" in next(c.text for c in stored(window, postmortem_id).causes if c.id == "c")
    )


def test_typing_a_new_cause_in_the_outline_draws_it_while_typing(stage3, qtbot) -> None:
    _window, _id, page = stage3
    outline = page.fishbone.outline
    outline.select(element_id("cause", "c"))
    outline.view.setFocus()
    qtbot.keyClick(outline.view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Retries had no jitter")
    wait_for_picture(qtbot, page.fishbone.pane, containing="Retries had no jitter")


def test_the_problem_statement_is_the_head_of_both_diagrams(stage3, qtbot) -> None:
    _window, _id, page = stage3
    page.statement.setFocus()
    qtbot.keyClicks(page.statement, "Checkout failed for 47 minutes")
    wait_for_picture(qtbot, page.fishbone.pane, containing="Checkout failed for 47 minutes")
    page.tabs.setCurrentWidget(page.whys)
    svg = wait_for_picture(qtbot, page.whys.pane, containing="Checkout failed for 47 minutes")
    assert "problem" in nodes(svg)


def test_removing_a_cause_addressed_by_an_action_item_is_one_undo_step(stage3, qtbot) -> None:
    window, postmortem_id, page = stage3
    before = stored(window, postmortem_id)
    linked = [item for item in before.action_items if "a" in item.cause_ids]
    assert linked, "the sample links an action item to cause a"
    outline = page.fishbone.outline
    outline.select(element_id("cause", "a"))
    outline.view.setFocus()
    qtbot.keyClick(outline.view, Qt.Key.Key_Delete)
    after = stored(window, postmortem_id)
    assert "a" not in {cause.id for cause in after.causes}
    assert all("a" not in item.cause_ids for item in after.action_items)
    window.menu_actions.undo.trigger()
    restored = stored(window, postmortem_id)
    assert restored.causes == before.causes
    assert restored.action_items == before.action_items


def test_a_render_failure_keeps_the_last_picture_and_shows_the_error(
    stage3, qtbot, monkeypatch
) -> None:
    _window, _id, page = stage3
    pane = page.fishbone.pane
    good = pane.last_rendered

    def broken(_source):
        raise DiagramError("Graphviz could not draw this diagram: out of memory")

    monkeypatch.setattr(diagram_pane, "render_diagram", lambda *_a, **_k: broken(None))
    pane.show_draft(dataclasses.replace(page.postmortem, problem_statement="Changed"))
    qtbot.waitUntil(lambda: "out of memory" in pane.canvas.banner.text())
    assert pane.canvas.banner.isVisible()
    assert pane.last_rendered is good
    assert pane.canvas.view.has_picture


def test_without_graphviz_the_canvas_says_how_to_install_it(main_window, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    window = main_window([sample_postmortem()])
    window.open_postmortem(window.library.postmortem_ids()[0])
    window.go_to_stage(Stage.ROOT_CAUSE)
    page = window.stage_area.pages[Stage.ROOT_CAUSE]
    message = page.fishbone.pane.canvas.unavailable.text()
    assert "Graphviz" in message
    assert "install" in message.lower()
    assert page.fishbone.pane.last_rendered is None


def test_the_five_whys_redraws_left_to_right(stage3, qtbot) -> None:
    _window, _id, page = stage3
    page.tabs.setCurrentWidget(page.whys)
    wait_for_picture(qtbot, page.whys.pane)
    page.whys.pane.direction_button.setChecked(True)
    qtbot.waitUntil(lambda: page.whys.pane.direction == "LR")

    def left_to_right() -> None:
        drawn = nodes(page.whys.pane.last_rendered.content)
        assert drawn[element_id("why", "w1")].box.left > drawn["problem"].box.right

    qtbot.waitUntil(left_to_right, timeout=10_000)


@pytest.mark.parametrize(("choice", "signature"), [("svg", b"<?xml"), ("png", PNG_SIGNATURE)])
def test_save_as_writes_the_diagram(
    stage3, qtbot, monkeypatch, tmp_path: Path, *, choice: str, signature: bytes
) -> None:
    _window, _id, page = stage3
    target = tmp_path / f"fishbone.{choice}"
    monkeypatch.setattr(files, "ask_save_path", lambda *_args: target)
    page.fishbone.pane.canvas.save_requested.emit(choice)
    # The file is in place before the worker's success reaches the page: wait for the message.
    qtbot.waitUntil(lambda: target.name in page.status.text(), timeout=10_000)
    assert target.read_bytes().startswith(signature)


def test_a_blaming_root_cause_shows_a_warning_and_holds_the_stage(stage3, qtbot) -> None:
    window, _id, page = stage3
    page.fishbone.outline.select(element_id("cause", "c"))
    details = page.fishbone.details
    details.radios[CauseClassification.ROOT_CAUSE].click()
    details.text.setPlainText("Human error during the deploy")
    details.text.clearFocus()
    page.fishbone.outline.view.setFocus()
    qtbot.waitUntil(page.blame_banner.isVisible)
    assert "human error" in page.blame_banner.text().lower()
    sidebar = window.stage_area.sidebar
    tooltip = sidebar.item(Stage.ROOT_CAUSE.value - 1).toolTip()
    assert "human error" in tooltip.lower()


def test_a_cause_typed_in_the_outline_is_stored_and_undone_as_one_step(stage3, qtbot) -> None:
    window, postmortem_id, page = stage3
    outline = page.fishbone.outline
    outline.select(element_id("cause", "c"))
    outline.view.setFocus()
    qtbot.keyClick(outline.view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Linter rules live in another repository")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    texts = [cause.text for cause in stored(window, postmortem_id).causes]
    assert "Linter rules live in another repository" in texts
    assert window.menu_actions.undo.text() == "Undo Add Cause"
    window.menu_actions.undo.trigger()
    assert stored(window, postmortem_id).causes == sample_postmortem().causes

    def redrawn_without_it() -> None:
        drawn = nodes(page.fishbone.pane.last_rendered.content).values()
        assert "anotherrepository" not in squeeze("".join(node.text for node in drawn))

    qtbot.waitUntil(redrawn_without_it, timeout=10_000)


def test_reveal_selects_the_item_in_its_tab(stage3) -> None:
    _window, _id, page = stage3
    assert page.reveal(element_id("why", "w2"))
    assert page.tabs.currentWidget() is page.whys
    assert page.whys.outline.current_element() == element_id("why", "w2")
    assert page.reveal(element_id("cause", "b"))
    assert page.tabs.currentWidget() is page.fishbone
    assert not page.reveal(element_id("cause", "no-such-cause"))
    assert not page.reveal("not an element")


def test_the_selected_why_is_a_stored_answer_or_none(qtbot) -> None:
    page = RootCauseStagePage()
    qtbot.addWidget(page)
    assert page.selected_why_id() is None  # nothing shown yet
    page.show_postmortem(sample_postmortem())
    outline = page.whys.outline
    assert outline.select(element_id("why", "w2"), focus=False)
    assert page.selected_why_id() == "w2"
    page.tabs.setCurrentWidget(page.fishbone)  # the outline keeps its selection
    assert page.selected_why_id() == "w2"
    outline.select_element(None)
    assert page.selected_why_id() is None
    outline.select(element_id("why", "w3"), focus=False)
    assert page.selected_why_id() == "w3"
    outline.ask_why_again()  # a new row being typed has no stored id to add under
    assert outline.draft_element is not None
    assert outline.current_element() == outline.draft_element
    assert page.selected_why_id() is None
