from __future__ import annotations

import pytest

from app.domain.wording import (
    alternatives,
    find_spans,
    name_variants,
    phrase_pattern,
    template_pattern,
)

SLOTS = {"person": alternatives(["Dana", "the on-call"]), "bridge": alternatives(["then", "also"])}


def matches(template: str, text: str) -> list[str]:
    pattern = template_pattern(template, SLOTS)
    return [text[span.start : span.end] for span in find_spans(text, [pattern])]


def test_a_required_slot_matches_one_of_its_words() -> None:
    assert matches("{person} forgot", "Dana forgot; the on-call forgot; Sam forgot") == [
        "Dana forgot",
        "the on-call forgot",
    ]


def test_an_optional_slot_matches_zero_to_two_words() -> None:
    template = "{person} {bridge*} forgot"
    assert matches(template, "Dana forgot") == ["Dana forgot"]
    assert matches(template, "Dana then also forgot") == ["Dana then also forgot"]
    assert matches(template, "Dana then also then forgot") == []
    assert matches("{person} {bridge?} forgot", "Dana then also forgot") == []


def test_a_slot_glued_to_text_and_the_any_word_slot() -> None:
    assert matches("{person}'s mistake", "Dana\u2019s mistake") == ["Dana\u2019s mistake"]
    assert matches("{person}'s {word} broke", "Dana's change broke it") == ["Dana's change broke"]


def test_whole_words_only_and_spaces_match_hyphens_and_line_breaks() -> None:
    assert matches("{person} forgot", "Danae forgot") == []
    assert matches("fat finger", "a fat-finger, a fat\nfinger") == ["fat-finger", "fat\nfinger"]


@pytest.mark.parametrize(
    "template",
    ["{nobody} forgot", "{bridge*} forgot", "forgot {bridge?}", "x{bridge*}", "   "],
)
def test_malformed_templates_are_refused(template: str) -> None:
    with pytest.raises(ValueError, match=r"slot|empty"):
        template_pattern(template, SLOTS)


def test_overlapping_matches_keep_the_longest_then_the_first_listed() -> None:
    short, long = phrase_pattern("should have"), phrase_pattern("should have known")
    assert short is not None
    assert long is not None
    spans = find_spans("they should have known", [short, long])
    assert [(span.start, span.end, span.rule) for span in spans] == [(5, 22, 1)]
    same = find_spans("should have", [short, phrase_pattern("Should  have")])  # type: ignore[list-item]
    assert [span.rule for span in same] == [0]


def test_name_variants_are_the_full_name_and_parts_of_three_letters() -> None:
    assert name_variants("Al  Smith-Jones") == ("al smith jones", "smith", "jones")
    assert name_variants("Ana") == ("ana",)


def test_an_empty_list_of_alternatives_matches_nothing() -> None:
    assert template_pattern("{none} x", {"none": alternatives([])}).search("x x") is None
