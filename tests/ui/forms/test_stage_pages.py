"""What every stage page keeps: built in order, quiet when shown, plain text, named controls,
notes for its own stage only."""

from __future__ import annotations

import dataclasses

import pytest

from app.domain.model import Postmortem, Stage
from app.ui.action_items.page import ActionItemsPage
from app.ui.application import build_pages
from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.follow_up import FollowUpPage
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.stage_page import StagePage
from app.ui.what_worked.page import WhatWorkedPage
from tests.ui.accessibility import check_plain_and_named

# The pages built on FormStagePage (stage notes, checked requests).
FORM_PAGES = [RootCauseStagePage, WhatWorkedPage, ActionItemsPage, FollowUpPage]


class Requests:
    def __init__(self, page: StagePage) -> None:
        self.calls: list[tuple[object, ...]] = []
        page.edit_requested.connect(lambda *args: self.calls.append(args))
        page.changes_requested.connect(lambda *args: self.calls.append(args))


def make(qtbot, page_type, pm: Postmortem):
    page = page_type()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.show_postmortem(pm)
    return page


def test_build_pages_covers_every_stage_in_order(qtbot):
    pages = build_pages()
    for page in pages.values():
        qtbot.addWidget(page)
    assert list(pages) == list(Stage)
    assert [type(page) for page in pages.values()][2:] == FORM_PAGES
    assert all(page.stage is stage for stage, page in pages.items())


@pytest.mark.parametrize("page_type", FORM_PAGES)
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


@pytest.mark.parametrize("page_type", FORM_PAGES)
def test_every_label_with_user_text_is_plain_and_every_control_named(qtbot, populated, page_type):
    check_plain_and_named(make(qtbot, page_type, populated))


@pytest.mark.parametrize("page_type", FORM_PAGES)
def test_page_notes_go_to_this_stage_only(qtbot, populated, page_type):
    page = make(qtbot, page_type, populated)
    requests = Requests(page)
    page.notes.input_widget.setPlainText("Paging worked")
    page.notes.typing.finish()
    field, value, label = requests.calls[-1]
    assert (field, label) == ("stage_notes", "Edit Stage Notes")
    assert value == {**populated.stage_notes, page.stage: "Paging worked"}
