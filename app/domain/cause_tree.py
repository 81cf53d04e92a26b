"""Outline edits for the fishbone's causes and the five-whys answers.

Both are trees written as flat tuples of records that name their parent. The editors show them as
outlines (Tab indents, Shift+Tab outdents, Alt+Up/Down moves), so every edit here takes a
postmortem and returns a new one whose tuples read like the outline: categories in their order,
causes grouped by category in that order and, within a category, depth first with siblings in
their relative order; five-whys answers depth first from the answers to the problem statement.
Keeping the tuples in this canonical order means views, exports and diagrams can walk them once,
top to bottom, and two postmortems with the same outline compare equal.

One generic implementation serves causes and answers: a cause is an answer with a group (its
category). Edits the outline cannot make raise ``TreeEditRefused`` with a sentence for the status
bar; unknown ids raise ``KeyError`` because they are the caller's mistake, not the user's.
A sub-cause always sits in its parent's category. The model does not forbid a sub-cause in another
category (an imported file may hold one), so the outline shows such a cause as a top-level cause
of its own category and canonical order stores it that way: its ``parent_id`` becomes None.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from app.domain.model import (
    ActionItem,
    Cause,
    FishboneCategory,
    Postmortem,
    WhyAnswer,
    new_id,
)
from app.domain.outline import Outline, OutlineKind, OutlineNode, Revision, revision_from

N = TypeVar("N", bound=OutlineNode)

# Every why answer sits in this one group: the problem statement.
_PROBLEM = ""


class TreeEditRefused(Exception):  # noqa: N818 - the name says what happened, like KeyError
    """An outline edit that cannot be made; ``str(error)`` is a sentence to show the user."""


def _place_cause(cause: Cause, group: str, parent: str | None) -> Cause:
    if (cause.category_id, cause.parent_id) == (group, parent):
        return cause
    return dataclasses.replace(cause, category_id=group, parent_id=parent)


def _place_why(why: WhyAnswer, _group: str, parent: str | None) -> WhyAnswer:
    return why if why.parent_id == parent else dataclasses.replace(why, parent_id=parent)


_CAUSES: OutlineKind[Cause] = OutlineKind(
    noun="cause",
    top_place="under its category",
    nested_place="under its parent cause",
    outdent_refused=(
        "This cause sits directly on its category, so it cannot be outdented any further."
    ),
    items=lambda pm: pm.causes,
    groups=lambda pm: [category.id for category in pm.fishbone_categories],
    group_of=lambda cause: cause.category_id,
    place=_place_cause,
    store=lambda pm, causes: _finish(pm, causes=causes),
    revise=lambda cause, revision: dataclasses.replace(cause, **revision.changes(cause)),
)

_WHYS: OutlineKind[WhyAnswer] = OutlineKind(
    noun="answer",
    top_place="among the answers to the problem statement",
    nested_place="among the answers to its parent",
    outdent_refused=(
        "This answer already answers the problem statement directly, so it cannot be "
        "outdented any further."
    ),
    items=lambda pm: pm.whys,
    groups=lambda _pm: [_PROBLEM],
    group_of=lambda _why: _PROBLEM,
    place=_place_why,
    store=lambda pm, whys: _finish(pm, whys=whys),
    revise=lambda why, revision: dataclasses.replace(why, **revision.changes(why)),
)


def _outline(pm: Postmortem, kind: OutlineKind[N]) -> Outline[N]:
    return Outline(kind.items(pm), kind.groups(pm), kind)


def _finish(
    pm: Postmortem,
    *,
    categories: tuple[FishboneCategory, ...] | None = None,
    causes: tuple[Cause, ...] | None = None,
    whys: tuple[WhyAnswer, ...] | None = None,
) -> Postmortem:
    """The postmortem with these collections in canonical order, in one validated step.

    Action items stop pointing at causes and answers that are gone; doing it in the same
    ``replace`` matters because the model refuses a link to a missing cause.
    """
    categories = pm.fishbone_categories if categories is None else categories
    category_ids = [category.id for category in categories]
    causes = Outline(pm.causes if causes is None else causes, category_ids, _CAUSES).emit()
    whys = Outline(pm.whys if whys is None else whys, [_PROBLEM], _WHYS).emit()
    kept = {cause.id for cause in causes} | {why.id for why in whys}
    action_items = tuple(_unlinked(item, kept) for item in pm.action_items)
    return dataclasses.replace(
        pm, fishbone_categories=categories, causes=causes, whys=whys, action_items=action_items
    )


def _unlinked(item: ActionItem, kept: set[str]) -> ActionItem:
    if all(cause_id in kept for cause_id in item.cause_ids):
        return item
    return dataclasses.replace(item, cause_ids=tuple(i for i in item.cause_ids if i in kept))


def canonical_order(pm: Postmortem) -> Postmortem:
    """``pm`` with categories, causes and answers in outline order (for data from elsewhere)."""
    return _finish(pm)


def causes_in_order(pm: Postmortem) -> tuple[Cause, ...]:
    """``pm.causes`` as the outline reads, without building a new postmortem."""
    return _outline(pm, _CAUSES).emit()


def whys_in_order(pm: Postmortem) -> tuple[WhyAnswer, ...]:
    """``pm.whys`` depth first from the answers to the problem statement."""
    return _outline(pm, _WHYS).emit()


def _fresh_id(pm: Postmortem) -> str:
    # Causes and answers share one namespace: an action item's cause_ids may name either.
    taken = {category.id for category in pm.fishbone_categories}
    taken |= {cause.id for cause in pm.causes} | {why.id for why in pm.whys}
    while (fresh := new_id()) in taken:
        pass  # twelve random hex digits: a clash is astronomically unlikely, but cheap to avoid
    return fresh


# --- categories --------------------------------------------------------------------------------


def _category_index(pm: Postmortem, category_id: str) -> int:
    for index, category in enumerate(pm.fishbone_categories):
        if category.id == category_id:
            return index
    raise KeyError(f"no fishbone category has id {category_id!r}")


def add_category(
    pm: Postmortem, name: str, *, after_id: str | None = None
) -> tuple[Postmortem, str]:
    """Add a category right after ``after_id``, or at the end; return the postmortem and its id."""
    categories = list(pm.fishbone_categories)
    index = len(categories) if after_id is None else _category_index(pm, after_id) + 1
    category = FishboneCategory(id=_fresh_id(pm), name=name)
    categories.insert(index, category)
    return _finish(pm, categories=tuple(categories)), category.id


def rename_category(pm: Postmortem, category_id: str, name: str) -> Postmortem:
    """Give a category a new name; its causes stay."""
    categories = list(pm.fishbone_categories)
    index = _category_index(pm, category_id)
    categories[index] = dataclasses.replace(categories[index], name=name)
    return _finish(pm, categories=tuple(categories))


def remove_category(pm: Postmortem, category_id: str) -> Postmortem:
    """Remove a category with all its causes; action items stop linking to those causes."""
    index = _category_index(pm, category_id)
    outline = _outline(pm, _CAUSES)
    outline.groups.remove(category_id)  # not emitted, so its causes and their subtrees go
    categories = pm.fishbone_categories[:index] + pm.fishbone_categories[index + 1 :]
    return _finish(pm, categories=categories, causes=outline.emit())


def move_category(pm: Postmortem, category_id: str, offset: int) -> Postmortem:
    """Move a category ``offset`` places (-1 up, +1 down); its causes move with it."""
    categories = list(pm.fishbone_categories)
    index = _category_index(pm, category_id)
    target = index + offset
    if not 0 <= target < len(categories):
        raise TreeEditRefused(_refused_move("category", offset, index, len(categories), ""))
    categories.insert(target, categories.pop(index))
    return _finish(pm, categories=tuple(categories))


def _refused_move(noun: str, offset: int, index: int, count: int, place: str) -> str:
    """Why an item at ``index`` of ``count`` siblings cannot move ``offset`` places."""
    room, edge, direction, side = (
        (index, "first", "up", "above")
        if offset < 0
        else (count - 1 - index, "last", "down", "below")
    )
    where = f" {place}" if place else ""
    if room == 0:
        return f"This {noun} is already the {edge}{where}, so it cannot move {direction}."
    verb = "is" if room == 1 else "are"
    return (
        f"This {noun} cannot move {abs(offset)} places {direction}: "
        f"only {room} {verb} {side} it{where}."
    )


# --- generic tree edits ------------------------------------------------------------------------


def _insert(
    pm: Postmortem,
    kind: OutlineKind[N],
    item: N,
    group: str,
    after_id: str | None,
) -> Postmortem:
    """Add ``item`` among its siblings: right after ``after_id`` or last."""
    outline = _outline(pm, kind)
    parent = item.parent_id
    if parent is not None:
        outline.require(parent)
    if parent is not None and outline.group[parent] != group:
        # A UI bug rather than a user's choice, so not a TreeEditRefused.
        raise ValueError(f"a sub-{kind.noun} must sit in the same category as its parent")
    siblings = outline.roots[group] if parent is None else outline.children[parent]
    index = None
    if after_id is not None:
        outline.require(after_id)
        if after_id not in siblings:
            raise ValueError(f"{after_id!r} is not a sibling of the new {kind.noun}")
        index = siblings.index(after_id) + 1
    outline.items[item.id] = item
    outline.children[item.id] = []
    outline.attach(item.id, group, parent, index)
    return kind.store(pm, outline.emit())


def _indent(pm: Postmortem, kind: OutlineKind[N], item_id: str) -> Postmortem:
    outline = _outline(pm, kind)
    outline.require(item_id)
    siblings = outline.siblings(item_id)
    index = siblings.index(item_id)
    if index == 0:
        raise TreeEditRefused(
            f"This {kind.noun} is the first {outline.place_phrase(item_id)}, so there is "
            "nothing above it to indent under."
        )
    new_parent = siblings[index - 1]
    outline.detach(item_id)
    outline.attach(item_id, outline.group[item_id], new_parent, None)
    return kind.store(pm, outline.emit())


def _outdent(pm: Postmortem, kind: OutlineKind[N], item_id: str) -> Postmortem:
    outline = _outline(pm, kind)
    outline.require(item_id)
    parent = outline.parent[item_id]
    if parent is None:
        raise TreeEditRefused(kind.outdent_refused)
    outline.detach(item_id)
    index = outline.siblings(parent).index(parent) + 1
    outline.attach(item_id, outline.group[parent], outline.parent[parent], index)
    return kind.store(pm, outline.emit())


def _remove(pm: Postmortem, kind: OutlineKind[N], item_id: str) -> Postmortem:
    outline = _outline(pm, kind)
    outline.require(item_id)
    outline.detach(item_id)  # not emitted any more, nor anything below it
    return kind.store(pm, outline.emit())


def _move(pm: Postmortem, kind: OutlineKind[N], item_id: str, offset: int) -> Postmortem:
    outline = _outline(pm, kind)
    outline.require(item_id)
    siblings = outline.siblings(item_id)
    index = siblings.index(item_id)
    target = index + offset
    if not 0 <= target < len(siblings):
        place = outline.place_phrase(item_id)
        raise TreeEditRefused(_refused_move(kind.noun, offset, index, len(siblings), place))
    siblings.insert(target, siblings.pop(index))  # its children hang off it, so they follow
    return kind.store(pm, outline.emit())


def _update(pm: Postmortem, kind: OutlineKind[N], item_id: str, revision: Revision) -> Postmortem:
    """Change an item's content in place; its position is for the outline edits."""
    outline = _outline(pm, kind)
    outline.items[item_id] = kind.revise(outline.require(item_id), revision)
    return kind.store(pm, outline.emit())


# --- causes ------------------------------------------------------------------------------------


def add_cause(
    pm: Postmortem,
    category_id: str,
    text: str = "",
    *,
    parent_id: str | None = None,
    after_id: str | None = None,
) -> tuple[Postmortem, str]:
    """Add a cause on ``category_id`` or under ``parent_id``; return the postmortem and its id.

    It goes right after the sibling ``after_id`` (whose subtree stays above it), or last among
    its siblings. A sub-cause must be in its parent's category (ValueError otherwise).
    """
    _category_index(pm, category_id)
    cause = Cause(id=_fresh_id(pm), category_id=category_id, text=text, parent_id=parent_id)
    return _insert(pm, _CAUSES, cause, category_id, after_id), cause.id


def update_cause(pm: Postmortem, cause_id: str, **changes: object) -> Postmortem:
    """Change a cause's ``text``, ``classification`` or ``evidence``.

    Anything else raises TypeError: the outline edits move causes, so a move cannot slip in here.
    """
    return _update(pm, _CAUSES, cause_id, revision_from(changes, "update_cause"))


def indent_cause(pm: Postmortem, cause_id: str) -> Postmortem:
    """Make a cause the last child of the sibling above it (Tab in the outline)."""
    return _indent(pm, _CAUSES, cause_id)


def outdent_cause(pm: Postmortem, cause_id: str) -> Postmortem:
    """Make a sub-cause the sibling right after its parent (Shift+Tab in the outline)."""
    return _outdent(pm, _CAUSES, cause_id)


def remove_cause(pm: Postmortem, cause_id: str) -> Postmortem:
    """Remove a cause with everything under it; action items stop linking to them."""
    return _remove(pm, _CAUSES, cause_id)


def move_cause(pm: Postmortem, cause_id: str, offset: int) -> Postmortem:
    """Move a cause ``offset`` places among its siblings (-1 up, +1 down), subtree and all."""
    return _move(pm, _CAUSES, cause_id, offset)


def set_cause_category(pm: Postmortem, cause_id: str, category_id: str) -> Postmortem:
    """Move a cause and its subtree to another category, as its last top-level cause.

    Choosing the category the cause is already in changes nothing: the editors offer the
    category as a combo box, and re-selecting the current value should not reshuffle the outline.
    """
    _category_index(pm, category_id)
    outline = _outline(pm, _CAUSES)
    outline.require(cause_id)
    if outline.group[cause_id] != category_id:
        outline.detach(cause_id)
        outline.attach(cause_id, category_id, None, None)
    return _finish(pm, causes=outline.emit())


def children_of_cause(pm: Postmortem, cause_id: str | None, category_id: str) -> tuple[Cause, ...]:
    """The causes directly under ``cause_id``, or directly on ``category_id`` for None."""
    _category_index(pm, category_id)
    outline = _outline(pm, _CAUSES)
    if cause_id is None:
        return tuple(outline.items[child] for child in outline.roots[category_id])
    outline.require(cause_id)
    if outline.group[cause_id] != category_id:
        raise ValueError(f"cause {cause_id!r} is not in category {category_id!r}")
    return tuple(outline.items[child] for child in outline.children[cause_id])


def cause_depth(pm: Postmortem, cause_id: str) -> int:
    """How deep a cause sits in the outline: 0 directly on its category."""
    outline = _outline(pm, _CAUSES)
    outline.require(cause_id)
    return outline.depth(cause_id)


# --- five whys ---------------------------------------------------------------------------------


def add_why(
    pm: Postmortem,
    text: str = "",
    *,
    parent_id: str | None = None,
    after_id: str | None = None,
) -> tuple[Postmortem, str]:
    """Add an answer to the problem statement (``parent_id`` None) or to another answer.

    It goes right after the sibling ``after_id``, or last; returns the postmortem and its id.
    """
    why = WhyAnswer(id=_fresh_id(pm), text=text, parent_id=parent_id)
    return _insert(pm, _WHYS, why, _PROBLEM, after_id), why.id


def update_why(pm: Postmortem, why_id: str, **changes: object) -> Postmortem:
    """Change an answer's ``text``, ``classification`` or ``evidence`` (TypeError for others)."""
    return _update(pm, _WHYS, why_id, revision_from(changes, "update_why"))


def indent_why(pm: Postmortem, why_id: str) -> Postmortem:
    """Make an answer the last answer to the sibling above it."""
    return _indent(pm, _WHYS, why_id)


def outdent_why(pm: Postmortem, why_id: str) -> Postmortem:
    """Make an answer the sibling right after the answer it explained."""
    return _outdent(pm, _WHYS, why_id)


def remove_why(pm: Postmortem, why_id: str) -> Postmortem:
    """Remove an answer with every answer below it; action items stop linking to them."""
    return _remove(pm, _WHYS, why_id)


def move_why(pm: Postmortem, why_id: str, offset: int) -> Postmortem:
    """Move an answer ``offset`` places among its siblings, with the answers below it."""
    return _move(pm, _WHYS, why_id, offset)


def children_of_why(pm: Postmortem, why_id: str | None) -> tuple[WhyAnswer, ...]:
    """The answers to ``why_id``, or to the problem statement for None."""
    outline = _outline(pm, _WHYS)
    if why_id is None:
        return tuple(outline.items[child] for child in outline.roots[_PROBLEM])
    outline.require(why_id)
    return tuple(outline.items[child] for child in outline.children[why_id])


def why_depth(pm: Postmortem, why_id: str) -> int:
    """How deep an answer sits: 0 for an answer to the problem statement."""
    outline = _outline(pm, _WHYS)
    outline.require(why_id)
    return outline.depth(why_id)
