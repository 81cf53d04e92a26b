"""The stage sidebar: each stage's state, told by shape as well as colour, reasons on hover."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage

from app.domain.model import Postmortem, Severity, Stage, Template
from app.domain.stages import StageProgress, StageState
from app.ui.icons import draw_stage_progress
from app.ui.sidebar import StageSidebar


def _grey_bytes(progress: StageProgress) -> bytes:
    pixmap = draw_stage_progress(progress, 32, QColor("black"), QColor("#1e88e5"))
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return bytes(image.constBits())


def test_state_icons_differ_even_in_greyscale(qapp) -> None:
    pictures = {progress: _grey_bytes(progress) for progress in StageProgress}
    assert len(set(pictures.values())) == len(StageProgress)


def test_fresh_postmortem_has_no_stage_started_and_says_what_stage_one_needs(main_window) -> None:
    window = main_window([Postmortem(title="Fresh", severity=Severity.SEV3)])
    window.open_postmortem(window.library.postmortem_ids()[0])
    sidebar = window.stage_area.sidebar

    assert [sidebar.progress(stage) for stage in Stage] == [StageProgress.NOT_STARTED] * 6
    scope = sidebar.item(0)
    assert scope.text() == "1  Scope & audience"
    assert "Template chosen; owner for the final document." in scope.toolTip()
    assert "Choose a template: full or lightweight." in scope.toolTip()
    assert "Name the owner of the final document." in scope.toolTip()
    description = scope.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "not started" in description


def test_stage_one_exit_met_shows_check_and_met_tooltip(main_window) -> None:
    done = Postmortem(
        title="Scoped", severity=Severity.SEV2, template=Template.FULL, document_owner="Priya"
    )
    window = main_window([done])
    window.open_postmortem(window.library.postmortem_ids()[0])
    sidebar = window.stage_area.sidebar

    assert sidebar.progress(Stage.SCOPE) is StageProgress.EXIT_MET
    assert sidebar.progress(Stage.TIMELINE) is StageProgress.NOT_STARTED
    assert "Exit condition met" in sidebar.item(0).toolTip()
    assert "Choose a template" not in sidebar.item(0).toolTip()
    assert "exit condition met" in sidebar.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    met = sidebar.item(0).icon().pixmap(QSize(32, 32)).toImage()
    not_started = sidebar.item(1).icon().pixmap(QSize(32, 32)).toImage()
    assert met != not_started


def test_sidebar_follows_an_edit_from_the_page(main_window) -> None:
    window = main_window([Postmortem(title="Live", severity=Severity.SEV1)])
    window.open_postmortem(window.library.postmortem_ids()[0])
    page = window.stage_area.pages[Stage.SCOPE]
    sidebar = window.stage_area.sidebar

    page.edit_requested.emit("template", Template.FULL, "Change Template")
    assert sidebar.progress(Stage.SCOPE) is StageProgress.IN_PROGRESS
    assert "Name the owner of the final document." in sidebar.item(0).toolTip()

    page.edit_requested.emit("document_owner", "Sam", "Change Document Owner")
    assert sidebar.progress(Stage.SCOPE) is StageProgress.EXIT_MET


def test_selecting_a_stage_in_the_sidebar_shows_its_page(main_window, qtbot) -> None:
    window = main_window([Postmortem(title="Click", severity=Severity.SEV3)])
    window.open_postmortem(window.library.postmortem_ids()[0])
    sidebar = window.stage_area.sidebar
    rect = sidebar.visualItemRect(sidebar.item(4))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_stage() is Stage.ACTION_ITEMS
    assert window.current_page().isVisible()


def test_user_text_in_a_tooltip_shows_literally(qapp) -> None:
    sidebar = StageSidebar()
    reason = "A root cause names <b>Bob</b>: describe the system."
    state = StageState(Stage.ROOT_CAUSE, StageProgress.IN_PROGRESS, "A root cause.", (reason,))
    sidebar.set_states([state])
    tip = sidebar.item(Stage.ROOT_CAUSE.value - 1).toolTip()
    assert "&lt;b&gt;Bob&lt;/b&gt;" in tip
    assert "<b>Bob" not in tip
    sidebar.deleteLater()


def test_compact_keeps_numbers_and_names_for_screen_readers(qapp) -> None:
    sidebar = StageSidebar()
    wide = sidebar.sizeHint().width()
    sidebar.set_compact(True)
    item = sidebar.item(2)
    assert item.text() == "3"
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "3  Root cause analysis"
    assert sidebar.sizeHint().width() < wide
    sidebar.set_compact(False)
    assert item.text() == "3  Root cause analysis"
    sidebar.deleteLater()
