"""Every text a window puts on screen, for checking that private text never shows.

"On screen" is generous on purpose: besides labels, buttons and editors it counts tooltips, status
tips, accessible names and descriptions, placeholder text, every row of every item view and
completer (even scrolled away), combo box items, tab titles and tips, group titles, window titles
and the text of every action in the menus, so a leak through a hover or a popup is caught too.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    if isinstance(model, QAbstractListModel):  # its columnCount is private: one column
        return 0 if parent.isValid() else 1
    return model.columnCount(parent)


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role in _ROLES:
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
            if (
                column == 0
                and not isinstance(model, QAbstractListModel | QAbstractTableModel)
                and model.hasChildren(index)
            ):
                yield from model_texts(model, index)
    orientation = Qt.Orientation.Horizontal
    for section in range(_columns(model, parent)):
        value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
        if value is not None:
            yield str(value)


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield from (
        widget.windowTitle(),
        widget.toolTip(),
        widget.statusTip(),
        widget.whatsThis(),
        widget.accessibleName(),
        widget.accessibleDescription(),
    )
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield from (widget.text(), widget.placeholderText())
        completer = widget.completer()
        if completer is not None and completer.model() is not None:
            yield from model_texts(completer.model())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield from (widget.toPlainText(), widget.placeholderText())
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
        yield widget.currentText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            yield from (widget.tabText(tab), widget.tabToolTip(tab))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model())
    for action in widget.actions():
        yield from action_texts(action)


def action_texts(action: QAction) -> Iterator[str]:
    yield from (action.text(), action.toolTip(), action.statusTip(), action.whatsThis())
    menu = action.menu()
    if menu is not None:
        for child in menu.actions():
            yield from action_texts(child)


def visible_texts(root: QWidget) -> list[str]:
    """The texts of ``root`` and of every descendant widget that is visible."""
    widgets = [root, *root.findChildren(QWidget)]
    texts: list[str] = []
    for widget in widgets:
        if widget is root or widget.isVisible():
            texts.extend(text for text in widget_texts(widget) if text)
    return texts


def leaks(root: QWidget, secrets: set[str]) -> list[tuple[str, str]]:
    """``(secret, text)`` for every visible text of ``root`` that contains a secret."""
    return [(secret, text) for text in visible_texts(root) for secret in secrets if secret in text]
