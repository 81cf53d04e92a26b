"""The stage-2 page on its own: what it shows, the edits it asks for, imports and export.

A stand-in for the window accepts every request the way the real one does (store, then show the
stored result), so each test sees what the room would see after an edit.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from app.domain.model import DataIntegrity, Impact, Milestone, Postmortem, Severity, Stage
from app.domain.model import TimelineEvent as Event
from app.domain.timeline_import import ImportPreview, merge_into_timeline, parse_import
from app.domain.timeparse import zone_named
from app.ui.timeline import page as page_module
from app.ui.timeline.page import LOCAL_ZONE_KEY, ZONE_KEY, TimelineStagePage

PASTED = (
    "14:40 Cache warmed in eu-west\n14:45 Checkout p99 back under 400 ms\n15:20 Post-check done"
)


def _event(hour: int, minute: int, text: str, milestone: Milestone | None = None) -> Event:
    return Event(
        id=f"ev{hour:02d}{minute:02d}",
        at=datetime(2026, 11, 3, hour, minute, tzinfo=UTC),
        description=text,
        milestone=milestone,
        evidence=f"https://logs.example.com/{hour}{minute}",
        key_event=milestone is not None,
    )


def populated() -> Postmortem:
    """A 56-minute incident (onset 14:04, resolution 15:00) with its impact filled in."""
    return Postmortem(
        title="Checkout latency after cache config deploy",
        severity=Severity.SEV2,
        id=7,
        incident_date=date(2026, 11, 3),
        sla_target="max outage 30 min",
        timeline=(
            _event(14, 2, "Deploy 4812 rolls out the new cache configuration"),
            _event(14, 4, "Checkout p99 latency rises to 2.4 s", Milestone.ONSET),
            _event(14, 11, "Latency alert pages the payments on-call", Milestone.DETECTION),
            _event(14, 31, "Deploy 4812 rolled back", Milestone.MITIGATION),
            _event(15, 0, "Latency and error rate back to baseline", Milestone.RESOLUTION),
        ),
        impact=Impact(
            users_affected=18400,
            users_description="EU customers paying by card",
            data_integrity=DataIntegrity.INTACT,
            customer_visible=True,
            summary="Checkouts were slow for 56 minutes.",
        ),
        stage_notes={Stage.TIMELINE: "Ask SRE for the CDN logs", Stage.SCOPE: "Keep"},
    )


class Window:
    """Accepts each request as the main window does and records it."""

    def __init__(self, page: TimelineStagePage, postmortem: Postmortem) -> None:
        self.page = page
        self.postmortem = postmortem
        self.requests: list[tuple[str, object, str]] = []
        page.edit_requested.connect(self.accept)
        page.show_postmortem(postmortem)

    def accept(self, field: str, value: object, label: str) -> None:
        self.requests.append((field, value, label))
        self.postmortem = dataclasses.replace(self.postmortem, **{field: value})
        self.page.show_postmortem(self.postmortem)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(qtbot, settings) -> TimelineStagePage:
    widget = TimelineStagePage(settings)
    qtbot.addWidget(widget)
    widget.resize(1400, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def window(page) -> Window:
    return Window(page, populated())


@pytest.fixture
def dialogs(monkeypatch):
    """Replace every dialog the page opens; records what each was asked."""

    class Answers:
        text: str | None = PASTED
        accept_preview = True
        open_path: Path | None = None
        save_path: Path | None = None
        previews: list[ImportPreview] = []  # noqa: RUF012 - one fresh class per test
        errors: list[str] = []  # noqa: RUF012

    answers = Answers()
    answers.previews, answers.errors = [], []

    def preview(_parent, shown: ImportPreview, _existing) -> bool:
        answers.previews.append(shown)
        return answers.accept_preview

    monkeypatch.setattr(page_module, "ask_import_text", lambda _parent, _zone: answers.text)
    monkeypatch.setattr(page_module, "ask_import_preview", preview)
    monkeypatch.setattr(page_module, "ask_open_path", lambda *_args: answers.open_path)
    monkeypatch.setattr(page_module, "ask_save_path", lambda *_args: answers.save_path)
    monkeypatch.setattr(
        page_module, "show_error", lambda _parent, _title, message: answers.errors.append(message)
    )
    return answers


# -- showing ---------------------------------------------------------------------------------


def test_shows_the_metrics_of_a_populated_postmortem(window) -> None:
    metrics = window.page.metrics
    assert [metrics.text(key) for key in ("detect", "mitigate", "resolve")] == [
        "7 min",
        "27 min",
        "56 min",
    ]


def test_missing_milestones_say_what_is_missing_not_zero(window) -> None:
    onset_only = tuple(e for e in window.postmortem.timeline if e.milestone is Milestone.ONSET)
    window.page.show_postmortem(dataclasses.replace(window.postmortem, timeline=onset_only))
    assert window.page.metrics.text("detect") == "needs the detection"
    window.page.show_postmortem(dataclasses.replace(window.postmortem, timeline=()))
    assert window.page.metrics.text("resolve") == "needs the onset and the resolution"


def _colours(image) -> set[int]:
    step = max(1, image.width() // 200)
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), 4)
    }


def test_the_strip_draws_the_incident_and_says_it_in_words(window) -> None:
    strip = window.page.strip
    image = strip.grab().toImage()
    assert image.width() >= strip.width() > 900
    assert 120 <= strip.height() <= 200
    colours = _colours(image)
    assert len(colours) > 8, "the strip looks blank"
    onset_red = QColor("#c2372d").rgb()
    assert any(
        abs(QColor(c).hue() - QColor(onset_red).hue()) < 8 and QColor(c).saturation() > 150
        for c in colours
    ), "no onset marker drawn"
    assert strip.accessibleName() == "Incident timeline picture"
    description = strip.accessibleDescription()
    assert "Onset at 2026-11-03 14:04 UTC" in description
    assert "Resolution at 2026-11-03 15:00 UTC" in description
    assert "Duration 56 min" in description


def test_the_strip_follows_the_timeline(window) -> None:
    before = window.page.strip.svg
    window.page.show_postmortem(dataclasses.replace(window.postmortem, timeline=()))
    assert window.page.strip.svg != before
    assert window.page.strip.accessibleDescription() == "No events on the timeline yet."


def test_shows_the_impact_and_notes(window) -> None:
    impact = window.page.impact
    assert impact.editors["users_affected"].input_widget.text() == "18400"
    assert impact.editors["users_description"].input_widget.text() == "EU customers paying by card"
    assert impact.editors["data_integrity"].input_widget.currentText() == "Intact"
    assert impact.editors["customer_visible"].input_widget.currentText() == "Yes"
    assert impact.target_editor.input_widget.text() == "max outage 30 min"
    assert impact.assessment.text().startswith("Breached: 56 min outage exceeds")
    assert impact.ruling.currentText() == "Follow the computation"
    assert window.page.notes_edit.toPlainText() == "Ask SRE for the CDN logs"
    assert window.page.editor.timeline == window.postmortem.timeline


def test_showing_emits_nothing(qtbot, page) -> None:
    other = dataclasses.replace(populated(), id=8, timeline=(), impact=Impact())
    with qtbot.assertNotEmitted(page.edit_requested):
        page.show_postmortem(populated())
        page.show_postmortem(other)
        page.show_postmortem(populated())
        qtbot.wait(600)  # past every typing pause


# -- impact edits ----------------------------------------------------------------------------


def _type_line(qtbot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("field", "typed", "value", "label"),
    [
        ("users_affected", "1,200", 1200, "Change Users Affected"),
        ("users_affected", "", None, "Change Users Affected"),
        ("users_description", "Card payers", "Card payers", "Change Who Was Affected"),
        ("data_integrity_note", "Two carts lost", "Two carts lost", "Change Data Integrity Note"),
        ("sla_override_reason", "Contract", "Contract", "Change SLA Ruling Reason"),
    ],
)
def test_typing_an_impact_field_asks_for_the_whole_new_impact(
    qtbot, window, *, field, typed, value, label
) -> None:
    editor = window.page.impact.editors[field].input_widget
    assert isinstance(editor, QLineEdit)
    before = window.postmortem.impact
    _type_line(qtbot, editor, typed)
    assert window.requests == [("impact", dataclasses.replace(before, **{field: value}), label)]


@pytest.mark.parametrize(
    ("field", "key", "value", "label"),
    [
        ("data_integrity", Qt.Key.Key_Down, DataIntegrity.DEGRADED, "Change Data Integrity"),
        ("customer_visible", Qt.Key.Key_Down, False, "Change Customer-Visible"),
        ("customer_visible", Qt.Key.Key_Up, None, "Change Customer-Visible"),
    ],
)
def test_choosing_an_impact_value_by_keyboard_asks_for_it(
    qtbot, window, *, field, key, value, label
) -> None:
    combo = window.page.impact.editors[field].input_widget
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, key)
    expected = dataclasses.replace(populated().impact, **{field: value})
    assert window.requests == [("impact", expected, label)]


def test_the_summary_is_one_step_per_typing_pause(qtbot, window) -> None:
    summary = window.page.impact.editors["summary"].input_widget
    assert isinstance(summary, QPlainTextEdit)
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, " About 3% timed out.")
    qtbot.waitUntil(lambda: bool(window.requests))
    expected = "Checkouts were slow for 56 minutes. About 3% timed out."
    assert window.requests == [
        (
            "impact",
            dataclasses.replace(populated().impact, summary=expected),
            "Change Impact Summary",
        )
    ]


def test_the_customer_communication_check_is_one_edit(qtbot, window) -> None:
    box = window.page.impact.editors["aligned_with_customer_communication"].input_widget
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    expected = dataclasses.replace(populated().impact, aligned_with_customer_communication=True)
    assert window.requests == [
        ("impact", expected, "Change Checked Against Customer Communication")
    ]


def test_a_ruling_against_the_computation_is_refused_without_a_reason(qtbot, window) -> None:
    ruling = window.page.impact.ruling
    ruling.setFocus()
    qtbot.keyClick(ruling, Qt.Key.Key_End)  # "Not breached", against a computed breach
    assert window.requests == []
    assert ruling.currentText() == "Follow the computation"
    problem = window.page.findChild(QLabel, "validationError")
    assert problem is not None
    assert problem.isVisible()
    assert "needs a reason" in problem.text()
    reason = window.page.impact.editors["sla_override_reason"].input_widget
    assert reason.hasFocus()
    qtbot.keyClicks(reason, "Partner maintenance window")
    ruling.setFocus()
    qtbot.keyClick(ruling, Qt.Key.Key_End)
    expected = dataclasses.replace(
        populated().impact, sla_breached=False, sla_override_reason="Partner maintenance window"
    )
    assert window.requests[-1] == ("impact", expected, "Change SLA Ruling")
    assert window.page.impact.assessment.text().startswith(
        "Ruled not breached (computed: breached)"
    )
    assert not problem.isVisible()


def test_typing_the_sla_target_edits_the_postmortem_field(qtbot, window) -> None:
    target = window.page.impact.target_editor.input_widget
    assert isinstance(target, QLineEdit)
    _type_line(qtbot, target, "99.9% monthly availability")
    assert window.requests == [("sla_target", "99.9% monthly availability", "Change SLA Target")]
    assert window.page.impact.assessment.text().startswith("Breached: 56 min outage exceeds the")


def test_notes_are_requested_for_this_stage_only(qtbot, window) -> None:
    notes = window.page.notes_edit
    notes.setFocus()
    notes.selectAll()
    qtbot.keyClicks(notes, "CDN logs requested")
    window.page.impact.editors["users_description"].input_widget.setFocus()  # leaving commits
    assert window.requests == [
        (
            "stage_notes",
            {Stage.TIMELINE: "CDN logs requested", Stage.SCOPE: "Keep"},
            "Change Notes",
        )
    ]


# -- zones -----------------------------------------------------------------------------------


def test_an_unknown_zone_is_refused_and_nothing_changes(qtbot, page, settings) -> None:
    picker = page.toolbar.zone_picker
    assert not picker.choose("Mars/Olympus_Mons")
    assert page.editor.model.zone == zone_named("UTC")
    assert picker.zone == zone_named("UTC")
    assert "Mars/Olympus_Mons" in picker.refusal
    assert picker.currentText() == "Mars/Olympus_Mons"  # left for the user to correct
    problem = page.findChild(QLabel, "validationError")
    assert problem.isVisible()
    assert "not a time zone" in problem.text()
    assert settings.value(ZONE_KEY) is None


# The completer's popup opens while typing; the offscreen platform warns it cannot grab keys.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_a_typed_zone_goes_to_the_editor_and_is_remembered(qtbot, page, settings) -> None:
    picker = page.toolbar.zone_picker
    line = picker.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "europe/berlin")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    berlin = zone_named("Europe/Berlin")
    assert page.editor.model.zone == berlin
    assert picker.currentText() == "Europe/Berlin"
    assert settings.value(ZONE_KEY) == "Europe/Berlin"
    again = TimelineStagePage(settings)
    qtbot.addWidget(again)
    assert again.toolbar.zone_picker.zone == berlin
    assert again.editor.model.zone == berlin


def test_the_page_says_which_zone_times_are_typed_in(qtbot, page, settings) -> None:
    assert page.zone == zone_named("UTC")
    assert page.toolbar.zone_picker.choose("Asia/Kolkata")
    assert page.zone == zone_named("Asia/Kolkata")
    assert not page.toolbar.zone_picker.choose("Mars/Olympus_Mons")
    assert page.zone == zone_named("Asia/Kolkata")  # a refused name leaves the zone in force
    settings.setValue(ZONE_KEY, "America/New_York")
    again = TimelineStagePage(settings)
    qtbot.addWidget(again)
    assert again.zone == zone_named("America/New_York")


def test_the_second_clock_shows_a_column_and_can_be_turned_off(qtbot, window, settings) -> None:
    page = window.page
    model = page.editor.model
    assert page.toolbar.local_picker.choose("America/New_York")
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Time (America/New_York)" in header
    assert settings.value(LOCAL_ZONE_KEY) == "America/New_York"
    assert page.toolbar.local_picker.choose("Off")
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Time (America/New_York)" not in header
    assert settings.value(LOCAL_ZONE_KEY) == ""
    assert window.requests == []  # zones are a view setting, never an edit


def test_key_events_only_filters_the_table(qtbot, window) -> None:
    page = window.page
    page.toolbar.key_events_check.setFocus()
    qtbot.keyClick(page.toolbar.key_events_check, Qt.Key.Key_Space)
    assert page.editor.proxy.rowCount() == 4  # the starred milestone events
    qtbot.keyClick(page.toolbar.key_events_check, Qt.Key.Key_Space)
    assert page.editor.proxy.rowCount() == 5


# -- import and export -----------------------------------------------------------------------


def test_import_from_text_is_one_request_with_the_merged_timeline(qtbot, window, dialogs) -> None:
    before = window.postmortem.timeline
    window.page.toolbar.import_text_action.trigger()
    (preview,) = dialogs.previews
    assert [event.description for event in preview.events] == [
        "Cache warmed in eu-west",
        "Checkout p99 back under 400 ms",
        "Post-check done",
    ]
    assert preview.events[0].at == datetime(2026, 11, 3, 14, 40, tzinfo=UTC)  # incident date
    assert window.requests == [
        ("timeline", merge_into_timeline(before, preview.events), "Import 3 Timeline Events")
    ]
    assert len(window.page.editor.timeline) == 8


def test_a_cancelled_preview_imports_nothing(qtbot, window, dialogs) -> None:
    dialogs.accept_preview = False
    window.page.import_from_text()
    assert len(dialogs.previews) == 1
    assert window.requests == []


def test_pasting_into_the_table_goes_through_the_preview(qtbot, window, dialogs) -> None:
    window.page.editor.paste_requested.emit(PASTED)
    assert len(dialogs.previews) == 1
    assert [label for _field, _value, label in window.requests] == ["Import 3 Timeline Events"]


def test_text_is_read_in_the_chosen_zone(qtbot, window, dialogs) -> None:
    assert window.page.toolbar.zone_picker.choose("Europe/Berlin")
    window.page.import_from_text()
    (preview,) = dialogs.previews
    assert preview.events[0].at == datetime(2026, 11, 3, 13, 40, tzinfo=UTC)  # 14:40 CET


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'time,description\n2026-11-03 14:02,"never closed\n', "never closed"),
        (b"when,what\n14:02,deploy\n", "needs a time column"),
        (b"time,description\n2026-11-03 14:02,caf\xe9\n", "is not UTF-8 text"),
    ],
)
def test_a_broken_csv_file_shows_one_message_and_writes_nothing(
    qtbot, window, dialogs, tmp_path, *, content, problem
) -> None:
    path = tmp_path / "pager-export.csv"
    path.write_bytes(content)
    dialogs.open_path = path
    window.page.toolbar.import_csv_action.trigger()
    assert window.requests == []
    assert dialogs.previews == []
    (message,) = dialogs.errors
    assert "pager-export.csv" in message
    assert problem in message
    assert message.startswith("Nothing was imported.")


def test_a_slack_export_is_previewed_then_imported(qtbot, window, dialogs, tmp_path) -> None:
    path = tmp_path / "incident-channel.json"
    path.write_text(
        '[{"ts": "1793718000.000100", "user": "U024BE7LH", "text": "rollback started"}]',
        encoding="utf-8",
    )
    dialogs.open_path = path
    window.page.toolbar.import_slack_action.trigger()
    (preview,) = dialogs.previews
    assert preview.source == "incident-channel.json"
    assert len(preview.events) == 1
    assert window.requests[-1][2] == "Import 1 Timeline Event"


def test_export_csv_writes_a_file_that_imports_back_to_the_same_events(
    qtbot, window, dialogs, tmp_path
) -> None:
    dialogs.save_path = tmp_path / "timeline"  # no suffix typed: .csv is added
    window.page.toolbar.export_button.click()
    written = tmp_path / "timeline.csv"
    assert [path.name for path in tmp_path.iterdir() if path.name != "settings.ini"] == [
        "timeline.csv"
    ]  # no temporary file left behind
    preview = parse_import(written.read_text(encoding="utf-8"), "csv", source=written.name)
    assert preview.skipped == ()

    def essence(event: Event) -> tuple[object, ...]:
        return (event.at, event.milestone, event.description, event.evidence,
                event.internal_only, event.key_event)  # fmt: skip

    assert [essence(e) for e in preview.events] == [essence(e) for e in window.postmortem.timeline]
    assert window.page.toolbar.status.text() == "Exported 5 events to timeline.csv."
    assert window.requests == []


def test_a_failed_export_says_so_and_leaves_the_old_file(qtbot, window, dialogs, tmp_path) -> None:
    folder = tmp_path / "missing-folder"
    dialogs.save_path = folder / "timeline.csv"
    window.page.export_csv()
    (message,) = dialogs.errors
    assert message.startswith("timeline.csv was not written")
    assert not folder.exists()
