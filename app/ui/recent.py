"""The last postmortems opened, remembered per library file in QSettings.

Postmortem numbers only mean something inside one library, so the list is keyed by a digest of
the library's absolute path (QSettings keys cannot hold the path's slashes as they are).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_LIMIT = 8


class RecentPostmortems:
    """Most recent first, at most ``RECENT_LIMIT`` ids, saved on every change."""

    def __init__(self, settings: QSettings, library_path: Path) -> None:
        self._settings = settings
        digest = hashlib.sha256(str(library_path.resolve()).encode()).hexdigest()[:16]
        self._key = f"recent/{digest}"

    def ids(self) -> list[int]:
        raw = self._settings.value(self._key, [])
        values = raw if isinstance(raw, list) else [raw] if raw else []
        ids: list[int] = []
        for value in values:
            try:
                ids.append(int(str(value)))
            except (TypeError, ValueError):
                continue
        return ids[:RECENT_LIMIT]

    def add(self, postmortem_id: int) -> None:
        ids = [postmortem_id, *(i for i in self.ids() if i != postmortem_id)]
        self._store(ids[:RECENT_LIMIT])

    def remove(self, postmortem_id: int) -> None:
        self._store([i for i in self.ids() if i != postmortem_id])

    def _store(self, ids: list[int]) -> None:
        # Stored as text: an INI file reads every number back as a string anyway.
        self._settings.setValue(self._key, [str(i) for i in ids])
