"""The follow-up calendar, read back with icalendar: every field, escaping, folding, CRLF."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from icalendar import Calendar

from app.domain.model import (
    ActionItem,
    ActionStatus,
    FollowUpReview,
    Postmortem,
    Severity,
)
from app.export.ics import PRODID, follow_up_calendar, review_uid
from tests.strategies import postmortems, texts

GENERATED = datetime(2026, 3, 21, 9, 30, 15, tzinfo=UTC)
PATTERN = "https://tracker.example.com/browse/{key}"


def sample(**changes: object) -> Postmortem:
    pm = Postmortem(
        title="Checkout errors after the failover",
        severity=Severity.SEV2,
        id=12,
        published_on=date(2026, 3, 20),
        action_items=(
            ActionItem(
                "a1",
                "Validate pooled connections",
                owner="Sam Okoye",
                due=date(2026, 4, 1),
                tracker="OPS-231",
                status=ActionStatus.IN_PROGRESS,
            ),
            ActionItem("a2", "Page on pool saturation"),
            ActionItem("a3", "Already shipped", status=ActionStatus.DONE),
            ActionItem("a4", "Dropped", status=ActionStatus.WONT_DO),
            ActionItem("a5", "Link it", tracker="https://other.example/T-9"),
        ),
        follow_up_reviews=(
            FollowUpReview("r30", date(2026, 4, 19), done=True, notes="On track"),
            FollowUpReview("r60", date(2026, 5, 19)),
        ),
    )
    return dataclasses.replace(pm, **changes)  # type: ignore[arg-type]


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(data: bytes) -> list[object]:
    return list(parse(data).walk("VEVENT"))


def test_the_calendar_header() -> None:
    calendar = parse(follow_up_calendar(sample(), generated_at=GENERATED))
    assert calendar.name == "VCALENDAR"
    assert str(calendar["PRODID"]) == PRODID == "-//Retro//Postmortem follow-ups//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Follow-ups: Checkout errors after the failover"


def test_one_all_day_event_per_review() -> None:
    data = follow_up_calendar(sample(), generated_at=GENERATED)
    found = events(data)
    assert len(found) == 2
    upcoming = found[1]
    assert upcoming["DTSTART"].dt == date(2026, 5, 19)
    assert upcoming["DTSTART"].params["VALUE"] == "DATE"
    assert upcoming["DTEND"].dt == date(2026, 5, 20)
    assert upcoming["DTEND"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20260519\r\n" in data
    assert b"DTEND;VALUE=DATE:20260520\r\n" in data
    assert upcoming["DTSTAMP"].dt == GENERATED
    assert b"DTSTAMP:20260321T093015Z\r\n" in data
    assert str(upcoming["UID"]) == "r60.12@retro"
    assert str(found[0]["UID"]) == "r30.12@retro"
    assert (
        str(upcoming["SUMMARY"]) == "Follow-up review (60 days): Checkout errors after the failover"
    )
    assert str(upcoming["STATUS"]) == "CONFIRMED"
    assert str(upcoming["TRANSP"]) == "TRANSPARENT"


def test_uids_are_stable_across_exports_and_dtstamp_follows_generation_time() -> None:
    first = events(follow_up_calendar(sample(), generated_at=GENERATED))
    later = GENERATED + timedelta(days=3)
    moved = sample(follow_up_reviews=(FollowUpReview("r60", date(2026, 6, 1)),))
    second = events(follow_up_calendar(moved, generated_at=later))
    assert str(second[0]["UID"]) == str(first[1]["UID"])
    assert second[0]["DTSTAMP"].dt == later


def test_an_upcoming_review_reminds_a_day_before() -> None:
    upcoming = events(follow_up_calendar(sample(), generated_at=GENERATED))[1]
    alarms = list(upcoming.walk("VALARM"))
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == timedelta(days=-1)
    assert str(alarms[0]["DESCRIPTION"]).startswith("Tomorrow: Follow-up review (60 days)")


def test_a_done_review_is_kept_marked_done_without_a_reminder() -> None:
    done = events(follow_up_calendar(sample(), generated_at=GENERATED))[0]
    assert str(done["SUMMARY"]) == (
        "Done: Follow-up review (30 days): Checkout errors after the failover"
    )
    assert str(done["STATUS"]) == "CONFIRMED"
    description = str(done["DESCRIPTION"])
    assert "This review has been held." in description
    assert "Notes:\nOn track" in description
    assert list(done.walk("VALARM")) == []


def test_the_description_lists_the_open_action_items() -> None:
    data = follow_up_calendar(sample(), generated_at=GENERATED, tracker_pattern=PATTERN)
    description = str(events(data)[1]["DESCRIPTION"])
    assert description == (
        "Follow-up review of postmortem 12 (SEV2): Checkout errors after the failover\n"
        "\n"
        "Open action items (3):\n"
        "- Validate pooled connections\n"
        "  owner: Sam Okoye; due: 2026-04-01; "
        "tracker: OPS-231 <https://tracker.example.com/browse/OPS-231>; in progress\n"
        "- Page on pool saturation\n"
        "  owner: not set; due: not set; tracker: not set\n"
        "- Link it\n"
        "  owner: not set; due: not set; tracker: https://other.example/T-9"
    )


def test_without_a_pattern_a_key_is_shown_as_written() -> None:
    description = str(
        events(follow_up_calendar(sample(), generated_at=GENERATED))[1]["DESCRIPTION"]
    )
    assert "tracker: OPS-231;" in description
    assert "browse" not in description


def test_no_open_items_is_said() -> None:
    pm = sample(action_items=())
    description = str(events(follow_up_calendar(pm, generated_at=GENERATED))[1]["DESCRIPTION"])
    assert description.endswith("\n\nNo open action items.")


@pytest.mark.parametrize(
    ("published_on", "due", "summary"),
    [
        (None, date(2026, 4, 19), "Follow-up review: T"),
        (date(2026, 4, 18), date(2026, 4, 19), "Follow-up review (1 day): T"),
        (date(2026, 4, 19), date(2026, 4, 19), "Follow-up review: T"),
        (date(2026, 5, 1), date(2026, 4, 19), "Follow-up review: T"),
        (date(2026, 2, 18), date(2026, 4, 19), "Follow-up review (60 days): T"),
    ],
)
def test_the_days_come_from_the_publication_date(
    published_on: date | None, due: date, summary: str
) -> None:
    pm = sample(title="T", published_on=published_on, follow_up_reviews=(FollowUpReview("r", due),))
    assert str(events(follow_up_calendar(pm, generated_at=GENERATED))[0]["SUMMARY"]) == summary


def test_no_reviews_is_an_empty_calendar() -> None:
    data = follow_up_calendar(sample(follow_up_reviews=()), generated_at=GENERATED)
    assert events(data) == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")


TRICKY_TITLE = 'Checkout, payments; and "refunds"\\ failed\nfor 88 min — Zahlungsausfall ✓ 李雷 😀'


def test_commas_semicolons_backslashes_and_newlines_are_escaped_and_read_back() -> None:
    pm = sample(title=TRICKY_TITLE)
    data = follow_up_calendar(pm, generated_at=GENERATED)
    summary = str(events(data)[1]["SUMMARY"])
    # SUMMARY is one line: the title's line break becomes a space.
    assert summary == "Follow-up review (60 days): " + TRICKY_TITLE.replace("\n", " ")
    assert "Checkout\\, payments\\; and" in data.decode("utf-8").replace("\r\n ", "")
    description = str(events(data)[1]["DESCRIPTION"])
    assert description.startswith(
        "Follow-up review of postmortem 12 (SEV2): " + TRICKY_TITLE.replace("\n", " ")
    )


def test_multi_line_notes_keep_their_lines() -> None:
    notes = "First line, with a comma\r\nSecond; with a semicolon\rThird \\ backslash"
    pm = sample(follow_up_reviews=(FollowUpReview("r", date(2026, 4, 19), True, notes),))
    description = str(events(follow_up_calendar(pm, generated_at=GENERATED))[0]["DESCRIPTION"])
    assert "First line, with a comma\nSecond; with a semicolon\nThird \\ backslash" in description


def test_control_characters_are_dropped() -> None:
    pm = sample(title="Bell\x07 escape\x1b[31m red\x7f\x00 end")
    data = follow_up_calendar(pm, generated_at=GENERATED)
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in data)
    assert str(events(data)[1]["SUMMARY"]).endswith("Bell escape[31m red end")


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def test_every_line_ends_in_crlf_and_none_has_a_bare_cr_or_lf() -> None:
    data = follow_up_calendar(sample(title=TRICKY_TITLE), generated_at=GENERATED)
    for line in _lines(data):
        assert b"\r" not in line
        assert b"\n" not in line


def test_long_text_is_folded_at_75_octets_without_splitting_characters() -> None:
    title = "Zahlungsausfall ✓ 李雷 😀 " * 12  # long, and multi-byte characters everywhere
    pm = sample(title=title[:300], action_items=(ActionItem("a", "é" * 400, owner="Ødegård"),))
    data = follow_up_calendar(pm, generated_at=GENERATED)
    lines = _lines(data)
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # each physical line is whole UTF-8: no character was cut in two
    assert "é" * 400 in str(events(data)[1]["DESCRIPTION"])
    assert str(events(data)[1]["SUMMARY"]).endswith(" ".join(title[:300].split()))


def test_the_latest_date_has_a_duration_instead_of_a_next_day() -> None:
    pm = sample(follow_up_reviews=(FollowUpReview("r", date.max),), published_on=None)
    event = events(follow_up_calendar(pm, generated_at=GENERATED))[0]
    assert event["DTSTART"].dt == date.max
    assert "DTEND" not in event
    assert event["DURATION"].dt == timedelta(days=1)


def test_generated_at_is_written_in_utc() -> None:
    berlin = datetime(2026, 3, 21, 10, 30, 15, 999, tzinfo=timezone(timedelta(hours=1)))
    event = events(follow_up_calendar(sample(), generated_at=berlin))[0]
    assert event["DTSTAMP"].dt == GENERATED


def test_an_unstored_postmortem_or_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="stored"):
        follow_up_calendar(sample(id=None), generated_at=GENERATED)
    with pytest.raises(ValueError, match="time zone"):
        follow_up_calendar(sample(), generated_at=datetime(2026, 3, 21))


def _expected_line(text: str) -> str:
    kept = "".join(c for c in text.replace("\r", "\n") if c in "\n\t" or ord(c) >= 0x20)
    kept = "".join(c for c in kept if not (0x7F <= ord(c) <= 0x9F))
    return " ".join(kept.split())


@settings(max_examples=150, deadline=None)
@given(postmortems(), texts(max_size=80))
def test_any_postmortem_gives_a_calendar_that_reads_back(pm: Postmortem, title: str) -> None:
    if title.strip():
        pm = dataclasses.replace(pm, title=title)
    pm = dataclasses.replace(pm, id=3)
    data = follow_up_calendar(pm, generated_at=GENERATED, tracker_pattern=PATTERN)
    for line in _lines(data):
        assert len(line) <= 75
        assert b"\r" not in line
        assert b"\n" not in line
    found = events(data)
    assert len(found) == len(pm.follow_up_reviews)
    for event, review in zip(found, pm.follow_up_reviews, strict=True):
        assert str(event["UID"]) == review_uid(3, review)
        assert str(event["UID"]).isprintable()
        assert " " not in str(event["UID"])
        assert event["DTSTART"].dt == review.due
        assert str(event["SUMMARY"]).endswith(_expected_line(pm.title))
        assert len(list(event.walk("VALARM"))) == (0 if review.done else 1)
        open_items = [
            i for i in pm.action_items if i.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        ]
        description = str(event["DESCRIPTION"])
        for item in open_items:
            assert f"- {_expected_line(item.title) or '(untitled)'}\n" in description


def test_an_imported_review_id_with_a_line_break_gives_a_readable_stable_uid() -> None:
    review = FollowUpReview("odd\rid with space", date(2026, 4, 1))
    assert review_uid(3, review) == "odd%0Did%20with%20space.3@retro"
