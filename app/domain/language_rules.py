"""The blameless-language rules as data: ``resources/blameless_language.json``, read once.

One file holds every phrase Retro treats as blaming or hindsight wording, so stage 3's firm
root-cause check (``blame.py``) and the coaching across the whole postmortem
(``blameless_language.py``) never disagree about what a phrase means. The file's ``about`` says
how phrases and slots are written; ``wording.py`` does the matching.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, cast

from app.domain.wording import template_pattern

FlagRule = Literal["blames_person", "blame_phrase", "hindsight"]
FLAG_RULES: tuple[FlagRule, ...] = ("blames_person", "blame_phrase", "hindsight")
RESOURCE = "blameless_language.json"


@dataclass(frozen=True)
class PhraseGroup:
    """Phrases sharing a rule, a reason (a clause: "blames a person's error") and a suggestion."""

    rule: FlagRule
    reason: str
    suggestion: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class LanguageRules:
    groups: tuple[PhraseGroup, ...]
    slots: dict[str, tuple[str, ...]]
    neutral_terms: tuple[str, ...]
    root_cause_participant_suggestion: str

    def plain_blame_phrases(self) -> tuple[tuple[str, PhraseGroup], ...]:
        """The blame phrases without slots, each with its group: stage 3's firm list."""
        return tuple(
            (phrase, group)
            for group in self.groups
            if group.rule == "blame_phrase"
            for phrase in group.phrases
            if not has_slot(phrase)
        )


def has_slot(phrase: str) -> bool:
    return re.search(r"\{\w+[?*]?\}", phrase) is not None


@functools.cache
def language_rules() -> LanguageRules:
    """The rules from the data file; a malformed file fails loudly here, not mid-meeting."""
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    slots = {name: tuple(words) for name, words in data["slots"].items()}
    groups = tuple(_group(entry) for entry in data["groups"])
    rules = LanguageRules(
        groups=groups,
        slots=slots,
        neutral_terms=tuple(data["neutral_terms"]),
        root_cause_participant_suggestion=str(data["root_cause_participant"]["suggestion"]),
    )
    dummy_slots = dict.fromkeys(slots, "x")
    for group in groups:
        for phrase in group.phrases:
            template_pattern(phrase, dummy_slots)  # raises on an unknown slot or a blank phrase
    return rules


def _group(entry: dict[str, Any]) -> PhraseGroup:
    rule = entry["rule"]
    if rule not in FLAG_RULES:
        raise ValueError(f"{RESOURCE}: unknown rule {rule!r}")
    if not entry["reason"].strip() or not entry["suggestion"].strip() or not entry["phrases"]:
        raise ValueError(f"{RESOURCE}: a group needs a reason, a suggestion and phrases: {entry}")
    return PhraseGroup(
        rule=cast(FlagRule, rule),
        reason=entry["reason"],
        suggestion=entry["suggestion"],
        phrases=tuple(entry["phrases"]),
    )
