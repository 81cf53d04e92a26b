"""The PDF's story: the title page with its contents, then every section in reading order.

A section is an invisible anchor (the link destination and outline entry), its heading and its
blocks, then its subsections; each section also gives the contents an entry, whose page number
the layout fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, PageBreak, Spacer
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus.flowables import Flowable

from app.export.document import ExportDocument, Figure, KeyValues, Paragraph, Section
from app.export.pdf_contents import Contents
from app.export.pdf_flowables import HEADING_ROOM, BlockFlowables
from app.export.pdf_fonts import BOLD_FONT
from app.export.pdf_styles import Styles
from app.export.pdf_text import PrintableText

OUTLINE_LENGTH = 120
"""Characters of a heading shown in the contents and the outline (the heading prints in full)."""
DISPLAY_LIMIT = 300
"""Characters of a title or heading set in its large type; the rest follows as a note."""
SECTION_ROOM = 110.0
"""Points a section needs left on a page to start there: its heading and a few lines."""


class SectionAnchor(Flowable):  # type: ignore[misc]
    """Where a section starts: an invisible flowable kept with its heading.

    Drawing it leaves a link destination and an outline entry at that spot; the document
    template sees it go by (``afterFlowable``) and tells the contents its page.
    """

    def __init__(self, *, key: str, level: int, outline_title: str) -> None:
        super().__init__()
        self.key = key
        self.level = level
        self.outline_title = outline_title
        self.keepWithNext = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.outline_title, self.key, level=self.level)


@dataclass
class Story:
    """Builds one document's flowables; ``flowables`` then holds the whole story."""

    printer: PrintableText
    styles: Styles
    blocks: BlockFlowables
    contents: Contents
    flowables: list[Any] = field(default_factory=list)
    _keys: Any = field(default_factory=lambda: count(1))

    def add_document(self, document: ExportDocument) -> None:
        """The title page, the sections, and last the notes on text the PDF could not show."""
        title_page = len(self.flowables)
        for section in document.sections:
            self._section(section, 0, lead_in=False)
        # The contents go on the title page, now that the sections have given their entries.
        self.flowables[title_page:title_page] = self._title_page(document)
        notes = self.printer.closing_notes()  # last: every text of the document has been seen
        if notes:
            self.flowables.append(Spacer(1, 18))
            for note in notes:
                self.flowables += self.blocks.paragraphs(note, self.styles.note)

    def _title_page(self, document: ExportDocument) -> list[Any]:
        page = self._display(document.title, self.styles.title)
        if document.subtitle:
            page += self._display(document.subtitle, self.styles.subtitle)
        page += self.blocks.key_values(KeyValues(document.title_block))
        if self.contents.entries:
            page += [ReportlabParagraph("Contents", self.styles.contents), self.contents.flowable()]
        page.append(PageBreak())
        return page

    def _section(self, section: Section, level: int, *, lead_in: bool) -> None:
        """A section's anchor, heading and blocks, then its subsections.

        A heading must not be left alone at the foot of a page. Before it, a conditional page
        break asks for room for the heading (and those of empty sections nested in it) plus a
        few lines; ``lead_in`` is true when the parent heading's break already asked. The
        heading is kept with a paragraph or a figure that follows it, but not with a table or a
        list, which may run for pages and would leave a half-empty page if held with it.
        """
        heading = section.heading or "Untitled section"
        anchor = SectionAnchor(
            key=f"section-{next(self._keys)}",
            level=level,
            outline_title=self.printer.short_line(heading, OUTLINE_LENGTH),
        )
        # Bold suits every level: it only sets characters bold lacks in the regular face.
        markup = self.printer.short_markup(heading, OUTLINE_LENGTH, BOLD_FONT)
        self.contents.add(level, markup, anchor.key)
        title, *rest = self._display(heading, self.styles.heading(level))
        first = section.blocks[0] if section.blocks else None
        title.keepWithNext = int(
            first is None or isinstance(first, Paragraph | Figure) or bool(rest)
        )
        if not lead_in:
            room = SECTION_ROOM + HEADING_ROOM * _empty_headings(section)
            self.flowables.append(CondPageBreak(room))
        self.flowables += [anchor, title, *rest, *self.blocks.blocks(section.blocks)]
        for number, subsection in enumerate(section.subsections):
            self._section(subsection, level + 1, lead_in=number == 0 and not section.blocks)

    def _display(self, text: str, style: ParagraphStyle) -> list[Any]:
        """A title or heading in ``style``; past DISPLAY_LIMIT characters it goes on as a note.

        Large type takes many times the pages of body text and reportlab lays it out slowly, so
        a heading pasted with a whole log in it prints its start large and the rest small.
        """
        if len(text) <= DISPLAY_LIMIT:
            return [ReportlabParagraph(self.printer.markup(text, style.fontName), style)]
        start = self.printer.markup(text[:DISPLAY_LIMIT] + "…", style.fontName)
        shown = ReportlabParagraph(start, style)
        return [shown, *self.blocks.paragraphs("…" + text[DISPLAY_LIMIT:], self.styles.note)]


def _empty_headings(section: Section) -> int:
    """How many headings without blocks of their own open ``section`` (itself included)."""
    empty = 0
    while not section.blocks and section.subsections:
        empty += 1
        section = section.subsections[0]
    return empty
