"""Help > About: the versions and the library file, for bug reports and "which file is this?"."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from app.render.graphviz import graphviz_version, install_command


def retro_version() -> str:
    try:
        return metadata.version("retro")
    except metadata.PackageNotFoundError:
        return "development build"


def graphviz_line(version: str | None) -> str:
    """Which Graphviz draws the diagrams, or how to get one."""
    if version is not None:
        return f"Graphviz {version} (draws the fishbone and five whys)"
    return f"Graphviz: not found; diagrams need it ({install_command()})"


def about_text(library_path: Path, graphviz: str | None) -> str:
    return (
        f"Retro {retro_version()}\n"
        "A facilitator for blameless incident postmortems.\n\n"
        f"Qt {qVersion()}, PySide6 {pyside_version}\n"
        f"{graphviz_line(graphviz)}\n"
        f"Library: {library_path}"
    )


def show_about(parent: QWidget | None, library_path: Path) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Retro")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    # Cached after the first call, which the stage 3 page makes on a worker thread at start-up.
    box.setText(about_text(library_path, graphviz_version()))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    box.deleteLater()
