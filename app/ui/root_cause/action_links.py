"""Which action items address a cause or answer, as a checkable list of every action item.

A root cause nobody acts on is a finding, not a fix; ticking an action item here links it to
the selected cause (``ActionItem.cause_ids``), unticking unlinks it. Each tick is one request
for the whole new ``action_items`` tuple.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain.model import ActionItem, Postmortem
from app.ui.labels import plain_tooltip
from app.ui.text_sizing import fit_to_lines

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def linked(
    items: tuple[ActionItem, ...], action_id: str, cause_id: str, *, on: bool
) -> tuple[ActionItem, ...]:
    """``items`` with ``action_id`` linked to (or unlinked from) ``cause_id``."""

    def changed(item: ActionItem) -> ActionItem:
        if item.id != action_id:
            return item
        ids = tuple(i for i in item.cause_ids if i != cause_id)
        return dataclasses.replace(item, cause_ids=(*ids, cause_id) if on else ids)

    return tuple(changed(item) for item in items)


def _describe(item: ActionItem) -> str:
    owner = f" ({item.owner})" if item.owner.strip() else ""
    return f"{' '.join(item.title.split()) or 'Untitled action item'}{owner}"


class ActionLinks(QWidget):
    """Every action item with a tick for "addresses this cause".

    ``changed(action_items, label)`` requests the new tuple of action items.
    """

    changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[ActionItem, ...] = ()
        self._cause_id: str | None = None
        self._filling = False
        self.list = QListWidget(self)
        self.list.setObjectName("addressedByList")
        self.list.setAccessibleName("Addressed by action items")
        self.list.setToolTip("Tick the action items that address this (Space ticks)")
        fit_to_lines(self.list, 3, max_lines=6)
        self.empty = QLabel("No action items yet: stage 5 adds them.", self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.list.itemChanged.connect(self._on_item_changed)

    def show_actions(self, postmortem: Postmortem, cause_id: str) -> None:
        """Show every action item of ``postmortem``, ticked where it addresses ``cause_id``."""
        if postmortem.action_items == self._items and cause_id == self._cause_id:
            return
        row = self.list.currentRow()
        self._items = postmortem.action_items
        self._cause_id = cause_id
        self._filling = True
        try:
            self.list.clear()
            for item in self._items:
                row_item = QListWidgetItem(_describe(item), self.list)
                row_item.setData(ACTION_ID_ROLE, item.id)
                row_item.setToolTip(plain_tooltip(item.title))
                row_item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                on = cause_id in item.cause_ids
                row_item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if self._items:
                self.list.setCurrentRow(min(max(row, 0), len(self._items) - 1))
        finally:
            self._filling = False
        self.list.setVisible(bool(self._items))
        self.empty.setVisible(not self._items)

    def addressing(self) -> list[str]:
        """The titles of the ticked action items, in order."""
        return [
            self._items[n].title
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _on_item_changed(self, row: QListWidgetItem) -> None:
        if self._filling or self._cause_id is None:
            return
        action_id = str(row.data(ACTION_ID_ROLE))
        on = row.checkState() == Qt.CheckState.Checked
        current = next((item for item in self._items if item.id == action_id), None)
        if current is None or (self._cause_id in current.cause_ids) == on:
            return
        before = self._items
        items = linked(before, action_id, self._cause_id, on=on)
        self.changed.emit(items, "Link Action Item" if on else "Unlink Action Item")
        if self._items is before:  # not stored: the tick goes back to what is stored
            self._filling = True
            row.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
            self._filling = False
