"""OutlineModel: a well-behaved tree model that follows every outline edit with small signals."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain import cause_tree
from app.domain.model import CauseClassification
from app.ui.root_cause.marks import CLASSIFICATION_ORDER, classification_icon, outline_icon
from app.ui.root_cause.outline_model import (
    CHAIN_END_ROLE,
    ELEMENT_ID_ROLE,
    ElementKind,
    OutlineModel,
    split_element_id,
)
from app.ui.root_cause.rows import fishbone_rows, whys_rows
from tests.ui.root_cause.conftest import sample_postmortem


def fishbone(pm):
    return fishbone_rows(pm, {})


def whys(pm):
    return whys_rows(pm, {}, ())


def shown(model: OutlineModel) -> list[tuple[str, str | None]]:
    return [(item.element_id, item.parent) for item in model.items()]


def walk(model: OutlineModel, parent=None) -> list[tuple[str, str | None]]:
    """The rows as Qt sees them through index() and parent(), depth first."""
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        up = index.parent()
        rows.append(
            (index.data(ELEMENT_ID_ROLE), up.data(ELEMENT_ID_ROLE) if up.isValid() else None)
        )
        rows.extend(walk(model, index))
    return rows


@pytest.mark.parametrize("force_py", [False, True])
def test_fishbone_model_passes_qtmodeltester_through_every_outline_edit(
    qapp, qtmodeltester, force_py
):
    pm = sample_postmortem()
    model = OutlineModel(2)
    model.reset_items(fishbone(pm))
    qtmodeltester.check(model, force_py=force_py)
    edits = [
        lambda pm: cause_tree.add_cause(pm, "people", "New")[0],
        lambda pm: cause_tree.indent_cause(pm, "b"),  # new parent
        lambda pm: cause_tree.move_cause(pm, "a2", -1),
        lambda pm: cause_tree.outdent_cause(pm, "a1"),
        lambda pm: cause_tree.set_cause_category(pm, "a", "tooling"),  # a subtree changes group
        lambda pm: cause_tree.move_category(pm, "tooling", -2),
        lambda pm: cause_tree.update_cause(pm, "c", text="Edited"),
        lambda pm: cause_tree.add_category(pm, "Vendors", after_id="people")[0],
        lambda pm: cause_tree.remove_cause(pm, "a"),
        lambda pm: cause_tree.remove_category(pm, "process"),
        lambda pm: sample_postmortem(),  # undo all the way back: inserts and moves
    ]
    for edit in edits:
        pm = edit(pm)
        model.set_items(fishbone(pm))
        assert shown(model) == [(i.element_id, i.parent) for i in fishbone(pm)]
        assert walk(model) == shown(model)
    qtmodeltester.check(model, force_py=force_py)


@pytest.mark.parametrize("force_py", [False, True])
def test_whys_model_passes_qtmodeltester(qapp, qtmodeltester, force_py):
    pm = sample_postmortem()
    model = OutlineModel(3)
    model.reset_items(whys(pm))
    qtmodeltester.check(model, force_py=force_py)
    for edit in [
        lambda pm: cause_tree.add_why(pm, "Why 4", parent_id="w3")[0],
        lambda pm: cause_tree.indent_why(pm, "w4"),
        lambda pm: cause_tree.outdent_why(pm, "w2"),
        lambda pm: cause_tree.move_why(pm, "w2", -1),
        lambda pm: cause_tree.remove_why(pm, "w1"),
        lambda pm: dataclasses.replace(pm, whys=()),
        lambda pm: sample_postmortem(),
    ]:
        pm = edit(pm)
        model.set_items(whys(pm))
        assert walk(model) == [(i.element_id, i.parent) for i in whys(pm)]
    qtmodeltester.check(model, force_py=force_py)


def test_rows_keep_their_identity_when_they_move(qapp):
    pm = sample_postmortem()
    model = OutlineModel(2)
    model.reset_items(fishbone(pm))
    held = QPersistentModelIndex(model.index_of("cause-b"))
    child = QPersistentModelIndex(model.index_of("cause-a1"))
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_items(fishbone(cause_tree.indent_cause(pm, "b")))
    assert held.isValid()
    assert held.data(ELEMENT_ID_ROLE) == "cause-b"
    assert held.parent().data(ELEMENT_ID_ROLE) == "cause-a"
    model.set_items(fishbone(cause_tree.remove_cause(pm, "a")))
    assert not child.isValid()
    assert resets == []


def test_only_changed_rows_repaint(qapp):
    pm = sample_postmortem()
    model = OutlineModel(2)
    model.reset_items(fishbone(pm))
    changed = []
    model.dataChanged.connect(lambda first, _last: changed.append(first.data(ELEMENT_ID_ROLE)))
    model.set_items(fishbone(cause_tree.update_cause(pm, "c", text="Edited")))
    assert changed == ["cause-c"]


def test_editing_asks_and_never_changes_the_model(qapp):
    pm = sample_postmortem()
    model = OutlineModel(2)
    model.reset_items(fishbone(pm))
    asked = []
    model.text_edited.connect(lambda element, text: asked.append((element, text)))
    index = model.index_of("cause-c")
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "Changed") is True
    assert asked == [("cause-c", "Changed")]
    assert index.data() == "Config linter lacks TTL rule"
    assert index.data(Qt.ItemDataRole.EditRole) == "Config linter lacks TTL rule"


def test_whys_rows_are_numbered_by_depth_and_mark_chain_ends(qapp):
    pm = sample_postmortem()
    model = OutlineModel(3)
    model.reset_items(whys_rows(pm, {}, ("w3", "w4")))
    assert [item.display for item in model.items()] == [
        "Why 1: Cache entries expired at once",
        "Why 2: TTL was set to zero",
        "Why 3: The default changed",
        "Why 2: Nobody noticed",
    ]
    marks = [model.index_of(f"why-{i}").data(CHAIN_END_ROLE) for i in ("w1", "w2", "w3", "w4")]
    assert marks == [False, False, True, True]


def test_each_classification_has_its_own_shape(qapp):
    images = [classification_icon(c).pixmap(24, 24).toImage() for c in CLASSIFICATION_ORDER]
    for first in range(len(images)):
        for second in range(first + 1, len(images)):
            assert images[first] != images[second]
    # The shapes differ without colour too: compare the alpha masks.
    masks = [
        classification_icon(c).pixmap(24, 24).toImage().createAlphaMask()
        for c in CLASSIFICATION_ORDER
    ]
    assert len({mask.bits().tobytes() for mask in masks}) == len(CLASSIFICATION_ORDER)


def test_marks_take_their_own_slot(qapp):
    root = CauseClassification.ROOT_CAUSE
    plain = outline_icon(root, slots=3).pixmap(72, 24).toImage()
    blamed = outline_icon(root, blame=True, slots=3).pixmap(72, 24).toImage()
    ended = outline_icon(root, chain_end=True, slots=3).pixmap(72, 24).toImage()
    assert plain != blamed
    assert plain != ended
    assert blamed != ended
    # The classification slot is the same in all three, so text lines up.
    assert plain.copy(0, 0, 24, 24) == blamed.copy(0, 0, 24, 24) == ended.copy(0, 0, 24, 24)


def test_element_ids_round_trip():
    assert ElementKind.CAUSE.element_id("abc") == "cause-abc"
    assert split_element_id("why-w1") == (ElementKind.WHY, "w1")
    assert split_element_id("category-x-y") == (ElementKind.CATEGORY, "x-y")
    assert split_element_id("event-1") is None
    assert split_element_id("cause-") is None
