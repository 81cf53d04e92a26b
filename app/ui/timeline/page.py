"""Stage 2, "Timeline & impact": the page the room looks at for most of the meeting.

Top to bottom: a row of timeline controls (the zone times are typed in, a second clock, the
key-events filter, import and export), the picture of the incident, then the timeline table
beside the durations, the impact and the stage notes (stacked below the table when the page is
narrow). The page keeps the stage-page contract: ``show_postmortem`` fills everything without
emitting, and each user edit is one ``edit_requested(field, complete new value, undo label)``;
an import, however many rows, is one request and so one undo step.

File dialogs, message boxes and the import dialogs are reached through the module-level
``ask_*`` / ``show_error`` functions so tests can replace them.
"""

from __future__ import annotations

from datetime import UTC, date, tzinfo

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QGroupBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Postmortem, Stage, TimelineEvent
from app.domain.timeline_import import (
    ImportFormat,
    ImportPreview,
    merge_into_timeline,
    parse_import,
    read_import_file,
)
from app.domain.timeparse import zone_label, zone_named
from app.export.timeline_csv import timeline_to_csv
from app.ui.debounced_text import DebouncedText
from app.ui.files import ask_open_path, ask_save_path, show_error, write_atomically
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.stage_page import StagePage
from app.ui.text_sizing import keep_minimum_lines
from app.ui.timeline.editor import TimelineEditor
from app.ui.timeline.impact_panel import ImpactPanel
from app.ui.timeline.import_dialog import ImportPreviewDialog, ImportTextDialog
from app.ui.timeline.metrics_panel import MetricsPanel
from app.ui.timeline.strip_widget import IncidentStrip
from app.ui.timeline.table_model import Column
from app.ui.timeline.toolbar import TimelineToolbar
from app.ui.timeline.zone_picker import ZonePicker

ZONE_KEY = "timeline/zone"
LOCAL_ZONE_KEY = "timeline/localZone"
# The table and the side pane sit side by side from this many average characters of page width.
SIDE_BY_SIDE_CHARS = 165
TABLE_MIN_LINES = 20
NOTES_UNDO_LABEL = "Change Notes"
FILE_FILTERS: dict[ImportFormat, tuple[str, str]] = {
    "csv": ("Import timeline events from a CSV file", "CSV files (*.csv);;All files (*)"),
    "slack": (
        "Import timeline events from a Slack export",
        "Slack exports (*.json);;All files (*)",
    ),
}


# -- the dialogs, replaceable by tests ---------------------------------------------------------


def ask_import_text(parent: QWidget, zone_name: str) -> str | None:
    return ImportTextDialog.ask(parent, zone_name)


def ask_import_preview(
    parent: QWidget, preview: ImportPreview, existing: tuple[TimelineEvent, ...]
) -> bool:
    return ImportPreviewDialog.ask(parent, preview, existing)


def import_undo_label(count: int) -> str:
    return f"Import {count} Timeline Event{'' if count == 1 else 's'}"


# -- the page ----------------------------------------------------------------------------------


class TimelineStagePage(StagePage):
    """The timeline table with its picture, durations, impact and notes."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(Stage.TIMELINE, parent)
        self._settings = settings if settings is not None else QSettings()
        self._postmortem: Postmortem | None = None
        self._showing = False
        self.toolbar = TimelineToolbar(self)
        self.strip = IncidentStrip(self)
        self.editor = TimelineEditor(self)
        self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * TABLE_MIN_LINES)
        self.metrics = MetricsPanel(self)
        self.impact = ImpactPanel(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName("Notes for this stage")
        self.notes_edit.setTabChangesFocus(True)
        keep_minimum_lines(self.notes_edit, 4, extra=12)
        self.notes_typing = DebouncedText(self.notes_edit)
        self.splitter = SideBySideSplitter(
            self._side_by_side_width(), self.editor, self._side_pane(), sizes=[600, 420]
        )
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.body_layout.addWidget(self.toolbar)
        self.body_layout.addWidget(self.strip)
        self.body_layout.addWidget(self.splitter, 1)
        self._restore_zones()
        self._connect()

    def _side_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.metrics)
        layout.addWidget(self.impact)
        notes = QGroupBox("&Notes for this stage", pane)  # Alt+N: the group gives its box focus
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.notes_edit)
        layout.addWidget(notes, 1)
        return pane

    def _connect(self) -> None:
        bar = self.toolbar
        bar.zone_picker.zone_chosen.connect(self._on_zone)
        bar.local_picker.zone_chosen.connect(self._on_local_zone)
        for picker in (bar.zone_picker, bar.local_picker):
            picker.refused.connect(self.show_validation_error)
        bar.key_events_check.toggled.connect(self.editor.set_key_events_only)
        bar.import_text_action.triggered.connect(self.import_from_text)
        bar.import_csv_action.triggered.connect(lambda: self.import_file("csv"))
        bar.import_slack_action.triggered.connect(lambda: self.import_file("slack"))
        bar.export_button.clicked.connect(self.export_csv)
        self.editor.timeline_changed.connect(
            lambda value, label: self._request("timeline", value, label)
        )
        self.editor.paste_requested.connect(
            lambda text: self._offer_import(text, "text", "pasted text")
        )
        self.impact.impact_requested.connect(
            lambda impact, label: self._request("impact", impact, label)
        )
        self.impact.target_requested.connect(
            lambda text, label: self._request("sla_target", text, label)
        )
        self.impact.refused.connect(self.show_validation_error)
        self.notes_typing.committed.connect(lambda text, _finished: self._on_notes(text))

    # -- zones ----------------------------------------------------------------------------------

    @property
    def zone(self) -> tzinfo:
        """The zone times are typed in (UTC unless the facilitator chose another)."""
        return self.toolbar.zone_picker.zone or UTC

    def _restore_zones(self) -> None:
        """Show the zones chosen last time; a stored name this system does not know is dropped."""
        zone = self._restore_zone(ZONE_KEY, self.toolbar.zone_picker)
        # The typing picker has no "Off": its set_zone refuses None, so it gave back a zone.
        assert zone is not None
        self.editor.set_zone(zone)
        self.editor.set_local_zone(self._restore_zone(LOCAL_ZONE_KEY, self.toolbar.local_picker))

    def _restore_zone(self, key: str, picker: ZonePicker) -> tzinfo | None:
        """Show in ``picker`` the zone stored under ``key`` (its own if none or unknown)."""
        name = str(self._settings.value(key, "") or "")
        try:
            zone = zone_named(name) if name else picker.zone
        except ValueError:
            zone = picker.zone
        picker.set_zone(zone)
        return zone

    def _on_zone(self, zone: tzinfo) -> None:
        self.clear_validation_error()
        self.editor.set_zone(zone)
        self._settings.setValue(ZONE_KEY, zone_label(zone))

    def _on_local_zone(self, zone: tzinfo | None) -> None:
        self.clear_validation_error()
        self.editor.set_local_zone(zone)
        self._settings.setValue(LOCAL_ZONE_KEY, "" if zone is None else zone_label(zone))

    # -- showing --------------------------------------------------------------------------------

    def reveal(self, item_id: str) -> bool:
        """Select the event ``item_id`` (showing every event if a filter hides it)."""
        table = self.editor.table
        if table.visible_row(item_id) is None:
            self.toolbar.key_events_check.setChecked(False)
        return table.go_to(item_id, Column.DESCRIPTION, edit=False)

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Show ``postmortem`` everywhere on the page without emitting anything."""
        shown = self._postmortem
        previous = shown if shown is not None and shown.id == postmortem.id else None
        self._showing = True
        try:
            self._postmortem = postmortem
            self.editor.show_timeline(postmortem.timeline)
            self.strip.show_timeline(postmortem.timeline)
            self.metrics.show_timeline(postmortem.timeline)
            self.impact.show_postmortem(postmortem)
            before = previous.note(Stage.TIMELINE) if previous is not None else None
            self.notes_typing.sync(before, postmortem.note(Stage.TIMELINE))
            self.toolbar.export_button.setEnabled(bool(postmortem.timeline))
        finally:
            self._showing = False

    # -- edits ----------------------------------------------------------------------------------

    def _request(self, field: str, value: object, label: str) -> None:
        """Emit one edit unless it changes nothing; the window stores it and shows it back."""
        pm = self._postmortem
        if self._showing or pm is None or getattr(pm, field) == value:
            return
        self.clear_validation_error()
        self.edit_requested.emit(field, value, label)

    def _on_notes(self, text: str) -> None:
        pm = self._postmortem
        if pm is None:
            return
        notes = dict(pm.stage_notes)
        if text.strip():
            notes[Stage.TIMELINE] = text
        else:
            notes.pop(Stage.TIMELINE, None)
        self._request("stage_notes", notes, NOTES_UNDO_LABEL)

    # -- import and export ----------------------------------------------------------------------

    def _default_date(self) -> date | None:
        """The date for pasted times that give none: the incident's, else the last event's."""
        pm = self._postmortem
        if pm is None:
            return None
        if pm.incident_date is not None:
            return pm.incident_date
        if pm.timeline:
            return pm.timeline[-1].at.astimezone(self.zone).date()
        return None

    def import_from_text(self) -> None:
        """Ask for pasted text, then preview and import it."""
        if self._postmortem is None:
            return
        text = ask_import_text(self, zone_label(self.zone))
        if text is not None and text.strip():
            self._offer_import(text, "text", "pasted text")

    def import_file(self, fmt: ImportFormat) -> None:
        """Ask for a ``fmt`` file, read it, then preview and import it; errors write nothing."""
        if self._postmortem is None:
            return
        title, name_filter = FILE_FILTERS[fmt]
        path = ask_open_path(self, title, name_filter)
        if path is None:
            return
        try:
            text = read_import_file(path)
        except ValueError as error:  # ImportFileError names the file itself
            show_error(self, "Nothing was imported", f"Nothing was imported. {error}")
            return
        self._offer_import(text, fmt, path.name)

    def _offer_import(self, text: str, fmt: ImportFormat, source: str) -> None:
        pm = self._postmortem
        if pm is None:
            return
        try:
            preview = parse_import(
                text,
                fmt,
                source=source,
                zone=self.zone,
                default_date=self._default_date(),
                existing=pm.timeline,
            )
        except ValueError as error:
            message = str(error) if source in str(error) else f"{source}: {error}"
            show_error(self, "Nothing was imported", f"Nothing was imported. {message}")
            return
        if not ask_import_preview(self, preview, pm.timeline) or not preview.events:
            return
        pm = self._postmortem  # the dialog was modal, but stay on what is shown now
        if pm is None:  # the postmortem was closed meanwhile: nothing to import into
            return
        merged = merge_into_timeline(pm.timeline, preview.events)
        self._request("timeline", merged, import_undo_label(len(preview.events)))

    def export_csv(self) -> None:
        """Save the timeline as CSV (UTC, ISO 8601) where the user chooses."""
        pm = self._postmortem
        if pm is None:
            return
        suggested = f"{pm.incident_ref or 'timeline'}-timeline.csv".replace("/", "-")
        path = ask_save_path(self, "Export the timeline as CSV", suggested, "CSV files (*.csv)")
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            write_atomically(path, timeline_to_csv(pm.timeline))
        except OSError as error:
            reason = error.strerror or str(error)
            show_error(self, "Export failed", f"{path.name} was not written: {reason}.")
            return
        self.toolbar.show_status(f"Exported {len(pm.timeline)} events to {path.name}.")

    # -- layout ---------------------------------------------------------------------------------

    def _side_by_side_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and hasattr(self, "splitter"):
            self.splitter.side_by_side_width = self._side_by_side_width()
            self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * TABLE_MIN_LINES)
        super().changeEvent(event)
