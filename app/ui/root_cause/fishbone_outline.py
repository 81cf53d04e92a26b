"""The fishbone as a keyboard-first outline: categories, their causes, and sub-causes.

Enter adds a sibling (a category after a category, a cause after a cause), Ctrl+Enter a child
(a cause on a category, a sub-cause under a cause), Tab / Shift+Tab indent and outdent,
Delete removes, Ctrl+Up / Ctrl+Down reorder, F2 or typing edits. Every edit is worked out by
``app.domain.cause_tree`` and requested, never made here (see ``outline_editor``).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.domain import cause_tree
from app.domain.blame import blame_warnings
from app.domain.cause_tree import TreeEditRefused
from app.domain.model import Cause, Postmortem, default_fishbone_categories
from app.ui.root_cause.drafts import DraftPlan, Edit
from app.ui.root_cause.outline_editor import OutlineEditor
from app.ui.root_cause.outline_model import ElementKind, OutlineItem
from app.ui.root_cause.outline_view import OutlineAction
from app.ui.root_cause.rows import count_phrase, fishbone_rows

FISHBONE_KEYS = (
    "Enter: add after · Ctrl+Enter: add a cause under · Tab / Shift+Tab: indent / outdent · "
    "Delete: remove · Ctrl+↑/↓: reorder · F2 or typing: edit · Ctrl+Tab: leave the outline"
)
_MOVES = {OutlineAction.UP: (-1, "Up"), OutlineAction.DOWN: (1, "Down")}


def _cause(pm: Postmortem, cause_id: str) -> Cause:
    for cause in pm.causes:
        if cause.id == cause_id:
            return cause
    raise KeyError(f"no cause has id {cause_id!r}")


def _parent_in_category(pm: Postmortem, cause: Cause) -> str | None:
    """The parent the outline shows ``cause`` under: None when it is filed in another category."""
    if cause.parent_id is None:
        return None
    parent = _cause(pm, cause.parent_id)
    return parent.id if parent.category_id == cause.category_id else None


class FishboneOutline(OutlineEditor):
    """Categories and causes of one postmortem as an editable outline.

    ``FishboneOutline(parent=None)``; signals ``edit_requested(postmortem, label)``,
    ``message(text)``, ``selection_changed(element_id or None)``; methods
    ``show_postmortem(pm)``, ``select_element(element_id)``, ``current_element()``,
    ``run_action(OutlineAction…)`` and the button slots ``add_category``, ``add_cause``,
    ``add_sub_cause``, ``add_default_categories``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(icon_slots=2, parent=parent)
        self.setObjectName("fishboneOutline")
        self.setAccessibleName("Fishbone outline")
        self.view.setObjectName("fishboneTree")
        self.view.setAccessibleName("Fishbone causes")
        self.view.setAccessibleDescription(FISHBONE_KEYS)
        self._empty = QLabel(
            "No categories yet. Start from the usual six, or press Enter to name your own.", self
        )
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setWordWrap(True)
        self._empty.setAccessibleName("No fishbone categories")
        self.defaults_button = QPushButton("Add the default categories", self)
        self.defaults_button.setObjectName("addDefaultCategoriesButton")
        self.defaults_button.setAccessibleName("Add the default categories")
        names = ", ".join(category.name for category in default_fishbone_categories())
        self.defaults_button.setToolTip(f"Add {names}")
        self.defaults_button.clicked.connect(lambda _checked=False: self.add_default_categories())
        self.add_button(
            "category", "Add category", "Add a category (Enter on a category)", self.add_category
        )
        self.add_button(
            "cause",
            "Add cause",
            "Add a cause (Enter on a cause, Ctrl+Enter on a category)",
            self.add_cause,
        )
        self.add_button(
            "sub-cause",
            "Add sub-cause",
            "Add a cause under this one (Ctrl+Enter)",
            self.add_sub_cause,
        )
        self._add_outline_buttons()
        self._column.addWidget(self._empty)
        self._column.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._column.addWidget(self.view, 1)
        self._column.addWidget(self._button_bar)
        self.update_buttons()

    def _add_outline_buttons(self) -> None:
        for key, text, tip, action in (
            ("indent", "Indent", "Make it a sub-cause of the cause above (Tab)", "indent"),
            ("outdent", "Outdent", "Move it out one level (Shift+Tab)", "outdent"),
            ("up", "Move up", "Move it up among its siblings (Ctrl+Up)", "up"),
            ("down", "Move down", "Move it down among its siblings (Ctrl+Down)", "down"),
            ("remove", "Remove", "Remove it and everything under it (Delete)", "remove"),
        ):
            self.add_button(key, text, tip, functools.partial(self.run_action, action))

    # -- rows ----------------------------------------------------------------------------
    def outline_items(self, postmortem: Postmortem) -> list[OutlineItem]:
        findings = {
            warning.item_id: warning.findings
            for warning in blame_warnings(postmortem)
            if warning.item_kind == "cause"
        }
        return fishbone_rows(postmortem, findings)

    def update_buttons(self) -> None:
        item = self.current_item()
        empty = self._stored is None or not self._stored.fishbone_categories
        self._empty.setVisible(empty and self._stored is not None)
        self.defaults_button.setVisible(empty and self._stored is not None)
        cause = item is not None and item.kind is ElementKind.CAUSE
        self.buttons["category"].setEnabled(self._stored is not None)
        self.buttons["cause"].setEnabled(item is not None)
        self.buttons["sub-cause"].setEnabled(cause)
        for key in ("indent", "outdent"):
            self.buttons[key].setEnabled(cause)
        for key in ("up", "down", "remove"):
            self.buttons[key].setEnabled(item is not None)

    # -- adding --------------------------------------------------------------------------
    def add_category(self) -> None:
        """Add a category after the current row's category (or at the end) and name it."""
        item = self.current_item()
        after = None if item is None else self._category_of(item)
        self.start_draft(self._category_plan(after), item)

    def add_cause(self) -> None:
        """Add a cause on the current category, or after the current cause."""
        item = self.current_item()
        action = OutlineAction.CHILD if item and item.kind is ElementKind.CATEGORY else "sibling"
        self.start_draft(self.draft_plan(action, item), item)

    def add_sub_cause(self) -> None:
        """Add a cause under the current cause."""
        item = self.current_item()
        if item is not None and item.kind is ElementKind.CAUSE:
            self.start_draft(self.draft_plan(OutlineAction.CHILD, item), item)

    def add_default_categories(self) -> None:
        """Add People, Process, Technology, Environment, Tooling and Monitoring, as one edit."""
        if self._stored is None:
            return
        postmortem = self._stored
        for category in default_fishbone_categories():
            postmortem, _category_id = cause_tree.add_category(postmortem, category.name)
        first = postmortem.fishbone_categories[0].id if postmortem.fishbone_categories else None
        target = None if first is None else ElementKind.CATEGORY.element_id(first)
        self.request(postmortem, "Add Default Categories", target)

    def _category_of(self, item: OutlineItem) -> str | None:
        if item.kind is ElementKind.CATEGORY:
            return item.item_id
        if self._stored is None:
            return None
        return _cause(self._stored, item.item_id).category_id

    @staticmethod
    def _category_plan(after_id: str | None) -> DraftPlan:
        return DraftPlan(
            build=lambda pm: cause_tree.add_category(pm, "", after_id=after_id),
            kind=ElementKind.CATEGORY,
            label="Add Category",
        )

    def draft_plan(self, action: str, item: OutlineItem | None) -> DraftPlan | None:
        if item is None:
            if action == OutlineAction.SIBLING:
                return self._category_plan(None)
            self.message.emit("Select a category first: a cause goes under a category.")
            return None
        if item.kind is ElementKind.CATEGORY:
            if action == OutlineAction.SIBLING:
                return self._category_plan(item.item_id)
            category_id = item.item_id
            return DraftPlan(
                build=lambda pm: cause_tree.add_cause(pm, category_id),
                kind=ElementKind.CAUSE,
                label="Add Cause",
            )
        cause_id = item.item_id
        if action == OutlineAction.CHILD:

            def build_child(pm: Postmortem) -> tuple[Postmortem, str]:
                cause = _cause(pm, cause_id)
                return cause_tree.add_cause(pm, cause.category_id, parent_id=cause_id)

            return DraftPlan(build_child, ElementKind.CAUSE, "Add Sub-cause")

        def build_sibling(pm: Postmortem) -> tuple[Postmortem, str]:
            cause = _cause(pm, cause_id)
            parent_id = _parent_in_category(pm, cause)
            return cause_tree.add_cause(
                pm, cause.category_id, parent_id=parent_id, after_id=cause_id
            )

        return DraftPlan(build_sibling, ElementKind.CAUSE, "Add Cause")

    # -- changing ------------------------------------------------------------------------
    def text_edit(self, postmortem: Postmortem, item: OutlineItem, text: str) -> Edit:
        if item.kind is ElementKind.CATEGORY:
            return cause_tree.rename_category(postmortem, item.item_id, text), "Rename Category"
        return cause_tree.update_cause(postmortem, item.item_id, text=text), "Edit Cause"

    def edit_for(self, action: str, postmortem: Postmortem, item: OutlineItem) -> Edit:
        if item.kind is ElementKind.CATEGORY:
            return self._category_edit(action, postmortem, item)
        cause_id = item.item_id
        if action == OutlineAction.INDENT:
            return cause_tree.indent_cause(postmortem, cause_id), "Indent Cause"
        if action == OutlineAction.OUTDENT:
            return cause_tree.outdent_cause(postmortem, cause_id), "Outdent Cause"
        if action == OutlineAction.REMOVE:
            below = self.descendant_count(item)
            label = "Remove Cause" + (f" and {count_phrase(below, 'sub-cause')}" if below else "")
            return cause_tree.remove_cause(postmortem, cause_id), label
        offset, word = _MOVES[action]
        return cause_tree.move_cause(postmortem, cause_id, offset), f"Move Cause {word}"

    def _category_edit(self, action: str, postmortem: Postmortem, item: OutlineItem) -> Edit:
        category_id = item.item_id
        if action in (OutlineAction.INDENT, OutlineAction.OUTDENT):
            raise TreeEditRefused(
                "Categories are the fishbone's bones and stay at the top; "
                "Ctrl+Enter adds a cause under one."
            )
        if action == OutlineAction.REMOVE:
            count = sum(1 for cause in postmortem.causes if cause.category_id == category_id)
            label = f"Remove Category {item.text}".rstrip()
            if count:
                label += f" and {count_phrase(count, 'cause')}"
            return cause_tree.remove_category(postmortem, category_id), label
        offset, word = _MOVES[action]
        return cause_tree.move_category(postmortem, category_id, offset), f"Move Category {word}"
