"""The stage 6 page in the real window: edits are stored, undone in one step, and the sign-off
recorded here is the one stage 1 shows."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.domain.model import Stage
from app.ui.follow_up.page import FollowUpPage
from tests.ui.follow_up.conftest import demo_postmortem, use_follow_up_page
from tests.ui.follow_up.test_page import type_into


@pytest.fixture
def opened(main_window, monkeypatch):
    """A window with this page as stage 6, on the demo postmortem flagged as a security incident."""
    use_follow_up_page(monkeypatch)
    demo = dataclasses.replace(
        demo_postmortem(), security_incident=True, published_on=date(2026, 11, 10)
    )
    window = main_window([demo])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    window.go_to_stage(Stage.FOLLOW_UP)
    page = window.current_page()
    assert isinstance(page, FollowUpPage)
    return window, postmortem_id, page


def test_typing_is_stored_and_undone_in_one_step(qtbot, opened):
    window, postmortem_id, page = opened
    box = page.communication.internal_summary.input_widget
    type_into(qtbot, box, "Slow checkouts for 56 minutes.")
    qtbot.waitUntil(lambda: window.menu_actions.undo.text() == "Undo Edit Internal Summary")
    stored = window.library.load(postmortem_id).communication
    assert stored.internal_summary == "Slow checkouts for 56 minutes."
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.library.load(postmortem_id).communication.internal_summary == "")
    assert box.toPlainText() == ""


def test_defaults_and_sign_off_from_stage_6_reach_the_library_and_stage_1(qtbot, opened):
    window, postmortem_id, page = opened
    qtbot.mouseClick(page.reviews.defaults_button, Qt.MouseButton.LeftButton)
    reviews = window.library.load(postmortem_id).follow_up_reviews
    assert [review.due for review in reviews] == [date(2026, 12, 10), date(2027, 1, 9)]
    assert window.menu_actions.undo.text() == "Undo Add 30/60-day Reviews"

    assert page.external.locked
    signoff = page.external.signoff
    type_into(qtbot, signoff.by_edit, "Dana Lee (Legal)")
    qtbot.mouseClick(signoff.now_button, Qt.MouseButton.LeftButton)
    stored = window.library.load(postmortem_id)
    assert stored.security_signoff is not None
    assert stored.security_signoff.signed_by == "Dana Lee (Legal)"
    assert not page.external.locked
    scope_signoff = window.stage_area.pages[Stage.SCOPE].form.signoff
    assert scope_signoff.by_edit.text() == "Dana Lee (Legal)"

    type_into(qtbot, page.external.text_edit, "Checkout was slow for 56 minutes.")
    page.external.typing.finish()
    assert window.library.load(postmortem_id).communication.external_summary == (
        "Checkout was slow for 56 minutes."
    )
    window.undo_stack.undo()
    window.undo_stack.undo()  # the sign-off too: the summary locks again
    assert window.library.load(postmortem_id).security_signoff is None
    assert page.external.locked
    assert page.external.text_edit.toPlainText() == ""


def test_parking_lot_changes_are_stored_and_each_undone(qtbot, opened):
    window, postmortem_id, page = opened
    lot = page.parking_lot
    assert not page.meeting_record.table.isHidden()  # the demo's meeting has run

    def stored():
        return window.library.load(postmortem_id).parking_lot

    before = stored()
    lot.entry.setFocus()
    qtbot.keyClicks(lot.entry, "Stale runbook link")
    qtbot.keyClick(lot.entry, Qt.Key.Key_Return)
    assert [p.text for p in stored()] == [*(p.text for p in before), "Stale runbook link"]
    assert window.menu_actions.undo.text() == "Undo Park a Point"

    first = before[0]
    assert not first.done
    assert page.reveal(first.id)
    qtbot.keyClick(lot.view, Qt.Key.Key_Space)
    assert stored()[0].done
    assert window.menu_actions.undo.text() == "Undo Mark Parked Point Done"

    assert page.reveal(first.id)
    qtbot.keyClick(lot.view, Qt.Key.Key_Delete)
    assert first.id not in [p.id for p in stored()]
    assert window.menu_actions.undo.text() == "Undo Remove Parked Point"

    for _ in range(3):
        window.undo_stack.undo()
    assert stored() == before
    assert sorted(p.id for p in lot.model.points) == sorted(p.id for p in before)
