"""TimelineTableModel: a well-behaved adapter, edits as whole new tuples, marks, small signals."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.model import Milestone, TimelineEvent
from app.domain.timeparse import zone_named
from app.ui.timeline.table_model import PROBLEM_ROLE, Column, TimelineTableModel

Role = Qt.ItemDataRole


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def event(event_id: str, at: str, text: str = "", **fields) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=utc(at), description=text or event_id, **fields)


TIMELINE = (
    event("a", "2024-01-15 14:02", "Deploy 4812 starts", milestone=Milestone.ONSET),
    event("b", "2024-01-15 14:09", "Latency alert", milestone=Milestone.DETECTION),
    event("c", "2024-01-15 14:09", "On-call paged", key_event=True),
    event("d", "2024-01-15 14:31", "Rolled back", evidence="https://ci.example/4812"),
)


class Requests:
    """Records every requested timeline; optionally stores it straight back, like the window."""

    def __init__(self, model: TimelineTableModel, *, store: bool = False) -> None:
        self.calls: list[tuple[tuple[TimelineEvent, ...], str]] = []
        self.model = model
        self.store = store
        model.change_requested.connect(self._record)

    def _record(self, events, label) -> None:
        self.calls.append((events, label))
        if self.store:
            self.model.set_events(events)

    @property
    def last(self) -> tuple[tuple[TimelineEvent, ...], str]:
        return self.calls[-1]


@pytest.fixture
def model(qapp):
    model = TimelineTableModel()
    model.set_events(TIMELINE)
    return model


def cell(model: TimelineTableModel, row: int, column: Column):
    number = model.column_of(column)
    assert number is not None
    return model.index(row, number)


def test_passes_qtmodeltester_through_every_kind_of_change(qtmodeltester, model):
    # The tester stays connected after check() and verifies every later signal sequence.
    qtmodeltester.check(model, force_py=True)
    model.set_local_zone(zone_named("Europe/Berlin"))
    model.setData(cell(model, 0, Column.TIME), "not a time")
    model.set_events((*TIMELINE[1:], event("e", "2024-01-15 13:00")))  # remove and insert: reset
    model.set_events((event("f", "2024-01-15 12:00"), *model.events))  # insert
    moved = dataclasses.replace(model.events[0], at=utc("2024-01-15 23:00"))
    model.set_events((moved, *model.events[1:]))  # reorder
    model.set_events(model.events[:-1])  # remove
    model.set_local_zone(None)
    model.set_events(())
    qtmodeltester.check(model, force_py=True)


def test_rows_are_in_time_order_and_equal_times_keep_entry_order(qapp):
    model = TimelineTableModel()
    late, first_at_nine, second_at_nine = (
        event("late", "2024-01-15 15:00"),
        event("x", "2024-01-15 09:00"),
        event("y", "2024-01-15 09:00"),
    )
    model.set_events((late, first_at_nine, second_at_nine))
    assert [e.id for e in model.events] == ["x", "y", "late"]
    model.set_events((second_at_nine, late, first_at_nine))
    assert [e.id for e in model.events] == ["y", "x", "late"]


def test_cells_show_utc_time_milestone_and_plain_text(model):
    assert cell(model, 0, Column.TIME).data() == "2024-01-15 14:02"
    assert cell(model, 0, Column.MILESTONE).data() == "Onset"
    assert cell(model, 0, Column.MILESTONE).data(Role.DecorationRole) is not None
    assert cell(model, 2, Column.MILESTONE).data() == ""
    assert cell(model, 2, Column.STAR).data(Role.CheckStateRole) == Qt.CheckState.Checked
    assert cell(model, 3, Column.EVIDENCE).data() == "https://ci.example/4812"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Time (UTC)"


def test_tooltips_show_user_text_literally(model):
    sneaky = dataclasses.replace(TIMELINE[3], description='<img src="/etc/passwd"> <b>bold</b>')
    model.set_events((*TIMELINE[:3], sneaky))
    tip = cell(model, 3, Column.DESCRIPTION).data(Role.ToolTipRole)
    assert "<img" not in tip
    assert "&lt;img src=&quot;/etc/passwd&quot;&gt; &lt;b&gt;bold&lt;/b&gt;" in tip
    assert cell(model, 3, Column.DESCRIPTION).data() == '<img src="/etc/passwd"> <b>bold</b>'


def test_local_column_shows_the_chosen_zone_beside_utc(model):
    model.set_local_zone(zone_named("Europe/Berlin"))
    assert model.columns[:3] == [Column.STAR, Column.TIME, Column.LOCAL_TIME]
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Time (Europe/Berlin)"
    assert cell(model, 0, Column.LOCAL_TIME).data() == "2024-01-15 15:02"
    assert "15:02 Europe/Berlin" in cell(model, 0, Column.TIME).data(Role.ToolTipRole)
    model.set_local_zone(None)
    assert Column.LOCAL_TIME not in model.columns


def test_typed_time_in_a_zone_is_stored_in_utc_and_keeps_what_was_typed(model):
    requests = Requests(model)
    model.set_zone(zone_named("Europe/Berlin"))
    assert model.setData(cell(model, 3, Column.TIME), "14:40")
    events, label = requests.last
    assert label == "Edit Event Time"
    moved = next(e for e in events if e.id == "d")
    assert moved.at == utc("2024-01-15 13:40")
    assert moved.entered_as == "14:40 (Europe/Berlin)"
    assert [e.id for e in events] == ["d", "a", "b", "c"]


def test_typed_as_shows_in_the_time_tooltip(model):
    typed = dataclasses.replace(TIMELINE[0], entered_as="15:02 (Europe/Berlin)")
    model.set_events((typed, *TIMELINE[1:]))
    assert "Typed as: 15:02 (Europe/Berlin)" in cell(model, 0, Column.TIME).data(Role.ToolTipRole)


def test_unreadable_time_is_kept_marked_and_not_requested(model):
    requests = Requests(model)
    index = cell(model, 1, Column.TIME)
    assert not model.setData(index, "25:99")
    assert requests.calls == []
    assert index.data() == "25:99"
    assert index.data(Role.EditRole) == "25:99"
    assert index.data(PROBLEM_ROLE) == "25:99 is not a time"
    assert "Not saved: 25:99 is not a time" in index.data(Role.ToolTipRole)
    assert "25:99" in model.latest_refusal()
    model.clear_refusal("b")
    assert index.data() == "2024-01-15 14:09"
    assert model.latest_refusal() == ""


def test_a_refused_time_survives_a_refresh_and_a_good_one_clears_it(model):
    requests = Requests(model, store=True)
    model.setData(cell(model, 1, Column.TIME), "soon")
    model.set_events(TIMELINE)
    assert cell(model, 1, Column.TIME).data() == "soon"
    assert model.setData(cell(model, 1, Column.TIME), "14:10")
    assert requests.last[1] == "Edit Event Time"
    assert model.refusal("b") == ""


def test_unchanged_time_text_is_not_an_edit(model):
    requests = Requests(model)
    model.set_zone(zone_named("Europe/Berlin"))
    index = cell(model, 0, Column.TIME)
    assert index.data(Role.EditRole) == "2024-01-15 15:02"  # the editor opens in the typing zone
    assert model.setData(index, "2024-01-15 15:02")
    assert requests.calls == []


def test_time_typed_without_a_date_falls_on_the_rows_date(model):
    requests = Requests(model)
    model.setData(cell(model, 0, Column.TIME), "2:05 pm")
    assert requests.last[0][0].at == utc("2024-01-15 14:05")


def test_text_and_check_edits_have_labels(model):
    requests = Requests(model)
    model.setData(cell(model, 0, Column.DESCRIPTION), "Deploy 4812 begins")
    assert requests.last[1] == "Edit Event Description"
    assert requests.last[0][0].description == "Deploy 4812 begins"
    model.setData(cell(model, 0, Column.STAR), Qt.CheckState.Checked, Role.CheckStateRole)
    assert requests.last[1] == "Star Event"
    assert requests.last[0][0].key_event
    model.setData(cell(model, 2, Column.STAR), Qt.CheckState.Unchecked.value, Role.CheckStateRole)
    assert requests.last[1] == "Unstar Event"
    model.setData(cell(model, 1, Column.INTERNAL), Qt.CheckState.Checked, Role.CheckStateRole)
    assert requests.last[1] == "Make Event Internal-Only"
    assert len(requests.calls) == 4


def test_marking_a_free_milestone_needs_no_question(model):
    requests = Requests(model)
    model.confirm_milestone_move = lambda *_: pytest.fail("nothing to move")
    assert model.setData(cell(model, 3, Column.MILESTONE), Milestone.MITIGATION)
    events, label = requests.last
    assert label == "Mark Mitigation"
    assert events[3].milestone is Milestone.MITIGATION
    model.setData(cell(model, 0, Column.MILESTONE), None)
    assert requests.last[1] == "Unmark Onset"


@pytest.mark.parametrize("answer", [True, False])
def test_moving_a_marked_milestone_asks(model, answer):
    requests = Requests(model)
    asked = []
    model.confirm_milestone_move = lambda milestone, holder: (
        asked.append((milestone, holder.id)) or answer
    )
    model.setData(cell(model, 3, Column.MILESTONE), Milestone.DETECTION)
    assert asked == [(Milestone.DETECTION, "b")]
    if not answer:
        assert requests.calls == []
        return
    events, label = requests.last
    assert label == "Move Detection"
    assert [e.milestone for e in events] == [Milestone.ONSET, None, None, Milestone.DETECTION]


def test_out_of_order_milestones_are_marked_live(model):
    assert cell(model, 1, Column.MILESTONE).data(PROBLEM_ROLE) == ""
    early = dataclasses.replace(TIMELINE[1], at=utc("2024-01-15 13:55"))
    changed = []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), bottom.row())))
    model.set_events((TIMELINE[0], early, *TIMELINE[2:]))
    index = cell(model, 0, Column.MILESTONE)
    assert model.events[0].id == "b"
    assert index.data(PROBLEM_ROLE) == "detection is before the onset (14:02)"
    assert "Out of order: detection is before the onset (14:02)" in index.data(Role.ToolTipRole)
    model.set_events(TIMELINE)
    assert cell(model, 1, Column.MILESTONE).data(PROBLEM_ROLE) == ""


def test_one_changed_row_is_one_small_data_change_not_a_reset(qtbot, qapp):
    base = datetime(2024, 1, 15, tzinfo=UTC)
    from datetime import timedelta

    big = tuple(
        TimelineEvent(id=f"e{n}", at=base + timedelta(minutes=n), description=f"line {n}")
        for n in range(5000)
    )
    model = TimelineTableModel()
    model.set_events(big)
    assert model.rowCount() == 5000
    resets, changes, inserted, removed = [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, bottom, _roles: changed_rows(changes, top, bottom))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    edited = dataclasses.replace(big[2500], description="edited")
    model.set_events((*big[:2500], edited, *big[2501:]))
    assert changes == [(2500, 2501)]
    added = TimelineEvent(id="new", at=big[10].at, description="added")
    model.set_events((*big[:11], added, *big[11:2500], edited, *big[2501:]))
    assert inserted == [(11, 11)]
    model.set_events((*big[:11], *big[11:2500], edited, *big[2501:4000]))
    assert removed == [(4001, 5000), (11, 11)]  # the last block first, so rows stay valid
    assert resets == []
    assert model.rowCount() == 4000


def changed_rows(changes, top, bottom) -> None:
    changes.append((top.row(), bottom.row()))


def test_an_unrelated_timeline_resets(model):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_events((event("z", "2024-02-01 10:00"),))
    assert resets == [1]
    assert [e.id for e in model.events] == ["z"]
