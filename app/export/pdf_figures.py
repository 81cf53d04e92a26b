"""Diagrams in the PDF: SVG through svglib as vector graphics, scaled to fit the page.

svglib turns the SVG into a reportlab ``Drawing``, so lines and labels stay sharp at any zoom
and the text stays searchable (no raster image). Three decisions:

- every font family in the SVG maps to the document's own DejaVu faces, so labels in any script
  print, and svglib never asks fontconfig for a system font (that would run a subprocess and
  make the result depend on the machine);
- label characters the font cannot show are replaced by the document's visible marker, like
  everywhere else;
- the SVG is parsed from bytes with entity resolution off, so a reference to a local file is
  refused (svglib only follows relative paths for SVGs read from a file); anything svglib cannot
  read gives ``None`` and the writer prints a note instead.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.platypus.flowables import Flowable
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

from app.export.pdf_fonts import BOLD_FONT, FONT, ITALIC_FONT
from app.export.pdf_text import PrintableText

_BOLD_WEIGHTS = {"bold", "bolder", "600", "700", "800", "900"}
_FACES = {FONT, BOLD_FONT, ITALIC_FONT}


class DocumentFontMap(FontMap):
    """Maps every SVG font family to the document's font (bold and italic where asked)."""

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        if str(weight).lower() in _BOLD_WEIGHTS or "bold" in font_name.lower():
            return BOLD_FONT, True
        if str(style).lower() in ("italic", "oblique"):
            return ITALIC_FONT, True
        return FONT, True


def svg_drawing(svg: bytes, printer: PrintableText) -> Drawing | None:
    """The SVG as a reportlab drawing with printable labels, or None if svglib cannot read it."""
    try:
        drawing = svg2rlg(io.BytesIO(svg), font_map=DocumentFontMap())
    except Exception:  # any failure to read the picture becomes a note, not a crash
        return None
    if drawing is None or not drawing.width > 0 or not drawing.height > 0:
        return None
    _printable_labels(drawing, printer)
    return drawing


def _printable_labels(group: Any, printer: PrintableText) -> None:
    for node in getattr(group, "contents", ()):
        if isinstance(node, String):
            node.text = printer.line(str(node.text))
            # A label svglib gave no font (or a font of its own) is set in the document's.
            font = str(node.fontName)
            if font not in _FACES:
                font = BOLD_FONT if "bold" in font.lower() else FONT
            node.fontName = printer.face_for(node.text, font)
        elif isinstance(node, Group):
            _printable_labels(node, printer)


class Picture(Flowable):  # type: ignore[misc]
    """A drawing scaled down (never up) to fit a width and height, centred in the frame.

    A plain flowable around the drawing: ``Drawing`` refuses attributes it does not know, such
    as the ``keepWithNext`` that keeps a picture with its caption.
    """

    def __init__(self, drawing: Drawing, max_width: float, max_height: float) -> None:
        super().__init__()
        self.drawing = drawing
        natural_width, natural_height = float(drawing.width), float(drawing.height)
        self.scale = min(1.0, max_width / natural_width, max_height / natural_height)
        self.width = natural_width * self.scale
        self.height = natural_height * self.scale
        self.hAlign = "CENTER"
        self.keepWithNext = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()
