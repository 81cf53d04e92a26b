"""The final review and the follow-ups view beside the main window, and the library's tracker
pattern shared with the pages."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt

from app.domain.model import Stage
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.ui.review import panel as panel_module
from tests.domain.review_samples import ready

TODAY = date(2026, 3, 10)  # before the sample's due dates


def open_review(window):
    review = window.side_windows.show_review()
    review.panel.today = TODAY
    review.show_postmortem(window.current_postmortem())
    return review


def open_window(main_window, *postmortems):
    window = main_window(list(postmortems))
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    return window, postmortem_id


def test_the_review_opens_on_the_open_postmortem_and_follows_its_edits(main_window, qtbot):
    window, _postmortem_id = open_window(main_window, ready(follow_up_reviews=()))
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.side_windows.review is not None
    assert window.side_windows.review.isVisible()
    review = open_review(window)
    failing = [row.item.key for row in review.panel.rows if not row.item.passed]
    assert "follow_up_scheduled" in failing
    window.request_changes({"follow_up_reviews": ready().follow_up_reviews}, "Add Reviews")
    assert all(row.item.passed for row in review.panel.rows)
    review.close()


def test_go_to_from_the_review_opens_the_stage(main_window):
    window, _id = open_window(main_window, ready(follow_up_reviews=()))
    review = open_review(window)
    row = next(row for row in review.panel.rows if not row.item.passed)
    row.go.click()
    assert window.current_stage() is Stage.FOLLOW_UP
    review.close()


def test_keeping_a_flag_in_the_review_is_stored_and_undoable(main_window, monkeypatch):
    pm = ready(impact=dataclasses.replace(ready().impact, summary="Pure human error."))
    window, postmortem_id = open_window(main_window, pm)
    review = open_review(window)
    monkeypatch.setattr(panel_module, "ask_dismissal_reason", lambda *_: "Quoting the vendor")
    review.panel.keep_button.click()
    stored = window.library.load(postmortem_id)
    assert [d.reason for d in stored.coaching_dismissals] == ["Quoting the vendor"]
    assert window.menu_actions.undo.text() == "Undo Keep Flagged Wording"
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).coaching_dismissals == ()
    assert review.panel.keep_button.isEnabled()
    review.close()


def test_the_follow_ups_view_opens_an_action_item_on_stage_5(main_window, qtbot):
    window, postmortem_id = open_window(main_window, ready())
    window.close_postmortem()
    view = window.side_windows.show_follow_ups()
    view.today = TODAY
    view.refresh()
    assert view.follow_ups.action_items
    item = view.follow_ups.action_items[0]
    view.open_requested.emit(item.postmortem_id, Stage.ACTION_ITEMS, item.item.id)
    assert window.current_postmortem_id() == postmortem_id
    assert window.current_stage() is Stage.ACTION_ITEMS
    page = window.stage_area.pages[Stage.ACTION_ITEMS]
    assert page.editor.current_item().id == item.item.id
    view.close()


def test_the_tracker_pattern_is_kept_in_the_library_and_given_to_pages(main_window):
    window, _id = open_window(main_window, ready())
    page = window.stage_area.pages[Stage.ACTION_ITEMS]
    pattern = "https://tracker.example.com/browse/{key}"
    page.tracker_pattern_changed.emit(pattern)
    assert window.library.setting(TRACKER_PATTERN_KEY) == pattern
    assert page.tracker_pattern == pattern
    assert window.stage_area.pages[Stage.FOLLOW_UP]._tracker_pattern == pattern
