"""How long one autosaved edit takes in the window: request, write, and every view refreshed.

This is the pause a facilitator feels each time they stop typing. Measured on an empty library
and on one of 1,000 postmortems, beside the bare store write (Library.update) as the baseline.
Runs offscreen; the figures are medians of many edits.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_library_open import build
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.domain.model import Severity, Stage, new_postmortem
from app.store import Library
from app.ui.application import create_main_window

EDITS = 41


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:7.2f} ms   (max {max(samples) * 1000:.2f})"


def window_edit_times(library: Library, workdir: Path) -> tuple[list[float], list[float]]:
    settings = QSettings(str(workdir / f"{library.path.stem}.ini"), QSettings.Format.IniFormat)
    window = create_main_window(library, settings)
    window.resize(1280, 800)
    window.show()
    target = library.create(new_postmortem("Edited in the meeting", Severity.SEV2))
    assert target.id is not None
    window.open_postmortem(target.id)
    page = window.stage_area.pages[Stage.SCOPE]
    through_window, store_only = [], []
    for number in range(EDITS):
        started = time.perf_counter()
        page.edit_requested.emit("sla_target", f"99.{number}% availability", "Change SLA Target")
        QApplication.processEvents()
        through_window.append(time.perf_counter() - started)
        started = time.perf_counter()
        library.update(target.id, {"incident_ref": f"INC-{number}"})
        store_only.append(time.perf_counter() - started)
    window.close()
    return through_window, store_only


def main() -> None:
    application = QApplication.instance() or QApplication([])
    workdir = Path(tempfile.mkdtemp(prefix="retro-bench-edit-"))
    full = workdir / "thousand.sqlite"
    build(full)
    print(f"One autosaved edit, {EDITS} edits each (offscreen)")
    for label, path in (("empty library", workdir / "empty.sqlite"), ("1,000 postmortems", full)):
        with Library.open(path) as library:
            window_times, store_times = window_edit_times(library, workdir)
        print(f"  {label:<18} store write alone {median_ms(store_times)}")
        print(f"  {label:<18} edit in the window {median_ms(window_times)}")
    del application


if __name__ == "__main__":
    main()
