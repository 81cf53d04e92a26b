"""The import preview: everything that will be added, everything skipped, and no empty imports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app.domain.model import Milestone, TimelineEvent
from app.domain.timeline_import import ImportPreview, SkippedLine, parse_import
from app.ui.timeline.import_dialog import ImportPreviewDialog, ImportTextDialog, preview_summary

CHAT = """[14:02] deploy 4812 starts
[14:04] p99 latency 2.4 s
[25:99] this time is broken
[14:11] alert fired
"""


@pytest.fixture
def preview() -> ImportPreview:
    return parse_import(CHAT, "text", source="pasted text", default_date=date(2026, 11, 3))


def _rows(table) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_lists_every_event_and_every_skipped_line(qtbot, preview) -> None:
    dialog = ImportPreviewDialog(preview, ())
    qtbot.addWidget(dialog)
    assert len(preview.events) == 3
    assert len(preview.skipped) == 1
    assert dialog.summary.text() == "3 events will be added; 1 line could not be read."
    assert _rows(dialog.events_table) == [
        ["2026-11-03 14:02", "", "deploy 4812 starts"],
        ["2026-11-03 14:04", "", "p99 latency 2.4 s"],
        ["2026-11-03 14:11", "", "alert fired"],
    ]
    ((line, reason, text),) = _rows(dialog.skipped_table)
    assert line == "3"
    assert reason == preview.skipped[0].reason
    assert text == "[25:99] this time is broken"
    assert dialog.adjusted_table is None  # no empty sections
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 3 events"


def test_nothing_to_add_disables_import(qtbot) -> None:
    empty = ImportPreview("notes.txt", (), (SkippedLine(1, "hello", "no time here"),))
    dialog = ImportPreviewDialog(empty, ())
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "Nothing can be imported; 1 line could not be read."
    assert not dialog.import_button.isEnabled()
    assert dialog.events_table is None


def test_events_changed_on_the_way_in_are_listed(qtbot) -> None:
    event = TimelineEvent("a1", datetime(2026, 11, 3, 14, 4, tzinfo=UTC), "p99 up")
    adjusted = (SkippedLine(2, "14:04,p99 up,onset", "imported without its milestone"),)
    shown = ImportPreview("pager.csv", (event,), (), adjusted)
    existing = (TimelineEvent("b2", event.at, "onset", milestone=Milestone.ONSET),)
    dialog = ImportPreviewDialog(shown, existing)
    qtbot.addWidget(dialog)
    assert preview_summary(shown) == "1 event will be added; 1 event changed on the way in."
    assert _rows(dialog.adjusted_table) == [
        ["2", "imported without its milestone", "14:04,p99 up,onset"]
    ]
    assert dialog.windowTitle() == "Import from pager.csv"


def _answer_when_shown(button_name: str) -> None:
    """Press a button of the next modal dialog once it is up (Enter or Escape)."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        if button_name == "accept":
            dialog.accept()
        else:
            dialog.reject()

    QTimer.singleShot(0, press)


@pytest.mark.parametrize(("answer", "expected"), [("accept", True), ("reject", False)])
def test_ask_returns_the_choice(qtbot, preview, answer, expected) -> None:
    _answer_when_shown(answer)
    assert ImportPreviewDialog.ask(None, preview, ()) is expected


def test_the_text_dialog_needs_text_before_previewing(qtbot) -> None:
    dialog = ImportTextDialog("Europe/Berlin")
    qtbot.addWidget(dialog)
    preview_button = next(b for b in dialog.buttons.buttons() if b.text() == "Preview…")
    assert not preview_button.isEnabled()
    qtbot.keyClicks(dialog.text_edit, "14:02 deploy")
    assert preview_button.isEnabled()
    hints = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("read in Europe/Berlin" in hint for hint in hints)
