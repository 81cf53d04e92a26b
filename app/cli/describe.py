"""Postmortems as plain text for the terminal: the library table and ``retro show``."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime

from app.domain.model import (
    ActionStatus,
    Postmortem,
    Stage,
)
from app.store import PostmortemSummary


def one_line(text: str) -> str:
    """``text`` safe for one terminal line: control and line-break characters become spaces.

    User text could otherwise move the cursor or recolour the terminal (escape sequences).
    """
    return "".join(
        " " if unicodedata.category(character) in ("Cc", "Zl", "Zp") else character
        for character in text
    )


def _paragraphs(text: str, indent: str = "  ") -> str:
    """Multi-line user text, indented, with every control character but newline and tab removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [one_line(line.replace("\t", "    ")).rstrip() for line in lines]
    return "".join(f"{indent}{line}\n" if line else "\n" for line in cleaned)


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "minutes") + " UTC"


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "-"


def summary_table(summaries: Sequence[PostmortemSummary]) -> str:
    """The library list as aligned columns; the title, the longest, comes last."""
    header = ("ID", "SEVERITY", "STATUS", "INCIDENT", "LAST EDITED", "TITLE")
    rows = [header] + [
        (
            str(summary.id),
            summary.severity.label,
            summary.status.label,
            _day(summary.incident_date),
            _time(summary.updated_at),
            one_line(summary.title),
        )
        for summary in summaries
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def describe_postmortem(postmortem: Postmortem) -> str:
    """A readable plain-text overview: the scope fields, counts of each stage's items, the notes."""
    lines = [f"{label + ':':<20}{one_line(value)}" for label, value in _overview(postmortem)]
    text = "\n".join(lines) + "\n"
    if postmortem.problem_statement.strip():
        text += "\nProblem statement:\n" + _paragraphs(postmortem.problem_statement)
    for stage in Stage:
        note = postmortem.note(stage)
        if note.strip():
            text += f"\nNotes, {stage.label}:\n" + _paragraphs(note)
    return text


def _overview(pm: Postmortem) -> list[tuple[str, str]]:
    template = pm.template.label if pm.template is not None else "not chosen"
    open_items = sum(
        item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) for item in pm.action_items
    )
    reviews_done = sum(review.done for review in pm.follow_up_reviews)
    return [
        ("Title", pm.title),
        ("Number", "-" if pm.id is None else str(pm.id)),
        ("Reference", pm.incident_ref or "-"),
        ("Severity", pm.severity.label),
        ("Status", pm.status.label),
        ("Template", template),
        ("Incident date", _day(pm.incident_date)),
        ("Created", _time(pm.created_at)),
        ("Last edited", _time(pm.updated_at)),
        ("Published", _day(pm.published_on)),
        ("Owner", pm.document_owner or "-"),
        ("Audiences", ", ".join(audience.label for audience in pm.audiences) or "-"),
        ("Services", ", ".join(pm.affected_services) or "-"),
        ("Tags", ", ".join(pm.tags) or "-"),
        ("Participants", _participants(pm) or "-"),
        ("Security incident", _security(pm)),
        ("Timeline", count(len(pm.timeline), "event")),
        ("Causes", count(len(pm.causes), "cause") + ", " + count(len(pm.whys), "why answer")),
        ("Observations", count(len(pm.observations), "observation")),
        ("Action items", f"{count(len(pm.action_items), 'item')} ({open_items} open)"),
        ("Appendix", count(len(pm.appendix), "link")),
        (
            "Follow-up reviews",
            f"{count(len(pm.follow_up_reviews), 'review')} ({reviews_done} done)",
        ),
    ]


def _participants(pm: Postmortem) -> str:
    return ", ".join(
        f"{person.name} ({person.role})" if person.role else person.name
        for person in pm.participants
    )


def _security(pm: Postmortem) -> str:
    if not pm.security_incident:
        return "no"
    signoff = pm.security_signoff
    if signoff is None:
        return "yes, not signed off"
    return f"yes, signed off by {signoff.signed_by} at {_time(signoff.signed_at)}"


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
