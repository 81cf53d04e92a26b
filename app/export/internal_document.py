"""The internal postmortem: everything the room wrote down, for engineers and leadership.

Section keys are stable (``summary``, ``scope``, ``timeline``, ``impact``, ``root_cause``,
``what_worked``, ``action_items``, ``communication``, ``meeting``, ``review``, ``appendix``) so
writers can link to them and tests can find them; every stage's section is present even when the
stage is empty, and then says so, so a reader can tell "nothing happened" from "nothing was
exported". The meeting part is the exception: it is there only when a meeting left a record.
Participants' contact details and the facilitator's private notes are never exported.
"""

from __future__ import annotations

from datetime import date

from app.domain.blameless_language import language_flags
from app.domain.evidence import is_link
from app.domain.five_whys import effective_problem_statement
from app.domain.metrics import MILESTONE_ORDER, incident_metrics, milestone_problems
from app.domain.model import Postmortem, Stage
from app.domain.review import effective_template, review_checklist
from app.domain.sla import assess_sla
from app.domain.tracker import tracker_url
from app.export.document import (
    Block,
    Cell,
    ExportAudience,
    ExportDocument,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
)
from app.export.document_text import (
    NOT_SET,
    link_or_text,
    optional_date,
    or_not_set,
    utc_date,
    utc_moment,
    utc_time,
    yes_no,
)
from app.export.internal_analysis import notes_block, root_cause_section, what_worked_section
from app.export.internal_meeting import meeting_section
from app.render.incident_strip import incident_strip_svg
from app.render.label_size import LabelMeasurer

AUDIENCE = ExportAudience.INTERNAL


def internal_document(
    pm: Postmortem,
    *,
    today: date,
    tracker_pattern: str = "",
    measurer: LabelMeasurer | None = None,
) -> ExportDocument:
    """Everything in ``pm`` as an export document for the internal audience.

    ``today`` is the export date (shown in the title block, and what the review checklist counts
    overdue items against); ``tracker_pattern`` turns action items' tracker keys into links;
    ``measurer`` measures fishbone labels (the process's shared one by default).
    """
    meeting = meeting_section(pm)
    sections = (
        _summary(pm),
        _scope(pm),
        _timeline(pm),
        _impact(pm),
        root_cause_section(pm, measurer),
        what_worked_section(pm),
        _action_items(pm, tracker_pattern),
        _communication(pm),
        *((meeting,) if meeting is not None else ()),
        _review(pm, today),
        _appendix(pm),
    )
    reference = f" {pm.incident_ref.strip()}" if pm.incident_ref.strip() else ""
    return ExportDocument(
        audience=AUDIENCE,
        title=pm.title,
        subtitle=f"{AUDIENCE.label} · {pm.severity.label}",
        title_block=_title_block(pm, today),
        sections=sections,
        author=pm.document_owner,
        subject=f"{AUDIENCE.label}{reference} ({pm.severity.label})",
        keywords=tuple(dict.fromkeys(k for k in (*pm.tags, *pm.affected_services) if k.strip())),
    )


def _title_block(pm: Postmortem, today: date) -> tuple[tuple[str, str], ...]:
    return (
        ("Incident", or_not_set(pm.incident_ref)),
        ("Severity", pm.severity.label),
        ("Incident date", optional_date(pm.incident_date)),
        ("Published", optional_date(pm.published_on, missing="Not yet")),
        ("Exported", utc_date(today)),
        ("Audience", AUDIENCE.label),
        ("Owner", or_not_set(pm.document_owner)),
        ("Status", pm.status.label),
    )


def _empty(text: str) -> Paragraph:
    return Paragraph(text, note=True)


def _summary(pm: Postmortem) -> Section:
    blocks: list[Block] = [Paragraph(effective_problem_statement(pm))]
    if pm.impact.summary.strip():
        blocks.append(Paragraph(pm.impact.summary))
    return Section("summary", "Summary", tuple(blocks))


def _scope(pm: Postmortem) -> Section:
    signoff = pm.security_signoff
    pairs: list[tuple[str, Cell]] = [
        ("Document owner", or_not_set(pm.document_owner)),
        ("Audiences", ", ".join(a.label for a in pm.audiences) or NOT_SET),
        ("Template", effective_template(pm).label),
        ("Affected services", ", ".join(pm.affected_services) or NOT_SET),
        ("Tags", ", ".join(pm.tags) or NOT_SET),
        ("SLA target", or_not_set(pm.sla_target)),
        ("Security incident", yes_no(pm.security_incident)),
    ]
    if pm.security_incident or signoff is not None:
        signed = (
            "Not recorded"
            if signoff is None
            else f"{signoff.signed_by}, {utc_moment(signoff.signed_at)}"
        )
        pairs.append(("Legal/infosec sign-off", signed))
    if pm.redaction_terms:
        pairs.append(("Redacted in customer exports", ", ".join(pm.redaction_terms)))
    participants: Block = (
        Table(
            ("Name", "Role"),
            tuple((person.name, person.role) for person in pm.participants),
            (1.0, 1.0),
        )
        if pm.participants
        else _empty("No participants recorded.")
    )
    blocks: tuple[Block, ...] = (KeyValues(tuple(pairs)), *notes_block(pm, Stage.SCOPE))
    people = Section("scope.participants", "Participants and roles", (participants,))
    return Section("scope", Stage.SCOPE.label, blocks, (people,))


def _timeline(pm: Postmortem) -> Section:
    if not pm.timeline:
        return Section("timeline", "Timeline", (_empty("No events recorded."),))
    strip = Figure(
        "incident-strip",
        "The incident at a glance (UTC): onset, detection, mitigation and resolution.",
        incident_strip_svg(pm.timeline).encode("utf-8"),
        _strip_alt(pm),
    )
    problems = milestone_problems(pm.timeline)
    rows: list[tuple[Cell, ...]] = []
    for event in pm.timeline:
        remarks = [
            remark
            for remark, applies in (
                ("Internal only", event.internal_only),
                ("Key event", event.key_event),
                (problems.get(event.id, ""), event.id in problems),
            )
            if applies
        ]
        rows.append(
            (
                utc_time(event.at),
                event.milestone.label if event.milestone else "",
                event.description,
                link_or_text(event.evidence) if event.evidence.strip() else "",
                ", ".join(remarks),
            )
        )
    table = Table(
        ("Time (UTC)", "Milestone", "What happened", "Evidence", "Notes"),
        tuple(rows),
        (1.8, 1.4, 4.0, 2.2, 1.2),
    )
    return Section("timeline", "Timeline", (strip, table, *notes_block(pm, Stage.TIMELINE)))


def _strip_alt(pm: Postmortem) -> str:
    metrics = incident_metrics(pm.timeline)
    marked = [
        f"{milestone.label} {utc_moment(at)}"
        for milestone in MILESTONE_ORDER
        if (at := metrics.at(milestone)) is not None
    ]
    events = f"{len(pm.timeline)} event{'s' if len(pm.timeline) != 1 else ''}"
    return f"Incident strip of {events}: " + (", ".join(marked) or "no milestones marked") + "."


def _impact(pm: Postmortem) -> Section:
    impact = pm.impact
    metrics = incident_metrics(pm.timeline)
    users = f"{impact.users_affected:,}" if impact.users_affected is not None else "Not counted"
    integrity = impact.data_integrity.label
    if impact.data_integrity_note.strip():
        integrity = f"{integrity}: {impact.data_integrity_note}"
    pairs: list[tuple[str, Cell]] = [
        ("Users affected", users),
        ("Who was affected", or_not_set(impact.users_description)),
        ("Visible to customers", yes_no(impact.customer_visible)),
        ("Data integrity", integrity),
    ]
    for milestone in MILESTONE_ORDER:
        at = metrics.at(milestone)
        pairs.append((milestone.label, utc_moment(at) if at is not None else "Not marked"))
    pairs += [
        ("Time to detect", metrics.describe("detect")),
        ("Time to mitigate", metrics.describe("mitigate")),
        ("Duration (time to resolve)", metrics.describe("resolve")),
        ("SLA target", or_not_set(pm.sla_target)),
        ("SLA", assess_sla(pm).explanation),
        (
            "Checked against customer communication",
            yes_no(impact.aligned_with_customer_communication),
        ),
    ]
    return Section("impact", "Impact", (KeyValues(tuple(pairs)),))


def _action_items(pm: Postmortem, tracker_pattern: str) -> Section:
    if not pm.action_items:
        blocks: tuple[Block, ...] = (_empty("No action items recorded."),)
    else:
        rows = tuple(
            (
                item.title,
                or_not_set(item.owner),
                optional_date(item.due),
                item.category.label if item.category else NOT_SET,
                item.priority.label,
                item.status.label + (" (public)" if item.public else ""),
                _tracker_cell(item.tracker, tracker_pattern),
            )
            for item in pm.action_items
        )
        header = ("Action", "Owner", "Due", "Category", "Priority", "Status", "Tracker")
        table = Table(header, rows, (4.0, 1.6, 1.3, 1.1, 1.0, 1.2, 1.4))
        legend = Paragraph(
            "Items marked (public) are listed, by title only, in the customer summary.", note=True
        )
        blocks = (table, legend)
    return Section(
        "action_items", Stage.ACTION_ITEMS.label, (*blocks, *notes_block(pm, Stage.ACTION_ITEMS))
    )


def _tracker_cell(tracker: str, pattern: str) -> Cell:
    url = tracker_url(tracker, pattern)
    if url is None:
        return tracker.strip()
    return Link(tracker.strip(), url)


def _communication(pm: Postmortem) -> Section:
    comms = pm.communication
    required = comms.external_postmortem_required
    pairs: tuple[tuple[str, Cell], ...] = (
        ("Internal summary shared in", or_not_set(comms.shared_where)),
        ("Shared at", utc_moment(comms.shared_at) if comms.shared_at else NOT_SET),
        ("External postmortem required", yes_no(required)),
        ("Published", optional_date(pm.published_on, missing="Not yet")),
    )
    summaries = (
        Section(
            "communication.internal_summary",
            "Internal summary",
            (Paragraph(comms.internal_summary),)
            if comms.internal_summary.strip()
            else (_empty("Not written yet."),),
        ),
        Section(
            "communication.external_summary",
            "Customer-facing summary",
            (Paragraph(comms.external_summary),)
            if comms.external_summary.strip()
            else (_empty("Not written yet."),),
        ),
    )
    reviews: Block = (
        Table(
            ("Due", "Held", "Notes"),
            tuple(
                (utc_date(review.due), yes_no(review.done), review.notes)
                for review in pm.follow_up_reviews
            ),
            (1.0, 0.6, 4.0),
        )
        if pm.follow_up_reviews
        else _empty("No follow-up review scheduled.")
    )
    follow_ups = Section("communication.follow_up_reviews", "Follow-up reviews", (reviews,))
    return Section(
        "communication",
        Stage.FOLLOW_UP.label,
        (KeyValues(pairs), *notes_block(pm, Stage.FOLLOW_UP)),
        (*summaries, follow_ups),
    )


def _review(pm: Postmortem, today: date) -> Section:
    items = review_checklist(pm, today=today)
    rows = []
    for item in items:
        details = list(item.reasons)
        if item.relaxed:
            details.append(f"Relaxed for the lightweight template: {item.relaxed}")
        rows.append((item.title, "Passed" if item.passed else "Not yet", " ".join(details)))
    passed = sum(item.passed for item in items)
    blocks: list[Block] = [
        Paragraph(f"{passed} of {len(items)} checks pass (as of {utc_date(today)})."),
        Table(("Check", "Result", "Details"), tuple(rows), (2.4, 0.9, 5.0)),
    ]
    # The flags are found again only when some were kept: finding them in every text is the
    # slowest part of a large export, and the checklist above has done it once already.
    found = language_flags(pm) if pm.coaching_dismissals else ()
    kept = [flag for flag in found if flag.dismissal is not None]
    flags_blocks: tuple[Block, ...] = (
        (
            Table(
                ("Where", "Wording", "Why it was flagged", "Kept because"),
                tuple(
                    (flag.where, flag.phrase, flag.reason, flag.dismissal.reason)
                    for flag in kept
                    if flag.dismissal is not None
                ),
                (2.0, 1.5, 2.5, 2.5),
            ),
        )
        if kept
        else (_empty("No blameless-language flag was kept on purpose."),)
    )
    flags = Section("review.kept_flags", "Language flags kept on purpose", flags_blocks)
    return Section("review", "Final review", tuple(blocks), (flags,))


def _appendix(pm: Postmortem) -> Section:
    if not pm.appendix:
        return Section("appendix", "Appendix", (_empty("No traces, metrics or logs linked."),))
    rows: list[tuple[Cell, ...]] = []
    for link in pm.appendix:
        url = link.url.strip()
        if is_link(url):
            rows.append((link.kind.label, Link(link.title.strip() or url, url)))
        else:  # not a web address: shown as written, never as a link
            shown = f"{link.title}: {link.url}" if link.title.strip() else link.url
            rows.append((link.kind.label, shown))
    table = Table(("Kind", "Link"), tuple(rows), (1.0, 5.0))
    return Section("appendix", "Appendix", (table,))
