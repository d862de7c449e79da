"""The minutes for signature (issue 14 items 4, 5): Biên bản tiếp công dân of a visit and Biên
bản đối thoại, read back with pdftotext as a person checking them would; a denouncer under
secrecy is withheld on the minutes for every viewer (Luật TC Art. 9, 56; LEGAL.md §7.1)."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from datetime import datetime
from pathlib import Path

import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.config import OFFICE_TZ
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.errors import UserError
from reception_desk.printing.dto import Paper
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from tests.conftest import sample_draft

P = ParticipantRole


def _text(pdf: bytes) -> str:
    return probe.squash(probe.nfc(probe._run(["pdftotext", "-raw", "-enc", "UTF-8"], pdf)))


def _png(pdf: bytes, name: str, folder: Path) -> Path:
    """Render page 1 at 60 dpi for looking at (kept under /tmp/dialogue-shots when it exists)."""
    out = Path("/tmp/dialogue-shots") if os.path.isdir("/tmp/dialogue-shots") else folder
    pdf_path = folder / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf_path),
                    str(out / name)], check=True)
    return out


def test_visit_minutes_carry_content_documents_answer_and_three_signatures(sqlite_desk,
                                                                            tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk))
    pdf = desk.documents.visit_minutes(visit.id, minute_taker="Ngô Thị Ghi")
    _png(pdf, "visit-minutes", tmp_path)
    text = _text(pdf)
    for needle in ("BIÊN BẢN", "Về việc tiếp công dân", "Nguyễn Văn Đức", "037085001234",
                   "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất",
                   "1. Đơn kiến nghị, 02 trang", "2. Bản sao sổ đỏ, 03 trang",
                   "Thụ lý để giải quyết", "Hẹn trả lời trong 10 ngày làm việc",
                   "lập thành 02 bản", "NGƯỜI ĐƯỢC TIẾP", "(Ký hoặc điểm chỉ, ghi rõ họ tên)",
                   "NGƯỜI TIẾP CÔNG DÂN", "NGƯỜI GHI BIÊN BẢN", "Ngô Thị Ghi",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert probe.squash(needle) in text, needle


def test_a_denouncer_under_secrecy_is_withheld_on_the_minutes(sqlite_desk, tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION,
                                           citizen_name="Đinh Văn Tố", id_number="037085009999",
                                           field_code=None))
    pdf = desk.documents.visit_minutes(visit.id)
    _png(pdf, "visit-minutes-denouncer", tmp_path)
    text = _text(pdf)
    for hidden in ("Đinh Văn Tố", "037085009999", "Thôn Đông"):
        assert probe.squash(hidden) not in text, hidden
    for shown in ("(đã được giữ bí mật)", "Điều 56 Luật Tố cáo"):
        assert probe.squash(shown) in text, shown


def test_voided_visit_has_no_minutes_and_no_roll_paper(sqlite_desk):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk))
    with pytest.raises(ValueError):
        desk.documents.visit_minutes(visit.id, Paper.THERMAL_80MM)
    desk.void_visit(visit.id, "Ghi trùng lượt tiếp")
    with pytest.raises(UserError) as err:
        desk.documents.visit_minutes(visit.id)
    assert err.value.code == "minutes.visit_voided"


def test_dialogue_minutes_carry_participants_opinions_result(sqlite_desk, tmp_path):
    desk = sqlite_desk
    case, _ = desk.cases.open_case(NewCase(case_type=CaseType.COMPLAINT_SECOND,
                                           title="Khiếu nại quyết định thu hồi đất",
                                           received_on=date(2026, 11, 2)))
    desk.cases.record_event(EventDraft(case_id=case.id, kind=EventKind.ACCEPT,
                                       document_date=date(2026, 11, 4)))
    at = datetime(2026, 11, 26, 8, 30, tzinfo=OFFICE_TZ)
    people = (Participant(P.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã",
                          "Đề nghị hai bên trình bày."),
              Participant(P.COMPLAINANT, "Trần Thị Khiếu", "thôn Đông",
                          "Giữ nguyên yêu cầu bồi thường."),
              Participant(P.RESPONDENT, "Phạm Văn Bị", "Công chức địa chính",
                          "Việc thu hồi đúng quy định."),
              Participant(P.MINUTE_TAKER, "Ngô Thị Ghi", "Công chức văn phòng"))
    dto, _ = desk.cases.schedule_dialogue(ScheduleDialogue(case.id, at, "Hội trường UBND xã",
                                                           people, topic="Mức bồi thường"))
    desk.cases.hold_dialogue(HoldDialogue(dto.id, at, people,
                                          "Thống nhất đo đạc lại diện tích thửa 215."))
    pdf = desk.documents.dialogue_minutes(dto.id)
    _png(pdf, "dialogue-minutes", tmp_path)
    text = _text(pdf)
    for needle in ("Đối thoại giải quyết khiếu nại", "Hội trường UBND xã",
                   f"Về vụ việc số {case.number}", "Người chủ trì: Lê Văn Chủ",
                   "Người khiếu nại Trần Thị Khiếu: Giữ nguyên yêu cầu bồi thường.",
                   "Người bị khiếu nại Phạm Văn Bị: Việc thu hồi đúng quy định.",
                   "Mức bồi thường", "Thống nhất đo đạc lại diện tích thửa 215.",
                   "ghi rõ lý do", "NGƯỜI CHỦ TRÌ", "NGƯỜI GHI BIÊN BẢN", "NGƯỜI KHIẾU NẠI",
                   "NGƯỜI BỊ KHIẾU NẠI"):
        assert probe.squash(needle) in text, needle
