"""Windows beside the main one: the final review, the library-wide follow-ups, the export.

Both follow the main window: the review re-evaluates the open postmortem whenever it changes,
and both send the facilitator back to the place to act ("Go to", a double-clicked action item)
through the main window's ``reveal``. They never write directly; a kept flag is one more
undoable edit through the window's session.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.domain.followups import FollowUps
from app.domain.model import Postmortem, Stage
from app.domain.redaction import ALLOWED_HOSTS_KEY, INTERNAL_DOMAINS_KEY
from app.domain.tracker import TRACKER_PATTERN_KEY
from app.store import LibraryError
from app.ui.export_dialog.dialog import ExportDialog
from app.ui.followups import FollowUpsView
from app.ui.review.window import ReviewWindow, page_item

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class SideWindows(QObject):
    """Creates the review and follow-ups windows on first use and keeps them in step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.review: ReviewWindow | None = None
        self.follow_ups: FollowUpsView | None = None
        self.export: ExportDialog | None = None

    def show_review(self) -> ReviewWindow:
        if self.review is None:
            self.review = ReviewWindow(self._window)
            self.review.panel.reveal_requested.connect(self._reveal_review_element)
            self.review.panel.edit_requested.connect(self._store_review_edit)
        pm = self._window.shown_postmortem()
        if pm is not None:
            self.review.show_postmortem(pm)
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()
        return self.review

    def show_follow_ups(self) -> FollowUpsView:
        if self.follow_ups is None:
            self.follow_ups = FollowUpsView(self._load_follow_ups, self._window)
            self.follow_ups.setWindowFlag(Qt.WindowType.Window, on=True)
            self.follow_ups.setWindowTitle("Follow-ups")
            self.follow_ups.open_requested.connect(self._open_follow_up)
        self.follow_ups.show()
        self.follow_ups.refresh()
        self.follow_ups.raise_()
        self.follow_ups.activateWindow()
        return self.follow_ups

    def show_export(self) -> ExportDialog | None:
        """File > Export… for the open postmortem (window-modal: the postmortem stays put)."""
        pm = self._window.current_postmortem()
        if pm is None:
            return None
        library = self._window.library
        try:
            settings = {
                key: library.setting(key)
                for key in (TRACKER_PATTERN_KEY, ALLOWED_HOSTS_KEY, INTERNAL_DOMAINS_KEY)
            }
        except LibraryError as error:
            self._window.statusBar().showMessage(str(error), 8000)
            settings = {}
        dialog = ExportDialog(
            pm,
            tracker_pattern=settings.get(TRACKER_PATTERN_KEY, ""),
            allowed_hosts=settings.get(ALLOWED_HOSTS_KEY, ""),
            internal_domains=settings.get(INTERNAL_DOMAINS_KEY, ""),
            parent=self._window,
        )
        dialog.terms_requested.connect(self._store_terms)
        dialog.setting_changed.connect(self._store_setting)
        dialog.finished.connect(lambda _result: self._forget_export(dialog))
        self.export = dialog
        dialog.open()
        return dialog

    def _forget_export(self, dialog: ExportDialog) -> None:
        if self.export is dialog:
            self.export = None
        dialog.deleteLater()

    def _store_terms(self, terms: object) -> None:
        if isinstance(terms, tuple):
            self._window.request_changes({"redaction_terms": terms}, "Add Redaction Term")

    def _store_setting(self, key: str, value: str) -> None:
        try:
            self._window.library.set_setting(key, value)
        except LibraryError as error:
            self._window.statusBar().showMessage(f"The setting was not saved: {error}", 8000)

    def postmortem_shown(self, postmortem: Postmortem | None) -> None:
        """The main window shows ``postmortem`` (None: nothing open): follow it."""
        if self.review is not None and self.review.isVisible():
            if postmortem is None:
                self.review.hide()
            else:
                self.review.show_postmortem(postmortem)
        if self.follow_ups is not None and self.follow_ups.isVisible():
            self.follow_ups.refresh()
        if self.export is not None and postmortem is not None:
            self.export.set_postmortem(postmortem)

    def _load_follow_ups(self, today: date) -> FollowUps:
        return self._window.library.follow_ups(today)

    def _reveal_review_element(self, stage: Stage, element: str) -> None:
        self._window.reveal(stage, page_item(element))
        self._window.activateWindow()

    def _store_review_edit(self, requested: object, label: str) -> None:
        current = self._window.shown_postmortem()
        if not isinstance(requested, Postmortem) or current is None:
            return
        changes = {"coaching_dismissals": requested.coaching_dismissals}
        if changes["coaching_dismissals"] != current.coaching_dismissals:
            self._window.request_changes(changes, label)

    def _open_follow_up(self, postmortem_id: int, stage: object, item_id: str) -> None:
        if isinstance(stage, Stage) and self._window.open_postmortem(postmortem_id):
            self._window.reveal(stage, item_id)
            self._window.raise_()
            self._window.activateWindow()
