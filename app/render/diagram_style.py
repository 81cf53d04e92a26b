"""How the diagrams look: fonts, and one style per cause classification, with the legend.

Classifications differ by border as well as colour so the picture survives greyscale printing
and colour-blind viewers: a root cause has a thick double border, a contributing factor a single
rounded border, a ruled-out item a dashed border and grey text, an undecided item the plainest
look the diagram uses. The legend draws the same styles with their names.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.model import CauseClassification

FONT = "DejaVu Sans"
BOLD_FONT = "DejaVu Sans Bold"
CAUSE_FONT_SIZE = 11
CATEGORY_FONT_SIZE = 13
PROBLEM_FONT_SIZE = 14
NOTE_FONT_SIZE = 10

INK = "#1f2933"
LINE = "#3a3f47"
MUTED = "#667085"
PROBLEM_FILL = "#fde8e7"
PROBLEM_BORDER = "#7a271a"


@dataclass(frozen=True)
class NodeStyle:
    """DOT node attributes for one look; ``attributes`` is ready to write after the label."""

    shape: str
    style: str
    color: str
    fillcolor: str
    fontcolor: str
    penwidth: float
    peripheries: int

    def attributes(self) -> str:
        return (
            f'shape={self.shape} style="{self.style}" color="{self.color}" '
            f'fillcolor="{self.fillcolor}" fontcolor="{self.fontcolor}" '
            f"penwidth={self.penwidth:g} peripheries={self.peripheries}"
        )


ROOT_CAUSE_STYLE = NodeStyle("box", "filled,bold", "#b42318", "#fee4e2", INK, 2.0, 2)
CONTRIBUTING_STYLE = NodeStyle("box", "filled,rounded", "#b54708", "#fef0c7", INK, 1.4, 1)
RULED_OUT_STYLE = NodeStyle("box", "dashed", "#98a2b3", "#ffffff", MUTED, 1.2, 1)
# Undecided causes on the fishbone are plain text, as the classic drawing has them; in the
# five whys every answer is a box, so undecided ones get a thin grey one.
UNDECIDED_FISHBONE_STYLE = NodeStyle("box", "filled", "#ffffff", "#ffffff", INK, 0.0, 1)
UNDECIDED_TREE_STYLE = NodeStyle("box", "filled", "#98a2b3", "#ffffff", INK, 1.0, 1)


def classification_style(classification: CauseClassification, *, tree: bool) -> NodeStyle:
    """The look of a cause or answer; ``tree`` picks the five-whys variant of undecided."""
    if classification is CauseClassification.ROOT_CAUSE:
        return ROOT_CAUSE_STYLE
    if classification is CauseClassification.CONTRIBUTING_FACTOR:
        return CONTRIBUTING_STYLE
    if classification is CauseClassification.RULED_OUT:
        return RULED_OUT_STYLE
    return UNDECIDED_TREE_STYLE if tree else UNDECIDED_FISHBONE_STYLE


LEGEND_ORDER = (
    CauseClassification.ROOT_CAUSE,
    CauseClassification.CONTRIBUTING_FACTOR,
    CauseClassification.RULED_OUT,
    CauseClassification.UNDECIDED,
)


def text_attributes(font: str, size: int) -> str:
    return f'fontname="{font}" fontsize={size}'
