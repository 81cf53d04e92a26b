"""The meeting's timebox: which stage the room is on, how long it has left, and where the time went.

A pure state machine over an injected clock (monotonic seconds), so the UI drives it from a
``QTimer`` tick and tests drive it with a fake clock. It never blocks and never decides how to
signal: it only says the phase of the current stage (``normal``, ``near_end``, ``overrun``) and,
once per stage, that the stage has just gone over, so the UI can signal gently (a colour, a
chime) and never with a modal dialog.

Time is accounted per stage, pauses excluded, and accumulates: going back to a stage adds to the
time already spent there, and its remaining time counts down from what is left of its timebox.

States and transitions (pause, resume and next_stage raise TimerError before the start and after
the finish; pressing pause or resume twice is harmless, as keyboard shortcuts get pressed twice):

- ``start(stage)``: any state -> RUNNING on ``stage`` (default: the current one)
- ``pause()``: RUNNING -> PAUSED
- ``resume()``: PAUSED -> RUNNING
- ``next_stage()``: RUNNING or PAUSED -> RUNNING on the next stage with minutes, or FINISHED
- ``finish()``: any state -> FINISHED
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Literal

from app.domain.model import Stage

# The near-end rule, kept in one place: a stage turns "near_end" in the last NEAR_END_FRACTION of
# its timebox or the last NEAR_END_LONGEST, whichever is shorter. A 5-minute stage warns for its
# last minute; a 20-minute stage for its last 2 minutes, not 4, which would feel like nagging.
NEAR_END_FRACTION = 0.2
NEAR_END_LONGEST = timedelta(minutes=2)

Phase = Literal["normal", "near_end", "overrun"]


class TimerState(Enum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class TimerError(RuntimeError):
    """A timer command that makes no sense in the timer's state, like pausing before the start."""


@dataclass(frozen=True)
class StageTime:
    """Planned versus actually spent time for one stage, for the after-meeting summary."""

    stage: Stage
    planned: timedelta
    spent: timedelta

    @property
    def over(self) -> timedelta:
        """How much longer than planned the stage ran (negative when it finished early)."""
        return self.spent - self.planned


def agenda_total(agenda: Mapping[Stage, int]) -> timedelta:
    """The whole meeting's planned length, for the invitation and the timer's header."""
    return timedelta(minutes=sum(agenda.values()))


def near_end_window(planned: timedelta) -> timedelta:
    """How long before the end of a ``planned`` timebox the stage counts as near its end."""
    return min(planned * NEAR_END_FRACTION, NEAR_END_LONGEST)


def format_remaining(remaining: timedelta) -> str:
    """``m:ss`` for the timer display, ``-m:ss`` when over (``"4:59"``, ``"-0:12"``, ``"75:00"``).

    Whole seconds are rounded away from zero, as countdowns do: a stage with 0.3 s left still
    shows ``0:01``, and the minus sign appears exactly when the phase turns to overrun.
    """
    microseconds = remaining // timedelta(microseconds=1)
    seconds = math.ceil(abs(microseconds) / 1_000_000)
    sign = "-" if microseconds < 0 else ""
    minutes, seconds = divmod(seconds, 60)
    return f"{sign}{minutes}:{seconds:02d}"


class MeetingTimer:
    """The timebox of one postmortem meeting over ``agenda`` (minutes per stage).

    ``clock`` returns monotonic seconds (``time.monotonic`` in the app). ``spent`` restores
    seconds already spent per stage, e.g. when a meeting continues after the app restarted.
    Stages are run in meeting order (the ``Stage`` order); stages missing from the agenda or with
    zero minutes are skipped by :meth:`next_stage` but can still be started explicitly if in
    the agenda.
    """

    def __init__(
        self,
        agenda: Mapping[Stage, int],
        clock: Callable[[], float],
        *,
        spent: Mapping[Stage, float] | None = None,
    ) -> None:
        if not agenda:
            raise ValueError("The agenda has no stages.")
        negative = [stage.label for stage, minutes in agenda.items() if minutes < 0]
        if negative:
            raise ValueError(f"Negative minutes for: {', '.join(negative)}.")
        self._agenda = {stage: agenda[stage] for stage in sorted(agenda)}
        self._clock = clock
        self._spent: dict[Stage, float] = {}
        for stage, seconds in (spent or {}).items():
            if seconds < 0:
                raise ValueError(f"Negative time spent for: {stage.label}.")
            self._spent[stage] = float(seconds)
        self._state = TimerState.NOT_STARTED
        self._segment_start: float | None = None  # clock time the running stretch began
        timed = [stage for stage, minutes in self._agenda.items() if minutes > 0]
        self._current = timed[0] if timed else next(iter(self._agenda))
        # A stage restored already over its timebox went over in an earlier sitting: no new signal.
        self._overrun_signalled = {
            stage for stage in self._agenda if self._spent_seconds(stage) > self._planned(stage)
        }

    # --- reading -----------------------------------------------------------------------------

    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def current_stage(self) -> Stage:
        """The stage being timed; before the start, the stage :meth:`start` would begin with."""
        return self._current

    @property
    def agenda(self) -> dict[Stage, int]:
        """Minutes per stage, in meeting order."""
        return dict(self._agenda)

    def planned(self, stage: Stage) -> timedelta:
        """The timebox of ``stage`` (zero for a stage not on the agenda)."""
        return timedelta(minutes=self._agenda.get(stage, 0))

    def elapsed_in_stage(self) -> timedelta:
        """Time spent on the current stage, all visits together, pauses excluded."""
        return timedelta(seconds=self._spent_seconds(self._current))

    def remaining(self) -> timedelta:
        """What is left of the current stage's timebox; negative when it has run over."""
        return timedelta(seconds=self._remaining_seconds())

    def phase(self) -> Phase:
        """``overrun`` past the timebox, ``near_end`` inside the near-end window, else ``normal``.

        The window is :func:`near_end_window` of the timebox, both ends included: with exactly
        the window left, or exactly nothing left, the stage is near its end, not yet over.
        """
        remaining = self._remaining_seconds()
        if remaining < 0:
            return "overrun"
        window = near_end_window(self.planned(self._current)).total_seconds()
        return "near_end" if remaining <= window else "normal"

    def overrun_started(self) -> bool:
        """True exactly once per stage, on the first call after the stage went over its timebox.

        The UI polls this on every tick and gives one gentle signal when it is True.
        """
        if self._state is TimerState.NOT_STARTED or self._current in self._overrun_signalled:
            return False
        if self.phase() != "overrun":
            return False
        self._overrun_signalled.add(self._current)
        return True

    def spent(self) -> dict[Stage, timedelta]:
        """Time actually spent per stage, pauses excluded: every agenda stage, plus any other
        stage with time restored, in meeting order."""
        stages = sorted(set(self._agenda) | set(self._spent))
        return {stage: timedelta(seconds=self._spent_seconds(stage)) for stage in stages}

    def spent_seconds(self) -> dict[Stage, float]:
        """:meth:`spent` as plain seconds, the form the ``spent`` argument takes back."""
        return {stage: time.total_seconds() for stage, time in self.spent().items()}

    def summary(self) -> tuple[StageTime, ...]:
        """Planned versus spent for every stage in :meth:`spent`, in meeting order.

        A stage with time spent but since removed from the agenda is kept with zero planned
        minutes, so recorded time never silently disappears.
        """
        return tuple(
            StageTime(stage, self.planned(stage), spent) for stage, spent in self.spent().items()
        )

    # --- commands ------------------------------------------------------------------------------

    def start(self, stage: Stage | None = None) -> None:
        """Run ``stage`` (default: the current stage) from now, closing any running stretch.

        Also jumps between stages mid-meeting and reopens a finished meeting.
        """
        if stage is not None and stage not in self._agenda:
            raise ValueError(f"{stage.label} is not on this meeting's agenda.")
        self._close_stretch()
        if stage is not None:
            self._current = stage
        self._state = TimerState.RUNNING
        self._segment_start = self._clock()

    def pause(self) -> None:
        """Stop counting time until :meth:`resume`; pausing twice is harmless."""
        self._require_started("pause")
        if self._state is TimerState.RUNNING:
            self._close_stretch()
            self._state = TimerState.PAUSED

    def resume(self) -> None:
        """Count time again for the current stage; resuming a running timer is harmless."""
        self._require_started("resume")
        if self._state is TimerState.PAUSED:
            self._state = TimerState.RUNNING
            self._segment_start = self._clock()

    def next_stage(self) -> Stage | None:
        """Move on to the next stage with minutes on the agenda and run it.

        After the last such stage the meeting finishes and ``None`` is returned. Moving on from a
        paused stage runs the next one: pressing "next stage" means the room has moved on.
        """
        self._require_started("move to the next stage")
        later = [s for s, minutes in self._agenda.items() if s > self._current and minutes > 0]
        if not later:
            self.finish()
            return None
        self.start(later[0])
        return later[0]

    def finish(self) -> None:
        """End the meeting: time stops and the summary is final (until a new :meth:`start`)."""
        self._close_stretch()
        self._state = TimerState.FINISHED

    # --- internals ------------------------------------------------------------------------------

    def _require_started(self, action: str) -> None:
        if self._state in (TimerState.NOT_STARTED, TimerState.FINISHED):
            raise TimerError(f"Cannot {action}: the meeting is {self._state.value}.")

    def _planned(self, stage: Stage) -> float:
        return self.planned(stage).total_seconds()

    def _running_seconds(self) -> float:
        if self._state is not TimerState.RUNNING or self._segment_start is None:
            return 0.0
        # A monotonic clock never goes back; a misbehaving one must not make time negative.
        return max(0.0, self._clock() - self._segment_start)

    def _spent_seconds(self, stage: Stage) -> float:
        running = self._running_seconds() if stage is self._current else 0.0
        return self._spent.get(stage, 0.0) + running

    def _remaining_seconds(self) -> float:
        return self._planned(self._current) - self._spent_seconds(self._current)

    def _close_stretch(self) -> None:
        """Bank the running stretch into the current stage's spent time."""
        if self._state is TimerState.RUNNING:
            self._spent[self._current] = self._spent_seconds(self._current)
        self._segment_start = None
