"""RecordTableModel: a correct Qt model over every collection type, that asks rather than edits."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from app.domain.model import (
    ActionItem,
    ActionStatus,
    AppendixLink,
    Cause,
    FishboneCategory,
    FollowUpReview,
    Milestone,
    Observation,
    Postmortem,
    TimelineEvent,
    WhyAnswer,
)
from app.ui.forms.table_model import RecordTableModel

from .conftest import utc

COLLECTIONS = {
    TimelineEvent: "timeline",
    FishboneCategory: "fishbone_categories",
    Cause: "causes",
    WhyAnswer: "whys",
    Observation: "observations",
    ActionItem: "action_items",
    AppendixLink: "appendix",
    FollowUpReview: "follow_up_reviews",
}


def column(model: RecordTableModel, name: str) -> int:
    return [spec.name for spec in model.columns].index(name)


class Spy:
    def __init__(self, signal: Any) -> None:
        self.calls: list[tuple[Any, ...]] = []
        signal.connect(lambda *args: self.calls.append(args))


@pytest.mark.parametrize("record_type", list(COLLECTIONS), ids=lambda t: t.__name__)
def test_model_passes_qtmodeltester(qtmodeltester, populated, record_type):
    # pytest-qt uses Qt's C++ tester, which reports failures as Qt warnings; those fail the test
    # (qt_log_level_fail). It keeps checking while the records change below.
    model = RecordTableModel(record_type)
    records = getattr(populated, COLLECTIONS[record_type])
    assert len(records) > 1, "the fixture must populate every collection with several items"
    qtmodeltester.check(model)
    model.set_records(records[:1])  # insert
    model.set_records(records)  # insert more
    model.set_records(tuple(reversed(records)))  # reorder: a layout change
    model.set_records(records[1:])  # remove
    model.set_records((*records[2:], records[0]))  # neither: a reset
    model.set_records(records)
    assert model.rowCount() == len(records)


@pytest.mark.no_qt_log  # pytest-qt would fail this test on the tester's report, as intended above
def test_model_tester_reports_a_broken_model(populated):
    """The check above can fail: the same Qt tester reports a model that breaks a rule."""

    class Broken(RecordTableModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.CheckStateRole:
                return 7  # not a Qt.CheckState
            return super().data(index, role)

    model = Broken(FishboneCategory)
    model.set_records(populated.fishbone_categories)
    reports: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, message: reports.append(message))
    try:
        mode = QAbstractItemModelTester.FailureReportingMode.Warning
        tester = QAbstractItemModelTester(model, mode)
    finally:
        qInstallMessageHandler(previous)
    assert tester is not None
    assert any(message.startswith("FAIL!") for message in reports)


def test_edit_text_cell_requests_new_tuple_with_label(populated):
    model = RecordTableModel(ActionItem)
    model.set_records(populated.action_items)
    requested = Spy(model.change_requested)
    assert model.setData(model.index(1, column(model, "owner")), "Kim")
    ((records, label),) = requested.calls
    assert records == (
        populated.action_items[0],
        dataclasses.replace(populated.action_items[1], owner="Kim"),
    )
    assert label == "Edit Action Item Owner"
    assert model.records == populated.action_items, "the model waits for the stored result"


def test_edit_enum_date_and_check_cells(populated):
    model = RecordTableModel(ActionItem)
    model.set_records(populated.action_items)
    requested = Spy(model.change_requested)
    model.setData(model.index(0, column(model, "status")), ActionStatus.DONE)
    model.setData(model.index(0, column(model, "due")), "2024-05-02")
    model.setData(
        model.index(0, column(model, "public")),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    values = [records[0] for records, _label in requested.calls]
    assert values[0].status is ActionStatus.DONE
    assert values[1].due == date(2024, 5, 2)
    assert values[2].public is True
    assert [label for _records, label in requested.calls] == [
        "Edit Action Item Status",
        "Edit Action Item Due",
        "Edit Action Item Public",
    ]


def test_invalid_datetime_is_refused_with_reason_and_not_requested(populated):
    model = RecordTableModel(TimelineEvent)
    model.set_records(populated.timeline)
    requested, refused = Spy(model.change_requested), Spy(model.edit_refused)
    index = model.index(0, column(model, "at"))
    assert not model.setData(index, "yesterday at noon")
    assert requested.calls == []
    ((reason,),) = refused.calls
    assert "YYYY-MM-DD HH:MM" in reason
    assert "YYYY-MM-DD HH:MM" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert not model.setData(index, "2024-03-05 14:02:30")  # seconds: minute resolution
    assert "minute" in refused.calls[-1][0]
    assert model.setData(index, "2024-03-05 14:03")
    assert requested.calls[-1][0][0].at == utc("2024-03-05 14:03")
    assert model.refusal(0, index.column()) == ""


def test_timeline_shows_utc_minutes_and_milestone_labels(populated):
    model = RecordTableModel(TimelineEvent)
    model.set_records(populated.timeline)
    assert model.data(model.index(0, column(model, "at"))) == "2024-03-05 14:02"
    assert model.data(model.index(0, column(model, "milestone"))) == "Onset"
    assert model.data(model.index(0, column(model, "milestone")), Qt.ItemDataRole.EditRole) is (
        Milestone.ONSET
    )
    assert model.headerData(column(model, "at"), Qt.Orientation.Horizontal) == "Time (UTC)"
    assert "id" not in [spec.name for spec in model.columns]


def test_references_show_names_and_refuse_unknown_ids(populated: Postmortem):
    model = RecordTableModel(
        Cause,
        references={
            "category_id": lambda _cause: [(c.id, c.name) for c in populated.fishbone_categories],
            "parent_id": lambda cause: (
                [(None, "(top level)")]
                + [(c.id, c.text) for c in populated.causes if c.id != cause.id]
            ),
        },
    )
    model.set_records(populated.causes)
    assert model.data(model.index(1, column(model, "category_id"))) == "Technology"
    assert model.data(model.index(1, column(model, "parent_id"))) == populated.causes[0].text
    requested, refused = Spy(model.change_requested), Spy(model.edit_refused)
    assert not model.setData(model.index(0, column(model, "category_id")), "no-such-category")
    assert refused.calls
    assert not requested.calls
    assert model.setData(model.index(0, column(model, "category_id")), "cat-process")
    assert requested.calls[0][0][0].category_id == "cat-process"


def test_text_list_cells_edit_one_item_per_line(populated):
    model = RecordTableModel(Cause)
    model.set_records(populated.causes)
    index = model.index(0, column(model, "evidence"))
    assert model.data(index) == "PR #4812; config diff"
    assert model.data(index, Qt.ItemDataRole.EditRole) == "PR #4812\nconfig diff"
    requested = Spy(model.change_requested)
    model.setData(index, "PR #4812\n\n  dashboard, 14:00-15:00  \n")
    assert requested.calls[0][0][0].evidence == ("PR #4812", "dashboard, 14:00-15:00")


def test_unchanged_value_requests_nothing(populated):
    model = RecordTableModel(AppendixLink)
    model.set_records(populated.appendix)
    requested = Spy(model.change_requested)
    assert model.setData(model.index(0, column(model, "title")), populated.appendix[0].title)
    assert requested.calls == []


def test_set_records_uses_row_signals_and_keeps_persistent_indexes(populated):
    model = RecordTableModel(TimelineEvent)
    events = populated.timeline
    model.set_records(events)
    inserted, removed, reset = (
        Spy(model.rowsInserted),
        Spy(model.rowsRemoved),
        Spy(model.modelReset),
    )
    tracked = QPersistentModelIndex(model.index(3, 0))
    model.set_records((*events[:2], *events[3:]))  # remove row 2
    assert [(first, last) for _parent, first, last in removed.calls] == [(2, 2)]
    assert tracked.row() == 2
    model.set_records(events)  # put it back
    assert [(first, last) for _parent, first, last in inserted.calls] == [(2, 2)]
    model.set_records((events[4], *events[:4]))  # move the last to the top
    assert tracked.row() == 4
    assert reset.calls == []
    assert model.index(0, 0).data() == "2024-03-05 14:58"
    assert model.rowCount(QModelIndex()) == 5
