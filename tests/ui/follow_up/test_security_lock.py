"""The customer-facing summary of a security incident stays locked until legal/infosec sign off.

The lock must hold whatever way text reaches the box (typing, paste, a program setting it) and
whatever way an edit is asked for, and lift as soon as the sign-off is recorded on this page.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.follow_up.page import FollowUpPage
from tests.ui.follow_up.conftest import SIGNED, Store, security_postmortem
from tests.ui.follow_up.test_page import make, type_into

DRAFT = "Some customers saw slow checkouts."


@pytest.fixture
def locked(qtbot) -> tuple[FollowUpPage, Store]:
    return make(qtbot, security_postmortem())


def validation_message(page: FollowUpPage) -> str:
    label = page.findChild(QLabel, "validationError")
    assert isinstance(label, QLabel)
    return label.text() if label.isVisibleTo(page) else ""


def external_summaries(store: Store) -> list[str]:
    """Every external summary the store was asked to keep."""
    return [
        changes["communication"].external_summary
        for changes in store.edits
        if "communication" in changes
    ]


def test_locked_summary_is_read_only_and_says_why(locked):
    page, _store = locked
    external = page.external
    assert external.locked
    assert external.text_edit.isReadOnly()
    assert external.text_edit.toPlainText() == DRAFT
    assert not external.lock_label.isHidden()
    assert "security incident" in external.lock_label.text()
    assert "legal/infosec sign off" in external.lock_label.text()
    assert external.text_edit.accessibleDescription() == external.lock_reason
    assert not external.signoff_group.isHidden(), "the sign-off can be recorded right here"


def test_typing_and_pasting_change_nothing(qtbot, locked):
    page, store = locked
    box = page.external.text_edit
    type_into(qtbot, box, "Attackers used a leaked key")
    QApplication.clipboard().setText("Internal detail: key id 42")
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    box.paste()
    qtbot.wait(TYPING_PAUSE_MS + 100)
    page.external.typing.finish()
    assert box.toPlainText() == DRAFT
    assert store.labels == []


def test_text_set_by_a_program_is_put_back_and_not_requested(qtbot, locked):
    page, store = locked
    box = page.external.text_edit
    box.setPlainText("Attackers used a leaked key")  # bypasses read-only, as a program may
    qtbot.wait(TYPING_PAUSE_MS + 100)  # the typing pause passes: the text is reported...
    assert store.labels == []  # ...and refused
    assert box.toPlainText() == DRAFT
    assert "was not done" in validation_message(page)
    box.setPlainText("Second try")
    page.external.typing.finish()
    assert store.labels == []
    assert box.toPlainText() == DRAFT


def test_requests_on_the_page_are_refused_too(locked):
    page, store = locked
    page.external.summary_requested.emit("Attackers used a leaked key")
    pm = store.stored
    leaked = dataclasses.replace(pm.communication, external_summary="Leaked", shared_where="x")
    page.request("communication", leaked, "Change Communication")
    assert store.labels == []
    assert "security incident" in validation_message(page)


def test_other_communication_edits_keep_the_locked_summary(qtbot, locked):
    page, store = locked
    where = page.communication.shared_where.input_widget
    type_into(qtbot, where, "#security-incidents")
    qtbot.keyClick(where, Qt.Key.Key_Return)
    assert store.labels == ["Change Where Shared"]
    assert external_summaries(store) == [DRAFT]


def test_signing_off_here_lifts_the_lock(qtbot, locked):
    page, store = locked
    signoff = page.external.signoff
    type_into(qtbot, signoff.by_edit, "Dana Lee (Legal)")
    assert store.labels == []
    qtbot.mouseClick(signoff.now_button, Qt.MouseButton.LeftButton)
    assert store.labels == ["Record Security Sign-off"]
    assert store.stored.security_signoff is not None
    assert store.stored.security_signoff.signed_by == "Dana Lee (Legal)"
    external = page.external
    assert not external.locked
    assert not external.text_edit.isReadOnly()
    assert external.lock_label.isHidden()
    assert signoff.status_label.text().startswith("Recorded: signed off by Dana Lee (Legal)")
    type_into(qtbot, external.text_edit, "Checkout was slow for 56 minutes.")
    external.typing.finish()
    assert store.labels[-1] == "Edit External Summary"
    assert store.stored.communication.external_summary == "Checkout was slow for 56 minutes."


def test_a_sign_off_time_typed_here(qtbot, locked):
    page, store = locked
    signoff = page.external.signoff
    type_into(qtbot, signoff.by_edit, "Sam Ortiz (Infosec)")
    type_into(qtbot, signoff.at_edit, "2026-11-07 09:30")
    qtbot.keyClick(signoff.at_edit, Qt.Key.Key_Return)
    assert store.labels == ["Record Security Sign-off"]
    assert not page.external.locked


def test_clearing_the_sign_off_locks_again(qtbot):
    page, store = make(qtbot, security_postmortem(security_signoff=SIGNED))
    external = page.external
    assert not external.locked
    assert not external.text_edit.isReadOnly()
    for edit in (external.signoff.by_edit, external.signoff.at_edit):
        edit.setFocus()
        edit.clear()
    external.signoff.at_edit.clearFocus()
    qtbot.waitUntil(lambda: bool(store.labels))
    assert store.labels == ["Clear Security Sign-off"]
    assert external.locked
    assert external.text_edit.isReadOnly()
    assert external.text_edit.toPlainText() == DRAFT


def test_a_security_incident_without_a_summary_shows_the_lock_as_placeholder(qtbot):
    pm = security_postmortem()
    pm = dataclasses.replace(
        pm, communication=dataclasses.replace(pm.communication, external_summary="")
    )
    page, _store = make(qtbot, pm)
    assert page.external.text_edit.placeholderText() == "Locked until legal/infosec sign off"
    assert page.reveal("security_signoff")
    assert page.external.signoff.by_edit.hasFocus()


def test_tab_passes_through_the_sign_off_to_the_summary(qtbot, locked):
    page, _store = locked
    policy = page.communication.policy.input_widget
    policy.setFocus()
    seen = [policy]
    for _ in range(4):
        qtbot.keyClick(seen[-1], Qt.Key.Key_Tab)
        seen.append(page.focusWidget())
    signoff = page.external.signoff
    assert seen[1:] == [
        signoff.by_edit,
        signoff.at_edit,
        signoff.now_button,
        page.external.text_edit,
    ]
