"""Starting the window: the QApplication, the library file, the stage pages, the main window.

``run_app`` is what the ``retro`` command calls; ``create_main_window`` builds a window on an
already open library, for tests and benchmarks. A library that cannot be opened gets one clear
message naming the file and is never modified.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.domain.model import Stage
from app.store import Library, LibraryError
from app.ui import dialogs
from app.ui.action_items.page import ActionItemsPage
from app.ui.follow_up import FollowUpPage
from app.ui.main_window import MainWindow
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.scope_page import ScopeStagePage
from app.ui.stage_page import StagePage
from app.ui.timeline.page import TimelineStagePage
from app.ui.what_worked.page import WhatWorkedPage

APP_NAME = "Retro"
ORGANIZATION = "Retro"
DESKTOP_FILE = "retro"


def build_pages() -> dict[Stage, StagePage]:
    """The six stage pages, one per stage of the workflow."""
    pages: list[StagePage] = [
        ScopeStagePage(),
        TimelineStagePage(),
        RootCauseStagePage(),
        WhatWorkedPage(),
        ActionItemsPage(),
        FollowUpPage(),
    ]
    return {page.stage: page for page in pages}


def library_path_of(library: Library) -> Path:
    return Path(library.path)


def create_main_window(library: Library, settings: QSettings | None = None) -> MainWindow:
    """A main window on ``library`` (not shown); ``settings`` default to Retro's QSettings."""
    return MainWindow(
        library,
        library_path_of(library),
        settings if settings is not None else QSettings(),
        build_pages(),
    )


def _application() -> QApplication:
    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(ORGANIZATION)
    application.setDesktopFileName(DESKTOP_FILE)
    return application


def run_app(library_path: Path) -> int:
    """Open ``library_path`` and run the window until it closes; the process exit code."""
    application = _application()
    try:
        library = Library.open(library_path, create=True)
    except LibraryError as error:
        dialogs.show_open_error(None, str(error))
        return 1
    try:
        window = create_main_window(library)
        window.show()
        return application.exec()
    finally:
        library.close()
