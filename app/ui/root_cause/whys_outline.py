"""Five whys as a keyboard-first outline under the problem statement.

Top-level answers answer the problem statement; each answer's children answer "why?" of it,
and every row shows which "why" it is (Why 1, Why 2, …) so the room sees how deep the chain
goes. The meeting's rhythm is: type an answer, Ctrl+Enter, type the next. Enter adds a
sibling (another branch), Tab / Shift+Tab indent and outdent, Delete removes, Ctrl+Up / Down
reorder. A leaf whose chain has no root cause is marked, to prompt one more "why?".
"""

from __future__ import annotations

import dataclasses
import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from app.domain import cause_tree
from app.domain.blame import blame_warnings
from app.domain.five_whys import chain_ends_without_root_cause, effective_problem_statement
from app.domain.model import Postmortem, WhyAnswer
from app.ui.debounced_text import DebouncedText
from app.ui.root_cause.drafts import DraftPlan, Edit
from app.ui.root_cause.outline_editor import OutlineEditor
from app.ui.root_cause.outline_model import ElementKind, OutlineItem
from app.ui.root_cause.outline_view import OutlineAction
from app.ui.root_cause.rows import count_phrase, whys_rows

WHYS_KEYS = (
    "Ctrl+Enter: ask why again · Enter: another answer at this level · "
    "Tab / Shift+Tab: indent / outdent · Delete: remove · Ctrl+↑/↓: reorder · "
    "F2 or typing: edit · Ctrl+Tab: leave the outline"
)
_MOVES = {OutlineAction.UP: (-1, "Up"), OutlineAction.DOWN: (1, "Down")}
_STATEMENT_LINES = 3


def _why(pm: Postmortem, why_id: str) -> WhyAnswer:
    for why in pm.whys:
        if why.id == why_id:
            return why
    raise KeyError(f"no answer has id {why_id!r}")


class WhysOutline(OutlineEditor):
    """The problem statement and the five-whys answers of one postmortem.

    ``WhysOutline(parent=None)``; signals ``edit_requested(postmortem, label)``,
    ``message(text)``, ``selection_changed(element_id or None)``; methods
    ``show_postmortem(pm)``, ``select_element(element_id)``, ``current_element()``,
    ``run_action(OutlineAction…)``, ``add_answer()`` and ``ask_why_again()``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(icon_slots=3, parent=parent)
        self.setObjectName("whysOutline")
        self.setAccessibleName("Five whys outline")
        self.view.setObjectName("whysTree")
        self.view.setAccessibleName("Five whys answers")
        self.view.setAccessibleDescription(WHYS_KEYS)
        self.statement = QPlainTextEdit(self)
        self.statement.setObjectName("problemStatement")
        self.statement.setAccessibleName("Problem statement")
        self.statement.setTabChangesFocus(True)
        self.statement.setToolTip(
            "What went wrong, in one or two sentences: the first answers say why it happened."
        )
        lines = self.statement.fontMetrics().lineSpacing() * _STATEMENT_LINES
        self.statement.setFixedHeight(round(lines + 2 * self.statement.frameWidth() + 8))
        self.statement.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._statement_text = DebouncedText(self.statement)
        self._statement_text.committed.connect(self._on_statement)
        self.statement_box = QWidget(self)
        label = QLabel("&Problem statement", self.statement_box)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(self.statement)
        box = QVBoxLayout(self.statement_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(label)
        box.addWidget(self.statement)
        self.add_button(
            "answer", "Add answer", "Another answer at this level (Enter)", self.add_answer
        )
        self.add_button(
            "why", "Ask why again", "Answer why this happened (Ctrl+Enter)", self.ask_why_again
        )
        for key, text, tip in (
            ("indent", "Indent", "Make it an answer to the one above (Tab)"),
            ("outdent", "Outdent", "Move it out one level (Shift+Tab)"),
            ("up", "Move up", "Move it up among its siblings (Ctrl+Up)"),
            ("down", "Move down", "Move it down among its siblings (Ctrl+Down)"),
            ("remove", "Remove", "Remove it and the answers under it (Delete)"),
        ):
            self.add_button(key, text, tip, functools.partial(self.run_action, key))
        self._column.addWidget(self.statement_box)
        self._column.addWidget(self.view, 1)
        self._column.addWidget(self._button_bar)
        self.update_buttons()

    # -- the problem statement -----------------------------------------------------------
    def detach_statement(self) -> QWidget:
        """Hand the problem statement field to a page that shows it above both diagrams."""
        self._column.removeWidget(self.statement_box)
        return self.statement_box

    def show_postmortem(self, postmortem: Postmortem) -> None:
        previous = self._stored
        same = previous is not None and previous.id == postmortem.id
        self._statement_text.sync(
            previous.problem_statement if same and previous else None,
            postmortem.problem_statement,
            lambda shown, stored: shown.strip() == stored,
        )
        self.statement.setPlaceholderText(effective_problem_statement(postmortem))
        super().show_postmortem(postmortem)

    def _on_statement(self, text: str, _finished: bool) -> None:
        stored = self._stored
        text = text.strip()
        if stored is None or text == stored.problem_statement:
            return
        changed = dataclasses.replace(stored, problem_statement=text)
        self.request(changed, "Edit Problem Statement", self.current_element())

    # -- rows ----------------------------------------------------------------------------
    def outline_items(self, postmortem: Postmortem) -> list[OutlineItem]:
        findings = {
            warning.item_id: warning.findings
            for warning in blame_warnings(postmortem)
            if warning.item_kind == "why"
        }
        return whys_rows(postmortem, findings, chain_ends_without_root_cause(postmortem))

    def update_buttons(self) -> None:
        item = self.current_item()
        self.buttons["answer"].setEnabled(self._stored is not None)
        self.buttons["why"].setEnabled(self._stored is not None)
        for key in ("indent", "outdent", "up", "down", "remove"):
            self.buttons[key].setEnabled(item is not None)

    # -- adding --------------------------------------------------------------------------
    def add_answer(self) -> None:
        """Add an answer after the current one (a new branch), or to the problem statement."""
        item = self.current_item()
        self.start_draft(self.draft_plan(OutlineAction.SIBLING, item), item)

    def ask_why_again(self) -> None:
        """Add an answer to the current answer: why did *that* happen?"""
        item = self.current_item()
        self.start_draft(self.draft_plan(OutlineAction.CHILD, item), item)

    def draft_plan(self, action: str, item: OutlineItem | None) -> DraftPlan | None:
        if item is None:
            return DraftPlan(cause_tree.add_why, ElementKind.WHY, "Add Why")
        why_id = item.item_id
        if action == OutlineAction.CHILD:
            return DraftPlan(
                lambda pm: cause_tree.add_why(pm, parent_id=_why(pm, why_id).id),
                ElementKind.WHY,
                "Ask Why Again",
            )
        return DraftPlan(
            lambda pm: cause_tree.add_why(
                pm, parent_id=_why(pm, why_id).parent_id, after_id=why_id
            ),
            ElementKind.WHY,
            "Add Why",
        )

    # -- changing ------------------------------------------------------------------------
    def text_edit(self, postmortem: Postmortem, item: OutlineItem, text: str) -> Edit:
        return cause_tree.update_why(postmortem, item.item_id, text=text), "Edit Why"

    def edit_for(self, action: str, postmortem: Postmortem, item: OutlineItem) -> Edit:
        why_id = item.item_id
        if action == OutlineAction.INDENT:
            return cause_tree.indent_why(postmortem, why_id), "Indent Why"
        if action == OutlineAction.OUTDENT:
            return cause_tree.outdent_why(postmortem, why_id), "Outdent Why"
        if action == OutlineAction.REMOVE:
            below = self.descendant_count(item)
            label = "Remove Why"
            if below:
                label += f" and {count_phrase(below, 'answer')} under it"
            return cause_tree.remove_why(postmortem, why_id), label
        offset, word = _MOVES[action]
        return cause_tree.move_why(postmortem, why_id, offset), f"Move Why {word}"
