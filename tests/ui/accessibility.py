"""What every page and panel must keep: user text shown as plain text, every control named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# Qt's own children without a focus reason of their own to be named.
UNNAMED_KINDS = frozenset({"QScrollBar", "QSplitterHandle"})


def check_plain_and_named(page: QWidget) -> None:
    """Every label is plain text and every visible focusable control has an accessible name."""
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page):
            named = widget.accessibleName() or widget.objectName().startswith("qt_")
            assert named or type(widget).__name__ in UNNAMED_KINDS, widget
