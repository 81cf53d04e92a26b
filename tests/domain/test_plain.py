from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from app.domain.errors import ValidationError
from app.domain.model import (
    ActionCategory,
    ActionItem,
    Audience,
    Impact,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
)
from app.domain.plain import from_plain, to_plain


def sample() -> Postmortem:
    return Postmortem(
        title="Ünïcode ✓ outage",
        severity=Severity.SEV1,
        audiences=(Audience.CUSTOMERS, Audience.ENGINEERING),
        stage_notes={Stage.TIMELINE: "check the pager log"},
        timeline=(TimelineEvent("e1", datetime(2026, 1, 2, 3, 4, tzinfo=UTC), "onset"),),
        impact=Impact(users_affected=1200, sla_breached=True),
        action_items=(
            ActionItem("a1", "Alert", due=date(2026, 2, 1), category=ActionCategory.DETECT),
        ),
    )


def test_round_trip_through_json_text() -> None:
    pm = sample()
    text = json.dumps(to_plain(pm))
    assert from_plain(Postmortem, json.loads(text)) == pm


def test_plain_form_uses_stable_readable_values() -> None:
    plain = to_plain(sample())
    assert isinstance(plain, dict)
    assert plain["severity"] == "SEV1"
    assert plain["stage_notes"] == {"timeline": "check the pager log"}
    assert plain["timeline"][0]["at"] == "2026-01-02T03:04:00Z"  # type: ignore[index]
    assert plain["action_items"][0]["due"] == "2026-02-01"  # type: ignore[index]


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"),
    [
        (lambda p: p.update(severity="SEV9"), "$.severity", "must be one of"),
        (lambda p: p.update(title=5), "$.title", "must be text"),
        (lambda p: p.update(bogus=1), "$.bogus", "not a known field"),
        (lambda p: p.pop("title"), "$.title", "is required"),
        (lambda p: p["impact"].update(users_affected="many"), "$.impact.users_affected", "whole"),
        (lambda p: p["impact"].update(users_affected=True), "$.impact.users_affected", "whole"),
        (lambda p: p["timeline"][0].update(at="yesterday"), "$.timeline[0].at", "ISO 8601"),
        (lambda p: p["action_items"][0].update(due="2026-13-01"), "$.action_items[0].due", "date"),
        (lambda p: p.update(audiences="customers"), "$.audiences", "must be a list"),
        (lambda p: p.update(stage_notes={"lunch": "x"}), "$.stage_notes.lunch", "must be one of"),
        (lambda p: p.update(title=" "), "$.title", "must not be empty"),
    ],
)
def test_bad_input_names_the_offending_field(mutate, path: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    plain = to_plain(sample())
    mutate(plain)
    with pytest.raises(ValidationError) as error:
        from_plain(Postmortem, plain)
    assert error.value.path == path
    assert fragment in error.value.message


def test_times_with_offsets_are_read_as_utc() -> None:
    plain = to_plain(sample())
    plain["created_at"] = "2026-01-02T05:04:00+02:00"  # type: ignore[index]
    assert from_plain(Postmortem, plain).created_at == datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def test_lone_surrogates_and_out_of_range_times_are_refused_with_a_path() -> None:
    plain = to_plain(sample())
    plain["title"] = "bad \ud800 text"  # type: ignore[index]
    with pytest.raises(ValidationError, match=r"^\$\.title: contains an unpaired surrogate"):
        from_plain(Postmortem, plain)
    plain = to_plain(sample())
    plain["created_at"] = "9999-12-31T23:59:00-01:00"  # type: ignore[index]
    with pytest.raises(ValidationError, match=r"^\$\.created_at: is out of range"):
        from_plain(Postmortem, plain)
