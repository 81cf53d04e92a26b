"""A postmortem's meeting as stored: its agenda and the time the room actually spent.

The live countdown is ``meeting_timer.MeetingTimer``; this module is what outlives the meeting.
A postmortem that never edited its agenda follows its template's default agenda, so changing the
template before the meeting changes the plan, and an edited agenda is kept as it was edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from app.domain.guidance import default_agenda
from app.domain.meeting_timer import StageTime
from app.domain.model import Postmortem, Stage, Template


def agenda_for(pm: Postmortem) -> dict[Stage, int]:
    """Minutes per stage in meeting order: the postmortem's own agenda, else its template's."""
    if pm.agenda:
        return {stage: pm.agenda[stage] for stage in Stage if stage in pm.agenda}
    template = pm.template or Template.for_severity(pm.severity)
    return dict(default_agenda(template))


def complete_agenda(agenda: Mapping[Stage, int]) -> dict[Stage, int]:
    """Minutes for every stage in meeting order; a stage the agenda leaves out gets none."""
    return {stage: agenda.get(stage, 0) for stage in Stage}


def full_agenda(pm: Postmortem) -> dict[Stage, int]:
    """Every stage's minutes, zero for those the agenda skips, so any page can be timed."""
    return complete_agenda(agenda_for(pm))


def time_spent(pm: Postmortem) -> dict[Stage, float]:
    """Seconds spent per stage so far, the form ``MeetingTimer(spent=...)`` resumes from."""
    return {stage: float(pm.meeting_time[stage]) for stage in Stage if stage in pm.meeting_time}


def meeting_record(pm: Postmortem) -> tuple[StageTime, ...]:
    """Planned against spent for every stage the meeting planned or spent time on, in order.

    Empty until the meeting has spent time on some stage: a plan alone is not a record.
    """
    if not pm.meeting_time:
        return ()
    agenda = agenda_for(pm)
    return tuple(
        StageTime(
            stage,
            planned=timedelta(minutes=agenda.get(stage, 0)),
            spent=timedelta(seconds=pm.meeting_time.get(stage, 0)),
        )
        for stage in Stage
        if stage in agenda or stage in pm.meeting_time
    )


def stored_time_spent(spent: dict[Stage, float]) -> dict[Stage, int]:
    """Seconds per stage as the model stores them: whole seconds, stages with time only."""
    return {stage: round(seconds) for stage, seconds in spent.items() if round(seconds) > 0}
