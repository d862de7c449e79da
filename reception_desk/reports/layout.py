"""The templates' grids (REPORT_FORMS.txt: Gosol KNTC "TT2024" set for 01/XLD, its 01/TCD):
merged ranges, heading cells (Vietnamese legal wording, as printed), the MS row and where each
column's value goes. Shared by the XLSX and the PDF so both look like the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from reception_desk.domain.report_forms import ReportForm

#: 01/TCD: A1:AD10, headings in rows 3-6, MS row 7, the office's row 8, note A10.
_TCD_MERGED = (
    'A1:AD1', 'A2:AD2', 'A3:A6', 'B3:B6', 'C3:C6', 'D3:D6', 'E3:L3', 'M3:AD3', 'E4:E6', 'F4:F6',
    'G4:H4', 'I4:L4', 'M4:U4', 'V4:AD4', 'G5:G6', 'H5:H6', 'I5:I6', 'J5:J6', 'K5:K6', 'L5:L6',
    'M5:M6', 'N5:N6', 'O5:O6', 'P5:Q5', 'R5:U5', 'V5:V6', 'W5:W6', 'X5:X6', 'Y5:Z5', 'AA5:AD5',
)
_TCD_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Tổng số lượt tiếp'), ('C3', 'Tổng số người được tiếp'),
    ('D3', 'Tổng số vụ việc tiếp'), ('E3', 'Tiếp thường xuyên'),
    ('M3', 'Tiếp định kỳ và đột xuất của Thủ trưởng'), ('E4', 'Số lượt tiếp'),
    ('F4', 'Số người được tiếp'), ('G4', 'Số vụ việc'), ('I4', 'Trong đó đoàn đông người'),
    ('M4', 'Thủ trưởng tiếp'), ('V4', 'Ủy quyền tiếp'), ('G5', 'Tiếp lần đầu'),
    ('H5', 'Tiếp nhiều lần'), ('I5', 'Số đoàn được tiếp'), ('J5', 'Số người được tiếp'),
    ('K5', 'Tiếp lần đầu'), ('L5', 'Tiếp nhiều lần'), ('M5', 'Số kỳ tiếp'),
    ('N5', 'Số lượt tiếp'), ('O5', 'Số người được tiếp'), ('P5', 'Số vụ việc'),
    ('R5', 'Trong đó đoàn đông người'), ('V5', 'Số kỳ tiếp'), ('W5', 'Số lượt tiếp'),
    ('X5', 'Số người được tiếp'), ('Y5', 'Số vụ việc'), ('AA5', 'Trong đó đoàn đông người'),
    ('P6', 'Tiếp lần đầu'), ('Q6', 'Tiếp nhiều lần'), ('R6', 'Số đoàn được tiếp'),
    ('S6', 'Số người được tiếp'), ('T6', 'Tiếp lần đầu'), ('U6', 'Tiếp nhiều lần'),
    ('Y6', 'Tiếp lần đầu'), ('Z6', 'Tiếp nhiều lần'), ('AA6', 'Số đoàn được tiếp'),
    ('AB6', 'Số người được tiếp'), ('AC6', 'Tiếp lần đầu'), ('AD6', 'Tiếp nhiều lần'),
    ('A7', 'MS'), ('B7', '1=4+13+22'), ('C7', '2=5+14+23'), ('D7', '3=6+7+15+ 16 + 24 +25'),
    ('E7', 4), ('F7', 5), ('G7', 6), ('H7', 7), ('I7', 8), ('J7', 9), ('K7', 10), ('L7', 11),
    ('M7', 12), ('N7', 13), ('O7', 14), ('P7', 15), ('Q7', 16), ('R7', 17), ('S7', 18),
    ('T7', 19), ('U7', 20), ('V7', 21), ('W7', 22), ('X7', 23), ('Y7', 24), ('Z7', 25),
    ('AA7', 26), ('AB7', 27), ('AC7', 28), ('AD7', 29),
)

#: 01/XLD: A1:W9, headings in rows 3-5, MS row 6, the office's row 7, note A9.
_XLD_MERGED = (
    'A1:W1', 'A2:W2', 'A3:A5', 'B3:D3', 'E3:E5', 'F3:F5', 'G3:H3', 'I3:K3', 'L3:N3', 'O3:V3',
    'W3:W5', 'B4:B5', 'C4:C5', 'D4:D5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5', 'L4:M4',
    'N4:N5', 'O4:R4', 'S4:V4',
)
_XLD_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Kỳ trước chuyển sang'), ('E3', 'Số đơn đã xử lý'),
    ('F3', 'Số đơn chưa xử lý(Chuyển kỳ sau xử lý)'), ('G3', 'Đủ điều kiện xử lý'),
    ('I3', 'Phân loại đơn theo nội dung'), ('L3', 'Phân loại đơn theo tình trạng giải quyết'),
    ('O3', 'Kết quả xử lý đơn'), ('W3', 'Số văn bản phúc đáp nhận được do chuyển đơn'),
    ('B4', 'Tổng số đơn'), ('C4', 'Kỳ trước chuyển sang'), ('D4', 'Tiếp nhận trong kỳ'),
    ('G4', 'Số đơn'), ('H4', 'Số vụ việc'), ('I4', 'Khiếu nại'), ('J4', 'Tố cáo'),
    ('K4', 'Kiến nghị, phản ánh'), ('L4', 'Đã giải quyết'), ('N4', 'Chưa giải quyết xong'),
    ('O4', 'Đơn thuộc thẩm quyền'), ('S4', 'Đơn không thuộc thẩm quyền'), ('L5', 'Lần đầu'),
    ('M5', 'Nhiều lần'), ('O5', 'Tổng số'), ('P5', 'Khiếu nại'), ('Q5', 'Tố cáo'),
    ('R5', 'Kiến nghị, phản ánh'), ('S5', 'Tổng số'), ('T5', 'Hướng dẫn'), ('U5', 'Chuyển đơn'),
    ('V5', 'Đôn đốc giải quyết'), ('A6', 'MS'), ('B6', '1=2+3=4+5'), ('C6', 2), ('D6', 3),
    ('E6', 4), ('F6', 5), ('G6', '6=8+9+10=11+12+13=14+18'), ('H6', 7), ('I6', 8), ('J6', 9),
    ('K6', 10), ('L6', 11), ('M6', 12), ('N6', 13), ('O6', '14=15+16+17'), ('P6', 15), ('Q6', 16),
    ('R6', 17), ('S6', '18=19+20+21'), ('T6', 19), ('U6', 20), ('V6', 21), ('W6', 22),
)


@dataclass(frozen=True)
class FormLayout:
    """Where a form's parts go on the sheet (1-based rows)."""

    form: ReportForm
    title: str
    last_column: int  # 30 (AD) for 01/TCD, 23 (W) for 01/XLD
    header_rows: tuple[int, int]  # first and last heading row
    ms_row: int
    data_row: int
    note_row: int
    note_label: str
    merged: tuple[str, ...]
    cells: tuple[tuple[str, object], ...]
    #: Total columns written as formulas over their parts (the MS row's identities).
    formulas: tuple[tuple[int, tuple[int, ...]], ...]

    def column_index(self, number: int) -> int:
        """The sheet column (1-based) of form column ``number``: A is "Đơn vị", B is 1."""
        return number + 1

    @property
    def columns(self) -> int:
        """How many numbered form columns sit in the grid (01/TCD's 30 is the note line)."""
        return self.last_column - 1


LAYOUTS: dict[ReportForm, FormLayout] = {
    ReportForm.TCD_01: FormLayout(
        ReportForm.TCD_01, "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
        30, (3, 6), 7, 8, 10, "30. Ghi chú:", _TCD_MERGED, _TCD_CELLS,
        ((1, (4, 13, 22)), (2, (5, 14, 23)), (3, (6, 7, 15, 16, 24, 25)))),
    ReportForm.XLD_01: FormLayout(
        ReportForm.XLD_01, "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN", 23, (3, 5), 6, 7, 9, "Ghi chú:",
        _XLD_MERGED, _XLD_CELLS,
        ((1, (2, 3)), (14, (15, 16, 17)), (18, (19, 20, 21)))),
}

#: What the app cannot know, said in the note (never a silent 0).
NOT_RECORDED_NOTE = "Cột {columns}: phần mềm chưa ghi nhận số liệu này (để trống, không phải 0)."
SESSIONS_NOTE = ("Số kỳ tiếp (cột 12, 21) gồm kỳ tiếp đã ghi nhận và ngày lãnh đạo chủ trì tiếp "
                 "ngoài kỳ tiếp đã ghi nhận.")
EMPTY_SESSIONS_NOTE = "Số kỳ tiếp định kỳ lãnh đạo có mặt nhưng không có công dân đến: {count}."
DELEGATION_NOTE = ("Thủ trưởng tiếp: Chủ tịch UBND chủ trì; ủy quyền tiếp: lãnh đạo khác chủ trì "
                   "buổi tiếp định kỳ, đột xuất.")
NOT_RECORDED_MARK = "—"


def period_line(first: str, last: str) -> str:
    """The templates' SO_LIEU_TINH_TU_NGAY_DEN_NGAY line."""
    return f"(Số liệu tính từ ngày {first} đến ngày {last})"


def notes(form: ReportForm, not_recorded: tuple[int, ...], sessions_from_visits: bool,
          empty_sessions: int = 0) -> list[str]:
    lines = []
    if not_recorded:
        lines.append(NOT_RECORDED_NOTE.format(columns=", ".join(map(str, not_recorded))))
    if form is ReportForm.TCD_01:
        if sessions_from_visits:
            lines.append(SESSIONS_NOTE)
        if empty_sessions:  # the one-page form keeps its room when there is nothing to say
            lines.append(EMPTY_SESSIONS_NOTE.format(count=empty_sessions))
        lines.append(DELEGATION_NOTE)
    return lines
