"""Stage 5, action items: specific tickets with owners and dates, coached while they are typed.

The reference asks for items that are specific (never "add monitoring": name the metric or the
signal), owned, dated, categorised prevent / detect / recover / process and linked in the issue
tracker. The table is filled by keyboard; the coaching of ``app.domain.action_coaching`` follows
the title as it is typed and marks every row that still has notes; root causes that no action
addresses are listed with a button that starts one for them. Tracker keys become links through
the library's URL pattern, and the selected items copy as Markdown or TSV for the tracker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.domain.action_coaching import (
    CoachingNote,
    action_item_warnings,
    coach_action_item,
    unaddressed_root_causes,
)
from app.domain.model import ActionItem, AppendixLink, CauseClassification, Postmortem, Stage
from app.ui.action_items.coaching_panel import CoachingPanel, UnaddressedCausesPanel
from app.ui.action_items.editor import ActionItemsEditor
from app.ui.action_items.tracker_field import TrackerPatternField
from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.page_base import FormStagePage
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.labels import plain_label
from app.ui.text_sizing import keep_minimum_lines

SIDE_BY_SIDE_WIDTH = 900
MUTED_STYLE = "color: palette(placeholder-text);"


def _has_root_cause(pm: Postmortem) -> bool:
    root = CauseClassification.ROOT_CAUSE
    return any(cause.classification is root for cause in pm.causes) or any(
        why.classification is root for why in pm.whys
    )


class ActionItemsPage(FormStagePage):
    """Stage 5: the action items table, its coaching, tracker links, the appendix and notes.

    ``tracker_pattern_changed(pattern)`` offers a checked URL pattern for the library (the
    window stores it and calls ``set_tracker_pattern``). ``today`` is the date the coaching
    compares due dates with (today in UTC unless set). ``reveal(item_id)`` selects an item.
    """

    tracker_pattern_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.ACTION_ITEMS, parent)
        self._today = datetime.now(UTC).date()
        # Made in reading order, the order Tab follows: the pattern sits above the table.
        self.tracker_field = TrackerPatternField(self)
        self.editor = ActionItemsEditor(self)
        self.coaching = CoachingPanel(self)
        self.unaddressed = UnaddressedCausesPanel(self)
        self.appendix = self.bind_collection(
            CollectionEditor(AppendixLink, title="Appendix: traces, metrics and logs", parent=self),
            "appendix",
        )
        self.summary = plain_label("", self, wrap=True)
        self.summary.setObjectName("actionItemsSummary")
        self.status = plain_label("", self, wrap=True, style=MUTED_STYLE)
        self.status.setObjectName("actionItemsStatus")
        self.status.setAccessibleName("Stage 5 status")
        self.editor.items_changed.connect(
            lambda items, label: self.request("action_items", items, label)
        )
        self.editor.message.connect(self.status.setText)
        self.editor.current_changed.connect(self._refresh_coaching)
        self.editor.title_typed.connect(self._coach_typed)
        self.editor.typing_ended.connect(self._refresh_coaching)
        self.unaddressed.add_requested.connect(lambda cause_id: self.editor.add((cause_id,)))
        self.tracker_field.pattern_chosen.connect(self._choose_pattern)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tracker_field)
        column.addWidget(self.summary)
        column.addWidget(self.editor, 1)
        column.addWidget(self.status)
        side = QTabWidget(self)
        side.setObjectName("actionItemsSideTabs")
        side.setAccessibleName("Appendix and notes")
        side.addTab(self.appendix, "A&ppendix")
        side.addTab(self.notes, "N&otes")
        lower = SideBySideSplitter(
            SIDE_BY_SIDE_WIDTH, self.coaching, self.unaddressed, side, sizes=[440, 380, 440]
        )
        keep_minimum_lines(top, 14)
        # Stacked in a narrow window (or at presentation size) each pane keeps enough room to
        # read; the page scrolls instead of clipping the coaching notes.
        keep_minimum_lines(self.coaching, 6)
        keep_minimum_lines(self.unaddressed, 5)
        keep_minimum_lines(side, 10)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(lower)
        splitter.setSizes([400, 340])  # room for the coaching notes while a title is typed
        self.body_layout.addWidget(splitter, 1)

    # -- the page's settings -------------------------------------------------------------
    @property
    def today(self) -> date:
        """The date due dates are compared with: today in UTC, unless set (tests, reviews)."""
        return self._today

    @today.setter
    def today(self, day: date) -> None:
        self._today = day
        self._refresh_coaching()

    @property
    def tracker_pattern(self) -> str:
        return self.editor.model.tracker_pattern

    def set_tracker_pattern(self, pattern: str) -> None:
        """Show the library's tracker URL pattern and link keys with it; emits nothing."""
        self.tracker_field.set_pattern(pattern)
        self.editor.set_tracker_pattern(pattern)
        self._refresh_coaching()

    def _choose_pattern(self, pattern: str) -> None:
        self.editor.set_tracker_pattern(pattern)
        self._refresh_coaching()
        self.tracker_pattern_changed.emit(pattern)

    # -- showing -------------------------------------------------------------------------
    def _show(self, postmortem: Postmortem) -> None:
        self.editor.show_postmortem(postmortem)
        self.appendix.show_records(postmortem.appendix)
        self._refresh_coaching()

    def reveal(self, item_id: str) -> bool:
        """Select action item ``item_id`` in the table."""
        return self.editor.select(item_id)

    def _refresh_coaching(self) -> None:
        """Notes of every stored item (and of the draft), the summary and unaddressed causes."""
        pm = self.postmortem
        if pm is None:
            return
        notes = dict(action_item_warnings(pm, today=self._today))
        draft = self.editor.draft
        if draft is not None:
            notes[draft.id] = coach_action_item(draft, today=self._today)
        self.editor.model.set_coaching(notes)
        item = self.editor.current_item()
        self.coaching.show_notes(item, () if item is None else self.editor.model.notes(item.id))
        self.unaddressed.show_causes(
            unaddressed_root_causes(pm), has_root_causes=_has_root_cause(pm)
        )
        self._summarise(pm, notes)

    def _coach_typed(self, item: object) -> None:
        """Coach the title being typed, before it is stored."""
        if not isinstance(item, ActionItem):
            return
        notes = coach_action_item(item, today=self._today)
        self.editor.model.set_row_coaching(item.id, notes)
        self.coaching.show_notes(item, notes)

    def _summarise(self, pm: Postmortem, notes: Mapping[str, Sequence[CoachingNote]]) -> None:
        count = len(pm.action_items)
        coached = sum(1 for item in pm.action_items if notes.get(item.id))
        if not count:
            text = "No action items yet: press Enter in the table (or Add) to start one."
        elif coached:
            text = (
                f"{coached} of {count} action item{'s' if count != 1 else ''} still"
                f" {'has' if coached == 1 else 'have'} coaching notes (marked in the table)."
                " Stage 5 is done when every item is owned, dated, categorised and tracked."
            )
        else:
            which = "The action item is" if count == 1 else f"All {count} action items are"
            text = f"{which} owned, dated, categorised and tracked."
        self.summary.setText(text)
