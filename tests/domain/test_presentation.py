"""The shared screen's view of a postmortem, and edits made there keeping the private parts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings

from app.domain.model import (
    Cause,
    CoachingDismissal,
    FishboneCategory,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Stage,
    TimelineEvent,
)
from app.domain.presentation import for_shared_screen, keep_private, private_texts
from tests.store.samples import small_postmortem
from tests.strategies import postmortems

FIELDS = (
    "timeline",
    "observations",
    "causes",
    "whys",
    "private_notes",
    "redaction_terms",
    "participants",
    "coaching_dismissals",
)


def at(minute: int) -> datetime:
    return datetime(2026, 3, 14, 10, minute, tzinfo=UTC)


def sample() -> Postmortem:
    events = (
        TimelineEvent("e1", at(1), "Checkout errors rise", key_event=True),
        TimelineEvent("e2", at(2), "Paged Ana on +1 555 0100", internal_only=True),
        TimelineEvent("e3", at(5), "Failover started", evidence="https://grafana/x"),
        TimelineEvent("e4", at(7), "Customer acct-7731 escalated", internal_only=True),
    )
    return small_postmortem(
        "Checkout outage",
        timeline=events,
        participants=(Participant("Ana", "on call", "ana@example.com"), Participant("Bo")),
        redaction_terms=("acct-7731",),
        stage_notes={Stage.SCOPE: "Agreed: payments only"},
        private_notes="Ana is new, go easy",
        fishbone_categories=(FishboneCategory("c", "Technology"),),
        causes=(Cause("k1", "c", "Retries amplify load", evidence=("event:e2", "event:e3")),),
        observations=(Observation("o1", ObservationKind.WENT_WELL, "Paging worked", ("e2", "e3")),),
        coaching_dismissals=(
            CoachingDismissal("d1", "timeline[e2].description", "Ana", "quoted from chat"),
            CoachingDismissal("d3", "private_notes", "Ana", "my own note"),
            CoachingDismissal("d2", "causes[k1].text", "amplify", "a fact"),
        ),
    )


def test_the_shared_view_leaves_out_every_private_part() -> None:
    shown = for_shared_screen(sample())
    assert [event.id for event in shown.timeline] == ["e1", "e3"]
    assert shown.observations[0].event_ids == ("e3",)
    assert shown.causes[0].evidence == ("event:e3",)
    assert shown.stage_notes == {Stage.SCOPE: "Agreed: payments only"}
    assert shown.private_notes == ""
    assert shown.redaction_terms == ()
    assert [p.contact for p in shown.participants] == ["", ""]
    assert [d.id for d in shown.coaching_dismissals] == ["d2"]
    assert private_texts(shown) == frozenset()


def test_private_texts_name_what_must_not_show() -> None:
    assert private_texts(sample()) == {
        "Paged Ana on +1 555 0100",
        "Customer acct-7731 escalated",
        "Ana is new, go easy",
        "acct-7731",
        "ana@example.com",
    }


def test_an_event_added_while_presenting_keeps_the_hidden_ones_in_time_order() -> None:
    stored = sample()
    shown = for_shared_screen(stored)
    added = TimelineEvent("e5", at(6), "Traffic drained")
    changes = keep_private(stored, {"timeline": (*shown.timeline, added)})
    timeline = changes["timeline"]
    assert isinstance(timeline, tuple)
    assert [event.id for event in timeline] == ["e1", "e2", "e3", "e5", "e4"]


def test_deleting_a_shown_event_keeps_the_hidden_ones() -> None:
    stored = sample()
    changes = keep_private(stored, {"timeline": (stored.timeline[0],)})
    assert [event.id for event in changes["timeline"]] == ["e1", "e2", "e4"]  # type: ignore[attr-defined]


def test_edited_links_evidence_and_people_get_their_private_parts_back() -> None:
    stored = sample()
    shown = for_shared_screen(stored)
    observation = dataclasses.replace(shown.observations[0], text="Paging worked well")
    cause = dataclasses.replace(shown.causes[0], text="Retries amplified load")
    renamed = (dataclasses.replace(shown.participants[0], name="Ana María"), shown.participants[1])
    changes = keep_private(
        stored,
        {"observations": (observation,), "causes": (cause,), "participants": renamed},
    )
    assert changes["observations"][0].event_ids == ("e3", "e2")  # type: ignore[index]
    assert changes["causes"][0].evidence == ("event:e3", "event:e2")  # type: ignore[index]
    assert changes["participants"][0].contact == "ana@example.com"  # type: ignore[index]


def test_participants_moved_while_presenting_keep_their_own_contacts() -> None:
    stored = sample()
    shown = for_shared_screen(stored)
    changes = keep_private(stored, {"participants": tuple(reversed(shown.participants))})
    assert [p.contact for p in changes["participants"]] == ["", "ana@example.com"]  # type: ignore[attr-defined]


def test_participants_added_or_removed_keep_contacts_by_name() -> None:
    stored = sample()
    shown = for_shared_screen(stored)
    people = (Participant("Cy"), *shown.participants)
    changes = keep_private(stored, {"participants": people})
    assert [p.contact for p in changes["participants"]] == ["", "ana@example.com", ""]  # type: ignore[attr-defined]


def test_redaction_terms_notes_and_hidden_dismissals_survive_edits_made_while_presenting() -> None:
    stored = sample()
    notes = {Stage.TIMELINE: "Check the pager log"}
    changes = keep_private(
        stored,
        {
            "redaction_terms": (),
            "private_notes": "",
            "stage_notes": notes,
            "coaching_dismissals": (),
        },
    )
    assert changes["redaction_terms"] == ("acct-7731",)
    assert changes["private_notes"] == "Ana is new, go easy"
    assert changes["stage_notes"] == notes  # the room's notes are shown and edited as they are
    assert [d.id for d in changes["coaching_dismissals"]] == ["d1", "d3"]  # type: ignore[attr-defined]


def test_fields_without_private_parts_pass_unchanged() -> None:
    assert keep_private(sample(), {"title": "New title"}) == {"title": "New title"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postmortems())
def test_storing_the_shared_view_unchanged_loses_nothing(pm: Postmortem) -> None:
    """Every field the view filters, sent back as shown, comes back as stored."""
    ordered = dataclasses.replace(pm, timeline=tuple(sorted(pm.timeline, key=lambda e: e.at)))
    shown = for_shared_screen(ordered)
    changes = keep_private(ordered, {name: getattr(shown, name) for name in FIELDS})
    restored = dataclasses.replace(ordered, **changes)  # type: ignore[arg-type]
    assert restored.timeline == ordered.timeline
    assert restored.redaction_terms == ordered.redaction_terms
    assert restored.private_notes == ordered.private_notes
    assert [p.contact for p in restored.participants] == [p.contact for p in ordered.participants]
    assert {o.id: set(o.event_ids) for o in restored.observations} == {
        o.id: set(o.event_ids) for o in ordered.observations
    }
    assert {c.id: set(c.evidence) for c in restored.causes} == {
        c.id: set(c.evidence) for c in ordered.causes
    }
    assert {d.id for d in restored.coaching_dismissals} == {
        d.id for d in ordered.coaching_dismissals
    }
    assert private_texts(shown) <= private_texts(ordered)
    assert not any(event.internal_only for event in shown.timeline)


def test_a_value_that_is_no_collection_is_left_for_the_model_to_refuse() -> None:
    assert keep_private(sample(), {"timeline": None}) == {"timeline": None}
