"""CauseDetails: classification, evidence, action-item links and the blameless check."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.domain import cause_tree
from app.domain.model import CauseClassification
from app.ui.root_cause import evidence_editor
from app.ui.root_cause.details import KEY_HINT, CauseDetails
from app.ui.root_cause.evidence_editor import TimelineEventChooser
from app.ui.root_cause.fishbone_outline import FishboneOutline
from app.ui.root_cause.outline_model import BLAME_ROLE, CLASSIFICATION_ROLE
from app.ui.root_cause.whys_outline import WhysOutline
from tests.ui.root_cause.conftest import Store, show

ROOT = CauseClassification.ROOT_CAUSE


@pytest.fixture
def details(qtbot):
    return show(qtbot, CauseDetails())


@pytest.fixture
def store(details, postmortem):
    return Store(postmortem, details)


def cause(store: Store, cause_id: str):
    return next(c for c in store.stored.causes if c.id == cause_id)


def evidence_rows(details: CauseDetails) -> list[str]:
    return [details.evidence.list.item(n).text() for n in range(details.evidence.list.count())]


def test_nothing_selected_shows_the_keys(details, store):
    assert details.pages.currentWidget() is details.hint
    assert details.hint.text() == KEY_HINT
    assert "Ctrl+Enter" in KEY_HINT
    assert details.hint.textFormat() == Qt.TextFormat.PlainText


def test_a_category_shows_its_name_and_cause_count(details, store):
    details.show_element("category-process")
    assert details.category_name.text() == "Process"
    assert details.category_count.text() == "4 causes"
    details.show_element("category-people")
    assert details.category_count.text() == "0 causes"


def test_a_row_not_stored_yet_says_so(details, store):
    details.show_element("cause-still-being-typed")
    assert details.pages.currentWidget() is details.hint
    assert details.hint.text().startswith("A new row")


def test_a_cause_shows_its_details(details, store):
    details.show_element("cause-b")
    assert details.heading.text() == "Cause in Process"
    assert details.text.toPlainText() == "Review missed TTL"
    assert details.radios[CauseClassification.UNDECIDED].isChecked()
    assert evidence_rows(details) == ["https://ci.example/4812"]
    assert details.evidence.list.item(0).font().underline()  # a link: it opens
    assert details.addressed_by.addressing() == []
    details.show_element("why-w3")
    assert details.heading.text() == "Answer to why 3"
    details.show_element("cause-a1")
    assert details.heading.text() == "Sub-cause in Process"


def test_choosing_a_classification_requests_it(details, store, qtbot):
    details.show_element("why-w2")
    qtbot.mouseClick(details.radios[ROOT], Qt.MouseButton.LeftButton)
    assert store.labels == ["Classify Why as Root Cause"]
    assert store.stored.whys[1].classification is ROOT
    details.show_element("cause-b")
    # Keyboard: the mnemonic of each choice (Alt+C: contributing factor; the page's tabs
    # take Alt+F and Alt+W).
    details.text.setFocus()
    qtbot.keyClick(details.text, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "clicks" the button after a short animation.
    qtbot.waitUntil(lambda: store.labels[-1] == "Classify Cause as Contributing Factor")
    assert details.radios[CauseClassification.CONTRIBUTING_FACTOR].hasFocus()
    assert cause(store, "b").classification is CauseClassification.CONTRIBUTING_FACTOR
    for radio in details.radios.values():
        assert radio.accessibleName()
        assert "&" in radio.text()


def test_a_refused_classification_shows_the_stored_one_again(details, postmortem, qtbot):
    details.show_postmortem(postmortem)  # no store: nothing comes back
    details.show_element("cause-b")
    requested = []
    details.edit_requested.connect(lambda pm, label: requested.append(label))
    qtbot.mouseClick(details.radios[ROOT], Qt.MouseButton.LeftButton)
    assert requested == ["Classify Cause as Root Cause"]
    assert details.radios[CauseClassification.UNDECIDED].isChecked()


def test_typed_text_is_requested_after_a_pause(details, store, qtbot):
    details.show_element("cause-c")
    details.text.setFocus()
    qtbot.keyClick(details.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(details.text, " for zero")
    qtbot.waitUntil(lambda: store.labels == ["Edit Cause"])
    assert cause(store, "c").text == "Config linter lacks TTL rule for zero"


def test_switching_items_keeps_what_was_typed_with_its_item(details, store, qtbot):
    details.show_element("why-w4")
    details.text.setFocus()
    qtbot.keyClick(details.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(details.text, " at all")
    details.show_element("why-w1")  # before the pause: the text still goes to w4
    assert store.labels == ["Edit Why"]
    assert store.stored.whys[-1].text == "Nobody noticed at all"
    assert details.text.toPlainText() == "Cache entries expired at once"


def test_blame_findings_show_for_a_root_cause_as_it_is_typed(details, store, qtbot):
    details.show_element("cause-a")  # a root cause worded without blame
    assert details.blame_text() == ""
    details.text.setFocus()
    qtbot.keyClick(details.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(details.text, " because Dana")
    shown = details.blame_text()  # live, before anything is stored
    assert store.calls == []
    assert "names Dana Reyes, a participant" in shown
    assert details.blame.textFormat() == Qt.TextFormat.PlainText
    # The same words on a contributing factor are not flagged: the rule is about root causes.
    qtbot.mouseClick(
        details.radios[CauseClassification.CONTRIBUTING_FACTOR], Qt.MouseButton.LeftButton
    )
    assert details.blame_text() == ""


def test_stored_blame_shows_when_a_root_cause_is_selected(qtbot, postmortem):
    details = show(qtbot, CauseDetails())
    pm = cause_tree.update_cause(postmortem, "c", text="Human error by Dana", classification=ROOT)
    Store(pm, details)
    details.show_element("cause-c")
    text = details.blame_text()
    assert "names Dana Reyes, a participant" in text
    assert 'says "human error"' in text.lower()


def test_evidence_notes_links_and_removal(details, store, qtbot):
    details.show_element("cause-c")
    details.evidence.entry.setFocus()
    qtbot.keyClicks(details.evidence.entry, "Linter config reviewed in INC-12")
    qtbot.keyClick(details.evidence.entry, Qt.Key.Key_Return)
    qtbot.keyClicks(details.evidence.entry, "https://grafana.example/d/ttl")
    qtbot.mouseClick(details.evidence.add_button, Qt.MouseButton.LeftButton)
    assert store.labels == ["Add Evidence", "Add Evidence"]
    assert cause(store, "c").evidence == (
        "Linter config reviewed in INC-12",
        "https://grafana.example/d/ttl",
    )
    assert details.evidence.entry.text() == ""
    details.evidence.list.setCurrentRow(0)
    assert not details.evidence.open_button.isEnabled()  # a note opens nothing
    details.evidence.list.setFocus()
    qtbot.keyClick(details.evidence.list, Qt.Key.Key_Delete)
    assert store.labels[-1] == "Remove Evidence"
    assert cause(store, "c").evidence == ("https://grafana.example/d/ttl",)


def test_a_duplicate_entry_is_refused(details, store, qtbot):
    details.show_element("cause-b")
    details.evidence.entry.setText("https://ci.example/4812")
    with qtbot.waitSignal(details.message):
        details.evidence.add_typed()
    assert store.calls == []


def test_links_open_and_timeline_events_ask_the_page(details, store, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(evidence_editor, "open_url", opened.append)
    monkeypatch.setattr(TimelineEventChooser, "ask", classmethod(lambda cls, parent, ev: "e2"))
    details.show_element("cause-b")
    details.evidence.list.setCurrentRow(0)
    details.evidence.list.setFocus()
    qtbot.keyClick(details.evidence.list, Qt.Key.Key_Return)
    assert opened == ["https://ci.example/4812"]
    qtbot.mouseClick(details.evidence.event_button, Qt.MouseButton.LeftButton)
    assert store.labels == ["Link Timeline Event"]
    assert cause(store, "b").evidence == ("https://ci.example/4812", "event:e2")
    assert evidence_rows(details)[1] == "Timeline 14:09 UTC — Latency alert fires"
    details.evidence.list.setCurrentRow(1)
    with qtbot.waitSignal(details.timeline_event_requested) as asked:
        qtbot.mouseClick(details.evidence.open_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["e2"]


def test_the_event_chooser_lists_unlinked_events_and_filters(qtbot, postmortem, monkeypatch):
    offered = []

    def ask(cls, parent, events):
        offered.append([event.id for event in events])

    monkeypatch.setattr(TimelineEventChooser, "ask", classmethod(ask))
    details = show(qtbot, CauseDetails())
    Store(cause_tree.update_cause(postmortem, "c", evidence=("event:e1",)), details)
    details.show_element("cause-c")
    details.evidence.link_event()
    assert offered == [["e2"]]
    chooser = TimelineEventChooser(postmortem.timeline)
    qtbot.addWidget(chooser)
    assert chooser.chosen() == "e1"
    assert chooser.list.item(0).text() == "2024-01-15 14:02 UTC  Deploy 4812 starts"
    qtbot.keyClicks(chooser.filter, "alert")
    assert chooser.chosen() == "e2"
    chooser.filter.setText("nothing like it")
    assert chooser.chosen() is None


def test_without_timeline_events_the_button_says_why(qtbot, postmortem):
    details = show(qtbot, CauseDetails())
    Store(dataclasses.replace(postmortem, timeline=()), details)
    details.show_element("cause-b")
    assert not details.evidence.event_button.isEnabled()
    assert "no events" in details.evidence.event_button.toolTip()


def test_addressed_by_links_and_unlinks_action_items(details, store, qtbot):
    details.show_element("cause-a")
    assert details.addressed_by.addressing() == ["Canary every config deploy"]
    rows = details.addressed_by.list
    assert rows.item(0).text() == "Add a TTL rule to the config linter (Platform)"
    rows.item(0).setCheckState(Qt.CheckState.Checked)
    assert store.labels == ["Link Action Item"]
    assert store.stored.action_items[0].cause_ids == ("a",)
    rows.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert store.labels[-1] == "Unlink Action Item"
    assert store.stored.action_items[1].cause_ids == ()
    assert details.addressed_by.addressing() == ["Add a TTL rule to the config linter"]


def test_no_action_items_says_where_they_come_from(qtbot, postmortem):
    details = show(qtbot, CauseDetails())
    Store(dataclasses.replace(postmortem, action_items=()), details)
    details.show_element("why-w1")
    assert details.addressed_by.empty.isVisible()
    assert not details.addressed_by.list.isVisible()


def test_showing_the_store_emits_nothing_and_keeps_the_typing(details, store, qtbot):
    details.show_element("cause-c")
    details.text.setFocus()
    qtbot.keyClick(details.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(details.text, "!")
    with qtbot.assertNotEmitted(details.edit_requested):
        details.show_postmortem(dataclasses.replace(store.stored, title="Elsewhere"))
    assert details.text.toPlainText() == "Config linter lacks TTL rule!"


def test_every_control_has_an_accessible_name(details, store):
    details.show_element("cause-b")
    for widget in details.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(details):
            assert widget.accessibleName(), type(widget).__name__
    assert QApplication.instance() is not None


def test_outline_and_details_work_together(qtbot, postmortem):
    outline = show(qtbot, FishboneOutline())
    details = show(qtbot, CauseDetails())
    store = Store(postmortem, outline, details)
    outline.selection_changed.connect(details.show_element)
    outline.select_element("cause-c")
    qtbot.waitUntil(lambda: details.element_id == "cause-c")
    details.text.selectAll()
    details.text.setFocus()
    qtbot.keyClicks(details.text, "Dana skipped the linter")
    qtbot.mouseClick(details.radios[ROOT], Qt.MouseButton.LeftButton)  # commits the text too
    assert store.labels == ["Edit Cause", "Classify Cause as Root Cause"]
    index = outline.model.index_of("cause-c")
    assert index.data(CLASSIFICATION_ROLE) is ROOT
    assert index.data(BLAME_ROLE)
    assert "names Dana Reyes" in details.blame_text()
    assert outline.current_element() == "cause-c"


def test_mnemonics_are_unique_beside_the_five_whys(qtbot, postmortem):
    tab = QWidget()
    details, outline = CauseDetails(tab), WhysOutline(tab)
    show(qtbot, tab)
    Store(postmortem, details, outline)
    details.show_element("why-w1")
    texts = [w.text() for w in tab.findChildren(QAbstractButton)]
    texts += [w.text() for w in tab.findChildren(QLabel) if w.buddy() is not None]
    letters = [m.lower() for text in texts for m in re.findall(r"&([^&])", text)]
    assert len(letters) >= 9
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not {"f", "w", "n"} & set(letters)  # the stage page's tabs: Fishbone, Five whys, Notes
