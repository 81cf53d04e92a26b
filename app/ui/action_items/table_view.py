"""The action items table view and its cell editors: the keyboard rhythm of filling a table.

Tab moves across cells (in an open editor it commits and opens the next cell); F2 or typing
edits; Enter commits and moves down a row, and on the last row adds a new item; Ctrl+Enter opens
the row's tracker link; Ctrl+Tab leaves the table. The owner cell completes from the
participants. The title editor reports every keystroke (``title_typed``), so the coaching
follows the typing before anything is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.ui.action_items.table_model import ITEM_ID_ROLE, ActionItemsModel
from app.ui.forms.delegate import RecordDelegate
from app.ui.forms.table_model import SPEC_ROLE
from app.ui.forms.values import FieldSpec
from app.ui.keys import leave_on_ctrl_tab, mark_uses_tab

Index = QModelIndex | QPersistentModelIndex
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TITLE_PLACEHOLDER = "What will change: name the metric, signal or system"
TRACKER_PLACEHOLDER = "Issue key (OPS-123) or link"
ROW_HEIGHT_IN_LINES = 1.8
# What the fixed columns must fit, measured in the table's font.
_SAMPLES = {
    "owner": "Firstname Last",
    "due": "0000-00-00",
    "category": "Recover",
    "priority": "Medium",
    "tracker": "OPS-0000",
    "status": "In progress",
    "cause_ids": "Cause: a short cause",
}
# Columns that may grow to their contents, up to this many average characters.
_CONTENT_LIMITS = {"owner": 22, "tracker": 26, "cause_ids": 40}


class Finish:
    """How a cell editor was left with a key that also asks for more."""

    ENTER = "enter"  # commit, then the next row (or a new item on the last row)
    OPEN = "open"  # commit, then open the row's tracker link (Ctrl+Enter)


class ActionItemDelegate(RecordDelegate):
    """The record table's editors, plus owner completion, live title text and Enter's rhythm.

    ``title_typed(item id, text)`` follows each keystroke in a title editor;
    ``finished(item id, how)`` follows Enter or Ctrl+Enter in any editor (see ``Finish``).
    """

    title_typed = Signal(str, str)
    finished = Signal(str, str)

    def __init__(self, owner_names: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner_names = owner_names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        spec: FieldSpec = index.data(SPEC_ROLE)
        item_id = str(index.data(ITEM_ID_ROLE))
        editor.setProperty("actionItemId", item_id)
        editor.setFont(option.font)
        if isinstance(editor, QLineEdit):
            if spec.name == "title":
                editor.setPlaceholderText(TITLE_PLACEHOLDER)
                editor.textEdited.connect(lambda text: self.title_typed.emit(item_id, text))
            elif spec.name == "owner":
                completer = QCompleter(self._owner_names(), editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                editor.setCompleter(completer)
                editor.setPlaceholderText("Who drives it (a participant, or a team)")
            elif spec.name == "tracker":
                editor.setPlaceholderText(TRACKER_PLACEHOLDER)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        # Qt refreshes an open editor whenever its cell changes, and the coaching mark on the
        # title changes with every keystroke: text being typed must not be put back.
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _ENTER_KEYS
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            how = {
                Qt.KeyboardModifier.NoModifier: Finish.ENTER,
                Qt.KeyboardModifier.ControlModifier: Finish.OPEN,
            }.get(modifiers)
            item_id = watched.property("actionItemId")
            if how is not None and isinstance(item_id, str):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.finished.emit(item_id, how)
                return True
        return super().eventFilter(watched, event)


class ActionItemsTable(QTableView):
    """The table: whole rows selected, typing starts editing, keys go to ``on_key`` first.

    ``on_key(event)`` returns True when it handled a key (Enter, Delete, copying, ...).
    """

    def __init__(
        self, model: ActionItemsModel, on_key: Callable[[QKeyEvent], bool], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._on_key = on_key
        self.setModel(model)
        self.setObjectName("actionItemsTable")
        self.setAccessibleName("Action items")
        self.setAccessibleDescription(
            "Tab moves across cells and Ctrl+Tab leaves the table, F2 or typing edits, Enter on"
            " the last row adds an item, Delete removes, Ctrl+Enter opens the tracker link,"
            " Ctrl+C copies as Markdown"
        )
        mark_uses_tab(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.fit_to_font()

    def fit_to_font(self) -> None:
        """Rows and columns measured in characters, so a larger font scales the table."""
        metrics = self.fontMetrics()
        row = round(metrics.lineSpacing() * ROW_HEIGHT_IN_LINES)
        self.verticalHeader().setDefaultSectionSize(row)
        self.verticalHeader().setMinimumSectionSize(row)
        side = round(metrics.height() * 0.95)
        self.setIconSize(QSize(side, side))
        model = self.model()
        if not isinstance(model, ActionItemsModel):
            return
        header = self.horizontalHeader()
        pad = 2 * metrics.horizontalAdvance("  ")
        for column, spec in enumerate(model.columns):
            if spec.name == "title":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            sample = metrics.horizontalAdvance(_SAMPLES.get(spec.name, ""))
            title_width = header.fontMetrics().horizontalAdvance(spec.label)
            header.resizeSection(column, max(sample, title_width) + pad)
        self.setMinimumHeight(header.sizeHint().height() + 4 * row + 2 * self.frameWidth())

    def fit_to_contents(self) -> None:
        """Widen the owner, tracker and cause columns to what they hold, within limits."""
        model = self.model()
        if not isinstance(model, ActionItemsModel):
            return
        header = self.horizontalHeader()
        character = self.fontMetrics().averageCharWidth()
        for column, spec in enumerate(model.columns):
            limit = _CONTENT_LIMITS.get(spec.name)
            if limit is not None:
                wanted = self.sizeHintForColumn(column) + character
                header.resizeSection(
                    column, max(header.sectionSize(column), min(wanted, limit * character))
                )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if leave_on_ctrl_tab(self, event):
            return
        if not self._on_key(event):
            super().keyPressEvent(event)

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState
