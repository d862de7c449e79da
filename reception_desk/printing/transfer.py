"""Phiếu chuyển đơn to the competent body (TT 05/2021 Mẫu 03 lineage; LEGAL.md §1.2, §2.4)."""

from __future__ import annotations

from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import TransferSlipData
from reception_desk.printing.layout import Letter
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import identity_text
from reception_desk.printing.layout import letter_pdf
from reception_desk.printing.layout import spelled_date

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


def _letter(data: TransferSlipData) -> Letter:
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
    if data.replaces:
        paragraphs.append(f"Phiếu này thay thế Phiếu chuyển đơn số {esc(data.replaces)}; phiếu "
                          "đó không còn giá trị.")
    if data.attachments:
        paragraphs.append(f"<i>({esc(data.attachments)})</i>")
    return Letter(office, data.number, "PC", data.issued_on, KIND, None, esc(data.addressee),
                  paragraphs, _recipients(data), data.signature or office.head)


def render_transfer_slip(data: TransferSlipData, paper: Paper = Paper.A4) -> bytes:
    """The transfer slip as PDF bytes (A4 or A5)."""
    return letter_pdf(_letter(data), paper, what="A transfer slip",
                      title=f"{KIND} - {data.number}", is_copy=data.is_copy)
