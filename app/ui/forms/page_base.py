"""What the plain-form stage pages share: stage notes and the checked request.

Every edit a page asks for is first tried on the shown postmortem with ``dataclasses.replace``;
the model validates on construction, so a change that would break a rule (a cause left pointing
at a removed category) is refused here with the field path and the reason, and never reaches
the window as a request it would have to reject.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.errors import ValidationError
from app.domain.model import Postmortem, Stage
from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.field_editors import FieldEditor, TextValueEditor
from app.ui.forms.record_form import RecordForm
from app.ui.forms.values import FieldKind, FieldSpec
from app.ui.stage_page import StagePage

_ITEM_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
_REFERENCE_FIELDS = frozenset({"category_id", "parent_id", "cause_ids", "event_ids"})
_NAME_FIELDS = ("name", "title", "text", "description")


def item_name(record: Any, limit: int = 60) -> str:
    """How an item is named in a message: its name, title or text, shortened."""
    for name in _NAME_FIELDS:
        text = getattr(record, name, "")
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return str(getattr(record, "id", record))


def explain_refusal(
    pm: Postmortem, field: str, value: Any, label: str, error: ValidationError
) -> str:
    """The message for a refused edit: the field path and rule, and for a removal the item that
    still refers to what was removed, so the user knows what to change first."""
    message = f"{label} was not done: {error}."
    match = _ITEM_PATH.match(error.path)
    if label.startswith("Remove") and match and match[3] in _REFERENCE_FIELDS:
        collection = value if match[1] == field else getattr(pm, match[1])
        referrer = collection[int(match[2])]
        message += (
            f" \u201c{item_name(referrer)}\u201d still refers to it: change or remove it first."
        )
    return message


class FormStagePage(StagePage):
    """A stage page made of generic editors. Subclasses build widgets and implement ``_show``."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(stage, parent)
        self._postmortem: Postmortem | None = None
        self.notes = TextValueEditor(
            FieldSpec("stage_notes", "Notes for this stage", FieldKind.TEXT),
            multiline=True,
            parent=self,
        )
        self.notes.value_changed.connect(self._on_notes)

    @property
    def postmortem(self) -> Postmortem | None:
        """The postmortem as last shown by the window."""
        return self._postmortem

    def _current(self) -> Postmortem | None:
        """The shown postmortem, as a callable for reference lookups made before it exists."""
        return self._postmortem

    def show_postmortem(self, postmortem: Postmortem) -> None:
        self._postmortem = postmortem
        self._show(postmortem)
        self.notes.set_value(postmortem.note(self.stage))

    def _show(self, postmortem: Postmortem) -> None:
        raise NotImplementedError

    def request(self, field: str, value: Any, label: str) -> None:
        """Emit ``edit_requested`` if the edit keeps every model rule; otherwise say why not."""
        pm = self._postmortem
        if pm is None:
            return
        try:
            dataclasses.replace(pm, **{field: value})
        except ValidationError as error:
            self.show_validation_error(explain_refusal(pm, field, value, label, error))
            self.show_postmortem(pm)  # put back what is stored
            return
        self.clear_validation_error()
        self.edit_requested.emit(field, value, label)

    def _on_notes(self, text: str) -> None:
        if self._postmortem is None:
            return
        notes = dict(self._postmortem.stage_notes)
        if text.strip():
            notes[self.stage] = text
        else:
            notes.pop(self.stage, None)
        self.request("stage_notes", notes, "Edit Stage Notes")

    # -- wiring generic editors to postmortem fields -----------------------------------------
    def bind_collection(self, editor: CollectionEditor, field: str) -> CollectionEditor:
        editor.collection_changed.connect(lambda value, label: self.request(field, value, label))
        return editor

    def bind_form(self, form: RecordForm, field: str) -> RecordForm:
        form.record_changed.connect(
            lambda record, label: self.request(field, record, f"Change {label}")
        )
        return form

    def bind_field(self, editor: FieldEditor, field: str) -> FieldEditor:
        editor.value_changed.connect(
            lambda value: self.request(field, value, f"Change {editor.spec.label}")
        )
        return editor
