"""A Qt table model over a tuple of frozen records: a thin adapter, never the owner of the data.

The records live in the postmortem. Editing a cell does not change the model; it emits
``change_requested(new_tuple, label)`` and waits for the stored result to come back through
``set_records``. ``set_records`` compares ids to send the smallest fitting signal (changed
rows, inserted rows, removed rows, a reorder, or a reset), so selection and scroll position
survive the round trip.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.ui.forms.columns import RECORD_NAMES, columns_for
from app.ui.forms.values import (
    FieldKind,
    FieldSpec,
    ParseError,
    choices_for,
    format_value,
    parse_value,
)
from app.ui.rows_by_id import RowsById
from app.ui.theme import current_colour

# Given the row's record, the (id, name) pairs its reference column may point at.
ReferenceChoices = Callable[[Any], Sequence[tuple[str | None, str]]]
Index = QModelIndex | QPersistentModelIndex

CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1  # [(value, label)] for combo and checklist editors
SPEC_ROLE = Qt.ItemDataRole.UserRole + 2  # the column's FieldSpec, so the delegate picks an editor
_TEXT_KINDS = {
    FieldKind.TEXT,
    FieldKind.INT,
    FieldKind.DATETIME,
    FieldKind.DATE,
    FieldKind.TEXT_LIST,
}
_CHOICE_KINDS = {FieldKind.ENUM, FieldKind.TRI_STATE, FieldKind.REFERENCE}


class RecordTableModel(RowsById, QAbstractTableModel):
    """Rows are the records of one type, columns the fields named by ``columns_for``."""

    change_requested = Signal(object, str)
    edit_refused = Signal(str)

    def __init__(
        self,
        record_type: type,
        *,
        references: Mapping[str, ReferenceChoices] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.record_type = record_type
        self.names = RECORD_NAMES[record_type]
        self.columns = columns_for(record_type)
        self._references = dict(references or {})
        self._rows: tuple[Any, ...] = ()
        self._refusals: dict[tuple[str, int], tuple[str, str]] = {}

    # -- reading -------------------------------------------------------------------------
    @property
    def records(self) -> tuple[Any, ...]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind is FieldKind.BOOL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        record = self._rows[index.row()]
        spec = self.columns[index.column()]
        value = getattr(record, spec.name)
        refusal = self._refusals.get((record.id, index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return None if spec.kind is FieldKind.BOOL else self.display_text(record, spec)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(record, spec, value)
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind is FieldKind.BOOL:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, spec, refusal)
        if role == Qt.ItemDataRole.BackgroundRole and refusal is not None:
            return current_colour("error_background")
        if role == CHOICES_ROLE and spec.kind not in _TEXT_KINDS | {FieldKind.BOOL}:
            return self.choices(record, spec)
        if role == SPEC_ROLE:
            return spec
        return None

    def _valid(self, index: Index) -> bool:
        # Not checkIndex(): it logs a Qt warning for the invalid indexes views legitimately pass.
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self.columns)
        )

    def display_text(self, record: Any, spec: FieldSpec) -> str:
        """A cell's text: references by name, lists on one line, times as YYYY-MM-DD HH:MM."""
        value = getattr(record, spec.name)
        if spec.kind in (FieldKind.REFERENCE, FieldKind.TRI_STATE):
            return str(dict(self.choices(record, spec)).get(value, value))
        if spec.kind is FieldKind.REFERENCE_LIST:
            names = dict(self.choices(record, spec))
            return ", ".join(names.get(item, item) for item in value)
        if spec.kind is FieldKind.TEXT_LIST:
            return "; ".join(value)
        return format_value(spec, value)

    def choices(self, record: Any, spec: FieldSpec) -> list[tuple[Any, str]]:
        """What a choice column may hold for ``record``, as (value, label) pairs."""
        if spec.kind in (FieldKind.REFERENCE, FieldKind.REFERENCE_LIST):
            lookup = self._references.get(spec.name)
            return list(lookup(record)) if lookup else []
        return choices_for(spec)

    def _edit_value(self, record: Any, spec: FieldSpec, value: Any) -> Any:
        if spec.kind in _TEXT_KINDS:
            return format_value(spec, value)
        if spec.kind is FieldKind.BOOL:
            return None
        return value

    def _tooltip(self, record: Any, spec: FieldSpec, refusal: tuple[str, str] | None) -> str:
        if refusal is not None:
            typed, reason = refusal
            return f"Not saved: {reason}.\nYou typed: {typed}"
        if spec.kind is FieldKind.BOOL:
            return f"{spec.label}: {'yes' if getattr(record, spec.name) else 'no'}"
        if spec.kind is FieldKind.DATETIME:
            return f"{self.display_text(record, spec)} UTC"
        if spec.kind is FieldKind.REFERENCE_LIST:
            names = dict(self.choices(record, spec))
            return "\n".join(names.get(item, item) for item in getattr(record, spec.name))
        if spec.kind is FieldKind.TEXT_LIST:
            return "\n".join(getattr(record, spec.name))
        return self.display_text(record, spec)

    # -- editing ---------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the edited record; refuse (return False, emit ``edit_refused``) bad input."""
        if not self._valid(index):
            return False
        record = self._rows[index.row()]
        spec = self.columns[index.column()]
        try:
            new_value = self._accept(record, spec, value, role)
        except ParseError as error:
            self._refuse(index, str(value), f"{spec.label}: {error}")
            return False
        if self._refusals.pop((record.id, index.column()), None) is not None:
            self.dataChanged.emit(index, index)
        if new_value == getattr(record, spec.name):
            return True
        new_record = dataclasses.replace(record, **{spec.name: new_value})
        row = index.row()
        records = (*self._rows[:row], new_record, *self._rows[row + 1 :])
        self.change_requested.emit(records, f"Edit {self.names.singular} {spec.label}")
        return True

    def _accept(self, record: Any, spec: FieldSpec, value: Any, role: int) -> Any:
        if spec.kind is FieldKind.BOOL:
            if role != Qt.ItemDataRole.CheckStateRole:
                raise ParseError("tick or untick the box")
            return Qt.CheckState(value) == Qt.CheckState.Checked
        if role != Qt.ItemDataRole.EditRole:
            raise ParseError("this cell cannot be changed that way")
        if spec.kind in _TEXT_KINDS:
            return parse_value(spec, str(value))
        allowed = [choice for choice, _label in self.choices(record, spec)]
        if spec.kind is FieldKind.REFERENCE_LIST:
            picked = tuple(value or ())
            unknown = [item for item in picked if item not in allowed]
            if unknown:
                raise ParseError(f"unknown items {', '.join(map(str, unknown))}")
            return picked
        if not any(choice is value or choice == value for choice in allowed):
            raise ParseError(f"{value!r} is not one of the choices")
        return value

    def _refuse(self, index: Index, typed: str, reason: str) -> None:
        record = self._rows[index.row()]
        self._refusals[(record.id, index.column())] = (typed, reason)
        self.dataChanged.emit(index, index)
        self.edit_refused.emit(reason)

    def refusal(self, row: int, column: int) -> str:
        """Why the last edit of this cell was refused, or empty."""
        record = self._rows[row]
        return self._refusals.get((record.id, column), ("", ""))[1]

    # -- showing stored records ------------------------------------------------------------
    def set_records(self, records: Sequence[Any]) -> None:
        """Show ``records`` with the smallest signal that describes the change."""
        new = tuple(records)
        new_ids = {record.id for record in new}
        self._refusals = {key: v for key, v in self._refusals.items() if key[0] in new_ids}
        if self.replace_rows(new) and new:
            last = self.index(len(new) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_references(self, references: Mapping[str, ReferenceChoices]) -> None:
        """Replace the lookups that name referenced items (used when a page is built)."""
        self._references = dict(references)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
