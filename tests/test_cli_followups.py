"""``retro followups`` and ``retro calendar`` end to end on a temporary library."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from app.cli import main
from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    FollowUpReview,
    Postmortem,
    Severity,
)
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.store import Library

TODAY = "2026-04-10"


def _postmortems() -> list[Postmortem]:
    return [
        Postmortem(
            title="Checkout outage",
            severity=Severity.SEV1,
            published_on=date(2026, 3, 2),
            action_items=(
                ActionItem(
                    "a1",
                    "Alert on pool saturation",
                    owner="Aiko Tanaka",
                    due=date(2026, 3, 1),
                    category=ActionCategory.DETECT,
                    tracker="OPS-12",
                    status=ActionStatus.IN_PROGRESS,
                ),
                ActionItem("a2", "Shipped", owner="Aiko", status=ActionStatus.DONE),
                ActionItem("a3", "Write the runbook", category=ActionCategory.PROCESS),
            ),
            follow_up_reviews=(
                FollowUpReview("r30", date(2026, 4, 1), done=True),
                FollowUpReview("r60", date(2026, 5, 1)),
            ),
        ),
        Postmortem(
            title="Login \x1b[31mslowness\nafter deploy",
            severity=Severity.SEV3,
            action_items=(
                ActionItem(
                    "b1",
                    "Cache the session lookup",
                    owner="SRE team",
                    due=date(2026, 4, 20),
                    category=ActionCategory.PREVENT,
                    tracker="https://other.example/T-9",
                ),
                ActionItem(
                    "b2",
                    "Pin the \x1b[2Jdriver\nversion",
                    owner="kim (sre)",
                    due=date(2026, 4, 2),
                    category=ActionCategory.PREVENT,
                ),
            ),
            follow_up_reviews=(FollowUpReview("r30", date(2026, 4, 3)),),
        ),
        Postmortem(title="Nothing owed", severity=Severity.SEV4),
    ]


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "retro.sqlite"
    with Library.open(path) as library:
        for postmortem in _postmortems():
            library.create(postmortem)
        library.set_setting(TRACKER_PATTERN_KEY, "https://tracker.example.com/browse/{key}")
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], library_path: Path):
    def run_main(*argv: str | Path) -> tuple[int, str, str]:
        code = main([*(str(argument) for argument in argv), "--library", str(library_path)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_main


def test_items_overdue_first_then_reviews_in_aligned_columns(run) -> None:
    code, out, err = run("followups", "--today", TODAY)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Open action items: 4 items"
    header = lines[1]
    assert header.split() == [
        "DUE", "OWNER", "CATEGORY", "STATUS", "PM", "SEV", "TRACKER", "ACTION", "ITEM"
    ]  # fmt: skip
    rows = lines[2:6]
    assert [row.split("  ")[0] for row in rows] == ["OVERDUE", "OVERDUE", "", ""]
    assert "Alert on pool saturation" in rows[0]
    assert "2026-03-01" in rows[0]
    assert "OPS-12" in rows[0]
    assert "In progress" in rows[0]
    assert "Pin the" in rows[1]
    assert "Cache the session lookup" in rows[2]
    assert rows[3].split()[:2] == ["-", "-"]  # undated and unowned, last
    assert "Write the runbook" in rows[3]
    # Aligned: every column starts where its heading starts.
    for heading in ("DUE", "OWNER", "CATEGORY", "PM", "TRACKER", "ACTION ITEM"):
        column = header.index(heading)
        for row in rows:
            assert row[column - 2 : column] == "  " or column == 0, (heading, row)
            assert row[column] != " ", (heading, row)
    assert lines[6] == ""
    assert lines[7] == "Follow-up reviews not yet held: 2 reviews"
    assert lines[8].split() == ["DUE", "PM", "POSTMORTEM"]
    assert lines[9].split()[:3] == ["OVERDUE", "2026-04-03", "2"]
    assert lines[10].split()[:2] == ["2026-05-01", "1"]
    assert len(lines) == 11


def test_terminal_control_characters_never_reach_the_terminal(run) -> None:
    _, out, _ = run("followups", "--today", TODAY)
    assert "\x1b" not in out
    assert "Pin the  [2Jdriver version" in out
    assert "Login  [31mslowness after deploy" in out


def test_overdue_only(run) -> None:
    code, out, _ = run("followups", "--overdue", "--today", TODAY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Open action items: 2 overdue items"
    assert all(line.startswith("OVERDUE") for line in lines[2:4])
    assert "Follow-up reviews not yet held: 1 overdue review" in lines
    assert "2026-05-01" not in out


def test_owner_is_a_case_insensitive_part_of_the_name(run) -> None:
    _, out, _ = run("followups", "--owner", "SRE", "--today", TODAY)
    assert out.splitlines()[0] == "Open action items: 2 items"
    assert "Cache the session lookup" in out
    assert "Pin the" in out
    assert "Alert on pool" not in out
    assert "Follow-up reviews not yet held: 2 reviews" in out  # reviews have no owner


def test_category(run) -> None:
    _, out, _ = run("followups", "--category", "process", "--today", TODAY)
    assert out.splitlines()[0] == "Open action items: 1 item"
    assert "Write the runbook" in out


def test_nothing_found_says_so(run) -> None:
    code, out, _ = run("followups", "--owner", "nobody", "--overdue", "--today", "2026-01-01")
    assert code == 0
    assert out == (
        "Open action items: 0 overdue items\n\nFollow-up reviews not yet held: 0 overdue reviews\n"
    )


def test_json_document(run) -> None:
    code, out, _ = run("followups", "--json", "--today", TODAY)
    assert code == 0
    document = json.loads(out)
    assert document["today"] == TODAY
    items = document["action_items"]
    assert [entry["item"]["id"] for entry in items] == ["a1", "b2", "b1", "a3"]
    assert items[0] == {
        "postmortem_id": 1,
        "postmortem_title": "Checkout outage",
        "severity": "SEV1",
        "item": {
            "id": "a1",
            "title": "Alert on pool saturation",
            "owner": "Aiko Tanaka",
            "due": "2026-03-01",
            "category": "detect",
            "priority": "medium",
            "tracker": "OPS-12",
            "status": "in_progress",
            "cause_ids": [],
            "public": False,
        },
        "overdue": True,
        "tracker_url": "https://tracker.example.com/browse/OPS-12",
    }
    assert items[1]["item"]["title"] == "Pin the \x1b[2Jdriver\nversion"  # JSON keeps it exact
    assert items[1]["tracker_url"] is None
    assert items[2]["tracker_url"] == "https://other.example/T-9"
    assert [(r["postmortem_id"], r["review"]["id"], r["overdue"]) for r in document["reviews"]] == [
        (2, "r30", True),
        (1, "r60", False),
    ]


def test_json_with_filters(run) -> None:
    _, out, _ = run("followups", "--json", "--overdue", "--category", "prevent", "--today", TODAY)
    document = json.loads(out)
    assert [entry["item"]["id"] for entry in document["action_items"]] == ["b2"]
    assert [r["review"]["id"] for r in document["reviews"]] == ["r30"]


def test_today_defaults_to_the_utc_date(run, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.cli.followups as followups_module

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            assert tz is UTC
            return datetime(2026, 4, 2, 23, 30, tzinfo=UTC)

    monkeypatch.setattr(followups_module, "datetime", FrozenClock)
    _, out, _ = run("followups", "--json")
    document = json.loads(out)
    assert document["today"] == "2026-04-02"
    assert [r["overdue"] for r in document["reviews"]] == [False, False]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("followups", "--category", "blame"), "invalid choice: 'blame'"),
        (("followups", "--today", "tomorrow"), "is not a date"),
    ],
)
def test_usage_errors(run, argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.startswith("retro: followups: ")
    assert message in err


def test_today_is_hidden_from_help(run) -> None:
    code, out, _ = run("followups", "--help")
    assert code == 0
    assert "--overdue" in out
    assert "--today" not in out


def test_a_missing_library_is_one_clear_line(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["followups", "--library", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(f"retro: no library at {missing}")
    assert not missing.exists()


# --- retro calendar ------------------------------------------------------------------------------


def test_calendar_to_a_file(run, tmp_path: Path) -> None:
    output = tmp_path / "checkout.ics"
    code, out, err = run("calendar", "1", "-o", output)
    assert (code, out, err) == (0, "", "")
    data = output.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert [str(event["UID"]) for event in events] == ["r30.1@retro", "r60.1@retro"]
    assert str(events[1]["SUMMARY"]) == "Follow-up review (60 days): Checkout outage"
    assert "OPS-12 <https://tracker.example.com/browse/OPS-12>" in str(events[1]["DESCRIPTION"])


def test_calendar_to_stdout(library_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["calendar", "2", "--library", str(library_path)]) == 0
    events = list(Calendar.from_ical(capsysbinary.readouterr().out).walk("VEVENT"))
    assert [event["DTSTART"].dt for event in events] == [date(2026, 4, 3)]


def test_calendar_without_reviews_or_postmortem_fails_cleanly(run, tmp_path: Path) -> None:
    output = tmp_path / "none.ics"
    code, _, err = run("calendar", "3", "-o", output)
    assert code == 1
    assert err == (
        "retro: postmortem 3 has no follow-up reviews to put in a calendar; "
        "schedule them in stage 6 first\n"
    )
    assert not output.exists()
    code, _, err = run("calendar", "9")
    assert code == 1
    assert "has no postmortem number 9" in err
