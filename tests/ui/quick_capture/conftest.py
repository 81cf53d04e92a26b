"""A bar over a plain host widget, with a postmortem to capture into and its signals recorded.

``Capture.store`` stands in for the window: it applies each requested change to the postmortem
and pushes it back with ``set_context``, as the window does after storing an edit.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, tzinfo

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.domain.model import (
    Cause,
    Milestone,
    Participant,
    Postmortem,
    Severity,
    Stage,
    TimelineEvent,
    WhyAnswer,
    new_postmortem,
)
from app.ui.quick_capture import QuickCaptureBar

RAISED_AT = datetime(2024, 3, 5, 15, 20, 7, tzinfo=UTC)
COMMANDS = (("export", "Export…"), ("presentation", "Presentation mode"), ("review", "Review"))


def sample_postmortem() -> Postmortem:
    base = new_postmortem("Checkout outage", Severity.SEV2)
    category = base.fishbone_categories[0].id
    return dataclasses.replace(
        base,
        incident_date=date(2024, 3, 5),
        participants=(Participant("Priya Raman", "Facilitator"), Participant("Tomás Ortega")),
        timeline=(
            TimelineEvent("e1", datetime(2024, 3, 5, 13, 0, tzinfo=UTC), "deploy", Milestone.ONSET),
        ),
        causes=(Cause("c1", category, "Cache stampede on deploy"),),
        whys=(WhyAnswer("w1", "Retries had no backoff"),),
    )


class Capture:
    """The bar, its host, a field elsewhere in the host, and what the bar emitted."""

    def __init__(self, qtbot) -> None:
        self.host = QWidget()
        qtbot.addWidget(self.host)
        # Two fields, so focus restored on purpose differs from where Qt would move it anyway.
        self.first = QLineEdit(self.host)
        self.other = QLineEdit(self.host)
        layout = QVBoxLayout(self.host)
        layout.addStretch(1)
        layout.addWidget(self.first)
        layout.addWidget(self.other)
        self.host.resize(1000, 700)
        self.host.show()
        qtbot.waitExposed(self.host)
        self.host.activateWindow()
        self.other.setFocus()
        self.bar = QuickCaptureBar(self.host, clock=lambda: RAISED_AT)
        self.bar.set_commands(COMMANDS)
        self.pm: Postmortem | None = sample_postmortem()
        self.stage = Stage.SCOPE
        self.zone: tzinfo = UTC
        self.selected_why: str | None = None
        self.requests: list[tuple[dict[str, object], str, Stage]] = []
        self.commands: list[str] = []
        self.bar.changes_requested.connect(self.store)
        self.bar.command_chosen.connect(self.commands.append)
        self.push()

    def push(self) -> None:
        self.bar.set_context(self.pm, self.stage, self.zone, self.selected_why)

    def store(self, changes: dict[str, object], label: str, stage: Stage) -> None:
        self.requests.append((changes, label, stage))
        assert self.pm is not None
        self.pm = dataclasses.replace(self.pm, **changes)
        self.push()

    def type(self, qtbot, text: str) -> None:
        """Open the bar and type ``text`` into its field, key by key."""
        self.bar.open()
        qtbot.keyClicks(self.bar.field, text)

    @property
    def shown(self) -> tuple[str, str]:
        """The preview line: its kind word (empty when hidden) and its sentence."""
        line = self.bar.preview_line
        kind = line.kind.text() if line.kind.isVisibleTo(self.bar) else ""
        return kind, line.text.text()

    @property
    def rows(self) -> list[str]:
        choices = self.bar.choices
        if not choices.isVisibleTo(self.bar):
            return []
        return [choices.item(row).text() for row in range(choices.count())]


@pytest.fixture
def capture(qtbot) -> Capture:
    return Capture(qtbot)
