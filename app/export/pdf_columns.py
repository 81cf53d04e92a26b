"""Table column widths: the document's relative weights, fitted to the frame, but wide enough
for each column's longest word where the page allows.

Weights alone squeeze a short column ("Priority", a date) until reportlab breaks its words
in the middle ("Priorit/y", "2026-04-0/1"). So each column first asks for the width of its
longest word (header in bold, cells in the body face, the first rows only: a long timeline's
columns are alike all the way down), capped at a share of the frame; the weights share out
what is left.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.export.pdf_fonts import BOLD_FONT, FONT
from app.export.pdf_styles import CELL_SIZE

MEASURED_ROWS = 200
NEED_SHARE = 0.25
"""The most of the frame's width a column's longest word may claim."""
CELL_PADDING = 9.0  # left and right padding of a cell, plus a little air


def column_widths(
    weights: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]], width: float
) -> list[float]:
    """Widths in points for ``len(header)`` columns that add up to ``width``."""
    columns = len(header)
    usable = len(weights) == columns and all(0 < weight < float("inf") for weight in weights)
    shares = list(weights) if usable else [1.0] * columns
    needs = [
        min(width * NEED_SHARE, _longest_word(header[column], BOLD_FONT) + CELL_PADDING)
        for column in range(columns)
    ]
    for row in rows[:MEASURED_ROWS]:
        for column, text in enumerate(row[:columns]):
            need = min(width * NEED_SHARE, _longest_word(text, FONT) + CELL_PADDING)
            needs[column] = max(needs[column], need)
    if sum(needs) >= width:
        return [width * need / sum(needs) for need in needs]
    fixed: set[int] = set()
    while True:
        free = [column for column in range(columns) if column not in fixed]
        free_share = sum(shares[column] for column in free)
        room = width - sum(needs[column] for column in fixed)
        if not free or free_share <= 0:
            return [width * need / sum(needs) for need in needs]
        widths = [
            needs[column] if column in fixed else room * shares[column] / free_share
            for column in range(columns)
        ]
        short = [column for column in free if widths[column] < needs[column]]
        if not short:
            return widths
        fixed.update(short)


def _longest_word(text: str, font: str) -> float:
    words = text.split()
    if not words:
        return 0.0
    return float(stringWidth(max(words, key=len), font, CELL_SIZE))
