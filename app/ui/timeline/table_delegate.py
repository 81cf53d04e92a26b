"""Cell editors and painting for the timeline table.

Editors only gather input; the model parses and checks it. What the delegate adds is the
keyboard rhythm of typing a timeline (``advance`` tells the editor widget that Enter or Tab
finished a cell, so it can move on to the description or to a new row), multi-line paste
handed over to the import preview, and painting that reads from the back of a room: the time
in full weight with a repeated date muted, milestone shapes, stars, and a red mark on any cell
whose content is not right.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.domain.timeparse import zone_label
from app.ui.theme import current_colour
from app.ui.timeline.milestone_style import (
    MILESTONE_ORDER,
    draw_problem_badge,
    draw_star,
    milestone_icon,
    problem_colour,
    shortcut_text,
)
from app.ui.timeline.table_model import (
    CHECK_COLUMNS,
    COLUMN_ROLE,
    EVENT_ID_ROLE,
    PROBLEM_ROLE,
    TIME_COLUMNS,
    Column,
    TimelineTableModel,
)

Index = QModelIndex | QPersistentModelIndex
TIME_EXAMPLES = "14:02, 2:02 pm, 2017-01-31 23:27"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ACCESSIBLE = {
    Column.TIME: "Event time",
    Column.LOCAL_TIME: "Event time, local",
    Column.DESCRIPTION: "Event description",
    Column.EVIDENCE: "Evidence link",
    Column.MILESTONE: "Milestone",
}


def is_multi_line(text: str) -> bool:
    """Text with more than one line: a paste that belongs in the import preview, not a cell."""
    return "\n" in text.strip("\r\n") or "\r" in text.strip("\r\n")


class CellLineEdit(QLineEdit):
    """A one-line cell editor that hands a multi-line paste over instead of flattening it."""

    multi_line_paste = Signal(str)

    def __init__(self, cell: tuple[str, Column], parent: QWidget) -> None:
        super().__init__(parent)
        self.cell = cell

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if is_multi_line(text):
                self.multi_line_paste.emit(text)
                event.accept()
                return
        super().keyPressEvent(event)


class MilestoneCombo(QComboBox):
    """The milestone choices with their shapes; a pick from the list is the whole edit."""

    picked = Signal()

    def __init__(self, cell: tuple[str, Column], parent: QWidget) -> None:
        super().__init__(parent)
        self.cell = cell
        self._popup_open = False
        self.addItem("No milestone", None)
        for milestone in MILESTONE_ORDER:
            self.addItem(milestone_icon(milestone), milestone.label, milestone)
            tip = f"{milestone.label} ({shortcut_text(milestone)} on a selected row)"
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)

    def showPopup(self) -> None:
        self._popup_open = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        # Only a list that was open and is now closed is a pick; hiding it again is not.
        if self._popup_open:
            self._popup_open = False
            self.picked.emit()


class TimelineDelegate(QStyledItemDelegate):
    """Editors, keyboard flow and painting for ``TimelineTableModel`` cells (via any proxy).

    ``advance(event_id, column, how)`` follows a committed editor: ``how`` is "enter", "tab" or
    "add" (Ctrl+Enter). ``reverted(event_id, column)`` follows Escape in an editor.
    """

    advance = Signal(str, object, str)
    reverted = Signal(str, object)
    paste_requested = Signal(str)

    def __init__(self, model: TimelineTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    # -- editors -------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column: Column = index.data(COLUMN_ROLE)
        cell = (str(index.data(EVENT_ID_ROLE)), column)
        editor: CellLineEdit | MilestoneCombo
        if column is Column.MILESTONE:
            editor = MilestoneCombo(cell, parent)
            editor.picked.connect(lambda box=editor: self._commit_and_close(box))
            if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
                # Opened by a double-click: show the list, saving a click. From the keyboard the
                # closed combo takes letters and arrows, and Enter or Alt+Down as usual.
                QTimer.singleShot(0, editor, editor.showPopup)
        else:
            editor = CellLineEdit(cell, parent)
            editor.multi_line_paste.connect(lambda text, box=editor: self._paste(box, text))
            if column in TIME_COLUMNS:
                zone = zone_label(self._model.typing_zone(column))
                editor.setPlaceholderText(f"{TIME_EXAMPLES} ({zone})")
                editor.setToolTip(
                    f"Type a time, read as {zone} and stored in UTC: {TIME_EXAMPLES}, or ISO 8601"
                    " with an offset. Without a date it falls on this event's date."
                    " Enter or Tab goes on to the description."
                )
            elif column is Column.EVIDENCE:
                editor.setPlaceholderText("Link to a graph, log or ticket")
            else:
                editor.setPlaceholderText("What happened")
        editor.setAccessibleName(_ACCESSIBLE.get(column, column.value))
        editor.setFont(option.font)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, MilestoneCombo):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the input to the model, which refuses an unreadable time with a reason."""
        if isinstance(editor, MilestoneCombo):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _paste(self, editor: CellLineEdit, text: str) -> None:
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.RevertModelCache)
        self.paste_requested.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter and Tab finish a cell and say so; Escape discards, and says so too."""
        if not isinstance(watched, CellLineEdit | MilestoneCombo) or not isinstance(
            event, QKeyEvent
        ):
            return super().eventFilter(watched, event)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        event_id, column = watched.cell
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.reverted.emit(event_id, column)
            return super().eventFilter(watched, event)
        if isinstance(watched, MilestoneCombo) and key in _ENTER_KEYS:
            self._commit_and_close(watched)  # now, and without Enter reaching the table
            return True
        how = _advance_kind(event, column, watched)
        if how is None:
            return super().eventFilter(watched, event)
        self._commit_and_close(watched)
        self.advance.emit(event_id, column, how)
        return True

    # -- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.data(COLUMN_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        focused = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        problem = index.data(PROBLEM_ROLE) or ""
        if column is Column.MILESTONE or column not in TIME_COLUMNS | CHECK_COLUMNS:
            badge = _badge_rect(opt.rect) if problem else None
            if badge is not None:
                opt.rect = opt.rect.adjusted(0, 0, -round(badge.width()) - 4, 0)
            super().paint(painter, opt, index)
            if badge is not None:
                opt.rect = option.rect
                self._paint_problem(painter, opt.rect, badge)
        else:
            self._paint_background(painter, opt)
            if column in TIME_COLUMNS:
                self._paint_time(painter, opt, index, problem)
            else:
                self._paint_check(painter, opt, column, index)
        if focused:
            self._paint_focus(painter, option)

    @staticmethod
    def _paint_background(painter: QPainter, opt: QStyleOptionViewItem) -> None:
        opt.text = ""
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def _paint_time(
        self, painter: QPainter, opt: QStyleOptionViewItem, index: Index, problem: str
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        padding = opt.fontMetrics.horizontalAdvance(" ")
        area = opt.rect.adjusted(padding, 0, -padding, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = _text_colour(opt, selected=selected)
        painter.save()
        if problem:
            badge = _badge_rect(opt.rect)
            area.setRight(int(badge.left()) - 4)
            painter.setPen(colour if selected else problem_colour())
            elided = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), elided)
            painter.restore()
            self._paint_problem(painter, opt.rect, badge)
            return
        date_part, _, clock = text.partition(" ")
        # sibling(), not siblingAtRow(): a QPersistentModelIndex has only the former.
        above = index.sibling(index.row() - 1, index.column()) if index.row() > 0 else QModelIndex()
        repeated = above.isValid() and str(above.data() or "").startswith(date_part + " ")
        # A date repeated from the row above is muted, so the eye lands on the clock; muted in the
        # theme's checked colour (a faded one fell below 4.5:1), and not at all on a selection.
        muted = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted if repeated and not selected else colour)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), f"{date_part} ")
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colour)
        shift = opt.fontMetrics.horizontalAdvance(f"{date_part} ")
        painter.drawText(area.adjusted(shift, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), clock)
        painter.restore()

    @staticmethod
    def _paint_check(
        painter: QPainter, opt: QStyleOptionViewItem, column: Column, index: Index
    ) -> None:
        on = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = _text_colour(opt, selected=selected)
        side = round(opt.fontMetrics.height() * (0.95 if column is Column.STAR else 0.8))
        box = QRectF(0, 0, side, side)
        box.moveCenter(QRectF(opt.rect).center())
        if column is Column.STAR:
            faint = QColor(colour)
            faint.setAlphaF(0.35)
            draw_star(painter, box, filled=on, outline=faint)
            return
        if not on:
            colour.setAlphaF(0.45)  # a column of empty boxes should not shout
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, max(1.0, side / 12)))
        painter.setBrush(colour if on else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, side / 6, side / 6)
        if on:
            tick = QPen(opt.palette.color(QPalette.ColorRole.Base), max(1.5, side / 7))
            tick.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(tick)
            left, top, width = box.left(), box.top(), box.width()
            painter.drawPolyline(
                [
                    QPointF(left + width * 0.22, top + width * 0.52),
                    QPointF(left + width * 0.42, top + width * 0.72),
                    QPointF(left + width * 0.78, top + width * 0.3),
                ]
            )
        painter.restore()

    @staticmethod
    def _paint_problem(painter: QPainter, cell: QRect, badge: QRectF) -> None:
        draw_problem_badge(painter, badge)
        painter.save()
        painter.setPen(QPen(problem_colour(), 2))
        painter.drawLine(cell.left() + 2, cell.bottom() - 1, cell.right() - 2, cell.bottom() - 1)
        painter.restore()

    @staticmethod
    def _paint_focus(painter: QPainter, option: QStyleOptionViewItem) -> None:
        painter.save()
        painter.setPen(QPen(current_colour("focus"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()

    # -- clicks --------------------------------------------------------------------------
    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """A click anywhere in a star or internal cell toggles it (not just on a tiny box)."""
        if index.data(COLUMN_ROLE) not in CHECK_COLUMNS or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease and option.rect.contains(
            event.position().toPoint()
        ):
            on = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            new = Qt.CheckState.Unchecked if on else Qt.CheckState.Checked
            model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        return event.type() in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )


def _advance_kind(event: QKeyEvent, column: Column, editor: QWidget) -> str | None:
    """Which way a key press finishes the cell being edited, or None to let it through."""
    key = event.key()
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if key in _ENTER_KEYS and isinstance(editor, QLineEdit):
        return "add" if control else "enter"
    if key == Qt.Key.Key_Tab and column in TIME_COLUMNS and not control:
        return "tab"
    return None


def _badge_rect(cell: QRect) -> QRectF:
    side = min(cell.height() * 0.6, 22.0)
    badge = QRectF(0, 0, side, side)
    badge.moveCenter(QPointF(cell.right() - side / 2 - 4, cell.center().y()))
    return badge


def _text_colour(opt: QStyleOptionViewItem, *, selected: bool) -> QColor:
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return opt.palette.color(role)
