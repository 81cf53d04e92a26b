"""An edit of a large collection writes only the rows that differ, and reads back exactly.

Statements are counted with SQLite's trace callback, which reports each row of an
``executemany`` as its own statement, so the counts below are counts of rows written.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from app.domain.model import Milestone, Participant, Postmortem, TimelineEvent
from app.store import Library
from app.store.search import index_text
from tests.store.samples import at, full_postmortem, long_timeline, small_postmortem
from tests.store.tracing import StatementLog

EVENTS = 5_000
TIMELINE = long_timeline(EVENTS)
EVENTS_TABLE = "timeline_events"


@pytest.fixture
def big(library: Library) -> Postmortem:
    """A stored postmortem with a 5,000-event timeline."""
    return library.create(small_postmortem("A long night", timeline=TIMELINE))


def _stored_positions(library: Library, postmortem_id: int) -> list[tuple[str, int]]:
    rows = library._database.conn.execute(
        "SELECT id, position FROM timeline_events WHERE postmortem_id = ? ORDER BY position",
        [postmortem_id],
    )
    return [(str(event_id), int(position)) for event_id, position in rows]


def _update_timeline(
    library: Library, postmortem: Postmortem, timeline: tuple[TimelineEvent, ...]
) -> Postmortem:
    """Update the timeline and check the file holds exactly that, positions and index included."""
    assert postmortem.id is not None
    updated = library.update(postmortem.id, {"timeline": timeline})
    assert updated.timeline == timeline
    assert library.load(postmortem.id) == updated
    expected = [(event.id, position) for position, event in enumerate(timeline)]
    assert _stored_positions(library, postmortem.id) == expected
    body = library._database.conn.execute(
        "SELECT body FROM search_index WHERE rowid = ?", [postmortem.id]
    ).fetchone()[0]
    assert body == index_text(updated)
    return updated


def _replaced(timeline: tuple[TimelineEvent, ...], index: int, **changes: object) -> tuple:
    edited = dataclasses.replace(timeline[index], **changes)  # type: ignore[arg-type]
    return (*timeline[:index], edited, *timeline[index + 1 :])


def test_editing_one_description_updates_only_that_row(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    timeline = _replaced(big.timeline, 2_500, description="Failover started by hand")
    _update_timeline(library, big, timeline)
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 1})
    [statement] = log.on(EVENTS_TABLE)
    assert "Failover started by hand" in statement
    assert "'ev02500'" in statement
    assert "search_index" in log.tables_written()  # the text changed, so the index did


def test_starring_an_event_leaves_the_search_index_alone(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    _update_timeline(library, big, _replaced(big.timeline, 17, key_event=True, internal_only=True))
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 1})
    assert log.tables_written() == {"postmortems", EVENTS_TABLE}


def test_appending_an_event_inserts_one_row(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    added = TimelineEvent("ev-last", at(23, 59, day=28), "Postmortem scheduled")
    _update_timeline(library, big, (*big.timeline, added))
    assert log.writes(EVENTS_TABLE) == Counter({"INSERT": 1})


def test_inserting_in_the_middle_renumbers_only_the_rows_after_it(
    library: Library, big: Postmortem
) -> None:
    log = StatementLog(library)
    added = TimelineEvent("ev-middle", big.timeline[1_000].at, "Second opinion asked for")
    timeline = (*big.timeline[:1_000], added, *big.timeline[1_000:])
    _update_timeline(library, big, timeline)
    assert log.writes(EVENTS_TABLE) == Counter({"INSERT": 1, "UPDATE": EVENTS - 1_000})
    moves = [s for s in log.on(EVENTS_TABLE) if s.startswith("UPDATE")]
    assert all(" SET position = " in statement for statement in moves)  # position alone


def test_deleting_several_rows(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    gone = {10, 11, 12, 4_000, EVENTS - 2}
    timeline = tuple(event for index, event in enumerate(big.timeline) if index not in gone)
    _update_timeline(library, big, timeline)
    renumbered = EVENTS - 13 - 2  # the survivors after index 12 (4,000 and 4,998 are gone)
    assert log.writes(EVENTS_TABLE) == Counter({"DELETE": 5, "UPDATE": renumbered})


def test_deleting_the_last_rows_deletes_only_them(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    _update_timeline(library, big, big.timeline[:-3])
    assert log.writes(EVENTS_TABLE) == Counter({"DELETE": 3})


def test_swapping_two_events_updates_two_rows(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    timeline = list(big.timeline)
    timeline[100], timeline[200] = timeline[200], timeline[100]
    _update_timeline(library, big, tuple(timeline))
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 2})


def test_reversing_the_timeline_round_trips(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    _update_timeline(library, big, big.timeline[::-1])
    # The middle event of an odd count would stay put; 5,000 is even, so every row moves.
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": EVENTS})


def test_moving_and_editing_one_event_is_one_statement(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    moved = dataclasses.replace(big.timeline[3], milestone=None, description="Paged twice")
    timeline = (*big.timeline[:3], big.timeline[4], moved, *big.timeline[5:])
    _update_timeline(library, big, timeline)
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 2})  # the edited one and its neighbour


def test_replacing_an_id_deletes_and_inserts(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    renamed = dataclasses.replace(big.timeline[42], id="ev-renamed")
    _update_timeline(library, big, _replaced(big.timeline, 42, id=renamed.id))
    assert log.writes(EVENTS_TABLE) == Counter({"DELETE": 1, "INSERT": 1})


def test_moving_a_milestone_between_events(library: Library, big: Postmortem) -> None:
    log = StatementLog(library)
    timeline = _replaced(big.timeline, 3, milestone=None)
    timeline = _replaced(timeline, 9, milestone=Milestone.DETECTION)
    _update_timeline(library, big, timeline)
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 2})


def test_other_fields_and_tables_are_not_touched(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    log = StatementLog(library)
    library.update(original.id, {"timeline": _replaced(original.timeline, 0, evidence="")})
    assert log.tables_written() == {"postmortems", EVENTS_TABLE, "search_index"}
    assert log.writes(EVENTS_TABLE) == Counter({"UPDATE": 1})


PEOPLE = (Participant("Aiko", "facilitator"), Participant("Björn"), Participant("Chen", "scribe"))


@pytest.mark.parametrize(
    ("participants", "writes"),
    [
        ((PEOPLE[0], Participant("Björn", "commander"), PEOPLE[2]), {"UPDATE": 1}),
        ((*PEOPLE, Participant("Dana")), {"INSERT": 1}),
        (PEOPLE[:1], {"DELETE": 2}),
        ((), {"DELETE": 3}),
        ((PEOPLE[1], PEOPLE[0], PEOPLE[2]), {"UPDATE": 2}),
        ((Participant("Zoe"), *PEOPLE), {"UPDATE": 3, "INSERT": 1}),
    ],
    ids=["rename one", "append", "remove two", "remove all", "swap", "insert at top"],
)
def test_participants_are_written_by_position(
    library: Library, participants: tuple[Participant, ...], writes: dict[str, int]
) -> None:
    original = library.create(small_postmortem("people", participants=PEOPLE))
    assert original.id is not None
    log = StatementLog(library)
    updated = library.update(original.id, {"participants": participants})
    assert log.writes("participants") == Counter(writes)
    assert library.load(original.id) == updated
    assert updated.participants == participants


def test_creating_a_postmortem_inserts_every_event_once(library: Library) -> None:
    log = StatementLog(library)
    stored = library.create(small_postmortem("new", timeline=TIMELINE[:50]))
    assert log.writes(EVENTS_TABLE) == Counter({"INSERT": 50})
    assert stored.id is not None
    assert library.load(stored.id) == stored
