"""The ``retro`` command: headless commands on a library, clear failures, the window check."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import types
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.cli import main, missing_display, one_line
from app.domain.model import (
    DEFAULT_FISHBONE_CATEGORIES,
    ActionItem,
    ActionStatus,
    Audience,
    Participant,
    Postmortem,
    Severity,
    Stage,
    Status,
    Template,
    TimelineEvent,
)
from app.export.interchange import dump_postmortem, load_postmortem
from app.paths import LIBRARY_ENVIRONMENT_VARIABLE, default_library_path, resolve_library_path
from app.store import Library

ROOT = Path(__file__).resolve().parent.parent
NO_DISPLAY = (
    "retro: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); "
    "to run without a screen: xvfb-run -a retro\n"
)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "retro.sqlite"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run ``main`` in this process; return (exit code, stdout, stderr)."""

    def run_main(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(argument) for argument in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_main


def store(library_path: Path, *postmortems: Postmortem) -> list[int]:
    with Library.open(library_path) as library:
        return [library.create(postmortem).id or 0 for postmortem in postmortems]


def load(library_path: Path, postmortem_id: int) -> Postmortem:
    with Library.open(library_path, create=False) as library:
        return library.load(postmortem_id)


def count(library_path: Path) -> int:
    with Library.open(library_path, create=False) as library:
        return len(library.summaries())


def rich_postmortem() -> Postmortem:
    return Postmortem(
        title="Checkout errors after failover ✓",
        severity=Severity.SEV1,
        status=Status.IN_REVIEW,
        incident_ref="INC-4711",
        incident_date=date(2026, 3, 14),
        document_owner="Aiko Tanaka",
        audiences=(Audience.ENGINEERING, Audience.EXECUTIVES),
        participants=(Participant("Aiko Tanaka", "incident commander"), Participant("Sam")),
        timeline=(
            TimelineEvent("e1", datetime(2026, 3, 14, 3, 12, tzinfo=UTC), "failover"),
            TimelineEvent("e2", datetime(2026, 3, 14, 3, 19, tzinfo=UTC), "alert"),
        ),
        action_items=(
            ActionItem("a1", "Validate pool"),
            ActionItem("a2", "Runbook", status=ActionStatus.DONE),
        ),
        problem_statement="Why did checkout fail?\nFor 29 minutes.",
        stage_notes={Stage.TIMELINE: "pager log\x1b[31m checked"},
    )


def assert_one_error_line(err: str, *fragments: str) -> None:
    assert err.startswith("retro: ")
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


# --- new ---------------------------------------------------------------------------------------


def test_new_prints_only_the_id_and_creates_the_folder(run, library_path: Path) -> None:
    assert not library_path.parent.exists()
    code, out, err = run(
        "new", "--title", "Disk full", "--severity", "sev2", "--library", library_path
    )
    assert (code, out, err) == (0, "1\n", "")
    created = load(library_path, 1)
    assert (created.title, created.severity) == ("Disk full", Severity.SEV2)
    assert created.template is Template.FULL
    assert [category.name for category in created.fishbone_categories] == list(
        DEFAULT_FISHBONE_CATEGORIES
    )


def test_new_picks_the_lightweight_template_for_minor_incidents(run, library_path: Path) -> None:
    run("new", "--title", "Typo", "--severity", "Sev4", "--library", library_path)
    assert load(library_path, 1).template is Template.LIGHTWEIGHT


def test_new_refuses_an_unknown_severity_as_a_usage_error(run, library_path: Path) -> None:
    code, out, err = run("new", "--title", "x", "--severity", "SEV5", "--library", library_path)
    assert (code, out) == (2, "")
    assert_one_error_line(err, "retro: new: ", "unknown severity 'SEV5'", "SEV1, SEV2, SEV3, SEV4")
    assert not library_path.exists()


def test_new_refuses_a_blank_title(run, library_path: Path) -> None:
    code, _, err = run("new", "--title", "  ", "--severity", "SEV3", "--library", library_path)
    assert code == 1
    assert_one_error_line(err, "title: the title must not be empty")


# --- list --------------------------------------------------------------------------------------


def test_list_prints_a_table_newest_edit_first(run, library_path: Path) -> None:
    store(library_path, Postmortem(title="Older", severity=Severity.SEV3), rich_postmortem())
    code, out, err = run("list", "--library", library_path)
    assert (code, err) == (0, "")
    header, first, second = out.splitlines()
    assert header.split() == ["ID", "SEVERITY", "STATUS", "INCIDENT", "LAST", "EDITED", "TITLE"]
    assert first.split()[:4] == ["2", "SEV1", "In", "review"]
    assert "2026-03-14" in first
    assert first.endswith("Checkout errors after failover ✓")
    assert second.split()[:3] == ["1", "SEV3", "Draft"]
    assert first.index("Checkout") == second.index("Older") == header.index("TITLE")


def test_list_json_is_an_array_of_summaries(run, library_path: Path) -> None:
    store(library_path, rich_postmortem())
    code, out, _ = run("list", "--json", "--library", library_path)
    assert code == 0
    (summary,) = json.loads(out)
    assert summary["id"] == 1
    assert summary["title"] == "Checkout errors after failover ✓"
    assert (summary["severity"], summary["status"]) == ("SEV1", "in_review")
    assert summary["incident_date"] == "2026-03-14"
    assert summary["updated_at"].endswith("Z")


def test_list_of_an_empty_library_says_so(run, library_path: Path) -> None:
    store(library_path)
    code, out, _ = run("list", "--library", library_path)
    assert code == 0
    assert out == f"No postmortems in {library_path} yet.\n"
    assert json.loads(run("list", "--json", "--library", library_path)[1]) == []


def test_list_keeps_control_characters_off_the_terminal(run, library_path: Path) -> None:
    store(library_path, Postmortem(title="red\x1b[31m\nalert", severity=Severity.SEV3))
    out = run("list", "--library", library_path)[1]
    assert "\x1b" not in out
    assert len(out.splitlines()) == 2
    assert one_line("a\tb\u2028c") == "a b c"


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["export", "1"]])
def test_reading_commands_never_create_a_library(run, library_path: Path, command) -> None:
    code, out, err = run(*command, "--library", library_path)
    assert (code, out) == (1, "")
    assert_one_error_line(err, f"no library at {library_path}", "retro new")
    assert not library_path.exists()
    assert not library_path.parent.exists()


def test_a_file_that_is_not_a_library_is_reported_and_left_alone(run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n", encoding="utf-8")
    code, _, err = run("list", "--library", notes)
    assert code == 1
    assert_one_error_line(err, str(notes), "is not a Retro library")
    assert notes.read_text(encoding="utf-8") == "not a database\n"


# --- show --------------------------------------------------------------------------------------


def test_show_renders_the_postmortem_as_plain_text(run, library_path: Path) -> None:
    store(library_path, rich_postmortem())
    code, out, err = run("show", "1", "--library", library_path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    expected = {
        "Title:": "Checkout errors after failover ✓",
        "Number:": "1",
        "Reference:": "INC-4711",
        "Severity:": "SEV1",
        "Status:": "In review",
        "Template:": "not chosen",
        "Owner:": "Aiko Tanaka",
        "Audiences:": "Engineering, Executives",
        "Participants:": "Aiko Tanaka (incident commander), Sam",
        "Timeline:": "2 events",
        "Action items:": "2 items (1 open)",
        "Causes:": "0 causes, 0 why answers",
    }
    for label, value in expected.items():
        assert any(line.startswith(label) and line.endswith(value) for line in lines), label
    assert "Problem statement:\n  Why did checkout fail?\n  For 29 minutes.\n" in out
    assert "Notes, Timeline & impact:\n  pager log [31m checked\n" in out
    assert "\x1b" not in out


def test_show_of_an_unknown_id_fails_with_one_line(run, library_path: Path) -> None:
    store(library_path, rich_postmortem())
    code, out, err = run("show", "99", "--library", library_path)
    assert (code, out) == (1, "")
    assert_one_error_line(err, str(library_path), "no postmortem number 99")


@pytest.mark.parametrize("bad_id", ["abc", "0", "-3", "1.5", "٣", str(2**63)])
def test_show_refuses_what_is_not_a_number_as_usage(run, library_path: Path, bad_id: str) -> None:
    code, _, err = run("show", bad_id, "--library", library_path)
    assert code == 2
    assert_one_error_line(err, "retro: show: ", "is not a postmortem number")


# --- export and import -------------------------------------------------------------------------


def test_export_writes_json_to_stdout(run, library_path: Path) -> None:
    store(library_path, rich_postmortem())
    code, out, err = run("export", "1", "--format", "json", "--library", library_path)
    assert (code, err) == (0, "")
    assert load_postmortem(out, source="stdout") == rich_postmortem()


def test_export_to_a_file_then_import_into_another_library(run, tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    store(first, Postmortem(title="filler", severity=Severity.SEV4), rich_postmortem())
    exported = tmp_path / "out" / "incident.json"
    exported.parent.mkdir()
    assert run("export", "2", "--output", exported, "--library", first) == (0, "", "")
    assert not [path.name for path in exported.parent.iterdir() if path != exported]
    if os.name == "posix":  # readable like any file the user saves, not private like a temp file
        mask = os.umask(0o022)
        os.umask(mask)
        assert exported.stat().st_mode & 0o777 == 0o666 & ~mask
    code, out, err = run("import", exported, "--library", second)
    assert (code, out, err) == (0, "1\n", "")
    original, copy = load(first, 2), load(second, 1)
    assert copy == dataclasses.replace(original, id=1)


def test_export_refuses_an_unknown_format(run, library_path: Path) -> None:
    store(library_path, rich_postmortem())
    code, _, err = run("export", "1", "--format", "docx", "--library", library_path)
    assert code == 2
    assert_one_error_line(err, "invalid choice: 'docx'")


def test_export_into_a_missing_folder_fails_cleanly(run, library_path: Path, tmp_path) -> None:
    store(library_path, rich_postmortem())
    target = tmp_path / "nowhere" / "x.json"
    code, _, err = run("export", "1", "--output", target, "--library", library_path)
    assert code == 1
    assert_one_error_line(err, f"cannot write {target}")


def _library_state(library_path: Path) -> tuple[bytes, int]:
    return library_path.read_bytes(), count(library_path)


@pytest.mark.parametrize(
    "case",
    [
        ('{\n  "format": \n}', "bad.json, line 3, column 1: not valid JSON"),
        ('{"format": "retro-postmortem", "version": 3}', "bad.json: was written by a newer Retro"),
        (
            json.dumps(
                {
                    "format": "retro-postmortem",
                    "version": 1,
                    "postmortem": {
                        "title": "t",
                        "severity": "SEV1",
                        "action_items": [{"id": "a", "title": "x", "due": "soon"}],
                    },
                }
            ),
            "bad.json: postmortem.action_items[0].due: is not a date YYYY-MM-DD: 'soon'",
        ),
    ],
)
def test_import_of_a_bad_document_changes_nothing(
    run, library_path: Path, tmp_path: Path, monkeypatch, case: tuple[str, str]
) -> None:
    text, expected = case
    store(library_path, rich_postmortem())
    before = _library_state(library_path)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the message names the file as it was given
    code, out, err = run("import", "bad.json", "--library", library_path)
    assert (code, out) == (1, "")
    assert_one_error_line(err, f"retro: {expected}")
    assert _library_state(library_path) == before


def test_import_of_a_bad_document_does_not_create_a_library(run, library_path, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert run("import", bad, "--library", library_path)[0] == 1
    assert not library_path.exists()


def test_import_of_a_missing_or_undecodable_file_fails_cleanly(run, library_path, tmp_path) -> None:
    missing = tmp_path / "missing.json"
    code, _, err = run("import", missing, "--library", library_path)
    assert code == 1
    assert_one_error_line(err, f"cannot read {missing}")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"title": "Gr\xfc\xdfe"}')
    code, _, err = run("import", latin, "--library", library_path)
    assert code == 1
    assert_one_error_line(err, "not UTF-8 text (invalid byte at offset 13)")
    assert not library_path.exists()


def test_import_accepts_a_byte_order_mark(run, library_path: Path, tmp_path: Path) -> None:
    document = tmp_path / "bom.json"
    document.write_bytes(b"\xef\xbb\xbf" + dump_postmortem(rich_postmortem()).encode("utf-8"))
    assert run("import", document, "--library", library_path)[:2] == (0, "1\n")


# --- where the library is ----------------------------------------------------------------------


def test_library_option_beats_environment(run, tmp_path, monkeypatch) -> None:
    from_environment, from_option = tmp_path / "env.sqlite", tmp_path / "option.sqlite"
    monkeypatch.setenv(LIBRARY_ENVIRONMENT_VARIABLE, str(from_environment))
    run("new", "--title", "by option", "--severity", "SEV3", "--library", from_option)
    assert not from_environment.exists()
    run("new", "--title", "by environment", "--severity", "SEV3")
    assert load(from_environment, 1).title == "by environment"
    assert count(from_option) == 1


def test_library_option_works_before_the_command(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(LIBRARY_ENVIRONMENT_VARIABLE, str(tmp_path / "env.sqlite"))
    before = tmp_path / "before.sqlite"
    assert run("--library", before, "new", "--title", "t", "--severity", "SEV3")[0] == 0
    assert count(before) == 1
    assert not (tmp_path / "env.sqlite").exists()


def test_without_option_or_environment_the_user_data_folder_is_used(
    run, tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv(LIBRARY_ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "retro" / "retro.sqlite"
    if sys.platform.startswith("linux"):
        assert default_library_path() == expected
    assert run("new", "--title", "t", "--severity", "SEV3")[0] == 0
    assert count(default_library_path()) == 1


def test_empty_option_or_variable_counts_as_not_given(tmp_path) -> None:
    assert resolve_library_path("", {LIBRARY_ENVIRONMENT_VARIABLE: ""}) == default_library_path()
    home = Path("~").expanduser()
    assert (
        resolve_library_path(None, {LIBRARY_ENVIRONMENT_VARIABLE: "~/x.sqlite"})
        == home / "x.sqlite"
    )
    assert (
        resolve_library_path(tmp_path / "a", {LIBRARY_ENVIRONMENT_VARIABLE: "b"}) == tmp_path / "a"
    )


# --- usage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["frobnicate"], "retro: argument COMMAND: invalid choice: 'frobnicate'"),
        (
            ["new", "--severity", "SEV1"],
            "retro: new: the following arguments are required: --title",
        ),
        (["list", "--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run, argv, fragment) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert_one_error_line(err, fragment)


def test_help_and_version_exit_0(run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert all(command in out for command in ("list", "new", "show", "export", "import"))
    assert run("--version")[:2] == (0, "retro 0.1.0\n")
    code, out, _ = run("import", "--help")
    assert code == 0
    assert "--library" in out


# --- the window --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "freebsd14", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_missing_display(environ, platform, missing) -> None:
    assert (missing_display(environ, platform) is not None) == missing


def test_without_a_command_the_window_starts_on_the_chosen_library(run, monkeypatch, tmp_path):
    started: list[Path] = []
    window = types.ModuleType("app.ui.application")
    window.run_app = lambda path: started.append(path) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.ui.application", window)
    monkeypatch.setenv("DISPLAY", ":99")
    assert run("--library", tmp_path / "w.sqlite") == (7, "", "")
    assert started == [tmp_path / "w.sqlite"]


def _environment_without_display(**extra: str) -> dict[str, str]:
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    environ["PYTHONPATH"] = str(ROOT)
    environ.update(extra)
    return environ


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the display check is for X11/Wayland"
)
def test_no_display_fails_with_advice_and_never_imports_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from app.cli import main\n"
        "code = main(['--library', sys.argv[1]])\n"
        "print('PySide6' in sys.modules, any(m.startswith('app.ui') for m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "lib.sqlite")],
        env=_environment_without_display(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "False False\n", NO_DISPLAY)
    assert not (tmp_path / "lib.sqlite").exists()


def test_python_dash_m_app_is_the_same_command(tmp_path: Path) -> None:
    """The entry point, end to end: ``python -m app`` runs main and exits with its code."""
    library = str(tmp_path / "lib.sqlite")
    environ = _environment_without_display(RETRO_LIBRARY=library)

    def retro(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *argv],
            env=environ,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    assert retro("new", "--title", "Über 😀", "--severity", "sev1").stdout == "1\n"
    imported = retro("import", "-", stdin=dump_postmortem(rich_postmortem()))
    assert (imported.returncode, imported.stdout) == (0, "2\n")
    listed = retro("list", "--json")
    assert [row["title"] for row in json.loads(listed.stdout)] == [
        "Checkout errors after failover ✓",
        "Über 😀",
    ]
    missing = retro("show", "5")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert_one_error_line(missing.stderr, "no postmortem number 5")
    window = retro()
    assert (window.returncode, window.stderr) == (2, NO_DISPLAY)


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from app.cli import main\n"
        "library = ['--library', sys.argv[1]]\n"
        "codes = [main(['new', '--title', 't', '--severity', 'SEV2', *library]),\n"
        "         main(['list', *library]), main(['show', '1', *library]),\n"
        "         main(['export', '1', *library])]\n"
        "print(codes, 'PySide6' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "lib.sqlite")],
        env=_environment_without_display(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr == "[0, 0, 0, 0] False\n"
