"""Giấy biên nhận thông tin, tài liệu (NĐ 154/2026 Mẫu 02/TCD; LEGAL.md §2.2)."""

from __future__ import annotations

import dataclasses
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepInFrame
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table

from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import PageSpec
from reception_desk.printing.layout import Styles
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import build_roll
from reception_desk.printing.layout import cell_padding
from reception_desk.printing.layout import clock
from reception_desk.printing.layout import content_height
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import identity_text
from reception_desk.printing.layout import narrow_header
from reception_desk.printing.layout import narrow_signature
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import qr_block
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import table_style
from reception_desk.printing.layout import title_block
from reception_desk.printing.layout import two_signatures

TITLE = "Giấy biên nhận"
SUBTITLE = "Thông tin, tài liệu"
PROVIDER_SIGN = "Người cung cấp thông tin, tài liệu"
RECEIVER_SIGN = "Người tiếp nhận"

# Type scales tried in turn so that a long list still fits one A4 page; 0.85 keeps the body at
# 11 pt, the smallest still comfortable to read.
_A4_SCALES = (1.0, 0.93, 0.85)


def _fields(data: ReceiptData, st: Styles, *, compact: bool) -> list[Flowable]:
    style = st.plain if compact else st.body
    at = data.issued_at
    texts = [
        f"Vào hồi {clock(at)}, {spelled_date(at.date())}, tại {esc(data.place)}.",
        f"Tôi là: <b>{esc(data.receiver_name)}</b>",
        f"Chức vụ: {esc(data.receiver_position)}",
        f"Đã nhận của {esc(data.provider_title)}: <b>{esc(data.provider_name)}</b>",
        identity_text(data.identity),
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
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *cell_padding(pad, pad, pad * 0.6, pad),
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
    story = narrow_header(data.office, st, number=data.number, on=data.issued_at.date(),
                          is_copy=data.is_copy)
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
    for sig in _signatures(data):
        story += narrow_signature(sig, st, st.size(48))
    if data.qr_payload:
        story.append(Spacer(1, st.size(12)))
        story.append(qr_block(data.qr_payload, data.verification_code, st, 30 * mm))
    return story


def render_receipt(data: ReceiptData, paper: Paper = Paper.A4) -> bytes:
    """The receipt as PDF bytes. A4 always fits one page; the thermal roll is cut to length."""
    title = f"{TITLE} {SUBTITLE.lower()} - {data.provider_name}"
    if paper is Paper.THERMAL_80MM:
        return build_roll(lambda spec: _thermal_story(data, spec), title=title).pdf
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
