"""The redaction corpus: every sensitive value goes as its kind, every harmless line stays."""

from __future__ import annotations

import pytest

from app.domain.redaction import Redaction, RedactionKind, redact
from tests.domain.redaction_corpus import CORPUS_RULES, HARMLESS, SENSITIVE, SensitiveCase


def _found(case: SensitiveCase) -> tuple[str, tuple[Redaction, ...]]:
    result = redact(case.text, CORPUS_RULES, field="Corpus")
    return result.text, result.redactions


def test_the_corpus_is_as_large_and_varied_as_promised():
    assert len(SENSITIVE) >= 60
    assert len(HARMLESS) >= 30
    assert {kind for case in SENSITIVE for kind in case.kinds} == set(RedactionKind)
    tabular = [
        case for case in SENSITIVE if "|" in case.text or "\t" in case.text or "," in case.text
    ]
    assert len(tabular) >= 20
    assert len(set(HARMLESS)) == len(HARMLESS)
    assert len({case.text for case in SENSITIVE}) == len(SENSITIVE)


@pytest.mark.parametrize("case", SENSITIVE, ids=lambda case: case.text[:40])
def test_no_sensitive_value_survives(case):
    text, _ = _found(case)
    for value in case.values:
        assert value.casefold() not in text.casefold(), value


@pytest.mark.parametrize("case", SENSITIVE, ids=lambda case: case.text[:40])
def test_each_value_is_found_as_its_kind(case):
    _, redactions = _found(case)
    for value, kind in zip(case.values, case.kinds, strict=True):
        holding = [r for r in redactions if value in r.original]
        assert holding, f"{value!r} not in any redaction"
        assert holding[0].kind is kind, (value, holding[0].kind)
        assert holding[0].placeholder == kind.placeholder


@pytest.mark.parametrize("case", SENSITIVE, ids=lambda case: case.text[:40])
def test_nothing_but_the_listed_values_is_redacted(case):
    # Precision: every redaction holds (or is part of) a value the case lists.
    _, redactions = _found(case)
    for redaction in redactions:
        assert any(
            value in redaction.original or redaction.original in value for value in case.values
        ), redaction


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_unchanged(text):
    result = redact(text, CORPUS_RULES, field="Corpus")
    assert result.redactions == ()
    assert result.text == text


@pytest.mark.parametrize("case", SENSITIVE, ids=lambda case: case.text[:40])
def test_corpus_output_is_stable_when_redacted_again(case):
    text, _ = _found(case)
    again = redact(text, CORPUS_RULES, field="Corpus")
    assert again.text == text
    assert again.redactions == ()
