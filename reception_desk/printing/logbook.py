"""Sổ tiếp công dân pages, A4 landscape (LEGAL.md §2.1).

Two layouts: TT 04/2021/TT-TTCP Mẫu 03 (12 columns) and NĐ 154/2026/NĐ-CP Mẫu 03/TCD (13
columns, in force from 01/07/2026). The layout follows each visit's date: a range crossing
01/07/2026 prints its June visits in the 12-column form and its July visits in the 13-column form,
each part with its own title block (``render_logbook_by_date``). Cells are Paragraphs so long
Vietnamese text wraps inside its column; the heading rows repeat on every page; page numbers sit
centred in the top margin from page 2 (NĐ 30/2020).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import PageBreak
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from reception_desk.domain.classification import HandlingDirection
from reception_desk.printing.dto import LogbookData
from reception_desk.printing.dto import LogbookLayout
from reception_desk.printing.dto import LogbookRow
from reception_desk.printing.dto import Paper
from reception_desk.printing.fonts import register_fonts
from reception_desk.printing.layout import PageSpec
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import cell_padding
from reception_desk.printing.layout import content_height
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import short_date
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import table_style
from reception_desk.printing.layout import title_block
from reception_desk.printing.measured_table import OnceParagraph

TITLE = "Sổ tiếp công dân"
ND154_EFFECTIVE = date(2026, 7, 1)

_TRANSFERS = frozenset({
    HandlingDirection.TRANSFER,
    HandlingDirection.TO_POLICE,
    HandlingDirection.TO_PARTY,
    HandlingDirection.REQUIRE_LOWER,
})


def layout_for_date(d: date, override: LogbookLayout | None = None) -> LogbookLayout:
    """The layout in force on ``d``: 13 columns from 01/07/2026 unless ``override`` says else
    (provinces may keep the 12-column book; LEGAL.md §12 q.1)."""
    if override is not None:
        return override
    return LogbookLayout.ND154_2026 if d >= ND154_EFFECTIVE else LogbookLayout.TT04_2021


@dataclass(frozen=True)
class _Column:
    heading: str
    weight: float  # share of the table width (points at A4 landscape, 714 in all)
    value: Callable[[LogbookRow], str]  # markup-escaped cell text
    center: bool = False
    group: str = ""  # upper heading spanning adjacent columns with the same group


def _x(flag: bool) -> str:
    return "x" if flag else ""


def _name_address(r: LogbookRow) -> str:
    return f"<b>{esc(r.name)}</b><br/>{esc(r.address)}" if r.address else f"<b>{esc(r.name)}</b>"


def _guidance(r: LogbookRow) -> str:
    return esc(r.guidance) or _x(r.direction is HandlingDirection.GUIDE)


def _transfer(r: LogbookRow) -> str:
    if r.direction in _TRANSFERS:
        return esc(r.accepting_body) or "x"
    return ""


# Weights in points of 714. STT is 30: a four-digit number (a busy year) fits on one line at
# 10 pt. "Ghi chú" is wide enough for the handling of directions without a column of their own
# ("Từ chối tiếp công dân (Thông báo số 05/TB-UBND)"). These three are the same in both books.
_STT = _Column("STT", 30.0, lambda r: str(r.stt), center=True)
_RECEIVED_ON = _Column("Ngày tiếp", 54.0, lambda r: short_date(r.received_on), center=True)
_NOTES = _Column("Ghi chú", 56.0, lambda r: esc(r.notes))

_TT04: tuple[_Column, ...] = (
    _STT,
    _RECEIVED_ON,
    _Column("Họ tên - Địa chỉ", 84.0, _name_address),
    _Column("CMND/Hộ chiếu của công dân", 68.0, lambda r: esc(r.id_doc)),
    _Column("Nội dung vụ việc", 112.0, lambda r: esc(r.content)),
    _Column("Phân loại đơn/Số người", 48.0,
            lambda r: f"{esc(r.type_label)}/{r.people_count:02d}", center=True),
    _Column("Cơ quan đã giải quyết", 50.0, lambda r: esc(r.handled_by)),
    _Column("Thụ lý để giải quyết", 38.0,
            lambda r: _x(r.direction is HandlingDirection.ACCEPT), center=True,
            group="Hướng xử lý"),
    _Column("Trả lại đơn và hướng dẫn", 56.0, _guidance, group="Hướng xử lý"),
    _Column("Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền", 62.0, _transfer,
            group="Hướng xử lý"),
    _Column("Theo dõi kết quả giải quyết", 56.0, lambda r: esc(r.follow_up)),
    _NOTES,
)

_ND154: tuple[_Column, ...] = (
    _STT,
    _RECEIVED_ON,
    _Column("Họ tên, địa chỉ", 78.0, _name_address),
    _Column("CCCD/CMND/Hộ chiếu", 68.0, lambda r: esc(r.id_doc)),
    _Column("Nội dung đơn", 104.0, lambda r: esc(r.content)),
    _Column("Loại đơn (KN/TC/KN/PA)", 46.0, lambda r: esc(r.type_label), center=True),
    _Column("Số người cùng nội dung", 38.0, lambda r: str(r.people_count), center=True),
    _Column("Cơ quan đã giải quyết", 48.0, lambda r: esc(r.handled_by)),
    _Column("Thuộc thẩm quyền (x)", 36.0, lambda r: _x(r.within_competence), center=True),
    _Column("Hướng dẫn công dân đến cơ quan có thẩm quyền", 54.0, lambda r: esc(r.guidance)),
    _Column("Cơ quan, đơn vị thụ lý", 52.0, lambda r: esc(r.accepting_body)),
    _Column("Theo dõi kết quả giải quyết", 50.0, lambda r: esc(r.follow_up)),
    _NOTES,
)

COLUMNS: dict[LogbookLayout, tuple[_Column, ...]] = {
    LogbookLayout.TT04_2021: _TT04,
    LogbookLayout.ND154_2026: _ND154,
}


def headings(layout: LogbookLayout) -> list[str]:
    """Column headings of ``layout`` in order (without the group heading)."""
    return [c.heading for c in COLUMNS[layout]]


def column_widths(layout: LogbookLayout, total: float) -> list[float]:
    """Widths in points, proportional to the weights and summing exactly to ``total``."""
    cols = COLUMNS[layout]
    weight = sum(c.weight for c in cols)
    widths = [total * c.weight / weight for c in cols[:-1]]
    # The last column takes the remainder so rounding never makes the table overrun the frame.
    widths.append(total - sum(widths))
    return widths


@dataclass(frozen=True)
class _CellStyles:
    text: ParagraphStyle
    center: ParagraphStyle
    head: ParagraphStyle
    number: ParagraphStyle


@lru_cache(maxsize=4)
def _cell_styles(size: float) -> _CellStyles:
    f = register_fonts()
    lead = size * 1.18
    return _CellStyles(
        text=ParagraphStyle("lb", fontName=f.regular, fontSize=size, leading=lead,
                            alignment=TA_LEFT),
        center=ParagraphStyle("lbc", fontName=f.regular, fontSize=size, leading=lead,
                              alignment=TA_CENTER),
        head=ParagraphStyle("lbh", fontName=f.bold, fontSize=size - 0.5,
                            leading=(size - 0.5) * 1.15, alignment=TA_CENTER),
        number=ParagraphStyle("lbn", fontName=f.italic, fontSize=size - 1.5,
                              leading=(size - 1.5) * 1.15, alignment=TA_CENTER),
    )


def _heading_rows(cols: Sequence[_Column], cs: _CellStyles) -> tuple[list[list[Any]], list[Any]]:
    """Heading rows (one, or two when columns are grouped), the column-number row, and the
    span commands they need."""
    numbers = [OnceParagraph(f"({i})", cs.number) for i in range(1, len(cols) + 1)]
    if not any(c.group for c in cols):
        return [[OnceParagraph(c.heading, cs.head) for c in cols], numbers], []
    top: list[Any] = []
    sub: list[Any] = []
    cmds: list[Any] = []
    i = 0
    while i < len(cols):
        c = cols[i]
        if not c.group:
            top.append(OnceParagraph(c.heading, cs.head))
            sub.append("")
            cmds.append(("SPAN", (i, 0), (i, 1)))
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j].group == c.group:
            top.append(OnceParagraph(c.group, cs.head) if j == i else "")
            sub.append(OnceParagraph(cols[j].heading, cs.head))
            j += 1
        cmds.append(("SPAN", (i, 0), (j - 1, 0)))
        i = j
    return [top, sub, numbers], cmds


def _plain_fits(text: str, style: ParagraphStyle, width: float) -> bool:
    return "<" not in text and "&" not in text and (
        stringWidth(text, style.fontName, style.fontSize) <= width
    )


_PAD = 2.5
_TOP_PAD = 1.5
_BOTTOM_PAD = 3.0


def _table_style(cols: Sequence[_Column], n_head: int, span_cmds: list[Any],
                 cs: _CellStyles) -> TableStyle:
    return table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("FONT", (0, n_head), (-1, -1), cs.text.fontName, cs.text.fontSize, cs.text.leading),
        ("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"),
        ("VALIGN", (0, n_head), (-1, -1), "TOP"),
        *[("ALIGN", (i, n_head), (i, -1), "CENTER") for i, c in enumerate(cols) if c.center],
        *cell_padding(_PAD, _PAD, _TOP_PAD, _BOTTOM_PAD),
        *span_cmds,
    ])


def _body_row(row: LogbookRow, cols: Sequence[_Column], widths: Sequence[float],
              cs: _CellStyles) -> tuple[list[Any], float]:
    """Cells of one entry and the row height, measured the way Table measures it."""
    cells: list[Any] = []
    height = cs.text.leading
    for col, w in zip(cols, widths, strict=True):
        text = col.value(row)
        style = cs.center if col.center else cs.text
        inner = w - 2 * _PAD
        # Short plain values ("x", "05/02/2026") skip Paragraph parsing: the logbook of a
        # busy year has tens of thousands of cells.
        if _plain_fits(text, style, inner):
            cells.append(text)
            continue
        para = OnceParagraph(text, style)  # drawn at the width measured here: laid out once
        height = max(height, para.wrap(inner, 1e9)[1])
        cells.append(para)
    return cells, height + _TOP_PAD + _BOTTOM_PAD


@dataclass
class Watch:
    """What a long book tells while it renders (off the UI thread).

    ``progress(percent)``: measuring the entries is the first ``MEASURE_SHARE`` percent,
    writing the pages the rest. ``first_page(pdf)``: the book's first page on its own, as soon
    as the entries are measured (the same page the whole book starts with), so a preview shows
    it while the rest is written.
    """

    progress: Callable[[int], None] | None = None
    first_page: Callable[[bytes], None] | None = None
    #: Rows measured so far and in all (several parts of a book split by date add up).
    measured: int = 0
    rows: int = 0
    pages_planned: int = 0

    def row_measured(self) -> None:
        self.measured += 1
        if self.progress is not None and self.measured % 50 == 0 and self.rows:
            self.progress(MEASURE_SHARE * self.measured // self.rows)

    def page_written(self, page: int) -> None:
        if self.progress is not None and self.pages_planned:
            done = min(page, self.pages_planned)
            self.progress(MEASURE_SHARE + (100 - MEASURE_SHARE) * done // self.pages_planned)


#: Share of a logbook's rendering time spent measuring its entries (percent, for progress).
MEASURE_SHARE = 30


@dataclass
class _Laid:
    """A part's flowables, the number of entries on its first page (None: the first page holds
    none) and the pages planned."""

    flowables: list[Flowable]
    first_rows: int | None
    pages: int


def _pages(data: LogbookData, layout: LogbookLayout, spec: PageSpec,
           first_page_room: float, watch: Watch | None = None) -> _Laid:
    """One table per page, rows packed from measured heights.

    Letting one long table split itself re-measures every remaining row at every page break
    (quadratic: ~8 s for 1,000 entries); measuring once and packing keeps it linear.
    """
    cols = COLUMNS[layout]
    cs = _cell_styles(10.0)
    widths = column_widths(layout, spec.frame_width)
    head, span_cmds = _heading_rows(cols, cs)
    n_head = len(head)
    style = _table_style(cols, n_head, span_cmds, cs)
    probe = Table(head, colWidths=widths)
    probe.setStyle(style)
    probe.wrap(spec.frame_width, spec.frame_height)
    head_heights: list[float] = list(probe._rowHeights)
    head_height = sum(head_heights)

    measured = []
    for r in data.rows:
        measured.append(_body_row(r, cols, widths, cs))
        if watch is not None:
            watch.row_measured()
    if not measured:
        measured = [(["" for _ in cols], cs.text.leading + _TOP_PAD + _BOTTOM_PAD)]

    out: list[Flowable] = []
    page_cells: list[list[Any]] = []
    page_heights: list[float] = []
    counts: list[int] = []  # entries of each table, in order

    def emit(table: Table, rows: int) -> None:
        # Every table after the first starts a new page (the first follows the title).
        if counts:
            out.append(PageBreak())
        table.setStyle(style)
        out.append(table)
        counts.append(rows)

    def flush() -> None:
        if page_cells:
            emit(Table(head + page_cells, colWidths=widths,
                       rowHeights=head_heights + page_heights, repeatRows=n_head),
                 len(page_cells))
        page_cells.clear()
        page_heights.clear()

    # A hair of slack absorbs float rounding between our sums and the frame's.
    full_room = spec.frame_height - head_height - 2
    room = first_page_room - head_height - 2
    for cells, height in measured:
        if height > full_room:
            # Taller than a page on its own: a table of its own that may split inside the row.
            flush()
            emit(Table([*head, cells], colWidths=widths, repeatRows=n_head, splitInRow=36), 1)
            room = 0.0
            continue
        if height > room:
            if page_cells:
                flush()
            elif not out:
                out.append(PageBreak())  # the title left no room for even one entry
            room = full_room
        page_cells.append(cells)
        page_heights.append(height)
        room -= height
    flush()
    # The first page holds the first table's entries, unless the title left it none.
    first_rows = counts[0] if counts and not isinstance(out[0], PageBreak) else None
    tall = sum(1 for _cells, height in measured if height > full_room)
    return _Laid(out, first_rows, len(counts) + tall)


#: The form each layout reproduces, printed under the period line of a split logbook.
FORM_NAMES: dict[LogbookLayout, str] = {
    LogbookLayout.TT04_2021: "Mẫu số 03 ban hành kèm theo Thông tư số 04/2021/TT-TTCP",
    LogbookLayout.ND154_2026: "Mẫu số 03/TCD ban hành kèm theo Nghị định số 154/2026/NĐ-CP",
}


def _story(data: LogbookData, layout: LogbookLayout, spec: PageSpec,
           form_line: bool = False, watch: Watch | None = None) -> _Laid:
    st = styles_for(spec.scale)
    story: list[Flowable] = [
        header_table(data.office, spec, st, number=None, kind=None, on=None),
        *title_block(TITLE, None, st),
    ]
    if data.period_label:
        story.append(spec_period(data.period_label, st.center_italic))
    if form_line:
        story.append(Paragraph(esc(FORM_NAMES[layout]), st.center_italic))
    story.append(Spacer(1, st.size(6)))
    room = spec.frame_height - content_height(story, spec.frame_width)
    laid = _pages(data, layout, spec, room, watch)
    return _Laid(story + laid.flowables, laid.first_rows, laid.pages)


def _tell_first_page(watch: Watch | None, data: LogbookData, layout: LogbookLayout,
                     spec: PageSpec, laid: _Laid, title: str, form_line: bool = False) -> None:
    """Give ``watch`` the book's first page: the title and the entries the first page holds,
    laid out on their own exactly as at the start of the whole book."""
    if watch is None or watch.first_page is None or laid.first_rows is None:
        return
    first = LogbookData(office=data.office, period_label=data.period_label,
                        rows=list(data.rows[:laid.first_rows]), is_copy=data.is_copy)
    story = _story(first, layout, spec, form_line).flowables
    watch.first_page(build_pdf(story, spec, title=title, is_copy=data.is_copy).pdf)


def spec_period(label: str, style: ParagraphStyle) -> Paragraph:
    """The period line under the title: "(Từ ngày … đến ngày …)"."""
    return Paragraph(f"({esc(label)})", style)


def split_by_layout(rows: Sequence[LogbookRow], layout_of: Callable[[date], LogbookLayout]
                    ) -> list[tuple[LogbookLayout, list[LogbookRow]]]:
    """Consecutive runs of rows sharing the layout in force on their reception date."""
    parts: list[tuple[LogbookLayout, list[LogbookRow]]] = []
    for row in rows:
        layout = layout_of(row.received_on)
        if parts and parts[-1][0] is layout:
            parts[-1][1].append(row)
        else:
            parts.append((layout, [row]))
    return parts


def render_logbook_by_date(data: LogbookData, layout_of: Callable[[date], LogbookLayout],
                           part_label: Callable[[date, date], str] | None = None,
                           empty_layout: LogbookLayout | None = None,
                           watch: Watch | None = None) -> bytes:
    """Logbook pages whose layout follows each visit's date (LEGAL.md §2.1: the 13-column
    NĐ 154/2026 form only for visits from 01/07/2026). Each part starts on a new page with its
    own title block, period (``part_label`` of its first and last day) and form name."""
    parts = split_by_layout(data.rows, layout_of)
    if len(parts) <= 1:
        layout = parts[0][0] if parts else (empty_layout or LogbookLayout.ND154_2026)
        return render_logbook(data, layout, watch)
    spec = page_spec(Paper.A4, landscape_page=True)
    title = f"{TITLE} - {data.period_label}" if data.period_label else TITLE
    if watch is not None:
        watch.rows = len(data.rows)
    story: list[Flowable] = []
    for layout, rows in parts:
        if story:
            story.append(PageBreak())
        label = (part_label(rows[0].received_on, rows[-1].received_on) if part_label
                 else data.period_label)
        part = LogbookData(office=data.office, period_label=label, rows=rows,
                           is_copy=data.is_copy)
        laid = _story(part, layout, spec, form_line=True, watch=watch)
        if not story:
            _tell_first_page(watch, part, layout, spec, laid, title, form_line=True)
        if watch is not None:
            watch.pages_planned += laid.pages
        story.extend(laid.flowables)
    return build_pdf(story, spec, title=title, is_copy=data.is_copy,
                     on_page=watch.page_written if watch else None).pdf


def render_logbook(data: LogbookData, layout: LogbookLayout,
                   watch: Watch | None = None) -> bytes:
    """Logbook pages as PDF bytes on A4 landscape (``watch``: progress and the first page
    while it renders).

    Use ``layout_for_date`` to pick ``layout`` from the period's dates.
    """
    spec = page_spec(Paper.A4, landscape_page=True)
    title = f"{TITLE} - {data.period_label}" if data.period_label else TITLE
    if watch is not None:
        watch.rows = len(data.rows)
    laid = _story(data, layout, spec, watch=watch)
    _tell_first_page(watch, data, layout, spec, laid, title)
    if watch is not None:
        watch.pages_planned = laid.pages
    return build_pdf(laid.flowables, spec, title=title, is_copy=data.is_copy,
                     on_page=watch.page_written if watch else None).pdf
