"""Building blocks shared by every form: NĐ 30/2020 page geometry, header, title, signature,
"Nơi nhận", page numbers, copy marking, QR code and the PDF build itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import A5
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus import Flowable
from reportlab.platypus import Frame
from reportlab.platypus import PageTemplate
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from reception_desk.printing.dto import IdentityPaper
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.fonts import FontSet
from reception_desk.printing.fonts import register_fonts

#: Page streams are Flate-compressed only, not ASCII85-encoded on top: without ReportLab's C
#: accelerator that encoding is a Python loop over every byte of every page (a tenth of a
#: 1,000-visit logbook's time), and it makes the file a quarter larger. What prints is the same.
rl_config.useA85 = 0

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
COPY_MARK = "BẢN SAO"
THERMAL_WIDTH = 80 * mm


# --------------------------------------------------------------------------- page geometry


@dataclass(frozen=True)
class PageSpec:
    """Page size, margins and type scale of one paper."""

    paper: Paper
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    scale: float  # 1.0 = the NĐ 30/2020 sizes on A4

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


def page_spec(
    paper: Paper, *, landscape_page: bool = False, height: float | None = None,
    nd30_margins: bool = False,
) -> PageSpec:
    """Geometry for ``paper``. A4 follows NĐ 30/2020 Phụ lục I (top/bottom 20, left 30, right
    15 mm).

    Landscape A4 keeps the binding margin on the left. A5 is a local size with smaller type and
    proportionally smaller margins so a receipt still fits one sheet — except with
    ``nd30_margins`` (the appointment slip, issue 12): NĐ 30/2020's margins and its type sizes
    at full scale (body 13–14 pt, box 2 ≥ 12 pt), laid out for the A5 sheet by the caller rather
    than an A4 layout scaled down. The thermal roll uses the printer's printable width; its
    ``height`` is chosen by the caller to fit the content.
    """
    if paper is Paper.A4:
        w, h = landscape(A4) if landscape_page else A4
        return PageSpec(paper, w, h, 30 * mm, 15 * mm, 20 * mm, 20 * mm, 1.0)
    if paper is Paper.A5:
        w, h = landscape(A5) if landscape_page else A5
        if nd30_margins:
            return PageSpec(paper, w, h, 30 * mm, 15 * mm, 20 * mm, 20 * mm, 1.0)
        return PageSpec(paper, w, h, 15 * mm, 10 * mm, 12 * mm, 12 * mm, 0.78)
    # 80 mm rolls print about 72 mm: 4 mm either side.
    return PageSpec(
        paper, THERMAL_WIDTH, height or 200 * mm, 4 * mm, 4 * mm, 4 * mm, 6 * mm, 0.68
    )


# --------------------------------------------------------------------------- text helpers


def esc(text: str) -> str:
    """Escape citizen-entered text for Paragraph markup; keep line breaks."""
    return escape(text).replace("\n", "<br/>")


def _day(d: date) -> str:
    # NĐ 30/2020 Phụ lục I: days below 10 and months 1, 2 take a leading zero.
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def spelled_date(d: date) -> str:
    """ "ngày 05 tháng 02 năm 2026" """
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def date_line(office: OfficeHeader, d: date) -> str:
    """Place-and-date line (box 4): "Xã Yên Phú, ngày 05 tháng 02 năm 2026"."""
    return f"{office.dated_place}, {spelled_date(d)}"


def short_date(d: date | None) -> str:
    """ "12/03/2021", or dots for hand-filling when unknown."""
    return d.strftime("%d/%m/%Y") if d else "…………"


def clock(t: datetime) -> str:
    """ "09 giờ 30 phút" """
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday(d: date) -> str:
    """ "Thứ Năm" """
    return _WEEKDAYS[d.weekday()]


def identity_text(identity: IdentityPaper | None) -> str:
    """ "Số căn cước: …, ngày cấp: …, nơi cấp: …" (markup-escaped), dots where unknown."""
    if identity is None:
        return "Số căn cước/hộ chiếu: …………, ngày cấp: …………, nơi cấp: …………"
    return (f"{esc(identity.label)}: {esc(identity.number)}, ngày cấp: "
            f"{short_date(identity.issued_on)}, nơi cấp: {esc(identity.issued_by) or '…………'}")


def document_number(sequence: int, kind: str, symbol: str) -> str:
    """Number line content per NĐ 30/2020: ``document_number(5, "TB", "UBND")`` → "05/TB-UBND"."""
    return f"{sequence:02d}/{kind}-{symbol}"


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one type scale."""

    fonts: FontSet
    scale: float
    body: ParagraphStyle  # justified, first-line indent 1 cm
    plain: ParagraphStyle  # left, no indent
    center: ParagraphStyle
    center_bold: ParagraphStyle
    center_italic: ParagraphStyle
    superior: ParagraphStyle  # parent body: upright, 12-13
    body_name: ParagraphStyle  # issuing body: bold, 12-13
    national: ParagraphStyle  # Quốc hiệu: bold 12-13
    motto: ParagraphStyle  # Tiêu ngữ: bold 13-14
    number: ParagraphStyle  # "Số: …" size 13
    dateline: ParagraphStyle  # italic 13-14
    title: ParagraphStyle  # type name, bold 14
    subtitle: ParagraphStyle  # trích yếu, bold 14
    sign_title: ParagraphStyle  # bold 13-14
    sign_note: ParagraphStyle  # italic
    recipients_head: ParagraphStyle  # "Nơi nhận:" bold italic 12
    recipients: ParagraphStyle  # list, 11
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle

    def size(self, pt: float) -> float:
        return round(pt * self.scale * 2) / 2


@lru_cache(maxsize=16)
def styles_for(scale: float) -> Styles:
    """Styles for a type scale (1.0 = A4 sizes of NĐ 30/2020); cached per scale."""
    f = register_fonts()

    def sz(pt: float) -> float:
        return round(pt * scale * 2) / 2

    def st(name: str, size: float, font: str | None = None, **kw: Any) -> ParagraphStyle:
        s = sz(size)
        kw.setdefault("leading", s * 1.22)
        return ParagraphStyle(name, fontName=font or f.regular, fontSize=s, **kw)

    return Styles(
        fonts=f,
        scale=scale,
        body=st("body", 13, alignment=TA_JUSTIFY, firstLineIndent=10 * mm * scale,
                spaceAfter=sz(6)),
        plain=st("plain", 13, alignment=TA_LEFT, spaceAfter=sz(3)),
        center=st("center", 13, alignment=TA_CENTER),
        center_bold=st("center_bold", 13, f.bold, alignment=TA_CENTER),
        center_italic=st("center_italic", 13, f.italic, alignment=TA_CENTER),
        superior=st("superior", 12, alignment=TA_CENTER, leading=sz(12) * 1.15),
        body_name=st("body_name", 12, f.bold, alignment=TA_CENTER, leading=sz(12) * 1.15),
        national=st("national", 12, f.bold, alignment=TA_CENTER, leading=sz(12) * 1.15),
        motto=st("motto", 13.5, f.bold, alignment=TA_CENTER, leading=sz(13.5) * 1.15),
        number=st("number", 13, alignment=TA_CENTER),
        dateline=st("dateline", 13.5, f.italic, alignment=TA_CENTER),
        title=st("title", 14, f.bold, alignment=TA_CENTER, leading=sz(14) * 1.2),
        subtitle=st("subtitle", 14, f.bold, alignment=TA_CENTER, leading=sz(14) * 1.2),
        sign_title=st("sign_title", 13.5, f.bold, alignment=TA_CENTER, leading=sz(13.5) * 1.15),
        sign_note=st("sign_note", 12.5, f.italic, alignment=TA_CENTER),
        recipients_head=st("recipients_head", 12, f.bold_italic, alignment=TA_LEFT),
        recipients=st("recipients", 11, alignment=TA_LEFT, leading=sz(11) * 1.15),
        cell=st("cell", 12, alignment=TA_LEFT, leading=sz(12) * 1.15),
        cell_center=st("cell_center", 12, alignment=TA_CENTER, leading=sz(12) * 1.15),
        cell_head=st("cell_head", 12, f.bold, alignment=TA_CENTER, leading=sz(12) * 1.15),
        small=st("small", 9.5, alignment=TA_CENTER, leading=sz(9.5) * 1.15),
    )


# --------------------------------------------------------------------------- flowables


def table_style(cmds: Sequence[Any]) -> TableStyle:
    """A TableStyle whose default cell font is ours: Table's default is Helvetica, which would
    land in the PDF as an unembedded font even for empty cells."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts().regular), *cmds])


def cell_padding(left: float, right: float, top: float, bottom: float) -> list[Any]:
    """The padding of every cell of a table, side by side (style commands)."""
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]


class HRule(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """A solid horizontal line of fixed length, centred in the available width."""

    def __init__(self, length: float, thickness: float = 0.6, space: float = 1.5) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space = space
        self._avail = length

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        return availWidth, self.space * 2 + self.thickness

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(self.thickness)
        x0 = (self._avail - self.length) / 2
        y = self.space + self.thickness / 2
        c.line(x0, y, x0 + self.length, y)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled rectangles from ReportLab's QR encoder matrix.

    Drawing the matrix ourselves (instead of QrCodeWidget's Drawing) keeps the unembedded
    Helvetica resource the widget adds out of the PDF (STACK.md).
    """

    def __init__(self, payload: str, size: float, level: str = "M", border: int = 2) -> None:
        super().__init__()
        widget = QrCodeWidget(payload, barLevel=level)
        widget.qr.make()
        self.modules: list[list[bool]] = [
            [bool(v) for v in row] for row in widget.qr.modules
        ]
        self.size = size
        self.border = border
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        n = len(self.modules)
        unit = self.size / (n + 2 * self.border)
        c.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            y = self.size - (r + 1 + self.border) * unit
            col = 0
            # One rectangle per horizontal run: fewer objects, no hairline seams between modules.
            while col < n:
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < n and row[col]:
                    col += 1
                c.rect((start + self.border) * unit, y, (col - start) * unit, unit,
                       stroke=0, fill=1)


# --------------------------------------------------------------------------- header


def fit_style(text: str, style: ParagraphStyle, width: float,
              min_ratio: float = 0.8) -> ParagraphStyle:
    """``style``, shrunk (down to ``min_ratio``) so one-line ``text`` fits ``width``; longer
    text wraps instead of shrinking further."""
    need = _text_width(text, style.fontName, style.fontSize)
    if need <= width:
        return style
    size = max(style.fontSize * width / need * 0.995, style.fontSize * min_ratio)
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _text_width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def header_table(
    office: OfficeHeader,
    spec: PageSpec,
    st: Styles,
    *,
    number: str | None,
    kind: str | None,
    on: date | None,
) -> Table:
    """NĐ 30/2020 boxes 1–4: issuing body | Quốc hiệu + Tiêu ngữ; "Số:" | place and date.

    ``number`` is the full number ("05/TB-UBND"); if None but ``kind`` is given, a blank
    "Số:      /TB-UBND" is printed for hand numbering; if both are None no number line is printed.
    """
    width = spec.frame_width
    # On A4 "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" (12 pt) and the Quốc hiệu (12 pt bold) fit side by
    # side only just: 45.5 % / 54.5 % with a 6 pt gutter leaves both at their legal size.
    left_w = width * 0.455
    right_w = width - left_w
    # Keeps the two header columns apart; on the narrow A5 slip at least 5 mm of white.
    gutter = 5 * mm if spec.paper is Paper.A5 else st.size(6)
    fit_left, fit_right = left_w - gutter / 2, right_w - gutter / 2
    # NĐ 30/2020 Phụ lục I box 2: the parent and issuing body names are 12–13 pt; on A4 they may
    # wrap but never shrink below 12 pt (the type of smaller sheets is scaled as a whole).
    legal_min = st.size(12)

    left: list[Flowable] = []
    if office.superior_body:
        sup = office.superior_body.upper()
        left.append(Paragraph(esc(sup), fit_style(
            sup, st.superior, fit_left, min_ratio=legal_min / st.superior.fontSize)))
    name_lines = _lines(office.body_name.upper())
    name_style = fit_style(max(name_lines, key=len, default=""), st.body_name, fit_left,
                           min_ratio=legal_min / st.body_name.fontSize)
    left.append(Paragraph("<br/>".join(esc(x) for x in name_lines), name_style))
    widest = max((_text_width(x, name_style.fontName, name_style.fontSize) for x in name_lines),
                 default=0.0)
    # Underline 1/3–1/2 of the body name (box 2).
    left.append(HRule(min(widest, left_w) * 0.4, space=st.size(3)))

    right: list[Flowable] = [
        Paragraph(NATIONAL_NAME, fit_style(NATIONAL_NAME, st.national, fit_right)),
        Paragraph(MOTTO, st.motto),
        HRule(_text_width(MOTTO, st.fonts.bold, st.motto.fontSize), space=st.size(2.5)),
    ]

    if number:
        num_text = f"Số: {esc(number)}"
    elif kind:
        num_text = f"Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/{esc(kind)}-{esc(office.symbol)}"
    else:
        num_text = ""
    rows: list[list[Any]] = [[left, right]]
    if num_text or on:
        rows.append([
            Paragraph(num_text, st.number) if num_text else "",
            Paragraph(esc(date_line(office, on)), st.dateline) if on else "",
        ])
    table = Table(rows, colWidths=[left_w, right_w])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), gutter / 2),
        ("LEFTPADDING", (1, 0), (1, -1), gutter / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), st.size(2)),
        ("TOPPADDING", (0, 1), (-1, 1), st.size(4)),
    ]))
    return table


def narrow_header(
    office: OfficeHeader, st: Styles, *, number: str | None, on: date | None, is_copy: bool
) -> list[Flowable]:
    """The header stacked in one column: for an 80 mm roll, and for the A5 slip at NĐ 30/2020's
    full type sizes (its 103 mm frame cannot hold the 12 pt Quốc hiệu beside box 2). NĐ 30's
    reading order is kept: issuing body (boxes 2, 3 follow below), Quốc hiệu and Tiêu ngữ (box 1),
    number, place and date (box 4)."""
    out: list[Flowable] = [copy_mark(st), Spacer(1, st.size(4))] if is_copy else []
    if office.superior_body:
        out.append(Paragraph(esc(office.superior_body.upper()), st.superior))
    name_lines = _lines(office.body_name.upper())
    out.append(Paragraph("<br/>".join(esc(x) for x in name_lines), st.body_name))
    out.append(HRule(18 * mm, space=st.size(3)))
    out += [
        Paragraph(NATIONAL_NAME, st.national),
        Paragraph(MOTTO, st.motto),
        HRule(_text_width(MOTTO, st.fonts.bold, st.motto.fontSize), space=st.size(2.5)),
    ]
    if number:
        out.append(Paragraph(f"Số: {esc(number)}", st.number))
    if on:
        out.append(Paragraph(esc(date_line(office, on)), st.dateline))
    out.append(Spacer(1, st.size(8)))
    return out


def narrow_signature(sig: SignatureBlock, st: Styles, space: float) -> list[Flowable]:
    """One signature block in a single narrow column."""
    return [Spacer(1, st.size(10)), *signature_flowables(sig, st, space)]


def title_block(kind: str, summary: str | None, st: Styles) -> list[Flowable]:
    """Type name (uppercase bold) + trích yếu (bold) + short underline (box 5a)."""
    out: list[Flowable] = [Spacer(1, st.size(16)), Paragraph(esc(kind.upper()), st.title)]
    last_w = _text_width(kind.upper(), st.fonts.bold, st.title.fontSize)
    if summary:
        out.append(Paragraph(esc(summary), st.subtitle))
        last_w = _text_width(summary, st.fonts.bold, st.subtitle.fontSize)
    out.append(HRule(last_w * 0.4, space=st.size(3)))
    out.append(Spacer(1, st.size(10)))
    return out


def signature_flowables(
    sig: SignatureBlock, st: Styles, space: float | None = None
) -> list[Flowable]:
    """Authority, title, "(Ký, …)", room to sign, name (boxes 7a–7c)."""
    out: list[Flowable] = []
    if sig.authority:
        out.append(Paragraph(esc(sig.authority.upper()), st.sign_title))
    out.append(Paragraph(esc(sig.title.upper()), st.sign_title))
    if sig.note:
        out.append(Paragraph(esc(sig.note), st.sign_note))
    out.append(Spacer(1, space if space is not None else st.size(62)))
    if sig.name:
        out.append(Paragraph(esc(sig.name), st.sign_title))
    return out


def recipients_flowables(lines: Sequence[str], st: Styles) -> list[Flowable]:
    """ "Nơi nhận:" and its list (box 9b); each line "- …;" and the last "- Lưu: …." """
    out: list[Flowable] = [Paragraph("Nơi nhận:", st.recipients_head)]
    for i, line in enumerate(lines):
        text = line.strip().rstrip(";.")
        end = "." if i == len(lines) - 1 else ";"
        out.append(Paragraph(f"- {esc(text)}{end}", st.recipients))
    return out


def closing_table(
    recipients: Sequence[str] | None, signature: SignatureBlock, spec: PageSpec, st: Styles,
    sign_space: float | None = None,
) -> Table:
    """Nơi nhận on the left, signature on the right, top-aligned on the same row;
    ``sign_space``: the room to sign (default as ``signature_flowables``)."""
    width = spec.frame_width
    left_w = width * 0.45
    left: Any = recipients_flowables(recipients, st) if recipients else ""
    table = Table([[left, signature_flowables(signature, st, sign_space)]],
                  colWidths=[left_w, width - left_w])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    table.keepWithNext = False
    return table


@dataclass(frozen=True)
class Letter:
    """An administrative letter of the office (NĐ 30/2020 layout): the header with its number,
    the title, "Kính gửi", the body paragraphs (ReportLab markup, already escaped), then the
    recipients (Nơi nhận) beside the signature."""

    office: OfficeHeader
    number: str
    kind_code: str  # the document kind in the number: TB, PC …
    issued_on: date
    kind: str
    summary: str | None
    addressee: str
    paragraphs: Sequence[str]
    recipients: Sequence[str]
    signature: SignatureBlock


def letter_pdf(it: Letter, paper: Paper, *, what: str, title: str, is_copy: bool) -> bytes:
    """The letter as PDF bytes, on A4 or A5 only: ``what`` names it in the refusal of a thermal
    roll."""
    if paper is Paper.THERMAL_80MM:
        raise ValueError(f"{what} is an administrative document: print it on A4 or A5")
    spec = page_spec(paper)
    st = styles_for(spec.scale)
    story: list[Flowable] = [
        header_table(it.office, spec, st, number=it.number, kind=it.kind_code, on=it.issued_on),
        *title_block(it.kind, it.summary, st),
        Paragraph(f"Kính gửi: {it.addressee}.", st.center),
        Spacer(1, st.size(8)),
        *[Paragraph(p, st.body) for p in it.paragraphs],
        Spacer(1, st.size(10)),
        closing_table(it.recipients, it.signature, spec, st),
    ]
    return build_pdf(story, spec, title=title, is_copy=is_copy).pdf


def two_signatures(left: SignatureBlock, right: SignatureBlock, spec: PageSpec, st: Styles,
                   *, corner: Flowable | None = None, space: float | None = None) -> Table:
    """Two signatures side by side, names on one line, optionally a small block (QR) at the
    bottom-left corner."""
    width = spec.frame_width
    lead: list[Any] = []
    widths: list[float] = []
    if corner is not None:
        corner_w = corner.wrap(width, spec.frame_height)[0] + st.size(6)
        lead = [corner]
        widths.append(corner_w)
        width -= corner_w
    widths += [width / 2, width / 2]

    def head(sig: SignatureBlock) -> Paragraph:
        lines = [x for x in (sig.authority, sig.title) if x]
        return Paragraph("<br/>".join(esc(x.upper()) for x in lines), st.sign_title)

    gap = space if space is not None else st.size(62)
    pad = [""] * len(lead)
    rows: list[list[Any]] = [
        [*lead, head(left), head(right)],
        [*pad, Paragraph(esc(left.note), st.sign_note), Paragraph(esc(right.note), st.sign_note)],
        [*pad, Spacer(1, gap), Spacer(1, gap)],
        [*pad, Paragraph(esc(left.name), st.sign_title), Paragraph(esc(right.name), st.sign_title)],
    ]
    cmds: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP"), *cell_padding(0, 0, 0, 0)]
    if corner is not None:
        cmds += [("SPAN", (0, 0), (0, -1)), ("VALIGN", (0, 0), (0, -1), "BOTTOM")]
    table = Table(rows, colWidths=widths)
    table.setStyle(table_style(cmds))
    return table


def copy_mark(st: Styles) -> Table:
    """Boxed "BẢN SAO" as a flowable (narrow rolls have no margin to stamp it in)."""
    table = Table([[Paragraph(COPY_MARK, st.center_bold)]],
                  colWidths=[_text_width(COPY_MARK, st.fonts.bold, st.center_bold.fontSize)
                             + st.size(10)])
    table.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.8, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    table.hAlign = "RIGHT"
    return table


def qr_block(payload: str, code: str | None, st: Styles, size: float) -> Table:
    """QR code with its verification code printed underneath (readable without a scanner)."""
    rows: list[list[Any]] = [[QrCode(payload, size)]]
    if code:
        rows.append([Paragraph(f"Mã tra cứu: {esc(code)}", st.small)])
    table = Table(rows, colWidths=[max(size, st.size(80))])
    table.setStyle(table_style([
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), *cell_padding(0, 0, 0, 0)]))
    return table


# --------------------------------------------------------------------------- pages and build


PageHook = Callable[[Canvas, BaseDocTemplate], None]


def page_decorator(spec: PageSpec, *, is_copy: bool, number_pages: bool = True,
                   footer: str = "") -> PageHook:
    """Page numbers centred in the top margin from page 2 (NĐ 30/2020); "BẢN SAO" mark;
    ``footer`` (one line) centred in the bottom margin of every page."""
    st = styles_for(spec.scale)

    def hook(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if footer:
            canvas.setFont(st.fonts.regular, st.size(9))
            canvas.drawCentredString(spec.width / 2, spec.bottom / 2, footer)
        page = canvas.getPageNumber()
        if number_pages and page >= 2:
            canvas.setFont(st.fonts.regular, st.size(13))
            canvas.drawCentredString(spec.width / 2, spec.height - spec.top / 2 - st.size(4),
                                     str(page))
        if is_copy and spec.paper is not Paper.THERMAL_80MM:
            size = st.size(12)
            canvas.setFont(st.fonts.bold, size)
            w = stringWidth(COPY_MARK, st.fonts.bold, size)
            pad = size * 0.35
            x = spec.width - spec.right - w - pad
            y = spec.height - spec.top / 2 - size * 0.3
            canvas.setLineWidth(0.8)
            canvas.rect(x - pad, y - pad, w + 2 * pad, size + pad, stroke=1, fill=0)
            canvas.drawString(x, y, COPY_MARK)
        canvas.restoreState()

    return hook


class _CountingDoc(BaseDocTemplate):  # type: ignore[misc]
    """Doc template that remembers how many pages it produced (and tells ``on_page``)."""

    pages = 0
    on_page: Callable[[int], None] | None = None

    def afterPage(self) -> None:
        self.pages = self.page
        if self.on_page is not None:
            self.on_page(self.page)


@dataclass(frozen=True)
class Built:
    pdf: bytes
    pages: int


def build_pdf(
    story: list[Flowable],
    spec: PageSpec,
    *,
    title: str,
    is_copy: bool = False,
    number_pages: bool = True,
    footer: str = "",
    on_page: Callable[[int], None] | None = None,
) -> Built:
    """Lay ``story`` out on ``spec`` pages and return the PDF bytes and page count.

    ``on_page``: told the number of each page once it is written (progress of a long book)."""
    fonts = register_fonts()
    buf = io.BytesIO()
    doc = _CountingDoc(
        buf,
        pagesize=(spec.width, spec.height),
        leftMargin=spec.left,
        rightMargin=spec.right,
        topMargin=spec.top,
        bottomMargin=spec.bottom,
        title=title,
        author="Reception Desk",
        creator="Reception Desk",
        subject=title,
        lang="vi",
        # The canvas otherwise starts in Helvetica and leaves it as an unembedded resource.
        initialFontName=fonts.regular,
        # Identical input gives identical bytes: useful for tests and for audit comparisons.
        invariant=1,
    )
    frame = Frame(spec.left, spec.bottom, spec.frame_width, spec.frame_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    hook = page_decorator(spec, is_copy=is_copy, number_pages=number_pages, footer=footer)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=hook)])
    doc.on_page = on_page
    doc.build(story)
    return Built(buf.getvalue(), doc.pages)


def build_roll(make_story: Callable[[PageSpec], list[Flowable]], *, title: str) -> Built:
    """One page of an 80 mm roll whose height fits the story made by ``make_story``."""
    probe = page_spec(Paper.THERMAL_80MM)
    height = content_height(make_story(probe), probe.frame_width)
    # Slack covers rounding between our estimate and the frame's own accounting.
    spec = page_spec(Paper.THERMAL_80MM, height=height + probe.top + probe.bottom + 6 * mm)
    return build_pdf(make_story(spec), spec, title=title, number_pages=False)


def content_height(story: Sequence[Flowable], width: float) -> float:
    """Height ``story`` needs in one column of ``width`` (for pages fitted to content)."""
    total = 0.0
    prev_after = 0.0
    for f in story:
        _, h = f.wrap(width, 10_000_000)
        before = f.getSpaceBefore()
        total += h + max(before, prev_after) if total else h + before
        prev_after = f.getSpaceAfter()
    return total + prev_after
