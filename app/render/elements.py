"""Names for the things a diagram draws, shared by the SVG, the canvas and the editors.

Each drawn item carries an SVG ``id`` of the form ``<kind>-<item id>``, so a click on the canvas
can select the item in the editor, and a selection in the editor can outline the item.
"""

from __future__ import annotations

from typing import Literal

ElementKind = Literal["problem", "category", "cause", "why"]

PROBLEM_ELEMENT = "problem"
_KINDS: tuple[ElementKind, ...] = ("category", "cause", "why")


def element_id(kind: ElementKind, item_id: str = "") -> str:
    """The SVG id of an item: ``cause-3f2a...``; the problem statement is just ``problem``."""
    return PROBLEM_ELEMENT if kind == "problem" else f"{kind}-{item_id}"


def parse_element_id(element: str) -> tuple[ElementKind, str] | None:
    """``(kind, item id)`` for an element id made by ``element_id``, None for anything else."""
    if element == PROBLEM_ELEMENT:
        return "problem", ""
    kind, separator, item_id = element.partition("-")
    for known in _KINDS:
        if kind == known and separator and item_id:
            return known, item_id
    return None
