"""The five whys read as chains: the problem statement they start from and where they stop.

Asking "why?" five times is a tool, not a ritual, so Retro does not count the answers; it points
at chains that stopped before reaching a root cause, which is where the room should keep asking.
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.cause_tree import whys_in_order
from app.domain.metrics import format_duration, incident_metrics
from app.domain.model import CauseClassification, Impact, Postmortem


def chain_ends_without_root_cause(pm: Postmortem) -> tuple[str, ...]:
    """Ids of the last answers of chains that never reached a root cause, in outline order.

    A chain runs from the problem statement down to an answer with no answers below it. It
    reaches a root cause when any answer on it is classified ROOT_CAUSE. A chain whose last answer
    is ruled out is closed on purpose (the room tested the idea and dropped it), so it is left out.
    """
    ordered = whys_in_order(pm)
    has_answers = {why.parent_id for why in ordered if why.parent_id is not None}
    # Depth-first order puts every parent before its children, so one pass carries the flag down.
    reached: dict[str, bool] = {}
    for why in ordered:
        inherited = why.parent_id is not None and reached[why.parent_id]
        reached[why.id] = inherited or why.classification is CauseClassification.ROOT_CAUSE
    return tuple(
        why.id
        for why in ordered
        if why.id not in has_answers
        and not reached[why.id]
        and why.classification is not CauseClassification.RULED_OUT
    )


def effective_problem_statement(pm: Postmortem) -> str:
    """The problem the analysis answers: as written, or built from the title and the impact.

    A room often starts asking "why?" before anyone words the problem, so the diagrams and the
    editor need a statement anyway: "Checkout API returned 5xx: 1,200 users affected for 47 min".
    Only what is known goes in; with nothing known it is just the title.
    """
    written = pm.problem_statement.strip()
    if written:
        return written
    title = pm.title.strip().rstrip(".:;,").rstrip()
    affected = _affected(pm.impact)
    duration = incident_metrics(pm.timeline).time_to_resolve
    # Milestones out of order give a negative span; saying nothing beats saying something wrong.
    lasted = format_duration(duration) if duration is not None and duration >= timedelta(0) else ""
    if affected and lasted:
        return f"{title}: {affected} for {lasted}"
    if affected:
        return f"{title}: {affected}"
    if lasted:
        return f"{title}: lasted {lasted}"
    return title


def _affected(impact: Impact) -> str:
    """ "1,200 users affected (EU customers paying by card)", or what part of it is known."""
    who = " ".join(impact.users_description.split())
    count = impact.users_affected
    if count is None:
        return f"{who} affected" if who else ""
    if count == 0:
        counted = "no users affected"
    else:
        counted = f"{count:,} {'user' if count == 1 else 'users'} affected"
    return f"{counted} ({who})" if who else counted
