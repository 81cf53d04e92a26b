"""Help > About: the versions and the library file, for bug reports and "which file is this?"."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget


def retro_version() -> str:
    try:
        return metadata.version("retro")
    except metadata.PackageNotFoundError:
        return "development build"


def about_text(library_path: Path) -> str:
    return (
        f"Retro {retro_version()}\n"
        "A facilitator for blameless incident postmortems.\n\n"
        f"Qt {qVersion()}, PySide6 {pyside_version}\n"
        f"Library: {library_path}"
    )


def show_about(parent: QWidget | None, library_path: Path) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Retro")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text(library_path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    box.deleteLater()
