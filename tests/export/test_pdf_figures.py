"""Figures in the PDF: SVG drawn as vectors (no image), scaled into the page, labels in the
document's font; an SVG svglib cannot read, or one that reaches for local files, is a note."""

from __future__ import annotations

import re
import socket

import pytest
from svglib.fonts import FontMap

from app.export.document import Figure, Paragraph, Section
from app.export.pdf import pdf_bytes
from app.export.pdf_figures import Picture, svg_drawing
from app.export.pdf_fonts import BOLD_FONT, FONT, register_fonts
from app.export.pdf_text import MARKER, PrintableText
from app.render.diagrams import DiagramKind, render_diagram
from app.render.incident_strip import incident_strip_svg
from tests.export.pdf_reading import (
    all_text,
    document,
    image_count,
    page_texts,
    read,
    squeeze,
    text_positions,
)
from tests.render.diagram_samples import fishbone_of_size
from tests.store.samples import long_timeline

A4_WIDTH, A4_HEIGHT = 595.28, 841.89
MARGIN = 62.36  # 22 mm


def svg(width: float, height: float, body: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{body}</svg>'
    ).encode()


CORNERS = svg(
    3000,
    2000,
    '<rect x="0" y="0" width="3000" height="2000" fill="none" stroke="black"/>'
    '<text x="10" y="40" font-size="30">TopLeft</text>'
    '<text x="2800" y="40" font-size="30">TopRight</text>'
    '<text x="10" y="1990" font-size="30">BottomLeft</text>'
    '<text x="2750" y="1990" font-size="30">BottomRight</text>',
)


def figure_pdf(*figures: Figure) -> bytes:
    return pdf_bytes(document(Section("diagrams", "Diagrams", figures)))


def test_a_graphviz_fishbone_is_drawn_as_vectors_with_its_labels():
    rendered = render_diagram(fishbone_of_size(60), DiagramKind.FISHBONE)
    figure = Figure("fishbone", "Fishbone: 60 causes", rendered.content, "Causes by category")
    reader = read(figure_pdf(figure))
    assert image_count(reader) == 0
    text = all_text(reader)
    for label in ("Checkout API returned 5xx", "Technology", "Connection pool capped at 10"):
        assert squeeze(label) in squeeze(text)
    assert "Fishbone: 60 causes" in text
    assert "could not be drawn" not in text


def test_the_incident_strip_prints_its_labels_in_the_document_font(monkeypatch):
    def no_fontconfig(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the export asked fontconfig for a system font")

    # The SVG asks for "Segoe UI, Helvetica Neue, Arial, sans-serif": the document's own font
    # must answer, without a subprocess and whatever fonts the machine has.
    monkeypatch.setattr(FontMap, "use_fontconfig", no_fontconfig)
    strip = incident_strip_svg(long_timeline(40))
    reader = read(figure_pdf(Figure("incident-strip", "The incident", strip.encode(), "strip")))
    assert image_count(reader) == 0
    assert "could not be drawn" not in all_text(reader)
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]["/Font"]
        for block in re.findall(rb"\bBT\b(.*?)\bET\b", page.get_contents().get_data(), re.S):
            if re.search(rb"T[jJ]\b", block):  # text is shown in this block, not only set up
                for name in re.findall(rb"(/\S+) [0-9.]+ Tf", block):
                    fonts.add(str(resources[name.decode()].get_object()["/BaseFont"]))
    assert fonts
    assert all("DejaVuSans" in font for font in fonts), fonts


def test_a_large_figure_is_scaled_into_the_frame():
    reader = read(figure_pdf(Figure("big", "A big picture", CORNERS, "four corners")))
    page = next(number for number, text in enumerate(page_texts(reader)) if "TopLeft" in text)
    positions = {text.strip(): (x, y) for text, x, y in text_positions(reader, page)}
    for corner in ("TopLeft", "TopRight", "BottomLeft", "BottomRight"):
        x, y = positions[corner]
        assert MARGIN - 1 <= x <= A4_WIDTH - MARGIN, corner
        assert 0 < y < A4_HEIGHT - MARGIN, corner
    # Scaled, not cropped: the right labels sit near the right edge of the frame.
    assert positions["TopRight"][0] > A4_WIDTH / 2 + 100
    assert positions["TopLeft"][1] > positions["BottomLeft"][1] + 100


def test_pictures_shrink_to_fit_and_never_grow():
    shown = PrintableText(register_fonts())
    large = svg_drawing(CORNERS, shown)
    small = svg_drawing(svg(100, 50, '<rect width="100" height="50"/>'), shown)
    assert large is not None
    assert small is not None
    wide = Picture(large, 400, 1000)
    assert wide.width == pytest.approx(400)
    assert wide.height == pytest.approx(2000 * 400 / 3000)
    tall = Picture(svg_drawing(CORNERS, shown), 1000, 100)
    assert tall.height == pytest.approx(100)
    assert tall.width == pytest.approx(150)
    assert Picture(small, 400, 400).scale == 1.0


BROKEN = {
    "empty": b"",
    "not xml": b"this is not an SVG",
    "truncated": b'<svg xmlns="http://www.w3.org/2000/svg" width="10',
    "no size": b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>',
    "html": b"<html><body><img src='/etc/hostname'></body></html>",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_an_unreadable_svg_becomes_a_note(content):
    figure = Figure("fishbone", "Fishbone of the causes", content, "Eight categories, 60 causes")
    reader = read(
        pdf_bytes(document(Section("d", "Diagrams", (figure, Paragraph("After the figure.")))))
    )
    text = all_text(reader)
    expected = (
        "The picture “Fishbone of the causes” could not be drawn. "
        "It shows: Eight categories, 60 causes"
    )
    assert squeeze(expected) in squeeze(text)
    assert "After the figure." in text
    assert image_count(reader) == 0


def test_an_svg_cannot_pull_in_local_files():
    hostname = socket.gethostname()
    hostile = (
        b'<?xml version="1.0"?>'
        b'<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="300" height="100">'
        b'<image x="0" y="0" width="50" height="50" xlink:href="/etc/hostname"/>'
        b'<image x="50" y="0" width="50" height="50" xlink:href="file:///etc/passwd"/>'
        b'<image x="100" y="0" width="50" height="50" href="../../../../etc/hostname"/>'
        b'<use xlink:href="/etc/hostname#x"/>'
        b'<text x="5" y="80">Label &secret; end</text></svg>'
    )
    reader = read(figure_pdf(Figure("x", "Caption", hostile, "alt")))
    assert image_count(reader) == 0
    text = all_text(reader)
    assert "Caption" in text
    assert hostname not in text.replace("Checkout", "")
    assert "root:" not in text


def test_labels_in_scripts_a_face_lacks_use_the_regular_face():
    shown = PrintableText(register_fonts())
    arabic = svg(
        300, 60, '<text x="5" y="30" font-style="italic" font-family="Helvetica">فاطمة</text>'
    )
    latin = svg(300, 60, '<text x="5" y="30" font-weight="bold">Björn</text>')
    labels = []
    for content in (arabic, latin):
        drawing = svg_drawing(content, shown)
        assert drawing is not None
        labels += list(_strings(drawing))
    assert [(text, font) for text, font in labels] == [("فاطمة", FONT), ("Björn", BOLD_FONT)]
    assert not shown.missing


def test_figure_labels_the_font_lacks_are_marked():
    content = svg(300, 60, '<text x="5" y="30">李 Дмитрий</text>')
    text = all_text(read(figure_pdf(Figure("x", "Caption", content, "alt"))))
    assert f"{MARKER} Дмитрий" in text
    assert "U+674E" in text


def _strings(group: object):
    from reportlab.graphics.shapes import Group, String

    for node in getattr(group, "contents", ()):
        if isinstance(node, String):
            yield node.text, node.fontName
        elif isinstance(node, Group):
            yield from _strings(node)
