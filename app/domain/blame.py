"""Blameless checks: text that names a person, or blames people, where it should name the system.

The reference is plain: do not name an individual as the root cause. A root cause that says
"human error" or names a participant stops the analysis at the person, where the useful question
is what in the system made the action possible. ``find_blame`` finds such wording in any text, so
blameless-language coaching elsewhere can reuse it; ``blame_warnings`` applies it where the rule
is firm: causes and five-whys answers classified as the root cause.

Matching folds case and accents ("RENÉ", "Rene" and "René" are the same name) and works on whole
words ("Ali" is not found in "Alibaba"), while the spans it reports point into the text as written,
so an editor can underline exactly what the person typed. The phrases live in
``resources/blame_phrases.json`` so a team can read and extend them.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from app.domain.model import CauseClassification, Participant, Postmortem

# A name part this short ("Al", "Bo", "Li") is too often an ordinary word or an abbreviation.
MIN_NAME_PART_LETTERS = 3

# Typographic apostrophes and dashes people (and their editors) type; folded to the ASCII ones.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u2032\uff07"), "'")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_WORD_SEPARATOR = r"[\s\-]+"  # between the words of a phrase or a name


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


def _fold_char(char: str) -> str:
    """``char`` without case or accents; may be empty (a combining mark) or longer ("ß")."""
    folded = unicodedata.normalize(
        "NFD", char.translate(_APOSTROPHES).translate(_DASHES).casefold()
    )
    return "".join(part for part in folded if not unicodedata.combining(part))


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character the index it came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def _pattern(words: str) -> re.Pattern[str] | None:
    """A whole-word pattern for ``words`` folded; None when nothing is left to look for."""
    tokens = [token for token in re.split(_WORD_SEPARATOR, _fold(words)[0]) if token]
    if not tokens:
        return None
    body = _WORD_SEPARATOR.join(re.escape(token) for token in tokens)
    return re.compile(rf"(?<!\w){body}(?!\w)")


@functools.cache
def _phrase_rules() -> tuple[tuple[_Rule, ...], str]:
    """The listed phrases as rules, and the suggestion for a named participant."""
    data = json.loads(
        resources.files("app.resources").joinpath("blame_phrases.json").read_text(encoding="utf-8")
    )
    rules = []
    for entry in data["phrases"]:
        pattern = _pattern(entry["phrase"])
        if pattern is None:
            raise ValueError(f"blame_phrases.json lists an empty phrase: {entry!r}")
        rules.append(_Rule(pattern, f'says "{entry["phrase"]}"', entry["suggestion"]))
    return tuple(rules), str(data["participant"]["suggestion"])


@functools.lru_cache(maxsize=256)
def _participant_rules(name: str) -> tuple[_Rule, ...]:
    """Rules for one participant: the full name, then each part of three letters or more."""
    _, suggestion = _phrase_rules()
    shown = " ".join(name.split())
    parts = [part for part in re.split(_WORD_SEPARATOR, _fold(name)[0]) if part]
    candidates = [name] + [
        part for part in parts if sum(c.isalpha() for c in part) >= MIN_NAME_PART_LETTERS
    ]
    reason = f"names {shown}, a participant"
    rules: dict[str, _Rule] = {}
    for candidate in candidates:
        pattern = _pattern(candidate)
        # "Ana" is both the full name and its only part: one rule is enough.
        if pattern is not None and pattern.pattern not in rules:
            rules[pattern.pattern] = _Rule(pattern, reason, suggestion, participant=shown)
    return tuple(rules.values())


def find_blame(text: str, participants: Sequence[Participant]) -> tuple[BlameFinding, ...]:
    """Every place in ``text`` that names a participant or uses a blaming phrase, in text order.

    Overlapping matches keep the longest, then the first listed: "Dana Reyes" is one finding,
    not three ("Dana Reyes", "Dana", "Reyes"). Participants are checked before phrases.
    """
    folded, origin = _fold(text)
    phrase_rules, _ = _phrase_rules()
    rules = [rule for person in participants for rule in _participant_rules(person.name)]
    rules.extend(phrase_rules)
    candidates: list[tuple[int, int, int, _Rule]] = []
    for order, rule in enumerate(rules):
        for match in rule.pattern.finditer(folded):  # never empty: every pattern has a token
            start, end = _original_span(text, origin, match.start(), match.end())
            candidates.append((start, -(end - start), order, rule))
    findings: list[BlameFinding] = []
    taken_until = -1
    for start, negative_length, _, rule in sorted(candidates, key=lambda c: c[:3]):
        end = start - negative_length
        if start < taken_until:
            continue  # inside a longer (or earlier listed) finding
        taken_until = end
        findings.append(
            BlameFinding(
                text[start:end], rule.reason, rule.suggestion, start, end, rule.participant
            )
        )
    return tuple(findings)


def _original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back to ``text``, taking along accents that follow the last letter."""
    first, last = origin[start], origin[end - 1] + 1
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


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
