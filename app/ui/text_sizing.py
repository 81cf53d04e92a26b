"""Size widgets in lines of text, so they keep their proportions when the font grows.

Pixel heights chosen at construction go stale when presentation mode enlarges the font; a list
meant to show six terms would then show four. ``fit_to_lines`` measures in the widget's own line
spacing and measures again on every font change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QSizePolicy, QWidget

# Frame, header and margins: roughly one more line's worth around the visible lines.
_CHROME_LINES = 1.2


class _LineFit(QObject):
    """Minimum (and maximum) height in lines of the widget's text, measured on font changes."""

    def __init__(
        self, widget: QWidget, lines: float, max_lines: float | None, extra: int = 0
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._lines = lines
        self._max_lines = max_lines
        self._extra = extra
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        spacing = self._widget.fontMetrics().lineSpacing()
        self._widget.setMinimumHeight(round(spacing * self._lines) + self._extra)
        if self._max_lines is not None:
            self._widget.setMaximumHeight(round(spacing * self._max_lines) + self._extra)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.FontChange:
            self.apply()
        return super().eventFilter(watched, event)


def fit_to_lines(widget: QAbstractScrollArea, lines: float, max_lines: float | None = None) -> None:
    """Keep ``widget`` at least ``lines`` (and at most ``max_lines``) lines of text tall."""
    most = max_lines + _CHROME_LINES if max_lines is not None else None
    _LineFit(widget, lines + _CHROME_LINES, most)
    if max_lines is not None:
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class _FontNotifier(QObject):
    changed = Signal()


_notifier: _FontNotifier | None = None


def _font_notifier() -> _FontNotifier:
    global _notifier  # noqa: PLW0603 - one per application, made when first needed
    if _notifier is None:
        _notifier = _FontNotifier(QApplication.instance())
    return _notifier


def set_application_font(font: QFont, *, repolish: bool = True) -> None:
    """Change the application font and resize every ``keep_relative_font`` widget with it.

    While an application style sheet is applied (the themes apply one), Qt neither passes a new
    application font on to the widgets nor tells those with a font of their own; setting the
    style sheet again makes every widget take the new font, and the relative fonts listen here.
    That costs about half a second in a full window: pass ``repolish=False`` when a new style
    sheet (a theme) is applied right after anyway.
    """
    if font == QApplication.font():
        return  # repolishing every widget for nothing is slow, and unsafe while one closes
    QApplication.setFont(font)
    app = QApplication.instance()
    if repolish and isinstance(app, QApplication) and app.styleSheet():
        app.setStyleSheet(app.styleSheet())
    _font_notifier().changed.emit()


def refresh_relative_fonts() -> None:
    """Give every ``keep_relative_font`` widget its size again: a new application style sheet
    polishes fonts back to the style's, the relative ones included."""
    _font_notifier().changed.emit()


class _RelativeFont(QObject):
    def __init__(self, widget: QWidget, factor: float, weight: QFont.Weight | None) -> None:
        super().__init__(widget)
        self._widget = widget
        self._factor = factor
        self._weight = weight
        _font_notifier().changed.connect(self.apply)
        self.apply()

    def change(self, factor: float, weight: QFont.Weight | None) -> None:
        self._factor = factor
        self._weight = weight
        self.apply()

    def apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self._factor)
        if self._weight is not None:
            font.setWeight(self._weight)
        self._widget.setFont(font)


def keep_relative_font(widget: QWidget, factor: float, weight: QFont.Weight | None = None) -> None:
    """Give ``widget`` the application font times ``factor``, and again whenever it changes.

    A heading given a fixed larger font would stay at its old size when presentation mode
    enlarges the application font; this keeps it ``factor`` times the text around it. Calling it
    again on the same widget changes the factor.
    """
    for child in widget.children():
        if isinstance(child, _RelativeFont):
            child.change(factor, weight)
            return
    _RelativeFont(widget, factor, weight)


def keep_minimum_lines(widget: QWidget, lines: float, extra: int = 0) -> None:
    """Keep ``widget`` at least ``lines`` lines of its text tall (plus ``extra`` pixels).

    A pane in a splitter keeps the minimum it was given, so one measured once would let
    presentation mode's larger text squeeze its contents on top of each other.
    """
    _LineFit(widget, lines, None, extra)
