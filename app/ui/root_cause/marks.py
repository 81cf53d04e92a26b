"""How causes and answers are marked in the outlines: classification shapes and warnings.

Outlines are read off a projector, where colours wash out and some of the room cannot tell red
from green, so each classification has its own *shape*: a target for the root cause, a filled
square for a contributing factor, a struck-through circle for ruled out and a dashed ring for
undecided. A blame warning is an amber triangle with "!", and a five-whys chain that stops
without a root cause ends in an arrow against a bar. Everything is drawn with QPainter at
several sizes so it stays crisp when presentation mode enlarges the font.

Colours come from the applied theme, whose contrast tests/domain/test_contrast.py checks (3:1
against the window and the lists), so what is drawn is what was checked; icons are cached per
theme. The diagram's own marks are drawn by Graphviz and stay as rendered.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from app.domain.contrast import load_themes
from app.domain.model import CauseClassification
from app.ui.theme import applied_theme

CLASSIFICATION_ORDER = (
    CauseClassification.UNDECIDED,
    CauseClassification.ROOT_CAUSE,
    CauseClassification.CONTRIBUTING_FACTOR,
    CauseClassification.RULED_OUT,
)
_SHAPE_NAMES = {
    CauseClassification.ROOT_CAUSE: "target",
    CauseClassification.CONTRIBUTING_FACTOR: "square",
    CauseClassification.RULED_OUT: "struck-out circle",
    CauseClassification.UNDECIDED: "dashed ring",
}
# The blame triangle carries its own contrast (a dark outline and "!" on amber), so it reads on
# any theme's background.
WARNING_FILL = QColor("#f9a825")
WARNING_OUTLINE = QColor("#6d4c00")
ICON_SIZES = (16, 20, 24, 32, 48)
CHAIN_END_TIP = (
    "This chain stops without a root cause: ask why again, or classify an answer as the root cause"
)


def shape_name(classification: CauseClassification) -> str:
    """The shape that marks ``classification``, for tooltips and the key help."""
    return _SHAPE_NAMES[classification]


def classification_icon(classification: CauseClassification) -> QIcon:
    """The shape of ``classification`` alone, square, e.g. for the details pane's choices."""
    return outline_icon(classification, slots=1)


def outline_icon(
    classification: CauseClassification | None,
    *,
    blame: bool = False,
    chain_end: bool = False,
    slots: int = 2,
) -> QIcon:
    """One icon ``slots`` squares wide: the classification, then a blame mark, then a chain end.

    Each mark keeps its own slot (an empty slot stays blank), so the text after the icon lines
    up down the outline whichever marks a row has.
    """
    return _outline_icon(classification, blame, chain_end, slots, applied_theme().name)


@functools.cache
def _outline_icon(
    classification: CauseClassification | None,
    blame: bool,
    chain_end: bool,
    slots: int,
    theme_name: str,
) -> QIcon:
    colours = load_themes()[theme_name].colours
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size * slots, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if classification is not None:
            colour = QColor(colours[classification.value])
            draw_classification(painter, QRectF(0, 0, size, size), classification, colour)
        if blame and slots > 1:
            draw_blame_warning(painter, QRectF(size, 0, size, size))
        if chain_end and slots > 2:
            draw_chain_end(painter, QRectF(2 * size, 0, size, size), QColor(colours["accent"]))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _inner(rect: QRectF, margin: float = 0.14) -> QRectF:
    side = min(rect.width(), rect.height())
    inner = QRectF(0, 0, side, side)
    inner.moveCenter(rect.center())
    return inner.adjusted(side * margin, side * margin, -side * margin, -side * margin)


def draw_classification(
    painter: QPainter, rect: QRectF, classification: CauseClassification, colour: QColor
) -> None:
    """Paint the shape of ``classification`` in ``colour``, filling the square ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = _inner(rect)
    side = inner.width()
    stroke = max(1.2, side / 8)
    if classification is CauseClassification.ROOT_CAUSE:
        painter.setPen(QPen(colour, stroke))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2))
        dot = QRectF(0, 0, side * 0.42, side * 0.42)
        dot.moveCenter(inner.center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(dot)
    elif classification is CauseClassification.CONTRIBUTING_FACTOR:
        painter.setPen(QPen(colour.darker(140), max(1.0, side / 14)))
        painter.setBrush(colour)
        painter.drawRect(inner.adjusted(side * 0.08, side * 0.08, -side * 0.08, -side * 0.08))
    elif classification is CauseClassification.RULED_OUT:
        painter.setPen(QPen(colour, stroke))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = inner.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2)
        painter.drawEllipse(ring)
        offset = ring.width() * 0.35
        centre = ring.center()
        painter.drawLine(
            QPointF(centre.x() - offset, centre.y() + offset),
            QPointF(centre.x() + offset, centre.y() - offset),
        )
    else:
        pen = QPen(colour, stroke)
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2))
    painter.restore()


def draw_blame_warning(painter: QPainter, rect: QRectF) -> None:
    """An amber triangle with "!": the text may name a person where a system belongs."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = _inner(rect, 0.08)
    side = inner.width()
    painter.setPen(QPen(WARNING_OUTLINE, max(1.0, side / 14)))
    painter.setBrush(WARNING_FILL)
    painter.drawPolygon(
        QPolygonF(
            [QPointF(inner.center().x(), inner.top()), inner.bottomRight(), inner.bottomLeft()]
        )
    )
    pen = QPen(WARNING_OUTLINE, max(1.2, side / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x = inner.center().x()
    painter.drawLine(QPointF(x, inner.top() + side * 0.38), QPointF(x, inner.top() + side * 0.66))
    painter.drawPoint(QPointF(x, inner.top() + side * 0.84))
    painter.restore()


def draw_chain_end(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """An arrow stopped by a bar: the chain of whys ends here without a root cause."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = _inner(rect)
    side = inner.width()
    pen = QPen(colour, max(1.3, side / 7))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    y = inner.center().y()
    tip = inner.right() - side * 0.22
    painter.drawLine(QPointF(inner.left(), y), QPointF(tip, y))
    painter.drawLine(QPointF(tip - side * 0.3, y - side * 0.3), QPointF(tip, y))
    painter.drawLine(QPointF(tip - side * 0.3, y + side * 0.3), QPointF(tip, y))
    painter.drawLine(QPointF(inner.right(), inner.top()), QPointF(inner.right(), inner.bottom()))
    painter.restore()
