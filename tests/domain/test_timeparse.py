"""The time parser: every accepted format, zones and their DST changes, and clear refusals."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.timeparse import (
    TIMESTAMP_PATTERN,
    ParsedTime,
    TimeParseError,
    format_in_zone,
    format_utc,
    parse_time,
    written_date,
    zone_named,
    zone_names,
)
from tests.strategies import timeline_times

DAY = date(2017, 1, 31)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:02", utc(2017, 1, 31, 14, 2)),
        ("14:02:59", utc(2017, 1, 31, 14, 2)),
        ("14:02:59.999", utc(2017, 1, 31, 14, 2)),
        ("9:05", utc(2017, 1, 31, 9, 5)),
        ("2:02 pm", utc(2017, 1, 31, 14, 2)),
        ("2:02pm", utc(2017, 1, 31, 14, 2)),
        ("2:02 PM", utc(2017, 1, 31, 14, 2)),
        ("2:02 p.m.", utc(2017, 1, 31, 14, 2)),
        ("2:02 am", utc(2017, 1, 31, 2, 2)),
        ("12:00 am", utc(2017, 1, 31, 0, 0)),
        ("12:00 pm", utc(2017, 1, 31, 12, 0)),
        ("12:30 AM", utc(2017, 1, 31, 0, 30)),
        ("2017-01-31 23:27", utc(2017, 1, 31, 23, 27)),
        ("2017-01-31T23:27", utc(2017, 1, 31, 23, 27)),
        ("2017-01-31t23:27", utc(2017, 1, 31, 23, 27)),
        ("2017-01-31 23:27:45", utc(2017, 1, 31, 23, 27)),
        ("2017-01-31T23:27:00+01:00", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31T23:27:00+0100", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31T23:27+01", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31T18:27:00-05:30", utc(2017, 1, 31, 23, 57)),
        ("2017-01-31T22:27Z", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31T22:27:31.5Z", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31 22:27 UTC", utc(2017, 1, 31, 22, 27)),
        ("2017-01-31 22:27 utc", utc(2017, 1, 31, 22, 27)),
        ("14:02 UTC", utc(2017, 1, 31, 14, 2)),
        ("14:02Z", utc(2017, 1, 31, 14, 2)),
        ("2:02 pm UTC", utc(2017, 1, 31, 14, 2)),
        ("2017-1-5 07:00", utc(2017, 1, 5, 7, 0)),
        ("  14:02  ", utc(2017, 1, 31, 14, 2)),
        ("\t2017-01-31   23:27 \n", utc(2017, 1, 31, 23, 27)),
        ("0001-01-01 00:00", utc(1, 1, 1, 0, 0)),
        ("9999-12-31 23:59", utc(9999, 12, 31, 23, 59)),
    ],
)
def test_accepted_formats_in_utc(text: str, expected: datetime) -> None:
    parsed = parse_time(text, default_date=DAY)
    assert parsed.at == expected
    # Only a time that named a non-UTC offset keeps what was typed.
    has_offset = any(mark in text for mark in ("+0", "-05"))
    assert parsed.entered_as == (text.strip() if has_offset else "")


def test_result_is_utc_whole_minutes() -> None:
    parsed = parse_time("2017-01-31 23:27:45", zone=BERLIN)
    assert parsed.at.tzinfo is UTC
    assert (parsed.at.second, parsed.at.microsecond) == (0, 0)


def test_naive_time_is_read_in_the_zone_and_remembered() -> None:
    parsed = parse_time("14:02", zone=BERLIN, default_date=DAY)
    assert parsed.at == utc(2017, 1, 31, 13, 2)
    assert parsed.entered_as == "14:02 (Europe/Berlin)"


def test_summer_time_in_berlin_is_two_hours_ahead() -> None:
    assert parse_time("2017-07-01 14:02", zone=BERLIN).at == utc(2017, 7, 1, 12, 2)


def test_new_york_winter_and_summer() -> None:
    assert parse_time("2017-01-31 9:30 am", zone=NEW_YORK).at == utc(2017, 1, 31, 14, 30)
    assert parse_time("2017-07-04 9:30 am", zone=NEW_YORK).at == utc(2017, 7, 4, 13, 30)


def test_default_date_is_a_date_in_the_zone() -> None:
    # 00:30 on 1 February in Berlin is still 31 January in UTC.
    parsed = parse_time("00:30", zone=BERLIN, default_date=date(2017, 2, 1))
    assert parsed.at == utc(2017, 1, 31, 23, 30)


def test_explicit_offset_wins_over_the_zone() -> None:
    parsed = parse_time("2017-01-31T23:27:00+05:00", zone=NEW_YORK)
    assert parsed.at == utc(2017, 1, 31, 18, 27)
    assert parsed.entered_as == "2017-01-31T23:27:00+05:00"


@pytest.mark.parametrize("text", ["2017-01-31 14:02 UTC", "2017-01-31T14:02Z", "14:02+00:00"])
def test_explicit_utc_wins_over_the_zone_and_is_plain(text: str) -> None:
    parsed = parse_time(text, zone=BERLIN, default_date=DAY)
    assert parsed == ParsedTime(at=utc(2017, 1, 31, 14, 2), entered_as="")


def test_time_with_offset_and_no_date_uses_the_default_date() -> None:
    parsed = parse_time("01:30+01:00", zone=BERLIN, default_date=date(2026, 10, 25))
    assert parsed.at == utc(2026, 10, 25, 0, 30)


def test_time_in_the_spring_forward_gap_does_not_exist() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time("2026-03-29 02:30", zone=BERLIN)
    assert str(caught.value) == (
        "02:30 does not exist in Europe/Berlin on 2026-03-29 (clocks went forward)"
    )


def test_time_in_the_fall_back_hour_asks_for_the_offset() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time("02:30", zone=BERLIN, default_date=date(2026, 10, 25))
    message = str(caught.value)
    assert "happens twice in Europe/Berlin on 2026-10-25" in message
    assert "02:30+02:00" in message
    assert "02:30+01:00" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-25 02:30+02:00", utc(2026, 10, 25, 0, 30)),
        ("2026-10-25 02:30+01:00", utc(2026, 10, 25, 1, 30)),
    ],
)
def test_the_suggested_offsets_resolve_the_ambiguity(text: str, expected: datetime) -> None:
    assert parse_time(text, zone=BERLIN).at == expected


def test_times_just_around_a_dst_change_are_fine() -> None:
    assert parse_time("2026-03-29 01:59", zone=BERLIN).at == utc(2026, 3, 29, 0, 59)
    assert parse_time("2026-03-29 03:00", zone=BERLIN).at == utc(2026, 3, 29, 1, 0)
    assert parse_time("2026-10-25 03:00", zone=BERLIN).at == utc(2026, 10, 25, 2, 0)


def test_new_york_gap() -> None:
    with pytest.raises(TimeParseError, match="does not exist in America/New_York"):
        parse_time("2026-03-08 2:30 am", zone=NEW_YORK)


def test_fixed_offset_zone_has_no_gaps() -> None:
    zone = timezone(timedelta(hours=-3))
    parsed = parse_time("2026-03-29 02:30", zone=zone)
    assert parsed.at == utc(2026, 3, 29, 5, 30)
    assert parsed.entered_as == "2026-03-29 02:30 (UTC-03:00)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no time here"),
        ("   ", "no time here"),
        ("abc", "no time here"),
        ("25:00", "25:00 is not a time"),
        ("24:00", "24:00 is not a time"),
        ("14:60", "14:60 is not a time"),
        ("24:61", "24:61 is not a time"),
        ("14:02:60", "14:02:60 is not a time"),
        ("13:00 pm", "13:00 pm is not a time"),
        ("0:30 am", "0:30 am is not a time"),
        ("2017-02-30 10:00", "2017-02-30 is not a date"),
        ("2017-13-01 10:00", "2017-13-01 is not a date"),
        ("2017-01-31 10:00+24:00", "+24:00 is not a UTC offset"),
        ("2017-01-31 10:00+01:60", "+01:60 is not a UTC offset"),
        ("0001-01-01 00:30+01:00", "0001-01-01 00:30+01:00 is out of range"),
        ("14:02 tomorrow", "14:02 tomorrow is not a time, e.g. 14:02"),
        ("1402", "1402 is not a time, e.g. 14:02"),
        ("14.02", "14.02 is not a time, e.g. 14:02"),
        ("2017-01-31", "2017-01-31 is not a time, e.g. 14:02"),
    ],
)
def test_bad_input_says_why(text: str, reason: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time(text, default_date=DAY)
    assert str(caught.value) == reason


def test_a_time_without_a_date_needs_one() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time("14:02")
    assert str(caught.value) == "needs a date, e.g. 2017-01-31 14:02"


def test_year_9999_in_a_zone_ahead_of_utc_is_not_out_of_range() -> None:
    assert parse_time("9999-12-31 23:59", zone=BERLIN).at == utc(9999, 12, 31, 22, 59)


def test_long_junk_is_shortened_in_the_reason() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time("1" + "x" * 500)
    assert len(str(caught.value)) < 80


@given(timeline_times())
def test_formatted_utc_parses_back(moment: datetime) -> None:
    assert parse_time(format_utc(moment)).at == moment


@given(timeline_times())
def test_formatted_utc_parses_back_whatever_the_zone_with_utc_suffix(moment: datetime) -> None:
    assert parse_time(format_utc(moment) + " UTC", zone=NEW_YORK).at == moment


@given(st.text())
def test_arbitrary_text_only_ever_raises_time_parse_error(text: str) -> None:
    with contextlib.suppress(TimeParseError):
        parsed = parse_time(text, zone=BERLIN, default_date=DAY)
        assert parsed.at.tzinfo is UTC
        assert parsed.at.second == 0
        return
    with pytest.raises(TimeParseError, match=r"\S"):
        parse_time(text, zone=BERLIN, default_date=DAY)


@given(
    st.from_regex(
        r"\s*(\d{4}-\d{1,2}-\d{1,2}[ T])?\d{1,2}:\d{2}(:\d{2})?( ?[ap]m)?([+-]\d{2}:\d{2}|Z| UTC)?",
        fullmatch=True,
    ),
    st.sampled_from([UTC, BERLIN, NEW_YORK, ZoneInfo("Australia/Lord_Howe")]),
    st.dates(),
)
def test_timestamp_shaped_text_only_ever_raises_time_parse_error(
    text: str, zone: ZoneInfo, day: date
) -> None:
    with contextlib.suppress(TimeParseError):
        parsed = parse_time(text, zone=zone, default_date=day)
        assert parsed.at.tzinfo is UTC


def test_format_utc() -> None:
    moment = datetime(2017, 1, 31, 23, 27, tzinfo=timezone(timedelta(hours=1)))
    assert format_utc(moment) == "2017-01-31 22:27"
    assert format_utc(utc(5, 3, 4, 1, 2)) == "0005-03-04 01:02"


def test_format_utc_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="without a time zone"):
        format_utc(datetime(2017, 1, 31, 12, 0))


def test_format_in_zone() -> None:
    assert format_in_zone(utc(2017, 1, 31, 23, 27), BERLIN) == "2017-02-01 00:27"
    assert format_in_zone(utc(2017, 7, 1, 12, 0), NEW_YORK) == "2017-07-01 08:00"
    assert format_in_zone(utc(9999, 12, 31, 23, 0), BERLIN) == "out of range"


def test_zone_named() -> None:
    assert zone_named("Europe/Berlin") == BERLIN
    assert zone_named(" europe/berlin ") == BERLIN
    assert zone_named("UTC").utcoffset(datetime(2017, 1, 1)) == timedelta(0)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../../etc/passwd", "Europe", "\x00"])
def test_unknown_zone_names(name: str) -> None:
    with pytest.raises(ValueError, match=r"^unknown time zone") as caught:
        zone_named(name)
    assert str(caught.value) == f"unknown time zone {name!r}"


def test_zone_names_are_sorted_with_utc_first() -> None:
    names = zone_names()
    assert names[0] == "UTC"
    assert names[1:] == sorted(names[1:])
    assert "Europe/Berlin" in names
    assert names.count("UTC") == 1
    names.clear()  # a caller's copy: the next call is unaffected
    assert zone_names()[0] == "UTC"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-01-31 14:02", date(2017, 1, 31)),
        ("[2017-01-31 14:02]", date(2017, 1, 31)),
        ("14:02", None),
        ("2017-02-30 14:02", None),
    ],
)
def test_written_date(text: str, expected: date | None) -> None:
    assert written_date(text) == expected


def test_timestamp_pattern_has_no_groups() -> None:
    import re

    assert re.compile(TIMESTAMP_PATTERN).groups == 0
