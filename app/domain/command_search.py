"""Finding a stage or command by what was typed: exact names, prefixes, word starts, letters in
order, and near misses for typos, ranked so the best guess comes first."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CommandMatch:
    """A stage or command the typed text names. Stages have keys ``stage:1`` .. ``stage:6``."""

    key: str
    label: str
    score: float  # 1.0 for an exact name, lower for prefixes, word starts and loose matches


def rank_commands(
    query: str, targets: Iterable[tuple[str, str, Sequence[str]]]
) -> tuple[CommandMatch, ...]:
    """``(key, label, names)`` targets that ``query`` names, best first (ties keep list order).

    A target scores the best of its names: exact, then prefix, then word starts, then the
    letters in order, then a near miss for typos ("exprot"); matches scoring under half the
    best are left out.
    """
    scored: list[tuple[float, int, CommandMatch]] = []
    for index, (key, label, names) in enumerate(targets):
        score = max((_name_score(query, name) for name in names), default=0.0)
        if score > 0:
            scored.append((-score, index, CommandMatch(key, label, round(score, 3))))
    ranked = [match for _, _, match in sorted(scored, key=lambda entry: entry[:2])]
    # A loose match far below the best one is noise: "stage 3" should not offer "stage 1".
    return tuple(match for match in ranked if match.score >= ranked[0].score / 2)


def _name_score(query: str, name: str) -> float:
    query_words = _WORDS.findall(query.casefold())
    name_words = _WORDS.findall(name.casefold())
    wanted, target = " ".join(query_words), " ".join(name_words)
    if not wanted or not target:
        return 0.0
    if wanted == target:
        return 1.0
    if target.startswith(wanted):
        return 0.85 + 0.1 * len(wanted) / len(target)
    if _words_start(query_words, name_words):
        return 0.7 + 0.1 * len(wanted) / len(target)
    letters, spelled = wanted.replace(" ", ""), target.replace(" ", "")
    span = _subsequence_span(letters, spelled)
    if span and len(letters) > 1:
        return 0.4 + 0.2 * len(letters) / span
    near = difflib.SequenceMatcher(None, wanted, target[: len(wanted) + 1]).ratio()
    return 0.3 * near if near >= 0.75 and len(wanted) >= 4 else 0.0


def _words_start(query_words: list[str], name_words: list[str]) -> bool:
    """Whether each query word starts a name word, in order (``ro ca`` names ``root cause``)."""
    position = 0
    for word in query_words:
        while position < len(name_words) and not name_words[position].startswith(word):
            position += 1
        if position == len(name_words):
            return False
        position += 1
    return True


def _subsequence_span(letters: str, text: str) -> int:
    """The length of the shortest stretch from the first letter match holding ``letters``, or 0."""
    start = text.find(letters[0]) if letters else -1
    if start < 0:
        return 0
    position = start
    for letter in letters[1:]:
        position = text.find(letter, position + 1)
        if position < 0:
            return 0
    return position - start + 1


# -- completions ----------------------------------------------------------------------------------
