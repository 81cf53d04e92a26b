"""No user text can inject DOT or markup: it reaches the SVG as the characters typed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.model import Cause, FishboneCategory, Postmortem, Severity, WhyAnswer
from app.render.diagrams import DiagramKind, render_diagram
from app.render.dot_text import showable
from app.render.elements import element_id
from tests.render.svg_geometry import nodes, squeeze

NASTY = [
    'quote " inside',
    "back\\slash and trailing \\",
    "\\N \\G \\E \\L \\l \\n escapes",
    '<IMG SRC="/etc/hostname"/>',
    "<<b>x</b>>",
    "{braces} [brackets] | pipes | <port>",
    "&amp; &lt; &#65; &nbsp;",
    "new\nline and\ttab",
    "emoji 😀🔥 and ZWJ 👩‍💻",
    "right-to-left: שלום עולם / مرحبا",
    '"]; evil [label="injected"]; x [label="',
    "-- -> ; } digraph { a }",
]


def _fishbone_with(text: str) -> Postmortem:
    return Postmortem(
        title="Escaping",
        severity=Severity.SEV3,
        fishbone_categories=(FishboneCategory("g", text),),
        causes=(Cause("k", "g", text),),
    )


def _whys_with(text: str) -> Postmortem:
    return Postmortem(title="Escaping", severity=Severity.SEV3, whys=(WhyAnswer("w", text),))


def _check_shown_verbatim(pm: Postmortem, kind: DiagramKind, element: str, text: str) -> None:
    svg = render_diagram(pm, kind).content
    drawn = nodes(svg)
    assert squeeze(drawn[element].text) == squeeze(showable(text))
    assert b"<image" not in svg
    assert b"injected" not in svg or "injected" in text
    expected = {
        "problem",
        element,
        *(key for key in drawn if key.startswith(("legend-", "category-", "chain-end-"))),
    }
    assert set(drawn) == expected


def _check_fishbone(text: str) -> None:
    _check_shown_verbatim(
        _fishbone_with(text), DiagramKind.FISHBONE, element_id("cause", "k"), text
    )


@pytest.mark.parametrize("text", NASTY)
def test_nasty_labels_render_as_text_in_the_fishbone(text: str) -> None:
    _check_shown_verbatim(
        _fishbone_with(text), DiagramKind.FISHBONE, element_id("cause", "k"), text
    )


@pytest.mark.parametrize("text", NASTY)
def test_nasty_labels_render_as_text_in_the_five_whys(text: str) -> None:
    _check_shown_verbatim(_whys_with(text), DiagramKind.WHYS, element_id("why", "w"), text)


def test_a_ten_thousand_character_label_renders_whole() -> None:
    text = ("abcdefghij " * 1000)[:10_000]
    _check_shown_verbatim(_whys_with(text), DiagramKind.WHYS, element_id("why", "w"), text)
    _check_shown_verbatim(
        _fishbone_with(text), DiagramKind.FISHBONE, element_id("cause", "k"), text
    )


def test_item_ids_from_an_imported_file_are_escaped_too() -> None:
    odd = 'id" onload="x'
    pm = replace(_whys_with("answer"), whys=(WhyAnswer(odd, "answer"),))
    drawn = nodes(render_diagram(pm, DiagramKind.WHYS).content)
    assert element_id("why", odd) in drawn


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_random_text_is_accepted_by_graphviz_and_appears_unchanged(text: str) -> None:
    _check_shown_verbatim(_whys_with(text), DiagramKind.WHYS, element_id("why", "w"), text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=120))
def test_random_text_on_the_fishbone_is_accepted_and_appears_unchanged(text: str) -> None:
    _check_shown_verbatim(
        _fishbone_with(text), DiagramKind.FISHBONE, element_id("cause", "k"), text
    )
