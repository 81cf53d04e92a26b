"""Stage 4, what worked and what didn't: three lists filled by keyboard in the meeting.

The reference asks to reinforce what went well and to name what went wrong; where the team got
lucky is its own list because luck is the next incident's risk. Each list keeps the rhythm of a
meeting (type, Enter, next) and each item may point at the timeline events behind it. The page
never stores: every change is worked out on the shown observations (``edits``) and asked for
as one undoable ``edit_requested("observations", ...)``, which the window stores and shows back.
An empty item is never stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from app.domain.model import Observation, ObservationKind, Postmortem, Stage
from app.ui.forms.page_base import FormStagePage
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.labels import plain_label
from app.ui.root_cause.evidence_editor import TimelineEventChooser, event_line
from app.ui.text_sizing import keep_minimum_lines
from app.ui.what_worked import edits
from app.ui.what_worked.event_links import LINK_SHORTCUT, ObservationEventLinks
from app.ui.what_worked.list_model import NEW_ROW_ID
from app.ui.what_worked.observation_list import ListAction, ObservationList

SIDE_BY_SIDE_WIDTH = 900
STATUS_STYLE = "color: palette(placeholder-text);"


class WhatWorkedPage(FormStagePage):
    """Stage 4: went well, went wrong, where we got lucky; links to timeline events; notes.

    ``lists`` maps each ``ObservationKind`` to its ``ObservationList``; ``links`` shows the
    events linked to the selected item. ``reveal(item_id)`` selects an item.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.WHAT_WORKED, parent)
        self.lists = {kind: ObservationList(kind, self) for kind in edits.KIND_ORDER}
        self._active = ObservationKind.WENT_WELL
        self.links = ObservationEventLinks(self)
        self.status = plain_label("", self, wrap=True, style=STATUS_STYLE)
        self.status.setObjectName("whatWorkedStatus")
        self.status.setAccessibleName("Stage 4 status")
        for kind, observation_list in self.lists.items():
            observation_list.model.text_committed.connect(
                lambda item_id, text, kind=kind: self._on_text(kind, item_id, text)
            )
            observation_list.action.connect(lambda action, kind=kind: self._on_action(kind, action))
            observation_list.current_changed.connect(lambda kind=kind: self._on_current(kind))
        self.links.link_requested.connect(self.link_event)
        self.links.unlink_requested.connect(self._unlink)
        self.links.show_requested.connect(
            lambda event_id: self.reveal_requested.emit(Stage.TIMELINE, event_id)
        )
        link = QAction("Link timeline event", self)
        link.setShortcut(QKeySequence(LINK_SHORTCUT))
        link.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        link.triggered.connect(self.link_event)
        self.addAction(link)
        self._lay_out()

    def _lay_out(self) -> None:
        row = QWidget(self)
        columns = QHBoxLayout(row)
        columns.setContentsMargins(0, 0, 0, 0)
        for observation_list in self.lists.values():
            columns.addWidget(observation_list, 1)
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        heading = plain_label("Notes for this stage", notes, bold=True)
        heading.setBuddy(self.notes)
        notes_layout.addWidget(heading)
        notes_layout.addWidget(self.notes, 1)
        lower = SideBySideSplitter(SIDE_BY_SIDE_WIDTH, self.links, notes, sizes=[700, 500])
        keep_minimum_lines(row, 12)
        keep_minimum_lines(lower, 9)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(row)
        splitter.addWidget(lower)
        splitter.setSizes([480, 240])
        hint = plain_label(
            "Type an item and press Enter for the next. Up/Down move, Ctrl+Up/Down reorder,"
            " Delete removes, Ctrl+Tab goes to the next list, "
            f"{LINK_SHORTCUT} links a timeline event.",
            self,
            wrap=True,
            style=STATUS_STYLE,
        )
        self.body_layout.addWidget(hint)
        self.body_layout.addWidget(splitter, 1)
        self.body_layout.addWidget(self.status)

    # -- showing -------------------------------------------------------------------------
    def _show(self, postmortem: Postmortem) -> None:
        hints, tips = {}, {}
        for item in postmortem.observations:
            hints[item.id] = edits.link_hint(postmortem, item)
            events = edits.linked_events(postmortem, item)
            tips[item.id] = "\n".join([item.text, *map(event_line, events)])
        for kind, observation_list in self.lists.items():
            observation_list.show_items(edits.of_kind(postmortem.observations, kind), hints, tips)
        self._show_links()

    def selected_item(self) -> Observation | None:
        """The current item of the list last worked in; None on its empty row."""
        return self.lists[self._active].current_item()

    def _on_current(self, kind: ObservationKind) -> None:
        self._active = kind
        self._show_links()

    def _show_links(self) -> None:
        pm, item = self.postmortem, self.selected_item()
        if pm is None:
            return
        events = edits.linked_events(pm, item) if item is not None else ()
        self.links.show_links(item, events, timeline_has_events=bool(pm.timeline))

    def reveal(self, item_id: str) -> bool:
        """Select observation ``item_id`` in its list and give that list the focus."""
        pm = self.postmortem
        item = edits.find(pm.observations, item_id) if pm is not None else None
        if item is None:
            return False
        self._active = item.kind
        return self.lists[item.kind].select(item_id)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- editing -------------------------------------------------------------------------
    def _observations(self) -> tuple[Observation, ...] | None:
        pm = self.postmortem
        return None if pm is None else pm.observations

    def _on_text(self, kind: ObservationKind, item_id: str, text: str) -> None:
        observations = self._observations()
        if observations is None:
            return
        if item_id == NEW_ROW_ID:
            if edits.clean_text(text):
                added, _item = edits.add(observations, kind, text)
                self._say("")
                self.request("observations", added, f"Add {edits.ITEM_NAMES[kind]}")
            return
        item = edits.find(observations, item_id)
        if item is None or edits.clean_text(text) == item.text:
            return
        if not edits.clean_text(text):
            self._say("The text was kept: an empty item says nothing. Delete removes it.")
            return
        self._say("")
        self.request(
            "observations", edits.edit_text(observations, item_id, text), "Edit Observation"
        )

    def _on_action(self, kind: ObservationKind, action: str) -> None:
        self._active = kind
        if action in (ListAction.NEXT_LIST, ListAction.PREVIOUS_LIST):
            self._switch_list(kind, forward=action == ListAction.NEXT_LIST)
            return
        observations, item = self._observations(), self.lists[kind].current_item()
        if observations is None or item is None:
            return
        if action == ListAction.REMOVE:
            self._remove(kind, observations, item)
        elif action in (ListAction.UP, ListAction.DOWN):
            moved = edits.move(observations, item.id, -1 if action == ListAction.UP else 1)
            if moved is not None:
                self.request("observations", moved, "Reorder Observations")

    def _remove(
        self, kind: ObservationKind, observations: tuple[Observation, ...], item: Observation
    ) -> None:
        self.request(
            "observations", edits.remove(observations, item.id), f"Remove {edits.ITEM_NAMES[kind]}"
        )
        # The row below (or the empty row) is current now; the list keeps the focus.
        self.lists[kind].view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _switch_list(self, kind: ObservationKind, *, forward: bool) -> None:
        """Ctrl+Tab: the next list; from the last one, on to the links and notes."""
        order = list(edits.KIND_ORDER)
        position = order.index(kind) + (1 if forward else -1)
        if 0 <= position < len(order):
            self._active = order[position]
            self.lists[order[position]].enter()
        else:
            QWidget.focusNextPrevChild(self.lists[kind].view, forward)

    def link_event(self) -> None:
        """Choose a timeline event and link it to the selected item."""
        pm, item = self.postmortem, self.selected_item()
        if pm is None:
            return
        if item is None:
            self._say("Select an item first: links belong to an item in one of the lists.")
            return
        events = [event for event in pm.timeline if event.id not in item.event_ids]
        if not events:
            self._say(
                "Every timeline event is linked already."
                if pm.timeline
                else "The timeline has no events yet: add them on stage 2."
            )
            return
        chosen = TimelineEventChooser.ask(self, events)
        if chosen is not None:
            self._say("")
            linked = edits.link_event(pm.observations, item.id, chosen)
            self.request("observations", linked, "Link Timeline Event")

    def _unlink(self, event_id: str) -> None:
        pm, item = self.postmortem, self.links.item
        if pm is None or item is None:
            return
        unlinked = edits.unlink_event(pm.observations, item.id, event_id)
        self.request("observations", unlinked, "Unlink Timeline Event")

    def focus_new_row(self, kind: ObservationKind) -> None:
        """Put the cursor on the empty row of ``kind``'s list, ready for typing."""
        self._active = kind
        self.lists[kind].select(NEW_ROW_ID)
