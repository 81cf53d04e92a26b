"""The PDF writer: an ``ExportDocument`` as a paged, print-friendly PDF (reportlab Platypus).

The title page has the title, subtitle, the title block and a table of contents whose entries
link to their sections; every page after it has a running header (title, audience) and every
page a footer ("Page N of M"); sections are headings with outline entries (PDF bookmarks).
The contents' page numbers and the page total are only known once the document is laid out;
they are drawn as forms defined after the layout (see ``pdf_contents``), so one layout pass
makes the document, where reportlab's own table of contents would need two.

The document is plain text throughout; ``PrintableText`` escapes it for reportlab's markup and
marks characters the font cannot show, and a closing note says when that happened.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError

from app.export.document import ExportDocument
from app.export.files import replace_file
from app.export.pdf_contents import CALLBACK as CONTENTS_CALLBACK
from app.export.pdf_contents import Contents
from app.export.pdf_flowables import BlockFlowables
from app.export.pdf_fonts import FONT, register_fonts
from app.export.pdf_story import SectionAnchor, Story
from app.export.pdf_styles import (
    BOTTOM_MARGIN,
    FOOTER_OFFSET,
    HEADER_OFFSET,
    LEFT_MARGIN,
    MUTED,
    PAGE_SIZES,
    RIGHT_MARGIN,
    RULE,
    TOP_MARGIN,
    PageSize,
    make_styles,
)
from app.export.pdf_text import PrintableText

CREATOR = "Retro"
HEADER_SIZE = 8.0
SAFE_LIMIT = 2_000
"""Characters per text in the fallback build, when reportlab cannot lay the full text out."""


def pdf_bytes(document: ExportDocument, *, page_size: PageSize = "A4") -> bytes:
    """The document as PDF bytes (for previews and tests; ``write_pdf`` writes a file)."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page_size!r}: A4 or Letter")
    try:
        return _render(document, page_size, limit=None)
    except LayoutError:
        # Something reportlab cannot place on any page (it should not happen: long cells move to
        # notes, figures are scaled, rows may split). Rather than fail the export, print every
        # long text shortened, visibly, and say so at the end.
        return _render(document, page_size, limit=SAFE_LIMIT)


def write_pdf(document: ExportDocument, path: Path, *, page_size: PageSize = "A4") -> None:
    """Write the document to ``path`` as PDF, atomically: a complete file or none at all.

    The PDF is made in memory first, then written to a temporary file in the same folder and
    moved over ``path``; on any failure ``path`` is untouched (OSError when writing fails).
    """
    replace_file(path, pdf_bytes(document, page_size=page_size))


def _render(document: ExportDocument, page_size: PageSize, *, limit: int | None) -> bytes:
    printer = PrintableText(register_fonts(), limit=limit)
    styles = make_styles()
    buffer = io.BytesIO()
    template = _DocumentTemplate(buffer, document, printer, page_size)
    template.contents = Contents(styles, template.width)
    blocks = BlockFlowables(printer, styles, template.width, template.height)
    story = Story(printer, styles, blocks, template.contents)
    story.add_document(document)
    template.build(story.flowables, canvasmaker=partial(_FinishingCanvas, finish=template.finish))
    return buffer.getvalue()


class _FinishingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that lets the template add what only the finished layout knows, before saving."""

    def __init__(self, *arguments: Any, finish: Callable[[Any], None], **options: Any) -> None:
        super().__init__(*arguments, **options)
        self._finish = finish

    def save(self) -> None:
        self._finish(self)
        super().save()


class _DocumentTemplate(BaseDocTemplate):  # type: ignore[misc]
    """One frame per page with the running header and footer drawn around it."""

    def __init__(
        self,
        target: io.BytesIO,
        document: ExportDocument,
        printer: PrintableText,
        page_size: PageSize,
    ) -> None:
        super().__init__(
            target,
            pagesize=PAGE_SIZES[page_size],
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            title=_metadata(document.title),
            author=_metadata(document.author),
            subject=_metadata(document.subject),
            keywords=[_metadata(keyword) for keyword in document.keywords],
            creator=CREATOR,
            lang="en",
            displayDocTitle=1,
            initialFontName=FONT,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        self.contents: Contents | None = None
        audience = printer.line(document.audience.label)
        room = self.width - stringWidth(audience, FONT, HEADER_SIZE) - 24
        self._header = (_fit(printer.line(document.title), room), audience)

    def beforeDocument(self) -> None:
        if self.contents is not None:
            self.canv.setNamedCB(CONTENTS_CALLBACK, self.contents.draw_entry_end)

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, SectionAnchor) and self.contents is not None:
            self.contents.pages[flowable.key] = self.page

    def finish(self, canvas: Any) -> None:
        """Define the forms the pages refer to: the contents' page numbers and the footers."""
        if self.contents is not None:
            self.contents.define_numbers(canvas)
        total = self.page
        for page in range(1, total + 1):
            canvas.beginForm(_footer_form(page), lowerx=-120, lowery=-4, upperx=120, uppery=12)
            canvas.setFont(FONT, HEADER_SIZE)
            canvas.setFillColor(MUTED)
            canvas.drawCentredString(0, 0, f"Page {page} of {total}")
            canvas.endForm()

    def _decorate(self, canvas: Any, document: Any) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        if self.page == 1:
            canvas.showOutline()
        else:
            title, audience = self._header
            baseline = height - HEADER_OFFSET
            canvas.drawString(self.leftMargin, baseline, title)
            canvas.drawRightString(width - self.rightMargin, baseline, audience)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(self.leftMargin, baseline - 4, width - self.rightMargin, baseline - 4)
        # "Page N of M": M is only known at the end, so the footer is a form defined then.
        canvas.translate(width / 2, FOOTER_OFFSET)
        canvas.doForm(_footer_form(self.page))
        canvas.restoreState()


def _footer_form(page: int) -> str:
    return f"RetroFooter-{page}"


def _fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points in the header font."""
    if stringWidth(text, FONT, HEADER_SIZE) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", FONT, HEADER_SIZE) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _metadata(text: str) -> str:
    """Metadata as given, minus control characters (viewers show them as junk)."""
    return "".join(ch if ch.isprintable() or ch == " " else " " for ch in text).strip()
