"""delete, restore (its undo) and duplicate."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from app.domain.model import TITLE_MAX_LENGTH, Postmortem, Status, validate
from app.store import Library, LibraryWriteError, PostmortemNotFoundError
from app.store.copying import remap_location
from app.store.mapping import child_tables
from tests.store.samples import full_postmortem, small_postmortem


def _child_row_count(library: Library) -> int:
    return sum(library._database.table(child.table).count for child in child_tables())


def test_delete_returns_the_postmortem_and_removes_all_its_rows(library: Library) -> None:
    kept = library.create(small_postmortem("kept"))
    doomed = library.create(full_postmortem())
    assert doomed.id is not None
    deleted = library.delete(doomed.id)
    assert deleted == doomed
    assert library.postmortem_ids() == [kept.id]
    assert _child_row_count(library) == 0
    assert library.summaries(search="kittiwake") == []
    with pytest.raises(PostmortemNotFoundError):
        library.load(doomed.id)
    with pytest.raises(PostmortemNotFoundError):
        library.delete(doomed.id)


def test_restore_puts_it_back_with_the_same_id_and_timestamps(library: Library) -> None:
    doomed = library.create(full_postmortem())
    assert doomed.id is not None
    deleted = library.delete(doomed.id)
    assert library.restore(deleted) == doomed
    assert library.load(doomed.id) == doomed
    assert [summary.id for summary in library.summaries(search="kittiwake")] == [doomed.id]


def test_a_deleted_id_is_not_reused_so_undo_still_works(library: Library) -> None:
    doomed = library.create(small_postmortem("last one"))
    assert doomed.id is not None
    deleted = library.delete(doomed.id)
    newer = library.create(small_postmortem("created after the delete"))
    assert newer.id != doomed.id
    library.restore(deleted)
    assert sorted(library.postmortem_ids()) == sorted([doomed.id, newer.id])


def test_restore_refuses_a_taken_id_and_writes_nothing(library: Library) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    with pytest.raises(LibraryWriteError) as raised:
        library.restore(dataclasses.replace(stored, title="impostor"))
    assert str(library.path) in str(raised.value)
    assert library.load(stored.id) == stored


def test_restore_needs_an_id(library: Library) -> None:
    with pytest.raises(ValueError, match="stored before"):
        library.restore(small_postmortem("never stored"))


def _all_ids(postmortem: Postmortem) -> set[str]:
    ids: set[str] = set()
    for collection in (
        postmortem.timeline,
        postmortem.fishbone_categories,
        postmortem.causes,
        postmortem.whys,
        postmortem.observations,
        postmortem.action_items,
        postmortem.appendix,
        postmortem.follow_up_reviews,
        postmortem.coaching_dismissals,
    ):
        ids.update(item.id for item in collection)
    return ids


def test_duplicate_is_a_fresh_draft_with_remapped_ids(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    before = datetime.now(UTC).replace(microsecond=0)
    copy = library.duplicate(original.id)

    assert copy.id not in (None, original.id)
    assert copy.title == "Copy of " + original.title
    assert copy.status is Status.DRAFT
    assert before <= copy.created_at == copy.updated_at <= datetime.now(UTC)
    assert _all_ids(copy).isdisjoint(_all_ids(original))
    assert len(_all_ids(copy)) == len(_all_ids(original))
    validate(copy)
    assert copy.id is not None
    assert library.load(copy.id) == copy
    assert library.load(original.id) == original


def test_duplicate_references_point_at_the_same_items(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    copy = library.duplicate(original.id)

    def described(postmortem: Postmortem) -> dict[str, object]:
        events = {event.id: event.description for event in postmortem.timeline}
        categories = {category.id: category.name for category in postmortem.fishbone_categories}
        causes = {cause.id: cause.text for cause in postmortem.causes}
        causes.update({why.id: why.text for why in postmortem.whys})
        return {
            "cause categories": [categories[c.category_id] for c in postmortem.causes],
            "cause parents": [causes.get(c.parent_id or "") for c in postmortem.causes],
            "why parents": [causes.get(w.parent_id or "") for w in postmortem.whys],
            "observed events": [[events[e] for e in o.event_ids] for o in postmortem.observations],
            "action causes": [[causes[c] for c in a.cause_ids] for a in postmortem.action_items],
        }

    assert described(copy) == described(original)
    assert copy.timeline[0].description == original.timeline[0].description


def test_duplicate_title_is_cut_to_the_maximum(library: Library) -> None:
    original = library.create(small_postmortem("T" * TITLE_MAX_LENGTH))
    assert original.id is not None
    copy = library.duplicate(original.id)
    assert len(copy.title) == TITLE_MAX_LENGTH
    assert copy.title.startswith("Copy of TTT")


def test_duplicate_is_found_by_search(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    copy = library.duplicate(original.id)
    found = {summary.id for summary in library.summaries(search="kittiwake")}
    assert found == {original.id, copy.id}


def test_duplicate_dismissals_still_name_the_same_text(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    copy = library.duplicate(original.id)

    def dismissed(postmortem: Postmortem) -> list[tuple[str, str]]:
        texts = {f"timeline[{e.id}].description": e.description for e in postmortem.timeline}
        texts.update({f"causes[{c.id}].text": c.text for c in postmortem.causes})
        return [(texts[d.location], d.reason) for d in postmortem.coaching_dismissals]

    assert dismissed(copy) == dismissed(original)
    assert dismissed(copy)[0] == (
        "Primary disk filled",
        "A disk filling is a fact here, not a judgement of anyone",
    )
    assert copy.coaching_dismissals[0].location != original.coaching_dismissals[0].location


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("timeline[ev1].description", "timeline[NEW-ev1].description"),
        ("causes[a].b].text", "causes[NEW-a].b].text"),  # an id may hold "]."
        ("observations[o1].text", "observations[NEW-o1].text"),
        ("impact.summary", "impact.summary"),  # no item
        ("participants[2].name", "participants[2].name"),  # a position, not an id
        ("stage_notes[scope]", "stage_notes[scope]"),  # a key, and not an item field
        ("no_such_list[x].text", "no_such_list[x].text"),
        ("", ""),
    ],
)
def test_remap_location_replaces_only_item_ids(location: str, expected: str) -> None:
    assert remap_location(location, _Prefixing()) == expected


class _Prefixing(defaultdict[str, str]):
    """A stand-in for the id table: every old id maps to NEW-<old id>."""

    def __missing__(self, key: str) -> str:
        self[key] = f"NEW-{key}"
        return self[key]
