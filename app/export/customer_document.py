"""The customer-facing summary: what customers need to know about the incident, and nothing else.

What happened and when (UTC), who was affected and how, data integrity, what caused it in plain
words, what was done to resolve it, and what will prevent a recurrence. What it leaves out is the
point: participants, the document owner, internal-only timeline events, evidence and tracker
links, stage notes, the diagrams and the review stay inside.

Every user string is redacted (``app.domain.redaction``) under a field name that says where it
came from without quoting it ("Timeline 2026-03-01 14:02 UTC", "Action item 2"), so the preview
and the command line can list findings without repeating a secret. Then the finished document is
walked once more and every string in it, Retro's own words included, goes through ``redact``
again: redaction is idempotent, so this finds nothing unless a string was missed, and if one ever
is, it is redacted and reported rather than leaked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from app.domain.cause_tree import causes_in_order, whys_in_order
from app.domain.disclosure import awaiting_security_signoff
from app.domain.metrics import format_duration, incident_metrics
from app.domain.model import (
    CauseClassification,
    DataIntegrity,
    Milestone,
    Postmortem,
    TimelineEvent,
)
from app.domain.redaction import RedactedText, RedactionReport, RedactionRules, redact
from app.export.document import (
    Block,
    BulletList,
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
from app.export.document_text import optional_date, utc_moment, utc_time

AUDIENCE = ExportAudience.CUSTOMER

# What a milestone means for a customer, for a milestone whose own description is internal.
_MILESTONE_WORDS = {
    Milestone.ONSET: "The problem began.",
    Milestone.DETECTION: "We detected the problem.",
    Milestone.MITIGATION: "The impact was mitigated.",
    Milestone.RESOLUTION: "The incident was resolved.",
}
_INTEGRITY_WORDS = {
    DataIntegrity.NOT_ASSESSED: "We are still assessing whether any data was affected.",
    DataIntegrity.INTACT: "No data was lost or corrupted.",
    DataIntegrity.DEGRADED: "Some data was affected.",
    DataIntegrity.DATA_LOST: "Some data was lost.",
}


class CustomerExportRefused(Exception):  # noqa: N818 - the name says what happened
    """A customer-facing export that must not be made yet; ``reason`` says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


SECURITY_REFUSAL = (
    "This is a security incident: a customer-facing summary can be exported only after the "
    "legal/infosec sign-off is recorded (stage 1, Scope & audience)."
)


class _Redactor:
    """Redacts strings under a field name and keeps every result for the report.

    The same text in the same field (an event shown in the timeline and again under the
    resolution) is redacted, and reported, once.
    """

    def __init__(self, rules: RedactionRules) -> None:
        self.rules = rules
        self.found: dict[tuple[str, str], RedactedText] = {}

    def __call__(self, text: str, field: str) -> str:
        if not text.strip():
            return text
        key = (field, text)
        if key not in self.found:
            self.found[key] = redact(text, self.rules, field=field)
        return self.found[key].text

    def report(self) -> RedactionReport:
        return RedactionReport.of(self.found.values())


def customer_document(
    pm: Postmortem, rules: RedactionRules
) -> tuple[ExportDocument, RedactionReport]:
    """The customer-facing summary of ``pm``, redacted under ``rules``, and what was redacted.

    Raises CustomerExportRefused for a security incident without the legal/infosec sign-off.
    """
    if awaiting_security_signoff(pm):
        raise CustomerExportRefused(SECURITY_REFUSAL)
    clean = _Redactor(rules)
    title = clean(pm.title, "Title")
    reference = clean(pm.incident_ref.strip(), "Incident reference")
    metrics = incident_metrics(pm.timeline)
    incident_day = pm.incident_date or (metrics.onset.date() if metrics.onset else None)
    title_block: list[tuple[str, str]] = []
    if reference:
        title_block.append(("Incident", reference))
    title_block += [
        ("Incident date", optional_date(incident_day)),
        ("Published", optional_date(pm.published_on, missing="Not yet")),
        ("Audience", AUDIENCE.label),
    ]
    document = ExportDocument(
        audience=AUDIENCE,
        title=title,
        subtitle="Incident summary" + (f" · {reference}" if reference else ""),
        title_block=tuple(title_block),
        sections=(
            _what_happened(pm, clean),
            _timeline(pm, clean),
            _impact(pm, clean),
            _data_integrity(pm, clean),
            _cause(pm, clean),
            _resolution(pm, clean),
            _prevention(pm, clean),
        ),
        author="",
        subject=f"Incident summary{f' {reference}' if reference else ''}: {title}",
        keywords=tuple(
            clean(service, "Affected services")
            for service in pm.affected_services
            if service.strip()
        ),
    )
    return _redact_everything(document, clean), clean.report()


def _event_field(event: TimelineEvent) -> str:
    return f"Timeline {utc_moment(event.at)}"


def _described(event: TimelineEvent, clean: _Redactor) -> str:
    """What customers read about an event: its redacted text, or neutral words if internal."""
    if event.internal_only or not event.description.strip():
        return _MILESTONE_WORDS[event.milestone] if event.milestone else ""
    return clean(event.description, _event_field(event))


def _what_happened(pm: Postmortem, clean: _Redactor) -> Section:
    blocks: list[Block] = []
    summary = pm.communication.external_summary
    if summary.strip():
        blocks.append(Paragraph(clean(summary, "Customer-facing summary")))
    metrics = incident_metrics(pm.timeline)
    if metrics.onset is not None:
        sentence = f"The incident began at {utc_moment(metrics.onset)}"
        if metrics.resolution is not None and metrics.resolution >= metrics.onset:
            lasted = format_duration(metrics.resolution - metrics.onset)
            sentence += f" and was resolved at {utc_moment(metrics.resolution)} ({lasted})"
        blocks.append(Paragraph(sentence + "."))
    if not blocks:
        blocks.append(Paragraph("A summary will follow.", note=True))
    return Section("summary", "What happened", tuple(blocks))


def _timeline(pm: Postmortem, clean: _Redactor) -> Section:
    """Events not marked internal, and every milestone (an internal one in neutral words)."""
    rows = tuple(
        (utc_time(event.at), event.milestone.label if event.milestone else "", text)
        for event in pm.timeline
        if (not event.internal_only or event.milestone is not None)
        and (text := _described(event, clean))
    )
    if not rows:
        return Section(
            "timeline", "Timeline (UTC)", (Paragraph("No events to report.", note=True),)
        )
    table = Table(("Time (UTC)", "Milestone", "What happened"), rows, (1.6, 1.1, 5.0))
    return Section("timeline", "Timeline (UTC)", (table,))


def _impact(pm: Postmortem, clean: _Redactor) -> Section:
    impact = pm.impact
    pairs: list[tuple[str, Cell]] = []
    if impact.users_affected is not None:
        pairs.append(("Users affected", f"{impact.users_affected:,}"))
    if impact.users_description.strip():
        pairs.append(("Who was affected", clean(impact.users_description, "Who was affected")))
    duration = incident_metrics(pm.timeline).time_to_resolve
    if duration is not None and duration.total_seconds() >= 0:
        pairs.append(("Duration", format_duration(duration)))
    blocks: tuple[Block, ...] = (
        (KeyValues(tuple(pairs)),) if pairs else (Paragraph("Still being assessed.", note=True),)
    )
    return Section("impact", "Who was affected", blocks)


def _data_integrity(pm: Postmortem, clean: _Redactor) -> Section:
    blocks: list[Block] = [Paragraph(_INTEGRITY_WORDS[pm.impact.data_integrity])]
    note = pm.impact.data_integrity_note
    if note.strip():
        blocks.append(Paragraph(clean(note, "Data integrity note")))
    return Section("data_integrity", "Data integrity", tuple(blocks))


def _cause(pm: Postmortem, clean: _Redactor) -> Section:
    root = CauseClassification.ROOT_CAUSE
    positions = {cause.id: index for index, cause in enumerate(pm.causes, 1)}
    answers = {why.id: index for index, why in enumerate(pm.whys, 1)}
    causes = [
        clean(cause.text, f"Fishbone cause {positions[cause.id]}")
        for cause in causes_in_order(pm)
        if cause.classification is root and cause.text.strip()
    ]
    causes += [
        clean(why.text, f"Five whys answer {answers[why.id]}")
        for why in whys_in_order(pm)
        if why.classification is root and why.text.strip()
    ]
    blocks: tuple[Block, ...] = (
        (BulletList(tuple(dict.fromkeys(causes))),)
        if causes
        else (Paragraph("The cause is still being investigated.", note=True),)
    )
    return Section("root_cause", "What caused it", blocks)


def _resolution(pm: Postmortem, clean: _Redactor) -> Section:
    items = tuple(
        f"{utc_moment(event.at)}: {text}"
        for event in pm.timeline
        if event.milestone in (Milestone.MITIGATION, Milestone.RESOLUTION)
        and (text := _described(event, clean))
    )
    blocks: tuple[Block, ...] = (
        (BulletList(items),) if items else (Paragraph("Work to resolve it continues.", note=True),)
    )
    return Section("resolution", "What we did to resolve it", blocks)


def _prevention(pm: Postmortem, clean: _Redactor) -> Section:
    items = tuple(
        clean(item.title, f"Action item {index}")
        for index, item in enumerate(pm.action_items, 1)
        if item.public and item.title.strip()
    )
    blocks: tuple[Block, ...] = (
        (BulletList(items),)
        if items
        else (Paragraph("We will share the steps we are taking here.", note=True),)
    )
    return Section("action_items", "What we are doing to prevent a recurrence", blocks)


# --- the safety net ------------------------------------------------------------------------------


def _redact_everything(document: ExportDocument, clean: _Redactor) -> ExportDocument:
    """Every string of ``document`` through ``redact`` once more, under its section's name."""

    def walk(section: Section) -> Section:
        where = f"{section.heading} section"
        return dataclasses.replace(
            section,
            heading=clean(section.heading, where),
            blocks=tuple(
                _redact_block(block, lambda text: clean(text, where)) for block in section.blocks
            ),
            subsections=tuple(walk(subsection) for subsection in section.subsections),
        )

    return dataclasses.replace(
        document,
        title=clean(document.title, "Title"),
        subtitle=clean(document.subtitle, "Title"),
        title_block=tuple(
            (clean(label, "Title block"), clean(value, "Title block"))
            for label, value in document.title_block
        ),
        sections=tuple(walk(section) for section in document.sections),
        subject=clean(document.subject, "Document subject"),
        keywords=tuple(clean(keyword, "Affected services") for keyword in document.keywords),
    )


def _redact_block(block: Block, again: Callable[[str], str]) -> Block:
    def cell(value: Cell) -> Cell:
        if isinstance(value, Link):
            return Link(again(value.text), again(value.url))
        return again(value)

    if isinstance(block, Paragraph):
        return dataclasses.replace(block, text=again(block.text))
    if isinstance(block, BulletList):
        return BulletList(tuple(cell(item) for item in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            header=tuple(again(name) for name in block.header),
            rows=tuple(tuple(cell(value) for value in row) for row in block.rows),
        )
    if isinstance(block, KeyValues):
        return KeyValues(tuple((again(label), cell(value)) for label, value in block.pairs))
    assert isinstance(block, Figure)  # the customer summary has none; redact its words anyway
    return dataclasses.replace(block, caption=again(block.caption), alt=again(block.alt))
