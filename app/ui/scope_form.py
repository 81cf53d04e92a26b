"""The controls of the Scope & audience page, built and laid out, with no behaviour of their own.

Separated from ``scope_page`` (which shows a postmortem and turns edits into requests) so each
file reads in one sitting. Every field has a label with a mnemonic and a buddy, an accessible
name and a place in one top-to-bottom Tab chain; every label that could ever hold user text is
plain text. Mnemonics avoid F, E, V, H and W, which menu bars commonly claim.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.guidance import default_agenda
from app.domain.model import Audience, Severity, Status, Template
from app.ui.invitation_panel import InvitationPanel
from app.ui.participant_editor import ParticipantEditor
from app.ui.security_signoff import SecuritySignOffEditor
from app.ui.string_list_editor import StringListEditor
from app.ui.text_sizing import fit_to_lines

TEMPLATE_EXPLANATIONS = {
    Template.FULL: "Every stage in depth, with fishbone and five whys; for SEV1 and SEV2.",
    Template.LIGHTWEIGHT: "A short retro for minor incidents and near-misses.",
}
_AUDIENCE_TEXTS = {
    Audience.EXECUTIVES: "Executives",
    Audience.ENGINEERING: "Engineering",
    Audience.CUSTOMER_SUPPORT: "Customer support",
    Audience.CUSTOMERS: "Customers",
}
_TEMPLATE_TEXTS = {Template.FULL: "Fu&ll", Template.LIGHTWEIGHT: "Lightweight"}


def plain_label(text: str, parent: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A plain-text label (never rich text), optionally naming the control ``&`` jumps to."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def minutes_for(template: Template) -> int:
    return sum(default_agenda(template).values())


class ScopeForm(QWidget):
    """All stage-1 controls in groups; ``arrange`` lays the groups out in one or two columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scopeForm")
        self.incident_group = self._build_incident_group()
        self.audience_group = self._build_audience_group()
        self.people_group = self._build_people_group()
        self.security_group = self._build_security_group()
        self.invitation_group = self._build_invitation_group()
        self.notes_group = self._build_notes_group()
        self._grid = QGridLayout(self)
        self._columns = 0
        self.arrange(2)
        self._chain_tab_order()
        self._apply_spacing()

    # -- construction -------------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, name: str, accessible: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _group(self, title: str, name: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title.replace("&", "&&"), self)
        group.setObjectName(name)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return group, form

    def _build_incident_group(self) -> QGroupBox:
        self.title_edit = self._line("titleEdit", "Title", "What happened, in a few words")
        self.title_edit.setMaxLength(300)
        self.ref_edit = self._line("incidentRefEdit", "Incident reference", "e.g. INC-2041")
        self.date_edit = self._line("incidentDateEdit", "Incident date", "YYYY-MM-DD (optional)")
        self.severity_combo = self._combo(
            "severityCombo", "Severity", [(severity.label, severity) for severity in Severity]
        )
        self.status_combo = self._combo(
            "statusCombo", "Status", [(status.label, status) for status in Status]
        )
        self.services_edit = self._line(
            "affectedServicesEdit", "Affected services", "Comma-separated, e.g. checkout, payments"
        )
        self.tags_edit = self._line("tagsEdit", "Tags", "Comma-separated, e.g. database, deploy")
        self.sla_edit = self._line("slaTargetEdit", "SLA target", "e.g. 99.9% monthly availability")
        group, form = self._group("Incident", "incidentGroup")
        for text, field in (
            ("&Title", self.title_edit),
            ("Incident &reference", self.ref_edit),
            ("Incident &date", self.date_edit),
            ("&Severity", self.severity_combo),
            ("Stat&us", self.status_combo),
            ("Affe&cted services", self.services_edit),
            ("Ta&gs", self.tags_edit),
            ("SLA t&arget", self.sla_edit),
        ):
            form.addRow(plain_label(text, group, field), field)
        return group

    def _build_audience_group(self) -> QGroupBox:
        group, form = self._group("Audience & ownership", "audienceGroup")
        self.audience_boxes: dict[Audience, QCheckBox] = {}
        boxes = QGridLayout()
        for index, audience in enumerate(Audience):
            box = QCheckBox(_AUDIENCE_TEXTS[audience], group)
            box.setObjectName(f"audience_{audience.value}")
            box.setAccessibleName(f"Audience: {_AUDIENCE_TEXTS[audience]}")
            self.audience_boxes[audience] = box
            boxes.addWidget(box, index // 2, index % 2)
        first_box = self.audience_boxes[Audience.EXECUTIVES]
        form.addRow(plain_label("Aud&iences", group, first_box), boxes)
        self.owner_edit = self._line("documentOwnerEdit", "Document owner", "Who writes it up")
        self.owner_names = QStringListModel(self)
        completer = QCompleter(self.owner_names, self.owner_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner_edit.setCompleter(completer)
        form.addRow(plain_label("Document &owner", group, self.owner_edit), self.owner_edit)
        form.addRow(plain_label("Template", group), self._build_template_choice(group))
        return group

    def _build_template_choice(self, group: QGroupBox) -> QLayout:
        self.template_group = QButtonGroup(self)
        self.template_buttons: dict[Template, QRadioButton] = {}
        self.template_explanations: dict[Template, QLabel] = {}
        choice = QGridLayout()
        for row, template in enumerate(Template):
            button = QRadioButton(_TEMPLATE_TEXTS[template], group)
            button.setObjectName(f"template_{template.value}")
            button.setAccessibleName(f"{template.label} template")
            self.template_group.addButton(button)
            self.template_buttons[template] = button
            explanation = plain_label(
                f"{TEMPLATE_EXPLANATIONS[template]} About {minutes_for(template)} minutes.", group
            )
            explanation.setWordWrap(True)
            self.template_explanations[template] = explanation
            choice.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            choice.addWidget(explanation, row, 1)
        choice.setColumnStretch(1, 1)
        self._template_choice = choice
        self.template_hint = plain_label("", group)
        self.template_hint.setObjectName("templateHint")
        self.template_hint.setWordWrap(True)
        italic = QFont()
        italic.setItalic(True)
        self.template_hint.setFont(italic)
        choice.addWidget(self.template_hint, len(Template), 0, 1, 2)
        return choice

    def show_meeting_length(self, template: Template, minutes: int) -> None:
        """Say ``minutes`` (this postmortem's agenda) for ``template``, the default for others."""
        for each, label in self.template_explanations.items():
            total = minutes if each is template else minutes_for(each)
            label.setText(f"{TEMPLATE_EXPLANATIONS[each]} About {total} minutes.")

    def _build_people_group(self) -> QGroupBox:
        group, form = self._group("People", "peopleGroup")
        self.participants = ParticipantEditor(group)
        label = plain_label("&Participants", group, self.participants.name_edit)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(label, self.participants)
        return group

    def _build_security_group(self) -> QGroupBox:
        group, form = self._group("Security & redaction", "securityGroup")
        self.security_check = QCheckBox("Securit&y incident", group)
        self.security_check.setObjectName("securityIncidentCheck")
        self.security_check.setAccessibleName("Security incident")
        self.security_check.setToolTip("Coordinate with legal/infosec before any public detail.")
        form.addRow(self.security_check)
        self.signoff = SecuritySignOffEditor(group)
        self.signoff_group = QGroupBox("Legal/infosec sign-off", group)
        self.signoff_group.setObjectName("signoffGroup")
        QVBoxLayout(self.signoff_group).addWidget(self.signoff)
        form.addRow(self.signoff_group)
        self.redaction = StringListEditor("Redaction Term", "redaction", group)
        self.redaction.list.setAccessibleName("Terms to redact in customer-facing output")
        self.redaction_label = plain_label("Ter&ms to redact", group, self.redaction.entry)
        self.redaction_label.setToolTip(
            "Removed from customer-facing output; hidden while presenting"
        )
        form.addRow(self.redaction_label, self.redaction)
        return group

    def _build_invitation_group(self) -> QGroupBox:
        group, form = self._group("Invitation", "invitationGroup")
        self.invitation = InvitationPanel(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(
            plain_label("Blameless invitation te&xt", group, self.invitation.editor),
            self.invitation,
        )
        return group

    def _build_notes_group(self) -> QGroupBox:
        group, form = self._group("Notes", "notesGroup")
        self.notes_edit = QPlainTextEdit(group)
        self.notes_edit.setObjectName("stageNotesEdit")
        self.notes_edit.setAccessibleName("Notes for this stage")
        self.notes_edit.setPlaceholderText("Anything the room agreed about scope and audience")
        self.notes_edit.setTabChangesFocus(True)
        fit_to_lines(self.notes_edit, 3, max_lines=6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(plain_label("&Notes for this stage", group, self.notes_edit), self.notes_edit)
        self.private_notes_edit = QPlainTextEdit(group)
        self.private_notes_edit.setObjectName("privateNotesEdit")
        self.private_notes_edit.setAccessibleName("Private notes")
        self.private_notes_edit.setPlaceholderText(
            "Only for you: hidden while presenting and never exported"
        )
        self.private_notes_edit.setTabChangesFocus(True)
        fit_to_lines(self.private_notes_edit, 2, max_lines=5)
        self.private_notes_label = plain_label(
            "Private notes (&just for you)", group, self.private_notes_edit
        )
        form.addRow(self.private_notes_label, self.private_notes_edit)
        return group

    def set_private_shown(self, shown: bool) -> None:
        """Show or hide what must stay off a shared screen: private notes, redaction terms and
        participants' contacts (the label goes with its field so no empty row is left)."""
        hideable = (self.private_notes_label, self.private_notes_edit)
        for widget in (*hideable, self.redaction_label, self.redaction):
            widget.setVisible(shown)
        self.participants.set_contacts_shown(shown)

    # -- layout -------------------------------------------------------------------------------

    def focus_chain(self) -> tuple[QWidget, ...]:
        """Every focusable control, top to bottom and group by group: the Tab order."""
        return (
            self.title_edit, self.ref_edit, self.date_edit, self.severity_combo,
            self.status_combo, self.services_edit, self.tags_edit, self.sla_edit,
            *self.audience_boxes.values(), self.owner_edit, *self.template_buttons.values(),
            *self.participants.focus_widgets(),
            self.security_check, *self.signoff.focus_widgets(), *self.redaction.focus_widgets(),
            *self.invitation.focus_widgets(), self.notes_edit, self.private_notes_edit,
        )  # fmt: skip

    def _chain_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def arrange(self, columns: int) -> None:
        """Place the groups in one column (narrow or large text) or two (wide)."""
        if columns == self._columns:
            return
        self._columns = columns
        pairs = (
            (self.incident_group, self.audience_group),
            (self.people_group, self.security_group),
        )
        wide = (self.invitation_group, self.notes_group)
        for group in (*(g for pair in pairs for g in pair), *wide):
            self._grid.removeWidget(group)
        row = 0
        for left, right in pairs:
            if columns == 2:
                self._grid.addWidget(left, row, 0)
                self._grid.addWidget(right, row, 1)
                row += 1
            else:
                self._grid.addWidget(left, row, 0, 1, 2)
                self._grid.addWidget(right, row + 1, 0, 1, 2)
                row += 2
        for group in wide:
            self._grid.addWidget(group, row, 0, 1, 2)
            row += 1
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1 if columns == 2 else 0)

    def _apply_spacing(self) -> None:
        """Spacing in proportion to the text, so presentation mode stays as airy as the desk."""
        unit = self.fontMetrics().lineSpacing()
        self._grid.setSpacing(unit)
        self._grid.setContentsMargins(unit // 2, unit // 2, unit // 2, unit // 2)
        self._template_choice.setHorizontalSpacing(unit)
        for group in self.findChildren(QGroupBox):
            layout = group.layout()
            if isinstance(layout, QFormLayout):
                layout.setVerticalSpacing(max(6, unit // 2))
                layout.setHorizontalSpacing(unit)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_spacing()
        super().changeEvent(event)
