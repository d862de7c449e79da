"""The head's reception sessions on paper (NĐ 30/2020 layout; LEGAL.md §7, §8.2):

- ``render_schedule``: Thông báo lịch tiếp công dân of a month or a quarter, for posting at the
  reception place ≥ 5 working days ahead (Luật TCD Art. 19(1), 24);
- ``render_conclusion``: Thông báo kết luận việc tiếp công dân (NĐ 154/2026 Art. 25), with the
  instructions to bodies and their deadlines;
- ``render_empty_minutes``: Biên bản of a scheduled session at which no citizen came, signed by
  the presiding leader and the minute-taker, two copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer

from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import PageSpec
from reception_desk.printing.layout import Styles
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import closing_table
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import short_date
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import title_block
from reception_desk.printing.layout import two_signatures
from reception_desk.printing.layout import weekday
from reception_desk.printing.measured_table import MeasuredTable
from reception_desk.printing.measured_table import body_font
from reception_desk.printing.measured_table import cell
from reception_desk.printing.wording import SIGN_HERE

SCHEDULE_KIND = "Thông báo"
SCHEDULE_SUMMARY = "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân"
CONCLUSION_KIND = "Thông báo"
CONCLUSION_SUMMARY = "Kết luận việc tiếp công dân"
MINUTES_KIND = "Biên bản"
MINUTES_SUMMARY = "Về việc tiếp công dân định kỳ (không có công dân đến)"
SCHEDULE_BASIS = ("Căn cứ Luật Tiếp công dân năm 2013 (Điều 15, Điều 19, Điều 24), được sửa "
                  "đổi, bổ sung năm 2025")


@dataclass(frozen=True)
class ScheduleLine:
    day: date
    hours: str  # "07:30–11:30"
    place: str
    leader: str  # "Ông Nguyễn Văn An, Chủ tịch UBND xã"
    participants: str
    matters: str


@dataclass(frozen=True)
class ScheduleNoticeData:
    office: OfficeHeader
    period: str  # "tháng 07/2026", "quý III/2026"
    issued_on: date
    lines: Sequence[ScheduleLine]
    signature: SignatureBlock
    recipients: Sequence[str]
    number: str | None = None  # None: a blank "Số: /TB-UBND" for hand numbering


@dataclass(frozen=True)
class InstructionLine:
    body: str
    text: str
    due_on: date | None


@dataclass(frozen=True)
class ConclusionNoticeData:
    office: OfficeHeader
    number: str
    issued_on: date
    session_day: date
    hours: str
    place: str
    leader: str  # "Ông Nguyễn Văn An, Chủ tịch UBND xã"
    delegation: str  # the ủy quyền paper, "" when the chair presides
    participants: Sequence[str]
    visits: int
    people: int
    matter: str  # for one matter: the citizen's matter as logged; "" for the whole session
    conclusion: str
    instructions: Sequence[InstructionLine]
    signature: SignatureBlock
    recipients: Sequence[str]


@dataclass(frozen=True)
class EmptyMinutesData:
    office: OfficeHeader
    session_day: date
    start: str  # "07 giờ 30 phút"
    end: str
    place: str
    leader: str
    leader_title: str  # "Chủ tịch UBND xã" / "Phó Chủ tịch UBND xã" / "Người được ủy quyền"
    delegation: str
    participants: Sequence[str]
    published_on: date | None
    matters: str
    note: str
    minute_taker: str = ""


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(text, style)


def _a4() -> tuple[PageSpec, Styles]:
    spec = page_spec(Paper.A4)
    return spec, styles_for(spec.scale)


def _a4_pdf(story: list[Flowable], title: str) -> bytes:
    return build_pdf(story, page_spec(Paper.A4), title=title).pdf


def _presiding(leader: str, delegation: str) -> str:
    """The presiding leader as markup, followed by the ủy quyền paper when there is one."""
    return f"{esc(leader)} (theo {esc(delegation)})" if delegation else esc(leader)


def _schedule_story(data: ScheduleNoticeData) -> list[Flowable]:
    spec, st = _a4()
    w = spec.frame_width
    story: list[Flowable] = [
        header_table(data.office, spec, st, number=data.number, kind="TB", on=data.issued_on),
        *title_block(SCHEDULE_KIND, f"{SCHEDULE_SUMMARY} {data.period}", st),
        _p(f"{esc(SCHEDULE_BASIS)};", st.body),
        _p(f"{esc(data.office.sentence_name)} thông báo lịch tiếp công dân định kỳ của lãnh đạo "
           f"Ủy ban nhân dân {esc(data.period)} như sau:", st.body),
    ]
    head = ["TT", "Thời gian", "Địa điểm", "Người chủ trì", "Thành phần tham dự",
            "Nội dung dự kiến"]
    widths = [w * 0.06, w * 0.16, w * 0.15, w * 0.19, w * 0.20, w * 0.24]
    styles = [st.cell_center, st.cell_center, st.cell, st.cell, st.cell, st.cell]
    rows = []
    for i, line in enumerate(data.lines, start=1):
        texts = [str(i), f"{weekday(line.day)}<br/>{short_date(line.day)}<br/>{esc(line.hours)}",
                 esc(line.place), esc(line.leader), esc(line.participants),
                 esc(line.matters) or "Tiếp công dân đến kiến nghị, phản ánh, khiếu nại, tố cáo"]
        rows.append([cell(t, s, wd) for t, s, wd in zip(texts, styles, widths, strict=True)])
    if rows:
        story.append(MeasuredTable(
            [[Paragraph(esc(h), st.cell_head) for h in head]], rows, widths,
            [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), *body_font(st.cell, (0, 1))],
            leading=st.cell.leading, page_height=spec.frame_height))
    else:
        story.append(_p("<i>Không có kỳ tiếp nào được lên lịch.</i>", st.plain))
    story += [
        Spacer(1, st.size(6)),
        _p("Công dân đến kiến nghị, phản ánh, khiếu nại, tố cáo mang theo căn cước hoặc giấy tờ "
           "tùy thân và các giấy tờ, tài liệu có liên quan; trường hợp thay đổi lịch, Ủy ban "
           "nhân dân sẽ thông báo lại tại nơi tiếp công dân.", st.body),
        Spacer(1, st.size(10)),
        closing_table(data.recipients, data.signature, spec, st),
    ]
    return story


def render_schedule(data: ScheduleNoticeData) -> bytes:
    """The public schedule notice as A4 PDF bytes."""
    return _a4_pdf(_schedule_story(data), f"{SCHEDULE_SUMMARY} {data.period}")


def _conclusion_story(data: ConclusionNoticeData) -> list[Flowable]:
    spec, st = _a4()
    office = data.office
    who = _presiding(data.leader, data.delegation)
    paragraphs = [
        f"{spelled_date(data.session_day).capitalize()}, từ {esc(data.hours)}, tại "
        f"{esc(data.place)}, {who} đã chủ trì tiếp công dân định kỳ.",
    ]
    if data.participants:
        paragraphs.append("Tham dự: " + esc("; ".join(data.participants)) + ".")
    if data.matter:
        paragraphs.append(f"Nội dung công dân trình bày: {esc(data.matter)}")
    else:
        paragraphs.append(f"Số lượt công dân được tiếp: {data.visits} lượt, "
                          f"{data.people} người.")
    paragraphs.append(f"Sau khi nghe công dân trình bày, ý kiến của các cơ quan, đơn vị tham dự, "
                      f"{who} kết luận như sau:")
    story: list[Flowable] = [
        header_table(office, spec, st, number=data.number, kind="TB", on=data.issued_on),
        *title_block(CONCLUSION_KIND, CONCLUSION_SUMMARY + f" ngày {short_date(data.session_day)}",
                     st),
        *[_p(p, st.body) for p in paragraphs],
        _p(esc(data.conclusion), st.body),
    ]
    if data.instructions:
        story.append(_p("Giao nhiệm vụ:", st.body))
        for i, item in enumerate(data.instructions, start=1):
            due = (f"; thời hạn hoàn thành: trước ngày {short_date(item.due_on)}"
                   if item.due_on else "")
            story.append(_p(f"{i}. {esc(item.body)}: {esc(item.text.rstrip('. '))}{due}.",
                            st.body))
        story.append(_p("Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về "
                        f"{esc(office.sentence_name)} đúng thời hạn nêu trên.", st.body))
    story.append(_p(f"{esc(office.sentence_name)} thông báo để công dân và các cơ quan, đơn vị "
                    "có liên quan biết, thực hiện./.", st.body))
    story += [Spacer(1, st.size(10)), closing_table(data.recipients, data.signature, spec, st)]
    return story


def render_conclusion(data: ConclusionNoticeData) -> bytes:
    """The conclusion notice as A4 PDF bytes."""
    return _a4_pdf(_conclusion_story(data), f"{CONCLUSION_SUMMARY} {data.number}")


def _minutes_story(data: EmptyMinutesData) -> list[Flowable]:
    spec, st = _a4()
    office = data.office
    leader = _presiding(f"{data.leader}, {data.leader_title}", data.delegation)
    posted = (f"Lịch tiếp đã được niêm yết công khai từ ngày {short_date(data.published_on)}."
              if data.published_on else "Lịch tiếp chưa được ghi nhận niêm yết.")
    paragraphs = [
        f"Vào hồi {esc(data.start)}, {spelled_date(data.session_day)}, tại {esc(data.place)}.",
        "Chúng tôi gồm:",
        f"- Người chủ trì: {leader};",
        *[f"- {esc(p)};" for p in data.participants],
        f"Tiến hành tiếp công dân định kỳ theo lịch đã thông báo. {posted}",
    ]
    if data.matters:
        paragraphs.append(f"Nội dung dự kiến: {esc(data.matters)}")
    paragraphs.append(f"Đến {esc(data.end)} cùng ngày, <b>không có công dân nào đến</b> "
                      "kiến nghị, phản ánh, khiếu nại, tố cáo.")
    if data.note:
        paragraphs.append(f"Ghi chú: {esc(data.note)}")
    paragraphs.append("Biên bản kết thúc vào hồi " + esc(data.end) + " cùng ngày, đã được đọc "
                      "lại cho những người có mặt cùng nghe, thống nhất và ký tên. Biên bản được "
                      "lập thành 02 bản, lưu hồ sơ tiếp công dân.")
    leader_sig = SignatureBlock(title="Người chủ trì", name=data.leader, note=SIGN_HERE)
    taker_sig = SignatureBlock(title="Người ghi biên bản", name=data.minute_taker,
                               note=SIGN_HERE)
    return [
        header_table(office, spec, st, number=None, kind=None, on=None),
        *title_block(MINUTES_KIND, MINUTES_SUMMARY, st),
        *[_p(p, st.plain if p.startswith("- ") else st.body) for p in paragraphs],
        Spacer(1, st.size(12)),
        two_signatures(taker_sig, leader_sig, spec, st),
    ]


def render_empty_minutes(data: EmptyMinutesData) -> bytes:
    """The minutes of a session at which no citizen came, as A4 PDF bytes."""
    return _a4_pdf(_minutes_story(data), f"{MINUTES_KIND} {MINUTES_SUMMARY.lower()}")
