"""Thông báo về việc từ chối tiếp công dân (NĐ 154/2026 Mẫu 01/TCD; LEGAL.md §2.3)."""

from __future__ import annotations

from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.layout import Letter
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import identity_text
from reception_desk.printing.layout import letter_pdf
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.wording import refusal_basis

KIND = "Thông báo"
SUMMARY = "Về việc từ chối tiếp công dân"


def _recipients(data: RefusalNoticeData) -> list[str]:
    lines = ["Như trên"]
    lines += [f"{x} (để biết)" for x in data.for_information]
    lines += [f"{x} (để phối hợp)" for x in data.for_coordination]
    lines.append(data.archive)
    return lines


def _letter(data: RefusalNoticeData) -> Letter:
    office = data.office
    who = f"{esc(data.citizen_title)} {esc(data.citizen_name)}"
    place = esc(data.receiving_place or office.sentence_name)
    paragraphs = [
        f"Ngày {spelled_date(data.visited_on).removeprefix('ngày ')}, {who}; "
        f"{identity_text(data.identity)}; địa chỉ: {esc(data.address)} đến {place} "
        f"để {esc(data.matter_kind)} về việc: {esc(data.matter_summary)}.",
        f"Căn cứ {esc(refusal_basis(data.legal_basis, data.issued_on))}, "
        f"{esc(office.sentence_name)} thông báo từ chối tiếp "
        f"{who} về vụ việc nêu trên.",
        f"Lý do: {esc(data.reason.rstrip('. '))}.",
    ]
    return Letter(office, data.number, "TB", data.issued_on, KIND, SUMMARY, who, paragraphs,
                  _recipients(data), data.signature or office.head)


def render_refusal_notice(data: RefusalNoticeData, paper: Paper = Paper.A4) -> bytes:
    """The refusal notice as PDF bytes (A4, or A5 for a local short form)."""
    return letter_pdf(_letter(data), paper, what="A refusal notice",
                      title=f"{KIND} {SUMMARY.lower()}", is_copy=data.is_copy)
