"""The outline's tree view and row editor: keys go to the outline widget before Qt's defaults.

Tab and Shift+Tab indent and outdent instead of moving focus (Ctrl+Tab leaves, as in the
timeline table); Enter adds rather than activates. While a row's text editor is open it keeps
typing keys to itself, but Enter, Ctrl+Enter, Tab and Shift+Tab still belong to the outline's
rhythm (commit, ask "why?" again, indent, outdent), so the delegate hands them over too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.ui.keys import mark_uses_tab
from app.ui.root_cause.outline_model import (
    EDITOR_NAME_ROLE,
    ELEMENT_ID_ROLE,
    HINT_ROLE,
    OutlineModel,
)

Index = QModelIndex | QPersistentModelIndex
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ICON_SCALE = 1.05


class OutlineAction:
    """What a key asks of the outline (shared by the tree and its row editor)."""

    SIBLING = "sibling"
    CHILD = "child"
    INDENT = "indent"
    OUTDENT = "outdent"
    REMOVE = "remove"
    UP = "up"
    DOWN = "down"


# The keys a row editor hands to the outline; the rest (Delete, Ctrl+arrows) edit the text.
_EDITOR_ACTIONS = (
    OutlineAction.SIBLING,
    OutlineAction.CHILD,
    OutlineAction.INDENT,
    OutlineAction.OUTDENT,
)


def key_action(event: QKeyEvent) -> str | None:
    """The outline action of a key press, or None when it is not one of the outline's keys."""
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    if key in _ENTER_KEYS:
        return {
            Qt.KeyboardModifier.NoModifier: OutlineAction.SIBLING,
            ctrl: OutlineAction.CHILD,
        }.get(modifiers)
    if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
        return OutlineAction.INDENT
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers == shift):
        return OutlineAction.OUTDENT if not modifiers & ctrl else None
    if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
        return OutlineAction.REMOVE
    if modifiers == ctrl and key == Qt.Key.Key_Up:
        return OutlineAction.UP
    if modifiers == ctrl and key == Qt.Key.Key_Down:
        return OutlineAction.DOWN
    return None


class OutlineView(QTreeView):
    """The tree: one selected row, typing or F2 edits it, outline keys go to ``on_action``.

    ``on_action(action)`` runs an ``OutlineAction`` for the current row. ``editor_closed``
    (element id) follows every closed row editor, committed or not, so the outline can drop
    a new row that was left empty.
    """

    editor_closed = Signal(str)

    def __init__(
        self, model: OutlineModel, on_action: Callable[[str], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._on_action = on_action
        mark_uses_tab(self)  # Tab indents, Shift+Tab outdents; Ctrl+Tab leaves the outline
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setExpandsOnDoubleClick(False)  # a double-click edits the text
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.fit_icons()

    def fit_icons(self) -> None:
        """Size the marks from the font, so presentation mode enlarges them with the text."""
        side = round(QFontMetrics(self.font()).height() * _ICON_SCALE)
        model = self.model()
        slots = model.icon_slots if isinstance(model, OutlineModel) else 1
        self.setIconSize(QSize(side * slots, side))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_icons()

    def event(self, event: QEvent) -> bool:
        # Tab would move focus before keyPressEvent sees it; in an outline it indents.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            action = key_action(event)
            if action in (OutlineAction.INDENT, OutlineAction.OUTDENT):
                if self.state() != QAbstractItemView.State.EditingState:
                    self._on_action(action)
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, forward)
            return
        action = key_action(event)
        if action is not None:
            self._on_action(action)
            event.accept()
            return
        if self._starts_typing(event):
            return
        super().keyPressEvent(event)

    def _starts_typing(self, event: QKeyEvent) -> bool:
        """Typing edits the current row; QTreeView would first take "+", "-" and "*" itself."""
        text = event.text()
        held = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        index = self.currentIndex()
        if not text or not text.isprintable() or held or not index.isValid():
            return False
        return self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        element_id = editor.property("elementId") if editor is not None else None
        super().closeEditor(editor, hint)
        if isinstance(element_id, str):
            self.editor_closed.emit(element_id)

    def editing_element(self) -> str | None:
        """The element whose text editor is open, or None."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        index = self.currentIndex()
        return index.data(ELEMENT_ID_ROLE) if index.isValid() else None


class OutlineDelegate(QStyledItemDelegate):
    """A one-line text editor per row, and a muted hint painted after a row's text.

    ``on_editor_key(editor, element_id, action)`` gets Enter, Ctrl+Enter, Tab and Shift+Tab
    pressed in a row editor; it decides (usually: commit, close, then act) and the key goes
    no further.
    """

    # Every keystroke in a row editor: the row's element id and the text so far.
    text_typed = Signal(str, str)

    def __init__(
        self,
        on_editor_key: Callable[[QLineEdit, str, str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_editor_key = on_editor_key

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        name = str(index.data(EDITOR_NAME_ROLE) or "Text")
        editor.setAccessibleName(name)
        editor.setPlaceholderText(name)
        editor.setProperty("elementId", index.data(ELEMENT_ID_ROLE))
        editor.setFont(option.font)
        element = str(index.data(ELEMENT_ID_ROLE) or "")
        editor.textEdited.connect(lambda text: self.text_typed.emit(element, text))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QLineEdit) and isinstance(model, OutlineModel):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def commit_and_close(self, editor: QWidget) -> None:
        """Store the editor's text now and close it."""
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def discard_and_close(self, editor: QWidget) -> None:
        """Close the editor without storing its text."""
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            action = key_action(event)
            if action in _EDITOR_ACTIONS:
                element_id = watched.property("elementId")
                self._on_editor_key(watched, str(element_id), action)
                return True
        return super().eventFilter(watched, event)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        hint = index.data(HINT_ROLE)
        if not hint:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = QFontMetrics(opt.font)
        shift = metrics.horizontalAdvance(opt.text + "   ")
        area.setLeft(area.left() + shift)
        if area.width() <= 0:
            return
        font = QFont(opt.font)
        font.setBold(False)
        font.setItalic(True)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = QColor(opt.palette.color(role))
        colour.setAlphaF(0.6)
        painter.save()
        painter.setFont(font)
        painter.setPen(colour)
        elided = QFontMetrics(font).elidedText(str(hint), Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()
