"""Asking why a blameless-language flag should be kept: a reason is required and is shown later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from app.ui.labels import plain_label


class DismissFlagDialog(QDialog):
    """One line for the reason; OK stays disabled until there is one."""

    def __init__(self, phrase: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keep this wording")
        self.setMinimumWidth(max(460, self.fontMetrics().horizontalAdvance("M") * 34))
        question = plain_label(
            f"\u201c{phrase}\u201d in {where} was flagged. Why should it stay? The reason is kept "
            "and shown in the final review.",
            self,
            wrap=True,
        )
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for keeping the wording")
        self.reason.setPlaceholderText("For example: quoted from the vendor's report")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Keep it")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.text().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, phrase: str, where: str) -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(phrase, where, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.reason.text().strip() or None
        finally:
            dialog.deleteLater()
