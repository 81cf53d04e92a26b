"""The diagram canvas of stage 3: a Graphviz picture to zoom, pan, click and save.

``DiagramCanvas`` is shared by the fishbone and five-whys pages. The page renders DOT to SVG
off the GUI thread (``DiagramRenderScheduler``) and hands the result here with the ids of the
nodes a click may select (``problem``, ``category-…``, ``cause-…``, ``why-…``). The canvas never
edits anything: a click is reported as ``element_clicked`` and the page decides what it means;
"Save as…" is reported as ``save_requested`` and the page asks for a file name and writes it.

Three states: a picture (perhaps with an error banner over the last good one, when a newer render
failed), no picture at all with a message (Graphviz missing, say), or empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.diagram.view import ZOOM_STEP, DiagramView
from app.ui.keys import tab_in_order
from app.ui.theme import Tone, set_tone


def _shortcut_text(keys: Sequence[QKeySequence]) -> str:
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def _unique(keys: Iterable[QKeySequence]) -> list[QKeySequence]:
    """Keys without repeats or empties (StandardKey.ZoomIn is Ctrl++ on most platforms)."""
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


class DiagramCanvas(QWidget):
    """A zoomable, clickable picture of one diagram, with a small toolbar above it."""

    element_clicked = Signal(str)  # the id of a clicked selectable node
    save_requested = Signal(str)  # "svg" or "png"; the page does the saving

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[tuple[QKeySequence, QAction]] = []
        self.view = DiagramView(self)
        self.view.setObjectName("diagramView")
        self.view.setAccessibleName("Diagram")
        self._build_actions()
        self.view.setToolTip(
            "Click a box to select it. Drag or use the arrow keys to move around; "
            f"Ctrl+wheel or {self.key_text(self.zoom_in_action)} / "
            f"{self.key_text(self.zoom_out_action)} to zoom, "
            f"{self.key_text(self.fit_action)} to fit."
        )
        self.banner = self._banner()
        self.unavailable = self._unavailable_label()
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("diagramZoomLevel")
        self.zoom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_label.setAccessibleName("Zoom level")
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.unavailable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.banner)
        layout.addWidget(self._stack, 1)
        # The toolbar is above the picture; the view was made first for the actions it drives.
        tab_in_order(*self._toolbar_buttons, self.view, after=self)
        self.view.element_clicked.connect(self._on_element_clicked)
        self.view.zoom_changed.connect(self._show_zoom)
        self._update_actions()
        self._show_zoom(self.view.zoom_factor)
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)

    def key_text(self, action: QAction) -> str:
        """The first key that triggers ``action`` inside the canvas, as the platform writes it."""
        return _shortcut_text([key for key, owner in self._keys if owner is action])

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for key, action in self._keys:
            if key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Zoom keys pressed inside the canvas act on the diagram, before any window shortcut."""
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            action = self._action_for(event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # deliver it as a key press instead of a shortcut
                elif action.isEnabled():
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    # -- building ---------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        text: str,
        tip: str,
        keys: Iterable[QKeySequence],
        slot: Callable[[], None],
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        shortcuts = _unique(keys)
        # Not registered as shortcuts: the window zooms the text with the same keys, and Qt
        # refuses both when two shortcuts match. The canvas takes these keys first while focus is
        # inside it (``eventFilter``), so Ctrl++ zooms the diagram here and the text elsewhere.
        self._keys.extend((key, action) for key in shortcuts)
        shortcut = _shortcut_text(shortcuts)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.zoom_in_action = self._action(
            "diagramZoomIn",
            "Zoom in",
            "Zoom in",
            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+="), QKeySequence(std.ZoomIn)],
            lambda: self.view.zoom_by(ZOOM_STEP),
        )
        self.zoom_out_action = self._action(
            "diagramZoomOut",
            "Zoom out",
            "Zoom out",
            [QKeySequence("Ctrl+-"), QKeySequence(std.ZoomOut)],
            lambda: self.view.zoom_by(1 / ZOOM_STEP),
        )
        self.fit_action = self._action(
            "diagramFit",
            "Fit",
            "Fit the whole diagram in view",
            [QKeySequence("Ctrl+0")],
            self.view.fit,
        )
        self.save_svg_action = self._action(
            "diagramSaveSvg",
            "SVG (for documents and the web)…",
            "Save the diagram as an SVG file",
            [],
            lambda: self.save_requested.emit("svg"),
        )
        self.save_png_action = self._action(
            "diagramSavePng",
            "PNG (for chat and slides)…",
            "Save the diagram as a PNG image",
            [],
            lambda: self.save_requested.emit("png"),
        )

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self._toolbar_buttons: list[QToolButton] = []
        for action, accessible in (
            (self.zoom_out_action, "Zoom out"),
            (self.zoom_in_action, "Zoom in"),
            (self.fit_action, "Fit diagram to view"),
        ):
            button = QToolButton(self)
            button.setObjectName(f"{action.objectName()}Button")
            button.setDefaultAction(action)
            button.setAccessibleName(accessible)
            row.addWidget(button)
            self._toolbar_buttons.append(button)
        row.addWidget(self.zoom_label)
        row.addStretch(1)
        save = QToolButton(self)
        save.setObjectName("diagramSaveButton")
        save.setText("Save as…")
        save.setAccessibleName("Save diagram as")
        save.setToolTip("Save the diagram as an SVG or PNG file (no shortcut)")
        menu = QMenu(save)
        menu.addActions([self.save_svg_action, self.save_png_action])
        save.setMenu(menu)
        save.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_button = save
        self._toolbar_buttons.append(save)
        row.addWidget(save)
        return row

    def _banner(self) -> QLabel:
        banner = QLabel(self)
        banner.setObjectName("diagramErrorBanner")
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setWordWrap(True)
        banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        banner.setAccessibleName("Diagram problem")
        banner.setToolTip("Select the text to copy it (Ctrl+C)")
        set_tone(banner, Tone.WARNING)
        banner.hide()
        return banner

    def _unavailable_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("diagramUnavailable")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMargin(24)
        # Selectable (also from the keyboard) so an install command can be copied.
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        label.setAccessibleName("Diagram unavailable")
        label.setToolTip("Select the text to copy it (Ctrl+C)")
        return label

    # -- showing ----------------------------------------------------------------------------
    def show_svg(self, svg: bytes, selectable_ids: Iterable[str]) -> None:
        """Replace the picture, keeping the user's zoom and scroll; clears any error banner.

        The first picture (and the first after ``clear``) is fitted to the view.
        """
        self._stack.setCurrentWidget(self.view)
        self.unavailable.clear()
        if not self.view.show_picture(svg, selectable_ids):
            self.show_error(
                "The diagram could not be shown: the picture Graphviz made is unreadable."
            )
            return
        self.banner.hide()
        self.banner.clear()
        self._update_actions()

    def show_error(self, message: str) -> None:
        """Say ``message`` in a banner above the last good picture, which stays."""
        self.banner.setText(message)
        self.banner.show()

    def show_unavailable(self, message: str) -> None:
        """No picture at all, only ``message`` (e.g. Graphviz is missing and how to install it)."""
        self.view.clear()
        self.banner.hide()
        self.banner.clear()
        self.unavailable.setText(message)
        self._stack.setCurrentWidget(self.unavailable)
        self._update_actions()

    def clear(self) -> None:
        """Empty canvas; the next picture is fitted to the view."""
        self.view.clear()
        self.banner.hide()
        self.banner.clear()
        self.unavailable.clear()
        self._stack.setCurrentWidget(self.view)
        self._update_actions()

    # -- elements ---------------------------------------------------------------------------
    def select_element(self, element_id: str | None) -> None:
        """Outline ``element_id`` and scroll it into view; None removes it; unknown ids ignored."""
        self.view.select_element(element_id)

    def selected_element(self) -> str | None:
        return self.view.selected_element

    def element_at(self, view_pos: QPoint) -> str | None:
        """The selectable element at ``view_pos`` in ``self.view.viewport()`` coordinates."""
        return self.view.element_at(view_pos)

    def element_rect(self, element_id: str) -> QRectF | None:
        """Where a selectable element is drawn, in scene coordinates."""
        return self.view.element_rect(element_id)

    def _on_element_clicked(self, element_id: str) -> None:
        self.view.select_element(element_id)
        self.element_clicked.emit(element_id)

    # -- zoom -------------------------------------------------------------------------------
    @property
    def zoom_factor(self) -> float:
        return self.view.zoom_factor

    def zoom_in(self) -> None:
        self.view.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.view.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self.view.fit()

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%" if self.view.has_picture else "")

    def _update_actions(self) -> None:
        has_picture = self.view.has_picture
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.save_svg_action,
            self.save_png_action,
        ):
            action.setEnabled(has_picture)
        self.save_button.setEnabled(has_picture)
        self._show_zoom(self.view.zoom_factor)
