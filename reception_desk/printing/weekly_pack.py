"""Báo cáo — Danh sách vụ việc có nguy cơ trở thành điểm nóng tuần … (the chairperson's weekly
review pack), A4 in the NĐ 30/2020 layout (LEGAL.md §9).

Sections: hotspots with their reasons, overdue cases, cases due next week, new crowd visits of the
week, open directives. The criteria are the office's own (LEGAL.md §11): the report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer

from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.hotspots import Explanation
from reception_desk.domain.hotspots import Flag
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Trend
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.explanations import explanation_text
from reception_desk.printing.layout import Styles
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import closing_table
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import short_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import title_block
from reception_desk.printing.measured_table import MeasuredTable
from reception_desk.printing.measured_table import body_font
from reception_desk.printing.measured_table import cell

KIND = "Báo cáo"
SYMBOL_KIND = "BC"
#: Hotspots listed in the printed pack by default: the chairperson reads the top of the list;
#: the whole list stays on screen (a busy week flagged thousands on the benchmark data).
MAX_HOTSPOTS = 100


@dataclass(frozen=True)
class PackHotspot:
    rank: int  # 0: cooled down since last week
    trend: Trend
    case_number: str
    title: str
    field_label: str
    score: int
    flags: Sequence[Flag]


@dataclass(frozen=True)
class PackDueCase:
    case_number: str
    title: str
    due_on: date
    calendar_days_left: int
    working_days_left: int


@dataclass(frozen=True)
class PackCrowdVisit:
    number: str
    on: date
    citizen_name: str
    people: int
    delegation: bool
    incident: bool
    content: str
    case_number: str = ""


@dataclass(frozen=True)
class PackDirective:
    case_number: str
    case_title: str
    text: str
    assignee: str
    due_on: date | None
    status: DueStatus | None
    acknowledged: bool


@dataclass(frozen=True)
class PackDuty:
    """One week or month of the chair's reception duty (issue 14; LEGAL.md §7)."""

    period: str  # "Tuần 48/2026 (23/11–29/11/2026)", "12/2026"
    required: int
    held_days: Sequence[date]
    planned_days: Sequence[date]
    state: str  # "met" | "scheduled" | "at_risk" | "missed" (domain.sessions.DutyState)
    source: str


@dataclass(frozen=True)
class WeeklyPackDocument:
    """Everything printed; texts (titles, names, field labels) are as entered."""

    office: OfficeHeader
    week: IsoWeek
    issued_on: date
    hotspots: Sequence[PackHotspot]
    overdue: Sequence[PackDueCase]
    due_next_week: Sequence[PackDueCase]
    crowd_visits: Sequence[PackCrowdVisit]
    directives: Sequence[PackDirective]
    signature: SignatureBlock
    addressee: str = ""  # "Chủ tịch Ủy ban nhân dân xã Yên Phú"
    field_labels: Mapping[str, str] = field(default_factory=dict)
    recipients: Sequence[str] = ()
    number: str | None = None  # None: "Số:      /BC-UBND" for hand numbering
    #: The audit chain head's short code when printed (services.office.integrity): a later
    #: ``check`` finds it again unless earlier records were rewritten. "" prints no footer.
    chain_head: str = ""
    #: The chair's reception duty of the week's periods (issue 14); empty prints no section.
    duty: Sequence[PackDuty] = ()


# --------------------------------------------------------------------------- wording

_LEVELS = {
    "district": "cấp huyện",
    "province": "cấp tỉnh",
    "ministry_central": "cấp trung ương",
    "court": "tòa án",
    "police_procuracy": "cơ quan công an, viện kiểm sát",
    "party": "cơ quan Đảng",
    "other": "cơ quan khác",
}

_TEMPLATES = {
    "overdue.stage": "Quá hạn giải quyết {days} ngày (hạn của giai đoạn hiện tại: {due_on})",
    "long_running.age": "Kéo dài {days} ngày kể từ khi tiếp nhận (ngưỡng {threshold} ngày)",
    "long_running.levels": "Đã qua {levels} cấp giải quyết",
    "long_running.age_levels": "Kéo dài {days} ngày kể từ khi tiếp nhận (ngưỡng {threshold} "
                               "ngày) và đã qua {levels} cấp giải quyết",
    "crowd.visits": "Đông người: {visits} lượt tiếp đông người, đông nhất {people} người "
                    "(ngưỡng {threshold} người hoặc đoàn), gần nhất ngày {last_on}",
    "repeat.window": "Công dân đến nhiều lần: {visits} lượt trong {window} ngày",
    "bypass.higher_level": "Vượt cấp: vụ việc thuộc thẩm quyền của xã đã lên {level} ngày {on}, "
                           "trước khi xã ban hành quyết định hoặc hết thời hạn giải quyết",
    # LEGAL.md §6.4 (b) and (c): operational definitions, not law (named so on paper too).
    "bypass_second.premature": "Vượt cấp (định nghĩa nghiệp vụ (b), không phải quy định pháp "
                               "luật): khiếu nại lần hai số {second} gửi ngày {on}, trước khi có "
                               "quyết định giải quyết khiếu nại lần đầu số {first} hoặc trước "
                               "khi hết thời hạn giải quyết lần đầu",
    "bypass_simultaneous.levels": "Vượt cấp (định nghĩa nghiệp vụ (c), không phải quy định pháp "
                                  "luật): vụ việc đồng thời gửi đến {level} ngày {on}, trong "
                                  "vòng {window} ngày kể từ khi xã tiếp nhận ({levels} cấp cùng "
                                  "lúc; đơn không đủ điều kiện xử lý, Điều 6 khoản 2 điểm b "
                                  "Thông tư 07/2014/TT-TTCP)",
    "sensitive_field.field": "Lĩnh vực nhạy cảm: {field}",
    "complex.criteria": "Phức tạp: có {count} tiêu chí vụ việc phức tạp (điểm {letters})",
    "incident.visits": "Gây rối trật tự tại nơi tiếp công dân: {visits} lượt, gần nhất "
                       "ngày {last_on}",
    "no_dialogue.missing": "Chưa tổ chức đối thoại đối với khiếu nại phải đối thoại ({basis}); "
                           "hạn giải quyết {due_on}",
}

_TRENDS = {Trend.NEW: "Mới", Trend.CONTINUING: "Tiếp diễn", Trend.COOLED: "Hạ nhiệt"}
_DUTY = {"met": "Đạt", "scheduled": "Đã lên lịch đủ", "at_risk": "Có nguy cơ không đạt",
         "missed": "Không đạt"}
_STATUS = {DueStatus.ON_TIME: "Trong hạn", DueStatus.DUE_SOON: "Sắp đến hạn",
           DueStatus.OVERDUE: "Quá hạn"}


def explain_vi(explanation: Explanation, field_labels: Mapping[str, str] | None = None) -> str:
    """The Vietnamese sentence of a hotspot explanation (also used by the command line)."""
    return explanation_text(explanation, _TEMPLATES, _LEVELS, field_labels, day=short_date)


def week_phrase(week: IsoWeek) -> str:
    """ "tuần 48/2026 (từ ngày 23/11/2026 đến ngày 29/11/2026)" """
    return (f"tuần {week.week:02d}/{week.year} (từ ngày {short_date(week.monday)} "
            f"đến ngày {short_date(week.sunday)})")


# --------------------------------------------------------------------------- layout


def _table(title: str, head: Sequence[str], rows: Iterable[Sequence[str]],
           widths: Sequence[float], st: Styles, center_cols: Sequence[int] = ()) -> list[Flowable]:
    """A numbered section with its table: the title stays with the first rows, rows are
    measured once however many pages they take. No rows: the title and "Không có."."""
    styles = [st.cell_center if i in center_cols else st.cell for i in range(len(head))]
    cells = [[cell(text, style, width) for text, style, width in zip(row, styles, widths,
                                                                     strict=True)]
             for row in rows]
    if not cells:
        return [*_section(title, st), _none(st)]
    space, heading = _section(title, st)
    heading.keepWithNext = False  # the table keeps it with its first rows itself
    return [space, MeasuredTable(
        [[Paragraph(esc(h), st.cell_head) for h in head]], cells, widths,
        [("GRID", (0, 0), (-1, -1), 0.5, "black"),
         ("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
         *body_font(st.cell, center_cols)],
        leading=st.cell.leading, page_height=page_spec(Paper.A4).frame_height, lead=heading)]


def _case_cell(number: str, title: str, extra: str = "") -> str:
    text = f"<b>{esc(number)}</b> {esc(title)}"
    if extra:
        text += f"<br/><i>{esc(extra)}</i>"
    return text


def _section(title: str, st: Styles) -> list[Flowable]:
    head = Paragraph(f"<b>{esc(title)}</b>", st.plain)
    head.keepWithNext = True  # never a section title alone at the foot of a page
    return [Spacer(1, st.size(6)), head]


def _none(st: Styles) -> Paragraph:
    return Paragraph("<i>Không có.</i>", st.plain)


def _due_table(title: str, cases: Sequence[PackDueCase], days_head: str,
               days: Callable[[PackDueCase], int], w: float, st: Styles) -> list[Flowable]:
    """Cases against their due dates, ``days`` of each under ``days_head``."""
    return _table(title, ["TT", "Vụ việc", "Hạn giải quyết", days_head],
                  ([str(i), _case_cell(c.case_number, c.title), short_date(c.due_on),
                    str(days(c))] for i, c in enumerate(cases, start=1)),
                  [w * 0.06, w * 0.58, w * 0.18, w * 0.18], st, center_cols=(0, 2, 3))


def _more(count: int) -> str:
    return f"… và {count} vụ việc khác (xem danh sách trên máy)."


def _story(doc: WeeklyPackDocument, max_hotspots: int | None) -> list[Flowable]:
    spec = page_spec(Paper.A4)
    st = styles_for(spec.scale)
    w = spec.frame_width
    office = doc.office
    story: list[Flowable] = [
        header_table(office, spec, st, number=doc.number, kind=SYMBOL_KIND, on=doc.issued_on),
        *title_block(KIND, "Danh sách vụ việc có nguy cơ trở thành điểm nóng "
                     + week_phrase(doc.week), st),
    ]
    if doc.addressee:
        story += [Paragraph(f"Kính gửi: {esc(doc.addressee)}.", st.center), Spacer(1, st.size(6))]
    active = [h for h in doc.hotspots if h.trend is not Trend.COOLED]
    cooled = [h for h in doc.hotspots if h.trend is Trend.COOLED]
    story.append(Paragraph(
        f"Căn cứ Sổ tiếp công dân và hồ sơ vụ việc đến hết ngày {short_date(doc.issued_on)}, "
        f"bộ phận tiếp công dân báo cáo {len(active)} vụ việc có nguy cơ trở thành điểm nóng "
        f"{esc(week_phrase(doc.week))}, cùng các vụ việc quá hạn, đến hạn, lượt tiếp đông "
        "người và ý kiến chỉ đạo chưa hoàn thành. Các tiêu chí nhận diện là tiêu chí nội bộ do "
        f"{esc(office.sentence_name)} quy định, không phải quy định của pháp luật.", st.body))

    listed = active if max_hotspots is None else active[:max_hotspots]
    story += _table("I. VỤ VIỆC CÓ NGUY CƠ TRỞ THÀNH ĐIỂM NÓNG",
                    ["TT", "Vụ việc", "Lý do", "Điểm", "So với tuần trước"],
                    ([str(h.rank), _case_cell(h.case_number, h.title, h.field_label),
                      "<br/>".join(f"- {esc(explain_vi(f.explanation, doc.field_labels))}"
                                   for f in h.flags),
                      str(h.score), _TRENDS[h.trend]] for h in listed),
                    [w * 0.06, w * 0.30, w * 0.44, w * 0.08, w * 0.12], st,
                    center_cols=(0, 3, 4))
    if len(listed) < len(active):
        story.append(Paragraph(_more(len(active) - len(listed)), st.plain))
    if cooled:
        shown = cooled if max_hotspots is None else cooled[:max_hotspots]
        names = "; ".join(f"{esc(h.case_number)} {esc(h.title)}" for h in shown)
        if len(shown) < len(cooled):
            names += "; " + _more(len(cooled) - len(shown)).removesuffix(".")
        story.append(Spacer(1, st.size(4)))
        story.append(Paragraph(f"<i>Vụ việc đã hạ nhiệt so với tuần trước:</i> {names}.",
                               st.plain))

    story += _due_table("II. VỤ VIỆC QUÁ HẠN GIẢI QUYẾT", doc.overdue, "Số ngày quá hạn",
                        lambda c: -c.calendar_days_left, w, st)
    story += _due_table("III. VỤ VIỆC ĐẾN HẠN TRONG TUẦN TỚI", doc.due_next_week,
                        "Còn (ngày làm việc)", lambda c: c.working_days_left, w, st)

    rows = []
    for i, v in enumerate(doc.crowd_visits, start=1):
        people = f"{v.people}" + (" (đoàn)" if v.delegation else "")
        content = esc(v.content)
        if v.incident:
            content += "<br/><i>Có gây rối trật tự</i>"
        rows.append([str(i), f"{short_date(v.on)}<br/>Số {esc(v.number)}",
                     esc(v.citizen_name), people, content, esc(v.case_number)])
    story += _table("IV. LƯỢT TIẾP CÔNG DÂN ĐÔNG NGƯỜI TRONG TUẦN",
                    ["TT", "Ngày, số sổ", "Người đến / đại diện", "Số người", "Nội dung",
                     "Vụ việc"], rows,
                    [w * 0.06, w * 0.15, w * 0.20, w * 0.11, w * 0.36, w * 0.12], st,
                    center_cols=(0, 1, 3, 5))

    rows = []
    for i, d in enumerate(doc.directives, start=1):
        state = _STATUS[d.status] if d.status else "Không có hạn"
        state += "<br/>" + ("Đã nhận" if d.acknowledged else "Chưa nhận")
        rows.append([str(i), _case_cell(d.case_number, d.case_title), esc(d.text),
                     esc(d.assignee) or "…", short_date(d.due_on), state])
    story += _table("V. Ý KIẾN CHỈ ĐẠO CHƯA HOÀN THÀNH",
                    ["TT", "Vụ việc", "Nội dung chỉ đạo", "Người thực hiện", "Hạn", "Tình trạng"],
                    rows, [w * 0.06, w * 0.21, w * 0.28, w * 0.15, w * 0.15, w * 0.15], st,
                    center_cols=(0, 4, 5))

    if doc.duty:
        rows = []
        for i, period in enumerate(doc.duty, start=1):
            held = ", ".join(f"{x:%d/%m}" for x in period.held_days) or "Chưa tiếp"
            planned = ", ".join(f"{x:%d/%m}" for x in period.planned_days)
            state = _DUTY[period.state]
            rows.append([str(i), esc(period.period), f"{period.required} ngày", held,
                         planned or "…", f"<b>{state}</b>"])
        story += _table("VI. CHẾ ĐỘ TIẾP CÔNG DÂN ĐỊNH KỲ CỦA CHỦ TỊCH", [
            "TT", "Kỳ", "Yêu cầu", "Đã tiếp", "Đã lên lịch", "Tình trạng"], rows,
            [w * 0.06, w * 0.30, w * 0.12, w * 0.18, w * 0.16, w * 0.18], st,
            center_cols=(0, 2, 5))
        story.append(Paragraph(f"<i>Căn cứ: {esc(doc.duty[-1].source)}.</i>", st.plain))

    story += [Spacer(1, st.size(12)),
              closing_table(list(doc.recipients) or None, doc.signature, spec, st)]
    return story


def render_weekly_pack(doc: WeeklyPackDocument,
                       max_hotspots: int | None = MAX_HOTSPOTS) -> bytes:
    """The weekly review pack as A4 PDF bytes.

    Section I lists the ``max_hotspots`` highest-ranked hotspots (None: every one) and counts the
    rest, which the app lists on screen; the other sections list everything.
    """
    title = f"{KIND} danh sách vụ việc có nguy cơ trở thành điểm nóng {week_phrase(doc.week)}"
    footer = chain_head_line(doc.chain_head)
    return bytes(build_pdf(_story(doc, max_hotspots), page_spec(Paper.A4), title=title,
                           footer=footer).pdf)


def chain_head_line(code: str) -> str:
    """The pack's footer: the chain head's short code, to compare at a later check."""
    return f"Mã đầu chuỗi nhật ký (kiểm tra toàn vẹn dữ liệu): {code}" if code else ""
