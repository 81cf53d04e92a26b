"""The full-text search index: what goes into it and how user text becomes a safe FTS5 query.

Each postmortem has one row in the FTS5 table ``search_index`` whose rowid is the postmortem's id
and whose ``body`` holds every text field of the postmortem, found by walking the record, so a new
text field is searchable without new code here; only fields that address something (ids,
references, participants' contacts) are left out. The store rewrites that row in the same
transaction as every write, so the index never disagrees with the data it describes.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlite_utils import Database

from app.domain.model import CoachingDismissal, Participant, Postmortem
from app.store.writing import ItemChanges

_UNIONS = (typing.Union, types.UnionType)
SEARCH_TABLE = "search_index"
# unicode61 folds case and, with remove_diacritics 2, accents: "cafe" finds "café".
CREATE_SEARCH_TABLE = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2')"
)


def _is_address(record: type, field_name: str) -> bool:
    """Text fields that address something rather than say something: noise in a search index.

    Item ids and references to them are random hex. A dismissed coaching flag's ``location`` is
    an address too (``timeline[<id>].description``): indexing it would make "timeline" or
    "description" find every postmortem with a dismissal. A participant's ``contact`` is an
    e-mail address, phone number or handle, private to the invitation: "example" would find
    every postmortem whose room shares a mail domain.
    """
    if (record, field_name) in ((CoachingDismissal, "location"), (Participant, "contact")):
        return True
    return field_name == "id" or field_name.endswith(("_id", "_ids"))


# Values of these types are never free text: the filters cover enums, times, numbers and flags.
# A mapping is walked by its values only, so the agenda and time spent per stage (stage -> int)
# add neither stage names nor numbers.
_NOT_TEXT = (Enum, datetime, date, bool, int, float)


def _may_hold_text(hint: Any) -> bool:
    options = typing.get_args(hint) if typing.get_origin(hint) in _UNIONS else (hint,)
    return not all(
        option is type(None)
        or (
            isinstance(option, type)
            and issubclass(option, _NOT_TEXT)
            and not issubclass(option, str)
        )
        for option in options
    )


@cache
def _walked_fields(record: type) -> tuple[tuple[str, bool], ...]:
    """Each field of ``record`` the index reads, and whether its type may hold text at all.

    Worked out once per record type: walking a 5,000-event timeline asks this 5,000 times.
    """
    hints = typing.get_type_hints(record)
    return tuple(
        (spec.name, _may_hold_text(hints[spec.name]))
        for spec in dataclasses.fields(record)
        if not _is_address(record, spec.name)
    )


def _collect(value: object, texts: list[str]) -> None:
    """Append every non-blank text inside ``value`` to ``texts``, in field and item order."""
    if isinstance(value, str):
        if value.strip():
            texts.append(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name, may_hold_text in _walked_fields(type(value)):
            item = getattr(value, name)
            if type(item) is str:  # the usual case, answered without another call
                if item.strip():
                    texts.append(item)
            elif may_hold_text:
                _collect(item, texts)
    elif isinstance(value, tuple | list):
        for item in value:
            _collect(item, texts)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, texts)
    # Anything else (enums, times, numbers, flags) is not free text.


def texts_of(value: object) -> list[str]:
    """The non-blank texts inside a record, collection or text, as the index holds them."""
    texts: list[str] = []
    _collect(value, texts)
    return texts


def index_text(postmortem: Postmortem) -> str:
    """Every text field of the postmortem, one per line, in field order."""
    return "\n".join(texts_of(postmortem))


def index_postmortem(db: Database, postmortem_id: int, postmortem: Postmortem) -> None:
    """Make the index row of ``postmortem_id`` describe ``postmortem``, in the caller's write."""
    remove_from_index(db, postmortem_id)
    db.execute(
        f"INSERT INTO {SEARCH_TABLE} (rowid, body) VALUES (?, ?)",
        [postmortem_id, index_text(postmortem)],
    )


def search_text_changed(
    before: Postmortem, after: Postmortem, fields: Iterable[str], rows: Mapping[str, ItemChanges]
) -> bool:
    """Whether ``index_text(after)`` can differ from ``index_text(before)``.

    ``fields`` are the fields that changed; ``rows`` the row changes of the child collections
    among them. Texts are compared only where values changed: for a collection, the items that
    were rewritten in place. An item added, removed or moved always counts as a change, since the
    index lists texts in item order. Starring an event or moving its time (without reordering)
    keeps the index row as it is; for a timeline of thousands that saves walking every event.
    """
    for name in fields:
        changes = rows.get(name)
        if changes is None:
            if texts_of(getattr(before, name)) != texts_of(getattr(after, name)):
                return True
        elif _items_text_changed(changes):
            return True
    return False


def _items_text_changed(changes: ItemChanges) -> bool:
    if changes.deleted or changes.inserted or changes.moved:
        return True
    return any(texts_of(old) != texts_of(new) for old, new in changes.pairs)


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
