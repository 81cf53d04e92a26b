"""Hostile text in every field of a postmortem: the Markdown export must show it, not obey it.

Each string goes into every text field; the export is rendered with Python-Markdown and parsed
as XML. Nothing may add a tag, a heading, a link, an image or a table column, and the text a
reader sees in a cell, a heading or a paragraph must be the text as typed (white space collapsed,
control characters shown as U+FFFD).
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from app.domain.model import (
    ActionItem,
    AppendixKind,
    AppendixLink,
    Cause,
    Communication,
    FishboneCategory,
    FollowUpReview,
    Impact,
    Observation,
    ObservationKind,
    Participant,
    Postmortem,
    Stage,
    WhyAnswer,
)
from app.export import internal_analysis
from app.export.document import (
    BulletList,
    ExportAudience,
    ExportDocument,
    Paragraph,
    Section,
    Table,
)
from app.export.internal_document import internal_document
from app.export.markdown_export import markdown_text
from app.render.diagrams import RenderedDiagram
from tests.export.export_samples import PATTERN, TODAY, at, full_postmortem
from tests.export.markdown_reading import (
    HEADINGS,
    render,
    table_after,
    text_of,
    unexpected_tags,
)
from tests.strategies import texts

HOSTILE = [
    # reportlab paragraph markup
    '<img src="/etc/hostname"/> <a href="file:///etc/passwd">x</a> <b>unclosed <para>',
    # DOT and Graphviz escapes
    "digraph { a -> b [label=<<b>x</b>>] } \\N \\G trailing \\",
    # HTML
    "<script>alert(1)</script><iframe src=//evil></iframe><!-- comment",
    "&lt;script&gt; &#60;b&#62; &amp; AT&T &copy;",
    # Markdown syntax
    "# heading\n## another\nsetext\n===\n---\n* * *",
    "| a | b |\n| --- | --- |\n| c | d |",
    "[x](javascript:alert(1)) ![img](http://evil.example/x.png) <http://evil.example>",
    "`code` ```fenced``` **bold** *em* _em_ ~~struck~~ \\*escaped\\*",
    "    indented code\n> quote\n- item\n+ item\n1. item\n2) item",
    "[ref]: http://evil.example\n[ref]\n[^1]",
    "line one\nline two | with a pipe\n\n\nnew paragraph",
    # control characters, Python-Markdown's own placeholders
    "nul\x00 bell\x07 escape\x1b[31m del\x7f next-line\x85 sep\u2028 end",
    "\x02wzxhzdk:0\x03 \x02klzzwxh:1\x03",
]
FAKE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """What a reader must see: controls as U+FFFD, white space collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return " ".join(_UNPRINTABLE.sub("\ufffd", text).split())


def everywhere(text: str) -> Postmortem:
    """A postmortem with ``text`` in every field that holds text."""
    pm = full_postmortem()
    return dataclasses.replace(
        pm,
        title=text[:300] if text.strip() else "x",
        incident_ref=text,
        affected_services=(text,),
        tags=(text,),
        document_owner=text,
        participants=(Participant(text or "x", text),),
        redaction_terms=(text,),
        sla_target=text,
        stage_notes=dict.fromkeys(Stage, text),
        timeline=tuple(
            dataclasses.replace(event, description=text, evidence=text) for event in pm.timeline
        ),
        impact=Impact(
            users_affected=3,
            users_description=text,
            data_integrity_note=text,
            sla_override_reason=text,
            summary=text,
        ),
        problem_statement=text,
        fishbone_categories=(FishboneCategory("tech", text),),
        causes=tuple(dataclasses.replace(c, text=text, evidence=(text,)) for c in pm.causes),
        whys=tuple(dataclasses.replace(w, text=text, evidence=(text,)) for w in pm.whys),
        observations=tuple(dataclasses.replace(o, text=text) for o in pm.observations),
        action_items=tuple(
            dataclasses.replace(a, title=text, owner=text, tracker=text) for a in pm.action_items
        ),
        appendix=(AppendixLink("l1", AppendixKind.LOG, text, text),),
        communication=Communication(
            internal_summary=text,
            shared_where=text,
            shared_at=at(18, 0),
            external_summary=text,
        ),
        follow_up_reviews=(FollowUpReview("r1", TODAY, notes=text),),
        coaching_dismissals=(),
    )


@pytest.fixture(autouse=True)
def fixed_diagrams(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagrams have their own escaping tests; here they are stand-ins, so Graphviz is not
    asked to lay out 100,000-character labels."""
    monkeypatch.setattr(
        internal_analysis, "render_diagram", lambda *_a, **_k: RenderedDiagram(FAKE_SVG, ())
    )


def baseline() -> ET.Element:
    document = internal_document(everywhere("plain"), today=TODAY, tracker_pattern=PATTERN)
    return render(markdown_text(document, figure_links=_links()))


def _links() -> dict[str, str]:
    return {name: f"out-{name}.svg" for name in ("incident-strip", "fishbone", "five-whys")}


_TEXT_TAGS = {"root", "p", "br", "em", "strong"}


def structure(root: ET.Element) -> list[tuple[str, int]]:
    """Headings, lists, tables, links and images with their child counts, in document order:
    the shape of the page (paragraphs may differ: user text keeps its blank lines)."""
    return [
        (element.tag, len([child for child in element if child.tag not in _TEXT_TAGS]))
        for element in root.iter()
        if element.tag not in _TEXT_TAGS
    ]


def section_text(root: ET.Element, heading: str) -> str:
    """The text between the heading ``heading`` and the next heading."""
    found: list[str] = []
    inside = False
    for element in root:
        if element.tag in HEADINGS:
            if inside:
                break
            inside = text_of(element) == heading
        elif inside:
            found.append(text_of(element))
    return " ".join(found)


def check_export(text: str) -> None:
    document = internal_document(everywhere(text), today=TODAY, tracker_pattern=PATTERN)
    root = render(markdown_text(document, figure_links=_links()))
    assert not unexpected_tags(root)
    # Same shape as the export of harmless text: no extra heading, list, link or column.
    assert structure(root) == structure(baseline())
    assert [image.get("src") for image in root.iter("img")] == [
        "out-incident-strip.svg",
        "out-fishbone.svg",
        "out-five-whys.svg",
    ]
    for anchor in root.iter("a"):
        assert (anchor.get("href") or "").startswith(("http://", "https://"))
    expected = shown(text)
    assert text_of(next(root.iter("h1"))) == shown(text[:300])
    timeline = table_after(root, "Timeline")
    assert {row[2] for row in timeline.texts()} == {expected}
    items = table_after(root, "Action items")
    assert {row[0] for row in items.texts()} == {expected}
    assert section_text(root, "Customer-facing summary") == expected
    assert section_text(root, "Summary") == f"{expected} {expected}".strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_and_never_obeyed(text: str) -> None:
    check_export(text)


def test_hostile_text_is_escaped_in_the_markdown_source_too() -> None:
    document = internal_document(everywhere(HOSTILE[2]), today=TODAY)
    source = markdown_text(document, figure_links={})
    assert "<script" not in source
    assert "<iframe" not in source
    assert "\x00" not in source


def test_a_100000_character_field_exports() -> None:
    line = "ERROR <b> pool db-7 | retry #3 *now* [x](y)\n"
    text = (line * (100_000 // len(line) + 1))[:100_000]
    pm = full_postmortem()
    pm = dataclasses.replace(
        pm,
        timeline=(dataclasses.replace(pm.timeline[0], description=text), *pm.timeline[1:]),
        communication=Communication(external_summary=text),
        action_items=(ActionItem("a1", text),),
    )
    document = internal_document(pm, today=TODAY)
    source = markdown_text(document, figure_links={})
    assert len(source) > 300_000
    root = render(source)
    assert not unexpected_tags(root)
    assert table_after(root, "Timeline").texts()[0][2] == shown(text)
    assert section_text(root, "Customer-facing summary") == shown(text)


def test_a_cause_or_a_why_with_hostile_text_keeps_its_table_columns() -> None:
    pm = dataclasses.replace(
        full_postmortem(),
        causes=(Cause("c1", "tech", "a | b | c\n| --- |", evidence=("x|y",)),),
        whys=(WhyAnswer("w1", "`|`"),),
        observations=(Observation("o1", ObservationKind.LUCKY, "- [ ] task\n- [x] done"),),
    )
    root = render(markdown_text(internal_document(pm, today=TODAY), figure_links={}))
    rows = table_after(root, "Not classified yet").texts()
    assert rows == [
        ["a | b | c | --- |", "Fishbone, Technology", "x|y"],
        ["`|`", "Five whys", "No evidence recorded"],
    ]


def single(text: str) -> ExportDocument:
    return ExportDocument(
        audience=ExportAudience.INTERNAL,
        title=text,
        subtitle=text,
        title_block=(("Label", text),),
        sections=(
            Section(
                "s",
                text,
                (Paragraph(text), BulletList((text,)), Table((text,), ((text,),))),
            ),
        ),
    )


@settings(max_examples=300, deadline=None)
@given(texts(max_size=60))
def test_any_text_reads_back_as_typed(text: str) -> None:
    root = render(markdown_text(single(text), figure_links={}))
    assert not unexpected_tags(root)
    assert not list(root.iter("a"))
    assert not list(root.iter("img"))
    expected = shown(text)
    h1, h2 = (element for element in root if element.tag in HEADINGS)
    assert (h1.tag, text_of(h1)) == ("h1", expected)
    assert (h2.tag, text_of(h2)) == ("h2", expected)
    (table,) = root.iter("table")
    assert [text_of(cell) for cell in table.iter("th")] == [expected]
    assert [text_of(cell) for cell in table.iter("td")] == [expected]
    items = [text_of(item) for item in root.iter("li")]
    assert items == [f"Label: {expected}".strip(), expected]
    paragraphs = [text_of(p) for p in root if p.tag == "p"]
    assert " ".join(paragraphs) == " ".join(filter(None, [expected, expected]))
