"""Blameless-language coaching across every free-text field of a postmortem.

A blameless postmortem describes what the system let happen, not who failed. Three kinds of
wording work against that, and each flag names its kind in ``rule``:

- ``blames_person``: a person is the subject of a failure ("Alice broke the deploy", "Bob's
  mistake", "Dana forgot to renew it", "caused by the on-call"). A person is a participant of the
  postmortem (by full name or a part of three letters or more), a pronoun or a role word from the
  data ("the engineer", "someone"). Neutral mentions are not flagged: "Alice paged the database
  team at 14:02" names a person doing something, not failing.
- ``blame_phrase``: words that blame whoever is meant ("human error", "should have", "careless").
- ``hindsight``: counterfactual or foreseeability wording ("if only", "it was clear that",
  "had they checked").

"Failed to" is flagged when a person is its subject ("Bob failed to restart it"), not when a
system is ("the health check failed to detect the stale replica" is a plain description).

The phrases, reasons and suggestions live in ``resources/blameless_language.json``. Unlike
stage 3's firm rule for root causes (``blame.py``), coaching can be overruled: a facilitator
dismisses a flag with a reason, kept as a ``CoachingDismissal`` and shown in the review.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.domain.blame import neutral_spans, overlaps
from app.domain.errors import ValidationError
from app.domain.language_rules import FlagRule, PhraseGroup, language_rules
from app.domain.model import (
    CoachingDismissal,
    Participant,
    Postmortem,
    Stage,
    new_id,
)
from app.domain.wording import alternatives, find_spans, name_variants, template_pattern

# How much of an item's text names it in ``where``: enough to recognise, short enough for a line.
WHERE_WORDS = 6
WHERE_CHARACTERS = 40


@dataclass(frozen=True)
class TextFlag:
    """One flagged span in a text: ``phrase`` is ``text[start:end]`` as written."""

    phrase: str
    start: int
    end: int
    rule: FlagRule
    reason: str
    suggestion: str


@dataclass(frozen=True)
class LanguageFlag:
    """A flag in one field of a postmortem.

    ``location`` names the field by item id ("timeline[<event id>].description",
    "causes[<id>].text", "impact.summary", "stage_notes[root_cause]"), the form a
    ``CoachingDismissal`` keeps; ``where`` says it for people ("Timeline 14:02, description").
    ``text`` is the whole field, ``start:end`` the flagged ``phrase`` in it. ``dismissal`` is the
    facilitator's decision to keep the wording, or None while the flag stands.
    """

    location: str
    where: str
    text: str
    phrase: str
    start: int
    end: int
    rule: FlagRule
    reason: str
    suggestion: str
    dismissal: CoachingDismissal | None = None


@dataclass(frozen=True)
class TextField:
    """One free-text field of a postmortem: where it is (two ways), which stage edits it."""

    location: str
    where: str
    text: str
    stage: Stage


@functools.lru_cache(maxsize=64)
def _compiled(names: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], PhraseGroup], ...]:
    """Every phrase compiled with the slots filled, participants' names added to ``{person}``."""
    rules = language_rules()
    people = [*rules.slots.get("person", ()), *(v for n in names for v in name_variants(n))]
    slots = {name: alternatives(words) for name, words in rules.slots.items()}
    slots["person"] = alternatives(people)
    return tuple(
        (template_pattern(phrase, slots), group)
        for group in rules.groups
        for phrase in group.phrases
    )


def flags_in_text(text: str, participants: Sequence[Participant]) -> tuple[TextFlag, ...]:
    """The flags in ``text``, in text order, for an editor to underline while the text is typed.

    Overlapping matches keep the longest ("Bob should have" over "should have"), then the first
    listed; a match overlapping a neutral term ("error budget", "fault tolerance") is dropped.
    """
    if not text.strip():
        return ()
    compiled = _compiled(tuple(person.name for person in participants))
    neutral = neutral_spans(text)
    flags = []
    for span in find_spans(text, [pattern for pattern, _ in compiled]):
        if overlaps(span.start, span.end, neutral):
            continue
        group = compiled[span.rule][1]
        phrase = text[span.start : span.end]
        flags.append(
            TextFlag(phrase, span.start, span.end, group.rule, group.reason, group.suggestion)
        )
    return tuple(flags)


def language_flags(pm: Postmortem) -> tuple[LanguageFlag, ...]:
    """Every flag in every free-text field, in stage order; dismissed ones carry their dismissal.

    A dismissal applies to a flag with the same location and the same phrase, ignoring case.
    """
    flags = []
    for text_field in text_fields(pm):
        for flag in flags_in_text(text_field.text, pm.participants):
            flags.append(
                LanguageFlag(
                    location=text_field.location,
                    where=text_field.where,
                    text=text_field.text,
                    phrase=flag.phrase,
                    start=flag.start,
                    end=flag.end,
                    rule=flag.rule,
                    reason=flag.reason,
                    suggestion=flag.suggestion,
                    dismissal=_dismissal_for(pm, text_field.location, flag.phrase),
                )
            )
    return tuple(flags)


def _dismissal_for(pm: Postmortem, location: str, phrase: str) -> CoachingDismissal | None:
    folded = phrase.casefold()
    for dismissal in pm.coaching_dismissals:
        if dismissal.location == location and dismissal.phrase.casefold() == folded:
            return dismissal
    return None


def dismiss(pm: Postmortem, flag: LanguageFlag, reason: str) -> Postmortem:
    """``pm`` with ``flag`` kept on purpose, for ``reason`` (required: the review shows it).

    Dismissing a flag that is already dismissed replaces the reason and keeps the dismissal's id.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("coaching_dismissals.reason", "say why the wording is kept")
    existing = _dismissal_for(pm, flag.location, flag.phrase)
    if existing is not None:
        kept = tuple(
            dataclasses.replace(d, reason=reason) if d.id == existing.id else d
            for d in pm.coaching_dismissals
        )
    else:
        added = CoachingDismissal(new_id(), flag.location, flag.phrase, reason)
        kept = (*pm.coaching_dismissals, added)
    return dataclasses.replace(pm, coaching_dismissals=kept)


def undismiss(pm: Postmortem, dismissal_id: str) -> Postmortem:
    """``pm`` without the dismissal ``dismissal_id``: its flag stands again."""
    kept = tuple(d for d in pm.coaching_dismissals if d.id != dismissal_id)
    if len(kept) == len(pm.coaching_dismissals):
        raise ValidationError("coaching_dismissals", f"no dismissal has id {dismissal_id!r}")
    return dataclasses.replace(pm, coaching_dismissals=kept)


# --- the fields ----------------------------------------------------------------------------------


def text_fields(pm: Postmortem) -> tuple[TextField, ...]:
    """Every free-text field of ``pm`` that holds text, in stage order, then display order."""
    return tuple(field for field in _all_fields(pm) if field.text.strip())


def _all_fields(pm: Postmortem) -> Iterator[TextField]:
    yield TextField("title", "Title", pm.title, Stage.SCOPE)
    yield TextField("invitation", "Invitation", pm.invitation, Stage.SCOPE)
    yield _notes(pm, Stage.SCOPE)
    days = {event.at.date() for event in pm.timeline}
    for event in pm.timeline:
        clock = event.at.strftime("%H:%M" if len(days) <= 1 else "%Y-%m-%d %H:%M")
        where = f"Timeline {clock}, description"
        yield TextField(
            f"timeline[{event.id}].description", where, event.description, Stage.TIMELINE
        )
    impact = pm.impact
    yield TextField("impact.summary", "Impact summary", impact.summary, Stage.TIMELINE)
    for name, label in (
        ("users_description", "Impact, who was affected"),
        ("data_integrity_note", "Impact, data integrity note"),
        ("sla_override_reason", "Impact, SLA override reason"),
    ):
        yield TextField(f"impact.{name}", label, getattr(impact, name), Stage.TIMELINE)
    yield _notes(pm, Stage.TIMELINE)
    yield TextField(
        "problem_statement", "Problem statement", pm.problem_statement, Stage.ROOT_CAUSE
    )
    for cause in pm.causes:
        where = f"Cause: {_first_words(cause.text)}"
        yield TextField(f"causes[{cause.id}].text", where, cause.text, Stage.ROOT_CAUSE)
    for why in pm.whys:
        where = f"Five whys: {_first_words(why.text)}"
        yield TextField(f"whys[{why.id}].text", where, why.text, Stage.ROOT_CAUSE)
    yield _notes(pm, Stage.ROOT_CAUSE)
    for observation in pm.observations:
        where = f"{observation.kind.label}: {_first_words(observation.text)}"
        location = f"observations[{observation.id}].text"
        yield TextField(location, where, observation.text, Stage.WHAT_WORKED)
    yield _notes(pm, Stage.WHAT_WORKED)
    for item in pm.action_items:
        where = f"Action item: {_first_words(item.title)}"
        yield TextField(f"action_items[{item.id}].title", where, item.title, Stage.ACTION_ITEMS)
    yield _notes(pm, Stage.ACTION_ITEMS)
    comms = pm.communication
    for name, label in (
        ("internal_summary", "Internal summary"),
        ("external_summary", "External summary"),
    ):
        yield TextField(f"communication.{name}", label, getattr(comms, name), Stage.FOLLOW_UP)
    for review in pm.follow_up_reviews:
        where = f"Follow-up review {review.due.isoformat()}, notes"
        yield TextField(
            f"follow_up_reviews[{review.id}].notes", where, review.notes, Stage.FOLLOW_UP
        )
    yield _notes(pm, Stage.FOLLOW_UP)


def _notes(pm: Postmortem, stage: Stage) -> TextField:
    location = f"stage_notes[{stage.name.lower()}]"
    return TextField(location, f"Notes, {stage.label}", pm.note(stage), stage)


def _first_words(text: str) -> str:
    """The start of ``text`` on one line: a few words, cut with an ellipsis when longer."""
    words = text.split()
    shown = " ".join(words[:WHERE_WORDS])
    if len(shown) > WHERE_CHARACTERS:
        shown = shown[:WHERE_CHARACTERS].rstrip()
    return shown + ("…" if shown != " ".join(words) else "")


# --- where to fix a flag -------------------------------------------------------------------------

# The kinds of item a location names, and the element kind the review uses for them.
_ITEM_KINDS = {
    "timeline": "timeline",
    "causes": "cause",
    "whys": "why",
    "observations": "observation",
    "action_items": "action",
    "follow_up_reviews": "follow_up",
}
_LOCATION = re.compile(r"(?P<collection>\w+)\[(?P<id>[^\]]*)\]\.\w+")


def location_element(location: str) -> str:
    """The review's element for a location: ``<kind>:<item id>`` or ``field:<location>``.

    ``timeline[e1].description`` -> ``timeline:e1``; ``causes[c1].text`` -> ``cause:c1``;
    ``impact.summary`` -> ``field:impact.summary``. (See ``review.parse_element``.)
    """
    match = _LOCATION.fullmatch(location)
    if match is not None and match["collection"] in _ITEM_KINDS:
        return f"{_ITEM_KINDS[match['collection']]}:{match['id']}"
    return f"field:{location}"


def location_stage(pm: Postmortem, location: str) -> Stage:
    """The stage whose page edits the field at ``location`` (stage 1 for one not found)."""
    for text_field in _all_fields(pm):
        if text_field.location == location:
            return text_field.stage
    return Stage.SCOPE
