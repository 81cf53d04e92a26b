"""The Markdown writer: an export document as CommonMark with GitHub-style tables.

The document's title is the one level-1 heading; every section gets a level-2 heading (its
subsections level 3 and below), so a reader or a table of contents sees one heading per stage.
Tables are GitHub pipe tables; the title block and key-value blocks are lists of bold labels.
Figures (diagrams and the incident strip, SVG) are written as files beside the ``.md``
(``<stem>-<figure name>.svg``) and shown as images, or embedded as ``data:`` URLs when a single
file is asked for.

Every string of the document is user text or Retro's words, never markup: all of it goes through
``markdown_escape``, and the only links are http(s) addresses, percent-encoded.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from app.export.document import (
    Block,
    BulletList,
    Cell,
    ExportDocument,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
    all_sections,
)
from app.export.files import replace_file
from app.export.markdown_escape import destination, file_reference, inline, link, paragraphs

MAX_HEADING_LEVEL = 6
SVG_DATA_PREFIX = "data:image/svg+xml;base64,"
_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def markdown_text(document: ExportDocument, *, figure_links: Mapping[str, str]) -> str:
    """``document`` as Markdown; ``figure_links`` maps a figure's name to where its SVG is.

    A figure without a link is described in words (its caption and text alternative) instead.
    """
    parts = [f"# {inline(document.title)}"]
    subtitle = inline(document.subtitle)
    if subtitle:
        parts.append(f"*{subtitle}*")
    if document.title_block:
        parts.append(_pairs(document.title_block))
    for section in document.sections:
        parts.extend(_section(section, 2, figure_links))
    return "\n\n".join(part for part in parts if part) + "\n"


def _section(section: Section, level: int, figure_links: Mapping[str, str]) -> Iterator[str]:
    yield f"{'#' * min(level, MAX_HEADING_LEVEL)} {inline(section.heading)}"
    for block in section.blocks:
        yield _block(block, figure_links)
    for subsection in section.subsections:
        yield from _section(subsection, level + 1, figure_links)


def _block(block: Block, figure_links: Mapping[str, str]) -> str:
    if isinstance(block, Paragraph):
        found = paragraphs(block.text)
        return "\n\n".join(f"*{text}*" if block.note else text for text in found)
    if isinstance(block, BulletList):
        return "\n".join(f"- {_cell(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, KeyValues):
        return _pairs(block.pairs)
    return _figure(block, figure_links)


def _cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return link(cell.text, cell.url)
    return inline(cell)


def _pairs(pairs: tuple[tuple[str, Cell], ...]) -> str:
    lines = []
    for label, value in pairs:
        shown = _cell(value)
        lines.append(f"- **{inline(label)}:** {shown}".rstrip())
    return "\n".join(lines)


def _table(table: Table) -> str:
    columns = max(len(table.header), 1)

    def row(cells: tuple[Cell, ...] | tuple[str, ...]) -> str:
        shown = [_cell(cell) for cell in cells[:columns]]
        shown += [""] * (columns - len(shown))
        return "| " + " | ".join(shown) + " |"

    lines = [row(table.header or ("",)), "|" + " --- |" * columns]
    lines.extend(row(cells) for cells in table.rows)
    return "\n".join(lines)


def _figure(figure: Figure, figure_links: Mapping[str, str]) -> str:
    caption = paragraphs(figure.caption)
    described = [f"*{text}*" for text in caption]
    target = figure_links.get(figure.name)
    if target is None:
        return "\n\n".join([*described, *paragraphs(f"Figure not included: {figure.alt}")])
    return "\n\n".join([f"![{inline(figure.alt)}]({destination(target)})", *described])


def figure_file_names(document: ExportDocument, stem: str) -> dict[str, str]:
    """The file name for each figure's SVG: ``<stem>-<name>.svg``, made safe and unique."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for figure in _figures(document):
        if figure.name in names:
            continue
        base = f"{stem}-{_FILE_NAME_UNSAFE.sub('-', figure.name).strip('-') or 'figure'}"
        candidate, number = base, 2
        while candidate.casefold() in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate.casefold())
        names[figure.name] = f"{candidate}.svg"
    return names


def _figures(document: ExportDocument) -> Iterator[Figure]:
    for section in all_sections(document):
        for block in section.blocks:
            if isinstance(block, Figure):
                yield block


def write_markdown(
    document: ExportDocument, path: Path, *, single_file: bool = False
) -> list[Path]:
    """Write ``document`` to ``path`` as Markdown and return the files written.

    The figures are written first, beside ``path`` (so the ``.md`` never points at a missing
    picture), unless ``single_file`` asks for them to be embedded as ``data:`` URLs. Every file
    is written through a temporary file and moved into place; OSError when one cannot be.
    """
    figures = {figure.name: figure for figure in _figures(document)}
    links: dict[str, str] = {}
    written: list[Path] = []
    if single_file:
        for name, figure in figures.items():
            links[name] = SVG_DATA_PREFIX + base64.b64encode(figure.svg).decode("ascii")
    else:
        for name, file_name in figure_file_names(document, path.stem).items():
            target = path.with_name(file_name)
            replace_file(target, figures[name].svg)
            written.append(target)
            links[name] = file_reference(file_name)
    replace_file(path, markdown_text(document, figure_links=links).encode("utf-8"))
    return [path, *written]
