"""The internal postmortem's analysis: root cause and contributing factors with their evidence,
the fishbone and five-whys diagrams, and what worked or didn't.

Diagrams are drawn by the real Graphviz. An export must not fail because a picture could not be
drawn (Graphviz missing, too slow, or failing): the place of the picture then says so and why,
and everything else is exported as usual.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.cause_tree import causes_in_order, whys_in_order
from app.domain.evidence import describe_evidence, evidence_event_id
from app.domain.five_whys import effective_problem_statement
from app.domain.model import (
    Cause,
    CauseClassification,
    ObservationKind,
    Postmortem,
    Stage,
    WhyAnswer,
)
from app.export.document import Block, BulletList, Cell, Figure, Paragraph, Section, Table
from app.export.document_text import CLASSIFICATION_HEADINGS, link_or_text, utc_time
from app.render.diagrams import DiagramKind, render_diagram
from app.render.graphviz import DiagramError, GraphvizMissingError, GraphvizTimeoutError
from app.render.label_size import LabelMeasurer, shared_measurer

# The order a reader wants: what to fix first, then what helped it happen, then the rest.
CLASSIFICATION_ORDER = (
    CauseClassification.ROOT_CAUSE,
    CauseClassification.CONTRIBUTING_FACTOR,
    CauseClassification.UNDECIDED,
    CauseClassification.RULED_OUT,
)
FIGURE_NAMES = {DiagramKind.FISHBONE: "fishbone", DiagramKind.WHYS: "five-whys"}


def notes_block(pm: Postmortem, stage: Stage) -> tuple[Block, ...]:
    """The facilitator's notes on ``stage``, when there are any."""
    note = pm.note(stage)
    return (Paragraph(f"Notes: {note}"),) if note.strip() else ()


def root_cause_section(pm: Postmortem, measurer: LabelMeasurer | None) -> Section:
    """Stage 3: the problem, causes by classification with evidence, and both diagrams."""
    subsections = [
        _classification_section(pm, classification) for classification in CLASSIFICATION_ORDER
    ]
    found = [section for section in subsections if section is not None]
    if not any(s.key == "root_cause.root_cause" for s in found):
        found.insert(0, _nothing("root_cause.root_cause", "Root cause", "No root cause decided."))
    drawn = measurer or shared_measurer
    found.append(_diagram_section(pm, DiagramKind.FISHBONE, drawn))
    found.append(_diagram_section(pm, DiagramKind.WHYS, drawn))
    blocks: tuple[Block, ...] = (
        Paragraph(f"Problem statement: {effective_problem_statement(pm)}"),
        *notes_block(pm, Stage.ROOT_CAUSE),
    )
    return Section("root_cause", "Root cause analysis", blocks, tuple(found))


def _nothing(key: str, heading: str, text: str) -> Section:
    return Section(key, heading, (Paragraph(text, note=True),))


def _classification_section(pm: Postmortem, classification: CauseClassification) -> Section | None:
    """Every cause and five-whys answer with ``classification``, one row per evidence entry."""
    items: list[tuple[Cause | WhyAnswer, str]] = []
    categories = {category.id: category.name for category in pm.fishbone_categories}
    for cause in causes_in_order(pm):
        if cause.classification is classification:
            items.append((cause, f"Fishbone, {categories.get(cause.category_id, '')}"))
    for why in whys_in_order(pm):
        if why.classification is classification:
            items.append((why, "Five whys"))
    if not items:
        return None
    rows: list[tuple[Cell, ...]] = []
    for item, found_in in items:
        evidence = [_evidence_cell(pm, entry) for entry in item.evidence if entry.strip()]
        rows.append((item.text, found_in, evidence[0] if evidence else "No evidence recorded"))
        rows.extend(("", "", entry) for entry in evidence[1:])
    table = Table(("Cause", "Found in", "Evidence"), tuple(rows), (4.0, 1.6, 4.0))
    key = f"root_cause.{classification.value}"
    return Section(key, CLASSIFICATION_HEADINGS[classification], (table,))


def _evidence_cell(pm: Postmortem, entry: str) -> Cell:
    """A timeline reference as the event's time and text; a link as a link; a note as written."""
    if evidence_event_id(entry) is not None:
        return describe_evidence(pm, entry)
    return link_or_text(entry)


def _diagram_section(pm: Postmortem, kind: DiagramKind, measurer: LabelMeasurer) -> Section:
    key = f"root_cause.{FIGURE_NAMES[kind].replace('-', '_')}"
    heading = f"{kind.label} diagram"
    count = len(pm.causes) if kind is DiagramKind.FISHBONE else len(pm.whys)
    if not count:
        what = "fishbone causes" if kind is DiagramKind.FISHBONE else "five-whys answers"
        return _nothing(key, heading, f"No {what} recorded, so there is no diagram.")
    try:
        drawn = render_diagram(pm, kind, measurer=measurer)
    except DiagramError as error:
        return _nothing(key, heading, diagram_failure(kind, error))
    if kind is DiagramKind.FISHBONE:
        categories = len({cause.category_id for cause in pm.causes})
        alt = f"Fishbone diagram: {_count(count, 'cause')} in {_count(categories, 'category')}."
        caption = "Fishbone: causes by category, the problem at the head."
    else:
        alt = f"Five-whys tree: {_count(count, 'answer')} leading from the problem statement."
        caption = "Five whys: each answer asks why again, down to the root cause."
    figure = Figure(FIGURE_NAMES[kind], caption, drawn.content, alt)
    return Section(key, heading, (figure,))


def diagram_failure(kind: DiagramKind, error: DiagramError) -> str:
    """Why a diagram is missing from the export, in one sentence or two."""
    start = f"The {kind.label.lower()} diagram could not be drawn"
    if isinstance(error, GraphvizMissingError):
        return (
            f"{start}: Graphviz is not installed on the computer that made this export "
            f"(install it with: {error.install_command})."
        )
    if isinstance(error, GraphvizTimeoutError):
        return f"{start}: Graphviz took too long to lay it out and was stopped."
    detail = " ".join(str(error).split())
    return f"{start}. {detail}"


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def what_worked_section(pm: Postmortem) -> Section:
    """Stage 4: the observations by kind, each with the times of the events it points at."""
    times = {event.id: utc_time(event.at) for event in pm.timeline}
    subsections = []
    for kind in ObservationKind:
        items = tuple(
            _observation(observation.text, [times[i] for i in observation.event_ids if i in times])
            for observation in pm.observations
            if observation.kind is kind
        )
        blocks: tuple[Block, ...] = (
            (BulletList(items),) if items else (Paragraph("Nothing noted.", note=True),)
        )
        subsections.append(Section(f"what_worked.{kind.value}", kind.label, blocks))
    return Section(
        "what_worked",
        Stage.WHAT_WORKED.label,
        notes_block(pm, Stage.WHAT_WORKED),
        tuple(subsections),
    )


def _observation(text: str, times: Sequence[str]) -> str:
    if not times:
        return text
    return f"{text} (timeline {', '.join(times)} UTC)"
