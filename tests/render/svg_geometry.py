"""Reading Graphviz SVG back: node boxes, their text and the straight lines between points."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def overlaps(self, other: Box, tolerance: float = 0.5) -> bool:
        return (
            self.left < other.right - tolerance
            and other.left < self.right - tolerance
            and self.top < other.bottom - tolerance
            and other.top < self.bottom - tolerance
        )


@dataclass(frozen=True)
class Node:
    element_id: str
    box: Box
    lines: tuple[str, ...]
    outlines: int  # polygons or paths drawn: 2 for a double border
    dashed: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _points(element: ET.Element) -> list[tuple[float, float]]:
    raw = element.get("points") or element.get("d") or ""
    numbers = [float(value) for value in _NUMBER.findall(raw)]
    return list(zip(numbers[0::2], numbers[1::2], strict=False))


def _box(points: list[tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def nodes(svg: bytes) -> dict[str, Node]:
    """Every node group with an id, keyed by that id (the DOT ``id`` attribute)."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        shapes = [*group.findall(f"{SVG}polygon"), *group.findall(f"{SVG}path")]
        points = [point for shape in shapes for point in _points(shape)]
        texts = tuple(text.text or "" for text in group.findall(f"{SVG}text"))
        if not points:
            continue
        found[group.get("id", "")] = Node(
            group.get("id", ""),
            _box(points),
            texts,
            len(shapes),
            any(shape.get("stroke-dasharray") for shape in shapes),
        )
    return found


def line_segments(svg: bytes) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Each edge as the segment from its first to its last point (our lines are straight)."""
    root = ET.fromstring(svg)
    segments = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "edge":
            for path in group.findall(f"{SVG}path"):
                points = _points(path)
                segments.append((points[0], points[-1]))
    return segments


def segment_crosses(box: Box, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the segment passes through the inside of ``box`` (shrunk by a point)."""
    inner = Box(box.left + 1, box.top + 1, box.right - 1, box.bottom - 1)
    steps = 200
    for step in range(steps + 1):
        t = step / steps
        x = start[0] + (end[0] - start[0]) * t
        y = start[1] + (end[1] - start[1]) * t
        if inner.left < x < inner.right and inner.top < y < inner.bottom:
            return True
    return False


def squeeze(text: str) -> str:
    """``text`` without any whitespace: wrapping may move line breaks but not characters."""
    return "".join(text.split())
