"""Incident metrics computed from the timeline's milestones, and the rules for their order.

The reference lists the milestones as detection, onset, mitigation, resolution, but the incident
happens in the order onset, detection, mitigation, resolution: the problem starts, someone (or
something) notices, the bleeding stops, the system is back to normal. Retro holds the timeline to
that order: ``onset <= detection <= mitigation <= resolution`` (equal minutes are fine).

A mitigation before the detection is treated as out of order too, although an automatic failover
can in fact act before anyone notices. In that case the failover itself is the first sign the
system saw the problem, so the facilitator marks the detection there; keeping one strict order
lets every metric below stay non-negative and lets the strip draw three contiguous phases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from app.domain.model import Milestone, TimelineEvent

# The order in which an incident unfolds; the enum keeps the reference's order instead.
MILESTONE_ORDER: tuple[Milestone, ...] = (
    Milestone.ONSET,
    Milestone.DETECTION,
    Milestone.MITIGATION,
    Milestone.RESOLUTION,
)

MetricName = Literal["detect", "mitigate", "resolve"]

# Each metric runs from the onset to one later milestone.
_METRIC_END: dict[str, Milestone] = {
    "detect": Milestone.DETECTION,
    "mitigate": Milestone.MITIGATION,
    "resolve": Milestone.RESOLUTION,
}


@dataclass(frozen=True)
class IncidentMetrics:
    """When each milestone happened and the spans the room talks about, all measured from onset.

    A span is None when either end is missing; it is negative when the milestones are out of
    order, so the caller can say so instead of showing a wrong, plausible-looking number.
    """

    onset: datetime | None
    detection: datetime | None
    mitigation: datetime | None
    resolution: datetime | None
    time_to_detect: timedelta | None
    time_to_mitigate: timedelta | None
    time_to_resolve: timedelta | None  # the incident's duration

    def at(self, milestone: Milestone) -> datetime | None:
        """When ``milestone`` happened, or None if it is not marked."""
        return {
            Milestone.ONSET: self.onset,
            Milestone.DETECTION: self.detection,
            Milestone.MITIGATION: self.mitigation,
            Milestone.RESOLUTION: self.resolution,
        }[milestone]

    def describe(self, which: MetricName) -> str:
        """The metric in human form ("4 h 17 min"), or what stops it from being computed."""
        end = _METRIC_END[which]
        end_name = end.label.lower()
        missing = [
            name
            for name, moment in (("onset", self.onset), (end_name, self.at(end)))
            if moment is None
        ]
        if missing:
            return "needs " + " and ".join(f"the {name}" for name in missing)
        span = {
            "detect": self.time_to_detect,
            "mitigate": self.time_to_mitigate,
            "resolve": self.time_to_resolve,
        }[which]
        assert span is not None  # both ends are present
        if span < timedelta(0):
            return f"{end_name} is before onset"
        return format_duration(span)


def _span(start: datetime | None, end: datetime | None) -> timedelta | None:
    return None if start is None or end is None else end - start


def milestone_times(timeline: Sequence[TimelineEvent]) -> dict[Milestone, TimelineEvent]:
    """The event marking each milestone; if one is marked twice, the first in the sequence wins.

    A stored postmortem never marks a milestone twice (the model refuses it), but the UI may ask
    about an edit in progress, so this does not fail on one.
    """
    marked: dict[Milestone, TimelineEvent] = {}
    for event in timeline:
        if event.milestone is not None and event.milestone not in marked:
            marked[event.milestone] = event
    return marked


def incident_metrics(timeline: Sequence[TimelineEvent]) -> IncidentMetrics:
    """Compute time to detect, to mitigate and to resolve from the marked milestones."""
    marked = milestone_times(timeline)

    def moment(milestone: Milestone) -> datetime | None:
        event = marked.get(milestone)
        return None if event is None else event.at

    onset = moment(Milestone.ONSET)
    detection = moment(Milestone.DETECTION)
    mitigation = moment(Milestone.MITIGATION)
    resolution = moment(Milestone.RESOLUTION)
    return IncidentMetrics(
        onset=onset,
        detection=detection,
        mitigation=mitigation,
        resolution=resolution,
        time_to_detect=_span(onset, detection),
        time_to_mitigate=_span(onset, mitigation),
        time_to_resolve=_span(onset, resolution),
    )


def format_duration(span: timedelta) -> str:
    """A span in days, hours and minutes as a person would say it: "2 d 3 h 5 min", "4 h".

    Seconds are dropped (the timeline has minute resolution), zero parts are left out except
    for "0 min", and a negative span keeps its sign: "-7 min".
    """
    if span < timedelta(0):
        return "-" + format_duration(-span)
    total_minutes = int(span.total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{value} {unit}" for value, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if value
    ]
    return " ".join(parts) or "0 min"


def milestone_problems(timeline: Sequence[TimelineEvent]) -> dict[str, str]:
    """Map the id of each milestone event that is out of order to the reason shown on its cell.

    The later milestone in the incident's order is the one marked, naming the earliest milestone
    it comes before and that milestone's time: "detection is before the onset (14:02)". Which of
    the two was mistyped Retro cannot know; marking the later one matches how people read a
    timeline, from the start.
    """
    marked = milestone_times(timeline)
    problems: dict[str, str] = {}
    for position, milestone in enumerate(MILESTONE_ORDER):
        event = marked.get(milestone)
        if event is None:
            continue
        for earlier in MILESTONE_ORDER[:position]:
            other = marked.get(earlier)
            if other is not None and event.at < other.at:
                when = _clock(other.at, same_day_as=event.at)
                problems[event.id] = (
                    f"{milestone.label.lower()} is before the {earlier.label.lower()} ({when})"
                )
                break
    return problems


def _clock(moment: datetime, *, same_day_as: datetime) -> str:
    """HH:MM, with the date in front when it differs from the event being explained."""
    if moment.date() == same_day_as.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def missing_milestones(timeline: Sequence[TimelineEvent]) -> list[Milestone]:
    """The milestones not marked yet, in the incident's order."""
    marked = milestone_times(timeline)
    return [milestone for milestone in MILESTONE_ORDER if milestone not in marked]


def milestones_in_order(timeline: Sequence[TimelineEvent]) -> bool:
    """True when all four are marked and onset <= detection <= mitigation <= resolution."""
    return not missing_milestones(timeline) and not milestone_problems(timeline)
