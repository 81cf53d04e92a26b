"""The action items model: a checked Qt model with coaching marks and tracker links."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from app.domain.action_coaching import action_item_warnings
from app.ui.action_items.table_model import NOTES_ROLE, URL_ROLE, ActionItemsModel
from tests.ui.action_items.conftest import PATTERN, TODAY, sample_postmortem


def column(model: ActionItemsModel, name: str) -> int:
    return model.column_of(name)


def test_the_model_passes_qtmodeltester_through_edits(qapp, qtmodeltester):
    pm = sample_postmortem()
    model = ActionItemsModel()
    model.set_records(pm.action_items)
    model.set_coaching(action_item_warnings(pm, today=TODAY))
    model.set_tracker_pattern(PATTERN)
    qtmodeltester.check(model, force_py=True)
    first, second = pm.action_items
    model.set_records((second, first))
    model.set_records((second, first, dataclasses.replace(first, id="a3")))
    model.set_records((first,))
    qtmodeltester.check(model, force_py=True)


def test_columns_marks_and_links(qapp):
    pm = sample_postmortem()
    model = ActionItemsModel()
    model.set_records(pm.action_items)
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == [
        "Title",
        "Owner",
        "Due",
        "Category",
        "Priority",
        "Tracker",
        "Status",
        "Addresses",
        "Public",
    ]
    title, tracker = column(model, "title"), column(model, "tracker")
    assert model.index(1, title).data(Qt.ItemDataRole.DecorationRole) is None
    model.set_coaching(action_item_warnings(pm, today=TODAY))
    assert model.index(0, title).data(Qt.ItemDataRole.DecorationRole) is None  # a1 is complete
    assert model.index(1, title).data(Qt.ItemDataRole.DecorationRole) is not None
    rules = [note.rule for note in model.index(1, title).data(NOTES_ROLE)]
    assert rules == ["vague", "no_owner", "no_due", "no_category"]
    assert model.index(1, title).data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "4 coaching notes"
    )
    assert model.index(0, tracker).data(URL_ROLE) is None  # a key, and no pattern yet
    model.set_tracker_pattern(PATTERN)
    assert model.index(0, tracker).data(URL_ROLE) == "https://tracker.example.com/browse/OPS-101"
    assert model.index(0, tracker).data(Qt.ItemDataRole.FontRole).underline()
    assert model.index(0, tracker).data() == "OPS-101"
