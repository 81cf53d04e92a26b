"""Store fixtures: every library lives under tmp_path and is closed after the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Library


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "retro.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    opened = Library.open(library_path)
    yield opened
    opened.close()
