"""The report screen: 01/TCD for quarter III laid out like the form, a count double-clicked to
its visits and one opened from there; 01/XLD and its exports saved; the petition forms.
Screenshots (RD_SCREENSHOTS=DIR collects them) for a human look."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.ui.reports import DrillDialog
from reception_desk.ui.reports import ReportDialog
from tests.conftest import sign_in_as
from tests.services import report_data
from tests.services.report_data import TCD_EXPECTED
from tests.services.report_data import XLD_EXPECTED
from tests.ui.helpers import shot


def _dialog(qtbot, desk) -> ReportDialog:  # type: ignore[no-untyped-def]
    dialog = ReportDialog(desk)
    qtbot.addWidget(dialog)
    dialog.year_box.setValue(2026)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("q3"))
    dialog.show()
    return dialog


def _compute(qtbot, dialog: ReportDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.computed, timeout=20_000):
        dialog.compute_button.click()


def test_form_grid_drill_down_and_open(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    office = report_data.build(sqlite_desk)
    sign_in_as(sqlite_desk, Role.CASE_HANDLER)
    dialog = _dialog(qtbot, sqlite_desk)
    assert dialog.period().first.isoformat() == "2026-06-15"
    _compute(qtbot, dialog)
    for number in range(1, 30):
        assert dialog.cell_text(number) == str(TCD_EXPECTED[number]), number
    assert "Số kỳ tiếp (cột 12, 21)" in dialog.note_label.text()
    dialog.grab().save(shot(tmp_path, "report-01-tcd.png"))

    # Keyboard: the grid's current cell is column 1; move to column 7 and press Enter.
    data_row = dialog.data_row()
    dialog.grid.setFocus()
    dialog.grid.setCurrentCell(data_row, 7)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Return)
    drills = [w for w in QApplication.topLevelWidgets() if isinstance(w, DrillDialog)]
    assert len(drills) == 1
    drill = drills[0]
    qtbot.addWidget(drill)
    assert drill.drill.column == 7 and drill.table.rowCount() == 3
    drill.grab().save(shot(tmp_path, "report-01-tcd-drill-7.png"))
    opened: list[int] = []
    dialog.visit_open_requested.connect(opened.append)
    drill.table.setCurrentCell(0, 0)
    qtbot.keyClick(drill.table, Qt.Key.Key_Return)
    assert opened and opened[0] in {office.visits["r1"], office.visits["r3"],
                                    office.visits["r4"]}


def test_xld_and_exports(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    try:
        report_data.build(sqlite_desk)
        dialog = _dialog(qtbot, sqlite_desk)
        dialog.form_combo.setCurrentIndex(1)
        _compute(qtbot, dialog)
        assert dialog.cell_text(6) == str(XLD_EXPECTED[6])
        assert dialog.cell_text(21) == "0" and dialog.cell_text(22) == "0"
        assert dialog.xlsx_button.isEnabled()
        dialog.grab().save(shot(tmp_path, "report-01-xld-en.png"))
        dialog.save("xlsx", str(tmp_path / "xld.xlsx"))
        dialog.save("pdf", str(tmp_path / "xld.pdf"))
        assert (tmp_path / "xld.xlsx").read_bytes()[:2] == b"PK"
        assert (tmp_path / "xld.pdf").read_bytes()[:5] == b"%PDF-"
    finally:
        set_language("vi")


def test_custom_window_and_a_month(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, sqlite_desk)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("month"))
    dialog.month_box.setValue(11)
    assert dialog.period().code == "2026-11"
    assert not dialog.first_edit.isEnabled()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("custom"))
    assert dialog.first_edit.isEnabled() and not dialog.year_box.isEnabled()
    assert dialog.period().kind.value == "custom"


def test_the_form_chooser_offers_the_petition_forms(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reception_desk.domain.report_forms import ReportForm
    from tests.services import report_petitions_data

    set_language("vi")
    cases = report_petitions_data.build(sqlite_desk)
    sign_in_as(sqlite_desk, Role.CASE_HANDLER)
    dialog = _dialog(qtbot, sqlite_desk)
    offered = [dialog.form_combo.itemData(i) for i in range(dialog.form_combo.count())]
    assert offered == [f.value for f in ReportForm]  # 01/TCD, 01/XLD … 01/KQGQ
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findText("03/XLD"))
    _compute(qtbot, dialog)
    expected = report_petitions_data.XLD03_EXPECTED
    for number in range(1, 28):
        value = expected[number]
        assert dialog.cell_text(number) == ("—" if value is None else str(value)), number
    dialog.grab().save(shot(tmp_path, "report-03-xld.png"))
    data_row = dialog.data_row()
    dialog.grid.setFocus()
    dialog.grid.setCurrentCell(data_row, 23)  # column 23: tố cáo tiếp accepted
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Return)
    drills = [w for w in QApplication.topLevelWidgets() if isinstance(w, DrillDialog)]
    assert len(drills) == 1
    qtbot.addWidget(drills[0])
    assert drills[0].drill.ids == [cases["D3"]]
    drills[0].grab().save(shot(tmp_path, "report-03-xld-drill-23.png"))
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findText("01/KQGQ"))
    _compute(qtbot, dialog)
    assert dialog.cell_text(2) == "3" and dialog.cell_text(26) == "—"
    dialog.grab().save(shot(tmp_path, "report-01-kqgq.png"))


def test_the_trend_chart_over_12_report_months(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reception_desk.domain.report_forms import TREND_COLUMNS
    from reception_desk.domain.report_forms import ReportForm

    set_language("vi")
    report_data.build(sqlite_desk)
    dialog = _dialog(qtbot, sqlite_desk)
    _compute(qtbot, dialog)
    # Keyboard: Alt+G (Xu hướn&g) shows the chart page, which computes the trend.
    with qtbot.waitSignal(dialog.trend_computed, timeout=20_000):
        qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    chart = dialog.trend_chart
    trend = chart.trend
    assert trend is not None and trend.form is ReportForm.TCD_01
    assert trend.months[0] == (2025, 10) and trend.months[-1] == (2026, 9)
    assert set(trend.values) == set(TREND_COLUMNS[ReportForm.TCD_01])
    # The months of quarter III (15/06-14/09) add up to the quarter's columns.
    for column in (4, 13, 22):
        assert sum(trend.values[column][-3:]) == TCD_EXPECTED[column], column
    assert chart.series_names()[0] == "Lượt tiếp thường xuyên (cột 4)"
    chart.setFocus()
    assert chart.hasFocus()
    dialog.grab().save(shot(tmp_path, "report-trend-01-tcd.png"))
