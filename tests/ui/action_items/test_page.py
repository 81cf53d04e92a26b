"""Stage 5 page: keyboard entry, live coaching, root causes without an action, tracker links
and copying, end to end through a stand-in window."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from app.domain.model import ActionCategory, ActionItem
from app.ui.action_items import editor as editor_module
from app.ui.action_items.page import ActionItemsPage
from app.ui.action_items.table_model import URL_ROLE
from tests.ui.accessibility import check_plain_and_named
from tests.ui.action_items.conftest import PATTERN, TODAY, sample_postmortem
from tests.ui.action_items.markdown_table import link, read_table, unescape
from tests.ui.what_worked.fake_window import FakeWindow, show_page

Ctrl = Qt.KeyboardModifier.ControlModifier
# The owner completer's popup: the offscreen platform cannot raise it or let it grab the keys.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
CtrlShift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def cell_editor(qtbot, page: ActionItemsPage, previous=None):
    """Wait for the cell editor the keyboard flow opens next, and return it."""
    table = page.editor.table

    def opened() -> bool:
        widget = QApplication.focusWidget()
        return (
            isinstance(widget, QLineEdit | QComboBox)
            and widget is not previous
            and table.isAncestorOf(widget)
        )

    qtbot.waitUntil(opened)
    return QApplication.focusWidget()


def go_to(page: ActionItemsPage, row: int, name: str) -> None:
    model, table = page.editor.model, page.editor.table
    table.setFocus()
    table.selectionModel().setCurrentIndex(
        model.index(row, model.column_of(name)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def current_column(page: ActionItemsPage) -> str:
    return page.editor.model.columns[page.editor.table.currentIndex().column()].name


def titles(window: FakeWindow) -> list[str]:
    return [item.title for item in window.stored.action_items]


def shown_rules(page: ActionItemsPage) -> list[str]:
    return [reason for reason, _suggestion in page.coaching.shown_notes]


@POPUP_WARNINGS
def test_keyboard_entry_tab_across_cells_and_enter_on_the_last_row(page, window, qtbot):
    go_to(page, 1, "title")
    qtbot.keyClick(page.editor.table, Qt.Key.Key_Return)  # the last row: a new item
    title = cell_editor(qtbot, page)
    assert title.accessibleName() == "Edit Title"
    assert page.editor.draft is not None
    assert window.labels == []
    qtbot.keyClicks(title, "Alert on p99 checkout latency above 2 s for 5 min")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    owner = cell_editor(qtbot, page, title)
    assert owner.accessibleName() == "Edit Owner"
    qtbot.keyClicks(owner, "tom")  # completed from the participants
    popup = owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert owner.text() == "Tomás Ortega"
    qtbot.keyClick(owner, Qt.Key.Key_Tab)
    due = cell_editor(qtbot, page, owner)
    qtbot.keyClicks(due, "2024-04-15")
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    category = cell_editor(qtbot, page, due)
    assert isinstance(category, QComboBox)
    category.setCurrentIndex(category.findText("Detect"))
    qtbot.keyClick(category, Qt.Key.Key_Tab)
    priority = cell_editor(qtbot, page, category)
    qtbot.keyClick(priority, Qt.Key.Key_Tab)  # leave the priority as it is
    tracker = cell_editor(qtbot, page, priority)
    qtbot.keyClicks(tracker, "OPS-120")
    qtbot.keyClick(tracker, Qt.Key.Key_Return)  # the last row again: the next new item opens
    following = cell_editor(qtbot, page, tracker)
    assert following.accessibleName() == "Edit Title"
    assert window.labels == [
        "Add Action Item",
        "Edit Action Item Owner",
        "Edit Action Item Due",
        "Edit Action Item Category",
        "Edit Action Item Tracker",
    ]
    added = window.stored.action_items[-1]
    assert (added.title, added.owner, added.due.isoformat(), added.category, added.tracker) == (
        "Alert on p99 checkout latency above 2 s for 5 min",
        "Tomás Ortega",
        "2024-04-15",
        ActionCategory.DETECT,
        "OPS-120",
    )
    qtbot.keyClick(following, Qt.Key.Key_Escape)
    go_to(page, 0, "title")  # leaving the untitled new row drops it
    qtbot.waitUntil(lambda: page.editor.draft is None)
    assert page.editor.model.rowCount() == 3
    assert len(window.stored.action_items) == 3


def test_enter_moves_down_f2_edits_and_tab_moves_across(page, window, qtbot):
    table = page.editor.table
    go_to(page, 0, "owner")
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert current_column(page) == "due"
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.currentIndex().row() == 1
    assert page.editor.draft is None
    qtbot.keyClick(table, Qt.Key.Key_F2)
    due = cell_editor(qtbot, page)
    qtbot.keyClicks(due, "2024-03-20")
    qtbot.keyClick(due, Qt.Key.Key_Escape)  # Escape keeps what is stored
    assert window.labels == []
    qtbot.keyClick(table, Qt.Key.Key_Tab, Ctrl)  # Ctrl+Tab leaves the table
    assert not table.hasFocus()


@POPUP_WARNINGS
def test_owner_completes_from_the_participants(page, window, qtbot):
    go_to(page, 1, "owner")
    qtbot.keyClicks(page.editor.table, "t")
    owner = cell_editor(qtbot, page)
    completer = owner.completer()
    completer.setCompletionPrefix("to")
    assert completer.currentCompletion() == "Tomás Ortega"


def test_delete_removes_and_undo_brings_it_back(page, window, qtbot):
    go_to(page, 1, "title")
    qtbot.keyClick(page.editor.table, Qt.Key.Key_Delete)
    assert titles(window) == ["Alert when cache hit ratio < 80% for 5 min"]
    assert window.labels == ["Remove Action Item"]
    window.undo()
    assert titles(window) == ["Alert when cache hit ratio < 80% for 5 min", "Improve alerting"]
    table = page.editor.table
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.labels[-1] == "Remove 2 Action Items"
    assert titles(window) == []


def test_a_stored_title_cannot_be_emptied(page, window, qtbot):
    go_to(page, 1, "title")
    qtbot.keyClick(page.editor.table, Qt.Key.Key_F2)
    title = cell_editor(qtbot, page)
    title.clear()
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert window.labels == []
    assert "needs a title" in page.status.text()
    assert page.editor.model.index(1, 0).data() == "Improve alerting"


def test_live_coaching_while_the_title_is_typed(page, window, qtbot):
    model = page.editor.model
    go_to(page, 1, "title")
    qtbot.keyClick(page.editor.table, Qt.Key.Key_Return)
    title = cell_editor(qtbot, page)
    draft_row = model.rowCount() - 1
    qtbot.keyClicks(title, "Add monitoring")
    reasons = shown_rules(page)
    assert reasons[0] == 'says "Add monitoring" without naming the metric or signal to watch'
    assert "has no owner" in reasons
    assert page.coaching.subject.text() == "\u201cAdd monitoring\u201d"
    assert model.index(draft_row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert window.labels == []  # all of it before anything is stored
    qtbot.keyClicks(title, " for checkout p99 latency above 2 s")  # now it names a signal
    assert not any("without naming" in reason for reason in shown_rules(page))
    assert "has no owner" in shown_rules(page)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert titles(window)[-1] == "Add monitoring for checkout p99 latency above 2 s"
    qtbot.keyClick(cell_editor(qtbot, page, title), Qt.Key.Key_Escape)
    go_to(page, 0, "title")  # a complete item: nothing to add
    assert page.coaching.shown_notes == []
    assert page.coaching.subject.text().startswith("Nothing to add")


@POPUP_WARNINGS
def test_fixing_a_vague_stored_title_clears_its_mark(page, window, qtbot):
    model = page.editor.model
    go_to(page, 1, "title")
    assert shown_rules(page)[0].startswith('says "Improve alerting"')
    qtbot.keyClick(page.editor.table, Qt.Key.Key_F2)
    title = cell_editor(qtbot, page)
    title.selectAll()
    qtbot.keyClicks(title, "Page payments on-call when checkout error rate > 2%")
    assert not shown_rules(page)[0].startswith("says")  # the typing is coached at once
    qtbot.keyClick(title, Qt.Key.Key_Escape)  # given up: the stored title's notes come back
    assert shown_rules(page)[0].startswith('says "Improve alerting"')
    page.editor.select("a2", "owner", edit=True)
    owner = cell_editor(qtbot, page)
    qtbot.keyClicks(owner, "Mei Chen")
    qtbot.keyClick(owner, Qt.Key.Key_Tab)
    assert "has no owner" not in shown_rules(page)
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # still vague


def test_overdue_follows_the_page_date(page, window):
    page.reveal("a1")
    assert page.coaching.shown_notes == []
    page.today = TODAY.replace(month=5)
    assert shown_rules(page) == ["was due on 2024-04-01 and is still open"]


def test_a_root_cause_without_an_action_gets_one(page, window, qtbot):
    assert page.unaddressed.causes == [("w2", "The config linter has no TTL rule")]
    qtbot.mouseClick(page.unaddressed.buttons["w2"], Qt.MouseButton.LeftButton)
    title = cell_editor(qtbot, page)
    assert page.editor.draft.cause_ids == ("w2",)
    row = page.editor.model.rowCount() - 1
    addresses = page.editor.model.index(row, page.editor.model.column_of("cause_ids"))
    assert addresses.data() == "Why: The config linter has no TTL rule"
    qtbot.keyClicks(title, "Add a TTL range rule to the config linter")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.stored.action_items[-1].cause_ids == ("w2",)
    assert window.labels == ["Add Action Item"]
    assert page.unaddressed.causes == []
    assert page.unaddressed.status.text() == "Every root cause has an action that addresses it."


def test_tracker_pattern_is_checked_before_it_is_offered(page, window, qtbot):
    offered = []
    page.tracker_pattern_changed.connect(offered.append)
    field = page.tracker_field.line
    field.setFocus()
    qtbot.keyClicks(field, "tracker.example.com/browse/{key}")
    assert "web address" in page.tracker_field.problem  # shown while typing
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert offered == []
    field.clear()
    qtbot.keyClicks(field, "https://tracker.example.com/browse/{id}")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert offered == []
    assert "{id}" in page.tracker_field.problem
    field.clear()
    qtbot.keyClicks(field, PATTERN)
    assert page.tracker_field.problem == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert offered == [PATTERN]
    assert page.tracker_pattern == PATTERN
    tracker = page.editor.model.index(0, page.editor.model.column_of("tracker"))
    assert tracker.data(URL_ROLE) == "https://tracker.example.com/browse/OPS-101"
    assert window.labels == []  # a library setting, not an edit of the postmortem


def test_tracker_links_open_in_the_browser(page, window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(editor_module, "open_url", lambda url: opened.append(url) or True)
    go_to(page, 0, "tracker")
    qtbot.keyClick(page.editor.table, Qt.Key.Key_Return, Ctrl)
    assert opened == []  # no pattern yet: a key links nowhere, and the page says so
    assert "has no tracker link" in page.status.text()
    assert not page.editor.buttons["open"].isEnabled()
    page.set_tracker_pattern(PATTERN)
    assert page.tracker_field.line.text() == PATTERN
    qtbot.keyClick(page.editor.table, Qt.Key.Key_Return, Ctrl)
    assert opened == ["https://tracker.example.com/browse/OPS-101"]
    go_to(page, 1, "title")
    qtbot.mouseClick(page.editor.buttons["open"], Qt.MouseButton.LeftButton)
    assert opened[-1] == "https://tracker.example.com/browse/OPS-102"


def test_copy_as_markdown_and_tsv(page, window, qtbot):
    page.set_tracker_pattern(PATTERN)
    pm = window.stored
    tricky = dataclasses.replace(pm.action_items[1], title="Fix | the <b>alert</b> *now*\tplease")
    FakeWindow(page, dataclasses.replace(pm, action_items=(pm.action_items[0], tricky)))
    table = page.editor.table
    go_to(page, 0, "title")
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_C, Ctrl)
    markdown = QApplication.clipboard().text()
    header, first, second = read_table(markdown)
    assert header[0] == "Title"
    assert len(header) == 8
    assert unescape(first[0]) == "Alert when cache hit ratio < 80% for 5 min"
    assert link(first[6]) == ("OPS-101", "https://tracker.example.com/browse/OPS-101")
    assert unescape(second[0]) == "Fix | the <b>alert</b> *now* please"
    assert unescape(first[7]) == "Cache TTL set to zero by the new config"
    assert page.status.text() == "Copied 2 action items as Markdown."
    table.selectionModel().select(
        page.editor.model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.keyClick(table, Qt.Key.Key_C, CtrlShift)
    rows = list(csv.reader(io.StringIO(QApplication.clipboard().text()), dialect="excel-tab"))
    assert rows[0][:2] == ["Title", "Owner"]
    assert rows[1][0] == "Fix | the <b>alert</b> *now*\tplease"
    assert rows[1][7] == "https://tracker.example.com/browse/OPS-102"
    assert len(rows) == 2
    qtbot.mouseClick(page.editor.buttons["markdown"], Qt.MouseButton.LeftButton)
    assert len(read_table(QApplication.clipboard().text())) == 2


def test_reveal_and_show_postmortem_emit_nothing(page, qtbot):
    calls = []
    page.edit_requested.connect(lambda *args: calls.append(args))
    page.changes_requested.connect(lambda *args: calls.append(args))
    page.tracker_pattern_changed.connect(lambda *args: calls.append(args))
    pm = sample_postmortem()
    page.show_postmortem(pm)
    assert page.reveal("a2")
    assert page.editor.current_item().id == "a2"
    page.show_postmortem(dataclasses.replace(pm, action_items=pm.action_items[::-1]))
    page.set_tracker_pattern(PATTERN)
    page.show_postmortem(pm)
    qtbot.wait(50)
    assert calls == []
    assert page.editor.current_item().id == "a2"
    assert not page.reveal("nope")


def test_user_text_is_plain_and_every_control_named(qtbot):
    page = show_page(qtbot, ActionItemsPage())
    page.today = TODAY
    pm = sample_postmortem()
    html = ActionItem("a3", "<b>Improve</b> alerting <img src=x>", owner="<i>Sam</i>")
    FakeWindow(page, dataclasses.replace(pm, action_items=(*pm.action_items, html)))
    page.reveal("a3")
    assert page.coaching.subject.text() == "\u201c<b>Improve</b> alerting <img src=x>\u201d"
    tip = page.editor.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Improve&lt;/b&gt;" in tip
    check_plain_and_named(page)
    page.editor.table.edit(page.editor.model.index(2, 1))
    cell_editor(qtbot, page)
    check_plain_and_named(page)
    assert page.editor.table.state() == QAbstractItemView.State.EditingState


def test_appendix_and_notes_are_kept(page, window, qtbot):
    page.appendix.add()
    assert window.labels == ["Add Appendix Link"]
    assert len(window.stored.appendix) == 1
    page.notes.input_widget.setPlainText("Ask Mei about the dashboard")
    page.notes.typing.finish()
    assert window.labels[-1] == "Edit Stage Notes"
