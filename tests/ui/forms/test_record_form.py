"""RecordForm: one editor per field kind, each emitting the whole new record once per edit."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from app.domain.model import Communication, DataIntegrity, Impact
from app.ui.debounced_text import TYPING_PAUSE_MS
from app.ui.forms.record_form import RecordForm

from .conftest import utc


class Spy:
    def __init__(self, signal):
        self.calls = []
        signal.connect(lambda *args: self.calls.append(args))


@pytest.fixture
def impact_form(qtbot):
    form = RecordForm(Impact)
    qtbot.addWidget(form)
    shown = Impact(users_affected=40, customer_visible=None, summary="Slow checkout")
    form.show_record(shown)
    return form, shown, Spy(form.record_changed)


def type_and_finish(qtbot, widget: QLineEdit, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_show_record_fills_every_widget_and_emits_nothing(impact_form):
    form, shown, spy = impact_form
    form.show_record(dataclasses.replace(shown, sla_breached=True))
    assert form.editor("users_affected").input_widget.text() == "40"
    assert form.editor("sla_breached").input_widget.currentText() == "Yes"
    assert form.editor("customer_visible").input_widget.currentText() == "Not decided"
    assert form.editor("data_integrity").input_widget.currentText() == "Not assessed"
    assert form.editor("summary").input_widget.toPlainText() == "Slow checkout"
    assert isinstance(form.editor("aligned_with_customer_communication").input_widget, QCheckBox)
    assert spy.calls == []


def test_optional_int_takes_numbers_and_empty_means_not_set(qtbot, impact_form):
    form, shown, spy = impact_form
    box = form.editor("users_affected").input_widget
    type_and_finish(qtbot, box, "12,500")
    assert spy.calls[-1] == (dataclasses.replace(shown, users_affected=12500), "Users affected")
    type_and_finish(qtbot, box, "")
    box.clear()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert spy.calls[-1][0].users_affected is None


def test_negative_count_is_refused_with_reason_and_not_emitted(qtbot, impact_form):
    form, shown, spy = impact_form
    editor = form.editor("users_affected")
    type_and_finish(qtbot, editor.input_widget, "-3")
    assert spy.calls == []
    assert "whole number" in editor.error
    form.show_record(shown)  # a refresh with the stored value keeps the refused text on screen
    assert editor.input_widget.text() == "-3"
    assert editor.error


def test_tri_state_moves_between_not_decided_yes_and_no(qtbot, impact_form):
    form, _shown, spy = impact_form
    combo = form.editor("customer_visible").input_widget
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert spy.calls[-1][0].customer_visible is True
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert spy.calls[-1][0].customer_visible is False
    assert spy.calls[-1][1] == "Customer visible"


def test_enum_combo_emits_members(qtbot, impact_form):
    form, _shown, spy = impact_form
    combo = form.editor("data_integrity").input_widget
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Not assessed",
        "Intact",
        "Degraded",
        "Data lost",
    ]
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert spy.calls[-1][0].data_integrity is DataIntegrity.INTACT


def test_check_box_emits_bool(qtbot, impact_form):
    form, _shown, spy = impact_form
    form.editor("aligned_with_customer_communication").input_widget.click()
    record, label = spy.calls[-1]
    assert record.aligned_with_customer_communication is True
    assert label == "Checked against customer communication"


def test_typing_pause_is_one_edit(qtbot, impact_form):
    form, _shown, spy = impact_form
    box = form.editor("summary").input_widget
    assert isinstance(box, QPlainTextEdit)
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " for 20 min")
    assert spy.calls == [], "nothing is emitted while the user is still typing"
    qtbot.waitUntil(lambda: len(spy.calls) == 1, timeout=TYPING_PAUSE_MS * 5)
    assert spy.calls[0][0].summary == "Slow checkout for 20 min"
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert len(spy.calls) == 1


@pytest.mark.parametrize("field", ["shared_where", "internal_summary"])
def test_focus_leaving_commits_at_once(qtbot, field):
    form = RecordForm(Communication)
    qtbot.addWidget(form)
    spy = Spy(form.record_changed)
    box = form.editor(field).input_widget
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    qtbot.keyClicks(box, "#incidents")
    # The offscreen platform has no active window, so focus leaving is delivered directly.
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    assert [getattr(call[0], field) for call in spy.calls] == ["#incidents"]
    qtbot.wait(TYPING_PAUSE_MS + 100)
    assert len(spy.calls) == 1, "the pending pause must not emit the same text again"


def test_datetime_field_parses_utc_and_refuses_bad_text(qtbot):
    form = RecordForm(Communication)
    qtbot.addWidget(form)
    spy = Spy(form.record_changed)
    editor = form.editor("shared_at")
    assert editor.input_widget.placeholderText() == "YYYY-MM-DD HH:MM (UTC)"
    type_and_finish(qtbot, editor.input_widget, "next tuesday")
    assert spy.calls == []
    assert "YYYY-MM-DD HH:MM" in editor.error
    assert editor.input_widget.toolTip() == editor.error
    type_and_finish(qtbot, editor.input_widget, "2024-03-06 10:15")
    assert spy.calls[-1][0].shared_at == utc("2024-03-06 10:15")
    assert editor.error == ""
    form.show_record(spy.calls[-1][0])
    assert editor.input_widget.text() == "2024-03-06 10:15"


def test_labels_can_be_renamed_and_multiline_chosen_per_field(qtbot):
    form = RecordForm(Communication, labels={"shared_where": "Where it was shared"}, multiline=())
    qtbot.addWidget(form)
    assert isinstance(form.editor("internal_summary").input_widget, QLineEdit)
    assert form.editor("shared_where").input_widget.accessibleName() == "Where it was shared"


def test_refresh_keeps_text_the_user_is_still_typing(qtbot, impact_form):
    form, shown, spy = impact_form
    box = form.editor("summary").input_widget
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " (EU only)")
    cursor = box.textCursor().position()
    # Another field's edit comes back from the window while this one is still pending.
    form.show_record(dataclasses.replace(shown, sla_breached=True))
    assert box.toPlainText() == "Slow checkout (EU only)"
    assert box.textCursor().position() == cursor
    qtbot.waitUntil(lambda: bool(spy.calls), timeout=TYPING_PAUSE_MS * 5)
    assert spy.calls[-1][0].summary == "Slow checkout (EU only)"
    assert spy.calls[-1][0].sla_breached is True, "the pending edit builds on the newer record"


def test_refresh_with_a_new_value_replaces_settled_text(impact_form):
    form, shown, spy = impact_form
    form.show_record(dataclasses.replace(shown, summary="Undone"))  # e.g. after an undo
    assert form.editor("summary").input_widget.toPlainText() == "Undone"
    assert spy.calls == []
