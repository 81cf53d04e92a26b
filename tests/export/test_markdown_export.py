"""The Markdown writer, read back: rendered with Python-Markdown (tables) and parsed as XML."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from app.export.document import (
    BulletList,
    ExportAudience,
    ExportDocument,
    Figure,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
    all_sections,
)
from app.export.internal_document import internal_document
from app.export.markdown_export import (
    SVG_DATA_PREFIX,
    figure_file_names,
    markdown_text,
    write_markdown,
)
from tests.export.export_samples import PATTERN, TODAY, full_postmortem
from tests.export.markdown_reading import (
    headings,
    render,
    table_after,
    tables,
    text_of,
    unexpected_tags,
)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


@pytest.fixture(scope="module")
def document() -> ExportDocument:
    return internal_document(full_postmortem(), today=TODAY, tracker_pattern=PATTERN)


def small(*blocks: object, title: str = "Title", heading: str = "Section") -> ExportDocument:
    return ExportDocument(
        audience=ExportAudience.INTERNAL,
        title=title,
        subtitle="",
        title_block=(),
        sections=(Section("only", heading, tuple(blocks)),),  # type: ignore[arg-type]
    )


def test_every_section_has_its_heading(document: ExportDocument) -> None:
    root = render(markdown_text(document, figure_links={}))
    found = headings(root)
    assert found[0] == ("h1", "Checkout errors after the database failover")
    assert [text for tag, text in found if tag == "h2"] == [s.heading for s in document.sections]
    shown = [text for _, text in found[1:]]
    assert shown == [s.heading for s in all_sections(document)]
    assert ("h3", "Participants and roles") in found
    assert not unexpected_tags(root)


def test_title_block_is_a_list_of_labels(document: ExportDocument) -> None:
    root = render(markdown_text(document, figure_links={}))
    first_list = next(root.iter("ul"))
    items = [text_of(item) for item in first_list]
    assert "Incident: INC-311" in items
    assert "Exported: 2026-03-20" in items


def test_the_timeline_is_a_table_with_utc_times(document: ExportDocument) -> None:
    root = render(markdown_text(document, figure_links={}))
    timeline = table_after(root, "Timeline")
    assert timeline.header == ["Time (UTC)", "Milestone", "What happened", "Evidence", "Notes"]
    texts = timeline.texts()
    assert [row[0] for row in texts] == [
        "2026-03-01 14:00",
        "2026-03-01 14:06",
        "2026-03-01 14:12",
        "2026-03-01 14:20",
        "2026-03-01 14:50",
    ]
    assert texts[2][2] == "Replica db-7.corp.example promoted by hand"
    assert texts[2][4] == "Internal only"
    (evidence,) = timeline.rows[1][3].iter("a")
    assert evidence.get("href") == "https://grafana.example.com/d/errors"


def test_the_meeting_part_reads_back_as_two_tables(document: ExportDocument) -> None:
    root = render(markdown_text(document, figure_links={}))
    parked = table_after(root, "Parking lot")
    assert parked.header == ["Point", "Status", "Raised during", "Raised at (UTC)"]
    assert [row[:2] for row in parked.texts()] == [
        ["Rename the pool alerts", "Open"],
        ["Invite the payments team next time", "Open"],
        ["Who pays for the extra replica?", "Done"],
    ]
    times = table_after(root, "Time per stage")
    assert times.texts()[-1] == ["Total", "40 min", "43 min 20 s", "3 min 20 s over"]


def test_contacts_and_private_notes_stay_out_of_the_markdown(document: ExportDocument) -> None:
    source = markdown_text(document, figure_links={})
    shown = text_of(render(source))
    assert "Dana Reyes" in shown  # the participants are listed, by name and role
    for private in ("dana.reyes@example.com", "555 0134", "Ask Sam gently"):
        assert private not in shown
        assert private not in source


def test_tracker_links_and_plain_trackers(document: ExportDocument) -> None:
    root = render(markdown_text(document, figure_links={}))
    items = table_after(root, "Action items")
    links = [list(row[6].iter("a")) for row in items.rows]
    assert [a.get("href") for a in links[0]] == ["https://tracker.example.com/browse/OPS-231"]
    assert text_of(links[0][0]) == "OPS-231"
    assert not links[2]
    assert text_of(items.rows[2][6]) == "ask Dana"


def test_figures_are_written_beside_the_markdown(document: ExportDocument, tmp_path: Path) -> None:
    path = tmp_path / "incident.md"
    written = write_markdown(document, path)
    assert written[0] == path
    assert sorted(p.name for p in written[1:]) == [
        "incident-fishbone.svg",
        "incident-five-whys.svg",
        "incident-incident-strip.svg",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    root = render(path.read_text(encoding="utf-8"))
    sources = [image.get("src") for image in root.iter("img")]
    assert sorted(sources) == sorted(p.name for p in written[1:])
    figures = {
        f.name: f.svg for s in all_sections(document) for f in s.blocks if isinstance(f, Figure)
    }
    assert (tmp_path / "incident-fishbone.svg").read_bytes() == figures["fishbone"]


def test_single_file_embeds_figures_as_data(document: ExportDocument, tmp_path: Path) -> None:
    path = tmp_path / "incident.md"
    assert write_markdown(document, path, single_file=True) == [path]
    assert [p.name for p in tmp_path.iterdir()] == ["incident.md"]
    root = render(path.read_text(encoding="utf-8"))
    images = list(root.iter("img"))
    assert len(images) == 3
    for image in images:
        source = image.get("src") or ""
        assert source.startswith(SVG_DATA_PREFIX)
        assert base64.b64decode(source.removeprefix(SVG_DATA_PREFIX)).startswith(b"<")


def test_writing_replaces_an_existing_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_text("old", encoding="utf-8")
    write_markdown(small(Paragraph("new")), path)
    assert path.read_text(encoding="utf-8").startswith("# Title")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_folder_that_does_not_exist_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"):
        write_markdown(small(Paragraph("x")), tmp_path / "missing" / "out.md")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    write_markdown(small(Paragraph("x")), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_figure_file_names_are_safe_and_unique() -> None:
    figures = (
        Figure("../../etc/passwd", "c", SVG, "a"),
        Figure("a b", "c", SVG, "a"),
        Figure("a-b", "c", SVG, "a"),
        Figure("", "c", SVG, "a"),
    )
    names = figure_file_names(small(*figures), "out")
    assert names == {
        "../../etc/passwd": "out-etc-passwd.svg",
        "a b": "out-a-b.svg",
        "a-b": "out-a-b-2.svg",
        "": "out-figure.svg",
    }


def test_a_figure_without_a_link_is_described_in_words() -> None:
    text = markdown_text(
        small(Figure("fishbone", "The fishbone", SVG, "Six causes")), figure_links={}
    )
    root = render(text)
    assert not list(root.iter("img"))
    assert "Figure not included: Six causes" in text_of(root)


def test_links_only_for_web_addresses_and_percent_encoded() -> None:
    document = small(
        BulletList(
            (
                Link("run me", "javascript:alert(1)"),
                Link("local", "file:///etc/passwd"),
                Link("ok", "https://example.com/a)c<d>\"e'f|g`h"),
                Link("spaced", "https://example.com/a b"),
                Link("x](javascript:alert(1)) [y", "https://example.com/"),
            )
        )
    )
    root = render(markdown_text(document, figure_links={}))
    anchors = list(root.iter("a"))
    assert [a.get("href") for a in anchors] == [
        "https://example.com/a%29c%3Cd%3E%22e%27f%7Cg%60h",
        "https://example.com/",
    ]
    items = [text_of(item) for item in root.iter("li")]
    assert items[0] == "run me (javascript:alert(1))"
    assert items[1] == "local (file:///etc/passwd)"
    assert items[2] == "ok"
    assert items[3] == "spaced (https://example.com/a b)"  # not a link: it has a space
    assert items[4] == "x](javascript:alert(1)) [y"


def test_key_values_and_notes() -> None:
    document = small(
        KeyValues((("Owner", "Ana"), ("Link", Link("docs", "https://example.com/")))),
        Paragraph("A note", note=True),
    )
    root = render(markdown_text(document, figure_links={}))
    assert [text_of(item) for item in root.iter("li")] == ["Owner: Ana", "Link: docs"]
    assert [text_of(e) for e in root.iter("em")] == ["A note"]


def test_paragraph_line_breaks_and_blank_lines_are_kept() -> None:
    root = render(markdown_text(small(Paragraph("one\ntwo\n\n\nthree")), figure_links={}))
    paragraphs = list(root.iter("p"))
    assert [text_of(p) for p in paragraphs] == ["one two", "three"]
    assert len(list(paragraphs[0].iter("br"))) == 1


def test_short_rows_are_padded_and_long_rows_cut_to_the_header() -> None:
    document = small(Table(("A", "B"), (("1",), ("1", "2", "3"))))
    (rendered,) = tables(render(markdown_text(document, figure_links={})))
    assert rendered.texts() == [["1", ""], ["1", "2"]]
