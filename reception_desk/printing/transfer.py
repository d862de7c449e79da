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
#: A redacted copy names no one (Luật Tố cáo Art. 9(1)(b), 56; LEGAL.md §7.1).
SENDER_WITHHELD = "người gửi đơn"
WITHHELD_NOTE = "đã được giữ bí mật theo quy định của pháp luật"


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
    kind = esc(data.petition_kind)
    received = f"{spelled_date(data.received_on).capitalize()}, {body} nhận được {kind}"
    if data.identity_withheld:
        sender = SENDER_WITHHELD
        first = (f"{received} của {sender} (họ tên, địa chỉ, bút tích và thông tin cá nhân "
                 f"của {sender} {WITHHELD_NOTE}).")
        who = sender
    else:
        who = f"{esc(data.sender_title)} {esc(data.sender_name)}".strip()
        first = (f"{received} của {who}; {identity_text(data.identity)}; "
                 f"địa chỉ: {esc(data.address)}.")
    paragraphs = [
        first,
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
