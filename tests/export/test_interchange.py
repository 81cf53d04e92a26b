"""The JSON interchange format: lossless round trips, precise refusals, and a doc that matches."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app
from app.domain import model
from app.domain.meeting import meeting_record
from app.domain.model import (
    ActionItem,
    Cause,
    FishboneCategory,
    Observation,
    ParkingLotItem,
    Participant,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
    WhyAnswer,
)
from app.domain.plain import to_plain
from app.export.interchange import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    InterchangeError,
    dump_postmortem,
    load_postmortem,
)
from tests.strategies import postmortems

FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 14, hour, minute, tzinfo=UTC)


def sample() -> Postmortem:
    """Three events, a fishbone with a sub-cause, a why, an observation and an action item."""
    return Postmortem(
        title="Checkout errors 😀 بعد الترحيل",
        severity=Severity.SEV2,
        id=42,
        stage_notes={Stage.FOLLOW_UP: "last", Stage.SCOPE: "first"},
        timeline=(
            TimelineEvent("e1", at(3, 12), "failover"),
            TimelineEvent("e2", at(3, 19), "alert"),
            TimelineEvent("e3", at(3, 41), "fixed"),
        ),
        fishbone_categories=(FishboneCategory("c1", "Technology"),),
        causes=(Cause("k1", "c1", "stale pool"), Cause("k2", "c1", "no check", parent_id="k1")),
        whys=(WhyAnswer("w1", "never re-validated"),),
        observations=(Observation("o1", model.ObservationKind.LUCKY, "quiet hour", ("e2",)),),
        action_items=(ActionItem("a1", "Validate connections", due=date(2026, 4, 1)),),
    )


def document(**postmortem_changes: Any) -> dict[str, Any]:
    """The sample as a parsed document, with top-level postmortem keys replaced."""
    parsed: dict[str, Any] = json.loads(dump_postmortem(sample()))
    parsed["postmortem"].update(postmortem_changes)
    return parsed


def refusal(data: object, source: str = "incident.json") -> InterchangeError:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(InterchangeError) as raised:
        load_postmortem(text, source=source)
    return raised.value


# --- writing -------------------------------------------------------------------------------------


def test_dump_writes_the_envelope_without_the_library_id() -> None:
    text = dump_postmortem(sample())
    parsed = json.loads(text)
    assert list(parsed) == ["format", "version", "exported_at", "generator", "postmortem"]
    assert parsed["format"] == "retro-postmortem"
    assert parsed["version"] == FORMAT_VERSION == 2
    assert parsed["generator"] == f"Retro {app.__version__}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", parsed["exported_at"])
    assert "id" not in parsed["postmortem"]
    assert list(parsed["postmortem"])[:2] == ["title", "severity"]


def test_dump_is_pretty_utf8_text_in_a_stable_order() -> None:
    text = dump_postmortem(sample())
    assert "😀" in text  # ensure_ascii=False: people can read their own language
    assert text.startswith('{\n  "format": ')
    assert text.endswith("}\n")
    # Notes follow stage order whatever order the dict was built in.
    assert list(json.loads(text)["postmortem"]["stage_notes"]) == ["scope", "follow_up"]
    again = dump_postmortem(dataclasses.replace(sample(), stage_notes=dict(sample().stage_notes)))
    assert _without_exported_at(again) == _without_exported_at(text)


def _without_exported_at(text: str) -> str:
    return re.sub(r'"exported_at": "[^"]*"', "", text)


def test_sample_round_trips_without_its_id() -> None:
    loaded = load_postmortem(dump_postmortem(sample()), source="x.json")
    assert loaded == dataclasses.replace(sample(), id=None)
    assert loaded.id is None


@settings(max_examples=200, deadline=None)
@given(postmortems())
def test_every_valid_postmortem_round_trips(postmortem: Postmortem) -> None:
    stored = dataclasses.replace(postmortem, id=7)
    assert load_postmortem(dump_postmortem(stored), source="x") == postmortem


def test_the_strategy_varies_every_field_of_the_postmortem() -> None:
    """The round trip above only proves as much as the generator varies."""
    defaults = Postmortem(title="t", severity=Severity.SEV1)
    varied: set[str] = set()
    fields = {field.name for field in dataclasses.fields(Postmortem)} - {"id", "title", "severity"}

    @settings(max_examples=150, deadline=None)
    @given(postmortems())
    def collect(postmortem: Postmortem) -> None:
        varied.update(
            name for name in fields if getattr(postmortem, name) != getattr(defaults, name)
        )

    collect()
    assert fields - varied == set()


# --- reading what others wrote -------------------------------------------------------------------


def test_omitted_fields_take_their_defaults() -> None:
    minimal = {
        "format": FORMAT_MARKER,
        "version": 1,
        "postmortem": {"title": "t", "severity": "SEV4"},
    }
    loaded = load_postmortem(json.dumps(minimal), source="m.json")
    assert loaded.title == "t"
    assert loaded.severity is Severity.SEV4
    assert loaded.template is None
    assert loaded.timeline == ()


def test_times_with_other_offsets_are_converted_to_utc() -> None:
    events = _timeline_with(0, at="2026-03-14T05:12:00+02:00")
    loaded = load_postmortem(json.dumps(document(timeline=events)), source="x")
    assert loaded.timeline[0].at == at(3, 12)
    assert loaded.timeline[0].at.tzinfo is UTC


def test_a_byte_order_mark_is_ignored() -> None:
    loaded = load_postmortem("\ufeff" + dump_postmortem(sample()), source="x")
    assert loaded.title == sample().title


# --- versions ------------------------------------------------------------------------------------

# The demo as Retro wrote it before version 2, kept as written: version 1 documents exist.
VERSION_1_DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "interchange" / "demo-v1.json"


DEMO = Path(__file__).resolve().parents[2] / "docs" / "demo-postmortem.json"


def test_the_demo_is_a_current_document_with_private_parts_to_hide() -> None:
    """The screenshots and presentation mode show it: it must read and have something to hide."""
    text = DEMO.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == FORMAT_VERSION
    demo = load_postmortem(text, source=DEMO.name)
    assert all(participant.contact for participant in demo.participants)
    assert demo.private_notes
    assert sum(event.internal_only for event in demo.timeline) >= 2
    assert {item.done for item in demo.parking_lot} == {True, False}
    assert meeting_record(demo)


def meeting_sample() -> Postmortem:
    """The sample with every field version 2 added."""
    return dataclasses.replace(
        sample(),
        private_notes="Ask Bo about the pager gap first",
        participants=(Participant("Aiko", "facilitator", "aiko@example.com"), Participant("Bo")),
        agenda={Stage.ROOT_CAUSE: 25, Stage.SCOPE: 5},
        meeting_time={Stage.TIMELINE: 905, Stage.SCOPE: 312},
        parking_lot=(
            ParkingLotItem("p1", "Budget for replicas", at(9, 14), Stage.TIMELINE),
            ParkingLotItem("p2", "Rename the alerts", at(9, 40), done=True),
        ),
    )


def test_a_version_1_document_reads_with_the_new_fields_at_their_defaults() -> None:
    text = VERSION_1_DEMO.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    loaded = load_postmortem(text, source=VERSION_1_DEMO.name)
    assert loaded.title == "Checkout latency after cache config deploy"
    assert len(loaded.timeline) == 6
    assert [p.contact for p in loaded.participants] == ["", "", "", ""]
    assert (loaded.agenda, loaded.meeting_time, loaded.parking_lot) == ({}, {}, ())
    assert loaded.private_notes == ""
    as_version_2 = text.replace('"version": 1,', '"version": 2,', 1)
    assert load_postmortem(as_version_2, source="x") == loaded


def test_the_version_2_fields_round_trip_in_stage_order() -> None:
    text = dump_postmortem(meeting_sample())
    body = json.loads(text)["postmortem"]
    assert body["participants"][0] == {
        "name": "Aiko",
        "role": "facilitator",
        "contact": "aiko@example.com",
    }
    assert list(body["agenda"].items()) == [("scope", 5), ("root_cause", 25)]
    assert list(body["meeting_time"].items()) == [("scope", 312), ("timeline", 905)]
    assert body["parking_lot"][0] == {
        "id": "p1",
        "text": "Budget for replicas",
        "raised_at": "2026-03-14T09:14:00Z",
        "raised_during": "timeline",
        "done": False,
    }
    assert load_postmortem(text, source="x") == dataclasses.replace(meeting_sample(), id=None)


def _as_version_1(parsed: dict[str, Any]) -> dict[str, Any]:
    """``parsed`` claiming version 1, without the version 2 keys dump always writes."""
    body = parsed["postmortem"]
    for key in ("private_notes", "agenda", "meeting_time", "parking_lot"):
        body.pop(key, None)
    for participant in body["participants"]:
        participant.pop("contact", None)
    return {**parsed, "version": 1}


def test_a_version_1_document_without_version_2_keys_loads() -> None:
    parsed = _as_version_1(json.loads(dump_postmortem(meeting_sample())))
    loaded = load_postmortem(json.dumps(parsed), source="x")
    assert loaded.participants == (Participant("Aiko", "facilitator"), Participant("Bo"))
    assert loaded.parking_lot == ()


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("private_notes", "", "postmortem.private_notes"),
        ("agenda", {}, "postmortem.agenda"),
        ("meeting_time", {"scope": 60}, "postmortem.meeting_time"),
        ("parking_lot", [], "postmortem.parking_lot"),
        (
            "participants",
            [{"name": "Aiko"}, {"name": "Bo", "contact": ""}],
            "postmortem.participants[1].contact",
        ),
    ],
)
def test_a_version_1_document_using_a_version_2_key_is_refused_by_path(
    key: str, value: object, path: str
) -> None:
    parsed = _as_version_1(json.loads(dump_postmortem(meeting_sample())))
    parsed["postmortem"][key] = value
    error = refusal(parsed)
    assert error.path == path
    assert error.problem.startswith(
        "is not a field of format version 1 (it was added in version 2)"
    )
    assert str(error).startswith(f"incident.json: {path}: ")
    assert '"version": 2' in error.problem


def test_a_malformed_version_1_body_is_left_to_the_field_checks() -> None:
    # The version check looks only for keys it can see; the field checks name what is broken.
    parsed = _as_version_1(json.loads(dump_postmortem(meeting_sample())))
    parsed["postmortem"]["participants"] = ["Aiko"]
    error = refusal(parsed)
    assert error.path == "postmortem.participants[0]"
    assert "must be an object" in error.problem
    assert refusal({**parsed, "postmortem": ["agenda"]}).problem == "must be an object, not a list"


# --- refusals ------------------------------------------------------------------------------------


def test_broken_json_names_line_and_column() -> None:
    error = refusal('{\n  "format": "retro-postmortem",\n  oops\n}')
    assert (error.line, error.column, error.path) == (3, 3, None)
    assert str(error).startswith("incident.json, line 3, column 3: not valid JSON: ")


def test_empty_text_is_broken_json() -> None:
    assert refusal("").line == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "must be a JSON object, not a list"),
        ("42", "must be a JSON object, not a number"),
        ({"version": 1, "postmortem": {}}, 'no "format" key'),
        ({"format": "retro-backup", "version": 1}, "\"format\" is 'retro-backup'"),
        ({"format": FORMAT_MARKER, "version": 3}, "written by a newer Retro (format version 3"),
        ({"format": FORMAT_MARKER, "version": 3}, "this Retro reads up to version 2"),
        ({"format": FORMAT_MARKER, "version": 99, "new_key": 1}, "update Retro to import it"),
    ],
)
def test_documents_that_are_not_exports_this_retro_reads_are_refused(
    data: object, expected: str
) -> None:
    error = refusal(data)
    assert expected in str(error)
    assert str(error).startswith("incident.json: ")
    assert error.source == "incident.json"


@pytest.mark.parametrize(
    ("envelope", "path", "problem"),
    [
        ({"version": None}, "version", "must be a whole number, not null"),
        ({"version": "1"}, "version", "must be a whole number, not text"),
        ({"version": True}, "version", "must be a whole number"),
        ({"version": 0}, "version", "format version 0 does not exist"),
        ({"comment": "hi"}, "comment", "is not a known key of the envelope"),
        ({"generator": 3}, "generator", "must be text"),
        ({"exported_at": "2026-03-16 10:31"}, "exported_at", "needs a time zone"),
    ],
)
def test_a_bad_envelope_key_is_named(envelope: dict[str, object], path: str, problem: str) -> None:
    error = refusal({**document(), **envelope})
    assert error.path == path
    assert problem in error.problem


def test_missing_version_and_postmortem_are_named() -> None:
    assert refusal({"format": FORMAT_MARKER, "postmortem": {}}).path == "version"
    error = refusal({"format": FORMAT_MARKER, "version": 1})
    assert (error.path, error.problem) == ("postmortem", "is required")


def test_informational_keys_may_be_left_out() -> None:
    parsed = document()
    del parsed["exported_at"], parsed["generator"]
    assert load_postmortem(json.dumps(parsed), source="x").title == sample().title


def _timeline_with(index: int, **changes: object) -> list[dict[str, object]]:
    events: list[dict[str, object]] = document()["postmortem"]["timeline"]
    events[index].update(changes)
    return events


@pytest.mark.parametrize(
    ("changes", "path", "problem"),
    [
        ({"colour": "red"}, "postmortem.colour", "is not a known field"),
        (
            {"timeline": _timeline_with(0, colour="red")},
            "postmortem.timeline[0].colour",
            "is not a known field",
        ),
        (
            {"timeline": _timeline_with(2, at="2026-03-14T03:41:00")},
            "postmortem.timeline[2].at",
            "needs a time zone",
        ),
        (
            {"timeline": _timeline_with(1, at="2026-03-14T03:19:30Z")},
            "postmortem.timeline[1].at",
            "must be whole minutes",
        ),
        (
            {"timeline": _timeline_with(1, id="e1")},
            "postmortem.timeline[1].id",
            "duplicate id 'e1'",
        ),
        (
            {"action_items": [{"id": "a1", "title": "x", "due": 20260401}]},
            "postmortem.action_items[0].due",
            "must be a date YYYY-MM-DD, not int 20260401",
        ),
        (
            {"action_items": [{"id": "a1", "title": "x", "cause_ids": ["k9"]}]},
            "postmortem.action_items[0].cause_ids",
            "no cause has id 'k9'",
        ),
        (
            {"causes": [{"id": "k1", "category_id": "c9", "text": ""}]},
            "postmortem.causes[0].category_id",
            "no fishbone category has id 'c9'",
        ),
        (
            {
                "whys": [
                    {"id": "w1", "text": "", "parent_id": "w2"},
                    {"id": "w2", "text": "", "parent_id": "w1"},
                ]
            },
            "postmortem.whys[0].parent_id",
            "makes a cycle",
        ),
        (
            {"observations": [{"id": "o", "kind": "lucky", "text": "", "event_ids": ["e7"]}]},
            "postmortem.observations[0].event_ids",
            "no timeline event has id 'e7'",
        ),
        ({"severity": "sev2"}, "postmortem.severity", "must be one of 'SEV1'"),
        ({"stage_notes": {"retro": "x"}}, "postmortem.stage_notes.retro", "must be one of 'scope'"),
        (
            {"impact": {"users_affected": -1}},
            "postmortem.impact.users_affected",
            "must not be negative",
        ),
        ({"title": None}, "postmortem.title", "must be text, not null"),
        ({"title": "   "}, "postmortem.title", "must not be empty"),
        ({"id": 3}, "postmortem.id", "the library assigns a new number on import"),
    ],
)
def test_a_bad_field_is_named_by_its_path(
    changes: dict[str, object], path: str, problem: str
) -> None:
    error = refusal(document(**changes))
    assert error.path == path
    assert problem in error.problem
    assert str(error).startswith(f"incident.json: {path}: ")
    assert error.line is None


def test_a_missing_required_field_is_named() -> None:
    parsed = document()
    del parsed["postmortem"]["severity"]
    assert refusal(parsed).path == "postmortem.severity"


def test_a_postmortem_that_is_not_an_object_is_named() -> None:
    error = refusal({**document(), "postmortem": ["title"]})
    assert (error.path, error.problem) == ("postmortem", "must be an object, not a list")


def test_a_key_given_twice_is_refused() -> None:
    text = '{"format": "retro-postmortem", "version": 1, "version": 1, "postmortem": {}}'
    assert "'version' appears twice" in str(refusal(text))


def test_absurdly_deep_nesting_is_refused_cleanly() -> None:
    text = '{"format": "retro-postmortem", "version": 1, "postmortem": ' + "[" * 100_000
    assert "nested too deeply" in str(refusal(text))


@pytest.mark.parametrize("depth", [500, 990, 2000])
def test_deep_but_parseable_nesting_is_refused_cleanly(depth: int) -> None:
    text = json.dumps(document(tags="NEST")).replace('"NEST"', "[" * depth + "]" * depth)
    error = refusal(text)
    assert error.path == "postmortem.tags[0]" or "nested too deeply" in error.problem


def test_an_unpaired_surrogate_escape_is_refused_with_its_path() -> None:
    text = json.dumps(document(tags=["ok", "bad \ud83d"]))
    assert "\\ud83d" in text  # json.dumps escapes it, as another tool might
    error = refusal(text)
    assert error.path == "postmortem.tags[1]"
    assert "unpaired surrogate" in error.problem
    paired = json.dumps(document(tags=["\ud83d\ude00"]))  # an escaped emoji is fine
    assert load_postmortem(paired, source="x").tags == ("😀",)


def test_a_time_beyond_year_9999_in_utc_is_refused_cleanly() -> None:
    events = [{"id": "e", "at": "9999-12-31T23:59:00-01:00", "description": ""}]
    assert "out of range" in str(refusal(document(timeline=events)))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _locations(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_damaged_document_loads_or_raises_interchange_error(data: st.DataObject) -> None:
    parsed = document()
    location = data.draw(st.sampled_from(_locations(parsed)[1:]))
    container: Any = parsed
    for key in location[:-1]:
        container = container[key]
    container[location[-1]] = data.draw(_JSON_VALUES)
    outcome = _load_or_error(json.dumps(parsed))
    assert isinstance(outcome, Postmortem) or str(outcome).startswith("fuzz.json")


def _load_or_error(text: str) -> Postmortem | InterchangeError:
    try:
        return load_postmortem(text, source="fuzz.json")
    except InterchangeError as error:
        return error


# --- the format description ----------------------------------------------------------------------


def _doc() -> str:
    return FORMAT_DOC.read_text(encoding="utf-8")


def _table_fields(heading: str) -> set[str]:
    """The backticked names in the first column of the table under ``### `heading` ``."""
    section = _doc().split(f"### `{heading}`\n", 1)[1].split("\n### ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))


RECORDS = [
    model.Postmortem,
    model.Participant,
    model.SecuritySignOff,
    model.TimelineEvent,
    model.Impact,
    model.FishboneCategory,
    model.Cause,
    model.WhyAnswer,
    model.Observation,
    model.ActionItem,
    model.AppendixLink,
    model.FollowUpReview,
    model.Communication,
    model.ParkingLotItem,
    model.CoachingDismissal,
]


def _records_reachable_from_postmortem() -> set[type]:
    found: set[type] = set()
    pending: list[type] = [Postmortem]
    while pending:
        record = pending.pop()
        found.add(record)
        for hint in _field_types(record):
            if dataclasses.is_dataclass(hint) and hint not in found:
                pending.append(typing.cast(type, hint))
    return found


def _field_types(record: type) -> list[object]:
    hints = typing.get_type_hints(record)
    flat: list[object] = []
    pending = list(hints.values())
    while pending:
        hint = pending.pop()
        flat.append(hint)
        pending += [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
    return flat


def test_the_doc_covers_every_record_of_the_model() -> None:
    assert set(RECORDS) == _records_reachable_from_postmortem()


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_the_doc_lists_exactly_the_fields_of_each_record(record: type) -> None:
    fields = {field.name for field in dataclasses.fields(record)}
    if record is Postmortem:
        fields.remove("id")  # the library's number is not part of the document
    assert _table_fields(record.__name__) == fields


def _enums() -> set[type[Enum]]:
    return {
        hint
        for record in RECORDS
        for hint in _field_types(record)
        if isinstance(hint, type) and issubclass(hint, Enum)
    }


@pytest.mark.parametrize(
    "enum", sorted(_enums(), key=lambda enum: enum.__name__), ids=lambda enum: enum.__name__
)
def test_the_doc_lists_every_enum_value(enum: type[Enum]) -> None:
    for member in enum:
        assert f"`{to_plain(member)}`" in _doc(), member


def test_every_example_in_the_doc_loads() -> None:
    examples = re.findall(r"```json\n(.*?)```", _doc(), flags=re.DOTALL)
    assert len(examples) == 3
    for example in examples:
        parsed = json.loads(example)
        if len(parsed["postmortem"]) > 2:  # the envelope sketch holds only title and severity
            loaded = load_postmortem(example, source="format.md")
            assert loaded.causes[1].parent_id == "k1"
            assert loaded.action_items[0].cause_ids == ("k1", "w1")
        else:
            assert load_postmortem(example, source="format.md").id is None


def test_the_doc_states_the_current_version() -> None:
    assert f"(version {FORMAT_VERSION})" in _doc().splitlines()[0]
