"""Action items as text for pasting into an issue tracker: a GitHub Markdown table, or TSV.

Every sink has its own escaping. In Markdown, user text could start a link, emphasis, a code
span, raw HTML (which Python-Markdown and many trackers pass through) or, with a pipe, a new
table cell; so each cell escapes Markdown's punctuation and writes ``<``, ``>`` and ``&`` as
entities. In TSV a tab or a line break would start a new cell or row; cells holding them are
quoted the way spreadsheets read a paste (the ``csv`` module's ``excel-tab`` dialect).
Nothing here touches Qt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.model import ActionItem, Postmortem
from app.domain.tracker import tracker_url

HEADERS = ("Title", "Owner", "Due", "Category", "Priority", "Status", "Tracker", "Addresses")
TSV_HEADERS = (*HEADERS[:7], "Link", HEADERS[7])

# Inline Markdown (CommonMark and GitHub) that user text must not start: escapes, code,
# emphasis, links and images, strikethrough, table cells, GitHub's math.
_INLINE = frozenset("\\`*_[]|~$")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What a line may not start with unescaped: headings, quotes, lists, rules, setext underlines.
_LEADING = frozenset("#+-=")


@dataclass(frozen=True)
class ActionRow:
    """One action item as copied: every cell as text, the tracker's link if it has one."""

    title: str
    owner: str
    due: str
    category: str
    priority: str
    status: str
    tracker: str
    link: str | None
    addresses: tuple[str, ...]


def action_rows(pm: Postmortem, items: Sequence[ActionItem], pattern: str) -> list[ActionRow]:
    """The rows to copy for ``items``: causes named by their text, tracker keys linked."""
    names = {cause.id: cause.text for cause in pm.causes} | {why.id: why.text for why in pm.whys}
    return [
        ActionRow(
            title=item.title,
            owner=item.owner,
            due="" if item.due is None else item.due.isoformat(),
            category="" if item.category is None else item.category.label,
            priority=item.priority.label,
            status=item.status.label,
            tracker=item.tracker.strip(),
            link=tracker_url(item.tracker, pattern),
            addresses=tuple(names.get(cause_id, cause_id) for cause_id in item.cause_ids),
        )
        for item in items
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def escape_markdown(text: str) -> str:
    """``text`` on one line, read literally by a Markdown renderer, safe inside a table cell."""
    line = _one_line(text)
    escaped = []
    for character in line:
        if character in _ENTITIES:
            escaped.append(_ENTITIES[character])
        elif character in _INLINE:
            escaped.append("\\" + character)
        else:
            escaped.append(character)
    result = "".join(escaped)
    if result[:1] in _LEADING:
        result = "\\" + result
    # "1. Fix" or "1) Fix" at the start would become an ordered list.
    digits = len(result) - len(result.lstrip("0123456789"))
    if 0 < digits < len(result) and result[digits] in ".)":
        result = f"{result[:digits]}\\{result[digits:]}"
    return result


def _link_target(url: str) -> str:
    """A URL as a Markdown link target: no space, parenthesis, angle bracket or pipe left raw."""
    unsafe = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "|": "%7C"}
    return "".join(unsafe.get(character, character) for character in url)


def _markdown_tracker(row: ActionRow) -> str:
    if row.link is None:
        return escape_markdown(row.tracker)
    return f"[{escape_markdown(row.tracker)}]({_link_target(row.link)})"


def as_markdown(rows: Sequence[ActionRow]) -> str:
    """A GitHub-flavoured Markdown table of ``rows``, with a header row."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    for row in rows:
        cells = [
            escape_markdown(row.title),
            escape_markdown(row.owner),
            row.due,
            escape_markdown(row.category),
            escape_markdown(row.priority),
            escape_markdown(row.status),
            _markdown_tracker(row),
            "; ".join(escape_markdown(text) for text in row.addresses),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_tsv(rows: Sequence[ActionRow]) -> str:
    """Tab-separated rows with a header row; cells with tabs, line breaks or quotes quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel-tab", lineterminator="\n")
    writer.writerow(TSV_HEADERS)
    for row in rows:
        writer.writerow(
            [
                row.title,
                row.owner,
                row.due,
                row.category,
                row.priority,
                row.status,
                row.tracker,
                row.link or "",
                "; ".join(row.addresses),
            ]
        )
    return buffer.getvalue()
