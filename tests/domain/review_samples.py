"""A postmortem every final-review item passes for, to break one item at a time in tests."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from app.domain.model import (
    ActionCategory,
    ActionItem,
    Cause,
    CauseClassification,
    Communication,
    DataIntegrity,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Milestone,
    Participant,
    Postmortem,
    Severity,
    Template,
    TimelineEvent,
)

AT = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)
CATEGORY = FishboneCategory("cat", "Technology")
ROOT = CauseClassification.ROOT_CAUSE
FACTOR = CauseClassification.CONTRIBUTING_FACTOR


def timeline() -> tuple[TimelineEvent, ...]:
    milestones = (Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION)
    return tuple(
        TimelineEvent(f"e{i}", AT.replace(minute=minute), f"{milestone.label} seen", milestone)
        for i, (milestone, minute) in enumerate(zip(milestones, (0, 5, 20, 50), strict=True))
    )


def ready(severity: Severity = Severity.SEV2, **changes: object) -> Postmortem:
    """A postmortem every checklist item passes for, under the full template."""
    pm = Postmortem(
        title="Checkout outage",
        severity=severity,
        template=Template.for_severity(severity),
        document_owner="Ana",
        participants=(Participant("Dana Reyes"),),
        sla_target="max outage 2 h",
        timeline=timeline(),
        impact=Impact(
            users_affected=900,
            data_integrity=DataIntegrity.INTACT,
            aligned_with_customer_communication=True,
        ),
        fishbone_categories=(CATEGORY,),
        causes=(
            Cause("c1", "cat", "Pool sized for last year", classification=ROOT, evidence=("e1",)),
            Cause("c2", "cat", "No load test before the sale", classification=FACTOR),
        ),
        action_items=(
            ActionItem(
                "a1",
                "Alert when checkout `db_pool_waiting` is above 50 for 5 min",
                owner="Ana",
                due=date(2026, 4, 1),
                category=ActionCategory.DETECT,
                tracker="OPS-12",
                cause_ids=("c1",),
            ),
        ),
        communication=Communication(
            internal_summary="Checkout failed for 50 min",
            shared_at=AT,
            shared_where="#eng",
            external_postmortem_required=False,
        ),
        follow_up_reviews=(
            FollowUpReview("r30", date(2026, 4, 1)),
            FollowUpReview("r60", date(2026, 5, 1)),
        ),
    )
    return dataclasses.replace(pm, **changes)
