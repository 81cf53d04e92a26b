"""Stage 4's edits of the observations: the other lists never move, nothing empty is stored."""

from __future__ import annotations

import pytest

from app.domain.model import Observation, TimelineEvent
from app.ui.what_worked import edits
from tests.ui.what_worked.conftest import LUCKY, WELL, WRONG, sample_postmortem, utc

OBSERVATIONS = sample_postmortem().observations  # w1 (well), x1 (wrong), w2 (well), l1 (lucky)


def ids(observations) -> list[str]:
    return [item.id for item in observations]


def test_add_appends_to_its_list_with_clean_text():
    added, item = edits.add(OBSERVATIONS, LUCKY, "  Backup  pager\twas awake ")
    assert item.text == "Backup pager was awake"
    assert item.kind is LUCKY
    assert ids(edits.of_kind(added, LUCKY)) == ["l1", item.id]
    with pytest.raises(ValueError, match="empty item"):
        edits.add(OBSERVATIONS, WELL, " \t ")


def test_move_swaps_with_the_neighbour_of_the_same_kind_only():
    assert ids(edits.move(OBSERVATIONS, "w2", -1)) == ["w2", "x1", "w1", "l1"]
    assert ids(edits.move(OBSERVATIONS, "w1", 1)) == ["w2", "x1", "w1", "l1"]
    assert edits.move(OBSERVATIONS, "w1", -1) is None
    assert edits.move(OBSERVATIONS, "x1", 1) is None  # the only item of its list
    assert edits.move(OBSERVATIONS, "gone", 1) is None


def test_edit_remove_and_links():
    edited = edits.edit_text(OBSERVATIONS, "x1", "Alert took 9 minutes")
    assert edits.find(edited, "x1") == Observation(
        "x1", WRONG, "Alert took 9 minutes", ("ev1", "ev2")
    )
    with pytest.raises(ValueError, match="empty item"):
        edits.edit_text(OBSERVATIONS, "x1", "")
    assert ids(edits.remove(OBSERVATIONS, "w1")) == ["x1", "w2", "l1"]
    linked = edits.link_event(OBSERVATIONS, "w2", "ev1")
    assert edits.find(linked, "w2").event_ids == ("ev1",)
    assert edits.link_event(linked, "w2", "ev1") == linked  # once
    assert edits.find(edits.unlink_event(linked, "w2", "ev1"), "w2").event_ids == ()


def test_link_hint_shows_times_and_dates_only_when_they_differ():
    pm = sample_postmortem()
    assert edits.link_hint(pm, edits.find(pm.observations, "x1")) == "\u2022 14:02, 14:09"
    assert edits.link_hint(pm, edits.find(pm.observations, "w2")) == ""
    next_day = TimelineEvent("ev3", utc("2024-03-06 14:31"), "Rolled back")
    two_days = Observation("y", WELL, "Both", ("ev1", "ev3"))
    hint = edits.link_hint(sample_postmortem(timeline=(*pm.timeline[:2], next_day)), two_days)
    assert hint == "\u2022 03-05 14:02, 03-06 14:31"
