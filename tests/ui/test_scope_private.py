"""Stage 1's private parts: participants' contacts and the facilitator's private notes."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from app.domain.model import Participant, Postmortem, Severity
from app.ui.scope_page import ScopeStagePage
from tests.ui.test_scope_page import RoundTrip


@pytest.fixture
def page(qtbot) -> ScopeStagePage:
    widget = ScopeStagePage()
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def pm() -> Postmortem:
    return Postmortem(
        id=1,
        title="Checkout outage",
        severity=Severity.SEV2,
        participants=(Participant("Ana", "on call", "ana@example.com"),),
        private_notes="Ana was alone on call",
    )


def test_a_contact_is_typed_with_the_new_participant(qtbot, page: ScopeStagePage) -> None:
    trip = RoundTrip(page, pm())
    editor = page.form.participants
    qtbot.keyClicks(editor.name_edit, "Bo")
    qtbot.keyClicks(editor.contact_edit, "@bo")
    qtbot.keyClick(editor.contact_edit, Qt.Key.Key_Return)
    assert trip.pm.participants[-1] == Participant("Bo", "", "@bo")
    assert editor.contact_edit.text() == ""


def test_the_contact_column_edits_the_contact(page: ScopeStagePage) -> None:
    trip = RoundTrip(page, pm())
    model = page.form.participants.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Contact"
    assert model.index(0, 2).data() == "ana@example.com"
    model.setData(model.index(0, 2), " ana@corp.example ")
    assert trip.pm.participants[0] == Participant("Ana", "on call", "ana@corp.example")


def test_private_notes_are_edited_like_any_text(qtbot, page: ScopeStagePage) -> None:
    trip = RoundTrip(page, pm())
    edit = page.form.private_notes_edit
    assert edit.toPlainText() == "Ana was alone on call"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Keep Ana out of the spotlight")
    edit.clearFocus()
    qtbot.waitUntil(lambda: trip.pm.private_notes == "Keep Ana out of the spotlight")
    assert trip.edits[-1][2] == "Change Private Notes"


def test_presenting_hides_every_private_editor_and_brings_them_back(page: ScopeStagePage) -> None:
    RoundTrip(page, pm())
    form = page.form
    private = (form.private_notes_edit, form.redaction, form.participants.contact_edit)
    page.set_presenting(True)
    assert not any(widget.isVisible() for widget in private)
    assert form.participants.table.isColumnHidden(2)
    page.set_presenting(False)
    assert all(widget.isVisible() for widget in private)
    assert not form.participants.table.isColumnHidden(2)


def test_a_participant_added_while_contacts_are_hidden_gets_no_stale_contact(
    qtbot, page: ScopeStagePage
) -> None:
    trip = RoundTrip(page, dataclasses.replace(pm(), participants=()))
    editor = page.form.participants
    editor.contact_edit.setText("typed before presenting")
    page.set_presenting(True)
    qtbot.keyClicks(editor.name_edit, "Cy")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert trip.pm.participants == (Participant("Cy"),)
