"""Screenshots of every stage, at the desk and in presentation mode, for looking at, not testing.

    .venv/bin/python bench/screenshots.py [--output-dir DIR] [--width 1280 --height 720]

Writes ``stage<N>-<tab>-<mode>.png`` for the six stages (stage 3 once per diagram tab), in
normal and presentation mode, with the demo postmortem open in a throwaway library and settings,
so your own are never touched. Runs offscreen unless a display is set. The pictures are for
people to look at after a change; they are not test baselines and are not committed.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.root_cause.page import RootCauseStagePage

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "docs" / "demo-postmortem.json"
OTHER_TITLES = (
    ("Login outage during certificate rotation", "SEV1"),
    ("Delayed invoice emails", "SEV4"),
    ("Search index rebuild stalled", "SEV3"),
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "bench/results/screenshots")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    return parser.parse_args()


def _settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _wait_for_diagram(page: RootCauseStagePage) -> None:
    """Diagrams are drawn off the GUI thread: wait (up to 5 s) for the visible one."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        tab = page.current_tab()
        if tab is None or tab.pane.last_picture_at:
            return
        QApplication.processEvents()
        time.sleep(0.01)


def _shoot_every_stage(window: MainWindow, output: Path, mode: str) -> None:
    from app.domain.model import Stage
    from app.ui.root_cause.page import RootCauseStagePage

    page = window.stage_area.pages[Stage.ROOT_CAUSE]
    assert isinstance(page, RootCauseStagePage)
    for stage in Stage:
        window.go_to_stage(stage)
        tabs = [("fishbone", page.fishbone), ("whys", page.whys)]
        for tab, widget in tabs if stage is Stage.ROOT_CAUSE else [("", None)]:
            if widget is not None:
                page.tabs.setCurrentWidget(widget)
            _settle()
            _wait_for_diagram(page)
            _settle(0.1)
            name = f"stage{stage.value}{'-' + tab if tab else ''}-{mode}.png"
            window.grab().save(str(output / name))
            print(output / name)


def main() -> None:
    arguments = _arguments()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.domain.model import Severity, new_postmortem
    from app.export.interchange import load_postmortem
    from app.store import Library
    from app.ui.application import create_main_window

    application = QApplication([])
    output = arguments.output_dir
    output.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="retro-screenshots-"))
    with Library.open(workdir / "team-postmortems.sqlite") as library:
        for title, severity in OTHER_TITLES:
            library.create(new_postmortem(title, Severity(severity)))
        demo = library.create(load_postmortem(DEMO.read_text("utf-8"), source=DEMO.name))
        assert demo.id is not None
        settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(library, settings)
        window.resize(arguments.width, arguments.height)
        window.show()
        window.open_postmortem(demo.id)
        _shoot_every_stage(window, output, "normal")
        window.menu_actions.present.trigger()
        _shoot_every_stage(window, output, "presentation")
        window.menu_actions.present.trigger()
        window.close()
    del application


if __name__ == "__main__":
    main()
