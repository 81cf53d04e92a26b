"""The timeline CSV export: its shape, its quoting, and that the CSV import reads it back."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, datetime

from hypothesis import given, settings

from app.domain.model import Milestone, TimelineEvent
from app.domain.timeline_import import parse_import
from app.export.timeline_csv import timeline_to_csv
from tests.strategies import timelines


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def without_ids(timeline: tuple[TimelineEvent, ...]) -> list[TimelineEvent]:
    return [dataclasses.replace(event, id="", entered_as="") for event in timeline]


def test_header_and_rows() -> None:
    timeline = (
        TimelineEvent(
            id="a",
            at=datetime(2017, 1, 31, 14, 2, tzinfo=UTC),
            description="Alert fires",
            milestone=Milestone.DETECTION,
            evidence="https://alerts.example/1",
            internal_only=True,
            key_event=False,
            entered_as="15:02 (Europe/Berlin)",
        ),
        TimelineEvent(
            id="b", at=datetime(5, 6, 7, 8, 9, tzinfo=UTC), description="", key_event=True
        ),
    )
    assert timeline_to_csv(timeline) == (
        "time,milestone,description,source,internal_only,key_event\r\n"
        "2017-01-31T14:02:00Z,detection,Alert fires,https://alerts.example/1,true,false\r\n"
        "0005-06-07T08:09:00Z,,,,false,true\r\n"
    )


def test_empty_timeline_is_just_the_header() -> None:
    assert timeline_to_csv(()) == "time,milestone,description,source,internal_only,key_event\r\n"


def test_text_is_quoted_per_rfc_4180_and_otherwise_left_alone() -> None:
    description = 'said "roll back", then\nwaited'
    event = TimelineEvent(
        id="a", at=datetime(2017, 1, 31, 14, 2, tzinfo=UTC), description=description
    )
    text = timeline_to_csv((event,))
    assert '"said ""roll back"", then\nwaited"' in text
    assert rows(text)[1][2] == description


def test_formula_like_text_is_not_altered() -> None:
    texts = ['=HYPERLINK("x")', "+1 more", "-5% traffic", "@alice paged"]
    timeline = tuple(
        TimelineEvent(
            id=str(n),
            at=datetime(2017, 1, 31, 14, n, tzinfo=UTC),
            description=text,
            evidence=text,
        )
        for n, text in enumerate(texts)
    )
    written = rows(timeline_to_csv(timeline))[1:]
    assert [row[2] for row in written] == texts
    assert [row[3] for row in written] == texts


def test_times_are_written_in_utc() -> None:
    event = TimelineEvent(id="a", at=datetime(2017, 1, 31, 14, 2, tzinfo=UTC), description="x")
    assert rows(timeline_to_csv((event,)))[1][0] == "2017-01-31T14:02:00Z"


@settings(max_examples=300)
@given(timelines())
def test_reimporting_the_export_gives_the_same_events(timeline: tuple[TimelineEvent, ...]) -> None:
    preview = parse_import(timeline_to_csv(timeline), "csv", source="timeline.csv")
    assert preview.skipped == ()
    assert preview.adjusted == ()
    assert without_ids(preview.events) == without_ids(timeline)
    assert all(event.entered_as == "" for event in preview.events)
