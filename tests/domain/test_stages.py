from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Cause,
    CauseClassification,
    Communication,
    DataIntegrity,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Milestone,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Severity,
    Stage,
    Template,
    TimelineEvent,
    WhyAnswer,
)
from app.domain.stages import StageProgress, stage_state, stage_states

AT = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)
CATEGORY = FishboneCategory("cat", "Technology")


def fresh() -> Postmortem:
    return Postmortem(title="Checkout outage", severity=Severity.SEV2)


def test_a_fresh_postmortem_has_started_nothing() -> None:
    states = stage_states(fresh())
    assert [state.stage for state in states] == list(Stage)
    assert {state.progress for state in states} == {StageProgress.NOT_STARTED}
    assert all(state.unmet for state in states)


def test_scope_needs_template_and_owner() -> None:
    chosen = dataclasses.replace(fresh(), template=Template.FULL)
    state = stage_state(chosen, Stage.SCOPE)
    assert state.progress is StageProgress.IN_PROGRESS
    assert state.unmet == ("Name the owner of the final document.",)
    done = dataclasses.replace(chosen, document_owner="Ana")
    assert stage_state(done, Stage.SCOPE).progress is StageProgress.EXIT_MET
    assert stage_state(done, Stage.SCOPE).unmet == ()
    owner_only = dataclasses.replace(fresh(), document_owner="Ana")
    assert stage_state(owner_only, Stage.SCOPE).unmet == (
        "Choose a template: full or lightweight.",
    )


def test_notes_alone_put_a_stage_in_progress() -> None:
    noted = dataclasses.replace(fresh(), stage_notes={Stage.WHAT_WORKED: "paging was fast"})
    assert stage_state(noted, Stage.WHAT_WORKED).progress is StageProgress.IN_PROGRESS


IN_ORDER = (Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION)


def marked_timeline(*minutes: int) -> tuple[TimelineEvent, ...]:
    """Onset, detection, mitigation and resolution at these minutes past 14:00."""
    return tuple(
        TimelineEvent(f"e{index}", AT.replace(minute=minute), milestone.label, milestone=milestone)
        for index, (milestone, minute) in enumerate(zip(IN_ORDER, minutes, strict=False))
    )


QUANTIFIED = Impact(
    users_affected=900,
    data_integrity=DataIntegrity.INTACT,
    aligned_with_customer_communication=True,
)


def timeline_ready() -> Postmortem:
    """Stage 2's exit condition met: 50 min outage within a 2 h maximum."""
    return dataclasses.replace(
        fresh(),
        sla_target="max outage 2 h",
        timeline=marked_timeline(0, 5, 20, 50),
        impact=QUANTIFIED,
    )


def test_timeline_exit_met_with_ordered_milestones_quantified_impact_and_sla() -> None:
    state = stage_state(timeline_ready(), Stage.TIMELINE)
    assert state.unmet == ()
    assert state.progress is StageProgress.EXIT_MET
    assert "in order" in state.exit_condition
    assert "customer communication" in state.exit_condition


def test_timeline_exit_lists_every_gap_of_a_fresh_postmortem() -> None:
    assert stage_state(fresh(), Stage.TIMELINE).unmet == (
        "Add the timeline's events, in UTC.",
        "Quantify the impact: how many users were affected.",
        "Assess data integrity.",
        "Decide the SLA: set a target in stage 1 or rule on the breach.",
        "Check the facts against any external customer communication.",
    )


def test_timeline_exit_names_missing_milestones() -> None:
    partial = dataclasses.replace(timeline_ready(), timeline=marked_timeline(0, 5))
    state = stage_state(partial, Stage.TIMELINE)
    assert state.progress is StageProgress.IN_PROGRESS
    # Without a resolution the SLA cannot be computed either.
    assert state.unmet == (
        "Mark the mitigation and resolution on the timeline.",
        "Decide the SLA: set a target in stage 1 or rule on the breach.",
    )


def test_timeline_exit_names_milestones_out_of_order() -> None:
    swapped = dataclasses.replace(timeline_ready(), timeline=marked_timeline(10, 5, 20, 50))
    assert stage_state(swapped, Stage.TIMELINE).unmet == (
        "Put the milestones in order: detection is before the onset (14:10).",
    )


def test_timeline_exit_needs_users_and_data_integrity() -> None:
    pm = timeline_ready()
    unquantified = dataclasses.replace(
        pm, impact=dataclasses.replace(QUANTIFIED, users_affected=None)
    )
    assert stage_state(unquantified, Stage.TIMELINE).unmet == (
        "Quantify the impact: how many users were affected.",
    )
    unassessed = dataclasses.replace(
        pm, impact=dataclasses.replace(QUANTIFIED, data_integrity=DataIntegrity.NOT_ASSESSED)
    )
    assert stage_state(unassessed, Stage.TIMELINE).unmet == ("Assess data integrity.",)


def test_timeline_exit_needs_the_sla_decided_computed_or_ruled() -> None:
    no_target = dataclasses.replace(timeline_ready(), sla_target="")
    assert stage_state(no_target, Stage.TIMELINE).unmet == (
        "Decide the SLA: set a target in stage 1 or rule on the breach.",
    )
    ruled = dataclasses.replace(
        no_target, impact=dataclasses.replace(QUANTIFIED, sla_breached=False)
    )
    assert stage_state(ruled, Stage.TIMELINE).unmet == ()


def test_overruling_the_computed_sla_needs_a_reason() -> None:
    # 50 min exceeds the 43 min a 99.9% monthly target allows: computed as breached.
    breached = dataclasses.replace(timeline_ready(), sla_target="99.9% monthly availability")
    assert stage_state(breached, Stage.TIMELINE).unmet == ()
    overruled = dataclasses.replace(
        breached, impact=dataclasses.replace(QUANTIFIED, sla_breached=False)
    )
    assert stage_state(overruled, Stage.TIMELINE).unmet == (
        "Give the reason for overruling the computed SLA breach.",
    )
    reasoned = dataclasses.replace(
        overruled,
        impact=dataclasses.replace(
            overruled.impact, sla_override_reason="Announced maintenance window"
        ),
    )
    assert stage_state(reasoned, Stage.TIMELINE).unmet == ()


def test_timeline_exit_keeps_the_customer_communication_check() -> None:
    unchecked = dataclasses.replace(
        timeline_ready(),
        impact=dataclasses.replace(QUANTIFIED, aligned_with_customer_communication=False),
    )
    assert stage_state(unchecked, Stage.TIMELINE).unmet == (
        "Check the facts against any external customer communication.",
    )


ROOT = CauseClassification.ROOT_CAUSE
FACTOR = CauseClassification.CONTRIBUTING_FACTOR
EVIDENCE_GAP = (
    "Back a root cause with evidence: link a trace, dashboard, log, ticket or timeline event."
)


def analysed(*causes: Cause, whys: tuple[WhyAnswer, ...] = (), **changes: object) -> Postmortem:
    pm = dataclasses.replace(fresh(), fishbone_categories=(CATEGORY,), causes=causes, whys=whys)
    return dataclasses.replace(pm, **changes)


def test_root_cause_starts_with_a_problem_statement_and_asks_for_a_classification() -> None:
    state = stage_state(analysed(problem_statement="Checkout failed"), Stage.ROOT_CAUSE)
    assert state.progress is StageProgress.IN_PROGRESS
    assert state.unmet == (
        "Classify the root cause: the fix that stops this class of failure.",
        "List the contributing factors.",
    )


def test_root_cause_needs_evidence_contributing_factors_and_no_person() -> None:
    root = Cause("c1", "cat", "Retry storm from clients", classification=ROOT)
    assert stage_state(analysed(root), Stage.ROOT_CAUSE).unmet == (
        EVIDENCE_GAP,
        "List the contributing factors.",
    )
    evidenced = dataclasses.replace(root, evidence=("https://traces.example/abc",))
    factor = Cause("c2", "cat", "No load test", classification=FACTOR)
    done = analysed(evidenced, factor)
    assert stage_state(done, Stage.ROOT_CAUSE).progress is StageProgress.EXIT_MET
    blaming = dataclasses.replace(evidenced, text="Bob Smith pushed a bad config")
    named = analysed(blaming, factor, participants=(Participant("Bob Smith", "SRE"),))
    assert stage_state(named, Stage.ROOT_CAUSE).unmet == (
        "A root cause names Bob Smith: describe the system, not the person.",
    )


def test_one_evidenced_root_cause_is_enough_but_blank_or_dangling_evidence_is_not() -> None:
    event = TimelineEvent("ev1", AT, "Failover started")
    factor = Cause("c2", "cat", "No load test", classification=FACTOR)
    bare = WhyAnswer("w1", "TTL was zero", classification=ROOT)

    def unmet(*evidence: str) -> tuple[str, ...]:
        backed = Cause("c1", "cat", "Retry storm", classification=ROOT, evidence=evidence)
        pm = analysed(backed, factor, whys=(bare,), timeline=(event,))
        return stage_state(pm, Stage.ROOT_CAUSE).unmet

    assert unmet("event:ev1") == ()
    assert unmet("PR #4812") == ()
    assert unmet("  ", "") == (EVIDENCE_GAP,)
    assert unmet("event:deleted") == (EVIDENCE_GAP,)


def test_a_five_whys_answer_can_be_the_root_cause_and_the_factor() -> None:
    whys = (
        WhyAnswer("w1", "Requests missed the cache", classification=FACTOR),
        WhyAnswer("w2", "TTL was zero", "w1", ROOT, evidence=("config diff",)),
    )
    assert stage_state(analysed(whys=whys), Stage.ROOT_CAUSE).unmet == ()


def test_blaming_root_causes_get_one_sentence_per_phrase_and_one_for_the_people() -> None:
    factor = Cause("c9", "cat", "Human error under time pressure", classification=FACTOR)
    causes = (
        Cause("c1", "cat", "Human error by dana", classification=ROOT, evidence=("log",)),
        Cause("c2", "cat", "Ops was careless; Reyes and Kim", classification=ROOT),
        factor,  # a contributing factor may say it: only root causes must not
    )
    pm = analysed(
        *causes,
        whys=(WhyAnswer("w1", "Someone forgot the flag", classification=ROOT),),
        participants=(Participant("Dana Reyes"), Participant("Sam Kim"), Participant("Lee Park")),
    )
    assert stage_state(pm, Stage.ROOT_CAUSE).unmet == (
        "A root cause names Dana Reyes and Sam Kim: describe the system, not the person.",
        'A root cause says "human error": ask what in the system made the mistake possible.',
        'A root cause says "careless": ask what in the system made the mistake possible.',
        'A root cause says "someone forgot": ask what in the system made the mistake possible.',
    )


def test_what_worked_needs_both_sides() -> None:
    well = Observation("o1", ObservationKind.WENT_WELL, "Runbook followed")
    pm = dataclasses.replace(fresh(), observations=(well,))
    assert stage_state(pm, Stage.WHAT_WORKED).unmet == ("Record what went wrong.",)
    wrong = Observation("o2", ObservationKind.WENT_WRONG, "Escalation slow")
    done = dataclasses.replace(pm, observations=(well, wrong))
    assert stage_state(done, Stage.WHAT_WORKED).progress is StageProgress.EXIT_MET


def test_action_items_must_be_owned_dated_categorised_and_tracked() -> None:
    vague = ActionItem("a1", "Alert when p99 checkout latency > 2 s for 5 min")
    pm = dataclasses.replace(fresh(), action_items=(vague, dataclasses.replace(vague, id="a2")))
    assert stage_state(pm, Stage.ACTION_ITEMS).unmet == (
        "2 action items have no owner: give each an owner.",
        "2 action items have no due date: give each a due date.",
        "2 action items have no category: give each a category.",
        "2 action items have no tracker link: give each a tracker link.",
    )
    tracked = dataclasses.replace(
        vague, owner="Ana", due=date(2026, 4, 1), category=ActionCategory.DETECT, tracker="OPS-12"
    )
    done = dataclasses.replace(fresh(), action_items=(tracked,))
    met = stage_state(done, Stage.ACTION_ITEMS, today=date(2026, 4, 1))
    assert met.progress is StageProgress.EXIT_MET
    # The day after its due date an open item is overdue: stage 5 is open again.
    late = stage_state(done, Stage.ACTION_ITEMS, today=date(2026, 4, 2))
    assert late.progress is StageProgress.IN_PROGRESS


def tracked_item(title: str, **changes: object) -> ActionItem:
    item = ActionItem(
        "a1",
        title,
        owner="Ana",
        due=date(2026, 4, 1),
        category=ActionCategory.DETECT,
        tracker="OPS-12",
    )
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def action_gaps(*items: ActionItem, today: date = date(2026, 3, 20), **fields: object) -> tuple:
    pm = dataclasses.replace(fresh(), action_items=items, **fields)  # type: ignore[arg-type]
    return stage_state(pm, Stage.ACTION_ITEMS, today=today).unmet


def test_vague_action_items_keep_stage_five_open_with_the_words_and_the_fix() -> None:
    assert action_gaps(
        tracked_item("Add monitoring"), tracked_item("Add more monitoring", id="a2")
    ) == (
        '2 action items have vague wording ("add monitoring", "add more monitoring"): name '
        "the metric or signal.",
    )
    assert action_gaps(
        tracked_item("Look into the outage"), tracked_item("Be more careful", id="a2")
    ) == (
        '2 action items have vague wording ("look into", "be more careful"): ask the question '
        "it should answer; change the system, not the people.",
    )
    assert action_gaps(tracked_item("Add an alert on p99 checkout latency above 2 s")) == ()


def test_placeholders_count_as_missing_and_a_blank_title_is_a_gap() -> None:
    assert action_gaps(tracked_item(" ", owner="TBD", tracker="?")) == (
        "1 action item has no title: give each a title that says what changes.",
        "1 action item has no owner: give each an owner.",
        "1 action item has no tracker link: give each a tracker link.",
    )


def test_overdue_action_items_keep_stage_five_open_until_done_or_redated() -> None:
    late = tracked_item("Rotate the key", due=date(2026, 3, 1))
    other = tracked_item("Rotate the cert", id="a2", due=date(2026, 3, 5))
    assert action_gaps(late, other) == (
        "2 action items are overdue (due 2026-03-01, 2026-03-05): finish each, or agree a new "
        "date with its owner.",
    )
    assert action_gaps(late, today=date(2026, 3, 1)) == ()
    assert action_gaps(dataclasses.replace(late, status=ActionStatus.DONE)) == ()


def test_today_defaults_to_the_utc_date() -> None:
    ancient = tracked_item("Rotate the key", due=date(2000, 1, 1))
    future = tracked_item("Rotate the key", due=date(2999, 1, 1))
    for item, overdue in ((ancient, True), (future, False)):
        pm = dataclasses.replace(fresh(), action_items=(item,))
        unmet = stage_state(pm, Stage.ACTION_ITEMS).unmet
        assert any("overdue" in gap for gap in unmet) is overdue
        assert stage_states(pm)[Stage.ACTION_ITEMS - 1].unmet == unmet


def test_every_root_cause_needs_an_action_item_addressing_it() -> None:
    root = CauseClassification.ROOT_CAUSE
    causes = (
        Cause("c1", "cat", "Connection pool sized for last year's traffic", classification=root),
        Cause("c2", "cat", "Retries without jitter", classification=root),
    )
    fields = {"fishbone_categories": (CATEGORY,), "causes": causes}
    assert action_gaps(tracked_item("Resize the pool", cause_ids=("c2",)), **fields) == (
        '1 root cause has no action item addressing it ("Connection pool sized for last '
        "year's…\"): link an action item to each.",
    )
    both = tracked_item("Resize the pool and add jitter", cause_ids=("c1", "c2"))
    assert action_gaps(both, **fields) == ()


def test_follow_up_needs_shared_summary_decision_and_review() -> None:
    comms = Communication(internal_summary="Checkout failed for 40 min", shared_where="#eng")
    pm = dataclasses.replace(fresh(), communication=comms)
    assert stage_state(pm, Stage.FOLLOW_UP).unmet == (
        "Record when and where the summary was shared internally.",
        "Decide whether policy requires an external postmortem.",
        "Schedule the follow-up review (30 and 60 days after publication).",
    )
    done = dataclasses.replace(
        pm,
        communication=dataclasses.replace(comms, shared_at=AT, external_postmortem_required=False),
        follow_up_reviews=(FollowUpReview("r1", date(2026, 4, 1)),),
    )
    assert stage_state(done, Stage.FOLLOW_UP).progress is StageProgress.EXIT_MET
