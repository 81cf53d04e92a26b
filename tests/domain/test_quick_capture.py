"""Quick capture: every prefix and the object it adds, times in several formats and zones, the
refusals (bad time, empty text, a milestone marked twice), completions and command ranking."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.model import (
    Cause,
    Milestone,
    ObservationKind,
    ParkingLotItem,
    Participant,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
    WhyAnswer,
    new_postmortem,
    validate,
)
from app.domain.quick_capture import (
    CapturePreview,
    apply_capture,
    complete,
    completions,
    confirmation,
    preview_capture,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
COMMANDS = (
    ("export", "Export…"),
    ("presentation", "Presentation mode"),
    ("review", "Review"),
    ("follow_ups", "Follow-ups"),
)


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def pm() -> Postmortem:
    base = new_postmortem("Checkout outage", Severity.SEV2)
    category = base.fishbone_categories[0].id
    return dataclasses.replace(
        base,
        incident_date=date(2024, 3, 5),
        participants=(Participant("Alice Chen", "SRE"), Participant("Bob Ng")),
        timeline=(
            TimelineEvent("e1", utc(2024, 3, 5, 13, 0), "deploy", milestone=Milestone.ONSET),
            TimelineEvent("e2", utc(2024, 3, 5, 14, 30), "rollback"),
        ),
        causes=(Cause("c1", category, "Cache stampede on deploy"),),
        whys=(WhyAnswer("w1", "Retries had no backoff"),),
    )


def preview(
    text: str, pm: Postmortem, *, zone: tzinfo = UTC, selected_why: str | None = None
) -> CapturePreview:
    return preview_capture(text, pm, zone=zone, selected_why=selected_why, commands=COMMANDS)


# -- timeline events ------------------------------------------------------------------------------


def test_a_time_adds_a_timeline_event_in_time_order(pm: Postmortem) -> None:
    shown = preview("14:02 db failover started", pm)
    assert shown.kind == "timeline_event"
    assert shown.problem == ""
    assert shown.summary == "Add a timeline event at 14:02 UTC: db failover started"
    assert (shown.at, shown.text, shown.milestone) == (
        utc(2024, 3, 5, 14, 2),
        "db failover started",
        None,
    )

    changed, label = apply_capture(shown, pm)
    assert label == "Add Timeline Event"
    assert [event.description for event in changed.timeline] == [
        "deploy",
        "db failover started",
        "rollback",
    ]
    validate(changed)


@pytest.mark.parametrize(
    ("typed", "zone", "at", "entered_as"),
    [
        ("14:02 x", UTC, utc(2024, 3, 5, 14, 2), ""),
        ("2:02 pm x", UTC, utc(2024, 3, 5, 14, 2), ""),
        ("2:02 p.m. - x", UTC, utc(2024, 3, 5, 14, 2), ""),
        ("14:02:59 x", UTC, utc(2024, 3, 5, 14, 2), ""),
        ("14:02: x", UTC, utc(2024, 3, 5, 14, 2), ""),
        ("14:02 x", BERLIN, utc(2024, 3, 5, 13, 2), "14:02 (Europe/Berlin)"),
        ("14:02 x", NEW_YORK, utc(2024, 3, 5, 19, 2), "14:02 (America/New_York)"),
        ("14:02 UTC x", BERLIN, utc(2024, 3, 5, 14, 2), ""),
        ("14:02Z x", NEW_YORK, utc(2024, 3, 5, 14, 2), ""),
        ("2024-03-04 23:27 x", UTC, utc(2024, 3, 4, 23, 27), ""),
        ("2024-03-04T23:27+01:00 x", NEW_YORK, utc(2024, 3, 4, 22, 27), "2024-03-04T23:27+01:00"),
    ],
)
def test_times_in_several_formats_and_zones(
    pm: Postmortem, typed: str, zone: ZoneInfo, at: datetime, entered_as: str
) -> None:
    shown = preview(typed, pm, zone=zone)
    assert shown.kind == "timeline_event", shown.problem
    assert (shown.at, shown.entered_as, shown.text) == (at, entered_as, "x")
    changed, _ = apply_capture(shown, pm)
    validate(changed)


def test_the_summary_shows_the_entry_zone_the_utc_time_and_a_date_off_the_default(
    pm: Postmortem,
) -> None:
    local = preview("14:02 db", pm, zone=BERLIN)
    assert local.summary == "Add a timeline event at 14:02 Europe/Berlin (13:02 UTC): db"
    other_day = preview("2024-03-04 23:27 db", pm)
    assert other_day.summary == "Add a timeline event at 2024-03-04 23:27 UTC: db"


def test_without_an_incident_date_the_last_event_gives_the_date(pm: Postmortem) -> None:
    undated = dataclasses.replace(pm, incident_date=None)
    assert preview("09:15 x", undated).at == utc(2024, 3, 5, 9, 15)
    # In New York the last event (14:30 UTC) is still on the 5th.
    assert preview("09:15 x", undated, zone=NEW_YORK).at == utc(2024, 3, 5, 14, 15)


def test_without_any_date_the_time_needs_one(pm: Postmortem) -> None:
    bare = dataclasses.replace(pm, incident_date=None, timeline=())
    shown = preview("14:02 x", bare)
    assert shown.kind == "invalid"
    assert shown.attempted == "timeline_event"
    assert "needs a date" in shown.problem.lower()


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("14:61 db failover", "14:61 is not a time"),
        ("25:00 db failover", "25:00 is not a time"),
        ("13:02 pm db failover", "13:02 pm is not a time"),
        ("2024-02-30 10:00 x", "2024-02-30 is not a date"),
    ],
)
def test_a_bad_time_is_refused_with_the_reason(pm: Postmortem, typed: str, problem: str) -> None:
    shown = preview(typed, pm)
    assert shown.kind == "invalid"
    assert shown.attempted == "timeline_event"
    assert shown.problem == problem
    with pytest.raises(ValueError, match="not a"):
        apply_capture(shown, pm)


def test_a_skipped_local_time_is_refused(pm: Postmortem) -> None:
    spring = dataclasses.replace(pm, incident_date=date(2024, 3, 31))
    shown = preview("02:30 x", spring, zone=BERLIN)
    assert shown.kind == "invalid"
    assert "does not exist" in shown.problem


@pytest.mark.parametrize(
    ("typed", "milestone", "text"),
    [
        ("14:02 detected: alert fired", Milestone.DETECTION, "alert fired"),
        ("14:02 Mitigated: traffic drained", Milestone.MITIGATION, "traffic drained"),
        ("14:02 resolved: all green", Milestone.RESOLUTION, "all green"),
        ("detected: 14:02 alert fired", Milestone.DETECTION, "alert fired"),
        ("14:02 resolved the dns entry", None, "resolved the dns entry"),
        ("14:02 note: see graph", None, "note: see graph"),
    ],
)
def test_a_milestone_word_marks_the_milestone(
    pm: Postmortem, typed: str, milestone: Milestone | None, text: str
) -> None:
    shown = preview(typed, pm)
    assert (shown.kind, shown.milestone, shown.text) == ("timeline_event", milestone, text)
    if milestone is not None:
        assert f"marked as {milestone.label.lower()}" in shown.summary
    changed, _ = apply_capture(shown, pm)
    assert changed.timeline[1].milestone is milestone


def test_a_milestone_already_marked_is_a_problem(pm: Postmortem) -> None:
    shown = preview("14:02 onset: db failover", pm)
    assert shown.kind == "invalid"
    assert shown.problem.startswith("The onset is already marked at 2024-03-05 13:00")
    assert "deploy" in shown.problem
    with pytest.raises(ValueError, match="onset"):
        apply_capture(shown, pm)


def test_applying_a_stale_preview_refuses_a_milestone_marked_since(pm: Postmortem) -> None:
    shown = preview("14:02 detected: alert", pm)
    marked, _ = apply_capture(preview("14:01 detected: pager", pm), pm)
    with pytest.raises(ValueError, match="detection is already marked"):
        apply_capture(shown, marked)


def test_a_milestone_word_without_a_time_asks_for_one(pm: Postmortem) -> None:
    shown = preview("detected: alert fired", pm)
    assert (shown.kind, shown.attempted) == ("invalid", "timeline_event")
    assert "Start with the time" in shown.problem


# -- the prefixes ---------------------------------------------------------------------------------


def test_bang_adds_an_action_item(pm: Postmortem) -> None:
    shown = preview("! rollback button for deploys", pm)
    assert (shown.kind, shown.text) == ("action_item", "rollback button for deploys")
    assert shown.summary == "Add an action item: rollback button for deploys"
    changed, label = apply_capture(shown, pm)
    assert label == "Add Action Item"
    assert changed.action_items[-1].title == "rollback button for deploys"


@pytest.mark.parametrize(
    ("typed", "kind", "text", "label"),
    [
        ("+ paging worked", ObservationKind.WENT_WELL, "paging worked", "Add Went Well Item"),
        (
            "- runbook was stale",
            ObservationKind.WENT_WRONG,
            "runbook was stale",
            "Add Went Wrong Item",
        ),
        ("~ lucky: low traffic", ObservationKind.LUCKY, "low traffic", "Add Lucky Item"),
        ("~low traffic", ObservationKind.LUCKY, "low traffic", "Add Lucky Item"),
        ("+ went well: paging", ObservationKind.WENT_WELL, "paging", "Add Went Well Item"),
        # A label naming another list is kept as written, not silently moved.
        (
            "+ lucky: low traffic",
            ObservationKind.WENT_WELL,
            "lucky: low traffic",
            "Add Went Well Item",
        ),
    ],
)
def test_plus_minus_tilde_add_observations(
    pm: Postmortem, typed: str, kind: ObservationKind, text: str, label: str
) -> None:
    shown = preview(typed, pm)
    assert (shown.kind, shown.observation_kind, shown.text) == ("observation", kind, text)
    changed, undo = apply_capture(shown, pm)
    assert undo == label
    added = changed.observations[-1]
    assert (added.kind, added.text) == (kind, text)


def test_question_mark_adds_a_why_at_the_top_level(pm: Postmortem) -> None:
    shown = preview("? why did retries amplify load", pm)
    assert (shown.kind, shown.text, shown.parent_id) == (
        "why",
        "why did retries amplify load",
        None,
    )
    assert "problem statement" in shown.summary
    changed, label = apply_capture(shown, pm)
    assert label == "Add Why"
    assert [(why.text, why.parent_id) for why in changed.whys] == [
        ("Retries had no backoff", None),
        ("why did retries amplify load", None),
    ]


def test_question_mark_adds_a_why_under_the_selected_answer(pm: Postmortem) -> None:
    shown = preview("? why no backoff", pm, selected_why="w1")
    assert shown.parent_id == "w1"
    assert "under “Retries had no backoff”" in shown.summary
    changed, _ = apply_capture(shown, pm)
    assert changed.whys[-1].parent_id == "w1"
    assert changed.whys[-1].text == "why no backoff"


def test_a_selected_answer_that_is_gone_is_a_problem(pm: Postmortem) -> None:
    shown = preview("? why", pm, selected_why="gone")
    assert (shown.kind, shown.attempted) == ("invalid", "why")
    with pytest.raises(ValueError, match="no longer there"):
        apply_capture(dataclasses.replace(shown, kind="why", parent_id="gone"), pm)


def test_hash_parks_a_point_with_the_stage_and_time_it_was_raised(pm: Postmortem) -> None:
    shown = preview("# follow up on vendor SLA", pm)
    assert (shown.kind, shown.text) == ("parking_lot", "follow up on vendor SLA")
    assert shown.summary == "Park for later: follow up on vendor SLA"
    raised = utc(2024, 3, 12, 10, 41)
    changed, label = apply_capture(shown, pm, stage=Stage.ROOT_CAUSE, now=raised)
    assert label == "Park a Point"
    (point,) = changed.parking_lot
    assert point == ParkingLotItem(
        point.id, "follow up on vendor SLA", raised, raised_during=Stage.ROOT_CAUSE
    )
    assert changed.timeline == pm.timeline  # nothing else is touched
    validate(changed)


def test_a_parked_point_joins_the_end_of_the_lot_raised_now_by_default(pm: Postmortem) -> None:
    first, _ = apply_capture(preview("# vendor SLA", pm), pm, now=utc(2024, 3, 12, 10, 0))
    before = datetime.now(UTC)
    second, _ = apply_capture(preview("# pager rota", first), first)
    after = datetime.now(UTC)
    assert [point.text for point in second.parking_lot] == ["vendor SLA", "pager rota"]
    latest = second.parking_lot[-1]
    assert latest.raised_during is None
    assert latest.raised_at.tzinfo is UTC
    assert before <= latest.raised_at <= after
    assert len({point.id for point in second.parking_lot}) == 2


@pytest.mark.parametrize(
    ("typed", "attempted"),
    [
        ("!", "action_item"),
        ("+  ", "observation"),
        ("-", "observation"),
        ("~ lucky:", "observation"),
        ("?", "why"),
        ("#   ", "parking_lot"),
        ("14:02", "timeline_event"),
        ("14:02 detected:", "timeline_event"),
    ],
)
def test_an_empty_text_after_the_prefix_is_refused(
    pm: Postmortem, typed: str, attempted: str
) -> None:
    shown = preview(typed, pm)
    assert (shown.kind, shown.attempted) == ("invalid", attempted)
    assert shown.problem.startswith("Type ")
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the preview's problem
        apply_capture(shown, pm)


def test_text_is_kept_on_one_line(pm: Postmortem) -> None:
    shown = preview("!  rollback\n button\tfor deploys  ", pm)
    assert shown.text == "rollback button for deploys"


# -- command search -------------------------------------------------------------------------------


def keys(text: str, pm: Postmortem) -> list[str]:
    shown = preview(text, pm)
    assert shown.kind == "command", shown.problem
    return [match.key for match in shown.matches]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("timeline", "stage:2"),
        ("root cause", "stage:3"),
        ("stage 3", "stage:3"),
        ("Stage 5", "stage:5"),
        ("ro ca", "stage:3"),
        ("fishbone", "stage:3"),
        ("export", "export"),
        ("exp", "export"),
        ("exprot", "export"),
        ("pres", "presentation"),
        ("presentation", "presentation"),
        ("review", "review"),
        ("follow-ups", "follow_ups"),
        ("follow ups", "follow_ups"),
        ("prsnt", "presentation"),
    ],
)
def test_commands_and_stages_are_found_by_name_prefix_or_fuzzily(
    pm: Postmortem, typed: str, first: str
) -> None:
    assert keys(typed, pm)[0] == first


def test_ranking_puts_exact_before_prefix_before_loose(pm: Postmortem) -> None:
    shown = preview("follow", pm)
    scores = [match.score for match in shown.matches]
    assert scores == sorted(scores, reverse=True)
    assert {"follow_ups", "stage:6"} <= {match.key for match in shown.matches}
    assert preview("stage 3", pm).matches[0].score == 1.0
    assert preview("exp", pm).matches[0].score < 1.0
    assert keys("stage 3", pm) == ["stage:3"]  # no near misses on other numbers


def test_the_summary_names_the_best_match(pm: Postmortem) -> None:
    assert preview("timeline", pm).summary == "Go to Timeline & impact"
    assert preview("export", pm).summary == "Run Export…"


def test_an_empty_line_lists_every_stage_and_command(pm: Postmortem) -> None:
    shown = preview("   ", pm)
    assert shown.kind == "command"
    assert [match.key for match in shown.matches] == [
        *(f"stage:{n}" for n in range(1, 7)),
        *(key for key, _ in COMMANDS),
    ]


@pytest.mark.parametrize("typed", ["zzzz", "1402 db failover", "...", "∑"])
def test_nothing_matching_is_a_problem(pm: Postmortem, typed: str) -> None:
    shown = preview(typed, pm)
    assert (shown.kind, shown.attempted) == ("invalid", "command")
    assert shown.problem
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the preview's problem
        apply_capture(shown, pm)


def test_a_command_preview_adds_nothing(pm: Postmortem) -> None:
    with pytest.raises(ValueError, match="adds nothing"):
        apply_capture(preview("export", pm), pm)


# -- completions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("! ask ali", ("Alice Chen",)),
        ("! ask Alice C", ("Alice Chen", "Cache stampede on deploy")),
        ("+ b", ("Bob Ng",)),
        ("- cache stam", ("Cache stampede on deploy",)),
        ("? why retr", ("Retries had no backoff",)),
        ("! ask ali ", ()),
        ("! ask Alice Chen", ()),
        ("", ()),
        ("! zed", ()),
    ],
)
def test_completions_offer_names_and_causes_for_the_last_word(
    pm: Postmortem, typed: str, offered: tuple[str, ...]
) -> None:
    assert completions(typed, pm) == offered


def test_completions_list_participants_first_and_each_text_once(pm: Postmortem) -> None:
    category = pm.fishbone_categories[0].id
    crowded = dataclasses.replace(
        pm,
        participants=(*pm.participants, Participant("Carol")),
        causes=(*pm.causes, Cause("c2", category, "carol's  script")),
        whys=(*pm.whys, WhyAnswer("w2", "Cache stampede on deploy")),
    )
    assert completions("ca", crowded) == ("Carol", "Cache stampede on deploy", "carol's script")


# -- any text -------------------------------------------------------------------------------------


@given(
    text=st.text(max_size=60)
    | st.from_regex(
        r"[!+~?#-]?\s?(\d{1,4}-\d{1,2}-\d{1,2}[ T])?\d{1,2}:\d{2}.{0,20}", fullmatch=True
    ),
    zone=st.sampled_from([UTC, BERLIN, NEW_YORK, ZoneInfo("Asia/Kolkata")]),
    selected=st.sampled_from([None, "w1", "gone"]),
)
def test_any_text_gives_a_preview_and_a_valid_postmortem_when_applied(
    text: str, zone: ZoneInfo, selected: str | None
) -> None:
    pm = _fixed_postmortem()
    shown = preview_capture(text, pm, zone=zone, selected_why=selected, commands=COMMANDS)
    assert shown.summary
    assert (shown.kind == "invalid") == bool(shown.problem)
    assert completions(text, pm) is not None
    if shown.kind in {"timeline_event", "action_item", "observation", "why", "parking_lot"}:
        changed, label = apply_capture(shown, pm, stage=Stage.TIMELINE, now=utc(2024, 3, 5, 15, 0))
        validate(changed)
        assert label.startswith("Park " if shown.kind == "parking_lot" else "Add ")
    else:
        with pytest.raises(ValueError):  # noqa: PT011 - each kind has its own message
            apply_capture(shown, pm)


def _fixed_postmortem() -> Postmortem:
    # Hypothesis runs a test many times per fixture, so the postmortem is built here instead.
    return Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        incident_date=date(2024, 3, 5),
        participants=(Participant("Alice Chen"),),
        timeline=(TimelineEvent("e1", utc(2024, 3, 5, 13, 0), "deploy", Milestone.ONSET),),
        whys=(WhyAnswer("w1", "Retries had no backoff"),),
    )


# -- no postmortem open, completing, confirming ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "noun"),
    [
        ("14:02 db failover", "a timeline event"),
        ("! rollback button", "an action item"),
        ("+ paging worked", "an observation"),
        ("? why", "a five-whys answer"),
        ("# vendor SLA", "a parking-lot point"),
    ],
)
def test_without_a_postmortem_nothing_can_be_added(typed: str, noun: str) -> None:
    shown = preview_capture(typed, None, zone=UTC, commands=COMMANDS)
    assert shown.kind == "invalid"
    assert shown.summary == f"Cannot add {noun}"
    assert shown.problem == "Open a postmortem first"
    assert completions(typed, None) == ()


def test_without_a_postmortem_stages_and_commands_are_still_found() -> None:
    shown = preview_capture("export", None, zone=UTC, commands=COMMANDS)
    assert (shown.kind, shown.matches[0].key) == ("command", "export")
    assert preview_capture("zzzz", None, zone=UTC).attempted == "command"


@pytest.mark.parametrize(
    ("typed", "candidate", "completed"),
    [
        ("! ask ali", "Alice Chen", "! ask Alice Chen "),
        ("! ask Alice C", "Alice Chen", "! ask Alice Chen "),
        ("! ask Alice C", "Cache stampede on deploy", "! ask Alice Cache stampede on deploy "),
        ("- cache  stam", "Cache stampede on deploy", "- Cache stampede on deploy "),
        ("ca", "carol's  script", "carol's script "),
    ],
)
def test_complete_replaces_the_longest_stretch_the_candidate_completes(
    typed: str, candidate: str, completed: str
) -> None:
    assert complete(typed, candidate) == completed


def test_every_offered_completion_completes_the_line(pm: Postmortem) -> None:
    for typed in ("! ask ali", "! ask Alice C", "+ b", "- cache stam", "? why retr"):
        for candidate in completions(typed, pm):
            completed = complete(typed, candidate)
            assert completed.endswith(f"{candidate} ")
            assert completions(completed, pm) == ()


def test_complete_refuses_a_candidate_that_completes_nothing() -> None:
    with pytest.raises(ValueError, match="does not complete"):
        complete("! ask bob", "Alice Chen")


@pytest.mark.parametrize(
    ("typed", "done"),
    [
        ("14:02 db failover started", "Added a timeline event at 14:02 UTC: db failover started"),
        ("! rollback button", "Added an action item: rollback button"),
        ("~ low traffic", "Added to where we got lucky: low traffic"),
        ("# vendor SLA", "Parked for later: vendor SLA"),
    ],
)
def test_the_confirmation_is_the_summary_in_the_past_tense(
    pm: Postmortem, typed: str, done: str
) -> None:
    assert confirmation(preview(typed, pm)) == done
