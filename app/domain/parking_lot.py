"""The parking lot's edits: each takes the stored points and returns the new tuple.

Points are parked in the meeting (quick capture, or stage 6's list) and dealt with at its end.
Stored order is the order they were raised; the list shows open points first (``open_first``)
so what is still to do is on top, without the stored order ever changing when one is ticked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.domain.model import ParkingLotItem, Stage, new_id

Points = tuple[ParkingLotItem, ...]


def clean_point(text: str) -> str:
    """What is stored for typed ``text``: one line, no surrounding space."""
    return " ".join(text.split())


def find(points: Sequence[ParkingLotItem], item_id: str) -> ParkingLotItem | None:
    return next((point for point in points if point.id == item_id), None)


def park(
    points: Points, text: str, *, raised_during: Stage | None, raised_at: datetime
) -> tuple[Points, ParkingLotItem]:
    """Append a point reading ``text``; the new tuple and the new point.

    Raises ValueError for blank text: an empty point says nothing and is never stored.
    """
    cleaned = clean_point(text)
    if not cleaned:
        raise ValueError("an empty point says nothing")
    taken = {point.id for point in points}
    item_id = new_id()
    while item_id in taken:
        item_id = new_id()
    point = ParkingLotItem(item_id, cleaned, raised_at, raised_during)
    return (*points, point), point


def _replace(points: Points, item_id: str, **changes: Any) -> Points:
    point = find(points, item_id)
    if point is None:
        raise KeyError(item_id)
    changed = dataclasses.replace(point, **changes)
    return tuple(changed if other.id == item_id else other for other in points)


def edit_text(points: Points, item_id: str, text: str) -> Points:
    """Point ``item_id`` reading ``text`` (ValueError when blank, KeyError when unknown)."""
    cleaned = clean_point(text)
    if not cleaned:
        raise ValueError("an empty point says nothing")
    return _replace(points, item_id, text=cleaned)


def set_done(points: Points, item_id: str, done: bool) -> Points:
    """Point ``item_id`` marked dealt with (or not); KeyError when unknown."""
    return _replace(points, item_id, done=done)


def remove(points: Points, item_id: str) -> Points:
    return tuple(point for point in points if point.id != item_id)


def open_first(points: Sequence[ParkingLotItem]) -> Points:
    """The points as the list shows them: open ones, then done ones, each in stored order."""
    return tuple(point for point in points if not point.done) + tuple(
        point for point in points if point.done
    )


def open_count(points: Sequence[ParkingLotItem]) -> int:
    return sum(not point.done for point in points)
