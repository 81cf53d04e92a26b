"""The follow-ups across the library, read in two queries instead of loading every postmortem.

The Follow-ups view and ``retro followups`` need the open action items and the reviews not yet
held of every postmortem. Loading each postmortem whole would read every timeline event of the
library to show a few dozen rows, so each list is one join of its child table with the few
``postmortems`` columns it shows. The rows become records through the same checked readers as a
load (``app.store.decoding``). A deleted postmortem has no rows left to find: deleting removes its
row, and its items go with it (ON DELETE CASCADE).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.domain.followups import (
    OPEN_STATUSES,
    FollowUps,
    OpenActionItem,
    UpcomingReview,
    is_overdue,
    sort_and_filter,
)
from app.domain.model import ActionItem, FollowUpReview, Severity
from app.domain.plain import to_plain
from app.store.decoding import RowReader
from app.store.mapping import POSTMORTEMS, decode_column, decode_plain

# The postmortem's columns come first under names no child table uses.
_ACTION_ITEMS = f"""
SELECT p.title AS pm_title, p.severity AS pm_severity, a.*
FROM action_items AS a JOIN {POSTMORTEMS} AS p ON p.id = a.postmortem_id
WHERE a.status IN (SELECT value FROM json_each(?))
"""  # the open statuses, as one JSON list parameter
_REVIEWS = f"""
SELECT p.title AS pm_title, r.*
FROM follow_up_reviews AS r JOIN {POSTMORTEMS} AS p ON p.id = r.postmortem_id
WHERE r.done = 0
"""


def _rows(db: Database, sql: str, parameters: Sequence[object], record: type) -> Any:
    cursor = db.execute(sql, list(parameters))
    columns = [column[0] for column in cursor.description]
    return RowReader(record, columns, decode_plain), columns, cursor


def query_follow_ups(db: Database, today: date) -> FollowUps:
    """Every open action item and every review not done, sorted (``sort_and_filter``).

    Stored data the model refuses raises ValidationError naming the postmortem and item; the
    caller names the file.
    """
    statuses = json.dumps(sorted(str(to_plain(status)) for status in OPEN_STATUSES))
    postmortems = _PostmortemColumns()
    reader, columns, cursor = _rows(db, _ACTION_ITEMS, [statuses], ActionItem)
    number, position = columns.index("postmortem_id"), columns.index("position")
    items = []
    for row in cursor:
        path = f"postmortem[{row[number]}].action_items[{row[position]}]"
        item: ActionItem = reader.read(row, path)
        title, severity = postmortems.title_and_severity(row[number], row[0], row[1])
        items.append(
            OpenActionItem(row[number], title, severity, item, is_overdue(item.due, today))
        )
    reader, columns, cursor = _rows(db, _REVIEWS, [], FollowUpReview)
    number, position = columns.index("postmortem_id"), columns.index("position")
    reviews = []
    for row in cursor:
        path = f"postmortem[{row[number]}].follow_up_reviews[{row[position]}]"
        review: FollowUpReview = reader.read(row, path)
        title = postmortems.title(row[number], row[0])
        reviews.append(UpcomingReview(row[number], title, review, is_overdue(review.due, today)))
    return sort_and_filter(FollowUps(tuple(items), tuple(reviews)), today=today)


class _PostmortemColumns:
    """A postmortem's title and severity, checked once however many of its rows a query returns."""

    def __init__(self) -> None:
        self._titles: dict[int, str] = {}
        self._severities: dict[int, Severity] = {}

    def title(self, postmortem_id: int, raw: object) -> str:
        title = self._titles.get(postmortem_id)
        if title is None:
            path = f"postmortem[{postmortem_id}].title"
            title = self._titles[postmortem_id] = decode_column("title", raw, path)
        return title

    def title_and_severity(
        self, postmortem_id: int, raw_title: object, raw_severity: object
    ) -> tuple[str, Severity]:
        severity = self._severities.get(postmortem_id)
        if severity is None:
            path = f"postmortem[{postmortem_id}].severity"
            severity = decode_column("severity", raw_severity, path)
            self._severities[postmortem_id] = severity
        return self.title(postmortem_id, raw_title), severity
