"""The office's report settings: recipients (Nơi nhận) and submission day, saved with
compare-and-set, refused when wrong, printed on the PDF and the report's date line."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from reception_desk.domain import report_forms as rf
from reception_desk.domain.periods import quarter
from reception_desk.domain.periods import submission_date
from reception_desk.errors import UserError
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.services.reports.options import DEFAULT_RECIPIENTS
from reception_desk.services.reports.options import OPTIONS_KEY


def test_defaults_then_a_save_and_a_stale_save(desk) -> None:  # type: ignore[no-untyped-def]
    assert desk.reports.options() == ReportOptions(DEFAULT_RECIPIENTS, None)
    version = desk.setting_version(OPTIONS_KEY)
    changes = desk.reports.save_options(
        ReportOptions(("- Thanh tra tỉnh Ninh Bình;", "  ", "Lưu: VT"), 16), version)
    assert changes.settings == {OPTIONS_KEY}
    assert desk.reports.options() == ReportOptions(("Thanh tra tỉnh Ninh Bình", "Lưu: VT"), 16)
    with pytest.raises(UserError) as stale:
        desk.reports.save_options(ReportOptions(("Thanh tra tỉnh",), None), version)
    assert stale.value.code == "setting.changed_elsewhere"


@pytest.mark.parametrize(("options", "code"), [
    (ReportOptions((" ", ""), None), "report.recipients_required"),
    (ReportOptions(tuple(f"Nơi {i}" for i in range(13)), None), "report.recipients_too_many"),
    (ReportOptions(("Thanh tra tỉnh",), 29), "report.submission_day_invalid"),
    (ReportOptions(("x" * 301,), None), "text.too_long"),
])
def test_wrong_settings_are_refused(sqlite_desk, options: ReportOptions, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        sqlite_desk.reports.save_options(options)
    assert err.value.code == code
    assert sqlite_desk.setting_version(OPTIONS_KEY) == 0


def test_submission_date_is_the_next_such_day_after_the_window() -> None:
    assert submission_date(date(2026, 9, 14), 16) == date(2026, 9, 16)
    assert submission_date(date(2026, 9, 14), 14) == date(2026, 10, 14)
    assert submission_date(date(2026, 12, 14), 5) == date(2027, 1, 5)
    with pytest.raises(ValueError):
        submission_date(date(2026, 9, 14), 31)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_printed_report_carries_the_settings(sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    desk.reports.save_options(ReportOptions(("Thanh tra tỉnh Ninh Bình", "Ban Tiếp công dân tỉnh",
                                             "Lưu: VT"), 16))
    result = desk.reports.compute(rf.ReportForm.XLD_01, quarter(2026, 3))
    doc = desk.reports.document(result)
    assert doc.issued_on == date(2026, 9, 16)
    pdf = tmp_path / "xld.pdf"
    pdf.write_bytes(desk.reports.render_pdf(result))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "ngày 16 tháng 9 năm 2026" in text or "ngày 16 tháng 09 năm 2026" in text, text
    assert "Ban Tiếp công dân tỉnh" in text and "Thanh tra tỉnh Ninh Bình" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "xld")], check=True)
