"""A brief background pulse that draws the eye to a widget without taking the keyboard.

Used when a stage runs over its timebox: the room should notice, but a modal box or a sound
would interrupt whoever is speaking. The pulse tints the widget's background twice and fades
back over about two seconds, then leaves the widget exactly as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QObject, QVariantAnimation
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

PULSE_MS = 2000
PULSES = 2


def blend(base: QColor, tint: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0 to 1) of the way towards ``tint``."""
    amount = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * amount,
        base.greenF() + (tint.greenF() - base.greenF()) * amount,
        base.blueF() + (tint.blueF() - base.blueF()) * amount,
    )


class BackgroundPulse(QObject):
    """Pulses ``widget``'s background towards a colour; ``start(colour)`` runs it once."""

    def __init__(self, widget: QWidget, duration_ms: int = PULSE_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self._tint = QColor()
        self._base = QColor()
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(duration_ms)
        self._animation.setStartValue(0.0)
        # Up and down PULSES times: a steady tint would read as a state, a pulse as an event.
        for step in range(1, 2 * PULSES):
            self._animation.setKeyValueAt(step / (2 * PULSES), 1.0 if step % 2 else 0.0)
        self._animation.setEndValue(0.0)
        self._animation.valueChanged.connect(self._paint)
        self._animation.finished.connect(self._restore)

    def is_running(self) -> bool:
        return self._animation.state() == QAbstractAnimation.State.Running

    def start(self, tint: QColor) -> None:
        """Pulse towards ``tint``; a pulse already running starts over."""
        self._animation.stop()
        self._restore()
        self._tint = QColor(tint)
        self._base = QColor(self._widget.palette().color(QPalette.ColorRole.Window))
        self._widget.setAutoFillBackground(True)
        self._animation.start()

    def stop(self) -> None:
        self._animation.stop()
        self._restore()

    def _paint(self, value: object) -> None:
        if not isinstance(value, float) or not self._tint.isValid():
            return
        palette = QPalette(self._widget.palette())
        palette.setColor(QPalette.ColorRole.Window, blend(self._base, self._tint, value))
        self._widget.setPalette(palette)

    def _restore(self) -> None:
        self._widget.setAutoFillBackground(False)
        # An empty palette hands the widget back to its parent's (and the theme's) colours.
        self._widget.setPalette(QPalette())
