from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.blameless_language import (
    LanguageFlag,
    dismiss,
    flags_in_text,
    language_flags,
    location_element,
    location_stage,
    text_fields,
    undismiss,
)
from app.domain.errors import ValidationError
from app.domain.invitation import generated_invitation
from app.domain.language_rules import FLAG_RULES, language_rules
from app.domain.model import (
    ActionItem,
    Audience,
    Cause,
    CoachingDismissal,
    Communication,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
    WhyAnswer,
)
from tests.domain.blameless_corpus import BLAMEFUL, NEUTRAL, PARTICIPANTS
from tests.strategies import participants, texts

AT = datetime(2026, 3, 1, 14, 2, tzinfo=UTC)
DANA = Participant("Dana Reyes")


def flagged(text: str, *people: Participant) -> list[tuple[str, str]]:
    return [(flag.phrase, flag.rule) for flag in flags_in_text(text, people)]


# --- the corpus -----------------------------------------------------------------------------------


def test_the_corpus_is_big_enough_and_has_no_duplicates() -> None:
    assert len(BLAMEFUL) >= 40
    assert len(NEUTRAL) >= 40
    sentences = [sentence for sentence, _ in BLAMEFUL] + list(NEUTRAL)
    assert len(set(sentences)) == len(sentences)
    # People are mentioned neutrally, not only in the blameful sentences.
    names = [name for person in PARTICIPANTS for name in person.name.split()]
    assert sum(any(name in sentence for name in names) for sentence in NEUTRAL) >= 10


def test_corpus_precision_and_recall(record_property: pytest.RecordProperty) -> None:
    """Every blameful sentence is flagged (by its expected rule), no neutral one is."""
    missed = [s for s, rule in BLAMEFUL if rule not in _rules(s)]
    true_positives = len(BLAMEFUL) - sum(1 for s, _ in BLAMEFUL if not _rules(s))
    false_positives = [s for s in NEUTRAL if flags_in_text(s, PARTICIPANTS)]
    precision = true_positives / (true_positives + len(false_positives))
    recall = true_positives / len(BLAMEFUL)
    figures = (
        f"blameless corpus: {len(BLAMEFUL)} blameful, {len(NEUTRAL)} neutral; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    print(figures)
    record_property("blameless_corpus", figures)
    assert missed == [], figures
    assert false_positives == [], figures
    assert (precision, recall) == (1.0, 1.0)


def _rules(sentence: str) -> set[str]:
    return {flag.rule for flag in flags_in_text(sentence, PARTICIPANTS)}


def test_every_rule_is_exercised_by_the_corpus() -> None:
    assert {rule for _, rule in BLAMEFUL} == set(FLAG_RULES)


# --- people ---------------------------------------------------------------------------------------


def test_a_participant_as_the_subject_of_a_failure_is_flagged_a_neutral_mention_is_not() -> None:
    alice, bob = Participant("Alice Chen"), Participant("Bob")
    assert flagged("Alice broke the deploy", alice) == [("Alice broke", "blames_person")]
    assert flagged("It was Bob's mistake", bob) == [("Bob's mistake", "blames_person")]
    assert flagged("Dana forgot to rotate the key", DANA) == [("Dana forgot", "blames_person")]
    assert flagged("Alice paged the database team at 14:02", alice) == []
    assert flagged("Bob restored the backup", bob) == []
    assert flagged("Alice Chen then simply forgot", alice) == [
        ("Alice Chen then simply forgot", "blames_person")
    ]


def test_a_person_is_a_participant_a_pronoun_or_a_role_word() -> None:
    assert flagged("Zed broke the deploy") == []  # not a participant: a service could be "Zed"
    assert flagged("Zed broke the deploy", Participant("Zed")) == [("Zed broke", "blames_person")]
    assert flagged("She forgot the flag") == [("She forgot", "blames_person")]
    assert flagged("The on-call engineer ignored the page") == [
        ("The on-call engineer ignored", "blames_person")
    ]


def test_failed_to_blames_a_person_not_a_system() -> None:
    assert flagged("Bob failed to restart it", Participant("Bob")) == [
        ("Bob failed to", "blames_person")
    ]
    assert flagged("they failed to escalate") == [("they failed to", "blames_person")]
    assert flagged("The health check failed to detect the stale replica") == []
    assert flagged("Dana failed over to the replica", DANA) == []


def test_blame_phrases_and_hindsight_are_flagged_with_a_reason_and_a_suggestion() -> None:
    (flag,) = flags_in_text("Root cause: human error.", [])
    assert (flag.phrase, flag.rule, flag.start, flag.end) == ("human error", "blame_phrase", 12, 23)
    assert flag.reason == "blames a person's error"
    assert "guard rail" in flag.suggestion
    assert flagged("Had they checked the logs, it would never have happened") == [
        ("Had they checked", "hindsight"),
        ("would never have happened", "hindsight"),
    ]
    assert flagged("It was clear that the disk would fill") == [("It was clear that", "hindsight")]


def test_the_longest_wording_wins_an_overlap() -> None:
    # "should have" alone is a blame phrase; with a person in front, the person is the point.
    assert flagged("The alert should have fired") == [("should have", "blame_phrase")]
    assert flagged("Dana should have known", DANA) == [("Dana should have", "blames_person")]
    assert flagged("This should have been obvious") == [("should have been obvious", "hindsight")]


def test_technical_words_that_look_like_blame_are_not_flagged() -> None:
    assert flagged("Our error budget burned in a day; fault injection found it") == []
    assert flagged("It was our fault") == [("our fault", "blames_person")]
    assert flagged("Fault tolerance is his fault tolerance design") == []


def test_the_generated_invitation_is_blameless_although_it_says_not_to_find_fault() -> None:
    pm = Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        participants=(DANA, Participant("Sam Ito")),
        audiences=(Audience.ENGINEERING,),
        document_owner="Dana Reyes",
    )
    invitation = generated_invitation(pm)
    assert "at fault" in invitation
    assert flags_in_text(invitation, pm.participants) == ()


def test_case_accents_and_curly_apostrophes_fold_but_spans_point_into_the_text() -> None:
    text = "Then RENE\u0301\u2019s MISTAKE showed"
    (flag,) = flags_in_text(text, [Participant("René")])
    assert flag.phrase == "RENE\u0301\u2019s MISTAKE"
    assert text[flag.start : flag.end] == flag.phrase


@settings(max_examples=200)
@given(texts(max_size=80), st.lists(participants(), max_size=3))
def test_flags_are_ordered_disjoint_spans_of_the_text(text: str, people: list[Participant]) -> None:
    previous_end = 0
    for flag in flags_in_text(text, people):
        assert previous_end <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.phrase
        assert flag.rule in FLAG_RULES
        previous_end = flag.end


@settings(max_examples=100)
@given(st.sampled_from([s for s, _ in BLAMEFUL]), st.text(" \n\t.,;", max_size=3))
def test_surrounding_punctuation_does_not_hide_a_flag(sentence: str, around: str) -> None:
    assert flags_in_text(f"{around}{sentence}{around}", PARTICIPANTS)


# --- the data file --------------------------------------------------------------------------------


def test_the_data_covers_the_issues_examples_and_every_rule() -> None:
    rules = language_rules()
    assert {group.rule for group in rules.groups} == set(FLAG_RULES)
    phrases = {phrase for group in rules.groups for phrase in group.phrases}
    for required in (
        "human error",
        "should have",
        "careless",
        "negligent",
        "at fault",
        "why didn't",
        "obviously",
        "if only",
        "could have easily",
        "it was clear that",
        "had {person} {bridge*} {done}",
    ):
        assert required in phrases
    assert "failed to" in rules.slots["failure_verb"]
    for group in rules.groups:
        assert group.reason.strip()
        assert group.suggestion.strip()
        assert group.reason == group.reason.strip()
        assert not group.reason.endswith(".")


# --- a postmortem's fields ------------------------------------------------------------------------

SENTENCE = "Dana forgot the flag"


def everywhere() -> Postmortem:
    """One blameful sentence in every free-text field."""
    return Postmortem(
        title=SENTENCE,
        severity=Severity.SEV2,
        participants=(DANA,),
        invitation=SENTENCE,
        stage_notes=dict.fromkeys(Stage, SENTENCE),
        timeline=(TimelineEvent("e1", AT, SENTENCE),),
        impact=Impact(
            summary=SENTENCE,
            users_description=SENTENCE,
            data_integrity_note=SENTENCE,
            sla_override_reason=SENTENCE,
        ),
        problem_statement=SENTENCE,
        fishbone_categories=(FishboneCategory("cat", "Process"),),
        causes=(Cause("c1", "cat", SENTENCE),),
        whys=(WhyAnswer("w1", SENTENCE),),
        observations=(Observation("o1", ObservationKind.WENT_WRONG, SENTENCE),),
        action_items=(ActionItem("a1", SENTENCE),),
        communication=Communication(internal_summary=SENTENCE, external_summary=SENTENCE),
        follow_up_reviews=(FollowUpReview("r1", date(2026, 4, 1), notes=SENTENCE),),
    )


def test_every_free_text_field_is_checked_in_stage_order() -> None:
    flags = language_flags(everywhere())
    assert [(flag.location, flag.where) for flag in flags] == [
        ("title", "Title"),
        ("invitation", "Invitation"),
        ("stage_notes[scope]", "Notes, Scope & audience"),
        ("timeline[e1].description", "Timeline 14:02, description"),
        ("impact.summary", "Impact summary"),
        ("impact.users_description", "Impact, who was affected"),
        ("impact.data_integrity_note", "Impact, data integrity note"),
        ("impact.sla_override_reason", "Impact, SLA override reason"),
        ("stage_notes[timeline]", "Notes, Timeline & impact"),
        ("problem_statement", "Problem statement"),
        ("causes[c1].text", "Cause: Dana forgot the flag"),
        ("whys[w1].text", "Five whys: Dana forgot the flag"),
        ("stage_notes[root_cause]", "Notes, Root cause analysis"),
        ("observations[o1].text", "Went wrong: Dana forgot the flag"),
        ("stage_notes[what_worked]", "Notes, What worked / didn't"),
        ("action_items[a1].title", "Action item: Dana forgot the flag"),
        ("stage_notes[action_items]", "Notes, Action items"),
        ("communication.internal_summary", "Internal summary"),
        ("communication.external_summary", "External summary"),
        ("follow_up_reviews[r1].notes", "Follow-up review 2026-04-01, notes"),
        ("stage_notes[follow_up]", "Notes, Communication & follow-up"),
    ]
    assert {(flag.text, flag.phrase, flag.start, flag.end) for flag in flags} == {
        (SENTENCE, "Dana forgot", 0, 11)
    }
    assert all(flag.dismissal is None for flag in flags)


def test_where_names_long_items_by_their_first_words_and_days_when_the_timeline_spans_them() -> (
    None
):
    long_text = "Dana forgot the flag on the primary database during the migration window"
    later = datetime(2026, 3, 2, 9, 5, tzinfo=UTC)
    pm = dataclasses.replace(
        everywhere(),
        causes=(Cause("c1", "cat", long_text),),
        timeline=(TimelineEvent("e1", AT, SENTENCE), TimelineEvent("e2", later, "calm")),
    )
    wheres = {flag.location: flag.where for flag in language_flags(pm)}
    assert wheres["causes[c1].text"] == "Cause: Dana forgot the flag on the…"
    assert wheres["timeline[e1].description"] == "Timeline 2026-03-01 14:02, description"


def test_blank_fields_are_skipped() -> None:
    pm = Postmortem(title="Checkout outage", severity=Severity.SEV2)
    assert [field.location for field in text_fields(pm)] == ["title"]
    assert language_flags(pm) == ()


def test_locations_map_to_the_stage_and_element_to_fix_them() -> None:
    pm = everywhere()
    expected = {
        "timeline[e1].description": (Stage.TIMELINE, "timeline:e1"),
        "causes[c1].text": (Stage.ROOT_CAUSE, "cause:c1"),
        "whys[w1].text": (Stage.ROOT_CAUSE, "why:w1"),
        "observations[o1].text": (Stage.WHAT_WORKED, "observation:o1"),
        "action_items[a1].title": (Stage.ACTION_ITEMS, "action:a1"),
        "follow_up_reviews[r1].notes": (Stage.FOLLOW_UP, "follow_up:r1"),
        "impact.summary": (Stage.TIMELINE, "field:impact.summary"),
        "invitation": (Stage.SCOPE, "field:invitation"),
        "stage_notes[root_cause]": (Stage.ROOT_CAUSE, "field:stage_notes[root_cause]"),
        "communication.external_summary": (Stage.FOLLOW_UP, "field:communication.external_summary"),
    }
    for location, (stage, element) in expected.items():
        assert (location_stage(pm, location), location_element(location)) == (stage, element)


# --- dismissals -----------------------------------------------------------------------------------


def _flag(pm: Postmortem, location: str) -> LanguageFlag:
    (flag,) = [flag for flag in language_flags(pm) if flag.location == location]
    return flag


def test_a_dismissed_flag_keeps_its_dismissal_and_only_that_location_is_dismissed() -> None:
    pm = everywhere()
    kept = dismiss(pm, _flag(pm, "causes[c1].text"), "  Dana asked for it to stay  ")
    (dismissal,) = kept.coaching_dismissals
    assert (dismissal.location, dismissal.phrase, dismissal.reason) == (
        "causes[c1].text",
        "Dana forgot",
        "Dana asked for it to stay",
    )
    assert dismissal.id
    assert _flag(kept, "causes[c1].text").dismissal == dismissal
    assert _flag(kept, "whys[w1].text").dismissal is None


def test_a_dismissal_matches_the_phrase_ignoring_case() -> None:
    pm = dataclasses.replace(
        everywhere(),
        coaching_dismissals=(CoachingDismissal("d1", "title", "DANA FORGOT", "kept"),),
    )
    assert _flag(pm, "title").dismissal == pm.coaching_dismissals[0]
    changed = dataclasses.replace(pm, title="Dana broke the flag")
    assert _flag(changed, "title").dismissal is None  # other words: the flag stands again


def test_dismissing_again_replaces_the_reason_and_a_reason_is_required() -> None:
    pm = everywhere()
    once = dismiss(pm, _flag(pm, "title"), "first")
    twice = dismiss(once, _flag(once, "title"), "second")
    assert [(d.id, d.reason) for d in twice.coaching_dismissals] == [
        (once.coaching_dismissals[0].id, "second")
    ]
    with pytest.raises(ValidationError, match="say why"):
        dismiss(pm, _flag(pm, "title"), "   ")


def test_undismiss_lets_the_flag_stand_again() -> None:
    pm = everywhere()
    kept = dismiss(pm, _flag(pm, "title"), "kept on purpose")
    again = undismiss(kept, kept.coaching_dismissals[0].id)
    assert again.coaching_dismissals == ()
    assert _flag(again, "title").dismissal is None
    with pytest.raises(ValidationError, match="no dismissal has id 'nope'"):
        undismiss(kept, "nope")
