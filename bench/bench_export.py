"""How long exports of a large postmortem take: building the document, writing PDF and Markdown.

The postmortem has 5,000 timeline events, a 60-cause fishbone, a five-whys tree and 200 action
items. Printed, as medians of several runs:

- the document for the internal audience (``internal_document``: every stage, with Graphviz
  laying out the fishbone and the five whys, and the incident strip);
- the PDF written from it (``pdf_bytes``: two layout passes for the contents' page numbers,
  header and footer, escaping, the figures through svglib), and the Markdown (``write_markdown``);
- the baseline: a bare reportlab document with the same paragraphs and tables in one pass
  (same font, page and margins, the same repeating-header tables of paragraph cells with the
  weights as widths; no contents, outline, running header, links or figures), so the
  difference is what Retro's PDF adds to reportlab's own cost. The PDF is also timed without
  its figures, to tell their share (the incident strip of 5,000 events above all).
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, SimpleDocTemplate
from reportlab.platypus import Paragraph as ReportlabParagraph

from app.domain.model import ActionCategory, ActionItem, ActionStatus, Postmortem, Priority
from app.export.document import (
    BulletList,
    ExportDocument,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
    all_sections,
)
from app.export.internal_document import internal_document
from app.export.markdown_export import write_markdown
from app.export.pdf import pdf_bytes
from app.export.pdf_fonts import FONT, register_fonts
from app.export.pdf_styles import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    TOP_MARGIN,
    table_style,
)
from tests.render.diagram_samples import branching_whys, fishbone_of_size
from tests.store.samples import long_timeline

RUNS = 5
TODAY = date(2026, 3, 20)
PATTERN = "https://tracker.example.com/browse/{key}"


def large_postmortem() -> Postmortem:
    fishbone = fishbone_of_size(60)
    cause_ids = [cause.id for cause in fishbone.causes]
    categories = list(ActionCategory)
    items = tuple(
        ActionItem(
            f"a{number:03d}",
            f"Action {number}: add an alert on replica lag above {number % 30 + 5} s for 2 min",
            owner=f"Owner {number % 17}",
            due=TODAY + timedelta(days=number % 90),
            category=categories[number % len(categories)],
            priority=list(Priority)[number % len(Priority)],
            tracker=f"OPS-{1000 + number}",
            status=list(ActionStatus)[number % len(ActionStatus)],
            cause_ids=(cause_ids[number % len(cause_ids)],),
            public=number % 3 == 0,
        )
        for number in range(200)
    )
    return replace(
        fishbone,
        incident_ref="INC-5000",
        document_owner="Aiko Tanaka",
        problem_statement="Why did checkout fail for 83 hours?",
        timeline=long_timeline(5_000),
        whys=branching_whys().whys,
        action_items=items,
    )


def bare_reportlab(document: ExportDocument) -> bytes:
    """The same paragraphs and tables as plain reportlab flowables, laid out once, on the same
    page (A4, Retro's margins) with the tables' weights as column widths."""
    width = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.8)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11)

    def text(value: str | Link) -> str:
        return escape(value.text if isinstance(value, Link) else value)

    story: list[object] = [ReportlabParagraph(escape(document.title), body)]
    for section in all_sections(document):
        story.append(ReportlabParagraph(escape(section.heading), body))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                story.append(ReportlabParagraph(escape(block.text), body))
            elif isinstance(block, BulletList):
                story += [ReportlabParagraph(text(item), body) for item in block.items]
            elif isinstance(block, Table | KeyValues):
                if isinstance(block, Table):
                    rows = [block.header, *block.rows]
                    weights = block.widths or (1.0,) * len(block.header)
                else:
                    rows = [list(pair) for pair in block.pairs]
                    weights = (3.0, 7.0)
                widths = [width * weight / sum(weights) for weight in weights]
                data = [[ReportlabParagraph(text(value), cell) for value in row] for row in rows]
                style = table_style(header=True, zebra=True)
                story.append(LongTable(data, colWidths=widths, repeatRows=1, style=style))
    buffer = io.BytesIO()
    margins = {
        "leftMargin": LEFT_MARGIN,
        "rightMargin": RIGHT_MARGIN,
        "topMargin": TOP_MARGIN,
        "bottomMargin": BOTTOM_MARGIN,
    }
    SimpleDocTemplate(buffer, pagesize=A4, **margins).build(story)
    return buffer.getvalue()


def without_figures(document: ExportDocument) -> ExportDocument:
    def strip(section: Section) -> Section:
        blocks = tuple(block for block in section.blocks if not isinstance(block, Figure))
        return replace(section, blocks=blocks, subsections=tuple(map(strip, section.subsections)))

    return replace(document, sections=tuple(map(strip, document.sections)))


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def timed(action: Callable[[], object]) -> list[float]:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def report(label: str, samples: list[float], note: str = "") -> None:
    print(f"  {label:<44}{statistics.median(samples) * 1000:>9.0f} ms  {note}")


def main() -> None:
    register_fonts()
    pm = large_postmortem()
    print(
        f"Export of a large postmortem: {len(pm.timeline):,} timeline events, "
        f"{len(pm.causes)} causes, {len(pm.action_items)} action items "
        f"(medians of {RUNS} runs)"
    )
    document = internal_document(pm, today=TODAY, tracker_pattern=PATTERN)
    report(
        "document (internal_document, with Graphviz)",
        timed(lambda: internal_document(pm, today=TODAY, tracker_pattern=PATTERN)),
    )
    data = pdf_bytes(document)
    report(
        "PDF (pdf_bytes)",
        timed(lambda: pdf_bytes(document)),
        f"{len(data) / 1e6:.1f} MB, {pages(data)} pages",
    )
    pictureless = without_figures(document)
    report("  the same without its 3 figures", timed(lambda: pdf_bytes(pictureless)))
    bare = bare_reportlab(document)
    report(
        "  baseline: bare reportlab, same text",
        timed(lambda: bare_reportlab(document)),
        f"{len(bare) / 1e6:.1f} MB, {pages(bare)} pages",
    )
    with tempfile.TemporaryDirectory(prefix="retro-bench-export-") as folder:
        target = Path(folder) / "export.md"
        samples = timed(lambda: write_markdown(document, target))
        report(
            "Markdown (write_markdown, SVGs beside)",
            samples,
            f"{target.stat().st_size / 1e6:.1f} MB",
        )


if __name__ == "__main__":
    main()
