"""create -> load gives back the same postmortem; update replaces whole fields, validated first."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.errors import ValidationError
from app.domain.model import (
    Audience,
    Cause,
    Communication,
    DataIntegrity,
    Impact,
    Participant,
    Postmortem,
    SecuritySignOff,
    Severity,
    Stage,
    Template,
    TimelineEvent,
)
from app.store import CorruptLibraryError, Library, PostmortemNotFoundError
from app.store.mapping import child_tables
from tests.store.files import library_digest
from tests.store.samples import at, full_postmortem, small_postmortem


def test_full_postmortem_round_trips(library: Library) -> None:
    original = full_postmortem()
    for child in child_tables():  # the sample must exercise every child table
        assert getattr(original, child.field), child.field
    stored = library.create(original)
    assert stored.id is not None
    assert stored == dataclasses.replace(original, id=stored.id)
    assert library.load(stored.id) == stored


def test_round_trip_survives_reopening(library_path) -> None:
    with Library.open(library_path) as library:
        stored = library.create(full_postmortem())
    with Library.open(library_path) as reopened:
        assert stored.id is not None
        assert reopened.load(stored.id) == stored


def test_create_refuses_a_stored_postmortem(library: Library) -> None:
    stored = library.create(small_postmortem("once"))
    with pytest.raises(ValueError, match="already stored"):
        library.create(stored)


def test_load_of_a_missing_id_names_the_file(library: Library) -> None:
    with pytest.raises(PostmortemNotFoundError) as raised:
        library.load(99)
    assert str(library.path) in str(raised.value)
    assert raised.value.postmortem_id == 99


NEW_EVENT = TimelineEvent("ev-new", at(5, 0), "Declared resolved", evidence="chat log")

UPDATES: dict[str, object] = {
    "title": "Renamed: ümlaut and 🚒",
    "severity": Severity.SEV2,
    "incident_date": date(2026, 3, 13),
    "security_incident": False,
    "template": Template.LIGHTWEIGHT,
    "tags": ("db", "storage"),
    "audiences": (Audience.CUSTOMERS,),
    "stage_notes": {Stage.TIMELINE: "Checked against chat"},
    "impact": Impact(users_affected=3, data_integrity=DataIntegrity.DEGRADED),
    "communication": Communication(shared_where="email"),
    "security_signoff": SecuritySignOff("CISO", datetime(2026, 3, 18, tzinfo=UTC)),
    "participants": (Participant("Only Me", "scribe"),),
    "follow_up_reviews": (),
}


@pytest.mark.parametrize("field", sorted(UPDATES))
def test_update_replaces_one_field_and_stamps_updated_at(library: Library, field: str) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    before = datetime.now(UTC).replace(microsecond=0)
    updated = library.update(original.id, {field: UPDATES[field]})
    assert getattr(updated, field) == UPDATES[field]
    assert updated.created_at == original.created_at
    assert before <= updated.updated_at <= datetime.now(UTC)
    assert updated.updated_at.microsecond == 0
    expected = dataclasses.replace(
        original, **{field: UPDATES[field]}, updated_at=updated.updated_at
    )
    assert updated == expected
    assert library.load(original.id) == expected


def test_update_of_child_records_keeps_references(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    timeline = (*original.timeline, NEW_EVENT)
    causes = (*original.causes[:2], Cause("c-new", "cat-proc", "No canary"), original.causes[2])
    updated = library.update(original.id, {"timeline": timeline, "causes": causes})
    loaded = library.load(original.id)
    assert loaded.timeline == timeline
    assert [cause.id for cause in loaded.causes] == ["c-disk", "c-sub", "c-new", "c-runbook"]
    assert loaded == updated


def test_update_accepts_plain_equivalents_and_stores_model_types(library: Library) -> None:
    original = library.create(small_postmortem("plain"))
    assert original.id is not None
    updated = library.update(original.id, {"severity": "SEV1", "tags": ["a", "b"]})
    assert updated.severity is Severity.SEV1
    assert updated.tags == ("a", "b")


def _statements(library: Library) -> list[str]:
    log: list[str] = []
    library._database.conn.set_trace_callback(log.append)
    return log


def _written_tables(statements: list[str]) -> set[str]:
    pattern = re.compile(r"^\s*(?:insert into|update|delete from)\s+\[?\"?(\w+)", re.IGNORECASE)
    return {match.group(1) for match in map(pattern.match, statements) if match}


def test_update_writes_only_the_tables_that_changed(library: Library) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    log = _statements(library)
    library.update(original.id, {"timeline": (*original.timeline, NEW_EVENT)})
    assert _written_tables(log) == {"postmortems", "timeline_events", "search_index"}
    log.clear()
    library.update(original.id, {"title": "Renamed"})
    assert _written_tables(log) == {"postmortems", "search_index"}
    log.clear()
    library.update(original.id, {"severity": Severity.SEV4})  # no text changed: index kept
    assert _written_tables(log) == {"postmortems"}


def test_update_without_a_real_change_writes_nothing(library: Library, library_path) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    before = library_digest(library_path)
    assert (
        library.update(original.id, {"severity": original.severity, "tags": original.tags})
        == original
    )
    assert library_digest(library_path) == before


INVALID_UPDATES: list[tuple[dict[str, object], str]] = [
    ({"title": "   "}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"severity": "SEV9"}, "severity"),
    ({"impact": Impact(users_affected=-1)}, "impact.users_affected"),
    ({"timeline": (TimelineEvent("e", datetime(2026, 1, 1, 3, 0), "naive"),)}, "timeline"),
    ({"timeline": (TimelineEvent("e", at(3, 0) + timedelta(seconds=5), "odd"),)}, "timeline[0].at"),
    ({"causes": (Cause("c", "no-such-category", "orphan"),)}, "causes[0].category_id"),
    ({"timeline": ()}, "observations[0].event_ids"),  # observations still point at events
    ({"tags": "not a list"}, "tags"),
    ({"participants": (Participant(""),)}, "participants[0].name"),
]


@pytest.mark.parametrize(("changes", "path"), INVALID_UPDATES)
def test_invalid_update_raises_and_leaves_the_file_unchanged(
    library: Library, library_path, changes: dict[str, object], path: str
) -> None:
    original = library.create(full_postmortem())
    assert original.id is not None
    before = library_digest(library_path)
    with pytest.raises(ValidationError) as raised:
        library.update(original.id, changes)
    assert raised.value.path.startswith(path)
    assert library_digest(library_path) == before
    assert library.load(original.id) == original


@pytest.mark.parametrize("field", ["id", "created_at", "updated_at", "no_such_field"])
def test_update_refuses_fields_the_store_owns_or_does_not_know(library: Library, field) -> None:
    original = library.create(small_postmortem("owned"))
    assert original.id is not None
    with pytest.raises(ValueError, match=field):
        library.update(original.id, {field: None})


def test_update_of_a_missing_id_raises_not_found(library: Library) -> None:
    with pytest.raises(PostmortemNotFoundError):
        library.update(404, {"title": "ghost"})


def test_returned_postmortem_is_what_load_gives(library: Library) -> None:
    stored = library.create(Postmortem(title="defaults only", severity=Severity.SEV4))
    assert stored.id is not None
    assert library.load(stored.id) == stored


@pytest.mark.parametrize(
    ("column", "value", "path"),
    [
        ("severity", "SEV9", "postmortem.severity"),
        ("tags", "[not json", "postmortem.tags"),
        ("updated_at", "yesterday", "postmortem.updated_at"),
    ],
)
def test_stored_data_the_model_refuses_is_reported_as_damage(
    library: Library, column: str, value: str, path: str
) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    library._database.conn.execute(
        f"UPDATE postmortems SET {column} = ? WHERE id = ?", [value, stored.id]
    )
    for read in (lambda: library.load(stored.id or 0), library.summaries):
        with pytest.raises(CorruptLibraryError) as raised:
            read()
        assert str(library.path) in str(raised.value)
        assert column in str(raised.value)


def test_damaged_json_in_a_child_row_is_reported_with_its_path(library: Library) -> None:
    stored = library.create(full_postmortem())
    assert stored.id is not None
    library._database.conn.execute("UPDATE causes SET evidence = '[\"x' WHERE id = 'c-sub'")
    with pytest.raises(CorruptLibraryError, match=r"postmortem\.causes\[1\]\.evidence"):
        library.load(stored.id)
