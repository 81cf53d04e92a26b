"""The redaction rules as data (``resources/redaction.json``) and the kinds of finding they name.

Placeholders, the token prefixes Retro recognises and the names of secret assignments are data so
a reader can see (and extend) what a customer-facing export hides without reading regular
expressions; ``redaction_patterns.py`` turns them into patterns. The file is read once and checked
as it is read, so a malformed rule fails at the first export rather than leaking quietly.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from typing import Any

RESOURCE = "redaction.json"


class RedactionKind(Enum):
    """What a redacted piece of text was; its placeholder is what the export shows instead."""

    EMAIL = "email"
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    PHONE = "phone"
    URL = "url"
    HOSTNAME = "hostname"
    AWS_KEY = "aws_key"
    GITHUB_TOKEN = "github_token"
    BEARER_TOKEN = "bearer_token"
    PRIVATE_KEY = "private_key"
    PASSWORD = "password"
    # Generic api_key=/token= assignments, tokens with other known prefixes, and random-looking
    # tokens shortly after a word such as "token" or "secret".
    SECRET = "secret"
    PARTICIPANT = "participant"
    TERM = "term"

    @property
    def placeholder(self) -> str:
        """The neutral text that replaces a finding of this kind ("[redacted email]")."""
        return redaction_data().placeholders[self]

    @property
    def is_secret(self) -> bool:
        """True for keys, tokens and passwords: found ones must be confirmed before export."""
        return self in redaction_data().secret_kinds


@dataclass(frozen=True)
class Candidate:
    """A span of the input one detector wants redacted, before overlaps are resolved."""

    start: int
    end: int
    kind: RedactionKind


@dataclass(frozen=True)
class KnownToken:
    """A credential recognised by its prefix: ``prefixes`` then ``alphabet`` characters."""

    name: str
    kind: RedactionKind
    prefixes: tuple[str, ...]
    alphabet: str  # the inside of a regular-expression character class: "A-Za-z0-9_"
    min_length: int
    max_length: int


@dataclass(frozen=True)
class RedactionData:
    placeholders: dict[RedactionKind, str]
    secret_kinds: frozenset[RedactionKind]
    known_tokens: tuple[KnownToken, ...]
    password_words: tuple[str, ...]
    short_password_words: tuple[str, ...]
    secret_words: tuple[str, ...]
    nearby_words: tuple[str, ...]
    not_values: frozenset[str]
    file_extensions: frozenset[str]


@functools.cache
def redaction_data() -> RedactionData:
    """The rules from the data file, checked: every kind has a placeholder, every token compiles."""
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    kinds: dict[str, Any] = data["kinds"]
    missing = [kind.name for kind in RedactionKind if kind.name not in kinds]
    unknown = sorted(set(kinds) - {kind.name for kind in RedactionKind})
    if missing or unknown:
        raise ValueError(f"{RESOURCE}: kinds missing {missing}, unknown {unknown}")
    placeholders = {kind: str(kinds[kind.name]["placeholder"]) for kind in RedactionKind}
    if any(not text.strip() for text in placeholders.values()):
        raise ValueError(f"{RESOURCE}: every kind needs a placeholder")
    secret_kinds = frozenset(kind for kind in RedactionKind if kinds[kind.name]["secret"])
    return RedactionData(
        placeholders=placeholders,
        secret_kinds=secret_kinds,
        known_tokens=tuple(_known_token(entry, secret_kinds) for entry in data["known_tokens"]),
        password_words=_words(data, "password_words"),
        short_password_words=_words(data, "short_password_words"),
        secret_words=_words(data, "secret_words"),
        nearby_words=_words(data, "nearby_words"),
        not_values=frozenset(_words(data, "not_values")),
        file_extensions=frozenset(_words(data, "file_extensions")),
    )


@functools.cache
def placeholder_pattern() -> re.Pattern[str]:
    """Any placeholder, longest first: text already redacted is never redacted again."""
    placeholders = sorted(set(redaction_data().placeholders.values()), key=len, reverse=True)
    return re.compile("|".join(re.escape(placeholder) for placeholder in placeholders))


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    words = tuple(str(word).strip().lower() for word in data[key])
    if not words or any(not word for word in words):
        raise ValueError(f"{RESOURCE}: {key} must be a list of non-empty words")
    return words


def _known_token(entry: dict[str, Any], secret_kinds: frozenset[RedactionKind]) -> KnownToken:
    low, high = (int(value) for value in entry["length"])
    token = KnownToken(
        name=str(entry["name"]),
        kind=RedactionKind[entry["kind"]],
        prefixes=tuple(str(prefix) for prefix in entry["prefixes"]),
        alphabet=str(entry["alphabet"]),
        min_length=low,
        max_length=high,
    )
    if not token.prefixes or not 0 < low <= high or token.kind not in secret_kinds:
        raise ValueError(f"{RESOURCE}: a known token needs prefixes, a length and a secret kind")
    re.compile(f"[{token.alphabet}]")  # raises on a malformed alphabet
    return token
