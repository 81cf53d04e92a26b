"""How milestones and key events look in the timeline table: colour, shape and shortcut.

A projector washes colours out and some of the room cannot tell red from green, so every
milestone has its own *shape* as well as its colour: onset a triangle (something went wrong),
detection a diamond, mitigation a square, resolution a ring with a check mark. Shapes are drawn
with QPainter at any size, so they grow with the font in presentation mode.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)

from app.domain.model import Milestone
from app.ui.theme import current_colour

# The order of an incident, which is also the order choices and shortcuts are listed in.
MILESTONE_ORDER = (Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION)

_COLOURS = {
    Milestone.ONSET: QColor("#c62828"),
    Milestone.DETECTION: QColor("#e65100"),
    Milestone.MITIGATION: QColor("#1565c0"),
    Milestone.RESOLUTION: QColor("#2e7d32"),
}
_SHORTCUT_KEYS = {
    Milestone.ONSET: "Ctrl+Shift+O",
    Milestone.DETECTION: "Ctrl+Shift+D",
    Milestone.MITIGATION: "Ctrl+Shift+M",
    Milestone.RESOLUTION: "Ctrl+Shift+R",
}
_ROW_TINT_ALPHA = 38
STAR_COLOUR = QColor("#f2a900")
STAR_OUTLINE = QColor("#8a6100")
_ICON_SIZES = (16, 20, 24, 32, 48)


def problem_colour() -> QColor:
    """Text and marks of a cell that holds something not right: the theme's error colour."""
    return current_colour("error_text")


def problem_tint() -> QColor:
    """The background of such a cell, on which ``problem_colour`` text is checked."""
    return current_colour("error_background")


def milestone_colour(milestone: Milestone) -> QColor:
    """The strong colour of ``milestone``: its icon and the text of its label."""
    return QColor(_COLOURS[milestone])


def milestone_tint(milestone: Milestone) -> QColor:
    """A translucent wash of the milestone's colour for its row, legible on light and dark."""
    tint = milestone_colour(milestone)
    tint.setAlpha(_ROW_TINT_ALPHA)
    return tint


def milestone_shortcut(milestone: Milestone) -> QKeySequence:
    """The key that marks the selected event as ``milestone`` (pressed again, unmarks it)."""
    return QKeySequence(_SHORTCUT_KEYS[milestone])


def shortcut_text(milestone: Milestone) -> str:
    return milestone_shortcut(milestone).toString(QKeySequence.SequenceFormat.NativeText)


def milestone_icon(milestone: Milestone) -> QIcon:
    """The milestone's shape as an icon, drawn at several sizes so it stays crisp when scaled."""
    return _cached_icon(milestone)


@functools.cache
def _cached_icon(milestone: Milestone) -> QIcon:
    icon = QIcon()
    for size in _ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        draw_milestone_shape(painter, QRectF(0, 0, size, size), milestone)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def draw_milestone_shape(painter: QPainter, rect: QRectF, milestone: Milestone) -> None:
    """Paint the shape of ``milestone`` filling the square ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = milestone_colour(milestone)
    side = min(rect.width(), rect.height())
    stroke = max(1.0, side / 14)
    inner = QRectF(0, 0, side, side)
    inner.moveCenter(rect.center())
    inner.adjust(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1)
    painter.setPen(QPen(colour.darker(140), stroke))
    painter.setBrush(colour)
    if milestone is Milestone.ONSET:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(inner.center().x(), inner.top()),
                    inner.bottomRight(),
                    inner.bottomLeft(),
                ]
            )
        )
    elif milestone is Milestone.DETECTION:
        centre = inner.center()
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), inner.top()),
                    QPointF(inner.right(), centre.y()),
                    QPointF(centre.x(), inner.bottom()),
                    QPointF(inner.left(), centre.y()),
                ]
            )
        )
    elif milestone is Milestone.MITIGATION:
        square = inner.adjusted(side * 0.06, side * 0.06, -side * 0.06, -side * 0.06)
        painter.drawRect(square)
    else:
        _draw_check_ring(painter, inner, colour, side)
    painter.restore()


def _draw_check_ring(painter: QPainter, inner: QRectF, colour: QColor, side: float) -> None:
    painter.drawEllipse(inner)
    tick = QPainterPath()
    tick.moveTo(inner.left() + inner.width() * 0.24, inner.top() + inner.height() * 0.52)
    tick.lineTo(inner.left() + inner.width() * 0.43, inner.top() + inner.height() * 0.70)
    tick.lineTo(inner.left() + inner.width() * 0.77, inner.top() + inner.height() * 0.32)
    pen = QPen(QColor("white"), max(1.5, side / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(tick)


def star_polygon(rect: QRectF) -> QPolygonF:
    """A five-pointed star inscribed in the square centred in ``rect``."""
    side = min(rect.width(), rect.height())
    centre = rect.center()
    outer, inner = side / 2, side / 2 * 0.45
    points = []
    for point in range(10):
        radius = outer if point % 2 == 0 else inner
        angle = -math.pi / 2 + point * math.pi / 5
        points.append(
            QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
        )
    return QPolygonF(points)


def draw_star(painter: QPainter, rect: QRectF, *, filled: bool, outline: QColor) -> None:
    """A gold star for a key event; an outline in ``outline`` (a faint colour) for the rest."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    if filled:
        painter.setPen(QPen(STAR_OUTLINE, max(1.0, side / 16)))
        painter.setBrush(STAR_COLOUR)
    else:
        painter.setPen(QPen(outline, max(1.0, side / 16)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolygon(star_polygon(rect))
    painter.restore()


def draw_problem_badge(painter: QPainter, rect: QRectF) -> None:
    """A disc in the error colour with a "!" in the base colour (white on a light theme) in
    ``rect``: this cell holds something that is not right."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    disc = QRectF(0, 0, side, side)
    disc.moveCenter(rect.center())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(problem_colour())
    painter.drawEllipse(disc)
    pen = QPen(current_colour("base"), max(1.5, side / 7))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x = disc.center().x()
    painter.drawLine(QPointF(x, disc.top() + side * 0.24), QPointF(x, disc.top() + side * 0.56))
    painter.drawPoint(QPointF(x, disc.top() + side * 0.76))
    painter.restore()
