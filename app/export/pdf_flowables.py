"""The document's blocks as reportlab flowables: paragraphs, lists, tables, key-values, figures.

Every string passes through one ``PrintableText`` (escaping, the font's coverage) before it
becomes paragraph markup; the only markup added here is Retro's own (links, line breaks).
Table cells are paragraphs, so long text wraps inside its column. A cell too long to sit in a
table row (reportlab would re-measure it on every page it spans, or give up) shows its start
and moves its full text to a numbered note below the table: nothing is hidden, nothing crashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    LongTable,
    Spacer,
)
from reportlab.platypus import Paragraph as ReportlabParagraph

from app.export.document import (
    Block,
    BulletList,
    Cell,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Table,
)
from app.export.pdf_columns import MEASURED_ROWS, column_widths
from app.export.pdf_figures import Picture, svg_drawing
from app.export.pdf_fonts import BOLD_FONT, FONT
from app.export.pdf_styles import ACCENT, BODY_SIZE, Styles, table_style
from app.export.pdf_text import PrintableText, attribute, link_target

CELL_LIMIT = 1_500
"""Characters (or CELL_LINES lines) a table cell holds before its full text moves to a note."""
CELL_LINES = 30
CELL_SHOWN = 400
"""Characters a cell shows of a text that moved to a note."""
HEADER_LIMIT = 120
"""Characters of a column name: the header row repeats on every page, so it must stay small."""
CAPTION_ROOM = 80.0
"""Points kept free under a figure for its caption, so both fit on one page."""
HEADING_ROOM = 40.0
"""Points a section heading takes (kept on the page of the block that follows it)."""
KEY_WIDTH = 0.3


@dataclass
class BlockFlowables:
    """Makes the flowables for one document's blocks, in a frame ``width`` by ``height``."""

    printer: PrintableText
    styles: Styles
    width: float
    height: float

    def blocks(self, blocks: tuple[Block, ...]) -> list[Any]:
        """The flowables for ``blocks``, in order."""
        flowables: list[Any] = []
        for block in blocks:
            flowables.extend(self.block(block))
        return flowables

    def block(self, block: Block) -> list[Any]:
        """The flowables for one block (none for an empty one)."""
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, BulletList):
            return self.bullets(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, KeyValues):
            return self.key_values(block)
        return self.figure(block)

    def paragraph(self, paragraph: Paragraph) -> list[Any]:
        if not paragraph.text:
            return []
        style = self.styles.note if paragraph.note else self.styles.body
        return self.paragraphs(paragraph.text, style)

    def bullets(self, bullets: BulletList) -> list[Any]:
        if not bullets.items:
            return []
        items = [ListItem(self.paragraphs(item, self.styles.body)) for item in bullets.items]
        return [
            ListFlowable(
                items,
                bulletType="bullet",
                start="•",
                bulletFontName=FONT,
                bulletFontSize=BODY_SIZE,
                leftIndent=14,
                bulletOffsetY=0,
            ),
            Spacer(1, 4),
        ]

    def table(self, table: Table) -> list[Any]:
        """A table whose header row repeats on each page, zebra rows, widths fitted to the frame."""
        columns = max([len(table.header), *(len(row) for row in table.rows)])
        if columns == 0:
            return []
        header = [*table.header, *([""] * (columns - len(table.header)))]
        notes: list[Any] = []
        data = [
            [
                ReportlabParagraph(
                    self.printer.short_markup(name, HEADER_LIMIT, BOLD_FONT),
                    self.styles.header_cell,
                )
                for name in header
            ]
        ]
        for number, row in enumerate(table.rows, start=1):
            cells = [*row, *([""] * (columns - len(row)))]
            data.append(
                [
                    self._cell(cell, f"{header[column]}, row {number}", notes)
                    for column, cell in enumerate(cells)
                ]
            )
        flowable = LongTable(
            data,
            colWidths=column_widths(
                table.widths,
                header,
                [[_shown_text(cell) for cell in row] for row in table.rows[:MEASURED_ROWS]],
                self.width,
            ),
            repeatRows=1,
            splitByRow=1,
            splitInRow=1,
            hAlign="LEFT",
            style=table_style(header=True, zebra=True),
        )
        return [flowable, *notes, Spacer(1, 8)]

    def key_values(self, key_values: KeyValues) -> list[Any]:
        """Label and value pairs as a two-column table (labels bold and muted)."""
        if not key_values.pairs:
            return []
        notes: list[Any] = []
        data = [
            [
                ReportlabParagraph(self.printer.markup(label, BOLD_FONT), self.styles.label_cell),
                self._cell(value, label, notes),
            ]
            for label, value in key_values.pairs
        ]
        flowable = LongTable(
            data,
            colWidths=[self.width * KEY_WIDTH, self.width * (1 - KEY_WIDTH)],
            splitByRow=1,
            splitInRow=1,
            hAlign="LEFT",
            style=table_style(header=False, zebra=False),
        )
        return [flowable, *notes, Spacer(1, 8)]

    def figure(self, figure: Figure) -> list[Any]:
        """The SVG as vector graphics scaled into the frame, with its caption; or a note."""
        drawing = svg_drawing(figure.svg, self.printer)
        if drawing is None:
            what = figure.caption or figure.name
            text = f"The picture “{what}” could not be drawn."
            if figure.alt:
                text += f" It shows: {figure.alt}"
            return self.paragraphs(text, self.styles.note)
        # Room for the caption and a section heading: a figure is kept on one page with both.
        picture = Picture(drawing, self.width, self.height - CAPTION_ROOM - HEADING_ROOM)
        if figure.caption:
            return [picture, *self.paragraphs(figure.caption, self.styles.caption)]
        return [picture, Spacer(1, 10)]

    def paragraphs(self, cell: Cell, style: ParagraphStyle) -> list[Any]:
        """Text or a link as one paragraph, or as several in a row when it is very long.

        The pieces share the style but not its space before and after, so they read as one.
        """
        pieces = self.printer.pieces(_shown_text(cell), style.fontName)
        pieces = [self._link(cell, piece) for piece in pieces]
        if len(pieces) == 1:
            return [ReportlabParagraph(pieces[0], style)]
        first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
        middle = ParagraphStyle(f"{style.name}-middle", parent=first, spaceBefore=0)
        last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
        styles = [first, *([middle] * (len(pieces) - 2)), last]
        return [ReportlabParagraph(piece, part) for piece, part in zip(pieces, styles, strict=True)]

    def cell_markup(self, cell: Cell) -> str:
        """A cell or list item as markup: text, or a link when its URL is http or https."""
        return self._link(cell, self.printer.markup(_shown_text(cell)))

    def _link(self, cell: Cell, markup: str) -> str:
        """``markup`` (the cell's text) inside a link to the cell's URL, if it is one to follow."""
        if isinstance(cell, str):
            return markup
        target = link_target(cell.url)
        if target is None:
            return markup
        return f'<a href="{attribute(target)}" color="{ACCENT.hexval()}">{markup}</a>'

    def _cell(self, cell: Cell, where: str, notes: list[Any]) -> Any:
        text = cell.text if isinstance(cell, Link) else cell
        if len(text) <= CELL_LIMIT and text.count("\n") <= CELL_LINES:
            return ReportlabParagraph(self.cell_markup(cell), self.styles.cell)
        number = len(notes) + 1
        start = "\n".join(text[:CELL_SHOWN].split("\n")[: CELL_LINES // 2])
        shown: Cell = Link(start, cell.url) if isinstance(cell, Link) else start
        continued = self.printer.markup(f" … [continued in note {number} below this table]")
        notes += self.paragraphs(f"[{number}] {where}: {text}", self.styles.note)
        return ReportlabParagraph(self.cell_markup(shown) + continued, self.styles.cell)


def _shown_text(cell: Cell) -> str:
    """What a cell shows: its text; for a link Retro will not follow, the text and the URL."""
    if isinstance(cell, str):
        return cell
    text = cell.text or cell.url
    if link_target(cell.url) is None and cell.url and text != cell.url:
        # Not a link Retro follows (file:, javascript:, a typo): say where it pointed, as text.
        return f"{text} ({cell.url})"
    return text
