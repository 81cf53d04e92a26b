"""Splitter positions remembered between sessions, for every splitter on the stage pages.

Each page's splitters are found in creation order and keyed by stage and position
(``splitters/stage3/0``), so a page needs no names for them and a page that gains a splitter only
forgets the positions after it. A stored state that no longer fits is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from app.domain.model import Stage

SPLITTERS_GROUP = "splitters"


def page_splitters(pages: Mapping[Stage, QWidget]) -> Iterator[tuple[str, QSplitter]]:
    for stage, page in pages.items():
        for index, splitter in enumerate(page.findChildren(QSplitter)):
            yield f"{SPLITTERS_GROUP}/stage{stage.value}/{index}", splitter


def save_splitters(settings: QSettings, pages: Mapping[Stage, QWidget]) -> None:
    for key, splitter in page_splitters(pages):
        settings.setValue(key, splitter.saveState())


def restore_splitters(settings: QSettings, pages: Mapping[Stage, QWidget]) -> None:
    for key, splitter in page_splitters(pages):
        state = settings.value(key)
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
