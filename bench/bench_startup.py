"""Cold start to first painted window: Retro's main window beside a bare PySide6 window.

Each run is a fresh interpreter (so imports are cold as far as Python is concerned; the OS file
cache stays warm, as on a user's second launch of the day). Prints the median of several runs.
Uses Xvfb when it is installed (a real X server), else Qt's offscreen platform.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_library_open import build

RUNS = 7
CHILD = Path(__file__).with_name("first_paint.py")
ROOT = Path(__file__).resolve().parent.parent


def time_to_paint(arguments: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *arguments],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"{arguments[0]}: the window never painted")
    return elapsed


def measure(label: str, arguments: list[str], env: dict[str, str]) -> float:
    time_to_paint(arguments, env)  # warm the OS file cache once, not counted
    samples = [time_to_paint(arguments, env) for _ in range(RUNS)]
    median = statistics.median(samples) * 1000
    spread = f"min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f}"
    print(f"{label:<34} median {median:7.0f} ms   ({spread}, {RUNS} runs)")
    return median


def main() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix="retro-bench-"))
    env.update(XDG_CONFIG_HOME=str(workdir), XDG_DATA_HOME=str(workdir))
    xvfb = None
    if shutil.which("Xvfb"):
        xvfb = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        time.sleep(1.0)
        env.update(DISPLAY=":97")
        env.pop("QT_QPA_PLATFORM", None)
        platform = "Xvfb (xcb)"
    else:
        env.update(QT_QPA_PLATFORM="offscreen")
        platform = "offscreen"
    print(f"Cold start to first painted window, platform {platform}")
    try:
        bare = measure("bare PySide6 QMainWindow", ["bare"], env)
        library = workdir / "bench.sqlite"
        retro = measure("Retro main window (empty library)", ["retro", str(library)], env)
        print(f"Retro costs {retro - bare:.0f} ms more than a bare window ({retro / bare:.2f}x)")
        full = workdir / "thousand.sqlite"
        build(full)
        thousand = measure("Retro, library of 1,000 postmortems", ["retro", str(full)], env)
        print(f"1,000 postmortems add {thousand - retro:.0f} ms to the first paint")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
