"""The library's own settings: short named texts kept in the file, such as the tracker pattern.

They travel with the library (a team shares one file and one tracker) rather than with the
computer, which is why they live here and not in the user's Qt settings. Keys are the callers'
constants (``app.domain.tracker.TRACKER_PATTERN_KEY``); a key without a row reads as the default.
"""

from __future__ import annotations

from sqlite_utils import Database

SETTINGS = "settings"


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"a setting's {name} must be text, not {type(value).__name__}")
    value.encode("utf-8")  # a lone surrogate cannot be stored: UnicodeEncodeError, a ValueError
    return value


def read_setting(db: Database, key: str, default: str) -> str:
    """The stored value of ``key``, or ``default`` when it was never set."""
    rows = db.execute(f"SELECT value FROM {SETTINGS} WHERE key = ?", [_require_text("key", key)])
    row = rows.fetchone()
    if row is None:
        return default
    value = row[0]
    return value if isinstance(value, str) else str(value)


def write_setting(db: Database, key: str, value: str) -> None:
    """Store ``value`` under ``key``, replacing what was there, in the caller's transaction."""
    if not _require_text("key", key):
        raise ValueError("a setting's key must not be empty")
    db.execute(
        f"INSERT INTO {SETTINGS} (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, _require_text("value", value)],
    )
