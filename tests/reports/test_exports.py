"""The statutory forms exported: XLSX in the template's layout read back with openpyxl (values,
merged ranges, formulas, font, print setup); PDF in the NĐ 30/2020 layout read back with
pdftotext and rendered with pdftoppm (the PNGs go to tmp_path for looking)."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reception_desk.domain.report_forms import ReportForm
from tests.services import report_data
from tests.services.report_data import TCD_EXPECTED
from tests.services.report_data import WINDOW
from tests.services.report_data import XLD_EXPECTED


@pytest.fixture
def office_desk(sqlite_desk):  # type: ignore[no-untyped-def]
    report_data.build(sqlite_desk)
    return sqlite_desk


def test_01_tcd_xlsx_has_the_template_layout_values_and_formulas(office_desk) -> None:  # type: ignore[no-untyped-def]
    result = office_desk.reports.compute(ReportForm.TCD_01, WINDOW)
    book = load_workbook(BytesIO(office_desk.reports.render_xlsx(result)))
    sheet = book.active
    assert sheet["A1"].value.startswith("TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN")
    assert sheet["A2"].value == "(Số liệu tính từ ngày 15/06/2026 đến ngày 14/09/2026)"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:AD1", "E3:L3", "M4:U4", "V4:AD4", "AA5:AD5"} <= merged
    assert sheet["M5"].value == "Số kỳ tiếp" and sheet["A7"].value == "MS"
    assert sheet["B7"].value == "1=4+13+22" and sheet["AD7"].value == 29
    assert sheet["B8"].value == "=SUM(E8,N8,W8)"
    assert sheet["C8"].value == "=SUM(F8,O8,X8)"
    assert sheet["D8"].value == "=SUM(G8,H8,P8,Q8,Y8,Z8)"
    for number in range(4, 30):
        assert sheet.cell(8, number + 1).value == TCD_EXPECTED[number], number
    assert "Số kỳ tiếp (cột 12, 21)" in sheet["A10"].value
    assert sheet["E8"].font.name == "Times New Roman"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_area == "'01-TCD'!$A$1:$AD$10"


def test_01_xld_xlsx_values_and_formulas(office_desk) -> None:  # type: ignore[no-untyped-def]
    result = office_desk.reports.compute(ReportForm.XLD_01, WINDOW)
    sheet = load_workbook(BytesIO(office_desk.reports.render_xlsx(result))).active
    assert sheet["B6"].value == "1=2+3=4+5"
    assert sheet["B7"].value == "=SUM(C7,D7)"
    assert sheet["O7"].value == "=SUM(P7,Q7,R7)"
    assert sheet["S7"].value == "=SUM(T7,U7,V7)"
    assert [sheet.cell(7, n + 1).value for n in (2, 3, 6, 7, 11, 12, 13)] == [
        XLD_EXPECTED[n] for n in (2, 3, 6, 7, 11, 12, 13)]
    # Urging (21) and replies (22) are recorded on the case page (migration 0013): none here.
    assert sheet["V7"].value == 0 and sheet["W7"].value == 0
    assert "chưa ghi nhận" not in sheet["A9"].value


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("form", [ReportForm.TCD_01, ReportForm.XLD_01])
def test_pdf_report_reads_back_with_its_nd30_parts(office_desk, form, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = office_desk.reports.compute(form, WINDOW)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(office_desk.reports.render_pdf(result, number="07"))
    text = _pdftotext(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 07/BC-UBND" in text
    assert "BÁO CÁO" in text and form.value in text
    assert "từ ngày 15/06/2026 đến ngày 14/09/2026" in text
    assert "Nơi nhận:" in text and "CHỦ TỊCH" in text and "Nguyễn Văn Hùng" in text
    if form is ReportForm.TCD_01:
        # The office's row: 1, 2, 3 then 4 … 29, as in the fixture's known answers.
        row = r"\s+".join(str(TCD_EXPECTED[n]) for n in range(1, 30))
        assert re.search(row, text), text
        assert "30. Ghi chú: Số kỳ tiếp (cột 12, 21)" in text
    else:
        row = r"\s+".join(str(XLD_EXPECTED[n]) for n in range(1, 23))
        assert re.search(row, text), text
        assert "chưa ghi nhận" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info  # the form and its signature together
    assert re.search(r"^Page size:\s+841\.89 x 595\.276", info, re.M), info  # landscape A4
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                   check=True)
    assert list(tmp_path.glob("page*.png"))
