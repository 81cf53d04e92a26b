"""Timeline events from a Slack channel export: the JSON list of messages for one channel.

Each message object has ``ts`` (epoch seconds as text, with a fraction), ``text`` and who wrote
it (``user_name``, ``user_profile.real_name``, ``username`` for bots, else the ``user`` id, shown
as given). Slack escapes ``&``, ``<`` and ``>`` in message text; they are unescaped so the
timeline reads like the channel did. Notices such as "alice has joined the channel" are skipped.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

from app.domain.model import TimelineEvent, to_utc_minute
from app.domain.plain import json_kind
from app.domain.timeline_import_common import ImportFileError, ImportPreview, SkippedLine, new_event

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Slack's notices about the channel itself rather than the incident.
_NOTICE_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "bot_add",
        "bot_remove",
        "pinned_item",
        "unpinned_item",
    }
)


class _MessageSkippedError(Exception):
    """A message that cannot become an event; the message is the reason."""


def parse_slack(text: str, *, source: str) -> ImportPreview:
    """Events from a Slack export in file order; messages without text or time are skipped.

    ``line`` in a skipped entry is the message's position in the list (1 for the first).
    Raises ImportFileError for broken JSON or JSON that is not a list of message objects.
    """
    messages = _message_list(text.removeprefix("\ufeff"), source)
    events: list[TimelineEvent] = []
    skipped: list[SkippedLine] = []
    for position, message in enumerate(messages, start=1):
        try:
            events.append(_event(message))
        except _MessageSkippedError as reason:
            shown = json.dumps(message, ensure_ascii=False)
            skipped.append(SkippedLine(position, shown, str(reason)))
    return ImportPreview(source=source, events=tuple(events), skipped=tuple(skipped))


def _message_list(text: str, source: str) -> list[dict[str, object]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(source, f"not valid JSON: {error.msg}", line=error.lineno) from None
    except RecursionError:
        raise ImportFileError(source, "the JSON is nested too deeply to read") from None
    expected = "a Slack export must be a list of message objects"
    if not isinstance(document, list):
        raise ImportFileError(source, f"{expected}, not {json_kind(document)}")
    for position, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(source, f"{expected}; item {position} is {json_kind(item)}")
    return document


def _event(message: dict[str, object]) -> TimelineEvent:
    subtype = message.get("subtype")
    if isinstance(subtype, str) and subtype in _NOTICE_SUBTYPES:
        raise _MessageSkippedError(f"a {subtype.replace('_', ' ')} notice, not a message")
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _MessageSkippedError("no text")
    at = _time(message.get("ts"))
    body = _unescape(text.strip())
    author = _author(message)
    return new_event(at, f"{author}: {body}" if author else body)


def _time(ts: object) -> datetime:
    """The minute of a Slack ``ts``; the fraction only orders messages within a second."""
    if isinstance(ts, bool) or not isinstance(ts, str | int | float):
        raise _MessageSkippedError("no ts (time) value" if ts is None else "ts is not a number")
    try:
        seconds = float(ts)
    except ValueError:
        raise _MessageSkippedError(f"ts {str(ts)[:40]!r} is not a number") from None
    if not math.isfinite(seconds):
        raise _MessageSkippedError(f"ts {ts!r} is not a time")
    try:
        return to_utc_minute(_EPOCH + timedelta(seconds=math.floor(seconds)))
    except OverflowError:
        raise _MessageSkippedError(f"ts {ts!r} is out of range") from None


def _author(message: dict[str, object]) -> str:
    profile = message.get("user_profile")
    real_name = profile.get("real_name") if isinstance(profile, dict) else None
    for candidate in (
        message.get("user_name"),
        real_name,
        message.get("username"),
        message.get("user"),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return ""


def _unescape(text: str) -> str:
    # Slack escapes exactly these three; "&amp;" last, so "&amp;lt;" stays the text "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
