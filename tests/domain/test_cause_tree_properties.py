"""Any sequence of outline edits matches a nested-list model of the outline and stays canonical.

The model is the outline as a person pictures it (lists of nodes holding lists of children), so
it is written without ``parent_id`` bookkeeping; the postmortem after every edit must flatten to
the same outline, pass ``validate`` (it is rebuilt through the model's constructor) and be in
canonical order by the independent check in ``outline_checks``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.domain import cause_tree as tree
from app.domain.cause_tree import TreeEditRefused
from app.domain.model import ActionItem, FishboneCategory, Postmortem, Severity, validate
from tests.domain.outline_checks import assert_canonical

OFFSETS = st.sampled_from([-2, -1, 1, 2])


@dataclass
class Node:
    id: str
    children: list[Node] = field(default_factory=list)


def walk(nodes: list[Node], parent: str | None = None) -> list[tuple[str | None, str]]:
    """(parent id, id) depth first."""
    flat: list[tuple[str | None, str]] = []
    for node in nodes:
        flat.append((parent, node.id))
        flat.extend(walk(node.children, node.id))
    return flat


def find(nodes: list[Node], node_id: str) -> tuple[list[Node], int, Node | None] | None:
    """The sibling list holding ``node_id``, its index there and its parent node."""
    for index, node in enumerate(nodes):
        if node.id == node_id:
            return nodes, index, None
        found = find(node.children, node_id)
        if found is not None:
            siblings, at, parent = found
            return siblings, at, node if parent is None else parent
    return None


def locate(nodes: list[Node], node_id: str) -> tuple[list[Node], int, Node | None]:
    found = find(nodes, node_id)
    assert found is not None, node_id
    return found


def children_list(nodes: list[Node], parent: str | None) -> list[Node]:
    """The list a new node under ``parent`` joins: the top level for None."""
    if parent is None:
        return nodes
    siblings, index, _ = locate(nodes, parent)
    return siblings[index].children


class OutlineMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pm = Postmortem(
            title="Outline",
            severity=Severity.SEV3,
            fishbone_categories=(FishboneCategory("c0", "A"), FishboneCategory("c1", "B")),
            action_items=(ActionItem("act", "Fix it"),),
        )
        self.categories: list[tuple[str, list[Node]]] = [("c0", []), ("c1", [])]
        self.answers: list[Node] = []
        self.linked: list[str] = []

    # --- the model's view ------------------------------------------------------------------

    def cause_ids(self) -> list[str]:
        return [i for _, roots in self.categories for _, i in walk(roots)]

    def why_ids(self) -> list[str]:
        return [i for _, i in walk(self.answers)]

    def locate_cause(self, cause_id: str) -> tuple[str, tuple[list[Node], int, Node | None]]:
        for category_id, roots in self.categories:
            found = find(roots, cause_id)
            if found is not None:
                return category_id, found
        raise AssertionError(cause_id)

    def roots_of(self, category_id: str) -> list[Node]:
        return next(roots for cid, roots in self.categories if cid == category_id)

    def expect(self, refused: bool, edit: object) -> None:
        """Apply ``edit`` (a callable returning the new postmortem); refused iff the model says."""
        assert callable(edit)
        message = None
        try:
            self.pm = edit()
        except TreeEditRefused as error:
            message = str(error)
        assert (message is not None) == refused, message or "the edit should have been refused"
        if message is not None:  # a sentence for the status bar
            assert message.startswith("This ")
            assert message.endswith(".")

    # --- categories ------------------------------------------------------------------------

    @rule(data=st.data())
    def add_category(self, data: st.DataObject) -> None:
        ids = [cid for cid, _ in self.categories]
        after = data.draw(st.sampled_from([None, *ids]))
        self.pm, new = tree.add_category(self.pm, "New", after_id=after)
        index = len(ids) if after is None else ids.index(after) + 1
        self.categories.insert(index, (new, []))

    @rule(data=st.data())
    def remove_category(self, data: st.DataObject) -> None:
        if len(self.categories) < 2:  # rarely down to none, so the causes get to grow deep
            return
        index = data.draw(st.integers(0, len(self.categories) - 1))
        self.pm = tree.remove_category(self.pm, self.categories[index][0])
        del self.categories[index]

    @rule(data=st.data(), offset=OFFSETS)
    def move_category(self, data: st.DataObject, offset: int) -> None:
        if not self.categories:
            return
        index = data.draw(st.integers(0, len(self.categories) - 1))
        target = index + offset
        refused = not 0 <= target < len(self.categories)
        category_id = self.categories[index][0]
        self.expect(refused, lambda: tree.move_category(self.pm, category_id, offset))
        if not refused:
            self.categories.insert(target, self.categories.pop(index))

    # --- causes ----------------------------------------------------------------------------

    @rule(data=st.data())
    def add_cause(self, data: st.DataObject) -> None:
        if not self.categories:
            return
        category_id, roots = data.draw(st.sampled_from(self.categories))
        parent = data.draw(st.sampled_from([None, *(i for _, i in walk(roots))]))
        siblings = children_list(roots, parent)
        after = data.draw(st.sampled_from([None, *(n.id for n in siblings)]))
        self.pm, new = tree.add_cause(self.pm, category_id, parent_id=parent, after_id=after)
        index = len(siblings) if after is None else [n.id for n in siblings].index(after) + 1
        siblings.insert(index, Node(new))

    @rule(data=st.data())
    def add_sub_cause(self, data: st.DataObject) -> None:
        """Deep outlines need more additions under existing causes than uniform rules give."""
        if not self.cause_ids():
            return
        parent = data.draw(st.sampled_from(self.cause_ids()))
        category_id, (siblings, index, _) = self.locate_cause(parent)
        self.pm, new = tree.add_cause(self.pm, category_id, "sub", parent_id=parent)
        siblings[index].children.append(Node(new))

    @rule(data=st.data())
    def indent_cause(self, data: st.DataObject) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        _, (siblings, index, _) = self.locate_cause(cause_id)
        self.expect(index == 0, lambda: tree.indent_cause(self.pm, cause_id))
        if index:
            siblings[index - 1].children.append(siblings.pop(index))

    @rule(data=st.data())
    def outdent_cause(self, data: st.DataObject) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        category_id, (siblings, index, parent) = self.locate_cause(cause_id)
        self.expect(parent is None, lambda: tree.outdent_cause(self.pm, cause_id))
        if parent is not None:
            outer, at, _ = locate(self.roots_of(category_id), parent.id)
            outer.insert(at + 1, siblings.pop(index))

    @rule(data=st.data())
    def remove_cause(self, data: st.DataObject) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        _, (siblings, index, _) = self.locate_cause(cause_id)
        self.pm = tree.remove_cause(self.pm, cause_id)
        siblings.pop(index)

    @rule(data=st.data(), offset=OFFSETS)
    def move_cause(self, data: st.DataObject, offset: int) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        _, (siblings, index, _) = self.locate_cause(cause_id)
        refused = not 0 <= index + offset < len(siblings)
        self.expect(refused, lambda: tree.move_cause(self.pm, cause_id, offset))
        if not refused:
            siblings.insert(index + offset, siblings.pop(index))

    @rule(data=st.data())
    def set_cause_category(self, data: st.DataObject) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        category_id = data.draw(st.sampled_from([cid for cid, _ in self.categories]))
        current, (siblings, index, _) = self.locate_cause(cause_id)
        self.pm = tree.set_cause_category(self.pm, cause_id, category_id)
        if current != category_id:
            self.roots_of(category_id).append(siblings.pop(index))

    @rule(data=st.data(), text=st.text(max_size=5))
    def update_cause(self, data: st.DataObject, text: str) -> None:
        if not self.cause_ids():
            return
        cause_id = data.draw(st.sampled_from(self.cause_ids()))
        self.pm = tree.update_cause(self.pm, cause_id, text=text)
        assert next(c for c in self.pm.causes if c.id == cause_id).text == text

    # --- answers ---------------------------------------------------------------------------

    @rule(data=st.data())
    def add_why(self, data: st.DataObject) -> None:
        parent = data.draw(st.sampled_from([None, *self.why_ids()]))
        siblings = children_list(self.answers, parent)
        after = data.draw(st.sampled_from([None, *(n.id for n in siblings)]))
        self.pm, new = tree.add_why(self.pm, parent_id=parent, after_id=after)
        index = len(siblings) if after is None else [n.id for n in siblings].index(after) + 1
        siblings.insert(index, Node(new))

    @rule(data=st.data())
    def add_sub_why(self, data: st.DataObject) -> None:
        if not self.answers:
            return
        parent = data.draw(st.sampled_from(self.why_ids()))
        siblings, index, _ = locate(self.answers, parent)
        self.pm, new = tree.add_why(self.pm, "why?", parent_id=parent)
        siblings[index].children.append(Node(new))

    @rule(data=st.data())
    def indent_why(self, data: st.DataObject) -> None:
        if not self.answers:
            return
        why_id = data.draw(st.sampled_from(self.why_ids()))
        siblings, index, _ = locate(self.answers, why_id)
        self.expect(index == 0, lambda: tree.indent_why(self.pm, why_id))
        if index:
            siblings[index - 1].children.append(siblings.pop(index))

    @rule(data=st.data())
    def outdent_why(self, data: st.DataObject) -> None:
        if not self.answers:
            return
        why_id = data.draw(st.sampled_from(self.why_ids()))
        siblings, index, parent = locate(self.answers, why_id)
        self.expect(parent is None, lambda: tree.outdent_why(self.pm, why_id))
        if parent is not None:
            outer, at, _ = locate(self.answers, parent.id)
            outer.insert(at + 1, siblings.pop(index))

    @rule(data=st.data())
    def remove_why(self, data: st.DataObject) -> None:
        if not self.answers:
            return
        why_id = data.draw(st.sampled_from(self.why_ids()))
        siblings, index, _ = locate(self.answers, why_id)
        self.pm = tree.remove_why(self.pm, why_id)
        siblings.pop(index)

    @rule(data=st.data(), offset=OFFSETS)
    def move_why(self, data: st.DataObject, offset: int) -> None:
        if not self.answers:
            return
        why_id = data.draw(st.sampled_from(self.why_ids()))
        siblings, index, _ = locate(self.answers, why_id)
        refused = not 0 <= index + offset < len(siblings)
        self.expect(refused, lambda: tree.move_why(self.pm, why_id, offset))
        if not refused:
            siblings.insert(index + offset, siblings.pop(index))

    # --- links -----------------------------------------------------------------------------

    @rule(data=st.data())
    def link(self, data: st.DataObject) -> None:
        candidates = [i for i in self.cause_ids() + self.why_ids() if i not in self.linked]
        if not candidates:
            return
        linked = data.draw(st.sampled_from(candidates))
        item = dataclasses.replace(self.pm.action_items[0], cause_ids=(*self.linked, linked))
        self.pm = dataclasses.replace(self.pm, action_items=(item,))
        self.linked.append(linked)

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def matches_the_model(self) -> None:
        validate(self.pm)
        assert_canonical(self.pm)
        assert [c.id for c in self.pm.fishbone_categories] == [cid for cid, _ in self.categories]
        expected_causes = [
            (cid, parent, i) for cid, roots in self.categories for parent, i in walk(roots)
        ]
        assert [(c.category_id, c.parent_id, c.id) for c in self.pm.causes] == expected_causes
        assert [(w.parent_id, w.id) for w in self.pm.whys] == walk(self.answers)
        alive = set(self.cause_ids()) | set(self.why_ids())
        self.linked = [i for i in self.linked if i in alive]
        assert self.pm.action_items[0].cause_ids == tuple(self.linked)
        for cause_id, depth in depths([roots for _, roots in self.categories]):
            assert tree.cause_depth(self.pm, cause_id) == depth
        for why_id, depth in depths([self.answers]):
            assert tree.why_depth(self.pm, why_id) == depth


def depths(forests: list[list[Node]], depth: int = 0) -> list[tuple[str, int]]:
    return [
        pair
        for nodes in forests
        for node in nodes
        for pair in [(node.id, depth), *depths([node.children], depth + 1)]
    ]


OutlineMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=60, deadline=None)
TestOutlineEdits = OutlineMachine.TestCase
