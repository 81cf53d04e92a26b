"""File > Export…: audience and format, the redaction preview that must be resolved, the export
written off the GUI thread, and the window's part (terms and settings stored)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.model import Communication, Postmortem, SecuritySignOff, Stage, utc_now
from app.domain.redaction import ALLOWED_HOSTS_KEY
from app.ui import files
from app.ui.export_dialog import dialog as dialog_module
from app.ui.export_dialog.dialog import ExportDialog
from tests.domain.review_samples import ready
from tests.ui.accessibility import check_plain_and_named

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"


def with_summary(text: str, **changes: object) -> Postmortem:
    pm = ready(
        communication=Communication(external_summary=text, external_postmortem_required=True)
    )
    return dataclasses.replace(pm, id=7, **changes)


@pytest.fixture
def make(qtbot):
    def factory(pm: Postmortem) -> ExportDialog:
        dialog = ExportDialog(pm)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return factory


def export(qtbot, dialog: ExportDialog, path: Path) -> list[Path]:
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        dialog.export_to(path)
    return signal.args[0]


def test_an_internal_pdf_is_written_off_the_gui_thread_and_opened(
    make, qtbot, tmp_path, monkeypatch
):
    opened: list[Path] = []
    monkeypatch.setattr(dialog_module, "open_file", lambda path: opened.append(path) or True)
    dialog = make(with_summary("Checkout failed for 50 minutes."))
    dialog.open_after.setChecked(True)
    written = export(qtbot, dialog, tmp_path / "out.pdf")
    assert written == [tmp_path / "out.pdf"]
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert opened == [tmp_path / "out.pdf"]
    assert "Exported out.pdf" in dialog.status.text()
    assert not dialog.progress.isVisible()


def test_the_save_path_comes_from_the_file_dialog(make, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ask_save_path", lambda *_args: tmp_path / "chosen")
    dialog = make(with_summary("Checkout failed."))
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        dialog.choose_and_export()
    assert signal.args[0][0] == tmp_path / "chosen.md"


def test_the_customer_preview_lists_redactions_and_lets_one_back(make, qtbot, tmp_path):
    dialog = make(with_summary("Write to help@example.org or ops@corp.example.com."))
    dialog.customer.setChecked(True)
    found = [
        dialog.preview.table.item(row, 1).text() for row in range(dialog.preview.table.rowCount())
    ]
    assert "help@example.org" in found
    assert dialog.export_button.isEnabled()
    row = found.index("help@example.org")
    dialog.preview.table.selectRow(row)
    dialog.preview.allow_button.click()
    still = [dialog.preview.table.item(r, 1).text() for r in range(dialog.preview.table.rowCount())]
    assert "help@example.org" not in still
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    written = export(qtbot, dialog, tmp_path / "customer.md")
    text = written[0].read_text(encoding="utf-8")
    assert "help@example.org" in text
    assert "ops@corp.example.com" not in text


def test_a_secret_must_be_confirmed_before_anything_is_exported(make):
    dialog = make(with_summary(f"The leaked key was {AWS_KEY}."))
    dialog.customer.setChecked(True)
    assert not dialog.export_button.isEnabled()
    assert "must be confirmed" in dialog.preview.summary.text()
    dialog.preview.table.selectRow(0)
    assert not dialog.preview.allow_button.isEnabled()  # a secret can never be let back
    dialog.preview.confirm_all_secrets()
    assert dialog.export_button.isEnabled()
    dialog.internal.setChecked(True)
    assert dialog.export_button.isEnabled()


def test_a_security_incident_is_refused_until_signed_off(make):
    pm = with_summary("Credentials were rotated.", security_incident=True)
    dialog = make(pm)
    dialog.customer.setChecked(True)
    assert dialog.refusal.isVisible()
    assert "sign" in dialog.refusal.text().lower()
    assert not dialog.export_button.isEnabled()
    dialog.set_postmortem(
        dataclasses.replace(pm, security_signoff=SecuritySignOff("Legal", utc_now()))
    )
    assert not dialog.refusal.isVisible()
    assert dialog.export_button.isEnabled()


def test_adding_a_term_asks_for_it_to_be_stored(make, qtbot):
    pm = with_summary("Acme Bank saw errors.")
    dialog = make(pm)
    dialog.customer.setChecked(True)
    with qtbot.waitSignal(dialog.terms_requested) as signal:
        dialog.preview.term.setText("Acme Bank")
        dialog.preview.add_button.click()
    assert signal.args[0] == ("Acme Bank",)
    dialog.set_postmortem(dataclasses.replace(pm, redaction_terms=("Acme Bank",)))
    found = [dialog.preview.table.item(r, 1).text() for r in range(dialog.preview.table.rowCount())]
    assert "Acme Bank" in found


def test_controls_are_named_and_text_is_plain(make):
    dialog = make(with_summary("<b>bold</b> help@example.org"))
    dialog.customer.setChecked(True)
    check_plain_and_named(dialog)


def test_export_from_the_window_stores_terms_and_settings(main_window, qtbot):
    window = main_window([dataclasses.replace(with_summary("Acme Bank saw errors."), id=None)])
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.side_windows.export
    assert dialog is not None
    dialog.customer.setChecked(True)
    dialog.preview.term.setText("Acme Bank")
    dialog.preview.add_button.click()
    assert window.library.load(postmortem_id).redaction_terms == ("Acme Bank",)
    found = [dialog.preview.table.item(r, 1).text() for r in range(dialog.preview.table.rowCount())]
    assert "Acme Bank" in found
    dialog.allowed_hosts.setText("status.example.com")
    dialog.allowed_hosts.editingFinished.emit()
    assert window.library.setting(ALLOWED_HOSTS_KEY) == "status.example.com"
    dialog.reject()
    window.menu_actions.undo.trigger()
    assert window.library.load(postmortem_id).redaction_terms == ()
    assert window.current_stage() is Stage.SCOPE
