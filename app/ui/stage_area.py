"""The open postmortem: the stage sidebar beside the six stage pages.

Each page sits in a scroll area under its guidance panel. All six pages show the same
postmortem, refreshed after every stored change, so moving between stages never shows stale
data. The area forwards every page's edit request, tagged with the page's stage.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from app.domain.guidance import stage_guidance
from app.domain.model import Postmortem, Stage
from app.domain.stages import stage_states
from app.ui.guidance_panel import GuidancePanel
from app.ui.sidebar import StageSidebar
from app.ui.stage_page import StagePage


class StageArea(QWidget):
    """Sidebar plus stacked stage pages; emits ``edit_requested(stage, field, value, label)``."""

    edit_requested = Signal(object, str, object, str)
    changes_requested = Signal(object, object, str)  # stage, {field: value}, undo label
    reveal_requested = Signal(object, str)  # stage, item id
    guidance_toggled = Signal(bool)

    def __init__(self, pages: Mapping[Stage, StagePage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageArea")
        missing = [stage.label for stage in Stage if stage not in pages]
        if missing:
            raise ValueError(f"no page for stage(s): {', '.join(missing)}")
        self.pages = dict(pages)
        self.sidebar = StageSidebar(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("stageStack")
        self.guidance: dict[Stage, GuidancePanel] = {}
        guidance = stage_guidance()
        for stage in Stage:
            self.stack.addWidget(self._wrap(self.pages[stage], GuidancePanel(guidance[stage])))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(divider)
        layout.addWidget(self.stack, 1)
        self.sidebar.stage_selected.connect(self._show_stage)
        self.sidebar.set_current_stage(Stage.SCOPE)

    def _wrap(self, page: StagePage, panel: GuidancePanel) -> QWidget:
        stage = page.stage
        self.guidance[stage] = panel
        panel.expanded_changed.connect(self.guidance_toggled)
        page.edit_requested.connect(
            lambda field, value, label, stage=stage: self.edit_requested.emit(
                stage, field, value, label
            )
        )
        page.changes_requested.connect(
            lambda changes, label, stage=stage: self.changes_requested.emit(stage, changes, label)
        )
        page.reveal_requested.connect(self.reveal_requested)
        # The guidance sits above the scroll area, so it always wraps to the visible width; the
        # scroll area guards the window against a page taller or wider than the screen.
        scroll = QScrollArea()
        scroll.setObjectName(f"stageScroll{stage.value}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(page)
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(24, 16, 16, 8)
        column.setSpacing(12)
        column.addWidget(panel)
        column.addWidget(scroll, 1)
        return container

    def current_stage(self) -> Stage:
        return Stage(self.stack.currentIndex() + 1)

    def current_page(self) -> StagePage:
        return self.pages[self.current_stage()]

    def set_stage(self, stage: Stage) -> None:
        self.sidebar.set_current_stage(stage)

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) stage, stopping at the ends."""
        target = min(max(self.current_stage().value + delta, 1), len(Stage))
        self.set_stage(Stage(target))

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Show ``postmortem`` on every page and its progress in the sidebar."""
        for page in self.pages.values():
            page.show_postmortem(postmortem)
        self.sidebar.set_states(stage_states(postmortem))

    def set_presenting(self, presenting: bool) -> None:
        """While presenting the window's banner names the stage, and the sidebar keeps to the
        stage numbers and their progress, so the page gets the room's width and height."""
        for panel in self.guidance.values():
            panel.heading.setVisible(not presenting)
        self.sidebar.set_compact(presenting)

    def set_guidance_expanded(self, expanded: bool) -> None:
        for panel in self.guidance.values():
            panel.set_expanded(expanded)

    def _show_stage(self, stage: Stage) -> None:
        self.stack.setCurrentIndex(stage.value - 1)
