"""Outline edits on the fishbone and the five whys, one behaviour per test."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

from app.domain import cause_tree as tree
from app.domain.cause_tree import TreeEditRefused
from app.domain.model import (
    ActionItem,
    Cause,
    CauseClassification,
    FishboneCategory,
    Postmortem,
    Severity,
    WhyAnswer,
)
from tests.domain.outline_checks import assert_canonical
from tests.strategies import postmortems

TECH = FishboneCategory("tech", "Technology")
PROC = FishboneCategory("proc", "Process")
MON = FishboneCategory("mon", "Monitoring")


def fishbone() -> Postmortem:
    """Technology: a (a1 (a1x), a2), b; Process: p; Monitoring: empty. Action item links a1, p."""
    causes = (
        Cause("a", "tech", "Cache TTL zero"),
        Cause("a1", "tech", "Validator skipped TTL", parent_id="a"),
        Cause("a1x", "tech", "Schema lacks TTL", parent_id="a1"),
        Cause("a2", "tech", "No default TTL", parent_id="a"),
        Cause("b", "tech", "Retry storm"),
        Cause("p", "proc", "Canary shortened"),
    )
    return Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        fishbone_categories=(TECH, PROC, MON),
        causes=causes,
        action_items=(ActionItem("act", "Validate TTL", cause_ids=("a1", "p")),),
    )


def whys() -> Postmortem:
    """w1 (w1a (w1a1), w1b), w2; an action item links w1a and w2."""
    answers = (
        WhyAnswer("w1", "Every request missed the cache"),
        WhyAnswer("w1a", "TTL was zero", parent_id="w1"),
        WhyAnswer("w1a1", "Config had no TTL", parent_id="w1a"),
        WhyAnswer("w1b", "Cache was cold after deploy", parent_id="w1"),
        WhyAnswer("w2", "Clients retried without backoff"),
    )
    return Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        whys=answers,
        action_items=(ActionItem("act", "Backoff", cause_ids=("w1a", "w2")),),
    )


def cause_outline(pm: Postmortem) -> list[tuple[str, int, str]]:
    """(category id, depth, cause id) in tuple order: the outline as the editor shows it."""
    return [(c.category_id, tree.cause_depth(pm, c.id), c.id) for c in pm.causes]


def why_outline(pm: Postmortem) -> list[tuple[int, str]]:
    return [(tree.why_depth(pm, w.id), w.id) for w in pm.whys]


def links(pm: Postmortem) -> tuple[str, ...]:
    return pm.action_items[0].cause_ids


# --- categories ---------------------------------------------------------------------------------


def test_add_category_goes_after_the_given_one_or_last() -> None:
    pm, new = tree.add_category(fishbone(), "People")
    assert [c.id for c in pm.fishbone_categories] == ["tech", "proc", "mon", new]
    assert pm.fishbone_categories[-1].name == "People"
    pm, other = tree.add_category(pm, "Tooling", after_id="tech")
    assert [c.id for c in pm.fishbone_categories] == ["tech", other, "proc", "mon", new]
    assert len({new, other, "tech", "proc", "mon"}) == 5
    with pytest.raises(KeyError):
        tree.add_category(pm, "X", after_id="nope")


def test_rename_category_keeps_its_causes() -> None:
    pm = tree.rename_category(fishbone(), "tech", "Software")
    assert pm.fishbone_categories[0] == FishboneCategory("tech", "Software")
    assert pm.causes == fishbone().causes
    with pytest.raises(KeyError):
        tree.rename_category(pm, "nope", "X")


def test_remove_category_takes_its_causes_and_their_links() -> None:
    pm = tree.remove_category(fishbone(), "tech")
    assert [c.id for c in pm.fishbone_categories] == ["proc", "mon"]
    assert [c.id for c in pm.causes] == ["p"]
    assert links(pm) == ("p",)
    with pytest.raises(KeyError):
        tree.remove_category(pm, "tech")


def test_move_category_reorders_causes_and_refuses_past_the_ends() -> None:
    pm = tree.move_category(fishbone(), "proc", -1)
    assert [c.id for c in pm.fishbone_categories] == ["proc", "tech", "mon"]
    assert [c.id for c in pm.causes] == ["p", "a", "a1", "a1x", "a2", "b"]
    pm = tree.move_category(pm, "proc", 2)
    assert [c.id for c in pm.fishbone_categories] == ["tech", "mon", "proc"]
    with pytest.raises(TreeEditRefused, match=r"^This category is already the first, so it "):
        tree.move_category(fishbone(), "tech", -1)
    with pytest.raises(TreeEditRefused, match="already the last, so it cannot move down"):
        tree.move_category(fishbone(), "mon", 1)
    with pytest.raises(TreeEditRefused, match="cannot move 3 places down: only 1 is below it"):
        tree.move_category(fishbone(), "proc", 3)


# --- causes -------------------------------------------------------------------------------------


def test_add_cause_defaults_to_last_on_the_category() -> None:
    pm, new = tree.add_cause(fishbone(), "tech", "Disk full")
    assert cause_outline(pm)[5] == ("tech", 0, new)
    added = pm.causes[5]
    assert (added.text, added.parent_id, added.classification) == (
        "Disk full",
        None,
        CauseClassification.UNDECIDED,
    )
    assert [c.id for c in pm.causes][-1] == "p"


def test_add_cause_after_a_sibling_goes_below_its_subtree() -> None:
    pm, new = tree.add_cause(fishbone(), "tech", after_id="a")
    assert [c.id for c in pm.causes] == ["a", "a1", "a1x", "a2", new, "b", "p"]
    pm, sub = tree.add_cause(pm, "tech", "why", parent_id="a", after_id="a1")
    assert [c.id for c in pm.causes] == ["a", "a1", "a1x", sub, "a2", new, "b", "p"]
    assert pm.causes[3].parent_id == "a"
    pm, last_sub = tree.add_cause(pm, "tech", parent_id="a1x")
    assert cause_outline(pm)[3] == ("tech", 3, last_sub)


def test_add_cause_rejects_mismatched_places() -> None:
    pm = fishbone()
    with pytest.raises(KeyError):
        tree.add_cause(pm, "nope")
    with pytest.raises(KeyError):
        tree.add_cause(pm, "tech", parent_id="nope")
    with pytest.raises(KeyError):
        tree.add_cause(pm, "tech", after_id="nope")
    with pytest.raises(ValueError, match="same category"):
        tree.add_cause(pm, "proc", parent_id="a")
    with pytest.raises(ValueError, match="not a sibling"):
        tree.add_cause(pm, "tech", after_id="a1")  # a1 is under a, not on the category


def test_update_cause_changes_content_in_place() -> None:
    pm = tree.update_cause(
        fishbone(),
        "a1",
        text="Validator ignored TTL",
        classification=CauseClassification.ROOT_CAUSE,
        evidence=["PR #4812", "event:e1"],
    )
    assert pm.causes[1] == Cause(
        "a1",
        "tech",
        "Validator ignored TTL",
        parent_id="a",
        classification=CauseClassification.ROOT_CAUSE,
        evidence=("PR #4812", "event:e1"),
    )
    assert [c.id for c in pm.causes] == [c.id for c in fishbone().causes]
    assert tree.update_cause(pm, "a1", text="x").causes[1].evidence == ("PR #4812", "event:e1")


@pytest.mark.parametrize(
    "changes",
    [
        {"parent_id": None},
        {"category_id": "proc"},
        {"id": "z"},
        {"colour": "red"},
        {"text": 3},
        {"text": None},
        {"classification": "root_cause"},
        {"evidence": "just one string"},
        {"evidence": ("ok", 4)},
    ],
)
def test_update_cause_refuses_structure_and_wrong_types(changes: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        tree.update_cause(fishbone(), "a1", **changes)


def test_update_of_an_unknown_cause_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        tree.update_cause(fishbone(), "nope", text="x")


def test_indent_makes_the_last_child_of_the_sibling_above() -> None:
    pm = tree.indent_cause(fishbone(), "b")
    assert cause_outline(pm)[:5] == [
        ("tech", 0, "a"),
        ("tech", 1, "a1"),
        ("tech", 2, "a1x"),
        ("tech", 1, "a2"),
        ("tech", 1, "b"),
    ]
    assert pm.causes[4].parent_id == "a"
    pm = tree.indent_cause(pm, "a2")  # takes nothing along: a2 has no children
    assert [c.parent_id for c in pm.causes[:5]] == [None, "a", "a1", "a1", "a"]


def test_indent_carries_the_subtree() -> None:
    pm = tree.indent_cause(tree.move_cause(fishbone(), "b", -1), "a")
    assert cause_outline(pm)[:5] == [
        ("tech", 0, "b"),
        ("tech", 1, "a"),
        ("tech", 2, "a1"),
        ("tech", 3, "a1x"),
        ("tech", 2, "a2"),
    ]


def test_indent_refusals_say_why() -> None:
    with pytest.raises(TreeEditRefused) as refused:
        tree.indent_cause(fishbone(), "a")
    assert str(refused.value) == (
        "This cause is the first under its category, so there is nothing above it to indent under."
    )
    with pytest.raises(TreeEditRefused, match="first under its parent cause"):
        tree.indent_cause(fishbone(), "a1")
    with pytest.raises(TreeEditRefused, match="first under its category"):
        tree.indent_cause(fishbone(), "p")  # b is above it in the tuple, but in another category


def test_outdent_becomes_the_sibling_right_after_the_parent() -> None:
    pm = tree.outdent_cause(fishbone(), "a1")
    assert cause_outline(pm)[:5] == [
        ("tech", 0, "a"),
        ("tech", 1, "a2"),
        ("tech", 0, "a1"),
        ("tech", 1, "a1x"),
        ("tech", 0, "b"),
    ]
    with pytest.raises(TreeEditRefused) as refused:
        tree.outdent_cause(pm, "a1")
    assert str(refused.value) == (
        "This cause sits directly on its category, so it cannot be outdented any further."
    )


def test_remove_cause_takes_its_subtree_and_unlinks_it() -> None:
    pm = tree.remove_cause(fishbone(), "a")
    assert [c.id for c in pm.causes] == ["b", "p"]
    assert links(pm) == ("p",)
    with pytest.raises(KeyError):
        tree.remove_cause(pm, "a")


def test_move_cause_moves_the_subtree_among_siblings() -> None:
    pm = tree.move_cause(fishbone(), "a", 1)
    assert [c.id for c in pm.causes] == ["b", "a", "a1", "a1x", "a2", "p"]
    pm = tree.move_cause(pm, "a2", -1)
    assert [c.id for c in pm.causes] == ["b", "a", "a2", "a1", "a1x", "p"]


def test_move_cause_refusals_name_the_edge() -> None:
    with pytest.raises(TreeEditRefused) as refused:
        tree.move_cause(fishbone(), "a", -1)
    assert str(refused.value) == (
        "This cause is already the first under its category, so it cannot move up."
    )
    with pytest.raises(TreeEditRefused) as refused:
        tree.move_cause(fishbone(), "a2", 1)
    assert str(refused.value) == (
        "This cause is already the last under its parent cause, so it cannot move down."
    )
    with pytest.raises(TreeEditRefused) as refused:
        tree.move_cause(fishbone(), "b", -2)
    assert str(refused.value) == (
        "This cause cannot move 2 places up: only 1 is above it under its category."
    )


def test_set_cause_category_moves_the_subtree_to_the_end_of_the_top_level() -> None:
    pm = tree.set_cause_category(fishbone(), "a1", "proc")
    assert cause_outline(pm) == [
        ("tech", 0, "a"),
        ("tech", 1, "a2"),
        ("tech", 0, "b"),
        ("proc", 0, "p"),
        ("proc", 0, "a1"),
        ("proc", 1, "a1x"),
    ]
    assert links(pm) == ("a1", "p")
    assert tree.set_cause_category(fishbone(), "a1", "tech") == fishbone()
    with pytest.raises(KeyError):
        tree.set_cause_category(fishbone(), "a1", "nope")


def test_children_and_depth_read_the_outline() -> None:
    pm = fishbone()
    assert [c.id for c in tree.children_of_cause(pm, None, "tech")] == ["a", "b"]
    assert [c.id for c in tree.children_of_cause(pm, "a", "tech")] == ["a1", "a2"]
    assert tree.children_of_cause(pm, None, "mon") == ()
    assert [tree.cause_depth(pm, i) for i in ("a", "a1", "a1x", "p")] == [0, 1, 2, 0]
    with pytest.raises(ValueError, match="not in category"):
        tree.children_of_cause(pm, "a", "proc")
    with pytest.raises(KeyError):
        tree.children_of_cause(pm, None, "nope")
    with pytest.raises(KeyError):
        tree.cause_depth(pm, "nope")


def test_edits_put_scrambled_input_in_canonical_order() -> None:
    scrambled = dataclasses.replace(fishbone(), causes=tuple(reversed(fishbone().causes)))
    pm = tree.rename_category(scrambled, "mon", "Alerting")
    # Siblings keep their relative order from the input, so reversed input reverses siblings.
    assert [c.id for c in pm.causes] == ["b", "a", "a2", "a1", "a1x", "p"]
    assert_canonical(pm)


def test_a_sub_cause_in_another_category_than_its_parent_becomes_top_level_there() -> None:
    odd = dataclasses.replace(
        fishbone(), causes=(*fishbone().causes, Cause("x", "mon", "Alert muted", parent_id="a"))
    )
    pm = tree.canonical_order(odd)
    assert pm.causes[-1] == Cause("x", "mon", "Alert muted")
    assert [c.id for c in tree.children_of_cause(odd, None, "mon")] == ["x"]


# --- five whys ----------------------------------------------------------------------------------


def test_add_why_answers_the_problem_or_an_answer() -> None:
    pm, top = tree.add_why(whys(), "Deploy skipped canary")
    assert why_outline(pm)[-1] == (0, top)
    pm, sub = tree.add_why(pm, parent_id="w1", after_id="w1a")
    assert [w.id for w in pm.whys][:5] == ["w1", "w1a", "w1a1", sub, "w1b"]
    assert pm.whys[3].parent_id == "w1"
    with pytest.raises(ValueError, match="not a sibling"):
        tree.add_why(pm, after_id="w1a")
    with pytest.raises(KeyError):
        tree.add_why(pm, parent_id="nope")


def test_why_edits_share_the_outline_semantics() -> None:
    pm = tree.indent_why(whys(), "w2")
    assert why_outline(pm) == [(0, "w1"), (1, "w1a"), (2, "w1a1"), (1, "w1b"), (1, "w2")]
    pm = tree.outdent_why(pm, "w1a")
    assert why_outline(pm) == [(0, "w1"), (1, "w1b"), (1, "w2"), (0, "w1a"), (1, "w1a1")]
    pm = tree.move_why(pm, "w1a", -1)
    assert [w.id for w in pm.whys] == ["w1a", "w1a1", "w1", "w1b", "w2"]
    pm = tree.update_why(pm, "w1b", classification=CauseClassification.RULED_OUT)
    assert pm.whys[3].classification is CauseClassification.RULED_OUT
    assert [w.id for w in tree.children_of_why(pm, None)] == ["w1a", "w1"]
    assert [w.id for w in tree.children_of_why(pm, "w1")] == ["w1b", "w2"]


def test_why_refusals_speak_of_answers() -> None:
    with pytest.raises(TreeEditRefused) as refused:
        tree.indent_why(whys(), "w1")
    assert str(refused.value) == (
        "This answer is the first among the answers to the problem statement, so there is "
        "nothing above it to indent under."
    )
    with pytest.raises(TreeEditRefused) as refused:
        tree.outdent_why(whys(), "w2")
    assert str(refused.value) == (
        "This answer already answers the problem statement directly, so it cannot be "
        "outdented any further."
    )
    with pytest.raises(TreeEditRefused, match="already the last among the answers to its parent"):
        tree.move_why(whys(), "w1b", 1)
    with pytest.raises(TypeError):
        tree.update_why(whys(), "w1", parent_id=None)


def test_remove_why_takes_the_answers_below_and_unlinks_them() -> None:
    pm = tree.remove_why(whys(), "w1")
    assert [w.id for w in pm.whys] == ["w2"]
    assert links(pm) == ("w2",)


def test_new_ids_are_unique_across_causes_and_answers() -> None:
    pm = dataclasses.replace(fishbone(), whys=whys().whys)
    ids = {c.id for c in pm.causes} | {w.id for w in pm.whys}
    for _ in range(20):
        pm, new = tree.add_why(pm)
        pm, other = tree.add_cause(pm, "mon")
        assert not {new, other} & ids
        assert new != other
        ids |= {new, other}


# --- any postmortem -----------------------------------------------------------------------------


@settings(max_examples=150)
@given(postmortems())
def test_canonical_order_keeps_every_item_and_is_idempotent(pm: Postmortem) -> None:
    ordered = tree.canonical_order(pm)
    assert_canonical(ordered)
    assert tree.canonical_order(ordered) == ordered
    assert [c.id for c in ordered.fishbone_categories] == [c.id for c in pm.fishbone_categories]
    assert sorted(c.id for c in ordered.causes) == sorted(c.id for c in pm.causes)
    assert sorted(w.id for w in ordered.whys) == sorted(w.id for w in pm.whys)
    assert ordered.action_items == pm.action_items
    for before in pm.causes:  # only the place may change, and only for a cross-category parent
        after = next(c for c in ordered.causes if c.id == before.id)
        assert dataclasses.replace(after, parent_id=before.parent_id) == before
