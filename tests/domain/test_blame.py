from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.blame import BlameFinding, BlameWarning, blame_warnings, find_blame
from app.domain.language_rules import PhraseGroup, language_rules
from app.domain.model import (
    Cause,
    CauseClassification,
    FishboneCategory,
    Participant,
    Postmortem,
    Severity,
    WhyAnswer,
)
from app.domain.wording import phrase_pattern
from tests.strategies import participants, texts

DANA = Participant("Dana Reyes", "SRE")
PHRASES = language_rules().plain_blame_phrases()


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
            suggestion=language_rules().root_cause_participant_suggestion,
            start=4,
            end=15,
            participant="Dana Reyes",
        ),
    )


@pytest.mark.parametrize(("phrase", "group"), PHRASES, ids=[phrase for phrase, _ in PHRASES])
def test_every_listed_phrase_is_found_with_its_groups_suggestion(
    phrase: str, group: PhraseGroup
) -> None:
    for written in (phrase, phrase.upper()):
        text = f"Root cause: {written}, again."
        (finding,) = find_blame(text, [])
        assert (finding.phrase, finding.start) == (written, 12)
        assert finding.reason == f'says "{phrase}"'
        assert finding.suggestion == group.suggestion
        assert finding.participant is None


def test_the_phrase_list_covers_the_reference_and_its_variants() -> None:
    listed = [phrase for phrase, _ in PHRASES]
    # Two spellings of one phrase ("fat-fingered", "fat fingered") would compete for one match.
    assert len({phrase_pattern(phrase) for phrase in listed}) == len(listed)
    for required in (
        "human error",
        "operator error",
        "carelessness",
        "someone forgot",
        "careless",
        "negligent",
        "user error",
        "should have",
        "should have known",
        "didn't pay attention",
        "why didn't",
        "obviously",
        "at fault",
    ):
        assert required in listed
    assert all(group.suggestion.strip() for _, group in PHRASES)


def test_only_blame_phrases_without_slots_are_the_firm_root_cause_list() -> None:
    # Hindsight wording is coached, not a stage 3 blocker; a person-shaped phrase ("{person}
    # forgot") is the coaching's: stage 3 names any participant in a root cause anyway.
    listed = [phrase for phrase, _ in PHRASES]
    assert "in hindsight" not in listed
    assert not [phrase for phrase in listed if "{" in phrase]
    assert found("Root cause: in hindsight the limit was low") == []


def test_a_phrase_inside_a_neutral_term_is_not_a_finding_but_a_name_is() -> None:
    assert found("the human error rate panel") == []
    assert found("Root cause: human error") == [("human error", 'says "human error"')]
    assert found("Reyes' fault tolerance design", DANA) == [
        ("Reyes", "names Dana Reyes, a participant")
    ]


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
