"""The five-whys tree: direction, chain ends, styling and legibility, read back from the SVG."""

from __future__ import annotations

import itertools

import pytest

from app.render.diagrams import DiagramKind, render_diagram
from app.render.elements import element_id
from tests.render.diagram_samples import branching_whys
from tests.render.svg_geometry import nodes


def _drawn(direction: str = "TB"):
    pm = branching_whys()
    return pm, nodes(render_diagram(pm, DiagramKind.WHYS, direction=direction).content)


def test_top_to_bottom_puts_every_answer_below_what_it_explains() -> None:
    pm, drawn = _drawn("TB")
    for why in pm.whys:
        parent = "problem" if why.parent_id is None else element_id("why", why.parent_id)
        assert drawn[element_id("why", why.id)].box.top > drawn[parent].box.bottom


def test_left_to_right_puts_every_answer_right_of_what_it_explains() -> None:
    pm, drawn = _drawn("LR")
    for why in pm.whys:
        parent = "problem" if why.parent_id is None else element_id("why", why.parent_id)
        assert drawn[element_id("why", why.id)].box.left > drawn[parent].box.right


def test_chains_that_stop_without_a_root_cause_are_marked() -> None:
    pm = branching_whys()
    svg = render_diagram(pm, DiagramKind.WHYS).content.decode()
    # Leaves g ("replica lagged") and h ("alerts fired late") end without a root cause; d is the
    # root cause and f is ruled out, so those chains are closed.
    assert svg.count("Chain stops here:") == 2


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_branching_tree_has_no_overlapping_labels(direction: str) -> None:
    _, drawn = _drawn(direction)
    clashes = [
        (first.element_id, second.element_id)
        for first, second in itertools.combinations(drawn.values(), 2)
        if first.box.overlaps(second.box)
    ]
    assert clashes == []


def test_root_cause_and_ruled_out_answers_differ_by_border() -> None:
    _, drawn = _drawn()
    assert drawn[element_id("why", "d")].outlines == 2
    assert drawn[element_id("why", "f")].dashed
    assert drawn[element_id("why", "a")].outlines == 1
    assert not drawn[element_id("why", "a")].dashed
    assert {key for key in drawn if key.startswith("legend-")} == {
        "legend-root_cause",
        "legend-contributing_factor",
        "legend-ruled_out",
        "legend-undecided",
    }
