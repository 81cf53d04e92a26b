"""Action items linked in the issue tracker: a tracker key or URL, and the library's URL pattern.

The reference's stage 5 ends when the items are "linked in the issue tracker". An item's
``tracker`` field holds either a full link or a key such as ``OPS-123``; a library may set a URL
pattern (``https://tracker.example.com/browse/{key}``) that turns keys into links. The pattern is
stored as the library setting ``TRACKER_PATTERN_KEY``.

What counts as a key (``looks_like_key``), after trimming white space, is one of:

- a project key and a number: letters first, then letters, digits or ``_``, a hyphen, digits:
  ``OPS-123``, ``ops-7``, ``ABC2_X-99`` (Jira, YouTrack, Linear);
- a number after ``#``: ``#123`` (GitHub, GitLab, Redmine issues);
- a path and a number: ``ops/456``, ``group/project#78`` (GitLab and GitHub across projects):
  segments of letters, digits, ``.``, ``_`` or ``-`` separated by ``/``, then ``/`` or ``#``
  and digits.

Anything else (free text, "TBD", a URL) is not a key; a URL is used as it is.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlsplit

TRACKER_PATTERN_KEY = "tracker_url_pattern"
KEY_PLACEHOLDER = "{key}"

_KEY = re.compile(
    r"[A-Za-z][A-Za-z0-9_]*-[0-9]+"  # OPS-123
    r"|#[0-9]+"  # #123
    r"|[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*[/#][0-9]+"  # ops/456, group/project#78
)


def is_web_link(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL with a host (what a browser can open)."""
    candidate = text.strip()
    if not candidate or any(character.isspace() for character in candidate):
        return False
    try:
        parts = urlsplit(candidate)
    except ValueError:  # an unbalanced "[" in the host, say
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def looks_like_key(tracker: str) -> bool:
    """Whether ``tracker`` is an issue key a URL pattern can link (see the module docstring)."""
    return _KEY.fullmatch(tracker.strip()) is not None


def _fields(pattern: str) -> list[str] | None:
    """Each ``{...}`` of ``pattern`` as written; None if its braces do not pair up."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return None
    fields = []
    for _, name, spec, conversion in parsed:
        if name is not None:
            fields.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return fields


def check_tracker_pattern(pattern: str) -> str | None:
    """None if ``pattern`` can turn keys into links (an empty one is fine: no links); else why not.

    A pattern must be an http(s) URL and contain ``{key}`` exactly once and no other ``{...}``
    (``{key!r}`` or ``{key:10}`` included); a literal brace is written doubled (``{{``, ``}}``).
    """
    text = pattern.strip()
    if not text:
        return None
    if not is_web_link(text.replace(KEY_PLACEHOLDER, "KEY")):
        return "The pattern must be a web address starting with http:// or https://."
    fields = _fields(text)
    if fields is None:
        return "The pattern has a { or } without its pair; write {key} where the key goes."
    others = sorted({field for field in fields if field != KEY_PLACEHOLDER})
    if others:
        return f"The pattern may only contain {KEY_PLACEHOLDER}, not {', '.join(others)}."
    if not fields:
        return f"The pattern must contain {KEY_PLACEHOLDER} where the issue key goes."
    if len(fields) > 1:
        return f"The pattern must contain {KEY_PLACEHOLDER} only once."
    return None


def tracker_url(tracker: str, pattern: str) -> str | None:
    """The link for an action item's ``tracker`` field, or None if there is none to open.

    The field itself when it is an http(s) URL; the pattern with ``{key}`` replaced by the
    URL-quoted key when the field looks like a key and the pattern is usable; else None.
    Every character but letters, digits and ``_.-~`` is quoted (``ops/456`` becomes
    ``ops%2F456``), and ``#123`` gives ``123``, since the ``#`` only says it is a number.
    """
    text = tracker.strip()
    if is_web_link(text):
        return text
    if not looks_like_key(text) or not pattern.strip() or check_tracker_pattern(pattern):
        return None
    # "#123" is the number 123 written GitHub's way; "%23123" would open no tracker's issue.
    key = text.removeprefix("#")
    return pattern.strip().format(key=quote(key, safe=""))
