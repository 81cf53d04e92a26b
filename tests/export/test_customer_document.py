"""The customer-facing summary: only what customers need, every string redacted, read back."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.model import (
    ActionItem,
    Cause,
    CauseClassification,
    Communication,
    DataIntegrity,
    FishboneCategory,
    Impact,
    Milestone,
    Postmortem,
    SecuritySignOff,
    Severity,
    TimelineEvent,
)
from app.domain.redaction import RedactionKind, RedactionRules, rules_for
from app.export.build import CustomerExportRefused, customer_document
from app.export.customer_document import SECURITY_REFUSAL
from app.export.document import (
    BulletList,
    ExportAudience,
    ExportDocument,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
    all_sections,
)
from app.export.markdown_export import markdown_text
from tests.domain.redaction_corpus import CORPUS_RULES, HARMLESS, SENSITIVE
from tests.export.export_samples import at, full_postmortem
from tests.export.markdown_reading import render, text_of

CUSTOMER_KEYS = [
    "summary",
    "timeline",
    "impact",
    "data_integrity",
    "root_cause",
    "resolution",
    "action_items",
]


def strings(document: ExportDocument) -> list[str]:
    """Every string a writer could print, metadata included."""
    found = [document.title, document.subtitle, document.author, document.subject]
    found += list(document.keywords)
    found += [text for pair in document.title_block for text in pair]

    def cell(value: object) -> list[str]:
        return [value.text, value.url] if isinstance(value, Link) else [str(value)]

    for section in all_sections(document):
        found.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append(block.text)
            elif isinstance(block, BulletList):
                found += [t for item in block.items for t in cell(item)]
            elif isinstance(block, Table):
                found += list(block.header)
                found += [t for row in block.rows for value in row for t in cell(value)]
            elif isinstance(block, KeyValues):
                found += [t for label, value in block.pairs for t in [label, *cell(value)]]
            else:
                found += [block.caption, block.alt]
    return found


def build(pm: Postmortem) -> ExportDocument:
    document, _ = customer_document(pm, rules_for(pm))
    return document


def section(document: ExportDocument, key: str) -> Section:
    return {s.key: s for s in all_sections(document)}[key]


def test_sections_in_order_and_metadata_without_author() -> None:
    document = build(full_postmortem())
    assert document.audience is ExportAudience.CUSTOMER
    assert [s.key for s in document.sections] == CUSTOMER_KEYS
    assert document.author == ""
    assert dict(document.title_block) == {
        "Incident": "INC-311",
        "Incident date": "2026-03-01",
        "Published": "2026-03-10",
        "Audience": "Customer summary",
    }
    assert document.keywords == ("checkout", "payments")


def test_nothing_that_stays_inside_is_in_the_summary() -> None:
    pm = full_postmortem()
    everything = "\n".join(strings(build(pm)))
    for inside in (
        "Dana",
        "Sam Okoye",
        "Incident commander",  # a role
        "Ana Lima",  # the owner
        "db-7.corp.example",  # an internal-only event
        "14:12",  # ... and its time
        "https://",  # evidence, tracker and appendix links
        "OPS-231",
        "Revisit the pool sizing",  # stage notes
        "No failover drill",  # a contributing factor
        "Network partition",  # ruled out
        "Paging should have been faster",  # what worked / didn't
        "Shared with engineering",  # the internal summary
        "Page on checkout error rate",  # an action item not marked public
        "Two items done",  # follow-up review notes
        "SEV2",
        "In review",
        "dana.reyes@example.com",  # participants' contacts
        "555 0134",
        "Ask Sam gently",  # the facilitator's private notes
        "Meeting",  # the meeting part: parked points and time per stage
        "Parking lot",
        "Who pays for the extra replica",
        "Rename the pool alerts",
        "Invite the payments team",
        "Time per stage",
        " min over",
        "43 min 20 s",
    ):
        assert inside not in everything, inside
    assert not any(isinstance(block, Figure) for s in all_sections(build(pm)) for block in s.blocks)


def test_what_happened_when_and_to_whom() -> None:
    document = build(full_postmortem())
    summary = [b.text for b in section(document, "summary").blocks if isinstance(b, Paragraph)]
    assert summary == [
        "Card payments failed for 50 minutes on 1 March.",
        "The incident began at 2026-03-01 14:00 UTC and was resolved at 2026-03-01 14:50 UTC "
        "(50 min).",
    ]
    (timeline,) = section(document, "timeline").blocks
    assert isinstance(timeline, Table)
    assert timeline.header == ("Time (UTC)", "Milestone", "What happened")
    assert [row[0] for row in timeline.rows] == [
        "2026-03-01 14:00",
        "2026-03-01 14:06",
        "2026-03-01 14:20",
        "2026-03-01 14:50",
    ]
    (impact,) = section(document, "impact").blocks
    assert isinstance(impact, KeyValues)
    assert dict(impact.pairs) == {
        "Users affected": "1,200",
        "Who was affected": "Customers paying by card in the EU",
        "Duration": "50 min",
    }
    integrity = [
        b.text for b in section(document, "data_integrity").blocks if isinstance(b, Paragraph)
    ]
    assert integrity == ["No data was lost or corrupted.", "No order was lost"]


def test_cause_resolution_and_public_action_titles_only() -> None:
    document = build(full_postmortem())
    (causes,) = section(document, "root_cause").blocks
    assert causes == BulletList(
        ("Pools kept connections to the old primary", "Validation was switched off for speed")
    )
    (resolved,) = section(document, "resolution").blocks
    assert resolved == BulletList(
        (
            "2026-03-01 14:20 UTC: Connection pools recycled",
            "2026-03-01 14:50 UTC: Error rate back to baseline",
        )
    )
    (actions,) = section(document, "action_items").blocks
    assert actions == BulletList(("Validate pooled connections on borrow",))


def test_an_internal_milestone_keeps_its_time_in_neutral_words() -> None:
    pm = full_postmortem()
    timeline = tuple(
        dataclasses.replace(event, description="Failover to db-9.corp.example", internal_only=True)
        if event.milestone is Milestone.MITIGATION
        else event
        for event in pm.timeline
    )
    document = build(dataclasses.replace(pm, timeline=timeline))
    (table,) = section(document, "timeline").blocks
    assert isinstance(table, Table)
    assert ("2026-03-01 14:20", "Mitigation", "The impact was mitigated.") in table.rows
    assert "db-9" not in "\n".join(strings(document))


def test_empty_stages_say_so() -> None:
    pm = Postmortem(title="Quiet", severity=Severity.SEV4)
    document = build(pm)
    assert [s.key for s in document.sections] == CUSTOMER_KEYS
    for key in ("summary", "timeline", "impact", "root_cause", "resolution", "action_items"):
        (block,) = section(document, key).blocks
        assert isinstance(block, Paragraph)
        assert block.note
    (integrity,) = section(document, "data_integrity").blocks
    assert integrity == Paragraph("We are still assessing whether any data was affected.")
    assert "Incident" not in dict(document.title_block)


def test_a_security_incident_needs_its_sign_off() -> None:
    pm = full_postmortem(security_incident=True)
    with pytest.raises(CustomerExportRefused) as refused:
        customer_document(pm, rules_for(pm))
    assert refused.value.reason == SECURITY_REFUSAL
    assert str(refused.value) == SECURITY_REFUSAL
    signed = dataclasses.replace(pm, security_signoff=SecuritySignOff("Legal", at(20, 0)))
    assert customer_document(signed, rules_for(signed))[0].title == pm.title


def test_redactions_are_reported_by_field_without_quoting_the_text() -> None:
    pm = full_postmortem(
        title="Outage seen by Dana Reyes",
        incident_ref="INC-311 ops@example.com",
        communication=Communication(external_summary="Sam Okoye restarted 10.0.0.7."),
        action_items=(ActionItem("a1", "Rotate AKIAIOSFODNN7EXAMPLE", public=True),),
        affected_services=("db-7.corp.example",),
    )
    rules = dataclasses.replace(rules_for(pm), internal_domains=("corp.example",))
    document, report = customer_document(pm, rules)
    found = {(r.field, r.kind, r.original) for r in report.redactions}
    assert found == {
        ("Title", RedactionKind.PARTICIPANT, "Dana Reyes"),
        ("Incident reference", RedactionKind.EMAIL, "ops@example.com"),
        ("Customer-facing summary", RedactionKind.PARTICIPANT, "Sam Okoye"),
        ("Customer-facing summary", RedactionKind.IPV4, "10.0.0.7"),
        ("Action item 1", RedactionKind.AWS_KEY, "AKIAIOSFODNN7EXAMPLE"),
        ("Affected services", RedactionKind.HOSTNAME, "db-7.corp.example"),
    }
    assert [r.field for r in report.unresolved_secrets] == ["Action item 1"]
    assert document.title == "Outage seen by [redacted name]"
    assert "ops@example.com" not in document.subject
    assert "Dana" not in document.subject
    assert document.keywords == ("[redacted hostname]",)


def test_every_string_passes_through_redaction_even_retros_own_words() -> None:
    # Terms naming Retro's own words prove the last pass reaches headings and fixed sentences.
    rules = RedactionRules(terms=("Data integrity", "still being investigated"))
    document, report = customer_document(Postmortem(title="Quiet", severity=Severity.SEV4), rules)
    everything = "\n".join(strings(document))
    assert "Data integrity" not in everything
    assert "still being investigated" not in everything
    assert {r.original for r in report.redactions} == {
        "Data integrity",
        "still being investigated",
    }


def corpus_postmortem(texts: list[str]) -> Postmortem:
    """``texts`` in every customer-visible field: timeline, summary, impact, causes, actions."""
    start = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
    events = [
        TimelineEvent(f"e{i}", start + timedelta(minutes=i), text) for i, text in enumerate(texts)
    ]
    events[-1] = dataclasses.replace(events[-1], milestone=Milestone.RESOLUTION)
    events[0] = dataclasses.replace(events[0], milestone=Milestone.ONSET)
    return Postmortem(
        title="Corpus",
        severity=Severity.SEV2,
        timeline=tuple(events),
        impact=Impact(
            users_affected=10,
            users_description="\n\n".join(texts),
            data_integrity=DataIntegrity.DEGRADED,
            data_integrity_note="\n\n".join(texts),
        ),
        fishbone_categories=(FishboneCategory("k", "Technology"),),
        causes=tuple(
            Cause(f"c{i}", "k", text, classification=CauseClassification.ROOT_CAUSE)
            for i, text in enumerate(texts)
        ),
        action_items=tuple(ActionItem(f"a{i}", text, public=True) for i, text in enumerate(texts)),
        communication=Communication(external_summary="\n\n".join(texts)),
        affected_services=tuple(texts[:5]),
    )


def rendered_text(document: ExportDocument) -> str:
    root = render(markdown_text(document, figure_links={}))
    return text_of(root)


def test_no_sensitive_corpus_value_reaches_the_markdown() -> None:
    document, report = customer_document(
        corpus_postmortem([c.text for c in SENSITIVE]), CORPUS_RULES
    )
    shown = rendered_text(document).casefold()
    source = markdown_text(document, figure_links={}).casefold()
    metadata = " ".join([document.title, document.subject, *document.keywords]).casefold()
    for case in SENSITIVE:
        for value in case.values:
            folded = " ".join(value.split()).casefold()
            assert folded not in shown, value
            assert folded not in source, value
            assert folded not in metadata, value
    assert {r.kind for r in report.redactions} == set(RedactionKind)
    assert report.unresolved_secrets


def test_every_harmless_corpus_string_comes_out_unchanged() -> None:
    document, report = customer_document(corpus_postmortem(list(HARMLESS)), CORPUS_RULES)
    assert report.redactions == ()
    shown = rendered_text(document)
    for text in HARMLESS:
        assert " ".join(text.split()) in shown, text
