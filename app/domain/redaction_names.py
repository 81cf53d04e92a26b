"""Redaction of what one postmortem names: participants, its own terms, its internal hosts.

Names and terms are matched on a folded copy of the text (case-folded, accents removed, both
composed and decomposed accents alike, "ł" as "l") so "JOSÉ", "José", "Jose" and "Jose\u0301"
are one name; each folded character remembers the input position it came from, so findings are
reported and replaced in the text as written. A name matches on word boundaries, which also
finds it in the possessive ("Dana's"), except at the edge of a script written without spaces
(Chinese, Japanese, Thai), where a name runs straight into the next word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.domain.redaction_data import Candidate, RedactionKind, redaction_data
from app.domain.redaction_patterns import host_allowed

_MIN_PART_LETTERS = 3  # a name's parts shorter than this ("Li", "Jo", "J.") are not matched alone
# Scripts written without spaces between words: no word boundary is required at these letters.
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN")

# A DNS label; underscores are allowed because internal names use them ("db_01.internal").
_LABEL = r"[a-z0-9_][a-z0-9_-]{0,62}"
# Not inside a longer dotted name: "x.db01.internal.example" is not "db01.internal".
_HOST_BEFORE = r"(?<![\w.-])"
_HOST_AFTER = r"(?![\w-]|\.[a-z0-9])"
# A dotted host-like name as written in a timeline event: its last label starts with a letter
# and has two or more characters, so versions ("v2.4.1"), addresses and abbreviations ("e.g.")
# are not names.
_DOTTED_NAME = re.compile(
    rf"{_HOST_BEFORE}(?:{_LABEL}\.)+[a-z][a-z0-9-]*[a-z0-9]{_HOST_AFTER}", re.IGNORECASE
)
_EMAIL_OR_URL = re.compile(
    r"(?<![\w.%+-])(?:[\w.%+-]+@[\w.-]+|(?:[a-z][a-z0-9+.-]{1,15}://|www\.)\S+)", re.IGNORECASE
)


# Letters with a stroke or ligatures that Unicode does not decompose into a base letter and an
# accent, but that people type without it ("Łukasz" as "Lukasz", "Søren" as "Soren").
_BASE_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ŧ": "t",
        "\u0131": "i",  # dotless i
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
    }
)


@functools.lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    folded = unicodedata.normalize("NFD", character.casefold().translate(_BASE_LETTERS))
    return "".join(c for c in folded if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text case-folded without accents, and each folded character's input position.

    The positions are None when they are the identity (ASCII text, the usual case).
    """
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    positions: list[int] = []
    for index, character in enumerate(text):
        folded = _fold_character(character)
        pieces.append(folded)
        positions.extend([index] * len(folded))
    return "".join(pieces), positions


def _literal(folded: str) -> str:
    """A regular expression for a folded name or term: any white space between its words."""
    words = folded.split()
    body = r"\s+".join(re.escape(word) for word in words)
    before = "" if _unspaced(words[0][0]) else r"(?<!\w)"
    after = "" if _unspaced(words[-1][-1]) else r"(?!\w)"
    return f"{before}{body}{after}"


def _unspaced(character: str) -> bool:
    name = unicodedata.name(character, "")
    return any(script in name for script in _UNSPACED_SCRIPTS)


def name_forms(names: Iterable[str]) -> tuple[str, ...]:
    """Each full name and its parts of three or more letters, folded, longest first.

    "Mary-Jane O'Neil" gives "mary-jane o'neil", "mary-jane", "mary", "jane" and "o'neil".
    """
    forms: set[str] = set()
    for name in names:
        folded = " ".join(fold(name)[0].split())
        if not any(character.isalnum() for character in folded):
            continue
        forms.add(folded)
        for part in folded.split():
            for piece in (part, *part.split("-")):
                piece = piece.strip(".,;:()\"'")  # noqa: PLW2901 -- the cleaned piece
                if sum(character.isalpha() for character in piece) >= _MIN_PART_LETTERS:
                    forms.add(piece)
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _alternation(forms: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [_literal(form) for form in forms if form.strip()]
    return re.compile("|".join(patterns)) if patterns else None


def _host_pattern(names: Iterable[str], *, labels_before: str) -> re.Pattern[str] | None:
    """Hosts ending in one of ``names``, with ``labels_before`` ('*' or '+') labels ahead."""
    escaped = sorted({re.escape(name) for name in names}, key=len, reverse=True)
    if not escaped:
        return None
    alternatives = "|".join(escaped)
    pattern = rf"{_HOST_BEFORE}(?:{_LABEL}\.){labels_before}(?:{alternatives}){_HOST_AFTER}"
    return re.compile(pattern, re.IGNORECASE)


def clean_host(name: str) -> str:
    """A host or domain as rules keep it: lower case, without "*.", leading or trailing dots."""
    name = name.strip().lower()
    name = name.removeprefix("*.")
    return name.strip(".")


@dataclass(frozen=True)
class NameDetectors:
    """The compiled name, term and hostname patterns of one set of rules."""

    participants: re.Pattern[str] | None
    terms: re.Pattern[str] | None
    # Names ending in a dotted internal domain, or the domain itself ("corp.example.com").
    dotted_domains: re.Pattern[str] | None
    # Names ending in a one-label internal domain ("db01.internal"), never the bare word.
    single_label_domains: re.Pattern[str] | None
    internal_names: re.Pattern[str] | None
    allowed_hosts: tuple[str, ...]

    def candidates(self, text: str) -> list[Candidate]:
        """Every participant name, term and internal hostname in ``text``."""
        found: list[Candidate] = []
        if self.participants is not None or self.terms is not None:
            folded, positions = fold(text)
            for pattern, kind in (
                (self.participants, RedactionKind.PARTICIPANT),
                (self.terms, RedactionKind.TERM),
            ):
                if pattern is not None:
                    found += _folded_spans(pattern, text, folded, positions, kind)
        for host_pattern in (self.dotted_domains, self.single_label_domains, self.internal_names):
            if host_pattern is None:
                continue
            for match in host_pattern.finditer(text):
                if not host_allowed(match.group(), self.allowed_hosts):
                    found.append(Candidate(match.start(), match.end(), RedactionKind.HOSTNAME))
        return found


def _folded_spans(
    pattern: re.Pattern[str],
    text: str,
    folded: str,
    positions: list[int] | None,
    kind: RedactionKind,
) -> Iterator[Candidate]:
    for match in pattern.finditer(folded):
        if positions is None:
            yield Candidate(match.start(), match.end(), kind)
            continue
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # the accents of the last letter go with it
        yield Candidate(start, end, kind)


def compile_name_detectors(
    *,
    participants: tuple[str, ...],
    terms: tuple[str, ...],
    internal_domains: tuple[str, ...],
    internal_names: tuple[str, ...],
    allowed_hosts: tuple[str, ...],
) -> NameDetectors:
    """The patterns for one set of rules; built once per rules and reused for every field."""
    domains = {clean_host(domain) for domain in internal_domains} - {""}
    folded_terms = {" ".join(fold(term)[0].split()) for term in terms} - {""}
    return NameDetectors(
        participants=_alternation(name_forms(participants)),
        terms=_alternation(sorted(folded_terms, key=lambda term: (-len(term), term))),
        dotted_domains=_host_pattern((d for d in domains if "." in d), labels_before="*"),
        single_label_domains=_host_pattern((d for d in domains if "." not in d), labels_before="+"),
        internal_names=_host_pattern(
            {clean_host(name) for name in internal_names} - {""}, labels_before="*"
        ),
        allowed_hosts=tuple(clean_host(host) for host in allowed_hosts),
    )


def dotted_names(text: str, allowed_hosts: tuple[str, ...]) -> tuple[str, ...]:
    """The host-like dotted names in ``text``, lower case, in order of first appearance.

    Links count by their host only and e-mail addresses not at all (redacted as addresses,
    their domain is often public); file names ("config.yaml") and allowed hosts are left out.
    """
    extensions = redaction_data().file_extensions
    allowed = tuple(clean_host(host) for host in allowed_hosts)
    hosts: list[str] = []
    remaining = []
    last = 0
    for match in _EMAIL_OR_URL.finditer(text):
        remaining.append(text[last : match.start()])
        last = match.end()
        if "@" not in match.group() or "://" in match.group():
            host = _link_host(match.group())
            if host:
                hosts.append(host)
    remaining.append(text[last:])
    hosts += (match.group() for match in _DOTTED_NAME.finditer(" ".join(remaining)))
    names: dict[str, None] = {}
    for host in hosts:
        name = clean_host(host)
        if (
            "." in name
            and name.rpartition(".")[2] not in extensions
            and _DOTTED_NAME.fullmatch(name)
            and not host_allowed(name, allowed)
        ):
            names[name] = None
    return tuple(names)


def _link_host(link: str) -> str:
    rest = link.split("://", 1)[1] if "://" in link else link
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return authority.rpartition("@")[2].rsplit(":", 1)[0] if "[" not in authority else ""
