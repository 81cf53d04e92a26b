"""Small dialogs, each behind an ``ask``-style function so tests can drive or replace it."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import TITLE_MAX_LENGTH, Severity, Template

_TEMPLATE_NOTES = {
    Template.FULL: "Full template: the complete review for a major incident.",
    Template.LIGHTWEIGHT: "Lightweight template: a short retro for a minor incident.",
}


class NewPostmortemDialog(QDialog):
    """Asks for a title and severity; shows which template the severity will pick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New postmortem")
        self.setMinimumWidth(max(480, self.fontMetrics().horizontalAdvance("M") * 36))
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("What happened, in a few words")
        self.title_edit.setMaxLength(TITLE_MAX_LENGTH)
        self.severity_combo = QComboBox(self)
        self.severity_combo.setAccessibleName("Severity")
        for severity in Severity:
            self.severity_combo.addItem(severity.label, severity)
        self.severity_combo.setCurrentIndex(list(Severity).index(Severity.SEV3))
        self.template_note = QLabel(self)
        self.template_note.setTextFormat(Qt.TextFormat.PlainText)
        self.template_note.setWordWrap(True)
        self.template_note.setAccessibleName("Template")
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Severity", self.severity_combo)
        form.addRow("Template", self.template_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(16)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update)
        self.severity_combo.currentIndexChanged.connect(self._update)
        self._update()

    def severity(self) -> Severity:
        value = self.severity_combo.currentData()
        return value if isinstance(value, Severity) else Severity.SEV3

    def title(self) -> str:
        return self.title_edit.text().strip()

    def template(self) -> Template:
        return Template.for_severity(self.severity())

    def _update(self) -> None:
        self.template_note.setText(_TEMPLATE_NOTES[self.template()])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title()))

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, Severity] | None:
        """Run the dialog; the title and severity, or None when cancelled."""
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.title():
                return None
            return dialog.title(), dialog.severity()
        finally:
            dialog.deleteLater()


def confirm_delete(parent: QWidget | None, title: str) -> bool:
    """Ask before deleting; the question says the delete can be undone while the window is open."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete postmortem")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Delete the postmortem “{title}”?")
    box.setInformativeText("You can undo this with Ctrl+Z until you close Retro.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    confirmed = box.clickedButton() is delete
    box.deleteLater()
    return confirmed


class UnsavedChoice(Enum):
    SAVE_AGAIN = "save again"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved_changes(parent: QWidget | None, reason: str) -> UnsavedChoice:
    """Closing with edits Retro could not write: try again, throw them away, or stay."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changes not saved")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("Some of your changes are not saved.")
    box.setInformativeText(f"{reason}\n\nTry to save them again before closing?")
    save = box.addButton("Save again", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard changes", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return UnsavedChoice.SAVE_AGAIN
    if clicked is discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def show_open_error(parent: QWidget | None, message: str) -> None:
    """The one message shown when a library file cannot be opened."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Retro cannot open the library")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.setInformativeText("The file was not changed.")
    box.exec()
    box.deleteLater()
