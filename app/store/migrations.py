"""The library's schema history: one function per version step, applied in order.

``PRAGMA user_version`` holds how many steps a file has had. Each step runs in its own transaction
together with its version bump, so a crash leaves the file at the previous version, whole.

The steps are history and must never change once released: a file written at version 1 has
exactly the tables ``_create_base_tables`` makes today. That is why they spell out their columns
instead of deriving them from the model; the mapping code reads whatever columns exist. A new model
field means appending a step that adds its column (``db.table(name).add_column(...)``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.db import ForeignKey

from app.store.errors import CorruptLibraryError
from app.store.mapping import POSTMORTEMS, read_postmortem
from app.store.search import CREATE_SEARCH_TABLE, index_postmortem
from app.store.transaction import write_transaction

# "RTRO" as a big-endian 32-bit number: SQLite stores it at byte 68 of the file header.
APPLICATION_ID = int.from_bytes(b"RTRO", "big")

Migration = Callable[[Database], None]

# The child tables of version 1 and their columns besides postmortem_id and position.
_BASE_CHILD_TABLES: dict[str, dict[str, type]] = {
    "participants": {"name": str, "role": str},
    "timeline_events": {
        "id": str, "at": str, "description": str, "milestone": str, "evidence": str,
        "internal_only": int, "key_event": int,
    },
    "fishbone_categories": {"id": str, "name": str},
    "causes": {
        "id": str, "category_id": str, "text": str, "parent_id": str, "classification": str,
        "evidence": str,
    },
    "whys": {"id": str, "text": str, "parent_id": str, "classification": str, "evidence": str},
    "observations": {"id": str, "kind": str, "text": str, "event_ids": str},
    "action_items": {
        "id": str, "title": str, "owner": str, "due": str, "category": str, "priority": str,
        "tracker": str, "status": str, "cause_ids": str, "public": int,
    },
    "appendix_links": {"id": str, "kind": str, "title": str, "url": str},
    "follow_up_reviews": {"id": str, "due": str, "done": int, "notes": str},
}  # fmt: skip

# Written out by hand because sqlite-utils cannot say AUTOINCREMENT, and without it SQLite reuses
# the highest id after a delete: undoing that delete would then find its number taken.
_CREATE_POSTMORTEMS = f"""
CREATE TABLE {POSTMORTEMS} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    incident_ref TEXT NOT NULL DEFAULT '',
    incident_date TEXT,
    affected_services TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_on TEXT,
    document_owner TEXT NOT NULL DEFAULT '',
    audiences TEXT NOT NULL DEFAULT '[]',
    template TEXT,
    security_incident INTEGER NOT NULL DEFAULT 0,
    security_signoff TEXT,
    redaction_terms TEXT NOT NULL DEFAULT '[]',
    sla_target TEXT NOT NULL DEFAULT '',
    invitation TEXT NOT NULL DEFAULT '',
    stage_notes TEXT NOT NULL DEFAULT '{{}}',
    impact TEXT NOT NULL,
    problem_statement TEXT NOT NULL DEFAULT '',
    communication TEXT NOT NULL
)"""


def _create_base_tables(db: Database) -> None:
    """Version 1: one row per postmortem, one child table per collection of items."""
    db.execute(_CREATE_POSTMORTEMS)
    db.table(POSTMORTEMS).create_index(["updated_at"], index_name="postmortems_by_updated_at")
    for table, columns in _BASE_CHILD_TABLES.items():
        key = "id" if "id" in columns else "position"
        db.create_table(
            table,
            {"postmortem_id": int, "position": int, **columns},
            pk=("postmortem_id", key),
            not_null={"postmortem_id", "position", key},
            foreign_keys=[
                ForeignKey(
                    table=table,
                    column="postmortem_id",
                    other_table=POSTMORTEMS,
                    other_column="id",
                    on_delete="CASCADE",
                )
            ],
        )


def _add_search_index(db: Database) -> None:
    """Version 2: the full-text index over every text field, filled for the postmortems present."""
    db.execute(CREATE_SEARCH_TABLE)
    for row in db.query(f"SELECT id FROM {POSTMORTEMS} ORDER BY id"):
        postmortem = read_postmortem(db, row["id"])
        assert postmortem is not None
        index_postmortem(db, row["id"], postmortem)


def _add_timeline_entered_as(db: Database) -> None:
    """Version 3: keep the text a time was typed as (zone included) beside the UTC time."""
    db.table("timeline_events").add_column("entered_as", str, not_null_default="")


def _create_items_table(db: Database, table: str, columns: dict[str, type]) -> None:
    """A child table of records with ids, in order, deleted with their postmortem."""
    db.create_table(
        table,
        {"postmortem_id": int, "position": int, **columns},
        pk=("postmortem_id", "id"),
        not_null={"postmortem_id", "position", "id"},
        foreign_keys=[
            ForeignKey(
                table=table,
                column="postmortem_id",
                other_table=POSTMORTEMS,
                other_column="id",
                on_delete="CASCADE",
            )
        ],
    )


def _add_coaching_dismissals_and_settings(db: Database) -> None:
    """Version 4: dismissed coaching flags (a child table) and the library's own settings.

    ``Communication.external_summary`` needs no step: ``communication`` is one JSON column, and
    JSON written before the field existed reads as the field's default. No search text is added
    for the postmortems present: none of them can hold a dismissal or an external summary yet.
    """
    _create_items_table(
        db, "coaching_dismissals", {"id": str, "location": str, "phrase": str, "reason": str}
    )
    # One row per setting; a key without a row reads as the caller's default.
    db.create_table("settings", {"key": str, "value": str}, pk="key", not_null={"key", "value"})


def _add_meeting_and_contacts(db: Database) -> None:
    """Version 5: the meeting's agenda, time spent and parking lot, and what stays private on a
    shared screen: participants' contacts and the facilitator's private notes.

    No search text is added for the postmortems present: none can hold a parked point yet.
    """
    db.table(POSTMORTEMS).add_column("agenda", str, not_null_default="{}")
    db.table(POSTMORTEMS).add_column("meeting_time", str, not_null_default="{}")
    db.table(POSTMORTEMS).add_column("private_notes", str, not_null_default="")
    db.table("participants").add_column("contact", str, not_null_default="")
    _create_items_table(
        db,
        "parking_lot",
        {"id": str, "text": str, "raised_at": str, "raised_during": str, "done": int},
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_base_tables,
    _add_search_index,
    _add_timeline_entered_as,
    _add_coaching_dismissals_and_settings,
    _add_meeting_and_contacts,
)
LATEST_VERSION = len(MIGRATIONS)


def migrate(db: Database, path: Path, current: int, *, target: int = LATEST_VERSION) -> int:
    """Run the steps from ``current`` up to ``target``, each in its own transaction; return target.

    A postmortem the file holds that the model refuses (found while filling a new index, say)
    stops the upgrade with CorruptLibraryError; the step is rolled back.
    """
    for version in range(current, target):
        step = MIGRATIONS[version]
        with write_transaction(db, path, f"upgrade it to version {version + 1}"):
            try:
                step(db)
            except ValueError as error:  # ValidationError from stored data
                raise CorruptLibraryError(path, f"upgrading it failed: {error}") from error
            # PRAGMA takes no parameters; the value is our own integer.
            db.execute(f"PRAGMA user_version = {version + 1:d}")
    return target
