"""The command bar itself: a field, what Enter will do, and completions or matching commands.

See the package docstring for how a window uses it. The bar reads lines with
``app.domain.quick_capture`` and never stores anything: a capture leaves as a signal carrying the
changed fields, and the window answers by pushing the stored postmortem back with
``set_context``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLineEdit, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.domain.command_search import CommandMatch
from app.domain.model import Postmortem, Stage
from app.domain.quick_capture import (
    STAGE_KEY_PREFIX,
    CaptureKind,
    CapturePreview,
    apply_capture,
    complete,
    completions,
    confirmation,
    preview_capture,
)
from app.ui.labels import plain_label
from app.ui.quick_capture.choice_list import ChoiceList
from app.ui.quick_capture.preview_line import (
    DONE_WORD,
    PROBLEM_WORD,
    PreviewLine,
    PreviewText,
    describe,
)
from app.ui.theme import Tone, set_tone

PLACEHOLDER = "14:02 what happened  ·  ! action  ·  + - ~ observation  ·  ? why  ·  # park it"
SYNTAX = (
    "Start with a time to add a timeline event, ! for an action item, + - or ~ for what went "
    "well, what went wrong or where we got lucky, ? for a five-whys answer, # to park a point; "
    "anything else finds a stage or command."
)
# Where each kind of item lives, so the undo step says where it went.
HOME_STAGES: dict[CaptureKind, Stage] = {
    "timeline_event": Stage.TIMELINE,
    "action_item": Stage.ACTION_ITEMS,
    "observation": Stage.WHAT_WORKED,
    "why": Stage.ROOT_CAUSE,
}
WIDTH_SHARE = 0.6
MIN_WIDTH_CHARS = 50
# Long enough to read aloud to the room, short enough not to be mistaken for the next preview.
CONFIRMATION_MS = 6000
_NAVIGATION = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5}
_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, *_NAVIGATION}


def changed_fields(before: Postmortem, after: Postmortem) -> dict[str, object]:
    """Every top-level field of ``after`` whose value differs from ``before``'s."""
    return {
        field.name: getattr(after, field.name)
        for field in dataclasses.fields(Postmortem)
        if getattr(after, field.name) != getattr(before, field.name)
    }


class QuickCaptureBar(QFrame):
    """The Ctrl+K bar floating at the top centre of ``host`` (see the package docstring)."""

    changes_requested = Signal(object, str, object)  # {field: value}, undo label, Stage
    command_chosen = Signal(str)  # a command key, or "stage:<n>"

    def __init__(
        self,
        host: QWidget,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(host)
        self.setObjectName("quickCaptureBar")
        self.setAccessibleName("Quick capture")
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setLineWidth(2)
        self.setAutoFillBackground(True)
        self._host = host
        self._clock = clock
        self._pm: Postmortem | None = None
        self._stage = Stage.SCOPE
        self._zone: tzinfo = UTC
        self._selected_why: str | None = None
        self._commands: tuple[tuple[str, str], ...] = ()
        self._preview = preview_capture("", None, zone=UTC)
        self._offered: tuple[str, ...] = ()  # completions on the list, when it shows them
        self._matches: tuple[CommandMatch, ...] = ()  # stages and commands on the list
        self._browsing = False  # Down on an empty line lists every stage and command
        self._return_focus: QWidget | None = None
        self._watching = False  # the application's clicks and focus, while open
        self._build()
        self.field.textEdited.connect(self._on_edited)
        self.field.installEventFilter(self)
        self.choices.itemClicked.connect(lambda item: self._choose(self.choices.row(item)))
        host.installEventFilter(self)
        self.hide()
        self._refresh()

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setObjectName("quickCaptureField")
        self.field.setAccessibleName("Quick capture")
        self.field.setAccessibleDescription(SYNTAX)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setToolTip(SYNTAX)
        self.field.setClearButtonEnabled(False)
        self.preview_line = PreviewLine(self)
        self.choices = ChoiceList(self)
        self.choices.setObjectName("quickCaptureChoices")
        self.keys = plain_label("", self)
        self.keys.setObjectName("quickCaptureKeys")
        self.keys.setAccessibleName("Keys")
        set_tone(self.keys, Tone.MUTED)
        self._done_timer = QTimer(self)
        self._done_timer.setSingleShot(True)
        self._done_timer.setInterval(CONFIRMATION_MS)
        self._done_timer.timeout.connect(self._refresh)
        self._layout = layout = QVBoxLayout(self)
        self._space()
        layout.addWidget(self.field)
        layout.addWidget(self.preview_line)
        layout.addWidget(self.choices)
        layout.addWidget(self.keys)

    # -- what the window calls ---------------------------------------------------------------

    def set_context(
        self, pm: Postmortem | None, stage: Stage, zone: tzinfo, selected_why: str | None
    ) -> None:
        """What a line is read against: the postmortem as shown (the only data the bar uses),
        the stage on screen, the zone times are typed in and the selected five-whys answer."""
        self._pm, self._stage, self._zone, self._selected_why = pm, stage, zone, selected_why
        self._refresh()

    def commands(self) -> tuple[tuple[str, str], ...]:
        """The (key, label) pairs the bar searches besides the stages."""
        return self._commands

    def set_commands(self, commands: Sequence[tuple[str, str]]) -> None:
        """``(key, label)`` pairs found by name besides the stages."""
        self._commands = tuple(commands)
        self._refresh()

    def open(self, prefix: str = "") -> None:
        """Show the bar with the field focused; a ``prefix`` replaces what was typed."""
        if not self._watching:
            focused = QApplication.focusWidget()
            self._return_focus = None if focused is None or self._holds(focused) else focused
            self._browsing = False
            self._watch(True)
        self.show()
        self.raise_()
        # Focus first: a field focused by a shortcut selects all, which would eat the prefix.
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if prefix:
            self.field.setText(prefix)
            self.field.end(False)
        else:
            self.field.selectAll()
        self._refresh()

    def dismiss(self, *, restore_focus: bool = True) -> None:
        """Hide the bar; focus goes back to the widget that had it when the bar opened."""
        if not self._watching:
            return
        self._watch(False)
        self.hide()
        previous, self._return_focus = self._return_focus, None
        if restore_focus and previous is not None and isValid(previous) and previous.isVisible():
            previous.setFocus(Qt.FocusReason.PopupFocusReason)

    def _watch(self, on: bool) -> None:
        """Follow clicks and focus anywhere in the application, to close when they go elsewhere."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._watching = on
        if on:
            app.installEventFilter(self)
            app.focusChanged.connect(self._on_focus_changed)
        else:
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._on_focus_changed)

    @property
    def preview(self) -> CapturePreview:
        """What the typed line will do, as last read."""
        return self._preview

    # -- reading the line --------------------------------------------------------------------

    def _on_edited(self, _text: str) -> None:
        self._done_timer.stop()
        self._browsing = False
        self._refresh()

    def _refresh(self) -> None:
        """Read the line again against the context, and show what Enter will do."""
        text = self.field.text()
        self._preview = preview = preview_capture(
            text,
            self._pm,
            zone=self._zone,
            selected_why=self._selected_why,
            commands=self._commands,
        )
        searching = preview.kind == "command" and (bool(text.strip()) or self._browsing)
        keep = self._kept_choice()
        self._matches = preview.matches if searching else ()
        self._offered = () if preview.attempted == "command" else completions(text, self._pm)
        if self._matches:
            rows = [_match_text(match) for match in self._matches]
            keys = [match.key for match in self._matches]
            self.choices.show_choices(rows, keys.index(keep) if keep in keys else 0)
        else:
            self.choices.show_choices(self._offered, None)
        self._show_preview()

    def _kept_choice(self) -> str | None:
        """The stage or command highlighted now, kept highlighted when the list is refreshed."""
        row = self.choices.current()
        return self._matches[row].key if self._matches and row is not None else None

    def _chosen_match(self) -> CommandMatch | None:
        row = self.choices.current()
        return self._matches[row] if self._matches and row is not None else None

    def _show_preview(self) -> None:
        # The confirmation of the last capture stays a while, until typing starts.
        if not (self._done_timer.isActive() and not self.field.text()):
            self.preview_line.show_text(describe(self._preview, self._chosen_match()))
        self.keys.setText(self._keys_text())
        self._place()

    def _keys_text(self) -> str:
        chosen = self._chosen_match()
        if chosen is not None:
            stage = chosen.key.startswith(STAGE_KEY_PREFIX)
            return f"↑ ↓ choose  ·  Enter: {'go there' if stage else 'run it'}  ·  Esc: close"
        if self._offered:
            return "Tab: complete  ·  ↑ ↓ choose  ·  Enter: add  ·  Esc: close"
        if self._preview.kind in HOME_STAGES or self._preview.kind == "parking_lot":
            return "Enter: add, then type the next  ·  Esc: close"
        if self._preview.kind == "command":
            return "↓ lists stages and commands  ·  Esc: close"
        return "Esc: close"

    # -- acting ------------------------------------------------------------------------------

    def _enter(self) -> None:
        if self._offered and self.choices.current() is not None:
            self._choose(self.choices.current())
        elif self._matches:
            self._choose(self.choices.current() or 0)
        elif self._preview.kind in HOME_STAGES or self._preview.kind == "parking_lot":
            self._capture()

    def _choose(self, row: int | None) -> None:
        """Run the stage or command on ``row``, or put the completion on ``row`` in the line."""
        if row is None:
            return
        if self._matches:
            key = self._matches[row].key
            self.dismiss()  # first, so the command can move the focus where it wants it
            self.command_chosen.emit(key)
        elif self._offered:
            self.field.setText(complete(self.field.text(), self._offered[row]))
            self._on_edited(self.field.text())

    def _capture(self) -> None:
        preview, pm = self._preview, self._pm
        if pm is None:
            return
        try:
            changed, label = apply_capture(preview, pm, stage=self._stage, now=self._clock())
        except ValueError as error:  # the postmortem changed under the preview: say why
            reason = str(error)
            shown = PreviewText(PROBLEM_WORD, reason[:1].upper() + reason[1:], Tone.ERROR)
            self.preview_line.show_text(shown)
            return
        self.field.clear()
        self._browsing = False
        self._done_timer.start()
        self.preview_line.show_text(PreviewText(DONE_WORD, confirmation(preview), Tone.SUCCESS))
        self._refresh()
        self.changes_requested.emit(
            changed_fields(pm, changed), label, HOME_STAGES.get(preview.kind, self._stage)
        )

    # -- keys, clicks and focus --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.field and isinstance(event, QKeyEvent):
            if kind == QEvent.Type.ShortcutOverride and self._handles(event):
                event.accept()  # the bar's keys win over the window's shortcuts (Esc, arrows)
                return True
            if kind == QEvent.Type.KeyPress and self._handles(event):
                self._key(Qt.Key(event.key()))
                return True
        if watched is self._host and kind == QEvent.Type.Resize:
            self._place()
        elif (
            kind == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and self._watching
            and self._elsewhere(watched)
        ):
            self.dismiss(restore_focus=False)  # the click gives focus where it landed
        return super().eventFilter(watched, event)

    def _handles(self, event: QKeyEvent) -> bool:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        return key in _KEYS or (key == Qt.Key.Key_Tab and bool(self._offered))

    def _key(self, key: Qt.Key) -> None:
        if key == Qt.Key.Key_Escape:
            self.dismiss()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
        elif key == Qt.Key.Key_Tab and self._offered:
            self._choose(self.choices.current() or 0)
        elif key in _NAVIGATION:
            self._navigate(_NAVIGATION[key])

    def _navigate(self, offset: int) -> None:
        if not self.choices.count() and self._preview.kind == "command" and offset > 0:
            self._browsing = True  # Down on an empty line: everything the bar can go to
            self._refresh()
            return
        self.choices.step(offset)
        self._show_preview()

    def _holds(self, widget: QWidget) -> bool:
        return widget is self or self.isAncestorOf(widget)

    def _elsewhere(self, widget: QWidget) -> bool:
        """Whether ``widget`` is outside the bar; the field's own menus count as inside."""
        popup = widget.window().windowType() == Qt.WindowType.Popup
        return not self._holds(widget) and not popup

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # None: another application took the focus; the bar waits for the room to come back.
        if new is not None and self._elsewhere(new):
            self.dismiss(restore_focus=False)

    # -- placing -----------------------------------------------------------------------------

    def _place(self) -> None:
        """Over the top centre of the host, about 60 % of its width, as tall as its content."""
        if not self.isVisible():
            return
        host = self._host
        margin = self.fontMetrics().lineSpacing() // 2
        widest = max(1, host.width() - 2 * margin)
        wanted = max(
            round(host.width() * WIDTH_SHARE),
            self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS,
        )
        width = min(wanted, widest)
        layout = self._layout
        layout.activate()  # rows shown or hidden since the last pass count in the height
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        height = min(height, max(1, host.height() - 2 * margin))
        self.setGeometry((host.width() - width) // 2, margin, width, height)

    def _space(self) -> None:
        """Margins and gaps in fractions of a line, so they grow with the font."""
        gap = self.fontMetrics().lineSpacing() // 3
        self._layout.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        self._layout.setSpacing(gap)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._space()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A wrapped preview learns its height a pass after its text changes (and after a font
        # change): take the new height then, or its second line would be cut off.
        if event.type() == QEvent.Type.LayoutRequest:
            self._place()
        return handled


def _match_text(match: CommandMatch) -> str:
    if match.key.startswith(STAGE_KEY_PREFIX):
        return f"Stage {match.key.removeprefix(STAGE_KEY_PREFIX)}: {match.label}"
    return match.label
