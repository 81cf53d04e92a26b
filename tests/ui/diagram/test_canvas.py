"""DiagramCanvas on real Graphviz output: geometry, clicks, selection, zoom, states, saving."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QByteArray, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.diagram.canvas import DiagramCanvas
from app.ui.diagram.svg_elements import element_item_rect
from app.ui.diagram.view import MAX_ZOOM, MIN_ZOOM
from tests.ui.diagram.conftest import SMALL_DOT

RED = QColor("#ff0000")
SELECTABLE = ("cause-a", "why-b")
# Wide enough that fitting must shrink it.
LONG_CHAIN = (
    "digraph { rankdir=LR; "
    + " -> ".join(f"w{i}" for i in range(14))
    + "; "
    + " ".join(f'w{i} [id="why-{i}" label="Why number {i}" shape=box];' for i in range(14))
    + " }"
)


@pytest.fixture
def small_svg(render_dot: Callable[[str], bytes]) -> bytes:
    return render_dot(SMALL_DOT)


@pytest.fixture
def canvas(qtbot) -> DiagramCanvas:
    widget = DiagramCanvas()
    qtbot.addWidget(widget)
    widget.resize(480, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def active_canvas(qtbot, canvas: DiagramCanvas) -> DiagramCanvas:
    """Shown, active and focused: keyboard shortcuts reach it."""
    canvas.activateWindow()
    qtbot.waitActive(canvas)
    canvas.view.setFocus()
    qtbot.waitUntil(canvas.view.hasFocus)
    return canvas


def grab(canvas: DiagramCanvas) -> QImage:
    return canvas.view.viewport().grab().toImage()


def view_rect(canvas: DiagramCanvas, element_id: str) -> QRectF:
    """The element's rect in viewport pixels."""
    rect = canvas.element_rect(element_id)
    assert rect is not None
    return QRectF(canvas.view.mapFromScene(rect).boundingRect())


def view_centre(canvas: DiagramCanvas, element_id: str) -> QPoint:
    return view_rect(canvas, element_id).center().toPoint()


def is_red(image: QImage, x: float, y: float) -> bool:
    colour = image.pixelColor(round(x), round(y))
    return colour.red() > 200 and colour.green() < 60 and colour.blue() < 60


def assert_filled_node_lines_up(canvas: DiagramCanvas) -> None:
    """Red inside cause-a's rect near all four corners, not red just outside its edges."""
    image = grab(canvas)
    rect = view_rect(canvas, "cause-a")
    inset_x, inset_y = rect.width() * 0.12, rect.height() * 0.15
    inside = [
        (rect.left() + inset_x, rect.top() + inset_y),
        (rect.right() - inset_x, rect.top() + inset_y),
        (rect.left() + inset_x, rect.bottom() - inset_y),
        (rect.right() - inset_x, rect.bottom() - inset_y),
    ]
    assert all(is_red(image, x, y) for x, y in inside), inside
    gap = 4
    outside = [
        (rect.left() - gap, rect.center().y()),
        (rect.right() + gap, rect.center().y()),
        (rect.center().x() - rect.width() / 3, rect.top() - gap),
        (rect.center().x() - rect.width() / 3, rect.bottom() + gap),
    ]
    assert not any(is_red(image, x, y) for x, y in outside), outside


def test_element_rect_lines_up_with_the_drawn_node(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    assert_filled_node_lines_up(canvas)
    # The unfilled node's rect holds its outline and label, below the filled one.
    assert view_rect(canvas, "why-b").top() > view_rect(canvas, "cause-a").bottom()


def test_element_rect_lines_up_when_graphviz_scales_the_graph(canvas, render_dot):
    # size= makes Graphviz put scale(<1) on the graph group: transformForElement must apply it.
    svg = render_dot(SMALL_DOT.replace("digraph {", 'digraph { size="0.6,0.6";'))
    assert re.search(rb'transform="scale\(0\.\d+ 0\.\d+\)', svg)
    canvas.show_svg(svg, SELECTABLE)
    canvas.zoom_in()
    canvas.zoom_in()
    assert_filled_node_lines_up(canvas)


def test_element_rect_lines_up_when_the_size_differs_from_the_viewbox(canvas, small_svg):
    # The item draws the viewBox over width x height: a picture twice its viewBox's size.
    def double(match: re.Match[bytes]) -> bytes:
        return match.group(1) + str(2 * float(match.group(2))).encode() + b'pt"'

    svg = re.sub(rb'((?:width|height)=")([\d.]+)pt"', double, small_svg, count=2)
    assert svg != small_svg
    canvas.show_svg(svg, SELECTABLE)
    assert canvas.element_rect("cause-a").width() > 100  # twice the 58 units Graphviz drew
    assert_filled_node_lines_up(canvas)


def test_only_selectable_ids_that_exist_get_rects(canvas, small_svg):
    canvas.show_svg(small_svg, ["cause-a", "cause-missing"])
    assert canvas.element_rect("cause-a") is not None
    assert canvas.element_rect("cause-missing") is None
    assert canvas.element_rect("why-b") is None  # drawn, but not selectable
    drawn = element_item_rect(QSvgRenderer(QByteArray(small_svg)), "why-b")
    assert canvas.element_at(canvas.view.mapFromScene(drawn.center())) is None


def test_clicking_a_node_emits_its_id_and_selects_it(qtbot, canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    with qtbot.waitSignal(canvas.element_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(
            canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=view_centre(canvas, "why-b")
        )
    assert blocker.args == ["why-b"]
    assert canvas.selected_element() == "why-b"
    assert canvas.element_at(view_centre(canvas, "cause-a")) == "cause-a"


def test_clicking_empty_paper_emits_nothing(qtbot, canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    empty = (view_rect(canvas, "cause-a").topRight() + QPointF(20, -2)).toPoint()
    assert canvas.element_at(empty) is None
    with qtbot.assertNotEmitted(canvas.element_clicked):
        qtbot.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert canvas.selected_element() is None


def test_dragging_from_a_node_pans_instead_of_clicking(qtbot, canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    for _ in range(9):
        canvas.zoom_in()
    bar = canvas.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    assert before >= 60
    viewport = canvas.view.viewport()
    start = view_centre(canvas, "cause-a")
    assert canvas.element_at(start) == "cause-a"
    with qtbot.assertNotEmitted(canvas.element_clicked):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, start + QPoint(30, 0))
        qtbot.mouseMove(viewport, start + QPoint(60, 0))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert bar.value() == before - 60  # the paper follows the hand
    assert canvas.selected_element() is None


def test_select_element_draws_a_highlight_and_none_removes_it(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    plain = grab(canvas)
    canvas.select_element("why-b")
    assert canvas.selected_element() == "why-b"
    highlighted = grab(canvas)
    assert highlighted != plain
    # The outline sits just outside the node, on all four sides.
    rect = view_rect(canvas, "why-b").adjusted(-6, -6, 6, 6)
    centre = rect.center()
    probes = [
        (rect.left(), centre.y()),
        (rect.right(), centre.y()),
        (centre.x(), rect.top()),
        (centre.x(), rect.bottom()),
    ]
    changed = [
        any(
            highlighted.pixelColor(round(x) + dx, round(y) + dy)
            != plain.pixelColor(round(x) + dx, round(y) + dy)
            for dx in range(-3, 4)
            for dy in range(-3, 4)
        )
        for x, y in probes
    ]
    assert all(changed), changed
    canvas.select_element("missing-id")  # ignored
    assert canvas.selected_element() == "why-b"
    canvas.select_element(None)
    assert canvas.selected_element() is None
    assert grab(canvas) == plain


def test_select_element_scrolls_it_into_view_at_high_zoom(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    while canvas.zoom_factor < MAX_ZOOM:
        canvas.zoom_in()
    canvas.view.verticalScrollBar().setValue(0)
    canvas.view.horizontalScrollBar().setValue(0)
    target = canvas.element_rect("why-b").center()
    assert not canvas.view.visible_scene_rect().contains(target)
    canvas.select_element("why-b")
    assert canvas.view.visible_scene_rect().contains(target)
    assert canvas.element_at(canvas.view.mapFromScene(target)) == "why-b"


def test_zoom_keys_change_the_zoom_and_ctrl_0_fits(qtbot, active_canvas, render_dot):
    canvas = active_canvas
    canvas.show_svg(render_dot(LONG_CHAIN), [f"why-{i}" for i in range(14)])
    fitted = canvas.zoom_factor
    assert fitted < 1  # the chain is wider than the view
    view = canvas.view
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Equal, ctrl)
    after_equal = canvas.zoom_factor
    assert after_equal > fitted
    qtbot.keyClick(view, Qt.Key.Key_Plus, ctrl)
    assert canvas.zoom_factor > after_equal
    qtbot.keyClick(view, Qt.Key.Key_Minus, ctrl)
    assert canvas.zoom_factor == pytest.approx(after_equal)
    qtbot.keyClick(view, Qt.Key.Key_0, ctrl)
    assert canvas.zoom_factor == pytest.approx(fitted)
    # Fitted means the whole picture is in view.
    assert view.visible_scene_rect().contains(canvas.element_rect("why-0"))
    assert view.visible_scene_rect().contains(canvas.element_rect("why-13"))


def test_fit_does_not_enlarge_a_small_picture(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    assert canvas.zoom_factor == pytest.approx(1.0)
    canvas.zoom_in()
    canvas.fit()
    assert canvas.zoom_factor == pytest.approx(1.0)


def send_wheel(canvas: DiagramCanvas, at: QPoint, notches: int, modifiers) -> None:
    viewport = canvas.view.viewport()
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_ctrl_wheel_zooms_about_the_mouse(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    send_wheel(canvas, view_centre(canvas, "cause-a"), 2, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom_factor == pytest.approx(1.25**2)
    # Once the picture overflows the view, the point under the mouse stays under the mouse.
    # (While it is smaller than the view Qt centres it, as it should.)
    for _ in range(4):
        canvas.zoom_in()
    zoom = canvas.zoom_factor
    at = view_centre(canvas, "cause-a") + QPoint(-30, 20)
    scene_point = canvas.view.mapToScene(at)
    send_wheel(canvas, at, 1, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom_factor == pytest.approx(zoom * 1.25)
    # The point under the mouse stays under the mouse (to the pixel).
    after = canvas.view.mapFromScene(scene_point)
    assert abs(after.x() - at.x()) <= 1
    assert abs(after.y() - at.y()) <= 1
    send_wheel(canvas, at, -1, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom_factor == pytest.approx(zoom)
    bar = canvas.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    send_wheel(canvas, at, 1, Qt.KeyboardModifier.NoModifier)  # plain wheel scrolls
    assert canvas.zoom_factor == pytest.approx(zoom)
    assert bar.value() < bar.maximum()


def test_zoom_is_clamped(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    for _ in range(40):
        canvas.zoom_in()
    assert canvas.zoom_factor == pytest.approx(MAX_ZOOM)
    for _ in range(80):
        canvas.zoom_out()
    assert canvas.zoom_factor == pytest.approx(MIN_ZOOM)


def test_arrow_keys_scroll(qtbot, active_canvas, small_svg):
    canvas = active_canvas
    canvas.show_svg(small_svg, SELECTABLE)
    for _ in range(9):
        canvas.zoom_in()
    bar = canvas.view.horizontalScrollBar()
    bar.setValue(0)
    qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    assert bar.value() > 0


def test_show_svg_keeps_zoom_scroll_and_selection_across_updates(canvas, render_dot, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    for _ in range(8):
        canvas.zoom_in()
    zoom = canvas.zoom_factor
    canvas.select_element("cause-a")
    canvas.view.horizontalScrollBar().setValue(40)
    canvas.view.verticalScrollBar().setValue(30)
    assert canvas.view.horizontalScrollBar().value() == 40
    assert canvas.view.verticalScrollBar().value() == 30
    # The edit makes the picture bigger: a wider label and one more node.
    edited = render_dot(
        SMALL_DOT.replace('label="Beta"', 'label="Beta, now with a longer label"').replace(
            "a -> b;", 'a -> b; b -> c; c [label="Gamma"];'
        )
    )
    canvas.show_svg(edited, SELECTABLE)
    assert canvas.zoom_factor == pytest.approx(zoom)
    assert canvas.view.horizontalScrollBar().value() == 40
    assert canvas.view.verticalScrollBar().value() == 30
    assert canvas.selected_element() == "cause-a"
    # An update without the selected node drops the selection.
    canvas.show_svg(render_dot('digraph { b [id="why-b" label="Beta"]; }'), ["why-b"])
    assert canvas.selected_element() is None


def test_clear_makes_the_next_picture_fit_again(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    canvas.zoom_in()
    canvas.zoom_in()
    canvas.clear()
    assert canvas.element_rect("cause-a") is None
    assert not canvas.zoom_in_action.isEnabled()
    canvas.show_svg(small_svg, SELECTABLE)
    assert canvas.zoom_factor == pytest.approx(1.0)


def test_fit_follows_the_view_size_until_the_user_zooms(qtbot, canvas, render_dot):
    canvas.show_svg(render_dot(LONG_CHAIN), [f"why-{i}" for i in range(14)])
    narrow = canvas.zoom_factor
    canvas.resize(900, 360)
    qtbot.waitUntil(lambda: canvas.zoom_factor > narrow)
    canvas.zoom_out()
    zoom = canvas.zoom_factor
    canvas.resize(600, 360)
    QApplication.processEvents()
    assert canvas.zoom_factor == pytest.approx(zoom)


def test_show_error_keeps_the_picture_under_a_plain_text_banner(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    canvas.show_error("<b>Graphviz</b> failed: syntax error near line 3")
    banner = canvas.banner
    assert banner.isVisible()
    assert banner.text() == "<b>Graphviz</b> failed: syntax error near line 3"
    assert banner.textFormat() == Qt.TextFormat.PlainText
    assert banner.geometry().bottom() < canvas.view.mapTo(canvas, QPoint(0, 0)).y()  # above
    assert_filled_node_lines_up(canvas)  # the last good picture is still drawn
    assert canvas.element_rect("cause-a") is not None
    canvas.show_svg(small_svg, SELECTABLE)
    assert not banner.isVisible()


def test_show_unavailable_shows_only_the_message(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    message = "Graphviz is not installed. Install it with: sudo apt install graphviz"
    canvas.show_unavailable(message)
    label = canvas.unavailable
    assert label.isVisible()
    assert not canvas.view.isVisible()
    assert label.text() == message
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.wordWrap()
    assert label.alignment() & Qt.AlignmentFlag.AlignCenter
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert canvas.element_rect("cause-a") is None
    assert not canvas.save_svg_action.isEnabled()
    canvas.show_svg(small_svg, SELECTABLE)
    assert canvas.view.isVisible()
    assert not label.isVisible()


def test_save_actions_emit_save_requested(qtbot, canvas, small_svg):
    assert not canvas.save_button.isEnabled()  # nothing to save yet
    canvas.show_svg(small_svg, SELECTABLE)
    assert canvas.save_button.isEnabled()
    assert canvas.save_button.menu().actions() == [canvas.save_svg_action, canvas.save_png_action]
    with qtbot.waitSignal(canvas.save_requested, timeout=1000) as blocker:
        canvas.save_svg_action.trigger()
    assert blocker.args == ["svg"]
    with qtbot.waitSignal(canvas.save_requested, timeout=1000) as blocker:
        canvas.save_png_action.trigger()
    assert blocker.args == ["png"]


def test_toolbar_buttons_zoom_and_fit(qtbot, canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    zoom_in = canvas.findChild(QWidget, "diagramZoomInButton")
    zoom_out = canvas.findChild(QWidget, "diagramZoomOutButton")
    fit = canvas.findChild(QWidget, "diagramFitButton")
    qtbot.mouseClick(zoom_in, Qt.MouseButton.LeftButton)
    assert canvas.zoom_factor == pytest.approx(1.25)
    assert canvas.zoom_label.text() == "125%"
    qtbot.mouseClick(zoom_out, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(zoom_out, Qt.MouseButton.LeftButton)
    assert canvas.zoom_factor == pytest.approx(0.8)
    qtbot.mouseClick(fit, Qt.MouseButton.LeftButton)
    assert canvas.zoom_factor == pytest.approx(1.0)


def test_focusable_controls_have_names_and_tooltips_with_shortcuts(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    canvas.show_error("shown so every child is visible")
    focusable = [
        widget
        for widget in canvas.findChildren(QWidget)
        # The view's viewport hands its focus to the view.
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.focusProxy() is None
    ]
    # The view, four tool buttons and the two selectable message labels.
    assert len(focusable) == 7
    for widget in focusable:
        assert widget.accessibleName(), widget.objectName()
        assert widget.toolTip(), widget.objectName()
    assert "Ctrl+" in canvas.findChild(QWidget, "diagramZoomInButton").toolTip()
    assert "Ctrl+0" in canvas.findChild(QWidget, "diagramFitButton").toolTip()
    assert "Ctrl+0" in canvas.view.toolTip()


def test_an_unreadable_svg_keeps_the_last_good_picture(canvas, small_svg):
    canvas.show_svg(small_svg, SELECTABLE)
    canvas.select_element("cause-a")
    canvas.show_svg(b"<svg this is not", SELECTABLE)
    assert canvas.banner.isVisible()
    assert "could not be shown" in canvas.banner.text()
    assert canvas.selected_element() == "cause-a"
    assert canvas.element_rect("cause-a") is not None
    canvas.show_svg(small_svg, SELECTABLE)
    assert not canvas.banner.isVisible()
