"""The dialogs of a timeline import: text to paste into, and the preview shown before writing.

Nothing reaches the timeline before the facilitator has seen the preview: every event that will
be added, every line that could not be read (with its line number and why), and every event
that had to be changed on the way in. Accepting adds them all as one undoable step. Both dialogs
have an ``ask`` classmethod, which tests replace.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import TimelineEvent
from app.domain.timeline_import import ImportPreview, SkippedLine
from app.domain.timeparse import format_utc
from app.ui.labels import plain_label


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def preview_summary(preview: ImportPreview) -> str:
    """One sentence saying what the import will do: "12 events will be added; 3 lines could
    not be read"."""
    added = len(preview.events)
    skipped = len(preview.skipped)
    if added:
        text = f"{_plural(added, 'event', 'events')} will be added"
    else:
        text = "Nothing can be imported"
    if skipped:
        verb = "line could" if skipped == 1 else "lines could"
        text += f"; {skipped} {verb} not be read"
    if preview.adjusted:
        text += f"; {_plural(len(preview.adjusted), 'event', 'events')} changed on the way in"
    return text + "."


def _label(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    return plain_label(text, parent, wrap=True, bold=bold)


def _table(
    parent: QWidget, name: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> QTableWidget:
    """A read-only, plain-text table; the last column stretches and long text wraps."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other dialog
    table.verticalHeader().hide()
    table.setWordWrap(True)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _event_rows(events: Sequence[TimelineEvent]) -> list[tuple[str, str, str]]:
    return [
        (
            format_utc(event.at),
            event.milestone.label if event.milestone is not None else "",
            event.description,
        )
        for event in events
    ]


def _line_rows(lines: Sequence[SkippedLine]) -> list[tuple[str, str, str]]:
    return [(str(line.line), line.reason, line.text) for line in lines]


class ImportPreviewDialog(QDialog):
    """What an import will add and what it could not read; "Import" adds it as one step."""

    def __init__(
        self,
        preview: ImportPreview,
        existing_timeline: tuple[TimelineEvent, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import from {preview.source}")
        self.setAccessibleName("Import preview")
        self.summary = _label(preview_summary(preview), self, bold=True)
        self.summary.setAccessibleName("What the import will do")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if existing_timeline and preview.events:
            count = _plural(len(existing_timeline), "event", "events")
            layout.addWidget(
                _label(
                    f"They are added among the {count} already on the timeline, by time; "
                    "nothing there changes.",
                    self,
                )
            )
        self.events_table = self._section(
            layout,
            "Events to add (times in UTC)",
            ("Time (UTC)", "Milestone", "Description"),
            _event_rows(preview.events),
            stretch=3,
        )
        self.skipped_table = self._section(
            layout,
            "Lines that could not be read",
            ("Line", "Reason", "Text"),
            _line_rows(preview.skipped),
            stretch=2,
        )
        self.adjusted_table = self._section(
            layout,
            "Events changed on the way in",
            ("Line", "Change", "Text"),
            _line_rows(preview.adjusted),
            stretch=1,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(
            f"Import {_plural(len(preview.events), 'event', 'events')}", self
        )
        self.import_button.setAccessibleName("Import the events")
        self.import_button.setEnabled(bool(preview.events))
        self.import_button.setDefault(bool(preview.events))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.lineSpacing() * 30)

    def _section(
        self,
        layout: QVBoxLayout,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        stretch: int,
    ) -> QTableWidget | None:
        """A heading and a table, or nothing at all when there are no rows to show."""
        if not rows:
            return None
        heading = _label(f"{title} ({len(rows)})", self, bold=True)
        table = _table(self, title, headers, rows)
        heading.setBuddy(table)
        layout.addWidget(heading)
        layout.addWidget(table, stretch)
        return table

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        preview: ImportPreview,
        existing_timeline: tuple[TimelineEvent, ...],
    ) -> bool:
        """Show the preview; True when the facilitator chose to import."""
        dialog = cls(preview, existing_timeline, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class ImportTextDialog(QDialog):
    """A box to paste chat or notes into; the text goes on to the preview, not to the timeline."""

    def __init__(self, zone_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import timeline events from text")
        hint = _label(
            "Paste chat lines or notes. Lines that start with a time (14:02, [14:02], "
            f"2026-11-03 14:02, 2:02 pm) become events; times without a zone are read in "
            f"{zone_name}. Other lines join the event above. You see a preview before "
            "anything is added.",
            self,
        )
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("Text to import")
        self.text_edit.setTabChangesFocus(True)
        hint.setBuddy(self.text_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        preview_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        preview_button.setText("Preview…")
        preview_button.setAccessibleName("Preview the import")
        preview_button.setEnabled(False)
        self.text_edit.textChanged.connect(
            lambda: preview_button.setEnabled(bool(self.text_edit.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 24)

    @classmethod
    def ask(cls, parent: QWidget | None, zone_name: str) -> str | None:
        """The pasted text, or None when cancelled."""
        dialog = cls(zone_name, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.text_edit.toPlainText()
        finally:
            dialog.deleteLater()
