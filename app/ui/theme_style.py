"""How a theme draws controls: the application style sheet and a thin Fusion proxy style.

Fusion takes every outline from the window colour made darker, which on a dark or black window
is no outline at all: check boxes, radio buttons and buttons vanish in the dark and
high-contrast themes, and its one-pixel, selection-coloured focus line is lost on a projector.
So text fields, combo boxes, lists and tables get their border (3:1, the theme's ``border``) and
a two-pixel focus ring from the style sheet, and ``ThemedStyle`` draws check boxes, radio
buttons, button outlines and the keyboard focus rectangle of buttons and list items in the
theme's colours. Everything else stays Fusion.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from app.domain.contrast import Theme

BASE_STYLE = "Fusion"
FOCUS_WIDTH = 2
# Controls whose frame the style sheet draws: one pixel of border and one of padding unfocused,
# two of focus ring focused, so nothing moves when focus arrives.
FRAMED = (
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QAbstractItemView",
    "QGraphicsView",
)

# Left and right padding of a label in a warning tone; widgets that must not move when a label
# takes the tone reserve it (the meeting timer's status).
TONED_LABEL_PADDING = 8


def theme_style_sheet(theme: Theme) -> str:
    """The application style sheet: framed controls, focus ring and tones, in ``theme``."""
    c = theme.colours
    framed = ", ".join(FRAMED)
    focused = ", ".join(f"{kind}:focus" for kind in FRAMED)
    invalid = ", ".join(f'{kind}[tone="invalid"]' for kind in FRAMED)
    rules = [
        f"{framed} {{ border: 1px solid {c['border']}; padding: 2px; }}",
        f"{invalid} {{ border: 2px solid {c['error_text']}; padding: 1px; }}",
        f"{focused} {{ border: {FOCUS_WIDTH}px solid {c['focus']}; padding: 1px; }}",
        # Frameless ones (the stage list, in-place editors) keep room for the ring instead.
        '*[frameShape="NoFrame"], QLineEdit[frame="false"] '
        "{ border: 2px solid transparent; padding: 0px; }",
        f'*[frameShape="NoFrame"]:focus {{ border: 2px solid {c["focus"]}; }}',
        # A combo box's own line edit sits inside the combo's frame, which ThemedStyle draws
        # (a style-sheet border would take the combo's arrow with it).
        "QComboBox QLineEdit, QComboBox QLineEdit:focus { border: none; padding: 0px; }",
        f'*[tone="warning"] {{ background: {c["warning_background"]};'
        f" color: {c['warning_text']}; border: 1px solid {c['warning_border']};"
        " border-radius: 4px; }",
        f'QLabel[tone="warning"] {{ padding: 4px {TONED_LABEL_PADDING}px; }}',
        f'*[tone="warning"] QLabel {{ color: {c["warning_text"]}; background: transparent;'
        " border: none; padding: 0px; }",
        f'QLabel[tone="error"] {{ color: {c["error_text"]}; }}',
        f'*[tone="alert"] {{ background: {c["error_background"]};'
        f" border: 1px solid {c['error_text']}; }}",
        f'*[tone="alert"] QLabel {{ color: {c["error_text"]}; background: transparent;'
        " border: none; }",
        f'QLabel[tone="success"] {{ color: {c["success_text"]}; }}',
        f'QLabel[tone="muted"] {{ color: {c["muted_text"]}; }}',
    ]
    return "\n".join(rules)


class ThemedStyle(QProxyStyle):
    """Fusion, with check marks, radio dots, button outlines and focus rectangles that show."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create(BASE_STYLE))
        self.setObjectName("themedStyle")
        self.focus = QColor("black")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        pe = QStyle.PrimitiveElement
        if element == pe.PE_FrameFocusRect:
            if option.state & QStyle.StateFlag.State_KeyboardFocusChange:
                self._draw_focus_rect(option, painter)
            return
        if element in (pe.PE_IndicatorCheckBox, pe.PE_IndicatorItemViewItemCheck):
            self._draw_check_box(option, painter)
            return
        if element == pe.PE_IndicatorRadioButton:
            self._draw_radio_button(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in (pe.PE_PanelButtonCommand, pe.PE_Frame, pe.PE_FrameGroupBox):
            self._outline_button(option, painter)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        # Fusion only tints a focused tab; the ring says which tab the arrow keys move.
        if element == QStyle.ControlElement.CE_TabBarTabLabel and _keyboard_focus(option):
            self._draw_focus_rect(option, painter)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_ComboBox:
            self._outline_button(option, painter)

    def _draw_focus_rect(self, option: QStyleOption, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.focus, FOCUS_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FOCUS_WIDTH / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 2, 2)
        painter.restore()

    def _outline_pen(self, option: QStyleOption) -> QPen:
        if _keyboard_focus(option):
            return QPen(self.focus, FOCUS_WIDTH)
        return QPen(_role(option, QPalette.ColorRole.Mid), 1)

    def _draw_check_box(self, option: QStyleOption, painter: QPainter) -> None:
        box = _square(option, 1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._outline_pen(option))
        painter.setBrush(_role(option, QPalette.ColorRole.Base))
        painter.drawRoundedRect(box, 2, 2)
        mark = QPen(_role(option, QPalette.ColorRole.Text), max(1.5, box.width() / 7))
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        state = option.state
        x, y, side = box.left(), box.top(), box.width()
        if state & QStyle.StateFlag.State_NoChange:
            painter.drawLine(
                QPointF(x + side * 0.25, y + side / 2), QPointF(x + side * 0.75, y + side / 2)
            )
        elif state & QStyle.StateFlag.State_On:
            path = QPainterPath(QPointF(x + side * 0.22, y + side * 0.52))
            path.lineTo(x + side * 0.42, y + side * 0.72)
            path.lineTo(x + side * 0.78, y + side * 0.3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.restore()

    def _draw_radio_button(self, option: QStyleOption, painter: QPainter) -> None:
        circle = _square(option, 1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._outline_pen(option))
        painter.setBrush(_role(option, QPalette.ColorRole.Base))
        painter.drawEllipse(circle)
        if option.state & QStyle.StateFlag.State_On:
            dot = circle.adjusted(*(circle.width() * f for f in (0.28, 0.28, -0.28, -0.28)))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_role(option, QPalette.ColorRole.Text))
            painter.drawEllipse(dot)
        painter.restore()

    def _outline_button(self, option: QStyleOption, painter: QPainter) -> None:
        pen = self._outline_pen(option)
        half = pen.widthF() / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 2, 2)
        painter.restore()


def _keyboard_focus(option: QStyleOption) -> bool:
    """Focus that came from the keyboard: a click does not need a ring to find the control."""
    state = option.state
    return bool(
        state & QStyle.StateFlag.State_HasFocus
        and state & QStyle.StateFlag.State_KeyboardFocusChange
    )


def _role(option: QStyleOption, role: QPalette.ColorRole) -> QColor:
    group = (
        QPalette.ColorGroup.Disabled
        if not option.state & QStyle.StateFlag.State_Enabled
        else QPalette.ColorGroup.Normal
    )
    return option.palette.color(group, role)


def _square(option: QStyleOption, margin: float) -> QRectF:
    rect = QRectF(option.rect)
    side = min(rect.width(), rect.height()) - 2 * margin
    square = QRectF(0, 0, side, side)
    square.moveCenter(rect.center())
    return square
