"""Postmortems for export tests: one with something in every stage, and one with nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    AppendixKind,
    AppendixLink,
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
    Severity,
    Stage,
    Status,
    TimelineEvent,
    WhyAnswer,
)

TODAY = date(2026, 3, 20)
PATTERN = "https://tracker.example.com/browse/{key}"
ROOT = CauseClassification.ROOT_CAUSE
FACTOR = CauseClassification.CONTRIBUTING_FACTOR


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 1, hour, minute, tzinfo=UTC)


def full_postmortem(**changes: object) -> Postmortem:
    """Every stage filled in, with one item of each interesting kind."""
    values: dict[str, object] = {
        "title": "Checkout errors after the database failover",
        "severity": Severity.SEV2,
        "id": 7,
        "status": Status.IN_REVIEW,
        "incident_ref": "INC-311",
        "incident_date": date(2026, 3, 1),
        "published_on": date(2026, 3, 10),
        "affected_services": ("checkout", "payments"),
        "tags": ("database",),
        "document_owner": "Ana Lima",
        "participants": (
            Participant("Dana Reyes", "Incident commander", "dana.reyes@example.com"),
            Participant("Sam Okoye", "Database on-call", "+1 555 0134"),
        ),
        "private_notes": "Ask Sam gently about the 14:12 manual promotion",
        "sla_target": "max outage 30 min",
        "stage_notes": {Stage.ROOT_CAUSE: "Revisit the pool sizing model next quarter."},
        "timeline": (
            TimelineEvent("e1", at(14, 0), "Primary database fails over", Milestone.ONSET),
            TimelineEvent(
                "e2",
                at(14, 6),
                "Error-rate alert pages the on-call",
                Milestone.DETECTION,
                evidence="https://grafana.example.com/d/errors",
            ),
            TimelineEvent(
                "e3", at(14, 12), "Replica db-7.corp.example promoted by hand", internal_only=True
            ),
            TimelineEvent("e4", at(14, 20), "Connection pools recycled", Milestone.MITIGATION),
            TimelineEvent("e5", at(14, 50), "Error rate back to baseline", Milestone.RESOLUTION),
        ),
        "impact": Impact(
            users_affected=1200,
            users_description="Customers paying by card in the EU",
            data_integrity=DataIntegrity.INTACT,
            data_integrity_note="No order was lost",
            customer_visible=True,
            summary="Card checkouts failed for 50 minutes.",
            aligned_with_customer_communication=True,
        ),
        "problem_statement": "Card checkouts failed for 50 minutes after a database failover.",
        "fishbone_categories": (FishboneCategory("tech", "Technology"),),
        "causes": (
            Cause(
                "c1",
                "tech",
                "Pools kept connections to the old primary",
                classification=ROOT,
                evidence=("https://git.example.com/pool/issues/4", "event:e4"),
            ),
            Cause("c2", "tech", "No failover drill this year", classification=FACTOR),
            Cause(
                "c3",
                "tech",
                "Network partition",
                classification=CauseClassification.RULED_OUT,
            ),
        ),
        "whys": (
            WhyAnswer("w1", "The pool validated connections only on checkout"),
            WhyAnswer("w2", "Validation was switched off for speed", "w1", ROOT),
        ),
        "observations": (
            Observation("o1", ObservationKind.WENT_WELL, "The runbook was followed", ("e4",)),
            Observation("o2", ObservationKind.WENT_WRONG, "Paging should have been faster"),
            Observation("o3", ObservationKind.LUCKY, "It was a quiet hour"),
        ),
        "action_items": (
            ActionItem(
                "a1",
                "Validate pooled connections on borrow",
                owner="Sam Okoye",
                due=date(2026, 4, 1),
                category=ActionCategory.PREVENT,
                tracker="OPS-231",
                status=ActionStatus.IN_PROGRESS,
                cause_ids=("c1",),
                public=True,
            ),
            ActionItem(
                "a2",
                "Page on checkout error rate above 2% for 2 min",
                owner="Dana Reyes",
                due=date(2026, 4, 15),
                category=ActionCategory.DETECT,
                tracker="https://issues.example.com/42",
            ),
            ActionItem("a3", "Run a failover drill each quarter", tracker="ask Dana"),
        ),
        "appendix": (
            AppendixLink(
                "l1", AppendixKind.TRACE, "Trace of a failed checkout", "https://t.example.com/1"
            ),
            AppendixLink("l2", AppendixKind.LOG, "Pool logs", "s3://logs/pool/2026-03-01"),
        ),
        "communication": Communication(
            internal_summary="Shared with engineering.",
            shared_at=at(18, 0),
            shared_where="#incidents",
            external_postmortem_required=True,
            external_summary="Card payments failed for 50 minutes on 1 March.",
        ),
        "follow_up_reviews": (
            FollowUpReview("r1", date(2026, 4, 9), done=True, notes="Two items done"),
            FollowUpReview("r2", date(2026, 5, 9)),
        ),
        "coaching_dismissals": (
            CoachingDismissal(
                "d1", "observations[o2].text", "should have", "It describes the pager, not a person"
            ),
        ),
        "agenda": {Stage.SCOPE: 5, Stage.TIMELINE: 15, Stage.ROOT_CAUSE: 20},
        "meeting_time": {Stage.SCOPE: 290, Stage.TIMELINE: 1_110, Stage.ROOT_CAUSE: 1_200},
        "parking_lot": (
            ParkingLotItem(
                "p1", "Who pays for the extra replica?", at(16, 5), Stage.TIMELINE, done=True
            ),
            ParkingLotItem("p2", "Rename the pool alerts", at(16, 20), Stage.ROOT_CAUSE),
            ParkingLotItem("p3", "Invite the payments team next time", at(16, 31)),
        ),
    }
    values.update(changes)
    return Postmortem(**values)  # type: ignore[arg-type]


def empty_postmortem() -> Postmortem:
    return Postmortem(title="Nothing written yet", severity=Severity.SEV4)
