"""The bar in the real main window: Ctrl+K and the parking-lot key open it, a capture is stored
as one undo step and undone, the zone and the selected answer come from the pages, stages and
commands run by name, and while presenting a capture keeps the private parts it cannot see.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from app.domain.model import Stage, TimelineEvent
from app.render.elements import element_id
from app.ui.main_window import MainWindow
from app.ui.quick_capture import QuickCaptureBar
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.timeline.page import TimelineStagePage
from tests.ui.quick_capture.conftest import sample_postmortem

Enter = Qt.Key.Key_Return


def pages(window: MainWindow) -> tuple[TimelineStagePage, RootCauseStagePage]:
    timeline = window.stage_area.pages[Stage.TIMELINE]
    root_cause = window.stage_area.pages[Stage.ROOT_CAUSE]
    assert isinstance(timeline, TimelineStagePage)
    assert isinstance(root_cause, RootCauseStagePage)
    return timeline, root_cause


def open_bar(window: MainWindow, *, park: bool = False) -> QuickCaptureBar:
    actions = window.menu_actions
    (actions.park if park else actions.quick_capture).trigger()
    assert window.quick_capture.isVisible()
    return window.quick_capture


def opened(main_window):
    window = main_window([sample_postmortem()])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    return window, postmortem_id


def test_captures_are_stored_and_each_undone_as_one_step(main_window, qtbot) -> None:
    window, postmortem_id = opened(main_window)
    window.go_to_stage(Stage.ROOT_CAUSE)
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "! rollback button for deploys")
    qtbot.keyClick(bar.field, Enter)
    assert window.current_stage() is Stage.ROOT_CAUSE  # captured without leaving the page
    bar.dismiss()
    bar = open_bar(window, park=True)
    assert bar.field.text() == "# "
    qtbot.keyClicks(bar.field, "vendor SLA")
    qtbot.keyClick(bar.field, Enter)
    stored = window.library.load(postmortem_id)
    assert [item.title for item in stored.action_items] == ["rollback button for deploys"]
    ((point),) = stored.parking_lot
    assert (point.text, point.raised_during) == ("vendor SLA", Stage.ROOT_CAUSE)
    assert datetime.now(UTC) - point.raised_at < timedelta(minutes=1)
    assert window.undo_stack.undoText() == "Park a Point"
    window.undo_stack.undo()
    assert window.library.load(postmortem_id).parking_lot == ()
    assert window.undo_stack.undoText() == "Add Action Item"
    window.undo_stack.undo()
    assert window.library.load(postmortem_id).action_items == ()
    assert window.current_stage() is Stage.ACTION_ITEMS  # undo shows where the item was
    assert bar.isVisible()  # the meeting goes on capturing


def test_the_pages_give_the_zone_and_the_answer_a_why_goes_under(main_window, qtbot) -> None:
    window, postmortem_id = opened(main_window)
    timeline, root_cause = pages(window)
    assert timeline.toolbar.zone_picker.choose("America/New_York")
    assert root_cause.whys.outline.select(element_id("why", "w1"), focus=False)
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "09:15 pager fired")
    qtbot.keyClick(bar.field, Enter)
    qtbot.keyClicks(bar.field, "? why no backoff")
    qtbot.keyClick(bar.field, Enter)
    stored = window.library.load(postmortem_id)
    event = next(event for event in stored.timeline if event.description == "pager fired")
    assert event.at == datetime(2024, 3, 5, 14, 15, tzinfo=UTC)
    assert stored.whys[-1].text == "why no backoff"
    assert stored.whys[-1].parent_id == "w1"


def test_a_stage_found_by_name_is_shown(main_window, qtbot) -> None:
    window, _id = opened(main_window)
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "timeline")
    qtbot.keyClick(bar.field, Enter)
    assert window.current_stage() is Stage.TIMELINE
    assert not bar.isVisible()


def test_a_command_found_by_name_runs(main_window, qtbot) -> None:
    window, _id = opened(main_window)
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "presentation")
    qtbot.keyClick(bar.field, Enter)
    assert window.presentation.active
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "export")
    assert "Export" not in [label for _key, label in bar.commands()], "disabled while presenting"
    bar.dismiss()
    window.menu_actions.present.trigger()
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "export")
    qtbot.keyClick(bar.field, Enter)
    dialog = window.side_windows.export
    assert dialog is not None
    assert dialog.isVisible()
    dialog.reject()


def test_a_capture_while_presenting_keeps_what_the_screen_hides(main_window, qtbot) -> None:
    hidden = TimelineEvent(
        "e-private", datetime(2024, 3, 5, 14, 50, tzinfo=UTC), "Paged Ana", internal_only=True
    )
    pm = sample_postmortem()
    window = main_window([dataclasses.replace(pm, timeline=(*pm.timeline, hidden))])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    before = window.library.load(postmortem_id)
    window.menu_actions.present.trigger()
    bar = open_bar(window)
    qtbot.keyClicks(bar.field, "09:40 traffic drained")
    qtbot.keyClick(bar.field, Enter)
    stored = window.library.load(postmortem_id)
    assert [e for e in stored.timeline if e.internal_only] == [
        e for e in before.timeline if e.internal_only
    ]
    assert any(event.description == "traffic drained" for event in stored.timeline)
    window.menu_actions.present.trigger()
