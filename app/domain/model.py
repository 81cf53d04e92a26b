"""The postmortem and everything it holds, as immutable, validated records.

Every stage of the workflow has its fields here, even where its editor comes later, so the
library schema and the interchange format stay stable as the stage pages grow. Records are
frozen: an edit makes a new record (``dataclasses.replace``), which keeps undo simple and lets
the store compare before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import Enum, IntEnum
from typing import Protocol

from app.domain.errors import ValidationError

TITLE_MAX_LENGTH = 300
# A stage longer than a working day is a typo, not a plan.
AGENDA_STAGE_MAX_MINUTES = 480


class LabelledEnum(Enum):
    """An enum whose value is the stable stored text and whose label is what people read."""

    @property
    def label(self) -> str:
        return str(self.value).replace("_", " ").capitalize()


class Severity(LabelledEnum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @property
    def label(self) -> str:
        return self.value


class Status(LabelledEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    CLOSED = "closed"


class Audience(LabelledEnum):
    EXECUTIVES = "executives"
    ENGINEERING = "engineering"
    CUSTOMER_SUPPORT = "customer_support"
    CUSTOMERS = "customers"


class Template(LabelledEnum):
    """How deep the postmortem goes: the reference asks to match depth to severity."""

    FULL = "full"
    LIGHTWEIGHT = "lightweight"

    @classmethod
    def for_severity(cls, severity: Severity) -> Template:
        return cls.FULL if severity in (Severity.SEV1, Severity.SEV2) else cls.LIGHTWEIGHT


class Milestone(LabelledEnum):
    DETECTION = "detection"
    ONSET = "onset"
    MITIGATION = "mitigation"
    RESOLUTION = "resolution"


class DataIntegrity(LabelledEnum):
    NOT_ASSESSED = "not_assessed"
    INTACT = "intact"
    DEGRADED = "degraded"
    DATA_LOST = "data_lost"


class CauseClassification(LabelledEnum):
    UNDECIDED = "undecided"
    ROOT_CAUSE = "root_cause"
    CONTRIBUTING_FACTOR = "contributing_factor"
    RULED_OUT = "ruled_out"


class ObservationKind(LabelledEnum):
    WENT_WELL = "went_well"
    WENT_WRONG = "went_wrong"
    LUCKY = "lucky"

    @property
    def label(self) -> str:
        return {
            "went_well": "Went well",
            "went_wrong": "Went wrong",
            "lucky": "Where we got lucky",
        }[self.value]


class ActionCategory(LabelledEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    RECOVER = "recover"
    PROCESS = "process"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"

    @property
    def label(self) -> str:
        return "Won't do" if self is ActionStatus.WONT_DO else super().label


class Priority(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class AppendixKind(LabelledEnum):
    TRACE = "trace"
    METRIC = "metric"
    LOG = "log"
    DASHBOARD = "dashboard"
    OTHER = "other"


class Stage(IntEnum):
    """The six stages of the workflow, in meeting order."""

    SCOPE = 1
    TIMELINE = 2
    ROOT_CAUSE = 3
    WHAT_WORKED = 4
    ACTION_ITEMS = 5
    FOLLOW_UP = 6

    @property
    def label(self) -> str:
        return {
            1: "Scope & audience",
            2: "Timeline & impact",
            3: "Root cause analysis",
            4: "What worked / didn't",
            5: "Action items",
            6: "Communication & follow-up",
        }[self.value]


def new_id() -> str:
    """A short random identifier for an item inside one postmortem."""
    return uuid.uuid4().hex[:12]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_utc_minute(moment: datetime) -> datetime:
    """Convert an aware time to UTC and drop seconds: the timeline has minute resolution."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time without a time zone cannot be placed on a UTC timeline")
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def _require_utc(path: str, moment: datetime | None, *, minute: bool = False) -> None:
    if moment is None:
        return
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        raise ValidationError(path, "must be a UTC time")
    if minute and (moment.second or moment.microsecond):
        raise ValidationError(path, "must be whole minutes (the timeline has minute resolution)")


def _require_text(path: str, text: str, what: str) -> None:
    if not text.strip():
        raise ValidationError(path, f"{what} must not be empty")


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def _require_unique_ids(path: str, items: tuple[_Identified, ...]) -> set[str]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not item.id:
            raise ValidationError(f"{path}[{index}].id", "must not be empty")
        if item.id in seen:
            raise ValidationError(f"{path}[{index}].id", f"duplicate id {item.id!r}")
        seen.add(item.id)
    return seen


@dataclass(frozen=True)
class Participant:
    name: str
    role: str = ""
    # E-mail, phone or chat handle for the invitation; never shown on a shared screen.
    contact: str = ""


@dataclass(frozen=True)
class SecuritySignOff:
    """Legal/infosec approval that must exist before a security incident is told publicly."""

    signed_by: str
    signed_at: datetime


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    at: datetime
    description: str
    milestone: Milestone | None = None
    evidence: str = ""
    internal_only: bool = False
    key_event: bool = False
    # What was typed, zone included, when it was not plain UTC; the table shows it as a tooltip.
    entered_as: str = ""


@dataclass(frozen=True)
class Impact:
    users_affected: int | None = None
    users_description: str = ""  # who they were: "EU customers paying by card"
    data_integrity: DataIntegrity = DataIntegrity.NOT_ASSESSED
    data_integrity_note: str = ""
    customer_visible: bool | None = None
    # The facilitator's ruling on the SLA; None leaves it to the computation from the SLA
    # target and the incident's duration. Overriding the computation needs a reason.
    sla_breached: bool | None = None
    sla_override_reason: str = ""
    summary: str = ""
    # The stage-2 exit condition: the timeline was checked against what customers were told.
    aligned_with_customer_communication: bool = False


@dataclass(frozen=True)
class FishboneCategory:
    id: str
    name: str


@dataclass(frozen=True)
class Cause:
    """A fishbone cause; ``parent_id`` names the cause it refines (a sub-cause) or is None."""

    id: str
    category_id: str
    text: str
    parent_id: str | None = None
    classification: CauseClassification = CauseClassification.UNDECIDED
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class WhyAnswer:
    """One answer in a five-whys tree; ``parent_id`` None answers the problem statement."""

    id: str
    text: str
    parent_id: str | None = None
    classification: CauseClassification = CauseClassification.UNDECIDED
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Observation:
    id: str
    kind: ObservationKind
    text: str
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionItem:
    id: str
    title: str
    owner: str = ""
    due: date | None = None
    category: ActionCategory | None = None
    priority: Priority = Priority.MEDIUM
    tracker: str = ""
    status: ActionStatus = ActionStatus.OPEN
    cause_ids: tuple[str, ...] = ()
    public: bool = False


@dataclass(frozen=True)
class AppendixLink:
    id: str
    kind: AppendixKind
    title: str
    url: str


@dataclass(frozen=True)
class FollowUpReview:
    id: str
    due: date
    done: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Communication:
    internal_summary: str = ""
    shared_at: datetime | None = None
    shared_where: str = ""
    # None: not decided yet. False makes the customer-facing export optional.
    external_postmortem_required: bool | None = None
    # What customers are told; for a security incident, locked until legal/infosec sign off.
    external_summary: str = ""


@dataclass(frozen=True)
class ParkingLotItem:
    """An off-topic point raised in the meeting, parked to come back to after it.

    ``raised_during`` is the stage the meeting was on (None outside a meeting's stages), so the
    list on stage 6 can say where each point came up; ``done`` marks it dealt with.
    """

    id: str
    text: str
    raised_at: datetime
    raised_during: Stage | None = None
    done: bool = False


@dataclass(frozen=True)
class CoachingDismissal:
    """A blameless-language flag the facilitator chose to keep, and why (shown in the review).

    ``location`` names the text the flag is in, by item id rather than position so it survives
    reordering: ``timeline[<event id>].description``, ``causes[<id>].text``, ``impact.summary``.
    ``phrase`` is the flagged words as written; a flag is dismissed when both match.
    """

    id: str
    location: str
    phrase: str
    reason: str


FOLLOW_UP_OFFSETS_DAYS = (30, 60)


def default_follow_up_reviews(published_on: date) -> tuple[FollowUpReview, ...]:
    """The reference tracks completion 30 and 60 days after the document is published."""
    return tuple(
        FollowUpReview(id=new_id(), due=published_on + timedelta(days=days))
        for days in FOLLOW_UP_OFFSETS_DAYS
    )


DEFAULT_FISHBONE_CATEGORIES = (
    "People",
    "Process",
    "Technology",
    "Environment",
    "Tooling",
    "Monitoring",
)


def default_fishbone_categories() -> tuple[FishboneCategory, ...]:
    return tuple(FishboneCategory(id=new_id(), name=name) for name in DEFAULT_FISHBONE_CATEGORIES)


@dataclass(frozen=True)
class Postmortem:
    """One incident's postmortem, from scope to follow-up.

    ``id`` is the library's number for it (None until stored). Collections are tuples in display
    order; items refer to each other by their ``id``.
    """

    title: str
    severity: Severity
    id: int | None = None
    status: Status = Status.DRAFT
    incident_ref: str = ""
    incident_date: date | None = None
    affected_services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    published_on: date | None = None
    # Stage 1: scope & audience
    document_owner: str = ""
    audiences: tuple[Audience, ...] = ()
    template: Template | None = None
    security_incident: bool = False
    security_signoff: SecuritySignOff | None = None
    participants: tuple[Participant, ...] = ()
    redaction_terms: tuple[str, ...] = ()
    sla_target: str = ""
    invitation: str = ""  # empty: the generated invitation is used
    stage_notes: dict[Stage, str] = field(default_factory=dict)
    # The facilitator's own preparation notes: never on a shared screen, never exported.
    private_notes: str = ""
    # Stage 2: timeline & impact
    timeline: tuple[TimelineEvent, ...] = ()
    impact: Impact = field(default_factory=Impact)
    # Stage 3: root cause analysis
    problem_statement: str = ""
    fishbone_categories: tuple[FishboneCategory, ...] = ()
    causes: tuple[Cause, ...] = ()
    whys: tuple[WhyAnswer, ...] = ()
    # Stage 4: what worked / didn't
    observations: tuple[Observation, ...] = ()
    # Stage 5: action items
    action_items: tuple[ActionItem, ...] = ()
    appendix: tuple[AppendixLink, ...] = ()
    # Stage 6: communication & follow-up
    communication: Communication = field(default_factory=Communication)
    follow_up_reviews: tuple[FollowUpReview, ...] = ()
    # The review: blameless-language flags kept on purpose.
    coaching_dismissals: tuple[CoachingDismissal, ...] = ()
    # The meeting: its agenda in minutes per stage (empty: the template's default agenda), the
    # seconds actually spent on each stage, and the points parked for later.
    agenda: dict[Stage, int] = field(default_factory=dict)
    meeting_time: dict[Stage, int] = field(default_factory=dict)
    parking_lot: tuple[ParkingLotItem, ...] = ()

    def __post_init__(self) -> None:
        validate(self)

    def note(self, stage: Stage) -> str:
        return self.stage_notes.get(stage, "")


def new_postmortem(title: str, severity: Severity) -> Postmortem:
    """A fresh draft as "New postmortem" starts it: template from severity, default categories."""
    return Postmortem(
        title=title,
        severity=severity,
        template=Template.for_severity(severity),
        fishbone_categories=default_fishbone_categories(),
    )


def validate(pm: Postmortem) -> None:
    """Check the rules a stored postmortem must keep; raise ValidationError naming the field."""
    _require_text("title", pm.title, "the title")
    if len(pm.title) > TITLE_MAX_LENGTH:
        raise ValidationError("title", f"must be at most {TITLE_MAX_LENGTH} characters")
    _require_utc("created_at", pm.created_at)
    _require_utc("updated_at", pm.updated_at)
    if len(set(pm.audiences)) != len(pm.audiences):
        raise ValidationError("audiences", "lists an audience twice")
    for index, participant in enumerate(pm.participants):
        _require_text(f"participants[{index}].name", participant.name, "a participant's name")
    if pm.security_signoff is not None:
        _require_text("security_signoff.signed_by", pm.security_signoff.signed_by, "who signed off")
        _require_utc("security_signoff.signed_at", pm.security_signoff.signed_at)
    _validate_timeline(pm)
    if pm.impact.users_affected is not None and pm.impact.users_affected < 0:
        raise ValidationError("impact.users_affected", "must not be negative")
    _validate_causes(pm)
    event_ids = {event.id for event in pm.timeline}
    _require_unique_ids("observations", pm.observations)
    for index, observation in enumerate(pm.observations):
        for event_id in observation.event_ids:
            if event_id not in event_ids:
                raise ValidationError(
                    f"observations[{index}].event_ids", f"no timeline event has id {event_id!r}"
                )
    _validate_action_items(pm)
    _require_unique_ids("appendix", pm.appendix)
    _require_unique_ids("follow_up_reviews", pm.follow_up_reviews)
    _require_utc("communication.shared_at", pm.communication.shared_at)
    _validate_meeting(pm)
    _require_unique_ids("coaching_dismissals", pm.coaching_dismissals)
    for index, dismissal in enumerate(pm.coaching_dismissals):
        _require_text(f"coaching_dismissals[{index}].reason", dismissal.reason, "a reason")


def _validate_meeting(pm: Postmortem) -> None:
    for stage, minutes in pm.agenda.items():
        if not 0 <= minutes <= AGENDA_STAGE_MAX_MINUTES:
            raise ValidationError(
                f"agenda[{stage.name.lower()}]",
                f"must be between 0 and {AGENDA_STAGE_MAX_MINUTES} minutes",
            )
    for stage, seconds in pm.meeting_time.items():
        if seconds < 0:
            raise ValidationError(f"meeting_time[{stage.name.lower()}]", "must not be negative")
    _require_unique_ids("parking_lot", pm.parking_lot)
    for index, item in enumerate(pm.parking_lot):
        _require_text(f"parking_lot[{index}].text", item.text, "the parked point")
        _require_utc(f"parking_lot[{index}].raised_at", item.raised_at)


def _validate_timeline(pm: Postmortem) -> None:
    _require_unique_ids("timeline", pm.timeline)
    marked: dict[Milestone, int] = {}
    for index, event in enumerate(pm.timeline):
        _require_utc(f"timeline[{index}].at", event.at, minute=True)
        if event.milestone is None:
            continue
        if event.milestone in marked:
            first = marked[event.milestone]
            message = f"the {event.milestone.label.lower()} is already marked on timeline[{first}]"
            raise ValidationError(f"timeline[{index}].milestone", message)
        marked[event.milestone] = index


def _validate_causes(pm: Postmortem) -> None:
    category_ids = _require_unique_ids("fishbone_categories", pm.fishbone_categories)
    cause_ids = _require_unique_ids("causes", pm.causes)
    for index, cause in enumerate(pm.causes):
        if cause.category_id not in category_ids:
            raise ValidationError(
                f"causes[{index}].category_id", f"no fishbone category has id {cause.category_id!r}"
            )
        if cause.parent_id is not None and cause.parent_id not in cause_ids:
            raise ValidationError(
                f"causes[{index}].parent_id", f"no cause has id {cause.parent_id!r}"
            )
    why_ids = _require_unique_ids("whys", pm.whys)
    for index, why in enumerate(pm.whys):
        if why.parent_id is not None and why.parent_id not in why_ids:
            raise ValidationError(f"whys[{index}].parent_id", f"no answer has id {why.parent_id!r}")
    _require_acyclic("causes", pm.causes)
    _require_acyclic("whys", pm.whys)


def _require_acyclic(path: str, items: Sequence[Cause | WhyAnswer]) -> None:
    parents = {item.id: item.parent_id for item in items}
    for index, item in enumerate(items):
        seen = {item.id}
        parent = item.parent_id
        while parent is not None:
            if parent in seen:
                raise ValidationError(f"{path}[{index}].parent_id", "makes a cycle")
            seen.add(parent)
            parent = parents.get(parent)


def _validate_action_items(pm: Postmortem) -> None:
    _require_unique_ids("action_items", pm.action_items)
    known_causes = {cause.id for cause in pm.causes} | {why.id for why in pm.whys}
    for index, item in enumerate(pm.action_items):
        for cause_id in item.cause_ids:
            if cause_id not in known_causes:
                raise ValidationError(
                    f"action_items[{index}].cause_ids", f"no cause has id {cause_id!r}"
                )
