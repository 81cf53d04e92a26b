"""Labels and tooltips that show text literally: user text is never read as rich text."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.theme import Tone, set_tone


def plain_label(
    text: str,
    parent: QWidget,
    *,
    style: str = "",
    wrap: bool = False,
    bold: bool = False,
    tone: Tone | None = None,
) -> QLabel:
    """A label showing ``text`` as plain text (QLabel would otherwise guess at rich text);
    ``tone`` colours it from the theme (a warning box, error text, ...)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if style:
        label.setStyleSheet(style)
    if tone is not None:
        set_tone(label, tone)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt would render "<b>" or "<img>" in user text."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
