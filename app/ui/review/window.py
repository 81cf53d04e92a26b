"""The final review as its own window beside the main one, and the way from a review element to
the item a stage page can select.

The review stays open while the facilitator fixes things: "Go to" shows the place in the main
window, and the review re-evaluates whenever the postmortem changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

from app.domain.model import Postmortem
from app.domain.review import parse_element
from app.render.elements import element_id
from app.ui.review.panel import ReviewPanel

# Review element kinds whose page selects items by the stage 3 diagram ids.
_DIAGRAM_KINDS = {"cause": "cause", "why": "why"}
# Stage 6 selects its fields by these names (see FollowUpPage.reveal).
_PAGE_FIELDS = {
    "communication.internal_summary": "internal_summary",
    "communication.shared_where": "shared_where",
    "communication.shared_at": "shared_at",
    "communication.external_postmortem_required": "external_postmortem_required",
    "communication.external_summary": "external_summary",
    "security_signoff": "security_signoff",
    "published_on": "published_on",
    "follow_up_reviews": "follow_up_reviews",
}


def page_item(element: str) -> str:
    """The id a stage page's ``reveal`` understands for a review element; "" when the page has
    nothing to select for it (the stage itself is the place to go)."""
    parsed = parse_element(element)
    if parsed is None:
        return ""
    kind, item = parsed
    if kind in _DIAGRAM_KINDS:
        return element_id("cause" if kind == "cause" else "why", item)
    if kind == "field":
        return _PAGE_FIELDS.get(item, "")
    return item


class ReviewWindow(QDialog):
    """A non-modal window holding the ``ReviewPanel``, kept in step with the open postmortem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.setWindowTitle("Final review")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, on=False)
        self.panel = ReviewPanel(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        # Its controls take the focus (and scroll into view); the frame is no Tab stop of its own.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName("Final review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        width = self.fontMetrics().horizontalAdvance("M") * 60
        self.resize(width, round(width * 0.9))

    def show_postmortem(self, postmortem: Postmortem) -> None:
        self.setWindowTitle(f"Final review: {postmortem.title}")
        self.panel.show_postmortem(postmortem)
