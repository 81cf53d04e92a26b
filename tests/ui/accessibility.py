"""What every page and panel must keep: user text shown as plain text, every control named, and
a Tab order that reaches every control in reading order.

The focus-chain rule (``check_focus_chain``), precisely:

* Tab stops: the widgets inside ``root`` that are shown, enabled, accept Tab focus
  (``focusPolicy() & TabFocus``) and pass focus to no proxy. Widgets on hidden tabs or stacked
  pages are not shown, so they do not count until their tab is.
* The walk starts on the first Tab stop in ``root``'s focus chain and presses Tab, as a user
  does (key events through the application, so shortcuts, ``focusNextPrevChild`` overrides and
  ``setTabChangesFocus`` all take part), until focus comes back to where it started. A widget
  declared with ``app.ui.keys.mark_uses_tab`` (a table moving between cells, an outline
  indenting) is left with Ctrl+Tab instead, its documented way on; any other widget that keeps
  the focus on Tab traps the keyboard and fails.
* (a) Every Tab stop is reached, and in one run: once the walk leaves ``root`` it does not come
  back before the cycle closes. Radio buttons of one exclusive group are one Tab stop, as on
  every desktop (the arrow keys choose within it): reaching one of them reaches the group.
* (b) Every widget reached has an accessible name, as assistive technology reads it
  (``QAccessible``: an explicit name, a button's text or a label's buddy).
* (c) Reading order: a widget never comes after one that lies entirely below it in the same
  column. "Same column" means their horizontal extents overlap; "entirely below" means its top
  edge is below the other's bottom edge. Positions are where the layouts put the widgets in
  ``root``, as if every scroll area were scrolled to its start (Tab scrolls them as it goes);
  a widget inside a scroll area that the other is not in counts as that area's rectangle.
  Moving right, or down, or to the top of the next column to the right is fine; coming back up
  within a column is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QRadioButton,
    QWidget,
)

from app.ui.keys import uses_tab

# Qt's own children without a focus reason of their own to be named.
UNNAMED_KINDS = frozenset({"QScrollBar", "QSplitterHandle"})
# Far more than any window has Tab stops: a walk this long is going round without closing.
WALK_LIMIT = 600


def check_plain_and_named(page: QWidget) -> None:
    """Every label is plain text and every visible focusable control has an accessible name."""
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page):
            named = widget.accessibleName() or widget.objectName().startswith("qt_")
            assert named or type(widget).__name__ in UNNAMED_KINDS, widget


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    name = accessible_name(widget)
    return f"{type(widget).__name__} {widget.objectName()!r} named {name!r}"


def is_tab_stop(widget: QWidget) -> bool:
    """Shown, enabled, takes focus from Tab itself (not through a proxy)."""
    takes_tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
    return bool(
        takes_tab
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
        and not widget.isWindow()
    )


def tab_stops(root: QWidget) -> list[QWidget]:
    """The Tab stops inside ``root`` (``root`` included), in focus-chain order."""
    inside = {id(widget) for widget in root.findChildren(QWidget)} | {id(root)}
    stops: list[QWidget] = []
    widget = root
    for _ in range(len(inside) * 4 + 10):
        if id(widget) in inside and is_tab_stop(widget) and widget not in stops:
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget is root:
            break
    # Widgets of root missing from the chain from root (a broken chain) are stops all the same.
    stops += [w for w in root.findChildren(QWidget) if is_tab_stop(w) and w not in stops]
    return stops


def _press_tab(qtbot, widget: QWidget) -> None:
    modifier = (
        Qt.KeyboardModifier.ControlModifier if uses_tab(widget) else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(widget, Qt.Key.Key_Tab, modifier)


def walk_tab_chain(qtbot, start: QWidget) -> list[QWidget]:
    """Focus ``start``, press Tab until focus returns to it; the widgets focused, in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, f"cannot focus {describe(start)}"
    order = [start]
    for _ in range(WALK_LIMIT):
        current = QApplication.focusWidget()
        assert current is not None
        _press_tab(qtbot, current)
        focused = QApplication.focusWidget()
        assert focused is not current, f"Tab is trapped in {describe(current)}"
        assert focused is not None, f"Tab from {describe(current)} dropped the focus"
        if focused is start:
            return order
        order.append(focused)
    raise AssertionError(f"Tab never came back to {describe(start)}: {len(order)} stops")


def _rect_in(root: QWidget, widget: QWidget) -> QRect:
    """``widget``'s rectangle in ``root`` with every scroll area between them at its start."""
    point = QPoint(0, 0)
    child: QWidget | None = widget
    while child is not None and child is not root:
        point += child.pos()
        parent = child.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            point += QPoint(area.horizontalScrollBar().value(), area.verticalScrollBar().value())
        child = parent
    return QRect(point, widget.size())


def _stop_key(widget: QWidget) -> object:
    """What Tab reaches once: the widget, or the exclusive radio group it belongs to."""
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    if group is not None and group.exclusive():
        return group
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return (widget.parentWidget(), QRadioButton)
    return widget


def _above_in_same_column(later: QRect, earlier: QRect) -> bool:
    overlap = later.left() <= earlier.right() and earlier.left() <= later.right()
    return overlap and later.bottom() < earlier.top()


def _scroll_areas(root: QWidget, widget: QWidget) -> list[QWidget]:
    """The scroll areas between ``root`` and ``widget`` whose content holds it, outermost first."""
    areas: list[QWidget] = []
    child: QWidget | None = widget
    while child is not None and child is not root:
        parent = child.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            areas.insert(0, area)
        child = parent
    return areas


def _comparable_rects(root: QWidget, earlier: QWidget, later: QWidget) -> tuple[QRect, QRect]:
    """Where two widgets are, to compare their order: inside the same scroll area by their
    places in its content; one deeper in a scroll area of its own by that area's place."""
    outer, inner = _scroll_areas(root, earlier), _scroll_areas(root, later)
    shared = 0
    while shared < min(len(outer), len(inner)) and outer[shared] is inner[shared]:
        shared += 1
    container = outer[shared - 1] if shared else root
    first = outer[shared] if len(outer) > shared else earlier
    second = inner[shared] if len(inner) > shared else later
    return _rect_in(container, first), _rect_in(container, second)


@dataclass(frozen=True)
class FocusWalk:
    """A walk of ``root``: its Tab stops and the ones reached, in the order Tab reached them."""

    root: QWidget
    stops: tuple[QWidget, ...]
    reached: tuple[QWidget, ...]

    def problems(self) -> list[str]:
        """Every breach of the rule in the module docstring, in words."""
        reached = {_stop_key(widget) for widget in self.reached}
        problems = [
            f"not reachable with Tab: {describe(w)}"
            for w in self.stops
            if _stop_key(w) not in reached
        ]
        problems += [
            f"no accessible name: {describe(w)}" for w in self.reached if not accessible_name(w)
        ]
        for later in range(len(self.reached)):
            for earlier in range(later):
                earlier_rect, later_rect = _comparable_rects(
                    self.root, self.reached[earlier], self.reached[later]
                )
                if _above_in_same_column(later_rect, earlier_rect):
                    problems.append(
                        f"Tab goes back up: {describe(self.reached[later])} comes after "
                        f"{describe(self.reached[earlier])}, which lies below it"
                    )
                    break
        return problems


def walk_focus(qtbot, root: QWidget, start: QWidget | None = None) -> FocusWalk:
    """Walk ``root`` from its first Tab stop (or ``start``) round the window's whole cycle."""
    stops = tab_stops(root)
    assert stops, f"{describe(root)} has no Tab stops"
    order = walk_tab_chain(qtbot, start or stops[0])
    inside = [w for w in order if w is root or root.isAncestorOf(w)]
    if order[: len(inside)] != inside:
        left = order[next(i for i, w in enumerate(order) if w not in inside) - 1]
        back = next(w for w in inside if order.index(w) > order.index(left) + 1)
        raise AssertionError(
            f"Tab leaves {describe(root)} after {describe(left)} and comes back to {describe(back)}"
        )
    return FocusWalk(root, tuple(stops), tuple(inside))


def check_focus_chain(qtbot, root: QWidget, start: QWidget | None = None) -> FocusWalk:
    """Assert the focus-chain rule for ``root``; the walk, for further checks."""
    walk = walk_focus(qtbot, root, start)
    problems = walk.problems()
    assert not problems, "\n".join(problems)
    return walk
