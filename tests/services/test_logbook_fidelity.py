"""The logbook as printed from saved visits (issue 12; LEGAL.md §2.1).

- Layout per visit date: TT 04/2021 Mẫu 03 (12 columns) before 01/07/2026, NĐ 154/2026 Mẫu
  03/TCD (13 columns) from that day, so a range crossing it prints in two parts.
- Luật TCD 2013 Art. 25(2): the book records the reception and the handling of every visit: a
  refusal (with its notice number, Luật TCD Art. 9(3)), an explanation, a filed đơn.
- "Theo dõi kết quả giải quyết" is filled from the linked case once it is decided / ended.
- The transfer number printed is the slip actually issued (TT 05/2021 Mẫu: phiếu chuyển).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from datetime import datetime
from pathlib import Path

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.printing.dto import LogbookLayout
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.documents.dto import RefusalCommand
from reception_desk.services.documents.dto import TransferCommand
from tests.conftest import Clock
from tests.conftest import sample_draft

SHOTS = Path(os.environ.get("RD_SHOTS", "")) if os.environ.get("RD_SHOTS") else None


def _at(clock: Clock, iso: str) -> None:
    clock.moment = datetime.fromisoformat(iso)


def _visit(desk, **overrides):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(desk, **overrides))
    return visit


def test_logbook_across_01_07_2026_prints_each_visit_in_its_form(sqlite_desk, clock,
                                                                 tmp_path: Path):
    desk = sqlite_desk
    _at(clock, "2026-06-24T02:30:00+00:00")  # Wed 24/06/2026, 09:30 office time
    refused = _visit(desk, citizen_name="Lê Văn Tuấn", direction=HandlingDirection.REFUSE,
                     petition_type=PetitionType.COMPLAINT,
                     content="Khiếu nại việc đã được giải quyết đúng pháp luật.")
    desk.documents.issue_refusal(RefusalCommand(
        refused.id, reason="Vụ việc đã được giải quyết đúng chính sách, pháp luật."))
    _visit(desk, citizen_name="Phạm Thị Lan", direction=HandlingDirection.EXPLAIN,
           content="Hỏi về thủ tục tách thửa đất ở.")
    _at(clock, "2026-07-06T02:30:00+00:00")  # Mon 06/07/2026
    _visit(desk, citizen_name="Hoàng Văn Nam", direction=HandlingDirection.FILE,
           content="Đơn trùng nội dung đã giải quyết.")
    moved = _visit(desk, citizen_name="Vũ Thị Hoa", direction=HandlingDirection.TRANSFER,
                   petition_type=PetitionType.PETITION, within_competence=False,
                   target_body="Sở Nông nghiệp và Môi trường tỉnh Ninh Bình",
                   target_doc_number="99/XX", content="Kiến nghị về nước tưới vụ mùa.")
    slip, _ = desk.documents.issue_transfer(TransferCommand(moved.id))
    accepted = _visit(desk, citizen_name="Đinh Văn Hải", content="Kiến nghị sửa đường thôn.")
    case, _ = desk.cases.open_from_visit(accepted.id)
    _at(clock, "2026-07-08T02:30:00+00:00")
    desk.cases.record_event(EventDraft(case.id, EventKind.ACCEPT))
    desk.cases.record_event(EventDraft(case.id, EventKind.DECIDE, document_number="15/QĐ-UBND",
                                       document_date=date(2026, 7, 8)))
    desk.cases.record_event(EventDraft(case.id, EventKind.CLOSE))

    pages = desk.documents.logbook(date(2026, 6, 22), date(2026, 7, 10))
    assert pages.rows == 5
    pdf = pages.pdf
    text = probe.text(pdf)
    flat = probe.squash(text)
    june, july = flat.split(probe.squash("Mẫu số 03/TCD"))
    sq = probe.squash
    # June part: 12-column form (TT 04/2021) and the June visits only; July part: 13 columns.
    assert sq("Thông tư số 04/2021/TT-TTCP") in june and sq("Phân loại đơn/Số người") in june
    assert sq("Lê Văn Tuấn") in june and sq("Phạm Thị Lan") in june
    assert sq("Hoàng Văn Nam") not in june and sq("Thuộc thẩm quyền") not in june
    assert sq("Thuộc thẩm quyền") in july and sq("Hoàng Văn Nam") in july
    assert sq("Lê Văn Tuấn") not in july and sq("Phân loại đơn/Số người") not in july
    # Each part names its own period (the form name follows the period line).
    assert flat.index(sq("(Ngày 24/06/2026)")) < flat.index(sq("(Ngày 06/07/2026)"))
    # Handling of directions without a column, with the refusal notice's number.
    assert probe.has(pdf, "Từ chối tiếp công dân (Thông báo số 01/TB-UBND)")
    assert probe.has(pdf, "Giải thích, yêu cầu chấp hành")
    assert probe.has(pdf, "Lưu đơn")
    # The transfer number is the slip's, not the number typed at the counter.
    assert slip.document.number_text == "01/PC-UBND"
    assert probe.has(pdf, "Sở Nông nghiệp và Môi trường tỉnh Ninh Bình (văn bản số 01/PC-UBND)")
    assert "99/XX" not in text
    # Follow-up from the closed case.
    assert probe.has(pdf, f"Vụ việc {case.number}: QĐ/KL số 15/QĐ-UBND ngày 08/07/2026; "
                          "kết thúc 08/07/2026")
    assert pages.layout is LogbookLayout.ND154_2026
    out = SHOTS or tmp_path
    out.mkdir(parents=True, exist_ok=True)
    (out / "logbook-split.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(out / "logbook-split.pdf"),
                    str(out / "logbook-split")], check=True)
    assert len(list(out.glob("logbook-split*.png"))) >= 2


def test_four_digit_stt_stays_on_one_line() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reception_desk.printing.dto import Paper
    from reception_desk.printing.fonts import register_fonts
    from reception_desk.printing.layout import page_spec
    from reception_desk.printing.logbook import _PAD
    from reception_desk.printing.logbook import column_widths

    spec = page_spec(Paper.A4, landscape_page=True)
    font = register_fonts().regular
    for layout in LogbookLayout:
        inner = column_widths(layout, spec.frame_width)[0] - 2 * _PAD
        assert stringWidth("9999", font, 10) <= inner, layout
