"""How big the text is: the application font scaled in steps, one scale for the desk and one for
presenting, each remembered in the settings.

Scaling the application font (rather than a style sheet or device pixel ratio) resizes every
control with its text, because Qt's layouts size widgets from their font metrics; widgets that
draw a larger heading keep theirs in proportion through ``text_sizing.keep_relative_font``.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.ui.text_sizing import set_application_font

ZOOM_KEY = "view/zoom"
PRESENTATION_ZOOM_KEY = "presentation/zoom"
DEFAULT_ZOOM = 1.0
DEFAULT_PRESENTATION_ZOOM = 1.5
# Steps rather than a free factor, so Ctrl+plus then Ctrl+minus always lands back where it was.
STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def step_from(scale: float, direction: int) -> float:
    """The next step above (``direction`` 1) or below (-1) ``scale``, stopping at the ends."""
    if direction > 0:
        index = bisect.bisect_right(STEPS, scale + 1e-6)
        return STEPS[min(index, len(STEPS) - 1)]
    index = bisect.bisect_left(STEPS, scale - 1e-6) - 1
    return STEPS[max(index, 0)]


def _stored_scale(settings: QSettings, key: str, default: float) -> float:
    try:
        value = float(str(settings.value(key, default)))
    except ValueError:
        return default
    return value if STEPS[0] <= value <= STEPS[-1] else default


_DESKTOP_FONT_PROPERTY = "retroDesktopFont"


def _desktop_font() -> QFont:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    stored = app.property(_DESKTOP_FONT_PROPERTY)
    if isinstance(stored, QFont):
        return QFont(stored)
    app.setProperty(_DESKTOP_FONT_PROPERTY, QFont(app.font()))
    return QFont(app.font())


class TextZoom:
    """The application font at the desk scale or the presentation scale.

    The base font is the one the application had before any zoom (the desktop's), kept on the
    application, so scales never compound, not even across windows.
    """

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings
        self._base = _desktop_font()
        self.presenting = False
        self.scale = self._stored(presenting=False)

    def _key(self, *, presenting: bool) -> str:
        return PRESENTATION_ZOOM_KEY if presenting else ZOOM_KEY

    def _stored(self, *, presenting: bool) -> float:
        default = DEFAULT_PRESENTATION_ZOOM if presenting else DEFAULT_ZOOM
        return _stored_scale(self._settings, self._key(presenting=presenting), default)

    @property
    def base_font(self) -> QFont:
        return QFont(self._base)

    def apply(self, *, repolish: bool = True) -> None:
        font = QFont(self._base)
        font.setPointSizeF(self._base.pointSizeF() * self.scale)
        set_application_font(font, repolish=repolish)

    def set_presenting(self, presenting: bool, *, repolish: bool = True) -> None:
        """Switch to the scale remembered for presenting (or for the desk) and show it;
        ``repolish=False`` when a theme change follows (see ``set_application_font``)."""
        self.presenting = presenting
        self.scale = self._stored(presenting=presenting)
        self.apply(repolish=repolish)

    def step(self, direction: int) -> float:
        """Zoom one step in (1) or out (-1), remember it for the current mode; the new scale."""
        self.set_scale(step_from(self.scale, direction))
        return self.scale

    def reset(self) -> float:
        self.set_scale(DEFAULT_PRESENTATION_ZOOM if self.presenting else DEFAULT_ZOOM)
        return self.scale

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._settings.setValue(self._key(presenting=self.presenting), scale)
        self.apply()
