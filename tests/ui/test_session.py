"""The edit pipeline: autosave, undo/redo, merged typing, refused edits, and failed writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.model import Postmortem, Severity, Stage, Status
from app.store import Library, LibraryWriteError
from app.ui import commands, dialogs
from app.ui.dialogs import UnsavedChoice


@pytest.fixture
def opened(main_window):
    """A shown window with one SEV3 postmortem open on stage 1."""
    window = main_window([Postmortem(title="Checkout latency", severity=Severity.SEV3)])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    return window, postmortem_id, window.stage_area.pages[Stage.SCOPE]


@pytest.fixture
def broken_disk(monkeypatch):
    """Make every Library.update fail as a full disk would; ``heal()`` removes the fault."""

    real_update = Library.update

    def failing(self: Library, postmortem_id: int, changes: object) -> Postmortem:
        raise LibraryWriteError(self.path, "database or disk is full")

    class Fault:
        def heal(self) -> None:
            monkeypatch.setattr(Library, "update", real_update)

    monkeypatch.setattr(Library, "update", failing)
    return Fault()


def test_an_edit_is_stored_at_once_and_the_status_bar_says_saved(opened) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("severity", Severity.SEV1, "Change Severity")
    assert window.library.load(postmortem_id).severity is Severity.SEV1
    assert window.save_indicator.text().startswith("Saved ")
    assert window.save_indicator.text().endswith("library-0.sqlite")
    assert not window.banner.isVisible()


def test_choosing_severity_in_the_page_undoes_and_redoes_by_name(opened, qtbot) -> None:
    window, postmortem_id, page = opened
    combo = page.form.severity_combo
    combo.setCurrentIndex(combo.findData(Severity.SEV1))
    assert window.library.load(postmortem_id).severity is Severity.SEV1
    assert window.menu_actions.undo.text() == "Undo Change Severity"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.load(postmortem_id).severity is Severity.SEV3
    assert combo.currentData() is Severity.SEV3
    assert window.menu_actions.redo.text() == "Redo Change Severity"

    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library.load(postmortem_id).severity is Severity.SEV1
    assert combo.currentData() is Severity.SEV1
    window.menu_actions.undo.trigger()
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.library.load(postmortem_id).severity is Severity.SEV1


def test_typing_bursts_merge_into_one_undo_step(opened) -> None:
    window, postmortem_id, page = opened
    for text in ("Checkout", "Checkout latency spike", "Checkout latency spike at noon"):
        page.edit_requested.emit("title", text, "Change Title")
    assert window.undo_stack.count() == 1
    assert window.library.load(postmortem_id).title == "Checkout latency spike at noon"
    assert window.windowTitle() == "Checkout latency spike at noon - Retro"

    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).title == "Checkout latency"
    assert window.windowTitle() == "Checkout latency - Retro"


def test_typing_after_a_pause_or_in_another_field_is_a_new_step(opened, monkeypatch) -> None:
    window, postmortem_id, page = opened
    clock = [100.0]
    monkeypatch.setattr(commands.time, "monotonic", lambda: clock[0])
    page.edit_requested.emit("title", "First", "Change Title")
    clock[0] += commands.MERGE_WINDOW_SECONDS + 1
    page.edit_requested.emit("title", "First phrase", "Change Title")
    page.edit_requested.emit("incident_ref", "INC-1", "Change Incident Reference")
    page.edit_requested.emit("title", "First phrase again", "Change Title")
    assert window.undo_stack.count() == 4
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).title == "First phrase"


def test_typing_after_an_undo_does_not_merge_into_older_steps(opened) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("title", "One", "Change Title")
    page.edit_requested.emit("incident_ref", "INC-1", "Change Incident Reference")
    window.menu_actions.undo.trigger()
    page.edit_requested.emit("title", "One two", "Change Title")
    assert window.undo_stack.count() == 2
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).title == "One"


def test_typing_back_to_the_stored_text_leaves_nothing_to_undo(opened) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("title", "Checkout latency!", "Change Title")
    page.edit_requested.emit("title", "Checkout latency", "Change Title")
    assert window.undo_stack.count() == 0
    assert window.library.load(postmortem_id).title == "Checkout latency"


def test_undo_of_an_edit_on_another_postmortem_shows_it_at_its_stage(main_window) -> None:
    window = main_window(
        [
            Postmortem(title="A", severity=Severity.SEV3),
            Postmortem(title="B", severity=Severity.SEV3),
        ]
    )
    first, second = window.library.postmortem_ids()
    window.open_postmortem(first)
    window.go_to_stage(Stage.TIMELINE)
    window.current_page().edit_requested.emit(
        "stage_notes", {Stage.TIMELINE: "ask SRE"}, "Change Notes"
    )
    window.open_postmortem(second)
    window.menu_actions.undo.trigger()
    assert window.current_postmortem_id() == first
    assert window.current_stage() is Stage.TIMELINE
    assert window.library.load(first).stage_notes == {}


def test_a_refused_edit_is_shown_on_the_page_and_not_stored(opened) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("title", "   ", "Change Title")
    assert window.undo_stack.count() == 0
    assert window.library.load(postmortem_id).title == "Checkout latency"
    error = page.findChild(type(page._error_label), "validationError")
    assert error.isVisible()
    assert "title" in error.text()
    page.edit_requested.emit("title", "Fine title", "Change Title")
    assert not error.isVisible()


def test_a_failed_write_shows_the_banner_and_keeps_the_edit_on_screen(opened, broken_disk) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")

    assert window.banner.isVisible()
    message = window.banner.message.text()
    assert "library-0.sqlite" in message
    assert "database or disk is full" in message
    assert "kept on screen" in message
    assert window.save_indicator.failed
    assert window.save_indicator.text().startswith("Not saved")
    assert window.library.load(postmortem_id).document_owner == ""
    assert window.current_postmortem().document_owner == "Priya"
    assert page.form.owner_edit.text() == "Priya"
    assert window.undo_stack.count() == 1


def test_retry_button_writes_the_kept_edit_once_the_fault_is_gone(
    opened, broken_disk, qtbot
) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")
    page.edit_requested.emit("severity", Severity.SEV2, "Change Severity")
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    assert window.banner.isVisible()

    broken_disk.heal()
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    stored = window.library.load(postmortem_id)
    assert (stored.document_owner, stored.severity) == ("Priya", Severity.SEV2)
    assert not window.banner.isVisible()
    assert window.save_indicator.text().startswith("Saved ")
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).severity is Severity.SEV3


def test_the_next_edit_retries_what_was_kept(opened, broken_disk) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")
    broken_disk.heal()
    page.edit_requested.emit("status", Status.IN_REVIEW, "Change Status")
    stored = window.library.load(postmortem_id)
    assert (stored.document_owner, stored.status) == ("Priya", Status.IN_REVIEW)
    assert not window.session.has_pending()


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_the_window(
    opened, broken_disk, monkeypatch
) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")
    answers = [UnsavedChoice.CANCEL, UnsavedChoice.SAVE_AGAIN, UnsavedChoice.SAVE_AGAIN]
    reasons: list[str] = []

    def ask(parent, reason: str) -> UnsavedChoice:
        reasons.append(reason)
        if len(reasons) == 3:
            broken_disk.heal()
        return answers[len(reasons) - 1]

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask)
    assert not window.close()
    assert window.isVisible()
    assert window.close()  # save again fails, asked again, then the fault is gone
    assert len(reasons) == 3
    assert "library-0.sqlite" in reasons[0]
    assert window.library.load(postmortem_id).document_owner == "Priya"


def test_closing_and_discarding_drops_the_unsaved_edit(opened, broken_disk, monkeypatch) -> None:
    window, postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, reason: UnsavedChoice.DISCARD
    )
    assert window.close()
    broken_disk.heal()
    assert window.library.load(postmortem_id).document_owner == ""


def test_closing_without_unsaved_edits_does_not_ask(opened, monkeypatch) -> None:
    window, _postmortem_id, page = opened
    page.edit_requested.emit("document_owner", "Priya", "Change Document Owner")

    def ask(parent, reason: str) -> UnsavedChoice:
        raise AssertionError("asked although everything was saved")

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask)
    assert window.close()


def test_library_row_follows_edits(opened) -> None:
    window, postmortem_id, page = opened
    model = window.library_panel.model
    page.edit_requested.emit("severity", Severity.SEV1, "Change Severity")
    row = model.row_of(postmortem_id)
    assert model.index(row, 1).data() == "SEV1"
    page.edit_requested.emit("status", Status.PUBLISHED, "Change Status")
    assert model.index(row, 2).data() == "Published"


def test_pending_edit_survives_when_another_postmortem_is_opened(
    main_window, broken_disk, tmp_path: Path
) -> None:
    window = main_window(
        [
            Postmortem(title="A", severity=Severity.SEV3),
            Postmortem(title="B", severity=Severity.SEV3),
        ]
    )
    first, second = window.library.postmortem_ids()
    window.open_postmortem(first)
    window.current_page().edit_requested.emit("document_owner", "Priya", "Change Document Owner")
    window.open_postmortem(second)
    window.open_postmortem(first)
    assert window.current_postmortem().document_owner == "Priya"
    broken_disk.heal()
    window.current_page().edit_requested.emit("incident_ref", "INC-7", "Change Incident Reference")
    assert window.library.load(first).document_owner == "Priya"


def test_an_edit_rereads_only_its_own_row_when_nothing_is_filtered(
    main_window, make_postmortems, monkeypatch
) -> None:
    window = main_window(make_postmortems(3))
    target = window.library.postmortem_ids()[0]
    window.open_postmortem(target)
    calls: list[dict[str, object]] = []
    real_summaries = Library.summaries

    def spying(self: Library, **filters: object) -> list:
        calls.append(filters)
        return real_summaries(self, **filters)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "summaries", spying)
    page = window.stage_area.pages[Stage.SCOPE]
    page.edit_requested.emit("title", "Renamed in the meeting", "Change Title")

    assert calls, "the list was not refreshed at all"
    assert all(call.get("ids") is not None for call in calls), calls
    titles = [s.title for s in window.library_panel.model.summaries()]
    assert "Renamed in the meeting" in titles


def test_with_a_search_active_an_edit_requeries_what_matches(
    main_window, make_postmortems, qtbot
) -> None:
    window = main_window(make_postmortems(3))
    panel = window.library_panel
    panel.search.setText("invoice")
    panel.refresh()
    assert [s.title for s in panel.model.summaries()] == ["Delayed invoice emails"]
    window.open_postmortem(panel.model.summaries()[0].id)
    page = window.stage_area.pages[Stage.SCOPE]
    page.edit_requested.emit("title", "Delayed billing emails", "Change Title")
    assert panel.model.summaries() == []  # it no longer matches the search


def test_changes_to_several_fields_are_one_undo_step(opened, qtbot) -> None:
    window, postmortem_id, page = opened
    before = window.library.load(postmortem_id)
    page.changes_requested.emit(
        {"title": "Checkout latency, EU", "severity": Severity.SEV2, "tags": before.tags},
        "Rename and Escalate",
    )
    stored = window.library.load(postmortem_id)
    assert (stored.title, stored.severity) == ("Checkout latency, EU", Severity.SEV2)
    assert window.menu_actions.undo.text() == "Undo Rename and Escalate"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = window.library.load(postmortem_id)
    assert (restored.title, restored.severity) == ("Checkout latency", Severity.SEV3)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library.load(postmortem_id).severity is Severity.SEV2
