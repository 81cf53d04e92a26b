"""An independent check that a postmortem's causes and answers are in canonical outline order.

Written without ``app.domain.cause_tree`` or its outline so a bug there cannot hide in both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.domain.model import Cause, Postmortem, WhyAnswer


def assert_canonical(pm: Postmortem) -> None:
    """Causes grouped by category in category order, each tree depth first; answers the same."""
    order = {category.id: index for index, category in enumerate(pm.fishbone_categories)}
    positions = [order[cause.category_id] for cause in pm.causes]
    assert positions == sorted(positions), "causes are not grouped in category order"
    assert_preorder(pm.causes, lambda cause: cause.category_id)
    assert_preorder(pm.whys, lambda _answer: "")


def assert_preorder(
    items: Sequence[Cause] | Sequence[WhyAnswer], group_of: Callable[..., str]
) -> None:
    """Every item's parent is on the path from the top to the item right before it.

    That is exactly depth-first pre-order: a child follows its parent or the end of an earlier
    sibling's subtree, never anything outside its parent's subtree.
    """
    by_id = {item.id: item for item in items}
    path: list[str] = []
    for item in items:
        if item.parent_id is None:
            path = [item.id]
            continue
        assert item.parent_id in path, f"{item.id!r} is outside its parent's subtree"
        assert group_of(by_id[item.parent_id]) == group_of(item), (
            f"{item.id!r} is in another category than its parent"
        )
        path = [*path[: path.index(item.parent_id) + 1], item.id]
