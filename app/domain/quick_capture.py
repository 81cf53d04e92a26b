"""Quick capture: one typed line turned into what it asks to add, or the stage or command it names.

The command bar (Ctrl+K) reads what the facilitator types and shows, before Enter, what it will
create. The first characters decide: a time starts a timeline event (``14:02 db failover started``,
optionally ``14:02 detected: alert fired``), ``!`` an action item, ``+``/``-``/``~`` an observation
(went well, went wrong, where we got lucky), ``?`` a five-whys answer, ``#`` a point for the
parking lot; anything else searches stages and commands. ``preview_capture`` never raises for any
text: what cannot be created comes back as an ``invalid`` preview whose ``problem`` says why in a
sentence the bar can show. ``apply_capture`` makes the change and names it for the undo stack.

The words the bar understands (milestone words, observation labels, stage names) are data in
``resources/quick_capture.json`` so they can be read and changed without reading this code.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from importlib import resources
from typing import Any, Literal

from app.domain import cause_tree, parking_lot
from app.domain.command_search import CommandMatch, rank_commands
from app.domain.model import (
    ActionItem,
    Milestone,
    Observation,
    ObservationKind,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
    new_id,
)
from app.domain.timeparse import (
    TIMESTAMP_PATTERN,
    format_in_zone,
    format_utc,
    is_utc,
    parse_time,
    zone_label,
)

RESOURCE = "quick_capture.json"
STAGE_KEY_PREFIX = "stage:"  # command matches for stages have keys "stage:1" .. "stage:6"

CaptureKind = Literal[
    "timeline_event", "action_item", "observation", "why", "parking_lot", "command", "invalid"
]

# The one-character prefixes and what they add. Typing is what the bar is for, so they are fixed
# syntax rather than data: the README and the bar's placeholder teach them.
_OBSERVATION_SIGILS = {
    "+": ObservationKind.WENT_WELL,
    "-": ObservationKind.WENT_WRONG,
    "~": ObservationKind.LUCKY,
}
_SIGIL_KINDS: dict[str, CaptureKind] = {
    "!": "action_item",
    "+": "observation",
    "-": "observation",
    "~": "observation",
    "?": "why",
    "#": "parking_lot",
}
_NOUNS: dict[CaptureKind, str] = {
    "timeline_event": "a timeline event",
    "action_item": "an action item",
    "observation": "an observation",
    "why": "a five-whys answer",
    "parking_lot": "a parking-lot point",
    "command": "a stage or command",
    "invalid": "anything",
}
_WHAT_TO_TYPE: dict[CaptureKind, str] = {
    "timeline_event": "Type what happened after the time",
    "action_item": "Type the action item's title after !",
    "observation": "Type the observation after the sign",
    "why": "Type the question after ?",
    "parking_lot": "Type the point to park after #",
}
OBSERVATION_UNDO_NAMES = {
    ObservationKind.WENT_WELL: "Went Well Item",
    ObservationKind.WENT_WRONG: "Went Wrong Item",
    ObservationKind.LUCKY: "Lucky Item",
}

# A time at the very start, then a separator or the end: "14:02 x", "14:02: x", "2:02 pm - x".
_LEADING_TIME = re.compile(
    rf"(?P<time>{TIMESTAMP_PATTERN})(?=[\s:,;\u2013\u2014-]|$)", re.IGNORECASE
)
_SEPARATORS = " \t:,;\u2013\u2014-"  # en and em dashes too
_LEADING_WORD = re.compile(r"(?P<word>[^\W\d_][\w' -]*?)\s*:\s*", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CapturePreview:
    """What Enter will do with the typed line, in words and as parsed parts.

    ``kind`` is ``invalid`` whenever ``problem`` is set; ``attempted`` still says what the line
    was meant to add, so the bar can show the right icon beside the problem.
    """

    kind: CaptureKind
    summary: str
    problem: str = ""
    attempted: CaptureKind = "invalid"
    at: datetime | None = None  # timeline events: UTC, whole minutes
    entered_as: str = ""  # timeline events: the time as typed, with its zone, when not UTC
    milestone: Milestone | None = None
    text: str = ""  # the description, title, observation, question or parked point
    observation_kind: ObservationKind | None = None
    parent_id: str | None = None  # five whys: the answer the question goes under
    matches: tuple[CommandMatch, ...] = ()


@dataclass(frozen=True)
class _Words:
    milestones: dict[str, Milestone]
    observation_labels: dict[ObservationKind, tuple[str, ...]]
    stage_names: dict[Stage, tuple[str, ...]]


@functools.cache
def _words() -> _Words:
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    milestones = {
        word: Milestone(value)
        for word, value in data["milestone_words"].items()
        if not word.startswith("_")
    }
    labels = {kind: tuple(data["observation_labels"][kind.value]) for kind in ObservationKind}
    aliases = data["stage_aliases"]
    stage_names = {
        stage: (stage.label, f"stage {stage.value}", *aliases.get(str(stage.value), ()))
        for stage in Stage
    }
    return _Words(milestones, labels, stage_names)


def preview_capture(
    text: str,
    pm: Postmortem | None,
    *,
    zone: tzinfo,
    selected_why: str | None = None,
    commands: Sequence[tuple[str, str]] = (),
) -> CapturePreview:
    """Read one typed line as what it will add to ``pm`` (or the stages and commands it names).

    Times without an offset are read in ``zone`` (the postmortem's entry zone) on the incident's
    date, else on the last event's date. ``commands`` are ``(key, label)`` pairs to search besides
    the stages. With no postmortem open (``pm`` None) only stages and commands can be found.
    Never raises for any ``text``: what cannot be created is an ``invalid`` preview.
    """
    if pm is None:
        shown = preview_capture(text, _nothing_open(), zone=zone, commands=commands)
        if shown.attempted == "command":
            return shown
        return _refused(shown.attempted, "Open a postmortem first")
    line = " ".join(text.split())
    sigil_kind = _SIGIL_KINDS.get(line[:1])
    if sigil_kind is not None:
        rest = line[1:].strip()
        if not rest:
            return _refused(sigil_kind, _WHAT_TO_TYPE[sigil_kind])
        if sigil_kind == "action_item":
            return _ok("action_item", f"Add an action item: {rest}", text=rest)
        if sigil_kind == "observation":
            return _observation(_OBSERVATION_SIGILS[line[0]], rest)
        if sigil_kind == "why":
            return _why(rest, pm, selected_why)
        return _ok("parking_lot", f"Park for later: {rest}", text=rest)
    event = _timeline_event(line, pm, zone)
    if event is not None:
        return event
    return _command_search(line, commands)


@functools.cache
def _nothing_open() -> Postmortem:
    """A stand-in to read a line against when no postmortem is open; nothing is added to it."""
    return Postmortem(title="No postmortem open", severity=Severity.SEV3)


def _ok(kind: CaptureKind, summary: str, **parts: Any) -> CapturePreview:
    """A preview Enter can act on; ``parts`` are the parsed fields (``at``, ``text``...)."""
    return dataclasses.replace(CapturePreview(kind, summary, attempted=kind), **parts)


def _refused(attempted: CaptureKind, problem: str, **parts: Any) -> CapturePreview:
    """An invalid preview of what ``attempted`` would have added, and why it cannot be."""
    preview = CapturePreview("invalid", f"Cannot add {_NOUNS[attempted]}", problem, attempted)
    return dataclasses.replace(preview, **parts)


def _observation(kind: ObservationKind, rest: str) -> CapturePreview:
    text = _without_label(rest, _words().observation_labels[kind])
    if not text:
        return _refused("observation", _WHAT_TO_TYPE["observation"], observation_kind=kind)
    summary = f"Add to {kind.label.lower()}: {text}"
    return _ok("observation", summary, text=text, observation_kind=kind)


def _without_label(text: str, labels: Iterable[str]) -> str:
    """``text`` without a leading ``label:`` that only repeats the list's name."""
    match = _LEADING_WORD.match(text)
    if match is not None and match["word"].casefold() in labels:
        return text[match.end() :].strip()
    return text


def _why(text: str, pm: Postmortem, selected_why: str | None) -> CapturePreview:
    if selected_why is None:
        return _ok("why", f"Add a five-whys answer to the problem statement: {text}", text=text)
    parent = next((why for why in pm.whys if why.id == selected_why), None)
    if parent is None:
        problem = "The selected answer is no longer there; select another one or none"
        return _refused("why", problem, text=text)
    summary = f"Add a five-whys answer under “{_short(parent.text)}”: {text}"
    return _ok("why", summary, text=text, parent_id=parent.id)


def _timeline_event(line: str, pm: Postmortem, zone: tzinfo) -> CapturePreview | None:
    """The line as a timeline event when it starts with a time (or a milestone word and a time).

    None when it does not look like an event at all, so the line is searched as a command.
    """
    milestone, after_word = _leading_milestone(line)
    match = _LEADING_TIME.match(after_word)
    if match is None:
        if milestone is None:
            return None
        return _refused("timeline_event", "Start with the time, e.g. 14:02 onset: what happened")
    description = after_word[match.end() :].lstrip(_SEPARATORS)
    if milestone is None:
        milestone, description = _leading_milestone(description)
    default = _default_date(pm, zone)
    try:
        parsed = parse_time(match["time"], zone=zone, default_date=default)
    except ValueError as error:  # TimeParseError, or a date the calendar cannot hold
        return _refused("timeline_event", _sentence(str(error)), text=description)
    parts: dict[str, object] = {
        "at": parsed.at,
        "entered_as": parsed.entered_as,
        "milestone": milestone,
        "text": description,
    }
    if not description:
        return _refused("timeline_event", _WHAT_TO_TYPE["timeline_event"], **parts)
    holder = _milestone_holder(pm, milestone)
    if holder is not None and milestone is not None:
        return _refused("timeline_event", _already_marked(milestone, holder, zone), **parts)
    when = _when(parsed.at, zone, default)
    marked = "" if milestone is None else f", marked as {milestone.label.lower()}"
    summary = f"Add a timeline event at {when}{marked}: {description}"
    return _ok("timeline_event", summary, **parts)


def _leading_milestone(text: str) -> tuple[Milestone | None, str]:
    """A milestone word and colon at the start of ``text`` (``detected:``), and the rest."""
    match = _LEADING_WORD.match(text)
    if match is None:
        return None, text
    milestone = _words().milestones.get(match["word"].casefold())
    if milestone is None:
        return None, text
    return milestone, text[match.end() :].strip()


def _default_date(pm: Postmortem, zone: tzinfo) -> date | None:
    """The date a time typed without one falls on: the incident's, else the last event's."""
    if pm.incident_date is not None:
        return pm.incident_date
    if not pm.timeline:
        return None
    try:
        return pm.timeline[-1].at.astimezone(zone).date()
    except OverflowError:  # the very ends of the calendar have no local date
        return None


def _milestone_holder(pm: Postmortem, milestone: Milestone | None) -> TimelineEvent | None:
    if milestone is None:
        return None
    return next((event for event in pm.timeline if event.milestone is milestone), None)


def _already_marked(milestone: Milestone, holder: TimelineEvent, zone: tzinfo) -> str:
    when = format_in_zone(holder.at, zone)
    return (
        f"The {milestone.label.lower()} is already marked at {when} "
        f"(“{_short(holder.description)}”); unmark it there first"
    )


def _when(at: datetime, zone: tzinfo, default: date | None) -> str:
    """``14:02 UTC``, with the date when it is not the default, and UTC beside a local time."""
    local = format_in_zone(at, zone)
    same_day = default is not None and local[:10] == default.isoformat()
    shown = local[11:] if same_day else local
    if is_utc(zone):
        return f"{shown} UTC"
    utc = format_utc(at)
    utc_shown = utc[11:] if utc[:10] == local[:10] else utc
    return f"{shown} {zone_label(zone)} ({utc_shown} UTC)"


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- applying -------------------------------------------------------------------------------------


def apply_capture(
    preview: CapturePreview,
    pm: Postmortem,
    *,
    stage: Stage | None = None,
    now: datetime | None = None,
) -> tuple[Postmortem, str]:
    """Add what ``preview`` describes to ``pm``; the new postmortem and its undo label.

    A parked point records ``stage`` (where the meeting was) and ``now`` (UTC; the current time
    when None) as when it was raised. Raises ValueError for previews that add nothing (commands,
    invalid lines), and when ``pm`` changed since the preview so that the item no longer fits
    (the milestone got marked, the selected answer was removed).
    """
    if preview.kind == "timeline_event":
        return _add_event(preview, pm), "Add Timeline Event"
    if preview.kind == "action_item":
        item = ActionItem(id=_fresh_id(pm), title=preview.text)
        return dataclasses.replace(pm, action_items=(*pm.action_items, item)), "Add Action Item"
    if preview.kind == "observation" and preview.observation_kind is not None:
        kind = preview.observation_kind
        observation = Observation(id=_fresh_id(pm), kind=kind, text=preview.text)
        changed = dataclasses.replace(pm, observations=(*pm.observations, observation))
        return changed, f"Add {OBSERVATION_UNDO_NAMES[kind]}"
    if preview.kind == "why":
        if preview.parent_id is not None and all(w.id != preview.parent_id for w in pm.whys):
            raise ValueError("the selected answer is no longer there")
        changed, _ = cause_tree.add_why(pm, preview.text, parent_id=preview.parent_id)
        return changed, "Add Why"
    if preview.kind == "parking_lot":
        raised_at = datetime.now(UTC) if now is None else now
        points, _ = parking_lot.park(
            pm.parking_lot, preview.text, raised_during=stage, raised_at=raised_at
        )
        return dataclasses.replace(pm, parking_lot=points), "Park a Point"
    raise ValueError(preview.problem or f"a {preview.kind} preview adds nothing to the postmortem")


def _add_event(preview: CapturePreview, pm: Postmortem) -> Postmortem:
    if preview.at is None:
        raise ValueError("a timeline event needs a time")
    holder = _milestone_holder(pm, preview.milestone)
    if holder is not None and preview.milestone is not None:
        raise ValueError(f"the {preview.milestone.label.lower()} is already marked")
    event = TimelineEvent(
        id=_fresh_id(pm),
        at=preview.at,
        description=preview.text,
        milestone=preview.milestone,
        entered_as=preview.entered_as,
    )
    # After every event at or before its minute, as the timeline table places a new event.
    position = bisect.bisect_right(pm.timeline, event.at, key=lambda other: other.at)
    timeline = (*pm.timeline[:position], event, *pm.timeline[position:])
    return dataclasses.replace(pm, timeline=timeline)


def _fresh_id(pm: Postmortem) -> str:
    taken = {
        item.id
        for items in (pm.timeline, pm.action_items, pm.observations, pm.whys, pm.causes)
        for item in items
    }
    while True:
        candidate = new_id()
        if candidate not in taken:
            return candidate


# -- command search -------------------------------------------------------------------------------


def _command_search(line: str, commands: Sequence[tuple[str, str]]) -> CapturePreview:
    targets = [
        (f"{STAGE_KEY_PREFIX}{stage.value}", stage.label, names)
        for stage, names in _words().stage_names.items()
    ]
    targets += [(key, label, (label,)) for key, label in commands]
    if not _WORDS.findall(line.casefold()):
        if line:
            return _refused("command", f"Nothing matches “{_short(line)}”")
        every = tuple(CommandMatch(key, label, 0.0) for key, label, _ in targets)
        return _ok("command", "Type a time, ! + - ~ ? #, or a stage or command", matches=every)
    matches = rank_commands(line, targets)
    if not matches:
        problem = (
            f"No stage or command matches “{_short(line)}”; to add something, start with a "
            "time or with ! + - ~ ? #"
        )
        return _refused("command", problem)
    best = matches[0]
    verb = "Go to" if best.key.startswith(STAGE_KEY_PREFIX) else "Run"
    return _ok("command", f"{verb} {best.label}", matches=matches)


def completions(text: str, pm: Postmortem | None) -> tuple[str, ...]:
    """Participant names, cause texts and five-whys answers that complete the last word typed.

    A candidate completes the line when one of its trailing stretches of words (ending with the
    last word) starts the candidate, ignoring case: ``! ask ali`` offers ``Alice Chen`` and
    ``- cache stam`` offers ``Cache stampede``. Longer stretches come first (``Alice C`` offers
    ``Alice Chen`` before ``Cache stampede``), then participants before causes before answers.
    Nothing is offered after a space, for a candidate already typed in full, or without ``pm``.
    """
    if pm is None or not text or text[-1].isspace():
        return ()
    words = text.split()
    tails = [" ".join(words[start:]).casefold() for start in range(len(words))]
    candidates = [participant.name for participant in pm.participants]
    candidates += [cause.text for cause in pm.causes] + [why.text for why in pm.whys]
    offered: dict[str, tuple[int, int, str]] = {}
    for order, candidate in enumerate(candidates):
        cleaned = " ".join(candidate.split())
        folded = cleaned.casefold()
        if not folded or folded in offered:
            continue
        matched = [len(tail) for tail in tails if folded.startswith(tail) and folded != tail]
        if matched:
            offered[folded] = (-max(matched), order, cleaned)
    return tuple(cleaned for _, _, cleaned in sorted(offered.values()))


def complete(text: str, candidate: str) -> str:
    """``text`` with the stretch of words that ``candidate`` completes replaced by it.

    The longest trailing stretch wins, as in ``completions``; a space follows so typing goes on
    (``! ask ali`` and ``Alice Chen`` give ``! ask Alice Chen ``). Raises ValueError when
    ``candidate`` completes no stretch of ``text``.
    """
    cleaned = " ".join(candidate.split())
    folded = cleaned.casefold()
    for word in re.finditer(r"\S+", text):
        tail = " ".join(text[word.start() :].split()).casefold()
        if folded.startswith(tail):
            return f"{text[: word.start()]}{cleaned} "
    raise ValueError(f"“{_short(cleaned)}” does not complete “{_short(text)}”")


def confirmation(preview: CapturePreview) -> str:
    """What was done, once ``preview`` has been applied: its summary in the past tense."""
    for verb, done in (("Add ", "Added "), ("Park ", "Parked ")):
        if preview.summary.startswith(verb):
            return done + preview.summary[len(verb) :]
    return preview.summary
