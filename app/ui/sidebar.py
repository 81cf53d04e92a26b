"""The stage list beside the pages: where the meeting is, and what each stage still needs.

Each row shows the stage number and name with a shape-coded state icon; hovering tells the
exit condition and every unmet reason, so the facilitator can answer "can we move on?" without
opening the stage. The accessible description repeats the state for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from app.domain.model import Stage
from app.domain.stages import StageProgress, StageState
from app.ui.icons import stage_progress_icon
from app.ui.labels import plain_tooltip

STAGE_ROLE = Qt.ItemDataRole.UserRole
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1


def stage_tooltip(state: StageState) -> str:
    """Plain text: the exit condition, then what is still missing (or that it is met)."""
    lines = [f"Exit condition: {state.exit_condition}"]
    if state.unmet:
        lines.append("Still needed:")
        lines.extend(f"• {reason}" for reason in state.unmet)
    else:
        lines.append("Exit condition met")
    return "\n".join(lines)


class StageSidebar(QListWidget):
    """The six stages in meeting order; selecting one emits ``stage_selected``."""

    stage_selected = Signal(object)  # Stage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageSidebar")
        self.setAccessibleName("Stages")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        icon_size = max(24, self.fontMetrics().height() + 6)
        self.setIconSize(QSize(icon_size, icon_size))
        for stage in Stage:
            item = QListWidgetItem(f"{stage.value}  {stage.label}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{stage.value}  {stage.label}")
            item.setData(STAGE_ROLE, stage)
            item.setSizeHint(QSize(0, icon_size + self.fontMetrics().height()))
            self.addItem(item)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        # Navigation, not a document: it sits on the window background rather than in a white box.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._sit_on_window()
        self.currentRowChanged.connect(self._on_row_changed)
        self.set_states(())

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: the copied window colour and the drawn icons follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._sit_on_window()
            for stage in Stage:
                self.item(stage.value - 1).setIcon(stage_progress_icon(self.progress(stage)))

    def _sit_on_window(self) -> None:
        # Roles set on the widget no longer follow the application palette, so they are copied
        # again whenever it changes (setting them sends one more PaletteChange, which finds
        # nothing left to do).
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        if palette.color(QPalette.ColorRole.Base) == window:
            return
        palette.setColor(QPalette.ColorRole.Base, window)
        palette.setColor(QPalette.ColorRole.AlternateBase, window)
        self.setPalette(palette)

    def sizeHint(self) -> QSize:
        """Wide enough for the longest stage name and its icon, so no name is elided."""
        width = max(self.fontMetrics().horizontalAdvance(self.item(row).text()) for row in range(6))
        return QSize(width + self.iconSize().width() + 40, super().sizeHint().height())

    def set_compact(self, compact: bool) -> None:
        """Show only the stage numbers and progress icons (screen readers still get the names),
        or the numbers with the names again."""
        for stage in Stage:
            item = self.item(stage.value - 1)
            item.setText(str(stage.value) if compact else f"{stage.value}  {stage.label}")
        self.updateGeometry()

    def current_stage(self) -> Stage:
        return Stage(self.currentRow() + 1) if self.currentRow() >= 0 else Stage.SCOPE

    def set_current_stage(self, stage: Stage) -> None:
        self.setCurrentRow(stage.value - 1)

    def progress(self, stage: Stage) -> StageProgress:
        value = self.item(stage.value - 1).data(PROGRESS_ROLE)
        return value if isinstance(value, StageProgress) else StageProgress.NOT_STARTED

    def set_states(self, states: Sequence[StageState]) -> None:
        """Show each stage's progress: icon, tooltip and accessible description."""
        by_stage = {state.stage: state for state in states}
        for stage in Stage:
            item = self.item(stage.value - 1)
            state = by_stage.get(stage)
            progress = state.progress if state else StageProgress.NOT_STARTED
            item.setData(PROGRESS_ROLE, progress)
            item.setIcon(stage_progress_icon(progress))
            # The reasons quote causes and action titles: user text, shown literally.
            item.setToolTip(plain_tooltip(stage_tooltip(state)) if state else "")
            description = f"Stage {stage.value} of 6, {progress.value}"
            if state and state.unmet:
                description += ". Still needed: " + " ".join(state.unmet)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)

    def _on_row_changed(self, row: int) -> None:
        if row >= 0:
            self.stage_selected.emit(Stage(row + 1))
