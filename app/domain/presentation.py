"""What a shared screen may show of a postmortem, and how edits made there keep the rest.

In presentation mode every view is fed ``for_shared_screen(pm)``: the postmortem without its
private parts, so they cannot leak through any widget, tooltip, completion or dialog, because the
text never reaches the UI. The private parts are:

- internal-only timeline events (with the links to them from observations and evidence, which
  would otherwise name or count them);
- the facilitator's private notes (stage notes are what the room agreed, so they stay);
- the redaction terms (a list of exactly what must not be seen);
- participants' contact details;
- kept blameless-language flags that quote hidden text.

Edits made on the shared screen carry whole field values built from that filtered view, so
``keep_private(stored, changes)`` puts the private parts back before the edit is stored: a
presenter can add an event without deleting the internal ones they cannot see.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from app.domain.evidence import evidence_event_id
from app.domain.model import (
    Cause,
    Observation,
    Participant,
    Postmortem,
    TimelineEvent,
    WhyAnswer,
)

_Linked = TypeVar("_Linked", Cause, WhyAnswer)


def hidden_event_ids(pm: Postmortem) -> frozenset[str]:
    return frozenset(event.id for event in pm.timeline if event.internal_only)


def private_texts(pm: Postmortem) -> frozenset[str]:
    """Every non-blank private text of ``pm``: what a shared screen must never show."""
    texts: list[str] = []
    for event in pm.timeline:
        if event.internal_only:
            texts += [event.description, event.evidence, event.entered_as]
    texts.append(pm.private_notes)
    texts += pm.redaction_terms
    texts += [participant.contact for participant in pm.participants]
    return frozenset(text for text in texts if text.strip())


def _is_hidden_location(location: str, hidden_ids: frozenset[str]) -> bool:
    if location.startswith("private_notes"):
        return True
    return any(location.startswith(f"timeline[{event_id}]") for event_id in hidden_ids)


def for_shared_screen(pm: Postmortem) -> Postmortem:
    """``pm`` without its private parts (see the module docstring); still a valid postmortem."""
    hidden = hidden_event_ids(pm)
    return dataclasses.replace(
        pm,
        timeline=tuple(event for event in pm.timeline if not event.internal_only),
        observations=tuple(
            dataclasses.replace(item, event_ids=tuple(i for i in item.event_ids if i not in hidden))
            for item in pm.observations
        ),
        causes=_without_hidden_evidence(pm.causes, hidden),
        whys=_without_hidden_evidence(pm.whys, hidden),
        private_notes="",
        redaction_terms=(),
        participants=tuple(dataclasses.replace(p, contact="") for p in pm.participants),
        coaching_dismissals=tuple(
            dismissal
            for dismissal in pm.coaching_dismissals
            if not _is_hidden_location(dismissal.location, hidden)
        ),
    )


def _without_hidden_evidence(
    items: Sequence[_Linked], hidden: frozenset[str]
) -> tuple[_Linked, ...]:
    return tuple(
        dataclasses.replace(
            item, evidence=tuple(e for e in item.evidence if evidence_event_id(e) not in hidden)
        )
        for item in items
    )


def keep_private(stored: Postmortem, changes: Mapping[str, object]) -> dict[str, object]:
    """``changes`` made on the shared screen, with ``stored``'s private parts put back.

    A hidden event whose time still fits goes back among the events shown, before the first one
    that happened later, so the timeline keeps its order. Redaction terms cannot be edited while
    presenting (their editors are hidden), and neither can the private notes: the stored ones win.
    """
    hidden = hidden_event_ids(stored)
    restorers: dict[str, Callable[[tuple[object, ...]], tuple[object, ...]]] = {
        "timeline": lambda shown: _merge_timeline(stored.timeline, shown),
        "observations": lambda shown: _restore_links(stored.observations, shown, hidden),
        "causes": lambda shown: _restore_evidence(stored.causes, shown, hidden),
        "whys": lambda shown: _restore_evidence(stored.whys, shown, hidden),
        "participants": lambda shown: _restore_contacts(stored.participants, shown),
        "coaching_dismissals": lambda shown: _restore_dismissals(stored, shown, hidden),
    }
    merged = dict(changes)
    for name, value in changes.items():
        # A value that is not a collection is left as it is, for the model to refuse.
        if name in restorers and isinstance(value, tuple):
            merged[name] = restorers[name](value)
    for name in ("redaction_terms", "private_notes"):
        if name in merged:
            merged[name] = getattr(stored, name)
    return merged


def _restore_dismissals(
    stored: Postmortem, shown: tuple[object, ...], hidden: frozenset[str]
) -> tuple[object, ...]:
    present = {getattr(dismissal, "id", None) for dismissal in shown}
    return shown + tuple(
        dismissal
        for dismissal in stored.coaching_dismissals
        if _is_hidden_location(dismissal.location, hidden) and dismissal.id not in present
    )


def _merge_timeline(stored: Sequence[TimelineEvent], shown: Sequence[object]) -> tuple[object, ...]:
    """Each hidden event goes back after the event it followed, when the times still agree."""
    merged = list(shown)
    previous: TimelineEvent | None = None
    for event in stored:
        if event.internal_only and event not in merged:
            merged.insert(_place_for(event, previous, merged), event)
        previous = event
    return tuple(merged)


def _place_for(event: TimelineEvent, previous: TimelineEvent | None, merged: list[object]) -> int:
    ids = [item.id if isinstance(item, TimelineEvent) else None for item in merged]
    after = ids.index(previous.id) + 1 if previous is not None and previous.id in ids else 0
    following = merged[after] if after < len(merged) else None
    fits = following is None or (isinstance(following, TimelineEvent) and following.at >= event.at)
    if (previous is None or previous.id in ids) and fits:
        return after
    return next(
        (
            index
            for index, item in enumerate(merged)
            if isinstance(item, TimelineEvent) and item.at > event.at
        ),
        len(merged),
    )


def _restore_links(
    stored: Sequence[Observation], shown: Sequence[object], hidden: frozenset[str]
) -> tuple[object, ...]:
    by_id = {item.id: item for item in stored}

    def restored(item: object) -> object:
        before = by_id.get(item.id) if isinstance(item, Observation) else None
        if not isinstance(item, Observation) or before is None:
            return item
        lost = tuple(i for i in before.event_ids if i in hidden and i not in item.event_ids)
        return dataclasses.replace(item, event_ids=item.event_ids + lost)

    return tuple(restored(item) for item in shown)


def _restore_evidence(
    stored: Sequence[Cause | WhyAnswer], shown: Sequence[object], hidden: frozenset[str]
) -> tuple[object, ...]:
    by_id = {item.id: item for item in stored}

    def restored(item: object) -> object:
        before = by_id.get(item.id) if isinstance(item, Cause | WhyAnswer) else None
        if not isinstance(item, Cause | WhyAnswer) or before is None:
            return item
        lost = tuple(
            entry
            for entry in before.evidence
            if evidence_event_id(entry) in hidden and entry not in item.evidence
        )
        return dataclasses.replace(item, evidence=item.evidence + lost)

    return tuple(restored(item) for item in shown)


def _restore_contacts(stored: Sequence[Participant], shown: Sequence[object]) -> tuple[object, ...]:
    """Each person's contact comes back by name; a name no longer stored was renamed in place,
    so while no one was added or removed it takes the contact of the person stored there."""
    by_name = {participant.name: participant.contact for participant in stored}
    same_count = len(stored) == len(shown)

    def restored(index: int, item: object) -> object:
        if not isinstance(item, Participant) or item.contact:
            return item
        if same_count and stored[index].name == item.name:  # unmoved (names may repeat)
            contact = stored[index].contact
        elif item.name in by_name:
            contact = by_name[item.name]
        else:
            contact = stored[index].contact if same_count else ""
        return dataclasses.replace(item, contact=contact)

    return tuple(restored(index, item) for index, item in enumerate(shown))
