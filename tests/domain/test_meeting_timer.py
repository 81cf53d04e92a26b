from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.guidance import default_agenda
from app.domain.meeting_timer import (
    NEAR_END_LONGEST,
    MeetingTimer,
    StageTime,
    TimerError,
    TimerState,
    agenda_total,
    format_remaining,
    near_end_window,
)
from app.domain.model import Stage, Template

MINUTE = 60.0


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timer(clock: FakeClock) -> MeetingTimer:
    return MeetingTimer(default_agenda(Template.FULL), clock)


def minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


def test_default_agendas_add_up_to_the_meeting_length() -> None:
    assert agenda_total(default_agenda(Template.FULL)) == minutes(60)
    assert agenda_total(default_agenda(Template.LIGHTWEIGHT)) == minutes(30)
    assert list(default_agenda(Template.FULL).values()) == [5, 15, 20, 5, 10, 5]


def test_before_the_start_it_shows_the_first_stage_full_and_counts_nothing(
    timer: MeetingTimer, clock: FakeClock
) -> None:
    clock.advance(600)
    assert timer.state is TimerState.NOT_STARTED
    assert timer.current_stage is Stage.SCOPE
    assert timer.remaining() == minutes(5)
    assert timer.elapsed_in_stage() == timedelta(0)
    assert timer.phase() == "normal"
    assert not timer.overrun_started()


def test_start_counts_down_the_current_stage(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(1)
    assert timer.state is TimerState.RUNNING
    assert timer.current_stage is Stage.SCOPE
    assert timer.elapsed_in_stage() == timedelta(seconds=1)
    assert timer.remaining() == timedelta(minutes=4, seconds=59)
    assert format_remaining(timer.remaining()) == "4:59"


def test_paused_time_is_not_counted(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(30)
    timer.pause()
    assert timer.state is TimerState.PAUSED
    clock.advance(500)
    assert timer.elapsed_in_stage() == timedelta(seconds=30)
    timer.pause()  # twice is harmless
    timer.resume()
    assert timer.state is TimerState.RUNNING
    clock.advance(10)
    timer.resume()  # twice is harmless
    assert timer.elapsed_in_stage() == timedelta(seconds=40)
    assert timer.spent()[Stage.SCOPE] == timedelta(seconds=40)


def test_pause_resume_and_next_need_a_started_meeting(timer: MeetingTimer) -> None:
    for command in (timer.pause, timer.resume, timer.next_stage):
        with pytest.raises(TimerError, match="not started"):
            command()
    timer.start()
    timer.finish()
    with pytest.raises(TimerError, match="finished"):
        timer.pause()


def test_next_stage_moves_on_and_keeps_each_stage_time(
    timer: MeetingTimer, clock: FakeClock
) -> None:
    timer.start()
    clock.advance(4 * MINUTE)
    assert timer.next_stage() is Stage.TIMELINE
    assert timer.current_stage is Stage.TIMELINE
    assert timer.remaining() == minutes(15)
    clock.advance(16 * MINUTE)
    assert timer.spent()[Stage.SCOPE] == minutes(4)
    assert timer.spent()[Stage.TIMELINE] == minutes(16)
    assert timer.remaining() == -minutes(1)


def test_next_stage_from_a_pause_runs_the_next_stage(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(MINUTE)
    timer.pause()
    clock.advance(MINUTE)
    assert timer.next_stage() is Stage.TIMELINE
    assert timer.state is TimerState.RUNNING
    clock.advance(MINUTE)
    assert timer.spent()[Stage.SCOPE] == minutes(1)
    assert timer.spent()[Stage.TIMELINE] == minutes(1)


def test_revisiting_a_stage_adds_to_its_time(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(2 * MINUTE)
    timer.next_stage()
    clock.advance(5 * MINUTE)
    timer.start(Stage.SCOPE)
    assert timer.elapsed_in_stage() == minutes(2)
    assert timer.remaining() == minutes(3)
    clock.advance(MINUTE)
    timer.start(Stage.TIMELINE)
    clock.advance(MINUTE)
    assert timer.spent()[Stage.SCOPE] == minutes(3)
    assert timer.spent()[Stage.TIMELINE] == minutes(6)
    assert timer.next_stage() is Stage.ROOT_CAUSE


def test_near_end_window_is_the_shorter_of_a_fifth_and_two_minutes() -> None:
    assert near_end_window(minutes(5)) == minutes(1)
    assert near_end_window(minutes(10)) == minutes(2)
    assert near_end_window(minutes(20)) == NEAR_END_LONGEST == minutes(2)
    assert near_end_window(timedelta(0)) == timedelta(0)


@pytest.mark.parametrize(
    ("stage_minutes", "window_seconds"),
    [(5, 60), (20, 120)],
)
def test_phases_change_at_their_boundaries(
    clock: FakeClock, stage_minutes: int, window_seconds: float
) -> None:
    timer = MeetingTimer({Stage.SCOPE: stage_minutes}, clock)
    timer.start()
    total = stage_minutes * MINUTE
    clock.advance(total - window_seconds - 0.5)
    assert timer.phase() == "normal"
    clock.advance(0.5)
    assert timer.phase() == "near_end"
    clock.advance(window_seconds)
    assert timer.remaining() == timedelta(0)
    assert timer.phase() == "near_end"
    assert not timer.overrun_started()
    clock.advance(0.001)
    assert timer.phase() == "overrun"
    assert format_remaining(timer.remaining()) == "-0:01"


def test_overrun_is_signalled_once_per_stage(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(5 * MINUTE + 1)
    assert timer.overrun_started()
    assert not timer.overrun_started()
    clock.advance(MINUTE)
    assert not timer.overrun_started()
    timer.next_stage()
    assert not timer.overrun_started()
    clock.advance(15 * MINUTE + 1)
    assert timer.overrun_started()
    # Going back to a stage that already overran does not signal again.
    timer.start(Stage.SCOPE)
    clock.advance(MINUTE)
    assert timer.phase() == "overrun"
    assert not timer.overrun_started()


def test_overrun_while_paused_is_not_possible_and_signals_after_resume(
    timer: MeetingTimer, clock: FakeClock
) -> None:
    timer.start()
    clock.advance(4 * MINUTE)
    timer.pause()
    clock.advance(10 * MINUTE)
    assert timer.phase() == "near_end"
    assert not timer.overrun_started()
    timer.resume()
    clock.advance(MINUTE + 1)
    assert timer.overrun_started()


def test_summary_lists_planned_and_spent_in_meeting_order(
    timer: MeetingTimer, clock: FakeClock
) -> None:
    timer.start()
    clock.advance(6 * MINUTE)
    timer.next_stage()
    clock.advance(10 * MINUTE)
    timer.start(Stage.ACTION_ITEMS)
    clock.advance(12 * MINUTE)
    timer.finish()
    clock.advance(30 * MINUTE)
    summary = timer.summary()
    assert [row.stage for row in summary] == list(Stage)
    assert summary[0] == StageTime(Stage.SCOPE, minutes(5), minutes(6))
    assert summary[0].over == minutes(1)
    assert summary[1] == StageTime(Stage.TIMELINE, minutes(15), minutes(10))
    assert summary[2] == StageTime(Stage.ROOT_CAUSE, minutes(20), timedelta(0))
    assert summary[4] == StageTime(Stage.ACTION_ITEMS, minutes(10), minutes(12))


def test_finish_stops_time_and_start_reopens(timer: MeetingTimer, clock: FakeClock) -> None:
    timer.start()
    clock.advance(MINUTE)
    timer.finish()
    timer.finish()  # harmless
    assert timer.state is TimerState.FINISHED
    clock.advance(MINUTE)
    assert timer.spent()[Stage.SCOPE] == minutes(1)
    timer.start()
    clock.advance(MINUTE)
    assert timer.spent()[Stage.SCOPE] == minutes(2)


def test_next_stage_after_the_last_stage_finishes_the_meeting(
    timer: MeetingTimer, clock: FakeClock
) -> None:
    timer.start(Stage.FOLLOW_UP)
    clock.advance(MINUTE)
    assert timer.next_stage() is None
    assert timer.state is TimerState.FINISHED
    clock.advance(MINUTE)
    assert timer.spent()[Stage.FOLLOW_UP] == minutes(1)


def test_an_edited_agenda_skips_missing_and_zero_minute_stages(clock: FakeClock) -> None:
    agenda = {Stage.ACTION_ITEMS: 7, Stage.SCOPE: 0, Stage.TIMELINE: 3, Stage.WHAT_WORKED: 0}
    timer = MeetingTimer(agenda, clock)
    assert agenda_total(agenda) == minutes(10)
    assert list(timer.agenda) == [
        Stage.SCOPE,
        Stage.TIMELINE,
        Stage.WHAT_WORKED,
        Stage.ACTION_ITEMS,
    ]
    assert timer.current_stage is Stage.TIMELINE  # the first stage with minutes
    timer.start()
    assert timer.remaining() == minutes(3)
    assert timer.next_stage() is Stage.ACTION_ITEMS
    assert timer.remaining() == minutes(7)
    assert timer.next_stage() is None
    assert [row.stage for row in timer.summary()] == sorted(agenda)
    with pytest.raises(ValueError, match="not on this meeting"):
        timer.start(Stage.ROOT_CAUSE)


def test_a_zero_minute_stage_started_on_purpose_is_over_at_once(clock: FakeClock) -> None:
    timer = MeetingTimer({Stage.SCOPE: 0, Stage.TIMELINE: 5}, clock)
    timer.start(Stage.SCOPE)
    assert timer.phase() == "near_end"
    clock.advance(1)
    assert timer.phase() == "overrun"
    assert timer.overrun_started()


def test_bad_agendas_are_refused(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="no stages"):
        MeetingTimer({}, clock)
    with pytest.raises(ValueError, match="Negative minutes"):
        MeetingTimer({Stage.SCOPE: -1}, clock)
    with pytest.raises(ValueError, match="Negative time"):
        MeetingTimer({Stage.SCOPE: 1}, clock, spent={Stage.SCOPE: -5})


def test_restored_time_continues_and_round_trips(clock: FakeClock) -> None:
    agenda = default_agenda(Template.FULL)
    timer = MeetingTimer(agenda, clock, spent={Stage.SCOPE: 90.0, Stage.TIMELINE: 16 * MINUTE})
    timer.start()
    clock.advance(30)
    assert timer.elapsed_in_stage() == minutes(2)
    assert timer.remaining() == minutes(3)
    again = MeetingTimer(agenda, clock, spent=timer.spent_seconds())
    assert again.spent() == timer.spent()
    # Timeline went over in the earlier sitting: coming back to it does not signal again.
    again.start(Stage.TIMELINE)
    assert again.phase() == "overrun"
    assert not again.overrun_started()


def test_restored_time_for_a_stage_dropped_from_the_agenda_is_kept(clock: FakeClock) -> None:
    timer = MeetingTimer({Stage.TIMELINE: 10}, clock, spent={Stage.SCOPE: 120.0})
    assert timer.summary() == (
        StageTime(Stage.SCOPE, timedelta(0), minutes(2)),
        StageTime(Stage.TIMELINE, minutes(10), timedelta(0)),
    )


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [
        (timedelta(minutes=5), "5:00"),
        (timedelta(minutes=4, seconds=59), "4:59"),
        (timedelta(minutes=4, seconds=59, milliseconds=300), "5:00"),
        (timedelta(milliseconds=300), "0:01"),
        (timedelta(0), "0:00"),
        (timedelta(milliseconds=-300), "-0:01"),
        (timedelta(seconds=-12), "-0:12"),
        (timedelta(minutes=-3, seconds=-5), "-3:05"),
        (timedelta(minutes=75), "75:00"),
    ],
)
def test_format_remaining(remaining: timedelta, shown: str) -> None:
    assert format_remaining(remaining) == shown
