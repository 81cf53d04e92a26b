"""The stage 2-6 pages: they show a postmortem silently and ask for edits the model accepts."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.model import (
    ActionItem,
    ObservationKind,
    Postmortem,
    Stage,
    default_follow_up_reviews,
)
from app.ui.application import build_pages
from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.forms import (
    ActionItemsStagePage,
    FollowUpStagePage,
    WhatWorkedStagePage,
)
from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.delegate import ChecklistEditor
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.stage_page import StagePage

SHOTS = Path("/tmp/retro-shots")
PAGES = [
    RootCauseStagePage,
    WhatWorkedStagePage,
    ActionItemsStagePage,
    FollowUpStagePage,
]


class Requests:
    def __init__(self, page: StagePage) -> None:
        self.calls: list[tuple[str, object, str]] = []
        page.edit_requested.connect(lambda *args: self.calls.append(args))


def make(qtbot, page_type, pm: Postmortem):
    page = page_type()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.show_postmortem(pm)
    return page


def cell(editor: CollectionEditor, row: int, name: str):
    return editor.model.index(row, [spec.name for spec in editor.model.columns].index(name))


def accepted(pm: Postmortem, request: tuple[str, object, str]) -> Postmortem:
    """The request applied as the window would: the model must accept it."""
    field, value, _label = request
    return dataclasses.replace(pm, **{field: value})


def test_build_pages_covers_every_stage_in_order(qtbot):
    pages = build_pages()
    for page in pages.values():
        qtbot.addWidget(page)
    assert list(pages) == list(Stage)
    assert [type(page) for page in pages.values()][2:] == PAGES
    assert all(page.stage is stage for stage, page in pages.items())


@pytest.mark.parametrize("page_type", PAGES)
def test_show_postmortem_emits_nothing(qtbot, populated, page_type):
    page = page_type()
    qtbot.addWidget(page)
    requests = Requests(page)
    page.show_postmortem(populated)
    page.show_postmortem(
        dataclasses.replace(
            populated, timeline=populated.timeline[::-1], stage_notes={}, published_on=None
        )
    )
    page.show_postmortem(populated)
    qtbot.wait(TYPING_PAUSE_MS + 100)  # past the typing pause: no pending commit may fire either
    assert requests.calls == []


@pytest.mark.parametrize("page_type", PAGES)
def test_every_label_with_user_text_is_plain_and_every_control_named(qtbot, populated, page_type):
    page = make(qtbot, page_type, populated)
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page):
            named = widget.accessibleName() or widget.objectName().startswith("qt_")
            assert named or type(widget).__name__ in {"QScrollBar", "QSplitterHandle"}, widget


def test_page_notes_go_to_this_stage_only(qtbot, populated):
    page = make(qtbot, WhatWorkedStagePage, populated)
    requests = Requests(page)
    page.notes.input_widget.setPlainText("Paging worked")
    page.notes.typing.finish()
    field, value, label = requests.calls[-1]
    assert (field, label) == ("stage_notes", "Edit Stage Notes")
    assert value == {**populated.stage_notes, Stage.WHAT_WORKED: "Paging worked"}
    assert accepted(populated, requests.calls[-1]).note(Stage.WHAT_WORKED) == "Paging worked"


def test_edits_keep_the_selection_through_the_round_trip(qtbot, populated, stand_in):
    page = make(qtbot, WhatWorkedStagePage, populated)
    window = stand_in(page, populated)
    page.observations.table.selectRow(2)
    page.observations.model.setData(cell(page.observations, 2, "text"), "Paging was fast")
    assert window.postmortem.observations[2].text == "Paging was fast"
    assert page.observations.selected_rows() == [2]
    assert cell(page.observations, 2, "text").data() == "Paging was fast"


def test_what_worked_page_shows_and_edits(qtbot, populated):
    page = make(qtbot, WhatWorkedStagePage, populated)
    assert cell(page.observations, 2, "kind").data() == "Where we got lucky"
    assert cell(page.observations, 1, "event_ids").data() == (
        "2024-03-05 14:02 Deploy 4812 rolls out new cache config, "
        "2024-03-05 14:09 p99 latency alert fires for checkout"
    )
    requests = Requests(page)
    page.observations.model.setData(cell(page.observations, 2, "kind"), ObservationKind.WENT_WELL)
    (request,) = requests.calls
    assert request[2] == "Edit Observation Kind"
    assert accepted(populated, request).observations[2].kind is ObservationKind.WENT_WELL


def test_action_items_page_picks_causes_from_a_checklist(qtbot, populated):
    page = make(qtbot, ActionItemsStagePage, populated)
    assert cell(page.action_items, 0, "due").data() == "2024-04-01"
    assert cell(page.action_items, 1, "cause_ids").data() == (
        "Cause: Config validator skipped TTL field, Why: TTL was zero in the new config"
    )
    assert cell(page.appendix, 1, "kind").data() == "Log"
    requests = Requests(page)
    index = cell(page.action_items, 0, "cause_ids")
    page.action_items.table.setCurrentIndex(index)
    page.action_items.table.edit(index)
    checklist = page.action_items.table.indexWidget(index)
    assert isinstance(checklist, ChecklistEditor)
    assert checklist.count() == 6  # four causes and two whys
    checklist.item(0).setCheckState(Qt.CheckState.Checked)
    page.action_items.table.commitData(checklist)
    (request,) = requests.calls
    assert request[2] == "Edit Action Item Addresses"
    assert accepted(populated, request).action_items[0].cause_ids == ("c1", "c4")


def test_action_items_page_adds_an_item(qtbot, populated):
    page = make(qtbot, ActionItemsStagePage, populated)
    requests = Requests(page)
    page.action_items.add_button.click()
    added = requests.calls[-1][1][-1]
    assert isinstance(added, ActionItem)
    assert added.title == "New action item"
    accepted(populated, requests.calls[-1])


def test_follow_up_page_shows_and_edits(qtbot, populated):
    page = make(qtbot, FollowUpStagePage, populated)
    assert page.communication.editor("shared_at").input_widget.text() == "2024-03-06 10:00"
    assert (
        page.communication.editor("external_postmortem_required").input_widget.currentText() == "No"
    )
    assert page.published_on.input_widget.text() == "2024-03-08"
    assert page.reviews.model.rowCount() == 2
    assert not page.add_default_reviews.isEnabled(), "30 and 60 days are already scheduled"
    requests = Requests(page)
    box = page.published_on.input_widget
    box.selectAll()
    qtbot.keyClicks(box, "2024-03-12")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    (request,) = requests.calls
    assert request[:1] == ("published_on",)
    assert request[2] == "Change Published on"
    assert accepted(populated, request).published_on == date(2024, 3, 12)


def test_follow_up_default_reviews_need_a_publication_date(qtbot, populated):
    unpublished = dataclasses.replace(populated, published_on=None, follow_up_reviews=())
    page = make(qtbot, FollowUpStagePage, unpublished)
    assert not page.add_default_reviews.isEnabled()
    assert "publication date" in page.add_default_reviews.toolTip()
    published = dataclasses.replace(unpublished, published_on=date(2024, 6, 1))
    page.show_postmortem(published)
    assert page.add_default_reviews.isEnabled()
    requests = Requests(page)
    page.add_default_reviews.click()
    (request,) = requests.calls
    assert request[2] == "Add 30/60-day Reviews"
    dues = [review.due for review in accepted(published, request).follow_up_reviews]
    assert dues == [review.due for review in default_follow_up_reviews(date(2024, 6, 1))]


@pytest.mark.parametrize("page_type", PAGES)
def test_screenshot(qtbot, populated, page_type):
    """One picture per page at 1280x800 for a person to look at; checks it is not blank."""
    page = make(qtbot, page_type, populated)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pixmap = page.grab()
    path = SHOTS / f"stage{page.stage.value}.png"
    assert pixmap.save(str(path))
    image = pixmap.toImage()
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 5
