"""Legal/infosec sign-off for a security incident: who approved public detail, and when (UTC).

The reference asks security incidents to be coordinated with legal/infosec before anything is
told publicly, so the page records that approval. A sign-off needs both a name and a time; until
both are there nothing is requested and the group says what is missing. Clearing both fields
clears the recorded sign-off.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.model import SecuritySignOff, utc_now
from app.ui.debounced_text import DebouncedText
from app.ui.scope_values import format_utc_minute, parse_utc_minute


def _same_moment(shown: str, stored: str) -> bool:
    try:
        return parse_utc_minute(shown) == parse_utc_minute(stored)
    except ValueError:
        return shown.strip() == stored.strip()


def _same_name(shown: str, stored: str) -> bool:
    return shown.strip() == stored.strip()


class SecuritySignOffEditor(QWidget):
    """Who signed off and when (UTC), with a Now button and a one-line status.

    Emits ``signoff_requested(SecuritySignOff | None, label)`` and ``refused(message)``.
    """

    signoff_requested = Signal(object, str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: SecuritySignOff | None = None
        self.by_edit = self._line(
            "signedByEdit", "Name and role, e.g. Dana Lee (Legal)", "Signed off by"
        )
        self.at_edit = self._line("signedAtEdit", "YYYY-MM-DD HH:MM", "Signed off at, UTC")
        self.now_button = QPushButton("Now", self)
        self.now_button.setObjectName("signedAtNowButton")
        self.now_button.setAccessibleName("Set sign-off time to now")
        self.now_button.setToolTip("Fill in the current time, in UTC")
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.sign_now)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("signoffStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self._by_typing = DebouncedText(self.by_edit)
        self._at_typing = DebouncedText(self.at_edit)
        self._by_typing.committed.connect(self._on_committed)
        self._at_typing.committed.connect(self._on_committed)
        self._lay_out()
        self._show_status()

    def _line(self, name: str, placeholder: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(accessible)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.by_label = QLabel("Signed off &by", self)
        self.by_label.setBuddy(self.by_edit)
        self.at_label = QLabel("Signed off at (UTC)", self)
        for label in (self.by_label, self.at_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.at_label.setBuddy(self.at_edit)
        time_row = QHBoxLayout()
        time_row.addWidget(self.at_edit, 1)
        time_row.addWidget(self.now_button)
        form.addRow(self.by_label, self.by_edit)
        form.addRow(self.at_label, time_row)
        form.addRow(self.status_label)
        QWidget.setTabOrder(self.by_edit, self.at_edit)
        QWidget.setTabOrder(self.at_edit, self.now_button)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order, for the page's overall chain."""
        return (self.by_edit, self.at_edit, self.now_button)

    def show_signoff(self, signoff: SecuritySignOff | None, *, fresh: bool) -> None:
        """Show the stored sign-off; ``fresh`` means a different postmortem, so replace everything.

        Otherwise a half-entered sign-off (a name but no time yet) stays in the fields while the
        stored value is unchanged.
        """
        before = None if fresh else self._stored
        self._stored = signoff
        previous_by = None if fresh else (before.signed_by if before else "")
        previous_at = None if fresh else format_utc_minute(before.signed_at if before else None)
        self._by_typing.sync(previous_by, signoff.signed_by if signoff else "", _same_name)
        self._at_typing.sync(
            previous_at, format_utc_minute(signoff.signed_at if signoff else None), _same_moment
        )
        self._show_status()

    def sign_now(self) -> None:
        """Fill in the current UTC minute and record the sign-off if a name is there."""
        self._at_typing.set_text(format_utc_minute(utc_now()))
        self._at_typing.finish()
        if not self.by_edit.text().strip():
            self.by_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_committed(self, _text: str, finished: bool) -> None:
        signed_by = self.by_edit.text().strip()
        at_text = self.at_edit.text().strip()
        if not signed_by and not at_text:
            if self._stored is not None:
                self.signoff_requested.emit(None, "Clear Security Sign-off")
            return
        try:
            signed_at = parse_utc_minute(at_text) if at_text else None
        except ValueError as error:
            if finished:
                self.refused.emit(str(error))
            return
        if not signed_by or signed_at is None:
            self._show_status(incomplete=True)
            return
        signoff = SecuritySignOff(signed_by, signed_at)
        if signoff != self._stored:
            verb = "Record" if self._stored is None else "Change"
            self.signoff_requested.emit(signoff, f"{verb} Security Sign-off")

    def _show_status(self, *, incomplete: bool = False) -> None:
        if self._stored is not None:
            when = format_utc_minute(self._stored.signed_at)
            text = f"Recorded: signed off by {self._stored.signed_by} at {when} UTC."
        else:
            text = "Not signed off yet: share no public detail until legal/infosec agree."
        if incomplete:
            text += " Enter both who signed off and when to record it."
        self.status_label.setText(text)
