"""Keyboard conventions shared by the editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def leave_on_ctrl_tab(widget: QWidget, event: QKeyEvent) -> bool:
    """Move focus out of ``widget`` on Ctrl+Tab / Ctrl+Shift+Tab; True if the key was used.

    Tables that use Tab to move between cells follow Qt's convention for such widgets: Ctrl+Tab
    leaves, so the keyboard is never trapped in them.
    """
    control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    if not control or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return False
    forward = event.key() == Qt.Key.Key_Tab and not (
        event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    )
    QWidget.focusNextPrevChild(widget, forward)
    return True
