"""The PDF's house style: page sizes and margins, colours, paragraph and table styles.

Print-friendly on purpose: black text on white, one accent colour (headings, links, the rule
under table headers), light tints for table headers and zebra rows that survive a grey-scale
printer, and generous margins with room for the running header and footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from app.export.pdf_fonts import BOLD_FONT, FONT, ITALIC_FONT

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

LEFT_MARGIN = RIGHT_MARGIN = 22 * mm
TOP_MARGIN = 26 * mm
BOTTOM_MARGIN = 24 * mm
HEADER_OFFSET = 13 * mm  # from the top edge to the header's baseline
FOOTER_OFFSET = 12 * mm  # from the bottom edge to the footer's baseline

INK = colors.black
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1F5A85")
RULE = colors.HexColor("#B8C2CC")
HEADER_FILL = colors.HexColor("#E3EBF2")
ZEBRA_FILL = colors.HexColor("#F4F6F8")

BODY_SIZE = 9.5
CELL_SIZE = 8.5
NOTE_SIZE = 8.5


def _style(name: str, **settings: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.35,
        "textColor": INK,
        "alignment": TA_LEFT,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(settings)
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style one document uses, made after the fonts are registered."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    contents: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]
    body: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    label_cell: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]

    def heading(self, level: int) -> ParagraphStyle:
        """The heading style for a section ``level`` deep (0 for top-level sections)."""
        return self.headings[min(level, len(self.headings) - 1)]


def make_styles() -> Styles:
    """The house styles (the fonts must be registered first)."""
    heading_sizes = ((16.0, 16.0, 6.0), (12.5, 12.0, 4.0), (10.5, 9.0, 3.0))
    return Styles(
        title=_style("RetroTitle", fontName=BOLD_FONT, fontSize=22, leading=27, spaceAfter=6),
        subtitle=_style("RetroSubtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=14),
        contents=_style(
            "RetroContents",
            fontName=BOLD_FONT,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=18,
            spaceAfter=6,
        ),
        headings=tuple(
            _style(
                f"RetroHeading{level}",
                fontName=BOLD_FONT,
                fontSize=size,
                leading=size * 1.25,
                textColor=ACCENT if level == 0 else INK,
                spaceBefore=before,
                spaceAfter=after,
                keepWithNext=1,
            )
            for level, (size, before, after) in enumerate(heading_sizes)
        ),
        body=_style("RetroBody", spaceAfter=6),
        note=_style(
            "RetroNote",
            fontName=ITALIC_FONT,
            fontSize=NOTE_SIZE,
            leading=NOTE_SIZE * 1.35,
            textColor=MUTED,
            spaceAfter=6,
        ),
        caption=_style(
            "RetroCaption",
            fontName=ITALIC_FONT,
            fontSize=NOTE_SIZE,
            leading=NOTE_SIZE * 1.35,
            textColor=MUTED,
            spaceBefore=4,
            spaceAfter=10,
        ),
        cell=_style("RetroCell", fontSize=CELL_SIZE, leading=CELL_SIZE * 1.3),
        header_cell=_style(
            "RetroHeaderCell", fontName=BOLD_FONT, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.3
        ),
        label_cell=_style(
            "RetroLabelCell",
            fontName=BOLD_FONT,
            fontSize=CELL_SIZE,
            leading=CELL_SIZE * 1.3,
            textColor=MUTED,
        ),
        toc_levels=tuple(
            _style(
                f"RetroToc{level}",
                fontName=BOLD_FONT if level == 0 else FONT,
                fontSize=10 if level == 0 else 9,
                leading=14 if level == 0 else 12,
                leftIndent=level * 14,
                firstLineIndent=0,
                spaceBefore=3 if level == 0 else 0,
            )
            for level in range(3)
        ),
    )


def table_style(*, header: bool, zebra: bool) -> TableStyle:
    """Thin rules between rows, a tinted header row over an accent rule, zebra rows."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    first_body_row = 1 if header else 0
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, first_body_row), (-1, -1), [None, ZEBRA_FILL]))
    return TableStyle(commands)
