"""The library list: a checked table model, search as you type, filters, and opening by keyboard."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from app.domain.model import Severity, Status
from app.store import PostmortemSummary
from app.ui.summary_model import Column, SummaryTableModel, format_edited_short


def _summary(number: int, title: str, severity: Severity = Severity.SEV3) -> PostmortemSummary:
    return PostmortemSummary(
        id=number,
        title=title,
        severity=severity,
        status=Status.DRAFT,
        incident_date=date(2024, 3, number),
        updated_at=datetime(2024, 3, 10, 12, number, tzinfo=UTC),
        affected_services=(),
        tags=(),
    )


def _titles(panel) -> list[str]:
    proxy = panel.proxy
    return sorted(proxy.index(row, 0).data() for row in range(proxy.rowCount()))


def test_summary_model_passes_the_model_tester(qtmodeltester) -> None:
    model = SummaryTableModel()
    model.set_summaries([_summary(1, "One", Severity.SEV1), _summary(2, "Two")])
    qtmodeltester.check(model, force_py=True)
    model.set_summaries([_summary(2, "Two renamed"), _summary(1, "One", Severity.SEV1)])
    qtmodeltester.check(model, force_py=True)


def test_summary_model_reports_only_changed_rows(qtbot) -> None:
    model = SummaryTableModel()
    model.set_summaries([_summary(1, "One"), _summary(2, "Two")])
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        model.set_summaries([_summary(1, "One"), _summary(2, "Two, renamed")])
    assert changed.args[0].row() == 1
    with qtbot.waitSignal(model.modelReset):
        model.set_summaries([_summary(2, "Two, renamed")])
    assert model.rowCount() == 1


def test_columns_and_formats(qapp) -> None:
    model = SummaryTableModel()
    model.set_summaries([_summary(4, "Four", Severity.SEV2)])
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headings == ["Title", "Severity", "Status", "Incident date", "Last edited"]
    row = [model.index(0, c).data() for c in Column]
    assert row[:4] == ["Four", "SEV2", "Draft", "2024-03-04"]
    today = datetime(2024, 3, 10, 12, 4, tzinfo=UTC).astimezone().date()
    assert format_edited_short(datetime(2024, 3, 10, 12, 4, tzinfo=UTC), today).startswith("Today ")


def test_search_as_you_type_queries_once_after_the_pause(
    main_window, make_postmortems, qtbot, monkeypatch
) -> None:
    window = main_window(make_postmortems(4))
    panel = window.library_panel
    searches: list[str] = []
    real = type(panel.library).summaries

    def spy(library, **filters):
        searches.append(filters.get("search", ""))
        return real(library, **filters)

    monkeypatch.setattr(type(panel.library), "summaries", spy)
    qtbot.keyClicks(panel.search, "certif")
    assert len(_titles(panel)) == 4  # nothing queried mid-typing
    qtbot.waitUntil(lambda: _titles(panel) == ["Login outage during certificate rotation"])
    assert [s for s in searches if s] == ["certif"]
    assert panel.count_label.text() == "1 of 4 postmortems"

    panel.search.clear()
    qtbot.waitUntil(lambda: len(_titles(panel)) == 4)
    assert panel.count_label.text() == "4 postmortems"


def test_search_with_odd_characters_is_safe(main_window, make_postmortems, qtbot) -> None:
    window = main_window(make_postmortems(2))
    panel = window.library_panel
    qtbot.keyClicks(panel.search, '"login" OR (* -NEAR')
    panel.refresh()
    assert panel.count_label.text() in {"No postmortems match", "1 of 2 postmortems"}


def test_filters_narrow_the_list(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(4))
    panel = window.library_panel
    severity = panel.severity_filter
    severity.setCurrentIndex(severity.findData(Severity.SEV1))
    assert _titles(panel) == ["Login outage during certificate rotation"]
    severity.setCurrentIndex(0)

    assert panel.service_filter.findText("billing") > 0
    panel.service_filter.setCurrentIndex(panel.service_filter.findText("billing"))
    assert _titles(panel) == ["Delayed invoice emails"]
    panel.service_filter.setCurrentIndex(0)

    panel.tag_filter.setCurrentIndex(panel.tag_filter.findText("tls"))
    assert _titles(panel) == ["Login outage during certificate rotation"]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(Status.CLOSED))
    assert _titles(panel) == []
    assert panel.count_label.text() == "No postmortems match"


def test_new_service_appears_in_the_filter_after_an_edit(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(1))
    postmortem_id = window.library.postmortem_ids()[0]
    window.open_postmortem(postmortem_id)
    window.current_page().edit_requested.emit(
        "affected_services", ("checkout", "payments"), "Change Affected Services"
    )
    assert window.library_panel.service_filter.findText("payments") > 0


def test_enter_in_the_list_opens_the_selected_postmortem(
    main_window, make_postmortems, qtbot
) -> None:
    window = main_window(make_postmortems(3))
    panel = window.library_panel
    window.focus_search()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    chosen = panel.selected_id()
    assert chosen is not None
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.current_postmortem_id() == chosen


def test_enter_in_search_opens_the_first_match(main_window, make_postmortems, qtbot) -> None:
    window = main_window(make_postmortems(3))
    panel = window.library_panel
    qtbot.keyClicks(panel.search, "invoice")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert window.current_postmortem().title == "Delayed invoice emails"


def test_ctrl_o_opens_the_selected_row_when_the_list_has_focus(
    main_window, make_postmortems, qtbot
) -> None:
    window = main_window(make_postmortems(2))
    panel = window.library_panel
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_O, ctrl)
    assert panel.search.hasFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_O, ctrl)
    assert window.current_postmortem_id() == panel.selected_id()


def test_double_click_opens(main_window, make_postmortems, qtbot) -> None:
    window = main_window(make_postmortems(2))
    table = window.library_panel.table
    index = table.model().index(1, 0)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_postmortem().title == index.data()


def test_sorting_by_severity(main_window, make_postmortems) -> None:
    window = main_window(make_postmortems(4))
    table = window.library_panel.table
    table.sortByColumn(Column.SEVERITY, Qt.SortOrder.AscendingOrder)
    proxy = window.library_panel.proxy
    severities = [proxy.index(row, Column.SEVERITY).data() for row in range(proxy.rowCount())]
    assert severities == ["SEV1", "SEV2", "SEV3", "SEV4"]


def test_empty_library_says_so(main_window) -> None:
    window = main_window()
    assert window.library_panel.count_label.text() == "No postmortems yet"
