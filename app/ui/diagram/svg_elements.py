"""Where the elements of a Graphviz SVG are drawn, for hit testing and highlighting.

Graphviz writes each node as ``<g id="NODEID" class="node">`` inside one graph group that carries
``transform="scale(s) rotate(0) translate(x y)"``. ``QSvgRenderer.boundsOnElement`` gives an
element's bounds in its own coordinates, without the transforms of its parents;
``transformForElement`` gives exactly those parent transforms. Together they give the element in
the document's user space (the viewBox); ``QGraphicsSvgItem`` draws the viewBox stretched over
``defaultSize()`` starting at (0, 0), so one more scale gives the item's coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtSvg import QSvgRenderer


def element_item_rect(renderer: QSvgRenderer, element_id: str) -> QRectF | None:
    """The rect ``element_id`` covers in a ``QGraphicsSvgItem`` showing the whole document.

    None when the document has no element with that id.
    """
    if not element_id or not renderer.elementExists(element_id):
        return None
    bounds = renderer.boundsOnElement(element_id)
    user_rect = renderer.transformForElement(element_id).mapRect(bounds)
    view_box = renderer.viewBoxF()
    size = renderer.defaultSize()
    if view_box.isEmpty() or size.isEmpty():
        return user_rect  # no viewBox: user space is already the item's space
    scale_x = size.width() / view_box.width()
    scale_y = size.height() / view_box.height()
    return QRectF(
        (user_rect.x() - view_box.x()) * scale_x,
        (user_rect.y() - view_box.y()) * scale_y,
        user_rect.width() * scale_x,
        user_rect.height() * scale_y,
    )


def element_item_rects(renderer: QSvgRenderer, element_ids: Iterable[str]) -> dict[str, QRectF]:
    """The item rects of those ``element_ids`` the document has; ids it lacks are left out."""
    rects: dict[str, QRectF] = {}
    for element_id in element_ids:
        rect = element_item_rect(renderer, element_id)
        if rect is not None:
            rects[element_id] = rect
    return rects
