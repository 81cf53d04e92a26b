"""Text in the PDF: hostile strings print literally, names in any script print, characters the
font cannot show are marked and noted, very long text neither crashes nor takes minutes."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph

from app.export.document import (
    BulletList,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
)
from app.export.pdf import pdf_bytes
from app.export.pdf_fonts import FONT, register_fonts
from app.export.pdf_text import CONTROL_MARKER, MARKER, PrintableText, link_target
from tests.export.pdf_reading import (
    all_text,
    body_text,
    document,
    image_count,
    page_texts,
    read,
    squeeze,
    uris,
)

HOSTILE = [
    # reportlab paragraph markup
    '<img src="/etc/hostname"/> <a href="file:///etc/passwd">passwd</a> <b>unclosed <para>',
    "<font name=Courier size=40>big</font> <br/> <seq id=x/> <onDraw name=x label=y/>",
    "&lt;b&gt; &#60;i&#62; &amp; AT&T &copy; &nbsp; & &# &#0; &#x0;",
    "</b></i></para> <i><b>crossed</i></b>",
    # DOT and Graphviz escapes
    "digraph { a -> b [label=<<b>x</b>>] } \\N \\G trailing \\",
    # HTML
    "<script>alert(1)</script><iframe src=//evil.example></iframe><!-- comment",
    # Markdown syntax
    "# heading | a | b | [x](javascript:alert(1)) ![i](http://evil.example/x.png) **b** `c`",
    # Quotes in attribute-like places
    """<a href="https://x.example/" onclick='steal()'>quoted "double" 'single'</a>""",
]


def printer() -> PrintableText:
    return PrintableText(register_fonts())


def everywhere(text: str) -> tuple[Section, ...]:
    """``text`` in a heading, a paragraph, a note, a list, a table cell and header, a key-value."""
    return (
        Section(
            "hostile",
            text,
            (
                Paragraph(text),
                Paragraph(text, note=True),
                BulletList((text, Link(text, "https://x.example/"))),
                Table(("Column", text), ((text, "cell"),)),
                KeyValues(((text, text),)),
            ),
        ),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_prints_literally_everywhere(text):
    reader = read(pdf_bytes(document(*everywhere(text))))
    body = squeeze(body_text(reader, "Checkout failed for 47 minutes"))
    # Heading, paragraph, note, two list items, cell, column name, label and value.
    assert body.count(squeeze(text)) >= 9
    assert image_count(reader) == 0
    assert uris(reader) == ["https://x.example/"]


def test_hostile_text_in_the_title_and_metadata_prints_literally():
    title = HOSTILE[0]
    reader = read(pdf_bytes(document(Section("s", "Summary", (Paragraph("x"),)), title=title)))
    assert squeeze(title) in squeeze(page_texts(reader)[0])
    assert reader.metadata is not None
    assert reader.metadata.title == title


def test_control_characters_print_as_a_marker():
    text = "NUL\x00 BEL\x07 ESC\x1b[31m DEL\x7f C1\x85\x9b tab\there\r\nnext line\x0bend"
    reader = read(pdf_bytes(document(*everywhere(text))))
    body = body_text(reader, "Checkout failed for 47 minutes")
    expected = (
        f"NUL{CONTROL_MARKER} BEL{CONTROL_MARKER} ESC{CONTROL_MARKER}[31m DEL{CONTROL_MARKER}"
    )
    assert body.count(expected) >= 9
    assert squeeze(f"C1 {CONTROL_MARKER} tab here next line end") in squeeze(body)
    assert "\x00" not in all_text(reader)


NAMES = {
    "accents": "Björn Ødegård, Renée Çelik, Łukasz Żółć, Nguyễn Văn Anh",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "cyrillic": "Дмитрий Шостакович, Олена Коваленко",
    "armenian": "Արամ Խաչատրյան",
    "georgian": "ნინო ბերიძე",
}
RIGHT_TO_LEFT = {"hebrew": "יעל כהן", "arabic": "فاطمة الزهراء"}


def named(name: str) -> bytes:
    section = Section(
        "participants",
        "Participants",
        (Table(("Name", "Role"), ((name, "facilitator"),)), Paragraph(f"Thanks to {name}.")),
    )
    return pdf_bytes(document(section, title=f"Review with {name}"))


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_names_in_other_scripts_print(name):
    reader = read(named(name))
    text = all_text(reader)
    assert squeeze(f"Thanks to {name}.") in squeeze(text)
    assert squeeze(f"Review with {name}") in squeeze(page_texts(reader)[0])
    assert MARKER not in text
    assert "cannot be shown" not in text


@pytest.mark.parametrize("name", RIGHT_TO_LEFT.values(), ids=RIGHT_TO_LEFT.keys())
def test_right_to_left_letters_print(name):
    # Every letter prints in the font. reportlab lays them out left to right, though (it needs
    # its optional bidi and shaping packages for more), and pypdf reads right-to-left runs
    # back reversed: so compare the letters, not their order.
    text = all_text(read(named(name)))
    letters = Counter(character for character in name if not character.isspace())
    assert Counter(text) >= Counter({letter: 4 * count for letter, count in letters.items()})
    assert MARKER not in text
    assert "cannot be shown" not in text


def test_characters_the_font_lacks_are_marked_and_noted():
    coverage = register_fonts()
    missing = ["李", "雷", "🦜", "ꦲ"]  # CJK, an emoji, Javanese
    assert not any(coverage.covers(character) for character in missing)
    text = "Participants: 李雷 and the 🦜 team, ꦲ."
    reader = read(pdf_bytes(document(Section("s", "Summary", (Paragraph(text),)))))
    body = all_text(reader)
    assert f"Participants: {MARKER}{MARKER} and the {MARKER} team, {MARKER}." in body
    note = squeeze(body[body.index("Some characters") :])
    assert squeeze(f"are printed as {MARKER}") in note
    for character in missing:
        assert f"U+{ord(character):04X}" in note


def test_a_document_the_font_covers_has_no_note():
    text = all_text(read(pdf_bytes(document(Section("s", "Summary", (Paragraph("Ødegård"),))))))
    assert "cannot be shown" not in text


def test_unsupported_characters_in_the_header_are_marked_too():
    reader = read(
        pdf_bytes(document(Section("s", "Summary", (Paragraph("x"),)), title="李 outage"))
    )
    assert page_texts(reader)[1].splitlines()[0] == f"{MARKER} outage"
    assert "U+674E" in all_text(reader)


LONG = "x" * 100_000


@pytest.mark.parametrize(
    "place",
    ["paragraph", "note", "bullet", "link", "cell", "value"],
)
def test_a_100000_character_word_prints_in_full_and_quickly(place):
    block = {
        "paragraph": Paragraph(LONG),
        "note": Paragraph(LONG, note=True),
        "bullet": BulletList((LONG, "after")),
        "link": BulletList((Link(LONG, "https://x.example/"),)),
        "cell": Table(("A", "B"), (("first", LONG), ("second", "after"))),
        "value": KeyValues((("Label", LONG), ("Next", "after"))),
    }[place]
    started = time.perf_counter()
    reader = read(pdf_bytes(document(Section("s", "Summary", (block,)))))
    elapsed = time.perf_counter() - started
    body = squeeze(body_text(reader, "Checkout failed for 47 minutes"))
    assert LONG in body
    assert len(reader.pages) < 40
    # Generous: it takes well under a second; laid out naively it takes minutes.
    assert elapsed < 30


def test_a_long_cell_shows_its_start_and_continues_below_the_table():
    table = Table(("When", "What"), (("03:12", "lag " * 1_000), ("03:13", "short")))
    reader = read(pdf_bytes(document(Section("t", "Timeline", (table,)))))
    body = body_text(reader, "Checkout failed for 47 minutes")
    assert "[continued in note 1 below this table]" in body
    note = body[body.index("[1] What, row 1:") :]
    assert squeeze("lag " * 1_000) in squeeze(note)
    assert body.index("short") < body.index("[1] What, row 1:")


def test_a_100000_character_heading_and_title_print_in_full():
    reader = read(
        pdf_bytes(document(Section("s", LONG, (Paragraph("after"),)), title="y" * 100_000))
    )
    assert len(reader.pages) < 80
    running = page_texts(reader)[1].splitlines()[0]
    assert running.startswith("yyy")
    assert running.endswith("…")
    text = squeeze(body_text(reader, running))
    assert "y" * 300 + "……" + "y" * 99_700 in text
    assert "x" * 300 + "……" + "x" * 99_700 in text
    assert reader.outline[0].title == "x" * 119 + "…"


def test_an_empty_heading_still_has_an_entry():
    reader = read(pdf_bytes(document(Section("s", "", (Paragraph("x"),)))))
    assert reader.outline[0].title == "Untitled section"


SPACE_OR_BREAK = re.compile(r"\s+")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_markup_always_parses_and_reads_back_as_the_text(text):
    shown = printer()
    markup = shown.markup(text)
    assert "<" not in markup.replace("<br/>", "")
    paragraph = ReportlabParagraph(markup, ParagraphStyle("p", fontName=FONT))
    assert SPACE_OR_BREAK.sub("", paragraph.getPlainText()) == SPACE_OR_BREAK.sub(
        "", shown.plain(text)
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12_000))
def test_pieces_keep_every_character(text):
    shown = printer()
    pieces = shown.pieces(text)
    plain = "".join(
        ReportlabParagraph(piece, ParagraphStyle("p", fontName=FONT)).getPlainText()
        for piece in pieces
    )
    assert SPACE_OR_BREAK.sub("", plain) == SPACE_OR_BREAK.sub("", shown.plain(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_plain_text_is_all_printable(text):
    coverage = register_fonts()
    for character in printer().plain(text):
        assert character == "\n" or (
            coverage.covers(character) and unicodedata.category(character) not in ("Cc", "Cs")
        )


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://grafana.example/d/lag?a=1&b=2", "https://grafana.example/d/lag?a=1&b=2"),
        ("  http://wiki.example/x  ", "http://wiki.example/x"),
        ("HTTPS://Example.com/A", "https://Example.com/A"),
        ("https://bücher.example:8080/ä?q=ö", "https://xn--bcher-kva.example:8080/%C3%A4?q=%C3%B6"),
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("ftp://files.example/x", None),
        ("//evil.example/x", None),
        ("https://", None),
        ("https://host.example/with space", None),
        ("https://host.example/\x00", None),
        ("https://host.example:99999/", None),
        ("https://" + "a" * 3_000 + ".example/", None),
        ("", None),
    ],
)
def test_link_targets(url, target):
    assert link_target(url) == target


def test_a_figure_label_the_font_lacks_is_marked():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
        b'<text x="5" y="20" font-family="Helvetica">\xe6\x9d\x8e \xd0\x94\xd0\xbc\xd0\xb8\xd1'
        b"\x82\xd1\x80\xd0\xb8\xd0\xb9</text></svg>"
    )
    figure = Figure("strip", "Incident strip", svg, "a strip")
    text = all_text(read(pdf_bytes(document(Section("f", "Figure", (figure,))))))
    assert f"{MARKER} Дмитрий" in text
    assert "U+674E" in text
