"""Where each stage stands: not started, in progress, or its exit condition met, and why not.

The exit conditions come from the reference workflow. Each is a list of checks; a check that
fails contributes one plain sentence the sidebar shows on hover, so the facilitator always knows
what the room still has to do before moving on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum

from app.domain.action_coaching import (
    CoachingNote,
    action_item_warnings,
    unaddressed_root_causes,
    vague_wording,
)
from app.domain.blame import BlameWarning, blame_warnings
from app.domain.evidence import is_usable_evidence
from app.domain.metrics import milestone_problems, missing_milestones
from app.domain.model import (
    Cause,
    CauseClassification,
    DataIntegrity,
    Impact,
    ObservationKind,
    Postmortem,
    Stage,
    WhyAnswer,
)
from app.domain.sla import assess_sla


class StageProgress(Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    EXIT_MET = "exit condition met"


@dataclass(frozen=True)
class StageState:
    stage: Stage
    progress: StageProgress
    exit_condition: str
    unmet: tuple[str, ...]  # why the exit condition is not met yet, one sentence per gap


EXIT_CONDITIONS = {
    Stage.SCOPE: "Template chosen; owner for the final document.",
    Stage.TIMELINE: (
        "Onset, detection, mitigation and resolution marked in order; users affected, data "
        "integrity and SLA breach decided; facts align with any external customer communication."
    ),
    Stage.ROOT_CAUSE: "Evidence-backed causal chain; contributing factors listed.",
    Stage.WHAT_WORKED: "What went well and what went wrong are both recorded.",
    Stage.ACTION_ITEMS: (
        "Items linked in the issue tracker, each owned, dated and categorised, specific and on "
        "time; every root cause addressed."
    ),
    Stage.FOLLOW_UP: (
        "Summary shared internally; external decision made; follow-up review scheduled."
    ),
}


# Gaps the final review files under an item of its own (see review.py).
QUANTIFY_USERS = "Quantify the impact: how many users were affected."
LIST_CONTRIBUTING_FACTORS = "List the contributing factors."


def stage_states(pm: Postmortem, *, today: date | None = None) -> tuple[StageState, ...]:
    """Every stage's state; ``today`` (default: today's UTC date) decides what is overdue."""
    return tuple(stage_state(pm, stage, today=today) for stage in Stage)


def stage_state(pm: Postmortem, stage: Stage, *, today: date | None = None) -> StageState:
    started, unmet = _RULES[stage](pm, today or utc_today())
    if not unmet:
        progress = StageProgress.EXIT_MET
    elif started or pm.note(stage).strip():
        progress = StageProgress.IN_PROGRESS
    else:
        progress = StageProgress.NOT_STARTED
    return StageState(stage, progress, EXIT_CONDITIONS[stage], tuple(unmet))


def utc_today() -> date:
    return datetime.now(UTC).date()


def _scope(pm: Postmortem, _today: date) -> tuple[bool, list[str]]:
    unmet = []
    if pm.template is None:
        unmet.append("Choose a template: full or lightweight.")
    if not pm.document_owner.strip():
        unmet.append("Name the owner of the final document.")
    started = bool(pm.template or pm.document_owner.strip() or pm.audiences or pm.participants)
    return started, unmet


def _timeline(pm: Postmortem, _today: date) -> tuple[bool, list[str]]:
    unmet = []
    if not pm.timeline:
        unmet.append("Add the timeline's events, in UTC.")
    missing = [milestone.label.lower() for milestone in missing_milestones(pm.timeline)]
    if pm.timeline and missing:
        unmet.append(f"Mark the {_join(missing)} on the timeline.")
    # Ordered by the incident's sequence of milestones, so the sentence reads from the start.
    problems = milestone_problems(pm.timeline)
    if problems:
        unmet.append(f"Put the milestones in order: {'; '.join(problems.values())}.")
    if pm.impact.users_affected is None:
        unmet.append(QUANTIFY_USERS)
    if pm.impact.data_integrity is DataIntegrity.NOT_ASSESSED:
        unmet.append("Assess data integrity.")
    unmet.extend(_sla_gaps(pm))
    if not pm.impact.aligned_with_customer_communication:
        unmet.append("Check the facts against any external customer communication.")
    return bool(pm.timeline) or pm.impact != Impact(), unmet


def _sla_gaps(pm: Postmortem) -> list[str]:
    """The SLA is decided once it is computed or ruled on; a ruling against the computation
    needs its reason, as the model's Impact says."""
    assessment = assess_sla(pm)
    if assessment.effective is None:
        return ["Decide the SLA: set a target in stage 1 or rule on the breach."]
    if assessment.overridden and not pm.impact.sla_override_reason.strip():
        return ["Give the reason for overruling the computed SLA breach."]
    return []


def _root_cause(pm: Postmortem, _today: date) -> tuple[bool, list[str]]:
    """An evidence-backed causal chain and its contributing factors, with no person to blame."""
    unmet = causal_chain_gaps(pm)
    unmet.extend(blame_gaps(blame_warnings(pm)))
    return bool(pm.causes or pm.whys or pm.problem_statement.strip()), unmet


def causal_chain_gaps(pm: Postmortem) -> list[str]:
    """Stage 3's gaps apart from blame: a classified, evidence-backed root cause and factors."""
    analysed: list[Cause | WhyAnswer] = [*pm.causes, *pm.whys]
    roots = [item for item in analysed if item.classification is CauseClassification.ROOT_CAUSE]
    unmet = []
    if not roots:
        unmet.append("Classify the root cause: the fix that stops this class of failure.")
    # One backed root cause is enough to meet the condition; a reference to a deleted timeline
    # event or a blank entry backs nothing.
    elif not any(is_usable_evidence(pm, entry) for item in roots for entry in item.evidence):
        unmet.append(
            "Back a root cause with evidence: link a trace, dashboard, log, ticket or timeline "
            "event."
        )
    contributing = CauseClassification.CONTRIBUTING_FACTOR
    if not any(item.classification is contributing for item in analysed):
        unmet.append(LIST_CONTRIBUTING_FACTORS)
    return unmet


def blame_gaps(warnings: tuple[BlameWarning, ...]) -> list[str]:
    """One sentence naming every participant a root cause names, one per blaming phrase."""
    findings = [finding for warning in warnings for finding in warning.findings]
    named = list(dict.fromkeys(f.participant for f in findings if f.participant is not None))
    phrases = list(dict.fromkeys(f.reason for f in findings if f.participant is None))
    gaps = [
        f"A root cause {reason}: ask what in the system made the mistake possible."
        for reason in phrases
    ]
    if named:
        gaps.insert(0, f"A root cause names {_join(named)}: describe the system, not the person.")
    return gaps


def _what_worked(pm: Postmortem, _today: date) -> tuple[bool, list[str]]:
    kinds = {observation.kind for observation in pm.observations}
    unmet = []
    if ObservationKind.WENT_WELL not in kinds:
        unmet.append("Record what went well, to reinforce it.")
    if ObservationKind.WENT_WRONG not in kinds:
        unmet.append("Record what went wrong.")
    return bool(pm.observations), unmet


def _action_items(pm: Postmortem, today: date) -> tuple[bool, list[str]]:
    if not pm.action_items:
        return False, ["Add action items: specific tickets with owners and dates."]
    return True, action_item_gaps(pm, today=today)


# Each coaching rule as a stage-5 sentence: what is missing, and what to give each item.
_FIELD_GAPS = (
    ("no_title", "no title", "a title that says what changes"),
    ("no_owner", "no owner", "an owner"),
    ("no_due", "no due date", "a due date"),
    ("no_category", "no category", "a category"),
    ("no_tracker", "no tracker link", "a tracker link"),
)


def action_item_gaps(pm: Postmortem, *, today: date) -> list[str]:
    """Stage 5's gaps: one sentence per coaching rule that stands, then unaddressed root causes.

    '2 action items have vague wording ("add monitoring"): name the metric or signal.'
    """
    warnings = action_item_warnings(pm, today=today)
    unmet = []
    vague = [item for item in pm.action_items if _has(warnings, item.id, "vague")]
    if vague:
        found = [wording for item in vague for wording in vague_wording(item.title)]
        phrases = ", ".join(dict.fromkeys(f'"{w.phrase.lower()}"' for w in found))
        fixes = "; ".join(dict.fromkeys(w.fix for w in found))
        unmet.append(f"{_items(len(vague), 'has', 'have')} vague wording ({phrases}): {fixes}.")
    for rule, what, give in _FIELD_GAPS:
        lacking = sum(1 for item in pm.action_items if _has(warnings, item.id, rule))
        if lacking:
            unmet.append(f"{_items(lacking, 'has', 'have')} {what}: give each {give}.")
    late = [item for item in pm.action_items if _has(warnings, item.id, "overdue")]
    if late:
        dates = ", ".join(sorted({item.due.isoformat() for item in late if item.due}))
        unmet.append(
            f"{_items(len(late), 'is', 'are')} overdue (due {dates}): finish each, or agree a "
            "new date with its owner."
        )
    orphans = unaddressed_root_causes(pm)
    if orphans:
        texts = ", ".join(f'"{_short(orphan.text)}"' for orphan in orphans)
        subject = "1 root cause has" if len(orphans) == 1 else f"{len(orphans)} root causes have"
        unmet.append(
            f"{subject} no action item addressing it ({texts}): link an action item to each."
        )
    return unmet


def _has(warnings: dict[str, tuple[CoachingNote, ...]], item_id: str, rule: str) -> bool:
    return any(note.rule == rule for note in warnings.get(item_id, ()))


def _items(count: int, singular: str, plural: str) -> str:
    return f"1 action item {singular}" if count == 1 else f"{count} action items {plural}"


def _short(text: str, limit: int = 40) -> str:
    """One line of ``text``, cut at a word within ``limit`` characters, with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit + 1].rsplit(" ", 1)[0] if " " in line[:limit] else line[:limit]
    return cut.rstrip(" ,;:") + "…"


def _follow_up(pm: Postmortem, _today: date) -> tuple[bool, list[str]]:
    comms = pm.communication
    unmet = []
    if not comms.internal_summary.strip():
        unmet.append("Write the internal summary.")
    if comms.shared_at is None or not comms.shared_where.strip():
        unmet.append("Record when and where the summary was shared internally.")
    if comms.external_postmortem_required is None:
        unmet.append("Decide whether policy requires an external postmortem.")
    if not pm.follow_up_reviews:
        unmet.append("Schedule the follow-up review (30 and 60 days after publication).")
    started = bool(
        comms.internal_summary.strip()
        or comms.shared_where.strip()
        or comms.external_postmortem_required is not None
        or pm.follow_up_reviews
    )
    return started, unmet


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


_RULES: dict[Stage, Callable[[Postmortem, date], tuple[bool, list[str]]]] = {
    Stage.SCOPE: _scope,
    Stage.TIMELINE: _timeline,
    Stage.ROOT_CAUSE: _root_cause,
    Stage.WHAT_WORKED: _what_worked,
    Stage.ACTION_ITEMS: _action_items,
    Stage.FOLLOW_UP: _follow_up,
}
