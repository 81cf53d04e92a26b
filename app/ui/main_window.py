"""The main window: the library on the left, the open postmortem's stages on the right.

The window owns no data. It asks the session for every change, and refreshes its views from
what the session reports changed: the open pages, the stage sidebar, the library list and the
window title. Dependencies (library, settings, stage pages) are passed in, never looked up.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.guidance import default_agenda
from app.domain.meeting import agenda_for
from app.domain.model import Postmortem, Stage, Template
from app.domain.presentation import for_shared_screen, keep_private
from app.domain.quick_capture import STAGE_KEY_PREFIX
from app.domain.stages import stage_states
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.store import Library, LibraryError, PostmortemSummary
from app.ui import dialogs
from app.ui.about import show_about
from app.ui.empty_state import EmptyState
from app.ui.follow_up import FollowUpPage
from app.ui.layout_memory import restore_splitters, save_splitters
from app.ui.library_panel import LibraryPanel
from app.ui.meeting.agenda_dialog import AgendaDialog
from app.ui.meeting.timer_bar import MeetingTimerBar
from app.ui.meeting_toolbar import MeetingToolBar
from app.ui.presentation import PresentationMode
from app.ui.quick_capture import QuickCaptureBar
from app.ui.recent import RecentPostmortems
from app.ui.root_cause.page import RootCauseStagePage
from app.ui.save_status import SaveBanner, SaveIndicator
from app.ui.session import EditSession, StoredChange
from app.ui.side_windows import SideWindows
from app.ui.stage_area import StageArea
from app.ui.stage_page import StagePage
from app.ui.text_zoom import TextZoom
from app.ui.theme import ThemeController
from app.ui.timeline.page import TimelineStagePage
from app.ui.window_actions import add_meeting_menu, build_actions

GUIDANCE_KEY = "guidance/expanded"
LAST_POSTMORTEM_KEY = "session/postmortem"
LAST_STAGE_KEY = "session/stage"
DEFAULT_SIZE = (1280, 800)
LIBRARY_WIDTH = 330


class MainWindow(QMainWindow):
    """One library's window. Tests drive it through its actions and the public methods below."""

    def __init__(
        self,
        library: Library,
        library_path: Path,
        settings: QSettings,
        pages: Mapping[Stage, StagePage],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.library_path = library_path
        self.settings = settings
        self.recent = RecentPostmortems(settings, library_path)
        self.session = EditSession(library, self)
        self.undo_stack = self.session.undo_stack
        self._current_id: int | None = None
        self._presenting = False
        self._build_widgets(pages)
        self.menu_actions = build_actions(self, self.undo_stack)
        self.zoom = TextZoom(settings)
        self._build_toolbar()
        self.quick_capture = QuickCaptureBar(self.central)
        add_meeting_menu(self, self.timer_bar)
        self.side_windows = SideWindows(self)
        self._connect()
        self._share_library_settings()
        self._restore_settings()
        self.close_postmortem()
        self._reopen_last()

    # -- construction ------------------------------------------------------------------------

    def _build_widgets(self, pages: Mapping[Stage, StagePage]) -> None:
        self.banner = SaveBanner(self)
        # Made before the body so Tab reaches it first, as it sits above the body. A strip in
        # the layout, not a toolbar (which ignores height-for-width): it wraps onto a second
        # line only when the window is too narrow for one.
        self.timer_bar = MeetingTimerBar(self)
        self.library_panel = LibraryPanel(self.library, self)
        self.library_panel.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        self.empty_state = EmptyState(self)
        self.stage_area = StageArea(pages, self)
        self.right = QStackedWidget(self)
        self.right.setObjectName("postmortemArea")
        self.right.addWidget(self.empty_state)
        self.right.addWidget(self.stage_area)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        central = QWidget(self)
        self.central = central
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.timer_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.save_indicator = SaveIndicator(self.library_path.name, self)
        self.statusBar().addPermanentWidget(self.save_indicator)
        self.statusBar().setSizeGripEnabled(False)

    def _build_toolbar(self) -> None:
        actions = self.menu_actions
        self.toolbar = MeetingToolBar([actions.present, actions.quick_capture], self)
        self.addToolBar(self.toolbar)

    def _connect(self) -> None:
        actions = self.menu_actions
        self.theme = ThemeController(self.settings, actions.themes, self)
        self.presentation = PresentationMode(self, self.zoom, self.theme, self)
        actions.present.toggled.connect(self._on_present_toggled)
        self.presentation.toggled.connect(actions.present.setChecked)
        actions.zoom_in.triggered.connect(lambda: self._zoom(+1))
        actions.zoom_out.triggered.connect(lambda: self._zoom(-1))
        actions.zoom_reset.triggered.connect(lambda: self._zoom(0))
        self.stage_area.sidebar.stage_selected.connect(lambda _stage: self._update_banner())
        actions.quick_capture.triggered.connect(lambda: self._open_capture(""))
        actions.park.triggered.connect(lambda: self._open_capture("# "))
        self.quick_capture.changes_requested.connect(self._on_changes_requested_for)
        self.quick_capture.command_chosen.connect(self._run_command)
        self._connect_timer()
        actions.new.triggered.connect(self.new_postmortem)
        actions.open.triggered.connect(self.open_from_library)
        actions.duplicate.triggered.connect(self.duplicate_current)
        actions.delete.triggered.connect(self.delete_current)
        actions.quit.triggered.connect(self.close)
        actions.find.triggered.connect(self.focus_search)
        actions.toggle_library.toggled.connect(self.library_panel.setVisible)
        actions.toggle_guidance.toggled.connect(self.set_guidance_expanded)
        for stage, action in actions.stages.items():
            action.triggered.connect(lambda _=False, stage=stage: self.go_to_stage(stage))
        actions.next_stage.triggered.connect(lambda: self.stage_area.step(+1))
        actions.previous_stage.triggered.connect(lambda: self.stage_area.step(-1))
        actions.about.triggered.connect(lambda: show_about(self, self.library_path))
        actions.review.triggered.connect(self.side_windows.show_review)
        actions.follow_ups.triggered.connect(self.side_windows.show_follow_ups)
        actions.export.triggered.connect(self.side_windows.show_export)
        actions.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.session.changed.connect(self._on_changed)
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(self._on_save_failed)
        self.banner.retry_requested.connect(self.session.retry)
        self.stage_area.edit_requested.connect(
            lambda stage, field, value, label: self._on_changes_requested(
                stage, {field: value}, label
            )
        )
        self.stage_area.changes_requested.connect(self._on_changes_requested)
        self.stage_area.reveal_requested.connect(self.reveal)
        self.stage_area.guidance_toggled.connect(self.set_guidance_expanded)
        self.library_panel.open_requested.connect(self.open_postmortem)
        self.empty_state.new_requested.connect(self.new_postmortem)
        self.empty_state.open_requested.connect(self.open_from_library)
        self.empty_state.recent_chosen.connect(self.open_postmortem)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        splitter = self.settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([LIBRARY_WIDTH, DEFAULT_SIZE[0] - LIBRARY_WIDTH])
        show_library = self.settings.value("window/libraryVisible", True, type=bool)
        self.menu_actions.toggle_library.setChecked(bool(show_library))
        self.library_panel.setVisible(bool(show_library))
        expanded = bool(self.settings.value(GUIDANCE_KEY, False, type=bool))
        self.menu_actions.toggle_guidance.setChecked(expanded)
        self.stage_area.set_guidance_expanded(expanded)
        self.theme.restore()
        self.zoom.apply()
        restore_splitters(self.settings, self.stage_area.pages)

    def _reopen_last(self) -> None:
        """Open the postmortem and stage that were open when the window last closed."""
        last = self.settings.value(LAST_POSTMORTEM_KEY)
        if last is None or not str(last).isdigit():
            return
        if not self.library.summaries(ids=[int(str(last))]):
            return  # deleted since, perhaps by another window: start on the empty state
        if self.open_postmortem(int(str(last))):
            stage = str(self.settings.value(LAST_STAGE_KEY, ""))
            if stage.isdigit() and 1 <= int(stage) <= len(Stage):
                self.go_to_stage(Stage(int(stage)))

    # -- what tests and menus call -----------------------------------------------------------

    def current_postmortem_id(self) -> int | None:
        return self._current_id

    def current_postmortem(self) -> Postmortem | None:
        """The open postmortem as shown (stored plus any unsaved edits), or None."""
        return self.session.shown(self._current_id) if self._current_id is not None else None

    def shown_postmortem(self) -> Postmortem | None:
        """The open postmortem as the screen may show it (no private parts while presenting)."""
        pm = self.current_postmortem()
        return self._for_screen(pm) if pm is not None else None

    def current_stage(self) -> Stage:
        return self.stage_area.current_stage()

    # -- presentation mode -------------------------------------------------------------------

    @property
    def library_toggle(self) -> QAction:
        return self.menu_actions.toggle_library

    @property
    def layout_root(self) -> QWidget:
        return self

    def set_presenting(self, presenting: bool) -> None:
        """Show the shared-screen view with private editors hidden (or the whole postmortem)."""
        self._presenting = presenting
        for page in self.stage_area.pages.values():
            page.set_presenting(presenting)
        self.toolbar.banner.set_presenting(presenting)
        self.stage_area.set_presenting(presenting)
        # Both would bring back the library list, with every other postmortem's title.
        for action in (self.menu_actions.find, self.menu_actions.open):
            action.setEnabled(not presenting)
        self._enable_postmortem_actions(self._current_id is not None)
        pm = self.current_postmortem()
        if pm is not None:
            self._show(pm)

    def _on_present_toggled(self, checked: bool) -> None:
        if checked != self.presentation.active:
            self.presentation.toggle()
        message = (
            "Presentation mode: private details are hidden. F5 leaves it."
            if checked
            else "Presentation mode ended."
        )
        self.statusBar().showMessage(message, 5000)

    # -- the meeting timer --------------------------------------------------------------------

    def _connect_timer(self) -> None:
        timer = self.timer_bar
        self.stage_area.sidebar.stage_selected.connect(timer.follow_stage)
        timer.stage_requested.connect(self.go_to_stage)
        timer.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        timer.time_recorded.connect(self._record_meeting_time)
        timer.agenda_requested.connect(self.edit_agenda)
        timer.meeting_ended.connect(lambda: self.reveal(Stage.FOLLOW_UP, "meeting_time"))
        follow_up = self.stage_area.pages[Stage.FOLLOW_UP]
        if isinstance(follow_up, FollowUpPage):
            follow_up.set_meeting_stage_source(lambda: timer.meeting_stage)

    def edit_agenda(self) -> None:
        """Ask for the open postmortem's agenda and store it as one undoable edit."""
        pm = self.current_postmortem()
        if pm is None:
            return
        template = pm.template or Template.for_severity(pm.severity)
        agenda = AgendaDialog.ask(self, agenda_for(pm), default_agenda(template))
        if agenda is not None:
            self.request_changes({"agenda": agenda}, "Edit Agenda")

    def _record_meeting_time(self, postmortem_id: int, seconds: object) -> None:
        if not isinstance(seconds, dict):
            return
        try:
            self.session.record(postmortem_id, {"meeting_time": seconds})
        except (ValueError, LibraryError) as error:  # deleted meanwhile, say
            self.statusBar().showMessage(f"The meeting's time was not recorded: {error}", 8000)

    # -- quick capture ------------------------------------------------------------------------

    def _commands(self) -> dict[str, QAction]:
        """What the command bar can run by name: the window's actions that make sense now."""
        actions = self.menu_actions
        named = (
            actions.present, actions.export, actions.review, actions.follow_ups, actions.new,
            actions.open, actions.toggle_library, actions.toggle_guidance, actions.zoom_in,
            actions.zoom_out, actions.zoom_reset, actions.undo, actions.redo, actions.about,
            *actions.themes.values(),
        )  # fmt: skip
        return {action.text(): action for action in named if action.isEnabled()}

    def _open_capture(self, prefix: str) -> None:
        self._update_capture_context()
        self.quick_capture.open(prefix)

    def _update_capture_context(self) -> None:
        """Give the bar what it reads: the screen's postmortem, the stage, zone and selection."""
        pages = self.stage_area.pages
        timeline = pages[Stage.TIMELINE]
        root_cause = pages[Stage.ROOT_CAUSE]
        zone = timeline.zone if isinstance(timeline, TimelineStagePage) else UTC
        why = root_cause.selected_why_id() if isinstance(root_cause, RootCauseStagePage) else None
        # A parked point belongs to the stage the meeting is on, even while another page shows.
        stage = self.timer_bar.meeting_stage or self.current_stage()
        self.quick_capture.set_context(self.shown_postmortem(), stage, zone, why)
        commands = self._commands()
        self.quick_capture.set_commands(
            [(key, key.replace("&", "").rstrip("…")) for key in commands]
        )

    def _run_command(self, key: str) -> None:
        if key.startswith(STAGE_KEY_PREFIX):
            self.go_to_stage(Stage(int(key.removeprefix(STAGE_KEY_PREFIX))))
            return
        action = self._commands().get(key)
        if action is not None:
            action.trigger()

    def _on_changes_requested_for(self, changes: object, label: str, stage: object) -> None:
        if isinstance(changes, Mapping) and isinstance(stage, Stage):
            self._on_changes_requested(stage, changes, label)

    def _zoom(self, direction: int) -> None:
        scale = self.zoom.step(direction) if direction else self.zoom.reset()
        self.statusBar().showMessage(f"Text size {round(scale * 100)} %", 3000)

    def _for_screen(self, pm: Postmortem) -> Postmortem:
        return for_shared_screen(pm) if self._presenting else pm

    def _show(self, pm: Postmortem) -> None:
        """Show ``pm`` (as the screen may show it) on the pages, the side windows and the banner."""
        shown = self._for_screen(pm)
        self.timer_bar.set_postmortem(pm)
        self.stage_area.show_postmortem(shown)
        self.side_windows.postmortem_shown(shown)
        self._update_banner()
        self._update_capture_context()

    def _update_banner(self) -> None:
        pm = self.shown_postmortem()
        if pm is None:
            self.toolbar.banner.setText("")
            return
        self.toolbar.banner.show_stage(self.current_stage(), stage_states(pm))

    def current_page(self) -> StagePage:
        return self.stage_area.current_page()

    def open_postmortem(self, postmortem_id: int) -> bool:
        """Show ``postmortem_id`` on stage 1; False (and a status message) if it is gone."""
        self._commit_typing()
        try:
            postmortem = self.session.shown(postmortem_id)
        except LibraryError as error:
            self.recent.remove(postmortem_id)
            self.statusBar().showMessage(str(error), 8000)
            self._refresh_lists()
            return False
        changed = postmortem_id != self._current_id
        self._current_id = postmortem_id
        for page in self.stage_area.pages.values():
            page.clear_validation_error()
        self._show(postmortem)
        if changed:
            self.stage_area.set_stage(Stage.SCOPE)
        self.right.setCurrentWidget(self.stage_area)
        self.recent.add(postmortem_id)
        self.library_panel.select_postmortem(postmortem_id)
        self._update_title(postmortem)
        self._enable_postmortem_actions(True)
        return True

    def close_postmortem(self) -> None:
        """Back to the empty state with its New/Open buttons and recent list."""
        # Called once the postmortem is gone (deleted): late typing has nowhere to go.
        self._current_id = None
        self._commit_typing()
        self.timer_bar.set_postmortem(None)  # records a running meeting's last stretch
        self.right.setCurrentWidget(self.empty_state)
        self.side_windows.postmortem_shown(None)
        self.library_panel.select_postmortem(None)
        self._update_title(None)
        self._update_banner()
        self._update_capture_context()
        self._enable_postmortem_actions(False)
        self._refresh_lists()

    def new_postmortem(self) -> Postmortem | None:
        answer = dialogs.NewPostmortemDialog.ask(self)
        if answer is None:
            return None
        self._commit_typing()
        return self.session.create(*answer)

    def duplicate_current(self) -> Postmortem | None:
        if self._current_id is None:
            return None
        self._commit_typing()
        return self.session.duplicate(self._current_id)

    def delete_current(self) -> Postmortem | None:
        """Ask, then delete the open postmortem as an undoable step."""
        self._commit_typing()  # typed text is stored first, so undoing the delete restores it
        postmortem = self.current_postmortem()
        if postmortem is None or postmortem.id is None:
            return None
        if not dialogs.confirm_delete(self, postmortem.title):
            return None
        return self.session.delete(postmortem.id)

    def reveal(self, stage: Stage, item_id: str) -> None:
        """Go to ``stage`` and select ``item_id`` there ("" only goes to the stage)."""
        self.go_to_stage(stage)
        if item_id and not self.stage_area.pages[stage].reveal(item_id):
            self.statusBar().showMessage("That item is no longer there.", 5000)

    def request_changes(self, changes: Mapping[str, object], label: str) -> None:
        """Store ``changes`` to the open postmortem as one undo step (from outside the pages)."""
        self._on_changes_requested(self.current_stage(), changes, label)

    def go_to_stage(self, stage: Stage) -> None:
        if self._current_id is not None:
            self.stage_area.set_stage(stage)

    def focus_search(self) -> None:
        self.menu_actions.toggle_library.setChecked(True)
        self.library_panel.focus_search()

    def open_from_library(self) -> None:
        """Open the selected row when the list has focus; otherwise go to the search field."""
        if self.library_panel.table.hasFocus() and self.library_panel.open_selected():
            return
        self.focus_search()

    def set_guidance_expanded(self, expanded: bool) -> None:
        """Expand or collapse every stage's guidance and remember the choice."""
        self.stage_area.set_guidance_expanded(expanded)
        if self.menu_actions.toggle_guidance.isChecked() != expanded:
            self.menu_actions.toggle_guidance.setChecked(expanded)
        self.settings.setValue(GUIDANCE_KEY, expanded)

    # -- reacting to the session -------------------------------------------------------------

    def _on_changes_requested(
        self, stage: Stage, changes: Mapping[str, object], label: str
    ) -> None:
        if self._current_id is None:
            return
        page = self.stage_area.pages[stage]
        try:
            if self._presenting:  # built from the shared view: put the private parts back
                changes = keep_private(self.session.shown(self._current_id), changes)
            self.session.request_changes(self._current_id, changes, label, stage)
        except ValueError as error:
            # ValidationError, or the store refusing a field no page should send: either way
            # nothing was stored, and the page says why.
            page.show_validation_error(str(error))
            return
        except LibraryError as error:  # the postmortem vanished under us (another window)
            self.statusBar().showMessage(str(error), 8000)
            return
        page.clear_validation_error()

    def _on_changed(self, change: StoredChange) -> None:
        if change.membership or change.postmortem is None:
            self._refresh_lists()
        else:  # one postmortem edited: refresh its row, not the whole library
            self.library_panel.refresh_options()
            self.library_panel.refresh_postmortem(change.postmortem_id)
            self._refresh_recent()
        if change.postmortem is None:
            self.recent.remove(change.postmortem_id)
            if change.postmortem_id == self._current_id:
                self.close_postmortem()
            return
        if change.postmortem_id == self._current_id:
            self._show(change.postmortem)
            self._update_title(change.postmortem)
        elif change.reveal:
            self.open_postmortem(change.postmortem_id)
        if change.reveal and change.stage is not None:
            self.stage_area.set_stage(change.stage)

    def _on_saved(self) -> None:
        self.banner.hide()
        self.save_indicator.set_saved()

    def _on_save_failed(self, reason: str) -> None:
        self.banner.show_failure(reason)
        self.save_indicator.set_failed()

    # -- helpers -----------------------------------------------------------------------------

    def _share_library_settings(self) -> None:
        """Pages that link tracker keys get the library's pattern, and may change it."""
        try:
            pattern = self.library.setting(TRACKER_PATTERN_KEY)
        except LibraryError as error:
            self.statusBar().showMessage(str(error), 8000)
            pattern = ""
        for page in self.stage_area.pages.values():
            page.set_tracker_pattern(pattern)
            page.tracker_pattern_changed.connect(self._store_tracker_pattern)

    def _store_tracker_pattern(self, pattern: str) -> None:
        try:
            self.library.set_setting(TRACKER_PATTERN_KEY, pattern)
        except LibraryError as error:
            self.statusBar().showMessage(f"The tracker pattern was not saved: {error}", 8000)
            return
        for page in self.stage_area.pages.values():
            page.set_tracker_pattern(pattern)
        self.statusBar().showMessage("Tracker link pattern saved for this library.", 5000)

    def _refresh_lists(self) -> None:
        self.library_panel.refresh_options()
        self.library_panel.refresh()
        self.library_panel.select_postmortem(self._current_id)
        self._refresh_recent()

    def _recent_summaries(self) -> list[PostmortemSummary]:
        """The recently opened postmortems that still exist, most recent first."""
        recent_ids = self.recent.ids()
        by_id = {summary.id: summary for summary in self.library.summaries(ids=recent_ids)}
        return [by_id[i] for i in recent_ids if i in by_id]

    def _refresh_recent(self) -> None:
        self.empty_state.set_recent(self._recent_summaries())

    def _fill_recent_menu(self) -> None:
        menu = self.menu_actions.recent_menu
        menu.clear()
        recent = self._recent_summaries()
        for number, summary in enumerate(recent, start=1):
            # Escape '&' so a title is not read as a mnemonic; menus show text only.
            action = menu.addAction(f"&{number}  {summary.title.replace('&', '&&')}")
            action.triggered.connect(lambda _=False, i=summary.id: self.open_postmortem(i))
        if not recent:
            menu.addAction("No recent postmortems").setEnabled(False)

    def _update_title(self, postmortem: Postmortem | None) -> None:
        if postmortem is None:
            self.setWindowTitle(f"Retro - {self.library_path.name}")
        else:
            self.setWindowTitle(f"{postmortem.title} - Retro")

    def _enable_postmortem_actions(self, enabled: bool) -> None:
        for action in self.menu_actions.postmortem_actions():
            action.setEnabled(enabled)
        # The export window shows redaction terms and every private field: not on a shared screen.
        self.menu_actions.export.setEnabled(enabled and not self._presenting)
        self.timer_bar.setVisible(enabled)  # a meeting is about an open postmortem

    def _commit_typing(self) -> None:
        """Let the focused editor commit what was typed before the view moves on."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never lose an unsaved edit silently: save again, discard on purpose, or stay."""
        self._commit_typing()
        self.timer_bar.set_postmortem(None)  # the meeting's last stretch is stored, too
        while self.session.has_pending():
            choice = dialogs.ask_unsaved_changes(self, self.session.last_failure)
            if choice is dialogs.UnsavedChoice.SAVE_AGAIN:
                self.session.retry()
            elif choice is dialogs.UnsavedChoice.DISCARD:
                self.session.discard_pending()
            else:
                event.ignore()
                return
        self.presentation.leave()  # the desk layout is the one to remember
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue(
            "window/libraryVisible", self.menu_actions.toggle_library.isChecked()
        )
        save_splitters(self.settings, self.stage_area.pages)
        if self._current_id is None:
            self.settings.remove(LAST_POSTMORTEM_KEY)
        else:
            self.settings.setValue(LAST_POSTMORTEM_KEY, self._current_id)
            self.settings.setValue(LAST_STAGE_KEY, self.current_stage().value)
        self.settings.sync()
        event.accept()
