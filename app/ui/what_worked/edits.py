"""Stage 4's edits as plain functions: each takes the stored observations and returns new ones.

The three lists on the page are views of one tuple, ``Postmortem.observations``, filtered by
kind. Each function here works on that whole tuple and keeps the other kinds where they are,
so moving an item within "Went wrong" never shuffles "Went well". Nothing here touches Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.model import Observation, ObservationKind, Postmortem, TimelineEvent, new_id

Observations = tuple[Observation, ...]

# How one item of each list is named in undo labels: "Add Went Well Item".
ITEM_NAMES = {
    ObservationKind.WENT_WELL: "Went Well Item",
    ObservationKind.WENT_WRONG: "Went Wrong Item",
    ObservationKind.LUCKY: "Lucky Item",
}
KIND_ORDER = (ObservationKind.WENT_WELL, ObservationKind.WENT_WRONG, ObservationKind.LUCKY)


def clean_text(text: str) -> str:
    """What is stored for typed ``text``: one line, no surrounding space."""
    return " ".join(text.split())


def of_kind(observations: Sequence[Observation], kind: ObservationKind) -> Observations:
    """The items of one list, in their stored order."""
    return tuple(item for item in observations if item.kind is kind)


def find(observations: Sequence[Observation], item_id: str) -> Observation | None:
    return next((item for item in observations if item.id == item_id), None)


def add(
    observations: Observations, kind: ObservationKind, text: str
) -> tuple[Observations, Observation]:
    """Append an item with ``text`` to the ``kind`` list; the new tuple and the new item.

    Raises ValueError for empty text: a blank item says nothing and is never stored.
    """
    cleaned = clean_text(text)
    if not cleaned:
        raise ValueError("an empty item says nothing")
    item = Observation(id=new_id(), kind=kind, text=cleaned)
    return (*observations, item), item


def replace_item(observations: Observations, changed: Observation) -> Observations:
    """The tuple with the item of ``changed.id`` replaced by ``changed``."""
    return tuple(changed if item.id == changed.id else item for item in observations)


def edit_text(observations: Observations, item_id: str, text: str) -> Observations:
    """The tuple with item ``item_id`` reading ``text`` (ValueError when ``text`` is blank)."""
    cleaned = clean_text(text)
    if not cleaned:
        raise ValueError("an empty item says nothing")
    item = find(observations, item_id)
    if item is None:
        raise KeyError(item_id)
    return replace_item(observations, Observation(item.id, item.kind, cleaned, item.event_ids))


def remove(observations: Observations, item_id: str) -> Observations:
    return tuple(item for item in observations if item.id != item_id)


def move(observations: Observations, item_id: str, step: int) -> Observations | None:
    """Swap item ``item_id`` with its neighbour of the same kind (``step`` -1 up, +1 down).

    None when there is no such neighbour (already first or last in its list).
    """
    item = find(observations, item_id)
    if item is None:
        return None
    same = [position for position, other in enumerate(observations) if other.kind is item.kind]
    place = next(p for p, position in enumerate(same) if observations[position].id == item_id)
    target = place + step
    if not 0 <= target < len(same):
        return None
    moved = list(observations)
    first, second = same[place], same[target]
    moved[first], moved[second] = moved[second], moved[first]
    return tuple(moved)


def link_event(observations: Observations, item_id: str, event_id: str) -> Observations:
    """Item ``item_id`` also pointing at timeline event ``event_id`` (once)."""
    item = find(observations, item_id)
    if item is None:
        raise KeyError(item_id)
    if event_id in item.event_ids:
        return observations
    changed = Observation(item.id, item.kind, item.text, (*item.event_ids, event_id))
    return replace_item(observations, changed)


def unlink_event(observations: Observations, item_id: str, event_id: str) -> Observations:
    item = find(observations, item_id)
    if item is None:
        raise KeyError(item_id)
    kept = tuple(linked for linked in item.event_ids if linked != event_id)
    return replace_item(observations, Observation(item.id, item.kind, item.text, kept))


def linked_events(pm: Postmortem, item: Observation) -> tuple[TimelineEvent, ...]:
    """The timeline events ``item`` points at, in the order they were linked."""
    events = {event.id: event for event in pm.timeline}
    return tuple(events[event_id] for event_id in item.event_ids if event_id in events)


def link_hint(pm: Postmortem, item: Observation) -> str:
    """The short mark after an item's text: the clock times of its linked events."""
    events = linked_events(pm, item)
    if not events:
        return ""
    days = {event.at.date() for event in events}
    form = "%H:%M" if len(days) == 1 else "%m-%d %H:%M"
    return "\u2022 " + ", ".join(event.at.strftime(form) for event in events)
