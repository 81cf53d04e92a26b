"""User text made safe and printable for the PDF: escaped for reportlab, shown by the font.

reportlab's ``Paragraph`` reads a small markup language: an unbalanced ``<b>`` raises, an
``<img src=...>`` embeds a local file and an ``<a href="file://...">`` becomes a link. So every
string from the document is escaped here, and only here, before it reaches a paragraph; Retro's
own markup (line breaks, links) is added around the escaped text. Characters the font cannot
draw are replaced by a visible marker and the document says so at its end: a reader must never
face black boxes or silently missing letters. Control characters print as U+FFFD, as in the
Markdown export.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import groupby
from urllib.parse import quote, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from app.export.pdf_fonts import FONT, FontCoverage

MARKER = "□"
"""Printed instead of a character the font cannot show (DejaVu Sans draws it)."""
CONTROL_MARKER = "\ufffd"
"""Printed instead of a control character (NUL, escape, ...), as the Markdown export does."""

# A run of non-space characters longer than this gets a line break every RUN_CHUNK characters.
# reportlab splits such a word itself, but measures the whole rest of the word for every line it
# makes, which takes seconds for a 100,000-character field; chunks keep that work small.
LONG_RUN = 400
RUN_CHUNK = 80
PIECE = 4_000
"""Characters per paragraph a long text is cut into (see ``PrintableText.pieces``)."""
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = {"\t": " ", "\v": " ", "\f": " "}
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
URL_LIMIT = 2_000
"""Longer URLs are printed, not linked (browsers cap URLs about there; each line would carry it)."""


@cache
def _printable(coverage: FontCoverage, font: str = FONT) -> frozenset[str]:
    """The characters a face prints as they are: the ones it covers, minus control characters."""
    return frozenset(
        chr(point)
        for point in coverage.faces[font]
        if unicodedata.category(chr(point)) not in ("Cc", "Cs")
    ) | {"\n"}


def attribute(value: str) -> str:
    """Escape ``value`` for a double-quoted markup attribute."""
    return escape(value, {'"': "&#34;", "'": "&#39;"})


def link_target(url: str) -> str | None:
    """``url`` as a link target if it is an absolute http or https URL, else None.

    Anything else (``file:``, ``javascript:``, relative paths, text with spaces) is printed as
    text instead. Non-ASCII characters are percent-encoded (the host name with IDNA), because
    a PDF link is ASCII.
    """
    stripped = url.strip()
    if (
        not stripped
        or len(stripped) > URL_LIMIT
        or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in stripped)
    ):
        return None
    try:
        parts = urlsplit(stripped)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    netloc = parts.netloc
    if not netloc.isascii():
        if "@" in netloc:
            return None
        try:
            netloc = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        netloc += f":{port}" if port is not None else ""
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


class PrintableText:
    """Turns plain text into what one PDF can show, remembering what it had to replace.

    One instance serves one document, so the closing note can list the characters that were
    replaced anywhere in it (paragraphs, tables, the running header, the diagrams' labels).
    ``limit`` (characters per string) shortens every longer text, visibly: it is the fallback
    when reportlab cannot lay the full text out.
    """

    def __init__(self, coverage: FontCoverage, *, limit: int | None = None) -> None:
        self._printable = _printable(coverage)
        self._faces = {font: _printable(coverage, font) for font in coverage.faces if font != FONT}
        self._limit = limit
        self.missing: set[str] = set()
        self.shortened = 0

    def plain(self, text: str) -> str:
        """``text`` with line breaks as ``\\n`` and unprintable characters replaced by MARKER."""
        text = _NEWLINES.sub("\n", text)
        if self._limit is not None and len(text) > self._limit:
            self.shortened += 1
            hidden = len(text) - self._limit
            text = f"{text[: self._limit]} … [{hidden:,} more characters not shown]"
        if self._printable.issuperset(text):
            return text
        shown: list[str] = []
        for character in text:
            shown.append(self._character(character, shown[-1] if shown else ""))
        return "".join(shown)

    def _character(self, character: str, previous: str) -> str:
        if character in self._printable:
            return character
        if character in _SPACES:
            return _SPACES[character]
        category = unicodedata.category(character)
        if category in ("Cc", "Cs"):
            return CONTROL_MARKER
        if category == "Cf":
            # Invisible format characters (zero-width joiners, variation selectors): nothing to
            # show, so nothing is lost by leaving them out.
            return ""
        if category in ("Mn", "Me") and previous == MARKER:
            return ""  # a combining mark on a character already replaced
        self.missing.add(character)
        return MARKER

    def line(self, text: str) -> str:
        """``plain`` on a single line: line breaks become spaces (headers, outline entries)."""
        return " ".join(self.plain(text).split("\n"))

    def short_line(self, text: str, length: int) -> str:
        """``line`` cut to ``length`` characters with an ellipsis (table of contents, outline)."""
        shown = self.line(text)
        return shown if len(shown) <= length else shown[: length - 1].rstrip() + "…"

    def short_markup(self, text: str, length: int, font: str = FONT) -> str:
        """``short_line`` as paragraph markup for text set in ``font``."""
        return self._markup(self.short_line(text, length), font)

    def markup(self, text: str, font: str = FONT) -> str:
        """``text`` as paragraph markup that prints it literally in ``font``, line breaks kept."""
        return self._markup(self.plain(text), font)

    def pieces(self, text: str, font: str = FONT) -> list[str]:
        """``text`` as the markup of consecutive paragraphs of at most about PIECE characters.

        reportlab lays a paragraph that spans pages out again for every page it continues on,
        so one paragraph of 100,000 characters takes minutes; pieces keep the work linear.
        Cuts fall on a line break if there is one, else on a space, else anywhere.
        """
        plain = self.plain(text)
        found: list[str] = []
        start = 0
        while len(plain) - start > PIECE:
            end = start + PIECE
            cut = plain.rfind("\n", start + 1, end)
            if cut < 0:
                cut = plain.rfind(" ", start + 1, end)
            if cut < 0:
                found.append(plain[start:end])
                start = end
            else:
                found.append(plain[start:cut])
                start = cut + 1
        found.append(plain[start:])
        return [self._markup(piece, font) for piece in found]

    def _markup(self, plain: str, font: str) -> str:
        face = self._faces.get(font)
        if face is None or face.issuperset(plain):
            return "<br/>".join(_line_markup(line) for line in plain.split("\n"))
        # Characters this face lacks but the regular one has are set in the regular face.
        parts = []
        for covered, run in groupby(plain, key=face.__contains__):
            markup = "<br/>".join(_line_markup(line) for line in "".join(run).split("\n"))
            parts.append(markup if covered else f'<font name="{FONT}">{markup}</font>')
        return "".join(parts)

    def face_for(self, text: str, font: str) -> str:
        """``font``, or the regular face if ``font`` lacks a character of ``text`` (diagrams)."""
        face = self._faces.get(font)
        return font if face is None or face.issuperset(text) else FONT

    def closing_notes(self) -> list[str]:
        """What the end of the document must say about replaced or shortened text, if anything."""
        notes = []
        if self.missing:
            listed = sorted(self.missing)
            names = ", ".join(f"U+{ord(character):04X}" for character in listed[:12])
            more = ", …" if len(listed) > 12 else ""
            notes.append(
                "Some characters cannot be shown with this document's font and are printed as "
                f"{MARKER} ({names}{more}). Retro keeps the original text."
            )
        if self.shortened:
            notes.append(
                f"{self.shortened:,} very long texts were shortened to fit the page layout; "
                "Retro keeps the full text."
            )
        return notes


def _line_markup(line: str) -> str:
    parts: list[str] = []
    start = 0
    for run in _LONG_RUN.finditer(line):
        parts.append(escape(line[start : run.start()]))
        word = run.group()
        parts.append(
            "<br/>".join(escape(word[at : at + RUN_CHUNK]) for at in range(0, len(word), RUN_CHUNK))
        )
        start = run.end()
    parts.append(escape(line[start:]))
    return "".join(parts)
