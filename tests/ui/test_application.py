"""Starting Retro: a foreign file gets one message and stays untouched; a good one opens."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.domain.model import Severity
from app.render.graphviz import graphviz_version
from app.store import Library
from app.ui.about import graphviz_line
from app.ui.application import run_app
from app.ui.dialogs import NewPostmortemDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def message_spy(monkeypatch) -> list[str]:
    """Replace QMessageBox.exec: record the text of every box instead of blocking on it."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def app_identity(qapp, tmp_path: Path) -> Iterator[None]:
    """run_app names the application; put the test's own identity and settings back afterwards."""
    saved = (QCoreApplication.applicationName(), QCoreApplication.organizationName())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield
    QCoreApplication.setApplicationName(saved[0])
    QCoreApplication.setOrganizationName(saved[1])


def test_a_file_that_is_not_a_library_gets_one_message_and_is_not_changed(
    tmp_path: Path, message_spy: list[str], app_identity: None
) -> None:
    foreign = tmp_path / "notes.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE shopping (item TEXT)")
    connection.execute("INSERT INTO shopping VALUES ('milk')")
    connection.commit()
    connection.close()
    before = foreign.read_bytes()

    assert run_app(foreign) == 1
    assert len(message_spy) == 1
    assert "notes.sqlite" in message_spy[0]
    assert "not changed" in message_spy[0]
    assert foreign.read_bytes() == before
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_a_text_file_is_refused_too(
    tmp_path: Path, message_spy: list[str], app_identity: None
) -> None:
    foreign = tmp_path / "readme.txt"
    foreign.write_text("hello\n")
    assert run_app(foreign) == 1
    assert len(message_spy) == 1
    assert foreign.read_text() == "hello\n"


def test_run_app_opens_a_window_on_a_new_library_and_exits_cleanly(
    tmp_path: Path, app_identity: None
) -> None:
    path = tmp_path / "fresh.sqlite"
    seen: list[str] = []

    def close_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.close()

    QTimer.singleShot(50, close_window)
    assert run_app(path) == 0
    assert seen == ["Retro - fresh.sqlite"]
    assert QCoreApplication.organizationName() == "Retro"
    with Library.open(path, create=False) as library:
        assert library.summaries() == []


def test_new_postmortem_dialog_shows_the_template_and_returns_the_answer(qtbot) -> None:
    dialog = NewPostmortemDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "  Payments outage ")
    dialog.severity_combo.setCurrentIndex(dialog.severity_combo.findData(Severity.SEV2))
    assert "Full template" in dialog.template_note.text()
    dialog.severity_combo.setCurrentIndex(dialog.severity_combo.findData(Severity.SEV4))
    assert "Lightweight template" in dialog.template_note.text()
    assert (dialog.title(), dialog.severity()) == ("Payments outage", Severity.SEV4)


def test_new_postmortem_ask_returns_none_when_cancelled(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(NewPostmortemDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert NewPostmortemDialog.ask(None) is None
    monkeypatch.setattr(
        NewPostmortemDialog,
        "exec",
        lambda self: (self.title_edit.setText("Cache storm"), QDialog.DialogCode.Accepted)[1],
    )
    assert NewPostmortemDialog.ask(None) == ("Cache storm", Severity.SEV3)


def test_about_names_the_versions_and_the_library(main_window, message_spy: list[str]) -> None:
    window = main_window()
    window.menu_actions.about.trigger()
    assert len(message_spy) == 1
    assert "Retro " in message_spy[0]
    assert f"Qt {qVersion()}" in message_spy[0]
    assert str(window.library_path) in message_spy[0]
    version = graphviz_version()
    assert version is not None
    assert f"Graphviz {version}" in message_spy[0]


def test_about_says_how_to_install_a_missing_graphviz() -> None:
    assert "not found" in graphviz_line(None)
    assert "graphviz" in graphviz_line(None)
    assert graphviz_line("2.43.0").startswith("Graphviz 2.43.0")
