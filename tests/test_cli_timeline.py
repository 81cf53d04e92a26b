"""``retro timeline import`` and ``retro timeline export`` end to end on a temporary library."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.domain.model import Milestone, Postmortem, Severity, TimelineEvent
from app.domain.timeline_import import parse_import
from app.store import Library

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "timeline"


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "retro.sqlite"
    existing = (
        TimelineEvent("e1", datetime(2017, 1, 31, 14, 0, tzinfo=UTC), "onset", Milestone.ONSET),
        TimelineEvent("e2", datetime(2017, 1, 31, 14, 5, tzinfo=UTC), "already here"),
    )
    postmortem = Postmortem(
        title="Checkout errors",
        severity=Severity.SEV2,
        incident_date=date(2017, 1, 31),
        timeline=existing,
    )
    with Library.open(path) as library:
        library.create(postmortem)
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def run_main(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(argument) for argument in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_main


def load(library_path: Path) -> Postmortem:
    with Library.open(library_path, create=False) as library:
        return library.load(1)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_chat_adds_events_in_time_order(run, library_path: Path, tmp_path: Path) -> None:
    chat = shutil.copy(FIXTURES / "chat.txt", tmp_path / "chat.txt")
    code, out, err = run("timeline", "import", "1", chat, "--library", library_path)
    assert (code, err) == (0, "")
    assert out == ("Added 5 events to postmortem 1.\nSkipped:\n  line 1: no time at the start\n")
    timeline = load(library_path).timeline
    assert [event.description.split("\n")[0] for event in timeline] == [
        "onset",
        "alice: checkout errors are spiking",
        "already here",
        "bob: paging the database on-call",
        "failover started",
        "rollback finished",
        "all clear",
    ]


def test_import_uses_the_incident_date_for_times_without_one(
    run, library_path: Path, tmp_path: Path
) -> None:
    notes = write(tmp_path, "notes.txt", "14:02 deploy\n")
    assert run("timeline", "import", "1", notes, "--library", library_path)[0] == 0
    assert load(library_path).timeline[1].at == datetime(2017, 1, 31, 14, 2, tzinfo=UTC)


def test_import_with_a_date_and_zone(run, library_path: Path, tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.txt", "14:02 deploy\n")
    code, _, _ = run(
        "timeline", "import", "1", notes, "--date", "2017-07-01", "--tz", "Europe/Berlin",
        "--library", library_path,
    )  # fmt: skip
    assert code == 0
    added = load(library_path).timeline[-1]
    assert added.at == datetime(2017, 7, 1, 12, 2, tzinfo=UTC)
    assert added.entered_as == "14:02 (Europe/Berlin)"


def test_import_csv_reports_changed_milestones(run, library_path: Path) -> None:
    code, out, _ = run(
        "timeline", "import", "1", FIXTURES / "timeline.csv", "--library", library_path
    )
    assert code == 0
    assert out == (
        "Added 4 events to postmortem 1.\n"
        "Imported with a change:\n"
        "  line 2: imported without its milestone: the onset is already marked on the timeline\n"
    )
    timeline = load(library_path).timeline
    assert [event.milestone for event in timeline if event.milestone] == [
        Milestone.ONSET,
        Milestone.DETECTION,
        Milestone.RESOLUTION,
    ]
    assert len(timeline) == 6


def test_import_slack_guessed_from_the_name(run, library_path: Path) -> None:
    code, out, _ = run(
        "timeline", "import", "1", FIXTURES / "slack.json", "--library", library_path
    )
    assert code == 0
    assert out.splitlines() == [
        "Added 2 events to postmortem 1.",
        "Skipped:",
        "  line 1: a channel join notice, not a message",
        "  line 4: no text",
        "  line 5: ts 'soon' is not a number",
    ]


def test_format_option_overrides_the_guess(run, library_path: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path, "sheet.txt", "time,description\n2017-01-31 14:02,from csv\n")
    code, _, _ = run("timeline", "import", "1", sheet, "--format", "csv", "--library", library_path)
    assert code == 0
    assert load(library_path).timeline[1].description == "from csv"


def test_skipped_reasons_are_kept_to_one_terminal_line(
    run, library_path: Path, tmp_path: Path
) -> None:
    sheet = write(
        tmp_path,
        "s.csv",
        'time,description,milestone\n2017-01-31 14:02,x,"a\x1b[31m\nb"\n2017-01-31 14:03,ok,\n',
    )
    out = run("timeline", "import", "1", sheet, "--library", library_path)[1]
    assert "\x1b" not in out
    assert out.splitlines()[-1].startswith("  line 2: unknown milestone")


# --- failures write nothing ---------------------------------------------------------------------


def assert_failed_and_unchanged(result: tuple[int, str, str], library_path: Path,
                                before: Postmortem, *fragments: str) -> None:  # fmt: skip
    code, _, err = result
    assert code == 1
    assert err.startswith("retro: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    assert load(library_path) == before


def test_nothing_readable_fails_and_writes_nothing(run, library_path: Path, tmp_path: Path) -> None:
    before = load(library_path)
    notes = write(tmp_path, "notes.txt", "no times\nat all\n")
    result = run("timeline", "import", "1", notes, "--library", library_path)
    assert result[1] == "Skipped:\n  line 1: no time at the start\n  line 2: no time at the start\n"
    assert_failed_and_unchanged(
        result, library_path, before, "no events could be read from notes.txt; nothing was changed"
    )


def test_times_without_any_date_suggest_the_date_option(run, tmp_path: Path) -> None:
    library_path = tmp_path / "undated.sqlite"
    with Library.open(library_path) as library:
        library.create(Postmortem(title="No date yet", severity=Severity.SEV3))
    before = load(library_path)
    notes = write(tmp_path, "notes.txt", "14:02 deploy\n")
    result = run("timeline", "import", "1", notes, "--library", library_path)
    assert result[1] == "Skipped:\n  line 1: needs a date, e.g. 2017-01-31 14:02\n"
    assert_failed_and_unchanged(result, library_path, before, "with --date")
    code, _, _ = run(
        "timeline", "import", "1", notes, "--date", "2017-01-31", "--library", library_path
    )
    assert code == 0
    assert load(library_path).timeline[0].at == datetime(2017, 1, 31, 14, 2, tzinfo=UTC)


def test_a_file_over_the_limit_fails_and_writes_nothing(
    run, library_path: Path, tmp_path: Path
) -> None:
    before = load(library_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(25 * 1024 * 1024)
    result = run("timeline", "import", "1", huge, "--library", library_path)
    assert_failed_and_unchanged(
        result, library_path, before, "huge.txt: is 25.0 MB; Retro imports files up to 20 MB"
    )


@pytest.mark.parametrize(
    "case",
    [
        (
            "latin1.txt",
            b"14:02 caf\xe9\n",
            "latin1.txt: is not UTF-8 text (invalid byte at offset 9)",
        ),
        (
            "broken.csv",
            b'time,description\n2017-01-31 14:02,"open\n',
            "broken.csv, line 2: a quoted",
        ),
        ("object.json", b'{"messages": []}', "object.json: a Slack export must be a list"),
        ("numbers.json", b"[1, 2]", "item 1 is a number"),
        ("columns.csv", b"when,what\n14:02,x\n", "columns.csv, line 1: needs a time column"),
    ],
)
def test_malformed_files_fail_and_write_nothing(
    run, library_path: Path, tmp_path: Path, case: tuple[str, bytes, str]
) -> None:
    name, data, fragment = case
    before = load(library_path)
    path = tmp_path / name
    path.write_bytes(data)
    result = run("timeline", "import", "1", path, "--library", library_path)
    assert_failed_and_unchanged(result, library_path, before, fragment)


def test_an_unknown_zone_fails_and_writes_nothing(run, library_path: Path) -> None:
    before = load(library_path)
    result = run(
        "timeline", "import", "1", FIXTURES / "chat.txt", "--tz", "Mars/Olympus",
        "--library", library_path,
    )  # fmt: skip
    assert_failed_and_unchanged(result, library_path, before, "unknown time zone 'Mars/Olympus'")


def test_a_missing_file_fails(run, library_path: Path, tmp_path: Path) -> None:
    before = load(library_path)
    result = run("timeline", "import", "1", tmp_path / "gone.txt", "--library", library_path)
    assert_failed_and_unchanged(result, library_path, before, "gone.txt: cannot be read")


def test_an_unknown_postmortem_fails(run, library_path: Path) -> None:
    result = run("timeline", "import", "7", FIXTURES / "chat.txt", "--library", library_path)
    assert result[0] == 1
    assert "has no postmortem number 7" in result[2]


def test_import_never_creates_a_library(run, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    code, _, err = run("timeline", "import", "1", FIXTURES / "chat.txt", "--library", missing)
    assert code == 1
    assert "no library at" in err
    assert not missing.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["timeline"],
        ["timeline", "import", "1"],
        ["timeline", "import", "1", "x.txt", "--format", "xml"],
        ["timeline", "import", "1", "x.txt", "--date", "31.01.2017"],
        ["timeline", "export"],
    ],
)
def test_usage_errors(run, library_path: Path, arguments: list[str]) -> None:
    before = load(library_path)
    code, out, err = run(*arguments, "--library", library_path)
    assert (code, out) == (2, "")
    assert err.startswith("retro: timeline")
    assert load(library_path) == before


# --- export -------------------------------------------------------------------------------------


def test_export_to_stdout(run, library_path: Path) -> None:
    code, out, err = run("timeline", "export", "1", "--library", library_path)
    assert (code, err) == (0, "")
    assert out == (
        "time,milestone,description,source,internal_only,key_event\r\n"
        "2017-01-31T14:00:00Z,onset,onset,,false,false\r\n"
        "2017-01-31T14:05:00Z,,already here,,false,false\r\n"
    )


def test_export_to_a_file_reimports_to_the_same_events(
    run, library_path: Path, tmp_path: Path
) -> None:
    run("timeline", "import", "1", FIXTURES / "chat.txt", "--library", library_path)
    target = tmp_path / "out.csv"
    code, out, _ = run("timeline", "export", "1", "-o", target, "--library", library_path)
    assert (code, out) == (0, "")
    timeline = load(library_path).timeline
    reread = parse_import(target.read_text(encoding="utf-8"), "csv", source="out.csv").events

    def comparable(events: tuple[TimelineEvent, ...]) -> list[TimelineEvent]:
        return [dataclasses.replace(event, id="", entered_as="") for event in events]

    assert comparable(reread) == comparable(timeline)
    assert target.read_bytes().count(b"\r\n") >= len(timeline) + 1


def test_export_of_an_unknown_postmortem(run, library_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, _, err = run("timeline", "export", "9", "--output", target, "--library", library_path)
    assert code == 1
    assert "has no postmortem number 9" in err
    assert not target.exists()


def test_library_option_before_the_command(run, library_path: Path) -> None:
    code, out, _ = run("--library", library_path, "timeline", "export", "1")
    assert code == 0
    assert out.startswith("time,")
