"""The incident strip: a one-glance picture of the incident's time line, as an SVG document.

A horizontal UTC time axis runs from the first event to the resolution (or to the last event while
there is none). Every event is a small tick; the four milestones are markers with a distinct shape
and colour each (onset triangle, detection diamond, mitigation square, resolution circle) and a
label "Onset 14:04"; the phases between them are shaded: undetected (onset to detection), impact
(detection to mitigation) and recovering (mitigation to resolution).

The strip draws only times and Retro's own words: no event description or other user text ever
reaches the SVG, so nothing a user typed can inject markup. Text is still escaped, and colours
from the palette are quoted as attributes, so a theme colour cannot break the document either.
The output is deterministic (same timeline, same bytes) so exports and tests can compare it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

from app.domain.metrics import MILESTONE_ORDER, milestone_times
from app.domain.model import Milestone, TimelineEvent


@dataclass(frozen=True)
class StripPalette:
    """The strip's colours, so the UI can pass its theme's; any SVG colour string works."""

    background: str = "#ffffff"
    axis: str = "#6b7685"
    text: str = "#1f2933"
    onset: str = "#c2372d"
    detection: str = "#c77700"
    mitigation: str = "#2d68c4"
    resolution: str = "#1f8a4c"
    undetected: str = "#f6d3ce"
    impact: str = "#fbe3b5"
    recovering: str = "#d4e4f7"

    def milestone(self, milestone: Milestone) -> str:
        return {
            Milestone.ONSET: self.onset,
            Milestone.DETECTION: self.detection,
            Milestone.MITIGATION: self.mitigation,
            Milestone.RESOLUTION: self.resolution,
        }[milestone]


DEFAULT_PALETTE = StripPalette()

# (name, from, to): the shaded phases, named for what the room was living through.
PHASES: tuple[tuple[str, Milestone, Milestone], ...] = (
    ("undetected", Milestone.ONSET, Milestone.DETECTION),
    ("impact", Milestone.DETECTION, Milestone.MITIGATION),
    ("recovering", Milestone.MITIGATION, Milestone.RESOLUTION),
)

MIN_WIDTH, MIN_HEIGHT = 320, 120
_FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif"
_MARGIN = 28.0
_ROW_Y = (33.0, 13.0)  # label chip centres: the row next to the band, then the one above it
_CHIP_HEIGHT = 17.0
_CHIP_FONT = 11.5
_GAP = 6.0  # between two label chips in a row
_BAND = (47.0, 71.0)  # top and bottom of the phase band
_AXIS_Y = 79.0
_TICK_FONT = 11.0
_TICK_STEPS_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
# Fixed English month names: strftime's %b follows the locale, which would make the bytes vary.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _num(value: float) -> str:
    """A coordinate with two decimals at most, so the same input always gives the same bytes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text_width(text: str, size: float) -> float:
    """An estimate of the rendered width; generous, so estimated-apart labels never touch."""
    return len(text) * size * 0.6


def _text(x: float, y: float, content: str, *, fill: str, size: float, **extra: str) -> str:
    attributes = "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(value)}" for name, value in extra.items()
    )
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" fill={quoteattr(fill)}'
        f"{attributes}>{escape(content)}</text>"
    )


@dataclass(frozen=True)
class _Scale:
    start: datetime
    end: datetime
    left: float
    right: float

    @property
    def crosses_midnight(self) -> bool:
        return self.start.date() != self.end.date()

    def x(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds()
        return self.left + (moment - self.start).total_seconds() / span * (self.right - self.left)


def incident_strip_svg(
    timeline: Sequence[TimelineEvent],
    *,
    width: int = 960,
    height: int = 140,
    palette: StripPalette = DEFAULT_PALETTE,
) -> str:
    """Draw the timeline as a standalone SVG 1.1 document ``width`` by ``height`` pixels.

    Only times and Retro's fixed words are drawn, never event descriptions. Raises ValueError
    below 320 by 120, where the labels no longer fit.
    """
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"the strip needs at least {MIN_WIDTH} by {MIN_HEIGHT} pixels")
    if not timeline:
        middle = (width / 2, height / 2 + 5)
        empty = _text(*middle, "No events yet", fill=palette.axis, size=14, text_anchor="middle")
        return _document(width, height, palette, "Incident strip: no events yet", [empty])
    marked = {milestone: event.at for milestone, event in milestone_times(timeline).items()}
    scale = _axis_scale(timeline, marked, width)
    hidden = sum(1 for event in timeline if event.at > scale.end)
    parts = [
        *_axis(scale, [event.at for event in timeline], palette),  # the track under the phases
        *_phases(scale, marked, palette),
        *_time_ticks(scale, palette),
        *_milestones(scale, marked, palette, width),
        *_legend(scale, hidden, palette, width, height),
    ]
    named = [f"{m.label} {marked[m]:%Y-%m-%d %H:%M} UTC" for m in MILESTONE_ORDER if m in marked]
    title = ", ".join(named) or f"{len(timeline)} events, no milestones marked"
    return _document(width, height, palette, f"Incident strip: {title}", parts)


def _axis(scale: _Scale, times: list[datetime], palette: StripPalette) -> list[str]:
    """The band's empty track, one tick per distinct event minute on the axis, the axis line."""
    track = (
        f'<rect class="band" x="{_num(scale.left)}" y="{_num(_BAND[0])}" '
        f'width="{_num(scale.right - scale.left)}" height="{_num(_BAND[1] - _BAND[0])}" '
        f'fill={quoteattr(palette.axis)} fill-opacity="0.1"/>'
    )
    events = [
        f'<line class="event" x1="{_num(scale.x(at))}" y1="{_num(_BAND[1] + 2)}" '
        f'x2="{_num(scale.x(at))}" y2="{_num(_AXIS_Y)}" stroke={quoteattr(palette.text)} '
        f'stroke-width="1.2" stroke-opacity="0.75"/>'
        for at in sorted({at for at in times if at <= scale.end})
    ]
    axis = (
        f'<line class="axis" x1="{_num(scale.left)}" y1="{_num(_AXIS_Y)}" '
        f'x2="{_num(scale.right)}" y2="{_num(_AXIS_Y)}" stroke={quoteattr(palette.axis)}/>'
    )
    return [track, *events, axis]


def _document(width: int, height: int, palette: StripPalette, title: str, parts: list[str]) -> str:
    header = (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family={quoteattr(_FONT)}>'
    )
    background = f'<rect width="{width}" height="{height}" fill={quoteattr(palette.background)}/>'
    body = "\n".join([f"<title>{escape(title)}</title>", background, *parts])
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{header}\n{body}\n</svg>\n'


def _axis_scale(
    timeline: Sequence[TimelineEvent], marked: dict[Milestone, datetime], width: int
) -> _Scale:
    """From the first event to the resolution, or the last event while there is none.

    Milestones marked after the resolution (out of order) stretch the axis so every milestone is
    always on the picture; a single instant gets an hour around it so the axis has ticks.
    """
    start = min(event.at for event in timeline)
    if Milestone.RESOLUTION in marked:
        end = max(marked.values())
    else:
        end = max(event.at for event in timeline)
    if end == start:
        start, end = start - timedelta(minutes=30), end + timedelta(minutes=30)
    return _Scale(start, end, _MARGIN, width - _MARGIN)


def _phases(scale: _Scale, marked: dict[Milestone, datetime], palette: StripPalette) -> list[str]:
    """Shade each phase whose two milestones are marked in order; name it inside if it fits."""
    parts: list[str] = []
    top, bottom = _BAND
    for name, first, second in PHASES:
        if first not in marked or second not in marked or marked[second] <= marked[first]:
            continue
        left, right = scale.x(marked[first]), scale.x(marked[second])
        fill = getattr(palette, name)
        parts.append(
            f'<rect class="phase phase-{name}" x="{_num(left)}" y="{_num(top)}" '
            f'width="{_num(right - left)}" height="{_num(bottom - top)}" fill={quoteattr(fill)}/>'
        )
        # Room for the name between the two markers, which are about 8 px wide either side.
        if right - left >= _text_width(name, _TICK_FONT) + 24:
            parts.append(
                _text(
                    (left + right) / 2,
                    (top + bottom) / 2 + 4,
                    name,
                    fill=palette.text,
                    size=_TICK_FONT,
                    text_anchor="middle",
                    class_="phase-label",
                )
            )
    return parts


def _tick_step(scale: _Scale) -> int:
    span_minutes = (scale.end - scale.start).total_seconds() / 60
    most = max(2, int((scale.right - scale.left) // 84))
    for step in _TICK_STEPS_MINUTES:
        if span_minutes / step <= most:
            return step
    return math.ceil(span_minutes / most / 10080) * 10080


def _time_ticks(scale: _Scale, palette: StripPalette) -> list[str]:
    """Ticks at round UTC times; under them HH:MM, and the date where it changes if the span
    crosses midnight (a single-day strip names its date in the legend instead)."""
    step = _tick_step(scale)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    first = math.ceil((scale.start - epoch).total_seconds() / 60 / step) * step
    parts: list[str] = []
    previous_date = None
    moment = epoch + timedelta(minutes=first)
    while moment <= scale.end:
        x = scale.x(moment)
        parts.append(
            f'<line class="tick" x1="{_num(x)}" y1="{_num(_AXIS_Y)}" x2="{_num(x)}" '
            f'y2="{_num(_AXIS_Y + 4)}" stroke={quoteattr(palette.axis)}/>'
        )
        parts.append(
            _text(
                x,
                _AXIS_Y + 15,
                f"{moment:%H:%M}",
                fill=palette.text,
                size=_TICK_FONT,
                text_anchor="middle",
                class_="tick-label",
            )
        )
        if scale.crosses_midnight and moment.date() != previous_date:
            parts.append(
                _text(
                    x,
                    _AXIS_Y + 28,
                    f"{moment:%Y-%m-%d}",
                    fill=palette.axis,
                    size=_TICK_FONT - 1,
                    text_anchor="middle",
                    class_="tick-date",
                )
            )
        previous_date = moment.date()
        moment += timedelta(minutes=step)
    return parts


def _marker(
    milestone: Milestone, x: float, y: float, r: float, *, fill: str, stroke: str, kind: str
) -> str:
    """The milestone's shape centred on (x, y): onset triangle, detection diamond, mitigation
    square, resolution circle, as in the timeline table. Shapes, not only colours, so the
    strip survives grey print."""
    paint = f'fill={quoteattr(fill)} stroke={quoteattr(stroke)} stroke-width="1.5"'
    css = f"{kind} {kind}-{milestone.value}"
    if milestone is Milestone.RESOLUTION:
        return f'<circle class="{css}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {paint}/>'
    if milestone is Milestone.MITIGATION:
        side = r * 1.7
        return (
            f'<rect class="{css}" x="{_num(x - side / 2)}" y="{_num(y - side / 2)}" '
            f'width="{_num(side)}" height="{_num(side)}" {paint}/>'
        )
    if milestone is Milestone.DETECTION:
        d = r * 1.25
        points = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    else:
        d = r * 1.2
        points = [(x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)]
    coordinates = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    return f'<polygon class="{css}" points="{coordinates}" {paint}/>'


@dataclass(frozen=True)
class _Label:
    milestone: Milestone
    marker_x: float
    text: str
    left: float
    width: float
    row: int


def _label_text(milestone: Milestone, at: datetime, *, with_date: bool) -> str:
    """ "Onset 14:04", or "Onset 2 Mar 14:04" when the strip spans more than one day."""
    day = f"{at.day} {_MONTHS[at.month - 1]} " if with_date else ""
    return f"{milestone.label} {day}{at:%H:%M}"


def _place_labels(scale: _Scale, marked: dict[Milestone, datetime], width: int) -> list[_Label]:
    """Put each milestone's label chip over its marker on one of two rows, never overlapping.

    A chip goes on the row next to the band when it fits there, else on the row above; when
    neither has room it goes where the least shift is needed and is pushed sideways.
    """
    lowest, highest = _MARGIN / 2, width - _MARGIN / 2
    order = sorted(marked, key=lambda m: (marked[m], MILESTONE_ORDER.index(m)))
    rows: list[list[_Label]] = [[], []]
    for milestone in order:
        x = scale.x(marked[milestone])
        text = _label_text(milestone, marked[milestone], with_date=scale.crosses_midnight)
        chip = _text_width(text, _CHIP_FONT) + 24  # the shape icon and padding
        wanted = min(max(x - chip / 2, lowest), highest - chip)
        ends = [row[-1].left + row[-1].width + _GAP if row else lowest for row in rows]
        row = 0 if wanted >= ends[0] else 1 if wanted >= ends[1] else ends.index(min(ends))
        rows[row].append(_Label(milestone, x, text, max(wanted, ends[row]), chip, row))
    placed: list[_Label] = []
    for row_labels in rows:
        limit = highest  # pull back from the right edge, keeping the order and the gaps
        for label in reversed(row_labels):
            left = min(label.left, limit - label.width)
            placed.append(dataclasses.replace(label, left=left))
            limit = left - _GAP
    return sorted(placed, key=lambda label: MILESTONE_ORDER.index(label.milestone))


def _milestones(
    scale: _Scale, marked: dict[Milestone, datetime], palette: StripPalette, width: int
) -> list[str]:
    """Leaders first, then markers, then chips, so a leader passes behind the chips it meets."""
    labels = _place_labels(scale, marked, width)
    band_middle = (_BAND[0] + _BAND[1]) / 2
    leaders, markers, chips = [], [], []
    for label in labels:
        colour = palette.milestone(label.milestone)
        chip_y = _ROW_Y[label.row]
        anchor = min(max(label.marker_x, label.left + 4), label.left + label.width - 4)
        leaders.append(
            f'<polyline class="leader" points="{_num(anchor)},{_num(chip_y)} '
            f'{_num(anchor)},{_num(_BAND[0] - 6)} {_num(label.marker_x)},{_num(band_middle)}" '
            f'fill="none" stroke={quoteattr(colour)} stroke-width="1"/>'
        )
        markers.append(
            _marker(
                label.milestone,
                label.marker_x,
                band_middle,
                6.5,
                fill=colour,
                stroke=palette.background,
                kind="marker",
            )
        )
        top = chip_y - _CHIP_HEIGHT / 2
        chips.append(
            f'<g class="label label-{label.milestone.value}">'
            f'<rect x="{_num(label.left)}" y="{_num(top)}" width="{_num(label.width)}" '
            f'height="{_num(_CHIP_HEIGHT)}" rx="3" fill={quoteattr(palette.background)} '
            f"stroke={quoteattr(colour)}/>"
            + _marker(
                label.milestone, label.left + 10, chip_y, 4, fill=colour, stroke=colour, kind="icon"
            )
            + _text(label.left + 19, chip_y + 4, label.text, fill=palette.text, size=_CHIP_FONT)
            + "</g>"
        )
    return leaders + markers + chips


def _legend(
    scale: _Scale, hidden: int, palette: StripPalette, width: int, height: int
) -> list[str]:
    """The phase colours on the left; on the right that times are UTC, the dates, and how
    many events after the resolution are left out."""
    baseline = height - 9.0
    parts: list[str] = []
    x = _MARGIN
    for name, _first, _second in PHASES:
        parts.append(
            f'<rect class="legend-swatch" x="{_num(x)}" y="{_num(baseline - 9)}" width="10" '
            f'height="10" fill={quoteattr(getattr(palette, name))} '
            f'stroke={quoteattr(palette.axis)} stroke-width="0.5"/>'
        )
        parts.append(
            _text(x + 14, baseline, name, fill=palette.text, size=_TICK_FONT, class_="legend")
        )
        x += 14 + _text_width(name, _TICK_FONT) + 14
    first_day, last_day = f"{scale.start:%Y-%m-%d}", f"{scale.end:%Y-%m-%d}"
    note = f"UTC · {first_day}" if first_day == last_day else f"UTC · {first_day} to {last_day}"
    if hidden:
        later = "1 later event" if hidden == 1 else f"{hidden} later events"
        note = f"{later} not shown · {note}"
    parts.append(
        _text(
            width - _MARGIN,
            baseline,
            note,
            fill=palette.axis,
            size=_TICK_FONT,
            text_anchor="end",
            class_="legend-note",
        )
    )
    return parts
