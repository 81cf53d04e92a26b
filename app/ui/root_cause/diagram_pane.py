"""One diagram beside its editor: the canvas, its off-thread renders, direction and Save as.

The pane is given postmortems (stored ones, and drafts with text still being typed) and keeps the
canvas showing the newest one it could draw. Renders go through the scheduler, so typing never
waits on Graphviz; a failure keeps the last good picture with the error above it; a computer
without Graphviz gets the install command instead of a picture.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from app.domain.model import Postmortem
from app.render.diagrams import DiagramKind, RenderedDiagram, render_diagram
from app.render.graphviz import DiagramError, GraphvizMissingError, graphviz_executable
from app.render.whys_tree import Direction
from app.ui import files
from app.ui.background import BackgroundOperations
from app.ui.diagram.canvas import DiagramCanvas
from app.ui.diagram.render_scheduler import DiagramRenderScheduler


@dataclass(frozen=True)
class RenderSource:
    """What one render draws: a postmortem snapshot, the kind of diagram and its direction."""

    postmortem: Postmortem
    kind: DiagramKind
    direction: Direction


def render_source(source: RenderSource) -> RenderedDiagram:
    """Runs on a worker thread: DOT generation and the Graphviz layout."""
    return render_diagram(source.postmortem, source.kind, direction=source.direction)


def graphviz_missing_message() -> str | None:
    """Why diagrams cannot be drawn on this computer, or None when Graphviz is there."""
    try:
        graphviz_executable("dot")
        graphviz_executable("neato")
    except GraphvizMissingError as error:
        return str(error)
    return None


class DiagramPane(QWidget):
    """The canvas for one diagram kind, fed by ``show_postmortem`` and ``show_draft``."""

    element_clicked = Signal(str)
    message = Signal(str)  # something to tell the user in the page's status line

    def __init__(
        self,
        kind: DiagramKind,
        operations: BackgroundOperations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind.value}Diagram")
        self._operations = operations
        self._postmortem: Postmortem | None = None
        self._direction: Direction = "TB"
        self._shown_once = False
        self.last_picture_at = 0.0  # time.perf_counter() when the newest picture was shown
        self.last_rendered: RenderedDiagram | None = None
        # The direction switch sits above the canvas, so it is made first: Tab follows that order.
        self.direction_button: QToolButton | None = None
        direction_row = self._direction_row() if kind is DiagramKind.WHYS else None
        self.canvas = DiagramCanvas(self)
        self.canvas.setAccessibleName(f"{kind.label} diagram")
        self.scheduler: DiagramRenderScheduler[RenderSource, RenderedDiagram] = (
            DiagramRenderScheduler(render_source, operations, parent=self)
        )
        self.scheduler.rendered.connect(self._on_rendered)
        self.scheduler.failed.connect(self.canvas.show_error)
        self.canvas.element_clicked.connect(self.element_clicked)
        self.canvas.save_requested.connect(self._save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if direction_row is not None:
            layout.addLayout(direction_row)
        layout.addWidget(self.canvas, 1)
        self._missing = graphviz_missing_message()
        if self._missing is not None:
            self.canvas.show_unavailable(self._missing)

    def _direction_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        button = QToolButton(self)
        button.setText("Left to right")
        button.setCheckable(True)
        button.setAccessibleName("Draw the five whys left to right")
        button.setToolTip("Draw the tree left to right instead of top to bottom")
        button.toggled.connect(self._on_direction)
        row.addWidget(button)
        row.addStretch(1)
        self.direction_button = button
        return row

    @property
    def direction(self) -> Direction:
        return self._direction

    def _on_direction(self, left_to_right: bool) -> None:
        self._direction = "LR" if left_to_right else "TB"
        if self._postmortem is not None:
            self.scheduler.request_now(self._source(self._postmortem))
            self.canvas.clear()  # the new shape needs a fresh fit

    def _source(self, postmortem: Postmortem) -> RenderSource:
        return RenderSource(postmortem, self.kind, self._direction)

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Draw ``postmortem`` (the first picture at once, later ones after the debounce)."""
        switched = self._postmortem is None or self._postmortem.id != postmortem.id
        unchanged = self._postmortem is not None and not switched and postmortem == self._postmortem
        self._postmortem = postmortem
        if self._missing is not None or unchanged:
            return
        if switched:
            self.scheduler.cancel()
            self.canvas.clear()
            self.scheduler.request_now(self._source(postmortem))
        else:
            self.scheduler.request(self._source(postmortem))

    def show_draft(self, draft: Postmortem) -> None:
        """Draw text still being typed; the stored postmortem follows when the edit is saved."""
        if self._missing is None and self._postmortem is not None:
            self.scheduler.request(self._source(draft))

    def select_element(self, element_id: str | None) -> None:
        self.canvas.select_element(element_id)

    def _on_rendered(self, drawn: RenderedDiagram) -> None:
        self.canvas.show_svg(drawn.content, drawn.element_ids)
        self.last_rendered = drawn
        self.last_picture_at = time.perf_counter()

    # -- Save as -----------------------------------------------------------------------------

    def _save(self, output_format: str) -> None:
        pm = self._postmortem
        if pm is None or self._missing is not None:
            return
        kind_name = "fishbone" if self.kind is DiagramKind.FISHBONE else "five-whys"
        suggested = f"postmortem-{pm.id}-{kind_name}.{output_format}"
        name_filter = "SVG pictures (*.svg)" if output_format == "svg" else "PNG pictures (*.png)"
        path = files.ask_save_path(
            self, f"Save the {self.kind.label.lower()}", suggested, name_filter
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(f".{output_format}")
        source = self._source(pm)
        chosen_format = "png" if output_format == "png" else "svg"
        self._operations.run(
            lambda: _write_diagram(source, path, chosen_format),
            lambda _done: self.message.emit(f"Saved the {self.kind.label.lower()} as {path.name}."),
            lambda error: files.show_error(self, "Save failed", _save_failure(path, error)),
            context=self,
        )


def _write_diagram(source: RenderSource, path: Path, output_format: str) -> None:
    drawn = render_diagram(
        source.postmortem,
        source.kind,
        direction=source.direction,
        output_format="png" if output_format == "png" else "svg",
    )
    files.write_atomically(path, drawn.content)


def _save_failure(path: Path, error: BaseException) -> str:
    if isinstance(error, DiagramError):
        return f"{path.name} was not written: {error}"
    if isinstance(error, OSError):
        return f"{path.name} was not written: {error.strerror or error}."
    return f"{path.name} was not written: {error}"
