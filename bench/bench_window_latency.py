"""Keystroke to picture in the window: type into a cause of a fishbone and time each redraw.

Each sample starts when a key is sent to the selected cause's text field and ends when the
canvas shows a picture whose SVG contains the text typed so far; it includes the debounce,
DOT generation, measuring the changed label, the ``neato`` layout on a worker thread and loading
the SVG into the canvas. Run directly for the figures, or through bench_diagram.py.
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

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.model import Stage
from app.render.elements import element_id
from app.store import Library
from app.ui.application import create_main_window
from app.ui.root_cause.page import RootCauseStagePage
from tests.render.diagram_samples import fishbone_of_size

TIMEOUT_S = 10.0


def _wait(application: QApplication, done, timeout: float = TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the picture did not arrive")
        application.processEvents()
        time.sleep(0.0005)


def measure_latency(causes: int = 60, keystrokes: int = 25) -> list[float]:
    """Seconds from each keystroke to the picture that shows it, for a fishbone of ``causes``."""
    application = QApplication.instance() or QApplication([])
    assert isinstance(application, QApplication)
    workdir = Path(tempfile.mkdtemp(prefix="retro-bench-latency-"))
    samples: list[float] = []
    with Library.open(workdir / "latency.sqlite") as library:
        created = library.create(fishbone_of_size(causes))
        assert created.id is not None
        settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(library, settings)
        window.resize(1920, 1080)
        window.show()
        window.open_postmortem(created.id)
        window.go_to_stage(Stage.ROOT_CAUSE)
        page = window.stage_area.pages[Stage.ROOT_CAUSE]
        assert isinstance(page, RootCauseStagePage)
        pane = page.fishbone.pane
        _wait(application, lambda: pane.last_rendered is not None)
        target = created.causes[len(created.causes) // 2]
        page.fishbone.outline.select(element_id("cause", target.id))
        text = page.fishbone.details.text
        text.setFocus()
        text.moveCursor(QTextCursor.MoveOperation.End)
        typed = target.text
        for number in range(keystrokes):
            letter = "abcdefghijklmnopqrstuvwxyz"[number % 26]
            typed += letter
            wanted = "".join(typed.split()).encode()
            started = time.perf_counter()
            QTest.keyClick(text, letter)

            def shown(wanted: bytes = wanted) -> bool:
                drawn = pane.last_rendered
                return drawn is not None and wanted in _squeezed_text(drawn.content)

            _wait(application, shown)
            samples.append(pane.last_picture_at - started)
        QTest.keyClick(text, Qt.Key.Key_Tab)
        window.session.discard_pending()
        window.close()
    return samples


def _squeezed_text(svg: bytes) -> bytes:
    """The SVG's text content without whitespace or tags: labels wrap, characters stay."""
    import re

    return b"".join(
        b"".join(match.split()) for match in re.findall(rb"<text[^>]*>([^<]*)</text>", svg)
    )


if __name__ == "__main__":
    for size in (10, 60):
        figures = measure_latency(causes=size)
        print(
            f"{size:>3} causes: median {statistics.median(figures) * 1000:.0f} ms, "
            f"max {max(figures) * 1000:.0f} ms"
        )
