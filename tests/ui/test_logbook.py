"""The logbook table over SQL: paging, SQL sorting, filters, void, keyboard, header state."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QWidget

from reception_desk.domain.classification import PetitionType
from reception_desk.i18n import set_language
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.texts.labels import label
from reception_desk.ui.logbook import COLUMN_INDEX
from reception_desk.ui.logbook import COLUMNS
from reception_desk.ui.logbook import LogbookPage
from reception_desk.ui.logbook import VisitTableModel
from tests.conftest import sample_draft
from tests.ui.helpers import shot

NAMES = [
    "Nguyễn Văn Đức", "Trần Thị Mai", "Lê Văn An", "Phạm Thị Hương", "Hoàng Văn Bình",
    "Vũ Thị Lan", "Đặng Văn Cường", "Bùi Thị Thu", "Đỗ Văn Hải", "Ngô Thị Yến",
]
TYPES = [PetitionType.PETITION, PetitionType.REFLECTION, PetitionType.COMPLAINT,
         PetitionType.PETITION]
CONTENTS = [
    "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho thửa số 215.",
    "Phản ánh việc xả nước thải ra mương thủy lợi của thôn Đông.",
    "Khiếu nại quyết định thu hồi đất của UBND xã đối với hộ gia đình.",
    "Kiến nghị sửa chữa đường giao thông nông thôn bị sạt lở sau mưa lũ.",
]


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character: qtbot.keyClicks aborts on non-ASCII (STACK.md)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def add_visits(desk, count: int, start: int = 0) -> list[int]:  # type: ignore[no-untyped-def]
    """``count`` visits of today, 10 s apart, ten citizens taking turns."""
    ids = []
    citizens: dict[int, int] = {}
    for i in range(start, start + count):
        who = i % len(NAMES)
        draft = sample_draft(
            desk,
            citizen_id=citizens.get(who),
            citizen_name=NAMES[who],
            id_number=f"0370850{who:05d}",
            sex=None,
            received_at=desk.now() - timedelta(seconds=10 * (start + count - i)),
            people_count=1 + (i * 7) % 4,
            petition_type=TYPES[i % len(TYPES)],
            field_code=None,
            content=CONTENTS[i % len(CONTENTS)],
        )
        visit, _ = desk.log_visit(draft)
        citizens[who] = visit.citizen_id
        ids.append(visit.id)
    return ids


@pytest.fixture(autouse=True)
def vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(qtbot, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    add_visits(sqlite_desk, 30)
    widget = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def test_model_passes_qtmodeltester(qtmodeltester, sqlite_desk):  # type: ignore[no-untyped-def]
    add_visits(sqlite_desk, 30)
    model = VisitTableModel(sqlite_desk, VisitQuery())
    assert model.rowCount() == 30
    qtmodeltester.check(model)


def test_paging_across_page_boundary_matches_sql(sqlite_desk):  # type: ignore[no-untyped-def]
    add_visits(sqlite_desk, 450)
    model = VisitTableModel(sqlite_desk, VisitQuery(), page_size=200)
    expected = [r.id for r in sqlite_desk.visit_page(VisitQuery(), 0, 1000)]
    assert model.rowCount() == len(expected) == 450
    for row in (0, 199, 200, 449):
        assert model.visit_id(row) == expected[row]
        index = model.index(row, COLUMN_INDEX["stt"])
        assert model.data(index) == f"{row + 1}/2026"
    assert sorted(model.cached_pages()) == [0, 1, 2]
    assert model.visit_row(450) is None


def test_sort_by_each_sortable_column_matches_sql(desk):  # type: ignore[no-untyped-def]
    """On SQLite and PostgreSQL."""
    sqlite_desk = desk
    add_visits(sqlite_desk, 60)
    model = VisitTableModel(sqlite_desk, VisitQuery(), page_size=25)
    sortable = [i for i, spec in enumerate(COLUMNS) if spec.sort is not None]
    assert {COLUMNS[i].key for i in sortable} == {"stt", "time", "kind", "name", "type", "people"}
    for column in sortable:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            descending = order == Qt.SortOrder.DescendingOrder
            assert model.query.sort == COLUMNS[column].sort
            assert model.query.descending is descending
            sql = VisitQuery(sort=COLUMNS[column].sort, descending=descending)
            expected = [r.id for r in sqlite_desk.visit_page(sql, 0, 100)]
            shown = [model.visit_id(row) for row in range(model.rowCount())]
            assert shown == expected
    model.sort(COLUMN_INDEX["people"], Qt.SortOrder.DescendingOrder)
    people = [model.visit_row(r).people_count for r in range(model.rowCount())]
    assert people == sorted(people, reverse=True)
    before = model.query
    model.sort(COLUMN_INDEX["content"], Qt.SortOrder.AscendingOrder)  # no SQL sort: ignored
    assert model.query == before


def test_cells_show_stt_repeat_count_single_line_content_and_tooltip(sqlite_desk):  # type: ignore[no-untyped-def]
    multi = "Dòng một.\nDòng hai của nội dung."
    add_visits(sqlite_desk, 11)
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk, content=multi,
                                                  citizen_name="Lò Văn Pả",
                                                  id_number="037085099999", sex=None))
    model = VisitTableModel(sqlite_desk, VisitQuery())
    row = model.rowCount() - 1
    assert model.visit_id(row) == visit.id
    cell = model.index(row, COLUMN_INDEX["content"])
    assert model.data(cell) == "Dòng một. Dòng hai của nội dung."
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == multi
    assert model.data(model.index(row, COLUMN_INDEX["name"])) == "Lò Văn Pả"
    assert model.data(model.index(0, COLUMN_INDEX["name"])) == "Nguyễn Văn Đức (2 lượt)"
    assert model.data(model.index(0, COLUMN_INDEX["stt"])) == "1/2026"
    assert model.data(model.index(0, COLUMN_INDEX["type"])) == label(PetitionType.PETITION)
    assert model.headerData(COLUMN_INDEX["stt"], Qt.Orientation.Horizontal) == "STT"


def test_date_filter_defaults_to_today(qtbot, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    add_visits(sqlite_desk, 3)
    sqlite_desk.log_visit(sample_draft(sqlite_desk, received_at=sqlite_desk.now()
                                       - timedelta(days=1)))
    page = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(page)
    today = date(2026, 11, 27)
    assert (page.query.date_from, page.query.date_to) == (today, today)
    assert page.model.rowCount() == 3
    assert page.count_label.text() == "3 lượt tiếp"
    page.week_button.click()
    assert (page.query.date_from, page.query.date_to) == (date(2026, 11, 23), date(2026, 11, 29))
    assert page.model.rowCount() == 4
    page.month_button.click()
    assert (page.query.date_from, page.query.date_to) == (date(2026, 11, 1), date(2026, 11, 30))
    page.year_button.click()
    assert (page.query.date_from, page.query.date_to) == (date(2026, 1, 1), date(2026, 12, 31))
    page.today_button.click()
    assert page.model.rowCount() == 3
    page.from_edit.setDate(page.from_edit.date().addDays(-1))
    assert page.model.rowCount() == 4


def test_text_filter_is_accent_insensitive_and_debounced(qtbot, page):  # type: ignore[no-untyped-def]
    assert page.model.rowCount() == 30
    qtbot.keyClicks(page.filter_edit, "nguyen van duc")
    assert page.model.rowCount() == 30  # not yet: debounced
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)
    names = {page.model.visit_row(r).citizen_name for r in range(3)}
    assert names == {"Nguyễn Văn Đức"}
    page.filter_edit.clear()
    type_text(page.filter_edit, "ĐẶNG")
    qtbot.waitUntil(lambda: page.query.text == "ĐẶNG", timeout=2000)
    assert page.model.rowCount() == 3
    assert page.model.visit_row(0).citizen_name == "Đặng Văn Cường"
    assert page.count_label.text() == "3 lượt tiếp"


def test_void_with_reason_keeps_row_marked(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    voided = []
    page.visit_voided.connect(voided.append)
    page.table.setFocus()
    page.table.selectRow(4)
    target = page.selected_visit()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    dialog = page.void_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason is required
    type_text(dialog.reason_edit, "Ghi nhầm: công dân đã được tiếp ở lượt trước")
    assert ok.isEnabled()
    ok.click()
    assert voided == [target.id]
    assert page.model.rowCount() == 30  # nothing deleted
    row = page.model.row_of(target.id)
    assert page.model.visit_row(row).voided
    stt = page.model.data(page.model.index(row, COLUMN_INDEX["stt"]))
    assert stt == f"{target.seq}/2026 ĐÃ HỦY"
    content = page.model.index(row, COLUMN_INDEX["content"])
    assert page.model.data(content, Qt.ItemDataRole.FontRole).strikeOut()
    tip = page.model.data(content, Qt.ItemDataRole.ToolTipRole)
    assert "ĐÃ HỦY" in tip and "Ghi nhầm" in tip
    assert sqlite_desk.visit(target.id).void_reason.startswith("Ghi nhầm")
    assert not page.void_button.isEnabled()  # a voided visit cannot be voided again
    page.voided_check.setChecked(False)
    assert page.model.rowCount() == 29


def test_refused_void_shows_message_and_keeps_reason(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    target = page.selected_visit()
    dialog = page.void_selected()
    sqlite_desk.void_visit(target.id, "Hủy ở máy khác")
    type_text(dialog.reason_edit, "Trùng lượt")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and dialog.error_label.text()
    assert dialog.reason_edit.toPlainText() == "Trùng lượt"
    dialog.reject()


def test_enter_and_double_click_request_opening(qtbot, page):  # type: ignore[no-untyped-def]
    page.table.setFocus()
    page.table.selectRow(2)
    expected = page.selected_visit().id
    with qtbot.waitSignal(page.visit_open_requested) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    rect = page.table.visualRect(page.model.index(5, COLUMN_INDEX["name"]))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.visit_open_requested) as blocker:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [page.model.visit_id(5)]


def test_ctrl_l_focuses_filter_and_f5_refreshes(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    add_visits(sqlite_desk, 2, start=30)
    assert page.model.rowCount() == 30
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_F5)
    assert page.model.rowCount() == 32
    assert page.count_label.text() == "32 lượt tiếp"


def test_refresh_with_changed_ids_keeps_selection(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    page.table.selectRow(7)
    target = page.selected_visit()
    sqlite_desk.void_visit(target.id, "Sai sót")
    page.refresh({target.id})
    assert page.table.currentIndex().row() == 7
    assert page.selected_visit().voided


def test_clicking_unsortable_header_keeps_sql_sort(qtbot, page):  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    header.setSortIndicator(COLUMN_INDEX["name"], Qt.SortOrder.DescendingOrder)
    assert page.query.sort.value == "name" and page.query.descending
    header.setSortIndicator(COLUMN_INDEX["address"], Qt.SortOrder.AscendingOrder)
    assert page.query.sort.value == "name"
    assert header.sortIndicatorSection() == COLUMN_INDEX["name"]


def test_header_state_persists(qtbot, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    first = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(first)
    first.table.horizontalHeader().resizeSection(COLUMN_INDEX["content"], 411)
    first.table.horizontalHeader().setSortIndicator(COLUMN_INDEX["time"],
                                                    Qt.SortOrder.DescendingOrder)
    first.save_state()
    assert settings.contains("logbook/header")
    second = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(second)
    header = second.table.horizontalHeader()
    assert header.sectionSize(COLUMN_INDEX["content"]) == 411
    assert second.query.sort.value == "time" and second.query.descending


def test_fixed_row_height(page):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QHeaderView

    vertical = page.table.verticalHeader()
    assert vertical.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert page.table.rowHeight(0) == page.table.rowHeight(29) == vertical.defaultSectionSize()


def test_screenshot(qtbot, page, sqlite_desk, tmp_path):  # type: ignore[no-untyped-def]
    page.table.selectRow(3)
    target = page.selected_visit()
    sqlite_desk.void_visit(target.id, "Ghi trùng")
    page.refresh({target.id})
    page.resize(1280, 800)
    qtbot.wait(50)
    assert page.grab().save(shot(tmp_path, "logbook.png"))
