"""``retro check ID``: the final review checklist on the command line, for scripts and CI.

One line per checklist item, a check mark or a cross (``OK``/``FAIL`` where the terminal cannot
show them) and the reference's title, the reasons indented below it; an item the lightweight
template relaxes says so. Then the blameless-language flags kept on purpose, with their reasons,
so a reader sees what the facilitator decided. The exit status is 1 when any item fails, else 0.
"Today" (for overdue items and reviews) is the UTC date; tests fix it with the hidden ``--today``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from app.cli.describe import one_line
from app.cli.support import FAILURE, add_show_arguments, calendar_date, open_existing
from app.domain.blameless_language import LanguageFlag, language_flags
from app.domain.model import Postmortem
from app.domain.review import ChecklistItem, effective_template, review_checklist

MARKS = ("\u2713", "\u2717")  # check mark, ballot x
ASCII_MARKS = ("OK", "FAIL")
INDENT = "    "


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    add_show_arguments(parser)
    parser.add_argument("--today", type=calendar_date, help=argparse.SUPPRESS)


def run_check(arguments: argparse.Namespace, library_path: Path) -> int:
    today: date = arguments.today or datetime.now(UTC).date()
    with open_existing(library_path) as library:
        postmortem = library.load(arguments.id)
    items = review_checklist(postmortem, today=today)
    sys.stdout.write(report(postmortem, items, language_flags(postmortem), marks(sys.stdout)))
    return 0 if all(item.passed for item in items) else FAILURE


def marks(stream: TextIO) -> tuple[str, str]:
    """Check mark and cross if ``stream`` can encode them, else ``OK`` and ``FAIL``."""
    try:
        "".join(MARKS).encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return ASCII_MARKS
    return MARKS


def report(
    pm: Postmortem,
    items: tuple[ChecklistItem, ...],
    flags: tuple[LanguageFlag, ...],
    marks: tuple[str, str],
) -> str:
    """The checklist as text: a heading, one line per item with its reasons, kept flags."""
    template = effective_template(pm).label.lower()
    lines = [f"Review of #{pm.id}: {one_line(pm.title)} ({pm.severity.value}, {template} template)"]
    width = max(len(mark) for mark in marks)
    for item in items:
        mark = marks[0] if item.passed else marks[1]
        lines.append(f"{mark.ljust(width)} {item.title}")
        lines.extend(f"{INDENT}{one_line(reason)}" for reason in item.reasons)
        if item.relaxed:
            lines.append(f"{INDENT}Relaxed for the {template} template: {one_line(item.relaxed)}")
    kept = [flag for flag in flags if flag.dismissal is not None]
    if kept:
        lines.append("")
        lines.append("Flags kept on purpose:")
        for flag in kept:
            assert flag.dismissal is not None
            lines.append(f'{INDENT}{one_line(flag.where)}: "{one_line(flag.phrase)}" {flag.reason}')
            lines.append(f"{INDENT}{INDENT}Kept because: {one_line(flag.dismissal.reason)}")
    passed = sum(item.passed for item in items)
    lines.append("")
    lines.append(f"{passed} of {len(items)} checks pass.")
    return "\n".join(lines) + "\n"
