"""The final review: the reference's checklist evaluated from the data, and every
blameless-language flag, each with a way to the place to fix it.

The panel never writes. Keeping a flagged wording (with a reason) or flagging it again is asked
for as a complete new postmortem through ``edit_requested``; the window stores it as one undo step
and shows the result again. "Go to" buttons ask the window to reveal the item on its stage page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.blameless_language import (
    LanguageFlag,
    dismiss,
    language_flags,
    location_element,
    location_stage,
    undismiss,
)
from app.domain.model import Postmortem
from app.domain.review import ChecklistItem, review_checklist
from app.ui.keys import tab_in_order
from app.ui.labels import plain_label
from app.ui.review.dismiss_dialog import DismissFlagDialog
from app.ui.theme import Tone

PASSED_MARK = "\u2713"  # a check mark: shape, not only colour, says the item passes
FAILED_MARK = "\u2717"


def ask_dismissal_reason(parent: QWidget, flag: LanguageFlag) -> str | None:
    """Replaceable by tests: the reason to keep ``flag``'s wording, or None."""
    return DismissFlagDialog.ask(parent, flag.phrase, flag.where)


class _ChecklistRow(QFrame):
    """One checklist item: mark, title, reasons, what the lightweight template relaxes, a way
    to the place to fix it."""

    def __init__(self, item: ChecklistItem, on_go: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"check_{item.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        mark = plain_label(
            PASSED_MARK if item.passed else FAILED_MARK,
            self,
            bold=True,
            tone=Tone.SUCCESS if item.passed else Tone.ERROR,
        )
        mark.setAccessibleName("Passed" if item.passed else "Not yet")
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(2)
        title = plain_label(item.title, self, wrap=True, bold=True)
        text.addWidget(title)
        for reason in item.reasons:
            text.addWidget(plain_label(reason, self, wrap=True))
        if item.relaxed:
            relaxed = plain_label(
                f"Lightweight template: {item.relaxed}", self, wrap=True, tone=Tone.MUTED
            )
            text.addWidget(relaxed)
        self.go = QPushButton(f"Go to stage {item.stage.value}", self)
        self.go.setAccessibleName(f"Go to {item.stage.label} to fix: {item.title}")
        self.go.setToolTip(f"Open {item.stage.label}")
        self.go.setVisible(not item.passed)
        self.go.clicked.connect(lambda _checked=False: on_go())
        row = QHBoxLayout(self)
        row.addWidget(mark)
        row.addLayout(text, 1)
        row.addWidget(self.go, 0, Qt.AlignmentFlag.AlignTop)


class ReviewPanel(QWidget):
    """The checklist and the language flags of one postmortem."""

    edit_requested = Signal(object, str)  # the new postmortem, the undo label
    reveal_requested = Signal(object, str)  # Stage, element ("timeline:<id>", "cause:<id>", ...)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.today = datetime.now(UTC).date()
        self._postmortem: Postmortem | None = None
        self._flags: tuple[LanguageFlag, ...] = ()
        self.rows: list[_ChecklistRow] = []
        self.summary = plain_label("", self, wrap=True, bold=True)
        self.summary.setAccessibleName("Review summary")
        self._checklist = QVBoxLayout()
        self._checklist.setSpacing(6)
        self.flags = QTreeWidget(self)
        self.flags.setObjectName("languageFlags")
        self.flags.setAccessibleName("Blameless-language flags")
        self.flags.setHeaderLabels(
            ["Where", "Wording", "Why it was flagged", "Try instead", "Kept"]
        )
        self.flags.setRootIsDecorated(False)
        self.flags.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.flags.setWordWrap(True)
        self.flags.itemActivated.connect(lambda _item, _column: self.go_to_flag())
        self.flags.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.go_button = self._button(
            "Go to it", "Open the text where this was flagged", self.go_to_flag
        )
        self.keep_button = self._button(
            "Keep, with a reason…", "Keep this wording and say why", self.keep_flag
        )
        self.restore_button = self._button(
            "Flag it again", "Take back the decision to keep this wording", self.restore_flag
        )
        buttons = QHBoxLayout()
        for button in (self.go_button, self.keep_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.flags_heading = plain_label("Blameless language", self, bold=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self._checklist)
        layout.addWidget(self.flags_heading)
        layout.addWidget(self.flags, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- showing -------------------------------------------------------------------------
    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Evaluate and show ``postmortem``; emits nothing."""
        self._postmortem = postmortem
        items = review_checklist(postmortem, today=self.today)
        self._show_checklist(items)
        passed = sum(item.passed for item in items)
        self.summary.setText(
            f"{passed} of {len(items)} checks pass"
            + ("." if passed < len(items) else ": ready to publish.")
        )
        self._show_flags(language_flags(postmortem))

    def _show_checklist(self, items: tuple[ChecklistItem, ...]) -> None:
        for row in self.rows:
            self._checklist.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for item in items:
            row = _ChecklistRow(item, functools.partial(self._go_to_item, item), self)
            self._checklist.addWidget(row)
            self.rows.append(row)
        # Rows made now would come last in Tab order; they are read before the flags below.
        tab_in_order(*self.rows, self.flags, after=self)

    def _show_flags(self, flags: tuple[LanguageFlag, ...]) -> None:
        selected = self.flags.currentIndex().row()
        self._flags = flags
        self.flags.clear()
        for flag in flags:
            kept = flag.dismissal.reason if flag.dismissal is not None else ""
            QTreeWidgetItem(
                self.flags, [flag.where, flag.phrase, flag.reason, flag.suggestion, kept]
            )
        standing = sum(flag.dismissal is None for flag in flags)
        self.flags_heading.setText(
            f"Blameless language: {standing} flag{'s' if standing != 1 else ''} standing, "
            f"{len(flags) - standing} kept with a reason"
            if flags
            else "Blameless language: nothing flagged."
        )
        current = self.flags.topLevelItem(min(max(selected, 0), len(flags) - 1)) if flags else None
        if current is not None:
            self.flags.setCurrentItem(current)
        self._update_buttons()

    def current_flag(self) -> LanguageFlag | None:
        row = self.flags.currentIndex().row()
        return self._flags[row] if 0 <= row < len(self._flags) else None

    def _update_buttons(self) -> None:
        flag = self.current_flag()
        self.go_button.setEnabled(flag is not None)
        self.keep_button.setEnabled(flag is not None and flag.dismissal is None)
        self.restore_button.setEnabled(flag is not None and flag.dismissal is not None)

    # -- actions -------------------------------------------------------------------------
    def _go_to_item(self, item: ChecklistItem) -> None:
        self.reveal_requested.emit(item.stage, item.element or "")

    def go_to_flag(self) -> None:
        flag, pm = self.current_flag(), self._postmortem
        if flag is not None and pm is not None:
            self.reveal_requested.emit(
                location_stage(pm, flag.location), location_element(flag.location)
            )

    def keep_flag(self) -> None:
        flag, pm = self.current_flag(), self._postmortem
        if flag is None or pm is None or flag.dismissal is not None:
            return
        reason = ask_dismissal_reason(self, flag)
        if reason:
            self.edit_requested.emit(dismiss(pm, flag, reason), "Keep Flagged Wording")

    def restore_flag(self) -> None:
        flag, pm = self.current_flag(), self._postmortem
        if flag is None or pm is None or flag.dismissal is None:
            return
        self.edit_requested.emit(undismiss(pm, flag.dismissal.id), "Flag Wording Again")
