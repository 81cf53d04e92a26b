"""The PDF writer's structure, read back with pypdf: title page, contents with working links,
outline, running header and footer, tables whose header repeats, page sizes, metadata, files."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import LayoutError

from app.export import pdf
from app.export.document import (
    BulletList,
    ExportAudience,
    KeyValues,
    Link,
    Paragraph,
    Section,
    Table,
)
from app.export.pdf import pdf_bytes, write_pdf
from app.export.pdf_columns import NEED_SHARE, column_widths
from app.export.pdf_fonts import BOLD_FONT, FONT
from app.export.pdf_styles import CELL_SIZE
from tests.export.pdf_reading import (
    all_text,
    document,
    internal_link_pages,
    outline,
    page_texts,
    read,
    squeeze,
    text_positions,
    uris,
)

TIMELINE_HEADER = ("When (UTC)", "What happened", "Milestone", "Evidence")


def timeline(rows: int) -> Table:
    return Table(
        TIMELINE_HEADER,
        tuple(
            (
                f"2026-03-14 {row // 60:02d}:{row % 60:02d}",
                f"Event number {row}: replication lag {row % 97} s on db-{row % 7}",
                "Detection" if row == 3 else "",
                Link("dashboard", f"https://grafana.example/d/{row}") if row % 5 == 0 else "",
            )
            for row in range(rows)
        ),
        widths=(2, 6, 1.5, 1.5),
    )


def sample() -> bytes:
    return pdf_bytes(
        document(
            Section(
                "summary",
                "Summary",
                (
                    Paragraph("Payments failed for 88 minutes after the failover."),
                    Paragraph("Times are in UTC.", note=True),
                ),
            ),
            Section("timeline", "Timeline", (timeline(150),)),
            Section(
                "impact",
                "Impact",
                (KeyValues((("Users affected", "1,200"), ("Duration", "88 min"))),),
                subsections=(
                    Section("sla", "Service level", (Paragraph("The SLA held."),)),
                    Section("data", "Data integrity", (BulletList(("No data lost", "No replay")),)),
                ),
            ),
            Section("actions", "Action items", (Paragraph("See the tracker."),)),
        )
    )


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return sample()


def test_opens_cleanly_and_has_the_title_page(sample_pdf):
    reader = read(sample_pdf)
    first = page_texts(reader)[0]
    for text in (
        "Checkout failed for 47 minutes",
        "Internal postmortem · INC-4711",
        "INC-4711",
        "SEV2",
        "2026-03-14",
        "Aiko Tanaka",
        "In review",
        "Contents",
    ):
        assert text in first


def test_every_heading_and_value_is_in_the_text(sample_pdf):
    text = all_text(read(sample_pdf))
    headings = ("Summary", "Timeline", "Impact", "Service level", "Data integrity")
    for expected in (*headings, "Action items", "Users affected", "1,200", "No replay"):
        assert expected in text
    assert squeeze("Event number 149: replication lag 52 s on db-2") in squeeze(text)


def heading_page(texts: list[str], heading: str) -> int:
    """The first page after the title page that has ``heading`` on a line of its own."""
    for number, text in enumerate(texts[1:], start=1):
        if heading in text.splitlines():
            return number
    raise AssertionError(f"{heading} not found")


def test_outline_has_an_entry_per_section_leading_to_its_page(sample_pdf):
    reader = read(sample_pdf)
    texts = page_texts(reader)
    entries = outline(reader)
    assert [(entry.title, entry.level) for entry in entries] == [
        ("Summary", 0),
        ("Timeline", 0),
        ("Impact", 0),
        ("Service level", 1),
        ("Data integrity", 1),
        ("Action items", 0),
    ]
    for entry in entries:
        assert entry.page == heading_page(texts, entry.title)


def test_contents_list_every_section_with_its_page_and_link_to_it(sample_pdf):
    reader = read(sample_pdf)
    contents = page_texts(reader)[0]
    lines = [line.strip() for line in contents.splitlines()]
    entries = outline(reader)
    for entry in entries:
        assert entry.title in lines
    # Each entry has a dot leader and its page number (1-based, as in the footer), in order.
    assert sum(1 for line in lines if re.fullmatch(r"\.( +\.)+", line)) == len(entries)
    numbers = [line for line in lines if line.isdigit()]
    assert numbers == [str(entry.page + 1) for entry in entries]
    linked = internal_link_pages(reader, 0)
    assert set(linked) == {entry.page for entry in entries}
    # Each entry links its title and its page number.
    assert len(linked) == 2 * len(entries)


def test_every_page_has_a_footer_with_its_number_and_the_total(sample_pdf):
    texts = page_texts(read(sample_pdf))
    total = len(texts)
    assert total >= 4
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text


def test_running_header_shows_the_title_and_audience_after_the_title_page(sample_pdf):
    reader = read(sample_pdf)
    for number in range(len(reader.pages)):
        top = [text.strip() for text, _x, y in text_positions(reader, number) if y > 780]
        if number == 0:
            assert top == []  # the title page has the title in full instead
        else:
            assert top == ["Checkout failed for 47 minutes", "Internal postmortem"]


def test_a_long_title_is_shortened_in_the_header_only():
    title = "A very long title " * 12
    reader = read(pdf_bytes(document(Section("s", "Summary", (Paragraph("x"),)), title=title)))
    header = page_texts(reader)[1].splitlines()[0]
    assert header.endswith("…")
    assert len(header) < len(title)
    assert squeeze(title) in squeeze(page_texts(reader)[0])


def test_the_long_table_repeats_its_header_on_every_page():
    reader = read(pdf_bytes(document(Section("timeline", "Timeline", (timeline(400),)))))
    texts = page_texts(reader)
    table_pages = [text for text in texts if "replication lag" in text]
    assert len(table_pages) >= 5
    for text in table_pages:
        assert "When (UTC)" in text
        assert "What happened" in text
        # The header comes before the first row on the page.
        assert text.index("When (UTC)") < text.index("replication lag")
    assert sum(text.count("When (UTC)") for text in texts) == len(table_pages)


def test_table_rows_are_all_there_in_order():
    reader = read(pdf_bytes(document(Section("timeline", "Timeline", (timeline(400),)))))
    text = squeeze(all_text(reader))
    positions = [text.index(squeeze(f"Event number {row}:")) for row in range(400)]
    assert positions == sorted(positions)


def test_rows_shorter_or_longer_than_the_header_keep_every_cell():
    table = Table(("A", "B"), (("only",), ("one", "two", "three")), widths=(1, 1))
    text = all_text(read(pdf_bytes(document(Section("t", "Odd rows", (table,))))))
    for cell in ("only", "one", "two", "three"):
        assert cell in text


def test_links_open_only_http_and_https():
    links = BulletList(
        (
            Link("Dashboard", "https://grafana.example/d/lag?from=now-1d&to=now"),
            Link("Runbook", "http://wiki.example/runbook"),
            Link("Secrets", "file:///etc/passwd"),
            Link("Script", "javascript:alert(1)"),
            Link("Relative", "../notes.txt"),
            Link("Bücher", "https://bücher.example/ä"),
        )
    )
    reader = read(pdf_bytes(document(Section("links", "Links", (links,)))))
    assert sorted(uris(reader)) == sorted(
        [
            "https://grafana.example/d/lag?from=now-1d&to=now",
            "http://wiki.example/runbook",
            "https://xn--bcher-kva.example/%C3%A4",
        ]
    )
    text = all_text(reader)
    assert "Secrets (file:///etc/passwd)" in text
    assert "Script (javascript:alert(1))" in text
    assert "Relative (../notes.txt)" in text


@pytest.mark.parametrize(
    ("page_size", "width", "height"), [("A4", 595.28, 841.89), ("Letter", 612.0, 792.0)]
)
def test_page_sizes(page_size, width, height):
    reader = read(
        pdf_bytes(document(Section("s", "Summary", (timeline(60),))), page_size=page_size)
    )
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


def test_an_unknown_page_size_is_refused():
    with pytest.raises(ValueError, match="A5"):
        pdf_bytes(document(), page_size="A5")  # type: ignore[arg-type]


def test_metadata_comes_from_the_document():
    reader = read(sample())
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Checkout failed for 47 minutes"
    assert metadata.author == "Aiko Tanaka"
    assert metadata.subject == "Postmortem INC-4711"
    assert metadata["/Keywords"] == "postmortem, INC-4711, database"
    assert metadata.creator == "Retro"


def test_metadata_is_exactly_what_the_document_gives():
    # The customer document's builder redacts its metadata; the writer adds nothing of its own.
    empty = document(Section("s", "Summary", (Paragraph("x"),)))
    empty = type(empty)(
        audience=ExportAudience.CUSTOMER,
        title="Service disruption on 14 March",
        subtitle="",
        title_block=(),
        sections=empty.sections,
    )
    reader = read(pdf_bytes(empty))
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Service disruption on 14 March"
    assert not metadata.author
    assert not metadata.subject
    assert not metadata.get("/Keywords")
    assert "Customer summary" in page_texts(reader)[1]


def test_a_document_without_sections_is_a_title_page():
    reader = read(pdf_bytes(document()))
    assert len(reader.pages) == 1
    assert "Contents" not in page_texts(reader)[0]
    assert "Page 1 of 1" in page_texts(reader)[0]


def test_write_pdf_writes_the_file_with_the_usual_permissions(tmp_path: Path):
    target = tmp_path / "export.pdf"
    write_pdf(document(Section("s", "Summary", (Paragraph("x"),))), target, page_size="Letter")
    reader = read(target.read_bytes())
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [path.name for path in tmp_path.iterdir()] == ["export.pdf"]


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "export.pdf"
    target.write_bytes(b"the previous export")

    def fail(_self: Path, _target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_pdf(document(Section("s", "Summary", (Paragraph("x"),))), target)
    assert target.read_bytes() == b"the previous export"
    assert [path.name for path in tmp_path.iterdir()] == ["export.pdf"]


def test_a_document_that_cannot_be_made_writes_nothing(tmp_path: Path, monkeypatch):
    def fail(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf, "_render", fail)
    with pytest.raises(RuntimeError):
        write_pdf(document(), tmp_path / "export.pdf")
    assert list(tmp_path.iterdir()) == []


def test_when_reportlab_cannot_lay_out_the_text_it_is_shortened_visibly(monkeypatch):
    render = pdf._render
    limits: list[int | None] = []

    def first_fails(document, page_size, *, limit):
        limits.append(limit)
        if limit is None:
            raise LayoutError("Flowable too large on page 2")
        return render(document, page_size, limit=limit)

    monkeypatch.setattr(pdf, "_render", first_fails)
    long_text = "word " * 1_000
    reader = read(pdf_bytes(document(Section("s", "Summary", (Paragraph(long_text),)))))
    assert limits == [None, pdf.SAFE_LIMIT]
    text = all_text(reader)
    assert "3,000 more characters not shown" in text
    assert "very long texts were shortened" in text


def test_column_widths_follow_the_weights_and_add_up_to_the_frame():
    widths = column_widths((1, 3), ("A", "B"), [("x", "y")], 400)
    assert widths == pytest.approx([100, 300])
    assert column_widths((), ("A", "B", "C", "D"), [], 400) == pytest.approx([100] * 4)
    assert sum(column_widths((0, -1, 2), ("A", "B", "C"), [], 400)) == pytest.approx(400)


def test_a_narrow_column_is_widened_to_its_longest_word():
    weights = (8, 1, 1)
    widths = column_widths(weights, ("Action", "Due", "Priority"), [("x", "2026-04-15", "")], 400)
    assert sum(widths) == pytest.approx(400)
    assert widths[1] >= stringWidth("2026-04-15", FONT, CELL_SIZE) + 8
    assert widths[2] >= stringWidth("Priority", BOLD_FONT, CELL_SIZE) + 8
    assert widths[0] > 250


def test_a_long_word_claims_at_most_a_quarter_of_the_frame():
    widths = column_widths((1, 9), ("A", "B"), [("x" * 500, "y")], 400)
    assert widths[0] == pytest.approx(400 * NEED_SHARE)


def test_dates_and_short_words_in_narrow_columns_are_not_broken():
    table = Table(
        ("Action", "Owner", "Due", "Category", "Priority", "Status", "Tracker"),
        (
            (
                "Validate pooled connections on borrow",
                "Sam",
                "2026-04-01",
                "Prevent",
                "Medium",
                "Open",
                "OPS-231",
            ),
        ),
        widths=(4, 1.5, 1.2, 1.2, 1, 1, 1.2),
    )
    text = all_text(read(pdf_bytes(document(Section("a", "Action items", (table,))))))
    for word in ("2026-04-01", "Category", "Priority", "Prevent", "Medium", "OPS-231"):
        assert word in text.split()


def test_contents_longer_than_a_page_keep_their_numbers_and_links():
    sections = tuple(
        Section(f"s{number}", f"Section {number}", (Paragraph(f"Body of section {number}."),))
        for number in range(90)
    )
    reader = read(pdf_bytes(document(*sections)))
    entries = outline(reader)
    assert len(entries) == 90
    texts = page_texts(reader)
    contents_pages = [number for number, text in enumerate(texts) if "Section 0" in text][:1]
    last_contents_page = max(n for n, text in enumerate(texts) if "Section 89\n" in text)
    assert last_contents_page >= 1  # the contents run onto a second page
    numbers = [
        line.strip()
        for text in texts[: last_contents_page + 1]
        for line in text.splitlines()
        if line.strip().isdigit()
    ]
    assert numbers == [str(entry.page + 1) for entry in entries]
    linked = [
        page
        for number in range(last_contents_page + 1)
        for page in internal_link_pages(reader, number)
    ]
    assert len(linked) == 180
    assert contents_pages == [0]
    for entry in entries:
        assert f"Body of section {entry.title.split()[1]}." in texts[entry.page]


def test_metadata_keeps_characters_pdf_strings_must_escape():
    title = "Ausfall (Teil 2) \\ «Zahlungen» — 李 <b>&amp;\x00"
    empty = document(Section("s", "Summary", (Paragraph("x"),)), title=title)
    metadata = read(pdf_bytes(empty)).metadata
    assert metadata is not None
    assert metadata.title == "Ausfall (Teil 2) \\ «Zahlungen» — 李 <b>&amp;"
