"""Typing becomes edits at a pause or when the user leaves the field, never per keystroke.

Emitting on every keystroke would make each character an undo step; emitting only on focus-out
would lose text if the window closed first. ``DebouncedText`` reports the text after a short
pause in typing *and* on Enter / focus-out, whichever comes first; the page decides whether the
text is a change worth requesting. ``sync`` is the other direction: it shows a stored value
without trampling what the user is in the middle of typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

TYPING_PAUSE_MS = 400


def _same_text(shown: str, stored: str) -> bool:
    return shown == stored


class DebouncedText(QObject):
    """Watches one line or plain-text edit and emits ``committed(text, finished)``.

    ``finished`` is False for a pause in typing and True for Enter or focus leaving the field,
    so a page can be lenient mid-typing (no error for a half-typed date) and firm at the end.
    """

    committed = Signal(str, bool)

    def __init__(self, editor: QLineEdit | QPlainTextEdit, delay_ms: int = TYPING_PAUSE_MS) -> None:
        super().__init__(editor)
        self._editor = editor
        self._setting_text = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self.committed.emit(self.text(), False))
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text: self._timer.start())
            editor.editingFinished.connect(self.finish)
        else:
            editor.textChanged.connect(self._on_plain_text_changed)
            editor.installEventFilter(self)

    @property
    def editor(self) -> QLineEdit | QPlainTextEdit:
        return self._editor

    @property
    def pending(self) -> bool:
        """True while typed text waits for its pause."""
        return self._timer.isActive()

    def text(self) -> str:
        if isinstance(self._editor, QLineEdit):
            return self._editor.text()
        return self._editor.toPlainText()

    def finish(self) -> None:
        """Report the text now as final (Enter, focus-out, or a caller that must not wait)."""
        self._timer.stop()
        self.committed.emit(self.text(), True)

    def sync(
        self,
        previous: str | None,
        stored: str,
        same: Callable[[str, str], bool] = _same_text,
    ) -> None:
        """Show ``stored`` unless the user's text should stay.

        ``previous`` is the stored text shown before (None for a different postmortem). When the
        stored value did not change, whatever the user has typed stays, committed or not. When it
        did change but the widget already says the same thing in the user's spelling (``same``,
        e.g. a trailing comma in a list), the text and cursor stay too.
        """
        if previous is not None and previous == stored:
            return
        if same(self.text(), stored):
            return
        self.set_text(stored)

    def set_text(self, text: str) -> None:
        """Replace the text without reporting it, keeping the cursor and scroll where they were."""
        self._timer.stop()
        self._setting_text = True
        try:
            if isinstance(self._editor, QLineEdit):
                position = self._editor.cursorPosition()
                self._editor.setText(text)
                self._editor.setCursorPosition(min(position, len(text)))
            else:
                self._set_plain_text(self._editor, text)
        finally:
            self._setting_text = False

    @staticmethod
    def _set_plain_text(editor: QPlainTextEdit, text: str) -> None:
        position = editor.textCursor().position()
        scroll = editor.verticalScrollBar().value()
        editor.setPlainText(text)
        cursor = editor.textCursor()
        cursor.setPosition(min(position, len(editor.toPlainText())))
        cursor.clearSelection()
        editor.setTextCursor(cursor)
        editor.moveCursor(QTextCursor.MoveOperation.NoMove)
        editor.verticalScrollBar().setValue(scroll)

    def _on_plain_text_changed(self) -> None:
        if not self._setting_text:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A context menu or completer popup takes focus for a moment; that is not leaving.
        if (
            watched is self._editor
            and event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.PopupFocusReason
        ):
            self.finish()
        return super().eventFilter(watched, event)
