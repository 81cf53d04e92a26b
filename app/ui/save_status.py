"""How the window tells the room whether the work is safe: a status-bar note and a banner.

Every edit is written at once, so the status bar normally reads "Saved 14:05:09 · file". When a
write fails, that note turns into a red "Not saved" and a banner across the top says why and
offers Retry; it stays until a write succeeds, because a failure that scrolls away is one the
facilitator will miss.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.theme import Tone, set_tone


class SaveBanner(QFrame):
    """Non-modal, unmissable: the failure reason and a Retry button."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveBanner")
        self.setAccessibleName("Changes not saved")
        set_tone(self, Tone.ALERT)
        self.message = QLabel(self)
        self.message.setObjectName("saveBannerMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Save problem")
        font = QFont(self.message.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.message.setFont(font)
        self.retry_button = QPushButton("&Retry", self)
        self.retry_button.setObjectName("saveBannerRetry")
        self.retry_button.setAccessibleName("Retry saving")
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(16)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_failure(self, reason: str) -> None:
        self.message.setText(reason)
        self.setAccessibleDescription(reason)
        self.show()


class SaveIndicator(QLabel):
    """The status-bar note: when the last write landed, or that the last one did not."""

    def __init__(self, library_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveIndicator")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.library_name = library_name
        self.failed = False
        self.setText(library_name)
        self.setContentsMargins(8, 0, 8, 0)

    def set_saved(self, moment: datetime | None = None) -> None:
        moment = moment or datetime.now()
        self.failed = False
        set_tone(self, None)
        self.setText(f"Saved {moment.strftime('%H:%M:%S')} · {self.library_name}")

    def set_failed(self) -> None:
        self.failed = True
        set_tone(self, Tone.ERROR)
        self.setText(f"Not saved · {self.library_name}")
