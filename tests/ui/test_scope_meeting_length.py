"""Stage 1 says how long this postmortem's meeting takes: its own agenda once edited."""

from __future__ import annotations

import dataclasses

from app.domain.model import Postmortem, Severity, Stage, Template
from app.ui.scope_page import ScopeStagePage


def explanations(page: ScopeStagePage) -> dict[Template, str]:
    return {template: label.text() for template, label in page.form.template_explanations.items()}


def test_the_meeting_length_follows_the_postmortems_agenda(qtbot):
    page = ScopeStagePage()
    qtbot.addWidget(page)
    pm = Postmortem(id=3, title="Cache outage", severity=Severity.SEV2, template=Template.FULL)
    page.show_postmortem(pm)
    assert explanations(page)[Template.FULL].endswith("About 60 minutes.")

    page.show_postmortem(dataclasses.replace(pm, agenda=dict.fromkeys(Stage, 7)))
    shown = explanations(page)
    assert shown[Template.FULL].endswith("About 42 minutes.")
    assert shown[Template.LIGHTWEIGHT].endswith("About 30 minutes.")  # its template default


def test_without_a_template_the_severitys_template_gets_the_agenda(qtbot):
    page = ScopeStagePage()
    qtbot.addWidget(page)
    agenda = {Stage.SCOPE: 10, Stage.TIMELINE: 10}
    page.show_postmortem(
        Postmortem(id=4, title="Slow emails", severity=Severity.SEV4, agenda=agenda)
    )
    shown = explanations(page)
    assert shown[Template.LIGHTWEIGHT].endswith("About 20 minutes.")
    assert shown[Template.FULL].endswith("About 60 minutes.")
