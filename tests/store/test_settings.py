"""Library settings: named texts kept in the file, each write one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.domain.tracker import TRACKER_PATTERN_KEY
from app.store import Library, LibraryWriteError
from tests.store.files import library_digest

PATTERN = "https://tracker.example.com/browse/{key}"


def test_an_unset_setting_reads_as_the_default(library: Library) -> None:
    assert library.setting(TRACKER_PATTERN_KEY) == ""
    assert library.setting(TRACKER_PATTERN_KEY, "fallback") == "fallback"


def test_a_setting_is_kept_replaced_and_survives_reopening(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.set_setting(TRACKER_PATTERN_KEY, "https://old.example/{key}")
        library.set_setting(TRACKER_PATTERN_KEY, PATTERN)
        library.set_setting("other", "ünïcødé ☃\nsecond line")
        assert library.setting(TRACKER_PATTERN_KEY, "fallback") == PATTERN
    with Library.open(library_path) as reopened:
        assert reopened.setting(TRACKER_PATTERN_KEY) == PATTERN
        assert reopened.setting("other") == "ünïcødé ☃\nsecond line"
        reopened.set_setting(TRACKER_PATTERN_KEY, "")
        assert reopened.setting(TRACKER_PATTERN_KEY, "fallback") == ""  # set to empty on purpose


def test_keys_are_separate_and_quoting_is_safe(library: Library) -> None:
    tricky = "x'); DROP TABLE postmortems; --"
    library.set_setting(tricky, tricky)
    assert library.setting(tricky) == tricky
    assert library.setting("x") == ""
    assert library.postmortem_ids() == []


def test_bad_keys_and_values_are_refused_before_writing(library: Library) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        library.set_setting("", "x")
    with pytest.raises(TypeError, match="must be text"):
        library.set_setting("n", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="surrogate"):
        library.set_setting("n", "\ud800")
    assert library.setting("n") == ""


def test_a_failed_write_is_a_library_write_error_and_changes_nothing(library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.set_setting(TRACKER_PATTERN_KEY, PATTERN)
    before = library_digest(library_path)
    with Library.open(library_path) as library:
        blocker = sqlite3.connect(library_path, timeout=0)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            library._database.conn.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(LibraryWriteError) as raised:
                library.set_setting(TRACKER_PATTERN_KEY, "https://new.example/{key}")
        finally:
            blocker.rollback()
            blocker.close()
        assert str(library_path) in str(raised.value)
        assert "tracker_url_pattern" in str(raised.value)
        assert library.setting(TRACKER_PATTERN_KEY) == PATTERN
    assert library_digest(library_path)[0] == before[0]
