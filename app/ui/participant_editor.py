"""Who takes part in the postmortem: a compact name/role/contact table with add, remove, reorder.

The table model is a thin adapter over the stored ``tuple[Participant, ...]``: an edit in a cell
does not change the model, it asks for a new tuple (``edit_requested``) and the page shows the
stored result when the window calls back. New people are typed into an entry row above the table
(Enter adds), so the table never holds a half-made, nameless row that could not be stored.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Participant
from app.ui.text_sizing import fit_to_lines

_ModelIndex = QModelIndex | QPersistentModelIndex
_NAME, _ROLE, _CONTACT = 0, 1, 2
_FIELDS = ("name", "role", "contact")


class ParticipantTableModel(QAbstractTableModel):
    """Rows are participants, columns are name, role and contact; ``setData`` requests only."""

    edit_requested = Signal(object, str)
    refused = Signal(str)
    HEADERS = ("Name", "Role", "Contact")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._participants: tuple[Participant, ...] = ()

    @property
    def participants(self) -> tuple[Participant, ...]:
        return self._participants

    def set_participants(self, participants: tuple[Participant, ...]) -> None:
        """Show ``participants``: changed cells refresh in place, a new row count resets."""
        if participants == self._participants:
            return
        if len(participants) != len(self._participants):
            self.beginResetModel()
            self._participants = participants
            self.endResetModel()
            return
        # In-place refresh keeps selection and any open editor: a reset in the middle of a
        # cell commit would tear the editor down under the view.
        old, self._participants = self._participants, participants
        for row, (before, after) in enumerate(zip(old, participants, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(row, _NAME), self.index(row, _CONTACT))

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._participants)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        participant = self._participants[index.row()]
        return getattr(participant, _FIELDS[index.column()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(
        self, index: _ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Ask for the edited participant; refuse an emptied name (remove the row instead)."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        old = self._participants[index.row()]
        if index.column() == _NAME and not text:
            self.refused.emit(
                f"A participant needs a name; {old.name} was kept. "
                "To take them off the list, use Remove."
            )
            return False
        new = dataclasses.replace(old, **{_FIELDS[index.column()]: text})
        if new == old:
            return False
        updated = list(self._participants)
        updated[index.row()] = new
        self.edit_requested.emit(tuple(updated), "Edit Participant")
        return False  # the stored result arrives through set_participants


class ParticipantEditor(QWidget):
    """Entry row (name, role, contact, Add), the table, and Remove / Move up / Move down.

    ``set_contacts_shown(False)`` hides the contact column and entry while presenting.
    """

    participants_requested = Signal(object, str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ParticipantTableModel(self)
        self._row_after_update: int | None = None
        self.name_edit = self._entry("participantNameEdit", "Name", "New participant's name")
        self.role_edit = self._entry(
            "participantRoleEdit", "Role (optional)", "New participant's role"
        )
        self.contact_edit = self._entry(
            "participantContactEdit", "Contact (optional)", "New participant's contact"
        )
        self.contact_edit.setToolTip("E-mail, phone or chat handle; hidden while presenting")
        self.add_button = self._button("addParticipantButton", "Add", "Add participant", self.add)
        self.table = self._build_table()
        self.remove_button = self._button(
            "removeParticipantButton", "Remove", "Remove participant", self.remove_current
        )
        self.up_button = self._button(
            "moveParticipantUpButton",
            "Move up",
            "Move participant up",
            lambda: self.move_current(-1),
        )
        self.down_button = self._button(
            "moveParticipantDownButton",
            "Move down",
            "Move participant down",
            lambda: self.move_current(1),
        )
        self._lay_out()
        self.model.edit_requested.connect(self.participants_requested)
        self.model.refused.connect(self.refused)
        self.name_edit.returnPressed.connect(self.add)
        self.role_edit.returnPressed.connect(self.add)
        self.contact_edit.returnPressed.connect(self.add)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self._update_buttons()

    def _entry(self, name: str, placeholder: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(accessible)
        edit.setClearButtonEnabled(True)
        return edit

    def _button(
        self, name: str, text: str, accessible: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("participantTable")
        table.setAccessibleName("Participants")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else on the page
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fit_to_lines(table, 8)
        return table

    def _lay_out(self) -> None:
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.name_edit, 3)
        entry_row.addWidget(self.role_edit, 2)
        entry_row.addWidget(self.contact_edit, 2)
        entry_row.addWidget(self.add_button)
        button_row = QHBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            button_row.addWidget(button)
        button_row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(entry_row)
        column.addWidget(self.table, 1)
        column.addLayout(button_row)
        for first, second in itertools.pairwise(self.focus_widgets()):
            QWidget.setTabOrder(first, second)

    def _row_buttons(self) -> tuple[QPushButton, ...]:
        return (self.remove_button, self.up_button, self.down_button)

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order, for the page's overall chain."""
        entries = (self.name_edit, self.role_edit, self.contact_edit, self.add_button)
        return (*entries, self.table, *self._row_buttons())

    def set_contacts_shown(self, shown: bool) -> None:
        """Show or hide everything about contacts (presentation mode hides them)."""
        self.contact_edit.setVisible(shown)
        self.table.setColumnHidden(_CONTACT, not shown)

    def show_participants(self, participants: tuple[Participant, ...]) -> None:
        """Show the stored participants, keeping (or moving) the current row sensibly."""
        current = self.table.currentIndex().row()
        self.model.set_participants(participants)
        target = self._row_after_update if self._row_after_update is not None else current
        self._row_after_update = None
        if participants and target >= 0:
            self.table.setCurrentIndex(self.model.index(min(target, len(participants) - 1), 0))
        self._update_buttons()

    def add(self) -> None:
        """Request the entry row's participant at the end of the list; a blank name is refused."""
        name = self.name_edit.text().strip()
        if not name:
            self.refused.emit("Type the new participant's name first; a nameless row is not saved.")
            self.name_edit.setFocus()
            return
        contact = self.contact_edit.text().strip() if self.contact_edit.isVisibleTo(self) else ""
        participant = Participant(name, self.role_edit.text().strip(), contact)
        self._row_after_update = len(self.model.participants)
        self.participants_requested.emit((*self.model.participants, participant), "Add Participant")
        for entry in (self.name_edit, self.role_edit, self.contact_edit):
            entry.clear()
        self.name_edit.setFocus()

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.participants):
            return
        remaining = self.model.participants[:row] + self.model.participants[row + 1 :]
        self._row_after_update = row
        self.participants_requested.emit(remaining, "Remove Participant")

    def move_current(self, step: int) -> None:
        """Move the current participant one place up (``-1``) or down (``1``)."""
        row = self.table.currentIndex().row()
        target = row + step
        people = list(self.model.participants)
        if row < 0 or not 0 <= target < len(people):
            return
        people[row], people[target] = people[target], people[row]
        self._row_after_update = target
        label = "Move Participant Up" if step < 0 else "Move Participant Down"
        self.participants_requested.emit(tuple(people), label)

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row()
        count = len(self.model.participants)
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)
