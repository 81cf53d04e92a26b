"""Upgrading a version-1 library: backup first, then each step in its own transaction."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.domain.model import CoachingDismissal, Postmortem
from app.store import APPLICATION_ID, LATEST_VERSION, Library, LibraryWriteError
from app.store import migrations as migrations_module
from app.store.mapping import POSTMORTEMS, child_tables, postmortem_columns, record_columns
from app.store.migrations import migrate
from tests.store.samples import small_postmortem

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "library_v1.sql"
BACKUP_NAME = re.compile(r"^retro\.sqlite\.v1-backup-\d{8}T\d{6}Z$")


def _write_v1_library(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    connection.close()


def _pragmas(path: Path) -> tuple[int, int]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return (
            connection.execute("PRAGMA application_id").fetchone()[0],
            connection.execute("PRAGMA user_version").fetchone()[0],
        )
    finally:
        connection.close()


def _schema(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    return connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


@pytest.fixture
def v1_library(library_path: Path) -> Path:
    _write_v1_library(library_path)
    assert _pragmas(library_path) == (APPLICATION_ID, 1)
    return library_path


def test_migration_1_still_makes_the_frozen_version_1_layout(tmp_path: Path) -> None:
    fresh = sqlite3.connect(tmp_path / "fresh.sqlite", isolation_level=None)
    migrate(Database(fresh, execute_plugins=False), tmp_path / "fresh.sqlite", 0, target=1)
    frozen = sqlite3.connect(tmp_path / "frozen.sqlite")
    frozen.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    assert _schema(fresh) == _schema(frozen)
    fresh.close()
    frozen.close()


def test_opening_upgrades_to_the_latest_version_and_keeps_the_data(v1_library: Path) -> None:
    with Library.open(v1_library) as library:
        assert library.schema_version == LATEST_VERSION
        assert library.postmortem_ids() == [1, 3]
        full = library.load(1)
        assert full.title == "Zahlungsausfall: Datenbank-Failover um 03:12 ✓"
        assert [event.id for event in full.timeline] == ["ev-detect", "ev-onset", "ev-fix"]
        assert full.action_items[0].cause_ids == ("c-disk", "w2")
        assert library.load(3).timeline[0].description == "Sendgrid webhook retries piled up"
        assert [s.id for s in library.summaries(search="kittiwake")] == [1]
        assert [s.id for s in library.summaries(search="sendgr retr")] == [3]
        assert [s.id for s in library.summaries(search="Ødegård")] == [1]
        created = library.create(Postmortem(title="After", severity=full.severity))
        assert created.id == 4  # AUTOINCREMENT's memory of the deleted number 2 survived
    assert _pragmas(v1_library) == (APPLICATION_ID, LATEST_VERSION)


def test_fields_added_after_version_1_read_as_their_defaults_and_can_be_written(
    v1_library: Path,
) -> None:
    """Version 4: the communication JSON of an old file lacks external_summary; no dismissals."""
    dismissal = CoachingDismissal("d1", "timeline[ev-fix].description", "kittiwake", "A name")
    with Library.open(v1_library) as library:
        full = library.load(1)
        assert full.communication.external_summary == ""
        assert full.coaching_dismissals == ()
        assert library.setting("tracker_url_pattern") == ""
        communication = dataclasses.replace(full.communication, external_summary="Told: sorry")
        library.update(1, {"communication": communication, "coaching_dismissals": (dismissal,)})
        library.set_setting("tracker_url_pattern", "https://t.example/{key}")
    with Library.open(v1_library) as library:
        assert library.load(1).communication.external_summary == "Told: sorry"
        assert library.load(1).coaching_dismissals == (dismissal,)
        assert library.setting("tracker_url_pattern") == "https://t.example/{key}"


def test_a_backup_is_taken_before_migrating_and_still_reads_as_version_1(v1_library: Path) -> None:
    with Library.open(v1_library) as library:
        backup = library.backup_path
    assert backup is not None
    assert backup.parent == v1_library.parent
    assert BACKUP_NAME.match(backup.name), backup.name
    assert _pragmas(backup) == (APPLICATION_ID, 1)
    connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        titles = [row[0] for row in connection.execute("SELECT title FROM postmortems ORDER BY id")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert titles == [
        "Zahlungsausfall: Datenbank-Failover um 03:12 ✓",
        "Queue backlog in the mailer",
    ]
    assert "search_index" not in tables
    assert sorted(p.name for p in v1_library.parent.iterdir()) == sorted(
        [v1_library.name, backup.name]
    )


def test_no_backup_when_nothing_is_migrated(v1_library: Path) -> None:
    with Library.open(v1_library) as library:
        assert library.backup_path is not None
    with Library.open(v1_library) as library:
        assert library.backup_path is None
    with Library.open(v1_library.with_name("new.sqlite")) as library:
        assert library.backup_path is None


def test_a_failing_step_rolls_back_with_its_version_bump(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(library_path).close()

    def broken_step(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(
        migrations_module, "MIGRATIONS", (*migrations_module.MIGRATIONS, broken_step)
    )
    connection = sqlite3.connect(library_path, isolation_level=None)
    db = Database(connection, execute_plugins=False)
    with pytest.raises(LibraryWriteError, match=f"upgrade it to version {LATEST_VERSION + 1}"):
        migrate(db, library_path, LATEST_VERSION, target=LATEST_VERSION + 1)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert "half_done" not in db.table_names()
    connection.close()


def test_the_latest_schema_has_a_column_for_every_model_field(library: Library) -> None:
    """A model field added without a migration fails here, not in a user's file."""
    db = library._database
    assert set(db.table(POSTMORTEMS).columns_dict) == set(postmortem_columns())
    for child in child_tables():
        expected = {"postmortem_id", "position", *record_columns(child.record)}
        assert set(db.table(child.table).columns_dict) == expected, child.table


def test_pragmas_while_open(library: Library) -> None:
    connection = library._database.conn
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_a_column_the_file_lacks_reads_as_the_fields_default(library: Library) -> None:
    """What lets a migration load postmortems before later steps have added their columns."""
    stored = library.create(small_postmortem("older layout", sla_target="99.9 %"))
    assert stored.id is not None
    library._database.conn.execute("ALTER TABLE postmortems DROP COLUMN sla_target")
    assert library.load(stored.id) == dataclasses.replace(stored, sla_target="")
