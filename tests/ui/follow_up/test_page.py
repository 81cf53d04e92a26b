"""The stage 6 page: communication edits and their undo labels, the policy hint, reviews."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.domain.model import Postmortem, SecuritySignOff, Stage, default_follow_up_reviews
from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.follow_up.page import FollowUpPage
from tests.ui.accessibility import check_plain_and_named
from tests.ui.follow_up.conftest import (
    Store,
    follow_up_postmortem,
    security_postmortem,
    utc,
)


def make(qtbot, pm: Postmortem) -> tuple[FollowUpPage, Store]:
    page = FollowUpPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page, Store(page, pm)


def type_into(qtbot, widget: QWidget, text: str, *, replace: bool = True) -> None:
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_show_postmortem_emits_nothing(qtbot, postmortem):
    page = FollowUpPage()
    qtbot.addWidget(page)
    requests = []
    page.edit_requested.connect(lambda *args: requests.append(args))
    page.changes_requested.connect(lambda *args: requests.append(args))
    other = dataclasses.replace(
        security_postmortem(), id=8, published_on=None, follow_up_reviews=()
    )
    for pm in (postmortem, other, postmortem, dataclasses.replace(postmortem, stage_notes={})):
        page.show_postmortem(pm)
    qtbot.wait(TYPING_PAUSE_MS + 100)  # no typing pause may fire either
    assert requests == []


def test_shows_the_stored_communication(qtbot, postmortem):
    page, _store = make(qtbot, postmortem)
    comms = page.communication
    assert comms.internal_summary.input_widget.toPlainText().startswith("Checkout p99 rose")
    assert comms.shared_where.input_widget.text() == "#incidents, eng-all"
    assert comms.shared_at.input_widget.text() == "2026-11-06 10:00"
    assert comms.policy.input_widget.currentText() == "Yes"
    assert page.notes.input_widget.toPlainText() == "Book the review rooms"
    assert page.exit_label.text().startswith("Exit condition met")


def test_internal_summary_typed_is_one_edit_at_the_pause(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    box = page.communication.internal_summary.input_widget
    type_into(qtbot, box, "Slow checkouts for 56 minutes; cache TTL was zero.")
    qtbot.waitUntil(lambda: bool(store.labels))
    assert store.labels == ["Edit Internal Summary"]
    assert store.stored.communication.internal_summary == (
        "Slow checkouts for 56 minutes; cache TTL was zero."
    )
    assert store.stored.communication.shared_where == "#incidents, eng-all"


def test_where_and_when_shared(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    comms = page.communication
    type_into(qtbot, comms.shared_where.input_widget, "#incidents")
    qtbot.keyClick(comms.shared_where.input_widget, Qt.Key.Key_Return)
    type_into(qtbot, comms.shared_at.input_widget, "2026-11-06 11:15")
    qtbot.keyClick(comms.shared_at.input_widget, Qt.Key.Key_Return)
    assert store.labels == ["Change Where Shared", "Change When Shared"]
    assert store.stored.communication.shared_where == "#incidents"
    assert store.stored.communication.shared_at == datetime(2026, 11, 6, 11, 15, tzinfo=UTC)


def test_now_button_records_the_current_utc_minute(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    qtbot.mouseClick(page.communication.now_button, Qt.MouseButton.LeftButton)
    after = datetime.now(UTC)
    assert store.labels == ["Change When Shared"]
    shared_at = store.stored.communication.shared_at
    assert shared_at is not None
    assert before <= shared_at <= after
    assert shared_at.second == 0


def test_an_unreadable_time_is_kept_and_not_requested(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    editor = page.communication.shared_at
    type_into(qtbot, editor.input_widget, "yesterday at ten")
    qtbot.keyClick(editor.input_widget, Qt.Key.Key_Return)
    assert store.labels == []
    assert editor.input_widget.text() == "yesterday at ten"
    assert "YYYY-MM-DD HH:MM" in editor.error


def test_policy_no_says_the_customer_export_is_optional(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    combo = page.communication.policy.input_widget
    assert "requires an external postmortem" in page.external.policy_label.text()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Yes -> No, as the keyboard picks it
    assert store.labels == ["Change External Postmortem Policy"]
    assert store.stored.communication.external_postmortem_required is False
    assert "customer-facing export are optional" in page.external.policy_label.text()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert store.stored.communication.external_postmortem_required is None
    assert page.external.policy_label.text().startswith("Not decided yet")
    assert "Decide whether policy requires" in page.exit_label.text()


def test_external_summary_is_editable_when_not_a_security_incident(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    external = page.external
    assert not external.locked
    assert external.signoff_group.isHidden()
    assert external.lock_label.isHidden()
    type_into(qtbot, external.text_edit, "Checkout was slow for 56 minutes on 3 November.")
    external.typing.finish()
    assert store.labels == ["Edit External Summary"]
    assert store.stored.communication.external_summary.startswith("Checkout was slow")


def test_notes_are_this_stages_only(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    type_into(qtbot, page.notes.input_widget, "Rooms booked")
    page.notes.typing.finish()
    assert store.labels == ["Edit Stage Notes"]
    assert store.stored.stage_notes == {Stage.FOLLOW_UP: "Rooms booked"}


@pytest.mark.parametrize("security", [False, True], ids=["plain", "security"])
def test_user_text_is_plain_and_every_control_named(qtbot, security):
    markup = "<b>Dana</b> <img src='x'>"
    pm = (security_postmortem if security else follow_up_postmortem)(
        communication=dataclasses.replace(
            follow_up_postmortem().communication, internal_summary=markup
        ),
        security_signoff=SecuritySignOff(markup, utc("2026-11-07 09:30")) if security else None,
    )
    page, _store = make(qtbot, pm)
    check_plain_and_named(page)
    assert page.communication.internal_summary.input_widget.toPlainText() == markup
    if security:
        assert markup in page.external.signoff.status_label.text()


def test_tab_walks_the_page_top_to_bottom(qtbot, postmortem):
    page, _store = make(qtbot, postmortem)
    comms = page.communication
    start = comms.internal_summary.input_widget
    start.setFocus()
    seen = [start]
    for _ in range(5):
        qtbot.keyClick(seen[-1], Qt.Key.Key_Tab)
        seen.append(page.focusWidget())
    assert seen == [
        start,
        comms.shared_where.input_widget,
        comms.shared_at.input_widget,
        comms.now_button,
        comms.policy.input_widget,
        page.external.text_edit,
    ]


def test_reveal_selects_a_review_or_focuses_a_field(qtbot, postmortem):
    page, _store = make(qtbot, postmortem)
    assert page.reveal("r2")
    assert page.reviews.table.selected_rows() == [1]
    assert page.reviews.table.table.hasFocus()
    assert page.reveal("external_summary")
    assert page.external.text_edit.hasFocus()
    assert not page.reveal("security_signoff"), "no sign-off editor outside security incidents"
    assert not page.reveal("no-such-review")


def test_stale_typing_is_dropped_when_another_postmortem_is_shown(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    where = page.communication.shared_where.input_widget
    type_into(qtbot, where, "half typed")
    other = follow_up_postmortem(id=8, published_on=date(2026, 1, 5))
    page.show_postmortem(other)
    assert where.text() == "#incidents, eng-all"
    assert page.reviews.published_on.input_widget.text() == "2026-01-05"
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert store.labels == []


def test_default_reviews_follow_the_publication_date(qtbot):
    pm = follow_up_postmortem(follow_up_reviews=())
    page, store = make(qtbot, pm)
    reviews = page.reviews
    assert "No follow-up reviews scheduled yet" in reviews.empty_label.text()
    assert reviews.defaults_button.isEnabled()
    assert not reviews.calendar_button.isEnabled()
    qtbot.mouseClick(reviews.defaults_button, Qt.MouseButton.LeftButton)
    assert store.labels == ["Add 30/60-day Reviews"]
    dues = [review.due for review in store.stored.follow_up_reviews]
    assert dues == [review.due for review in default_follow_up_reviews(date(2026, 11, 10))]
    assert dues == [date(2026, 12, 10), date(2027, 1, 9)]
    assert not reviews.defaults_button.isEnabled()
    assert reviews.empty_label.isHidden()
    assert reviews.progress_label.text() == "0 of 2 done. Next review due 2026-12-10."


def test_without_a_publication_date_the_page_says_so_and_offers_to_set_it(qtbot):
    pm = follow_up_postmortem(published_on=None, follow_up_reviews=())
    page, store = make(qtbot, pm)
    reviews = page.reviews
    assert reviews.publication_hint.text().startswith("Not published yet")
    assert not reviews.defaults_button.isEnabled()
    assert "publication date first" in reviews.defaults_button.toolTip()
    qtbot.mouseClick(reviews.today_button, Qt.MouseButton.LeftButton)
    assert store.labels == ["Change Published On"]
    assert store.stored.published_on == date.today()
    assert reviews.publication_hint.isHidden()
    assert reviews.today_button.isHidden()
    assert reviews.defaults_button.isEnabled()


def test_publication_date_typed(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    box = page.reviews.published_on.input_widget
    type_into(qtbot, box, "2026-11-12")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert store.labels == ["Change Published On"]
    assert store.stored.published_on == date(2026, 11, 12)
    assert "Schedule reviews on 2026-12-12 and 2027-01-11" in (
        page.reviews.defaults_button.toolTip()
    )


def test_done_by_keyboard_and_notes_per_review(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    table = page.reviews.table.table
    model = page.reviews.table.model
    table.setFocus()
    table.setCurrentIndex(model.index(1, 1))  # the second review's Done cell
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert store.labels == ["Mark Follow-up Review Done"]
    assert store.stored.follow_up_reviews[1].done
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert store.labels[-1] == "Mark Follow-up Review Not Done"
    table.setCurrentIndex(model.index(1, 2))  # Notes: typing starts editing the cell
    qtbot.keyClick(table, "A")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert table.isAncestorOf(editor)
    qtbot.keyClicks(editor, "lert tuned")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: store.labels[-1] == "Edit Follow-up Review Notes")
    assert store.stored.follow_up_reviews[1].notes == "Alert tuned"
    assert page.reviews.progress_label.text() == "1 of 2 done. Next review due 2027-01-09."


def test_add_schedules_after_the_last_review_and_delete_removes(qtbot, postmortem):
    page, store = make(qtbot, postmortem)
    table = page.reviews.table.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert store.labels == ["Add Follow-up Review"]
    added = store.stored.follow_up_reviews[-1]
    assert added.due == date(2027, 1, 9) + timedelta(days=30)
    assert page.reviews.table.selected_rows() == [2]
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert store.labels[-1] == "Remove Follow-up Review"
    assert [review.id for review in store.stored.follow_up_reviews] == ["r1", "r2"]
