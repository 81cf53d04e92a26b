"""The customer-facing summary, locked for a security incident until legal/infosec sign off.

The reference's rule for deviations: a security incident is coordinated with legal/infosec before
any public detail. So while ``pm.security_incident`` is set and no sign-off is recorded, the
summary is read-only and says why, and the sign-off editor sits right above it: the facilitator
records who signed off and when without going back to stage 1. The lock is also enforced where
edits are made, not only by the read-only box: text that reaches the box some other way (a
paste through an accessibility tool, a program calling ``setPlainText``) is put back and never
requested.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain.disclosure import awaiting_security_signoff
from app.domain.model import Postmortem
from app.ui.debounced_text import DebouncedText
from app.ui.labels import plain_label
from app.ui.security_signoff import SecuritySignOffEditor
from app.ui.text_sizing import fit_to_lines
from app.ui.theme import Tone

HINT_STYLE = "color: palette(placeholder-text);"
EDIT_LABEL = "Edit External Summary"


def external_summary_lock(pm: Postmortem) -> str:
    """Why the external summary of ``pm`` cannot be edited now, in plain words; empty if it can."""
    if awaiting_security_signoff(pm):
        return (
            "Locked: this is a security incident, so nothing is told to customers until "
            "legal/infosec sign off. Record who signed off and when below; the summary "
            "opens for editing once both are recorded."
        )
    return ""


def policy_hint(required: bool | None) -> str:
    """What the external-postmortem decision means for the customer-facing summary."""
    if required is None:
        return "Not decided yet whether policy requires an external postmortem."
    if required:
        return "Policy requires an external postmortem: write what customers are told here."
    return (
        "Policy does not require an external postmortem: this summary and the "
        "customer-facing export are optional."
    )


class ExternalSummaryEditor(QWidget):
    """The sign-off (for a security incident), the lock reason, and the summary itself.

    Emits ``summary_requested(text)`` for the user's own edits while unlocked,
    ``signoff_requested(SecuritySignOff | None, label)`` from the sign-off editor and
    ``refused(message)`` when an edit was not made.
    """

    summary_requested = Signal(str)
    signoff_requested = Signal(object, str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self._lock = ""
        self.signoff_group = QGroupBox("Legal/infosec sign-off", self)
        self.signoff_group.setObjectName("followUpSignoffGroup")
        self.signoff = SecuritySignOffEditor(self.signoff_group)
        QVBoxLayout(self.signoff_group).addWidget(self.signoff)
        self.signoff.signoff_requested.connect(self.signoff_requested)
        self.signoff.refused.connect(self.refused)
        self.lock_label = plain_label("", self, tone=Tone.WARNING, wrap=True)
        self.lock_label.setObjectName("externalSummaryLock")
        self.lock_label.setAccessibleName("Why the customer-facing summary is locked")
        self.policy_label = plain_label("", self, style=HINT_STYLE, wrap=True)
        self.policy_label.setObjectName("externalPolicyHint")
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("externalSummaryEdit")
        self.text_edit.setAccessibleName("Customer-facing summary")
        self.text_edit.setTabChangesFocus(True)
        fit_to_lines(self.text_edit, 4)
        self.heading = plain_label("&Customer-facing summary", self, bold=True)
        self.heading.setBuddy(self.text_edit)
        self.typing = DebouncedText(self.text_edit)
        self.typing.committed.connect(self._on_committed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.signoff_group)
        layout.addWidget(self.heading)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.text_edit, 1)

    @property
    def locked(self) -> bool:
        return bool(self._lock)

    @property
    def lock_reason(self) -> str:
        return self._lock

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order (Tab skips the sign-off while it is hidden)."""
        return (*self.signoff.focus_widgets(), self.text_edit)

    def show_postmortem(self, pm: Postmortem, *, fresh: bool) -> None:
        """Show the stored summary, sign-off and lock; ``fresh`` for a different postmortem.

        Emits nothing. While locked the box always shows what is stored.
        """
        self._lock = external_summary_lock(pm)
        previous = None if fresh else self._stored
        self._stored = pm.communication.external_summary
        if self._lock:
            if self.typing.text() != self._stored:
                self.typing.set_text(self._stored)
        else:
            self.typing.sync(previous, self._stored)
        self.text_edit.setReadOnly(bool(self._lock))
        self.text_edit.setAccessibleDescription(self._lock)
        self.text_edit.setPlaceholderText(
            "Locked until legal/infosec sign off"
            if self._lock
            else "What customers are told: impact, duration, what we are changing"
        )
        self.lock_label.setText(self._lock)
        self.lock_label.setVisible(bool(self._lock))
        hint = policy_hint(pm.communication.external_postmortem_required)
        self.policy_label.setText(hint)
        self.signoff_group.setVisible(pm.security_incident)
        self.signoff.show_signoff(pm.security_signoff, fresh=fresh)

    def _on_committed(self, text: str, _finished: bool) -> None:
        if text == self._stored:
            return
        if self._lock:
            # Whatever put text here, it is not the user's edit to make yet: put the stored back.
            self.typing.set_text(self._stored)
            self.refused.emit(f"{EDIT_LABEL} was not done. {self._lock}")
            return
        self.summary_requested.emit(text)
