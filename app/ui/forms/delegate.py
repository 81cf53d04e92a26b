"""Cell editors for record tables: combo boxes for choices, a checklist for references, and
line or multi-line edits for text, dates and UTC times.

The delegate only gathers input; the model parses and checks it, so a refused value is
reported the same way whether it came from this delegate, a paste or a test.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.forms.table_model import CHOICES_ROLE, SPEC_ROLE
from app.ui.forms.values import DATE_HINT, DATETIME_HINT, FieldKind, FieldSpec

Index = QModelIndex | QPersistentModelIndex
_POPUP_ROWS = 6


class ChecklistEditor(QListWidget):
    """Pick several referenced items by ticking them; its value is the tuple of ticked ids."""

    def set_choices(self, choices: list[tuple[Any, str]], picked: tuple[str, ...]) -> None:
        self.clear()
        for value, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setToolTip(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = value in picked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def picked(self) -> tuple[str, ...]:
        items = (self.item(row) for row in range(self.count()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )


class RecordDelegate(QStyledItemDelegate):
    """Chooses each cell's editor from the column's kind of field."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec: FieldSpec = index.data(SPEC_ROLE)
        editor: QWidget
        if spec.kind in (FieldKind.ENUM, FieldKind.TRI_STATE, FieldKind.REFERENCE):
            combo = QComboBox(parent)
            # A pick is the whole edit: store it at once rather than on focus out.
            combo.activated.connect(lambda _index, box=combo: self._commit_and_close(box))
            editor = combo
        elif spec.kind is FieldKind.REFERENCE_LIST:
            editor = ChecklistEditor(parent)
        elif spec.kind is FieldKind.TEXT_LIST:
            editor = QPlainTextEdit(parent)
            editor.setPlaceholderText("One item per line")
        else:
            editor = QLineEdit(parent)
            editor.setPlaceholderText(
                {FieldKind.DATETIME: f"{DATETIME_HINT} (UTC)", FieldKind.DATE: DATE_HINT}.get(
                    spec.kind, ""
                )
            )
        editor.setAccessibleName(f"Edit {spec.label}")
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            choices = index.data(CHOICES_ROLE) or []
            editor.clear()
            for position, (choice, label) in enumerate(choices):
                editor.addItem(label)
                if choice is value or choice == value:
                    editor.setCurrentIndex(position)
        elif isinstance(editor, ChecklistEditor):
            editor.set_choices(index.data(CHOICES_ROLE) or [], tuple(value or ()))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the input to the model, which refuses bad text with a reason, not stores it."""
        if isinstance(editor, QComboBox):
            choices = index.data(CHOICES_ROLE) or []
            if 0 <= editor.currentIndex() < len(choices):
                model.setData(index, choices[editor.currentIndex()][0], Qt.ItemDataRole.EditRole)
        elif isinstance(editor, ChecklistEditor):
            model.setData(index, editor.picked(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        """Lists get room below the cell: a one-line cell is too small to tick items in."""
        rect = QRect(option.rect)
        if isinstance(editor, ChecklistEditor | QPlainTextEdit):
            count = editor.count() if isinstance(editor, QListWidget) else 4
            rows = max(3, min(_POPUP_ROWS, count))
            line = option.fontMetrics.height() + 6
            rect.setHeight(max(rect.height(), rows * line + 8))
            rect.setWidth(max(rect.width(), 260))
        editor.setGeometry(rect)
