"""The bar in a real main window: a capture is stored as one undo step and undone, the zone and
the selected answer come from the pages, and a stage chosen by name is shown.

The window's own wiring of the bar belongs to the window; ``wire`` here does what it will do:
store each request with ``request_changes`` and push the stored postmortem back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.domain.model import Stage
from app.domain.quick_capture import STAGE_KEY_PREFIX
from app.render.elements import element_id
from app.ui.main_window import MainWindow
from app.ui.quick_capture import QuickCaptureBar
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.timeline.page import TimelineStagePage
from tests.ui.quick_capture.conftest import RAISED_AT, sample_postmortem

Enter = Qt.Key.Key_Return


def pages(window: MainWindow) -> tuple[TimelineStagePage, RootCauseStagePage]:
    timeline = window.stage_area.pages[Stage.TIMELINE]
    root_cause = window.stage_area.pages[Stage.ROOT_CAUSE]
    assert isinstance(timeline, TimelineStagePage)
    assert isinstance(root_cause, RootCauseStagePage)
    return timeline, root_cause


def wire(window: MainWindow) -> QuickCaptureBar:
    bar = QuickCaptureBar(window.centralWidget(), clock=lambda: RAISED_AT)
    timeline, root_cause = pages(window)

    def push() -> None:
        bar.set_context(
            window.current_postmortem(),
            window.current_stage(),
            timeline.zone,
            root_cause.selected_why_id(),
        )

    def store(changes: dict[str, object], label: str, _stage: Stage) -> None:
        window.request_changes(changes, label)
        push()

    def run(key: str) -> None:
        window.go_to_stage(Stage(int(key.removeprefix(STAGE_KEY_PREFIX))))
        push()

    bar.changes_requested.connect(store)
    bar.command_chosen.connect(run)
    window.undo_stack.indexChanged.connect(lambda _index: push())
    push()
    return bar


def opened(main_window):
    window = main_window([sample_postmortem()])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    return window, postmortem_id


def test_captures_are_stored_and_each_undone_as_one_step(main_window, qtbot) -> None:
    window, postmortem_id = opened(main_window)
    bar = wire(window)
    bar.open()
    qtbot.keyClicks(bar.field, "! rollback button for deploys")
    qtbot.keyClick(bar.field, Enter)
    qtbot.keyClicks(bar.field, "# vendor SLA")
    qtbot.keyClick(bar.field, Enter)
    stored = window.library.load(postmortem_id)
    assert [item.title for item in stored.action_items] == ["rollback button for deploys"]
    ((point),) = stored.parking_lot
    assert (point.text, point.raised_during, point.raised_at) == (
        "vendor SLA",
        Stage.SCOPE,
        RAISED_AT,
    )
    assert window.undo_stack.undoText() == "Park a Point"
    window.undo_stack.undo()
    assert window.library.load(postmortem_id).parking_lot == ()
    assert window.undo_stack.undoText() == "Add Action Item"
    window.undo_stack.undo()
    assert window.library.load(postmortem_id).action_items == ()
    assert bar.isVisible()  # the meeting goes on capturing


def test_the_pages_give_the_zone_and_the_answer_a_why_goes_under(main_window, qtbot) -> None:
    window, postmortem_id = opened(main_window)
    timeline, root_cause = pages(window)
    assert timeline.toolbar.zone_picker.choose("America/New_York")
    assert root_cause.whys.outline.select(element_id("why", "w1"), focus=False)
    bar = wire(window)
    bar.open()
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
    bar = wire(window)
    bar.open()
    qtbot.keyClicks(bar.field, "timeline")
    qtbot.keyClick(bar.field, Enter)
    assert window.current_stage() is Stage.TIMELINE
    assert not bar.isVisible()
