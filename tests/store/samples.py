"""Postmortems for the store tests: one with every field and collection filled, and small ones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.domain.model import (
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


def at(hour: int, minute: int, day: int = 14) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


TIMELINE = (
    TimelineEvent(
        "ev-detect",
        at(3, 12),
        "Pager fired: replication lag",
        Milestone.DETECTION,
        evidence="https://grafana.example/d/lag",
        key_event=True,
    ),
    TimelineEvent("ev-onset", at(3, 5), "Primary disk filled", Milestone.ONSET, internal_only=True),
    TimelineEvent("ev-fix", at(4, 40), "Promoted the replica (kittiwake)", Milestone.MITIGATION),
)

CAUSES = (
    Cause(
        "c-disk",
        "cat-tech",
        "Disk alert threshold too high",
        classification=CauseClassification.ROOT_CAUSE,
        evidence=("alert config",),
    ),
    Cause("c-sub", "cat-tech", "Threshold copied from staging", parent_id="c-disk"),
    Cause(
        "c-runbook",
        "cat-proc",
        "Runbook outdated",
        classification=CauseClassification.CONTRIBUTING_FACTOR,
    ),
)

WHYS = (
    WhyAnswer("w1", "The primary stopped accepting writes"),
    WhyAnswer(
        "w2",
        "Its disk was full",
        parent_id="w1",
        classification=CauseClassification.ROOT_CAUSE,
        evidence=("df output",),
    ),
)

OBSERVATIONS = (
    Observation(
        "o1",
        ObservationKind.WENT_WELL,
        "Replica promotion was quick",
        event_ids=("ev-fix",),
    ),
    Observation(
        "o2",
        ObservationKind.LUCKY,
        "Low traffic at 3am",
        event_ids=("ev-onset", "ev-detect"),
    ),
)

ACTION_ITEMS = (
    ActionItem(
        "a1",
        "Lower the disk alert threshold to 80 %",
        owner="SRE",
        due=date(2026, 4, 1),
        category=ActionCategory.DETECT,
        priority=Priority.HIGH,
        tracker="OPS-12",
        status=ActionStatus.IN_PROGRESS,
        cause_ids=("c-disk", "w2"),
        public=True,
    ),
    ActionItem("a2", "Rewrite the failover runbook", cause_ids=("c-runbook",)),
)


IMPACT = Impact(
    users_affected=1200,
    data_integrity=DataIntegrity.INTACT,
    customer_visible=True,
    sla_breached=False,
    summary="Payments failed for 88 min",
    aligned_with_customer_communication=True,
)

COMMUNICATION = Communication(
    internal_summary="Shared in #incidents",
    shared_at=at(12, 0, 17),
    shared_where="Slack ☕",
    external_postmortem_required=False,
    external_summary="Zahlungen schlugen 88 Minuten lang fehl; keine Daten gingen verloren.",
)

COACHING_DISMISSALS = (
    CoachingDismissal(
        "d1",
        "timeline[ev-onset].description",
        "filled",
        "A disk filling is a fact here, not a judgement of anyone",
    ),
    CoachingDismissal("d2", "causes[c-runbook].text", "outdated", "Describes the runbook; kept"),
)

APPENDIX = (
    AppendixLink(
        "l1",
        AppendixKind.DASHBOARD,
        "Lag dashboard",
        "https://grafana.example/d/lag?from=now-1d",
    ),
)

FISHBONE_CATEGORIES = (
    FishboneCategory("cat-tech", "Technology"),
    FishboneCategory("cat-proc", "Process"),
)

FOLLOW_UP_REVIEWS = (
    FollowUpReview("f1", date(2026, 4, 19), done=True, notes="On track"),
    FollowUpReview("f2", date(2026, 5, 19)),
)

PARKING_LOT = (
    ParkingLotItem("park-1", "Budget für Replikas — ask finance", at(18, 30, 16), Stage.TIMELINE),
    ParkingLotItem("park-2", "Rename the 'db-main' alerts", at(18, 41, 16), done=True),
)

PARTICIPANTS = (
    Participant("Aiko Tanaka", "facilitator", "aiko@example.com"),
    Participant("Björn Ødegård", "incident commander", "+47 22 00 00 00"),
    Participant("李雷"),
)


def full_postmortem(title: str = "Zahlungsausfall: Datenbank-Failover um 03:12 ✓") -> Postmortem:
    """Every field set away from its default; items refer to each other across collections."""
    return Postmortem(
        title=title,
        severity=Severity.SEV1,
        status=Status.IN_REVIEW,
        incident_ref="INC-4711",
        incident_date=date(2026, 3, 14),
        affected_services=("payments-api", "Checkout", "Ledger ☃"),
        tags=("database", "failover", "größe"),
        created_at=datetime(2026, 3, 15, 9, 0, 0, tzinfo=UTC),
        updated_at=datetime(2026, 3, 16, 10, 30, 5, tzinfo=UTC),
        published_on=date(2026, 3, 20),
        document_owner="Aiko Tanaka",
        audiences=(Audience.ENGINEERING, Audience.EXECUTIVES),
        template=Template.FULL,
        security_incident=True,
        security_signoff=SecuritySignOff(signed_by="Legal — Renée", signed_at=at(18, 0, 16)),
        participants=PARTICIPANTS,
        redaction_terms=("customer-7731", "10.0.3.14"),
        sla_target="99.95 % monthly",
        invitation='Please join the review; bring your notes on "the switch".',
        stage_notes={Stage.SCOPE: "Scope agreed", Stage.FOLLOW_UP: "Revisit in Q2 🚀"},
        private_notes="Björn was on call alone for 14 hours; don't ask him to narrate it.",
        timeline=TIMELINE,
        impact=IMPACT,
        problem_statement="Why did checkout fail for 88 minutes?",
        fishbone_categories=FISHBONE_CATEGORIES,
        causes=CAUSES,
        whys=WHYS,
        observations=OBSERVATIONS,
        action_items=ACTION_ITEMS,
        appendix=APPENDIX,
        communication=COMMUNICATION,
        follow_up_reviews=FOLLOW_UP_REVIEWS,
        coaching_dismissals=COACHING_DISMISSALS,
        agenda={Stage.SCOPE: 10, Stage.ROOT_CAUSE: 25},
        meeting_time={Stage.SCOPE: 612, Stage.TIMELINE: 1_030},
        parking_lot=PARKING_LOT,
    )


def small_postmortem(title: str, **fields: object) -> Postmortem:
    """A minimal postmortem with fixed timestamps, plus any fields given."""
    defaults: dict[str, object] = {
        "severity": Severity.SEV3,
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "updated_at": datetime(2026, 1, 1, tzinfo=UTC),
    }
    return Postmortem(title=title, **{**defaults, **fields})  # type: ignore[arg-type]


def long_timeline(count: int) -> tuple[TimelineEvent, ...]:
    """``count`` events a minute apart, some marked, linked, starred or internal."""
    milestones = {0: Milestone.ONSET, 3: Milestone.DETECTION, count - 1: Milestone.RESOLUTION}
    return tuple(
        TimelineEvent(
            f"ev{number:05d}",
            at(0, 0, day=1) + timedelta(minutes=number),
            f"Event {number}: lag {number % 97} s on db-{number % 7}",
            milestone=milestones.get(number),
            evidence=f"https://grafana.example/d/{number}" if number % 5 == 0 else "",
            internal_only=number % 11 == 0,
            key_event=number % 13 == 0,
        )
        for number in range(count)
    )
