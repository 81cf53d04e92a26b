"""The edit pipeline: every change becomes one autosaved, undoable step.

Pages ask for edits; the session writes them to the library at once (there is no Save button),
pushes an undo command and tells the window what to show. When the file cannot be written, the
edit is not lost: it stays in memory as a *pending* change, shown on screen over the stored
postmortem, and is written on the next edit or on Retry. The window only listens to
``changed``, ``saved`` and ``save_failed``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.domain.errors import ValidationError
from app.domain.model import Postmortem, Severity, Stage, new_postmortem
from app.store import Library, LibraryError, LibraryWriteError, PostmortemNotFoundError
from app.ui.commands import CreatePostmortemCommand, DeletePostmortemCommand, EditPostmortemCommand


def with_changes(postmortem: Postmortem, changes: Mapping[str, object]) -> Postmortem:
    """``postmortem`` with whole fields replaced; the model validates the result."""
    return dataclasses.replace(postmortem, **changes)  # type: ignore[arg-type]


def describe_failure(error: Exception) -> str:
    """The banner's sentence for a failed write: which file, why, and that nothing is lost."""
    if isinstance(error, LibraryWriteError):
        return (
            f"Retro cannot save to {error.path.name}: {error.detail}. Your last change is kept "
            "on screen; Retro tries again when you edit again, or press Retry."
        )
    return str(error)


@dataclass(frozen=True)
class StoredChange:
    """What one write changed, for the views to refresh from."""

    postmortem_id: int
    postmortem: Postmortem | None  # as shown now (stored plus unsaved edits); None once deleted
    stage: Stage | None = None  # the stage the edit belongs to, so undo can show where it happened
    reveal: bool = False  # show it even if another postmortem is open (undo, redo, new)
    membership: bool = False  # the set of postmortems changed (new, duplicate, delete)


class EditSession(QObject):
    """One window's undo stack, autosave and unsaved-edit memory over one library."""

    changed = Signal(object)  # StoredChange
    saved = Signal()
    save_failed = Signal(str)  # the reason, naming the file

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._pending: dict[int, dict[str, object]] = {}
        self.last_failure = ""
        # Bumped by every undo/redo, so typing after an undo never merges into older steps.
        self.history_generation = 0

    # -- reading -----------------------------------------------------------------------------

    def shown(self, postmortem_id: int) -> Postmortem:
        """The postmortem as the user sees it: stored, with any unsaved edits on top."""
        stored = self.library.load(postmortem_id)
        pending = self._pending.get(postmortem_id)
        return with_changes(stored, pending) if pending else stored

    def has_pending(self) -> bool:
        return bool(self._pending)

    def pending_fields(self, postmortem_id: int) -> dict[str, object]:
        return dict(self._pending.get(postmortem_id, {}))

    # -- user actions ------------------------------------------------------------------------

    def request_edit(
        self, postmortem_id: int, field: str, value: object, label: str, stage: Stage | None
    ) -> None:
        """Write ``field = value`` and push an undo step; ValidationError leaves no trace."""
        self.request_changes(postmortem_id, {field: value}, label, stage)

    def request_changes(
        self,
        postmortem_id: int,
        changes: Mapping[str, object],
        label: str,
        stage: Stage | None,
    ) -> None:
        """Write several fields as one undo step; fields whose value is unchanged are dropped."""
        current = self.shown(postmortem_id)
        for field in changes:
            if not hasattr(current, field):
                raise ValidationError(field, "is not a field of a postmortem")
        new_values = {
            field: value for field, value in changes.items() if getattr(current, field) != value
        }
        if not new_values:
            return
        old_values = {field: getattr(current, field) for field in new_values}
        self._write(postmortem_id, new_values, stage, reveal=False)
        command = EditPostmortemCommand(
            self,
            postmortem_id,
            old_values=old_values,
            new_values=new_values,
            label=label,
            stage=stage,
        )
        self.undo_stack.push(command)

    def record(self, postmortem_id: int, changes: Mapping[str, object]) -> None:
        """Write ``changes`` as a record, not an edit: no undo step (the meeting's time spent).

        Undoing an edit must not take back the minutes the meeting has since spent; edits
        restore only their own fields, so a record beside them never conflicts.
        """
        current = self.shown(postmortem_id)
        new_values = {
            field: value for field, value in changes.items() if getattr(current, field) != value
        }
        if new_values:
            self._write(postmortem_id, new_values, None, reveal=False)

    def create(self, title: str, severity: Severity) -> Postmortem | None:
        """A new postmortem with the template its severity calls for; None if not written."""
        try:
            created = self.library.create(new_postmortem(title, severity))
        except LibraryWriteError as error:
            self._report_failure(error)
            return None
        self._after_membership_change(created)
        self.undo_stack.push(CreatePostmortemCommand(self, created, "New Postmortem"))
        return created

    def duplicate(self, postmortem_id: int) -> Postmortem | None:
        if not self.retry():
            return None
        try:
            copy = self.library.duplicate(postmortem_id)
        except LibraryWriteError as error:
            self._report_failure(error)
            return None
        self._after_membership_change(copy)
        self.undo_stack.push(CreatePostmortemCommand(self, copy, "Duplicate Postmortem"))
        return copy

    def delete(self, postmortem_id: int) -> Postmortem | None:
        """Delete as an undoable step; unsaved edits are written first so undo brings them back."""
        if not self.retry():
            return None
        try:
            deleted = self.library.delete(postmortem_id)
        except LibraryWriteError as error:
            self._report_failure(error)
            return None
        self._report_saved()
        self.changed.emit(StoredChange(postmortem_id, None, membership=True))
        self.undo_stack.push(DeletePostmortemCommand(self, deleted))
        return deleted

    def retry(self) -> bool:
        """Write every unsaved edit again; True when nothing is left unsaved."""
        for postmortem_id, changes in list(self._pending.items()):
            try:
                stored = self.library.update(postmortem_id, changes)
            except LibraryWriteError as error:
                self._report_failure(error)
                return False
            except (ValidationError, PostmortemNotFoundError) as error:
                # Cannot happen through the UI (edits are validated first); never loop on it.
                del self._pending[postmortem_id]
                self._report_failure(error)
                return False
            del self._pending[postmortem_id]
            self._report_saved()
            self.changed.emit(StoredChange(postmortem_id, stored))
        return True

    def discard_pending(self) -> None:
        """Forget unsaved edits (the user chose to close without them)."""
        self._pending.clear()

    # -- called by undo commands -------------------------------------------------------------

    def begin_history_step(self) -> None:
        self.history_generation += 1

    def write_from_history(
        self, postmortem_id: int, changes: Mapping[str, object], stage: Stage | None, what: str
    ) -> bool:
        try:
            self._write(postmortem_id, changes, stage, reveal=True)
        except (ValidationError, PostmortemNotFoundError) as error:
            self._report_failure(error, f"Retro could not {what.lower()}")
            return False
        return True

    def restore_from_history(self, postmortem: Postmortem, what: str) -> bool:
        try:
            restored = self.library.restore(postmortem)
        except LibraryError as error:
            self._report_failure(error, f"Retro could not {what.lower()}")
            return False
        self._after_membership_change(restored)
        return True

    def delete_from_history(self, postmortem: Postmortem, what: str) -> Postmortem | None:
        assert postmortem.id is not None
        try:
            removed = self.library.delete(postmortem.id)
        except (LibraryError, PostmortemNotFoundError) as error:
            self._report_failure(error, f"Retro could not {what.lower()}")
            return None
        self._pending.pop(postmortem.id, None)
        self._report_saved()
        self.changed.emit(StoredChange(postmortem.id, None, membership=True))
        return removed

    # -- internals ---------------------------------------------------------------------------

    def _write(
        self,
        postmortem_id: int,
        changes: Mapping[str, object],
        stage: Stage | None,
        *,
        reveal: bool,
    ) -> None:
        merged = {**self._pending.get(postmortem_id, {}), **changes}
        try:
            shown = self.library.update(postmortem_id, merged)
        except LibraryWriteError as error:
            # Check the values before keeping them, so only valid edits wait to be written.
            shown = with_changes(self.library.load(postmortem_id), merged)
            self._pending[postmortem_id] = merged
            self._report_failure(error)
        else:
            self._pending.pop(postmortem_id, None)
            self._report_saved()
        self.changed.emit(StoredChange(postmortem_id, shown, stage, reveal=reveal))
        if postmortem_id not in self._pending and self._pending:
            self.retry()

    def _after_membership_change(self, postmortem: Postmortem) -> None:
        assert postmortem.id is not None
        self._report_saved()
        self.changed.emit(StoredChange(postmortem.id, postmortem, reveal=True, membership=True))

    def _report_saved(self) -> None:
        if not self._pending:
            self.last_failure = ""
            self.saved.emit()

    def _report_failure(self, error: Exception, prefix: str = "") -> None:
        reason = f"{prefix}: {error}" if prefix else describe_failure(error)
        self.last_failure = reason
        self.save_failed.emit(reason)
