"""The incident strip as SVG: well-formed, complete, free of user text, and deterministic."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.model import Milestone, TimelineEvent
from app.render.incident_strip import DEFAULT_PALETTE, StripPalette, incident_strip_svg

SVG = "{http://www.w3.org/2000/svg}"
ONSET = datetime(2026, 3, 1, 14, 4, tzinfo=UTC)


def event(
    event_id: str, minutes: int, milestone: Milestone | None = None, text: str = "something"
) -> TimelineEvent:
    return TimelineEvent(event_id, ONSET + timedelta(minutes=minutes), text, milestone=milestone)


def full_timeline() -> list[TimelineEvent]:
    return [
        event("first", -10),
        event("onset", 0, Milestone.ONSET),
        event("alert", 13, Milestone.DETECTION),
        event("chat", 20),
        event("failover", 48, Milestone.MITIGATION),
        event("chat2", 75),
        event("resolved", 124, Milestone.RESOLUTION),
    ]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("version") == "1.1"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    return root


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in root.iter() if name in (node.get("class") or "").split()]


def texts(root: ET.Element, name: str | None = None) -> list[str]:
    nodes = root.iter(f"{SVG}text") if name is None else with_class(root, name)
    return [node.text or "" for node in nodes]


def test_full_timeline_has_markers_labels_phases_and_ticks() -> None:
    root = parse(incident_strip_svg(full_timeline()))
    assert (root.get("width"), root.get("height")) == ("960", "140")
    shapes = {
        milestone: with_class(root, f"marker-{milestone.value}")[0].tag.removeprefix(SVG)
        for milestone in Milestone
    }
    assert shapes == {
        Milestone.ONSET: "polygon",
        Milestone.DETECTION: "polygon",
        Milestone.MITIGATION: "rect",
        Milestone.RESOLUTION: "circle",
    }
    diamond = with_class(root, "marker-detection")[0].get("points", "").split()
    triangle = with_class(root, "marker-onset")[0].get("points", "").split()
    assert (len(diamond), len(triangle)) == (4, 3)
    colours = {with_class(root, f"marker-{m.value}")[0].get("fill") for m in Milestone}
    assert len(colours) == 4
    labels = [" ".join(texts(group)) for group in with_class(root, "label")]
    assert labels == ["Onset 14:04", "Detection 14:17", "Mitigation 14:52", "Resolution 16:08"]
    phases = [node.get("class") for node in with_class(root, "phase")]
    assert phases == ["phase phase-undetected", "phase phase-impact", "phase phase-recovering"]
    assert texts(root, "legend") == ["undetected", "impact", "recovering"]
    assert len(with_class(root, "event")) == len(full_timeline())
    assert texts(root, "tick-label")[:2] == ["14:00", "14:15"]
    assert texts(root, "tick-date") == []
    assert texts(root, "legend-note") == ["UTC · 2026-03-01"]


def test_phases_are_in_time_order_and_touch_at_the_milestones() -> None:
    root = parse(incident_strip_svg(full_timeline()))
    spans = [
        (float(node.get("x", "")), float(node.get("x", "")) + float(node.get("width", "")))
        for node in with_class(root, "phase")
    ]
    assert spans == sorted(spans)
    drawn = list(root)
    track = with_class(root, "band")[0]
    # The translucent track is painted first, so it does not dull the phase colours.
    assert all(drawn.index(track) < drawn.index(phase) for phase in with_class(root, "phase"))
    assert spans[0][1] == pytest.approx(spans[1][0], abs=0.02)
    assert spans[1][1] == pytest.approx(spans[2][0], abs=0.02)


def test_axis_runs_from_first_event_to_resolution() -> None:
    timeline = [*full_timeline(), event("postmortem-scheduled", 600)]
    root = parse(incident_strip_svg(timeline))
    axis = with_class(root, "axis")[0]
    resolution = with_class(root, "marker-resolution")[0]
    assert float(resolution.get("cx", "")) == pytest.approx(float(axis.get("x2", "")))
    assert len(with_class(root, "event")) == len(full_timeline())
    assert texts(root, "legend-note") == ["1 later event not shown · UTC · 2026-03-01"]


def chip_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    boxes = []
    for group in with_class(root, "label"):
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        x, y = float(rect.get("x", "")), float(rect.get("y", ""))
        boxes.append((x, y, x + float(rect.get("width", "")), y + float(rect.get("height", ""))))
    return boxes


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    "minutes", [(0, 2, 4, 200), (0, 0, 0, 0), (0, 3, 6, 600), (0, 300, 301, 302)]
)
def test_close_milestone_labels_never_overlap_and_stay_inside(minutes: tuple[int, ...]) -> None:
    order = [Milestone.ONSET, Milestone.DETECTION, Milestone.MITIGATION, Milestone.RESOLUTION]
    timeline = [event(m.value, at, m) for m, at in zip(order, minutes, strict=True)]
    for width in (960, 480):
        boxes = chip_boxes(parse(incident_strip_svg(timeline, width=width)))
        assert len(boxes) == 4
        assert len({box[1] for box in boxes}) == 2, "close labels are staggered on two rows"
        for index, box in enumerate(boxes):
            assert box[0] >= 0
            assert box[2] <= width
            assert not any(overlaps(box, other) for other in boxes[index + 1 :])


def test_one_event() -> None:
    root = parse(incident_strip_svg([event("only", 0)]))
    assert len(with_class(root, "event")) == 1
    assert with_class(root, "phase") == []
    assert texts(root, "tick-label")  # an hour around the instant, so the axis has ticks


def test_all_events_in_the_same_minute() -> None:
    timeline = [event(m.value, 0, m) for m in Milestone]
    root = parse(incident_strip_svg(timeline))
    assert len(with_class(root, "marker")) == 4
    assert with_class(root, "phase") == []  # zero-length phases are not drawn
    assert len(with_class(root, "event")) == 1  # one tick per distinct minute


def test_a_span_of_three_days_shows_dates() -> None:
    timeline = [
        event("o", 0, Milestone.ONSET),
        event("d", 600, Milestone.DETECTION),
        event("m", 2000, Milestone.MITIGATION),
        event("r", 3 * 24 * 60, Milestone.RESOLUTION),
    ]
    root = parse(incident_strip_svg(timeline))
    assert texts(root, "tick-date") == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert texts(root, "legend-note") == ["UTC · 2026-03-01 to 2026-03-04"]
    labels = [" ".join(texts(group)) for group in with_class(root, "label")]
    assert labels[0] == "Onset 1 Mar 14:04"
    assert labels[3] == "Resolution 4 Mar 14:04"


def test_no_resolution_runs_to_the_last_event() -> None:
    timeline = [event("o", 0, Milestone.ONSET), event("d", 20, Milestone.DETECTION), event("x", 70)]
    root = parse(incident_strip_svg(timeline))
    assert [node.get("class") for node in with_class(root, "phase")] == ["phase phase-undetected"]
    assert texts(root, "tick-label")[-1] == "15:10"
    assert "not shown" not in texts(root, "legend-note")[0]


def test_out_of_order_milestones_are_drawn_without_negative_phases() -> None:
    timeline = [event("o", 30, Milestone.ONSET), event("d", 0, Milestone.DETECTION)]
    root = parse(incident_strip_svg(timeline))
    assert len(with_class(root, "marker")) == 2
    assert with_class(root, "phase") == []


def test_no_events_yet() -> None:
    root = parse(incident_strip_svg([]))
    assert texts(root) == ["No events yet"]


def test_descriptions_never_reach_the_svg() -> None:
    hostile = "<script>alert(1)</script> & ]]> Secret customer name"
    timeline = [dataclasses.replace(e, description=hostile) for e in full_timeline()]
    svg = incident_strip_svg(timeline)
    assert "Secret" not in svg
    assert "<script" not in svg
    parse(svg)


def test_palette_colours_are_used_and_quoted() -> None:
    palette = StripPalette(background="#101418", onset='red" onload="x')
    svg = incident_strip_svg(full_timeline(), palette=palette)
    root = parse(svg)
    assert root.find(f"{SVG}rect") is not None
    assert root.find(f"{SVG}rect").get("fill") == "#101418"  # type: ignore[union-attr]
    assert with_class(root, "marker-onset")[0].get("fill") == 'red" onload="x'
    assert with_class(root, "marker-onset")[0].get("onload") is None


def test_same_input_same_bytes() -> None:
    first = incident_strip_svg(full_timeline(), palette=DEFAULT_PALETTE)
    assert incident_strip_svg(list(full_timeline())) == first
    assert incident_strip_svg(full_timeline(), width=800) != first


def test_title_summarises_the_milestones_for_screen_readers() -> None:
    root = parse(incident_strip_svg(full_timeline()))
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == (
        "Incident strip: Onset 2026-03-01 14:04 UTC, Detection 2026-03-01 14:17 UTC, "
        "Mitigation 2026-03-01 14:52 UTC, Resolution 2026-03-01 16:08 UTC"
    )


def test_too_small_a_strip_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 320 by 120"):
        incident_strip_svg(full_timeline(), width=200)
