"""User text entering DOT: escaped, wrapped, and never able to end its string."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.render.dot_text import REPLACEMENT, dot_label, dot_string, showable, wrap_lines


def test_quotes_backslashes_and_ampersands_are_escaped() -> None:
    assert dot_string('say "hi" \\N &lt;') == '"say \\"hi\\" \\\\N &amp;lt;"'


def test_a_trailing_backslash_cannot_swallow_the_closing_quote() -> None:
    assert dot_label("ends with \\", 40) == '"ends with \\\\"'


def test_line_breaks_come_only_from_wrapping_and_the_users_own_newlines() -> None:
    assert dot_label("first\nsecond", 40) == '"first\\nsecond"'
    assert dot_string("first\nsecond") == '"first second"'


def test_wrapping_keeps_every_line_within_the_width_and_breaks_long_words() -> None:
    lines = wrap_lines("a " + "x" * 50 + " end", 20)
    assert lines == ["a", "x" * 20, "x" * 20, "x" * 10 + " end"]


def test_wide_characters_count_double() -> None:
    assert wrap_lines("漢字漢字漢字", 6) == ["漢字漢", "字漢字"]
    assert wrap_lines("😀😀😀😀", 4) == ["😀😀", "😀😀"]


def test_characters_xml_cannot_carry_are_replaced_visibly() -> None:
    assert showable("a\x00b\x1bc\ud800") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}"


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_a_label_is_always_one_well_formed_quoted_string(text: str, width: int) -> None:
    label = dot_label(text, width)
    assert label.startswith('"')
    assert label.endswith('"')
    body = label[1:-1]
    # Every backslash is part of an escape pair, so no quote inside is unescaped.
    index = 0
    while index < len(body):
        if body[index] == "\\":
            assert body[index + 1] in '\\"n'
            index += 2
            continue
        assert body[index] != '"'
        assert body[index] not in "\n\r"
        index += 1
