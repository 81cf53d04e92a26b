"""The library list: one light row per postmortem, filtered and searched in SQL.

The list is what the window shows at start, so it reads only the ``postmortems`` columns it needs
plus the earliest timeline time, never whole postmortems.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from app.domain.model import Severity, Status
from app.domain.plain import from_plain, to_plain
from app.store.mapping import POSTMORTEMS, decode_column
from app.store.search import SEARCH_TABLE, fts_query


@dataclass(frozen=True)
class PostmortemSummary:
    """One row of the library list."""

    id: int
    title: str
    severity: Severity
    status: Status
    # The postmortem's incident_date, else the date of its earliest timeline event, else None.
    incident_date: date | None
    updated_at: datetime
    affected_services: tuple[str, ...]
    tags: tuple[str, ...]


_SELECT = f"""
SELECT p.id, p.title, p.severity, p.status, p.incident_date, p.updated_at, p.affected_services,
       p.tags,
       (SELECT min(t.at) FROM timeline_events AS t WHERE t.postmortem_id = p.id) AS first_event_at
FROM {POSTMORTEMS} AS p
"""


@dataclass(frozen=True)
class SummaryFilter:
    """The library list's filters; every one left empty matches everything."""

    search: str = ""
    severity: Severity | None = None
    status: Status | None = None
    service: str | None = None
    tag: str | None = None
    ids: Collection[int] | None = None  # only these postmortems (a refresh after one edit)

    def where(self) -> tuple[str, list[object]]:
        """A WHERE clause of fixed SQL with every user value as a parameter."""
        clauses: list[str] = []
        parameters: list[object] = []
        if self.severity is not None:
            clauses.append("p.severity = ?")
            parameters.append(to_plain(self.severity))
        if self.status is not None:
            clauses.append("p.status = ?")
            parameters.append(to_plain(self.status))
        if self.service is not None:
            clauses.append("EXISTS (SELECT 1 FROM json_each(p.affected_services) WHERE value = ?)")
            parameters.append(self.service)
        if self.tag is not None:
            clauses.append("EXISTS (SELECT 1 FROM json_each(p.tags) WHERE value = ?)")
            parameters.append(self.tag)
        if self.ids is not None:
            clauses.append("p.id IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(sorted(self.ids)))
        query = fts_query(self.search)
        if query is not None:
            clauses.append(
                f"p.id IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?)"
            )
            parameters.append(query)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def query_summaries(db: Database, filters: SummaryFilter) -> list[PostmortemSummary]:
    """Summaries matching ``filters``, most recently updated first (then newest id first).

    Stored data the model refuses raises ValidationError; the caller names the file.
    """
    where, parameters = filters.where()
    sql = _SELECT + where + " ORDER BY p.updated_at DESC, p.id DESC"
    return [_summary(row) for row in db.query(sql, parameters)]


def _summary(row: dict[str, object]) -> PostmortemSummary:
    number = row["id"]
    assert isinstance(number, int)

    def column(name: str) -> Any:
        return decode_column(name, row[name], f"postmortem[{number}].{name}")

    incident_date = column("incident_date")
    first_event_at = row["first_event_at"]
    if incident_date is None and isinstance(first_event_at, str):
        path = f"postmortem[{number}].timeline[0].at"
        incident_date = from_plain(datetime, first_event_at, path).date()
    return PostmortemSummary(
        id=number,
        title=column("title"),
        severity=column("severity"),
        status=column("status"),
        incident_date=incident_date,
        updated_at=column("updated_at"),
        affected_services=column("affected_services"),
        tags=column("tags"),
    )


def distinct_values(db: Database, column: str) -> list[str]:
    """Every value of the JSON list ``column`` across the library, sorted case-insensitively."""
    if column not in ("affected_services", "tags"):
        raise ValueError(f"no list of values is kept in {column!r}")
    sql = f"SELECT DISTINCT j.value AS value FROM {POSTMORTEMS} AS p, json_each(p.{column}) AS j"
    rows = db.query(sql)
    values = [str(row["value"]) for row in rows]
    return sorted(values, key=lambda value: (value.casefold(), value))
