"""The full-text search index: what goes into it and how user text becomes a safe FTS5 query.

Each postmortem has one row in the FTS5 table ``search_index`` whose rowid is the postmortem's id
and whose ``body`` holds every text field of the postmortem, found by walking the record, so a new
text field is searchable without new code here. The store rewrites that row in the same
transaction as every write, so the index never disagrees with the data it describes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from sqlite_utils import Database

from app.domain.model import Postmortem

SEARCH_TABLE = "search_index"
# unicode61 folds case and, with remove_diacritics 2, accents: "cafe" finds "café".
CREATE_SEARCH_TABLE = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2')"
)


def _is_reference(field_name: str) -> bool:
    """Item ids and references to them are random hex, noise in a search index."""
    return field_name == "id" or field_name.endswith(("_id", "_ids"))


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            if not _is_reference(spec.name):
                yield from _texts(getattr(value, spec.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    # Enums, times, numbers and flags are not free text: the filters cover them.


def index_text(postmortem: Postmortem) -> str:
    """Every text field of the postmortem, one per line, in field order."""
    return "\n".join(_texts(postmortem))


def index_postmortem(db: Database, postmortem_id: int, postmortem: Postmortem) -> None:
    """Make the index row of ``postmortem_id`` describe ``postmortem``, in the caller's write."""
    remove_from_index(db, postmortem_id)
    db.execute(
        f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
        [postmortem_id, index_text(postmortem)],
    )


def remove_from_index(db: Database, postmortem_id: int) -> None:
    db.execute(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", [postmortem_id])


def _searchable(token: str) -> bool:
    # unicode61 splits on everything but letters and numbers: a token of punctuation alone would
    # become an empty phrase that matches nothing and would empty the whole AND.
    return any(character.isalnum() for character in token)


def fts_query(text: str) -> str | None:
    """User text as an FTS5 query: each word a quoted prefix term, all ANDed; None if no words.

    Quoting makes operators (AND, NEAR, ``*``, ``-``, parentheses) plain words, and doubling inner
    quotes keeps a typed ``"`` inside its string, so no input can raise a syntax error.
    """
    terms = ['"' + token.replace('"', '""') + '"*' for token in text.split() if _searchable(token)]
    return " AND ".join(terms) if terms else None
