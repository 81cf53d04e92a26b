"""Smoke test: `retro` in a real X display (Xvfb), not Qt's offscreen platform.

Starts Xvfb, launches `python -m app` on a fresh library, waits for the main window to be mapped,
grabs the screen with xwd and checks the window actually painted something, presses F5 and checks
presentation mode's high-contrast window appears, then quits with Ctrl+Q like a user and expects
a clean exit.
"""

from __future__ import annotations

import os
import select
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

TOOLS = ("Xvfb", "xdotool", "xwd")


@pytest.fixture
def x_display() -> Iterator[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"{', '.join(missing)} not installed: run `make setup`"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        assert ready, "Xvfb did not report a display within 30 s"
        number = os.read(read_end, 32).decode().strip()
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


def _xwd_distinct_colours(display: str) -> tuple[int, int, int]:
    """Grab the root window with xwd; return (width, height, number of distinct pixel values)."""
    width, height, colours, _dark = _xwd_summary(display)
    return width, height, colours


def _xwd_summary(display: str) -> tuple[int, int, int, float]:
    """Grab the root window: its size, distinct pixel values and the share of near-black pixels."""
    dump = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display],
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    header = struct.unpack(">25I", dump[:100])
    header_size, width, height = header[0], header[4], header[5]
    bytes_per_line, colour_entries = header[12], header[19]
    # Xvfb reports 24 or 32 bits per pixel depending on the visual; the row stride tells the size.
    pixel_size = bytes_per_line // width
    start = header_size + colour_entries * 12
    samples = []
    for row in range(0, height, 5):
        line = dump[start + row * bytes_per_line : start + (row + 1) * bytes_per_line]
        samples += [line[x : x + 3] for x in range(0, width * pixel_size, pixel_size * 3)]
    dark = sum(max(pixel) < 40 for pixel in samples) / max(len(samples), 1)
    return width, height, len(set(samples)), dark


def _run(display: str, *command: str, timeout: float = 30) -> str:
    env = {**os.environ, "DISPLAY": display}
    return subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, timeout=timeout
    ).stdout


def test_retro_opens_paints_and_quits_in_a_real_x_display(x_display: str, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = x_display
    app = subprocess.Popen(
        [sys.executable, "-m", "app", "--library", str(tmp_path / "smoke.sqlite")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window_ids = _run(
            x_display, "xdotool", "search", "--sync", "--onlyvisible", "--name", "Retro"
        )
        window = window_ids.split()[0]
        deadline = time.monotonic() + 20
        width, height, colours = _xwd_distinct_colours(x_display)
        while colours < 8 and time.monotonic() < deadline:
            time.sleep(0.25)
            width, height, colours = _xwd_distinct_colours(x_display)
        assert (width, height) == (1280, 800)
        assert colours >= 8, f"the screen looks blank: only {colours} distinct colours"

        _run(x_display, "xdotool", "windowfocus", "--sync", window)
        # Presentation mode (F5) switches to the high-contrast theme: a mostly black window.
        _, _, _, dark_before = _xwd_summary(x_display)
        _run(x_display, "xdotool", "key", "--clearmodifiers", "F5")
        deadline = time.monotonic() + 10
        dark = dark_before
        while dark < 0.5 and time.monotonic() < deadline:
            time.sleep(0.25)
            _, _, _, dark = _xwd_summary(x_display)
        assert dark_before < 0.2, f"{dark_before:.0%} of the desk window is near black"
        assert dark >= 0.5, f"presentation mode left only {dark:.0%} of the screen near black"
        _run(x_display, "xdotool", "key", "--clearmodifiers", "F5")
        _run(x_display, "xdotool", "key", "--clearmodifiers", "ctrl+q")
        assert app.wait(timeout=20) == 0
        _, stderr = app.communicate(timeout=5)
        assert "Traceback" not in stderr, stderr
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


STAGE_3_SCRIPT = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.domain.model import Stage
from app.export.interchange import load_postmortem
from app.store import Library
from app.ui.application import create_main_window

app = QApplication([])
workdir = Path(sys.argv[1])
with Library.open(workdir / "stage3.sqlite") as library:
    demo = Path(sys.argv[2]).read_text(encoding="utf-8")
    pm = library.create(load_postmortem(demo, source="demo"))
    settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(library, settings)
    window.resize(1600, 900)
    window.show()
    window.open_postmortem(pm.id)
    window.go_to_stage(Stage.ROOT_CAUSE)
    pane = window.stage_area.pages[Stage.ROOT_CAUSE].fishbone.pane
    deadline = time.monotonic() + 20
    while pane.last_rendered is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
    image = pane.canvas.view.viewport().grab().toImage()
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    print("drawn" if pane.last_rendered is not None else "not drawn", len(colours))
    window.close()
"""


def test_stage_3_draws_its_fishbone_in_a_real_x_display(x_display: str, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = x_display
    demo = Path(__file__).resolve().parents[2] / "docs" / "demo-postmortem.json"
    result = subprocess.run(
        [sys.executable, "-c", STAGE_3_SCRIPT, str(tmp_path), str(demo)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    state, colours = result.stdout.split()
    assert state == "drawn"
    # Paper white, ink, the classification fills and borders: a drawn fishbone has many colours.
    assert int(colours) >= 6
