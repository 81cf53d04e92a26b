"""The blameless meeting invitation: generated from the scope fields until the facilitator edits it.

While the stored invitation is empty the text follows the fields live (every refresh regenerates
it). Typing into it requests an edited invitation; "Reset to generated" asks for the empty value
again, which hands the text back to the generator. "Copy" puts the text on the clipboard so it can
go into a calendar invite, and confirms on the button for two seconds instead of a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.invitation import effective_invitation
from app.domain.model import Postmortem
from app.ui.debounced_text import DebouncedText
from app.ui.text_sizing import fit_to_lines

COPIED_CONFIRMATION_MS = 2000
_FOLLOWING = "Generated from the fields above; it follows them until you edit it."
_EDITED = "Edited by you: changes to the fields above no longer reach it."


class InvitationPanel(QWidget):
    """The invitation text with Reset and Copy; emits ``invitation_requested(text, label)``."""

    invitation_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._postmortem: Postmortem | None = None
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("invitationEdit")
        self.editor.setAccessibleName("Invitation text")
        self.editor.setTabChangesFocus(True)  # Tab moves on; the invitation needs no tab stops
        fit_to_lines(self.editor, 14)
        self._typing = DebouncedText(self.editor)
        self._typing.committed.connect(self._on_committed)
        self.state_label = QLabel(_FOLLOWING, self)
        self.state_label.setObjectName("invitationState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.reset_button = self._button("resetInvitationButton", "Reset to generated")
        self.reset_button.setAccessibleName("Reset invitation to the generated text")
        self.reset_button.clicked.connect(self.reset)
        self.copy_button = self._button("copyInvitationButton", "Copy")
        self.copy_button.setAccessibleName("Copy invitation to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(COPIED_CONFIRMATION_MS)
        self._copied_timer.timeout.connect(lambda: self.copy_button.setText("Copy"))
        self._lay_out()

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.copy_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor, 1)
        column.addLayout(buttons)
        QWidget.setTabOrder(self.editor, self.reset_button)
        QWidget.setTabOrder(self.reset_button, self.copy_button)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order, for the page's overall chain."""
        return (self.editor, self.reset_button, self.copy_button)

    def show_invitation(self, previous: Postmortem | None, postmortem: Postmortem) -> None:
        """Show ``postmortem``'s effective invitation; ``previous`` is the one shown before."""
        self._postmortem = postmortem
        before = effective_invitation(previous) if previous is not None else None
        self._typing.sync(before, effective_invitation(postmortem))
        edited = bool(postmortem.invitation.strip())
        self.reset_button.setEnabled(edited)
        self.state_label.setText(_EDITED if edited else _FOLLOWING)

    def reset(self) -> None:
        """Hand the text back to the generator by asking for an empty stored invitation."""
        if self._postmortem is not None and self._postmortem.invitation:
            self.invitation_requested.emit("", "Reset Invitation")

    def copy(self) -> None:
        """Put the text as shown on the clipboard (committing pending typing first)."""
        if self._typing.pending:
            self._typing.finish()
        clipboard = QApplication.clipboard()
        clipboard.setText(self._typing.text())
        self.copy_button.setText("Copied")
        self._copied_timer.start()

    def _on_committed(self, text: str, finished: bool) -> None:
        postmortem = self._postmortem
        if postmortem is None or text == effective_invitation(postmortem):
            return
        if text.strip():
            self.invitation_requested.emit(text, "Edit Invitation")
        elif finished and postmortem.invitation:
            # Clearing an edited invitation and leaving it means "use the generated one".
            self.invitation_requested.emit("", "Reset Invitation")
        elif finished:
            self._typing.set_text(effective_invitation(postmortem))
        # A blank pause is the start of a rewrite, not a request to regenerate under the cursor.
