"""Forms corrected in issue 12, rendered, read back and measured.

- NĐ 30/2020 Phụ lục I: margins top/bottom 20, left 30, right 15 mm on A4 and on the A5 slip;
  the parent body's name (box 2) 12–13 pt, never shrunk below 12 on A4; header columns apart.
- NĐ 154/2026 Mẫu 01/TCD (LEGAL.md §2.3): from 01/07/2026 the refusal notice cites Luật TCD
  Art. 9 and NĐ 154/2026 Art. 4(1).
"""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.printing.appointment import render_appointment_slip
from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.receipt import render_receipt
from reception_desk.printing.refusal import render_refusal_notice
from tests.printing.test_print_forms import assert_inside_margins

MM = 72 / 25.4
LONG_SUPERIOR = "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU THÀNH PHỐ"


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ["RD_SHOTS"]) if os.environ.get("RD_SHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    return out


def _png(pdf: bytes, out: Path, name: str) -> None:
    (out / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(out / f"{name}.pdf"), str(out / name)],
                   check=True)


def test_a5_appointment_slip_margins_and_header(appointment: AppointmentSlipData,
                                                tmp_path: Path) -> None:
    """Laid out for A5 at NĐ 30/2020's type sizes (issue 12), not an A4 layout scaled down:
    the header stacked in the 103 mm frame (box 2, then Quốc hiệu and Tiêu ngữ, then number and
    place-date), each line whole and none overlapping another."""
    office = dataclasses.replace(appointment.office, superior_body="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH")
    pdf = render_appointment_slip(dataclasses.replace(appointment, office=office,
                                                      number="05/PH-UBND"), Paper.A5)
    # One A5 sheet (pypdf: 148 × 210 mm), numbered, at full type size.
    assert probe.page_sizes(pdf) == [pytest.approx((419.5, 595.3), abs=0.5)]
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (148, 210)
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)
    for line in ("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "PHIẾU HẸN"):
        assert probe.has(pdf, line), line
    _, words = probe.words(pdf)
    lines: dict[float, list[probe.Word]] = {}
    for w in words:
        lines.setdefault(round(w.y0), []).append(w)
    tops = sorted(lines)
    # Stacked: the parent body, the Quốc hiệu and the place-date line each on their own line.
    order = [next(y for y in tops if any(w.text == first for w in lines[y]))
             for first in ("TỈNH", "CỘNG", "Độc")]
    assert order == sorted(order) and len(set(order)) == 3
    _png(pdf, _shots(tmp_path), "appointment-a5")


@pytest.mark.parametrize(("needle", "low", "high"), [
    # NĐ 30/2020 Phụ lục I (LEGAL.md §9), on the A5 slip at full size (issue 12).
    ("ỦY BAN NHÂN DÂN TỈNH", 12.0, 13.0),  # box 2, parent body: upright 12–13, ≥ 12
    ("CỘNG HÒA XÃ HỘI", 12.0, 13.0),  # box 1, Quốc hiệu 12–13
    ("Độc lập", 13.0, 14.0),  # box 1, Tiêu ngữ 13–14
    ("PHIẾU HẸN", 13.0, 14.0),  # box 5a, type name 13–14
    ("Địa điểm:", 13.0, 14.0),  # body 13–14
    ("Về việc:", 13.0, 14.0),
])
def test_a5_appointment_slip_type_sizes(appointment: AppointmentSlipData, needle: str,
                                        low: float, high: float) -> None:
    office = dataclasses.replace(appointment.office, superior_body="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH")
    pdf = render_appointment_slip(dataclasses.replace(appointment, office=office), Paper.A5)
    sizes = _font_sizes_of(pdf, needle)
    assert sizes and all(low - 0.01 <= s <= high + 0.01 for s in sizes), (needle, sizes)


def _font_sizes_of(pdf: bytes, needle: str) -> list[float]:
    """Effective sizes (font size × text matrix scale) of text runs containing ``needle``."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if needle in text:
            sizes.append(abs(size * tm[3] * cm[3]) if tm[3] and cm[3] else size)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    reader.pages[0].extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("superior", [LONG_SUPERIOR, "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"])
def test_superior_body_line_is_at_least_12_pt(receipt: ReceiptData, superior: str) -> None:
    office = dataclasses.replace(receipt.office, superior_body=superior)
    pdf = render_receipt(dataclasses.replace(receipt, office=office), Paper.A4)
    sizes = _font_sizes_of(pdf, "NHÂN DÂN TỈNH")
    assert sizes and min(sizes) >= 12 - 0.05, sizes


@pytest.mark.parametrize(
    ("issued_on", "cites_decree"),
    [
        pytest.param(date(2026, 6, 30), False, id="before-ND154"),
        pytest.param(date(2026, 7, 1), True, id="ND154-in-force"),
    ],
)
def test_refusal_notice_cites_nd154_from_01_07_2026(refusal: RefusalNoticeData, issued_on: date,
                                                    cites_decree: bool, tmp_path: Path) -> None:
    data = dataclasses.replace(refusal, issued_on=issued_on, visited_on=issued_on,
                               legal_basis="khoản 3 Điều 9 Luật Tiếp công dân")
    pdf = render_refusal_notice(data)
    cited = probe.has(pdf, "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân và khoản 1 Điều 4 Nghị "
                           "định số 154/2026/NĐ-CP")
    assert cited is cites_decree
    if cites_decree:
        _png(pdf, _shots(tmp_path), "refusal-after-nd154")
