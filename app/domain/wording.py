"""Finding listed wording in free text the way people type it, for the coaching rules.

Blame checks, blameless-language coaching and action-item coaching all look for phrases from
data files in text a person wrote. They share one way of matching, so a phrase behaves the same
wherever it is listed:

- case and accents fold ("RENÉ" is "rene"), curly apostrophes and dashes are the straight ones;
- phrases match whole words ("careless" is not found in "carelessness");
- a space in a phrase also matches several spaces, hyphens or a line break;
- spans are reported in the text as written, so an editor can underline exactly what was typed.

A phrase may hold slots, written in braces, that stand for any of a list of words:
``{person} forgot`` matches "Dana forgot" and "the engineer forgot" when ``person`` lists both.
``{slot}`` is exactly one of the slot's words, ``{slot?}`` zero or one, ``{slot*}`` zero to two
(for adverbs: "Dana then simply forgot"). The built-in slot ``{word}`` is any one word. A slot
may be glued to text in the same token, as in ``{person}'s``; only a required slot may.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# A name part this short ("Al", "Bo", "Li") is too often an ordinary word or an abbreviation.
MIN_NAME_PART_LETTERS = 3

# Typographic apostrophes and dashes people (and their editors) type; folded to the ASCII ones.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u2032\uff07"), "'")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
WORD_SEPARATOR = r"[\s\-]+"  # between the words of a phrase or a name
_ANY_WORD = r"[\w']+"
_SLOT = re.compile(r"\{(\w+)([?*]?)\}")
_REPEAT = {"": "", "?": "?", "*": "{0,2}"}


def fold_char(char: str) -> str:
    """``char`` without case or accents; may be empty (a combining mark) or longer ("ß")."""
    folded = unicodedata.normalize(
        "NFD", char.translate(_APOSTROPHES).translate(_DASHES).casefold()
    )
    return "".join(part for part in folded if not unicodedata.combining(part))


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character the index it came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back to ``text``, taking along accents that follow the last letter."""
    first, last = origin[start], origin[end - 1] + 1
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def _words(text: str) -> list[str]:
    return [token for token in re.split(WORD_SEPARATOR, fold(text)[0]) if token]


def phrase_body(words: str) -> str | None:
    """A regular expression for ``words`` folded, without word boundaries; None if blank."""
    tokens = _words(words)
    if not tokens:
        return None
    return WORD_SEPARATOR.join(re.escape(token) for token in tokens)


def whole_words(body: str) -> re.Pattern[str]:
    """``body`` as a pattern that starts and ends on word boundaries."""
    return re.compile(rf"(?<!\w){body}(?!\w)")


def phrase_pattern(words: str) -> re.Pattern[str] | None:
    """A whole-word pattern for ``words`` folded; None when nothing is left to look for."""
    body = phrase_body(words)
    return None if body is None else whole_words(body)


def name_variants(name: str) -> tuple[str, ...]:
    """How a person may be named: the full name, then each part of three letters or more."""
    parts = _words(name)
    long_parts = [part for part in parts if sum(c.isalpha() for c in part) >= MIN_NAME_PART_LETTERS]
    return tuple(dict.fromkeys([" ".join(parts), *long_parts]))


def alternatives(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words`` (folded), longest first."""
    bodies = {body for word in words if (body := phrase_body(word)) is not None}
    if not bodies:
        return r"(?!)"  # an empty slot matches nothing
    return "(?:" + "|".join(sorted(bodies, key=lambda body: (-len(body), body))) + ")"


def template_pattern(template: str, slots: Mapping[str, str]) -> re.Pattern[str]:
    """Compile a phrase with slots (see the module docstring); ``slots`` maps names to regexes.

    Raises ValueError for an unknown slot, an optional slot glued to text, or a phrase that
    starts or ends with an optional slot (it would match nothing definite there).
    """
    tokens = template.split()
    if not tokens:
        raise ValueError("an empty phrase")
    pieces: list[str] = []
    for position, token in enumerate(tokens):
        body, repeat = _token(token, slots, template)
        if repeat and position in (0, len(tokens) - 1):
            raise ValueError(f"{template!r} starts or ends with an optional slot")
        if position == 0:
            pieces.append(body)
        elif repeat:
            pieces.append(f"(?:{WORD_SEPARATOR}{body}){_REPEAT[repeat]}")
        else:
            pieces.append(f"{WORD_SEPARATOR}{body}")
    return whole_words("".join(pieces))


def _token(token: str, slots: Mapping[str, str], template: str) -> tuple[str, str]:
    """The regex for one space-free token of a template, and its repeat mark ("" if required)."""
    parts = _SLOT.split(token)  # literal, name, mark, literal, name, mark, ..., literal
    regex: list[str] = []
    for index in range(0, len(parts), 3):
        literal = parts[index]
        if literal:
            body = phrase_body(literal)
            regex.append(re.escape(literal) if body is None else body)
        if index + 1 < len(parts):
            name, mark = parts[index + 1], parts[index + 2]
            if name == "word":
                slot = _ANY_WORD
            elif name in slots:
                slot = slots[name]
            else:
                raise ValueError(f"{template!r} uses an unknown slot {{{name}}}")
            if mark:
                if len(parts) != 4 or parts[0] or parts[3]:  # anything beside the one slot
                    raise ValueError(f"{template!r} glues an optional slot to other text")
                return slot, mark
            regex.append(slot)
    return "".join(regex), ""


@dataclass(frozen=True)
class Span:
    """Where a listed rule matched in the text as written; ``rule`` indexes the rules given."""

    start: int
    end: int
    rule: int


def find_spans(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[Span, ...]:
    """Every match of ``patterns`` in ``text`` folded, mapped back, without overlaps.

    Overlapping matches keep the longest, then the first listed; the result is in text order.
    """
    if not text:
        return ()
    folded, origin = fold(text)
    candidates: list[tuple[int, int, int]] = []
    for order, pattern in enumerate(patterns):
        for match in pattern.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = original_span(text, origin, match.start(), match.end())
            candidates.append((start, -(end - start), order))
    spans: list[Span] = []
    taken_until = -1
    for start, negative_length, order in sorted(candidates):
        if start < taken_until:
            continue  # inside a longer (or earlier listed) match
        taken_until = start - negative_length
        spans.append(Span(start, taken_until, order))
    return tuple(spans)
