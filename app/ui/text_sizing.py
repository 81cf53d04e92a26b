"""Size scrolling widgets in lines of text, so they keep their proportions when the font grows.

Pixel heights chosen at construction go stale when presentation mode enlarges the font; a list
meant to show six terms would then show four. ``fit_to_lines`` measures in the widget's own line
spacing and measures again on every font change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QSizePolicy

# Frame, header and margins: roughly one more line's worth around the visible lines.
_CHROME_LINES = 1.2


class _LineFit(QObject):
    def __init__(self, widget: QAbstractScrollArea, lines: float, max_lines: float | None) -> None:
        super().__init__(widget)
        self._widget = widget
        self._lines = lines
        self._max_lines = max_lines
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        spacing = self._widget.fontMetrics().lineSpacing()
        self._widget.setMinimumHeight(round(spacing * (self._lines + _CHROME_LINES)))
        if self._max_lines is not None:
            self._widget.setMaximumHeight(round(spacing * (self._max_lines + _CHROME_LINES)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.FontChange:
            self.apply()
        return super().eventFilter(watched, event)


def fit_to_lines(widget: QAbstractScrollArea, lines: float, max_lines: float | None = None) -> None:
    """Keep ``widget`` at least ``lines`` (and at most ``max_lines``) lines of text tall."""
    _LineFit(widget, lines, max_lines)
    if max_lines is not None:
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
