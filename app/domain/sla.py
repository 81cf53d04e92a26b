"""The SLA assessment: read the free-text target, compare it with the incident's duration.

``Postmortem.sla_target`` is what the facilitator typed in stage 1 ("99.9% monthly
availability", "max outage 30 min"). Retro reads an availability percentage over a period, a
maximum outage, or both, and turns that into the outage the target allows. The incident's
outage is its duration, onset to resolution (the recovery phase still counts: until the
resolution, the service is not what customers were promised).

Retro only knows this one incident, so the computation asks "did this incident alone use more
than the target allows?". Other incidents in the same period, partial degradation or a contract's
exclusions are the facilitator's call: ``Impact.sla_breached`` overrules the computation, and an
override that disagrees with it needs a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from app.domain.metrics import format_duration, incident_metrics
from app.domain.model import Postmortem

SLA_TARGET_HINT = "Write e.g. 99.9% monthly availability or max outage 30 min."

DEFAULT_PERIOD_DAYS = 30

_PERIOD_WORDS: dict[str, int] = {
    "daily": 1,
    "day": 1,
    "weekly": 7,
    "week": 7,
    "monthly": 30,
    "month": 30,
    "quarterly": 90,
    "quarter": 90,
    "yearly": 365,
    "year": 365,
    "annual": 365,
    "annually": 365,
}
_PERIOD_ADJECTIVE = {1: "daily", 7: "weekly", 30: "monthly", 90: "quarterly", 365: "yearly"}

_UNIT_SECONDS: dict[str, int] = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
# "over 30 days", "per rolling 28 days": a period given as a number of days, read first so the
# days are not mistaken for an outage.
_PERIOD_IN_DAYS = re.compile(
    r"\b(?:per|over|every|in)\s+(?:a\s+|any\s+|rolling\s+)*(\d+)[\s-]*days?\b"
)
_PERCENT = re.compile(_NUMBER + r"\s*(?:%|percent\b)")
_UNITS = "|".join(sorted(_UNIT_SECONDS, key=len, reverse=True))
_DURATION = re.compile(_NUMBER + r"\s*(" + _UNITS + r")\b")
_PERIOD_WORD = re.compile(
    r"\b(?:per\s+|a\s+|each\s+|every\s+)?(" + "|".join(_PERIOD_WORDS) + r")\b"
)
_LEFTOVER_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


class SlaTargetError(ValueError):
    """The SLA target text says something Retro cannot read; the message says what it can."""


@dataclass(frozen=True)
class SlaTarget:
    """An SLA target as Retro reads it: availability over a period and/or a maximum outage."""

    availability_percent: float | None  # e.g. 99.9, per ``period_days``
    max_outage: timedelta | None  # "at most 30 min outage"
    period_days: int = DEFAULT_PERIOD_DAYS

    @property
    def allowed_outage(self) -> timedelta:
        """The outage the target allows; with both a percentage and a maximum, the stricter."""
        allowed: list[timedelta] = []
        if self.availability_percent is not None:
            fraction = 1 - self.availability_percent / 100
            allowed.append(timedelta(days=self.period_days) * fraction)
        if self.max_outage is not None:
            allowed.append(self.max_outage)
        return min(allowed) if allowed else timedelta(0)

    def describe(self) -> str:
        """The target in Retro's own words, e.g. "99.9% monthly availability"."""
        parts = []
        if self.availability_percent is not None:
            percent = f"{self.availability_percent:g}%"
            adjective = _PERIOD_ADJECTIVE.get(self.period_days)
            if adjective:
                parts.append(f"{percent} {adjective} availability")
            else:
                parts.append(f"{percent} availability over {self.period_days} days")
        if self.max_outage is not None:
            parts.append(f"a maximum outage of {format_duration(self.max_outage)}")
        return " and ".join(parts)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _unreadable(problem: str) -> SlaTargetError:
    return SlaTargetError(f"{problem} {SLA_TARGET_HINT}")


@dataclass
class _Reading:
    """The pieces found in the target text, before deciding whether they make sense together."""

    percents: list[str]
    durations: list[tuple[str, str]]  # (number, unit)
    period_days: int | None  # from "over 28 days"
    period_words: set[int]
    leftover_numbers: list[str]


def _read(text: str) -> _Reading:
    rest = text.casefold()
    period_days: int | None = None
    if match := _PERIOD_IN_DAYS.search(rest):
        period_days = int(match.group(1))
        rest = rest[: match.start()] + " " + rest[match.end() :]
    percents = _PERCENT.findall(rest)
    rest = _PERCENT.sub(" ", rest)
    durations = _DURATION.findall(rest)
    rest = _DURATION.sub(" ", rest)
    periods = {_PERIOD_WORDS[word] for word in _PERIOD_WORD.findall(rest)}
    rest = _PERIOD_WORD.sub(" ", rest)
    leftover = _LEFTOVER_NUMBER.findall(rest)
    if not percents and not durations and len(leftover) == 1:
        percents, leftover = leftover, []  # a bare "99.9"
    return _Reading(percents, durations, period_days, periods, leftover)


def parse_sla_target(text: str) -> SlaTarget | None:
    """Read the stage-1 SLA target; None when it is empty, SlaTargetError when unreadable.

    Accepted: a percentage ("99.9%", "99.95 % per month", or a bare "99.9"), a period word
    (monthly is the default; weekly, quarterly, yearly/annual, daily, or "over 28 days"), and a
    maximum outage ("max outage 30 min", "at most 2 h outage", "1 h 30 min downtime"). Anything
    that would be a guess (no number Retro understands, a number it cannot place, two
    percentages or two periods) is refused rather than misread.
    """
    if not text.strip():
        return None
    reading = _read(text)
    if not reading.percents and not reading.durations:
        raise _unreadable(f"Retro cannot read the SLA target {text.strip()!r}.")
    if len(reading.percents) > 1:
        raise _unreadable("The SLA target gives more than one percentage.")
    if reading.leftover_numbers:
        number = reading.leftover_numbers[0]
        raise _unreadable(f"Retro cannot tell what {number} means in the SLA target.")
    words = reading.period_words
    if len(words) > 1 or (words and reading.period_days is not None):
        raise _unreadable("The SLA target names more than one period.")
    period_days = reading.period_days
    if period_days is None:
        period_days = next(iter(words)) if words else DEFAULT_PERIOD_DAYS
    if period_days <= 0:
        raise _unreadable("A period of 0 days is not possible.")
    percent = _number(reading.percents[0]) if reading.percents else None
    if percent is not None and not 0 < percent <= 100:
        raise _unreadable(f"An availability of {reading.percents[0]}% is not possible.")
    max_outage = None
    if reading.durations:
        seconds = sum(_number(value) * _UNIT_SECONDS[unit] for value, unit in reading.durations)
        max_outage = timedelta(seconds=seconds)
    return SlaTarget(percent, max_outage, period_days)


@dataclass(frozen=True)
class SlaAssessment:
    """Whether the incident breached the SLA: computed, as ruled, and why.

    ``explanation`` may quote the facilitator's override reason, which is user text: every sink
    escapes it as DESIGN.md's escaping table says.
    """

    computed: bool | None  # None when the target or the duration is missing or unreadable
    effective: bool | None  # the ruling (impact.sla_breached) if set, else the computation
    overridden: bool  # a ruling that differs from a known computation
    explanation: str


def _computation(pm: Postmortem) -> tuple[bool | None, str]:
    """The computed verdict and its sentence, or None and why it cannot be computed."""
    try:
        target = parse_sla_target(pm.sla_target)
    except SlaTargetError as error:
        return None, str(error)
    if target is None:
        return None, "no SLA target is set in stage 1."
    metrics = incident_metrics(pm.timeline)
    missing = [
        name
        for name, at in (("onset", metrics.onset), ("resolution", metrics.resolution))
        if at is None
    ]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        return None, f"the {' and the '.join(missing)} {verb} not marked."
    outage = metrics.time_to_resolve
    assert outage is not None
    if outage < timedelta(0):
        return None, "the resolution is before the onset."
    allowed = target.allowed_outage
    breached = outage > allowed
    relation = "exceeds" if breached else "is within"
    sentence = (
        f"{format_duration(outage)} outage {relation} the {format_duration(allowed)} allowed by "
        f"{target.describe()}."
    )
    return breached, sentence


def _verdict(breached: bool) -> str:
    return "breached" if breached else "not breached"


def assess_sla(pm: Postmortem) -> SlaAssessment:
    """Compute the SLA verdict from the target and the duration, then apply the ruling if any."""
    computed, sentence = _computation(pm)
    ruling = pm.impact.sla_breached
    reason = pm.impact.sla_override_reason.strip()
    if ruling is None:
        if computed is None:
            return SlaAssessment(None, None, False, f"Cannot compute: {sentence}")
        verdict = _verdict(computed).capitalize()
        return SlaAssessment(computed, computed, False, f"{verdict}: {sentence}")
    ruled = f"Ruled {_verdict(ruling)}"
    if computed is None:
        because = f": {reason}" if reason else "."
        return SlaAssessment(None, ruling, False, f"{ruled}{because} (Cannot compute: {sentence})")
    if ruling == computed:
        return SlaAssessment(computed, ruling, False, f"{ruled}, as computed: {sentence}")
    because = reason or "no reason given yet."
    explanation = f"{ruled} (computed: {_verdict(computed)}): {because}"
    return SlaAssessment(computed, ruling, True, explanation)
