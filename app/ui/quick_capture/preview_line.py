"""The line under the command bar's field: what Enter will do, before it is pressed.

A kind word in bold (``Timeline event``, ``Action item``, ``Problem``...) then a sentence. The
tone colours both from the theme (error, success, muted), but the words always say it too: a
projector washes colours out and not everyone in the room tells red from green.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.domain.command_search import CommandMatch
from app.domain.quick_capture import STAGE_KEY_PREFIX, CaptureKind, CapturePreview
from app.ui.labels import plain_label
from app.ui.theme import Tone, set_tone

KIND_WORDS: dict[CaptureKind, str] = {
    "timeline_event": "Timeline event",
    "action_item": "Action item",
    "why": "Five whys",
    "parking_lot": "Parking lot",
}
PROBLEM_WORD = "Problem"
DONE_WORD = "Done"


@dataclass(frozen=True)
class PreviewText:
    """One state of the preview line: the kind word (may be empty), the sentence and its tone."""

    kind: str
    text: str
    tone: Tone | None = None


def describe(preview: CapturePreview, chosen: CommandMatch | None) -> PreviewText:
    """What the line says for ``preview``; ``chosen`` is the stage or command Enter would run."""
    if preview.kind == "invalid":
        text = preview.problem
        if preview.attempted != "command":  # say what it was meant to add, then why not
            text = f"{preview.summary}. {preview.problem}"
        return PreviewText(PROBLEM_WORD, text, Tone.ERROR)
    if preview.kind == "command":
        if chosen is None:  # an empty line: what can be typed
            return PreviewText("", preview.summary, Tone.MUTED)
        if chosen.key.startswith(STAGE_KEY_PREFIX):
            return PreviewText("Stage", f"Go to {chosen.label}")
        return PreviewText("Command", f"Run {chosen.label}")
    if preview.kind == "observation" and preview.observation_kind is not None:
        return PreviewText(preview.observation_kind.label, preview.summary)
    return PreviewText(KIND_WORDS.get(preview.kind, ""), preview.summary)


class PreviewLine(QWidget):
    """The kind word and the sentence of one ``PreviewText``, both plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = plain_label("", self, bold=True)
        self.kind.setObjectName("quickCaptureKind")
        self.kind.setAccessibleName("Kind")
        self.text = plain_label("", self, wrap=True)
        self.text.setObjectName("quickCapturePreview")
        self.text.setAccessibleName("What Enter will do")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.shown = PreviewText("", "")

    def show_text(self, shown: PreviewText) -> None:
        if shown == self.shown:
            return
        self.shown = shown
        self.kind.setText(shown.kind)
        self.kind.setVisible(bool(shown.kind))
        self.text.setText(shown.text)
        for label in (self.kind, self.text):
            set_tone(label, shown.tone)
