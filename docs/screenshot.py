"""Render the README's screenshot: Retro at 1280x800 with the demo postmortem open.

    .venv/bin/python docs/screenshot.py [--stage N] [--font-scale 1.5] [--theme dark]
        [--output PATH]

Uses a throwaway library and settings, so it never touches your own. Runs offscreen unless a
display is set, which gives the same pixels a user sees, fonts included.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
OTHER_TITLES = (
    ("Login outage during certificate rotation", "SEV1"),
    ("Delayed invoice emails", "SEV4"),
    ("Search index rebuild stalled", "SEV3"),
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", type=int, default=1, choices=range(1, 7))
    parser.add_argument("--font-scale", type=float, default=1.0)
    parser.add_argument("--tab", choices=["fishbone", "whys"], default="fishbone")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--theme", choices=["system", "light", "dark", "high_contrast"])
    parser.add_argument("--output", type=Path, default=DOCS / "screenshot.png")
    return parser.parse_args()


def main() -> None:
    arguments = _arguments()
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.domain.model import Severity, Stage, new_postmortem
    from app.export.interchange import load_postmortem
    from app.store import Library
    from app.ui.application import create_main_window
    from app.ui.theme import THEME_KEY

    application = QApplication([])
    font = application.font()
    font.setPointSizeF(font.pointSizeF() * arguments.font_scale)
    application.setFont(font)
    workdir = Path(tempfile.mkdtemp(prefix="retro-screenshot-"))
    demo_text = (DOCS / "demo-postmortem.json").read_text(encoding="utf-8")
    with Library.open(workdir / "team-postmortems.sqlite") as library:
        for title, severity in OTHER_TITLES:
            library.create(new_postmortem(title, Severity(severity)))
        demo = library.create(load_postmortem(demo_text, source="demo-postmortem.json"))
        settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
        if arguments.theme:
            settings.setValue(THEME_KEY, arguments.theme)
        window = create_main_window(library, settings)
        window.resize(arguments.width, arguments.height)
        window.show()
        assert demo.id is not None
        window.open_postmortem(demo.id)
        window.go_to_stage(Stage(arguments.stage))
        for _ in range(5):
            application.processEvents()
        page = window.stage_area.pages[Stage.ROOT_CAUSE]
        if arguments.stage == 3 and arguments.tab == "whys":
            page.tabs.setCurrentWidget(page.whys)
        # Diagrams are drawn off the GUI thread: wait (up to 5 s) for the visible one.
        deadline = time.monotonic() + 5
        while arguments.stage == 3 and time.monotonic() < deadline:
            tab = page.current_tab()
            if tab is None or tab.pane.last_picture_at:
                break
            application.processEvents()
            time.sleep(0.01)
        application.processEvents()
        window.grab().save(str(arguments.output))
        window.close()
    print(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
