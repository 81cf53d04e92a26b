"""The graphics view under the diagram canvas: the picture, zoom, pan, clicks and the highlight.

``DiagramView`` knows nothing of postmortems. It shows one SVG document at a time through a
``QGraphicsSvgItem`` sharing the view's ``QSvgRenderer`` (the same renderer answers where each
element is), and turns mouse, wheel and keyboard input into zooming, panning and clicks on
elements.

Panning is done here rather than with ``QGraphicsView.ScrollHandDrag``: a press that moves less
than the platform's drag distance is a click (on a node: select it), anything longer pans, from
a node or from empty paper alike, and the cursor says which will happen.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from app.domain.contrast import load_themes
from app.ui.diagram.svg_elements import element_item_rects

ZOOM_STEP = 1.25
MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
# A little paper around the drawing, so the outermost nodes do not touch the frame.
SCENE_MARGIN = 16.0
# Space between an element and its highlight, in diagram units.
HIGHLIGHT_PADDING = 6.0
# Keep this much room around an element scrolled into view, in pixels.
VISIBLE_MARGIN = 24
# The diagrams are drawn for paper, as they are exported: Graphviz's colours on white whatever
# the theme, like a sheet laid on the window. The frame around it is the theme's (style sheet).
PAPER = QColor("#ffffff")
# The selection outline sits on that white paper, so it takes the light theme's accent, checked
# at 3:1 against white, in every theme.
HIGHLIGHT = QColor(load_themes()["light"].colours["accent"])
WHEEL_NOTCH = 120  # one step of an ordinary mouse wheel, in eighths of a degree


def _highlight_items() -> tuple[QGraphicsRectItem, QGraphicsRectItem]:
    """A thick dashed outline over a white halo.

    Selection must not rely on colour alone and must show on any node fill: the dashes and the
    thickness say "selected" without colour, the halo keeps them visible on dark fills. Cosmetic
    pens keep the same width in pixels at every zoom.
    """
    halo_pen = QPen(QColor("white"), 7)
    halo_pen.setCosmetic(True)
    halo_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    outline_pen = QPen(HIGHLIGHT, 3, Qt.PenStyle.DashLine)
    outline_pen.setCosmetic(True)
    outline_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    items = (QGraphicsRectItem(), QGraphicsRectItem())
    for z_value, (item, pen) in enumerate(zip(items, (halo_pen, outline_pen), strict=True)):
        item.setPen(pen)
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(10 + z_value)
        item.setVisible(False)
    return items


class DiagramView(QGraphicsView):
    """Shows one SVG picture; zooms, pans, hit-tests and highlights its elements."""

    element_clicked = Signal(str)  # a selectable element was clicked (not dragged)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.viewport().setAccessibleName("Diagram picture")
        self._renderer: QSvgRenderer | None = None
        self._picture: QGraphicsSvgItem | None = None
        self._rects: dict[str, QRectF] = {}
        self._selected: str | None = None
        self._highlight = _highlight_items()
        for item in self._highlight:
            self.scene().addItem(item)
        # Fitting follows the view's size until the user zooms; then their zoom is kept.
        self._fitting = True
        self._applying_fit = False
        self._press_at: QPoint | None = None
        self._press_scroll = QPoint()
        self._panning = False
        # Zoom anchors are computed here (under the mouse, or the view's centre), not by Qt.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(PAPER)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)  # the cursor shows whether a click would select

    # -- the picture ------------------------------------------------------------------------
    @property
    def has_picture(self) -> bool:
        return self._picture is not None

    def show_picture(self, svg: bytes, selectable_ids: Iterable[str]) -> bool:
        """Show ``svg``; False (and the old picture kept) if it is not a readable SVG.

        The zoom and scroll position stay as they were, unless the view is fitting the picture
        (the first picture, or the user chose Fit): then the new picture is fitted too.
        """
        renderer = QSvgRenderer(QByteArray(svg), self)
        if not renderer.isValid():
            renderer.deleteLater()
            return False
        if self._picture is None:
            self._picture = QGraphicsSvgItem()
            # Vector drawing at every zoom; a pixmap cache would blur or grow without bound.
            self._picture.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            self.scene().addItem(self._picture)
        self._picture.setSharedRenderer(renderer)
        if self._renderer is not None:
            self._renderer.deleteLater()
        self._renderer = renderer
        self._rects = element_item_rects(renderer, selectable_ids)
        bounds = self._picture.boundingRect()
        self.setSceneRect(bounds.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))
        # The picture always starts at (0, 0), so the scene's top-left never moves and the scroll
        # bars keep their values by themselves; only a fitted view needs to fit again.
        if self._fitting:
            self._apply_fit()
        # A selection that survives the edit keeps its outline; the view does not jump to it.
        self._place_highlight(self._selected, reveal=False)
        self._update_cursor(self.viewport().mapFromGlobal(QCursor.pos()))
        return True

    def clear(self) -> None:
        """No picture; the next one is fitted to the view."""
        if self._picture is not None:
            self.scene().removeItem(self._picture)
            self._picture = None
        if self._renderer is not None:
            self._renderer.deleteLater()
            self._renderer = None
        self._rects = {}
        self._place_highlight(None, reveal=False)
        self.setSceneRect(QRectF())
        self._fitting = True
        self.resetTransform()
        self.viewport().unsetCursor()
        self.zoom_changed.emit(self.zoom_factor)

    # -- elements ---------------------------------------------------------------------------
    def element_rect(self, element_id: str) -> QRectF | None:
        """Where a selectable element is drawn, in scene coordinates."""
        rect = self._rects.get(element_id)
        return QRectF(rect) if rect is not None else None

    def element_at(self, view_pos: QPoint) -> str | None:
        """The selectable element under ``view_pos`` (viewport coordinates), if any.

        Where elements overlap (a node inside a cluster), the smallest one wins: it is the one
        the pointer is visibly on.
        """
        point = self.mapToScene(view_pos)
        hits = [(rect.width() * rect.height(), i) for i, rect in self._rects.items()]
        hits = [(area, i) for area, i in hits if self._rects[i].contains(point)]
        return min(hits)[1] if hits else None

    @property
    def selected_element(self) -> str | None:
        return self._selected

    def select_element(self, element_id: str | None) -> None:
        """Outline ``element_id`` and scroll it into view; None removes the outline.

        Ids the picture does not have (or were not selectable) are ignored.
        """
        if element_id is not None and element_id not in self._rects:
            return
        self._selected = element_id
        self._place_highlight(element_id, reveal=True)

    def _place_highlight(self, element_id: str | None, *, reveal: bool) -> None:
        rect = self._rects.get(element_id) if element_id is not None else None
        if rect is None:
            self._selected = None
            for item in self._highlight:
                item.setVisible(False)
            return
        padded = rect.adjusted(
            -HIGHLIGHT_PADDING, -HIGHLIGHT_PADDING, HIGHLIGHT_PADDING, HIGHLIGHT_PADDING
        )
        for item in self._highlight:
            item.setRect(padded)
            item.setVisible(True)
        if reveal:
            self.ensureVisible(padded, VISIBLE_MARGIN, VISIBLE_MARGIN)

    # -- zoom -------------------------------------------------------------------------------
    @property
    def zoom_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the point under ``anchor`` (default: the centre) still."""
        if self._picture is None:
            return
        current = self.zoom_factor
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, current * factor))
        self._fitting = False
        if zoom == current:
            return
        if anchor is None:
            anchor = self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        moved = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoom_changed.emit(zoom)

    def fit(self) -> None:
        """Show the whole picture, and keep doing so as the view or the picture changes size.

        Small pictures are not enlarged past 100%: Graphviz sizes its text to be read at that
        scale, and a three-node diagram blown up to fill a screen reads worse, not better.
        """
        self._fitting = True
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self._picture is None or self._applying_fit:
            return
        area = self.viewport().rect()
        target = self.sceneRect()
        if area.isEmpty() or target.isEmpty():
            return
        zoom = min(area.width() / target.width(), area.height() / target.height(), 1.0)
        self._applying_fit = True
        try:  # showing or hiding scroll bars resizes the viewport, which would fit again
            self.setTransform(QTransform.fromScale(max(zoom, MIN_ZOOM), max(zoom, MIN_ZOOM)))
            self.centerOn(target.center())
        finally:
            self._applying_fit = False
        self.zoom_changed.emit(self.zoom_factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitting:
            self._apply_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)  # plain wheel scrolls
            return
        event.accept()
        notches = event.angleDelta().y() / WHEEL_NOTCH
        if notches:  # touchpads send fractions of a notch: zoom smoothly in proportion
            self.zoom_by(ZOOM_STEP**notches, event.position().toPoint())

    # -- pan and click ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._picture is None:
            super().mousePressEvent(event)
            return
        event.accept()
        self._press_at = event.position().toPoint()
        self._press_scroll = QPoint(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        self._panning = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if self._press_at is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._update_cursor(position)
            super().mouseMoveEvent(event)
            return
        event.accept()
        moved = position - self._press_at
        if not self._panning and moved.manhattanLength() >= QApplication.startDragDistance():
            self._panning = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._panning:
            self.horizontalScrollBar().setValue(self._press_scroll.x() - moved.x())
            self.verticalScrollBar().setValue(self._press_scroll.y() - moved.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press_at is None:
            super().mouseReleaseEvent(event)
            return
        event.accept()
        was_click = not self._panning
        self._press_at = None
        self._panning = False
        position = event.position().toPoint()
        self._update_cursor(position)
        element = self.element_at(position) if was_click else None
        if element is not None:
            self.element_clicked.emit(element)

    def _update_cursor(self, position: QPoint) -> None:
        if self._picture is None:
            self.viewport().unsetCursor()
        elif self.viewport().rect().contains(position) and self.element_at(position):
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows now."""
        return self.mapToScene(QRect(QPoint(0, 0), self.viewport().size())).boundingRect()
