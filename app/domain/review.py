"""The final review: the reference's checklist, evaluated from the postmortem's data.

Each ``ChecklistItem`` passes or says concretely why not, and points at the place to fix it: a
``stage`` and, where one item is at fault, an ``element`` on that stage's page.

``element`` has the form ``<kind>:<item id>``, kind one of ``timeline``, ``cause``, ``why``,
``observation``, ``action`` or ``follow_up`` (``timeline:3f2a...``), or ``field:<location>`` for a
field that is not an item, named as a ``LanguageFlag`` location names it (``field:impact.summary``,
``field:communication.internal_summary``, ``field:stage_notes[root_cause]``). ``parse_element``
splits it. (The stage 3 page's ``reveal`` takes diagram element ids, ``cause-<id>``: the kind and
id are the same, only the separator differs.)

Severity matters. The reference says to match depth to severity, with a lightweight retro for
minor incidents; Retro uses the postmortem's template (by default lightweight for SEV3-SEV4):

| item                          | full template                  | lightweight template          |
| ----------------------------- | ------------------------------ | ----------------------------- |
| blameless tone                | no standing flag or warning    | same                          |
| timeline and facts accurate   | stage 2 exit (but the count)   | same                          |
| impact quantified             | users counted, duration known  | a count or who, in words      |
| root cause vs factors         | stage 3 exit (but blame)       | contributing factors optional |
| action items owned, dated ... | stage 5 exit                   | same                          |
| follow-up review scheduled    | stage 6 exit, 30 and 60 days   | one review is enough          |

The titles and the "relaxed" explanations are data, in ``resources/review_checklist.json``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources

from app.domain.action_coaching import action_item_warnings
from app.domain.blame import BlameWarning, blame_warnings, overlaps
from app.domain.blameless_language import (
    LanguageFlag,
    language_flags,
    location_element,
    location_stage,
)
from app.domain.evidence import is_usable_evidence
from app.domain.metrics import incident_metrics, milestone_problems
from app.domain.model import (
    CauseClassification,
    Postmortem,
    Stage,
    Template,
)
from app.domain.stages import (
    LIST_CONTRIBUTING_FACTORS,
    QUANTIFY_USERS,
    blame_gaps,
    causal_chain_gaps,
    stage_state,
)

RESOURCE = "review_checklist.json"
ELEMENT_KINDS = ("timeline", "cause", "why", "observation", "action", "follow_up", "field")
# How many follow-up reviews the full template expects: the reference's 30 and 60 days.
FULL_TEMPLATE_REVIEWS = 2


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the final review.

    ``title`` is the reference's wording; ``reasons`` say concretely why the item is red (empty
    when it passes); ``relaxed`` is empty, or what the lightweight template relaxes here and why.
    ``stage`` is where to fix it, ``element`` the item to reveal there (see the module docstring)
    or None when no single item is at fault.
    """

    key: str
    title: str
    passed: bool
    reasons: tuple[str, ...]
    relaxed: str
    stage: Stage
    element: str | None


@dataclass(frozen=True)
class _Finding:
    """What one check found: the reasons, and where to go when there are any."""

    reasons: list[str]
    stage: Stage
    element: str | None = None


def parse_element(element: str) -> tuple[str, str] | None:
    """``(kind, id)`` of an element (``("cause", "c1")``, ``("field", "impact.summary")``)."""
    kind, separator, rest = element.partition(":")
    if not separator or not rest or kind not in ELEMENT_KINDS:
        return None
    return kind, rest


@functools.cache
def _checklist_text() -> tuple[tuple[str, str, str], ...]:
    """(key, title, lightweight relaxation) for every item, in the reference's order."""
    data = json.loads(resources.files("app.resources").joinpath(RESOURCE).read_text("utf-8"))
    items = tuple((e["key"], e["title"], e["lightweight"]) for e in data["items"])
    if [key for key, _, _ in items] != list(_CHECKS):
        raise ValueError(f"{RESOURCE} must list exactly {list(_CHECKS)} in that order")
    return items


def effective_template(pm: Postmortem) -> Template:
    """The template chosen in stage 1, or the one the severity suggests."""
    return pm.template or Template.for_severity(pm.severity)


def review_checklist(pm: Postmortem, *, today: date) -> tuple[ChecklistItem, ...]:
    """The reference's final checklist for ``pm``; ``today`` decides what is overdue."""
    light = effective_template(pm) is Template.LIGHTWEIGHT
    items = []
    for key, title, relaxation in _checklist_text():
        found = _CHECKS[key](pm, today, light)
        items.append(
            ChecklistItem(
                key=key,
                title=title,
                passed=not found.reasons,
                reasons=tuple(found.reasons),
                relaxed=relaxation if light else "",
                stage=found.stage,
                element=found.element if found.reasons else None,
            )
        )
    return tuple(items)


# --- the checks ----------------------------------------------------------------------------------


def _blameless_tone(pm: Postmortem, _today: date, _light: bool) -> _Finding:
    """No standing language flag anywhere, and no root cause that blames (stage 3's firm rule)."""
    standing = [flag for flag in language_flags(pm) if flag.dismissal is None]
    reasons = [f'{flag.where}: "{flag.phrase}" {flag.reason}.' for flag in standing]
    # A root cause's blame the coaching already reports once is not repeated; a dismissed flag
    # does not excuse it, since the root cause rule cannot be dismissed.
    warnings = [_unreported(warning, standing) for warning in blame_warnings(pm)]
    warnings = [warning for warning in warnings if warning.findings]
    reasons.extend(blame_gaps(tuple(warnings)))
    if standing:
        first = standing[0].location
        return _Finding(reasons, location_stage(pm, first), location_element(first))
    if warnings:
        return _Finding(reasons, Stage.ROOT_CAUSE, f"{warnings[0].item_kind}:{warnings[0].item_id}")
    return _Finding(reasons, Stage.ROOT_CAUSE)


def _unreported(warning: BlameWarning, standing: list[LanguageFlag]) -> BlameWarning:
    location = f"{'causes' if warning.item_kind == 'cause' else 'whys'}[{warning.item_id}].text"
    spans = [(flag.start, flag.end) for flag in standing if flag.location == location]
    kept = tuple(f for f in warning.findings if not overlaps(f.start, f.end, spans))
    return BlameWarning(warning.item_kind, warning.item_id, warning.text, kept)


def _timeline_facts(pm: Postmortem, today: date, _light: bool) -> _Finding:
    """Stage 2's exit condition, without the count of users: "impact quantified" has that."""
    unmet = stage_state(pm, Stage.TIMELINE, today=today).unmet
    reasons = [gap for gap in unmet if gap != QUANTIFY_USERS]
    problems = milestone_problems(pm.timeline)
    element = f"timeline:{next(iter(problems))}" if problems else None
    return _Finding(reasons, Stage.TIMELINE, element)


def _impact_quantified(pm: Postmortem, _today: date, light: bool) -> _Finding:
    impact = pm.impact
    if light:
        described = impact.users_description.strip() or impact.summary.strip()
        if impact.users_affected is not None or described:
            return _Finding([], Stage.TIMELINE)
        reason = "Quantify the impact where possible: how many users were affected, or who."
        return _Finding([reason], Stage.TIMELINE, "field:impact.users_affected")
    reasons = []
    if impact.users_affected is None:
        reasons.append(QUANTIFY_USERS)
    if incident_metrics(pm.timeline).time_to_resolve is None:
        reasons.append(
            "Mark the onset and the resolution on the timeline, so the duration is known."
        )
    element = "field:impact.users_affected" if impact.users_affected is None else None
    return _Finding(reasons, Stage.TIMELINE, element)


def _root_cause_distinguished(pm: Postmortem, _today: date, light: bool) -> _Finding:
    """Stage 3's exit condition apart from blame, which "blameless tone" reports."""
    reasons = causal_chain_gaps(pm)
    if light:
        reasons = [gap for gap in reasons if gap != LIST_CONTRIBUTING_FACTORS]
    root = CauseClassification.ROOT_CAUSE
    unbacked = [
        (kind, item.id)
        for kind, items in (("cause", pm.causes), ("why", pm.whys))
        for item in items
        if item.classification is root
        and not any(is_usable_evidence(pm, entry) for entry in item.evidence)
    ]
    element = f"{unbacked[0][0]}:{unbacked[0][1]}" if unbacked else None
    return _Finding(reasons, Stage.ROOT_CAUSE, element)


def _action_items_tracked(pm: Postmortem, today: date, _light: bool) -> _Finding:
    """Stage 5's exit condition: owned, dated, categorised, tracked, specific, on time."""
    reasons = list(stage_state(pm, Stage.ACTION_ITEMS, today=today).unmet)
    # The first item with a note; a root cause without an item is fixed in the table as a whole.
    warned = list(action_item_warnings(pm, today=today))
    return _Finding(reasons, Stage.ACTION_ITEMS, f"action:{warned[0]}" if warned else None)


def _follow_up_scheduled(pm: Postmortem, today: date, light: bool) -> _Finding:
    """Stage 6's exit condition; the full template wants both the 30- and 60-day reviews, and a
    review whose date has passed must have been held."""
    reasons = list(stage_state(pm, Stage.FOLLOW_UP, today=today).unmet)
    reviews = pm.follow_up_reviews
    if not light and 0 < len(reviews) < FULL_TEMPLATE_REVIEWS:
        reasons.append(
            "Schedule the 60-day review too: the full template checks completion at 30 and 60 days."
        )
    missed = [review for review in reviews if not review.done and review.due < today]
    reasons.extend(
        f"The follow-up review due {review.due.isoformat()} has passed without being marked "
        "done: hold it, or move it."
        for review in missed
    )
    element = f"follow_up:{missed[0].id}" if missed else _communication_element(pm)
    return _Finding(reasons, Stage.FOLLOW_UP, element)


def _communication_element(pm: Postmortem) -> str | None:
    comms = pm.communication
    if not comms.internal_summary.strip():
        return "field:communication.internal_summary"
    if not comms.shared_where.strip():
        return "field:communication.shared_where"
    if comms.shared_at is None:
        return "field:communication.shared_at"
    if comms.external_postmortem_required is None:
        return "field:communication.external_postmortem_required"
    return None


_CHECKS: dict[str, Callable[[Postmortem, date, bool], _Finding]] = {
    "blameless_tone": _blameless_tone,
    "timeline_facts": _timeline_facts,
    "impact_quantified": _impact_quantified,
    "root_cause_distinguished": _root_cause_distinguished,
    "action_items_tracked": _action_items_tracked,
    "follow_up_scheduled": _follow_up_scheduled,
}
