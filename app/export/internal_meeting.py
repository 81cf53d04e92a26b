"""The internal postmortem's meeting part: the points parked for later and where the time went.

Both come from the meeting rather than from a stage, so they follow stage 6 as one part of
their own, present only when the meeting left something behind: a postmortem written without a
meeting (or before it) has no empty "Meeting" heading. Participants' contact details belong to
the invitation and never appear here.
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.meeting import meeting_record
from app.domain.meeting_timer import StageTime
from app.domain.model import ParkingLotItem, Postmortem
from app.export.document import Block, Paragraph, Section, Table
from app.export.document_text import utc_time

# Where a point was raised when the meeting was on no stage (before the timer started, say).
OUTSIDE_THE_STAGES = "Outside the stages"


def meeting_section(pm: Postmortem) -> Section | None:
    """The parking lot and the planned-against-spent table, or None when there is neither."""
    record = meeting_record(pm)
    if not pm.parking_lot and not record:
        return None
    return Section(
        "meeting",
        "Meeting",
        (),
        (_parking_lot_section(pm.parking_lot), _time_section(record)),
    )


def _parking_lot_section(items: tuple[ParkingLotItem, ...]) -> Section:
    key, heading = "meeting.parking_lot", "Parking lot"
    if not items:
        return Section(key, heading, (Paragraph("No points were parked.", note=True),))
    # Open points first, since they are what is left to do; each group in the order raised.
    ordered = sorted(items, key=lambda item: item.done)
    rows = tuple(
        (
            item.text,
            "Done" if item.done else "Open",
            item.raised_during.label if item.raised_during else OUTSIDE_THE_STAGES,
            utc_time(item.raised_at),
        )
        for item in ordered
    )
    still_open = sum(not item.done for item in items)
    blocks: tuple[Block, ...] = (
        Paragraph(f"{still_open} of {len(items)} parked points still open; open points first."),
        Table(("Point", "Status", "Raised during", "Raised at (UTC)"), rows, (4.0, 0.8, 2.0, 1.6)),
    )
    return Section(key, heading, blocks)


def _time_section(record: tuple[StageTime, ...]) -> Section:
    key, heading = "meeting.time", "Time per stage"
    if not record:
        return Section(
            key, heading, (Paragraph("The meeting's time was not recorded.", note=True),)
        )
    planned = sum((row.planned for row in record), timedelta())
    spent = sum((row.spent for row in record), timedelta())
    rows = tuple(
        (row.stage.label, minutes_seconds(row.planned), minutes_seconds(row.spent), over(row.over))
        for row in record
    )
    total = ("Total", minutes_seconds(planned), minutes_seconds(spent), over(spent - planned))
    summary = Paragraph(
        f"The meeting took {minutes_seconds(spent)} against {minutes_seconds(planned)} planned"
        f" ({over(spent - planned).lower()})."
    )
    table = Table(
        ("Stage", "Planned", "Spent", "Over / under"), (*rows, total), (3.0, 1.0, 1.0, 1.6)
    )
    return Section(key, heading, (summary, table))


def minutes_seconds(span: timedelta) -> str:
    """``17 min 5 s``, ``15 min``, ``40 s``, ``0 min``: a span to the second, without its sign.

    Minutes rather than hours, since agendas are planned in minutes and a long meeting reads
    more easily as "75 min" beside stages of "20 min".
    """
    minutes, seconds = divmod(round(abs(span.total_seconds())), 60)
    parts = [f"{minutes} min"] if minutes else []
    if seconds:
        parts.append(f"{seconds} s")
    return " ".join(parts) or "0 min"


def over(span: timedelta) -> str:
    """``3 min over``, ``1 min 5 s under`` or ``On time`` (to the second)."""
    if round(span.total_seconds()) == 0:
        return "On time"
    return f"{minutes_seconds(span)} {'over' if span > timedelta(0) else 'under'}"
