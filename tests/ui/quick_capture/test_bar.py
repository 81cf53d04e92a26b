"""The command bar: what each line previews, what Enter emits, refusals, completions, commands,
and how it opens, closes and sits over its host."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication

from app.domain.model import Milestone, ObservationKind, Stage, TimelineEvent
from app.ui.quick_capture.choice_list import MAX_ROWS
from tests.ui.accessibility import check_plain_and_named
from tests.ui.quick_capture.conftest import RAISED_AT, Capture

Enter = Qt.Key.Key_Return


# -- previews -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "sentence"),
    [
        (
            "14:02 db failover started",
            "Timeline event",
            "Add a timeline event at 14:02 UTC: db failover started",
        ),
        (
            "! rollback button for deploys",
            "Action item",
            "Add an action item: rollback button for deploys",
        ),
        ("+ paging worked", "Went well", "Add to went well: paging worked"),
        ("- runbook was stale", "Went wrong", "Add to went wrong: runbook was stale"),
        ("~ lucky: low traffic", "Where we got lucky", "Add to where we got lucky: low traffic"),
        (
            "? why did retries amplify load",
            "Five whys",
            "Add a five-whys answer to the problem statement: why did retries amplify load",
        ),
        ("# vendor SLA", "Parking lot", "Park for later: vendor SLA"),
        ("timeline", "Stage", "Go to Timeline & impact"),
        ("exp", "Command", "Run Export…"),
    ],
)
def test_each_line_previews_what_enter_will_do(
    capture: Capture, qtbot, typed: str, kind: str, sentence: str
) -> None:
    capture.type(qtbot, typed)
    assert capture.shown == (kind, sentence)
    assert capture.bar.preview_line.text.property("tone") is None
    assert capture.requests == []  # nothing is added before Enter


def test_an_empty_line_says_what_can_be_typed(capture: Capture, qtbot) -> None:
    capture.bar.open()
    assert capture.shown == ("", "Type a time, ! + - ~ ? #, or a stage or command")
    assert capture.bar.field.placeholderText().startswith("14:02 what happened")
    assert capture.rows == []


# -- Enter adds ---------------------------------------------------------------------------------


def test_enter_adds_a_timeline_event_in_utc_with_its_milestone(capture: Capture, qtbot) -> None:
    capture.zone = ZoneInfo("Europe/Berlin")
    capture.push()
    capture.type(qtbot, "14:02 detected: alert fired")
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, label, stage),) = capture.requests
    assert (set(changes), label, stage) == ({"timeline"}, "Add Timeline Event", Stage.TIMELINE)
    added = next(event for event in changes["timeline"] if event.description == "alert fired")
    assert added.at == datetime(2024, 3, 5, 13, 2, tzinfo=UTC)
    assert added.milestone is Milestone.DETECTION
    assert added.entered_as == "14:02 (Europe/Berlin)"
    # The field is ready for the next capture, and says what was just added.
    assert capture.bar.isVisible()
    assert capture.bar.field.text() == ""
    assert capture.bar.field.hasFocus()
    assert capture.shown == (
        "Done",
        "Added a timeline event at 14:02 Europe/Berlin (13:02 UTC), marked as detection: "
        "alert fired",
    )
    assert capture.bar.preview_line.text.property("tone") == "success"


def test_enter_adds_an_action_item(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! rollback button for deploys")
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, label, stage),) = capture.requests
    assert (set(changes), label, stage) == ({"action_items"}, "Add Action Item", Stage.ACTION_ITEMS)
    assert [item.title for item in changes["action_items"]] == ["rollback button for deploys"]


@pytest.mark.parametrize(
    ("typed", "added"),
    [
        ("+ paging worked", (ObservationKind.WENT_WELL, "paging worked", "Add Went Well Item")),
        (
            "- runbook was stale",
            (ObservationKind.WENT_WRONG, "runbook was stale", "Add Went Wrong Item"),
        ),
        ("~ lucky: low traffic", (ObservationKind.LUCKY, "low traffic", "Add Lucky Item")),
    ],
)
def test_enter_adds_an_observation_of_the_signs_kind(
    capture: Capture, qtbot, typed: str, added: tuple[ObservationKind, str, str]
) -> None:
    kind, text, label = added
    capture.type(qtbot, typed)
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, undo_label, stage),) = capture.requests
    assert (set(changes), undo_label, stage) == ({"observations"}, label, Stage.WHAT_WORKED)
    (observation,) = changes["observations"]
    assert (observation.kind, observation.text) == (kind, text)


def test_enter_adds_a_why_under_the_selected_answer(capture: Capture, qtbot) -> None:
    capture.selected_why = "w1"
    capture.push()
    capture.type(qtbot, "? why no backoff")
    assert capture.shown == (
        "Five whys",
        "Add a five-whys answer under “Retries had no backoff”: why no backoff",
    )
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, label, stage),) = capture.requests
    assert (set(changes), label, stage) == ({"whys"}, "Add Why", Stage.ROOT_CAUSE)
    assert [(why.text, why.parent_id) for why in changes["whys"]] == [
        ("Retries had no backoff", None),
        ("why no backoff", "w1"),
    ]


def test_a_parked_point_records_the_stage_and_time_and_belongs_to_the_current_stage(
    capture: Capture, qtbot
) -> None:
    capture.stage = Stage.TIMELINE
    capture.push()
    capture.bar.open("# ")
    assert capture.bar.field.text() == "# "
    qtbot.keyClicks(capture.bar.field, "vendor SLA")
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, label, stage),) = capture.requests
    assert (set(changes), label, stage) == ({"parking_lot"}, "Park a Point", Stage.TIMELINE)
    ((point),) = changes["parking_lot"]
    assert (point.text, point.raised_during, point.raised_at) == (
        "vendor SLA",
        Stage.TIMELINE,
        RAISED_AT,
    )
    assert capture.shown == ("Done", "Parked for later: vendor SLA")


def test_captures_come_in_bursts_each_on_the_postmortem_pushed_back(
    capture: Capture, qtbot
) -> None:
    capture.bar.open()
    for line in ("! first", "! second", "# third", "+ fourth"):
        qtbot.keyClicks(capture.bar.field, line)
        qtbot.keyClick(capture.bar.field, Enter)
    assert capture.pm is not None
    assert [item.title for item in capture.pm.action_items] == ["first", "second"]
    assert [point.text for point in capture.pm.parking_lot] == ["third"]
    assert [item.text for item in capture.pm.observations] == ["fourth"]
    assert len(capture.requests) == 4


def test_the_confirmation_gives_way_to_the_next_line(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! first")
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.shown[0] == "Done"
    qtbot.keyClicks(capture.bar.field, "! sec")
    assert capture.shown == ("Action item", "Add an action item: sec")
    capture.bar.field.clear()
    capture.bar._done_timer.timeout.emit()  # the confirmation's time is up
    assert capture.shown == ("", "Type a time, ! + - ~ ? #, or a stage or command")


# -- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("14:61 db failover", "Cannot add a timeline event. 14:61 is not a time"),
        ("!", "Cannot add an action item. Type the action item's title after !"),
        ("14:02 onset: db failover", "Cannot add a timeline event. The onset is already marked"),
        ("zzzz", "No stage or command matches “zzzz”"),
    ],
)
def test_an_invalid_line_shows_the_problem_in_words_and_enter_does_nothing(
    capture: Capture, qtbot, typed: str, sentence: str
) -> None:
    capture.type(qtbot, typed)
    kind, shown = capture.shown
    assert kind == "Problem"
    assert shown.startswith(sentence)
    assert capture.bar.preview_line.text.property("tone") == "error"
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.requests == []
    assert capture.commands == []
    assert capture.bar.field.text() == typed  # left to correct
    assert capture.bar.isVisible()


def test_without_a_postmortem_only_stages_and_commands_work(capture: Capture, qtbot) -> None:
    capture.pm = None
    capture.push()
    capture.type(qtbot, "! rollback")
    assert capture.shown == ("Problem", "Cannot add an action item. Open a postmortem first")
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.requests == []


def test_a_new_context_reads_the_open_line_again(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "14:02 detected: alert fired")
    assert capture.shown[0] == "Timeline event"
    assert capture.pm is not None
    pager = TimelineEvent(
        "e2", datetime(2024, 3, 5, 13, 30, tzinfo=UTC), "pager", Milestone.DETECTION
    )
    capture.pm = dataclasses.replace(capture.pm, timeline=(*capture.pm.timeline, pager))
    capture.push()  # someone marked the detection meanwhile
    assert capture.shown[0] == "Problem"
    assert "detection is already marked" in capture.shown[1]
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.requests == []


# -- completions ----------------------------------------------------------------------------------


def test_participant_names_complete_with_tab(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! ask pri")
    assert capture.rows == ["Priya Raman"]
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Tab)
    assert capture.bar.field.text() == "! ask Priya Raman "
    assert capture.bar.field.hasFocus()
    assert capture.rows == []
    qtbot.keyClicks(capture.bar.field, "about rollback")
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, _label, _stage),) = capture.requests
    assert changes["action_items"][-1].title == "ask Priya Raman about rollback"


def test_causes_complete_and_enter_takes_a_highlighted_completion(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "- cache stam")
    assert capture.rows == ["Cache stampede on deploy"]
    assert capture.bar.choices.current() is None  # Enter would still add the line as typed
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Down)
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.bar.field.text() == "- Cache stampede on deploy "
    assert capture.requests == []
    qtbot.keyClick(capture.bar.field, Enter)
    ((changes, _label, _stage),) = capture.requests
    assert changes["observations"][-1].text == "Cache stampede on deploy"


def test_completions_come_only_from_the_postmortem_given(capture: Capture, qtbot) -> None:
    # In presentation mode the window passes a filtered postmortem; nothing else is offered.
    assert capture.pm is not None
    capture.pm = dataclasses.replace(capture.pm, participants=())
    capture.push()
    capture.type(qtbot, "! ask pri")
    assert capture.rows == []
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Tab)  # nothing to complete: Tab moves on
    assert capture.bar.field.text() == "! ask pri"
    assert not capture.bar.isVisible()


def test_a_clicked_completion_goes_in_the_line(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "+ tom")
    choices = capture.bar.choices
    rect = choices.visualItemRect(choices.item(0))
    qtbot.mouseClick(choices.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert capture.bar.field.text() == "+ Tomás Ortega "
    assert capture.bar.isVisible()


# -- stages and commands --------------------------------------------------------------------------


def test_a_stage_is_found_by_name_and_enter_goes_there(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "stage 3")
    assert capture.rows == ["Stage 3: Root cause analysis"]
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.commands == ["stage:3"]
    assert not capture.bar.isVisible()
    assert capture.other.hasFocus()  # back where it was, for the window to move on from


def test_up_and_down_choose_among_matches(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "re")
    rows = capture.rows
    assert "Review" in rows
    assert len(rows) > 1
    assert capture.bar.choices.current() == 0
    target = rows.index("Review")
    for _ in range(target):
        qtbot.keyClick(capture.bar.field, Qt.Key.Key_Down)
    assert capture.shown == ("Command", "Run Review")
    qtbot.keyClick(capture.bar.field, Enter)
    assert capture.commands == ["review"]


def test_the_highlight_stays_on_its_command_when_the_context_changes(
    capture: Capture, qtbot
) -> None:
    capture.type(qtbot, "re")
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Down)
    chosen = capture.shown
    capture.push()
    assert capture.shown == chosen


def test_down_on_an_empty_line_lists_every_stage_and_command(capture: Capture, qtbot) -> None:
    capture.bar.open()
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Down)
    assert capture.rows[:2] == ["Stage 1: Scope & audience", "Stage 2: Timeline & impact"]
    assert capture.rows[-3:] == ["Export…", "Presentation mode", "Review"]
    lines = capture.bar.choices.fontMetrics().lineSpacing()
    assert capture.bar.choices.height() < lines * (MAX_ROWS + 2)  # the rest scroll
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Up)
    assert capture.shown == ("Stage", "Go to Scope & audience")


def test_a_clicked_command_runs(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "pres")
    choices = capture.bar.choices
    rect = choices.visualItemRect(choices.item(0))
    qtbot.mouseClick(choices.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert capture.commands == ["presentation"]
    assert not capture.bar.isVisible()


# -- opening and closing --------------------------------------------------------------------------


def test_escape_closes_and_gives_focus_back(capture: Capture, qtbot) -> None:
    capture.other.setFocus()
    capture.type(qtbot, "! half typed")
    assert capture.bar.field.hasFocus()
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Escape)
    assert not capture.bar.isVisible()
    assert capture.other.hasFocus()
    capture.bar.open()  # the text waits, selected, to be typed over or kept
    assert capture.bar.field.text() == "! half typed"
    assert capture.bar.field.selectedText() == "! half typed"


def test_escape_wins_over_the_windows_escape_shortcut(capture: Capture, qtbot) -> None:
    triggered: list[bool] = []
    action = QAction("Leave presentation", capture.host)
    action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    action.triggered.connect(lambda: triggered.append(True))
    capture.host.addAction(action)
    capture.type(qtbot, "! x")
    qtbot.keyClick(capture.bar.field, Qt.Key.Key_Escape)
    assert not capture.bar.isVisible()
    assert triggered == []


def test_a_click_elsewhere_closes_it(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! x")
    qtbot.mouseClick(capture.other, Qt.MouseButton.LeftButton)
    assert not capture.bar.isVisible()
    assert capture.requests == []


def test_focus_moving_elsewhere_closes_it(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! x")
    capture.other.setFocus()
    assert not capture.bar.isVisible()
    capture.bar.open()  # and it opens again as before
    assert capture.bar.isVisible()
    assert capture.bar.field.hasFocus()


# -- where it sits --------------------------------------------------------------------------------


def test_it_floats_over_the_top_centre_of_its_host_and_follows_resizes(
    capture: Capture, qtbot
) -> None:
    bar, host = capture.bar, capture.host
    assert not bar.isWindow()
    assert bar.parentWidget() is host
    capture.type(qtbot, "! x")
    geometry = bar.geometry()
    assert geometry.width() == round(host.width() * 0.6)
    assert abs(geometry.center().x() - host.rect().center().x()) <= 1
    assert geometry.top() < bar.fontMetrics().lineSpacing()
    host.resize(520, 400)
    qtbot.waitUntil(lambda: bar.width() < geometry.width())
    assert host.rect().contains(bar.geometry())
    host.resize(1400, 900)
    qtbot.waitUntil(lambda: bar.width() == round(1400 * 0.6))
    assert host.rect().contains(bar.geometry())


def preview_fits(bar) -> None:
    """The whole preview is in the bar: a wrapped sentence has the height its lines need."""
    label = bar.preview_line.text
    assert label.height() >= label.heightForWidth(label.width())
    bottom = label.mapTo(bar, QPoint(0, label.height())).y()
    assert bottom <= bar.height()


LONG_LINE = "14:02 onset: the replica lagged behind the primary for several minutes while traffic"


def test_a_preview_that_wraps_gets_the_lines_it_needs(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! x")
    one_line = capture.bar.height()
    capture.bar.field.setText(LONG_LINE)  # the onset is marked: a long problem to show
    capture.bar.field.textEdited.emit(LONG_LINE)
    assert capture.shown[0] == "Problem"
    qtbot.waitUntil(lambda: preview_fits(capture.bar))
    assert capture.bar.height() > one_line


def test_it_grows_with_the_font_and_stays_inside(capture: Capture, qtbot) -> None:
    bar, host = capture.bar, capture.host
    capture.type(qtbot, LONG_LINE)
    qtbot.waitUntil(lambda: preview_fits(bar))
    small, margin = bar.height(), bar.layout().contentsMargins().left()
    font = QFont(host.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    host.setFont(font)
    qtbot.waitUntil(lambda: bar.height() > small)
    qtbot.waitUntil(lambda: preview_fits(bar))
    assert host.rect().contains(bar.geometry())
    assert bar.layout().contentsMargins().left() > margin  # spacing is in lines too


def test_every_label_is_plain_and_every_control_named(capture: Capture, qtbot) -> None:
    capture.type(qtbot, "! ask pri")
    assert capture.rows
    check_plain_and_named(capture.bar)
    assert capture.bar.field.accessibleDescription().startswith("Start with a time")
    assert QApplication.activeModalWidget() is None
