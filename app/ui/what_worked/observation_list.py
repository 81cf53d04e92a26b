"""One of stage 4's three lists: a heading, the items, and an empty row ready for the next one.

Filled in a meeting by keyboard: type on the empty row, Enter, and the next empty row is ready
with its editor open. Up and Down move between rows (also straight out of an open editor, which
commits first), Enter or F2 edits, Delete removes, Ctrl+Up/Down reorder, and Ctrl+Tab moves on
to the next list. The list never stores anything itself: keys that change the postmortem become
``action(name)`` for the page, and committed text arrives as the model's ``text_committed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Observation, ObservationKind
from app.ui.labels import plain_label
from app.ui.root_cause.outline_view import OutlineDelegate
from app.ui.what_worked.list_model import ObservationListModel

Index = QModelIndex | QPersistentModelIndex


class ListAction:
    """What a key asks of the page or the list."""

    EDIT = "edit"
    REMOVE = "remove"
    UP = "up"  # move the item up in its list
    DOWN = "down"
    NEXT_LIST = "next_list"
    PREVIOUS_LIST = "previous_list"
    # Only from an open row editor: commit, then go on.
    COMMIT_NEXT = "commit_next"
    ROW_ABOVE = "row_above"
    ROW_BELOW = "row_below"
    TAB = "tab"
    BACKTAB = "backtab"


def view_key_action(event: QKeyEvent) -> str | None:
    """The list action of a key pressed on the list itself (no editor open)."""
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    if key == Qt.Key.Key_Tab and modifiers == ctrl:
        return ListAction.NEXT_LIST
    if key == Qt.Key.Key_Backtab and modifiers & ctrl:
        return ListAction.PREVIOUS_LIST
    if key == Qt.Key.Key_Tab and modifiers == ctrl | shift:
        return ListAction.PREVIOUS_LIST
    if modifiers == Qt.KeyboardModifier.NoModifier:
        return {
            Qt.Key.Key_Return: ListAction.EDIT,
            Qt.Key.Key_Enter: ListAction.EDIT,
            Qt.Key.Key_Delete: ListAction.REMOVE,
        }.get(Qt.Key(key))
    if modifiers == ctrl:
        return {Qt.Key.Key_Up: ListAction.UP, Qt.Key.Key_Down: ListAction.DOWN}.get(Qt.Key(key))
    return None


def editor_key_action(event: QKeyEvent) -> str | None:
    """The action of a key pressed in a row editor: each commits the text first."""
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers == Qt.KeyboardModifier.NoModifier:
        return {
            Qt.Key.Key_Return: ListAction.COMMIT_NEXT,
            Qt.Key.Key_Enter: ListAction.COMMIT_NEXT,
            Qt.Key.Key_Up: ListAction.ROW_ABOVE,
            Qt.Key.Key_Down: ListAction.ROW_BELOW,
            Qt.Key.Key_Tab: ListAction.TAB,
        }.get(Qt.Key(key))
    if key == Qt.Key.Key_Backtab and not modifiers & Qt.KeyboardModifier.ControlModifier:
        return ListAction.BACKTAB
    action = view_key_action(event)
    return action if action in (ListAction.NEXT_LIST, ListAction.PREVIOUS_LIST) else None


class ObservationView(QListView):
    """The rows: one current row, typing or F2 edits it, list keys go to ``on_action``."""

    focused = Signal()

    def __init__(
        self, model: ObservationListModel, on_action: Callable[[str], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._on_action = on_action
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)
        # Items wrap rather than elide: three narrow columns on a shared screen must still show
        # the whole of each thing the room said.
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = view_key_action(event)
        if action is not None:
            self._on_action(action)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Qt would make the first item current; in a meeting the next thing is a new item.
        model = self.model()
        if not self.currentIndex().isValid() and isinstance(model, ObservationListModel):
            self.selectionModel().setCurrentIndex(
                model.new_row(), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        super().focusInEvent(event)
        self.focused.emit()

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState


class ObservationDelegate(OutlineDelegate):
    """The outline's row editor and muted hint, with the keys of a flat list."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Rows a little taller than the text: easier to read and to click off a projector."""
        size = super().sizeHint(option, index)
        return QSize(
            size.width(), max(size.height(), round(option.fontMetrics.lineSpacing() * 1.7))
        )

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QLineEdit) and isinstance(model, QAbstractItemModel):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            action = editor_key_action(event)
            if action is not None:
                self._on_editor_key(watched, str(watched.property("elementId")), action)
                return True
        return QStyledItemDelegate.eventFilter(self, watched, event)


class ObservationList(QWidget):
    """The items of one ``ObservationKind`` under a heading.

    ``action(name)`` asks the page for a ``ListAction`` on the current row (remove, move,
    another list); ``current_changed()`` follows the current row and the focus coming in.
    """

    action = Signal(str)
    current_changed = Signal()

    def __init__(self, kind: ObservationKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.model = ObservationListModel(kind, self)
        self.view = ObservationView(self.model, self.run_action, self)
        self.view.setObjectName(f"observations_{kind.value}")
        self.view.setAccessibleName(kind.label)
        self.view.setAccessibleDescription(
            "Type and press Enter to add; Delete removes; Ctrl+Up and Ctrl+Down reorder;"
            " Ctrl+Tab goes to the next list"
        )
        self.delegate = ObservationDelegate(self._on_editor_key, self.view)
        self.view.setItemDelegate(self.delegate)
        self.heading = plain_label(kind.label, self, bold=True)
        self.heading.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.view.focused.connect(self.current_changed)
        self.view.selectionModel().currentChanged.connect(
            lambda _now, _before: self.current_changed.emit()
        )

    # -- showing -------------------------------------------------------------------------
    def show_items(
        self, items: tuple[Observation, ...], hints: dict[str, str], tips: dict[str, str]
    ) -> None:
        """Show the stored items of this kind; the current row and an open editor stay."""
        self.model.set_items(items, hints, tips)
        count = len(items)
        self.heading.setText(f"{self.kind.label} ({count})" if count else self.kind.label)

    def current_item(self) -> Observation | None:
        return self.model.item(self.view.currentIndex())

    def select(self, item_id: str, *, edit: bool = False, focus: bool = True) -> bool:
        """Make ``item_id`` ("" for the empty row) current; False when it is not listed."""
        row = self.model.row_of(item_id)
        if row is None:
            return False
        self._go_to(self.model.index(row, 0), edit=edit, focus=focus)
        return True

    def enter(self) -> None:
        """Take the focus, on the current row or else on the empty row, ready for typing."""
        index = self.view.currentIndex()
        self._go_to(index if index.isValid() else self.model.new_row(), edit=False, focus=True)

    def _go_to(self, index: QModelIndex, *, edit: bool, focus: bool) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit and not self.view.is_editing():
            self.view.edit(index)

    # -- keys ----------------------------------------------------------------------------
    def run_action(self, action: str) -> None:
        """Do ``action`` for the current row: edit here, everything else on the page."""
        if action == ListAction.EDIT:
            index = self.view.currentIndex()
            self._go_to(index if index.isValid() else self.model.new_row(), edit=True, focus=True)
            return
        self.action.emit(action)

    def _on_editor_key(self, editor: QLineEdit, _item_id: str, action: str) -> None:
        """Commit the editor's text (which may store it and add a row), then go on."""
        index = self.view.currentIndex()
        was_new = self.model.is_new_row(index)
        typed = bool(editor.text().strip())
        self.delegate.commit_and_close(editor)
        current = self.view.currentIndex()
        if action == ListAction.COMMIT_NEXT:
            if was_new and not typed:
                return  # Enter on an empty new row: nothing to add, stop editing
            if self.model.is_new_row(current):
                self._go_to(current, edit=True, focus=True)  # the next empty row, ready
                return
            below = current.siblingAtRow(current.row() + 1)
            if below.isValid():
                self._go_to(below, edit=self.model.is_new_row(below), focus=True)
        elif action in (ListAction.ROW_ABOVE, ListAction.ROW_BELOW):
            step = -1 if action == ListAction.ROW_ABOVE else 1
            target = current.siblingAtRow(current.row() + step)
            if target.isValid():
                self._go_to(target, edit=False, focus=True)
        elif action in (ListAction.TAB, ListAction.BACKTAB):
            QWidget.focusNextPrevChild(self.view, action == ListAction.TAB)
        else:
            self.action.emit(action)
