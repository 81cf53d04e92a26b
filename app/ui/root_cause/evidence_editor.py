"""The evidence behind one cause or answer: links, notes and timeline events.

The reference asks for an *evidence-backed* causal chain, so evidence is one keystroke away:
paste a link or type a note and press Enter, or pick a timeline event. Entries are shown as
``describe_evidence`` words them; activating one opens a link in the browser, or asks the page
to show a linked timeline event. Like every editor here it only requests a new tuple.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.evidence import describe_evidence, event_evidence, evidence_event_id, is_link
from app.domain.model import Postmortem, TimelineEvent
from app.domain.timeparse import format_utc
from app.ui.labels import plain_tooltip
from app.ui.text_sizing import fit_to_lines

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the stored evidence text (or event id) of a row


def open_url(url: str) -> bool:
    """Open ``url`` in the desktop's browser (tests replace this)."""
    return QDesktopServices.openUrl(QUrl(url))


def event_line(event: TimelineEvent) -> str:
    """How a timeline event is offered: its UTC time and description on one line."""
    return f"{format_utc(event.at)} UTC  {' '.join(event.description.split())}"


class TimelineEventChooser(QDialog):
    """Pick one timeline event (type to filter); events already linked are left out."""

    def __init__(self, events: Sequence[TimelineEvent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link a timeline event")
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName("Filter timeline events")
        self.filter.setPlaceholderText("Type to filter by time or description")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Timeline events")
        for event in events:
            row = QListWidgetItem(event_line(event), self.list)
            row.setData(ENTRY_ROLE, event.id)
            row.setToolTip(plain_tooltip(event.description))
        self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        link = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        link.setText("Link")
        link.setAccessibleName("Link the chosen event")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _row: self.accept())
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.lineSpacing() * 20)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        first = None
        for number in range(self.list.count()):
            row = self.list.item(number)
            hidden = not all(word in row.text().lower() for word in words)
            row.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)

    def chosen(self) -> str | None:
        row = self.list.currentItem()
        return None if row is None or row.isHidden() else str(row.data(ENTRY_ROLE))

    @classmethod
    def ask(cls, parent: QWidget | None, events: Sequence[TimelineEvent]) -> str | None:
        """The id of the chosen event, or None when cancelled."""
        dialog = cls(events, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class EvidenceEditor(QWidget):
    """The evidence list of one item, with an entry line and buttons.

    ``changed(entries, label)`` requests the item's new evidence tuple;
    ``event_requested(event_id)`` asks the page to show a linked timeline event;
    ``message(text)`` says why nothing happened.
    """

    changed = Signal(object, str)
    event_requested = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._postmortem: Postmortem | None = None
        self._entries: tuple[str, ...] = ()
        self.list = QListWidget(self)
        self.list.setObjectName("evidenceList")
        self.list.setAccessibleName("Evidence")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip("Enter or double-click opens a link or shows the timeline event")
        fit_to_lines(self.list, 3, max_lines=6)
        self.entry = QLineEdit(self)
        self.entry.setObjectName("evidenceEntry")
        self.entry.setAccessibleName("New evidence")
        self.entry.setPlaceholderText("Paste a link or type a note, then Enter")
        self.entry.setClearButtonEnabled(True)
        self.add_button = self._button("Add", "Add evidence", "Add the link or note (Enter)")
        self.event_button = self._button(
            "Link timeline &event…", "Link timeline event", "Choose a timeline event as evidence"
        )
        self.open_button = self._button("Open", "Open evidence", "Open the link or event (Enter)")
        self.remove_button = self._button(
            "Remove", "Remove evidence", "Remove the selected entry (Delete)"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.list, 0, 0, 3, 1)
        grid.addWidget(self.open_button, 0, 1)
        grid.addWidget(self.remove_button, 1, 1)
        grid.addWidget(self.entry, 3, 0)
        grid.addWidget(self.add_button, 3, 1)
        grid.addWidget(self.event_button, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.entry.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.event_button.clicked.connect(self.link_event)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.itemActivated.connect(lambda _row: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self._update_buttons()

    def _button(self, text: str, accessible: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    @property
    def entries(self) -> tuple[str, ...]:
        return self._entries

    def show_entries(self, postmortem: Postmortem, entries: tuple[str, ...]) -> None:
        """Show ``entries`` as described for ``postmortem``, keeping the current row."""
        self._postmortem = postmortem
        row = self.list.currentRow()
        described = [describe_evidence(postmortem, entry) for entry in entries]
        shown = [self.list.item(n).text() for n in range(self.list.count())]
        if entries != self._entries or described != shown:
            self.list.clear()
            link_colour = self.palette().color(QPalette.ColorRole.Link)
            for entry, text in zip(entries, described, strict=True):
                item = QListWidgetItem(text, self.list)
                item.setData(ENTRY_ROLE, entry)
                item.setToolTip(plain_tooltip(entry))
                if is_link(entry) or evidence_event_id(entry) is not None:
                    font = QFont(self.list.font())
                    font.setUnderline(True)
                    item.setFont(font)
                    item.setForeground(link_colour)
            if entries:
                self.list.setCurrentRow(min(max(row, 0), len(entries) - 1))
        self._entries = entries
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        openable = entry is not None and (is_link(entry) or evidence_event_id(entry) is not None)
        self.open_button.setEnabled(openable)
        self.remove_button.setEnabled(entry is not None)
        has_events = self._postmortem is not None and bool(self._postmortem.timeline)
        self.event_button.setEnabled(has_events)
        self.event_button.setToolTip(
            "Choose a timeline event as evidence"
            if has_events
            else "The timeline has no events yet (stage 2)"
        )

    def current_entry(self) -> str | None:
        row = self.list.currentItem()
        return None if row is None else str(row.data(ENTRY_ROLE))

    def add_typed(self) -> None:
        """Add what the entry line holds (a link or a note)."""
        text = self.entry.text().strip()
        if not text:
            return
        if text in self._entries:
            self.message.emit("That evidence is listed already.")
            return
        self.entry.clear()
        self.changed.emit((*self._entries, text), "Add Evidence")

    def link_event(self) -> None:
        """Choose a timeline event and add it as evidence."""
        if self._postmortem is None:
            return
        linked = {evidence_event_id(entry) for entry in self._entries}
        events = [event for event in self._postmortem.timeline if event.id not in linked]
        if not events:
            self.message.emit("Every timeline event is linked already.")
            return
        chosen = TimelineEventChooser.ask(self, events)
        if chosen is not None:
            self.changed.emit((*self._entries, event_evidence(chosen)), "Link Timeline Event")

    def open_current(self) -> None:
        """Open the selected link, or ask the page to show the selected timeline event."""
        entry = self.current_entry()
        if entry is None:
            return
        event_id = evidence_event_id(entry)
        if event_id is not None:
            self.event_requested.emit(event_id)
        elif is_link(entry):
            open_url(entry.strip())

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._entries):
            kept = self._entries[:row] + self._entries[row + 1 :]
            self.changed.emit(kept, "Remove Evidence")
