"""A statutory form as XLSX in its template's layout (openpyxl): merged headings, the MS row,
formulas for the total columns, Times New Roman, landscape A4 print area. DTO in, bytes out."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reception_desk.reports.dto import ReportDocument
from reception_desk.reports.layout import LAYOUTS
from reception_desk.reports.layout import NOT_RECORDED_MARK
from reception_desk.reports.layout import FormLayout
from reception_desk.reports.layout import notes
from reception_desk.reports.layout import period_line

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render_xlsx(doc: ReportDocument) -> bytes:
    result = doc.result
    layout = LAYOUTS[result.form]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = result.form.value.replace("/", "-")
    last = get_column_letter(layout.last_column)
    sheet["A1"] = layout.title
    sheet["A2"] = period_line(result.period.first.strftime("%d/%m/%Y"),
                              result.period.last.strftime("%d/%m/%Y"))
    for ref, text in layout.cells:
        sheet[ref] = text
    for ref in layout.merged:
        sheet.merge_cells(ref)
    data = layout.data_row
    sheet.cell(data, 1, doc.body_line)
    totals = dict(layout.formulas)
    for number in range(1, layout.columns + 1):
        cell = sheet.cell(data, layout.column_index(number))
        if number in totals:
            parts = ",".join(f"{get_column_letter(layout.column_index(p))}{data}"
                             for p in totals[number])
            cell.value = f"=SUM({parts})"
        elif number in result.not_recorded:
            cell.value = NOT_RECORDED_MARK
        else:
            cell.value = result.value(number) or 0
    note_lines = notes(result.form, result.not_recorded, result.sessions_from_visits,
                       result.empty_sessions)
    sheet.cell(layout.note_row, 1, layout.note_label + " " + " ".join(note_lines))
    sheet.merge_cells(f"A{layout.note_row}:{last}{layout.note_row}")
    _style(sheet, layout)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet: Worksheet, layout: FormLayout) -> None:
    top, bottom = layout.header_rows
    for row in sheet.iter_rows(min_row=1, max_row=layout.note_row, max_col=layout.last_column):
        for cell in row:
            bold = cell.row <= bottom or cell.row == layout.ms_row
            cell.font = Font(name=FONT, size=14 if cell.row == 1 else 11, bold=bold,
                             italic=cell.row == 2)
            if top <= cell.row <= layout.data_row:
                cell.border = _BOX
                cell.alignment = Alignment(horizontal="center", vertical="center",
                                           wrap_text=True)
    for row in (1, 2):
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    sheet.cell(layout.data_row, 1).alignment = Alignment(horizontal="left", vertical="center",
                                                         wrap_text=True)
    sheet.cell(layout.note_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[layout.note_row].height = 48
    sheet.column_dimensions["A"].width = 22
    for index in range(2, layout.last_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 7.5
    for row in range(top, bottom + 1):
        sheet.row_dimensions[row].height = 42
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:{get_column_letter(layout.last_column)}{layout.note_row}"
    sheet.print_title_rows = f"{top}:{layout.ms_row}"
