"""The rows the two outlines show, worked out from a postmortem (no Qt, no edits).

Rows are read in the order the records name their parents, so an imported postmortem whose
tuples are not in outline order still shows as the tree it describes; a sub-cause filed under
another category than its parent shows as a top-level cause of its own category, as the
domain treats it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from app.domain.model import Cause, CauseClassification, Postmortem, WhyAnswer
from app.ui.root_cause.marks import CHAIN_END_TIP, shape_name
from app.ui.root_cause.outline_model import ElementKind, OutlineItem

EMPTY_CATEGORY_HINT = "no causes yet: Ctrl+Enter adds one"


class Finding(Protocol):
    """What a row's tooltip needs of a blame finding."""

    @property
    def phrase(self) -> str: ...

    @property
    def reason(self) -> str: ...

    @property
    def suggestion(self) -> str: ...


def finding_sentence(finding: Finding) -> str:
    """One finding as a plain sentence: the phrase, why it may blame, what to say instead."""
    said = f'"{finding.phrase}": {finding.reason.rstrip(".")}.'
    return f"{said} {finding.suggestion}" if finding.suggestion else said


def count_phrase(count: int, noun: str, plural: str = "") -> str:
    """ "1 cause", "3 causes"; ``plural`` for nouns that do not just take an s."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def item_tooltip(
    classification: CauseClassification,
    evidence: Sequence[str],
    findings: Sequence[Finding],
    extra: Iterable[str] = (),
) -> str:
    lines = [
        f"{classification.label} ({shape_name(classification)})",
        "Evidence: "
        + (count_phrase(len(evidence), "entry", "entries") if evidence else "none yet"),
    ]
    lines.extend(f"Possible blame: {finding_sentence(finding)}" for finding in findings)
    lines.extend(extra)
    return "\n".join(lines)


def _tree_order(
    items: Sequence[Cause] | Sequence[WhyAnswer], group_of: Mapping[str, str]
) -> list[tuple[str | None, str]]:
    """(parent id, id) depth first; a parent in another group does not count as a parent."""
    known = {item.id for item in items}
    children: dict[str | None, list[str]] = {}
    for item in items:
        parent = item.parent_id
        if parent is not None and (parent not in known or group_of[parent] != group_of[item.id]):
            parent = None
        children.setdefault(parent, []).append(item.id)
    ordered: list[tuple[str | None, str]] = []
    stack: list[tuple[str | None, str]] = [(None, r) for r in reversed(children.get(None, []))]
    while stack:
        parent, item_id = stack.pop()
        ordered.append((parent, item_id))
        stack.extend((item_id, child) for child in reversed(children.get(item_id, [])))
    return ordered


def fishbone_rows(pm: Postmortem, findings: Mapping[str, Sequence[Finding]]) -> list[OutlineItem]:
    """Categories, each followed by its causes depth first; ``findings`` by cause id."""
    causes = {cause.id: cause for cause in pm.causes}
    group_of = {cause.id: cause.category_id for cause in pm.causes}
    order = _tree_order(pm.causes, group_of)
    rows: list[OutlineItem] = []
    for category in pm.fishbone_categories:
        mine = [(parent, cid) for parent, cid in order if group_of[cid] == category.id]
        element = ElementKind.CATEGORY.element_id(category.id)
        rows.append(
            OutlineItem(
                element_id=element,
                parent=None,
                kind=ElementKind.CATEGORY,
                item_id=category.id,
                text=category.name,
                display=category.name,
                tooltip=f"Category {category.name}: {count_phrase(len(mine), 'cause')}",
                editor_name="Category name",
                hint="" if mine else EMPTY_CATEGORY_HINT,
            )
        )
        for parent, cause_id in mine:
            cause = causes[cause_id]
            found = tuple(findings.get(cause_id, ()))
            rows.append(
                OutlineItem(
                    element_id=ElementKind.CAUSE.element_id(cause_id),
                    parent=element if parent is None else ElementKind.CAUSE.element_id(parent),
                    kind=ElementKind.CAUSE,
                    item_id=cause_id,
                    text=cause.text,
                    display=" ".join(cause.text.split()),
                    tooltip=item_tooltip(cause.classification, cause.evidence, found),
                    editor_name="Cause text",
                    classification=cause.classification,
                    blame=tuple(finding_sentence(finding) for finding in found),
                )
            )
    return rows


def why_prefix(depth: int) -> str:
    """How a row shows its place in the chain: the n-th "why?" asked."""
    return f"Why {depth}:"


def whys_rows(
    pm: Postmortem, findings: Mapping[str, Sequence[Finding]], chain_ends: Iterable[str]
) -> list[OutlineItem]:
    """The answers depth first, numbered by depth; ``chain_ends`` are marked as such."""
    answers = {why.id: why for why in pm.whys}
    ends = set(chain_ends)
    depth: dict[str, int] = {}
    rows: list[OutlineItem] = []
    for parent, why_id in _tree_order(pm.whys, dict.fromkeys(answers, "")):
        why = answers[why_id]
        depth[why_id] = 1 if parent is None else depth[parent] + 1
        found = tuple(findings.get(why_id, ()))
        end = why_id in ends
        extra = [f"Answer {depth[why_id]} in its chain of whys"]
        if end:
            extra.append(CHAIN_END_TIP)
        rows.append(
            OutlineItem(
                element_id=ElementKind.WHY.element_id(why_id),
                parent=None if parent is None else ElementKind.WHY.element_id(parent),
                kind=ElementKind.WHY,
                item_id=why_id,
                text=why.text,
                display=f"{why_prefix(depth[why_id])} {' '.join(why.text.split())}",
                tooltip=item_tooltip(why.classification, why.evidence, found, extra),
                editor_name=f"Answer to why {depth[why_id]}",
                classification=why.classification,
                blame=tuple(finding_sentence(finding) for finding in found),
                chain_end=end,
            )
        )
    return rows
