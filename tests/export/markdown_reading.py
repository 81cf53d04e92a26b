"""Reading a Markdown export back: rendered by Python-Markdown (tables), parsed as XML.

Python-Markdown writes XHTML, so a well-formed export parses with ``xml.etree`` once wrapped in
one root element; a stray tag or an unbalanced one fails the parse, which is half the point.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import markdown

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Everything the writer produces; anything else in the HTML came from user text.
ALLOWED_TAGS = {
    "root",
    *HEADINGS,
    "p",
    "em",
    "strong",
    "ul",
    "li",
    "a",
    "img",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def render(text: str) -> ET.Element:
    """The Markdown as an element tree under a ``root`` element; fails if not well-formed."""
    html = markdown.markdown(text, extensions=["tables"])
    return ET.fromstring(f"<root>{html}</root>")


def text_of(element: ET.Element) -> str:
    """The element's text with white space collapsed, as a reader sees it."""
    return " ".join("".join(element.itertext()).split())


def headings(root: ET.Element) -> list[tuple[str, str]]:
    return [(element.tag, text_of(element)) for element in root.iter() if element.tag in HEADINGS]


@dataclass(frozen=True)
class RenderedTable:
    header: list[str]
    rows: list[list[ET.Element]]

    def texts(self) -> list[list[str]]:
        return [[text_of(cell) for cell in row] for row in self.rows]


def tables(root: ET.Element) -> list[RenderedTable]:
    return [_one(table) for table in root.iter("table")]


def table_after(root: ET.Element, heading: str) -> RenderedTable:
    """The first table after the heading with the text ``heading``."""
    seen = False
    for element in root.iter():
        if element.tag in HEADINGS:
            seen = seen or text_of(element) == heading
        elif element.tag == "table" and seen:
            return _one(element)
    raise AssertionError(f"no table after the heading {heading!r}")


def _one(table: ET.Element) -> RenderedTable:
    header = [text_of(cell) for cell in table.iter("th")]
    body = table.find("tbody")
    rows = [] if body is None else [list(row) for row in body.iter("tr")]
    return RenderedTable(header, rows)


def unexpected_tags(root: ET.Element) -> set[str]:
    return {element.tag for element in root.iter()} - ALLOWED_TAGS
