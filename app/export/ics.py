"""A postmortem's follow-up reviews as an iCalendar file (RFC 5545) that opens in any calendar.

Stage 6 of the reference tracks completion 30 and 60 days after publication; putting those
reviews in people's calendars is how they actually happen. Each review becomes one all-day event
on its due date, with a reminder the day before and, in its description, the action items still
open, so the meeting invitation carries its own agenda.

Choices a calendar user will notice:

- The UID is ``<review id>.<postmortem id>@retro``: importing the file again after a date moved
  updates the event instead of adding a second one.
- A review already done stays in the file (the calendar keeps its history), with its summary
  starting "Done:", "This review has been held." in its description, and no reminder. Its STATUS
  stays CONFIRMED: CANCELLED would say the meeting never took place, and COMPLETED exists only
  for to-dos, not events.
- Events are TRANSPARENT: an all-day reminder should not mark the whole day as busy.
- Text goes through icalendar's escaping (commas, semicolons, backslashes, newlines) and line
  folding; control characters other than newline are dropped first, since RFC 5545 text may not
  carry them and icalendar passes them through.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from icalendar import Alarm, Calendar, Event

from app.domain.followups import OPEN_STATUSES
from app.domain.model import ActionItem, ActionStatus, FollowUpReview, Postmortem
from app.domain.tracker import tracker_url

PRODID = "-//Retro//Postmortem follow-ups//EN"
REMINDER_BEFORE = timedelta(days=1)
_NOT_SET = "not set"


def _text(text: str) -> str:
    """``text`` with line breaks as ``\\n`` and every other control character removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        character
        for character in text
        if character in "\n\t" or unicodedata.category(character) != "Cc"
    )


def _line(text: str) -> str:
    """``text`` for a one-line property such as SUMMARY: white space runs become one space."""
    return " ".join(_text(text).split())


def review_uid(postmortem_id: int, review: FollowUpReview) -> str:
    """The stable UID of a review's event: the same review always updates the same event.

    Retro's own ids are hex; an id from an imported file may hold anything, so characters
    outside the URI-unreserved set are percent-encoded (a line break would not survive a
    calendar's parser, and the same id must always give the same UID).
    """
    return f"{quote(review.id, safe='-._~')}.{postmortem_id}@retro"


def review_summary(pm: Postmortem, review: FollowUpReview) -> str:
    """``Follow-up review (30 days): <title>``; without the days when there is no publication date
    (or the review is not after it); ``Done:`` in front once the review is done."""
    days = (review.due - pm.published_on).days if pm.published_on is not None else 0
    if days > 0:
        summary = f"Follow-up review ({days} day{'s' if days != 1 else ''}): {_line(pm.title)}"
    else:
        summary = f"Follow-up review: {_line(pm.title)}"
    return f"Done: {summary}" if review.done else summary


def _tracker(item: ActionItem, pattern: str) -> str:
    shown = _line(item.tracker)
    if not shown:
        return _NOT_SET
    link = tracker_url(item.tracker, pattern)
    return shown if link is None or link == item.tracker.strip() else f"{shown} <{link}>"


def _action_item(item: ActionItem, pattern: str) -> str:
    facts = [
        f"owner: {_line(item.owner) or _NOT_SET}",
        f"due: {item.due.isoformat() if item.due is not None else _NOT_SET}",
        f"tracker: {_tracker(item, pattern)}",
    ]
    if item.status is ActionStatus.IN_PROGRESS:
        facts.append("in progress")
    return f"- {_line(item.title) or '(untitled)'}\n  " + "; ".join(facts)


def review_description(pm: Postmortem, review: FollowUpReview, *, tracker_pattern: str = "") -> str:
    """The event's description: what is reviewed, whether it was held, and the open items."""
    number = "" if pm.id is None else f" {pm.id}"
    lines = [f"Follow-up review of postmortem{number} ({pm.severity.label}): {_line(pm.title)}"]
    if review.done:
        lines.append("This review has been held.")
    if review.notes.strip():
        lines += ["", "Notes:", _text(review.notes).strip("\n")]
    open_items = [item for item in pm.action_items if item.status in OPEN_STATUSES]
    lines.append("")
    if open_items:
        lines.append(f"Open action items ({len(open_items)}):")
        lines += [_action_item(item, tracker_pattern) for item in open_items]
    else:
        lines.append("No open action items.")
    return "\n".join(lines)


def _event(
    pm: Postmortem, postmortem_id: int, review: FollowUpReview, stamp: datetime, pattern: str
) -> Event:
    event = Event()
    event.add("uid", review_uid(postmortem_id, review))
    event.add("dtstamp", stamp)
    event.add("dtstart", review.due)
    try:
        event.add("dtend", review.due + timedelta(days=1))  # DTEND is exclusive: one whole day
    except OverflowError:  # due on 9999-12-31: no next day to end on, so say how long instead
        event.add("duration", timedelta(days=1))
    summary = review_summary(pm, review)
    event.add("summary", summary)
    event.add("description", review_description(pm, review, tracker_pattern=pattern))
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    if not review.done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER_BEFORE)  # relative to the start: the day before
        alarm.add("description", f"Tomorrow: {summary}")
        event.add_component(alarm)
    return event


def follow_up_calendar(
    pm: Postmortem, *, generated_at: datetime, tracker_pattern: str = ""
) -> bytes:
    """The postmortem's follow-up reviews as an ``.ics`` file: one all-day VEVENT per review.

    ``generated_at`` (an aware time) becomes every event's DTSTAMP. ``tracker_pattern`` is the
    library's tracker URL pattern, if any: keys in the open action items then carry their link.
    The postmortem must be stored (have an id), since the UIDs are built from it. The bytes are
    UTF-8 with CRLF line endings and lines folded at 75 octets, as RFC 5545 requires.
    """
    if pm.id is None:
        raise ValueError("only a stored postmortem has stable event ids; store it first")
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        raise ValueError("generated_at needs a time zone")
    stamp = generated_at.astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Follow-ups: {_line(pm.title)}")
    for review in pm.follow_up_reviews:
        calendar.add_component(_event(pm, pm.id, review, stamp, tracker_pattern))
    return bytes(calendar.to_ical())
