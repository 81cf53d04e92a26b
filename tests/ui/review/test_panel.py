"""The final review: checklist rows with a way to fix each, and blameless-language flags that can
be kept with a reason or flagged again."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from app.domain.model import Impact, Stage
from app.ui.review import panel as panel_module
from app.ui.review.panel import FAILED_MARK, PASSED_MARK, ReviewPanel
from app.ui.review.window import page_item
from tests.domain.review_samples import ready

TODAY = date(2026, 3, 10)


@pytest.fixture
def panel(qtbot):
    widget = ReviewPanel()
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    return widget


def marks(widget: ReviewPanel) -> list[str]:
    return [row.findChildren(QLabel)[0].text() for row in widget.rows]


def test_a_ready_postmortem_passes_every_check(panel) -> None:
    panel.show_postmortem(ready())
    assert len(panel.rows) == 6
    assert marks(panel) == [PASSED_MARK] * 6
    assert panel.summary.text().endswith("ready to publish.")
    assert not any(row.go.isVisibleTo(panel) for row in panel.rows)


def test_a_failing_check_says_why_and_goes_to_the_place_to_fix_it(panel, qtbot) -> None:
    pm = ready(follow_up_reviews=())
    panel.show_postmortem(pm)
    failed = [row for row in panel.rows if not row.item.passed]
    assert [row.item.key for row in failed] == ["follow_up_scheduled"]
    row = failed[0]
    assert FAILED_MARK in [label.text() for label in row.findChildren(QLabel)]
    texts = " ".join(label.text() for label in row.findChildren(QLabel))
    assert "follow-up" in texts.lower()
    assert panel.summary.text().startswith("5 of 6")
    with qtbot.waitSignal(panel.reveal_requested) as signal:
        row.go.click()
    assert signal.args[0] is Stage.FOLLOW_UP


def test_a_flag_is_listed_kept_with_a_reason_and_flagged_again(panel, monkeypatch) -> None:
    pm = ready(impact=dataclasses.replace(ready().impact, summary="It was human error."))
    panel.show_postmortem(pm)
    assert panel.flags.topLevelItemCount() >= 1
    flag = panel.current_flag()
    assert flag is not None
    assert flag.phrase.lower() == "human error"
    assert "1 flag standing" in panel.flags_heading.text()
    blameless = next(row for row in panel.rows if row.item.key == "blameless_tone")
    assert not blameless.item.passed

    requests: list[tuple[object, str]] = []
    panel.edit_requested.connect(lambda new, label: requests.append((new, label)))
    monkeypatch.setattr(panel_module, "ask_dismissal_reason", lambda _parent, _flag: None)
    panel.keep_button.click()
    assert requests == []  # cancelled: nothing asked for

    monkeypatch.setattr(
        panel_module, "ask_dismissal_reason", lambda _parent, _flag: "Quoted from the vendor"
    )
    panel.keep_button.click()
    ((kept, label),) = requests
    assert label == "Keep Flagged Wording"
    assert [d.reason for d in kept.coaching_dismissals] == ["Quoted from the vendor"]

    panel.show_postmortem(kept)
    assert panel.flags.topLevelItem(0).text(4) == "Quoted from the vendor"
    assert next(row for row in panel.rows if row.item.key == "blameless_tone").item.passed
    assert not panel.keep_button.isEnabled()
    panel.restore_button.click()
    restored, label = requests[-1]
    assert label == "Flag Wording Again"
    assert restored.coaching_dismissals == ()


def test_go_to_a_flag_names_its_stage_and_item(panel, qtbot) -> None:
    events = ready().timeline
    changed = (dataclasses.replace(events[0], description="Dana Reyes broke the deploy"),)
    panel.show_postmortem(ready(timeline=changed + events[1:]))
    index = next(
        i
        for i in range(panel.flags.topLevelItemCount())
        if "broke" in panel.flags.topLevelItem(i).text(1)
    )
    panel.flags.setCurrentItem(panel.flags.topLevelItem(index))
    with qtbot.waitSignal(panel.reveal_requested) as signal:
        panel.go_button.click()
    assert signal.args == [Stage.TIMELINE, f"timeline:{events[0].id}"]


def test_user_text_is_shown_as_plain_text(panel) -> None:
    pm = ready(impact=Impact(users_affected=None, summary="<b>bold</b> human error"))
    panel.show_postmortem(pm)
    for label in panel.findChildren(QLabel):
        assert label.textFormat().name == "PlainText"


@pytest.mark.parametrize(
    ("element", "item"),
    [
        ("timeline:e1", "e1"),
        ("cause:c1", "cause-c1"),
        ("why:w1", "why-w1"),
        ("action:a1", "a1"),
        ("observation:o1", "o1"),
        ("follow_up:r30", "r30"),
        ("field:communication.internal_summary", "internal_summary"),
        ("field:published_on", "published_on"),
        ("field:impact.summary", ""),
        ("nonsense", ""),
    ],
)
def test_review_elements_become_the_ids_pages_select(element: str, item: str) -> None:
    assert page_item(element) == item
