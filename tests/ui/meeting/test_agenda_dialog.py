"""The agenda dialog: a minutes box per stage, the live total, reset, and what ask returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from app.domain.guidance import default_agenda
from app.domain.model import Stage, Template
from app.ui.meeting.agenda_dialog import AgendaDialog
from tests.ui.accessibility import check_plain_and_named

DEFAULT = default_agenda(Template.FULL)  # 5, 15, 20, 5, 10, 5
EDITED = {**DEFAULT, Stage.ROOT_CAUSE: 30}


@pytest.fixture
def dialog(qtbot) -> AgendaDialog:
    shown = AgendaDialog(EDITED, DEFAULT)
    qtbot.addWidget(shown)
    return shown


def ok_button(dialog: AgendaDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_shows_the_agenda_and_its_total(dialog):
    assert dialog.agenda() == EDITED
    assert dialog.total_label.text() == "Total: 70 minutes"
    assert dialog.spin_boxes[Stage.ROOT_CAUSE].suffix() == " min"
    assert dialog.spin_boxes[Stage.ROOT_CAUSE].maximum() == 480
    assert dialog.reset_button.isEnabled()


def test_the_total_follows_typing(qtbot, dialog):
    box = dialog.spin_boxes[Stage.TIMELINE]
    box.selectAll()
    qtbot.keyClicks(box, "45")
    assert dialog.total_label.text() == "Total: 100 minutes"
    assert dialog.agenda()[Stage.TIMELINE] == 45


def test_no_time_at_all_cannot_be_accepted(dialog):
    for box in dialog.spin_boxes.values():
        box.setValue(0)
    assert not ok_button(dialog).isEnabled()
    assert "No stage has any time" in dialog.total_label.text()
    dialog.spin_boxes[Stage.SCOPE].setValue(1)
    assert ok_button(dialog).isEnabled()
    assert dialog.total_label.text() == "Total: 1 minute"


def test_reset_puts_the_template_back(dialog):
    dialog.reset_button.click()
    assert dialog.agenda() == DEFAULT
    assert dialog.total_label.text() == "Total: 60 minutes"
    assert not dialog.reset_button.isEnabled()


def test_result_is_the_agenda_empty_for_the_default_and_none_unchanged(dialog):
    assert dialog.result_for(EDITED) is None
    dialog.spin_boxes[Stage.SCOPE].setValue(10)
    assert dialog.result_for(EDITED) == {**EDITED, Stage.SCOPE: 10}
    dialog.reset_to_default()
    assert dialog.result_for(EDITED) == {}  # the postmortem follows its template again


def test_a_partial_agenda_shows_missing_stages_as_skipped(qtbot):
    dialog = AgendaDialog({Stage.SCOPE: 10}, DEFAULT)
    qtbot.addWidget(dialog)
    assert dialog.agenda() == {stage: 10 if stage is Stage.SCOPE else 0 for stage in Stage}


def drive(qtbot, keys: list[str | Qt.Key]) -> None:
    """Once the dialog is open, type ``keys`` (text, or a key) into its focused widget.

    Text replaces the box's minutes, as it does for a person: Tab selects what a box holds, but
    the offscreen platform never activates the dialog, so no focus event selects it here.
    """

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AgendaDialog)
        for key in keys:
            focused = dialog.focusWidget()
            assert focused is not None
            if isinstance(key, str):
                qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClicks(focused, key)
            else:
                qtbot.keyClick(focused, key, Qt.KeyboardModifier.NoModifier)

    QTimer.singleShot(0, act)


def test_ask_by_keyboard_alone(qtbot):
    # The first stage's box has the focus when the dialog opens.
    drive(qtbot, ["10", Qt.Key.Key_Tab, "0", Qt.Key.Key_Return])
    result = AgendaDialog.ask(None, DEFAULT, DEFAULT)
    assert result == {**DEFAULT, Stage.SCOPE: 10, Stage.TIMELINE: 0}


def test_ask_cancelled_is_none(qtbot, monkeypatch):
    monkeypatch.setattr(AgendaDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert AgendaDialog.ask(None, EDITED, DEFAULT) is None


def test_labels_are_plain_and_controls_named(dialog):
    dialog.show()
    check_plain_and_named(dialog)
