"""Redaction of customer-facing exports: what is replaced, by what, and where it was found.

``redact`` replaces, in one field's text, every e-mail address, IP address, phone number, link
to a host the user did not allow, internal hostname, key, token, password, participant name and
term of the postmortem's own with a neutral placeholder ("[redacted email]"), and lists each
replacement so the export preview can show the facilitator what goes and let a harmless one
back. The patterns live in ``redaction_patterns.py`` (fixed) and ``redaction_names.py`` (what
one postmortem names); the placeholders and token prefixes in ``resources/redaction.json``.

Overlapping findings become one: the secret if one of them is a secret (so a link carrying a
token is reported as a secret), else the longest (a link holding an address is a link, an
address is not also a hostname), else the most specific kind. A value found once goes wherever
else it stands on its own in the field ("password=hunter2 ... hunter2"). Placeholders are never
redacted, and the text as redacted is searched again until nothing new is found, so redacting
twice changes nothing more.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.domain.model import Postmortem
from app.domain.redaction_data import Candidate, RedactionKind, placeholder_pattern
from app.domain.redaction_names import (
    NameDetectors,
    clean_host,
    compile_name_detectors,
    dotted_names,
)
from app.domain.redaction_patterns import pattern_candidates

__all__ = [
    "ALLOWED_HOSTS_KEY",
    "INTERNAL_DOMAINS_KEY",
    "RedactedText",
    "Redaction",
    "RedactionKind",
    "RedactionReport",
    "RedactionRules",
    "parse_host_list",
    "redact",
    "rules_for",
]

# Library settings (Library.setting / set_setting) holding the hosts links may point at and the
# internal domains; the values are host lists as parse_host_list reads them.
ALLOWED_HOSTS_KEY = "export_allowed_hosts"
INTERNAL_DOMAINS_KEY = "export_internal_domains"

# Equal-length overlapping findings are reported as the first kind here: "token=ghp_..." is a
# GitHub token rather than a generic secret, a term that is an IP address is an IP address.
_SPECIFICITY = (
    RedactionKind.PRIVATE_KEY,
    RedactionKind.AWS_KEY,
    RedactionKind.GITHUB_TOKEN,
    RedactionKind.BEARER_TOKEN,
    RedactionKind.PASSWORD,
    RedactionKind.SECRET,
    RedactionKind.URL,
    RedactionKind.EMAIL,
    RedactionKind.IPV6,
    RedactionKind.IPV4,
    RedactionKind.PHONE,
    RedactionKind.HOSTNAME,
    RedactionKind.PARTICIPANT,
    RedactionKind.TERM,
)
# Findings in text uncovered by a redaction are looked for again (a token after an AWS key id
# it was glued to); this many rounds is far more than any text needs.
_MAX_ROUNDS = 4
# Found values this long or longer are also redacted where they appear again on their own.
_MIN_REPEATED_LENGTH = 4


@dataclass(frozen=True)
class RedactionRules:
    """What one export redacts beyond the fixed patterns, and what it lets through."""

    allowed_hosts: tuple[str, ...] = ()  # links to these hosts and their subdomains stay
    internal_domains: tuple[str, ...] = ()  # hostnames ending in these are internal
    internal_names: tuple[str, ...] = ()  # dotted names from internal-only timeline events
    participants: tuple[str, ...] = ()  # full names; their parts of 3+ letters match too
    terms: tuple[str, ...] = ()  # the postmortem's own redaction terms
    allowed_back: tuple[str, ...] = ()  # originals let through as they are (exact, case-sensitive)


@dataclass(frozen=True)
class Redaction:
    """One replacement: what was found, where ("Timeline 14:02"), and the span in that field."""

    kind: RedactionKind
    original: str
    placeholder: str
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class RedactedText:
    text: str
    redactions: tuple[Redaction, ...]


@dataclass(frozen=True)
class RedactionReport:
    """Every redaction of one export, for the preview and the command line."""

    redactions: tuple[Redaction, ...]

    @classmethod
    def of(cls, texts: Iterable[RedactedText]) -> RedactionReport:
        """The report of several redacted fields, in the order given."""
        return cls(tuple(redaction for text in texts for redaction in text.redactions))

    @property
    def unresolved_secrets(self) -> tuple[Redaction, ...]:
        """The keys, tokens and passwords found: redacted, but to be confirmed before export."""
        return tuple(redaction for redaction in self.redactions if redaction.kind.is_secret)

    def by_field(self) -> dict[str, tuple[Redaction, ...]]:
        """The redactions grouped by field, fields in order of first appearance."""
        fields: dict[str, list[Redaction]] = {}
        for redaction in self.redactions:
            fields.setdefault(redaction.field, []).append(redaction)
        return {name: tuple(found) for name, found in fields.items()}


def redact(text: str, rules: RedactionRules, *, field: str) -> RedactedText:
    """``text`` with every finding replaced by its placeholder, and the list of replacements."""
    detectors = _name_detectors(
        rules.participants,
        rules.terms,
        rules.internal_domains,
        rules.internal_names,
        rules.allowed_hosts,
    )
    allowed_hosts = tuple(clean_host(host) for host in rules.allowed_hosts)
    protected = _protected_spans(text, rules.allowed_back)
    chosen: list[Candidate] = []
    result = RedactedText(text, ())
    for _round in range(_MAX_ROUNDS):
        # Search the text as redacted so far: what redacting it again would find is found now.
        current = result.text
        found = [
            *pattern_candidates(current, allowed_hosts),
            *detectors.candidates(current),
            *_repeats(current, text, chosen),
        ]
        fresh = [
            candidate
            for candidate in _to_input(found, chosen, len(text))
            if _kept(candidate, protected)
        ]
        if not fresh:
            break
        chosen = _resolve([*chosen, *fresh])
        result = _replace(text, chosen, field)
    return result


@functools.lru_cache(maxsize=32)
def _name_detectors(
    participants: tuple[str, ...],
    terms: tuple[str, ...],
    internal_domains: tuple[str, ...],
    internal_names: tuple[str, ...],
    allowed_hosts: tuple[str, ...],
) -> NameDetectors:
    # Compiled once per rules (not per field): an export redacts thousands of fields.
    return compile_name_detectors(
        participants=participants,
        terms=terms,
        internal_domains=internal_domains,
        internal_names=internal_names,
        allowed_hosts=allowed_hosts,
    )


def _repeats(current: str, text: str, chosen: list[Candidate]) -> Iterator[Candidate]:
    """Other occurrences, standing on their own, of what was found.

    A password or a token is often recognised only by what precedes it ("password=hunter2");
    where the same value appears again bare, it goes too. Very short originals are left to their
    own patterns: repeating a 3-character value everywhere would redact ordinary words.
    """
    kinds: dict[str, RedactionKind] = {}
    seen: set[str] = set()
    for candidate in chosen:
        original = text[candidate.start : candidate.end]
        if len(original) < _MIN_REPEATED_LENGTH or original in seen:
            continue
        seen.add(original)
        # A plain substring test first: most originals appear once (and are placeholders now).
        if original in current:
            kinds[original] = candidate.kind
    for original, kind in kinds.items():
        start = current.find(original)
        while start >= 0:
            end = start + len(original)
            # Not inside a longer word or number: "hunter2" is not found in "hunter22".
            if not (
                _joined(original[0], current, start - 1) or _joined(original[-1], current, end)
            ):
                yield Candidate(start, end, kind)
            start = current.find(original, start + 1)


def _joined(edge: str, text: str, neighbour: int) -> bool:
    """True when ``edge`` is a word character and so is the character at ``neighbour``."""
    if not 0 <= neighbour < len(text):
        return False
    return _is_word(edge) and _is_word(text[neighbour])


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _to_input(found: list[Candidate], chosen: list[Candidate], length: int) -> Iterator[Candidate]:
    """Candidates found in the redacted text, moved to input positions.

    Those touching a placeholder are dropped: placeholders are never redacted again.
    """
    if not chosen:
        yield from found
        return
    # The unredacted stretches: (start in the redacted text, start in the input, length).
    stretches: list[tuple[int, int, int]] = []
    shift = 0
    position = 0
    for candidate in chosen:
        stretches.append((position + shift, position, candidate.start - position))
        shift += len(candidate.kind.placeholder) - (candidate.end - candidate.start)
        position = candidate.end
    stretches.append((position + shift, position, length - position))
    starts = [stretch[0] for stretch in stretches]
    for candidate in found:
        out_start, in_start, size = stretches[bisect.bisect_right(starts, candidate.start) - 1]
        if candidate.end <= out_start + size:
            offset = in_start - out_start
            yield Candidate(candidate.start + offset, candidate.end + offset, candidate.kind)


@dataclass(frozen=True)
class _Protected:
    """Spans of the input no finding may take.

    Placeholders already in the text (never redacted again; sorted and apart, so a search by
    position finds the ones near a candidate), and occurrences of allowed-back originals.
    """

    placeholder_starts: list[int]
    placeholder_ends: list[int]
    allowed: list[tuple[int, list[int]]]  # each original's length and where it starts, in order


def _protected_spans(text: str, allowed_back: tuple[str, ...]) -> _Protected:
    placeholders = [match.span() for match in placeholder_pattern().finditer(text)]
    allowed = []
    for original in set(allowed_back) - {""}:
        starts = []
        start = text.find(original)
        while start >= 0:
            starts.append(start)
            start = text.find(original, start + 1)
        allowed.append((len(original), starts))
    return _Protected([s for s, _ in placeholders], [e for _, e in placeholders], allowed)


def _kept(candidate: Candidate, protected: _Protected) -> bool:
    """False when touching a placeholder, or within an allowed-back original.

    A secret strictly inside an allowed-back original still counts: letting a link back does
    not let back the token in it (that would need the token itself allowed back).
    """
    # The last placeholder starting before the candidate ends is the only one that can overlap.
    index = bisect.bisect_left(protected.placeholder_starts, candidate.end) - 1
    if index >= 0 and protected.placeholder_ends[index] > candidate.start:
        return False
    size = candidate.end - candidate.start
    for length, starts in protected.allowed:
        if candidate.kind.is_secret and size < length:
            continue
        # An occurrence holds the candidate when it starts in [candidate end - length, start].
        first = bisect.bisect_left(starts, candidate.end - length)
        if first < len(starts) and starts[first] <= candidate.start:
            return False
    return True


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates merged into one finding each, in order, its kind the winner's."""
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))
    merged: list[Candidate] = []
    group: list[Candidate] = []
    group_end = -1
    for candidate in ordered:
        if group and candidate.start >= group_end:
            merged.append(_merge(group))
            group = []
        group.append(candidate)
        group_end = max(group_end, candidate.end) if len(group) > 1 else candidate.end
    if group:
        merged.append(_merge(group))
    return merged


def _merge(group: list[Candidate]) -> Candidate:
    winner = max(
        group,
        key=lambda c: (c.kind.is_secret, c.end - c.start, -_SPECIFICITY.index(c.kind)),
    )
    return Candidate(min(c.start for c in group), max(c.end for c in group), winner.kind)


def _replace(text: str, chosen: list[Candidate], field: str) -> RedactedText:
    pieces = []
    redactions = []
    position = 0
    for candidate in chosen:
        placeholder = candidate.kind.placeholder
        pieces += [text[position : candidate.start], placeholder]
        redactions.append(
            Redaction(
                kind=candidate.kind,
                original=text[candidate.start : candidate.end],
                placeholder=placeholder,
                field=field,
                start=candidate.start,
                end=candidate.end,
            )
        )
        position = candidate.end
    pieces.append(text[position:])
    return RedactedText("".join(pieces), tuple(redactions))


def rules_for(
    pm: Postmortem,
    *,
    allowed_hosts: Sequence[str] = (),
    internal_domains: Sequence[str] = (),
) -> RedactionRules:
    """The rules for a customer-facing export of ``pm``.

    Its participants' names and contacts (a chat handle matches no pattern), its redaction
    terms, and every dotted host-like name in its
    internal-only timeline events (description and evidence) as an internal name, since what
    was marked internal is what customers must not see even where it is mentioned elsewhere.
    """
    hosts = tuple(clean_host(host) for host in allowed_hosts if clean_host(host))
    internal: dict[str, None] = {}
    for event in pm.timeline:
        if event.internal_only:
            for text in (event.description, event.evidence):
                internal.update(dict.fromkeys(dotted_names(text, hosts)))
    return RedactionRules(
        allowed_hosts=hosts,
        internal_domains=tuple(clean_host(d) for d in internal_domains if clean_host(d)),
        internal_names=tuple(internal),
        participants=tuple(participant.name for participant in pm.participants),
        terms=tuple(
            term
            for term in (*pm.redaction_terms, *(p.contact for p in pm.participants))
            if term.strip()
        ),
    )


def parse_host_list(text: str) -> tuple[str, ...]:
    """Hosts or domains from a setting: separated by commas, semicolons, spaces or lines.

    Each is kept lower case without "*." or dots at the ends; a pasted link gives its host.
    """
    hosts: dict[str, None] = {}
    for item in re.split(r"[,;\s]+", text):
        host = item.strip()
        if "://" in host:
            try:
                host = urlsplit(host).hostname or ""
            except ValueError:
                continue
        host = clean_host(re.sub(r"[/:].*$", "", host))
        if host:
            hosts[host] = None
    return tuple(hosts)
