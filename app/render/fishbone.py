"""The fishbone (Ishikawa) diagram as DOT with every position computed, for ``neato -n2``.

The classic shape: a horizontal spine ending in the problem box on the right; category bones
slanting into the spine, alternately above and below, in pairs that meet the spine at one point;
each cause a short horizontal tick off its bone with its label at the tick's left end; sub-causes
stacked under their cause, indented, joined to it by a small tree of lines. Graphviz has no layout
that draws this, so the geometry is computed here and Graphviz draws it with the positions
pinned, measuring and rendering every label itself (see ``label_size``).

Spacing follows from the measured labels, so nothing overlaps however long the text: within a
bone, labels are stacked; between bones, consecutive attachment points on the spine are as far
apart as the widest label to the left of a bone needs, since every bone slants at the same angle;
all bones on one side are as long as the longest needs, so category names form one row.
Coordinates are Graphviz points with y pointing up, the spine on y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from app.domain.five_whys import effective_problem_statement
from app.domain.model import Cause, CauseClassification, FishboneCategory, Postmortem
from app.render.diagram_style import (
    BOLD_FONT,
    CATEGORY_FONT_SIZE,
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
from app.render.label_size import LabelMeasurer

CAUSE_WRAP = 28
CATEGORY_WRAP = 22
PROBLEM_WRAP = 30

BONE_ANGLE = math.radians(60)
COT = 1 / math.tan(BONE_ANGLE)
TICK = 26.0  # the horizontal tick from a label to its bone
INDENT = 16.0  # each sub-cause level moves left by this much
STEM_INSET = 8.0  # where a sub-cause tree's vertical line leaves its parent's tick
ROW_GAP = 6.0
BLOCK_GAP = 12.0
SPINE_CLEAR = 16.0  # no label comes nearer the spine than this
END_CLEAR = 14.0  # room between the last label and the end of a bone
MIN_BONE = 90.0
CATEGORY_GAP = 6.0
MARGIN = 14.0
MIN_PAIR_GAP = 120.0
HEAD_GAP = 48.0
LEGEND_GAP = 36.0


@dataclass
class _Label:
    """One node with text: its DOT name, SVG id, label, attributes, and later size and centre."""

    name: str
    element: str
    label: str
    attributes: str
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0
    y: float = 0.0


@dataclass
class _Row:
    """A cause on a bone: its label and how deep it sits under the bone's top-level cause."""

    cause: Cause
    depth: int
    label: _Label


@dataclass
class _Bone:
    """One category: its name label, whether it sits above the spine, and its cause blocks."""

    category: FishboneCategory
    above: bool
    label: _Label
    blocks: list[list[_Row]] = field(default_factory=list)
    attach_x: float = 0.0


@dataclass
class FishboneDrawing:
    """The DOT text and the ids of the elements a click can select."""

    dot: str
    element_ids: tuple[str, ...]


def _cause_attributes(classification: CauseClassification) -> str:
    style = classification_style(classification, tree=False).attributes()
    return f'{style} {text_attributes(FONT, CAUSE_FONT_SIZE)} margin="0.07,0.035"'


_CATEGORY_ATTRIBUTES = (
    f'shape=box style="filled" color="#ffffff" fillcolor="#ffffff" penwidth=0 '
    f'fontcolor="{INK}" {text_attributes(BOLD_FONT, CATEGORY_FONT_SIZE)} margin="0.04,0.02"'
)
_PROBLEM_ATTRIBUTES = (
    f'shape=box style="filled,rounded,bold" color="{PROBLEM_BORDER}" fillcolor="{PROBLEM_FILL}" '
    f'penwidth=1.6 fontcolor="{INK}" {text_attributes(FONT, PROBLEM_FONT_SIZE)} '
    'margin="0.14,0.08"'
)


class _Names:
    """Short, safe DOT node names; user text never becomes a node name."""

    def __init__(self) -> None:
        self._count = 0

    def next(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}{self._count}"


def _children(causes: Sequence[Cause]) -> dict[str | None, list[Cause]]:
    children: dict[str | None, list[Cause]] = {}
    for cause in causes:
        children.setdefault(cause.parent_id, []).append(cause)
    return children


def _walk(
    children: dict[str | None, list[Cause]], parent: str | None, depth: int
) -> Iterator[tuple[Cause, int]]:
    for cause in children.get(parent, []):
        yield cause, depth
        yield from _walk(children, cause.id, depth + 1)


def _bones(pm: Postmortem, names: _Names) -> list[_Bone]:
    bones = []
    for index, category in enumerate(pm.fishbone_categories):
        label = _Label(
            names.next("k"),
            element_id("category", category.id),
            dot_label(category.name or "(unnamed)", CATEGORY_WRAP),
            _CATEGORY_ATTRIBUTES,
        )
        bone = _Bone(category, above=index % 2 == 0, label=label)
        in_category = [cause for cause in pm.causes if cause.category_id == category.id]
        children = _children(in_category)
        for top in children.get(None, []):
            block = [_Row(top, 0, _cause_label(top, names))]
            block += [
                _Row(cause, depth, _cause_label(cause, names))
                for cause, depth in _walk(children, top.id, 1)
            ]
            bone.blocks.append(block)
        bones.append(bone)
    return bones


def _cause_label(cause: Cause, names: _Names) -> _Label:
    return _Label(
        names.next("c"),
        element_id("cause", cause.id),
        dot_label(cause.text or "(no text yet)", CAUSE_WRAP),
        _cause_attributes(cause.classification),
    )


def _content_height(bone: _Bone) -> float:
    rows = [row for block in bone.blocks for row in block]
    if not rows:
        return 0.0
    gaps = (len(rows) - len(bone.blocks)) * ROW_GAP + (len(bone.blocks) - 1) * BLOCK_GAP
    return sum(row.label.height for row in rows) + gaps


def _side_length(bones: Sequence[_Bone]) -> float:
    tallest = max((_content_height(bone) for bone in bones), default=0.0)
    return max(MIN_BONE, tallest + SPINE_CLEAR + END_CLEAR)


def _place_rows(bone: _Bone, length: float) -> None:
    """Stack the rows from the bone's outer end (above) or from the spine (below), top down."""
    top = length - END_CLEAR if bone.above else -SPINE_CLEAR
    for block_index, block in enumerate(bone.blocks):
        if block_index:
            top -= BLOCK_GAP - ROW_GAP
        for row in block:
            row.label.y = top - row.label.height / 2
            top -= row.label.height + ROW_GAP


def _block_reach(block: Sequence[_Row]) -> float:
    """How far (as |y|) the block's furthest row is from the spine; it fixes the block's anchor."""
    return max(abs(row.label.y) for row in block)


def _clearance_needed(bone: _Bone) -> float:
    """The attachment distance this bone needs from the previous bone on the same side."""
    needed = 0.0
    for block in bone.blocks:
        reach = _block_reach(block)
        for row in block:
            nearest = max(abs(row.label.y) - row.label.height / 2, 0.0)
            left = reach * COT + TICK + row.depth * INDENT + row.label.width
            needed = max(needed, left + MARGIN - nearest * COT)
    return needed


def _pair_gaps(bones: Sequence[_Bone]) -> list[float]:
    """Distance from each pair's attachment point to the previous pair's."""
    gaps = []
    for pair in range(0, len(bones), 2):
        members = bones[pair : pair + 2]
        gap = MIN_PAIR_GAP
        for bone in members:
            gap = max(gap, _clearance_needed(bone))
            previous = pair - 2 + (0 if bone.above else 1)
            if previous >= 0:
                # Category names on one side sit in one row and must not touch.
                names = (bones[previous].label.width + bone.label.width) / 2 + MARGIN
                gap = max(gap, names)
        gaps.append(gap)
    return gaps


class _Lines:
    """Invisible point nodes and the straight edges between them: the bones, ticks and stems."""

    def __init__(self, names: _Names) -> None:
        self._names = names
        self.points: list[str] = []
        self.edges: list[str] = []

    def point(self, x: float, y: float) -> str:
        name = self._names.next("p")
        self.points.append(f'{name} [pos="{x:.1f},{y:.1f}!"]')
        return name

    def line(self, start: str, end: str, width: float) -> None:
        self.edges.append(f'{start} -- {end} [penwidth={width:g} color="{LINE}"]')


def _draw_bone(bone: _Bone, length: float, lines: _Lines) -> None:
    sign = 1.0 if bone.above else -1.0
    end_x = bone.attach_x - length * COT
    lines.line(lines.point(end_x, sign * length), lines.point(bone.attach_x, 0.0), 2.2)
    offset = CATEGORY_GAP + bone.label.height / 2
    bone.label.x, bone.label.y = end_x, sign * (length + offset)
    for block in bone.blocks:
        _draw_block(block, bone.attach_x, lines)


def _draw_block(block: Sequence[_Row], attach_x: float, lines: _Lines) -> None:
    """Place one top-level cause and its sub-causes left of the bone and draw their lines."""
    anchor = attach_x - _block_reach(block) * COT - TICK
    joints: dict[str, tuple[float, float]] = {}
    for row in block:
        right = anchor - row.depth * INDENT
        row.label.x = right - row.label.width / 2
        y = row.label.y
        if row.depth == 0:
            bone_x = attach_x - abs(y) * COT
            lines.line(lines.point(right + 2, y), lines.point(bone_x, y), 1.0)
        else:
            stem_x, parent_y = joints[row.cause.parent_id or ""]
            lines.line(lines.point(right + 2, y), lines.point(stem_x, y), 0.8)
            lines.line(lines.point(stem_x, parent_y), lines.point(stem_x, y), 0.8)
        joints[row.cause.id] = (right + STEM_INSET, y)


def _legend(names: _Names) -> list[_Label]:
    caption = _Label(
        names.next("l"),
        "legend-caption",
        '"Legend:"',
        f'shape=plaintext fontcolor="{MUTED}" {text_attributes(BOLD_FONT, NOTE_FONT_SIZE)}',
    )
    labels = [caption]
    for classification in LEGEND_ORDER:
        labels.append(
            _Label(
                names.next("l"),
                f"legend-{classification.value}",
                dot_label(classification.label, CAUSE_WRAP),
                f"{classification_style(classification, tree=False).attributes()} "
                f'{text_attributes(FONT, NOTE_FONT_SIZE)} margin="0.08,0.04"',
            )
        )
    return labels


def _place_legend(legend: Sequence[_Label], left: float, top: float) -> None:
    x = left
    for label in legend:
        label.x, label.y = x + label.width / 2, top - label.height / 2
        x += label.width + MARGIN


def fishbone_dot(pm: Postmortem, measurer: LabelMeasurer) -> FishboneDrawing:
    """The fishbone of ``pm`` as DOT for ``neato -n2``, its labels measured by ``measurer``."""
    names = _Names()
    bones = _bones(pm, names)
    problem = _Label(
        names.next("h"),
        element_id("problem"),
        dot_label(effective_problem_statement(pm) or pm.title, PROBLEM_WRAP),
        _PROBLEM_ATTRIBUTES,
    )
    legend = _legend(names)
    rows = [row for bone in bones for block in bone.blocks for row in block]
    labels = [problem, *(bone.label for bone in bones), *(row.label for row in rows), *legend]
    for label, (width, height) in zip(
        labels, measurer.measure([(label.label, label.attributes) for label in labels]), strict=True
    ):
        label.width, label.height = width, height

    above = _side_length([bone for bone in bones if bone.above])
    below = _side_length([bone for bone in bones if not bone.above]) if len(bones) > 1 else 0.0
    for bone in bones:
        _place_rows(bone, above if bone.above else below)
    attach = 0.0
    for pair, gap in enumerate(_pair_gaps(bones)):
        attach += gap
        for bone in bones[2 * pair : 2 * pair + 2]:
            bone.attach_x = attach

    lines = _Lines(names)
    for bone in bones:
        _draw_bone(bone, above if bone.above else below, lines)
    problem.x, problem.y = attach + HEAD_GAP + problem.width / 2, 0.0
    drawn = [problem, *(bone.label for bone in bones), *(row.label for row in rows)]
    left = min(label.x - label.width / 2 for label in drawn) - MARGIN
    tail = lines.point(min(left, problem.x - problem.width / 2 - HEAD_GAP), 0.0)
    lines.edges.append(f'{tail} -- {problem.name} [penwidth=3.2 color="{LINE}"]')
    bottom = min(label.y - label.height / 2 for label in drawn) - LEGEND_GAP
    _place_legend(legend, left, min(bottom, -SPINE_CLEAR - LEGEND_GAP))
    return FishboneDrawing(
        _document([*drawn, *legend], lines), tuple(label.element for label in drawn)
    )


def _document(labels: Sequence[_Label], lines: _Lines) -> str:
    nodes = [
        f"{label.name} [id={dot_string(label.element)} label={label.label} "
        f'{label.attributes} pos="{label.x:.1f},{label.y:.1f}!"]'
        for label in labels
    ]
    return "\n".join(
        [
            "graph fishbone {",
            'graph [bgcolor="white" splines=line outputorder=edgesfirst pad=0.3]',
            "node [width=0 height=0]",
            'node [shape=point width=0.01 height=0.01 style=invis label=""]',
            *lines.points,
            "node [width=0 height=0 style=solid]",
            *nodes,
            *lines.edges,
            "}",
            "",
        ]
    )
