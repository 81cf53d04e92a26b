"""Random sequences of edits: after each update the file holds exactly the postmortem written.

Each step inserts, deletes, modifies, moves or shuffles timeline events (or edits the
participants, the one collection keyed by position), then checks ``load`` against the expected
postmortem, the stored positions against the order and the search index against the text. A
bug in the row diff, in the choice to skip the index, or in the memory of the last postmortem
written would show up as a difference here.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.model import Milestone, Participant, Postmortem, TimelineEvent
from app.store import Library
from app.store.search import index_text
from tests.store.samples import small_postmortem
from tests.strategies import participants, texts, timeline_times

pytestmark = pytest.mark.slow

Timeline = tuple[TimelineEvent, ...]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _free_milestones(timeline: Timeline, keep: TimelineEvent | None = None) -> list[Milestone]:
    taken = {event.milestone for event in timeline if event is not keep}
    return [milestone for milestone in Milestone if milestone not in taken]


def _event(draw: Draw, timeline: Timeline, event_id: str) -> TimelineEvent:
    milestones = _free_milestones(timeline)
    return TimelineEvent(
        id=event_id,
        at=draw(timeline_times()),
        description=draw(texts(max_size=12)),
        milestone=draw(st.none() | st.sampled_from(milestones)) if milestones else None,
        evidence=draw(st.sampled_from(["", "https://example.test/log"])),
        internal_only=draw(st.booleans()),
        key_event=draw(st.booleans()),
    )


def _insert(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    index = draw(st.integers(0, len(timeline)))
    return (*timeline[:index], _event(draw, timeline, f"e{number}"), *timeline[index:])


def _delete(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    gone = draw(st.sets(st.integers(0, len(timeline) - 1), max_size=3)) if timeline else set()
    return tuple(event for index, event in enumerate(timeline) if index not in gone)


def _modify(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    if not timeline:
        return timeline
    index = draw(st.integers(0, len(timeline) - 1))
    old = timeline[index]
    field = draw(st.sampled_from(["description", "at", "milestone", "key_event", "evidence"]))
    values: dict[str, st.SearchStrategy[Any]] = {
        "description": texts(max_size=12),
        "at": timeline_times(),
        "milestone": st.sampled_from([None, *_free_milestones(timeline, keep=old)]),
        "key_event": st.booleans(),
        "evidence": texts(max_size=5),
    }
    new = dataclasses.replace(old, **{field: draw(values[field])})
    return (*timeline[:index], new, *timeline[index + 1 :])


def _move(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    if not timeline:
        return timeline
    events = list(timeline)
    event = events.pop(draw(st.integers(0, len(events) - 1)))
    events.insert(draw(st.integers(0, len(events))), event)
    return tuple(events)


def _shuffle(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    return tuple(draw(st.permutations(timeline)))


def _sort(draw: Draw, timeline: Timeline, number: int) -> Timeline:
    return tuple(sorted(timeline, key=lambda event: event.at))  # what the editor does


EDITS = {
    "insert": _insert,
    "delete": _delete,
    "modify": _modify,
    "move": _move,
    "shuffle": _shuffle,
    "sort": _sort,
}


def _check_stored(library: Library, expected: Postmortem) -> None:
    assert expected.id is not None
    assert library.load(expected.id) == expected
    connection = library._database.conn
    rows = connection.execute(
        "SELECT id, position FROM timeline_events WHERE postmortem_id = ? ORDER BY position",
        [expected.id],
    ).fetchall()
    assert rows == [(event.id, position) for position, event in enumerate(expected.timeline)]
    body = connection.execute("SELECT body FROM search_index WHERE rowid = ?", [expected.id])
    assert body.fetchone()[0] == index_text(expected)


def _step(draw: Draw, library: Library, current: Postmortem, number: int) -> Postmortem:
    assert current.id is not None
    kind = draw(st.sampled_from([*EDITS, "participants"]))
    if kind == "participants":
        people: tuple[Participant, ...] = tuple(draw(st.lists(participants(), max_size=4)))
        changes: dict[str, object] = {"participants": people}
    else:
        changes = {"timeline": EDITS[kind](draw, current.timeline, number)}
    updated = library.update(current.id, changes)
    if all(getattr(current, name) == value for name, value in changes.items()):
        assert updated == current  # nothing changed, nothing written
    else:
        assert updated == dataclasses.replace(
            current,
            **changes,  # type: ignore[arg-type]
            updated_at=updated.updated_at,
        )
    return updated


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_edit_sequences_round_trip(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "r.sqlite") as lib:
        current = lib.create(small_postmortem("edited at random"))
        for number in range(data.draw(st.integers(1, 12), label="steps")):
            current = _step(data.draw, lib, current, number)
            _check_stored(lib, current)
            if data.draw(st.booleans(), label="reload"):  # also start from a fresh read
                assert current.id is not None
                current = lib.load(current.id)
