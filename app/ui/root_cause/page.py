"""Stage 3, root cause analysis: the fishbone and the five whys, each an editor beside its picture.

The room builds both diagrams together on the shared screen, so every view here follows one
postmortem: the outlines and the details pane ask for edits (a complete new postmortem each),
the page turns each into the fields that changed (one undo step even when several change, as
removing a cause also unlinks it from action items), and the diagram of the visible tab is
redrawn off the GUI thread. While text is being typed, the page draws a draft with that text
in it, so the picture follows the typing before the edit is stored.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.domain.blame import blame_warnings
from app.domain.cause_tree import update_cause, update_why
from app.domain.errors import ValidationError
from app.domain.model import Postmortem, Stage
from app.render.diagrams import DiagramKind
from app.render.elements import parse_element_id
from app.render.graphviz import graphviz_version
from app.ui.background import BackgroundOperations
from app.ui.forms.page_base import FormStagePage
from app.ui.forms.side_by_side import SideBySideSplitter
from app.ui.keys import tab_in_order
from app.ui.root_cause.details import CauseDetails
from app.ui.root_cause.diagram_pane import DiagramPane
from app.ui.root_cause.fishbone_outline import FishboneOutline
from app.ui.root_cause.outline_editor import OutlineEditor
from app.ui.root_cause.outline_model import ElementKind
from app.ui.root_cause.whys_outline import WhysOutline
from app.ui.theme import Tone, set_tone

# The fields stage 3 edits; a requested postmortem is compared on these only.
STAGE_FIELDS = ("problem_statement", "fishbone_categories", "causes", "whys", "action_items")
SIDE_BY_SIDE_WIDTH = 900


def changed_fields(before: Postmortem, after: Postmortem) -> dict[str, object]:
    """The stage 3 fields whose value differs between two versions of a postmortem."""
    return {
        field: getattr(after, field)
        for field in STAGE_FIELDS
        if getattr(after, field) != getattr(before, field)
    }


def describe_blame(pm: Postmortem) -> str:
    """One line per root cause that blames a person, with what to ask instead."""
    lines = []
    for warning in blame_warnings(pm):
        finding = warning.findings[0]
        name = warning.text if len(warning.text) <= 60 else warning.text[:59] + "…"
        lines.append(f"Root cause \u201c{name}\u201d {finding.reason}. {finding.suggestion}")
    return "\n".join(lines)


class _DiagramTab(QWidget):
    """An outline and the details of its selection, beside the rendered diagram."""

    def __init__(
        self,
        outline: OutlineEditor,
        pane: DiagramPane,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.outline = outline
        self.details = CauseDetails(self)
        self.pane = pane
        editor = QSplitter(Qt.Orientation.Vertical, self)
        editor.setChildrenCollapsible(False)
        editor.addWidget(outline)
        editor.addWidget(self.details)
        editor.setSizes([360, 300])
        # Stacked in a narrow window, the page scrolls rather than squash any part unreadable.
        lines = self.fontMetrics().lineSpacing()
        outline.view.setMinimumHeight(lines * 9)
        self.details.setMinimumHeight(lines * 8)
        pane.setMinimumHeight(lines * 22)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(SideBySideSplitter(SIDE_BY_SIDE_WIDTH, editor, pane, sizes=[440, 760]))
        outline.selection_changed.connect(self._on_selection)
        pane.element_clicked.connect(self._on_clicked)

    def _on_selection(self, element_id: object) -> None:
        element = element_id if isinstance(element_id, str) else None
        self.details.show_element(element)
        self.pane.select_element(element)

    def _on_clicked(self, element_id: str) -> None:
        # The problem box is not an outline row; it has its own field in the five whys.
        if self.outline.select_element(element_id):
            self._on_selection(element_id)


class RootCauseStagePage(FormStagePage):
    """Stage 3: the Fishbone and Five whys tabs, blame warnings above them, notes in a third tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Stage.ROOT_CAUSE, parent)
        self.operations = BackgroundOperations(self)
        # Help > About shows Graphviz's version; asking for it runs a process, so not here.
        self.operations.run(graphviz_version, lambda _version: None, lambda _error: None)
        self.blame_banner = QLabel(self)
        self.blame_banner.setObjectName("blameWarnings")
        self.blame_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.blame_banner.setWordWrap(True)
        set_tone(self.blame_banner, Tone.WARNING)
        self.blame_banner.setAccessibleName("Blameless warnings")
        self.blame_banner.hide()
        self.status = QLabel(self)
        self.status.setObjectName("rootCauseStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Stage 3 status")
        self.fishbone = _DiagramTab(
            FishboneOutline(self), DiagramPane(DiagramKind.FISHBONE, self.operations), self
        )
        self.whys = _DiagramTab(
            WhysOutline(self), DiagramPane(DiagramKind.WHYS, self.operations), self
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rootCauseTabs")
        self.tabs.setAccessibleName("Root cause views")
        self.tabs.addTab(self.fishbone, "&Fishbone")
        self.tabs.addTab(self.whys, "Five &whys")
        self.tabs.addTab(self.notes, "&Notes")
        self.tabs.setTabToolTip(0, "Causes by category, drawn as an Ishikawa diagram (Alt+F)")
        self.tabs.setTabToolTip(1, "Ask why until you reach the root cause (Alt+W)")
        self.tabs.currentChanged.connect(lambda _index: self._render_visible())
        whys_outline = self.whys.outline
        assert isinstance(whys_outline, WhysOutline)
        # The problem statement is the fishbone's head and the five whys' root: above both.
        self.statement = whys_outline.statement
        self.statement.textChanged.connect(self._draw_statement)
        self.body_layout.addWidget(whys_outline.detach_statement())
        self.body_layout.addWidget(self.blame_banner)
        self.body_layout.addWidget(self.tabs, 1)
        self.body_layout.addWidget(self.status)
        # The statement and the tabs are made after the tabs' contents; Tab reads them first.
        # The tab bar takes the focus itself: a tab widget passing it on (focus proxy) is a
        # stop of its own in Qt 6's chain that cannot be moved with the bar.
        self.tabs.setFocusProxy(None)  # type: ignore[arg-type]  # None clears the proxy
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tab_in_order(
            self.statement, self.tabs.tabBar(), self.fishbone, self.whys, self.notes, after=self
        )
        for tab in (self.fishbone, self.whys):
            for source in (tab.outline, tab.details):
                source.edit_requested.connect(self.request_postmortem)
                source.message.connect(self._show_status)
            tab.pane.message.connect(self._show_status)
            tab.details.text.textChanged.connect(lambda tab=tab: self._draw_draft(tab))
            tab.outline.draft_changed.connect(lambda draft, tab=tab: self._show_draft(tab, draft))
            tab.details.timeline_event_requested.connect(
                lambda event_id: self.reveal_requested.emit(Stage.TIMELINE, event_id)
            )

    # -- showing -------------------------------------------------------------------------
    def _show(self, postmortem: Postmortem) -> None:
        for tab in (self.fishbone, self.whys):
            tab.outline.show_postmortem(postmortem)
            tab.details.show_postmortem(postmortem)
        blame = describe_blame(postmortem)
        self.blame_banner.setText(blame)
        self.blame_banner.setVisible(bool(blame))
        self._render_visible()

    def current_tab(self) -> _DiagramTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, _DiagramTab) else None

    def _render_visible(self) -> None:
        """Redraw only the diagram on screen; the other one catches up when its tab opens."""
        tab = self.current_tab()
        if tab is not None and self.postmortem is not None and self.isVisible():
            tab.pane.show_postmortem(self.postmortem)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._render_visible()

    def reveal(self, item_id: str) -> bool:
        """Select a cause, answer or category (``cause-<id>``, ``why-<id>``, ``category-<id>``)
        in its tab, and show it on the diagram."""
        parsed = parse_element_id(item_id)
        if parsed is None:
            return False
        tab = self.whys if parsed[0] == "why" else self.fishbone
        if parsed[0] == "problem":
            self.statement.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        self.tabs.setCurrentWidget(tab)
        return tab.outline.select(item_id)

    def selected_why_id(self) -> str | None:
        """The stored five-whys answer selected in its outline, where a new "why?" would go.

        None when no answer is selected, or the selected row is one still being typed (it has
        no stored id yet). The selection counts whichever tab is shown, as the outline keeps it.
        """
        item, pm = self.whys.outline.current_item(), self.postmortem
        if item is None or pm is None or item.kind is not ElementKind.WHY:
            return None
        return item.item_id if any(why.id == item.item_id for why in pm.whys) else None

    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    # -- editing -------------------------------------------------------------------------
    def request_postmortem(self, requested: object, label: str) -> None:
        """Ask the window to store what an editor changed, as one undoable step."""
        pm = self.postmortem
        if pm is None or not isinstance(requested, Postmortem):
            return
        # ``requested`` was validated when it was built, so every rule already holds.
        changes = changed_fields(pm, requested)
        if not changes:
            return
        self.clear_validation_error()
        if len(changes) == 1:
            ((field, value),) = changes.items()
            self.edit_requested.emit(field, value, label)
        else:
            self.changes_requested.emit(changes, label)

    def _show_draft(self, tab: _DiagramTab, draft: object) -> None:
        if isinstance(draft, Postmortem) and tab is self.current_tab():
            tab.pane.show_draft(draft)

    def _draw_statement(self) -> None:
        """The problem statement being typed is the head of both diagrams."""
        tab, pm = self.current_tab(), self.postmortem
        text = self.statement.toPlainText()
        if tab is not None and pm is not None and text != pm.problem_statement:
            tab.pane.show_draft(dataclasses.replace(pm, problem_statement=text))

    def _draw_draft(self, tab: _DiagramTab) -> None:
        """Draw the text being typed in the details pane before it is stored."""
        pm = self.postmortem
        parsed = parse_element_id(tab.details.element_id or "")
        if pm is None or parsed is None or tab is not self.current_tab():
            return
        kind, item_id = parsed
        text = tab.details.text.toPlainText()
        try:
            if kind == "cause":
                draft = update_cause(pm, item_id, text=text)
            elif kind == "why":
                draft = update_why(pm, item_id, text=text)
            else:
                return
        except (KeyError, ValidationError):
            return  # a row still being added: the outline draws it once it is stored
        if draft != pm:
            tab.pane.show_draft(draft)
