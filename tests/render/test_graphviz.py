"""The Graphviz runner: version, missing binary, time limit, failures and safe mode."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from app.render import graphviz
from app.render.graphviz import (
    GraphvizFailedError,
    GraphvizMissingError,
    GraphvizTimeoutError,
    install_command,
    run_graphviz,
)


def test_the_version_is_read_from_the_real_binary() -> None:
    version = graphviz.graphviz_version()
    assert version is not None
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", version)


def test_a_missing_binary_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(GraphvizMissingError) as raised:
        run_graphviz("digraph { a }")
    assert "not found" in str(raised.value)
    assert raised.value.install_command in str(raised.value)


@pytest.mark.parametrize(
    ("system", "release", "command"),
    [
        ("Linux", "ID=debian\n", "sudo apt install graphviz"),
        ("Linux", 'ID=linuxmint\nID_LIKE="ubuntu debian"\n', "sudo apt install graphviz"),
        ("Linux", 'ID="fedora"\n', "sudo dnf install graphviz"),
        ("Linux", "ID=arch\n", "sudo pacman -S graphviz"),
        ("Darwin", "", "brew install graphviz"),
        ("Windows", "", "winget install graphviz"),
    ],
)
def test_the_install_command_fits_the_platform(system: str, release: str, command: str) -> None:
    assert install_command(system, release) == command


def test_a_runaway_layout_is_stopped_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nexec /bin/sleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizTimeoutError, match=r"longer than 0\.3 s"):
        run_graphviz("digraph { a }", timeout=0.3)


def test_a_graphviz_error_is_reported_with_its_message() -> None:
    with pytest.raises(GraphvizFailedError, match="syntax error"):
        run_graphviz("digraph { a -> }")


def test_graphviz_runs_in_safe_mode_and_cannot_embed_local_files(tmp_path: Path) -> None:
    picture = tmp_path / "secret.png"
    picture.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4a10000000049454e44ae426082"
        )
    )
    svg = run_graphviz(f'digraph {{ a [image="{picture}" label=""] }}')
    assert b"<image" not in svg
    assert str(picture).encode() not in svg
