"""The five-whys tree as DOT for ``dot``: from the problem statement down to the deepest answers.

Each answer is a box under the answer (or the problem) it explains, joined by an arrow labelled
"why?". An answer may branch, so this is a tree, not a line. Where a chain stops without reaching
a root cause, a dashed note says so, so the room sees which branches still need asking. The tree
runs top to bottom or left to right, and a legend row of the classification styles closes it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from app.domain.five_whys import chain_ends_without_root_cause, effective_problem_statement
from app.domain.model import Postmortem
from app.render.diagram_style import (
    BOLD_FONT,
    CAUSE_FONT_SIZE,
    FONT,
    INK,
    LEGEND_ORDER,
    LINE,
    MUTED,
    NOTE_FONT_SIZE,
    PROBLEM_BORDER,
    PROBLEM_FILL,
    PROBLEM_FONT_SIZE,
    classification_style,
    text_attributes,
)
from app.render.dot_text import dot_label, dot_string
from app.render.elements import element_id

Direction = Literal["TB", "LR"]

ANSWER_WRAP = 30
PROBLEM_WRAP = 34
CHAIN_END_NOTE = "Chain stops here:\\nno root cause yet"


@dataclass(frozen=True)
class WhysDrawing:
    """The DOT text and the ids of the elements a click can select."""

    dot: str
    element_ids: tuple[str, ...]


def _depths(pm: Postmortem) -> dict[str, int]:
    parents = {why.id: why.parent_id for why in pm.whys}
    depths: dict[str, int] = {}
    for why in pm.whys:
        depth, current = 1, why.parent_id
        while current is not None and depth <= len(parents):
            depth, current = depth + 1, parents.get(current)
        depths[why.id] = depth
    return depths


def whys_dot(pm: Postmortem, direction: Direction = "TB") -> WhysDrawing:
    """The five-whys tree of ``pm`` as DOT, laid out ``direction`` (top-bottom or left-right)."""
    names = {why.id: f"w{index}" for index, why in enumerate(pm.whys)}
    lines = [
        "digraph whys {",
        f'graph [rankdir={direction} bgcolor="white" pad=0.3 nodesep=0.35 ranksep=0.5]',
        f'node [{text_attributes(FONT, CAUSE_FONT_SIZE)} margin="0.1,0.05"]',
        f'edge [color="{LINE}" arrowsize=0.7 {text_attributes(FONT, NOTE_FONT_SIZE)} '
        f'fontcolor="{MUTED}"]',
        f"problem [id={dot_string(element_id('problem'))} "
        f"label={dot_label(effective_problem_statement(pm) or pm.title, PROBLEM_WRAP)} "
        f'shape=box style="filled,rounded,bold" color="{PROBLEM_BORDER}" '
        f'fillcolor="{PROBLEM_FILL}" fontcolor="{INK}" penwidth=1.6 '
        f"{text_attributes(FONT, PROBLEM_FONT_SIZE)}]",
    ]
    for why in pm.whys:
        style = classification_style(why.classification, tree=True)
        lines.append(
            f"{names[why.id]} [id={dot_string(element_id('why', why.id))} "
            f"label={dot_label(why.text or '(no answer yet)', ANSWER_WRAP)} {style.attributes()}]"
        )
    for why in pm.whys:
        parent = "problem" if why.parent_id is None else names[why.parent_id]
        lines.append(f'{parent} -> {names[why.id]} [label=" why? "]')
    for index, why_id in enumerate(chain_ends_without_root_cause(pm)):
        lines.append(
            f'end{index} [id="chain-end-{index}" label="{CHAIN_END_NOTE}" shape=note '
            'style="dashed" color="#b42318" '
            f'fontcolor="#7a271a" {text_attributes(FONT, NOTE_FONT_SIZE)}]'
        )
        lines.append(f'{names[why_id]} -> end{index} [style=dashed color="#b42318" arrowhead=none]')
    lines += _legend(direction)
    lines += ["}", ""]
    elements = (element_id("problem"), *(element_id("why", why.id) for why in pm.whys))
    return WhysDrawing("\n".join(lines), elements)


def _legend(direction: Direction) -> list[str]:
    """A row of sample boxes on the last rank: below (or right of) the deepest answers."""
    entries = [
        (
            "legend_caption",
            f'id="legend-caption" label="Legend:" shape=plaintext fontcolor="{MUTED}" '
            f"{text_attributes(BOLD_FONT, NOTE_FONT_SIZE)}",
        )
    ]
    for classification in LEGEND_ORDER:
        style = classification_style(classification, tree=True)
        entries.append(
            (
                f"legend_{classification.value}",
                f'id="legend-{classification.value}" label="{classification.label}" '
                f"{style.attributes()} {text_attributes(FONT, NOTE_FONT_SIZE)}",
            )
        )
    names = [name for name, _attributes in entries]
    # A top-to-bottom tree puts the legend in a row, kept in reading order by invisible
    # edges; a left-to-right one in a column, which dot fills bottom up from the input order.
    if direction == "LR":
        entries.reverse()
    lines = ["subgraph legend {", "rank=sink"]
    lines += [f"{name} [{attributes}]" for name, attributes in entries]
    if direction == "TB":
        lines += [f"{a} -> {b} [style=invis]" for a, b in itertools.pairwise(names)]
    lines.append("}")
    return lines
