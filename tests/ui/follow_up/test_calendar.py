""" "Add to calendar (.ics)…": the follow-up reviews saved as a file any calendar reads back."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt

from app.ui.follow_up import calendar_file
from app.ui.follow_up.calendar_file import suggested_file_name
from tests.ui.follow_up.conftest import follow_up_postmortem
from tests.ui.follow_up.test_page import make


class Dialogs:
    """Answers the save dialog with ``path`` and records what the user would have been told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []
        self.errors: list[str] = []
        monkeypatch.setattr(calendar_file, "ask_save_path", self._ask)
        monkeypatch.setattr(
            calendar_file, "show_error", lambda _parent, _title, text: self.errors.append(text)
        )

    def _ask(self, _parent, _title: str, suggested: str, name_filter: str) -> Path | None:
        self.asked.append(suggested)
        assert "*.ics" in name_filter
        return self.path


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_saves_one_event_per_review_that_reads_back(qtbot, monkeypatch, tmp_path, postmortem):
    dialogs = Dialogs(monkeypatch, tmp_path / "checkout-follow-ups")  # no suffix typed
    page, store = make(qtbot, postmortem)
    qtbot.mouseClick(page.reviews.calendar_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "checkout-follow-ups.ics"
    assert dialogs.asked == ["checkout-latency-after-cache-config-deploy-follow-ups.ics"]
    assert saved.exists()
    read = events(saved)
    assert [event.decoded("dtstart") for event in read] == [date(2026, 12, 10), date(2027, 1, 9)]
    assert [str(event["uid"]) for event in read] == ["r1.7@retro", "r2.7@retro"]
    assert str(read[0]["summary"]).startswith("Done: Follow-up review (30 days)")
    assert str(read[1]["summary"]).startswith("Follow-up review (60 days)")
    assert "Alert when cache hit ratio < 80% for 5 min" in str(read[1]["description"])
    assert page.reviews.status_label.text() == f"Saved 2 follow-up reviews to {saved}."
    assert store.labels == [], "saving a calendar changes nothing in the postmortem"
    assert dialogs.errors == []


def test_the_libraries_tracker_pattern_links_keys_in_the_agenda(
    qtbot, monkeypatch, tmp_path, postmortem
):
    Dialogs(monkeypatch, tmp_path / "reviews.ics")
    item = dataclasses.replace(postmortem.action_items[0], tracker="OPS-3121")
    page, _store = make(qtbot, dataclasses.replace(postmortem, action_items=(item,)))
    page.set_tracker_pattern("https://tracker.example.com/browse/{key}")
    page.save_calendar()
    description = str(events(tmp_path / "reviews.ics")[1]["description"])
    assert "OPS-3121 <https://tracker.example.com/browse/OPS-3121>" in description


def test_cancelling_writes_nothing(qtbot, monkeypatch, tmp_path, postmortem):
    dialogs = Dialogs(monkeypatch, None)
    page, _store = make(qtbot, postmortem)
    page.save_calendar()
    assert dialogs.asked
    assert list(tmp_path.iterdir()) == []
    assert page.reviews.status_label.text() == ""


def test_a_failed_write_is_reported_and_leaves_nothing(qtbot, monkeypatch, tmp_path, postmortem):
    dialogs = Dialogs(monkeypatch, tmp_path / "missing-folder" / "reviews.ics")
    page, _store = make(qtbot, postmortem)
    page.save_calendar()
    (error,) = dialogs.errors
    assert error.startswith(f"Could not save {tmp_path / 'missing-folder' / 'reviews.ics'}")
    assert page.reviews.status_label.text() == ""


def test_needs_a_review_to_export(qtbot, monkeypatch):
    dialogs = Dialogs(monkeypatch, None)
    page, _store = make(qtbot, follow_up_postmortem(follow_up_reviews=()))
    assert not page.reviews.calendar_button.isEnabled()
    assert page.reviews.calendar_button.toolTip() == "Schedule a follow-up review first"
    page.save_calendar()
    assert dialogs.asked == []


def test_file_names_are_safe_and_short():
    pm = follow_up_postmortem(title="Login / SSO: outage <b>2026</b>? " + "x" * 200)
    name = suggested_file_name(pm)
    assert name.startswith("login-sso-outage-b-2026-b-xxx")
    assert name.endswith("-follow-ups.ics")
    assert len(name) <= 60 + len("-follow-ups.ics")
    untitled = follow_up_postmortem(title="???")
    assert suggested_file_name(untitled) == "postmortem-follow-ups.ics"
