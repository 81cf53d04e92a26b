"""What the fishbone and five-whys outlines share: edits as requests, drafts, selection.

Editors never write. Every edit is worked out by the ``cause_tree`` functions on the stored
postmortem and emitted as ``edit_requested(new_postmortem, label)``; the page stores it and
calls ``show_postmortem`` with the result, which never emits and keeps the selection, the
expanded rows and the scroll position.

A new row is a *draft* until it has text: Enter shows it locally (a postmortem worked out by
``cause_tree`` but not requested) with its editor open, and only the text being committed
requests anything, as one edit labelled "Add Cause" that holds the text. A draft left empty
simply disappears, so the room never stores a blank cause and undo never meets one. Tab and
Shift+Tab on an empty draft reshape it before it exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.cause_tree import TreeEditRefused
from app.domain.model import Postmortem
from app.ui.flow_layout import FlowLayout
from app.ui.root_cause.drafts import Draft, DraftPlan, Edit, with_item_id
from app.ui.root_cause.outline_model import OutlineItem, OutlineModel
from app.ui.root_cause.outline_view import OutlineAction, OutlineDelegate, OutlineView


class OutlineEditor(QWidget):
    """Base of ``FishboneOutline`` and ``WhysOutline`` (see the module docstring).

    Signals: ``edit_requested(postmortem, label)``, ``message(text)`` for a refused edit,
    ``selection_changed(element_id or None)``. ``select_element`` selects from outside.
    Subclasses say what rows look like (``outline_items``) and what each action does.
    """

    edit_requested = Signal(object, str)
    message = Signal(str)
    selection_changed = Signal(object)
    # What the postmortem would be with the text being typed (or the new row): not stored,
    # only drawn, so the diagram follows the typing.
    draft_changed = Signal(object)

    def __init__(self, icon_slots: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutlineModel(icon_slots, self)
        self.model.text_edited.connect(self._on_text_edited)
        self.view = OutlineView(self.model, self.run_action, self)
        self.delegate = OutlineDelegate(self._on_editor_key, self.view)
        self.view.setItemDelegate(self.delegate)
        self.delegate.text_typed.connect(self._on_text_typed)
        self.view.editor_closed.connect(self._on_editor_closed)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.collapsed.connect(lambda index: self._collapsed.add(self._element_at(index)))
        self.view.expanded.connect(lambda index: self._collapsed.discard(self._element_at(index)))
        self._stored: Postmortem | None = None
        self._draft: Draft | None = None
        self._pending: tuple[str, bool] | None = None  # select (and edit) after the next show
        self._collapsed: set[str] = set()
        self._announced: str | None = None
        self._quiet = 0
        self.buttons: dict[str, QPushButton] = {}
        # Buttons wrap onto a second line in a narrow pane instead of widening the page.
        self._button_bar = QWidget(self)
        self._button_row = FlowLayout(self._button_bar)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)

    # -- what subclasses provide ---------------------------------------------------------
    def outline_items(self, postmortem: Postmortem) -> list[OutlineItem]:
        """The rows for ``postmortem``, depth first."""
        raise NotImplementedError

    def draft_plan(self, action: str, item: OutlineItem | None) -> DraftPlan | None:
        """How ``OutlineAction.SIBLING`` / ``CHILD`` adds a row next to ``item``."""
        raise NotImplementedError

    def edit_for(self, action: str, postmortem: Postmortem, item: OutlineItem) -> Edit:
        """The edit an indent, outdent, remove or move of ``item`` makes (TreeEditRefused)."""
        raise NotImplementedError

    def text_edit(self, postmortem: Postmortem, item: OutlineItem, text: str) -> Edit:
        """The edit that gives ``item`` the text (or name) ``text``."""
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable the buttons that make sense for the current row."""

    # -- showing -------------------------------------------------------------------------
    @property
    def postmortem(self) -> Postmortem | None:
        """The stored postmortem shown (drafts are not part of it)."""
        return self._stored

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Show the stored ``postmortem``; emits nothing, keeps selection, expansion, scroll."""
        previous = self._stored
        self._stored = postmortem
        self._quiet += 1
        try:
            if previous is None or previous.id != postmortem.id:
                self._draft = None
                self._collapsed.clear()
                self.model.reset_items(self.outline_items(postmortem))
                self.view.expandAll()
            else:
                self._redraft(postmortem)
                shown = postmortem if self._draft is None else self._draft.postmortem
                self._show_rows(shown)
            if self._pending is not None:
                element_id, edit = self._pending
                self._pending = None
                self.select(element_id, edit=edit, focus=edit or self.view.hasFocus())
        finally:
            self._quiet -= 1
        self.update_buttons()
        QTimer.singleShot(0, self, self._announce)

    def _show_rows(self, postmortem: Postmortem) -> None:
        self.model.set_items(self.outline_items(postmortem))
        for item in self.model.items():
            index = self.model.index_of(item.element_id)
            if self.model.rowCount(index) and item.element_id not in self._collapsed:
                self.view.expand(index)

    def _redraft(self, stored: Postmortem) -> None:
        """Lay the open draft onto a newly stored postmortem (say, undo from the menu)."""
        draft = self._draft
        if draft is None:
            return
        try:
            postmortem, item_id = draft.plan.build(stored)
        except (TreeEditRefused, KeyError, ValueError):
            self._draft = None  # its place is gone: the row goes, and its editor with it
            return
        if item_id != draft.item_id:
            postmortem = with_item_id(postmortem, draft.plan.kind, item_id, draft.item_id)
        self._draft = dataclasses.replace(draft, postmortem=postmortem)

    # -- selection -----------------------------------------------------------------------
    def current_item(self) -> OutlineItem | None:
        """The current row, or None."""
        return self.model.item(self.view.currentIndex())

    def current_element(self) -> str | None:
        item = self.current_item()
        return None if item is None else item.element_id

    def select_element(self, element_id: str | None) -> bool:
        """Select a row from outside (a canvas click); never edits, keeps the focus where it is.

        Emits ``selection_changed`` only when the selection really changes. False when this
        outline does not show ``element_id`` (say, a cause given to the five whys).
        """
        if element_id is None:
            self.view.selectionModel().clear()
            self._announce()
            return True
        return self.select(element_id, edit=False, focus=False)

    def select(self, element_id: str | None, *, edit: bool = False, focus: bool = True) -> bool:
        """Make ``element_id`` the current row, scroll to it, and optionally open its editor."""
        index = self.model.index_of(element_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        if self.view.currentIndex() != index or not self.view.selectionModel().isSelected(index):
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.view.scrollTo(index)
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit:
            self.view.edit(index)
        return True

    def _element_at(self, index: QModelIndex) -> str:
        item = self.model.item(index)
        return "" if item is None else item.element_id

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.update_buttons()
        if not self._quiet:
            self._announce()

    def _announce(self) -> None:
        element_id = self.current_element()
        if element_id != self._announced:
            self._announced = element_id
            self.selection_changed.emit(element_id)

    # -- actions -------------------------------------------------------------------------
    def run_action(self, action: str) -> None:
        """Do an ``OutlineAction`` on the current row, as its key would."""
        if self._stored is None or self.view.editing_element() is not None:
            return
        item = self.current_item()
        if action in (OutlineAction.SIBLING, OutlineAction.CHILD):
            self.start_draft(self.draft_plan(action, item), item)
            return
        if item is None:
            self.message.emit("Select a row first: the arrow keys move through the outline.")
            return
        try:
            postmortem, label = self.edit_for(action, self._stored, item)
        except TreeEditRefused as refused:
            self.message.emit(str(refused))
            return
        after = self._neighbour(item) if action == OutlineAction.REMOVE else item.element_id
        self.request(postmortem, label, after)

    def request(
        self, postmortem: Postmortem, label: str, select: str | None = None, *, edit: bool = False
    ) -> None:
        """Ask for ``postmortem`` to be stored; select ``select`` once it is shown."""
        self._pending = None if select is None else (select, edit)
        self.edit_requested.emit(postmortem, label)

    def descendant_count(self, item: OutlineItem) -> int:
        """How many rows sit under ``item``, at any depth."""
        stack = [self.model.index_of(item.element_id)]
        count = -1
        while stack:
            index = stack.pop()
            count += 1
            stack.extend(
                self.model.index(row, 0, index) for row in range(self.model.rowCount(index))
            )
        return count

    def _neighbour(self, item: OutlineItem) -> str | None:
        """Where the selection goes when ``item`` is removed: below, else above, else up."""
        index = self.model.index_of(item.element_id)
        for row in (index.row() + 1, index.row() - 1):
            sibling = index.siblingAtRow(row)
            if sibling.isValid():
                return self._element_at(sibling)
        return item.parent

    # -- drafts --------------------------------------------------------------------------
    def start_draft(self, plan: DraftPlan | None, anchor: OutlineItem | None) -> None:
        """Show a new row built by ``plan`` with its editor open; nothing is requested yet."""
        if plan is None or self._stored is None:
            return
        try:
            postmortem, item_id = plan.build(self._stored)
        except TreeEditRefused as refused:
            self.message.emit(str(refused))
            return
        self._draft = Draft(
            plan, item_id, None if anchor is None else anchor.element_id, postmortem
        )
        if anchor is not None:
            self._collapsed.discard(anchor.element_id)
        self._show_rows(postmortem)
        self.select(self._draft.element_id, edit=True)
        self.draft_changed.emit(postmortem)

    @property
    def draft_element(self) -> str | None:
        """The new row being typed, not stored yet; None when there is none."""
        return None if self._draft is None else self._draft.element_id

    def _on_text_typed(self, element_id: str, text: str) -> None:
        draft = self._draft
        item = self.model.item_of(element_id)
        if item is None or self._stored is None:
            return
        typing_draft = draft is not None and draft.element_id == element_id
        base = draft.postmortem if typing_draft and draft is not None else self._stored
        try:
            postmortem, _label = self.text_edit(base, item, text.strip())
        except (TreeEditRefused, KeyError, ValueError):
            return
        self.draft_changed.emit(postmortem)

    def _on_text_edited(self, element_id: str, text: str) -> None:
        text = text.strip()
        draft = self._draft
        item = self.model.item_of(element_id)
        if item is None or self._stored is None:
            return
        if draft is not None and draft.element_id == element_id:
            if text:  # an empty draft is dropped when its editor closes
                self._draft = None
                postmortem, _label = self.text_edit(draft.postmortem, item, text)
                self.request(postmortem, draft.plan.label, element_id)
                QTimer.singleShot(0, self, self._settle)
            return
        if text == item.text:
            return
        if not text:
            self.message.emit(
                f"The text was kept: an empty {item.kind.value} says nothing. Delete removes it."
            )
            return
        postmortem, label = self.text_edit(self._stored, item, text)
        self.request(postmortem, label)

    def _settle(self) -> None:
        """After a request: if the page did not store it, show what is stored again."""
        if self._draft is None and self._stored is not None:
            shown = {item.element_id for item in self.model.items()}
            if shown != {item.element_id for item in self.outline_items(self._stored)}:
                self._show_rows(self._stored)

    def _on_editor_closed(self, element_id: str) -> None:
        draft = self._draft
        if draft is None or draft.element_id != element_id or self._stored is None:
            return
        self._draft = None
        self.draft_changed.emit(self._stored)  # the empty row goes from the picture too
        self._quiet += 1  # the row going and the anchor coming back are one selection change
        try:
            self._show_rows(self._stored)
            if draft.anchor is not None:
                # Back where Enter was pressed; the focus stays wherever the user moved it.
                self.select(draft.anchor, focus=False)
        finally:
            self._quiet -= 1
        self._announce()

    def _on_editor_key(self, editor: QLineEdit, element_id: str, action: str) -> None:
        """Enter commits; Ctrl+Enter, Tab and Shift+Tab commit, then act on the row."""
        draft = self._draft
        empty_draft = (
            draft is not None and draft.element_id == element_id and not editor.text().strip()
        )
        if action == OutlineAction.SIBLING:
            self.delegate.commit_and_close(editor)
            return
        if empty_draft and draft is not None:
            if action == OutlineAction.CHILD:
                self.message.emit("Type this one first; then Ctrl+Enter asks why again.")
                return
            self._reshape_draft(editor, draft, action)
            return
        self.delegate.commit_and_close(editor)
        if self.current_element() != element_id or self.view.editing_element() is not None:
            return  # not stored (yet): nothing to act on
        if action == OutlineAction.CHILD:
            self.run_action(action)
            return
        item = self.current_item()
        if item is None or self._stored is None:
            return
        try:
            postmortem, label = self.edit_for(action, self._stored, item)
        except TreeEditRefused as refused:
            self.message.emit(str(refused))
            return
        self.request(postmortem, label, element_id, edit=True)

    def _reshape_draft(self, editor: QLineEdit, draft: Draft, action: str) -> None:
        """Indent or outdent a draft that has no text yet, keeping it a draft."""
        stored = self._stored
        item = self.model.item_of(draft.element_id)
        if stored is None or item is None:
            return
        previous = draft.plan.build

        def build(postmortem: Postmortem) -> tuple[Postmortem, str]:
            built, item_id = previous(postmortem)
            element_id = draft.plan.kind.element_id(item_id)
            placed = dataclasses.replace(item, item_id=item_id, element_id=element_id)
            moved, _label = self.edit_for(action, built, placed)
            return moved, item_id

        plan = dataclasses.replace(draft.plan, build=build)
        try:
            postmortem, item_id = build(stored)
        except TreeEditRefused as refused:
            self.message.emit(str(refused))
            return
        if item_id != draft.item_id:
            postmortem = with_item_id(postmortem, plan.kind, item_id, draft.item_id)
        self._draft = None  # closing the editor must not drop the draft
        self.delegate.discard_and_close(editor)
        self._draft = Draft(plan, draft.item_id, draft.anchor, postmortem)
        self._show_rows(postmortem)
        self.select(draft.element_id, edit=True)

    # -- buttons -------------------------------------------------------------------------
    def add_button(self, key: str, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        """A button in the row under the outline; ``tip`` names its shortcut."""
        button = QPushButton(text, self)
        button.setObjectName(f"outline{key.title().replace('-', '')}Button")
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.clicked.connect(lambda _checked=False: slot())
        self._button_row.addWidget(button)
        self.buttons[key] = button
        return button
