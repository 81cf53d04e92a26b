"""Looking at library files from outside: hashes and the -wal/-shm files beside them."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    """A hash of the file's bytes, or "absent"."""
    if not path.exists():
        return "absent"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def library_digest(path: Path) -> tuple[str, str]:
    """Hashes of the main file and its WAL: both stay put when nothing was written."""
    return file_digest(path), file_digest(path.with_name(path.name + "-wal"))


def side_files(path: Path) -> list[Path]:
    return [
        candidate
        for candidate in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if candidate.exists()
    ]
