"""Presentation mode: the toggle and exact restore, the zoom, and nothing private on screen."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSplitter

from app.domain.model import (
    CoachingDismissal,
    Milestone,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Stage,
    TimelineEvent,
)
from app.domain.presentation import private_texts
from app.store import Library
from app.ui.application import create_main_window
from app.ui.main_window import MainWindow
from app.ui.text_zoom import DEFAULT_PRESENTATION_ZOOM
from app.ui.theme import applied_theme
from tests.store.samples import full_postmortem
from tests.ui.private_text import leaks, visible_texts

SECRET_EVENT = "Paged Ana privately on +1 555 0100"
SECRET_EVIDENCE = "https://chat.internal/PRIVATE-EVIDENCE"
SECRET_ENTERED = "03:20 PRIVATE-ZONE"
SECRET_CONTACT = "ana.private@example.com"
SECRET_TERM = "acct-PRIVATE-7731"
SECRET_NOTES = "PRIVATE-NOTES: Ana was on call alone"
SECRETS = {SECRET_EVENT, SECRET_EVIDENCE, SECRET_ENTERED, SECRET_CONTACT, SECRET_TERM, SECRET_NOTES}


def private_postmortem() -> Postmortem:
    """A full postmortem with a private text in every private field, linked from public parts."""
    base = full_postmortem("Checkout outage")
    hidden = TimelineEvent(
        "ev-private",
        datetime(2026, 3, 14, 3, 20, tzinfo=UTC),
        SECRET_EVENT,
        evidence=SECRET_EVIDENCE,
        internal_only=True,
        key_event=True,
        entered_as=SECRET_ENTERED,
    )
    public = (dataclasses.replace(event, internal_only=False) for event in base.timeline)
    timeline = (*public, hidden)
    causes = tuple(
        dataclasses.replace(cause, evidence=(*cause.evidence, "event:ev-private"))
        for cause in base.causes
    )
    return dataclasses.replace(
        base,
        timeline=timeline,
        causes=causes,
        participants=(
            *(dataclasses.replace(person, contact="") for person in base.participants),
            Participant("Ana Lima", "on call", SECRET_CONTACT),
        ),
        redaction_terms=(SECRET_TERM,),
        private_notes=SECRET_NOTES,
        observations=(
            *base.observations,
            Observation("o-private", ObservationKind.WENT_WELL, "Paging worked", ("ev-private",)),
        ),
        coaching_dismissals=(
            *base.coaching_dismissals,
            CoachingDismissal("d-private", "timeline[ev-private].description", "Ana", "a quote"),
        ),
    )


def test_the_sample_hides_a_secret_in_every_private_field() -> None:
    assert private_texts(private_postmortem()) == SECRETS


@pytest.fixture
def window(main_window) -> MainWindow:
    win = main_window([private_postmortem()])
    summary = win.library.summaries()[0]
    win.open_postmortem(summary.id)
    return win


def snapshot(win: MainWindow) -> dict[str, object]:
    return {
        "font": QApplication.font().pointSizeF(),
        "window colour": QApplication.palette().color(QPalette.ColorRole.Window).name(),
        "library": win.library_panel.isVisible(),
        "library action": win.menu_actions.toggle_library.isChecked(),
        "splitters": [
            (s.orientation(), s.sizes()) for s in win.findChildren(QSplitter) if s.isVisible()
        ],
        "geometry": win.geometry().getRect(),
        "stage": win.current_stage(),
    }


def settled(qtbot, win: MainWindow) -> dict[str, object]:
    """The snapshot once the layouts stop moving (pages lay out over several event-loop turns)."""
    previous = snapshot(win)
    for _ in range(50):
        qtbot.wait(20)
        current = snapshot(win)
        if current == previous:
            return current
        previous = current
    raise AssertionError("the layout never settled")


def tour(qtbot, win: MainWindow) -> dict[Stage, dict[str, object]]:
    """Each stage's settled layout, visiting them in order and coming back to the first."""
    start = win.current_stage()
    layouts = {}
    for stage in Stage:
        win.go_to_stage(stage)
        layouts[stage] = settled(qtbot, win)
    win.go_to_stage(start)
    return layouts


def test_the_toggle_enlarges_recolours_hides_and_restores_exactly(qtbot, window) -> None:
    window.splitter.setSizes([400, 880])
    before = tour(qtbot, window)
    window.go_to_stage(Stage.TIMELINE)
    base_font = QApplication.font().pointSizeF()
    window.menu_actions.present.trigger()
    assert window.presentation.active
    assert QApplication.font().pointSizeF() == pytest.approx(base_font * DEFAULT_PRESENTATION_ZOOM)
    # Every widget takes the larger text, the style sheet the themes apply notwithstanding.
    label = window.current_page().findChild(QLabel)
    assert label.font().pointSizeF() == pytest.approx(base_font * DEFAULT_PRESENTATION_ZOOM)
    assert applied_theme().name == "high_contrast"
    sidebar = window.stage_area.sidebar
    assert sidebar.item(0).text() == "1"  # numbers and progress only; the banner names the stage
    assert not window.stage_area.guidance[Stage.TIMELINE].heading.isVisible()
    assert not window.library_panel.isVisible()
    assert not window.menu_actions.toggle_library.isEnabled()
    banner = window.toolbar.banner
    assert banner.text().startswith("Stage 2 of 6 · Timeline & impact")
    assert banner.font().pointSizeF() > QApplication.font().pointSizeF()
    window.menu_actions.present.trigger()
    assert not window.presentation.active
    assert window.current_stage() is Stage.TIMELINE
    window.go_to_stage(Stage.SCOPE)
    assert tour(qtbot, window) == before


def test_zoom_while_presenting_is_remembered_apart_from_the_desk_zoom(window) -> None:
    base = QApplication.font().pointSizeF()
    window.menu_actions.zoom_in.trigger()  # at the desk: 100 % -> 110 %
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
    window.menu_actions.present.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.5)
    window.menu_actions.zoom_in.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.75)
    window.menu_actions.present.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
    window.menu_actions.present.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.75)
    window.menu_actions.zoom_reset.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.5)
    window.menu_actions.present.trigger()


def test_nothing_private_shows_on_any_page_tab_or_side_window(qtbot, window) -> None:
    """The walk: every stage, stage 3's tabs, the review and follow-ups windows, hovers included."""
    visible_at_desk = " ".join(visible_texts(window))
    assert SECRET_EVENT not in visible_at_desk  # the timeline is on stage 2, not shown yet
    window.go_to_stage(Stage.SCOPE)
    assert SECRET_CONTACT in " ".join(visible_texts(window))  # the walk does see private text
    window.menu_actions.present.trigger()
    found = []
    for stage in Stage:
        window.go_to_stage(stage)
        page = window.current_page()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += leaks(window, SECRETS)
    review = window.side_windows.show_review()
    follow_ups = window.side_windows.show_follow_ups()
    found += leaks(review, SECRETS) + leaks(follow_ups, SECRETS)
    window.activateWindow()
    window.menu_actions.quick_capture.trigger()  # completions of names while presenting
    qtbot.keyClicks(window.quick_capture.field, "! ask Ana")
    assert window.quick_capture.isVisible()
    found += leaks(window, SECRETS)
    assert not found
    assert not window.menu_actions.export.isEnabled()


def test_edits_made_while_presenting_keep_every_private_part(window) -> None:
    window.menu_actions.present.trigger()
    shown = window.shown_postmortem()
    assert shown is not None
    added = TimelineEvent(
        "ev-new", datetime(2026, 3, 14, 3, 30, tzinfo=UTC), "Traffic drained", Milestone.RESOLUTION
    )
    window.go_to_stage(Stage.TIMELINE)
    window.request_changes({"timeline": (*shown.timeline, added)}, "Add Event")
    window.request_changes({"participants": shown.participants[::-1]}, "Reorder")
    stored = window.current_postmortem()
    assert stored is not None
    assert private_texts(stored) == SECRETS
    assert [e.id for e in stored.timeline if e.internal_only] == ["ev-private"]
    assert stored.timeline[-1].id == "ev-new"
    contacts = {p.name: p.contact for p in stored.participants}
    assert contacts["Ana Lima"] == SECRET_CONTACT
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.current_postmortem() == dataclasses.replace(
        stored,
        timeline=stored.timeline[:-1],
        participants=stored.participants[::-1],
        updated_at=window.current_postmortem().updated_at,
    )


def test_closing_while_presenting_remembers_the_desk_layout(qtbot, tmp_path: Path) -> None:
    settings_path = tmp_path / "settings.ini"
    with Library.open(tmp_path / "library.sqlite") as library:
        stored = library.create(private_postmortem())
        assert stored.id is not None
        first = create_main_window(
            library, QSettings(str(settings_path), QSettings.Format.IniFormat)
        )
        first.show()
        first.open_postmortem(stored.id)
        first.go_to_stage(Stage.ROOT_CAUSE)
        base = QApplication.font().pointSizeF()
        first.menu_actions.zoom_in.trigger()
        first.menu_actions.present.trigger()
        first.close()
        second = create_main_window(
            library, QSettings(str(settings_path), QSettings.Format.IniFormat)
        )
        try:
            assert not second.presentation.active
            assert second.library_panel.isVisibleTo(second)
            assert second.current_postmortem_id() == stored.id
            assert second.current_stage() is Stage.ROOT_CAUSE
            assert QApplication.font().pointSizeF() == pytest.approx(base * 1.1)
        finally:
            second.close()
            second.deleteLater()
            first.deleteLater()
