"""Timeline imports: reading files safely, the three formats, skipped lines, and merging."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.model import Milestone, Postmortem, Severity, TimelineEvent
from app.domain.timeline_import import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ImportPreview,
    SkippedLine,
    guess_format,
    merge_into_timeline,
    parse_import,
    read_import_file,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "timeline"
DAY = date(2017, 1, 31)
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[misc]


def text_import(text: str, **options: object) -> ImportPreview:
    options.setdefault("default_date", DAY)
    return parse_import(text, "text", source="chat.txt", **options)  # type: ignore[arg-type]


def csv_import(text: str, **options: object) -> ImportPreview:
    return parse_import(text, "csv", source="sheet.csv", **options)  # type: ignore[arg-type]


def slack_import(document: object) -> ImportPreview:
    return parse_import(json.dumps(document), "slack", source="slack.json")


def described(preview: ImportPreview) -> list[tuple[datetime, str]]:
    return [(event.at, event.description) for event in preview.events]


def reasons(preview: ImportPreview) -> list[tuple[int, str]]:
    return [(line.line, line.reason) for line in preview.skipped]


def event(minute: int, description: str = "", milestone: Milestone | None = None) -> TimelineEvent:
    return TimelineEvent(
        id=f"e{minute}-{description}",
        at=utc(2017, 1, 31, 14, minute),
        description=description or f"at {minute}",
        milestone=milestone,
    )


# --- reading files ------------------------------------------------------------------------------


def test_reads_utf8(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("14:02 café ☕\n", encoding="utf-8")
    assert read_import_file(path) == "14:02 café ☕\n"


def test_drops_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"\xef\xbb\xbf14:02 deploy\n")
    assert read_import_file(path) == "14:02 deploy\n"


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"14:02 caf\xe9\n", 9),  # Latin-1
        (b"\xff\xfe1\x004\x00", 0),  # UTF-16
        (b"\xef\xbb\xbf14:02 caf\xe9", 12),  # a BOM, then Latin-1: offsets count the BOM
    ],
)
def test_refuses_text_that_is_not_utf8(tmp_path: Path, data: bytes, offset: int) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    assert str(caught.value).startswith(
        f"chat.txt: is not UTF-8 text (invalid byte at offset {offset})"
    )


def test_refuses_a_file_over_the_limit_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(25 * 1024 * 1024)  # sparse: costs no disk and no time

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    assert str(caught.value) == "huge.csv: is 25.0 MB; Retro imports files up to 20 MB"


def test_a_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_IMPORT_BYTES)
    assert len(read_import_file(path)) == MAX_IMPORT_BYTES


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^nothing\.txt: cannot be read: No such file"):
        read_import_file(tmp_path / "nothing.txt")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot be read"):
        read_import_file(tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("export.csv", "", "csv"),
        ("EXPORT.CSV", "[{}]", "csv"),
        ("channel.json", "", "slack"),
        ("paste.txt", '[{"ts": "1"}]', "slack"),
        ("paste.txt", "\ufeff\n  [ ]", "slack"),
        ("paste.txt", "[14:02] alice: hi", "text"),
        ("paste.txt", "[2017-01-31 14:02] alice: hi", "text"),
        ("notes", "14:02 deploy", "text"),
    ],
)
def test_guess_format(name: str, text: str, expected: str) -> None:
    assert guess_format(Path(name), text) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown import format"):
        parse_import("", "xml", source="x")  # type: ignore[arg-type]


# --- pasted chat and notes ----------------------------------------------------------------------


def test_chat_fixture() -> None:
    text = (FIXTURES / "chat.txt").read_text(encoding="utf-8")
    preview = parse_import(text, "text", source="chat.txt")
    assert preview.source == "chat.txt"
    assert described(preview) == [
        (
            utc(2017, 1, 31, 14, 2),
            "alice: checkout errors are spiking\ndashboards: https://grafana.example/d/checkout",
        ),
        (utc(2017, 1, 31, 14, 5), "bob: paging the database on-call"),
        (utc(2017, 1, 31, 14, 9), "failover started"),
        (
            utc(2017, 1, 31, 14, 15),
            "rollback finished\nthis line is not a timestamp and continues the rollback",
        ),
        (utc(2017, 1, 31, 14, 20), "all clear"),
    ]
    assert preview.skipped == (
        SkippedLine(1, "Incident channel, copied from the chat client.", "no time at the start"),
    )


@pytest.mark.parametrize(
    "line",
    [
        "14:02 deploy started",
        "14:02:59 deploy started",
        "2:02 pm deploy started",
        "2:02pm deploy started",
        "2017-01-31 14:02 deploy started",
        "2017-01-31T14:02 deploy started",
        "2017-01-31 14:02:45 deploy started",
        "2017-01-31T15:02:00+01:00 deploy started",
        "2017-01-31T14:02Z deploy started",
        "[14:02] deploy started",
        "[14:02:59] deploy started",
        "[2017-01-31 14:02] deploy started",
        "[ 2:02 PM ] deploy started",
        "14:02 UTC — deploy started",
        "14:02 UTC - deploy started",
        "14:02 \u2013 deploy started",  # en dash
        "14:02 - deploy started",
        "14:02: deploy started",
        "14:02 | deploy started",
        "  14:02   deploy started  ",
    ],
)
def test_every_timestamp_start(line: str) -> None:
    preview = text_import(line)
    assert described(preview) == [(utc(2017, 1, 31, 14, 2), "deploy started")]
    assert preview.skipped == ()


@pytest.mark.parametrize(
    ("line", "description"),
    [
        ("[14:02] alice: deploy started", "alice: deploy started"),
        ("2017-01-31 14:02 alice: deploy started", "alice: deploy started"),
        ("14:02 <alice> deploy started", "<alice> deploy started"),
        ("14:02 Zoe: deploy started", "Zoe: deploy started"),  # not "Z" for UTC
        ("14:02 amber alert", "amber alert"),  # not "am"
    ],
)
def test_chat_export_lines(line: str, description: str) -> None:
    assert described(text_import(line)) == [(utc(2017, 1, 31, 14, 2), description)]


def test_lines_without_a_time_continue_the_event_before() -> None:
    preview = text_import("14:02 first\n  wrapped\n\n\nmore\n14:05 second")
    assert described(preview) == [
        (utc(2017, 1, 31, 14, 2), "first\nwrapped\nmore"),
        (utc(2017, 1, 31, 14, 5), "second"),
    ]


def test_a_time_alone_takes_its_description_from_the_next_lines() -> None:
    preview = text_import("14:02\nfailover started")
    assert described(preview) == [(utc(2017, 1, 31, 14, 2), "failover started")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_numbers_count_blank_lines_and_any_line_ending(newline: str) -> None:
    text = newline.join(["", "before anything", "14:02 ok", "", "25:00 broken", "14:09"])
    assert reasons(text_import(text)) == [
        (2, "no time at the start"),
        (5, "25:00 is not a time"),
        (6, "no description"),
    ]


def test_lines_continuing_a_broken_line_are_skipped_with_it() -> None:
    preview = text_import("14:02 ok\n14:61 broken\ncontinued\n14:05 fine")
    assert described(preview) == [
        (utc(2017, 1, 31, 14, 2), "ok"),
        (utc(2017, 1, 31, 14, 5), "fine"),
    ]
    assert reasons(preview) == [
        (2, "14:61 is not a time"),
        (3, "continues line 2, which was skipped"),
    ]
    assert preview.skipped[0].text == "14:61 broken"


def test_dates_carry_over_from_the_line_before() -> None:
    text = "23:50 late\n2017-02-01 00:10 next day\n00:20 still next day\n"
    assert [event.at for event in text_import(text).events] == [
        utc(2017, 1, 31, 23, 50),
        utc(2017, 2, 1, 0, 10),
        utc(2017, 2, 1, 0, 20),
    ]


def test_a_bracketed_date_carries_over_too() -> None:
    preview = text_import("[2017-03-01 10:00] a\n[10:05] b", default_date=None)
    assert [event.at for event in preview.events] == [
        utc(2017, 3, 1, 10, 0),
        utc(2017, 3, 1, 10, 5),
    ]


def test_times_without_any_date_are_skipped() -> None:
    preview = text_import("14:02 a\n2017-01-31 14:05 b\n14:06 c", default_date=None)
    assert described(preview) == [(utc(2017, 1, 31, 14, 5), "b"), (utc(2017, 1, 31, 14, 6), "c")]
    assert reasons(preview) == [(1, "needs a date, e.g. 2017-01-31 14:02")]


def test_times_are_read_in_the_zone_and_remember_it() -> None:
    preview = text_import("14:02 deploy\n2026-03-29 02:30 in the gap", zone=BERLIN)
    assert described(preview) == [(utc(2017, 1, 31, 13, 2), "deploy")]
    assert preview.events[0].entered_as == "14:02 (Europe/Berlin)"
    assert reasons(preview) == [
        (2, "02:30 does not exist in Europe/Berlin on 2026-03-29 (clocks went forward)")
    ]


def test_new_events_have_new_ids_and_no_milestone() -> None:
    preview = text_import("14:02 a\n14:03 b")
    ids = {event.id for event in preview.events}
    assert len(ids) == 2
    assert all(event.milestone is None for event in preview.events)


def test_empty_paste_gives_an_empty_preview() -> None:
    assert text_import("") == ImportPreview(source="chat.txt", events=(), skipped=())


def test_a_byte_order_mark_before_the_first_time_is_ignored() -> None:
    assert len(text_import("\ufeff14:02 a").events) == 1


def test_nul_characters_are_removed() -> None:
    assert described(text_import("14:02 a\x00b")) == [(utc(2017, 1, 31, 14, 2), "ab")]


def test_a_long_chat_log_is_read_whole() -> None:
    lines = [f"2017-01-31 {n // 60 % 24:02d}:{n % 60:02d} message {n}" for n in range(10_000)]
    preview = text_import("\n".join(lines))
    assert len(preview.events) == 10_000
    assert preview.events[-1].description == "message 9999"


@given(st.text())
def test_any_text_gives_a_preview(text: str) -> None:
    preview = text_import(text, zone=BERLIN)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert all(1 <= skipped.line <= len(lines) for skipped in preview.skipped)
    assert all(event.description.strip() for event in preview.events)


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_fixture() -> None:
    text = (FIXTURES / "timeline.csv").read_text(encoding="utf-8")
    preview = parse_import(text, "csv", source="timeline.csv")
    assert preview.skipped == ()
    assert [
        (e.at, e.milestone, e.description, e.evidence, e.internal_only, e.key_event)
        for e in preview.events
    ] == [
        (
            utc(2017, 1, 31, 14, 0),
            Milestone.ONSET,
            "Replica lag starts growing",
            "https://grafana.example/d/db",
            False,
            True,
        ),
        (
            utc(2017, 1, 31, 14, 2),
            Milestone.DETECTION,
            'Alert "checkout 5xx" fires',
            "",
            False,
            True,
        ),
        (utc(2017, 1, 31, 14, 9), None, "Failover started, by hand", "", True, False),
        (
            utc(2017, 1, 31, 14, 30),
            Milestone.RESOLUTION,
            "Error rate back to normal",
            "",
            False,
            False,
        ),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "time,description",
        "Timestamp,Event",
        " DATE , Text ",
        "message,time",
        "date,message",
    ],
)
def test_csv_column_names(header: str) -> None:
    first = header.split(",", maxsplit=1)[0].strip().lower()
    row = (
        "2017-01-31 14:02,deploy"
        if first in ("time", "timestamp", "date")
        else "deploy,2017-01-31 14:02"
    )
    assert described(csv_import(f"{header}\n{row}\n")) == [(utc(2017, 1, 31, 14, 2), "deploy")]


@pytest.mark.parametrize(
    ("header", "source", "milestone"),
    [
        ("time,description,kind,url", "https://a", "ONSET"),
        ("time,description,type,link", "https://a", "Detection"),
        ("time,description,milestone,source", "https://a", "mitigation"),
    ],
)
def test_csv_optional_column_names(header: str, source: str, milestone: str) -> None:
    preview = csv_import(f"{header}\n2017-01-31 14:02,x,{milestone},{source}\n")
    assert preview.events[0].milestone == Milestone(milestone.lower())
    assert preview.events[0].evidence == source


def test_csv_without_required_columns_names_what_it_found() -> None:
    with pytest.raises(ImportFileError) as caught:
        csv_import("When,What\n14:02,deploy\n")
    assert str(caught.value) == (
        "sheet.csv, line 1: needs a time column (time or timestamp or date) and a description "
        "column (description or event or text or message); the header has 'When', 'What'"
    )


def test_csv_without_a_description_column() -> None:
    with pytest.raises(ImportFileError, match="needs a description column"):
        csv_import("time,milestone\n14:02,onset\n")


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n"])
def test_empty_csv(text: str) -> None:
    with pytest.raises(ImportFileError, match=r"^sheet\.csv"):
        csv_import(text)


def test_csv_with_an_unterminated_quote_names_the_line_it_opened_on() -> None:
    text = 'time,description\n2017-01-31 14:02,fine\n2017-01-31 14:03,"never\nclosed\n'
    with pytest.raises(ImportFileError) as caught:
        csv_import(text)
    assert str(caught.value) == (
        "sheet.csv, line 3: a quoted field starting on this line is never closed"
    )
    assert caught.value.line == 3


def test_csv_with_text_after_a_closing_quote() -> None:
    with pytest.raises(ImportFileError) as caught:
        csv_import('time,description\n2017-01-31 14:02,"quoted"then text\n')
    assert caught.value.line == 2
    assert "broken CSV quoting" in str(caught.value)


def test_csv_rows_are_skipped_with_file_line_numbers() -> None:
    text = (
        "time,description,milestone,internal_only\n"
        '2017-01-31 14:02,"two\nlines",,\n'
        "2017-01-31 14:03,unknown milestone,cause,\n"
        "\n"
        "2017-01-31 14:04,bad flag,,maybe\n"
        ",no time,,\n"
        "25:00,bad time,,\n"
        "2017-01-31 14:05,too,many,false,cells\n"
        "2017-01-31 14:06,fine\n"
    )
    preview = csv_import(text)
    assert described(preview) == [
        (utc(2017, 1, 31, 14, 2), "two\nlines"),
        (utc(2017, 1, 31, 14, 6), "fine"),
    ]
    assert reasons(preview) == [
        (
            4,
            "unknown milestone 'cause' (use onset, detection, mitigation, resolution "
            "or leave it empty)",
        ),
        (6, "internal_only must be true or false, not 'maybe'"),
        (7, "no time"),
        (8, "25:00 is not a time"),
        (9, "has 5 cells but the header names 4 (a comma in text that is not in quotes?)"),
    ]
    assert preview.skipped[0].text == "2017-01-31 14:03,unknown milestone,cause,"


def test_csv_skipped_multi_line_row_shows_all_its_lines() -> None:
    preview = csv_import('time,description,milestone\n2017-01-31 14:02,"a\nb",oops\n')
    assert preview.skipped[0].text == '2017-01-31 14:02,"a\nb",oops'


def test_csv_trailing_empty_cells_and_short_rows_are_fine() -> None:
    text = "time,description,source\n2017-01-31 14:02,a,,,\n2017-01-31 14:03,b\n"
    preview = csv_import(text)
    assert described(preview) == [(utc(2017, 1, 31, 14, 2), "a"), (utc(2017, 1, 31, 14, 3), "b")]
    assert preview.skipped == ()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("true", True), ("Yes", True), ("1", True), ("FALSE", False), ("no", False), ("0", False)],
)
def test_csv_flags(cell: str, expected: bool) -> None:
    preview = csv_import(
        f"time,description,internal_only,key_event\n2017-01-31 14:02,x,{cell},{cell}\n"
    )
    assert (preview.events[0].internal_only, preview.events[0].key_event) == (expected, expected)


def test_csv_zone_applies_to_naive_times_only() -> None:
    text = "time,description\n2017-01-31 14:02,naive\n2017-01-31T14:02:00Z,explicit\n"
    preview = csv_import(text, zone=BERLIN)
    assert [event.at for event in preview.events] == [
        utc(2017, 1, 31, 13, 2),
        utc(2017, 1, 31, 14, 2),
    ]
    assert [event.entered_as for event in preview.events] == [
        "2017-01-31 14:02 (Europe/Berlin)",
        "",
    ]


def test_csv_separate_date_and_time_columns() -> None:
    text = "date,time,description\n2017-01-31,14:02,a\n2017-02-01,09:00,b\n,09:05,c\n"
    assert [event.at for event in csv_import(text).events] == [
        utc(2017, 1, 31, 14, 2),
        utc(2017, 2, 1, 9, 0),
        utc(2017, 2, 1, 9, 5),
    ]


def test_csv_times_without_dates_use_the_default_date() -> None:
    preview = csv_import("time,description\n14:02,a\n", default_date=DAY)
    assert [event.at for event in preview.events] == [utc(2017, 1, 31, 14, 2)]


def test_csv_keeps_description_cells_exactly() -> None:
    preview = csv_import('time,description\n2017-01-31 14:02,"  padded\r\n=SUM(A1)  "\n')
    assert preview.events[0].description == "  padded\r\n=SUM(A1)  "


def test_csv_with_a_byte_order_mark() -> None:
    preview = csv_import("\ufefftime,description\n2017-01-31 14:02,a\n")
    assert len(preview.events) == 1


def test_csv_milestone_marked_twice_keeps_the_first() -> None:
    text = "time,description,milestone\n2017-01-31 14:02,a,onset\n2017-01-31 14:03,b,Onset\n"
    preview = csv_import(text)
    assert [event.milestone for event in preview.events] == [Milestone.ONSET, None]
    assert preview.adjusted == (
        SkippedLine(
            3,
            "2017-01-31 14:03,b,Onset",
            "imported without its milestone: the onset is already marked on line 2",
        ),
    )


def test_csv_milestone_already_on_the_timeline_is_reported() -> None:
    existing = (event(0, "earlier", Milestone.DETECTION),)
    text = "time,description,milestone\n2017-01-31 14:02,a,detection\n"
    preview = csv_import(text, existing=existing)
    assert preview.events[0].milestone is None
    assert [note.reason for note in preview.adjusted] == [
        "imported without its milestone: the detection is already marked on the timeline"
    ]


def test_a_skipped_row_does_not_claim_its_milestone() -> None:
    text = "time,description,milestone\nbroken,a,onset\n2017-01-31 14:03,b,onset\n"
    preview = csv_import(text)
    assert [event.milestone for event in preview.events] == [Milestone.ONSET]
    assert preview.adjusted == ()


@given(st.text())
def test_any_csv_text_gives_a_preview_or_an_import_file_error(text: str) -> None:
    header = "time,description,milestone,internal_only\n"
    with contextlib.suppress(ImportFileError):
        preview = csv_import(header + text, zone=BERLIN)
        assert all(skipped.line > 1 for skipped in preview.skipped)
        return
    with pytest.raises(ImportFileError, match=r"^sheet\.csv, line \d+: "):
        csv_import(header + text, zone=BERLIN)


# --- Slack exports ------------------------------------------------------------------------------


def test_slack_fixture() -> None:
    text = (FIXTURES / "slack.json").read_text(encoding="utf-8")
    preview = parse_import(text, "slack", source="slack.json")
    assert described(preview) == [
        (utc(2017, 1, 31, 14, 2), "alice: checkout errors & timeouts > 5%"),
        (utc(2017, 1, 31, 14, 5), "U02: paging the DB on-call"),
    ]
    assert reasons(preview) == [
        (1, "a channel join notice, not a message"),
        (4, "no text"),
        (5, "ts 'soon' is not a number"),
    ]
    assert json.loads(preview.skipped[2].text)["text"] == "no time on this one"


def test_slack_message_fields() -> None:
    preview = slack_import(
        [
            {"ts": 1485871320.9, "text": "numeric ts, fraction dropped"},
            {"ts": "1485871380", "text": "x", "user_profile": {"real_name": "Alice A"}},
            {"ts": "1485871440", "text": "x", "username": "deploybot", "subtype": "bot_message"},
            {"ts": "1485871500", "text": "&amp;lt; stays escaped once", "user": "U1"},
        ]
    )
    assert described(preview) == [
        (utc(2017, 1, 31, 14, 2), "numeric ts, fraction dropped"),
        (utc(2017, 1, 31, 14, 3), "Alice A: x"),
        (utc(2017, 1, 31, 14, 4), "deploybot: x"),
        (utc(2017, 1, 31, 14, 5), "U1: &lt; stays escaped once"),
    ]


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ({"ts": "1485871320"}, "no text"),
        ({"ts": "1485871320", "text": "   "}, "no text"),
        ({"ts": "1485871320", "text": 5}, "no text"),
        ({"text": "no ts"}, "no ts (time) value"),
        ({"ts": True, "text": "x"}, "ts is not a number"),
        ({"ts": ["1"], "text": "x"}, "ts is not a number"),
        ({"ts": "nan", "text": "x"}, "ts 'nan' is not a time"),
        ({"ts": "1e300", "text": "x"}, "ts '1e300' is out of range"),
        (
            {"ts": "1", "text": "x", "subtype": "channel_leave"},
            "a channel leave notice, not a message",
        ),
    ],
)
def test_slack_messages_that_are_skipped(message: dict[str, object], reason: str) -> None:
    preview = slack_import([{"ts": "1485871320", "text": "kept"}, message])
    assert len(preview.events) == 1
    assert reasons(preview) == [(2, reason)]


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"messages": []}, "a Slack export must be a list of message objects, not an object"),
        ([1, 2, 3], "a Slack export must be a list of message objects; item 1 is a number"),
        (
            [{"ts": "1", "text": "x"}, "text"],
            "a Slack export must be a list of message objects; item 2 is text",
        ),
        ("just text", "a Slack export must be a list of message objects, not text"),
        (None, "a Slack export must be a list of message objects, not null"),
    ],
)
def test_json_that_is_not_a_message_list(document: object, problem: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        slack_import(document)
    assert str(caught.value) == f"slack.json: {problem}"


def test_broken_json_names_the_line() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_import('[\n{"ts": "1",\n', "slack", source="slack.json")
    assert caught.value.line == 3
    assert str(caught.value).startswith("slack.json, line 3: not valid JSON")


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(ImportFileError, match="nested too deeply"):
        parse_import("[" * 100_000 + "]" * 100_000, "slack", source="slack.json")


def test_slack_text_is_made_storable() -> None:
    preview = parse_import(
        '[{"ts": "1485871320", "text": "a\\u0000b \\ud800 c"}]', "slack", source="s.json"
    )
    description = preview.events[0].description
    assert "\x00" not in description
    description.encode("utf-8")  # no lone surrogate left


def test_empty_slack_export() -> None:
    assert slack_import([]).events == ()


# --- merging ------------------------------------------------------------------------------------


def test_merge_sorts_by_time_keeping_existing_events_first_at_equal_times() -> None:
    existing = (event(1, "x"), event(5, "existing a"), event(5, "existing b"), event(9, "y"))
    added = (event(5, "added a"), event(0, "first"), event(5, "added b"), event(9, "z"))
    merged = merge_into_timeline(existing, added)
    assert [item.description for item in merged] == [
        "first",
        "x",
        "existing a",
        "existing b",
        "added a",
        "added b",
        "y",
        "z",
    ]


def test_merge_drops_a_milestone_the_timeline_already_marks() -> None:
    existing = (event(1, "onset", Milestone.ONSET),)
    added = (event(0, "also onset", Milestone.ONSET), event(2, "detected", Milestone.DETECTION))
    merged = merge_into_timeline(existing, added)
    assert [(item.description, item.milestone) for item in merged] == [
        ("also onset", None),
        ("onset", Milestone.ONSET),
        ("detected", Milestone.DETECTION),
    ]
    Postmortem(title="t", severity=Severity.SEV3, timeline=merged)  # still a valid timeline


def test_merge_drops_a_milestone_marked_twice_among_the_added() -> None:
    added = (event(1, "a", Milestone.RESOLUTION), event(2, "b", Milestone.RESOLUTION))
    merged = merge_into_timeline((), added)
    assert [item.milestone for item in merged] == [Milestone.RESOLUTION, None]


def test_merge_keeps_everything_else_about_the_events() -> None:
    added = (dataclasses.replace(event(3, "a"), evidence="https://x", key_event=True),)
    assert merge_into_timeline((), added) == added


def test_merging_nothing_changes_nothing() -> None:
    existing = (event(1), event(2))
    assert merge_into_timeline(existing, ()) == existing
