"""Escaping user text for Markdown, so it always reads as the words typed and never as markup.

The export is read by more than one renderer (GitHub's CommonMark, Python-Markdown, editors'
previews), so the escapes used are the ones every renderer understands:

- ``<`` becomes ``&lt;`` (no raw HTML, no autolink), and so does ``>`` at the start of a line (no
  block quote); an ``&`` that starts an entity becomes ``&amp;``, so an entity the user typed is
  never decoded (``&lt;`` typed stays ``&lt;`` on screen). Any other ``&`` means itself.
- The characters that make emphasis, code, links, images, headings and table cells anywhere in a
  line (``\\ ` * _ [ ] # |``) get a backslash; ``~`` (strikethrough on GitHub) becomes ``&#126;``.
- What only means something at the start of a line (``-``, ``+``, ``1.``, ``1)``, a setext
  ``===`` underline, an indented code block) is escaped there, after leading blanks are removed.
- Control characters (NUL, escape, Python-Markdown's own placeholder markers), lone surrogates
  and non-characters are shown as U+FFFD, the replacement character: visibly, never silently.

Text that must stay on one line (headings, table cells, list items) has its line breaks and runs
of white space turned into single spaces; paragraphs keep their line breaks as hard breaks.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from app.domain.tracker import is_web_link

REPLACEMENT = "\ufffd"

# C0 controls but tab and line feed, DEL, C1 controls, surrogates, and the non-characters that
# XML (and so XHTML output) refuses.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n?")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ESCAPES = str.maketrans(
    {
        "<": "&lt;",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "|": "\\|",
        "~": "&#126;",
    }
)
# "1. " or "1) " starts a list; "99.9%" does not, and is left alone.
_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# An "&" starting something a renderer would decode as an entity ("&lt;", "&#60;"); any other
# "&" is literal to every renderer and is left as typed.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Characters percent-encoded in a link's address: they end or break a Markdown link destination
# or an HTML attribute. Letters beyond ASCII are left alone (browsers accept IRIs).
_URL_ESCAPES = {
    character: f"%{ord(character):02X}"
    for character in " \"'<>()[]\\`|{}^" + "".join(map(chr, range(0x20))) + "\x7f"
}
_URL_TABLE = str.maketrans(_URL_ESCAPES)


def clean(text: str) -> str:
    """``text`` with ``\\n`` line breaks only, tabs as spaces, unprintable characters replaced."""
    text = _LINE_BREAK.sub("\n", text).replace("\t", " ")
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def _escape_line(line: str) -> str:
    """One line of text, escaped so that nothing in it, or at its start, is Markdown syntax."""
    escaped = _ENTITY_START.sub("&amp;", line.strip()).translate(_ESCAPES)
    if escaped.startswith(">"):
        return "&gt;" + escaped[1:]
    if escaped.startswith(("-", "+")):
        return "\\" + escaped
    if escaped.startswith("="):
        return "&#61;" + escaped[1:]
    return _ORDERED_LIST.sub(r"\1\\\2", escaped)


def inline(text: str) -> str:
    """``text`` on one line, escaped: for headings, table cells, list items and labels."""
    return _escape_line(" ".join(clean(text).split()))


def paragraphs(text: str) -> list[str]:
    """``text`` as Markdown paragraphs: split at blank lines, line breaks kept as hard breaks."""
    found = []
    for paragraph in _PARAGRAPH_BREAK.split(clean(text).strip()):
        lines = [_escape_line(" ".join(line.split())) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            # Two trailing spaces: the hard line break every renderer knows.
            found.append("  \n".join(lines))
    return found


def link(text: str, url: str) -> str:
    """A Markdown link to an http(s) ``url``; any other address is shown as text, not linked."""
    address = " ".join(clean(url).split())
    shown = inline(text) or inline(address)
    if is_web_link(address):
        return f"[{shown}]({address.translate(_URL_TABLE)})"
    if not address or not text.strip() or " ".join(clean(text).split()) == address:
        return shown
    return f"{shown} ({inline(address)})"


def destination(target: str) -> str:
    """A link destination Retro made (a file name, a ``data:`` URL), kept from ending early."""
    return " ".join(clean(target).split()).translate(_URL_TABLE)


def file_reference(name: str) -> str:
    """A relative file name as a link destination (percent-encoded, so it cannot escape)."""
    return quote(name, safe="")
