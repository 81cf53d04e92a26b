"""Blameless checks: text that names a person, or blames people, where it should name the system.

The reference is plain: do not name an individual as the root cause. A root cause that says
"human error" or names a participant stops the analysis at the person, where the useful question
is what in the system made the action possible. ``find_blame`` finds such wording in any text;
``blame_warnings`` applies it where the rule is firm: causes and five-whys answers classified as
the root cause. (The gentler coaching across the whole postmortem, which can be dismissed with a
reason, is ``blameless_language.py``.)

Matching folds case and accents ("RENÉ", "Rene" and "René" are the same name) and works on whole
words ("Ali" is not found in "Alibaba"), while the spans it reports point into the text as written,
so an editor can underline exactly what the person typed (``wording.py``). The phrases are the
blame phrases without slots in ``resources/blameless_language.json``, the one list both checks
read, so a team can read and extend them in one place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from app.domain.language_rules import language_rules
from app.domain.model import CauseClassification, Participant, Postmortem
from app.domain.wording import (
    MIN_NAME_PART_LETTERS,
    find_spans,
    name_variants,
    phrase_pattern,
)

__all__ = [
    "MIN_NAME_PART_LETTERS",
    "BlameFinding",
    "BlameWarning",
    "blame_warnings",
    "find_blame",
    "neutral_spans",
    "overlaps",
]


@dataclass(frozen=True)
class BlameFinding:
    """One place in a text that blames a person.

    ``phrase`` is the text as written at ``start:end``; ``reason`` says what is wrong with it
    ('names Dana Reyes, a participant', 'says "human error"'); ``suggestion`` the question to ask
    instead. ``participant`` is the participant's name when the finding names one, else None.
    """

    phrase: str
    reason: str
    suggestion: str
    start: int
    end: int
    participant: str | None = None


@dataclass(frozen=True)
class BlameWarning:
    """A root cause (a fishbone cause or a five-whys answer) whose text blames a person."""

    item_kind: Literal["cause", "why"]
    item_id: str
    text: str
    findings: tuple[BlameFinding, ...]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    reason: str
    suggestion: str
    participant: str | None = None


@functools.cache
def _phrase_rules() -> tuple[_Rule, ...]:
    """The blame phrases without slots as rules, each with its group's suggestion."""
    rules = []
    for phrase, group in language_rules().plain_blame_phrases():
        pattern = phrase_pattern(phrase)
        if pattern is None:
            raise ValueError(f"blameless_language.json lists an empty phrase in {group!r}")
        rules.append(_Rule(pattern, f'says "{phrase}"', group.suggestion))
    return tuple(rules)


@functools.cache
def _neutral_patterns() -> tuple[re.Pattern[str], ...]:
    terms = language_rules().neutral_terms
    return tuple(pattern for term in terms if (pattern := phrase_pattern(term)) is not None)


def neutral_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that use listed words without blaming anyone ("error rate")."""
    return tuple((span.start, span.end) for span in find_spans(text, _neutral_patterns()))


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


@functools.lru_cache(maxsize=256)
def _participant_rules(name: str) -> tuple[_Rule, ...]:
    """Rules for one participant: the full name, then each part of three letters or more."""
    suggestion = language_rules().root_cause_participant_suggestion
    shown = " ".join(name.split())
    reason = f"names {shown}, a participant"
    rules: dict[str, _Rule] = {}
    for candidate in name_variants(name):
        pattern = phrase_pattern(candidate)
        # "Ana" is both the full name and its only part: one rule is enough.
        if pattern is not None and pattern.pattern not in rules:
            rules[pattern.pattern] = _Rule(pattern, reason, suggestion, participant=shown)
    return tuple(rules.values())


def find_blame(text: str, participants: Sequence[Participant]) -> tuple[BlameFinding, ...]:
    """Every place in ``text`` that names a participant or uses a blaming phrase, in text order.

    Overlapping matches keep the longest, then the first listed: "Dana Reyes" is one finding,
    not three ("Dana Reyes", "Dana", "Reyes"). Participants are checked before phrases. A phrase
    inside a neutral term ("human error rate") is not a finding; a participant's name always is.
    """
    rules = [rule for person in participants for rule in _participant_rules(person.name)]
    rules.extend(_phrase_rules())
    neutral = neutral_spans(text)
    findings = []
    for span in find_spans(text, [rule.pattern for rule in rules]):
        rule = rules[span.rule]
        if rule.participant is None and overlaps(span.start, span.end, neutral):
            continue
        findings.append(
            BlameFinding(
                text[span.start : span.end],
                rule.reason,
                rule.suggestion,
                span.start,
                span.end,
                rule.participant,
            )
        )
    return tuple(findings)


def blame_warnings(pm: Postmortem) -> tuple[BlameWarning, ...]:
    """Root causes that blame a person: causes first, then five-whys answers, in tuple order.

    Only items classified as the root cause: a contributing factor may well say an engineer was
    paged at 3 a.m.; naming the person as *the* cause is what the reference rules out.
    """
    root = CauseClassification.ROOT_CAUSE
    items: list[tuple[Literal["cause", "why"], str, str]] = [
        *(("cause", c.id, c.text) for c in pm.causes if c.classification is root),
        *(("why", w.id, w.text) for w in pm.whys if w.classification is root),
    ]
    warnings = []
    for kind, item_id, text in items:
        findings = find_blame(text, pm.participants)
        if findings:
            warnings.append(BlameWarning(kind, item_id, text, findings))
    return tuple(warnings)
