"""Reading back the Markdown table the page copies, as a GitHub-flavoured renderer would.

A row is split at pipes that are not backslash-escaped; in each cell a backslash before ASCII
punctuation stands for that character, and the entities ``&amp;``, ``&lt;``, ``&gt;`` for
``&``, ``<`` and ``>``. A ``[text](target)`` link (unescaped brackets) is read as its text and
target. Enough of CommonMark to check that user text comes back exactly as typed.
"""

from __future__ import annotations

import re
import string

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_LINK = re.compile(r"^\[((?:\\.|[^\\\]])*)\]\(([^()\s]*)\)$")


def split_row(line: str) -> list[str]:
    """The raw cells of ``| a | b |`` (outer pipes dropped, escaped pipes kept in the cell)."""
    assert line.startswith("| "), line
    assert line.endswith(" |"), line
    cells, current, escaped = [], "", False
    for character in line[2:-2]:
        if escaped:
            current += "\\" + character
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "|":
            cells.append(current)
            current = ""
        else:
            current += character
    assert not escaped, line
    cells.append(current)
    return [cell.strip(" ") for cell in cells]


def unescape(cell: str) -> str:
    """The text a renderer shows for a cell written with backslash escapes and entities."""
    text, position = "", 0
    while position < len(cell):
        character = cell[position]
        following = cell[position + 1 : position + 2]
        if character == "\\" and following and following in string.punctuation:
            text += following
            position += 2
            continue
        entity = next((name for name in _ENTITIES if cell.startswith(name, position)), None)
        if entity is not None:
            text += _ENTITIES[entity]
            position += len(entity)
            continue
        # Anything a renderer would read as markup must have come escaped.
        assert character not in "\\<>&`*_[]|~$", (cell, position)
        text += character
        position += 1
    return text


def link(cell: str) -> tuple[str, str] | None:
    """(text, target) when the cell is exactly one link, else None."""
    match = _LINK.match(cell)
    return None if match is None else (unescape(match[1]), match[2])


def read_table(markdown: str) -> list[list[str]]:
    """The header and data rows of a copied table, each cell's raw Markdown."""
    lines = markdown.rstrip("\n").split("\n")
    assert re.fullmatch(r"\|( --- \|)+", lines[1]), lines[1]
    rows = [split_row(line) for line in [lines[0], *lines[2:]]]
    assert len({len(row) for row in rows}) == 1, rows
    return rows
