"""Choosing files and writing them safely: the dialogs pages use, replaceable by tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
    """Write ``content`` (text as UTF-8) to ``path`` through a temporary file in the same folder,
    so a failed export never leaves a half-written file where a good one was."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
