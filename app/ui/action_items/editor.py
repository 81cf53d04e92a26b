"""The action items table with its buttons: adding, removing, moving, opening and copying.

Like every editor here it only asks: each change is ``items_changed(new tuple, label)``, and the
page's ``show_postmortem`` brings the stored result back. A new item starts as a *draft*, a row
shown here but not stored, with the title editor open; it is stored (as one "Add Action Item"
step holding everything typed into it) once it has a title, and dropped if it is left without
one. So undo never meets an untitled item, and a meeting can type a title, Tab through owner
and date, press Enter and go straight on to the next item.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.domain.model import ActionItem, Postmortem, new_id
from app.ui.action_items.copy_text import ActionRow, action_rows, as_markdown, as_tsv
from app.ui.action_items.table_model import OPEN_LINK_KEYS, ActionItemsModel
from app.ui.action_items.table_view import ActionItemDelegate, ActionItemsTable, Finish
from app.ui.flow_layout import FlowLayout
from app.ui.forms.references import action_item_cause_choices

NAMES = ("Action Item", "Action Items")
COPY_MARKDOWN_KEYS = QKeySequence.StandardKey.Copy
COPY_TSV_KEYS = "Ctrl+Shift+C"


def open_url(url: str) -> bool:
    """Open ``url`` in the desktop's browser (tests replace this)."""
    return QDesktopServices.openUrl(QUrl(url))


def _count(number: int) -> str:
    return NAMES[0] if number == 1 else f"{number} {NAMES[1]}"


class ActionItemsEditor(QWidget):
    """Signals: ``items_changed(items, label)``; ``message(text)`` says why nothing happened or
    what was copied; ``current_changed()``; ``title_typed(item)`` carries the current item with
    the title as typed so far; ``typing_ended()`` follows a closed cell editor."""

    items_changed = Signal(object, str)
    message = Signal(str)
    current_changed = Signal()
    title_typed = Signal(object)
    typing_ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pm: Postmortem | None = None
        self._draft: ActionItem | None = None
        self._fitted = False
        self.model = ActionItemsModel(
            {"cause_ids": action_item_cause_choices(lambda: self._pm)}, self
        )
        self.table = ActionItemsTable(self.model, self._on_key, self)
        self.delegate = ActionItemDelegate(self._owner_names, self.table)
        self.table.setItemDelegate(self.delegate)
        self.model.change_requested.connect(self._on_change)
        self.model.edit_refused.connect(self.message)
        self.delegate.title_typed.connect(self._on_title_typed)
        self.delegate.finished.connect(self._on_finished)
        self.delegate.closeEditor.connect(lambda _editor, _hint: self.typing_ended.emit())
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row)
        selection.selectionChanged.connect(lambda _now, _before: self._update_buttons())
        self.buttons: dict[str, QPushButton] = {}
        bar = QWidget(self)
        self._button_row = FlowLayout(bar)
        self._button("add", "&Add action item", "Add an action item (Enter on the last row)")
        self._button("remove", "Remove", "Remove the selected action items (Delete)")
        self._button("up", "Move up", "Move the selected action items up (Alt+Up)")
        self._button("down", "Move down", "Move the selected action items down (Alt+Down)")
        self._button(
            "open", "&Open tracker link", f"Open the item's tracker link ({OPEN_LINK_KEYS})"
        )
        self._button("markdown", "Copy as &Markdown", "Copy the selected items as a table (Ctrl+C)")
        self._button("tsv", "Copy as &TSV", f"Copy the selected items as TSV ({COPY_TSV_KEYS})")
        slots = {
            "add": self.add,
            "remove": self.remove_selected,
            "up": lambda: self.move_selected(-1),
            "down": lambda: self.move_selected(1),
            "open": self.open_current_link,
            "markdown": self.copy_markdown,
            "tsv": self.copy_tsv,
        }
        for key, slot in slots.items():
            self.buttons[key].clicked.connect(lambda _checked=False, slot=slot: slot())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(bar)
        self._update_buttons()

    def _button(self, key: str, text: str, tip: str) -> None:
        button = QPushButton(text, self)
        button.setAccessibleName(tip.split(" (", maxsplit=1)[0])
        button.setToolTip(tip)
        button.setAutoDefault(False)
        self._button_row.addWidget(button)
        self.buttons[key] = button

    # -- showing -------------------------------------------------------------------------
    @property
    def draft(self) -> ActionItem | None:
        """The new item being typed, not stored yet; None when there is none."""
        return self._draft

    def show_postmortem(self, pm: Postmortem) -> None:
        """Show the stored items (and the draft, if one is open); emits nothing."""
        previous, self._pm = self._pm, pm
        draft = self._draft
        if draft is not None:
            known = {cause.id for cause in pm.causes} | {why.id for why in pm.whys}
            stored = any(item.id == draft.id for item in pm.action_items)
            other_postmortem = previous is not None and previous.id != pm.id
            if stored or other_postmortem:
                self._draft = None
            else:
                causes = tuple(cause_id for cause_id in draft.cause_ids if cause_id in known)
                self._draft = dataclasses.replace(draft, cause_ids=causes)
        self._show_rows()

    def _show_rows(self) -> None:
        stored = self._pm.action_items if self._pm is not None else ()
        self.model.set_records(stored if self._draft is None else (*stored, self._draft))
        if stored and not self._fitted:
            self._fitted = True  # once: after that the widths are the user's
            self.table.fit_to_contents()
        self._update_buttons()

    def set_tracker_pattern(self, pattern: str) -> None:
        """Link tracker keys with the library's URL pattern ("" links only full URLs)."""
        self.model.set_tracker_pattern(pattern)
        self._update_buttons()

    def current_item(self) -> ActionItem | None:
        """The item of the current row (the draft included)."""
        index = self.table.currentIndex()
        records = self.model.records
        return records[index.row()] if index.isValid() and index.row() < len(records) else None

    def selected_items(self) -> list[ActionItem]:
        """The selected stored items in table order, or the current one; never the draft."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        records = self.model.records
        draft_id = None if self._draft is None else self._draft.id
        return [records[row] for row in sorted(rows) if records[row].id != draft_id]

    def select(self, item_id: str, column: str = "title", *, edit: bool = False) -> bool:
        """Make ``item_id``'s cell in ``column`` current (and edit it); False if not shown."""
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.model.index(row, self.model.column_of(column))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit and not self.table.is_editing():
            self.table.edit(index)
        return True

    def _owner_names(self) -> list[str]:
        pm = self._pm
        if pm is None:
            return []
        names = [participant.name for participant in pm.participants]
        names += [item.owner for item in pm.action_items if item.owner]
        return list(dict.fromkeys(names))

    # -- editing -------------------------------------------------------------------------
    def add(self, cause_ids: tuple[str, ...] = ()) -> None:
        """Open a new item (addressing ``cause_ids``) with its title editor; stored once titled."""
        if self._pm is None:
            return
        if self.table.is_editing():
            self.table.setFocus()  # close the open editor first: it commits on focus out
        self._draft = ActionItem(id=new_id(), title="", cause_ids=cause_ids)
        self._show_rows()
        self.select(self._draft.id, edit=True)
        self.current_changed.emit()

    def _on_change(self, records: tuple[ActionItem, ...], label: str) -> None:
        draft = self._draft
        if draft is not None:
            typed = next((item for item in records if item.id == draft.id), None)
            records = tuple(item for item in records if item.id != draft.id)
            if typed is not None and typed != draft:
                self._draft = typed
                if typed.title.strip():
                    titled = dataclasses.replace(typed, title=typed.title.strip())
                    self._request((*records, titled), "Add Action Item")
                else:
                    self._show_rows()
                return
        if any(not item.title.strip() for item in records):
            self.message.emit(
                "An action item needs a title; the title was kept. Delete removes it."
            )
            self._show_rows()
            return
        cleaned = tuple(dataclasses.replace(item, title=item.title.strip()) for item in records)
        self._request(cleaned, label)

    def _request(self, items: tuple[ActionItem, ...], label: str) -> None:
        self.items_changed.emit(items, label)

    def remove_selected(self) -> None:
        """Remove the selected items as one edit (an open draft just goes)."""
        current = self.current_item()
        if self._draft is not None and current is not None and current.id == self._draft.id:
            self._draft = None
            self._show_rows()
            self.current_changed.emit()
            return
        chosen = {item.id for item in self.selected_items()}
        if not chosen or self._pm is None:
            return
        kept = tuple(item for item in self._pm.action_items if item.id not in chosen)
        self._request(kept, f"Remove {_count(len(chosen))}")

    def move_selected(self, step: int) -> None:
        """Move the selected items one place up (-1) or down (+1), keeping their order."""
        if self._pm is None:
            return
        items = list(self._pm.action_items)
        chosen = {item.id for item in self.selected_items()}
        rows = [row for row, item in enumerate(items) if item.id in chosen]
        if not rows or rows[0] + step < 0 or rows[-1] + step >= len(items):
            return
        for row in rows if step < 0 else reversed(rows):
            items[row], items[row + step] = items[row + step], items[row]
        self._request(tuple(items), f"Move {_count(len(rows))}")

    # -- keys ----------------------------------------------------------------------------
    def _on_key(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == ctrl:
                self.open_current_link()
                return True
            if modifiers == Qt.KeyboardModifier.NoModifier:
                self._next_row(self.table.currentIndex())
                return True
        if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            self.remove_selected()
            return True
        if modifiers == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_selected(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if event.matches(COPY_MARKDOWN_KEYS):
            self.copy_markdown()
            return True
        if QKeySequence(event.keyCombination()) == QKeySequence(COPY_TSV_KEYS):
            self.copy_tsv()
            return True
        return False

    def _next_row(self, index: QModelIndex) -> None:
        """Enter: the same cell a row down; on the last row (or an empty table) a new item."""
        rows = self.model.rowCount()
        if not index.isValid() or index.row() >= rows - 1:
            self.add()
            return
        below = index.siblingAtRow(index.row() + 1)
        self.table.selectionModel().setCurrentIndex(
            below,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_finished(self, item_id: str, how: str) -> None:
        row = self.model.row_of(item_id)
        if row is None:
            return
        if how == Finish.OPEN:
            self.open_current_link()
            return
        draft = self._draft
        if draft is not None and draft.id == item_id and not draft.title.strip():
            self.message.emit("Type a title first: an action item without one is not kept.")
            return
        self._next_row(self.table.currentIndex())

    def _on_title_typed(self, item_id: str, text: str) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.title_typed.emit(dataclasses.replace(self.model.records[row], title=text))

    def _on_current_row(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.current_changed.emit()
        if self._draft is not None:
            QTimer.singleShot(0, self, self._drop_left_draft)

    def _drop_left_draft(self) -> None:
        """A draft left without a title goes (its row is no longer the current one)."""
        draft, current = self._draft, self.current_item()
        if draft is None or (current is not None and current.id == draft.id):
            return
        if not draft.title.strip():
            self._draft = None
            self._show_rows()
            if draft.owner or draft.due or draft.tracker:
                self.message.emit("The new action item was not kept: it had no title.")

    # -- links and copying -----------------------------------------------------------------
    def open_current_link(self) -> None:
        """Open the current item's tracker link in the browser, or say why there is none."""
        item = self.current_item()
        if item is None:
            self.message.emit("Select an action item first.")
            return
        row = self.model.row_of(item.id)
        url = None if row is None else self.model.url(row)
        if url is None:
            self.message.emit(
                f"\u201c{item.title or 'This item'}\u201d has no tracker link: paste the issue's"
                " URL, or type its key with a tracker link pattern set."
            )
            return
        open_url(url)

    def copy_markdown(self) -> str:
        """Copy the selected items as a Markdown table; the copied text ("" if none)."""
        return self._copy("Markdown", as_markdown)

    def copy_tsv(self) -> str:
        """Copy the selected items as tab-separated text; the copied text ("" if none)."""
        return self._copy("tab-separated text", as_tsv)

    def _copy(self, form: str, render: Callable[[list[ActionRow]], str]) -> str:
        items = self.selected_items()
        if self._pm is None or not items:
            self.message.emit("Select the action items to copy first.")
            return ""
        text = render(action_rows(self._pm, items, self.model.tracker_pattern))
        QGuiApplication.clipboard().setText(text)
        self.message.emit(f"Copied {_count(len(items)).lower()} as {form}.")
        return text

    def _update_buttons(self) -> None:
        items = self.selected_items()
        current = self.current_item()
        stored = self._pm.action_items if self._pm is not None else ()
        ids = [item.id for item in stored]
        chosen = [ids.index(item.id) for item in items if item.id in ids]
        self.buttons["add"].setEnabled(self._pm is not None)
        self.buttons["remove"].setEnabled(bool(items) or current is not None)
        self.buttons["up"].setEnabled(bool(chosen) and min(chosen) > 0)
        self.buttons["down"].setEnabled(bool(chosen) and max(chosen) < len(ids) - 1)
        row = None if current is None else self.model.row_of(current.id)
        self.buttons["open"].setEnabled(row is not None and self.model.url(row) is not None)
        for key in ("markdown", "tsv"):
            self.buttons[key].setEnabled(bool(items))
