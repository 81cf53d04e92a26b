"""Stage-3 editor fixtures: a postmortem with a fishbone and five whys, and a fake store.

``Store`` stands in for the page: it records each requested edit, keeps the new postmortem as
stored and shows it back on every editor it serves, synchronously, as the page does, so a
sequence of keystrokes runs end to end.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.domain.model import (
    ActionItem,
    Cause,
    CauseClassification,
    FishboneCategory,
    Participant,
    Postmortem,
    Severity,
    TimelineEvent,
    WhyAnswer,
)

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, outline, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in an outline's tree (not in a row editor)."""
    outline.view.setFocus()
    qtbot.keyClick(outline.view, key, modifier)


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def sample_postmortem(**changes) -> Postmortem:
    """People (empty), Process with A > A1, A2 and B, Tooling with C; whys W1 > W2 > W3, W4."""
    fields = {
        "title": "Checkout errors after cache deploy",
        "severity": Severity.SEV2,
        "participants": (Participant("Dana Reyes", "on-call"),),
        "fishbone_categories": (
            FishboneCategory("people", "People"),
            FishboneCategory("process", "Process"),
            FishboneCategory("tooling", "Tooling"),
        ),
        "causes": (
            Cause("a", "process", "No canary stage", classification=CauseClassification.ROOT_CAUSE),
            Cause("a1", "process", "Pipeline skips canary for config", parent_id="a"),
            Cause("a2", "process", "Canary was slow", parent_id="a"),
            Cause("b", "process", "Review missed TTL", evidence=("https://ci.example/4812",)),
            Cause("c", "tooling", "Config linter lacks TTL rule"),
        ),
        "whys": (
            WhyAnswer("w1", "Cache entries expired at once"),
            WhyAnswer("w2", "TTL was set to zero", parent_id="w1"),
            WhyAnswer("w3", "The default changed", parent_id="w2"),
            WhyAnswer("w4", "Nobody noticed", parent_id="w1"),
        ),
        "timeline": (
            TimelineEvent("e1", at("2024-01-15 14:02"), "Deploy 4812 starts"),
            TimelineEvent("e2", at("2024-01-15 14:09"), "Latency alert fires"),
        ),
        "action_items": (
            ActionItem("x1", "Add a TTL rule to the config linter", owner="Platform"),
            ActionItem("x2", "Canary every config deploy", cause_ids=("a",)),
        ),
    }
    fields.update(changes)
    return Postmortem(**fields)


class Store:
    """Records requested edits and shows each stored result on every editor it serves."""

    def __init__(self, postmortem: Postmortem, *editors: QWidget) -> None:
        self.stored = postmortem
        self.calls: list[tuple[Postmortem, str]] = []
        self.messages: list[str] = []
        self.editors: list[QWidget] = []
        for editor in editors:
            self.serve(editor)

    def serve(self, editor: QWidget) -> None:
        self.editors.append(editor)
        editor.edit_requested.connect(self._store)
        editor.message.connect(self.messages.append)
        editor.show_postmortem(self.stored)

    def _store(self, postmortem: Postmortem, label: str) -> None:
        self.calls.append((postmortem, label))
        self.stored = postmortem
        for editor in self.editors:
            editor.show_postmortem(postmortem)

    @property
    def labels(self) -> list[str]:
        return [label for _pm, label in self.calls]


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def open_editor(qtbot, view: QWidget, previous: QLineEdit | None = None) -> QLineEdit:
    """Wait for the row editor the keyboard flow opens next, and return it."""

    def opened() -> bool:
        widget = QApplication.focusWidget()
        return (
            isinstance(widget, QLineEdit) and widget is not previous and view.isAncestorOf(widget)
        )

    qtbot.waitUntil(opened)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    return editor


@pytest.fixture
def postmortem() -> Postmortem:
    return sample_postmortem()
