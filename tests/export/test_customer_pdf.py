"""The customer-facing PDF, read back: no sensitive corpus value in its text or metadata, every
harmless string still there."""

from __future__ import annotations

from app.export.build import customer_document
from app.export.pdf import pdf_bytes
from tests.domain.redaction_corpus import CORPUS_RULES, HARMLESS, SENSITIVE
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
