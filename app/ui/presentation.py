"""Presentation mode: the window as the room sees it on a projector or a shared screen.

Entering it enlarges all text and controls (the presentation zoom, 150 % unless changed), shows
the high-contrast theme, hides the library list and every private editor, and tells the window to
show the shared-screen view of the postmortem (``app.domain.presentation``), so private text never
reaches a widget. Leaving puts back exactly what was there: the zoom, the theme, the library
list and every splitter's sizes.

The controller owns no widgets. The window supplies what it changes through ``PresentedWindow``,
so the rules of the mode read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

from app.ui.text_zoom import TextZoom
from app.ui.theme import ThemeController

PRESENTATION_THEME = "high_contrast"


class PresentedWindow(Protocol):
    """What presentation mode changes in a window."""

    @property
    def library_toggle(self) -> QAction:
        """Checked while the library list shows."""

    @property
    def layout_root(self) -> QWidget:
        """The widget whose splitters keep their sizes through the mode."""

    def set_presenting(self, presenting: bool) -> None:
        """Hide private editors and show the shared-screen view (or undo both)."""


@dataclass
class _Layout:
    """What entering the mode changes and leaving must restore exactly."""

    library_visible: bool
    splitters: list[tuple[QSplitter, list[int], QSize]] = field(default_factory=list)

    @classmethod
    def capture(cls, window: PresentedWindow) -> _Layout:
        return cls(
            library_visible=window.library_toggle.isChecked(),
            splitters=[
                (splitter, splitter.sizes(), splitter.size())
                for splitter in window.layout_root.findChildren(QSplitter)
            ],
        )


class _RestoreWhenSized(QObject):
    """Gives a splitter its sizes back once it is as big as it was when they were taken.

    The desk font relays the pages out over several turns of the event loop, and a hidden page
    only when it is shown; a splitter redistributes its sizes on every resize, so a state
    restored before the last resize would not stay. Restoring at the old size makes it exact.
    """

    def __init__(
        self, splitter: QSplitter, sizes: list[int], size: QSize, context: QObject
    ) -> None:
        super().__init__(context)
        self._splitter = splitter
        self._sizes = sizes
        self._size = size
        splitter.installEventFilter(self)
        self._restore_if_sized()

    def _restore_if_sized(self) -> None:
        # Sizes, not saveState(): restoring a stacked side-by-side splitter's state left its
        # panes as the relayout had made them, while setSizes at the same size is exact.
        if self._splitter.size() == self._size:
            self._splitter.setSizes(self._sizes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._restore_if_sized)
        return super().eventFilter(watched, event)

    def cancel(self) -> None:
        self._splitter.removeEventFilter(self)
        self.deleteLater()


class PresentationMode(QObject):
    """Enters and leaves presentation mode for one window; ``toggled(bool)`` after each change."""

    toggled = Signal(bool)

    def __init__(
        self,
        window: PresentedWindow,
        zoom: TextZoom,
        theme: ThemeController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._zoom = zoom
        self._theme = theme
        self._before: _Layout | None = None
        self._restorers: list[_RestoreWhenSized] = []

    @property
    def active(self) -> bool:
        return self._before is not None

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self.active:
            return
        for restorer in self._restorers:  # sizes the desk never got back to are moot now
            restorer.cancel()
        self._restorers = []
        self._before = _Layout.capture(self._window)
        library = self._window.library_toggle
        library.setChecked(False)
        library.setEnabled(False)  # the list of other postmortems stays off the shared screen
        self._window.set_presenting(True)
        # The font first: the theme's new style sheet then polishes every widget once, in it.
        self._zoom.set_presenting(True, repolish=False)
        self._theme.set_override(PRESENTATION_THEME)
        self.toggled.emit(True)

    def leave(self) -> None:
        before = self._before
        if before is None:
            return
        self._before = None
        self._zoom.set_presenting(False, repolish=False)
        self._theme.set_override(None)
        self._window.set_presenting(False)
        library = self._window.library_toggle
        library.setEnabled(True)
        library.setChecked(before.library_visible)
        self._restorers = [
            _RestoreWhenSized(splitter, sizes, size, self)
            for splitter, sizes, size in before.splitters
        ]
        self.toggled.emit(False)
