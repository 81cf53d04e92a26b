"""The internal postmortem of a realistic example, built by ``internal_document`` and written
as PDF: every section, its outline entry and page, the figures as vectors, links and values."""

from __future__ import annotations

import pytest

from app.export.document import all_sections
from app.export.internal_document import internal_document
from app.export.pdf import pdf_bytes
from tests.export.export_samples import PATTERN, TODAY, empty_postmortem, full_postmortem
from tests.export.pdf_reading import (
    all_text,
    image_count,
    outline,
    page_texts,
    read,
    squeeze,
    uris,
)


@pytest.fixture(scope="module")
def internal():
    document = internal_document(full_postmortem(), today=TODAY, tracker_pattern=PATTERN)
    return document, read(pdf_bytes(document))


def test_every_section_has_its_heading_and_outline_entry(internal):
    document, reader = internal
    sections = all_sections(document)
    entries = outline(reader)
    assert [entry.title for entry in entries] == [section.heading for section in sections]
    texts = page_texts(reader)
    for entry in entries:
        assert entry.title in texts[entry.page].splitlines()


def test_key_facts_print(internal):
    _document, reader = internal
    text = squeeze(all_text(reader))
    for fact in (
        "INC-311",
        "Checkout errors after the database failover",
        "Primary database fails over",
        "Pools kept connections to the old primary",
        "Validate pooled connections on borrow",
        "Sam Okoye",
        "2026-04-01",
    ):
        assert squeeze(fact) in text


def test_the_meeting_part_prints_open_points_first(internal):
    _document, reader = internal
    text = squeeze(all_text(reader))
    rename, invite = squeeze("Rename the pool alerts"), squeeze("Invite the payments team")
    done = squeeze("Who pays for the extra replica?")
    assert text.index(rename) < text.index(invite) < text.index(done)
    assert squeeze("3 min 30 s over") in text
    assert squeeze("The meeting took 43 min 20 s against 40 min planned") in text


def test_contacts_and_private_notes_are_not_printed(internal):
    _document, reader = internal
    text = squeeze(all_text(reader))
    metadata = squeeze(" ".join(str(value) for value in (reader.metadata or {}).values()))
    assert squeeze("Dana Reyes") in text
    for private in ("dana.reyes@example.com", "+1 555 0134", "Ask Sam gently"):
        assert squeeze(private) not in text
        assert squeeze(private) not in metadata


def test_links_and_figures(internal):
    _document, reader = internal
    links = uris(reader)
    assert "https://tracker.example.com/browse/OPS-231" in links
    assert "https://grafana.example.com/d/errors" in links
    assert not any(not link.startswith(("http://", "https://")) for link in links)
    assert image_count(reader) == 0
    assert "could not be drawn" not in all_text(reader)


def test_an_empty_postmortem_exports_too():
    document = internal_document(empty_postmortem(), today=TODAY)
    reader = read(pdf_bytes(document))
    assert len(outline(reader)) == len(all_sections(document))
    assert "Nothing written yet" in page_texts(reader)[0]
