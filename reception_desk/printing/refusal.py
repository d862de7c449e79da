"""Thông báo về việc từ chối tiếp công dân (NĐ 154/2026 Mẫu 01/TCD; LEGAL.md §2.3)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from reception_desk.printing.dto import Paper, RefusalNoticeData
from reception_desk.printing.layout import (
    build_pdf,
    closing_table,
    esc,
    header_table,
    identity_text,
    page_spec,
    spelled_date,
    styles_for,
    title_block,
)

KIND = "Thông báo"
SUMMARY = "Về việc từ chối tiếp công dân"


def _recipients(data: RefusalNoticeData) -> list[str]:
    lines = ["Như trên"]
    lines += [f"{x} (để biết)" for x in data.for_information]
    lines += [f"{x} (để phối hợp)" for x in data.for_coordination]
    lines.append(data.archive)
    return lines


def _story(data: RefusalNoticeData, paper: Paper) -> list[Flowable]:
    spec = page_spec(paper)
    st = styles_for(spec.scale)
    office = data.office
    who = f"{esc(data.citizen_title)} {esc(data.citizen_name)}"
    place = esc(data.receiving_place or office.sentence_name)
    paragraphs = [
        f"Ngày {spelled_date(data.visited_on).removeprefix('ngày ')}, {who}; "
        f"{identity_text(data.identity)}; địa chỉ: {esc(data.address)} đến {place} "
        f"để {esc(data.matter_kind)} về việc: {esc(data.matter_summary)}.",
        f"Căn cứ {esc(data.legal_basis)}, {esc(office.sentence_name)} thông báo từ chối tiếp "
        f"{who} về vụ việc nêu trên.",
        f"Lý do: {esc(data.reason.rstrip('. '))}.",
    ]
    story: list[Flowable] = [
        header_table(office, spec, st, number=data.number, kind="TB", on=data.issued_on),
        *title_block(KIND, SUMMARY, st),
        Paragraph(f"Kính gửi: {who}.", st.center),
        Spacer(1, st.size(8)),
        *[Paragraph(p, st.body) for p in paragraphs],
        Spacer(1, st.size(10)),
        closing_table(_recipients(data), data.signature or office.head, spec, st),
    ]
    return story


def render_refusal_notice(data: RefusalNoticeData, paper: Paper = Paper.A4) -> bytes:
    """The refusal notice as PDF bytes (A4, or A5 for a local short form)."""
    if paper is Paper.THERMAL_80MM:
        raise ValueError("A refusal notice is an administrative document: print it on A4 or A5")
    spec = page_spec(paper)
    return build_pdf(_story(data, paper), spec, title=f"{KIND} {SUMMARY.lower()}",
                     is_copy=data.is_copy).pdf
