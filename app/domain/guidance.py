"""Facilitator guidance and default agendas, read from the data files under ``resources/``.

Kept as data so a team can reword a prompt or retime an agenda without touching code.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from app.domain.model import Stage, Template


@dataclass(frozen=True)
class StageGuidance:
    stage: Stage
    goal: str
    practices: tuple[str, ...]
    exit_condition: str
    questions: tuple[str, ...]


def _read_resource(name: str) -> Any:
    return json.loads(resources.files("app.resources").joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def stage_guidance() -> dict[Stage, StageGuidance]:
    """Guidance for every stage; a missing stage or key fails loudly at start, not mid-meeting."""
    entries = _read_resource("guidance.json")["stages"]
    return {stage: _guidance_for(stage, entries[stage.name.lower()]) for stage in Stage}


def _guidance_for(stage: Stage, entry: dict[str, Any]) -> StageGuidance:
    return StageGuidance(
        stage=stage,
        goal=entry["goal"],
        practices=tuple(entry["practices"]),
        exit_condition=entry["exit_condition"],
        questions=tuple(entry["questions"]),
    )


@functools.cache
def default_agenda(template: Template) -> dict[Stage, int]:
    """Minutes per stage for a meeting run with ``template``."""
    minutes = _read_resource("agendas.json")[template.value]
    return {stage: int(minutes[stage.name.lower()]) for stage in Stage}
