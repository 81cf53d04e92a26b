"""How the summary was shared inside the company, and whether policy asks for an external one.

The reference's stage 6: share the summary internally, and write an external postmortem only
when policy requires it. The editors are the generic field editors (``app/ui/forms``): each user
edit arrives as one parsed value, which this widget reports as ``field_requested(name, value,
label)`` naming a ``Communication`` field. The page builds the whole record from what is stored,
so two quick edits to different fields never overwrite each other.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.domain.model import Communication, to_utc_minute, utc_now
from app.ui.forms.field_editors import ChoiceEditor, FieldEditor, TextValueEditor
from app.ui.forms.values import FieldKind, FieldSpec, format_datetime
from app.ui.labels import plain_label
from app.ui.text_sizing import fit_to_lines

# Each field's undo label: what the facilitator sees in Edit > Undo.
UNDO_LABELS = {
    "internal_summary": "Edit Internal Summary",
    "shared_where": "Change Where Shared",
    "shared_at": "Change When Shared",
    "external_postmortem_required": "Change External Postmortem Policy",
}


class CommunicationEditor(QWidget):
    """Internal summary, where and when it was shared (UTC, with Now), the external decision."""

    field_requested = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.internal_summary = TextValueEditor(
            FieldSpec("internal_summary", "Internal summary", FieldKind.TEXT),
            multiline=True,
            parent=self,
        )
        summary_box = self.internal_summary.input_widget
        assert isinstance(summary_box, QPlainTextEdit)
        summary_box.setPlaceholderText(
            "What happened, the impact, the root cause and the actions, for colleagues"
        )
        fit_to_lines(summary_box, 4)
        self.shared_where = TextValueEditor(
            FieldSpec("shared_where", "Shared where", FieldKind.TEXT), parent=self
        )
        where_box = self.shared_where.input_widget
        assert isinstance(where_box, QLineEdit)
        where_box.setPlaceholderText("#incidents channel, engineering all-hands, eng-all list")
        self.shared_at = TextValueEditor(
            FieldSpec("shared_at", "Shared at (UTC)", FieldKind.DATETIME, optional=True),
            parent=self,
        )
        at_box = self.shared_at.input_widget
        assert isinstance(at_box, QLineEdit)
        # Wide enough for the placeholder's letters, which are wider than a typed time's digits.
        at_box.setFixedWidth(at_box.fontMetrics().horizontalAdvance(at_box.placeholderText()) + 24)
        self.now_button = QPushButton("Now", self)
        self.now_button.setObjectName("sharedAtNowButton")
        self.now_button.setAccessibleName("Set shared time to now")
        self.now_button.setToolTip("Fill in the current time, in UTC")
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.shared_now)
        self.policy = ChoiceEditor(
            FieldSpec(
                "external_postmortem_required",
                "External postmortem required by policy",
                FieldKind.TRI_STATE,
                optional=True,
            ),
            parent=self,
        )
        self._editors: dict[str, FieldEditor] = {
            "internal_summary": self.internal_summary,
            "shared_where": self.shared_where,
            "shared_at": self.shared_at,
            "external_postmortem_required": self.policy,
        }
        for name, editor in self._editors.items():
            editor.value_changed.connect(
                lambda value, name=name: self.field_requested.emit(name, value, UNDO_LABELS[name])
            )
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows = (
            ("Internal &summary:", self.internal_summary),
            ("Shared &where:", self.shared_where),
            ("Shared &at (UTC):", self._time_row()),
            ("E&xternal postmortem required:", self.policy),
        )
        buddies = (self.internal_summary, self.shared_where, self.shared_at, self.policy)
        for (text, field), buddy in zip(rows, buddies, strict=True):
            label = plain_label(text, self)
            label.setBuddy(buddy.input_widget)
            form.addRow(label, field)

    def _time_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.shared_at)
        layout.addWidget(self.now_button)
        layout.addStretch(1)
        return row

    def focus_widgets(self) -> tuple[QWidget, ...]:
        """The focusable controls in Tab order."""
        return (
            self.internal_summary.input_widget,
            self.shared_where.input_widget,
            self.shared_at.input_widget,
            self.now_button,
            self.policy.input_widget,
        )

    def editor(self, name: str) -> FieldEditor:
        """The editor of one ``Communication`` field (for focus handling and tests)."""
        return self._editors[name]

    def show_communication(self, communication: Communication, *, fresh: bool) -> None:
        """Show the stored record without emitting; ``fresh`` for a different postmortem,
        whose values replace anything half-typed here."""
        for name, editor in self._editors.items():
            value = getattr(communication, name)
            if fresh and isinstance(editor, TextValueEditor):
                editor.typing.set_text(
                    format_datetime(value) if name == "shared_at" else (value or "")
                )
            editor.set_value(value)

    def shared_now(self) -> None:
        """Fill in the current UTC minute as the time the summary was shared, and request it."""
        self.shared_at.typing.set_text(format_datetime(to_utc_minute(utc_now())))
        self.shared_at.typing.finish()
