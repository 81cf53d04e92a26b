"""WhysOutline: the problem statement, the meeting's Ctrl+Enter rhythm and chain-end marks."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.domain import cause_tree
from app.domain.five_whys import effective_problem_statement
from app.domain.model import CauseClassification, WhyAnswer
from app.ui.root_cause.marks import CHAIN_END_TIP
from app.ui.root_cause.outline_model import CHAIN_END_ROLE
from app.ui.root_cause.whys_outline import WhysOutline
from tests.ui.root_cause.conftest import (
    Ctrl,
    Shift,
    Store,
    open_editor,
    press,
    sample_postmortem,
    show,
)


@pytest.fixture
def outline(qtbot):
    return show(qtbot, WhysOutline())


@pytest.fixture
def store(outline, postmortem):
    return Store(postmortem, outline)


def chains(pm) -> list[tuple[str | None, str]]:
    return [(why.parent_id, why.text) for why in pm.whys]


def chain_ends(outline: WhysOutline) -> list[str]:
    return [
        item.element_id
        for item in outline.model.items()
        if outline.model.index_of(item.element_id).data(CHAIN_END_ROLE)
    ]


def test_rows_show_their_depth_and_mark_chains_without_a_root_cause(outline, store):
    assert [item.display for item in outline.model.items()] == [
        "Why 1: Cache entries expired at once",
        "Why 2: TTL was set to zero",
        "Why 3: The default changed",
        "Why 2: Nobody noticed",
    ]
    assert chain_ends(outline) == ["why-w3", "why-w4"]
    tip = outline.model.index_of("why-w3").data(Qt.ItemDataRole.ToolTipRole)
    assert "This chain stops without a root cause: ask why again" in tip
    assert CHAIN_END_TIP.startswith("This chain stops without a root cause")
    plain = outline.model.index_of("why-w1").data(Qt.ItemDataRole.DecorationRole)
    ended = outline.model.index_of("why-w3").data(Qt.ItemDataRole.DecorationRole)
    assert plain.pixmap(48, 16).toImage() != ended.pixmap(48, 16).toImage()
    # Classifying an answer on a chain as the root cause closes that chain.
    outline.show_postmortem(
        cause_tree.update_why(store.stored, "w2", classification=CauseClassification.ROOT_CAUSE)
    )
    assert chain_ends(outline) == ["why-w4"]
    assert "Root cause (target)" in outline.model.index_of("why-w2").data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_type_an_answer_ctrl_enter_type_the_next(outline, store, qtbot):
    outline.select("why-w3")
    press(qtbot, outline, Qt.Key.Key_Return, Ctrl)
    line = open_editor(qtbot, outline.view)
    assert line.accessibleName() == "Answer to why 4"
    qtbot.keyClicks(line, "The default lives in a shared library")
    qtbot.keyClick(line, Qt.Key.Key_Return, Ctrl)
    line = open_editor(qtbot, outline.view, line)
    qtbot.keyClicks(line, "Library changes skip our review")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert store.labels == ["Ask Why Again", "Ask Why Again"]
    fourth, fifth = store.stored.whys[3:5]
    assert (fourth.parent_id, fourth.text) == ("w3", "The default lives in a shared library")
    assert (fifth.parent_id, fifth.text) == (fourth.id, "Library changes skip our review")
    assert outline.model.item_of(f"why-{fifth.id}").display.startswith("Why 5: ")
    assert chain_ends(outline) == [f"why-{fifth.id}", "why-w4"]
    assert outline.current_element() == f"why-{fifth.id}"


def test_ctrl_enter_on_an_empty_answer_waits_for_its_text(outline, store, qtbot):
    outline.select("why-w4")
    press(qtbot, outline, Qt.Key.Key_Return, Ctrl)
    line = open_editor(qtbot, outline.view)
    with qtbot.waitSignal(outline.message):
        qtbot.keyClick(line, Qt.Key.Key_Return, Ctrl)
    assert outline.view.editing_element() == outline.draft_element
    assert store.calls == []


def test_enter_adds_another_branch_and_the_keys_reshape_it(outline, store, qtbot):
    outline.select("why-w2")
    press(qtbot, outline, Qt.Key.Key_Return)
    line = open_editor(qtbot, outline.view)
    qtbot.keyClicks(line, "Alerts were muted")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert store.labels == ["Add Why"]
    added = store.stored.whys[3]
    assert (added.parent_id, added.text) == ("w1", "Alerts were muted")
    assert outline.current_element() == f"why-{added.id}"
    press(qtbot, outline, Qt.Key.Key_Tab)
    assert {w.id: w.parent_id for w in store.stored.whys}[added.id] == "w2"
    press(qtbot, outline, Qt.Key.Key_Backtab, Shift)
    assert {w.id: w.parent_id for w in store.stored.whys}[added.id] == "w1"
    press(qtbot, outline, Qt.Key.Key_Up, Ctrl)
    assert [w.id for w in store.stored.whys] == ["w1", added.id, "w2", "w3", "w4"]
    press(qtbot, outline, Qt.Key.Key_Down, Ctrl)
    assert [w.id for w in store.stored.whys] == ["w1", "w2", "w3", added.id, "w4"]
    assert store.labels == [
        "Add Why",
        "Indent Why",
        "Outdent Why",
        "Move Why Up",
        "Move Why Down",
    ]
    assert outline.current_element() == f"why-{added.id}"


def test_delete_removes_an_answer_and_the_answers_under_it(outline, store, qtbot):
    outline.select("why-w2")
    press(qtbot, outline, Qt.Key.Key_Delete)
    assert store.labels == ["Remove Why and 1 answer under it"]
    assert [w.id for w in store.stored.whys] == ["w1", "w4"]
    assert outline.current_element() == "why-w4"
    press(qtbot, outline, Qt.Key.Key_Delete)
    assert store.labels[-1] == "Remove Why"
    assert outline.current_element() == "why-w1"


def test_f2_edits_an_answer(outline, store, qtbot):
    outline.select("why-w4")
    press(qtbot, outline, Qt.Key.Key_F2)
    line = open_editor(qtbot, outline.view)
    assert line.text() == "Nobody noticed"
    qtbot.keyClick(line, Qt.Key.Key_End)
    qtbot.keyClicks(line, " for an hour")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert store.labels == ["Edit Why"]
    assert store.stored.whys[-1].text == "Nobody noticed for an hour"
    # The row shows the stored text, not the editor's: it repainted from the store.
    assert outline.model.item_of("why-w4").display == "Why 2: Nobody noticed for an hour"


@pytest.mark.parametrize(
    "case",
    [
        ("why-w1", Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "nothing above it"),
        ("why-w1", Qt.Key.Key_Backtab, Shift, "answers the problem statement directly"),
        ("why-w4", Qt.Key.Key_Down, Ctrl, "already the last"),
    ],
)
def test_refused_edits_say_why(outline, store, qtbot, case):
    selected, key, modifier, message = case
    outline.select(selected)
    with qtbot.waitSignal(outline.message) as said:
        press(qtbot, outline, key, modifier)
    assert message in said.args[0]
    assert store.calls == []


def test_an_empty_five_whys_starts_with_enter(qtbot):
    outline = show(qtbot, WhysOutline())
    store = Store(sample_postmortem(whys=()), outline)
    press(qtbot, outline, Qt.Key.Key_Return)
    line = open_editor(qtbot, outline.view)
    assert line.accessibleName() == "Answer to why 1"
    qtbot.keyClicks(line, "Checkout timed out")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert store.labels == ["Add Why"]
    assert chains(store.stored) == [(None, "Checkout timed out")]


def test_buttons_add_answers_and_ask_why_again(outline, store, qtbot):
    outline.select("why-w4")
    qtbot.mouseClick(outline.buttons["why"], Qt.MouseButton.LeftButton)
    line = open_editor(qtbot, outline.view)
    qtbot.keyClicks(line, "No alert on TTL")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.mouseClick(outline.buttons["answer"], Qt.MouseButton.LeftButton)
    line = open_editor(qtbot, outline.view, line)
    qtbot.keyClicks(line, "Dashboards hid it")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    for key in ("indent", "outdent", "up", "down"):
        qtbot.mouseClick(outline.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(outline.buttons["remove"], Qt.MouseButton.LeftButton)
    assert store.labels == [
        "Ask Why Again",
        "Add Why",
        "Indent Why",
        "Outdent Why",
        "Move Why Up",
        "Move Why Down",
        "Remove Why",
    ]
    assert chains(store.stored)[-1] == ("w4", "No alert on TTL")
    for button in outline.findChildren(QPushButton):
        assert button.accessibleName()
        assert button.toolTip()
    assert "Ctrl+Enter" in outline.buttons["why"].toolTip()


def test_the_problem_statement_shows_the_effective_one_until_written(outline, store, qtbot):
    statement = outline.statement
    assert statement.toPlainText() == ""
    assert statement.placeholderText() == effective_problem_statement(store.stored)
    assert statement.accessibleName() == "Problem statement"
    statement.setFocus()
    qtbot.keyClicks(statement, "Checkout failed for 47 minutes ")
    qtbot.waitUntil(lambda: store.labels == ["Edit Problem Statement"])
    assert store.stored.problem_statement == "Checkout failed for 47 minutes"
    # The stored (trimmed) text does not trample what is being typed.
    assert statement.toPlainText() == "Checkout failed for 47 minutes "
    outline.view.setFocus()
    assert store.labels == ["Edit Problem Statement"]


def test_the_problem_statement_follows_the_store_without_emitting(outline, store, qtbot):
    with qtbot.assertNotEmitted(outline.edit_requested, wait=500):
        outline.show_postmortem(dataclasses.replace(store.stored, problem_statement="Stored"))
    assert outline.statement.toPlainText() == "Stored"


def test_selection_goes_out_and_comes_in(outline, store, qtbot):
    seen = []
    outline.selection_changed.connect(seen.append)
    assert outline.select_element("why-w2")
    assert not outline.select_element("cause-a")
    press(qtbot, outline, Qt.Key.Key_Down)
    assert seen == ["why-w2", "why-w3"]
    extra = WhyAnswer("w5", "Another answer", parent_id="w4")
    with qtbot.assertNotEmitted(outline.selection_changed, wait=50):
        outline.show_postmortem(dataclasses.replace(store.stored, whys=(*store.stored.whys, extra)))
    assert outline.current_element() == "why-w3"
