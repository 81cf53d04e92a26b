"""The list under the command bar: completions for the line, or the stages and commands it names.

The field keeps the keyboard focus the whole time (Up/Down move the highlight from there), so
the list never takes focus; a click on a row chooses it without leaving the field either.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget

# More rows would cover the page the meeting is looking at; the rest scroll.
MAX_ROWS = 7


class ChoiceList(QListWidget):
    """Rows of plain text, as tall as they are (up to ``MAX_ROWS``), never focused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hide()

    def show_choices(self, texts: Sequence[str], current: int | None) -> None:
        """Show ``texts`` with row ``current`` highlighted (None: none); hidden when empty."""
        if [self.item(row).text() for row in range(self.count())] != list(texts):
            self.clear()
            self.addItems(list(texts))
        self.set_current(current)
        self._fit()
        self.setVisible(bool(texts))

    def set_current(self, row: int | None) -> None:
        if row is None or not 0 <= row < self.count():
            self.setCurrentRow(-1)
            self.clearSelection()
            return
        self.setCurrentRow(row)
        self.scrollToItem(self.item(row))

    def current(self) -> int | None:
        row = self.currentRow()
        return row if row >= 0 and self.item(row).isSelected() else None

    def step(self, offset: int) -> None:
        """Move the highlight ``offset`` rows, from nothing to the first or last, stopping at the
        ends."""
        if not self.count():
            return
        row = self.current()
        if row is None:
            row = 0 if offset > 0 else self.count() - 1
        else:
            row = max(0, min(self.count() - 1, row + offset))
        self.set_current(row)

    def _fit(self) -> None:
        rows = min(self.count(), MAX_ROWS)
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().lineSpacing()
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth() + 4)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        super().changeEvent(event)
