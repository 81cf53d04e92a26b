"""The blameless invitation to the postmortem meeting, generated from the scope fields.

The reference asks for blameless framing in the invite: the text says why we meet, that we look at
systems rather than individuals, and walks through the postmortem's own agenda with its timeboxes
(the template's default agenda until the facilitator edits it). The facilitator may edit the text;
an edited invitation is stored, an untouched one follows the fields and the agenda.
"""

from __future__ import annotations

from app.domain.meeting import agenda_for
from app.domain.model import Postmortem, Stage, Template

BLAMELESS_FRAMING = (
    "This is a blameless review. We assume everyone acted in good faith, with the information "
    "and tools they had at the time. We are here to understand how our systems and processes "
    "made this incident possible and how we can make it less likely, quicker to detect and "
    "easier to recover from; not to find someone at fault. Please come ready to share what you "
    "saw and did, including the parts that did not go to plan: that honesty is what makes the "
    "review worth having."
)


def generated_invitation(pm: Postmortem) -> str:
    """The invitation text for ``pm`` as the scope fields and its agenda stand now."""
    template = pm.template or Template.for_severity(pm.severity)
    # A stage without minutes is one the meeting timer skips, so the invitation leaves it out.
    agenda = {stage: minutes for stage, minutes in agenda_for(pm).items() if minutes > 0}
    total = sum(agenda.values())
    reference = f" ({pm.incident_ref})" if pm.incident_ref.strip() else ""
    when = f" on {pm.incident_date.isoformat()}" if pm.incident_date else ""
    # An agenda edited down to nothing has no length to announce; the stages are still the plan.
    purpose = (
        f"We will spend {total} minutes building a shared picture of what happened and agreeing "
        "owned, dated actions."
        if total
        else "We will build a shared picture of what happened and agree owned, dated actions."
    )
    length = f", {total} minutes" if total else ""
    lines = [
        f"Subject: Blameless postmortem: {pm.title}{reference}",
        "",
        f"Hello {_greeting(pm)},",
        "",
        f"You are invited to the postmortem of the {pm.severity.value} incident "
        f'"{pm.title}"{reference}{when}. {purpose}',
        "",
        BLAMELESS_FRAMING,
        "",
        f"Agenda ({template.label.lower()} review{length}):",
    ]
    if agenda:
        lines += [f"  {stage.value}. {stage.label} ({agenda[stage]} min)" for stage in agenda]
    else:
        lines += [f"  {stage.value}. {stage.label}" for stage in Stage]
    lines += ["", *_audience_lines(pm), "Thank you for taking part."]
    return "\n".join(lines)


def effective_invitation(pm: Postmortem) -> str:
    """The edited invitation if the facilitator changed it, otherwise the generated one."""
    return pm.invitation if pm.invitation.strip() else generated_invitation(pm)


def _greeting(pm: Postmortem) -> str:
    names = [
        participant.name.strip() for participant in pm.participants if participant.name.strip()
    ]
    if not names:
        return "everyone"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _audience_lines(pm: Postmortem) -> list[str]:
    lines = []
    if pm.audiences:
        readers = ", ".join(audience.label.lower() for audience in pm.audiences)
        lines.append(f"The write-up will be shared with: {readers}.")
    if pm.document_owner.strip():
        lines.append(f"{pm.document_owner.strip()} owns the final document.")
    return [*lines, ""] if lines else []
