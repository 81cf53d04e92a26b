"""``retro followups`` and ``retro calendar``: what is still owed across the library, and a
postmortem's follow-up reviews as an ``.ics`` file.

``retro followups`` prints the same lists as the window's Follow-ups view: open action items
(overdue first, marked OVERDUE), then the follow-up reviews not yet held. "Today" is the UTC date,
so the answer does not depend on the machine's zone; tests fix it with the hidden ``--today``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from app.cli.describe import count, one_line
from app.cli.support import (
    STDIO,
    CommandError,
    add_show_arguments,
    calendar_date,
    open_existing,
    write_atomically,
    write_stdout_utf8,
)
from app.domain.followups import FollowUps, OpenActionItem, UpcomingReview, sort_and_filter
from app.domain.model import ActionCategory, utc_now
from app.domain.plain import Plain, to_plain
from app.domain.tracker import TRACKER_PATTERN_KEY, tracker_url
from app.export.ics import follow_up_calendar

OVERDUE = "OVERDUE"


def add_followups_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--overdue", action="store_true", help="only what is past its due date")
    parser.add_argument(
        "--owner",
        metavar="NAME",
        help="only action items whose owner contains NAME (any letter case)",
    )
    parser.add_argument(
        "--category",
        choices=[category.value for category in ActionCategory],
        help="only action items of this category",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON document")
    # Hidden: the day to count from, so tests (and curious users) get a fixed answer.
    parser.add_argument("--today", type=calendar_date, help=argparse.SUPPRESS)


def run_followups(arguments: argparse.Namespace, library_path: Path) -> int:
    today: date = arguments.today or datetime.now(UTC).date()
    with open_existing(library_path) as library:
        everything = library.follow_ups(today)
        pattern = library.setting(TRACKER_PATTERN_KEY)
    category = ActionCategory(arguments.category) if arguments.category else None
    follow_ups = sort_and_filter(
        everything,
        today=today,
        owner=arguments.owner,
        category=category,
        overdue_only=arguments.overdue,
    )
    if arguments.json:
        document = followups_document(follow_ups, today=today, tracker_pattern=pattern)
        write_stdout_utf8(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        print(followups_text(follow_ups, overdue_only=arguments.overdue), end="")
    return 0


def followups_document(follow_ups: FollowUps, *, today: date, tracker_pattern: str) -> Plain:
    """The follow-ups as JSON-ready values: each entry as the model writes it, plus the link."""
    items: list[Plain] = []
    for entry in follow_ups.action_items:
        plain = to_plain(entry)
        assert isinstance(plain, dict)
        plain["tracker_url"] = tracker_url(entry.item.tracker, tracker_pattern)
        items.append(plain)
    return {
        "today": today.isoformat(),
        "action_items": items,
        "reviews": [to_plain(entry) for entry in follow_ups.reviews],
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns as ``retro list`` prints them; the last column is never padded."""
    table = [list(header), *[list(row) for row in rows]]
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]


def _mark(overdue: bool) -> str:
    return OVERDUE if overdue else ""


def _item_row(entry: OpenActionItem) -> list[str]:
    item = entry.item
    return [
        _mark(entry.overdue),
        item.due.isoformat() if item.due is not None else "-",
        one_line(item.owner) or "-",
        item.category.value if item.category is not None else "-",
        item.status.label,
        str(entry.postmortem_id),
        entry.severity.label,
        one_line(item.tracker) or "-",
        one_line(item.title) or "(untitled)",
    ]


def _review_row(entry: UpcomingReview) -> list[str]:
    return [
        _mark(entry.overdue),
        entry.review.due.isoformat(),
        str(entry.postmortem_id),
        one_line(entry.postmortem_title),
    ]


def followups_text(follow_ups: FollowUps, *, overdue_only: bool = False) -> str:
    """Both lists as aligned columns under a heading each, for the terminal."""
    which = "overdue " if overdue_only else ""
    items, reviews = follow_ups.action_items, follow_ups.reviews
    lines = [f"Open action items: {count(len(items), which + 'item')}"]
    if items:
        header = ("", "DUE", "OWNER", "CATEGORY", "STATUS", "PM", "SEV", "TRACKER", "ACTION ITEM")
        lines += _table(header, [_item_row(entry) for entry in items])
    lines += ["", f"Follow-up reviews not yet held: {count(len(reviews), which + 'review')}"]
    if reviews:
        lines += _table(("", "DUE", "PM", "POSTMORTEM"), [_review_row(e) for e in reviews])
    return "\n".join(lines) + "\n"


# --- retro calendar -----------------------------------------------------------------------------


def add_calendar_arguments(parser: argparse.ArgumentParser) -> None:
    add_show_arguments(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO, help="where to write it (default: stdout)"
    )


def run_calendar(arguments: argparse.Namespace, library_path: Path) -> int:
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
        pattern = library.setting(TRACKER_PATTERN_KEY)
    if not postmortem.follow_up_reviews:
        raise CommandError(
            f"postmortem {arguments.id} has no follow-up reviews to put in a calendar; "
            "schedule them in stage 6 first"
        )
    content = follow_up_calendar(postmortem, generated_at=utc_now(), tracker_pattern=pattern)
    if arguments.output == STDIO:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        write_atomically(Path(arguments.output), content)
    return 0
