"""The internal postmortem document: every stage, in order, with what each section must show."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.domain.model import Stage
from app.export import internal_analysis
from app.export.document import (
    Block,
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
from app.export.internal_document import internal_document
from app.render.graphviz import GraphvizFailedError
from app.render.label_size import LabelMeasurer
from tests.export.export_samples import PATTERN, TODAY, empty_postmortem, full_postmortem

STAGE_KEYS = [
    "summary",
    "scope",
    "timeline",
    "impact",
    "root_cause",
    "what_worked",
    "action_items",
    "communication",
    "review",
    "appendix",
]
# The meeting part follows stage 6 when the meeting left a record.
FULL_KEYS = [*STAGE_KEYS[:8], "meeting", *STAGE_KEYS[8:]]


@pytest.fixture(scope="module")
def document() -> ExportDocument:
    return internal_document(full_postmortem(), today=TODAY, tracker_pattern=PATTERN)


def section(document: ExportDocument, key: str) -> Section:
    found = {s.key: s for s in all_sections(document)}
    return found[key]


def blocks(document: ExportDocument, key: str, kind: type[Block]) -> list[Block]:
    return [block for block in section(document, key).blocks if isinstance(block, kind)]


def pairs(document: ExportDocument, key: str) -> dict[str, object]:
    (values,) = blocks(document, key, KeyValues)
    assert isinstance(values, KeyValues)
    return dict(values.pairs)


def table(document: ExportDocument, key: str) -> Table:
    (found,) = blocks(document, key, Table)
    assert isinstance(found, Table)
    return found


def paragraph_texts(document: ExportDocument, key: str) -> list[str]:
    return [b.text for b in blocks(document, key, Paragraph) if isinstance(b, Paragraph)]


def test_one_section_per_stage_in_order_with_stable_keys(document: ExportDocument) -> None:
    assert [s.key for s in document.sections] == FULL_KEYS
    keys = [s.key for s in all_sections(document)]
    assert len(keys) == len(set(keys))


def test_title_block_and_metadata(document: ExportDocument) -> None:
    assert document.audience is ExportAudience.INTERNAL
    assert document.title == "Checkout errors after the database failover"
    assert dict(document.title_block) == {
        "Incident": "INC-311",
        "Severity": "SEV2",
        "Incident date": "2026-03-01",
        "Published": "2026-03-10",
        "Exported": "2026-03-20",
        "Audience": "Internal postmortem",
        "Owner": "Ana Lima",
        "Status": "In review",
    }
    assert document.author == "Ana Lima"
    assert "INC-311" in document.subject
    assert document.keywords == ("database", "checkout", "payments")


def test_summary_has_problem_statement_and_impact_summary(document: ExportDocument) -> None:
    assert paragraph_texts(document, "summary") == [
        "Card checkouts failed for 50 minutes after a database failover.",
        "Card checkouts failed for 50 minutes.",
    ]


def test_participants_and_roles(document: ExportDocument) -> None:
    participants = table(document, "scope.participants")
    assert participants.rows == (
        ("Dana Reyes", "Incident commander"),
        ("Sam Okoye", "Database on-call"),
    )
    assert pairs(document, "scope")["Security incident"] == "No"


def test_security_signoff_is_reported() -> None:
    from app.domain.model import SecuritySignOff
    from tests.export.export_samples import at

    unsigned = internal_document(full_postmortem(security_incident=True), today=TODAY)
    assert pairs(unsigned, "scope")["Legal/infosec sign-off"] == "Not recorded"
    signed = internal_document(
        full_postmortem(
            security_incident=True, security_signoff=SecuritySignOff("Legal team", at(20, 0))
        ),
        today=TODAY,
    )
    assert pairs(signed, "scope")["Legal/infosec sign-off"] == "Legal team, 2026-03-01 20:00 UTC"


def test_full_timeline_in_utc_with_milestones_evidence_and_internal_marks(
    document: ExportDocument,
) -> None:
    timeline = table(document, "timeline")
    assert timeline.header[0] == "Time (UTC)"
    rows = {row[0]: row for row in timeline.rows}
    assert list(rows) == [
        "2026-03-01 14:00",
        "2026-03-01 14:06",
        "2026-03-01 14:12",
        "2026-03-01 14:20",
        "2026-03-01 14:50",
    ]
    assert rows["2026-03-01 14:06"][1] == "Detection"
    assert rows["2026-03-01 14:06"][3] == Link(
        "https://grafana.example.com/d/errors", "https://grafana.example.com/d/errors"
    )
    assert "Internal only" in str(rows["2026-03-01 14:12"][4])
    assert "Internal only" not in str(rows["2026-03-01 14:06"][4])


def test_incident_strip_is_a_figure(document: ExportDocument) -> None:
    (strip,) = blocks(document, "timeline", Figure)
    assert isinstance(strip, Figure)
    assert strip.name == "incident-strip"
    assert ET.fromstring(strip.svg).tag.endswith("svg")
    assert "Onset 2026-03-01 14:00 UTC" in strip.alt


def test_metrics_and_impact(document: ExportDocument) -> None:
    impact = pairs(document, "impact")
    assert impact["Users affected"] == "1,200"
    assert impact["Who was affected"] == "Customers paying by card in the EU"
    assert impact["Data integrity"] == "Intact: No order was lost"
    assert impact["Time to detect"] == "6 min"
    assert impact["Time to mitigate"] == "20 min"
    assert impact["Duration (time to resolve)"] == "50 min"
    assert impact["Resolution"] == "2026-03-01 14:50 UTC"
    assert str(impact["SLA"]).startswith("Breached: 50 min outage exceeds")


def test_root_causes_and_factors_with_evidence(document: ExportDocument) -> None:
    root = table(document, "root_cause.root_cause")
    assert root.rows == (
        (
            "Pools kept connections to the old primary",
            "Fishbone, Technology",
            Link("https://git.example.com/pool/issues/4", "https://git.example.com/pool/issues/4"),
        ),
        ("", "", "Timeline 14:20 UTC — Connection pools recycled"),
        ("Validation was switched off for speed", "Five whys", "No evidence recorded"),
    )
    factors = table(document, "root_cause.contributing_factor")
    assert [row[0] for row in factors.rows] == ["No failover drill this year"]
    ruled_out = table(document, "root_cause.ruled_out")
    assert [row[0] for row in ruled_out.rows] == ["Network partition"]
    assert "Notes: Revisit the pool sizing model next quarter." in paragraph_texts(
        document, "root_cause"
    )


def test_both_diagrams_are_svg_figures(document: ExportDocument) -> None:
    for key, name in (("root_cause.fishbone", "fishbone"), ("root_cause.five_whys", "five-whys")):
        (figure,) = blocks(document, key, Figure)
        assert isinstance(figure, Figure)
        assert figure.name == name
        assert ET.fromstring(figure.svg).tag.endswith("svg")


def test_missing_graphviz_gives_a_paragraph_and_the_export_still_succeeds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    # A fresh measurer: the shared one may remember label sizes from an earlier test.
    document = internal_document(full_postmortem(), today=TODAY, measurer=LabelMeasurer())
    for key in ("root_cause.fishbone", "root_cause.five_whys"):
        assert not blocks(document, key, Figure)
        (why,) = paragraph_texts(document, key)
        assert "could not be drawn" in why
        assert "Graphviz is not installed" in why
    assert [s.key for s in document.sections] == FULL_KEYS


def test_a_failing_graphviz_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_arguments: object, **_options: object) -> None:
        raise GraphvizFailedError("Graphviz could not draw this diagram: syntax error")

    monkeypatch.setattr(internal_analysis, "render_diagram", fail)
    document = internal_document(full_postmortem(), today=TODAY)
    (why,) = paragraph_texts(document, "root_cause.fishbone")
    assert why == (
        "The fishbone diagram could not be drawn. Graphviz could not draw this diagram: "
        "syntax error"
    )


def test_what_worked_by_kind_with_linked_events(document: ExportDocument) -> None:
    def items(key: str) -> tuple[object, ...]:
        (found,) = blocks(document, key, BulletList)
        assert isinstance(found, BulletList)
        return found.items

    assert items("what_worked.went_well") == (
        "The runbook was followed (timeline 2026-03-01 14:20 UTC)",
    )
    assert items("what_worked.went_wrong") == ("Paging should have been faster",)
    assert items("what_worked.lucky") == ("It was a quiet hour",)


def test_action_items_with_owner_due_category_priority_status_and_tracker(
    document: ExportDocument,
) -> None:
    items = table(document, "action_items")
    assert items.header == ("Action", "Owner", "Due", "Category", "Priority", "Status", "Tracker")
    first, second, third = items.rows
    assert first == (
        "Validate pooled connections on borrow",
        "Sam Okoye",
        "2026-04-01",
        "Prevent",
        "Medium",
        "In progress (public)",
        Link("OPS-231", "https://tracker.example.com/browse/OPS-231"),
    )
    assert second[6] == Link("https://issues.example.com/42", "https://issues.example.com/42")
    assert third[1:4] == ("Not set", "Not set", "Not set")
    assert third[6] == "ask Dana"  # not a key or a link: shown, not linked


def test_communication_and_follow_up_dates(document: ExportDocument) -> None:
    comms = pairs(document, "communication")
    assert comms["Internal summary shared in"] == "#incidents"
    assert comms["Shared at"] == "2026-03-01 18:00 UTC"
    assert comms["External postmortem required"] == "Yes"
    assert paragraph_texts(document, "communication.external_summary") == [
        "Card payments failed for 50 minutes on 1 March."
    ]
    reviews = table(document, "communication.follow_up_reviews")
    assert reviews.rows == (
        ("2026-04-09", "Yes", "Two items done"),
        ("2026-05-09", "No", ""),
    )


def test_the_parking_lot_lists_open_points_first_with_the_stage_they_came_up_in(
    document: ExportDocument,
) -> None:
    assert section(document, "meeting").heading == "Meeting"
    parked = table(document, "meeting.parking_lot")
    assert parked.header == ("Point", "Status", "Raised during", "Raised at (UTC)")
    assert parked.rows == (
        ("Rename the pool alerts", "Open", "Root cause analysis", "2026-03-01 16:20"),
        ("Invite the payments team next time", "Open", "Outside the stages", "2026-03-01 16:31"),
        ("Who pays for the extra replica?", "Done", "Timeline & impact", "2026-03-01 16:05"),
    )
    assert paragraph_texts(document, "meeting.parking_lot") == [
        "2 of 3 parked points still open; open points first."
    ]


def test_time_per_stage_compares_plan_and_time_spent_with_a_total(
    document: ExportDocument,
) -> None:
    times = table(document, "meeting.time")
    assert times.header == ("Stage", "Planned", "Spent", "Over / under")
    assert times.rows == (
        ("Scope & audience", "5 min", "4 min 50 s", "10 s under"),
        ("Timeline & impact", "15 min", "18 min 30 s", "3 min 30 s over"),
        ("Root cause analysis", "20 min", "20 min", "On time"),
        ("Total", "40 min", "43 min 20 s", "3 min 20 s over"),
    )
    assert paragraph_texts(document, "meeting.time") == [
        "The meeting took 43 min 20 s against 40 min planned (3 min 20 s over)."
    ]


def test_time_spent_on_an_unplanned_stage_counts_as_over() -> None:
    pm = full_postmortem(
        agenda={Stage.SCOPE: 10}, meeting_time={Stage.SCOPE: 480, Stage.FOLLOW_UP: 45}
    )
    rows = table(internal_document(pm, today=TODAY), "meeting.time").rows
    assert rows == (
        ("Scope & audience", "10 min", "8 min", "2 min under"),
        ("Communication & follow-up", "0 min", "45 s", "45 s over"),
        ("Total", "10 min", "8 min 45 s", "1 min 15 s under"),
    )


def test_the_meeting_part_says_what_it_lacks_and_is_left_out_without_a_meeting() -> None:
    only_parked = internal_document(full_postmortem(meeting_time={}), today=TODAY)
    assert paragraph_texts(only_parked, "meeting.time") == ["The meeting's time was not recorded."]
    only_timed = internal_document(full_postmortem(parking_lot=()), today=TODAY)
    assert paragraph_texts(only_timed, "meeting.parking_lot") == ["No points were parked."]
    # An agenda alone is a plan, not a record of a meeting.
    planned_only = internal_document(full_postmortem(meeting_time={}, parking_lot=()), today=TODAY)
    assert [s.key for s in planned_only.sections] == STAGE_KEYS
    assert not any(s.key.startswith("meeting") for s in all_sections(planned_only))


def test_review_checklist_and_kept_flags(document: ExportDocument) -> None:
    checklist = table(document, "review")
    titles = [row[0] for row in checklist.rows]
    assert titles[0] == "Blameless tone"
    assert len(titles) == 6
    assert {row[1] for row in checklist.rows} <= {"Passed", "Not yet"}
    kept = table(document, "review.kept_flags")
    assert kept.rows[0][1] == "should have"
    assert kept.rows[0][3] == "It describes the pager, not a person"


def test_appendix_links_only_web_addresses(document: ExportDocument) -> None:
    appendix = table(document, "appendix")
    assert appendix.rows == (
        ("Trace", Link("Trace of a failed checkout", "https://t.example.com/1")),
        ("Log", "Pool logs: s3://logs/pool/2026-03-01"),
    )


def test_an_empty_postmortem_still_has_every_section_saying_so() -> None:
    document = internal_document(empty_postmortem(), today=TODAY)
    assert [s.key for s in document.sections] == STAGE_KEYS
    for key in ("timeline", "action_items", "appendix", "root_cause.fishbone"):
        notes = [b for b in section(document, key).blocks if isinstance(b, Paragraph) and b.note]
        assert notes, key
    assert dict(document.title_block)["Incident"] == "Not set"


def test_the_internal_document_never_mutates_or_drops_user_text() -> None:
    pm = full_postmortem()
    pm = dataclasses.replace(pm, title="  Spaces <b>kept</b> as typed  ")
    document = internal_document(pm, today=TODAY)
    assert document.title == pm.title
