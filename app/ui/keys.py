"""Keyboard conventions shared by the editors."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

# A dynamic property on widgets that use Tab themselves (between cells, to indent a row): for
# them Ctrl+Tab is the way on, and the focus-chain test walks past them with it.
USES_TAB_PROPERTY = "usesTabItself"


def mark_uses_tab(widget: QWidget) -> None:
    """Declare that ``widget`` takes Tab for itself and leaves on Ctrl+Tab (Qt's convention)."""
    widget.setProperty(USES_TAB_PROPERTY, True)


def uses_tab(widget: QWidget) -> bool:
    """Whether ``widget`` was declared with ``mark_uses_tab``."""
    return bool(widget.property(USES_TAB_PROPERTY))


def leave_on_ctrl_tab(widget: QWidget, event: QKeyEvent) -> bool:
    """Move focus out of ``widget`` on Ctrl+Tab / Ctrl+Shift+Tab; True if the key was used.

    Tables that use Tab to move between cells follow Qt's convention for such widgets: Ctrl+Tab
    leaves, so the keyboard is never trapped in them.
    """
    control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    if not control or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return False
    forward = event.key() == Qt.Key.Key_Tab and not (
        event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    )
    QWidget.focusNextPrevChild(widget, forward)
    return True


def tab_in_order(*blocks: QWidget, after: QWidget | None = None) -> None:
    """Tab goes through ``blocks`` one after another: a block is a control, or a widget whose
    controls Tab visits in the order they already have among themselves.

    Qt chains widgets in the order they were made, so a part made early but shown late needs
    moving. ``QWidget.setTabOrder`` ignores widgets that take no focus and moves a focus
    proxy instead of its holder; a holder (a form field's editor) is where Qt 6 stops Tab
    before handing the focus to its control, so it is moved as a whole, or Tab would jump back
    to where it was left. A holder that takes focus itself (a tab widget) snaps back next to
    its control: give the control the focus directly first. ``after`` anchors the first block
    right behind a widget, e.g. the page the blocks are on: Qt takes a widget at the start of
    a chain as already following one at its end. Check the result with the focus-chain walk
    in tests/ui/accessibility.py.
    """
    units = [unit for block in blocks for unit in _units(block)]
    for first, second in itertools.pairwise([after, *units] if after is not None else units):
        with _movable(first), _movable(second):
            QWidget.setTabOrder(first, second)


def _units(block: QWidget) -> list[QWidget]:
    """What to move for ``block``: its Tab stops (hidden ones too) in chain order, a field
    editor (a holder without focus of its own) standing for its input.
    """
    found: list[QWidget] = []
    widget: QWidget | None = block
    while widget is not None:
        takes_tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        inside = widget is block or block.isAncestorOf(widget)
        if inside and takes_tab and widget.focusProxy() is None:
            holder = widget.parentWidget()
            unit = widget
            if (
                holder is not None
                and holder.focusProxy() is widget
                and holder.focusPolicy() == Qt.FocusPolicy.NoFocus
            ):
                unit = holder  # moved whole, its input with it
            if unit not in found:
                found.append(unit)
        widget = widget.nextInFocusChain()
        if widget is block:
            break
    return found


@contextlib.contextmanager
def _movable(widget: QWidget) -> Iterator[None]:
    """Let setTabOrder move ``widget`` itself, with its focusable children, not its proxy."""
    policy, proxy = widget.focusPolicy(), widget.focusProxy()
    if proxy is not None:
        widget.setFocusProxy(None)  # type: ignore[arg-type]  # None clears the proxy
    if policy == Qt.FocusPolicy.NoFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    try:
        yield
    finally:
        widget.setFocusPolicy(policy)
        if proxy is not None:
            widget.setFocusProxy(proxy)


class ListedTabOrder:
    """A mixin for a QWidget whose Tab order is the list ``tab_chain()`` returns.

    For a widget where ``tab_in_order`` cannot place every control: Tab and Shift+Tab go along
    the list (skipping hidden and disabled controls), and past either end on to where Qt's own
    chain leaves the widget. Put it before the QWidget class among the bases.
    """

    def tab_chain(self) -> tuple[QWidget, ...]:
        raise NotImplementedError

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab follows ``tab_chain``, then leaves the widget as Qt would."""
        chain = [w for w in self.tab_chain() if w.isVisible() and w.isEnabled()]
        current = QApplication.focusWidget()
        if current not in chain:
            return bool(super().focusNextPrevChild(next))  # type: ignore[misc]  # a QWidget
        index = chain.index(current) + (1 if next else -1)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target = chain[index] if 0 <= index < len(chain) else self._outside(next)
        if target is None:
            return bool(super().focusNextPrevChild(next))  # type: ignore[misc]  # a QWidget
        target.setFocus(reason)
        return True

    def _outside(self, forward: bool) -> QWidget | None:
        """The first Tab stop beyond the widget in Qt's own chain, forwards or backwards."""
        widget: QWidget = self._as_widget()
        for _ in range(10_000):  # the chain is a ring; never spin on a broken one
            step = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if step is None or step is self._as_widget():
                return None
            widget = step
            tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            outside = not self._as_widget().isAncestorOf(widget)
            if outside and tab and widget.isVisible() and widget.isEnabled():
                return widget
        return None

    def _as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
