"""Stage 6's meeting group: the parking lot kept by keyboard, and the time spent per stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.model import ParkingLotItem, Stage
from app.ui.follow_up.meeting_record import difference_text, duration_text
from app.ui.follow_up.parking_lot_model import POINT, ParkingLotModel
from tests.ui.accessibility import check_plain_and_named
from tests.ui.follow_up.conftest import follow_up_postmortem, utc
from tests.ui.follow_up.test_page import make

CHECKED = (Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)

RAISED = utc("2026-11-05 14:12")
POINTS = (
    ParkingLotItem("p1", "Who owns the cache TTL default?", RAISED, Stage.TIMELINE),
    ParkingLotItem("p2", "Second reviewer for config deploys?", RAISED, Stage.ROOT_CAUSE, True),
    ParkingLotItem("p3", "Runbook link is stale", RAISED + timedelta(minutes=9)),
)
SPENT = {Stage.SCOPE: 290, Stage.TIMELINE: 1130, Stage.ROOT_CAUSE: 1200}


@pytest.fixture
def parked(qtbot):
    page, store = make(qtbot, follow_up_postmortem(parking_lot=POINTS))
    return page, store


def shown_texts(page) -> list[str]:
    return [point.text for point in page.parking_lot.model.points]


def current_text(page) -> str | None:
    point = page.parking_lot.current_point()
    return None if point is None else point.text


def test_open_points_come_first_and_done_ones_are_struck_through(parked):
    page, _store = parked
    lot = page.parking_lot
    assert shown_texts(page) == [
        "Who owns the cache TTL default?",
        "Runbook link is stale",
        "Second reviewer for config deploys?",
    ]
    model = lot.model
    done = model.index(2, POINT)
    assert model.data(done, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(done, Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(0, POINT), Qt.ItemDataRole.FontRole) is None
    assert model.data(done, Qt.ItemDataRole.AccessibleTextRole).endswith(", done")
    assert model.data(model.index(0, 1)) == "Timeline & impact, 14:12"
    assert model.data(model.index(1, 1)) == "Outside the meeting, 14:21"
    assert lot.title() == "Parking lot (2 open of 3)"
    assert lot.empty_label.isHidden()


def test_the_date_shows_when_points_came_up_on_different_days(qtbot):
    later = ParkingLotItem("p9", "Next day", RAISED + timedelta(days=1), Stage.FOLLOW_UP)
    page, _store = make(qtbot, follow_up_postmortem(parking_lot=(POINTS[0], later)))
    model = page.parking_lot.model
    assert model.data(model.index(1, 1)) == "Communication & follow-up, 2026-11-06 14:12"


def test_typing_and_enter_parks_one_point_after_another(qtbot):
    page, store = make(qtbot, follow_up_postmortem())
    lot = page.parking_lot
    assert not lot.empty_label.isHidden()
    assert lot.view.isHidden()
    lot.stage_source = lambda: Stage.ROOT_CAUSE
    before = datetime.now(UTC).replace(microsecond=0)
    lot.entry.setFocus()
    qtbot.keyClicks(lot.entry, "  Who owns   the cache? ")
    qtbot.keyClick(lot.entry, Qt.Key.Key_Return)
    assert lot.entry.text() == ""
    assert lot.entry.hasFocus()
    qtbot.keyClick(lot.entry, Qt.Key.Key_Return)  # nothing typed: nothing parked
    page.set_meeting_stage_source(lambda: None)
    qtbot.keyClicks(lot.entry, "Stale runbook")
    qtbot.keyClick(lot.entry, Qt.Key.Key_Enter)
    assert store.labels == ["Park a Point", "Park a Point"]
    first, second = store.stored.parking_lot
    assert (first.text, first.raised_during, first.done) == (
        "Who owns the cache?",
        Stage.ROOT_CAUSE,
        False,
    )
    assert second.raised_during is None
    assert before <= first.raised_at <= datetime.now(UTC)
    assert lot.title() == "Parking lot (2 open of 2)"
    assert not lot.view.isHidden()


def test_space_marks_done_and_the_cursor_stays_for_the_next_point(qtbot, parked):
    page, store = parked
    lot = page.parking_lot
    assert page.reveal("p1")
    assert lot.view.hasFocus()
    qtbot.keyClick(lot.view, Qt.Key.Key_Space)
    assert store.labels == ["Mark Parked Point Done"]
    assert [point.done for point in store.stored.parking_lot] == [True, True, False]
    # p1 moved down with the done points; the cursor is on the next open one.
    assert shown_texts(page)[0] == "Runbook link is stale"
    assert current_text(page) == "Runbook link is stale"
    assert page.reveal("p2")
    qtbot.keyClick(lot.view, Qt.Key.Key_Space)
    assert store.labels[-1] == "Mark Parked Point Open"
    assert not store.stored.parking_lot[1].done


def test_ticking_the_box_and_the_button_do_the_same(parked):
    page, store = parked
    lot = page.parking_lot
    model = lot.model
    model.setData(model.index(0, POINT), *CHECKED)
    assert store.labels == ["Mark Parked Point Done"]
    page.reveal("p2")
    assert lot.done_button.text() == "Mark open"
    lot.done_button.click()
    assert store.labels[-1] == "Mark Parked Point Open"
    assert store.stored.parking_lot[1].done is False


def test_f2_edits_the_text_and_blank_text_is_kept(qtbot, parked):
    page, store = parked
    lot = page.parking_lot
    page.reveal("p3")
    qtbot.keyClick(lot.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Runbook link in the alert is stale")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(store.labels))  # the delegate commits on the next turn
    assert store.labels == ["Edit Parked Point"]
    assert store.stored.parking_lot[2].text == "Runbook link in the alert is stale"

    lot.model.setData(lot.model.index(0, POINT), "   ")
    assert store.labels == ["Edit Parked Point"]
    assert "empty point" in lot.status_label.text()
    assert not lot.status_label.isHidden()


def test_delete_removes_the_current_point(qtbot, parked):
    page, store = parked
    lot = page.parking_lot
    page.reveal("p1")
    qtbot.keyClick(lot.view, Qt.Key.Key_Delete)
    assert store.labels == ["Remove Parked Point"]
    assert [point.id for point in store.stored.parking_lot] == ["p2", "p3"]
    assert current_text(page) == "Runbook link is stale"
    lot.remove_button.click()
    assert [point.id for point in store.stored.parking_lot] == ["p2"]


def test_reveal_finds_parked_points_and_the_parking_lot_field(parked):
    page, _store = parked
    assert page.reveal("p2")
    assert current_text(page) == "Second reviewer for config deploys?"
    assert page.parking_lot.view.hasFocus()
    assert page.reveal("parking_lot")
    assert page.parking_lot.entry.hasFocus()
    assert not page.reveal("meeting_time"), "no table before the timer has run"


def test_time_spent_waits_for_the_timer(qtbot):
    page, _store = make(qtbot, follow_up_postmortem(parking_lot=POINTS))
    record = page.meeting_record
    assert record.table.isHidden()
    assert record.empty_label.text() == (
        "The meeting's time per stage appears here once the timer has run."
    )


def test_time_spent_per_stage_against_the_plan(qtbot):
    page, _store = make(qtbot, follow_up_postmortem(meeting_time=SPENT))
    record = page.meeting_record
    assert not record.table.isHidden()
    assert record.empty_label.isHidden()
    model = record.model
    rows = [
        [model.data(model.index(row, column)) for column in range(4)]
        for row in range(model.rowCount())
    ]
    # The follow-up postmortem is SEV2: the full template's 5, 15, 20, 5, 10, 5 minutes.
    assert rows == [
        ["Scope & audience", "5 min", "4 min 50 s", "10 s under"],
        ["Timeline & impact", "15 min", "18 min 50 s", "3 min 50 s over"],
        ["Root cause analysis", "20 min", "20 min", "on time"],
        ["What worked / didn't", "5 min", "0 s", "5 min under"],
        ["Action items", "10 min", "0 s", "10 min under"],
        ["Communication & follow-up", "5 min", "0 s", "5 min under"],
        ["Total", "60 min", "43 min 40 s", "16 min 20 s under"],
    ]
    total = model.index(6, 0)
    assert model.data(total, Qt.ItemDataRole.FontRole).bold()
    assert model.flags(total) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
    assert page.reveal("meeting_time")
    # The table is as tall as its rows: nothing scrolls out of sight.
    assert record.table.verticalScrollBar().maximum() == 0


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (40, "40 s"), (1200, "20 min"), (1395, "23 min 15 s")]
)
def test_durations_read_in_minutes_and_seconds(seconds, text):
    assert duration_text(timedelta(seconds=seconds)) == text


def test_differences_say_over_or_under():
    assert difference_text(timedelta(seconds=195)) == "3 min 15 s over"
    assert difference_text(timedelta(seconds=-60)) == "1 min under"
    assert difference_text(timedelta(0)) == "on time"


def test_the_models_pass_qtmodeltester(qtbot, qtmodeltester):
    page, store = make(qtbot, follow_up_postmortem(parking_lot=POINTS, meeting_time=SPENT))
    qtmodeltester.check(page.parking_lot.model, force_py=True)
    qtmodeltester.check(page.meeting_record.model, force_py=True)
    page.parking_lot.model.setData(
        page.parking_lot.model.index(0, POINT),
        *CHECKED,
    )
    qtmodeltester.check(page.parking_lot.model, force_py=True)
    assert store.labels == ["Mark Parked Point Done"]


def test_a_model_alone_never_changes_itself(qtbot):
    model = ParkingLotModel()
    model.set_points(POINTS)
    asked = []
    model.done_toggled.connect(lambda item_id, done: asked.append((item_id, done)))
    model.setData(model.index(0, POINT), *CHECKED)
    assert asked == [("p1", True)]
    assert not model.points[0].done
    assert not model.setData(model.index(0, 1), "text")


def test_user_text_is_plain_and_every_control_named(qtbot):
    markup = "<b>bold</b> <img src='x'>"
    point = ParkingLotItem("m1", markup, RAISED, Stage.SCOPE)
    page, _store = make(
        qtbot, follow_up_postmortem(parking_lot=(point, *POINTS), meeting_time=SPENT)
    )
    check_plain_and_named(page)
    assert page.parking_lot.model.data(page.parking_lot.model.index(0, POINT)) == markup


def tab_chain(qtbot, start, count: int) -> list:
    seen = [start]
    start.setFocus()
    for _ in range(count):
        qtbot.keyClick(seen[-1], Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


@pytest.mark.parametrize("timed", [False, True], ids=["before", "after"])
def test_tab_goes_from_the_external_summary_through_the_meeting(qtbot, timed):
    page, _store = make(
        qtbot, follow_up_postmortem(parking_lot=POINTS, meeting_time=SPENT if timed else {})
    )
    page.reveal("p1")  # a current point enables the buttons
    lot = page.parking_lot
    expected = [lot.entry, lot.view, lot.done_button, lot.remove_button]
    after = page.reviews.published_on.input_widget  # the right-hand column's first control
    assert tab_chain(qtbot, lot.entry, len(expected)) == [*expected, after]
    # The time spent comes after the reviews, before the notes (hidden before the timer ran).
    table = [page.meeting_record.table] if timed else []
    start = page.reviews.calendar_button
    assert tab_chain(qtbot, start, len(table) + 1) == [start, *table, page.notes.input_widget]
    lot.entry.setFocus()
    qtbot.keyClick(lot.entry, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.external.text_edit
