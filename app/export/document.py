"""What an export says, before any format: the document both writers (Markdown, PDF) render.

Building the document decides *what* leaves Retro for an audience (the internal postmortem has
everything; the customer-facing summary only what customers need) and is where redaction
applies, once, to every string. The writers then decide only *how* it looks and escape text for
their own format. Every string here is plain text as the user wrote it (or Retro's own words):
never markup of any kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ExportAudience(Enum):
    INTERNAL = "internal"
    CUSTOMER = "customer"

    @property
    def label(self) -> str:
        return "Internal postmortem" if self is ExportAudience.INTERNAL else "Customer summary"


@dataclass(frozen=True)
class Link:
    """A link in a cell or a list: ``text`` shown, ``url`` followed (http or https only)."""

    text: str
    url: str


# A table cell or list item: plain text, or a link.
Cell = str | Link


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text; ``note`` is smaller, muted text (explanations, legends)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row that repeats on every page; ``widths`` are relative weights."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class KeyValues:
    """Label and value pairs, such as the title block or the incident metrics."""

    pairs: tuple[tuple[str, Cell], ...]


@dataclass(frozen=True)
class Figure:
    """A picture as SVG (a diagram or the incident strip) with a caption and a text alternative.

    ``name`` is a file-name stem for formats that write pictures beside the document
    ("fishbone", "five-whys", "incident-strip").
    """

    name: str
    caption: str
    svg: bytes
    alt: str


Block = Paragraph | BulletList | Table | KeyValues | Figure


@dataclass(frozen=True)
class Section:
    """One heading and its blocks; ``key`` is stable ("timeline", "root_cause") for links and
    tests, ``heading`` is what readers see."""

    key: str
    heading: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class ExportDocument:
    """A whole export: the title block, the sections in order, and the PDF metadata."""

    audience: ExportAudience
    title: str
    subtitle: str
    title_block: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


def all_sections(document: ExportDocument) -> list[Section]:
    """Every section, depth first, in reading order."""
    found: list[Section] = []

    def walk(sections: tuple[Section, ...]) -> None:
        for section in sections:
            found.append(section)
            walk(section.subsections)

    walk(document.sections)
    return found
