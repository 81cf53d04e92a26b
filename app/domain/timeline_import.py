"""Importing timeline events from files and pasted text: preview first, then merge.

An import happens in three steps so nothing is written before the facilitator has seen it:
``read_import_file`` checks size and encoding, ``parse_import`` turns the text into an
``ImportPreview`` (new events plus every line that could not be read, with its line number), and
``merge_into_timeline`` slots the events into the existing timeline for one store update. The
readers for each format live in ``timeline_import_text``, ``_csv`` and ``_slack``.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, tzinfo
from pathlib import Path
from typing import Literal

from app.domain.model import TimelineEvent
from app.domain.timeline_import_common import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ImportPreview,
    MilestoneLedger,
    SkippedLine,
)
from app.domain.timeline_import_csv import parse_csv
from app.domain.timeline_import_slack import parse_slack
from app.domain.timeline_import_text import parse_text

ImportFormat = Literal["text", "csv", "slack"]
IMPORT_FORMATS: tuple[ImportFormat, ...] = ("text", "csv", "slack")
_UTF8_BOM = b"\xef\xbb\xbf"
# A JSON list of objects (or an empty list); "[14:02] alice: hi" is a chat log, not JSON.
_LOOKS_LIKE_JSON_LIST = re.compile(r"\s*\[\s*[{\]]")


def read_import_file(path: Path) -> str:
    """The text of the file at ``path``, refused before reading if it is over the size limit.

    Only UTF-8 (with or without a byte order mark) is accepted: guessing another encoding
    would risk importing garbled text without anyone noticing. Raises ImportFileError naming
    the file for a missing or unreadable file, a file too large, or bytes that are not UTF-8.
    """
    source = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(source, _too_large(size))
        with path.open("rb") as stream:
            # Read one byte past the limit: a file can grow after stat, and a device has no size.
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ImportFileError(source, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(source, _too_large(len(data)))
    return _decode(data, source)


def _too_large(size: int) -> str:
    megabytes = MAX_IMPORT_BYTES // (1024 * 1024)
    return f"is {size / (1024 * 1024):.1f} MB; Retro imports files up to {megabytes} MB"


def _decode(data: bytes, source: str) -> str:
    skipped = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            source,
            f"is not UTF-8 text (invalid byte at offset {error.start + skipped}); "
            "save it as UTF-8 and import it again",
        ) from None


def guess_format(path: Path, text: str) -> ImportFormat:
    """The format a file is probably in: by extension, else by a look at its first characters.

    ``.csv`` is CSV; ``.json``, or text that opens a JSON list of objects, is a Slack export;
    anything else is read as chat or notes.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".json" or _LOOKS_LIKE_JSON_LIST.match(text.removeprefix("\ufeff")):
        return "slack"
    return "text"


def parse_import(
    text: str,
    fmt: ImportFormat,
    *,
    source: str,
    zone: tzinfo = UTC,
    default_date: date | None = None,
    existing: tuple[TimelineEvent, ...] = (),
) -> ImportPreview:
    """Read ``text`` in format ``fmt`` into a preview of new events; nothing is stored.

    ``zone`` is where times without an offset are read, ``default_date`` the date for times
    given without one before any line gives a date. Pass the current timeline as ``existing``
    so a milestone it already marks is left off the imported event and listed in
    ``ImportPreview.adjusted``. Raises ImportFileError when the file as a whole is unreadable.
    """
    if fmt == "csv":
        return parse_csv(
            text, source=source, zone=zone, default_date=default_date, existing=existing
        )
    if fmt == "slack":
        preview = parse_slack(text, source=source)
    elif fmt == "text":
        preview = parse_text(text, source=source, zone=zone, default_date=default_date)
    else:
        raise ValueError(f"unknown import format {fmt!r}")
    return preview  # text and Slack imports carry no milestones to check against `existing`


def merge_into_timeline(
    timeline: tuple[TimelineEvent, ...], added: tuple[TimelineEvent, ...]
) -> tuple[TimelineEvent, ...]:
    """The timeline with ``added`` slotted in by time, ready for one store update.

    The sort is stable: at equal times the existing events come first, in their order, then
    the added ones in file order. A milestone the timeline (or an earlier added event) already
    marks is removed from an added event, since the model allows each milestone once; pass
    ``existing`` to ``parse_import`` to have the preview tell the facilitator about it first.
    """
    ledger = MilestoneLedger(timeline)
    kept = tuple(_without_second_milestone(event, ledger) for event in added)
    return tuple(sorted(timeline + kept, key=lambda event: event.at))


def _without_second_milestone(event: TimelineEvent, ledger: MilestoneLedger) -> TimelineEvent:
    if ledger.claim(event.milestone, 0) is None:
        return event
    return dataclasses.replace(event, milestone=None)


__all__ = [
    "IMPORT_FORMATS",
    "MAX_IMPORT_BYTES",
    "ImportFileError",
    "ImportFormat",
    "ImportPreview",
    "SkippedLine",
    "guess_format",
    "merge_into_timeline",
    "parse_import",
    "read_import_file",
]
