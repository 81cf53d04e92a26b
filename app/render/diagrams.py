"""Stage 3's diagrams, postmortem to SVG or PNG: the one entry point for UI, CLI and exports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.domain.model import Postmortem
from app.render.fishbone import fishbone_dot
from app.render.graphviz import LAYOUT_TIMEOUT_SECONDS, OutputFormat, Program, run_graphviz
from app.render.label_size import LabelMeasurer, shared_measurer
from app.render.whys_tree import Direction, whys_dot


class DiagramKind(Enum):
    FISHBONE = "fishbone"
    WHYS = "whys"

    @property
    def label(self) -> str:
        return "Fishbone" if self is DiagramKind.FISHBONE else "Five whys"


@dataclass(frozen=True)
class DiagramSource:
    """DOT text, the Graphviz program and arguments that lay it out, and the selectable ids."""

    dot: str
    program: Program
    arguments: tuple[str, ...]
    element_ids: tuple[str, ...]


@dataclass(frozen=True)
class RenderedDiagram:
    """A laid-out diagram: the file's bytes and the element ids a click can select in it."""

    content: bytes
    element_ids: tuple[str, ...]


def diagram_source(
    pm: Postmortem,
    kind: DiagramKind,
    *,
    direction: Direction = "TB",
    measurer: LabelMeasurer = shared_measurer,
) -> DiagramSource:
    """The DOT for one of ``pm``'s diagrams; the fishbone's positions are pinned (``neato -n2``)."""
    if kind is DiagramKind.FISHBONE:
        fishbone = fishbone_dot(pm, measurer)
        return DiagramSource(fishbone.dot, "neato", ("-n2",), fishbone.element_ids)
    whys = whys_dot(pm, direction)
    return DiagramSource(whys.dot, "dot", (), whys.element_ids)


def render_diagram(
    pm: Postmortem,
    kind: DiagramKind,
    *,
    direction: Direction = "TB",
    output_format: OutputFormat = "svg",
    timeout: float = LAYOUT_TIMEOUT_SECONDS,
    measurer: LabelMeasurer = shared_measurer,
) -> RenderedDiagram:
    """Generate and lay out one diagram with the real Graphviz; DiagramError when it cannot."""
    source = diagram_source(pm, kind, direction=direction, measurer=measurer)
    content = run_graphviz(
        source.dot,
        program=source.program,
        output_format=output_format,
        extra_args=source.arguments,
        timeout=timeout,
    )
    return RenderedDiagram(content, source.element_ids)
