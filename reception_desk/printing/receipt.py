"""Giấy biên nhận thông tin, tài liệu (NĐ 154/2026 Mẫu 02/TCD; LEGAL.md §2.2)."""

from __future__ import annotations

import dataclasses
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from reception_desk.printing.dto import IdentityPaper, Paper, ReceiptData, SignatureBlock
from reception_desk.printing.layout import (
    HRule,
    PageSpec,
    QrCode,
    Styles,
    build_pdf,
    clock,
    content_height,
    copy_mark,
    date_line,
    esc,
    header_table,
    page_spec,
    qr_block,
    short_date,
    spelled_date,
    styles_for,
    title_block,
    two_signatures,
)

TITLE = "Giấy biên nhận"
SUBTITLE = "Thông tin, tài liệu"
PROVIDER_SIGN = "Người cung cấp thông tin, tài liệu"
RECEIVER_SIGN = "Người tiếp nhận"

# Type scales tried in turn so that a long list still fits one A4 page; 0.85 keeps the body at
# 11 pt, the smallest still comfortable to read.
_A4_SCALES = (1.0, 0.93, 0.85)


def identity_line(identity: IdentityPaper | None) -> str:
    """ "Số căn cước: …, ngày cấp: …, nơi cấp: …" with dots for what is unknown."""
    if identity is None:
        return "Số căn cước/hộ chiếu: …………, ngày cấp: …………, nơi cấp: …………"
    return (f"{esc(identity.label)}: {esc(identity.number)}, ngày cấp: "
            f"{short_date(identity.issued_on)}, nơi cấp: {esc(identity.issued_by) or '…………'}")


def _fields(data: ReceiptData, st: Styles, *, compact: bool) -> list[Flowable]:
    style = st.plain if compact else st.body
    at = data.issued_at
    texts = [
        f"Vào hồi {clock(at)}, {spelled_date(at.date())}, tại {esc(data.place)}.",
        f"Tôi là: <b>{esc(data.receiver_name)}</b>",
        f"Chức vụ: {esc(data.receiver_position)}",
        f"Đã nhận của {esc(data.provider_title)}: <b>{esc(data.provider_name)}</b>",
        identity_line(data.identity),
        f"Địa chỉ: {esc(data.address)}",
        "Các thông tin, tài liệu sau:",
    ]
    return [Paragraph(t, style) for t in texts]


def _pages(n: int | None) -> str:
    return f"{n:02d}" if n is not None else ""


def _items_table(data: ReceiptData, st: Styles, width: float) -> Table:
    widths = [11 * mm * st.scale, 0.0, 18 * mm * st.scale, 44 * mm * st.scale]
    widths[1] = width - sum(widths)
    head = [Paragraph(t, st.cell_head) for t in
            ("STT", "Tên thông tin, tài liệu", "Số trang", "Tình trạng")]
    rows: list[list[Any]] = [head]
    for i, item in enumerate(data.documents, start=1):
        rows.append([
            Paragraph(str(i), st.cell_center),
            Paragraph(esc(item.name), st.cell),
            Paragraph(_pages(item.pages), st.cell_center),
            Paragraph(esc(item.condition), st.cell),
        ])
    if not data.documents:
        rows.append([Paragraph("", st.cell), Paragraph("(Không có)", st.cell), "", ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    pad = st.size(2.5)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ]))
    return table


def _copies_text(data: ReceiptData) -> str:
    return (f"Giấy biên nhận được lập thành {data.copies:02d} bản; giao 01 bản cho người "
            "cung cấp thông tin, tài liệu.")


def _signatures(data: ReceiptData) -> tuple[SignatureBlock, SignatureBlock]:
    provider = SignatureBlock(title=PROVIDER_SIGN, name=data.provider_name,
                              note="(Ký, ghi rõ họ tên)")
    receiver = SignatureBlock(title=RECEIVER_SIGN, name=data.receiver_name,
                              note="(Ký, ghi rõ họ tên, đóng dấu nếu có)")
    return provider, receiver


def _page_story(data: ReceiptData, spec: PageSpec) -> list[Flowable]:
    st = styles_for(spec.scale)
    story: list[Flowable] = [
        header_table(data.office, spec, st, number=data.number, kind=None,
                     on=data.issued_at.date()),
        *title_block(TITLE, SUBTITLE, st),
        *_fields(data, st, compact=False),
        _items_table(data, st, spec.frame_width),
        Spacer(1, st.size(6)),
        Paragraph(_copies_text(data), st.body),
        Spacer(1, st.size(4)),
    ]
    corner = None
    if data.qr_payload:
        corner = qr_block(data.qr_payload, data.verification_code, st, st.size(62))
    provider, receiver = _signatures(data)
    story.append(two_signatures(provider, receiver, spec, st, corner=corner,
                                space=st.size(56)))
    return story


def _thermal_story(data: ReceiptData, spec: PageSpec) -> list[Flowable]:
    """Single narrow column for an 80 mm roll: same content, stacked."""
    st = styles_for(spec.scale)
    office = data.office
    story: list[Flowable] = [copy_mark(st), Spacer(1, st.size(4))] if data.is_copy else []
    if office.superior_body:
        story.append(Paragraph(esc(office.superior_body.upper()), st.superior))
    story.append(Paragraph("<br/>".join(esc(x.strip()) for x in office.body_name.upper()
                                        .splitlines() if x.strip()), st.body_name))
    story.append(HRule(18 * mm, space=st.size(2)))
    story += [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.national),
        Paragraph("Độc lập - Tự do - Hạnh phúc", st.motto),
        HRule(38 * mm, space=st.size(2)),
    ]
    if data.number:
        story.append(Paragraph(f"Số: {esc(data.number)}", st.number))
    story.append(Paragraph(esc(date_line(office, data.issued_at.date())), st.dateline))
    story.append(Spacer(1, st.size(8)))
    story.append(Paragraph(TITLE.upper(), st.title))
    story.append(Paragraph(SUBTITLE, st.subtitle))
    story.append(Spacer(1, st.size(6)))
    story += _fields(data, st, compact=True)
    for i, item in enumerate(data.documents, start=1):
        details = [x for x in (f"{item.pages:02d} trang" if item.pages is not None else "",
                               item.condition) if x]
        tail = f" ({esc('; '.join(details))})" if details else ""
        story.append(Paragraph(f"{i}. {esc(item.name)}{tail}", st.plain))
    story.append(Spacer(1, st.size(4)))
    story.append(Paragraph(_copies_text(data), st.plain))
    provider, receiver = _signatures(data)
    for sig in (provider, receiver):
        story.append(Spacer(1, st.size(10)))
        story.append(Paragraph(esc(sig.title.upper()), st.sign_title))
        story.append(Paragraph(esc(sig.note), st.sign_note))
        story.append(Spacer(1, st.size(48)))
        story.append(Paragraph(esc(sig.name), st.sign_title))
    if data.qr_payload:
        story.append(Spacer(1, st.size(12)))
        qr = QrCode(data.qr_payload, 30 * mm)
        qr.hAlign = "CENTER"
        story.append(qr)
        if data.verification_code:
            story.append(Paragraph(f"Mã tra cứu: {esc(data.verification_code)}", st.small))
    return story


def render_receipt(data: ReceiptData, paper: Paper = Paper.A4) -> bytes:
    """The receipt as PDF bytes. A4 always fits one page; the thermal roll is cut to length."""
    title = f"{TITLE} {SUBTITLE.lower()} - {data.provider_name}"
    if paper is Paper.THERMAL_80MM:
        probe = page_spec(paper)
        height = content_height(_thermal_story(data, probe), probe.frame_width)
        # Slack covers rounding between our estimate and the frame's own accounting.
        spec = page_spec(paper, height=height + probe.top + probe.bottom + 6 * mm)
        return build_pdf(_thermal_story(data, spec), spec, title=title, is_copy=data.is_copy,
                         number_pages=False).pdf
    base = page_spec(paper)
    if paper is Paper.A5:
        return build_pdf(_page_story(data, base), base, title=title, is_copy=data.is_copy).pdf
    for scale in _A4_SCALES:
        spec = dataclasses.replace(base, scale=scale)
        # Measuring is much cheaper than building: only build the first scale that fits.
        if content_height(_page_story(data, spec), spec.frame_width) > spec.frame_height * 0.97:
            continue
        built = build_pdf(_page_story(data, spec), spec, title=title, is_copy=data.is_copy)
        if built.pages == 1:
            return built.pdf
    # Still too long (dozens of documents): shrink the whole form into the page.
    spec = dataclasses.replace(base, scale=_A4_SCALES[-1])
    fitted = KeepInFrame(spec.frame_width, spec.frame_height, _page_story(data, spec),
                         mode="shrink")
    return build_pdf([fitted], spec, title=title, is_copy=data.is_copy).pdf
