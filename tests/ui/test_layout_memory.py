"""What the next start restores: the window, every splitter, the postmortem and stage, the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from app.domain.model import Stage
from app.store import Library
from app.ui.application import create_main_window
from app.ui.layout_memory import page_splitters
from app.ui.main_window import MainWindow
from app.ui.theme import ThemeChoice
from tests.store.samples import full_postmortem


def _window(library: Library, settings_path: Path) -> MainWindow:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = create_main_window(library, settings)
    window.resize(1600, 1000)
    window.show()
    return window


def _splitter(window: MainWindow, stage: Stage) -> QSplitter:
    return next(
        s for key, s in page_splitters(window.stage_area.pages) if f"stage{stage.value}/" in key
    )


def test_the_next_start_restores_the_layout_postmortem_stage_and_theme(qtbot, tmp_path) -> None:
    settings_path = tmp_path / "settings.ini"
    with Library.open(tmp_path / "library.sqlite") as library:
        stored = library.create(full_postmortem())
        assert stored.id is not None
        first = _window(library, settings_path)
        first.open_postmortem(stored.id)
        first.go_to_stage(Stage.WHAT_WORKED)
        qtbot.wait(50)
        splitter = _splitter(first, Stage.WHAT_WORKED)
        total = sum(splitter.sizes())
        wanted = [total // 3, total - total // 3]
        splitter.setSizes(wanted)
        first.splitter.setSizes([250, 1350])
        first.theme.choose(ThemeChoice.DARK)
        main_sizes = first.splitter.sizes()
        first.close()
        second = _window(library, settings_path)
        try:
            qtbot.wait(50)
            assert second.current_postmortem_id() == stored.id
            assert second.current_stage() is Stage.WHAT_WORKED
            assert second.theme.choice is ThemeChoice.DARK
            assert second.splitter.sizes() == main_sizes
            # A page may get a few pixels more or less at the next start; the split keeps its
            # proportions, as a splitter does whenever its space changes.
            restored = _splitter(second, Stage.WHAT_WORKED).sizes()
            assert restored[0] / sum(restored) == pytest.approx(wanted[0] / sum(wanted), abs=0.01)
        finally:
            second.close()
            second.deleteLater()
            first.deleteLater()


def test_a_postmortem_deleted_since_is_not_reopened(qtbot, tmp_path) -> None:
    settings_path = tmp_path / "settings.ini"
    with Library.open(tmp_path / "library.sqlite") as library:
        stored = library.create(full_postmortem())
        assert stored.id is not None
        first = _window(library, settings_path)
        first.open_postmortem(stored.id)
        first.close()
        library.delete(stored.id)
        second = _window(library, settings_path)
        try:
            assert second.current_postmortem_id() is None
        finally:
            second.close()
            second.deleteLater()
            first.deleteLater()
