from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.blame import BlameFinding, BlameWarning, blame_warnings, find_blame
from app.domain.model import (
    Cause,
    CauseClassification,
    FishboneCategory,
    Participant,
    Postmortem,
    Severity,
    WhyAnswer,
)
from tests.strategies import participants, texts

DANA = Participant("Dana Reyes", "SRE")
PHRASES = json.loads(
    resources.files("app.resources").joinpath("blame_phrases.json").read_text(encoding="utf-8")
)


def found(text: str, *people: Participant) -> list[tuple[str, str]]:
    return [(finding.phrase, finding.reason) for finding in find_blame(text, people)]


def test_a_participant_is_found_by_full_name_or_a_long_enough_part() -> None:
    assert found("Dana Reyes pushed the config", DANA) == [
        ("Dana Reyes", "names Dana Reyes, a participant")
    ]
    assert found("dana pushed it and REYES approved", DANA) == [
        ("dana", "names Dana Reyes, a participant"),
        ("REYES", "names Dana Reyes, a participant"),
    ]
    al = Participant("Al Smith")
    assert found("Al ran the script", al) == []  # "Al" alone is too short to be sure
    assert found("Al Smith ran it; Smith again", al) == [
        ("Al Smith", "names Al Smith, a participant"),
        ("Smith", "names Al Smith, a participant"),
    ]
    assert found("Bo ran it", Participant("Bo")) == [("Bo", "names Bo, a participant")]


def test_names_match_whole_words_only() -> None:
    ali = Participant("Ali")
    assert found("Alibaba and Khalil were fine", ali) == []
    assert found("Ali's deploy", ali) == [("Ali", "names Ali, a participant")]
    assert found("the dana_reyes account", DANA) == []


def test_case_and_accents_fold_but_spans_point_into_the_text_as_written() -> None:
    rene = Participant("René Müller")
    text = "Straße: RENE\u0301 and muller and Mu\u0308ller"
    findings = find_blame(text, [rene])
    assert [(f.start, f.end) for f in findings] == [(8, 13), (18, 24), (29, 36)]
    assert [text[f.start : f.end] for f in findings] == [f.phrase for f in findings]
    assert findings[0].phrase == "RENE\u0301"  # the combining accent belongs to the name
    assert found("Rene", Participant("RENÉ")) == [("Rene", "names RENÉ, a participant")]


def test_a_name_is_one_finding_not_one_per_part() -> None:
    findings = find_blame("Ask Dana  Reyes", [DANA, Participant("Dana Smith")])
    assert findings == (
        BlameFinding(
            phrase="Dana  Reyes",
            reason="names Dana Reyes, a participant",
            suggestion=PHRASES["participant"]["suggestion"],
            start=4,
            end=15,
            participant="Dana Reyes",
        ),
    )


@pytest.mark.parametrize("entry", PHRASES["phrases"], ids=lambda entry: entry["phrase"])
def test_every_listed_phrase_is_found_with_its_own_suggestion(entry: dict[str, str]) -> None:
    for written in (entry["phrase"], entry["phrase"].upper()):
        text = f"Root cause: {written}, again."
        (finding,) = find_blame(text, [])
        assert (finding.phrase, finding.start) == (written, 12)
        assert finding.reason == f'says "{entry["phrase"]}"'
        assert finding.suggestion == entry["suggestion"]
        assert finding.participant is None


def test_the_phrase_list_covers_the_reference_and_its_variants() -> None:
    listed = [entry["phrase"] for entry in PHRASES["phrases"]]
    assert len(listed) == len(set(listed))
    for required in (
        "human error",
        "operator error",
        "carelessness",
        "someone forgot",
        "careless",
        "user error",
        "should have known",
        "didn't pay attention",
    ):
        assert required in listed
    assert all(entry["suggestion"].strip() for entry in PHRASES["phrases"])


def test_phrases_match_whole_words_across_spacing_and_apostrophes() -> None:
    assert found("pure carelessness") == [("carelessness", 'says "carelessness"')]
    assert found("Someone\nforgot the flag") == [("Someone\nforgot", 'says "someone forgot"')]
    assert found("Operator didn\u2019t pay attention") == [
        ("didn\u2019t pay attention", 'says "didn\'t pay attention"')
    ]
    assert found("a fat-finger in the form") == [("fat-finger", 'says "fat finger"')]
    assert found("human errors were logged") == []  # a different word: no finding
    assert found("superhuman error budget") == []


def test_findings_come_in_text_order() -> None:
    findings = find_blame("Human error: Reyes was careless", [DANA])
    assert [f.phrase for f in findings] == ["Human error", "Reyes", "careless"]


@settings(max_examples=200)
@given(texts(max_size=60), st.lists(participants(), max_size=3))
def test_findings_are_ordered_disjoint_spans_of_the_text(
    text: str, people: list[Participant]
) -> None:
    findings = find_blame(text, people)
    previous_end = 0
    for finding in findings:
        assert previous_end <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.phrase
        previous_end = finding.end


NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzéèüöäçñåøß"


@settings(max_examples=200)
@given(
    st.text(NAME_LETTERS, min_size=3, max_size=10),
    st.text(NAME_LETTERS, min_size=3, max_size=10),
    st.sampled_from([str.upper, str.lower, str.title]),
)
def test_a_participant_named_in_any_case_is_found(first: str, last: str, case: object) -> None:
    assert callable(case)
    name = f"{first} {last}"
    written = case(name)
    text = f"1: {written}, 2"  # digits and punctuation: nothing else can match a name part
    findings = find_blame(text, [Participant(name)])
    assert [(f.start, f.end, f.participant) for f in findings] == [(3, 3 + len(written), name)]


# --- warnings on a postmortem -------------------------------------------------------------------


def test_only_root_causes_warn_causes_first_then_answers() -> None:
    root = CauseClassification.ROOT_CAUSE
    pm = Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        participants=(DANA,),
        fishbone_categories=(FishboneCategory("cat", "People"),),
        causes=(
            Cause("c1", "cat", "Dana forgot the flag", classification=root),
            Cause(
                "c2", "cat", "Human error", classification=CauseClassification.CONTRIBUTING_FACTOR
            ),
            Cause("c3", "cat", "Flag defaults to on", classification=root),
            Cause("c4", "cat", "Operator error", classification=root),
        ),
        whys=(WhyAnswer("w1", "Reyes should have known", classification=root),),
    )
    warnings = blame_warnings(pm)
    assert [(w.item_kind, w.item_id) for w in warnings] == [
        ("cause", "c1"),
        ("cause", "c4"),
        ("why", "w1"),
    ]
    assert warnings[0] == BlameWarning(
        "cause", "c1", "Dana forgot the flag", find_blame("Dana forgot the flag", [DANA])
    )
    assert [f.reason for f in warnings[2].findings] == [
        "names Dana Reyes, a participant",
        'says "should have known"',
    ]
