"""Stage 1, "Scope & audience": what happened, who reads the write-up, who comes, how deep we go.

The page keeps the stage-page contract: ``show_postmortem`` fills every control without emitting,
and each user edit becomes one ``edit_requested(field, complete new value, undo label)``. Text
fields report after a pause in typing or on leaving the field (see ``debounced_text``); a value
equal to the shown one is never requested, so each pause is at most one undo step. The controls
themselves are built in ``scope_form``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from app.domain.meeting import agenda_for
from app.domain.model import Audience, Postmortem, Stage, Template
from app.domain.stages import stage_state
from app.ui.debounced_text import DebouncedText
from app.ui.scope_form import ScopeForm
from app.ui.scope_values import (
    format_optional_date,
    format_text_list,
    parse_optional_date,
    parse_text_list,
)
from app.ui.stage_page import StagePage

# Two columns of groups need room for two label-and-field forms side by side. Measured in average
# character widths, so large text (presentation mode) falls back to one column at the same point.
TWO_COLUMN_MIN_CHARS = 150
_NOTHING_REQUESTED = object()


@dataclass(frozen=True)
class TextField:
    """How one typed control maps to a ``Postmortem`` field and back."""

    field: str
    undo_label: str
    typing: DebouncedText
    read: Callable[[Postmortem], str]
    parse: Callable[[Postmortem, str], object]  # raises ValueError to refuse the text
    same: Callable[[str, str], bool]  # does the shown text already say the stored value?
    restore_when_refused: bool = False


def _same_stripped(shown: str, stored: str) -> bool:
    return shown.strip() == stored.strip()


def _same_list(shown: str, stored: str) -> bool:
    return parse_text_list(shown) == parse_text_list(stored)


def _same_date(shown: str, stored: str) -> bool:
    try:
        return parse_optional_date(shown) == parse_optional_date(stored)
    except ValueError:
        return False


def _same_exactly(shown: str, stored: str) -> bool:
    return shown == stored


def _parse_title(_pm: Postmortem, text: str) -> str:
    if not text.strip():
        raise ValueError("A postmortem needs a title; the previous title was kept.")
    return text.strip()


def _notes_with(pm: Postmortem, text: str) -> dict[Stage, str]:
    """The whole notes dict with this stage's note replaced; an empty note removes the entry."""
    notes = dict(pm.stage_notes)
    if text.strip():
        notes[Stage.SCOPE] = text
    else:
        notes.pop(Stage.SCOPE, None)
    return notes


def exit_condition_text(pm: Postmortem) -> tuple[str, bool]:
    """The exit-condition line for ``pm`` and whether the condition is met."""
    state = stage_state(pm, Stage.SCOPE)
    if not state.unmet:
        return f"Exit condition met: {state.exit_condition}", True
    return f"Exit condition: {state.exit_condition} Still to do: {' '.join(state.unmet)}", False


class ScopeStagePage(StagePage):
    """The Scope & audience page: an exit-condition line above the form's groups."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.SCOPE, parent)
        self._postmortem: Postmortem | None = None
        self._showing = False
        self._requested: dict[str, object] = {}
        self.exit_label = QLabel(self)
        self.exit_label.setObjectName("exitCondition")
        self.exit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.exit_label.setWordWrap(True)
        self.exit_label.setAccessibleName("Exit condition")
        self.exit_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.exit_label.setMargin(6)
        bold = QFont()  # only the weight: the size still follows the page (presentation mode)
        bold.setBold(True)
        self.exit_label.setFont(bold)
        # No scroll area of our own: the window scrolls every stage page (nested scrolling
        # would trap the wheel and show two scroll bars).
        self.form = ScopeForm(self)
        self.body_layout.addWidget(self.exit_label)
        self.body_layout.addWidget(self.form, 1)
        self.text_fields = self._bind_text_fields()
        self._connect_choices()
        self._connect_editors()
        self.form.signoff_group.setVisible(False)

    # -- wiring -------------------------------------------------------------------------------

    def _bind_text_fields(self) -> tuple[TextField, ...]:
        form = self.form
        line = DebouncedText  # one watcher per typed control
        fields = (
            TextField("title", "Change Title", line(form.title_edit), lambda pm: pm.title,
                      _parse_title, _same_stripped, restore_when_refused=True),
            TextField("incident_ref", "Change Incident Reference", line(form.ref_edit),
                      lambda pm: pm.incident_ref, lambda _pm, text: text.strip(), _same_stripped),
            TextField("incident_date", "Change Incident Date", line(form.date_edit),
                      lambda pm: format_optional_date(pm.incident_date),
                      lambda _pm, text: parse_optional_date(text), _same_date),
            TextField("affected_services", "Change Affected Services", line(form.services_edit),
                      lambda pm: format_text_list(pm.affected_services),
                      lambda _pm, text: parse_text_list(text), _same_list),
            TextField("tags", "Change Tags", line(form.tags_edit),
                      lambda pm: format_text_list(pm.tags),
                      lambda _pm, text: parse_text_list(text), _same_list),
            TextField("sla_target", "Change SLA Target", line(form.sla_edit),
                      lambda pm: pm.sla_target, lambda _pm, text: text.strip(), _same_stripped),
            TextField("document_owner", "Change Document Owner", line(form.owner_edit),
                      lambda pm: pm.document_owner, lambda _pm, text: text.strip(),
                      _same_stripped),
            TextField("stage_notes", "Change Notes", line(form.notes_edit),
                      lambda pm: pm.note(Stage.SCOPE), _notes_with, _same_exactly),
            TextField("private_notes", "Change Private Notes", line(form.private_notes_edit),
                      lambda pm: pm.private_notes, lambda _pm, text: text, _same_exactly),
        )  # fmt: skip
        for spec in fields:
            spec.typing.committed.connect(
                lambda text, finished, spec=spec: self._on_text_committed(spec, text, finished)
            )
        # Picking a name from the completer is as final as pressing Enter.
        owner_typing = next(spec.typing for spec in fields if spec.field == "document_owner")
        form.owner_edit.completer().activated.connect(lambda _text: owner_typing.finish())
        return fields

    def _connect_choices(self) -> None:
        form = self.form
        form.severity_combo.currentIndexChanged.connect(
            lambda _i: self._request(
                "severity", form.severity_combo.currentData(), "Change Severity"
            )
        )
        form.status_combo.currentIndexChanged.connect(
            lambda _i: self._request("status", form.status_combo.currentData(), "Change Status")
        )
        for box in form.audience_boxes.values():
            box.toggled.connect(lambda _checked: self._request_audiences())
        for template, button in form.template_buttons.items():
            button.toggled.connect(
                lambda checked, template=template: self._on_template_toggled(template, checked)
            )
        form.security_check.toggled.connect(self._on_security_toggled)

    def _connect_editors(self) -> None:
        form = self.form
        form.participants.participants_requested.connect(
            lambda value, label: self._request("participants", value, label)
        )
        form.redaction.items_requested.connect(
            lambda value, label: self._request("redaction_terms", value, label)
        )
        form.signoff.signoff_requested.connect(
            lambda value, label: self._request("security_signoff", value, label)
        )
        form.invitation.invitation_requested.connect(
            lambda value, label: self._request("invitation", value, label)
        )
        for editor in (form.participants, form.redaction, form.signoff):
            editor.refused.connect(self.show_validation_error)

    # -- edits --------------------------------------------------------------------------------

    def _request(self, field: str, value: object, label: str) -> None:
        """Emit one edit unless it changes nothing (or was just requested and not yet shown)."""
        pm = self._postmortem
        if self._showing or pm is None:
            return
        if getattr(pm, field) == value or self._requested.get(field, _NOTHING_REQUESTED) == value:
            return
        self._requested[field] = value
        self.clear_validation_error()
        self.edit_requested.emit(field, value, label)

    def _on_text_committed(self, spec: TextField, text: str, finished: bool) -> None:
        pm = self._postmortem
        if self._showing or pm is None:
            return
        try:
            value = spec.parse(pm, text)
        except ValueError as error:
            # Mid-typing a half-written value is normal; only a finished one is an error.
            if finished:
                self.show_validation_error(str(error))
                if spec.restore_when_refused:
                    spec.typing.set_text(spec.read(pm))
            return
        self._request(spec.field, value, spec.undo_label)

    def _request_audiences(self) -> None:
        chosen = tuple(
            audience for audience in Audience if self.form.audience_boxes[audience].isChecked()
        )
        self._request("audiences", chosen, "Change Audiences")

    def _on_template_toggled(self, template: Template, checked: bool) -> None:
        # The exclusive group unchecks the old radio too; only the newly checked one is a choice.
        if checked:
            self._request("template", template, "Change Template")

    def _on_security_toggled(self, checked: bool) -> None:
        # The sign-off fields appear with the flag; unflagging keeps any recorded sign-off.
        self.form.signoff_group.setVisible(checked)
        self._request("security_incident", checked, "Change Security Incident")

    # -- showing ------------------------------------------------------------------------------

    def set_presenting(self, presenting: bool) -> None:
        self.form.set_private_shown(not presenting)

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Show ``postmortem`` in every control without emitting anything.

        For the postmortem already shown, a control whose stored value did not change keeps
        whatever the user is typing there; a different postmortem replaces everything.
        """
        shown = self._postmortem
        previous = shown if shown is not None and shown.id == postmortem.id else None
        self._showing = True
        try:
            self._postmortem = postmortem
            self._requested.clear()
            for spec in self.text_fields:
                before = spec.read(previous) if previous is not None else None
                spec.typing.sync(before, spec.read(postmortem), spec.same)
            self._show_choices(postmortem)
            self._show_collections(previous, postmortem)
            self._show_derived(postmortem)
        finally:
            self._showing = False

    def _show_choices(self, pm: Postmortem) -> None:
        form = self.form
        form.severity_combo.setCurrentIndex(form.severity_combo.findData(pm.severity))
        form.status_combo.setCurrentIndex(form.status_combo.findData(pm.status))
        for audience, box in form.audience_boxes.items():
            box.setChecked(audience in pm.audiences)
        form.template_group.setExclusive(False)  # lets "no template chosen yet" show as such
        for template, button in form.template_buttons.items():
            button.setChecked(pm.template is template)
        form.template_group.setExclusive(True)
        form.security_check.setChecked(pm.security_incident)
        form.signoff_group.setVisible(pm.security_incident)

    def _show_collections(self, previous: Postmortem | None, pm: Postmortem) -> None:
        form = self.form
        form.participants.show_participants(pm.participants)
        form.owner_names.setStringList([participant.name for participant in pm.participants])
        form.signoff.show_signoff(pm.security_signoff, fresh=previous is None)
        form.redaction.show_items(pm.redaction_terms)
        form.invitation.show_invitation(previous, pm)

    def _show_derived(self, pm: Postmortem) -> None:
        text, met = exit_condition_text(pm)
        self.exit_label.setText(text)
        if self.exit_label.property("met") != met:
            self.exit_label.setProperty("met", met)  # for themes: QLabel[met="true"]
            self.exit_label.style().polish(self.exit_label)
        suggested = Template.for_severity(pm.severity)
        hint = ""
        if pm.template is not suggested:
            hint = f"{pm.severity.label} usually gets the {suggested.label.lower()} template."
            if pm.template is None:
                hint = f"No template chosen yet. {hint}"
        self.form.template_hint.setText(hint)
        self.form.template_hint.setVisible(bool(hint))
        # An edited agenda changes how long this postmortem's meeting takes.
        self.form.show_meeting_length(pm.template or suggested, sum(agenda_for(pm).values()))

    # -- layout -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_columns()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def _fit_columns(self) -> None:
        wide = self.width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMN_MIN_CHARS
        self.form.arrange(2 if wide else 1)
