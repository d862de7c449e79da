"""The Cases page: the model over SQL, deadline colours with text markers, filters, the case page
moved through levels with the keyboard, the timeline, complexity, new case from a visit, and the
office calendar dialog. Clock: Fri 27 Nov 2026 (tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from reception_desk.domain.cases import CaseStage, ComplexityCriterion, EventKind, HandlingLevel
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import DueStatus
from reception_desk.i18n import set_language
from reception_desk.services.case_dto import CaseFilter, CaseQuery
from reception_desk.ui.calendar_dialog import CalendarDialog
from reception_desk.ui.cases import (
    COLUMN_INDEX,
    STATUS_COLOURS,
    CaseDialog,
    CasesPage,
    CaseTableModel,
    StatusRole,
)
from tests.conftest import sample_draft
from tests.ui.cases_data import populate


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character: qtbot.keyClicks aborts on non-ASCII (STACK.md)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


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
    assert "Follows case" in second.links_label.text()
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
    assert [c.full_name for c in detail.complainants] == ["Đinh Thị Hồng"]
    assert page.case_dialog is not None and page.case_dialog.detail.id == detail.id


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
    """Rendered in Vietnamese at 1280×800 for a look (saved beside the test's tmp files;
    the case page with its directives also as /tmp/case-directives.png)."""
    set_language("vi")
    _directives(sqlite_desk, clock, cases["denunciation"])
    try:
        page = CasesPage(sqlite_desk, QSettings(str(tmp_path / "s.ini"),
                                                QSettings.Format.IniFormat))
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        assert page.grab().save(str(tmp_path / "cases.png"))
        dialog = CaseDialog(sqlite_desk, cases["denunciation"], page)
        qtbot.addWidget(dialog)
        dialog.resize(1280, 800)
        dialog.show()
        assert dialog.grab().save(str(tmp_path / "case.png"))
        assert dialog.grab().save("/tmp/case-directives.png")
        assert page.grab().save("/tmp/cases-list.png")
        assert page.filter_buttons[CaseFilter.OVERDUE].text() == "Quá hạn (2)"
    finally:
        set_language("en")
