"""What the meeting timer says: its status words, button texts and the sentences it sends.

Kept apart from the widget so the words can be read (and changed) in one place, and so the
agenda dialog and the bar say minutes the same way.
"""

from __future__ import annotations

from app.domain.model import Stage

NEAR_END_TEXT = "\u26a0 Ending soon"
OVERRUN_TEXT = "\u26a0 Over time"
PAUSED_TEXT = "Paused"
ENDED_TEXT = "Meeting ended"
NOT_STARTED_TEXT = "Not started"
STATUS_TEXTS = (NEAR_END_TEXT, OVERRUN_TEXT, PAUSED_TEXT, ENDED_TEXT, NOT_STARTED_TEXT)
START_TEXT = "Start meeting"
PAUSE_TEXT = "Pause"
RESUME_TEXT = "Resume"
CONTINUE_TEXT = "Continue"


def minutes_text(minutes: int) -> str:
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def progress_text(spent_seconds: float, planned_minutes: int) -> str:
    """The whole meeting's progress in whole minutes: "23 of 60 min"."""
    return f"{int(spent_seconds // 60)} of {planned_minutes} min"


def overrun_notice(stage: Stage, planned_minutes: int) -> str:
    """The status-bar sentence when ``stage`` goes over its timebox."""
    if planned_minutes == 0:
        return f"{stage.label} has no time on this meeting's agenda."
    return f"{stage.label} is over its {minutes_text(planned_minutes)}."


def ended_notice(spent_seconds: float, planned_minutes: int) -> str:
    """The status-bar sentence when the meeting ends."""
    spent = int(spent_seconds // 60)
    return f"The meeting ended after {spent} of its {minutes_text(planned_minutes)}."
