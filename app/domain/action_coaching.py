"""Action-item coaching: what keeps an action item from being a specific, owned, tracked ticket.

The reference wants specific tickets with owners and dates, categorised prevent / detect /
recover / process and linked in the issue tracker, and warns against vague "add monitoring":
name the metric or signal. ``coach_action_item`` gives every note for one item (call it with a
draft while the title is being typed); ``coach_title`` only the wording notes. A root cause that
no action item addresses is a gap of the whole list: ``unaddressed_root_causes``.

Vague wording is data (``resources/action_coaching.json``): each group of phrases says when it
is acceptable after all. "Add monitoring" is fine once the title names a signal ("Add an alert on
p99 checkout latency above 2 s"); "investigate" once it asks a question ("Investigate whether
retries amplify load?"); "be more careful" never is, because it changes nothing in the system.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Literal

from app.domain.cause_tree import causes_in_order, whys_in_order
from app.domain.model import (
    ActionItem,
    ActionStatus,
    CauseClassification,
    Postmortem,
)
from app.domain.wording import (
    alternatives,
    find_spans,
    fold,
    phrase_body,
    template_pattern,
    whole_words,
)

RESOURCE = "action_coaching.json"
FIELD_RULES = ("no_title", "no_owner", "no_due", "overdue", "no_category", "no_tracker")
# Statuses that still need doing: an item that is done or dropped cannot be late.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

Unless = Literal["signal", "question", "never"]


@dataclass(frozen=True)
class CoachingNote:
    """One thing to improve in an action item.

    ``rule`` is a stable key: "vague", "no_title", "no_owner", "no_due", "overdue",
    "no_category", "no_tracker". ``reason`` is a clause to follow the item ("has no owner");
    ``suggestion`` a concrete way to fix it. For "vague", ``start:end`` is the vague wording in
    the title as typed, so an editor can underline it; other notes leave both at 0.
    """

    rule: str
    reason: str
    suggestion: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class VagueWording:
    """Vague words in a title and what to do about them; ``fix`` is the short advice."""

    phrase: str
    start: int
    end: int
    reason: str
    suggestion: str
    fix: str


@dataclass(frozen=True)
class UnaddressedRootCause:
    """A root cause (fishbone cause or five-whys answer) no action item addresses."""

    kind: Literal["cause", "why"]
    item_id: str
    text: str


@dataclass(frozen=True)
class _VagueGroup:
    unless: Unless
    reason: str
    suggestion: str
    fix: str


@dataclass(frozen=True)
class _Rules:
    vague: tuple[tuple[re.Pattern[str], _VagueGroup], ...]
    signals: tuple[re.Pattern[str], ...]
    question_words: re.Pattern[str]
    placeholders: frozenset[str]
    fields: dict[str, tuple[str, str]]


@functools.cache
def _rules() -> _Rules:
    """The rules from the data file; a malformed file fails here, at first use."""
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    slots = {name: alternatives(words) for name, words in data["slots"].items()}
    vague: list[tuple[re.Pattern[str], _VagueGroup]] = []
    for entry in data["vague"]:
        if entry["unless"] not in ("signal", "question", "never"):
            raise ValueError(f"{RESOURCE}: unknown 'unless' {entry['unless']!r}")
        group = _VagueGroup(entry["unless"], entry["reason"], entry["suggestion"], entry["fix"])
        vague.extend((template_pattern(phrase, slots), group) for phrase in entry["phrases"])
    fields = {
        rule: (str(data["fields"][rule]["reason"]), str(data["fields"][rule]["suggestion"]))
        for rule in FIELD_RULES
    }
    return _Rules(
        vague=tuple(vague),
        signals=_signal_patterns(data["signals"]),
        question_words=whole_words(alternatives(data["question_words"])),
        placeholders=frozenset(fold(word)[0].strip() for word in data["placeholders"]),
        fields=fields,
    )


def _signal_patterns(signals: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    """Patterns that find a named signal; the first two run on folded text, the rest as typed."""
    number = r"\d+(?:[.,]\d+)?"
    units = "|".join(
        re.escape(fold(unit)[0]) for unit in sorted(signals["units"], key=len, reverse=True)
    )
    words = [c for c in signals["comparisons"] if phrase_body(c) and c[0].isalpha()]
    symbols = [re.escape(c) for c in signals["comparisons"] if not c[0].isalpha()]
    comparison = rf"(?:(?<!\w){alternatives(words)}\s+|(?:{'|'.join(symbols)})\s*)"
    return (
        whole_words(alternatives(signals["metric_words"])),
        re.compile(rf"(?<![\w.]){number}\s?(?:{units})(?!\w)|{comparison}{number}"),
        *(re.compile(pattern) for pattern in signals["identifier_patterns"]),
    )


def names_a_signal(title: str) -> bool:
    """True when ``title`` names a metric, a threshold, an identifier or a quoted name."""
    folded = fold(title)[0]
    metric, threshold, *shapes = _rules().signals
    if metric.search(folded) or threshold.search(folded):
        return True
    return any(pattern.search(title) for pattern in shapes)


def _asks_a_question(title: str, after: int) -> bool:
    """A question mark anywhere, or a question word after the vague words."""
    return "?" in title or _rules().question_words.search(fold(title[after:])[0]) is not None


def vague_wording(title: str) -> tuple[VagueWording, ...]:
    """The vague wording in ``title`` that the rest of the title does not make specific."""
    rules = _rules()
    found = []
    for span in find_spans(title, [pattern for pattern, _ in rules.vague]):
        group = rules.vague[span.rule][1]
        if group.unless == "signal" and names_a_signal(title):
            continue
        if group.unless == "question" and _asks_a_question(title, span.end):
            continue
        phrase = title[span.start : span.end]
        reason = group.reason.replace("{phrase}", phrase)
        found.append(
            VagueWording(phrase, span.start, span.end, reason, group.suggestion, group.fix)
        )
    return tuple(found)


def coach_title(title: str) -> tuple[CoachingNote, ...]:
    """Notes on the wording of a title alone, in text order (for an editor while typing)."""
    if not title.strip():
        return (_field_note("no_title"),)
    return tuple(
        CoachingNote("vague", vague.reason, vague.suggestion, vague.start, vague.end)
        for vague in vague_wording(title)
    )


def coach_action_item(item: ActionItem, *, today: date) -> tuple[CoachingNote, ...]:
    """Every note for ``item``: wording first, then owner, due date, category and tracker."""
    notes = list(coach_title(item.title))
    if is_placeholder(item.owner):
        notes.append(_field_note("no_owner"))
    if item.due is None:
        notes.append(_field_note("no_due"))
    elif is_overdue(item, today=today):
        notes.append(_field_note("overdue", due=item.due.isoformat(), status=item.status.label))
    if item.category is None:
        notes.append(_field_note("no_category"))
    if is_placeholder(item.tracker):
        notes.append(_field_note("no_tracker"))
    return tuple(notes)


def is_placeholder(value: str) -> bool:
    """True for a blank owner or tracker, or one that names nobody and nothing ("TBD", "?")."""
    folded = " ".join(fold(value)[0].split())
    return not folded or folded in _rules().placeholders


def is_overdue(item: ActionItem, *, today: date) -> bool:
    """Due before ``today`` and neither done nor dropped."""
    return item.due is not None and item.due < today and item.status in OPEN_STATUSES


def _field_note(rule: str, **values: str) -> CoachingNote:
    reason, suggestion = _rules().fields[rule]
    for name, value in values.items():
        reason = reason.replace("{" + name + "}", value.lower())
    return CoachingNote(rule, reason, suggestion)


def action_item_warnings(pm: Postmortem, *, today: date) -> dict[str, tuple[CoachingNote, ...]]:
    """The notes of every action item that has any, by item id, in table order."""
    warnings = {}
    for item in pm.action_items:
        notes = coach_action_item(item, today=today)
        if notes:
            warnings[item.id] = notes
    return warnings


def unaddressed_root_causes(pm: Postmortem) -> tuple[UnaddressedRootCause, ...]:
    """Root causes no action item names in its ``cause_ids``, causes first, in outline order.

    An item marked "won't do" addresses nothing: the root cause is still open.
    """
    addressed = {
        cause_id
        for item in pm.action_items
        if item.status is not ActionStatus.WONT_DO
        for cause_id in item.cause_ids
    }
    root = CauseClassification.ROOT_CAUSE
    gaps: list[UnaddressedRootCause] = [
        UnaddressedRootCause("cause", cause.id, cause.text)
        for cause in causes_in_order(pm)
        if cause.classification is root and cause.id not in addressed
    ]
    gaps.extend(
        UnaddressedRootCause("why", why.id, why.text)
        for why in whys_in_order(pm)
        if why.classification is root and why.id not in addressed
    )
    return tuple(gaps)
