"""The meeting's timebox as a header strip: the stage being timed, its time left, the whole.

``MeetingTimerBar`` sits above the stage pages while the postmortem meeting runs. It wraps the
pure ``MeetingTimer`` (app.domain.meeting_timer), ticks it with a ``QTimer`` only while the
meeting runs, and never stores anything: the window does, from the signals. It asks for one
line (about 880 pixels at the normal font) and wraps onto a second when given less width.

API for the window:

- ``set_postmortem(pm | None)``: call whenever a postmortem is shown. Another postmortem loads
  its agenda and the time already spent (a meeting continues where it stopped); the same
  postmortem shown again after an edit keeps the running timer and picks up an edited agenda.
- ``follow_stage(stage)``: call when the facilitator moves to another stage page. While the
  meeting runs (or is paused) the timer moves to that stage; time accumulates per stage.
- Actions, for the window's menu and its shortcuts (the bar sets no shortcut itself):
  ``start_pause_action`` (Start meeting / Pause / Resume; Continue for a meeting with time
  already spent, which carries on at the stage shown),
  ``next_stage_action``, ``end_action``, ``agenda_action``. Button tooltips show a shortcut
  once the window gives the action one.
- Signals:
  ``stage_requested(Stage)``: Next stage (or Start) moved the meeting; show that page.
  ``meeting_ended()``: End meeting, or Next stage on the last stage.
  ``time_recorded(postmortem_id, {Stage: seconds})``: store as ``Postmortem.meeting_time``,
  without an undo step. Sent on pause, stage change, end, when another postmortem replaces
  a running meeting, and at least once a minute while running. It carries the postmortem's id
  because the last record of a meeting can arrive as the window switches to another one.
  ``agenda_requested()``: Agenda… was pressed; open ``AgendaDialog`` and store the result.
  ``notice(str)``: a sentence for the status bar: a stage went over its time, the meeting ended.
- ``refresh()``: one tick (the ``QTimer`` calls it; tests call it after moving a fake clock).
- ``meeting_stage``: the stage a running or paused meeting is on, else None (for the stage 6
  page's ``set_meeting_stage_source`` and for quick capture's parked points).

Phases are shown by colour *and* words: near the end the time left turns to the theme's
warning colours with "Ending soon"; past the end it shows negative time in the error colours
with "Over time", pulses the bar once for about two seconds and sends one ``notice``. Never a
dialog, never a sound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolButton, QWidget

from app.domain.meeting import full_agenda, stored_time_spent, time_spent
from app.domain.meeting_timer import (
    MeetingTimer,
    Phase,
    TimerState,
    agenda_total,
    format_remaining,
)
from app.domain.model import Postmortem, Stage
from app.ui.flow_layout import FlowLayout
from app.ui.labels import plain_label
from app.ui.meeting.pulse import BackgroundPulse
from app.ui.meeting.wording import (
    CONTINUE_TEXT,
    ENDED_TEXT,
    NEAR_END_TEXT,
    NOT_STARTED_TEXT,
    OVERRUN_TEXT,
    PAUSE_TEXT,
    PAUSED_TEXT,
    RESUME_TEXT,
    START_TEXT,
    STATUS_TEXTS,
    ended_notice,
    overrun_notice,
    progress_text,
)
from app.ui.theme import current_colours
from app.ui.theme_style import TONED_LABEL_PADDING

TICK_MS = 250
FLOW_SPACING = 8
RECORD_EVERY_SECONDS = 60.0
# The time left reads from the back of the room: half as large again as the bar's text.
REMAINING_SCALE = 1.5
# Theme colour names (text, background, border) per phase; "normal" uses the inherited colours.
PHASE_COLOURS: dict[str, tuple[str, str, str]] = {
    "near_end": ("warning_text", "warning_background", "warning_border"),
    "overrun": ("error_text", "error_background", "error_text"),
}


class MeetingTimerBar(QFrame):
    """The header strip with the meeting's countdown; see the module docstring for its API."""

    stage_requested = Signal(object)
    meeting_ended = Signal()
    time_recorded = Signal(int, object)
    agenda_requested = Signal()
    notice = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingTimerBar")
        self.setAccessibleName("Meeting timer")
        self._clock = clock
        self._timer: MeetingTimer | None = None
        self._postmortem_id: int | None = None
        self._followed: Stage | None = None
        self._painted: str | None = None  # the phase last painted; None: paint again
        self._last_recorded = 0.0  # clock time of the last record
        self._last_record: tuple[int, dict[Stage, int]] | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self.pulse = BackgroundPulse(self)
        self._build_labels()
        self._build_actions()
        self._lay_out()
        self._fit_fonts()
        self._show()

    # -- construction ----------------------------------------------------------------------
    def _build_labels(self) -> None:
        self.stage_label = self._label("meetingStageLabel", "Stage being timed", bold=True)
        self.remaining_label = self._label("meetingRemainingLabel", "Time left in this stage")
        self.remaining_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining_label.setProperty("phase", "normal")
        self.status_label = self._label("meetingStatusLabel", "Meeting timer status")
        self.progress_label = self._label("meetingProgressLabel", "Meeting progress")

    def _label(self, name: str, accessible: str, *, bold: bool = False) -> QLabel:
        label = plain_label("", self, bold=bold)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        return label

    def _build_actions(self) -> None:
        self.start_pause_action = self._action(START_TEXT, self.start_or_pause)
        self.next_stage_action = self._action("Next stage", self.next_stage)
        self.end_action = self._action("End meeting", self.end_meeting)
        self.agenda_action = self._action("Agenda\u2026", self.agenda_requested.emit)
        self._descriptions: dict[QAction, str] = {
            self.start_pause_action: "Start timing the meeting's first stage",
            self.next_stage_action: "Move the meeting on to the next stage",
            self.end_action: "End the meeting and keep the time spent per stage",
            self.agenda_action: "Set the minutes for each stage of this meeting",
        }
        self.buttons: list[QToolButton] = []
        for action in (
            self.start_pause_action,
            self.next_stage_action,
            self.end_action,
            self.agenda_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.buttons.append(button)
            action.changed.connect(lambda action=action, button=button: self._describe(action))
            self._describe(action, button)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _describe(self, action: QAction, button: QToolButton | None = None) -> None:
        """Keep a button's accessible name and tooltip in step with its action and shortcut."""
        button = button or next(b for b in self.buttons if b.defaultAction() is action)
        name = action.text().replace("&", "")
        button.setAccessibleName(name.rstrip("\u2026"))
        tip = self._descriptions.get(action, name)
        shortcut = action.shortcut()
        if not shortcut.isEmpty():
            tip += f" ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
        if action.toolTip() != tip:
            action.setToolTip(tip)  # emits changed again, which then finds nothing to do

    def _lay_out(self) -> None:
        # One line when there is room; in a narrow window or at presentation size the controls
        # wrap onto a second line instead of forcing the window wider.
        self._flow = FlowLayout(self, spacing=FLOW_SPACING)
        self._flow.setContentsMargins(6, 2, 6, 2)
        self._line: list[QWidget] = [
            self.stage_label,
            self.remaining_label,
            self.status_label,
            self.progress_label,
            *self.buttons,
        ]
        for widget in self._line:
            self._flow.addWidget(widget)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _fit_fonts(self) -> None:
        """Size everything from the font, so nothing moves as the time and the status change.

        The time left is larger, bold, with even-width digits; the labels whose text changes
        keep the width of their longest text; everything shares the height of the time left,
        so the line's items sit centred on one another.
        """
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * REMAINING_SCALE)
        font.setBold(True)
        font.setFeature(QFont.Tag("tnum"), 1)
        self.remaining_label.setFont(font)
        metrics = self.remaining_label.fontMetrics()
        padding = metrics.horizontalAdvance("0")
        self.remaining_label.setMinimumWidth(metrics.horizontalAdvance("-00:00") + 2 * padding)
        widest = {
            self.stage_label: tuple(stage.label for stage in Stage),
            self.status_label: STATUS_TEXTS,
            self.progress_label: ("888 of 888 min",),
        }
        for label, texts in widest.items():
            # Measured in the bar's new font: on a font change the bar hears of it before its
            # labels take the font, so their own metrics may still be the old ones.
            label_font = QFont(self.font())
            label_font.setBold(label.font().bold())
            metrics = QFontMetrics(label_font)
            width = max(metrics.horizontalAdvance(text) for text in texts)
            # Fixed, with room for the padding the style sheet gives a toned label, so
            # "Ending soon" appearing never pushes the buttons along.
            room = 2 * TONED_LABEL_PADDING
            label.setFixedWidth(width + metrics.horizontalAdvance(" ") + room)
        start = self.buttons[0]
        chrome = start.sizeHint().width() - start.fontMetrics().horizontalAdvance(start.text())
        texts = (START_TEXT, PAUSE_TEXT, RESUME_TEXT, CONTINUE_TEXT)
        start.setMinimumWidth(chrome + max(map(start.fontMetrics().horizontalAdvance, texts)))
        height = max(self.remaining_label.sizeHint().height(), start.sizeHint().height())
        for widget in (self.stage_label, self.status_label, self.progress_label, *self.buttons):
            widget.setMinimumHeight(height)

    def sizeHint(self) -> QSize:
        """Everything on one line: what the bar asks for when the window has the room."""
        widgets = self._line
        margins = self.contentsMargins() + self._flow.contentsMargins()
        width = sum(widget.sizeHint().width() for widget in widgets)
        width += FLOW_SPACING * (len(widgets) - 1) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_fonts()
        elif event.type() == QEvent.Type.ApplicationPaletteChange:
            self._painted = None
            self._paint_phase(self._shown_phase())
        super().changeEvent(event)

    # -- reading ---------------------------------------------------------------------------
    @property
    def timer(self) -> MeetingTimer | None:
        """The meeting's timer (None with no postmortem shown), for reading only."""
        return self._timer

    @property
    def meeting_stage(self) -> Stage | None:
        """The stage the meeting is on while it runs or is paused; otherwise None."""
        timer = self._timer
        if timer is None or timer.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return None
        return timer.current_stage

    def _continuing(self) -> bool:
        timer = self._timer
        if timer is None:
            return False
        spent = any(seconds > 0 for seconds in timer.spent_seconds().values())
        return timer.state is TimerState.FINISHED or spent

    def _upcoming_stage(self) -> Stage:
        """The stage Start would time: the first one, or where a continued meeting is."""
        assert self._timer is not None
        if self._continuing() and self._followed is not None:
            return self._followed
        return self._timer.current_stage

    def _shown_phase(self) -> Phase:
        timer = self._timer
        if timer is None or timer.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return "normal"
        return timer.phase()

    # -- showing a postmortem ----------------------------------------------------------------
    def set_postmortem(self, pm: Postmortem | None) -> None:
        """Load ``pm``'s meeting; the same postmortem again keeps the timer and its state."""
        if pm is not None and self._timer is not None and pm.id == self._postmortem_id:
            agenda = full_agenda(pm)
            if agenda != self._timer.agenda:
                self._timer = self._carried_over(self._timer, agenda)
            self._show()
            return
        if self.meeting_stage is not None:
            self._record()  # the meeting being replaced keeps its last stretch
        self.pulse.stop()
        self._postmortem_id = None if pm is None else pm.id
        self._timer = None
        if pm is not None:
            self._timer = MeetingTimer(full_agenda(pm), self._clock, spent=time_spent(pm))
        self._show()

    def _carried_over(self, old: MeetingTimer, agenda: dict[Stage, int]) -> MeetingTimer:
        """A timer over the edited ``agenda`` in ``old``'s state, with its time spent."""
        new = MeetingTimer(agenda, self._clock, spent=old.spent_seconds())
        if old.state in (TimerState.RUNNING, TimerState.PAUSED):
            new.start(old.current_stage)
            if old.state is TimerState.PAUSED:
                new.pause()
        elif old.state is TimerState.FINISHED:
            new.finish()
        return new

    def follow_stage(self, stage: Stage) -> None:
        """The facilitator is on ``stage``'s page: a running or paused meeting moves there."""
        self._followed = stage
        timer = self._timer
        if timer is None or stage is timer.current_stage:
            self._show()
            return
        if timer.state is TimerState.RUNNING:
            timer.start(stage)
            self._record()
        elif timer.state is TimerState.PAUSED:
            timer.start(stage)
            timer.pause()
        self._show()

    # -- commands ------------------------------------------------------------------------------
    def start_or_pause(self) -> None:
        """Start (or continue) the meeting, pause it, or resume it, as the button says."""
        timer = self._timer
        if timer is None:
            return
        if timer.state is TimerState.RUNNING:
            timer.pause()
            self._record()
        elif timer.state is TimerState.PAUSED:
            timer.resume()
        else:
            stage = self._upcoming_stage()
            timer.start(stage)
            self._last_recorded = self._clock()
            if stage is not self._followed:
                self.stage_requested.emit(stage)
        self._show()

    def next_stage(self) -> None:
        """Move the meeting on; after the last stage with time, the meeting ends."""
        timer = self._timer
        if timer is None or timer.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return
        stage = timer.next_stage()
        self._record()
        self._show()
        if stage is None:
            self._ended()
        else:
            self.stage_requested.emit(stage)

    def end_meeting(self) -> None:
        """Stop the clock for good: the time spent per stage is final."""
        timer = self._timer
        if timer is None or timer.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return
        timer.finish()
        self._record()
        self._show()
        self._ended()

    def _ended(self) -> None:
        assert self._timer is not None
        spent = sum(self._timer.spent_seconds().values())
        planned = int(agenda_total(self._timer.agenda).total_seconds() // 60)
        self.notice.emit(ended_notice(spent, planned))
        self.meeting_ended.emit()

    def _record(self) -> None:
        if self._timer is None or self._postmortem_id is None:
            return
        self._last_recorded = self._clock()
        record = (self._postmortem_id, stored_time_spent(self._timer.spent_seconds()))
        if record != self._last_record:  # a pause just after the minute's record adds nothing
            self._last_record = record
            self.time_recorded.emit(*record)

    # -- ticking -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """One tick: show the time, signal a fresh overrun, record at least once a minute."""
        timer = self._timer
        if timer is not None and timer.state is TimerState.RUNNING:
            if timer.overrun_started():
                stage = timer.current_stage
                minutes = int(timer.planned(stage).total_seconds() // 60)
                self.pulse.start(current_colours()["error_background"])
                self.notice.emit(overrun_notice(stage, minutes))
            if self._clock() - self._last_recorded >= RECORD_EVERY_SECONDS:
                self._record()
        self._show()

    def _show(self) -> None:
        timer = self._timer
        running = timer is not None and timer.state is TimerState.RUNNING
        if running != self._ticker.isActive():
            if running:
                self._ticker.start()
            else:
                self._ticker.stop()
        if timer is None:
            self._show_nothing()
            return
        started = timer.state in (TimerState.RUNNING, TimerState.PAUSED)
        stage = timer.current_stage if started else self._upcoming_stage()
        remaining = timer.planned(stage) - timer.spent()[stage]
        planned_total = int(agenda_total(timer.agenda).total_seconds() // 60)
        spent_total = sum(timer.spent_seconds().values())
        self.stage_label.setText(stage.label)
        self.remaining_label.setText(format_remaining(remaining))
        self.progress_label.setText(progress_text(spent_total, planned_total))
        phase = self._shown_phase()
        self.status_label.setText(self._status_text(timer.state, phase))
        self._paint_phase(phase)
        self._update_actions(timer.state, planned_total)

    def _show_nothing(self) -> None:
        self.stage_label.setText("No postmortem open")
        self.remaining_label.setText("")
        self.status_label.setText("")
        self.progress_label.setText("")
        self._paint_phase("normal")
        for action in (
            self.start_pause_action,
            self.next_stage_action,
            self.end_action,
            self.agenda_action,
        ):
            action.setEnabled(False)

    @staticmethod
    def _status_text(state: TimerState, phase: Phase) -> str:
        # Paused near or past the end still shows it in the framed, coloured time left.
        if state is TimerState.RUNNING:
            return {"near_end": NEAR_END_TEXT, "overrun": OVERRUN_TEXT}.get(phase, "")
        return {
            TimerState.PAUSED: PAUSED_TEXT,
            TimerState.FINISHED: ENDED_TEXT,
            TimerState.NOT_STARTED: NOT_STARTED_TEXT,
        }[state]

    def _update_actions(self, state: TimerState, planned_total: int) -> None:
        started = state in (TimerState.RUNNING, TimerState.PAUSED)
        if state is TimerState.RUNNING:
            text, tip = PAUSE_TEXT, "Pause the meeting's clock"
        elif state is TimerState.PAUSED:
            text, tip = RESUME_TEXT, "Run the meeting's clock again"
        elif self._continuing():
            text, tip = CONTINUE_TEXT, "Continue timing the meeting on the stage shown"
        else:
            text, tip = START_TEXT, "Start timing the meeting's first stage"
        self._descriptions[self.start_pause_action] = tip
        self.start_pause_action.setText(text)
        self._describe(self.start_pause_action)
        self.start_pause_action.setEnabled(started or planned_total > 0)
        self.next_stage_action.setEnabled(started)
        self.end_action.setEnabled(started)
        self.agenda_action.setEnabled(True)

    def _paint_phase(self, phase: Phase) -> None:
        """Colour the time left for ``phase`` from the theme: text, background and a border."""
        if phase == self._painted:
            return  # every tick shows the time; the colours change only with the phase
        self._painted = phase
        label = self.remaining_label
        label.setProperty("phase", phase)
        # A style sheet of its own, not a palette: the application's style sheet would keep a
        # palette's background from being drawn. The transparent border of the normal phase
        # keeps the label the same size in every phase, so the bar never shifts.
        box = "border-radius: 4px; padding: 0px 6px;"
        names = PHASE_COLOURS.get(phase)
        if names is None:
            label.setStyleSheet(f"QLabel {{ border: 1px solid transparent; {box} }}")
            return
        colours = {name: colour.name() for name, colour in current_colours().items()}
        text, background, border = (colours[name] for name in names)
        label.setStyleSheet(
            f"QLabel {{ color: {text}; background-color: {background};"
            f" border: 1px solid {border}; {box} }}"
        )
