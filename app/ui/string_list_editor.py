"""A list of short texts, one per row, edited by adding and removing whole entries.

Used for the terms to redact from customer-facing output: each term matters on its own, so a
row per term (rather than a comma list) makes it easy to see and remove exactly one. Like every
editor on a stage page, it only *requests* a new tuple; the stored result comes back through
``show_items``.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from app.ui.text_sizing import fit_to_lines


class StringListEditor(QWidget):
    """An entry line with Add, the list, and Remove; emits ``items_requested(tuple, label)``.

    ``noun`` names one entry in title case for undo labels ("Redaction Term" gives "Add
    Redaction Term"); messages use it in lower case.
    """

    items_requested = Signal(object, str)
    refused = Signal(str)

    def __init__(self, noun: str, object_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self._items: tuple[str, ...] = ()
        self.entry = QLineEdit(self)
        self.entry.setObjectName(f"{object_prefix}Entry")
        self.entry.setPlaceholderText(f"Type a {noun.lower()}, then Enter")
        self.entry.setAccessibleName(f"New {noun.lower()}")
        self.entry.setClearButtonEnabled(True)
        self.add_button = self._button(f"{object_prefix}AddButton", "Add", f"Add {noun.lower()}")
        self.list = QListWidget(self)
        self.list.setObjectName(f"{object_prefix}List")
        self.list.setAccessibleName(f"{noun}s")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_to_lines(self.list, 4, max_lines=6)
        self.remove_button = self._button(
            f"{object_prefix}RemoveButton", "Remove", f"Remove {noun.lower()}"
        )
        self._lay_out()
        self.entry.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.currentRowChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self._update_buttons()

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)
        return button

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.entry, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.list, 1, 0)
        grid.addWidget(self.remove_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(1, 1)
        for first, second in itertools.pairwise(self.focus_widgets()):
            QWidget.setTabOrder(first, second)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order, for the page's overall chain."""
        return (self.entry, self.add_button, self.list, self.remove_button)

    @property
    def items(self) -> tuple[str, ...]:
        return self._items

    def show_items(self, items: tuple[str, ...]) -> None:
        """Show the stored entries; an unchanged list keeps its selection and scroll position."""
        if items == self._items:
            return
        row = self.list.currentRow()
        self._items = items
        self.list.clear()
        self.list.addItems(list(items))
        if items and row >= 0:
            self.list.setCurrentRow(min(row, len(items) - 1))
        self._update_buttons()

    def add(self) -> None:
        """Request the entry's text as a new last row; blanks and repeats (any case) are refused."""
        text = self.entry.text().strip()
        if not text:
            return
        if text.casefold() in {item.casefold() for item in self._items}:
            self.refused.emit(f"“{text}” is already on the list.")
            return
        self.items_requested.emit((*self._items, text), f"Add {self._noun}")
        self.entry.clear()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._items):
            return
        self.items_requested.emit(
            self._items[:row] + self._items[row + 1 :], f"Remove {self._noun}"
        )

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(0 <= self.list.currentRow() < len(self._items))
