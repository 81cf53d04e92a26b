"""In the room: how long presentation mode takes to switch, and quick capture to preview a line.

    .venv/bin/python bench/bench_presentation.py

With the demo postmortem open at 1280x720 on stage 2 (the timeline, the busiest page):

- **enter / leave**: from pressing F5 until the window has relaid out at the new size and theme
  (every pending event processed), median of 7;
- **zoom step**: one Ctrl+plus while presenting, same measure;
- **quick capture preview**: from a typed character to the preview line showing what Enter will
  add, per keystroke, over a 30-character line;
- **baseline**: setting the application font on a bare window with as many labels, the least
  any font change can cost, without and with the theme's style sheet.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget  # noqa: E402

from app.domain.model import Stage  # noqa: E402
from app.export.interchange import load_postmortem  # noqa: E402
from app.store import Library  # noqa: E402
from app.ui.application import create_main_window  # noqa: E402

RUNS = 7
LINE = "14:32 failover to the replica done"


def _settle(application: QApplication) -> None:
    for _ in range(3):
        application.processEvents()


def _timed(application: QApplication, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    _settle(application)
    return time.perf_counter() - start


def _baseline(application: QApplication, widgets: int) -> float:
    """A bare window with ``widgets`` labels: set a 1.5x font and relay out (and with the
    application's style sheet, which Qt needs set again to pass a new font on)."""
    bare = QWidget()
    layout = QVBoxLayout(bare)
    for number in range(widgets):
        layout.addWidget(QLabel(f"label {number}"))
    bare.show()
    _settle(application)
    base = QFont(application.font())
    big = QFont(base)
    big.setPointSizeF(base.pointSizeF() * 1.5)
    samples = []
    sheet = application.styleSheet()

    def change() -> None:
        application.setFont(big)
        if sheet:
            application.setStyleSheet(sheet)

    for _ in range(RUNS):
        samples.append(_timed(application, change))
        application.setFont(base)
        _settle(application)
    bare.close()
    return statistics.median(samples)


def main() -> None:
    application = QApplication([])
    workdir = Path(tempfile.mkdtemp(prefix="retro-bench-presentation-"))
    demo = ROOT / "docs" / "demo-postmortem.json"
    with Library.open(workdir / "library.sqlite") as library:
        stored = library.create(load_postmortem(demo.read_text("utf-8"), source=demo.name))
        assert stored.id is not None
        settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(library, settings)
        window.resize(1280, 720)
        window.show()
        window.open_postmortem(stored.id)
        window.go_to_stage(Stage.TIMELINE)
        _settle(application)
        present = window.menu_actions.present
        enter, leave, zoom = [], [], []
        for _ in range(RUNS):
            enter.append(_timed(application, present.trigger))
            zoom.append(_timed(application, window.menu_actions.zoom_in.trigger))
            window.menu_actions.zoom_out.trigger()
            _settle(application)
            leave.append(_timed(application, present.trigger))
        bar = window.quick_capture
        window.menu_actions.quick_capture.trigger()
        previews = []
        for character in LINE:
            previews.append(_timed(application, lambda c=character: QTest.keyClicks(bar.field, c)))
        widgets = len(window.findChildren(QWidget))
        styled = _baseline(application, widgets)
        window.close()
        application.setStyleSheet("")
        bare = _baseline(application, widgets)
    print(f"presentation mode, demo postmortem on stage 2 at 1280x720 ({widgets} widgets):")
    print(f"  enter: median {statistics.median(enter) * 1000:.0f} ms")
    print(f"  leave: median {statistics.median(leave) * 1000:.0f} ms")
    print(f"  zoom step while presenting: median {statistics.median(zoom) * 1000:.0f} ms")
    print(f"  baseline, 1.5x font on a bare window of {widgets} labels: {bare * 1000:.0f} ms,")
    print(f"    with the theme's style sheet set again: {styled * 1000:.0f} ms")
    print(
        f"quick capture preview per keystroke: median {statistics.median(previews) * 1000:.1f} ms,"
        f" worst {max(previews) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
