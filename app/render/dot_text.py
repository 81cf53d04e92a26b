"""User text as DOT: quoted, escaped and wrapped, so it is always shown and never interpreted.

DOT labels are a small language of their own. Inside a quoted string Graphviz expands ``\\N``,
``\\G``, ``\\l`` and friends, turns ``&amp;``-style entities into characters, and a trailing
backslash swallows the closing quote. A label written as ``<...>`` instead of ``"..."`` is an
HTML-like label that can embed local image files. So user text only ever enters DOT through
``dot_string`` and ``dot_label``: always double-quoted, backslashes doubled, quotes escaped, every
``&`` written as ``&amp;`` (so ``&lt;`` in a cause stays those four characters), characters
that XML cannot carry replaced with U+FFFD (Graphviz would otherwise write an SVG no reader
accepts) and line breaks produced by us alone, as ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"

# Characters XML 1.0 cannot carry (C0 controls other than tab/newline, lone surrogates, U+FFFE/F),
# plus DEL and the C1 controls, which are invisible at best.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"[ \t\r\f\v\u00a0\u2028\u2029]+")


def showable(text: str) -> str:
    """``text`` with the characters no SVG can hold replaced by U+FFFD."""
    return _UNSHOWABLE.sub(REPLACEMENT, text)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def dot_string(text: str) -> str:
    """``text`` as one DOT quoted string for an id or attribute value, on one line."""
    single_line = showable(text).replace("\r", " ").replace("\n", " ")
    return f'"{_escape(single_line)}"'


def column_width(character: str) -> int:
    """How many columns a character takes: wide East Asian characters and emoji take two."""
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _text_width(text: str) -> int:
    return sum(column_width(character) for character in text)


def _split_word(word: str, width: int) -> list[str]:
    """Hard-break a word longer than ``width`` columns; a URL or hash must not widen the node."""
    pieces: list[str] = []
    current = ""
    for character in word:
        if current and _text_width(current) + column_width(character) > width:
            pieces.append(current)
            current = ""
        current += character
    if current:
        pieces.append(current)
    return pieces


def wrap_lines(text: str, width: int) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` columns, keeping the user's own line breaks."""
    lines: list[str] = []
    for paragraph in showable(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = _WHITESPACE.sub(" ", paragraph).strip().split(" ")
        current = ""
        for word in (word for word in words if word):
            for piece in _split_word(word, width):
                candidate = f"{current} {piece}" if current else piece
                if _text_width(candidate) <= width:
                    current = candidate
                else:
                    lines.append(current)
                    current = piece
        lines.append(current)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def dot_label(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` columns as a quoted DOT label of centred lines."""
    return '"' + "\\n".join(_escape(line) for line in wrap_lines(text, width)) + '"'
