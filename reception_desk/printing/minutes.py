"""Minutes for signature (issue 14 item 4 and 5), NĐ 30/2020 layout (LEGAL.md §9):

- Biên bản tiếp công dân, one per visit (LEGAL.md §8.2, open template [N]): time and place; who
  received and who was received (identity paper, address); the content presented, the documents
  handed in; the answer or guidance given; read back to the citizen; two copies; signed by the
  citizen (or fingerprint, "điểm chỉ"), the receiving officer or presiding leader, and the
  minute-taker.
- Biên bản đối thoại, one per dialogue on a complaint (LEGAL.md §8.2, Luật KN Art. 30/39 as cited
  there, unverified; NĐ 124/2020 Mẫu 14 [T] not read): time and place, participants, each one's
  opinion, the result; signed or fingerprinted, the reason written when someone refuses.

The data comes already decided by the services, identities included: a denouncer under secrecy
arrives as ``identity_withheld`` and is printed as withheld (see services/documents/minutes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table

from reception_desk.printing.dto import DocumentItem
from reception_desk.printing.dto import IdentityPaper
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import PageSpec
from reception_desk.printing.layout import Styles
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import cell_padding
from reception_desk.printing.layout import clock
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import identity_text
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import table_style
from reception_desk.printing.layout import title_block
from reception_desk.printing.wording import IDENTITY_WITHHELD

VISIT_TITLE = "Biên bản"
VISIT_SUBTITLE = "Về việc tiếp công dân"
DIALOGUE_SUBTITLE = "Đối thoại giải quyết khiếu nại"
CITIZEN_SIGN = "Người được tiếp"
CITIZEN_NOTE = "(Ký hoặc điểm chỉ, ghi rõ họ tên)"
OFFICER_SIGN = "Người tiếp công dân"
PRESIDING_SIGN = "Người chủ trì"
TAKER_SIGN = "Người ghi biên bản"
SIGN_NOTE = "(Ký, ghi rõ họ tên)"
DOTS = "." * 100


@dataclass(frozen=True)
class VisitMinutesData:
    """Biên bản tiếp công dân of one visit (services.documents.minutes builds it)."""

    office: OfficeHeader
    held_at: datetime  # office time
    place: str
    officer_name: str
    officer_position: str
    presiding_name: str  # "" when no leader presided (regular reception)
    presiding_position: str
    citizen_title: str
    citizen_name: str
    address: str
    identity: IdentityPaper | None
    people_count: int
    content: str
    documents: Sequence[DocumentItem]
    answer: str  # the answer or guidance given at the visit
    minute_taker: str = ""  # "" leaves the name for hand-writing
    identity_withheld: bool = False  # a denouncer under secrecy (Luật TC Art. 9, 56)
    visit_number: str = ""  # the logbook STT "12/2026"
    copies: int = 2


@dataclass(frozen=True)
class DialogueLine:
    """A participant of a dialogue as printed: role heading, name, title, opinion."""

    role: str  # "Người chủ trì", "Người khiếu nại" …
    name: str
    title: str
    opinion: str


@dataclass(frozen=True)
class DialogueMinutesData:
    """Biên bản đối thoại of one dialogue (services.cases / documents build it)."""

    office: OfficeHeader
    held_at: datetime  # office time; the scheduled time while not held
    place: str
    case_number: str
    case_title: str
    topic: str
    participants: Sequence[DialogueLine]
    result: str
    presiding: str
    minute_taker: str
    signers: Sequence[DialogueLine]  # complainants and the person complained against
    copies: int = 2


# --- shared pieces ------------------------------------------------------------------------------

def _para(text: str, st: Styles, style: Any = None) -> Paragraph:
    return Paragraph(text, style or st.body)


def _block(text: str) -> str:
    """A user text as escaped markup, its line breaks kept; dotted lines when empty."""
    text = text.strip()
    return "<br/>".join(esc(line) for line in text.splitlines()) if text else DOTS


def _signature_row(blocks: Sequence[SignatureBlock], spec: PageSpec, st: Styles) -> Table:
    """Up to three signatures side by side: titles, notes, room to sign and names each on one
    row, so the names line up whatever wraps above them."""
    width = spec.frame_width / 3
    rows: list[list[Any]] = [
        [Paragraph(esc(b.title.upper()), st.sign_title) for b in blocks],
        [Paragraph(esc(b.note), st.sign_note) for b in blocks],
        [Spacer(1, st.size(56)) for _b in blocks],
        [Paragraph(esc(b.name), st.sign_title) for b in blocks],
    ]
    table = Table(rows, colWidths=[width] * len(blocks))
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *cell_padding(2, 2, 0, 0)]))
    return table


def _signature_rows(blocks: Sequence[SignatureBlock], spec: PageSpec,
                    st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for start in range(0, len(blocks), 3):
        out.append(KeepTogether([Spacer(1, st.size(8)),
                                 _signature_row(blocks[start:start + 3], spec, st)]))
    return out


def _opening(at: datetime, place: str, st: Styles) -> Paragraph:
    return _para(f"Vào hồi {clock(at)}, {spelled_date(at.date())}, tại {esc(place)}.", st)


# --- Biên bản tiếp công dân ------------------------------------------------------------------

def _citizen_lines(data: VisitMinutesData, st: Styles) -> list[Flowable]:
    if data.identity_withheld:
        # Luật TC Art. 9(1)(b), 56: name, address and every personal detail kept secret.
        return [_para(f"Người được tiếp: {IDENTITY_WITHHELD} (người tố cáo, thông tin cá nhân "
                      "được giữ bí mật theo Điều 9 và Điều 56 Luật Tố cáo).", st)]
    lines = [f"{esc(data.citizen_title)}: <b>{esc(data.citizen_name)}</b>"]
    paper = identity_text(data.identity)
    if paper:
        lines.append(paper)
    lines.append(f"Địa chỉ: {esc(data.address)}")
    if data.people_count > 1:
        lines.append(f"Số người cùng đến: {data.people_count:02d} người.")
    return [_para(t, st) for t in lines]


def _documents(data: VisitMinutesData) -> str:
    if not data.documents:
        return "Không có."
    parts = []
    for i, item in enumerate(data.documents, start=1):
        pages = f", {item.pages:02d} trang" if item.pages is not None else ""
        parts.append(f"{i}. {esc(item.name)}{pages}")
    return "<br/>".join(parts)


def visit_minutes_story(data: VisitMinutesData, spec: PageSpec) -> list[Flowable]:
    st = styles_for(spec.scale)
    story: list[Flowable] = [
        header_table(data.office, spec, st, number=None, kind=None, on=data.held_at.date()),
        *title_block(VISIT_TITLE, VISIT_SUBTITLE, st),
        _opening(data.held_at, data.place, st),
        _para("<b>I. Người tiếp công dân</b>", st, st.plain),
    ]
    if data.presiding_name:
        story.append(_para(f"Chủ trì: <b>{esc(data.presiding_name)}</b>"
                           + (f", {esc(data.presiding_position)}" if data.presiding_position
                              else "") + ".", st))
    officer = f"Người tiếp: <b>{esc(data.officer_name)}</b>"
    if data.officer_position:
        officer += f", {esc(data.officer_position)}"
    story.append(_para(officer + ".", st))
    story.append(_para("Người ghi biên bản: " + (f"<b>{esc(data.minute_taker)}</b>."
                                                 if data.minute_taker else DOTS[:70]),
                       st, st.plain))
    story.append(_para("<b>II. Người được tiếp</b>", st, st.plain))
    story += _citizen_lines(data, st)
    story += [
        _para("<b>III. Nội dung trình bày, yêu cầu của công dân</b>", st, st.plain),
        _para(_block(data.content), st),
        _para("<b>IV. Thông tin, tài liệu, bằng chứng công dân cung cấp</b>", st, st.plain),
        _para(_documents(data), st, st.plain),
        _para("<b>V. Ý kiến trả lời, hướng dẫn của người tiếp công dân</b>", st, st.plain),
        _para(_block(data.answer), st),
        _para("<b>VI. Ý kiến của công dân</b>", st, st.plain),
        _para(DOTS + "<br/>" + DOTS, st, st.plain),
        Spacer(1, st.size(4)),
        _para(f"Biên bản đã được đọc lại cho người được tiếp nghe và cùng ký xác nhận; lập "
              f"thành {data.copies:02d} bản có giá trị như nhau, giao 01 bản cho người được "
              "tiếp, 01 bản lưu hồ sơ.", st),
    ]
    blocks = [SignatureBlock(title=CITIZEN_SIGN, note=CITIZEN_NOTE,
                             name="" if data.identity_withheld else data.citizen_name),
              SignatureBlock(title=PRESIDING_SIGN if data.presiding_name else OFFICER_SIGN,
                             note=SIGN_NOTE,
                             name=data.presiding_name or data.officer_name),
              SignatureBlock(title=TAKER_SIGN, note=SIGN_NOTE, name=data.minute_taker)]
    story += _signature_rows(blocks, spec, st)
    return story


def render_visit_minutes(data: VisitMinutesData, paper: Paper = Paper.A4) -> bytes:
    """Biên bản tiếp công dân as PDF bytes (A4 or A5; a roll is no paper for signatures)."""
    title = f"{VISIT_TITLE} {VISIT_SUBTITLE.lower()} {data.visit_number}".strip()
    return _render(lambda spec: visit_minutes_story(data, spec), paper, title)


def _render(story: Callable[[PageSpec], list[Flowable]], paper: Paper, title: str) -> bytes:
    if paper is Paper.THERMAL_80MM:
        raise ValueError("the minutes are signed on A4 or A5, not on a receipt roll")
    spec = page_spec(paper)
    return build_pdf(story(spec), spec, title=title).pdf


# --- Biên bản đối thoại ----------------------------------------------------------------------

def dialogue_minutes_story(data: DialogueMinutesData, spec: PageSpec) -> list[Flowable]:
    st = styles_for(spec.scale)
    story: list[Flowable] = [
        header_table(data.office, spec, st, number=None, kind=None, on=data.held_at.date()),
        *title_block(VISIT_TITLE, DIALOGUE_SUBTITLE, st),
        _opening(data.held_at, data.place, st),
        _para(f"Về vụ việc số {esc(data.case_number)}: {esc(data.case_title)}.", st),
        _para("<b>I. Thành phần tham gia đối thoại</b>", st, st.plain),
    ]
    for i, p in enumerate(data.participants, start=1):
        tail = f", {esc(p.title)}" if p.title else ""
        story.append(_para(f"{i}. {esc(p.role)}: <b>{esc(p.name)}</b>{tail}.", st, st.plain))
    story += [
        _para("<b>II. Nội dung đối thoại</b>", st, st.plain),
        _para(_block(data.topic), st),
        _para("<b>III. Ý kiến của những người tham gia đối thoại</b>", st, st.plain),
    ]
    for p in data.participants:
        if p.role == TAKER_SIGN:
            continue  # the minute-taker records, and gives no opinion
        said = _block(p.opinion) if p.opinion.strip() else DOTS[:60]
        story.append(_para(f"- {esc(p.role)} <b>{esc(p.name)}</b>: {said}", st,
                           st.body if p.opinion.strip() else st.plain))
    story += [
        _para("<b>IV. Kết quả đối thoại</b>", st, st.plain),
        _para(_block(data.result), st),
        Spacer(1, st.size(4)),
        _para(f"Biên bản đã được đọc lại cho những người tham gia đối thoại nghe và cùng ký "
              f"(hoặc điểm chỉ) xác nhận; lập thành {data.copies:02d} bản, lưu hồ sơ giải quyết "
              "khiếu nại.", st),
        _para("Trường hợp người tham gia không ký, ghi rõ lý do: " + DOTS[:50], st, st.plain),
    ]
    blocks = [SignatureBlock(title=PRESIDING_SIGN, note=SIGN_NOTE, name=data.presiding),
              SignatureBlock(title=TAKER_SIGN, note=SIGN_NOTE, name=data.minute_taker)]
    blocks += [SignatureBlock(title=s.role, note=CITIZEN_NOTE, name=s.name)
               for s in data.signers]
    story += _signature_rows(blocks, spec, st)
    return story


def render_dialogue_minutes(data: DialogueMinutesData, paper: Paper = Paper.A4) -> bytes:
    """Biên bản đối thoại as PDF bytes (A4 or A5)."""
    title = f"{VISIT_TITLE} {DIALOGUE_SUBTITLE.lower()} {data.case_number}"
    return _render(lambda spec: dialogue_minutes_story(data, spec), paper, title)
