"""The weekly review pack read back: every flagged case and its reasons in the text, fonts
embedded, A4 pages; rendered to PNG for a look (RD_KEEP_PNG=DIR keeps the images)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reception_desk.domain.cases import ComplexityCriterion as C
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.hotspots import CaseSnapshot
from reception_desk.domain.hotspots import ComplaintLink
from reception_desk.domain.hotspots import EventFact
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Trend
from reception_desk.domain.hotspots import VisitFact
from reception_desk.domain.hotspots import weekly
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.weekly_pack import PackCrowdVisit
from reception_desk.printing.weekly_pack import PackDirective
from reception_desk.printing.weekly_pack import PackDueCase
from reception_desk.printing.weekly_pack import PackHotspot
from reception_desk.printing.weekly_pack import WeeklyPackDocument
from reception_desk.printing.weekly_pack import explain_vi
from reception_desk.printing.weekly_pack import render_weekly_pack

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date(2026, 11, 27)
WEEK = IsoWeek(2026, 48)
TITLES = {
    1: "Khiếu nại Quyết định thu hồi đất số 125/QĐ-UBND của hộ ông Nguyễn Văn Đức",
    2: "Phản ánh ô nhiễm khói bụi xưởng gỗ thôn Đông",
    3: "Tố cáo cán bộ địa chính xã nhận tiền",
    4: "Kiến nghị bồi thường giải phóng mặt bằng đường ĐT 477",
}


def sample_document() -> WeeklyPackDocument:
    cases = [
        CaseSnapshot(1, date(2026, 3, 2), due_on=date(2026, 11, 20), field_code="kn.hc.dat_dai",
                     criteria=frozenset({C.MANY_PEOPLE, C.SEVERAL_BODIES})),
        CaseSnapshot(2, date(2026, 11, 2), field_code="pakn.moi_truong",
                     visits=(VisitFact(11, date(2026, 11, 24), 14, True, True),),
                     # LEGAL.md §6.4 (c): the province had it 8 days after the commune.
                     events=(EventFact(32, EventKind.VERIFY, date(2026, 11, 10),
                                       HandlingLevel.PROVINCE),)),
        CaseSnapshot(3, date(2026, 10, 1), due_on=date(2026, 12, 20),
                     # LEGAL.md §6.4 (b): a second complaint lodged before this one is decided.
                     complaint_links=(ComplaintLink(3, 7, date(2026, 11, 20), None,
                                                    date(2026, 12, 20), "3/2026", "7/2026"),),
                     events=(EventFact(31, EventKind.VERIFY, date(2026, 11, 10),
                                       HandlingLevel.PROVINCE),),
                     visits=(VisitFact(21, date(2026, 9, 1)), VisitFact(22, date(2026, 10, 1)),
                             VisitFact(23, date(2026, 11, 25)))),
        CaseSnapshot(4, date(2026, 10, 1), ended_on=date(2026, 11, 24),
                     field_code="kn.hc.boi_thuong"),
    ]
    labels = {"kn.hc.dat_dai": "Đất đai, nhà cửa", "pakn.moi_truong": "Môi trường",
              "kn.hc.boi_thuong": "Bồi thường, giải phóng mặt bằng, tái định cư"}
    hot = weekly(cases, HotspotPolicy(), WEEK, TODAY, frozenset(labels))
    return WeeklyPackDocument(
        office=OfficeHeader(body_name="ỦY BAN NHÂN DÂN\nXÃ YÊN PHÚ", place_name="Yên Phú",
                            superior_body="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"),
        week=WEEK, issued_on=TODAY,
        hotspots=[PackHotspot(h.rank, h.trend, f"{h.case_id}/2026", TITLES[h.case_id],
                              labels.get(next(c.field_code for c in cases
                                              if c.id == h.case_id) or "", ""), h.score,
                              h.flags) for h in hot],
        overdue=[PackDueCase("1/2026", TITLES[1], date(2026, 11, 20), -7, -5)],
        due_next_week=[PackDueCase("5/2026", "Kiến nghị sửa chữa cầu treo bản Mường",
                                   date(2026, 12, 2), 5, 3)],
        crowd_visits=[PackCrowdVisit("412/2026", date(2026, 11, 24), "Trần Văn Ổn", 14, True,
                                     True, "Phản ánh khói bụi xưởng gỗ gây ảnh hưởng sức khỏe",
                                     "2/2026")],
        directives=[PackDirective("1/2026", TITLES[1], "Tổ chức đối thoại với các hộ dân "
                                  "trước ngày 04/12/2026", "Trần Thị Thu", date(2026, 12, 4),
                                  DueStatus.DUE_SOON, False)],
        signature=SignatureBlock(title="Người lập báo cáo", name="Trần Thị Thu",
                                 note="(Ký, ghi rõ họ tên)"),
        addressee="Chủ tịch Ủy ban nhân dân xã Yên Phú",
        field_labels=labels,
        recipients=["Chủ tịch UBND xã (để chỉ đạo)", "Lưu: VT"],
    )


def _text(pdf: Path, crop: tuple[int, int] | None = None) -> str:
    """Text of the PDF; ``crop`` = (x, width) in points reads one table column only (cells side
    by side interleave their lines otherwise)."""
    args = ["pdftotext", str(pdf), "-"]
    if crop:
        args[1:1] = ["-x", str(crop[0]), "-y", "0", "-W", str(crop[1]), "-H", "842"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_every_flagged_case_and_reason_is_printed(tmp_path: Path) -> None:
    doc = sample_document()
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render_weekly_pack(doc))
    text = " ".join(_text(pdf).split())
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                   "Danh sách vụ việc có nguy cơ trở thành điểm nóng tuần 48/2026",
                   "I. VỤ VIỆC CÓ NGUY CƠ", "II. VỤ VIỆC QUÁ HẠN", "III. VỤ VIỆC ĐẾN HẠN",
                   "IV. LƯỢT TIẾP CÔNG DÂN ĐÔNG NGƯỜI", "V. Ý KIẾN CHỈ ĐẠO", "Trần Văn Ổn",
                   "NGƯỜI LẬP BÁO CÁO", "Trần Thị Thu", "không phải quy định của pháp luật",
                   "hạ nhiệt so với tuần trước", "4/2026"):
        assert phrase in text, phrase
    # The "Lý do" column: 30 mm margin + 36 % of the 165 mm frame, 44 % wide.
    frame = 165 * 72 / 25.4
    reasons = "".join(_text(pdf, (int(30 * 72 / 25.4 + 0.36 * frame), int(0.44 * frame)))
                      .split())
    for h in doc.hotspots:
        assert h.case_number in text
        if h.trend is Trend.COOLED:
            continue  # listed by name only: it no longer meets any criterion
        for f in h.flags:
            # Table cells wrap: compare without white space.
            assert "".join(explain_vi(f.explanation, doc.field_labels).split()) in reasons, \
                f.explanation.key


def test_fonts_embedded_and_a4(tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render_weekly_pack(sample_document()))
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert not any("Helvetica" in line for line in fonts)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert "595.276 x 841.89" in info


def test_render_png(tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render_weekly_pack(sample_document()))
    out = Path(os.environ.get("RD_KEEP_PNG", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out / "weekly_pack")],
                   check=True)
    assert list(out.glob("weekly_pack*.png"))


def test_explanations_in_vietnamese() -> None:
    doc = sample_document()
    keys = {f.explanation.key: explain_vi(f.explanation, doc.field_labels)
            for h in doc.hotspots for f in h.flags}
    assert keys["bypass.higher_level"].startswith("Vượt cấp") and "cấp tỉnh" in \
        keys["bypass.higher_level"]
    for key in ("bypass_second.premature", "bypass_simultaneous.levels"):
        assert keys[key].startswith("Vượt cấp (định nghĩa nghiệp vụ") and \
            "không phải quy định pháp luật" in keys[key], key
    assert "khiếu nại lần hai số 7/2026 gửi ngày 20/11/2026" in keys["bypass_second.premature"]
    assert "Thông tư 07/2014/TT-TTCP" in keys["bypass_simultaneous.levels"]
    assert keys["sensitive_field.field"].startswith("Lĩnh vực nhạy cảm: ")
    assert keys["sensitive_field.field"] != "Lĩnh vực nhạy cảm: kn.hc.dat_dai"
    assert all(not v.startswith(("overdue", "crowd", "repeat")) for v in keys.values())


def _many(doc: WeeklyPackDocument, copies: int) -> WeeklyPackDocument:
    """``doc`` with its first active hotspot repeated under new numbers, ranked 1..copies."""
    first = next(h for h in doc.hotspots if h.trend is not Trend.COOLED)
    many = [replace(first, rank=i, case_number=f"{900 + i}/2026") for i in range(1, copies + 1)]
    return replace(doc, hotspots=many, overdue=[replace(doc.overdue[0], case_number=f"{i}/2025")
                                                for i in range(1, 121)])


def test_pack_lists_the_top_hotspots_and_counts_the_rest(tmp_path: Path) -> None:
    doc = _many(sample_document(), 7)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render_weekly_pack(doc, max_hotspots=5))
    text = " ".join(_text(pdf).split())
    assert all(f"{900 + i}/2026" in text for i in range(1, 6))
    assert "906/2026" not in text and "907/2026" not in text
    assert "… và 2 vụ việc khác (xem danh sách trên máy)." in text
    assert "báo cáo 7 vụ việc có nguy cơ" in text


def test_long_tables_run_over_pages_with_every_row_once(tmp_path: Path) -> None:
    """Rows measured once and packed per page: each row printed once, in order, the heading
    repeated on every page of the table."""
    doc = _many(sample_document(), 150)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render_weekly_pack(doc, max_hotspots=None))
    text = _text(pdf)
    numbers = re.findall(r"\b(9\d\d|10\d\d)/2026\b", text)
    assert numbers == [str(900 + i) for i in range(1, 151)]
    overdue = re.findall(r"\b(\d+)/2025\b", text)
    assert overdue == [str(i) for i in range(1, 121)]
    pages = text.split("\f")
    assert len(pages) > 10
    assert sum("Lý do" in page for page in pages) > 5  # the hotspot heading repeats
    assert "NGƯỜI LẬP BÁO CÁO" in pages[-2] + pages[-1]
