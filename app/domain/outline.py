"""The generic outline behind ``cause_tree``: one tree of items that name their parent.

The fishbone's causes and the five-whys answers are the same shape, so the tree logic is written
once, here, against a small protocol (an ``id`` and a ``parent_id``) and an ``OutlineKind`` that
says what differs: where the items live in the postmortem, how they are grouped (causes by
category, answers all under the problem statement) and the words used in refusals.
``cause_tree`` holds the edits people make; this module holds the data structure they share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypedDict, TypeVar

from app.domain.model import CauseClassification, Postmortem


class OutlineNode(Protocol):
    """What the outline needs of an item: who it is and which item it hangs under."""

    @property
    def id(self) -> str: ...

    @property
    def parent_id(self) -> str | None: ...


N = TypeVar("N", bound=OutlineNode)


class Revisable(Protocol):
    """The content an update may change; causes and answers share it."""

    @property
    def text(self) -> str: ...

    @property
    def classification(self) -> CauseClassification: ...

    @property
    def evidence(self) -> tuple[str, ...]: ...


class ContentFields(TypedDict):
    """Keyword arguments for ``dataclasses.replace``, typed so mypy checks them."""

    text: str
    classification: CauseClassification
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """The content fields an update may change; None keeps the item's current value."""

    text: str | None = None
    classification: CauseClassification | None = None
    evidence: tuple[str, ...] | None = None

    def changes(self, item: Revisable) -> ContentFields:
        return {
            "text": item.text if self.text is None else self.text,
            "classification": (
                item.classification if self.classification is None else self.classification
            ),
            "evidence": item.evidence if self.evidence is None else self.evidence,
        }


@dataclass(frozen=True)
class OutlineKind(Generic[N]):
    """What differs between the fishbone and the five whys: where the items live and the words."""

    noun: str  # "cause" / "answer"
    top_place: str  # where a top-level item sits, as in "the first under its category"
    nested_place: str
    outdent_refused: str
    items: Callable[[Postmortem], tuple[N, ...]]
    groups: Callable[[Postmortem], list[str]]
    group_of: Callable[[N], str]
    # The item with its group and parent set as the outline places it; the same object when
    # nothing changes, so views comparing identities see only real edits.
    place: Callable[[N, str, str | None], N]
    store: Callable[[Postmortem, tuple[N, ...]], Postmortem]
    revise: Callable[[N, Revision], N]


class Outline(Generic[N]):
    """A working copy of one tree: the sibling list of every group and of every item.

    Built fresh for each edit and thrown away, so it may be mutated freely; ``emit`` turns it
    back into records in canonical order. An item detached from every sibling list is simply
    not emitted, which is how removal drops a whole subtree.
    """

    def __init__(self, items: Sequence[N], groups: Sequence[str], kind: OutlineKind[N]) -> None:
        self.kind = kind
        self.items: dict[str, N] = {item.id: item for item in items}
        self.groups = list(groups)
        self.roots: dict[str, list[str]] = {group: [] for group in groups}
        self.children: dict[str, list[str]] = {item.id: [] for item in items}
        self.parent: dict[str, str | None] = {}
        self.group: dict[str, str] = {}
        for item in items:  # input order is the siblings' relative order
            group, parent = kind.group_of(item), item.parent_id
            if parent is not None and kind.group_of(self.items[parent]) != group:
                parent = None  # a sub-cause outside its parent's category: top level there
            self.parent[item.id], self.group[item.id] = parent, group
            self.siblings(item.id).append(item.id)

    def require(self, item_id: str) -> N:
        """The item with ``item_id``; KeyError naming the kind when there is none."""
        if item_id not in self.items:
            raise KeyError(f"no {self.kind.noun} has id {item_id!r}")
        return self.items[item_id]

    def siblings(self, item_id: str) -> list[str]:
        """The list holding ``item_id``: its parent's children, or its group's top level."""
        parent = self.parent[item_id]
        return self.roots[self.group[item_id]] if parent is None else self.children[parent]

    def place_phrase(self, item_id: str) -> str:
        """Where the item sits, for refusals: "under its category", "under its parent cause"."""
        top = self.parent[item_id] is None
        return self.kind.top_place if top else self.kind.nested_place

    def attach(self, item_id: str, group: str, parent: str | None, index: int | None) -> None:
        """Put ``item_id`` (detached) at ``index`` of a sibling list, at the end for None."""
        self.parent[item_id] = parent
        self._regroup(item_id, group)
        siblings = self.siblings(item_id)
        siblings.insert(len(siblings) if index is None else index, item_id)

    def detach(self, item_id: str) -> None:
        """Take ``item_id`` out of its sibling list; its own children stay attached to it."""
        self.siblings(item_id).remove(item_id)

    def _regroup(self, item_id: str, group: str) -> None:
        stack = [item_id]
        while stack:
            current = stack.pop()
            self.group[current] = group
            stack.extend(self.children[current])

    def depth(self, item_id: str) -> int:
        """How many ancestors ``item_id`` has in the outline."""
        depth, parent = 0, self.parent[item_id]
        while parent is not None:
            depth, parent = depth + 1, self.parent[parent]
        return depth

    def emit(self) -> tuple[N, ...]:
        """The reachable items depth first, group by group; iterative so depth has no limit."""
        emitted: list[N] = []
        for group in self.groups:
            stack: list[tuple[str, str | None]] = [(root, None) for root in self.roots[group]]
            stack.reverse()
            while stack:
                item_id, parent = stack.pop()
                emitted.append(self.kind.place(self.items[item_id], group, parent))
                stack.extend((child, item_id) for child in reversed(self.children[item_id]))
        return tuple(emitted)


def revision_from(changes: dict[str, object], function: str) -> Revision:
    """Check ``changes`` names only content fields with values of the right type."""
    for name in changes:
        if name not in ("text", "classification", "evidence"):
            raise TypeError(
                f"{function} cannot change {name!r}: ids never change, and the outline edits "
                "(indent, outdent, move, set_cause_category) change an item's place"
            )
    text, classification = changes.get("text", ""), changes.get("classification")
    evidence = changes.get("evidence", ())
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if "classification" in changes and not isinstance(classification, CauseClassification):
        raise TypeError("classification must be a CauseClassification")
    if (
        isinstance(evidence, str)
        or not isinstance(evidence, Sequence)
        or not all(isinstance(entry, str) for entry in evidence)
    ):
        raise TypeError("evidence must be a sequence of text entries")
    return Revision(
        text=text if "text" in changes else None,
        classification=classification if isinstance(classification, CauseClassification) else None,
        evidence=tuple(evidence) if "evidence" in changes else None,
    )
