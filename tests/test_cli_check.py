"""``retro check ID``: the final review checklist, one line per item, exit status 1 on a failure."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.blameless_language import dismiss, language_flags
from app.domain.model import ActionItem, FollowUpReview, Postmortem, Severity
from app.store import Library
from tests.domain.review_samples import ready, timeline


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "retro.sqlite"


def store(library_path: Path, pm: Postmortem) -> str:
    with Library.open(library_path, create=True) as library:
        return str(library.create(pm).id)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], library_path: Path):
    def run_main(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--library", str(library_path), "--today", "2026-03-20"])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_main


def test_a_postmortem_that_passes_everything_exits_zero(run, library_path: Path) -> None:
    number = store(library_path, ready())
    assert run("check", number) == (
        0,
        f"Review of #{number}: Checkout outage (SEV2, full template)\n"
        "\u2713 Blameless tone\n"
        "\u2713 Timeline and facts accurate\n"
        "\u2713 Impact quantified where possible\n"
        "\u2713 Root cause vs contributing factors distinguished\n"
        "\u2713 Action items owned, dated, tracked\n"
        "\u2713 Follow-up review scheduled\n"
        "\n"
        "6 of 6 checks pass.\n",
        "",
    )


def test_failing_items_are_crossed_with_their_reasons_indented_and_exit_one(
    run, library_path: Path
) -> None:
    pm = ready(
        action_items=(ActionItem("a1", "Add monitoring"),),
        timeline=timeline()[:3],
    )
    code, out, err = run("check", store(library_path, pm))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[1:3] == ["\u2713 Blameless tone", "\u2717 Timeline and facts accurate"]
    assert "    Mark the resolution on the timeline." in lines
    index = lines.index("\u2717 Action items owned, dated, tracked")
    assert lines[index + 1 : index + 7] == [
        '    1 action item has vague wording ("add monitoring"): name the metric or signal.',
        "    1 action item has no owner: give each an owner.",
        "    1 action item has no due date: give each a due date.",
        "    1 action item has no category: give each a category.",
        "    1 action item has no tracker link: give each a tracker link.",
        '    1 root cause has no action item addressing it ("Pool sized for last year"): link an '
        "action item to each.",
    ]
    assert lines[-1] == "3 of 6 checks pass."


def test_today_decides_what_is_overdue(capsys, library_path: Path) -> None:
    number = store(library_path, ready())
    args = ["check", number, "--library", str(library_path)]
    assert main([*args, "--today", "2026-04-01"]) == 0
    assert main([*args, "--today", "2026-04-02"]) == 1
    out = capsys.readouterr().out
    assert "    1 action item is overdue (due 2026-04-01)" in out


def test_relaxed_items_say_what_the_lightweight_template_relaxes(run, library_path: Path) -> None:
    pm = ready(
        Severity.SEV3,
        causes=(ready().causes[0],),
        follow_up_reviews=(FollowUpReview("r30", date(2026, 4, 1)),),
    )
    code, out, _ = run("check", store(library_path, pm))
    assert code == 0
    assert "(SEV3, lightweight template)" in out.splitlines()[0]
    lines = out.splitlines()
    index = lines.index("\u2713 Root cause vs contributing factors distinguished")
    assert lines[index + 1] == (
        "    Relaxed for the lightweight template: Contributing factors are optional for a minor "
        "incident: one evidence-backed root cause is enough."
    )
    assert sum(line.startswith("    Relaxed for the lightweight") for line in lines) == 3


def test_kept_flags_are_listed_with_their_reasons_and_standing_ones_fail(
    run, library_path: Path
) -> None:
    event = dataclasses.replace(timeline()[1], description="Dana forgot to page the DBA")
    pm = ready(timeline=(timeline()[0], event, *timeline()[2:]))
    code, out, _ = run("check", store(library_path, pm))
    assert code == 1
    assert (
        '\u2717 Blameless tone\n    Timeline 14:05, description: "Dana forgot" makes a person '
        "the subject of a failure.\n"
    ) in out
    assert "Flags kept on purpose" not in out

    (flag,) = language_flags(pm)
    kept = dismiss(pm, flag, "Dana wrote it about herself and asked to keep it")
    code, out, _ = run("check", store(library_path, kept))
    assert code == 0
    assert out.endswith(
        "Flags kept on purpose:\n"
        '    Timeline 14:05, description: "Dana forgot" makes a person the subject of a failure\n'
        "        Kept because: Dana wrote it about herself and asked to keep it\n"
        "\n"
        "6 of 6 checks pass.\n"
    )


def test_a_terminal_that_cannot_show_marks_gets_ok_and_fail(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pm = ready(title="Caf\u00e9 outage", action_items=(ActionItem("a1", "Add monitoring"),))
    number = store(library_path, pm)
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(["check", number, "--library", str(library_path), "--today", "2026-03-20"])
    stdout.flush()
    out = raw.getvalue().decode("ascii")
    assert code == 1
    assert out.splitlines()[0] == f"Review of #{number}: Caf? outage (SEV2, full template)"
    assert "OK   Blameless tone\n" in out
    assert "FAIL Action items owned, dated, tracked\n" in out


def test_control_characters_in_user_text_never_reach_the_terminal(run, library_path: Path) -> None:
    pm = ready(title="Outage \x1b[31mred", action_items=(ActionItem("a1", "Fix it\x1b[2J"),))
    _, out, _ = run("check", store(library_path, pm))
    assert "\x1b" not in out
    assert "Outage  [31mred" in out


def test_an_unknown_postmortem_is_one_error_line(run, library_path: Path) -> None:
    store(library_path, ready())
    code, out, err = run("check", "99")
    assert (code, out) == (1, "")
    assert err.startswith("retro: ")
    assert err.count("\n") == 1


def test_today_is_hidden_and_checked(capsys, library_path: Path) -> None:
    assert main(["check", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "final review checklist" in help_text
    assert "--today" not in help_text
    number = store(library_path, ready())
    assert main(["check", number, "--library", str(library_path), "--today", "soon"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_the_readme_lists_the_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "retro check 3" in readme


def test_a_missing_library_is_not_created(run, library_path: Path) -> None:
    code, out, err = run("check", "1")
    assert (code, out) == (1, "")
    assert err.startswith(f"retro: no library at {library_path}")
    assert not library_path.exists()


def test_check_never_imports_qt(library_path: Path) -> None:
    store(library_path, ready())
    script = (
        "import sys\n"
        "from app.cli import main\n"
        "code = main(['check', '1', '--library', sys.argv[1], '--today', '2026-03-20'])\n"
        "print(code, 'PySide6' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(library_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.stderr == "0 False\n"
