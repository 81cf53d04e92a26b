"""Main-window fixtures: windows on temporary library files, isolated settings, no leaks.

``main_window`` is a factory: each call opens a fresh library under ``tmp_path`` (optionally
filled with postmortems), gives the window its own INI settings file, shows it and activates it.
At teardown every window is closed and deleted, its library closed, and the test fails if any
top-level window it opened is still around.
"""

from __future__ import annotations

import os

# Qt reads the platform when the first QGuiApplication starts; this must precede any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.model import Postmortem, Severity
from app.store import Library
from app.ui import theme as theme_module
from app.ui.application import create_main_window
from app.ui.main_window import MainWindow


class MainWindowFactory(Protocol):
    def __call__(
        self, postmortems: Sequence[Postmortem] = (), *, show: bool = True
    ) -> MainWindow: ...


def _flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _windows() -> set[QWidget]:
    return {widget for widget in QApplication.topLevelWidgets() if widget.isWindow()}


class _Look:
    """The application's palette, style sheet, font and theme name, to put back after a test."""

    def __init__(self, palette: QPalette, sheet: str, font: QFont, theme: object) -> None:
        self.palette, self.sheet, self.font, self.theme = palette, sheet, font, theme

    @classmethod
    def capture(cls) -> _Look:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        return cls(
            QPalette(app.palette()),
            app.styleSheet(),
            QFont(app.font()),
            app.property(theme_module._APPLIED_PROPERTY),
        )

    def restore(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setProperty(theme_module._APPLIED_PROPERTY, self.theme)
        app.setStyleSheet(self.sheet)
        app.setPalette(self.palette)
        app.setFont(self.font)


@pytest.fixture(autouse=True)
def restored_look(qapp) -> Iterator[None]:
    """A window applies its theme and text size app-wide; each test starts with the same look."""
    look = _Look.capture()
    yield
    look.restore()


@pytest.fixture
def main_window(qtbot, tmp_path: Path) -> Iterator[MainWindowFactory]:
    before = _windows()
    opened: list[tuple[MainWindow, Library]] = []

    def factory(postmortems: Sequence[Postmortem] = (), *, show: bool = True) -> MainWindow:
        number = len(opened)
        library = Library.open(tmp_path / f"library-{number}.sqlite")
        for postmortem in postmortems:
            library.create(postmortem)
        settings = QSettings(str(tmp_path / f"settings-{number}.ini"), QSettings.Format.IniFormat)
        window = create_main_window(library, settings)
        opened.append((window, library))
        if show:
            with qtbot.waitActive(window):
                window.show()
                window.activateWindow()
        return window

    yield factory

    for window, library in opened:
        # A test that leaves unsaved edits on purpose has checked them already; closing must not
        # block on the "not saved" question.
        window.session.discard_pending()
        window.close()
        assert not window.isVisible(), "the window refused to close"
        window.deleteLater()
        _flush_deletions()
        library.close()
    leaked = [
        f"{type(widget).__name__} {widget.windowTitle()!r}"
        for widget in _windows() - before
        if widget.isVisible() or isinstance(widget, MainWindow)
    ]
    assert not leaked, f"top-level windows leaked: {', '.join(leaked)}"


@pytest.fixture
def make_postmortems() -> Callable[..., list[Postmortem]]:
    """A few unsaved postmortems with distinct titles, severities and services."""

    def make(count: int = 3) -> list[Postmortem]:
        rows = [
            (
                "Checkout latency after cache config deploy",
                Severity.SEV2,
                ("checkout",),
                ("cache",),
            ),
            ("Login outage during certificate rotation", Severity.SEV1, ("auth",), ("tls",)),
            ("Delayed invoice emails", Severity.SEV4, ("billing",), ("email", "queue")),
            ("Search index rebuild stalled", Severity.SEV3, ("search",), ("index",)),
        ]
        return [
            Postmortem(title=title, severity=severity, affected_services=services, tags=tags)
            for title, severity, services, tags in rows[:count]
        ]

    return make
