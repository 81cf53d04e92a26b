"""Stage 1, Scope & audience: each user edit becomes one request; stored values are shown.

Edits are driven the way a user makes them (typing, Enter, ticking, choosing) and each request is
checked three ways: the right field, a value the model accepts (``dataclasses.replace``) that is
what the user entered, and the undo label. ``RoundTrip`` plays the window: it stores each request
and shows the result, as the real window does.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QWidget,
)

from app.domain.invitation import generated_invitation
from app.domain.model import (
    Audience,
    Participant,
    Postmortem,
    SecuritySignOff,
    Severity,
    Stage,
    Status,
    Template,
)
from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.scope_page import ScopeStagePage
from app.ui.scope_values import parse_optional_date, parse_text_list, parse_utc_minute

# The offscreen platform says this once per shown top-level window; it is not our warning.

W = TypeVar("W", bound=QWidget)
SHOTS = Path("/tmp/retro-shots")
WAIT_MS = TYPING_PAUSE_MS * 5


def full_postmortem() -> Postmortem:
    return Postmortem(
        id=7,
        title="Checkout outage after database failover",
        severity=Severity.SEV1,
        status=Status.IN_REVIEW,
        incident_ref="INC-2041",
        incident_date=date(2024, 5, 17),
        affected_services=("checkout", "payments", "orders-api"),
        tags=("database", "failover"),
        document_owner="Priya Natarajan",
        audiences=(Audience.EXECUTIVES, Audience.ENGINEERING, Audience.CUSTOMER_SUPPORT),
        template=Template.LIGHTWEIGHT,
        security_incident=True,
        security_signoff=SecuritySignOff(
            "Dana Lee (Legal)", datetime(2024, 5, 18, 9, 30, tzinfo=UTC)
        ),
        participants=(
            Participant("Priya Natarajan", "Incident commander"),
            Participant("Marcus Chen", "On-call SRE"),
            Participant("Dana Lee", "Legal"),
            Participant("Sam Okafor", "Customer support lead"),
        ),
        redaction_terms=("acme-prod-db-01", "10.0.3.17", "customer emails"),
        sla_target="99.9% monthly availability",
        stage_notes={Stage.SCOPE: "Status page was updated twice.", Stage.TIMELINE: "Keep"},
    )


def bare_postmortem() -> Postmortem:
    return Postmortem(id=3, title="Old title", severity=Severity.SEV3)


class RoundTrip:
    """Plays the window: stores each requested edit and shows the stored result."""

    def __init__(self, page: ScopeStagePage, pm: Postmortem) -> None:
        self.page = page
        self.pm = pm
        self.edits: list[tuple[str, object, str]] = []
        page.edit_requested.connect(self.apply)
        page.show_postmortem(pm)

    def apply(self, field: str, value: object, label: str) -> None:
        self.edits.append((field, value, label))
        self.pm = dataclasses.replace(self.pm, **{field: value})
        self.page.show_postmortem(self.pm)


@pytest.fixture
def page(qtbot) -> ScopeStagePage:
    widget = ScopeStagePage()
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def spy(page: ScopeStagePage) -> list[tuple[str, object, str]]:
    calls: list[tuple[str, object, str]] = []
    page.edit_requested.connect(lambda *args: calls.append(args))
    return calls


def find(page: QWidget, kind: type[W], name: str) -> W:
    widget = page.findChild(kind, name)
    assert widget is not None, name
    return widget


def accepted(pm: Postmortem, edit: tuple[str, object, str]) -> Postmortem:
    """The edit applied to ``pm``: proves the model accepts the requested value."""
    field, value, _label = edit
    return dataclasses.replace(pm, **{field: value})


def error_text(page: ScopeStagePage) -> str:
    label = find(page, QLabel, "validationError")
    return label.text() if label.isVisibleTo(page) else ""


# -- text fields: one request per pause ---------------------------------------------------------

TEXT_FIELDS = [
    ("titleEdit", "Payments outage", "title", "Payments outage", "Change Title"),
    ("incidentRefEdit", " INC-7 ", "incident_ref", "INC-7", "Change Incident Reference"),
    ("incidentDateEdit", "2024-06-01", "incident_date", date(2024, 6, 1), "Change Incident Date"),
    (
        "affectedServicesEdit",
        " checkout, , payments,Checkout ",
        "affected_services",
        ("checkout", "payments"),
        "Change Affected Services",
    ),
    ("tagsEdit", "db, DB ,  , deploy,", "tags", ("db", "deploy"), "Change Tags"),
    ("slaTargetEdit", "99.9% monthly", "sla_target", "99.9% monthly", "Change SLA Target"),
    ("documentOwnerEdit", "Priya", "document_owner", "Priya", "Change Document Owner"),
]


@pytest.mark.parametrize("case", TEXT_FIELDS, ids=[case[2] for case in TEXT_FIELDS])
def test_typing_then_pausing_requests_one_edit(qtbot, page, spy, case):
    name, typed, field, value, label = case
    pm = bare_postmortem()
    page.show_postmortem(pm)
    edit = find(page, QLineEdit, name)
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    assert spy == [], "nothing is requested per keystroke"
    qtbot.waitUntil(lambda: len(spy) == 1, timeout=WAIT_MS)
    assert spy == [(field, value, label)]
    assert getattr(accepted(pm, spy[0]), field) == value
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert len(spy) == 1, "one pause, one undo step"


def test_enter_requests_at_once_without_waiting_for_the_pause(qtbot, page, spy):
    page.show_postmortem(bare_postmortem())
    edit = find(page, QLineEdit, "incidentRefEdit")
    qtbot.keyClicks(edit, "INC-9")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert spy == [("incident_ref", "INC-9", "Change Incident Reference")]
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert len(spy) == 1, "the pending pause was cancelled, not sent again"


def test_focus_leaving_the_field_requests_at_once(qtbot, page, spy):
    page.show_postmortem(bare_postmortem())
    page.activateWindow()
    edit = find(page, QLineEdit, "slaTargetEdit")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "99.95%")
    find(page, QLineEdit, "titleEdit").setFocus()
    qtbot.waitUntil(lambda: len(spy) == 1, timeout=200)
    assert spy == [("sla_target", "99.95%", "Change SLA Target")]


def test_text_equal_to_the_stored_value_is_not_requested(qtbot, page, spy):
    page.show_postmortem(dataclasses.replace(bare_postmortem(), tags=("db",)))
    edit = find(page, QLineEdit, "tagsEdit")
    edit.end(False)
    qtbot.keyClicks(edit, ", DB, ")  # the same list, spelled differently
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert spy == []


def test_every_pause_is_its_own_edit_and_the_users_spelling_stays(qtbot, page):
    trip = RoundTrip(page, bare_postmortem())
    edit = find(page, QLineEdit, "tagsEdit")
    qtbot.keyClicks(edit, "db, ")
    qtbot.waitUntil(lambda: len(trip.edits) == 1, timeout=WAIT_MS)
    assert edit.text() == "db, ", "the stored ('db',) must not reformat what is being typed"
    qtbot.keyClicks(edit, "deploy")
    qtbot.waitUntil(lambda: len(trip.edits) == 2, timeout=WAIT_MS)
    assert [value for _f, value, _l in trip.edits] == [("db",), ("db", "deploy")]
    assert trip.pm.tags == ("db", "deploy")


def test_empty_title_is_refused_with_a_message_and_the_stored_title_returns(qtbot, page, spy):
    page.show_postmortem(bare_postmortem())
    edit = find(page, QLineEdit, "titleEdit")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "   ")
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert spy == []
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert spy == []
    assert "needs a title" in error_text(page)
    assert edit.text() == "Old title"


def test_a_date_that_is_not_yyyy_mm_dd_is_refused_with_a_message(qtbot, page, spy):
    page.show_postmortem(bare_postmortem())
    edit = find(page, QLineEdit, "incidentDateEdit")
    qtbot.keyClicks(edit, "2024-13-45")
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert error_text(page) == "", "a half-typed date is not an error yet"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert spy == []
    assert "YYYY-MM-DD" in error_text(page)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert spy == [], "clearing an unset date changes nothing"


def test_clearing_the_date_requests_none(qtbot, page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    edit = find(page, QLineEdit, "incidentDateEdit")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert spy == [("incident_date", None, "Change Incident Date")]
    assert accepted(pm, spy[0]).incident_date is None


def test_notes_replace_this_stages_entry_and_an_empty_note_removes_it(qtbot, page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    notes = find(page, QPlainTextEdit, "stageNotesEdit")
    notes.selectAll()
    qtbot.keyClicks(notes, "Customers were told at 14:10.")
    qtbot.waitUntil(lambda: len(spy) == 1, timeout=WAIT_MS)
    field, value, label = spy[0]
    assert (field, label) == ("stage_notes", "Change Notes")
    assert value == {Stage.SCOPE: "Customers were told at 14:10.", Stage.TIMELINE: "Keep"}
    assert value is not pm.stage_notes
    assert accepted(pm, spy[0]).note(Stage.SCOPE) == "Customers were told at 14:10."
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(spy) == 2, timeout=WAIT_MS)
    assert spy[1] == ("stage_notes", {Stage.TIMELINE: "Keep"}, "Change Notes")


def test_refresh_keeps_a_field_the_user_is_typing_in(qtbot, page, spy):
    pm = bare_postmortem()
    page.show_postmortem(pm)
    edit = find(page, QLineEdit, "titleEdit")
    edit.end(False)
    qtbot.keyClicks(edit, " again")
    edit.setCursorPosition(3)
    page.show_postmortem(dataclasses.replace(pm, severity=Severity.SEV2))
    assert edit.text() == "Old title again"
    assert edit.cursorPosition() == 3
    qtbot.waitUntil(lambda: len(spy) == 1, timeout=WAIT_MS)
    assert spy == [("title", "Old title again", "Change Title")]


def test_refresh_replaces_a_value_that_changed_underneath(page, spy):
    pm = bare_postmortem()
    page.show_postmortem(pm)
    page.show_postmortem(dataclasses.replace(pm, title="Renamed elsewhere (undo)"))
    assert find(page, QLineEdit, "titleEdit").text() == "Renamed elsewhere (undo)"
    page.show_postmortem(full_postmortem())  # a different postmortem replaces everything
    assert find(page, QLineEdit, "titleEdit").text() == full_postmortem().title
    assert spy == []


# -- choices ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        ("severityCombo", Severity.SEV2, "severity", "Change Severity"),
        ("statusCombo", Status.PUBLISHED, "status", "Change Status"),
    ],
)
def test_choosing_in_a_combo_requests_the_member(page, spy, case):
    name, member, field, label = case
    pm = bare_postmortem()
    page.show_postmortem(pm)
    combo = find(page, QComboBox, name)
    combo.setCurrentIndex(combo.findText(member.label))
    assert spy == [(field, member, label)]
    assert getattr(accepted(pm, spy[0]), field) is member


def test_audiences_are_requested_in_enum_order(page):
    trip = RoundTrip(page, bare_postmortem())
    find(page, QCheckBox, "audience_customers").setChecked(True)
    find(page, QCheckBox, "audience_executives").setChecked(True)
    assert trip.edits[-1] == (
        "audiences",
        (Audience.EXECUTIVES, Audience.CUSTOMERS),
        "Change Audiences",
    )
    find(page, QCheckBox, "audience_customers").setChecked(False)
    assert trip.pm.audiences == (Audience.EXECUTIVES,)


def test_template_radio_requests_the_template_and_the_hint_follows_severity(page):
    trip = RoundTrip(page, full_postmortem())  # SEV1 with the lightweight template
    hint = find(page, QLabel, "templateHint")
    assert hint.isVisibleTo(page)
    assert hint.text() == "SEV1 usually gets the full template."
    find(page, QRadioButton, "template_full").setChecked(True)
    assert trip.edits == [("template", Template.FULL, "Change Template")]
    assert not hint.isVisibleTo(page)
    find(page, QComboBox, "severityCombo").setCurrentIndex(3)
    assert trip.pm.template is Template.FULL, "the template never changes silently"
    assert hint.text() == "SEV4 usually gets the lightweight template."


def test_no_template_yet_shows_neither_radio_checked(page):
    page.show_postmortem(bare_postmortem())
    assert not find(page, QRadioButton, "template_full").isChecked()
    assert not find(page, QRadioButton, "template_lightweight").isChecked()
    assert "No template chosen yet" in find(page, QLabel, "templateHint").text()


def test_owner_completer_offers_the_participants(page):
    page.show_postmortem(full_postmortem())
    completer = find(page, QLineEdit, "documentOwnerEdit").completer()
    names = completer.model().stringList()
    assert names == ["Priya Natarajan", "Marcus Chen", "Dana Lee", "Sam Okafor"]


# -- participants -------------------------------------------------------------------------------


def test_adding_a_participant_with_enter(qtbot, page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    qtbot.keyClicks(find(page, QLineEdit, "participantNameEdit"), "  Ana Ruiz ")
    role = find(page, QLineEdit, "participantRoleEdit")
    qtbot.keyClicks(role, "DBA")
    qtbot.keyClick(role, Qt.Key.Key_Return)
    assert spy == [
        ("participants", (*pm.participants, Participant("Ana Ruiz", "DBA")), "Add Participant")
    ]
    assert accepted(pm, spy[0]).participants[-1].name == "Ana Ruiz"


def test_a_participant_without_a_name_is_refused_with_a_message(qtbot, page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    qtbot.keyClicks(find(page, QLineEdit, "participantRoleEdit"), "Observer")
    qtbot.mouseClick(find(page, QPushButton, "addParticipantButton"), Qt.MouseButton.LeftButton)
    assert spy == []
    assert "name" in error_text(page)
    table = find(page, QTableView, "participantTable")
    assert table.model().setData(table.model().index(1, 0), "  ") is False
    assert spy == []
    assert "Marcus Chen was kept" in error_text(page)


def test_editing_a_cell_requests_the_changed_participant(page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    model = find(page, QTableView, "participantTable").model()
    model.setData(model.index(1, 1), "Database SRE")
    expected = list(pm.participants)
    expected[1] = Participant("Marcus Chen", "Database SRE")
    assert spy == [("participants", tuple(expected), "Edit Participant")]


def test_remove_and_reorder_participants(qtbot, page):
    trip = RoundTrip(page, full_postmortem())
    table = find(page, QTableView, "participantTable")
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.mouseClick(
        find(page, QPushButton, "moveParticipantDownButton"), Qt.MouseButton.LeftButton
    )
    assert trip.edits[-1][2] == "Move Participant Down"
    assert [p.name for p in trip.pm.participants][:2] == ["Marcus Chen", "Priya Natarajan"]
    assert table.currentIndex().row() == 1, "the selection follows the moved person"
    qtbot.mouseClick(find(page, QPushButton, "moveParticipantUpButton"), Qt.MouseButton.LeftButton)
    assert trip.pm.participants == full_postmortem().participants
    assert trip.edits[-1][2] == "Move Participant Up"
    qtbot.mouseClick(find(page, QPushButton, "removeParticipantButton"), Qt.MouseButton.LeftButton)
    assert trip.edits[-1][2] == "Remove Participant"
    assert [p.name for p in trip.pm.participants] == ["Marcus Chen", "Dana Lee", "Sam Okafor"]


def test_participant_model_is_a_well_behaved_qt_model(qtmodeltester, page):
    page.show_postmortem(full_postmortem())
    qtmodeltester.check(find(page, QTableView, "participantTable").model())
    assert find(page, QTableView, "participantTable").model().rowCount(QModelIndex()) == 4


# -- security and redaction ---------------------------------------------------------------------


def test_security_flag_shows_the_signoff_group_and_unflagging_keeps_the_signoff(page):
    pm = dataclasses.replace(full_postmortem(), security_incident=False)
    trip = RoundTrip(page, pm)
    group = find(page, QWidget, "signoffGroup")
    assert not group.isVisibleTo(page)
    find(page, QCheckBox, "securityIncidentCheck").setChecked(True)
    assert trip.edits == [("security_incident", True, "Change Security Incident")]
    assert group.isVisibleTo(page)
    find(page, QCheckBox, "securityIncidentCheck").setChecked(False)
    assert not group.isVisibleTo(page)
    assert trip.pm.security_signoff == full_postmortem().security_signoff


def test_ticking_the_flag_shows_the_signoff_fields_at_once(page, spy):
    page.show_postmortem(bare_postmortem())
    find(page, QCheckBox, "securityIncidentCheck").setChecked(True)
    assert spy == [("security_incident", True, "Change Security Incident")]
    assert find(page, QWidget, "signoffGroup").isVisibleTo(page), "before any refresh"


def test_signoff_needs_name_and_utc_time(qtbot, page):
    pm = dataclasses.replace(bare_postmortem(), security_incident=True)
    trip = RoundTrip(page, pm)
    by = find(page, QLineEdit, "signedByEdit")
    qtbot.keyClicks(by, "Dana Lee (Legal)")
    qtbot.keyClick(by, Qt.Key.Key_Return)
    assert trip.edits == []
    assert "Enter both" in find(page, QLabel, "signoffStatus").text()
    at = find(page, QLineEdit, "signedAtEdit")
    qtbot.keyClicks(at, "2024-05-18 09:30")
    qtbot.keyClick(at, Qt.Key.Key_Return)
    signoff = SecuritySignOff("Dana Lee (Legal)", datetime(2024, 5, 18, 9, 30, tzinfo=UTC))
    assert trip.edits == [("security_signoff", signoff, "Record Security Sign-off")]
    assert "Recorded: signed off by Dana Lee (Legal)" in find(page, QLabel, "signoffStatus").text()
    for edit in (by, at):
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert trip.edits[-1] == ("security_signoff", None, "Clear Security Sign-off")


def test_now_button_records_the_current_utc_minute(qtbot, page, spy):
    pm = dataclasses.replace(bare_postmortem(), security_incident=True)
    page.show_postmortem(pm)
    qtbot.keyClicks(find(page, QLineEdit, "signedByEdit"), "Infosec on call")
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    qtbot.mouseClick(find(page, QPushButton, "signedAtNowButton"), Qt.MouseButton.LeftButton)
    field, value, label = spy[-1]
    assert (field, label) == ("security_signoff", "Record Security Sign-off")
    assert isinstance(value, SecuritySignOff)
    assert value.signed_at.tzinfo is UTC
    assert before <= value.signed_at <= before + timedelta(minutes=1)
    assert accepted(pm, spy[-1]).security_signoff == value


def test_a_bad_signoff_time_is_refused_with_a_message(qtbot, page, spy):
    page.show_postmortem(dataclasses.replace(bare_postmortem(), security_incident=True))
    qtbot.keyClicks(find(page, QLineEdit, "signedByEdit"), "Dana")
    at = find(page, QLineEdit, "signedAtEdit")
    qtbot.keyClicks(at, "yesterday")
    qtbot.keyClick(at, Qt.Key.Key_Return)
    assert spy == []
    assert "YYYY-MM-DD HH:MM" in error_text(page)


def test_redaction_terms_add_refuse_duplicates_and_remove(qtbot, page):
    trip = RoundTrip(page, full_postmortem())
    entry = find(page, QLineEdit, "redactionEntry")
    qtbot.keyClicks(entry, "  payments-vault ")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert trip.edits[-1] == (
        "redaction_terms",
        ("acme-prod-db-01", "10.0.3.17", "customer emails", "payments-vault"),
        "Add Redaction Term",
    )
    qtbot.keyClicks(entry, "Customer Emails")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert len(trip.edits) == 1
    assert "already on the list" in error_text(page)
    page.findChild(QWidget, "redactionList").setCurrentRow(0)
    qtbot.mouseClick(find(page, QPushButton, "redactionRemoveButton"), Qt.MouseButton.LeftButton)
    assert trip.edits[-1][2] == "Remove Redaction Term"
    assert trip.pm.redaction_terms == ("10.0.3.17", "customer emails", "payments-vault")


# -- invitation and exit condition --------------------------------------------------------------


def test_invitation_follows_the_fields_until_edited(page, spy):
    pm = bare_postmortem()
    page.show_postmortem(pm)
    editor = find(page, QPlainTextEdit, "invitationEdit")
    assert editor.toPlainText() == generated_invitation(pm)
    assert "Hello everyone" in editor.toPlainText()
    with_people = dataclasses.replace(pm, participants=(Participant("Ana"), Participant("Bo")))
    page.show_postmortem(with_people)
    assert "Hello Ana and Bo," in editor.toPlainText()
    assert not find(page, QPushButton, "resetInvitationButton").isEnabled()
    assert spy == []


def test_editing_the_invitation_requests_the_edited_text(qtbot, page, spy):
    pm = bare_postmortem()
    page.show_postmortem(pm)
    editor = find(page, QPlainTextEdit, "invitationEdit")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " See you there.")
    qtbot.waitUntil(lambda: len(spy) == 1, timeout=WAIT_MS)
    assert spy == [("invitation", generated_invitation(pm) + " See you there.", "Edit Invitation")]
    assert accepted(pm, spy[0]).invitation.endswith("See you there.")


def test_reset_to_generated_requests_the_empty_invitation(qtbot, page):
    trip = RoundTrip(page, dataclasses.replace(bare_postmortem(), invitation="Come along."))
    editor = find(page, QPlainTextEdit, "invitationEdit")
    reset = find(page, QPushButton, "resetInvitationButton")
    assert editor.toPlainText() == "Come along."
    assert reset.isEnabled()
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert trip.edits == [("invitation", "", "Reset Invitation")]
    assert editor.toPlainText() == generated_invitation(trip.pm)
    assert not reset.isEnabled()


def test_copy_puts_the_text_on_the_clipboard_and_confirms_briefly(qtbot, page, spy):
    page.show_postmortem(full_postmortem())
    copy = find(page, QPushButton, "copyInvitationButton")
    QApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == generated_invitation(full_postmortem())
    assert copy.text() == "Copied"
    qtbot.waitUntil(lambda: copy.text() == "Copy", timeout=3000)
    assert spy == []


def test_exit_condition_line_says_what_is_missing_until_the_owner_is_named(qtbot, page):
    pm = dataclasses.replace(bare_postmortem(), template=Template.LIGHTWEIGHT)
    trip = RoundTrip(page, pm)
    line = find(page, QLabel, "exitCondition")
    assert "Still to do: Name the owner of the final document." in line.text()
    owner = find(page, QLineEdit, "documentOwnerEdit")
    qtbot.keyClicks(owner, "Priya")
    qtbot.keyClick(owner, Qt.Key.Key_Return)
    assert trip.edits == [("document_owner", "Priya", "Change Document Owner")]
    assert line.text() == "Exit condition met: Template chosen; owner for the final document."


# -- showing ------------------------------------------------------------------------------------


def test_show_postmortem_shows_every_value_and_emits_nothing(page, spy):
    pm = full_postmortem()
    page.show_postmortem(pm)
    page.show_postmortem(dataclasses.replace(pm, severity=Severity.SEV2))
    page.show_postmortem(pm)
    assert spy == []
    texts = {
        "titleEdit": pm.title,
        "incidentRefEdit": "INC-2041",
        "incidentDateEdit": "2024-05-17",
        "affectedServicesEdit": "checkout, payments, orders-api",
        "tagsEdit": "database, failover",
        "slaTargetEdit": "99.9% monthly availability",
        "documentOwnerEdit": "Priya Natarajan",
        "signedByEdit": "Dana Lee (Legal)",
        "signedAtEdit": "2024-05-18 09:30",
    }
    for name, text in texts.items():
        assert find(page, QLineEdit, name).text() == text, name
    assert find(page, QComboBox, "severityCombo").currentData() is Severity.SEV1
    assert find(page, QComboBox, "statusCombo").currentText() == "In review"
    checked = [a for a in Audience if find(page, QCheckBox, f"audience_{a.value}").isChecked()]
    assert checked == list(pm.audiences)
    assert find(page, QRadioButton, "template_lightweight").isChecked()
    assert find(page, QCheckBox, "securityIncidentCheck").isChecked()
    assert find(page, QWidget, "signoffGroup").isVisibleTo(page)
    model = find(page, QTableView, "participantTable").model()
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert rows == [(p.name, p.role) for p in pm.participants]
    terms = page.findChild(QWidget, "redactionList")
    assert [terms.item(r).text() for r in range(terms.count())] == list(pm.redaction_terms)
    assert find(page, QPlainTextEdit, "stageNotesEdit").toPlainText() == pm.note(Stage.SCOPE)
    assert find(page, QPlainTextEdit, "invitationEdit").toPlainText() == generated_invitation(pm)


# -- keyboard, accessibility, plain text --------------------------------------------------------


def focusable(page: ScopeStagePage) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(page) and w.isEnabled()
    ]


def test_every_focusable_control_has_an_accessible_name(page):
    page.show_postmortem(full_postmortem())
    unnamed = [
        w.objectName() or type(w).__name__ for w in focusable(page) if not w.accessibleName()
    ]
    assert unnamed == []


def test_tab_order_runs_top_to_bottom(page):
    page.show_postmortem(full_postmortem())
    chain = page.form.focus_chain()
    walked: list[QWidget] = []
    widget = chain[0]
    for _ in range(500):
        if widget in chain and widget not in walked:
            walked.append(widget)
        widget = widget.nextInFocusChain()
    assert walked == list(chain)
    assert set(focusable(page)) <= set(chain), "a control outside the Tab chain"


def test_mnemonics_are_unique_and_every_label_mnemonic_has_a_buddy(page):
    letters: list[str] = []
    for widget in page.findChildren(QWidget):
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        match = re.search(r"(?<!&)&([^&])", text)
        if match is None:
            continue
        letters.append(match.group(1).lower())
        if isinstance(widget, QLabel):
            assert widget.buddy() is not None, text
    assert len(letters) >= 15
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not set(letters) & set("fevhw"), "F, E, V, H and W belong to the menu bar"


def test_alt_mnemonic_focuses_the_title(qtbot, page):
    page.show_postmortem(full_postmortem())
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    find(page, QLineEdit, "slaTargetEdit").setFocus()
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert find(page, QLineEdit, "titleEdit").hasFocus()


def test_labels_never_interpret_user_text_as_markup(page, spy):
    pm = dataclasses.replace(
        full_postmortem(),
        security_signoff=SecuritySignOff("<b>Dana</b>", datetime(2024, 5, 18, tzinfo=UTC)),
    )
    page.show_postmortem(pm)
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
    assert "<b>Dana</b>" in find(page, QLabel, "signoffStatus").text()


def test_value_parsers():
    assert parse_text_list(" a, ,A ,b,") == ("a", "b")
    assert parse_optional_date("  ") is None
    assert parse_utc_minute("2024-05-18T09:30Z") == datetime(2024, 5, 18, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_optional_date("17/05/2024")


# -- screenshots --------------------------------------------------------------------------------


def assert_nothing_squeezed(page: ScopeStagePage) -> None:
    for group in page.findChildren(QGroupBox):
        if group.isVisibleTo(page):
            assert group.height() >= group.minimumSizeHint().height(), group.objectName()
    invitation = find(page, QPlainTextEdit, "invitationEdit")
    state = find(page, QLabel, "invitationState")
    assert invitation.geometry().bottom() < state.geometry().top()


def test_screenshots_at_desk_and_presentation_sizes(qtbot):
    """Renders for a person to look at, hosted in a scroll area as the window hosts every page."""
    host = QScrollArea()
    qtbot.addWidget(host)
    host.setWidgetResizable(True)
    page = ScopeStagePage()
    page.show_postmortem(full_postmortem())
    host.setWidget(page)
    host.resize(1280, 900)
    host.show()
    qtbot.waitExposed(host)
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(20)
    assert page.form.findChild(QGroupBox, "audienceGroup").x() > page.width() // 4, "two columns"
    assert_nothing_squeezed(page)
    assert page.grab().save(str(SHOTS / "scope.png"))
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    page.setFont(font)
    qtbot.wait(20)
    assert page.form.findChild(QGroupBox, "audienceGroup").x() < page.width() // 4, "one column"
    assert_nothing_squeezed(page)
    assert page.grab().save(str(SHOTS / "scope-150.png"))
    title = find(page, QLineEdit, "titleEdit")
    assert title.width() >= title.fontMetrics().horizontalAdvance(full_postmortem().title)


# -- the private parts: participants' contacts and the facilitator's private notes ----------


def private_pm() -> Postmortem:
    return Postmortem(
        id=1,
        title="Checkout outage",
        severity=Severity.SEV2,
        participants=(Participant("Ana", "on call", "ana@example.com"),),
        private_notes="Ana was alone on call",
    )


def test_a_contact_is_typed_with_the_new_participant(qtbot, page: ScopeStagePage) -> None:
    trip = RoundTrip(page, private_pm())
    editor = page.form.participants
    qtbot.keyClicks(editor.name_edit, "Bo")
    qtbot.keyClicks(editor.contact_edit, "@bo")
    qtbot.keyClick(editor.contact_edit, Qt.Key.Key_Return)
    assert trip.pm.participants[-1] == Participant("Bo", "", "@bo")
    assert editor.contact_edit.text() == ""


def test_the_contact_column_edits_the_contact(page: ScopeStagePage) -> None:
    trip = RoundTrip(page, private_pm())
    model = page.form.participants.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Contact"
    assert model.index(0, 2).data() == "ana@example.com"
    model.setData(model.index(0, 2), " ana@corp.example ")
    assert trip.pm.participants[0] == Participant("Ana", "on call", "ana@corp.example")


def test_private_notes_are_edited_like_any_text(qtbot, page: ScopeStagePage) -> None:
    trip = RoundTrip(page, private_pm())
    edit = page.form.private_notes_edit
    assert edit.toPlainText() == "Ana was alone on call"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Keep Ana out of the spotlight")
    edit.clearFocus()
    qtbot.waitUntil(lambda: trip.pm.private_notes == "Keep Ana out of the spotlight")
    assert trip.edits[-1][2] == "Change Private Notes"


def test_presenting_hides_every_private_editor_and_brings_them_back(page: ScopeStagePage) -> None:
    RoundTrip(page, private_pm())
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
    trip = RoundTrip(page, dataclasses.replace(private_pm(), participants=()))
    editor = page.form.participants
    editor.contact_edit.setText("typed before presenting")
    page.set_presenting(True)
    qtbot.keyClicks(editor.name_edit, "Cy")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert trip.pm.participants == (Participant("Cy"),)
