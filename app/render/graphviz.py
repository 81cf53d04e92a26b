"""Running the real Graphviz binaries: found on PATH, time-limited, and unable to read files.

Every diagram goes through ``run_graphviz``. A layout that runs away (Graphviz can take minutes on
a pathological graph) is killed after ``LAYOUT_TIMEOUT_SECONDS`` and reported, so neither the
window's render worker nor the CLI can hang. Graphviz is started with ``GV_FILE_PATH`` pointing at
an empty directory (and ``SERVER_NAME`` set, without which Graphviz ignores it): that switches on
its safe mode, in which ``image``/``shapefile`` attributes and
``<IMG>`` in HTML labels may only name files inside that directory. Retro never writes such
attributes and escapes every label, so this is a second lock on the same door.
"""

from __future__ import annotations

import functools
import os
import platform
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

Program = Literal["dot", "neato"]
OutputFormat = Literal["svg", "png", "plain"]

LAYOUT_TIMEOUT_SECONDS = 10.0
# PNG exports are for slides and chat: 144 dpi keeps text crisp on high-density screens.
PNG_DPI = 144


class DiagramError(Exception):
    """A diagram could not be drawn; the message is written for the person looking at the canvas."""


class GraphvizMissingError(DiagramError):
    """The Graphviz program is not installed (or not on PATH)."""

    def __init__(self, program: str) -> None:
        self.install_command = install_command()
        super().__init__(
            f"Diagrams need Graphviz, and its '{program}' program was not found on this computer.\n"
            f"Install it with:  {self.install_command}\n"
            "then reopen this page."
        )


class GraphvizTimeoutError(DiagramError):
    """Graphviz took longer than the time limit and was stopped."""


class GraphvizFailedError(DiagramError):
    """Graphviz exited with an error."""


def install_command(system: str | None = None, os_release: str | None = None) -> str:
    """The command that installs Graphviz on this platform, for the "not installed" message."""
    system = system or platform.system()
    if system == "Darwin":
        return "brew install graphviz"
    if system == "Windows":
        return "winget install graphviz"
    release = os_release if os_release is not None else _read_os_release()
    family = " ".join(re.findall(r"^(?:ID|ID_LIKE)=\"?([^\"\n]*)", release, re.MULTILINE)).split()
    commands = (
        ({"debian", "ubuntu"}, "sudo apt install graphviz"),
        ({"fedora", "rhel", "centos"}, "sudo dnf install graphviz"),
        ({"arch"}, "sudo pacman -S graphviz"),
        ({"suse", "opensuse"}, "sudo zypper install graphviz"),
        ({"alpine"}, "sudo apk add graphviz"),
    )
    for names, command in commands:
        if names.intersection(family):
            return command
    return "your package manager's 'graphviz' package (https://graphviz.org/download/)"


def _read_os_release() -> str:
    try:
        return Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def graphviz_executable(program: Program = "dot") -> str:
    """The path of ``program``; GraphvizMissingError when it is not installed."""
    found = shutil.which(program)
    if found is None:
        raise GraphvizMissingError(program)
    return found


@functools.cache
def graphviz_version() -> str | None:
    """Graphviz's version as ``dot -V`` reports it ("2.43.0"), or None when it is missing."""
    try:
        completed = subprocess.run(
            [graphviz_executable("dot"), "-V"],
            capture_output=True,
            timeout=LAYOUT_TIMEOUT_SECONDS,
            check=False,
        )
    except (DiagramError, OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(rb"version\s+(\S+)", completed.stderr + completed.stdout)
    return match.group(1).decode("ascii", "replace") if match else None


def run_graphviz(
    source: str,
    *,
    program: Program = "dot",
    output_format: OutputFormat = "svg",
    extra_args: Sequence[str] = (),
    timeout: float = LAYOUT_TIMEOUT_SECONDS,
) -> bytes:
    """Lay out ``source`` (DOT text) with ``program`` and return the output file's bytes."""
    command = [graphviz_executable(program), f"-T{output_format}", *extra_args]
    if output_format == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    with tempfile.TemporaryDirectory(prefix="retro-gv-") as jail:
        # Graphviz applies GV_FILE_PATH only when it believes it serves the web (SERVER_NAME).
        environment = {**os.environ, "SERVER_NAME": "retro", "GV_FILE_PATH": jail + os.sep}
        try:
            completed = subprocess.run(
                command,
                input=source.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                env=environment,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise GraphvizTimeoutError(
                f"Graphviz took longer than {timeout:g} s to lay out this diagram and was stopped."
                " The last good picture is kept."
            ) from error
        except OSError as error:
            raise GraphvizFailedError(f"Graphviz could not be started: {error}") from error
    if completed.returncode != 0 or not completed.stdout:
        detail = completed.stderr.decode("utf-8", "replace").strip() or "no output"
        raise GraphvizFailedError(f"Graphviz could not draw this diagram: {detail}")
    return completed.stdout
