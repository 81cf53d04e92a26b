"""``retro diagram``: the fishbone and five whys written as SVG or PNG by the real Graphviz."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.cli import main
from app.render.elements import element_id
from app.store import Library
from tests.render.diagram_samples import branching_whys, fishbone_postmortem
from tests.render.svg_geometry import nodes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "retro.sqlite"
    pm = fishbone_postmortem(categories=4, causes_per_category=3)
    with Library.open(path) as library:
        library.create(replace(pm, whys=branching_whys().whys))
    return path


def run(*argv: str | Path) -> int:
    return main([str(argument) for argument in argv])


def test_the_fishbone_is_written_as_svg(library_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "fishbone.svg"
    assert run("diagram", "1", "--kind", "fishbone", "-o", output, "--library", library_path) == 0
    drawn = nodes(output.read_bytes())
    assert "problem" in drawn
    assert element_id("category", "g0") in drawn


def test_the_five_whys_is_written_as_png_from_the_extension(
    library_path: Path, tmp_path: Path
) -> None:
    output = tmp_path / "whys.png"
    assert run("diagram", "1", "--kind", "whys", "-o", output, "--library", library_path) == 0
    assert output.read_bytes().startswith(PNG_SIGNATURE)


def test_left_to_right_and_stdout(
    library_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code = run("diagram", "1", "--kind", "whys", "--direction", "LR", "--library", library_path)
    assert code == 0
    drawn = nodes(capsysbinary.readouterr().out)
    assert drawn[element_id("why", "a")].box.left > drawn["problem"].box.right


def test_an_unknown_extension_is_refused_before_anything_is_written(
    library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "diagram.jpg"
    assert run("diagram", "1", "--kind", "whys", "-o", output, "--library", library_path) == 1
    assert "name a .svg or .png file" in capsys.readouterr().err
    assert not output.exists()


def test_missing_graphviz_is_one_clear_line(
    library_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    output = tmp_path / "fishbone.svg"
    assert run("diagram", "1", "--kind", "fishbone", "-o", output, "--library", library_path) == 1
    error = capsys.readouterr().err
    assert error.startswith("retro: Diagrams need Graphviz")
    assert "install" in error
    assert error.count("\n") == 1
    assert not output.exists()


def test_an_unknown_postmortem_fails_cleanly(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("diagram", "7", "--kind", "fishbone", "--library", library_path) == 1
    assert capsys.readouterr().err.startswith("retro: ")
