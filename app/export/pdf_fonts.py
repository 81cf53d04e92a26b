"""The PDF's font: DejaVu Sans, shipped with Retro and registered with reportlab once.

reportlab's built-in fonts (Helvetica and friends) only know Latin-1, so a participant named
Ødegård prints but one named Дмитрий or יעל does not. DejaVu Sans covers Latin, Greek, Cyrillic,
Hebrew, Arabic and many symbols. The TTF files live under ``resources/fonts`` (with their
license) and are read through ``importlib.resources``, so an export looks the same on every
machine whatever fonts the system has. reportlab embeds only the glyphs a document uses.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "RetroSans"
BOLD_FONT = "RetroSans-Bold"
ITALIC_FONT = "RetroSans-Oblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    ITALIC_FONT: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered: FontCoverage | None = None


@dataclass(frozen=True, eq=False)
class FontCoverage:
    """The code points each face can draw.

    The regular face decides what prints at all. The bold and oblique faces lack a few scripts
    the regular one has (Arabic, above all), so text set in them falls back to the regular face
    for those characters rather than showing empty boxes.
    """

    faces: Mapping[str, frozenset[int]]

    def covers(self, character: str, font: str = FONT) -> bool:
        return ord(character) in self.faces[font]


def _font_bytes(file_name: str) -> bytes:
    return resources.files("app.resources").joinpath("fonts", file_name).read_bytes()


def register_fonts() -> FontCoverage:
    """Register the family with reportlab (once per process) and say which characters each face
    covers.

    Exports run on a worker thread, so registration is guarded by a lock; reportlab's font
    registry is global.
    """
    global _registered  # noqa: PLW0603 - one registration per process, like reportlab's registry
    with _lock:
        if _registered is None:
            faces = {}
            for name, file_name in _FILES.items():
                font = TTFont(name, io.BytesIO(_font_bytes(file_name)))
                pdfmetrics.registerFont(font)
                faces[name] = frozenset(font.face.charToGlyph)
            # <b>, <i> and both in paragraph markup pick the matching face (no bold oblique is
            # shipped: bold stands in for it).
            addMapping(FONT, 0, 0, FONT)
            addMapping(FONT, 1, 0, BOLD_FONT)
            addMapping(FONT, 0, 1, ITALIC_FONT)
            addMapping(FONT, 1, 1, BOLD_FONT)
            _registered = FontCoverage(MappingProxyType(faces))
        return _registered
