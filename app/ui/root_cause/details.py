"""The details of the selected cause or answer: text, classification, evidence, action items.

The outlines are for building the tree quickly; this pane is where one item gets its weight:
is it the root cause, a contributing factor or ruled out, what evidence backs it, and which
action items address it. A root cause worded around a person is flagged as it is typed
(the reference: do not name an individual as the root cause), with a blameless rewording.
Like the outlines, it never writes: each change is ``edit_requested(postmortem, label)``.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import cause_tree
from app.domain.blame import find_blame
from app.domain.model import ActionItem, Cause, CauseClassification, Postmortem, WhyAnswer
from app.ui.debounced_text import DebouncedText
from app.ui.labels import plain_label
from app.ui.root_cause.action_links import ActionLinks
from app.ui.root_cause.evidence_editor import EvidenceEditor
from app.ui.root_cause.marks import CLASSIFICATION_ORDER, classification_icon, shape_name
from app.ui.root_cause.outline_model import ElementKind, split_element_id
from app.ui.root_cause.rows import count_phrase, finding_sentence
from app.ui.text_sizing import fit_to_lines
from app.ui.theme import Tone, set_tone

KEY_HINT = (
    "Select a cause or an answer to see its classification, evidence and action items.\n\n"
    "In the outlines: Enter adds after the selected row, Ctrl+Enter adds under it (in the "
    "five whys: asks why again), Tab and Shift+Tab indent and outdent, Ctrl+Up and Ctrl+Down "
    "reorder, Delete removes, F2 or typing edits the text."
)
_RADIO_TEXT = {
    CauseClassification.UNDECIDED: "&Undecided",
    CauseClassification.ROOT_CAUSE: "&Root cause",
    CauseClassification.CONTRIBUTING_FACTOR: "&Contributing factor",
    CauseClassification.RULED_OUT: "Ruled &out",
}
_NOUNS = {ElementKind.CAUSE: "Cause", ElementKind.WHY: "Why"}


def _label(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    return plain_label(text, parent, wrap=True, bold=bold)


class CauseDetails(QWidget):
    """Details of one fishbone cause or five-whys answer (or a category's summary).

    ``CauseDetails(parent=None)``; signals ``edit_requested(postmortem, label)``,
    ``message(text)``, ``timeline_event_requested(event_id)`` (a linked event was opened);
    methods ``show_postmortem(pm)`` (emits nothing) and ``show_element(element_id or None)``.
    """

    edit_requested = Signal(object, str)
    message = Signal(str)
    timeline_event_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("causeDetails")
        self.setAccessibleName("Cause details")
        self._stored: Postmortem | None = None
        self._element: str | None = None
        self._shown: tuple[str, str] | None = None  # (element id, stored text) in the text field
        self._updating = False
        self.pages = QStackedWidget(self)
        self.hint = _label(KEY_HINT, self)
        self.hint.setObjectName("causeDetailsHint")
        self.hint.setAccessibleName("Cause details: nothing selected")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(self.hint)
        self.pages.addWidget(self._build_category_page())
        self.pages.addWidget(self._build_item_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: the classification shapes are drawn again in its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for classification, radio in self.radios.items():
                radio.setIcon(classification_icon(classification))

    def _build_category_page(self) -> QWidget:
        page = QWidget(self)
        self.category_name = _label("", page, bold=True)
        self.category_name.setAccessibleName("Category")
        self.category_count = _label("", page)
        self.category_count.setAccessibleName("Causes in the category")
        layout = QVBoxLayout(page)
        layout.addWidget(self.category_name)
        layout.addWidget(self.category_count)
        layout.addWidget(_label("F2 in the outline renames it; Ctrl+Enter adds a cause.", page))
        layout.addStretch(1)
        return page

    def _build_item_page(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus, not the frame
        scroll.setAccessibleName("Details of the selected item")
        page = QWidget(scroll)
        self.heading = _label("", page, bold=True)
        self.heading.setAccessibleName("Selected item")
        self.text = QPlainTextEdit(page)
        self.text.setObjectName("causeText")
        self.text.setAccessibleName("Text")
        self.text.setTabChangesFocus(True)
        fit_to_lines(self.text, 3, max_lines=6)
        self._text = DebouncedText(self.text)
        self._text.committed.connect(self._on_text)
        self.text.textChanged.connect(self._update_blame)
        text_label = _label("&Text", page)
        text_label.setBuddy(self.text)
        self.blame = _label("", page)
        self.blame.setObjectName("blameFindings")
        self.blame.setAccessibleName("Blameless check")
        set_tone(self.blame, Tone.WARNING)
        self.blame.hide()
        # Made in reading order, which is the order Tab follows.
        classification = self._build_classification(page)
        self.evidence = EvidenceEditor(page)
        self.evidence.changed.connect(self._on_evidence)
        self.evidence.message.connect(self.message)
        self.evidence.event_requested.connect(self.timeline_event_requested)
        evidence_label = _label("E&vidence", page)
        evidence_label.setBuddy(self.evidence.list)
        self.addressed_by = ActionLinks(page)
        self.addressed_by.changed.connect(self._on_actions)
        actions_label = _label("&Addressed by", page)
        actions_label.setBuddy(self.addressed_by.list)
        layout = QVBoxLayout(page)
        widgets: list[QWidget] = [self.heading, text_label, self.text, self.blame]
        widgets.append(classification)
        widgets += [evidence_label, self.evidence, actions_label, self.addressed_by]
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll.setWidget(page)
        return scroll

    def _build_classification(self, page: QWidget) -> QGroupBox:
        box = QGroupBox("Classification", page)
        box.setAccessibleName("Classification")
        self.classification = QButtonGroup(box)
        self.radios: dict[CauseClassification, QRadioButton] = {}
        grid = QGridLayout(box)
        for number, classification in enumerate(CLASSIFICATION_ORDER):
            radio = QRadioButton(_RADIO_TEXT[classification], box)
            radio.setIcon(classification_icon(classification))
            radio.setAccessibleName(classification.label)
            radio.setToolTip(f"{classification.label}: marked by a {shape_name(classification)}")
            radio.toggled.connect(
                lambda on, c=classification: self._on_classification(c) if on else None
            )
            self.classification.addButton(radio)
            self.radios[classification] = radio
            grid.addWidget(radio, number // 2, number % 2)  # two columns: fits a narrow pane
        grid.setColumnStretch(2, 1)
        return box

    # -- showing -------------------------------------------------------------------------
    @property
    def element_id(self) -> str | None:
        """The element shown (it may not exist yet: a new row still being typed)."""
        return self._element

    def show_postmortem(self, postmortem: Postmortem) -> None:
        """Show the stored ``postmortem``; emits nothing."""
        if self._stored is not None and self._stored.id != postmortem.id:
            self._shown = None
        self._stored = postmortem
        self._refresh()

    def show_element(self, element_id: str | None) -> None:
        """Show ``element_id`` ("cause-…", "why-…", "category-…") or the key hint for None."""
        if element_id == self._element:
            return
        if self._text.pending:
            self._text.finish()  # what was typed belongs to the item it was typed for
        self._element = element_id
        self._refresh()

    def _item(self) -> tuple[ElementKind, Cause | WhyAnswer] | None:
        parsed = split_element_id(self._element or "")
        if parsed is None or self._stored is None:
            return None
        kind, item_id = parsed
        pool: tuple[Cause | WhyAnswer, ...] = ()
        if kind is ElementKind.CAUSE:
            pool = self._stored.causes
        elif kind is ElementKind.WHY:
            pool = self._stored.whys
        found = next((item for item in pool if item.id == item_id), None)
        return None if found is None else (kind, found)

    def _refresh(self) -> None:
        pm = self._stored
        parsed = split_element_id(self._element or "")
        if pm is not None and parsed is not None and parsed[0] is ElementKind.CATEGORY:
            category = next((c for c in pm.fishbone_categories if c.id == parsed[1]), None)
            if category is not None:
                count = sum(1 for cause in pm.causes if cause.category_id == category.id)
                self.category_name.setText(category.name or "Unnamed category")
                self.category_count.setText(count_phrase(count, "cause"))
                self.pages.setCurrentIndex(1)
                return
        found = self._item()
        if pm is None or found is None:
            self._shown = None
            new = parsed is not None and pm is not None
            self.hint.setText(
                "A new row: type its text in the outline and press Enter to keep it."
                if new
                else KEY_HINT
            )
            self.pages.setCurrentIndex(0)
            return
        kind, item = found
        self.heading.setText(self._heading(pm, kind, item))
        element = kind.element_id(item.id)
        previous = self._shown[1] if self._shown and self._shown[0] == element else None
        self._text.sync(previous, item.text, lambda shown, stored: shown.strip() == stored)
        self._shown = (element, item.text)
        self._updating = True
        try:
            self.radios[item.classification].setChecked(True)
        finally:
            self._updating = False
        self.evidence.show_entries(pm, item.evidence)
        self.addressed_by.show_actions(pm, item.id)
        self._update_blame()
        self.pages.setCurrentIndex(2)

    @staticmethod
    def _heading(pm: Postmortem, kind: ElementKind, item: Cause | WhyAnswer) -> str:
        if isinstance(item, Cause):
            category = next(
                (c.name for c in pm.fishbone_categories if c.id == item.category_id), ""
            )
            noun = "Cause" if item.parent_id is None else "Sub-cause"
            return f"{noun} in {category}" if category else noun
        parents = {why.id: why.parent_id for why in pm.whys}
        depth, parent = 1, item.parent_id
        while parent is not None:
            depth, parent = depth + 1, parents.get(parent)
        return f"Answer to why {depth}" if kind is ElementKind.WHY else ""

    def blame_text(self) -> str:
        """The blame findings shown, or empty when they are hidden."""
        return "" if self.blame.isHidden() else self.blame.text()

    def _update_blame(self) -> None:
        found = self._item()
        root = self.radios[CauseClassification.ROOT_CAUSE].isChecked()
        if found is None or self._stored is None or not root:
            self.blame.hide()
            return
        findings = find_blame(self.text.toPlainText(), self._stored.participants)
        if not findings:
            self.blame.hide()
            return
        lines = ["A root cause names what failed, not who: this wording may blame a person."]
        lines.extend(f"• {finding_sentence(finding)}" for finding in findings)
        self.blame.setText("\n".join(lines))
        self.blame.show()

    # -- edits ---------------------------------------------------------------------------
    def _update(self, **changes: object) -> Postmortem | None:
        found = self._item()
        if found is None or self._stored is None:
            return None
        kind, item = found
        update = cause_tree.update_cause if kind is ElementKind.CAUSE else cause_tree.update_why
        return update(self._stored, item.id, **changes)

    def _noun(self) -> str:
        found = self._item()
        return "" if found is None else _NOUNS[found[0]]

    def _on_text(self, text: str, _finished: bool) -> None:
        found = self._item()
        text = text.strip()
        if found is None or not text or text == found[1].text:
            return
        postmortem = self._update(text=text)
        if postmortem is not None:
            self.edit_requested.emit(postmortem, f"Edit {self._noun()}")

    def _flush_text(self) -> None:
        """Request typed text still waiting for its pause, before another edit of the item."""
        if self._text.pending:
            self._text.finish()

    def _on_classification(self, classification: CauseClassification) -> None:
        if self._updating:
            return
        self._flush_text()
        found = self._item()
        if found is None or found[1].classification is classification:
            return
        postmortem = self._update(classification=classification)
        if postmortem is not None:
            label = f"Classify {self._noun()} as {classification.label.title()}"
            self.edit_requested.emit(postmortem, label)
        if self._item() == found:  # not stored: show the stored choice again
            self._updating = True
            self.radios[found[1].classification].setChecked(True)
            self._updating = False
        self._update_blame()

    def _on_evidence(self, entries: tuple[str, ...], label: str) -> None:
        self._flush_text()
        postmortem = self._update(evidence=entries)
        if postmortem is not None:
            self.edit_requested.emit(postmortem, label)

    def _on_actions(self, items: tuple[ActionItem, ...], label: str) -> None:
        self._flush_text()
        if self._stored is not None:
            self.edit_requested.emit(dataclasses.replace(self._stored, action_items=items), label)
