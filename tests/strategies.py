"""Hypothesis strategies for valid postmortems, shared by the interchange, store and export tests.

``postmortems()`` sets every field of every record, each one sometimes left at its default:
text from the whole of Unicode (emoji, right-to-left scripts, combining marks, control characters;
never NUL or lone surrogates, which no text field can carry through SQLite or UTF-8), empty and
occasionally very long text, UTC times (whole minutes on the timeline) and cross references that
always point at existing items: causes at categories and at earlier causes (so parent chains end),
five-whys answers at earlier answers, action items at causes and answers, observations at events,
dismissed coaching flags usually at the text of an existing event or cause. Sizes stay small so
a few hundred examples run in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from hypothesis import strategies as st

from app.domain.model import (
    AGENDA_STAGE_MAX_MINUTES,
    TITLE_MAX_LENGTH,
    ActionCategory,
    ActionItem,
    ActionStatus,
    AppendixKind,
    AppendixLink,
    Audience,
    Cause,
    CauseClassification,
    CoachingDismissal,
    Communication,
    DataIntegrity,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Milestone,
    Observation,
    ObservationKind,
    ParkingLotItem,
    Participant,
    Postmortem,
    Priority,
    SecuritySignOff,
    Severity,
    Stage,
    Status,
    Template,
    TimelineEvent,
    WhyAnswer,
)

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

MAX_ITEMS = 4
# Characters the generic generator finds rarely but real postmortems contain.
_NOTABLE_CHARACTERS = (
    "😀🔥👩‍💻🇩🇪"  # emoji, a ZWJ sequence and a flag (several code points each)
    "مرحباשלום"  # Arabic and Hebrew
    "\u200f\u202e\u2066"  # right-to-left mark, override and isolate
    "e\u0301ß\u00a0\u3000"  # combining accent, sharp s, no-break and ideographic spaces
    "\t\n\r\x1b\x7f\x85"  # control characters a terminal or CSV would trip over
    "<>&\"'\\`*_#[]{}"  # markup and escaping characters of every export sink
)
_CHARACTERS = st.one_of(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    st.sampled_from(_NOTABLE_CHARACTERS),
)


def texts(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Any text a user could type or paste, including the empty string."""
    return st.text(_CHARACTERS, max_size=max_size)


def non_blank_texts(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text with at least one character that is not white space (the model requires it)."""
    return st.text(_CHARACTERS, min_size=1, max_size=max_size).filter(
        lambda text: bool(text.strip())
    )


def long_texts() -> st.SearchStrategy[str]:
    """Usually short text, sometimes up to about 20,000 characters (a pasted log or runbook)."""
    pasted = st.tuples(st.text(_CHARACTERS, min_size=1, max_size=10), st.integers(500, 2000))
    return st.one_of(texts(max_size=60), pasted.map(lambda piece: piece[0] * piece[1]))


def ids() -> st.SearchStrategy[str]:
    """An item id: usually like ``new_id()`` makes them, sometimes any non-empty text."""
    return st.one_of(st.from_regex(r"[0-9a-f]{12}", fullmatch=True), texts(max_size=8).filter(bool))


def utc_times() -> st.SearchStrategy[datetime]:
    """Any UTC time, down to the microsecond."""
    return st.datetimes(timezones=st.just(UTC))


def timeline_times() -> st.SearchStrategy[datetime]:
    """UTC times at whole minutes, as the timeline stores them."""
    return utc_times().map(lambda moment: moment.replace(second=0, microsecond=0))


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _tuple_of(strategy: st.SearchStrategy[T], **unique: Any) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=MAX_ITEMS, **unique).map(tuple)


def _subset(draw: Draw, pool: Sequence[str]) -> tuple[str, ...]:
    if not pool:
        return ()
    return tuple(draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)))


def _unique_ids(draw: Draw) -> list[str]:
    return list(draw(st.lists(ids(), unique=True, max_size=MAX_ITEMS)))


def _earlier_parent(draw: Draw, earlier: Sequence[str]) -> str | None:
    # Pointing only at items made before this one keeps every parent chain finite.
    return draw(st.none() | st.sampled_from(earlier)) if earlier else None


@st.composite
def timelines(draw: Draw) -> tuple[TimelineEvent, ...]:
    events = []
    unmarked = list(Milestone)  # each milestone may be marked once at most
    for event_id in _unique_ids(draw):
        milestone = draw(_optional(st.sampled_from(unmarked))) if unmarked else None
        if milestone is not None:
            unmarked.remove(milestone)
        events.append(
            TimelineEvent(
                id=event_id,
                at=draw(timeline_times()),
                description=draw(long_texts()),
                milestone=milestone,
                evidence=draw(texts()),
                internal_only=draw(st.booleans()),
                key_event=draw(st.booleans()),
                entered_as=draw(texts()),
            )
        )
    return tuple(events)


@st.composite
def fishbones(draw: Draw) -> tuple[tuple[FishboneCategory, ...], tuple[Cause, ...]]:
    """Categories and causes; each cause sits in a category and refines an earlier one or none."""
    categories = tuple(FishboneCategory(id=i, name=draw(texts())) for i in _unique_ids(draw))
    if not categories:
        return (), ()
    causes: list[Cause] = []
    for cause_id in _unique_ids(draw):
        causes.append(
            Cause(
                id=cause_id,
                category_id=draw(st.sampled_from(categories)).id,
                text=draw(texts()),
                parent_id=_earlier_parent(draw, [cause.id for cause in causes]),
                classification=draw(st.sampled_from(CauseClassification)),
                evidence=draw(_tuple_of(texts())),
            )
        )
    return categories, tuple(draw(st.permutations(causes)))


@st.composite
def five_whys(draw: Draw) -> tuple[WhyAnswer, ...]:
    answers: list[WhyAnswer] = []
    for answer_id in _unique_ids(draw):
        answers.append(
            WhyAnswer(
                id=answer_id,
                text=draw(texts()),
                parent_id=_earlier_parent(draw, [answer.id for answer in answers]),
                classification=draw(st.sampled_from(CauseClassification)),
                evidence=draw(_tuple_of(texts())),
            )
        )
    return tuple(draw(st.permutations(answers)))


@st.composite
def action_items(draw: Draw, cause_ids: Sequence[str]) -> tuple[ActionItem, ...]:
    return tuple(
        ActionItem(
            id=item_id,
            title=draw(texts()),
            owner=draw(texts()),
            due=draw(_optional(st.dates())),
            category=draw(_optional(st.sampled_from(ActionCategory))),
            priority=draw(st.sampled_from(Priority)),
            tracker=draw(texts()),
            status=draw(st.sampled_from(ActionStatus)),
            cause_ids=_subset(draw, cause_ids),
            public=draw(st.booleans()),
        )
        for item_id in _unique_ids(draw)
    )


@st.composite
def observations(draw: Draw, event_ids: Sequence[str]) -> tuple[Observation, ...]:
    return tuple(
        Observation(
            id=observation_id,
            kind=draw(st.sampled_from(ObservationKind)),
            text=draw(long_texts()),
            event_ids=_subset(draw, event_ids),
        )
        for observation_id in _unique_ids(draw)
    )


@st.composite
def appendices(draw: Draw) -> tuple[AppendixLink, ...]:
    return tuple(
        AppendixLink(
            id=link_id,
            kind=draw(st.sampled_from(AppendixKind)),
            title=draw(texts()),
            url=draw(texts()),
        )
        for link_id in _unique_ids(draw)
    )


@st.composite
def follow_up_reviews(draw: Draw) -> tuple[FollowUpReview, ...]:
    return tuple(
        FollowUpReview(
            id=review_id, due=draw(st.dates()), done=draw(st.booleans()), notes=draw(texts())
        )
        for review_id in _unique_ids(draw)
    )


@st.composite
def coaching_dismissals(draw: Draw, locations: Sequence[str]) -> tuple[CoachingDismissal, ...]:
    """Dismissed flags, usually at a location of an item that exists, sometimes at any text."""
    location = st.sampled_from(locations) | texts() if locations else texts()
    return tuple(
        CoachingDismissal(
            id=dismissal_id,
            location=draw(location),
            phrase=draw(texts()),
            reason=draw(non_blank_texts()),
        )
        for dismissal_id in _unique_ids(draw)
    )


def impacts() -> st.SearchStrategy[Impact]:
    return st.builds(
        Impact,
        # SQLite integers stop at 2**63 - 1; nobody counts more users than that.
        users_affected=_optional(st.integers(min_value=0, max_value=2**63 - 1)),
        users_description=texts(),
        data_integrity=st.sampled_from(DataIntegrity),
        data_integrity_note=texts(),
        customer_visible=_optional(st.booleans()),
        sla_breached=_optional(st.booleans()),
        sla_override_reason=texts(),
        summary=long_texts(),
        aligned_with_customer_communication=st.booleans(),
    )


def communications() -> st.SearchStrategy[Communication]:
    return st.builds(
        Communication,
        internal_summary=long_texts(),
        shared_at=_optional(utc_times()),
        shared_where=texts(),
        external_postmortem_required=_optional(st.booleans()),
        external_summary=long_texts(),
    )


def participants() -> st.SearchStrategy[Participant]:
    return st.builds(Participant, name=non_blank_texts(), role=texts(), contact=texts())


@st.composite
def parking_lots(draw: Draw) -> tuple[ParkingLotItem, ...]:
    return tuple(
        ParkingLotItem(
            id=item_id,
            text=draw(non_blank_texts()),
            raised_at=draw(utc_times()),
            raised_during=draw(_optional(st.sampled_from(Stage))),
            done=draw(st.booleans()),
        )
        for item_id in _unique_ids(draw)
    )


def agendas() -> st.SearchStrategy[dict[Stage, int]]:
    return st.dictionaries(st.sampled_from(Stage), st.integers(0, AGENDA_STAGE_MAX_MINUTES))


def meeting_times() -> st.SearchStrategy[dict[Stage, int]]:
    return st.dictionaries(st.sampled_from(Stage), st.integers(0, 10**7))


def security_signoffs() -> st.SearchStrategy[SecuritySignOff]:
    return st.builds(SecuritySignOff, signed_by=non_blank_texts(), signed_at=utc_times())


@st.composite
def postmortems(draw: Draw) -> Postmortem:
    """A valid, unstored postmortem (``id`` None) with every field drawn."""
    timeline = draw(timelines())
    categories, causes = draw(fishbones())
    whys = draw(five_whys())
    cause_ids = [cause.id for cause in causes] + [answer.id for answer in whys]
    locations = [f"timeline[{event.id}].description" for event in timeline]
    locations += [f"causes[{cause.id}].text" for cause in causes] + ["impact.summary"]
    return Postmortem(
        title=draw(non_blank_texts(max_size=TITLE_MAX_LENGTH)),
        severity=draw(st.sampled_from(Severity)),
        status=draw(st.sampled_from(Status)),
        incident_ref=draw(texts()),
        incident_date=draw(_optional(st.dates())),
        affected_services=draw(_tuple_of(texts())),
        tags=draw(_tuple_of(texts())),
        created_at=draw(utc_times()),
        updated_at=draw(utc_times()),
        published_on=draw(_optional(st.dates())),
        document_owner=draw(texts()),
        audiences=draw(_tuple_of(st.sampled_from(Audience), unique=True)),
        template=draw(_optional(st.sampled_from(Template))),
        security_incident=draw(st.booleans()),
        security_signoff=draw(_optional(security_signoffs())),
        participants=draw(_tuple_of(participants())),
        redaction_terms=draw(_tuple_of(texts())),
        sla_target=draw(texts()),
        invitation=draw(long_texts()),
        stage_notes=draw(st.dictionaries(st.sampled_from(Stage), long_texts())),
        private_notes=draw(long_texts()),
        timeline=timeline,
        impact=draw(impacts()),
        problem_statement=draw(long_texts()),
        fishbone_categories=categories,
        causes=causes,
        whys=whys,
        observations=draw(observations([event.id for event in timeline])),
        action_items=draw(action_items(cause_ids)),
        appendix=draw(appendices()),
        communication=draw(communications()),
        follow_up_reviews=draw(follow_up_reviews()),
        coaching_dismissals=draw(coaching_dismissals(locations)),
        agenda=draw(agendas()),
        meeting_time=draw(meeting_times()),
        parking_lot=draw(parking_lots()),
    )
