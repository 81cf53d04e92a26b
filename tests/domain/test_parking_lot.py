from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain import parking_lot
from app.domain.model import ParkingLotItem, Stage

RAISED = datetime(2026, 11, 5, 14, 32, tzinfo=UTC)


def point(item_id: str, text: str = "Point", *, done: bool = False) -> ParkingLotItem:
    return ParkingLotItem(item_id, text, RAISED, Stage.ROOT_CAUSE, done)


def test_park_appends_a_cleaned_point_with_its_stage_and_time():
    before = (point("a"),)
    points, added = parking_lot.park(
        before, "  Who owns   the\ncache? ", raised_during=Stage.TIMELINE, raised_at=RAISED
    )
    assert points == (*before, added)
    assert added.text == "Who owns the cache?"
    assert (added.raised_during, added.raised_at, added.done) == (Stage.TIMELINE, RAISED, False)
    assert added.id != "a"


def test_blank_points_are_refused():
    with pytest.raises(ValueError, match="empty"):
        parking_lot.park((), " \n ", raised_during=None, raised_at=RAISED)
    with pytest.raises(ValueError, match="empty"):
        parking_lot.edit_text((point("a"),), "a", "   ")


def test_edit_and_mark_change_only_that_point():
    points = (point("a", "First"), point("b", "Second"))
    edited = parking_lot.edit_text(points, "b", " Second,  reworded ")
    assert [p.text for p in edited] == ["First", "Second, reworded"]
    assert edited[1].raised_during is Stage.ROOT_CAUSE
    done = parking_lot.set_done(edited, "a", True)
    assert [p.done for p in done] == [True, False]
    assert parking_lot.set_done(done, "a", False) == edited


def test_unknown_points_raise_key_error():
    with pytest.raises(KeyError):
        parking_lot.set_done((point("a"),), "zz", True)
    with pytest.raises(KeyError):
        parking_lot.edit_text((point("a"),), "zz", "text")


def test_remove_and_open_first_keep_stored_order():
    points = (point("a", done=True), point("b"), point("c", done=True), point("d"))
    assert [p.id for p in parking_lot.open_first(points)] == ["b", "d", "a", "c"]
    assert parking_lot.open_count(points) == 2
    assert [p.id for p in parking_lot.remove(points, "b")] == ["a", "c", "d"]
    assert parking_lot.remove(points, "zz") == points
