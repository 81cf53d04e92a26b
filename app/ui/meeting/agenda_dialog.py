"""The meeting's agenda: minutes per stage, with the template's default one key away.

``AgendaDialog.ask(parent, agenda, default)`` shows one minutes box per stage (0 to 480; 0
skips the stage in this meeting) and the live total, and returns what the window stores as
``Postmortem.agenda`` (an undoable "Edit Agenda"):

- the new minutes for every stage;
- ``{}`` when they equal the template's ``default``, so the postmortem follows its template
  again (a later template change then retimes the meeting);
- ``None`` when cancelled or nothing changed, so no empty undo step is made.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.meeting import complete_agenda
from app.domain.meeting_timer import agenda_total
from app.domain.model import AGENDA_STAGE_MAX_MINUTES, Stage
from app.ui.labels import plain_label
from app.ui.meeting.wording import minutes_text
from app.ui.theme import Tone, set_tone


class AgendaDialog(QDialog):
    """One spin box per stage, the total, Reset to template default, OK and Cancel."""

    def __init__(
        self,
        agenda: Mapping[Stage, int],
        default: Mapping[Stage, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Meeting agenda")
        self.setObjectName("agendaDialog")
        self._default = complete_agenda(default)
        intro = plain_label(
            "Minutes for each stage of this meeting. 0 skips a stage; the timer's Next stage"
            " passes over it.",
            self,
            wrap=True,
        )
        self.spin_boxes: dict[Stage, QSpinBox] = {}
        grid = QGridLayout()
        for row, stage in enumerate(Stage):
            spin = QSpinBox(self)
            spin.setObjectName(f"agendaMinutes{stage.value}")
            spin.setRange(0, AGENDA_STAGE_MAX_MINUTES)
            spin.setSuffix(" min")
            spin.setAccessibleName(f"Minutes for {stage.label}")
            label = plain_label(f"&{stage.value}  {stage.label.replace('&', '&&')}", self)
            label.setBuddy(spin)
            template = plain_label(f"template: {self._default[stage]} min", self)
            set_tone(template, Tone.MUTED)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(template, row, 2)
            self.spin_boxes[stage] = spin
        grid.setColumnStretch(0, 1)
        self.total_label = plain_label("", self, bold=True)
        self.total_label.setObjectName("agendaTotal")
        self.total_label.setAccessibleName("Meeting length")
        self.reset_button = QPushButton("Reset to &template default", self)
        self.reset_button.setAccessibleName("Reset to template default")
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset_to_default)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        # Beside OK and Cancel (on the far side), not a full-width bar of its own.
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.total_label)
        layout.addWidget(self.buttons)
        self.set_agenda(complete_agenda(agenda))
        for spin in self.spin_boxes.values():
            spin.valueChanged.connect(self._update_total)
        self._update_total()
        self.spin_boxes[Stage.SCOPE].setFocus()

    def agenda(self) -> dict[Stage, int]:
        """The minutes as set, for every stage in meeting order."""
        return {stage: spin.value() for stage, spin in self.spin_boxes.items()}

    def set_agenda(self, agenda: Mapping[Stage, int]) -> None:
        for stage, spin in self.spin_boxes.items():
            spin.setValue(agenda.get(stage, 0))

    def reset_to_default(self) -> None:
        """Put the template's minutes back in every box (OK still has to confirm)."""
        self.set_agenda(self._default)
        self._update_total()

    def _update_total(self) -> None:
        minutes = int(agenda_total(self.agenda()).total_seconds() // 60)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(minutes > 0)
        if minutes == 0:
            self.total_label.setText("No stage has any time: give at least one stage minutes.")
        else:
            self.total_label.setText(f"Total: {minutes_text(minutes)}")
        self.reset_button.setEnabled(self.agenda() != self._default)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        agenda: Mapping[Stage, int],
        default: Mapping[Stage, int],
    ) -> dict[Stage, int] | None:
        """Run the dialog: the agenda to store, ``{}`` for the template's, None for no change."""
        dialog = cls(agenda, default, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_for(agenda)
        finally:
            dialog.deleteLater()

    def result_for(self, agenda: Mapping[Stage, int]) -> dict[Stage, int] | None:
        """What ``ask`` returns once accepted, given the ``agenda`` it was shown."""
        chosen = self.agenda()
        if chosen == complete_agenda(agenda):
            return None
        return {} if chosen == self._default else chosen
