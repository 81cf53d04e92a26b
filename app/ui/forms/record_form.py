"""A form over one frozen record (Impact, Communication), built from its fields' type hints.

The form never changes a record in place: each user edit produces ``dataclasses.replace`` of
the shown record and is emitted with the field's label, so the page can turn it into one undo
step. The form shows the stored record again when the window says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.ui.forms.field_editors import CheckEditor, FieldEditor, editor_for
from app.ui.forms.values import FieldSpec, record_specs

# Free-text fields long enough to deserve several lines, named per field rather than guessed.
MULTILINE_FIELDS: frozenset[str] = frozenset(
    {"summary", "internal_summary", "notes", "description", "problem_statement"}
)


class RecordForm(QWidget):
    """Edits one record field by field.

    ``record_changed(new_record, field_label)`` carries the whole new record and the label of the
    field that changed. ``labels`` renames fields; ``multiline`` names the text fields that get a
    multi-line box (default: ``MULTILINE_FIELDS``).
    """

    record_changed = Signal(object, str)

    def __init__(
        self,
        record_type: type,
        *,
        labels: Mapping[str, str] | None = None,
        multiline: Collection[str] = MULTILINE_FIELDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record_type = record_type
        self._record: Any = record_type()
        self._editors: dict[str, FieldEditor] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for default in record_specs(record_type, skip=()):
            spec = dataclasses.replace(
                default, label=(labels or {}).get(default.name, default.label)
            )
            self._add_row(layout, spec, spec.name in multiline)
        self.show_record(self._record)

    def _add_row(self, layout: QFormLayout, spec: FieldSpec, multiline: bool) -> None:
        editor = editor_for(spec, multiline=multiline, parent=self)
        editor.value_changed.connect(lambda value, name=spec.name: self._on_value(name, value))
        self._editors[spec.name] = editor
        if isinstance(editor, CheckEditor):
            layout.addRow(editor)  # the check box carries its own label
            return
        label = QLabel(f"{spec.label}:", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(editor.input_widget)
        layout.addRow(label, editor)

    @property
    def record(self) -> Any:
        """The record as last shown or edited."""
        return self._record

    def editor(self, field_name: str) -> FieldEditor:
        """The editor of one field, for focus handling and tests."""
        return self._editors[field_name]

    def show_record(self, record: Any) -> None:
        """Show ``record`` in every field without emitting."""
        if not isinstance(record, self.record_type):
            raise TypeError(f"expected {self.record_type.__name__}, got {type(record).__name__}")
        self._record = record
        for name, editor in self._editors.items():
            editor.set_value(getattr(record, name))

    def _on_value(self, name: str, value: Any) -> None:
        self._record = dataclasses.replace(self._record, **{name: value})
        self.record_changed.emit(self._record, self._editors[name].spec.label)
