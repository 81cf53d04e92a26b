"""Choosing files and writing them safely: the dialogs pages use, replaceable by tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.export.files import replace_file


def ask_open_path(parent: QWidget, title: str, name_filter: str) -> Path | None:
    """The file the user picked to open, or None."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    """Where the user chose to save, or None."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return Path(name) if name else None


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that a failed write never leaves half a file."""
    replace_file(path, content)
