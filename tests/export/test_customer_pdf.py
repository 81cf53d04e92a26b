"""The customer-facing PDF, read back: no sensitive corpus value in its text or metadata, every
harmless string still there, and nothing of the meeting or of what is private to the room."""

from __future__ import annotations

from app.domain.redaction import rules_for
from app.export.build import customer_document
from app.export.pdf import pdf_bytes
from tests.domain.redaction_corpus import CORPUS_RULES, HARMLESS, SENSITIVE
from tests.export.export_samples import full_postmortem
from tests.export.pdf_reading import all_text, read, squeeze
from tests.export.test_customer_document import corpus_postmortem


def test_no_sensitive_corpus_value_reaches_the_pdf_text_or_metadata() -> None:
    document, _report = customer_document(
        corpus_postmortem([case.text for case in SENSITIVE]), CORPUS_RULES
    )
    reader = read(pdf_bytes(document))
    text = squeeze(all_text(reader)).casefold()
    metadata = squeeze(" ".join(str(value) for value in (reader.metadata or {}).values()))
    for case in SENSITIVE:
        for value in case.values:
            assert squeeze(value).casefold() not in text, value
            assert squeeze(value).casefold() not in metadata.casefold(), value
    assert "[redactedsecret]" in text


def test_every_harmless_corpus_string_is_in_the_pdf() -> None:
    document, report = customer_document(corpus_postmortem(list(HARMLESS)), CORPUS_RULES)
    assert report.redactions == ()
    text = squeeze(all_text(read(pdf_bytes(document))))
    for harmless in HARMLESS:
        assert squeeze(harmless) in text, harmless


def test_the_meeting_contacts_and_private_notes_stay_out_of_the_customer_pdf() -> None:
    pm = full_postmortem()
    assert pm.parking_lot
    assert pm.meeting_time
    assert pm.private_notes
    document, _report = customer_document(pm, rules_for(pm))
    reader = read(pdf_bytes(document))
    text = squeeze(all_text(reader))
    assert squeeze("Card payments failed for 50 minutes") in text  # the summary is there
    for private in (
        "dana.reyes@example.com",
        "+1 555 0134",
        "Ask Sam gently",
        "Rename the pool alerts",
        "Who pays for the extra replica?",
        "Parking lot",
        "Time per stage",
        "43 min 20 s",
    ):
        assert squeeze(private) not in text, private
