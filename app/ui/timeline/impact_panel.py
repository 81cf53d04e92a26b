"""The impact beside the timeline: who was affected, data integrity, customer visibility, the SLA.

Built from the generic field editors (``app.ui.forms.field_editors``), so typing behaves as on
every other page: text is reported after a pause or on leaving the field, each report is one
undo step, and unreadable numbers stay on screen with the reason. ``RecordForm`` does not fit as
a whole because the SLA section mixes a postmortem field (the target, shared with stage 1), a
computed assessment and a ruling whose reason is required only when it contradicts the
computation.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Impact, Postmortem
from app.domain.sla import SlaTargetError, assess_sla, parse_sla_target
from app.ui.forms.field_editors import (
    FieldEditor,
    TextValueEditor,
    editor_for,
)
from app.ui.forms.values import FieldKind, FieldSpec, field_spec
from app.ui.theme import Tone, set_tone

# Impact field -> (label on screen, undo label). The undo label names the field as a verb phrase.
IMPACT_FIELDS: dict[str, tuple[str, str]] = {
    "users_affected": ("Users affected", "Change Users Affected"),
    "users_description": ("Who was affected", "Change Who Was Affected"),
    "data_integrity": ("Data integrity", "Change Data Integrity"),
    "data_integrity_note": ("Data integrity note", "Change Data Integrity Note"),
    "customer_visible": ("Customer-visible", "Change Customer-Visible"),
    "sla_override_reason": ("Reason for the ruling", "Change SLA Ruling Reason"),
    "summary": ("Impact summary", "Change Impact Summary"),
    "aligned_with_customer_communication": (
        "Facts checked against customer communication",
        "Change Checked Against Customer Communication",
    ),
}
# Alt+letter jumps for the fields the room fills most; letters free of the menu bar's and the
# timeline toolbar's (F E V G H, I S K X), so a keyboard user can also leave the table quickly.
MNEMONICS: dict[str, str] = {
    "users_affected": "&Users affected:",
    "data_integrity": "&Data integrity:",
    "customer_visible": "&Customer-visible:",
    "summary": "Impact su&mmary:",
}
RULINGS: tuple[tuple[bool | None, str], ...] = (
    (None, "Follow the computation"),
    (True, "Breached"),
    (False, "Not breached"),
)
REASON_KEPT = (
    "The ruling contradicts the computation, so its reason cannot be empty; "
    "choose \u201cFollow the computation\u201d first."
)
RULING_UNDO_LABEL = "Change SLA Ruling"
# Page widths in average characters: the two groups side by side, and labels beside fields.
SIDE_BY_SIDE_CHARS = 130
LABELS_BESIDE_CHARS = 60
UNREADABLE_TARGET_ASSESSMENT = "Cannot compute until the target above can be read."
SLA_TARGET_UNDO_LABEL = "Change SLA Target"
REASON_NEEDED = (
    "The ruling contradicts the computation, so it needs a reason: type why in "
    "\u201cReason for the ruling\u201d first."
)


def ruling_needs_reason(pm: Postmortem, ruling: bool | None) -> bool:
    """Whether ruling ``ruling`` overrides a known computed SLA outcome for ``pm``."""
    computed = assess_sla(pm).computed
    return ruling is not None and computed is not None and ruling != computed


def sla_target_problem(text: str) -> str:
    """Why ``text`` is not a readable SLA target, or empty (an empty target is not a problem)."""
    if not text.strip():
        return ""
    try:
        parse_sla_target(text)
    except SlaTargetError as error:
        return str(error)
    return ""


def _plain_label(text: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class ImpactPanel(QWidget):
    """Edits ``pm.impact`` and ``pm.sla_target``.

    ``impact_requested(new Impact, undo label)`` and ``target_requested(text, undo label)`` carry
    the user's edits; ``refused(message)`` explains an edit that was not requested.
    ``show_postmortem`` shows stored values without emitting.
    """

    impact_requested = Signal(object, str)
    target_requested = Signal(str, str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Impact")
        self._postmortem: Postmortem | None = None
        self.editors: dict[str, FieldEditor] = {}
        self._forms: list[QFormLayout] = []
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._build_impact_group(), 1)
        self._layout.addWidget(self._build_sla_group(), 1)

    # -- construction ---------------------------------------------------------------------------

    def _editor(self, name: str, *, multiline: bool = False) -> FieldEditor:
        label, _undo = IMPACT_FIELDS[name]
        spec = dataclasses.replace(field_spec(Impact, name), label=label)
        editor = editor_for(spec, multiline=multiline, parent=self)
        editor.value_changed.connect(lambda value, name=name: self._on_value(name, value))
        self.editors[name] = editor
        return editor

    def _add_row(self, form: QFormLayout, editor: FieldEditor) -> None:
        label = QLabel(MNEMONICS.get(editor.spec.name, f"{editor.spec.label}:"), self)
        label.setBuddy(editor.input_widget)
        form.addRow(label, editor)

    def _form(self, group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._forms.append(form)
        return form

    def _build_impact_group(self) -> QGroupBox:
        group = QGroupBox("Impact", self)
        form = self._form(group)
        users = self._editor("users_affected")
        line = users.input_widget
        assert isinstance(line, QLineEdit)
        line.setPlaceholderText("Unknown")
        self._add_row(form, users)
        for name in ("users_description", "data_integrity", "data_integrity_note"):
            self._add_row(form, self._editor(name))
        self._add_row(form, self._editor("customer_visible"))
        summary = self._editor("summary", multiline=True)
        summary.input_widget.setMinimumHeight(summary.fontMetrics().lineSpacing() * 3 + 12)
        self._add_row(form, summary)
        form.addRow(self._editor("aligned_with_customer_communication"))
        return group

    def _build_sla_group(self) -> QGroupBox:
        group = QGroupBox("SLA", self)
        form = self._form(group)
        self.target_editor = TextValueEditor(
            FieldSpec("sla_target", "SLA target", FieldKind.TEXT), parent=self
        )
        self.target_editor.input_widget.setToolTip(
            "For example \u201c99.9% monthly availability\u201d or "
            "\u201cno outage over 30 minutes\u201d. Also edited on stage 1."
        )
        self.target_editor.value_changed.connect(
            lambda text: self.target_requested.emit(str(text).strip(), SLA_TARGET_UNDO_LABEL)
        )
        self.target_problem = _plain_label("", self)
        set_tone(self.target_problem, Tone.ERROR)
        self.target_problem.setAccessibleName("SLA target problem")
        self.target_problem.hide()
        target_box = QWidget(self)
        target_layout = QVBoxLayout(target_box)
        target_layout.setContentsMargins(0, 0, 0, 0)
        target_layout.setSpacing(2)
        target_layout.addWidget(self.target_editor)
        target_layout.addWidget(self.target_problem)
        target_label = QLabel("SLA &target:", self)
        target_label.setBuddy(self.target_editor.input_widget)
        form.addRow(target_label, target_box)
        self.assessment = _plain_label("", self)
        self.assessment.setAccessibleName("SLA assessment")
        self.assessment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_plain_label("Assessment:", self, wrap=False), self.assessment)
        self.ruling = QComboBox(self)
        self.ruling.setAccessibleName("SLA ruling")
        for value, text in RULINGS:
            self.ruling.addItem(text, value)
        self.ruling.activated.connect(self._on_ruling)  # activated: user choices only
        ruling_label = QLabel("&Ruling:", self)
        ruling_label.setBuddy(self.ruling)
        form.addRow(ruling_label, self.ruling)
        self._add_row(form, self._editor("sla_override_reason"))
        return group

    # -- layout ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Impact and SLA side by side on a wide page; labels above fields on a narrow one."""
        character = self.fontMetrics().averageCharWidth()
        width = event.size().width()
        wide = width >= character * SIDE_BY_SIDE_CHARS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        column = width / 2 if wide else width
        wrap = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if column < character * LABELS_BESIDE_CHARS
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        for form in self._forms:
            if form.rowWrapPolicy() != wrap:
                form.setRowWrapPolicy(wrap)
        super().resizeEvent(event)

    # -- showing --------------------------------------------------------------------------------

    def show_postmortem(self, pm: Postmortem) -> None:
        """Show ``pm``'s impact, SLA target and assessment without emitting."""
        self._postmortem = pm
        for name, editor in self.editors.items():
            editor.set_value(getattr(pm.impact, name))
        self.target_editor.set_value(pm.sla_target)
        problem = sla_target_problem(pm.sla_target)
        self.target_problem.setText(problem)
        self.target_problem.setVisible(bool(problem))
        # The target's own problem is shown under it; the assessment need not repeat it.
        explanation = assess_sla(pm).explanation
        if problem and pm.impact.sla_breached is None:
            explanation = UNREADABLE_TARGET_ASSESSMENT
        self.assessment.setText(explanation)
        self._show_ruling(pm.impact.sla_breached)

    def _show_ruling(self, ruling: bool | None) -> None:
        index = next(i for i, (value, _text) in enumerate(RULINGS) if value is ruling)
        self.ruling.setCurrentIndex(index)

    # -- edits ----------------------------------------------------------------------------------

    def _on_value(self, name: str, value: Any) -> None:
        pm = self._postmortem
        if pm is None:
            return
        clearing_reason = name == "sla_override_reason" and not str(value).strip()
        if clearing_reason and ruling_needs_reason(pm, pm.impact.sla_breached):
            self.refused.emit(REASON_KEPT)
            reason = self.editors[name]
            assert isinstance(reason, TextValueEditor)
            reason.typing.set_text(pm.impact.sla_override_reason)
            reason.set_value(pm.impact.sla_override_reason)
            return
        impact = dataclasses.replace(pm.impact, **{name: value})
        self.impact_requested.emit(impact, IMPACT_FIELDS[name][1])

    def _on_ruling(self, index: int) -> None:
        pm = self._postmortem
        if pm is None:
            return
        ruling = RULINGS[index][0]
        if ruling is pm.impact.sla_breached:
            return
        reason = self.editors["sla_override_reason"]
        assert isinstance(reason, TextValueEditor)
        # A reason typed just now travels with the ruling, so both are one undo step.
        typed = reason.typing.text()
        reason.typing.set_text(typed)  # stops its pending report without emitting
        if ruling_needs_reason(pm, ruling) and not typed.strip():
            self._show_ruling(pm.impact.sla_breached)
            self.refused.emit(REASON_NEEDED)
            reason.input_widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        impact = dataclasses.replace(pm.impact, sla_breached=ruling, sla_override_reason=typed)
        self.impact_requested.emit(impact, RULING_UNDO_LABEL)
