"""Phiếu hẹn: when and where the citizen comes back (TT 06/2014 Mẫu 04-TCD lineage; local form)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer

from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import HRule
from reception_desk.printing.layout import PageSpec
from reception_desk.printing.layout import Styles
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import build_roll
from reception_desk.printing.layout import clock
from reception_desk.printing.layout import closing_table
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import identity_text
from reception_desk.printing.layout import narrow_header
from reception_desk.printing.layout import narrow_signature
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import title_block
from reception_desk.printing.layout import weekday

KIND = "Phiếu hẹn"


def _issuer(data: AppointmentSlipData) -> SignatureBlock:
    return data.issuer or SignatureBlock(title="Người viết phiếu", note="(Ký, ghi rõ họ tên)")


def _fields(data: AppointmentSlipData, st: Styles, *, compact: bool,
            style: ParagraphStyle | None = None, inline_list: bool = False) -> list[Flowable]:
    """The slip's lines; ``inline_list``: what to bring on the same line, "a; b." (the A5
    sheet has no room for one line per item at 13 pt)."""
    style = style or (st.plain if compact else st.body)
    at = data.appointment_at
    texts = [
        f"{esc(data.office.sentence_name)} hẹn {esc(data.citizen_title)}: "
        f"<b>{esc(data.citizen_name)}</b>",
        identity_text(data.identity),
        f"Địa chỉ: {esc(data.address)}",
        f"Về việc: {esc(data.matter_summary)}",
        f"Đến gặp: {esc(data.meet_with)}",
        f"Thời gian: <b>{clock(at)}, {weekday(at.date())}, {spelled_date(at.date())}</b>",
        f"Địa điểm: {esc(data.appointment_place)}",
    ]
    out = [Paragraph(t, style) for t in texts]
    if data.bring and inline_list:
        items = "; ".join(esc(x.strip().rstrip(";.")) for x in data.bring)
        out.append(Paragraph(f"Khi đến, đề nghị mang theo: {items}.", style))
    elif data.bring:
        out.append(Paragraph("Khi đến, đề nghị mang theo:", style))
        out += [Paragraph(f"- {esc(x)};", style) for x in data.bring]
    if data.contact:
        out.append(Paragraph(f"Mọi thông tin xin liên hệ: {esc(data.contact)}", style))
    return out


def _page_story(data: AppointmentSlipData, spec: PageSpec) -> list[Flowable]:
    st = styles_for(spec.scale)
    if spec.paper is Paper.A5:
        return _a5_story(data, spec, st)
    return [
        header_table(data.office, spec, st, number=data.number, kind=None, on=data.issued_on),
        *title_block(KIND, None, st),
        *_fields(data, st, compact=False),
        Spacer(1, st.size(8)),
        closing_table(None, _issuer(data), spec, st),
    ]


def _a5_story(data: AppointmentSlipData, spec: PageSpec, st: Styles) -> list[Flowable]:
    """The slip laid out for A5 at NĐ 30/2020's type sizes (issue 12): body 13 pt, box 2 at
    12 pt (wrapping rather than shrinking), Quốc hiệu 12 pt, Tiêu ngữ and date 13.5 pt, type name
    14 pt — not an A4 layout scaled to 78 %. The 103 mm frame stacks the header; the signature
    sits in the right half as on A4."""
    return [
        *narrow_header(data.office, st, number=data.number, on=data.issued_on, is_copy=False),
        Paragraph(KIND.upper(), st.title),
        HRule(_title_rule(st), space=st.size(3)),
        Spacer(1, st.size(4)),
        # Form lines ("Về việc: …"), left-aligned: justified 13 pt in a 103 mm column stretches
        # the spaces of short lines.
        *_fields(data, st, compact=True, style=_a5_lines(st), inline_list=True),
        Spacer(1, st.size(2)),
        closing_table(None, _issuer(data), spec, st, sign_space=st.size(30)),
    ]


def _a5_lines(st: Styles) -> ParagraphStyle:
    """13 pt form lines at single spacing (1.15), 1 pt apart: the slip keeps one A5 sheet."""
    return ParagraphStyle("a5_lines", parent=st.plain, leading=st.plain.fontSize * 1.15,
                          spaceAfter=1)


def _title_rule(st: Styles) -> float:
    return float(stringWidth(KIND.upper(), st.fonts.bold, st.title.fontSize)) * 0.4


def _roll_story(data: AppointmentSlipData, spec: PageSpec) -> list[Flowable]:
    st = styles_for(spec.scale)
    return [
        *narrow_header(data.office, st, number=data.number, on=data.issued_on,
                       is_copy=data.is_copy),
        Paragraph(KIND.upper(), st.title),
        Spacer(1, st.size(6)),
        *_fields(data, st, compact=True),
        *narrow_signature(_issuer(data), st, st.size(44)),
    ]


def render_appointment_slip(data: AppointmentSlipData, paper: Paper = Paper.A5) -> bytes:
    """The appointment slip as PDF bytes; A5 by default (a slip handed to the citizen)."""
    title = f"{KIND} - {data.citizen_name}"
    if paper is Paper.THERMAL_80MM:
        return build_roll(lambda spec: _roll_story(data, spec), title=title).pdf
    # NĐ 30/2020 Phụ lục I margins (top/bottom 20, left 30, right 15 mm) on the A5 slip too.
    spec = page_spec(paper, nd30_margins=True)
    return build_pdf(_page_story(data, spec), spec, title=title, is_copy=data.is_copy).pdf
