"""The timeline events linked to the selected stage 4 item, with link, unlink and show.

"Alert took 7 minutes" reads better next to the two timeline entries that prove it, so an item
can point at events. The pane lists them as time and description; the page decides what the
buttons do (a chooser, an undoable edit, a jump to the timeline page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Observation, TimelineEvent
from app.ui.labels import plain_label, plain_tooltip
from app.ui.root_cause.evidence_editor import event_line

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_SHORTCUT = "Ctrl+E"


class ObservationEventLinks(QWidget):
    """Linked events of one item. Signals ask the page: ``link_requested()``,
    ``unlink_requested(event id)``, ``show_requested(event id)`` (on the timeline page)."""

    link_requested = Signal()
    unlink_requested = Signal(str)
    show_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Observation | None = None
        self.heading = plain_label("Linked timeline events", self, bold=True)
        self.subject = plain_label("", self, wrap=True)
        self.subject.setObjectName("linkedItem")
        self.list = QListWidget(self)
        self.list.setObjectName("linkedEvents")
        self.list.setAccessibleName("Linked timeline events")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip("Enter or double-click shows the event on the timeline")
        self.heading.setBuddy(self.list)
        self.link_button = self._button(
            "Link timeline &event…",
            "Link timeline event",
            f"Link a timeline event to the selected item ({LINK_SHORTCUT})",
        )
        self.unlink_button = self._button(
            "Unlink", "Unlink timeline event", "Unlink the selected event (Delete)"
        )
        self.show_button = self._button(
            "Show on timeline", "Show event on timeline", "Open the event on the timeline (Enter)"
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.link_button, self.unlink_button, self.show_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.subject)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.link_button.clicked.connect(self.link_requested)
        self.unlink_button.clicked.connect(self._unlink_current)
        self.show_button.clicked.connect(self._show_current)
        self.list.itemActivated.connect(lambda _row: self._show_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._unlink_current)
        self._has_events = False
        self._update_buttons()

    def _button(self, text: str, accessible: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    @property
    def item(self) -> Observation | None:
        """The item whose links are shown."""
        return self._item

    def show_links(
        self,
        item: Observation | None,
        events: tuple[TimelineEvent, ...],
        *,
        timeline_has_events: bool,
    ) -> None:
        """Show ``events`` linked to ``item`` (None: nothing selected), keeping the current row."""
        self._item = item
        self._has_events = timeline_has_events
        if item is None:
            self.subject.setText("Select an item in one of the lists to link timeline events.")
        else:
            self.subject.setText(f"{item.kind.label}: \u201c{item.text}\u201d")
        row = self.list.currentRow()
        self.list.clear()
        for event in events:
            entry = QListWidgetItem(event_line(event), self.list)
            entry.setData(EVENT_ID_ROLE, event.id)
            entry.setToolTip(plain_tooltip(event.description))
        if events:
            self.list.setCurrentRow(min(max(row, 0), len(events) - 1))
        self._update_buttons()

    def current_event(self) -> str | None:
        row = self.list.currentItem()
        return None if row is None else str(row.data(EVENT_ID_ROLE))

    def _update_buttons(self) -> None:
        has_current = self.current_event() is not None
        self.unlink_button.setEnabled(has_current)
        self.show_button.setEnabled(has_current)
        self.link_button.setEnabled(self._item is not None and self._has_events)
        if not self._has_events:
            tip = "The timeline has no events yet (stage 2)"
        elif self._item is None:
            tip = "Select an item first"
        else:
            tip = f"Link a timeline event to the selected item ({LINK_SHORTCUT})"
        self.link_button.setToolTip(tip)

    def _unlink_current(self) -> None:
        event_id = self.current_event()
        if event_id is not None:
            self.unlink_requested.emit(event_id)

    def _show_current(self) -> None:
        event_id = self.current_event()
        if event_id is not None:
            self.show_requested.emit(event_id)
