"""A duplicate of a postmortem: the same content under fresh item ids, references kept intact.

Ids are remapped through one table for the whole postmortem: every distinct old id gets one new
id, used wherever the old one appeared (``id``, ``*_id`` and ``*_ids`` fields). Equal ids stay
equal and different ids stay different, so every reference (cause to category, cause to parent
cause, observation to events, action item to causes or whys) points where it pointed before,
without this module knowing which field refers to which collection.

One reference is written inside text: a dismissed coaching flag's ``location`` names an item by id
(``timeline[<event id>].description``). Its id goes through the same table when the name before
the bracket is a collection whose items have ids, so the dismissal still covers the same text in
the copy; a location naming a position (``participants[2].name``), a key or no item is kept as is.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from datetime import datetime
from functools import cache

from app.domain.model import TITLE_MAX_LENGTH, CoachingDismissal, Postmortem, Status, new_id
from app.store.mapping import child_tables

COPY_TITLE_PREFIX = "Copy of "
# ``collection[item id].rest``: the id runs to the last "]." (ids may hold any text, even "]").
_ITEM_LOCATION = re.compile(r"(?P<collection>[a-z_]+)\[(?P<id>.+)\](?P<rest>\..*)", re.DOTALL)


@cache
def _collections_with_ids() -> frozenset[str]:
    return frozenset(child.field for child in child_tables() if not child.keyed_by_position)


def remap_location(location: str, new_ids: defaultdict[str, str]) -> str:
    """``location`` with the item id it names replaced by that item's id in the copy."""
    match = _ITEM_LOCATION.fullmatch(location)
    if match is None or match["collection"] not in _collections_with_ids():
        return location
    return f"{match['collection']}[{new_ids[match['id']]}]{match['rest']}"


def _remap_item(item: object, new_ids: defaultdict[str, str]) -> object:
    changes: dict[str, object] = {}
    for spec in dataclasses.fields(item):  # type: ignore[arg-type]  # items are records
        value = getattr(item, spec.name)
        if spec.name == "id" or spec.name.endswith("_id"):
            changes[spec.name] = None if value is None else new_ids[value]
        elif spec.name.endswith("_ids"):
            changes[spec.name] = tuple(new_ids[old] for old in value)
    if isinstance(item, CoachingDismissal):
        changes["location"] = remap_location(item.location, new_ids)
    return dataclasses.replace(item, **changes)  # type: ignore[type-var]


def copy_title(title: str) -> str:
    """``Copy of <title>``, cut to the longest title the model allows."""
    return (COPY_TITLE_PREFIX + title)[:TITLE_MAX_LENGTH]


def fresh_copy(original: Postmortem, now: datetime) -> Postmortem:
    """The unsaved copy: no library id, draft, created and updated ``now``, new item ids."""
    new_ids: defaultdict[str, str] = defaultdict(new_id)
    collections = {
        child.field: tuple(_remap_item(item, new_ids) for item in getattr(original, child.field))
        for child in child_tables()
    }
    return dataclasses.replace(
        original,
        id=None,
        title=copy_title(original.title),
        status=Status.DRAFT,
        created_at=now,
        updated_at=now,
        **collections,  # type: ignore[arg-type]
    )
