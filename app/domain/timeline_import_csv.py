"""Timeline events from a CSV file with a header row, such as a spreadsheet or Retro's own export.

Columns are found by name, in any letter case and order: a time (``time``, ``timestamp`` or
``date``) and a description (``description``, ``event``, ``text`` or ``message``) are required;
``milestone`` (``kind``, ``type``), ``source`` (``link``, ``url``) -> evidence, ``internal_only``
and ``key_event`` are optional, so ``timeline_to_csv`` output reads back unchanged. When a sheet
has both a ``date`` and a ``time`` column, a time without a date is put on that row's date.
Cells are taken as written: descriptions are not trimmed, since the export must round-trip.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from app.domain.model import TimelineEvent
from app.domain.timeline_import_common import (
    DateCarrier,
    ImportFileError,
    ImportPreview,
    MilestoneLedger,
    SkippedLine,
    TimeParseError,
    new_event,
    parse_milestone,
)
from app.domain.timeparse import written_date

TIME_NAMES = ("time", "timestamp", "date")
DESCRIPTION_NAMES = ("description", "event", "text", "message")
MILESTONE_NAMES = ("milestone", "kind", "type")
SOURCE_NAMES = ("source", "link", "url")
INTERNAL_NAMES = ("internal_only", "internal")
KEY_EVENT_NAMES = ("key_event", "key")
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0", ""})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class _Columns:
    """Where each known column is in the header (None: the file has no such column)."""

    width: int
    time: int
    description: int
    date: int | None
    milestone: int | None
    source: int | None
    internal_only: int | None
    key_event: int | None


class _RowSkippedError(Exception):
    """A row that cannot become an event; the message is the reason shown in the preview."""


def parse_csv(
    text: str,
    *,
    source: str,
    zone: tzinfo,
    default_date: date | None,
    existing: tuple[TimelineEvent, ...] = (),
) -> ImportPreview:
    """Events from the rows of a CSV ``text``, in file order; unreadable rows are skipped.

    Raises ImportFileError for broken quoting (with its line), an empty file, or a header
    without the required columns (naming the columns it has).
    """
    records = _records(text.removeprefix("\ufeff"), source)
    header = next(records, None)
    if header is None:
        raise ImportFileError(source, "is empty; a CSV file needs a header row")
    columns = _find_columns(header[2], source)
    dates = DateCarrier(zone, default_date)
    ledger = MilestoneLedger(existing)
    events: list[TimelineEvent] = []
    skipped: list[SkippedLine] = []
    adjusted: list[SkippedLine] = []
    lines = _LazyLines(text.removeprefix("\ufeff"))
    for start, end, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        try:
            event, note = _read_row(cells, columns, dates, ledger, start)
        except _RowSkippedError as reason:
            skipped.append(SkippedLine(start, lines.between(start, end), str(reason)))
            continue
        events.append(event)
        if note is not None:
            adjusted.append(SkippedLine(start, lines.between(start, end), note))
    return ImportPreview(source, tuple(events), tuple(skipped), tuple(adjusted))


def _records(text: str, source: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each record with its first and last line; broken quoting ends the file with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "end of data" in str(error):
                problem, line = "a quoted field starting on this line is never closed", start
            else:
                problem, line = f"broken CSV quoting ({error})", reader.line_num
            raise ImportFileError(source, problem, line=line) from None
        yield start, reader.line_num, row
        start = reader.line_num + 1


def _find_columns(header: Sequence[str], source: str) -> _Columns:
    names = [re.sub(r"[\s-]+", "_", cell.strip().lower()) for cell in header]

    def find(choices: tuple[str, ...]) -> int | None:
        return next((names.index(name) for name in choices if name in names), None)

    time, description = find(TIME_NAMES), find(DESCRIPTION_NAMES)
    if time is None or description is None:
        missing = " and ".join(
            f"a {what} column ({' or '.join(choices)})"
            for what, choices, found in (
                ("time", TIME_NAMES, time),
                ("description", DESCRIPTION_NAMES, description),
            )
            if found is None
        )
        found_names = ", ".join(repr(cell.strip()) for cell in header if cell.strip()) or "none"
        raise ImportFileError(source, f"needs {missing}; the header has {found_names}", line=1)
    date_column = find(("date",))
    return _Columns(
        width=len(header),
        time=time,
        description=description,
        date=date_column if date_column != time else None,
        milestone=find(MILESTONE_NAMES),
        source=find(SOURCE_NAMES),
        internal_only=find(INTERNAL_NAMES),
        key_event=find(KEY_EVENT_NAMES),
    )


def _read_row(
    cells: list[str], columns: _Columns, dates: DateCarrier, ledger: MilestoneLedger, line: int
) -> tuple[TimelineEvent, str | None]:
    """The row's event and a note about a change made to it; raises _RowSkippedError."""
    extra = cells[columns.width :]
    if any(cell.strip() for cell in extra):
        raise _RowSkippedError(
            f"has {len(cells)} cells but the header names {columns.width} "
            "(a comma in text that is not in quotes?)"
        )

    def cell(index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    try:
        milestone = parse_milestone(cell(columns.milestone))
    except ValueError as error:
        raise _RowSkippedError(str(error)) from None
    internal_only = _flag(cell(columns.internal_only), "internal_only")
    key_event = _flag(cell(columns.key_event), "key_event")
    at, entered_as = _read_time(cell(columns.time), cell(columns.date), dates)
    note = ledger.claim(milestone, line)
    event = new_event(
        at,
        cell(columns.description),
        entered_as=entered_as,
        milestone=None if note else milestone,
        evidence=cell(columns.source),
        internal_only=internal_only,
        key_event=key_event,
    )
    return event, note


def _read_time(time_cell: str, date_cell: str, dates: DateCarrier) -> tuple[datetime, str]:
    time_text = time_cell.strip()
    if not time_text:
        raise _RowSkippedError("no time")
    if date_cell.strip() and written_date(time_text) is None:
        time_text = f"{date_cell.strip()} {time_text}"
    try:
        return dates.read(time_text)
    except TimeParseError as error:
        raise _RowSkippedError(str(error)) from None


def _flag(text: str, column: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _RowSkippedError(f"{column} must be true or false, not {text.strip()!r}")


class _LazyLines:
    """The file's physical lines, split only if a row has to be shown in the preview."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def between(self, first: int, last: int) -> str:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._text)
        return "\n".join(self._lines[first - 1 : last])
