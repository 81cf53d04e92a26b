from __future__ import annotations

import dataclasses

from app.domain.guidance import default_agenda, stage_guidance
from app.domain.invitation import effective_invitation, generated_invitation
from app.domain.model import Audience, Participant, Postmortem, Severity, Stage, Template


def scoped() -> Postmortem:
    return Postmortem(
        title="Checkout outage",
        severity=Severity.SEV2,
        incident_ref="INC-42",
        template=Template.FULL,
        document_owner="Ana",
        participants=(Participant("Ana", "SRE"), Participant("Bo", "Support"), Participant("Cy")),
        audiences=(Audience.ENGINEERING, Audience.CUSTOMER_SUPPORT),
    )


def test_invitation_names_people_reason_framing_and_agenda() -> None:
    text = generated_invitation(scoped())
    assert text.startswith("Subject: Blameless postmortem: Checkout outage (INC-42)")
    assert "Hello Ana, Bo and Cy," in text
    assert "blameless review" in text
    assert "not to find someone at fault" in text
    for stage in Stage:
        assert f"{stage.value}. {stage.label}" in text
    assert "Agenda (full review, 60 minutes):" in text
    assert "shared with: engineering, customer support." in text
    assert "Ana owns the final document." in text


def test_invitation_follows_the_template_and_an_empty_room() -> None:
    light = dataclasses.replace(scoped(), template=Template.LIGHTWEIGHT, participants=())
    text = generated_invitation(light)
    assert "Agenda (lightweight review, 30 minutes):" in text
    assert "Hello everyone," in text


def test_the_invitation_follows_the_postmortems_own_agenda() -> None:
    agenda = {Stage.ROOT_CAUSE: 45, Stage.SCOPE: 10, Stage.TIMELINE: 20, Stage.WHAT_WORKED: 0}
    text = generated_invitation(dataclasses.replace(scoped(), agenda=agenda))
    assert "We will spend 75 minutes building" in text
    assert "Agenda (full review, 75 minutes):" in text
    listed = [line for line in text.splitlines() if line.startswith("  ")]
    # Meeting order, and a stage without minutes (the timer skips it) is not announced.
    assert listed == [
        "  1. Scope & audience (10 min)",
        "  2. Timeline & impact (20 min)",
        "  3. Root cause analysis (45 min)",
    ]
    assert "60 minutes" not in text


def test_an_agenda_without_minutes_announces_no_length() -> None:
    text = generated_invitation(dataclasses.replace(scoped(), agenda={Stage.SCOPE: 0}))
    assert "minutes" not in text
    assert "Agenda (full review):" in text
    assert "We will build a shared picture" in text
    assert [line for line in text.splitlines() if line.startswith("  ")] == [
        f"  {stage.value}. {stage.label}" for stage in Stage
    ]


def test_an_edited_invitation_wins_until_cleared() -> None:
    edited = dataclasses.replace(scoped(), invitation="Custom words")
    assert effective_invitation(edited) == "Custom words"
    assert effective_invitation(dataclasses.replace(edited, invitation="")) == generated_invitation(
        edited
    )


def test_guidance_covers_every_stage_with_the_reference_exit_conditions() -> None:
    guidance = stage_guidance()
    assert set(guidance) == set(Stage)
    assert guidance[Stage.SCOPE].exit_condition == "Template chosen; owner for the final document."
    assert "Do not name an individual" in " ".join(guidance[Stage.ROOT_CAUSE].practices)
    for entry in guidance.values():
        assert entry.goal
        assert entry.practices
        assert entry.questions


def test_default_agendas_match_the_meeting_lengths() -> None:
    assert sum(default_agenda(Template.FULL).values()) == 60
    assert default_agenda(Template.FULL)[Stage.ROOT_CAUSE] == 20
    assert sum(default_agenda(Template.LIGHTWEIGHT).values()) == 30
