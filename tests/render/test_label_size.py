"""Label sizes are measured by Graphviz once and then remembered."""

from __future__ import annotations

from app.render.dot_text import dot_label
from app.render.label_size import LabelMeasurer

ATTRIBUTES = 'shape=box fontname="DejaVu Sans" fontsize=11'


def test_known_labels_are_not_measured_again_and_longer_text_is_wider() -> None:
    measurer = LabelMeasurer()
    short, long = dot_label("Pool", 28), dot_label("Connection pool sized for last year", 28)
    first = measurer.measure([(short, ATTRIBUTES), (long, ATTRIBUTES)])
    assert measurer.runs == 1
    assert first[1][0] > first[0][0]
    assert measurer.measure([(long, ATTRIBUTES), (short, ATTRIBUTES)]) == first[::-1]
    assert measurer.runs == 1  # both came from the cache
    measurer.measure([(dot_label("Pool, resized", 28), ATTRIBUTES)])
    assert measurer.runs == 2
