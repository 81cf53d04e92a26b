"""Reading a PDF export back with pypdf: text per page, outline, links, images, positions.

``read`` fails on anything pypdf warns or logs about while parsing (strict mode, and the
suite's ``filterwarnings = error``), so every test that reads a PDF also checks it opens cleanly.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import Destination

from app.export.document import ExportAudience, ExportDocument, Section


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    level: int
    page: int  # 0-based


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def read(data: bytes) -> PdfReader:
    """Open ``data`` strictly and touch every page; AssertionError if pypdf complains."""
    assert data.startswith(b"%PDF-")
    handler = _Collect()
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        for page in reader.pages:
            page.extract_text()
        reader.outline  # noqa: B018 - parsing the outline is part of opening cleanly
    finally:
        logger.removeHandler(handler)
    assert not handler.records, [record.getMessage() for record in handler.records]
    return reader


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def squeeze(text: str) -> str:
    """``text`` without any white space: line wrapping in the PDF cannot break a comparison."""
    return re.sub(r"\s+", "", text)


def all_text(reader: PdfReader) -> str:
    return "\n".join(page_texts(reader))


def body_text(reader: PdfReader, title: str, audience: str = "Internal postmortem") -> str:
    """The text of every page without the running header and footer lines."""
    running = re.compile(rf"^(Page \d+ of \d+|{re.escape(title)}|{re.escape(audience)})$")
    return "\n".join(
        line for text in page_texts(reader) for line in text.splitlines() if not running.match(line)
    )


def outline(reader: PdfReader) -> list[OutlineEntry]:
    entries: list[OutlineEntry] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                page = reader.get_destination_page_number(item)
                entries.append(OutlineEntry(str(item.title), level, page))

    walk(reader.outline, 0)
    return entries


def link_annotations(reader: PdfReader, page_number: int) -> list[dict[str, object]]:
    page = reader.pages[page_number]
    annotations = page.get("/Annots")
    if annotations is None:
        return []
    found = []
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") == "/Link":
            found.append(annotation)
    return found


def uris(reader: PdfReader) -> list[str]:
    """Every URI a link annotation in the document opens."""
    found = []
    for number in range(len(reader.pages)):
        for annotation in link_annotations(reader, number):
            action = annotation.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                found.append(str(action.get_object()["/URI"]))
    return found


def internal_link_pages(reader: PdfReader, page_number: int) -> list[int]:
    """The pages the internal links on a page lead to (0-based), in order."""
    named = reader.named_destinations
    pages = []
    for annotation in link_annotations(reader, page_number):
        destination = annotation.get("/Dest")
        if destination is None:
            action = annotation.get("/A")
            if action is None or action.get_object().get("/S") != "/GoTo":
                continue
            destination = action.get_object()["/D"]
        destination = (
            destination.get_object() if hasattr(destination, "get_object") else destination
        )
        if isinstance(destination, str):
            pages.append(reader.get_destination_page_number(named[destination]))
        else:
            pages.append(reader.get_page_number(destination[0].get_object()))
    return pages


def image_count(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def text_positions(reader: PdfReader, page_number: int) -> list[tuple[str, float, float]]:
    """Each piece of text on a page with where it starts on the page (x, y in points)."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text, x, y))

    reader.pages[page_number].extract_text(visitor_text=visit)
    return found


def document(*sections: Section, title: str = "Checkout failed for 47 minutes") -> ExportDocument:
    """An internal document with a small title block around ``sections``."""
    return ExportDocument(
        audience=ExportAudience.INTERNAL,
        title=title,
        subtitle="Internal postmortem · INC-4711",
        title_block=(
            ("Incident", "INC-4711"),
            ("Severity", "SEV2"),
            ("Incident date", "2026-03-14"),
            ("Audience", "Internal postmortem"),
            ("Owner", "Aiko Tanaka"),
            ("Status", "In review"),
        ),
        sections=sections,
        author="Aiko Tanaka",
        subject="Postmortem INC-4711",
        keywords=("postmortem", "INC-4711", "database"),
    )
