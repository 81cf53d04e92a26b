"""Stage-state icons drawn with QPainter, readable without colour.

The room sees the sidebar on a projector where colours wash out and some people cannot tell
red from green, so each state has its own *shape*: an empty ring (not started), a half-filled
ring (in progress) and a ring with a check mark (exit condition met). The colours are the
theme's ``stage_*`` ones, checked at 3:1 against the window; on the selected row, which sits on
the selection colour, ring and fill take the selection's text colour, so the state reads there.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.domain.contrast import load_themes
from app.domain.stages import StageProgress
from app.ui.theme import applied_theme

ICON_SIZES = (16, 24, 32, 48)


def stage_progress_icon(progress: StageProgress) -> QIcon:
    """The sidebar icon for ``progress`` in the applied theme, with its selected-row look."""
    return _cached_icon(progress, applied_theme().name)


@functools.cache
def _cached_icon(progress: StageProgress, theme_name: str) -> QIcon:
    colours = {name: QColor(value) for name, value in load_themes()[theme_name].colours.items()}
    icon = QIcon()
    for size in ICON_SIZES:
        normal = draw_stage_progress(
            progress, size, colours["stage_outline"], colours["stage_fill"], colours["stage_check"]
        )
        icon.addPixmap(normal, QIcon.Mode.Normal)
        on_selection = draw_stage_progress(
            progress,
            size,
            colours["selection_text"],
            colours["selection_text"],
            colours["selection"],
        )
        icon.addPixmap(on_selection, QIcon.Mode.Selected)
    return icon


def draw_stage_progress(
    progress: StageProgress,
    size: int,
    outline: QColor,
    accent: QColor,
    check: QColor | None = None,
) -> QPixmap:
    """Paint one state icon of ``size`` pixels square on a transparent background; the check
    mark is ``check`` or, if not given, black or white, whichever reads on ``accent``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stroke = max(1.5, size / 12)
    margin = stroke / 2 + size * 0.06
    ring = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    if progress is StageProgress.IN_PROGRESS:
        _fill_left_half(painter, ring, accent)
    elif progress is StageProgress.EXIT_MET:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(ring)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(outline, stroke))
    painter.drawEllipse(ring)
    if progress is StageProgress.EXIT_MET:
        _draw_check(painter, ring, size, check if check is not None else _contrasting(accent))
    painter.end()
    return pixmap


def _fill_left_half(painter: QPainter, ring: QRectF, accent: QColor) -> None:
    path = QPainterPath()
    path.moveTo(ring.center())
    path.arcTo(ring, 90, 180)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(accent)
    painter.drawPath(path)


def _draw_check(painter: QPainter, ring: QRectF, size: int, colour: QColor) -> None:
    pen = QPen(colour, max(2.0, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    left, top, width, height = ring.left(), ring.top(), ring.width(), ring.height()
    painter.drawPolyline(
        [
            QPointF(left + width * 0.27, top + height * 0.52),
            QPointF(left + width * 0.44, top + height * 0.69),
            QPointF(left + width * 0.74, top + height * 0.34),
        ]
    )


def _contrasting(background: QColor) -> QColor:
    """White or black, whichever reads better on ``background``."""
    return QColor("black") if background.lightnessF() > 0.6 else QColor("white")
