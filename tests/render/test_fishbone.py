"""The fishbone's shape, styling and legibility, read back from the SVG the real Graphviz drew."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import pytest

from app.domain.model import Cause, CauseClassification, FishboneCategory
from app.render.diagrams import DiagramKind, diagram_source, render_diagram
from app.render.elements import element_id
from tests.render.diagram_samples import fishbone_postmortem
from tests.render.svg_geometry import line_segments, nodes, segment_crosses, squeeze

C = CauseClassification


def _svg(pm) -> bytes:
    return render_diagram(pm, DiagramKind.FISHBONE).content


def test_the_problem_box_is_the_head_on_the_right_of_the_spine() -> None:
    drawn = nodes(_svg(fishbone_postmortem()))
    head = drawn["problem"].box
    others = [node.box for key, node in drawn.items() if not key.startswith(("problem", "legend"))]
    assert all(box.right < head.left for box in others)
    assert squeeze(drawn["problem"].text) == squeeze("Checkout API returned 5xx for 47 minutes")


def test_categories_alternate_above_and_below_the_spine_in_pairs() -> None:
    pm = fishbone_postmortem(categories=6)
    svg = _svg(pm)
    drawn = nodes(svg)
    spine_y = drawn["problem"].box.centre[1]
    centres = [drawn[element_id("category", c.id)].box.centre for c in pm.fishbone_categories]
    above = [y < spine_y for _, y in centres]
    assert above == [True, False, True, False, True, False]
    assert [x for x, _ in centres[0::2]] == sorted(x for x, _ in centres[0::2])  # left to right
    # Each pair's bones meet the spine at one point: six bones, three meeting points.
    meeting_points = [
        round(min((start, end), key=lambda point: abs(point[1] - spine_y))[0])
        for start, end in line_segments(svg)
        if abs(start[1] - end[1]) > 40 and abs(start[0] - end[0]) > 20
    ]
    assert len(meeting_points) == 6
    assert sorted(Counter(meeting_points).values()) == [2, 2, 2]


def test_bones_slant_into_the_spine_towards_the_head() -> None:
    svg = _svg(fishbone_postmortem(categories=2, causes_per_category=2))
    drawn = nodes(svg)
    spine_y = drawn["problem"].box.centre[1]
    slanted = [
        (start, end)
        for start, end in line_segments(svg)
        if abs(start[1] - end[1]) > 40 and abs(start[0] - end[0]) > 20
    ]
    assert len(slanted) == 2
    for start, end in slanted:
        outer, inner = sorted((start, end), key=lambda point: abs(point[1] - spine_y))[::-1]
        assert abs(inner[1] - spine_y) < 1  # meets the spine
        assert outer[0] < inner[0]  # leans back from the head


def test_causes_sit_left_of_their_bone_and_sub_causes_are_indented_below_their_cause() -> None:
    pm = fishbone_postmortem(categories=1, causes_per_category=3)
    drawn = nodes(_svg(pm))
    parent = next(cause for cause in pm.causes if any(c.parent_id == cause.id for c in pm.causes))
    child = next(cause for cause in pm.causes if cause.parent_id == parent.id)
    parent_box = drawn[element_id("cause", parent.id)].box
    child_box = drawn[element_id("cause", child.id)].box
    assert child_box.top >= parent_box.bottom
    assert child_box.right < parent_box.right
    category = drawn[element_id("category", pm.fishbone_categories[0].id)].box
    for cause in pm.causes:
        assert drawn[element_id("cause", cause.id)].box.top > category.bottom


def test_long_labels_wrap_instead_of_widening_the_box() -> None:
    long_text = " ".join(["replication"] * 30)
    pm = fishbone_postmortem(categories=1, causes_per_category=1)
    pm = replace(pm, causes=(replace(pm.causes[0], text=long_text),))
    node = nodes(_svg(pm))[element_id("cause", pm.causes[0].id)]
    assert len(node.lines) > 5
    assert node.box.right - node.box.left < 250
    assert squeeze(node.text) == squeeze(long_text)


def test_an_eight_by_eight_fishbone_has_no_overlapping_labels_or_lines_through_them() -> None:
    pm = fishbone_postmortem(categories=8, causes_per_category=8)
    svg = _svg(pm)
    drawn = nodes(svg)
    assert len([key for key in drawn if key.startswith("cause-")]) == len(pm.causes)
    boxes = list(drawn.values())
    clashes = [
        (first.element_id, second.element_id)
        for first, second in itertools.combinations(boxes, 2)
        if first.box.overlaps(second.box)
    ]
    assert clashes == []
    crossings = [
        node.element_id
        for node in boxes
        for start, end in line_segments(svg)
        if segment_crosses(node.box, start, end)
    ]
    assert crossings == []


def test_classifications_differ_by_border_not_only_colour_and_the_legend_names_them() -> None:
    pm = fishbone_postmortem(categories=1, causes_per_category=4)
    classes = [C.ROOT_CAUSE, C.CONTRIBUTING_FACTOR, C.RULED_OUT, C.UNDECIDED]
    top_level = [cause for cause in pm.causes if cause.parent_id is None]
    pm = replace(
        pm,
        causes=tuple(
            replace(cause, classification=classes[top_level.index(cause)])
            if cause in top_level
            else cause
            for cause in pm.causes
        ),
    )
    drawn = nodes(_svg(pm))
    look = {
        classification: drawn[element_id("cause", cause.id)]
        for cause, classification in zip(top_level, classes, strict=True)
    }
    assert look[C.ROOT_CAUSE].outlines == 2  # a double border
    assert look[C.RULED_OUT].dashed
    assert not look[C.CONTRIBUTING_FACTOR].dashed
    assert look[C.CONTRIBUTING_FACTOR].outlines == 1
    source = diagram_source(pm, DiagramKind.FISHBONE).dot
    assert "rounded" in source  # contributing factors have rounded corners
    legend = {key: node.text for key, node in drawn.items() if key.startswith("legend-")}
    assert sorted(legend.values()) == sorted(c.label for c in classes)
    assert drawn[f"legend-{C.ROOT_CAUSE.value}"].outlines == 2


def test_a_fishbone_without_categories_still_draws_the_head() -> None:
    pm = replace(fishbone_postmortem(), fishbone_categories=(), causes=())
    drawn = nodes(_svg(pm))
    assert "problem" in drawn
    assert not [key for key in drawn if key.startswith(("cause-", "category-"))]


@pytest.mark.parametrize("above", [True, False])
def test_a_deep_sub_cause_tree_keeps_its_lines_outside_the_labels(above: bool) -> None:
    categories = (FishboneCategory("a", "Technology"), FishboneCategory("b", "Process"))
    owner = "a" if above else "b"
    chain = [
        Cause(f"x{depth}", owner, f"Level {depth} cause with some words", f"x{depth - 1}")
        for depth in range(1, 5)
    ]
    causes = (Cause("x0", owner, "Top cause"), *chain, Cause("y", owner, "A sibling below"))
    pm = replace(fishbone_postmortem(), fishbone_categories=categories, causes=causes)
    svg = _svg(pm)
    drawn = nodes(svg)
    assert not [
        key
        for key, node in drawn.items()
        for start, end in line_segments(svg)
        if segment_crosses(node.box, start, end)
    ]
    rights = [drawn[element_id("cause", f"x{depth}")].box.right for depth in range(5)]
    assert rights == sorted(rights, reverse=True)  # each level further left
