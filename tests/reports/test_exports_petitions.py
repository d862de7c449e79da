"""02/XLD, 03/XLD, 04/XLD and 01/KQGQ exported: XLSX read back with openpyxl (headings, merged
ranges, formulas for the totals, values, "—" for what is not recorded), PDF read back with
pdftotext and rendered with pdftoppm."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reception_desk.domain.report_forms import ReportForm
from reception_desk.reports.layout import LAYOUTS
from tests.services import report_petitions_data as data
from tests.services.report_data import WINDOW

EXPECTED = {
    ReportForm.XLD_02: data.XLD02_EXPECTED,
    ReportForm.XLD_03: data.XLD03_EXPECTED,
    ReportForm.XLD_04: data.XLD04_EXPECTED,
    ReportForm.KQGQ_01: data.KQGQ01_EXPECTED,
}


@pytest.fixture(scope="module")
def petitions_desk(tmp_path_factory):  # type: ignore[no-untyped-def]
    from tests.conftest import make_desk

    url = f"sqlite:///{tmp_path_factory.mktemp('petitions') / 'desk.sqlite3'}"
    desk = make_desk(url)
    data.build(desk)
    yield desk
    desk.close()


@pytest.mark.parametrize("form", list(EXPECTED))
def test_xlsx_has_the_template_layout_values_and_formulas(petitions_desk, form) -> None:  # type: ignore[no-untyped-def]
    layout = LAYOUTS[form]
    expected = EXPECTED[form]
    result = petitions_desk.reports.compute(form, WINDOW)
    sheet = load_workbook(BytesIO(petitions_desk.reports.render_xlsx(result))).active
    last = get_column_letter(layout.last_column)
    assert sheet["A1"].value == layout.title
    assert sheet["A2"].value == "(Số liệu tính từ ngày 15/06/2026 đến ngày 14/09/2026)"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert set(layout.merged) <= merged and f"A1:{last}1" in merged
    assert sheet.cell(layout.ms_row, 1).value == "MS"
    totals = dict(layout.formulas)
    row = layout.data_row
    for number, value in expected.items():
        cell = sheet.cell(row, number + 1).value
        if number in totals:
            parts = ",".join(f"{get_column_letter(p + 1)}{row}" for p in totals[number])
            assert cell == f"=SUM({parts})", (form, number)
        elif value is None:
            assert cell == "—", (form, number)
        else:
            assert cell == value, (form, number)
    unrecorded = any(v is None for v in expected.values())
    assert ("phần mềm chưa ghi nhận" in sheet.cell(layout.note_row, 1).value) is unrecorded
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_area == f"'{form.value.replace('/', '-')}'!$A$1:${last}${layout.note_row}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("form", list(EXPECTED))
def test_pdf_reads_back_with_the_office_row(petitions_desk, form, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = petitions_desk.reports.compute(form, WINDOW)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(petitions_desk.reports.render_pdf(result, number="08"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Số: 08/BC-UBND" in text and f"Biểu mẫu số {form.value}" in " ".join(text.split())
    assert "Nơi nhận:" in text and "CHỦ TỊCH" in text
    first_counts = [str(v) for n, v in sorted(EXPECTED[form].items()) if n <= 6]
    assert re.search(r"\s+".join(first_counts), text), text
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Page size:\s+841\.89 x 595\.276", info, re.M), info
    shots = Path(os.environ.get("REPORT_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    prefix = shots / form.value.replace("/", "-")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(prefix)], check=True)
    assert list(shots.glob(f"{prefix.name}*.png"))
