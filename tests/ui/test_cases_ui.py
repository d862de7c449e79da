"""The Cases page: the model over SQL, deadline colours with text markers, filters, the case page
moved through levels with the keyboard, the timeline, complexity, new case from a visit, and the
office calendar dialog. Clock: Fri 27 Nov 2026 (tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import DueStatus
from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import NewCase
from reception_desk.ui.calendar_dialog import CalendarDialog
from reception_desk.ui.cases import COLUMN_INDEX
from reception_desk.ui.cases import STATUS_COLOURS
from reception_desk.ui.cases import CaseDialog
from reception_desk.ui.cases import CasesPage
from reception_desk.ui.cases import CaseTableModel
from reception_desk.ui.cases import StatusRole
from tests.conftest import sample_draft
from tests.ui.cases_data import populate
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def cases(sqlite_desk):  # type: ignore[no-untyped-def]
    return populate(sqlite_desk)


@pytest.fixture
def page(qtbot, sqlite_desk, cases, tmp_path: Path, english):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    widget = CasesPage(sqlite_desk, settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def _row_of(page: CasesPage, case_id: int) -> int:
    for row in range(page.model.rowCount()):
        if page.model.case_row(row).id == case_id:
            return row
    raise AssertionError(f"case {case_id} not shown")


def test_model_passes_qtmodeltester(qtmodeltester, sqlite_desk, cases):  # type: ignore[no-untyped-def]
    model = CaseTableModel(sqlite_desk, CaseQuery(filter=CaseFilter.ALL), page_size=4)
    assert model.rowCount() == 10
    qtmodeltester.check(model, force_py=True)


def test_deadline_colours_and_text_markers(page, cases):  # type: ignore[no-untyped-def]
    model = page.model
    expected = {
        cases["overdue"]: (DueStatus.OVERDUE, "OVERDUE by 5 working days"),
        cases["due_today"]: (DueStatus.DUE_SOON, "Due TODAY"),
        cases["from_visit"]: (DueStatus.ON_TIME, "7 working days left"),
    }
    left, number = COLUMN_INDEX["left"], COLUMN_INDEX["number"]
    for case_id, (status, marker) in expected.items():
        row = _row_of(page, case_id)
        assert model.index(row, left).data() == marker
        assert model.index(row, left).data(StatusRole) == status.value
        background = model.index(row, number).data(Qt.ItemDataRole.BackgroundRole)
        assert background.color() == STATUS_COLOURS[status][0]
    suspended = _row_of(page, cases["suspended"])
    assert model.index(suspended, left).data() == "Clock stopped"
    # Default order: by deadline, overdue first, the suspended (no due date) last.
    assert model.case_row(0).id == cases["overdue"]
    assert model.case_row(model.rowCount() - 1).id == cases["suspended"]


def test_filters_due_this_week_overdue_closed(qtbot, page, cases):  # type: ignore[no-untyped-def]
    assert page.model.rowCount() == 8
    assert page.filter_buttons[CaseFilter.OVERDUE].text() == "Overdue (2)"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.model.query.filter is CaseFilter.OVERDUE
    assert {page.model.case_row(r).status for r in range(page.model.rowCount())} == {
        DueStatus.OVERDUE}
    page.set_filter(CaseFilter.DUE_THIS_WEEK)
    assert [page.model.case_row(r).id for r in range(page.model.rowCount())] == [
        cases["due_today"]]
    page.set_filter(CaseFilter.CLOSED)
    stages = {page.model.case_row(r).stage for r in range(page.model.rowCount())}
    assert stages == {CaseStage.DECIDED, CaseStage.TRANSFERRED}
    assert "2 cases" in page.count_label.text()


def test_move_a_case_to_the_province_with_the_keyboard(qtbot, page, sqlite_desk,
                                                        cases):  # type: ignore[no-untyped-def]
    case_id = cases["petition"]
    page.table.setFocus()
    page.table.selectRow(_row_of(page, case_id))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.case_dialog
    assert dialog is not None and dialog.detail.id == case_id
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    kinds = [EventKind(dialog.event_combo.itemData(i))
             for i in range(dialog.event_combo.count())]
    assert set(kinds) == set(dialog.detail.allowed_events)
    assert EventKind.DECIDE not in kinds  # only what the state machine allows
    combo = dialog.event_combo
    combo.setFocus()
    for _ in range(combo.count()):
        if dialog.current_kind() is EventKind.TRANSFER:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert dialog.current_kind() is EventKind.TRANSFER
    assert dialog.level_combo.currentData() == HandlingLevel.PROVINCE
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.doc_number_edit
    qtbot.keyClicks(dialog.doc_number_edit, "So: 12/pc-ubnd")
    qtbot.keyClick(dialog.doc_number_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.doc_date_edit, "26/11/2026")
    dialog.body_edit.setFocus()
    type_text(dialog.body_edit, "Sở Giao thông vận tải tỉnh Ninh Bình")
    with qtbot.waitSignal(page.case_changed, timeout=2000) as signal:
        qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [case_id]
    detail = sqlite_desk.cases.case(case_id)
    assert detail.stage is CaseStage.TRANSFERRED
    assert (detail.level, detail.competent_body) == (HandlingLevel.PROVINCE,
                                                     "Sở Giao thông vận tải tỉnh Ninh Bình")
    last = detail.events[-1]
    assert (last.document_number, last.document_date) == ("12/PC-UBND", date(2026, 11, 26))
    # The timeline shows the new row; the list no longer counts the case as open.
    assert dialog.timeline.rowCount() == 2
    assert dialog.timeline.item(1, 2).text() == "12/PC-UBND of 26/11/2026"
    assert "Sở Giao thông vận tải tỉnh Ninh Bình" in dialog.timeline.item(1, 3).text()
    assert page.model.row_of(case_id) is None and page.model.rowCount() == 7
    assert [EventKind(dialog.event_combo.itemData(i))
            for i in range(dialog.event_combo.count())] == [EventKind.CLOSE, EventKind.FILE]


def test_refused_move_shows_the_reason(qtbot, page, cases):  # type: ignore[no-untyped-def]
    dialog = page.open_case(cases["transferred_complaint"])
    dialog.event_combo.setCurrentIndex(dialog.event_combo.findData(EventKind.DECIDE))
    assert dialog.doc_number_label.text().endswith("*")
    assert not dialog.record()
    assert dialog.error_label.isVisible() or not dialog.isVisible()
    assert "written decision" in dialog.error_label.text()
    dialog.doc_number_edit.setText("Số 15")
    dialog.doc_date_edit.setText("27/11/2026")
    assert not dialog.record()
    assert "12/PC-UBND" in dialog.error_label.text()
    dialog.doc_number_edit.setText("15/QĐ-UBND")
    dialog.doc_date_edit.setText("32/11/2026")
    assert not dialog.record()
    assert "dd/mm/yyyy" in dialog.error_label.text()
    dialog.doc_date_edit.setText("27/11/2026")
    assert dialog.record()
    assert dialog.detail.stage is CaseStage.DECIDED


def test_timeline_lists_who_when_documents_and_links(qtbot, page, cases):  # type: ignore[no-untyped-def]
    dialog = page.open_case(cases["denunciation"])
    texts = [[dialog.timeline.item(r, c).text() for c in range(6)]
             for r in range(dialog.timeline.rowCount())]
    assert [t[0] for t in texts] == ["01/10/2026", "08/10/2026", "20/10/2026", "05/11/2026"]
    assert texts[1][1] == "Accept for resolution" and texts[1][2] == "52/QĐ-UBND of 08/10/2026"
    assert texts[2][1] == "Determine complexity (a, g)"
    assert texts[3][4] == "Trần Thị Thu, 27/11/2026 09:30"
    assert "includes 1 extension" in dialog.deadline_label.text()
    assert "07/12/2026" in dialog.deadline_label.text()
    second = page.open_case(cases["second"])
    assert "Second complaint of case 8/2026" in second.links_label.text()
    assert "Province level: Chủ tịch UBND tỉnh Ninh Bình" in second.summary.text()


def _directives(desk, clock, case_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Three directives on the case, given on Mon 16 Nov (a due date cannot be in the past)."""
    now = clock.moment
    clock.moment = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
    try:
        staff = {s.full_name: s.id for s in desk.staff()}
        late, _ = desk.hotspots.record_directive(
            case_id, "Tổ chức đối thoại với các hộ dân thôn Đông", staff["Nguyễn Văn Hùng"],
            date(2026, 11, 20))
        later, _ = desk.hotspots.record_directive(
            case_id, "Báo cáo kết quả xác minh bằng văn bản", staff["Trần Thị Thu"],
            date(2026, 12, 10))
        done, _ = desk.hotspots.record_directive(case_id, "Mời Thanh tra tỉnh cùng dự",
                                                 None, date(2026, 11, 30))
        desk.hotspots.complete_directive(done.id)
    finally:
        clock.moment = now
    return {"late": late.id, "later": later.id, "done": done.id}


def test_directives_on_the_timeline_acknowledged_and_done_with_the_keyboard(
        qtbot, page, sqlite_desk, cases, clock):  # type: ignore[no-untyped-def]
    case_id = cases["denunciation"]
    ids = _directives(sqlite_desk, clock, case_id)
    page.refresh()
    with qtbot.waitActive(page):  # the fixture's activation must not land after the dialog's
        page.activateWindow()
    # The list: the case with an overdue open directive carries the marker (and says why).
    left = COLUMN_INDEX["left"]
    index = page.model.index(_row_of(page, case_id), left)
    assert index.data().startswith("⚑ ")
    assert "directive" in index.data(Qt.ItemDataRole.ToolTipRole)
    other = page.model.index(_row_of(page, cases["overdue"]), left)
    assert not other.data().startswith("⚑") and other.data(Qt.ItemDataRole.ToolTipRole) is None

    page.table.setFocus()
    page.table.selectRow(_row_of(page, case_id))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.case_dialog
    assert dialog is not None and dialog.directives_box.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    table = dialog.directive_table

    def row(r: int) -> list[str]:
        return [table.item(r, c).text() for c in range(table.columnCount())]

    # Open ones soonest due first, the one carried out last; due status as for case deadlines
    # (23–27 Nov less the 24 Nov holiday: 4 working days late).
    assert [d.id for d in dialog.directives] == [ids["late"], ids["later"], ids["done"]]
    assert row(0) == ["16/11/2026", "Tổ chức đối thoại với các hộ dân thôn Đông",
                      "Nguyễn Văn Hùng", "Friday 20/11/2026", "OVERDUE by 4 working days",
                      "Not yet"]
    assert table.item(0, 4).background().color() == STATUS_COLOURS[DueStatus.OVERDUE][0]
    assert table.item(0, 3).foreground().color() == STATUS_COLOURS[DueStatus.OVERDUE][1]
    assert row(1)[3:5] == ["Thursday 10/12/2026", "9 working days left"]
    assert table.item(1, 4).background().color() == STATUS_COLOURS[DueStatus.ON_TIME][0]
    assert row(2)[2] == "—" and row(2)[4] == "Carried out on 16/11/2026"
    assert row(2)[5] == "Trần Thị Thu, 16/11/2026 09:00"
    # Alt+I reaches the directives; Down, Ctrl+K acknowledges the one selected.
    assert dialog.focusWidget() is dialog.event_combo
    qtbot.keyClick(dialog.event_combo, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert dialog.selected_directive().id == ids["later"]
    with qtbot.waitSignal(dialog.directive_acknowledged) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [ids["later"]]
    assert row(1)[5] == "Trần Thị Thu, 27/11/2026 09:30"
    assert dialog.selected_directive().id == ids["later"]  # the selection stays
    assert not dialog.acknowledge_button.isEnabled() and dialog.done_button.isEnabled()
    # Up to the overdue one, Ctrl+E: carried out; the list loses its marker.
    qtbot.keyClick(table, Qt.Key.Key_Up)
    with qtbot.waitSignal(page.case_changed) as changed:
        qtbot.keyClick(table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [case_id]
    done = {d.id: d for d in sqlite_desk.hotspots.directives(case_id=case_id, open_only=False)}
    assert done[ids["late"]].done_at is not None and done[ids["late"]].acknowledged_at
    # The open one first, then those carried out (by due date).
    assert [d.id for d in dialog.directives] == [ids["later"], ids["late"], ids["done"]]
    assert not page.model.index(_row_of(page, case_id), left).data().startswith("⚑")
    # A case without directives keeps its timeline alone.
    plain = page.open_case(cases["petition"])
    assert not plain.directives_box.isVisible() and plain.directive_table.rowCount() == 0


def test_a_double_click_the_open_button_and_enter_open_the_row_s_case(qtbot, page, cases):  # type: ignore[no-untyped-def]
    for case_id, how in ((cases["petition"], "double click"), (cases["overdue"], "button"),
                         (cases["due_today"], "enter")):
        row = _row_of(page, case_id)
        if how == "double click":
            # The press makes the row current; the double click opens the current row's case
            # (offscreen, QTest's double click alone does not reach doubleClicked).
            index = page.model.index(row, 1)
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.table.visualRect(index).center())
            page.table.doubleClicked.emit(index)
        else:
            page.table.setFocus()
            page.table.selectRow(row)
            if how == "button":
                page.open_button.click()
            else:
                qtbot.keyClick(page.table, Qt.Key.Key_Return)
        dialog = page.case_dialog
        assert dialog is not None and dialog.detail.id == case_id, how
        dialog.close()
        qtbot.waitUntil(lambda: page.case_dialog is None)


def test_complexity_checkboxes_and_remote_flag(qtbot, page, sqlite_desk,
                                               cases):  # type: ignore[no-untyped-def]
    dialog = page.open_case(cases["transferred_complaint"])
    dialog.criteria_checks[ComplexityCriterion.MULTIPLE_CONTENTS].setChecked(True)
    dialog.remote_check.setChecked(True)
    assert dialog.save_complexity()
    detail = sqlite_desk.cases.case(cases["transferred_complaint"])
    assert detail.criteria == {ComplexityCriterion.MULTIPLE_CONTENTS} and detail.remote
    # Luật KN Art. 28, remote + complex: 60 days from Fri 23 Oct → Tue 22 Dec.
    assert detail.deadline.due == date(2026, 12, 22)
    assert detail.events[-1].kind is EventKind.ASSESS_COMPLEXITY


def test_new_case_from_a_visit(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk,
                                                  petition_type=PetitionType.DENUNCIATION,
                                                  citizen_name="Đinh Thị Hồng"))
    dialog = page.open_case_from_visit(visit.id)
    dialog.title_edit.setFocus()
    type_text(dialog.title_edit, "Tố cáo hành vi lấn chiếm đất công")
    with qtbot.waitSignal(page.case_changed, timeout=2000):
        assert dialog.submit()
    detail = sqlite_desk.cases.case(dialog.case_id)
    assert detail.title == "Tố cáo hành vi lấn chiếm đất công"
    # A denouncer under secrecy: the case lists her withheld (services.cases.screening).
    assert [(c.citizen_id, c.identity_secret) for c in detail.complainants] == [
        (visit.citizen_id, True)]
    assert "Đinh Thị Hồng" not in repr(detail)
    assert page.case_dialog is not None and page.case_dialog.detail.id == detail.id


def _active(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def _open_active(qtbot, page, case_id: int) -> CaseDialog:  # type: ignore[no-untyped-def]
    with qtbot.waitActive(page):  # the fixture's activation must not land after the dialog's
        page.activateWindow()
    dialog = page.open_case(case_id)
    _active(qtbot, dialog)
    return dialog


def test_link_a_second_complaint_to_the_first_with_the_keyboard(
        qtbot, page, sqlite_desk, cases):  # type: ignore[no-untyped-def]
    first = sqlite_desk.cases.case(cases["overdue"])  # a first complaint
    second, _ = sqlite_desk.cases.open_case(NewCase(
        case_type=CaseType.COMPLAINT_SECOND, received_on=date(2026, 11, 25),
        title="Khiếu nại lần hai về xử phạt vi phạm hành chính"))
    dialog = _open_active(qtbot, page, second.id)
    assert "Not linked" in dialog.links_label.text()
    qtbot.keyClick(focused(), Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    picker = dialog.link_dialog
    assert picker is not None and picker.isVisible()
    _active(qtbot, picker)
    assert focused() is picker.search_edit
    # The kind follows the type: a second complaint links to its first complaint.
    assert picker.kind_combo.currentData() == LinkKind.SECOND_COMPLAINT
    assert second.id not in [r.id for r in picker.results]  # never itself
    type_text(None, "xử phạt")
    qtbot.waitUntil(lambda: [r.id for r in picker.results] == [first.id])
    # By number too ("8/2026"), and Down/Up move in the results while typing.
    picker.search_edit.clear()
    type_text(None, first.number)
    picker.search_now()
    assert [r.number for r in picker.results] == [first.number]
    press(qtbot, Qt.Key.Key_Down)
    assert picker.selected_case().id == first.id and focused() is picker.search_edit
    with qtbot.waitSignal(page.case_changed, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.link_dialog is None  # closed (and deleted)
    detail = sqlite_desk.cases.case(second.id)
    assert detail.previous.id == first.id and detail.link_kind is LinkKind.SECOND_COMPLAINT
    assert (f"Second complaint of case {first.number} ({first.title}); that case now: "
            f"Received") in dialog.links_label.text()
    # The first case shows what followed it.
    other = CaseDialog(sqlite_desk, first.id)
    qtbot.addWidget(other)
    assert f"Second complaint: case {second.number}" in other.links_label.text()


def test_a_refused_link_shows_its_reason(qtbot, page, sqlite_desk,
                                         cases):  # type: ignore[no-untyped-def]
    dialog = _open_active(qtbot, page, cases["second"])  # already follows a first complaint
    dialog.link_button.click()
    picker = dialog.link_dialog
    _active(qtbot, picker)
    assert "Now follows case" in " ".join(
        w.text() for w in picker.findChildren(QLabel))
    type_text(picker.search_edit, "tách thửa")  # the denunciation: the wrong type
    picker.search_now()
    assert [r.id for r in picker.results] == [cases["denunciation"]]
    press(qtbot, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.error_label.isVisible()
    assert picker.error_label.text() == (
        "\"Second complaint\" must point to a case of the right type (this one is a "
        "Denunciation).")
    # Nothing chosen: the picker says what to do.
    picker.search_edit.clear()
    type_text(picker.search_edit, "zzz")
    picker.search_now()
    assert picker.results == [] and picker.count_label.text() == "No case found."
    assert not picker.link()
    assert "Choose the earlier case" in picker.error_label.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.link_dialog is None  # cancelled, the link unchanged
    assert sqlite_desk.cases.case(cases["second"]).previous is not None


def _names(dialog: CaseDialog) -> list[str]:
    table = dialog.complainant_table
    return [f"{table.item(r, 0).text()} / {table.item(r, 1).text()}"
            for r in range(table.rowCount())]


def test_add_and_remove_complainants_with_the_keyboard(qtbot, page, sqlite_desk,
                                                       cases):  # type: ignore[no-untyped-def]
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Trần Văn Bình",
                                       id_number="037085002222"))
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Lê Thị Ủy",
                                       id_number="037085003333"))
    case_id = cases["from_visit"]
    dialog = _open_active(qtbot, page, case_id)
    assert _names(dialog) == ["Nguyễn Thị Ánh Tuyết / Complainant"]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.complainant_edit
    type_text(None, "Trần Văn")
    dialog.complainant_search.search_now()
    assert [c.full_name for c in dialog.complainant_search.results()] == ["Trần Văn Bình"]
    with qtbot.waitSignal(page.case_changed, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert _names(dialog) == ["Nguyễn Thị Ánh Tuyết / Complainant",
                              "Trần Văn Bình / Complainant"]
    assert focused() is dialog.complainant_edit and dialog.complainant_edit.text() == ""
    assert "Nguyễn Thị Ánh Tuyết, Trần Văn Bình" in dialog.summary.text()
    # A representative: Tab to "as", choose, Shift+Tab back, pick.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.role_combo
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    type_text(None, "le thi uy")
    dialog.complainant_search.search_now()
    press(qtbot, Qt.Key.Key_Return)
    assert "Lê Thị Ủy / Representative" in _names(dialog)
    # The same citizen twice is refused beside the field.
    type_text(None, "Bình")
    dialog.complainant_search.search_now()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.complainant_error.isVisible()
    assert dialog.complainant_error.text() == (
        "Trần Văn Bình is already on this case (as Complainant).")
    # Remove with Del in the list (Alt+P); the last complainant stays.
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.complainant_table
    dialog.complainant_table.selectRow(0)  # Lê Thị Ủy (sorted by name)
    press(qtbot, Qt.Key.Key_Delete)
    dialog.complainant_table.selectRow(0)  # Nguyễn Thị Ánh Tuyết
    press(qtbot, Qt.Key.Key_Delete)
    assert _names(dialog) == ["Trần Văn Bình / Complainant"]
    assert not dialog.complainant_error.isVisible()
    press(qtbot, Qt.Key.Key_Delete)
    assert _names(dialog) == ["Trần Văn Bình / Complainant"]
    assert dialog.complainant_error.text().startswith(
        "A case keeps at least one complainant")
    assert [c.full_name for c in sqlite_desk.cases.case(case_id).complainants] == [
        "Trần Văn Bình"]
    row = page.model.case_row(_row_of(page, case_id))
    assert row.complainant == "Trần Văn Bình"


def test_new_standalone_case_picks_its_first_complainant(
        qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Đặng Thị Hương",
                                       id_number="037085004444"))
    dialog = page.new_case()
    dialog.title_edit.setFocus()
    type_text(dialog.title_edit, "Khiếu nại gửi qua bưu điện")
    dialog.complainant_edit.setFocus()
    type_text(dialog.complainant_edit, "dang thi")
    dialog.complainant_search.search_now()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.citizen is not None and dialog.citizen.full_name == "Đặng Thị Hương"
    assert dialog.isVisible()  # Enter picked; it did not open the case
    assert "Đặng Thị Hương" in dialog.complainant_label.text()
    # Editing the name after the pick forgets it: a typed name alone is refused.
    type_text(dialog.complainant_edit, "x")
    assert dialog.citizen is None
    assert not dialog.submit()
    assert "Pick a citizen" in dialog.error_label.text()
    dialog.complainant_edit.clear()
    type_text(dialog.complainant_edit, "Hương")
    dialog.complainant_search.search_now()
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.case_changed, timeout=2000):
        assert dialog.submit()
    detail = sqlite_desk.cases.case(dialog.case_id)
    assert [c.full_name for c in detail.complainants] == ["Đặng Thị Hương"]


def test_calendar_dialog_day_off_moves_deadlines(qtbot, sqlite_desk, cases,
                                                 english):  # type: ignore[no-untyped-def]
    dialog = CalendarDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    before = sqlite_desk.cases.case(cases["from_visit"]).deadline.due
    assert before == date(2026, 12, 8)
    dialog.day_edit.setText("01/12/2026")
    dialog.note_edit.setText("Nghỉ theo Công văn 15/UBND-VP")
    with qtbot.waitSignal(dialog.calendar_changed, timeout=2000):
        assert dialog.add_override()
    assert dialog.override_table.rowCount() == 1
    assert sqlite_desk.cases.case(cases["from_visit"]).deadline.due == date(2026, 12, 9)
    # Built-in days say where they come from (LEGAL.md §4.4): swaps are not "statutory".
    built_in = {dialog.built_in_table.item(r, 0).text(): dialog.built_in_table.item(r, 3).text()
                for r in range(dialog.built_in_table.rowCount())}
    assert built_in["02/01/2026"] == "announced swap"
    assert built_in["01/01/2026"] == "statutory holiday"
    assert built_in["24/11/2026"] == "holiday, legal basis unverified"
    kinds = [dialog.rule_table.item(r, 9).text() for r in range(dialog.rule_table.rowCount())]
    assert "Verified in the legal code" in kinds
    for row, view in enumerate(dialog._rules):
        if view.editable:
            dialog.rule_table.setCurrentCell(row, 0)
            break
    assert dialog.save_rule_button.isEnabled()
    dialog.reason_edit.setText("")
    assert not dialog.save_rule()
    assert "document" in dialog.status_label.text()


def test_screenshots(qtbot, sqlite_desk, cases, clock, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Rendered in Vietnamese at 1280×800 for a look: the list (cases-list.png) and the case
    page with its directives (case-directives.png)."""
    set_language("vi")
    _directives(sqlite_desk, clock, cases["denunciation"])
    try:
        page = CasesPage(sqlite_desk, QSettings(str(tmp_path / "s.ini"),
                                                QSettings.Format.IniFormat))
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        assert page.grab().save(shot(tmp_path, "cases-list.png"))
        dialog = CaseDialog(sqlite_desk, cases["denunciation"], page)
        qtbot.addWidget(dialog)
        dialog.resize(1280, 800)
        dialog.show()
        assert dialog.grab().save(shot(tmp_path, "case-directives.png"))
        assert page.filter_buttons[CaseFilter.OVERDUE].text() == "Quá hạn (2)"
    finally:
        set_language("en")


def test_screenshot_links_and_complainants(qtbot, sqlite_desk, cases,
                                           tmp_path: Path):  # type: ignore[no-untyped-def]
    """A second complaint linked to its first, with a co-complainant and a representative, in
    Vietnamese at 1280×800 (case-links.png; the first case as case-links-first.png)."""
    first = cases["from_visit"]
    second, _ = sqlite_desk.cases.open_case(NewCase(
        case_type=CaseType.COMPLAINT_SECOND, received_on=date(2026, 11, 26),
        title="Khiếu nại lần hai quyết định thu hồi đất thửa 215, tờ bản đồ số 8",
        citizen_ids=tuple(c.citizen_id for c in sqlite_desk.cases.case(first).complainants)))
    sqlite_desk.cases.link(second.id, first, LinkKind.SECOND_COMPLAINT)
    for name, number, role in (("Trần Văn Bình", "037085002222", ComplainantRole.COMPLAINANT),
                               ("Luật sư Phạm Quốc Ủy", "037085003333",
                                ComplainantRole.REPRESENTATIVE)):
        visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name=name,
                                                      id_number=number))
        sqlite_desk.cases.add_complainant(second.id, visit.citizen_id, role)
    set_language("vi")
    try:
        for case_id, name in ((second.id, "case-links.png"), (first, "case-links-first.png")):
            dialog = CaseDialog(sqlite_desk, case_id)
            qtbot.addWidget(dialog)
            dialog.resize(1280, 800)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.grab().save(shot(tmp_path, name))
        assert "Khiếu nại lần hai của vụ việc 1/2026" in CaseDialog(
            sqlite_desk, second.id).links_label.text()
    finally:
        set_language("en")


def test_case_page_shows_related_limits(qtbot, page, cases):  # type: ignore[no-untyped-def]
    """A đơn received after 01/07/2026 and not yet processed shows the 45-day threshold of
    NĐ 154/2026 Art. 41(3)(b) beside the stage's own limit (LEGAL.md §4.3)."""
    dialog = page.open_case(cases["from_visit"])
    detail = dialog.detail
    assert detail.stage is CaseStage.RECEIVED and detail.received_on >= date(2026, 7, 1)
    text = dialog.deadline_label.text()
    assert "Also: Petition left unprocessed (discipline threshold)" in text
    assert "NĐ 154/2026 Art. 41(3)(b)" in text
