"""The Follow-ups view on a real library, opening what it lists in the window."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt

from app.domain.model import ActionStatus, FollowUpReview, Stage
from app.ui.follow_up.page import FollowUpPage
from app.ui.followups.view import FollowUpsView
from tests.ui.follow_up.conftest import demo_postmortem, use_follow_up_page


def test_lists_the_library_and_opens_a_review_on_stage_6(qtbot, main_window, monkeypatch):
    use_follow_up_page(monkeypatch)
    demo = demo_postmortem()
    done = dataclasses.replace(demo.action_items[0], status=ActionStatus.DONE)
    demo = dataclasses.replace(
        demo,
        action_items=(done, *demo.action_items[1:]),
        published_on=date(2026, 11, 10),
        follow_up_reviews=(
            FollowUpReview("r30", date(2026, 12, 10), done=True),
            FollowUpReview("r60", date(2027, 1, 9)),
        ),
    )
    window = main_window([demo], show=False)
    (postmortem_id,) = window.library.postmortem_ids()
    view = FollowUpsView(window.library.follow_ups)
    qtbot.addWidget(view)
    view.today = date(2027, 1, 20)

    def open_item(number: int, stage: Stage, item_id: str) -> None:
        window.open_postmortem(number)
        window.reveal(stage, item_id)

    view.open_requested.connect(open_item)
    view.refresh()
    open_titles = [entry.item.title for entry in view.follow_ups.action_items]
    assert open_titles, "the demo has open action items"
    assert done.title not in open_titles
    assert [entry.review.id for entry in view.follow_ups.reviews] == ["r60"]
    assert view.follow_ups.reviews[0].overdue
    assert view.counts_label.text().endswith("1 upcoming review, 1 overdue")

    table = view.reviews_table
    table.setCurrentIndex(table.proxy.index(0, 0))
    table.activated.emit(table.currentIndex())  # as Enter or a double click does
    assert window.current_postmortem_id() == postmortem_id
    assert window.current_stage() is Stage.FOLLOW_UP
    page = window.current_page()
    assert isinstance(page, FollowUpPage)
    assert page.reviews.table.selected_rows() == [1]
    assert (
        table.selectionModel()
        .currentIndex()
        .data(Qt.ItemDataRole.DisplayRole)
        .startswith("Overdue")
    )
