"""The impact panel on its own: the SLA target, the computed assessment and the ruling's reason."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.domain.model import Impact, Milestone, Postmortem, Severity, TimelineEvent
from app.domain.sla import SlaTargetError, parse_sla_target
from app.ui.timeline.impact_panel import (
    REASON_NEEDED,
    RULINGS,
    UNREADABLE_TARGET_ASSESSMENT,
    ImpactPanel,
)

REASON = "The partner's maintenance window is excluded by contract"


def _event(hour: int, minute: int, milestone: Milestone | None = None) -> TimelineEvent:
    return TimelineEvent(
        id=f"e{hour:02d}{minute:02d}",
        at=datetime(2026, 11, 3, hour, minute, tzinfo=UTC),
        description=f"event at {hour:02d}:{minute:02d}",
        milestone=milestone,
    )


def _postmortem(sla_target: str = "max outage 30 min", **impact: object) -> Postmortem:
    """Onset 14:04, resolution 15:00: a 56-minute outage, over a 30-minute target."""
    return Postmortem(
        title="Checkout latency",
        severity=Severity.SEV2,
        id=1,
        sla_target=sla_target,
        timeline=(_event(14, 4, Milestone.ONSET), _event(15, 0, Milestone.RESOLUTION)),
        impact=Impact(**impact),  # type: ignore[arg-type]
    )


@pytest.fixture
def panel(qtbot) -> ImpactPanel:
    widget = ImpactPanel()
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.show()
    widget.show_postmortem(_postmortem())
    return widget


def _choose_ruling(panel: ImpactPanel, ruling: bool | None) -> None:
    """Pick a ruling as the combo's popup does: set the item, then report it as activated."""
    index = next(index for index, (value, _text) in enumerate(RULINGS) if value is ruling)
    panel.ruling.setFocus()
    panel.ruling.setCurrentIndex(index)
    panel.ruling.activated.emit(index)


def test_the_assessment_explains_the_computation(panel) -> None:
    assert panel.assessment.text().startswith("Breached: 56 min outage exceeds the 30 min")
    assert panel.ruling.currentText() == "Follow the computation"


def test_a_ruling_against_the_computation_needs_a_reason(panel, qtbot) -> None:
    with qtbot.assertNotEmitted(panel.impact_requested), qtbot.waitSignal(panel.refused) as refusal:
        _choose_ruling(panel, False)
    assert refusal.args == [REASON_NEEDED]
    assert panel.ruling.currentText() == "Follow the computation"  # nothing changed on screen
    assert panel.editors["sla_override_reason"].input_widget.hasFocus()  # where to type it


def test_a_typed_reason_goes_with_the_ruling_as_one_edit(panel, qtbot) -> None:
    reason = panel.editors["sla_override_reason"].input_widget
    assert isinstance(reason, QLineEdit)
    qtbot.keyClicks(reason, REASON)  # no pause, no Enter: still waiting to be reported
    requests = []
    panel.impact_requested.connect(lambda impact, label: requests.append((impact, label)))
    _choose_ruling(panel, False)
    qtbot.wait(600)  # longer than the typing pause: the reason must not arrive on its own too
    expected = Impact(sla_breached=False, sla_override_reason=REASON)
    assert requests == [(expected, "Change SLA Ruling")]


def test_a_ruling_that_agrees_with_the_computation_needs_no_reason(panel, qtbot) -> None:
    with qtbot.waitSignal(panel.impact_requested) as request:
        _choose_ruling(panel, True)
    assert request.args == [Impact(sla_breached=True), "Change SLA Ruling"]


def test_without_a_computation_any_ruling_is_accepted(qtbot, panel) -> None:
    panel.show_postmortem(_postmortem(sla_target=""))
    assert panel.assessment.text() == "Cannot compute: no SLA target is set in stage 1."
    with qtbot.waitSignal(panel.impact_requested) as request:
        _choose_ruling(panel, False)
    assert request.args == [Impact(sla_breached=False), "Change SLA Ruling"]


def test_the_reason_of_an_overriding_ruling_cannot_be_cleared(qtbot, panel) -> None:
    panel.show_postmortem(_postmortem(sla_breached=False, sla_override_reason=REASON))
    reason = panel.editors["sla_override_reason"].input_widget
    assert isinstance(reason, QLineEdit)
    reason.setFocus()
    reason.selectAll()
    qtbot.keyClick(reason, Qt.Key.Key_Delete)
    with qtbot.assertNotEmitted(panel.impact_requested), qtbot.waitSignal(panel.refused):
        qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert reason.text() == REASON


def test_an_unreadable_target_shows_why_under_it(qtbot, panel) -> None:
    with pytest.raises(SlaTargetError) as error:
        parse_sla_target("sometimes")
    panel.show_postmortem(_postmortem(sla_target="sometimes"))
    assert panel.target_problem.isVisible()
    assert panel.target_problem.text() == str(error.value)
    assert panel.assessment.text() == UNREADABLE_TARGET_ASSESSMENT
    panel.show_postmortem(_postmortem())
    assert not panel.target_problem.isVisible()


def test_typing_a_target_requests_it_trimmed(qtbot, panel) -> None:
    target = panel.target_editor.input_widget
    assert isinstance(target, QLineEdit)
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, " 99.9% monthly availability ")
    with qtbot.waitSignal(panel.target_requested) as request:
        qtbot.keyClick(target, Qt.Key.Key_Return)
    assert request.args == ["99.9% monthly availability", "Change SLA Target"]


def test_showing_never_requests(qtbot, panel) -> None:
    with (
        qtbot.assertNotEmitted(panel.impact_requested),
        qtbot.assertNotEmitted(panel.target_requested),
    ):
        panel.show_postmortem(_postmortem(users_affected=12, sla_breached=True))
        panel.show_postmortem(dataclasses.replace(_postmortem(), sla_target="sometimes"))
        qtbot.wait(500)
