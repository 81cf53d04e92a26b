"""Copying action items for a tracker: Markdown and TSV that read back as exactly what was typed."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.model import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Cause,
    CauseClassification,
    FishboneCategory,
    Postmortem,
    Priority,
    Severity,
    WhyAnswer,
)
from app.ui.action_items.copy_text import (
    HEADERS,
    TSV_HEADERS,
    action_rows,
    as_markdown,
    as_tsv,
    escape_markdown,
)
from tests.ui.action_items.markdown_table import link, read_table, split_row, unescape

PATTERN = "https://tracker.example.com/browse/{key}"
NASTY = [
    "Fix | pipes | in titles",
    "# Not a heading",
    "1. not a list",
    "- not a bullet",
    "back\\slash at the end\\",
    "<script>alert(1)</script> & <img src=x>",
    "*not bold* _not italic_ `not code` ~~not struck~~ $x$",
    "[not a link](https://evil.example) ![no image](x.png)",
    "&amp; stays written as &amp;",
    "tab\there and\nnew line",
]


def postmortem(*items: ActionItem) -> Postmortem:
    return Postmortem(
        title="Checkout latency",
        severity=Severity.SEV2,
        fishbone_categories=(FishboneCategory("tech", "Technology"),),
        causes=(Cause("c1", "tech", "TTL | zero", classification=CauseClassification.ROOT_CAUSE),),
        whys=(WhyAnswer("w1", "No *alert* on hit ratio"),),
        action_items=items,
    )


def item(title: str, **fields) -> ActionItem:
    return ActionItem(id=f"id-{abs(hash(title))}", title=title, **fields)


FULL = ActionItem(
    "a1",
    "Alert when cache hit ratio < 80% for 5 min",
    owner="Mei Chen",
    due=date(2024, 4, 1),
    category=ActionCategory.DETECT,
    priority=Priority.HIGH,
    status=ActionStatus.IN_PROGRESS,
    tracker="OPS-101",
    cause_ids=("c1", "w1"),
)


def test_markdown_is_a_table_that_reads_back_as_typed():
    pm = postmortem(FULL)
    text = as_markdown(action_rows(pm, pm.action_items, PATTERN))
    header, row = read_table(text)
    assert header == list(HEADERS)
    cells = dict(zip(HEADERS, row, strict=True))
    assert unescape(cells["Title"]) == "Alert when cache hit ratio < 80% for 5 min"
    assert cells["Due"] == "2024-04-01"
    assert [unescape(cells[name]) for name in ("Owner", "Category", "Priority", "Status")] == [
        "Mei Chen",
        "Detect",
        "High",
        "In progress",
    ]
    assert link(cells["Tracker"]) == ("OPS-101", "https://tracker.example.com/browse/OPS-101")
    assert [unescape(part) for part in cells["Addresses"].split("; ")] == [
        "TTL | zero",
        "No *alert* on hit ratio",
    ]


@pytest.mark.parametrize("title", NASTY)
def test_markdown_escapes_user_text(title):
    pm = postmortem(item(title, tracker="not a key"))
    _header, row = read_table(as_markdown(action_rows(pm, pm.action_items, PATTERN)))
    assert unescape(row[0]) == " ".join(title.split())
    assert unescape(row[6]) == "not a key"  # no link: the key does not fit the pattern


@given(st.text())
def test_any_text_survives_a_markdown_cell(text):
    cell = escape_markdown(text)
    assert split_row(f"| {cell} |") == [cell.strip(" ")]
    assert unescape(cell) == " ".join(text.split())


def test_markdown_link_targets_cannot_break_the_table():
    url = "https://wiki.example/a_(draft)|x<y>"
    pm = postmortem(item("Write the runbook", tracker=url))
    _header, row = read_table(as_markdown(action_rows(pm, pm.action_items, "")))
    assert link(row[6]) == (url, "https://wiki.example/a_%28draft%29%7Cx%3Cy%3E")


def test_markdown_renders_as_a_table_with_python_markdown():
    markdown = pytest.importorskip("markdown")
    pm = postmortem(FULL, item(NASTY[5]), item(NASTY[0]))
    html = markdown.markdown(
        as_markdown(action_rows(pm, pm.action_items, PATTERN)), extensions=["tables"]
    )
    assert html.count("<tr>") == 4
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://tracker.example.com/browse/OPS-101">OPS-101</a>' in html


def test_tsv_has_a_header_and_reads_back_exactly():
    titled = [item(title, owner="Sam\tOps") for title in NASTY]
    pm = postmortem(FULL, *titled)
    text = as_tsv(action_rows(pm, pm.action_items, PATTERN))
    rows = list(csv.reader(io.StringIO(text), dialect="excel-tab"))
    assert rows[0] == list(TSV_HEADERS)
    assert rows[1] == [
        "Alert when cache hit ratio < 80% for 5 min",
        "Mei Chen",
        "2024-04-01",
        "Detect",
        "High",
        "In progress",
        "OPS-101",
        "https://tracker.example.com/browse/OPS-101",
        "TTL | zero; No *alert* on hit ratio",
    ]
    assert [row[0] for row in rows[2:]] == NASTY  # tabs and line breaks kept, quoted
    assert {row[1] for row in rows[2:]} == {"Sam\tOps"}
    # header, 11 rows, one quoted line break inside a cell, and the final newline
    assert len(text.split("\n")) == 1 + 11 + 1 + 1
