"""A statutory form as a report in the NĐ 30/2020 layout (LEGAL.md §9): landscape A4, the
office's header with "Số: …/BC-UBND", the title, the form's grid as in its template, the notes,
then Nơi nhận beside the chairperson's signature. DTO in, bytes out."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import range_boundaries
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table

from reception_desk.domain.report_forms import ReportForm
from reception_desk.printing.dto import Paper
from reception_desk.printing.layout import build_pdf
from reception_desk.printing.layout import closing_table
from reception_desk.printing.layout import esc
from reception_desk.printing.layout import header_table
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import styles_for
from reception_desk.printing.layout import table_style
from reception_desk.printing.layout import title_block
from reception_desk.reports.dto import ReportDocument
from reception_desk.reports.layout import LAYOUTS
from reception_desk.reports.layout import NOT_RECORDED_MARK
from reception_desk.reports.layout import FormLayout
from reception_desk.reports.layout import notes
from reception_desk.reports.layout import period_line

SUMMARIES = {
    ReportForm.TCD_01: "Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất "
                       "(Biểu mẫu số 01/TCD)",
    ReportForm.XLD_01: "Tổng hợp kết quả xử lý đơn (Biểu mẫu số 01/XLD)",
    ReportForm.XLD_02: "Tổng hợp kết quả xử lý đơn khiếu nại (Biểu mẫu số 02/XLD)",
    ReportForm.XLD_03: "Tổng hợp kết quả xử lý đơn tố cáo (Biểu mẫu số 03/XLD)",
    ReportForm.XLD_04: "Tổng hợp kết quả xử lý đơn kiến nghị, phản ánh (Biểu mẫu số 04/XLD)",
    ReportForm.KQGQ_01: "Tổng hợp kết quả giải quyết khiếu nại thuộc thẩm quyền "
                        "(Biểu mẫu số 01/KQGQ)",
}


def render_pdf(doc: ReportDocument) -> bytes:
    result = doc.result
    layout = LAYOUTS[result.form]
    spec = page_spec(Paper.A4, landscape_page=True)
    st = styles_for(spec.scale)
    symbol = doc.office.symbol
    number = f"{doc.number}/BC-{symbol}" if doc.number else None
    period = period_line(result.period.first.strftime("%d/%m/%Y"),
                         result.period.last.strftime("%d/%m/%Y"))
    story: list[Flowable] = [
        header_table(doc.office, spec, st, number=number, kind="BC", on=doc.issued_on),
        *title_block("Báo cáo", SUMMARIES[result.form], st)[:-1],
        Paragraph(esc(period), st.center_italic),
        Spacer(1, st.size(4)),
        _grid(doc, layout, spec.frame_width, st.fonts.regular, st.fonts.bold),
        Spacer(1, st.size(6)),
    ]
    note_lines = notes(result.form, result.not_recorded, result.sessions_from_visits,
                       result.empty_sessions)
    if note_lines:
        story.append(Paragraph(f"<b>{esc(layout.note_label)}</b> " +
                               " ".join(esc(x) for x in note_lines), st.plain))
    story += [Spacer(1, st.size(6)),
              closing_table(doc.recipients, doc.office.head, spec, st)]
    title = f"Báo cáo {result.form.value} {result.period.code}"
    return build_pdf(story, spec, title=title).pdf


def _grid(doc: ReportDocument, layout: FormLayout, width: float, regular: str,
          bold: str) -> Table:
    top = layout.header_rows[0]
    rows = layout.data_row - top + 1
    cols = layout.last_column
    size = 6.5 if cols > 24 else 7.5
    head = ParagraphStyle("grid_head", fontName=bold, fontSize=size, leading=size * 1.15,
                          alignment=TA_CENTER)
    cell = ParagraphStyle("grid_cell", fontName=regular, fontSize=size + 1,
                          leading=(size + 1) * 1.15, alignment=TA_CENTER)
    unit = ParagraphStyle("grid_unit", parent=cell, alignment=TA_LEFT)
    grid: list[list[Any]] = [["" for _ in range(cols)] for _ in range(rows)]
    for ref, text in layout.cells:
        col, row = _coordinates(ref)
        if top <= row <= layout.ms_row:
            grid[row - top][col - 1] = Paragraph(esc(str(text)), head)
    data = layout.data_row - top
    grid[data][0] = Paragraph(esc(doc.body_line), unit)
    result = doc.result
    for number in range(1, layout.columns + 1):
        value = result.value(number)
        text = NOT_RECORDED_MARK if number in result.not_recorded else str(value or 0)
        grid[data][layout.column_index(number) - 1] = Paragraph(text, cell)
    first_width = 30 * mm
    widths = [first_width] + [(width - first_width) / (cols - 1)] * (cols - 1)
    spans = []
    for merged in layout.merged:
        c0, r0, c1, r1 = range_boundaries(merged)
        if r0 >= top and r1 <= layout.data_row:
            spans.append(("SPAN", (c0 - 1, r0 - top), (c1 - 1, r1 - top)))
    table = Table(grid, colWidths=widths, repeatRows=layout.ms_row - top + 1)
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        *spans,
    ]))
    return table


def _coordinates(ref: str) -> tuple[int, int]:
    """(column, row), 1-based, of a cell reference such as "AA5"."""
    c0, r0, _c1, _r1 = range_boundaries(f"{ref}:{ref}")
    return int(c0 or 1), int(r0 or 1)
