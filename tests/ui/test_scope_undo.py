"""Every stage-1 field, through the whole pipeline: the page asks, the file changes at once, and
Undo / Redo (named after the edit) put the file and the page back and forth.

The page tests prove each widget asks for the right edit; this proves what happens next.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.model import (
    Audience,
    Participant,
    Postmortem,
    SecuritySignOff,
    Severity,
    Stage,
    Status,
    Template,
    new_postmortem,
)

STAGE_ONE_EDITS = {
    "title": "Checkout latency after cache deploy",
    "incident_ref": "INC-2041",
    "incident_date": date(2026, 11, 3),
    "severity": Severity.SEV1,
    "status": Status.IN_REVIEW,
    "affected_services": ("checkout", "payments-api"),
    "tags": ("cache", "deploy"),
    "audiences": (Audience.EXECUTIVES, Audience.CUSTOMERS),
    "document_owner": "Priya Raman",
    "template": Template.FULL,
    "participants": (Participant("Priya Raman", "Facilitator"), Participant("Tomás Ortega")),
    "security_incident": True,
    "security_signoff": SecuritySignOff("Dana (legal)", datetime(2026, 11, 4, 9, 30, tzinfo=UTC)),
    "redaction_terms": ("payments-db-07",),
    "sla_target": "99.9% monthly availability",
    "invitation": "Please join us on Thursday.",
    "stage_notes": {Stage.SCOPE: "Ask support which customers wrote in."},
}


@pytest.fixture
def scope(main_window):
    start = new_postmortem("Checkout latency", Severity.SEV3)
    window = main_window([start])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    page = window.stage_area.pages[Stage.SCOPE]
    shown: list[Postmortem] = []
    original_show = page.show_postmortem

    def recording_show(postmortem: Postmortem) -> None:
        shown.append(postmortem)
        original_show(postmortem)

    page.show_postmortem = recording_show  # type: ignore[method-assign]
    return window, postmortem_id, page, shown


@pytest.mark.parametrize("field", list(STAGE_ONE_EDITS))
def test_each_stage_one_edit_is_saved_at_once_and_undoes_and_redoes_by_name(
    scope, qtbot, field: str
) -> None:
    window, postmortem_id, page, shown = scope
    before = getattr(window.library.load(postmortem_id), field)
    after = STAGE_ONE_EDITS[field]
    assert before != after
    label = f"Change {field.replace('_', ' ').title()}"

    page.edit_requested.emit(field, after, label)
    assert getattr(window.library.load(postmortem_id), field) == after  # autosaved, no Save
    assert getattr(shown[-1], field) == after
    assert window.menu_actions.undo.text() == f"Undo {label}"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert getattr(window.library.load(postmortem_id), field) == before
    assert getattr(shown[-1], field) == before
    assert window.menu_actions.redo.text() == f"Redo {label}"

    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, modifiers)
    assert getattr(window.library.load(postmortem_id), field) == after
    assert getattr(shown[-1], field) == after
