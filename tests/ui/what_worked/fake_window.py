"""A stand-in for the main window, shared by the stage 4 and stage 5 page tests.

It does what the window does with a page's requests: applies each one to the stored
postmortem (the model validates it), keeps the step for undo, and shows the stored result back
on the page synchronously, so a sequence of keystrokes runs end to end.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from app.domain.model import Postmortem
from app.ui.stage_page import StagePage


class FakeWindow:
    """Stores a page's requested edits as undoable steps and shows each result back."""

    def __init__(self, page: StagePage, postmortem: Postmortem) -> None:
        self.page = page
        self.stored = postmortem
        self.history: list[tuple[Postmortem, str]] = []
        self.reveals: list[tuple[object, str]] = []
        page.edit_requested.connect(lambda field, value, label: self._apply({field: value}, label))
        page.changes_requested.connect(self._apply)
        page.reveal_requested.connect(lambda stage, item_id: self.reveals.append((stage, item_id)))
        page.show_postmortem(postmortem)

    def _apply(self, changes: dict[str, Any], label: str) -> None:
        new = dataclasses.replace(self.stored, **changes)
        self.history.append((self.stored, label))
        self.stored = new
        self.page.show_postmortem(new)

    @property
    def labels(self) -> list[str]:
        return [label for _before, label in self.history]

    def undo(self) -> str:
        """Take the last step back, as Edit > Undo does; its label."""
        before, label = self.history.pop()
        self.stored = before
        self.page.show_postmortem(before)
        return label


def show_page(qtbot, page: QWidget, width: int = 1280, height: int = 800) -> QWidget:
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def focused() -> QWidget | None:
    return QApplication.focusWidget()
