"""One small widget per kind of field, all with the same shape: ``set_value`` and ``value_changed``.

``set_value`` shows a stored value and never emits; ``value_changed`` fires only for the user's
own edits, with a value already parsed and checked. Text that cannot be parsed stays on screen,
marked with the reason, and is not emitted, so a typo is neither lost nor stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.debounced_text import DebouncedText
from app.ui.forms.values import (
    DATE_HINT,
    DATETIME_HINT,
    FieldKind,
    FieldSpec,
    ParseError,
    choices_for,
    format_value,
    parse_value,
)
from app.ui.theme import Tone, set_tone

_SHORT_KINDS = frozenset({FieldKind.DATETIME, FieldKind.DATE, FieldKind.INT})


class FieldEditor(QWidget):
    """Base: an input widget for one field plus a line that explains refused input."""

    value_changed = Signal(object)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._value: Any = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._error = QLabel(self)
        self._error.setTextFormat(Qt.TextFormat.PlainText)
        self._error.setWordWrap(True)
        set_tone(self._error, Tone.ERROR)
        self._error.setAccessibleName(f"{spec.label}: input problem")
        self._error.hide()

    def _add_input(self, widget: QWidget) -> None:
        widget.setAccessibleName(self.spec.label)
        self.setFocusProxy(widget)
        self._layout.addWidget(widget)
        self._layout.addWidget(self._error)

    @property
    def input_widget(self) -> QWidget:
        """The control the user types or clicks in (a label's buddy, a test's target)."""
        proxy = self.focusProxy()
        assert proxy is not None
        return proxy

    @property
    def value(self) -> Any:
        return self._value

    @property
    def error(self) -> str:
        """Why the text on screen was refused, or empty."""
        return self._error.text() if not self._error.isHidden() else ""

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def _mark_invalid(self, reason: str) -> None:
        self._error.setText(reason)
        self._error.show()
        set_tone(self.input_widget, Tone.INVALID)
        self.input_widget.setToolTip(reason)

    def _clear_invalid(self) -> None:
        self._error.clear()
        self._error.hide()
        set_tone(self.input_widget, None)
        self.input_widget.setToolTip(self._hint())

    def _hint(self) -> str:
        return ""

    def _emit_if_changed(self, value: Any) -> None:
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)


class TextValueEditor(FieldEditor):
    """Text, numbers, dates and times typed as text; multi-line for notes and summaries."""

    def __init__(
        self, spec: FieldSpec, *, multiline: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, parent)
        box: QLineEdit | QPlainTextEdit = QPlainTextEdit(self) if multiline else QLineEdit(self)
        if isinstance(box, QPlainTextEdit):
            box.setTabChangesFocus(True)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            box.setMinimumHeight(60)
        else:
            box.setPlaceholderText(self._placeholder())
            if spec.kind in _SHORT_KINDS:  # a date or a count does not need the full width
                box.setMaximumWidth(
                    box.fontMetrics().horizontalAdvance("0000-00-00 00:00 (UTC)") + 24
                )
        self._refused_text: str | None = None
        self._shown_text: str | None = None
        self._typing = DebouncedText(box)
        self._typing.committed.connect(self._on_committed)
        self._add_input(box)
        box.setToolTip(self._hint())
        self._value = "" if spec.kind is FieldKind.TEXT else None

    @property
    def typing(self) -> DebouncedText:
        return self._typing

    def _placeholder(self) -> str:
        return {
            FieldKind.DATETIME: f"{DATETIME_HINT} (UTC)",
            FieldKind.DATE: DATE_HINT,
            FieldKind.INT: "Not set" if self.spec.optional else "0",
        }.get(self.spec.kind, "")

    def _hint(self) -> str:
        return {
            FieldKind.DATETIME: f"The time in UTC as {DATETIME_HINT}; empty if not known.",
            FieldKind.DATE: f"Type the date as {DATE_HINT}; leave empty if not set.",
            FieldKind.INT: "A whole number; leave empty if not known.",
        }.get(self.spec.kind, "")

    def set_value(self, value: Any) -> None:
        if self._refused_text is not None and value == self._value:
            return  # keep the refused text and its reason until the user fixes it
        self._value = value
        self._refused_text = None
        self._clear_invalid()
        text = format_value(self.spec, value)
        self._typing.sync(self._shown_text, text)
        self._shown_text = text

    def _on_committed(self, text: str, finished: bool) -> None:
        try:
            value = parse_value(self.spec, text)
        except ParseError as error:
            if not finished:
                return  # a half-typed date at a pause is not an error yet
            self._refused_text = text
            self._mark_invalid(f"Not saved: {error}.")
            return
        self._refused_text = None
        self._clear_invalid()
        self._emit_if_changed(value)


class CheckEditor(FieldEditor):
    """A plain yes/no field; the check box carries the field's label."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._box = QCheckBox(spec.label, self)
        self._box.clicked.connect(self._emit_if_changed)  # clicked: user input only
        self._add_input(self._box)
        self._value = False

    def set_value(self, value: Any) -> None:
        self._value = bool(value)
        self._box.setChecked(self._value)


class ChoiceEditor(FieldEditor):
    """Enums by their labels, and yes/no/not-decided fields, as a combo box."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._combo = QComboBox(self)
        self._choices = choices_for(spec)
        for _value, label in self._choices:
            self._combo.addItem(label)
        self._combo.activated.connect(self._on_activated)  # activated: user input only
        self._combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._add_input(self._combo)
        self._layout.setAlignment(self._combo, Qt.AlignmentFlag.AlignLeft)
        self._value = self._choices[0][0]

    def set_value(self, value: Any) -> None:
        self._value = value
        for index, (choice, _label) in enumerate(self._choices):
            if choice is value:
                self._combo.setCurrentIndex(index)
                return
        raise ValueError(f"{value!r} is not a choice for {self.spec.name}")

    def _on_activated(self, index: int) -> None:
        self._emit_if_changed(self._choices[index][0])


def editor_for(
    spec: FieldSpec, *, multiline: bool = False, parent: QWidget | None = None
) -> FieldEditor:
    """The editor widget for ``spec``'s kind of field."""
    if spec.kind is FieldKind.BOOL:
        return CheckEditor(spec, parent)
    if spec.kind in (FieldKind.TRI_STATE, FieldKind.ENUM):
        return ChoiceEditor(spec, parent)
    if spec.kind in (FieldKind.REFERENCE, FieldKind.REFERENCE_LIST):
        raise TypeError(f"{spec.name}: references are edited in collection tables")
    return TextValueEditor(
        spec, multiline=multiline or spec.kind is FieldKind.TEXT_LIST, parent=parent
    )
