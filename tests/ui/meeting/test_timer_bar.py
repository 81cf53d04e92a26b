"""The meeting timer bar, driven by a fake clock: what it shows, what it signals, what it keeps."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.domain.meeting_timer import TimerState
from app.domain.model import Postmortem, Severity, Stage, Template
from app.ui.meeting.timer_bar import MeetingTimerBar
from app.ui.theme import current_colours
from tests.ui.accessibility import check_plain_and_named

MINUTE = 60.0


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def postmortem(pm_id: int = 7, **changes) -> Postmortem:
    """A full-template postmortem: 5, 15, 20, 5, 10, 5 minutes (60 in all)."""
    fields = {"title": "Checkout latency", "severity": Severity.SEV2, "template": Template.FULL}
    return Postmortem(id=pm_id, **{**fields, **changes})


class Recorder:
    def __init__(self, bar: MeetingTimerBar) -> None:
        self.stages: list[Stage] = []
        self.ended = 0
        self.records: list[tuple[int, dict[Stage, int]]] = []
        self.notices: list[str] = []
        self.agenda = 0
        bar.stage_requested.connect(self.stages.append)
        bar.meeting_ended.connect(self._ended)
        bar.time_recorded.connect(lambda pm_id, spent: self.records.append((pm_id, spent)))
        bar.notice.connect(self.notices.append)
        bar.agenda_requested.connect(self._agenda)

    def _ended(self) -> None:
        self.ended += 1

    def _agenda(self) -> None:
        self.agenda += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def bar(qtbot, clock) -> MeetingTimerBar:
    widget = MeetingTimerBar(clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, widget.sizeHint().height())
    widget.show()
    widget.set_postmortem(postmortem())
    widget.follow_stage(Stage.SCOPE)
    return widget


@pytest.fixture
def seen(bar) -> Recorder:
    return Recorder(bar)


def shown(bar: MeetingTimerBar) -> tuple[str, str, str, str]:
    return (
        bar.stage_label.text(),
        bar.remaining_label.text(),
        bar.status_label.text(),
        bar.progress_label.text(),
    )


def tick(bar: MeetingTimerBar, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    bar.refresh()


def test_before_the_start_it_shows_the_first_stage_in_full(bar, clock):
    clock.advance(600)
    bar.refresh()
    assert shown(bar) == ("Scope & audience", "5:00", "Not started", "0 of 60 min")
    assert bar.start_pause_action.text() == "Start meeting"
    assert bar.start_pause_action.isEnabled()
    assert not bar.next_stage_action.isEnabled()
    assert not bar.end_action.isEnabled()
    assert bar.meeting_stage is None


def test_start_counts_down_and_pause_stops_the_clock(bar, clock, seen):
    bar.start_pause_action.trigger()
    assert bar.start_pause_action.text() == "Pause"
    assert bar.meeting_stage is Stage.SCOPE
    assert seen.stages == []  # the room is already on the first stage's page
    tick(bar, clock, 61)
    assert shown(bar) == ("Scope & audience", "3:59", "", "1 of 60 min")

    bar.start_pause_action.trigger()
    assert bar.timer.state is TimerState.PAUSED
    assert bar.start_pause_action.text() == "Resume"
    assert seen.records == [(7, {Stage.SCOPE: 61})]
    tick(bar, clock, 300)
    assert shown(bar)[1:3] == ("3:59", "Paused")

    bar.start_pause_action.trigger()
    tick(bar, clock, 9)
    assert bar.remaining_label.text() == "3:50"


def test_start_from_another_page_asks_for_the_first_stage(bar, seen):
    bar.follow_stage(Stage.ROOT_CAUSE)
    assert bar.stage_label.text() == "Scope & audience"
    bar.start_or_pause()
    assert seen.stages == [Stage.SCOPE]
    assert bar.meeting_stage is Stage.SCOPE


def test_ticking_runs_only_while_the_meeting_runs(bar):
    assert not bar._ticker.isActive()
    bar.start_or_pause()
    assert bar._ticker.isActive()
    bar.start_or_pause()
    assert not bar._ticker.isActive()


def test_next_stage_requests_the_page_and_accumulates_per_stage(bar, clock, seen):
    bar.start_or_pause()
    tick(bar, clock, 4 * MINUTE)
    bar.next_stage_action.trigger()
    assert seen.stages == [Stage.TIMELINE]
    assert seen.records[-1] == (7, {Stage.SCOPE: 240})
    bar.follow_stage(Stage.TIMELINE)  # the window shows the page it was asked for
    tick(bar, clock, MINUTE)
    assert shown(bar)[:2] == ("Timeline & impact", "14:00")
    assert bar.progress_label.text() == "5 of 60 min"

    bar.follow_stage(Stage.SCOPE)  # back to the first stage: its time goes on from 4 minutes
    tick(bar, clock, 30)
    assert shown(bar)[:2] == ("Scope & audience", "0:30")
    assert seen.records[-1] == (7, {Stage.SCOPE: 240, Stage.TIMELINE: 60})
    assert bar.timer.spent_seconds()[Stage.SCOPE] == 270


def test_next_on_the_last_stage_ends_the_meeting(bar, clock, seen):
    bar.follow_stage(Stage.FOLLOW_UP)
    bar.start_or_pause()  # a fresh meeting starts at the first stage
    bar.follow_stage(Stage.FOLLOW_UP)
    tick(bar, clock, 2 * MINUTE)
    bar.next_stage()
    assert seen.ended == 1
    assert seen.records[-1] == (7, {Stage.FOLLOW_UP: 120})
    assert seen.notices == ["The meeting ended after 2 of its 60 minutes."]
    assert bar.timer.state is TimerState.FINISHED
    assert bar.status_label.text() == "Meeting ended"
    assert bar.start_pause_action.text() == "Continue"
    assert not bar.next_stage_action.isEnabled()


def test_end_meeting_stops_the_clock_and_records(bar, clock, seen):
    bar.start_or_pause()
    tick(bar, clock, 90)
    bar.end_action.trigger()
    assert seen.ended == 1
    assert seen.records == [(7, {Stage.SCOPE: 90})]
    tick(bar, clock, 600)
    assert bar.timer.spent_seconds()[Stage.SCOPE] == 90
    assert not bar._ticker.isActive()
    bar.end_meeting()  # a second press does nothing
    assert seen.ended == 1


def test_near_the_end_the_time_changes_colour_and_says_so(bar, clock):
    colours = current_colours()
    bar.start_or_pause()
    tick(bar, clock, 3 * MINUTE + 59)  # 5-minute stage: near its end in the last minute
    label = bar.remaining_label
    assert label.property("phase") == "normal"
    assert label.palette().color(QPalette.ColorRole.WindowText) != colours["warning_text"]
    tick(bar, clock, 2)
    assert label.property("phase") == "near_end"
    label.ensurePolished()
    assert label.palette().color(QPalette.ColorRole.WindowText) == colours["warning_text"]
    assert label.palette().color(QPalette.ColorRole.Window) == colours["warning_background"]
    assert bar.status_label.text() == "\u26a0 Ending soon"  # not colour alone


def test_overrun_shows_negative_time_and_signals_once_without_a_dialog(bar, clock, seen):
    colours = current_colours()
    bar.start_or_pause()
    tick(bar, clock, 5 * MINUTE + 12)
    label = bar.remaining_label
    assert label.text() == "-0:12"
    assert label.property("phase") == "overrun"
    label.ensurePolished()
    assert label.palette().color(QPalette.ColorRole.WindowText) == colours["error_text"]
    assert bar.status_label.text() == "\u26a0 Over time"
    assert seen.notices == ["Scope & audience is over its 5 minutes."]
    assert bar.pulse.is_running()
    assert QApplication.activeModalWidget() is None
    popups = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog | QMessageBox)]
    assert not [w for w in popups if w.isVisible()]
    for _ in range(20):
        tick(bar, clock, 10)
    assert seen.notices == ["Scope & audience is over its 5 minutes."]


def test_the_pulse_fades_back_to_the_plain_bar(qtbot, clock):
    bar = MeetingTimerBar(clock=clock)
    qtbot.addWidget(bar)
    bar.pulse._animation.setDuration(50)
    bar.set_postmortem(postmortem())
    bar.start_or_pause()
    tick(bar, clock, 6 * MINUTE)
    assert bar.autoFillBackground()
    qtbot.waitUntil(lambda: not bar.pulse.is_running())
    assert not bar.autoFillBackground()


def test_time_is_recorded_at_least_once_a_minute_while_running(bar, clock, seen):
    bar.start_or_pause()
    for _ in range(8):
        tick(bar, clock, 15)  # two minutes in quarter-minute ticks
    assert seen.records == [(7, {Stage.SCOPE: 60}), (7, {Stage.SCOPE: 120})]


def test_the_same_postmortem_again_keeps_the_running_timer(bar, clock, seen):
    bar.start_or_pause()
    tick(bar, clock, 2 * MINUTE)
    stored = postmortem(meeting_time={Stage.SCOPE: 120})  # what the window stored
    bar.set_postmortem(stored)
    tick(bar, clock, MINUTE)
    assert bar.timer.state is TimerState.RUNNING
    assert bar.remaining_label.text() == "2:00"

    edited = dataclasses.replace(stored, agenda=dict.fromkeys(Stage, 10))
    bar.set_postmortem(edited)  # an edited agenda is picked up, the time kept
    assert bar.timer.state is TimerState.RUNNING
    assert shown(bar)[1:] == ("7:00", "", "3 of 60 min")
    tick(bar, clock, MINUTE)
    assert bar.remaining_label.text() == "6:00"


def test_an_edited_agenda_keeps_a_paused_meeting_paused(bar, clock):
    bar.start_or_pause()
    tick(bar, clock, MINUTE)
    bar.start_or_pause()
    bar.set_postmortem(postmortem(agenda={Stage.SCOPE: 2, Stage.TIMELINE: 3}))
    assert bar.timer.state is TimerState.PAUSED
    assert shown(bar)[1:] == ("1:00", "Paused", "1 of 5 min")


def test_another_postmortem_replaces_the_meeting_and_keeps_the_last_record(bar, clock, seen):
    bar.start_or_pause()
    tick(bar, clock, 30)
    other = postmortem(
        8, meeting_time={Stage.SCOPE: 300, Stage.TIMELINE: 120}, agenda={Stage.SCOPE: 5}
    )
    bar.set_postmortem(other)
    assert seen.records == [(7, {Stage.SCOPE: 30})]
    assert bar.timer.state is TimerState.NOT_STARTED
    assert bar.start_pause_action.text() == "Continue"
    assert bar.progress_label.text() == "7 of 5 min"
    # A continued meeting carries on where the facilitator is, not at the first stage.
    bar.follow_stage(Stage.TIMELINE)
    assert shown(bar)[:2] == ("Timeline & impact", "-2:00")
    bar.start_or_pause()
    assert bar.meeting_stage is Stage.TIMELINE
    assert seen.stages == []
    tick(bar, clock, 10)
    assert seen.notices == []  # it went over in an earlier sitting: no new signal

    bar.set_postmortem(None)
    assert seen.records[-1] == (8, {Stage.SCOPE: 300, Stage.TIMELINE: 130})
    assert bar.timer is None
    assert not bar.start_pause_action.isEnabled()
    assert not bar.agenda_action.isEnabled()


def test_follow_stage_while_paused_moves_the_stage_but_not_the_clock(bar, clock, seen):
    bar.start_or_pause()
    tick(bar, clock, MINUTE)
    bar.start_or_pause()
    records = len(seen.records)
    bar.follow_stage(Stage.ROOT_CAUSE)
    tick(bar, clock, 5 * MINUTE)
    assert bar.timer.state is TimerState.PAUSED
    assert shown(bar)[:3] == ("Root cause analysis", "20:00", "Paused")
    assert len(seen.records) == records
    bar.start_or_pause()
    tick(bar, clock, MINUTE)
    assert bar.timer.spent_seconds()[Stage.ROOT_CAUSE] == 60
    assert bar.timer.spent_seconds()[Stage.SCOPE] == 60


def test_follow_stage_before_the_start_changes_nothing(bar, clock, seen):
    bar.follow_stage(Stage.ACTION_ITEMS)
    tick(bar, clock, MINUTE)
    assert bar.timer.state is TimerState.NOT_STARTED
    assert bar.stage_label.text() == "Scope & audience"
    assert seen.records == []


def test_a_skipped_stage_can_still_be_timed(bar, clock, seen):
    bar.set_postmortem(postmortem(9, agenda={Stage.SCOPE: 5, Stage.WHAT_WORKED: 0}))
    bar.start_or_pause()
    bar.follow_stage(Stage.WHAT_WORKED)
    tick(bar, clock, 1)
    assert bar.remaining_label.text() == "-0:01"
    assert seen.notices == ["What worked / didn't has no time on this meeting's agenda."]


def test_agenda_action_asks_the_window(bar, seen):
    bar.agenda_action.trigger()
    assert seen.agenda == 1


def test_tooltips_follow_the_shortcuts_the_window_gives(bar):
    button = bar.buttons[1]
    assert button.defaultAction() is bar.next_stage_action
    assert button.accessibleName() == "Next stage"
    bar.next_stage_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
    shortcut = QKeySequence("Ctrl+Shift+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert button.toolTip() == f"Move the meeting on to the next stage ({shortcut})"
    bar.start_or_pause()
    assert bar.buttons[0].accessibleName() == "Pause"


def test_the_time_left_is_larger_and_follows_the_font(bar):
    base = bar.font().pointSizeF()
    assert bar.remaining_label.font().pointSizeF() == pytest.approx(base * 1.5)
    font = bar.font()
    font.setPointSizeF(base * 1.5)
    bar.setFont(font)
    assert bar.remaining_label.font().pointSizeF() == pytest.approx(base * 2.25)


def test_labels_are_plain_and_controls_named(bar):
    check_plain_and_named(bar)
    bar.set_postmortem(None)
    check_plain_and_named(bar)


def test_nothing_moves_as_the_status_and_the_buttons_change(bar, clock, qtbot):
    def places() -> list[int]:
        qtbot.wait(1)  # let the layout place what changed
        return [button.x() for button in bar.buttons]

    bar.follow_stage(Stage.FOLLOW_UP)
    before = places()
    bar.start_or_pause()  # "Start meeting" becomes "Pause"; the stage shown changes too
    tick(bar, clock, 4 * MINUTE + 30)  # near the end: "Ending soon"
    assert bar.status_label.text() == "\u26a0 Ending soon"
    assert places() == before


def test_it_asks_for_one_line_and_wraps_when_narrow(bar):
    one_line = bar.heightForWidth(4000)
    assert bar.sizeHint().height() == one_line
    assert bar.heightForWidth(bar.sizeHint().width()) == one_line
    narrow = bar.minimumSizeHint().width()
    assert narrow < bar.sizeHint().width() / 2
    assert bar.heightForWidth(narrow) > one_line
