"""Phiếu chuyển đơn to the competent body (TT 05/2021 Mẫu 03 lineage; LEGAL.md §1.2, §2.4)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from reception_desk.printing.dto import Paper, TransferSlipData
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

KIND = "Phiếu chuyển đơn"


def _recipients(data: TransferSlipData) -> list[str]:
    lines = ["Như trên"]
    if data.notify_sender:
        lines.append("Người gửi đơn (để biết)")
    lines += [f"{x} (để biết)" for x in data.for_information]
    lines.append(data.archive)
    return lines


def _story(data: TransferSlipData, paper: Paper) -> list[Flowable]:
    spec = page_spec(paper)
    st = styles_for(spec.scale)
    office = data.office
    body = esc(office.sentence_name)
    who = f"{esc(data.sender_title)} {esc(data.sender_name)}"
    kind = esc(data.petition_kind)
    paragraphs = [
        f"{spelled_date(data.received_on).capitalize()}, {body} nhận được {kind} của "
        f"{who}; {identity_text(data.identity)}; địa chỉ: {esc(data.address)}.",
        f"Nội dung đơn: {esc(data.summary)}",
        f"Căn cứ {esc(data.legal_basis)}, {body} chuyển {kind} của {who} đến "
        f"{esc(data.addressee)} để xem xét, giải quyết theo thẩm quyền và thông báo kết quả "
        f"giải quyết cho {body} theo quy định.",
    ]
    if data.attachments:
        paragraphs.append(f"<i>({esc(data.attachments)})</i>")
    return [
        header_table(office, spec, st, number=data.number, kind="PC", on=data.issued_on),
        *title_block(KIND, None, st),
        Paragraph(f"Kính gửi: {esc(data.addressee)}.", st.center),
        Spacer(1, st.size(8)),
        *[Paragraph(p, st.body) for p in paragraphs],
        Spacer(1, st.size(10)),
        closing_table(_recipients(data), data.signature or office.head, spec, st),
    ]


def render_transfer_slip(data: TransferSlipData, paper: Paper = Paper.A4) -> bytes:
    """The transfer slip as PDF bytes (A4 or A5)."""
    if paper is Paper.THERMAL_80MM:
        raise ValueError("A transfer slip is an administrative document: print it on A4 or A5")
    spec = page_spec(paper)
    return build_pdf(_story(data, paper), spec, title=f"{KIND} - {data.number}",
                     is_copy=data.is_copy).pdf
