"""The table of contents: a line per section, linked to it, with dot leaders and its page.

reportlab's ``TableOfContents`` learns page numbers while laying the document out and needs a
second full layout pass to print them, which doubles the time a long export takes. Here the
entries are known before layout (they are the sections), so their lines are laid out right
away, and each page number is a tiny form XObject: drawn where the number goes, defined once
the document is laid out and the pages are known (a PDF page may use a form defined later).
The running footer's "Page N of M" works the same way. One layout pass is enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, TableStyle
from reportlab.platypus import Paragraph as ReportlabParagraph

from app.export.pdf_styles import INK, RULE, Styles

CALLBACK = "retro_contents_entry"
"""The name paragraphs use (``<onDraw name=...>``) to have the leader and number drawn."""
NUMBER_WIDTH = 28.0
LEADER = " . "


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    markup: str
    key: str


@dataclass
class Contents:
    """The contents' entries, the pages their sections started on, and how to draw both."""

    styles: Styles
    width: float
    entries: list[ContentsEntry] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, level: int, markup: str, key: str) -> None:
        self.entries.append(ContentsEntry(level, markup, key))

    def flowable(self) -> LongTable:
        """The contents as a table, one row per entry (links to the sections' anchors)."""
        rows = [
            [
                ReportlabParagraph(
                    f'<a href="#{entry.key}">{entry.markup}</a>'
                    f'<onDraw name="{CALLBACK}" label="{number}"/>',
                    self._style(entry.level),
                )
            ]
            for number, entry in enumerate(self.entries)
        ]
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), NUMBER_WIDTH + 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        commands += [
            ("TOPPADDING", (0, row), (0, row), 6)
            for row, entry in enumerate(self.entries)
            if entry.level == 0 and row > 0
        ]
        return LongTable(rows, colWidths=[self.width], style=TableStyle(commands), hAlign="LEFT")

    def draw_entry_end(self, canvas: Any, _kind: str, label: str) -> None:
        """After an entry's text: dots to the right edge, then its page number (a form).

        reportlab calls this where the entry's last line ends, in the row's coordinates;
        ``TableOfContents`` reads the end of the text the same way.
        """
        entry = self.entries[int(label)]
        style = self._style(entry.level)
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        right = self.width
        dot = stringWidth(LEADER, style.fontName, style.fontSize)
        dots = max(0, int((right - NUMBER_WIDTH - x) / dot))
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(RULE)
        canvas.drawString(right - NUMBER_WIDTH - dots * dot, y, LEADER * dots)
        canvas.translate(right, y)
        canvas.doForm(number_form(entry.key))
        canvas.linkRect(
            "", entry.key, (-NUMBER_WIDTH, -2, 0, style.fontSize), relative=1, thickness=0
        )
        canvas.restoreState()

    def define_numbers(self, canvas: Any) -> None:
        """Once laid out: every entry's page number, right-aligned on the form's origin."""
        for entry in self.entries:
            style = self._style(entry.level)
            page = self.pages.get(entry.key)
            canvas.beginForm(
                number_form(entry.key),
                lowerx=-NUMBER_WIDTH,
                lowery=-style.fontSize,
                upperx=1,
                uppery=style.fontSize * 1.5,
            )
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(INK)
            canvas.drawRightString(0, 0, str(page) if page else "")
            canvas.endForm()

    def _style(self, level: int) -> Any:
        return self.styles.toc_levels[min(level, len(self.styles.toc_levels) - 1)]


def number_form(key: str) -> str:
    """The form's name for the page number of the section with anchor ``key``."""
    return f"RetroContents-{key}"
