"""Undo commands: each wraps one store operation and its inverse.

Every command is pushed *after* its first write has succeeded (or been kept as a pending edit),
so a refused edit never reaches the stack; the first ``redo`` that QUndoStack.push makes is
therefore skipped. Later undo/redo go through the session, which writes, keeps unsaved edits on
failure and tells the window what to show.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.domain.model import Postmortem, Stage

if TYPE_CHECKING:
    from app.ui.session import EditSession

# Consecutive text edits of one field merge into a single undo step while the user keeps typing.
MERGE_WINDOW_SECONDS = 2.0


def field_command_id(field: str) -> int:
    """A stable positive id per field name, so QUndoStack only offers like edits to merge."""
    return zlib.crc32(field.encode()) & 0x3FFFFFFF


class _SessionCommand(QUndoCommand):
    """Skips the redo QUndoStack.push makes, since the session already did the work."""

    def __init__(self, session: EditSession, label: str) -> None:
        super().__init__(label)
        self.session = session
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self.session.begin_history_step()
        if not self.apply(forward=True):
            self.setObsolete(True)

    def undo(self) -> None:
        self.session.begin_history_step()
        if not self.apply(forward=False):
            self.setObsolete(True)

    def apply(self, *, forward: bool) -> bool:
        """Do (forward) or revert the operation; False if it could not be done at all."""
        raise NotImplementedError


class EditPostmortemCommand(_SessionCommand):
    """Set top-level fields of one postmortem together; undo puts the old values back.

    Most edits change one field. Some change several at once (removing a cause also unlinks it
    from the action items that addressed it), and they must be one undo step, or undoing half of
    one would leave a reference to a cause that is not there.
    """

    def __init__(
        self,
        session: EditSession,
        postmortem_id: int,
        *,
        old_values: Mapping[str, object],
        new_values: Mapping[str, object],
        label: str,
        stage: Stage | None = None,
    ) -> None:
        super().__init__(session, label)
        self.postmortem_id = postmortem_id
        self.old_values = dict(old_values)
        self.new_values = dict(new_values)
        self.stage = stage
        self._generation = session.history_generation
        self._last_edit = time.monotonic()

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(sorted(self.new_values))

    def _typing(self) -> bool:
        """Whether this is text typed into one field: the only kind of edit that merges."""
        return len(self.new_values) == 1 and all(
            isinstance(value, str) for value in self.new_values.values()
        )

    def id(self) -> int:
        return field_command_id(self.fields[0]) if self._typing() else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Absorb ``other`` if it continues typing in the same field of the same postmortem."""
        if not isinstance(other, EditPostmortemCommand) or not other._typing():
            return False
        same_target = (other.postmortem_id, other.fields) == (self.postmortem_id, self.fields)
        same_burst = other._last_edit - self._last_edit <= MERGE_WINDOW_SECONDS
        no_undo_between = other._generation == self._generation
        if not (same_target and same_burst and no_undo_between):
            return False
        self.new_values = other.new_values
        self._last_edit = other._last_edit
        # Typing something and deleting it again leaves nothing to undo.
        self.setObsolete(self.new_values == self.old_values)
        return True

    def apply(self, *, forward: bool) -> bool:
        values = self.new_values if forward else self.old_values
        return self.session.write_from_history(self.postmortem_id, values, self.stage, self.text())


class CreatePostmortemCommand(_SessionCommand):
    """A postmortem that New or Duplicate made; undo deletes it, redo restores it."""

    def __init__(self, session: EditSession, created: Postmortem, label: str) -> None:
        super().__init__(session, label)
        self.postmortem = created

    def apply(self, *, forward: bool) -> bool:
        if forward:
            return self.session.restore_from_history(self.postmortem, self.text())
        removed = self.session.delete_from_history(self.postmortem, self.text())
        if removed is None:
            return False
        self.postmortem = removed
        return True


class DeletePostmortemCommand(_SessionCommand):
    """A deleted postmortem; undo restores it with the same id until the window closes."""

    def __init__(self, session: EditSession, deleted: Postmortem) -> None:
        super().__init__(session, "Delete Postmortem")
        self.postmortem = deleted

    def apply(self, *, forward: bool) -> bool:
        if not forward:
            return self.session.restore_from_history(self.postmortem, self.text())
        removed = self.session.delete_from_history(self.postmortem, self.text())
        if removed is None:
            return False
        self.postmortem = removed
        return True
