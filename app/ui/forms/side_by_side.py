"""Panes that sit side by side when the page is wide and stack when it is not.

A stage page shares the window with the library list and the stage sidebar, and presentation
mode enlarges every font, so the same page may get 1,200 pixels or 600. A fixed horizontal
splitter would then force sideways scrolling and squeeze table columns to "...". This splitter
stacks its panes below ``side_by_side_width`` instead, and reports the stacked minimum width so
an enclosing scroll area lets it become that narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class SideBySideSplitter(QSplitter):
    """Horizontal at ``side_by_side_width`` pixels or more, vertical below it."""

    def __init__(
        self,
        side_by_side_width: int,
        *panes: QWidget,
        sizes: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.side_by_side_width = side_by_side_width
        self.setChildrenCollapsible(False)
        for pane in panes:
            self.addWidget(pane)
        self._horizontal_sizes = sizes
        self.setSizes(sizes)

    def minimumSizeHint(self) -> QSize:
        panes = [pane for index in range(self.count()) if (pane := self.widget(index)) is not None]
        # As Qt's layouts do: an explicit minimum width wins over the widget's own hint.
        width = max(
            (max(pane.minimumWidth(), pane.minimumSizeHint().width()) for pane in panes), default=0
        )
        heights = [max(pane.minimumHeight(), pane.minimumSizeHint().height()) for pane in panes]
        if self.orientation() == Qt.Orientation.Vertical:
            # Stacked, the panes need their heights one under another: a page that cannot
            # give them that scrolls instead of letting them overlap.
            height = sum(heights) + self.handleWidth() * max(len(panes) - 1, 0)
        else:
            height = max(heights, default=0)
        return QSize(width, max(height, super().minimumSizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.side_by_side_width
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            if wide:
                self.setSizes(self._horizontal_sizes)
            self.updateGeometry()
        super().resizeEvent(event)
