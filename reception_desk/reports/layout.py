"""The templates' grids (REPORT_FORMS.txt: Gosol KNTC "TT2024" set for 01/XLD–04/XLD and
01/KQGQ, its 01/TCD):
merged ranges, heading cells (Vietnamese legal wording, as printed), the MS row and where each
column's value goes. Shared by the XLSX and the PDF so both look like the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from reception_desk.domain.legacy_layout import column_letter
from reception_desk.domain.report_forms import ReportForm


def _ms_row(row: int, columns: int, formulas: dict[int, str]) -> tuple[tuple[str, object], ...]:
    """A template's MS row: "MS" under "Đơn vị", then each form column's number, or the formula
    the template prints over it (form column n sits in sheet column n + 1: B is 1)."""
    return ((f"A{row}", "MS"),
            *((f"{column_letter(n)}{row}", formulas.get(n, n)) for n in range(1, columns + 1)))


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
    *_ms_row(7, 29, {1: '1=4+13+22', 2: '2=5+14+23', 3: '3=6+7+15+ 16 + 24 +25'}),
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
    ('V5', 'Đôn đốc giải quyết'),
    *_ms_row(6, 22, {1: '1=2+3=4+5', 6: '6=8+9+10=11+12+13=14+18', 14: '14=15+16+17',
                     18: '18=19+20+21'}),
)

#: 02/XLD: A1:AB9, headings rows 3-5, MS row 6 (numbered by position: the template's own MS row
#: is garbled after column 19, see domain.report_forms.XLD02_COLUMNS), office row 7, note A9.
_XLD02_MERGED = (
    'A1:AB1', 'A2:AB2', 'A3:A5', 'B3:D3', 'E3:G3', 'H3:I3', 'J3:P3', 'Q3:U3', 'V3:AA3', 'AB3:AB5',
    'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:M4', 'N4:N5',
    'O4:O5', 'P4:P5', 'Q4:S4', 'T4:T5', 'U4:U5', 'V4:X4', 'Y4:AA4',
)
_XLD02_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Đơn kỳ trước chuyển sang'), ('E3', 'Đơn đã xử lý'),
    ('H3', 'Đủ điều kiện xử lý'), ('J3', 'Phân loại vụ việc theo nội dung'),
    ('Q3', 'Phân loại vụ việc theo tình trạng giải quyết'), ('V3', 'Kết quả xử lý'),
    ('AB3', 'Số văn bản phúc đáp nhận được do chuyển đơn'), ('B4', 'Tổng số đơn'),
    ('C4', 'Số đơn kỳ trước chuyển sang'), ('D4', 'Số đơn tiếp nhận trong kỳ'), ('E4', 'Tổng'),
    ('F4', 'đơn kỳ trước chuyển sang'), ('G4', 'Đơn tiếp nhận trong kỳ'), ('H4', 'Số đơn'),
    ('I4', 'Số vụ việc'), ('J4', 'Lĩnh vực hành chính'), ('N4', 'Lĩnh vực tư pháp'),
    ('O4', 'Lĩnh vực Đảng, đoàn thể'), ('P4', 'Lĩnh vực khác'), ('Q4', 'Đã giải quyết'),
    ('T4', 'Đang giải quyết'), ('U4', 'Chưa giải quyết'), ('V4', 'Vụ việc thuộc thẩm quyền'),
    ('Y4', 'Vụ việc không thuộc thẩm quyền'), ('J5', 'Tổng'), ('K5', 'Chế độ, chính sách'),
    ('L5', 'Đất đai, nhà cửa'), ('M5', 'Khác'), ('Q5', 'Lần đầu'), ('R5', 'Lần 2'),
    ('S5', 'Đã có bản án của tòa'), ('V5', 'Tổng'), ('W5', 'Lần đầu'), ('X5', 'Lần 2'),
    ('Y5', 'Tổng'), ('Z5', 'Hướng dẫn'), ('AA5', 'Đôn đốc giải quyết'),
    *_ms_row(6, 27, {1: '1=2+3', 4: '4=5+6', 8: '8=9+13+14+15=16+..+20=21+24',
                     9: '9=10+11+12', 21: '21=22+23', 24: '24=25+26'}),
)

#: 03/XLD: A1:AB9 as 02/XLD's grid (its MS row as printed).
_XLD03_MERGED = (
    'A1:AB1', 'A2:AB2', 'A3:A5', 'B3:D3', 'E3:G3', 'H3:I3', 'J3:R3', 'S3:U3', 'V3:AA3', 'AB3:AB5',
    'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:N4', 'O4:O5',
    'P4:P5', 'Q4:Q5', 'R4:R5', 'S4:T4', 'U4:U5', 'V4:X4', 'Y4:AA4',
)
_XLD03_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Tổng số đơn phải xử lý'), ('E3', 'Đơn đã xử lý'),
    ('H3', 'Đủ điều kiện xử lý'), ('J3', 'Phân loại vụ việc theo nội dung'),
    ('S3', 'Phân loại vụ việc theo tố cáo theo tình trạng giải quyết'), ('V3', 'Kết quả xử lý'),
    ('AB3', 'Số văn bản phúc đáp nhận được do chuyển đơn'), ('B4', 'Tổng số đơn'),
    ('C4', 'Đơn kỳ trước chuyển sang'), ('D4', 'Đơn tiếp nhận trong kỳ'), ('E4', 'Tổng'),
    ('F4', 'Đơn kỳ trước chuyển sang'), ('G4', 'Đơn tiếp nhận trong kỳ'), ('H4', 'Số đơn'),
    ('I4', 'Số vụ việc'), ('J4', 'Lĩnh vực hành chính'), ('O4', 'Tham nhũng'),
    ('P4', 'Lĩnh vực Tư pháp'), ('Q4', 'Lĩnh vực Đảng, đoàn thể'), ('R4', 'Lĩnh vực khác'),
    ('S4', 'Tố cáo tiếp'), ('U4', 'Chưa giải quyết'), ('V4', 'Vụ việc thuộc thẩm quyền'),
    ('Y4', 'Vụ việc không thuộc thẩm quyền'), ('J5', 'Tổng cộng'), ('K5', 'Chế độ, chính sách'),
    ('L5', 'Đất đai, nhà cửa'), ('M5', 'Công chức, công vụ'), ('N5', 'Khác'),
    ('S5', 'Quá thời hạn chưa giải quyết'), ('T5', 'Đã có kết luận giải quyết'),
    ('V5', 'Tổng số'), ('W5', 'Tố cáo lần đầu'), ('X5', 'Tố cáo tiếp'), ('Y5', 'Tổng số'),
    ('Z5', 'Chuyển đơn'), ('AA5', 'Đôn đốc giải quyết'),
    *_ms_row(6, 27, {1: '1=2+3', 4: '4=5+6', 8: '8=9+14+15+16+17=18+19+20=21+24',
                     9: '9=10+11+12+13', 21: '21=22+23', 24: '24=25+26'}),
)

#: 04/XLD: A1:U9 (MS row as printed but "…=15+16" for the template's "15+18").
_XLD04_MERGED = (
    'A1:U1', 'A2:U2', 'A3:A5', 'B3:D3', 'E3:G3', 'H3:I3', 'J3:M3', 'N3:O3', 'P3:S3', 'T3:U3',
    'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5',
    'L4:L5', 'M4:M5', 'N4:N5', 'O4:O5', 'P4:P5', 'Q4:S4', 'T4:T5', 'U4:U5',
)
_XLD04_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Tổng số đơn phải xử lý'), ('E3', 'Đã xử lý trong kỳ'),
    ('H3', 'Đủ điều kiện xử lý'), ('J3', 'Phân loại vụ việc theo nội dung'),
    ('N3', 'Phân loại vụ việc theo tình trạng giải quyết'), ('P3', 'Kết quả xử lý'),
    ('T3', 'Kết quả giải quyết vụ việc thẩm quyền'), ('B4', 'Tổng số đơn'),
    ('C4', 'Đơn kỳ trước chuyển sang'), ('D4', 'Đơn tiếp nhận trong kỳ'), ('E4', 'Tổng số'),
    ('F4', 'Đơn kỳ trước chuyển sang'), ('G4', 'Đơn tiếp nhận trong kỳ'), ('H4', 'Số đơn'),
    ('I4', 'Số vụ việc'), ('J4', 'Chế độ, chính sách'), ('K4', 'Đất đai'), ('L4', 'Tư pháp'),
    ('M4', 'Khác'), ('N4', 'Đã được giải quyết'), ('O4', 'Chưa được giải quyết'),
    ('P4', 'Vụ việc thuộc thẩm quyền'), ('Q4', 'Vụ việc không thuộc thẩm quyền'),
    ('T4', 'Số vụ việc đã được giải quyết'), ('U4', 'Số vụ việc chưa giải quyết'),
    ('Q5', 'Tổng số'), ('R5', 'Chuyển đơn'), ('S5', 'Đôn đốc giải quyết'),
    *_ms_row(6, 20, {1: '1=2+3', 4: '4=5+6', 8: '8=9+10+11+12=13+14=15+16',
                     16: '16=17+18'}),
)

#: 01/KQGQ: A1:AA10, headings rows 3-6, MS row 7, office row 8, note A10.
_KQGQ01_MERGED = (
    'A1:AA1', 'A2:AA2', 'A3:A6', 'B3:D3', 'E3:E6', 'F3:T3', 'U3:AA3', 'B4:B6', 'C4:C6', 'D4:D6',
    'F4:G4', 'H4:I4', 'J4:O4', 'P4:Q4', 'R4:T4', 'U4:W4', 'X4:Y4', 'Z4:AA4', 'F5:F6', 'G5:G6',
    'H5:H6', 'I5:I6', 'J5:K5', 'L5:M5', 'N5:N6', 'O5:O6', 'P5:P6', 'Q5:Q6', 'R5:R6', 'S5:S6',
    'T5:T6', 'U5:U6', 'V5:V6', 'W5:W6', 'X5:X6', 'Y5:Y6', 'Z5:Z6', 'AA5:AA6',
)
_KQGQ01_CELLS = (
    ('A3', 'Đơn vị'), ('B3', 'Đơn khiếu nại thuộc thẩm quyền'),
    ('E3', 'Tổng số vụ việc khiếu nại thuộc thẩm quyền'), ('F3', 'Kết quả giải quyết'),
    ('U3', 'Phân tích kết quả giải quyết (vụ việc)'), ('B4', 'Tổng số'),
    ('C4', 'Kỳ trước chuyển sang'), ('D4', 'Tiếp nhận trong kỳ'), ('F4', 'Đã giải quyết'),
    ('H4', 'Kiến nghị thu hồi cho NN'), ('J4', 'Trả lại cho tổ chức, cá nhân'),
    ('P4', 'Kiến nghị xử lý hành chính'), ('R4', 'Chuyển cơ quan điều tra'),
    ('U4', 'Giải quyết lần đầu'), ('X4', 'Giải quyết lần 2'),
    ('Z4', 'Chấp hành thời hạn giải quyết'),
    ('F5', 'Số vụ việc giải quyết bằng QĐ hành chính'),
    ('G5', 'Số vụ việc rút đơn thông qua giải thích, thuyết phục'), ('H5', 'Tiền (Trđ)'),
    ('I5', 'Đất (m2)'), ('J5', 'Tổ chức'), ('L5', 'Cá nhân'),
    ('N5', 'Số tổ chức được trả lại quyền lợi'), ('O5', 'Số cá nhân được trả lại quyền lợi'),
    ('P5', 'Tổng số người bị kiến nghị xử lý'),
    ('Q5', 'Trong đó số cán bộ, công chức, viên chức'), ('R5', 'Số vụ'),
    ('S5', 'Tổng số người'), ('T5', 'Trong đó số cán bộ, công chức, viên chức'),
    ('U5', 'Khiếu nại đúng'), ('V5', 'Khiếu nại sai'), ('W5', 'Khiếu nại đúng một phần'),
    ('X5', 'Công nhận QĐ g/q lần đầu'), ('Y5', 'Hủy, sửa QĐ g/q lần đầu'),
    ('Z5', 'Đúng quy định'), ('AA5', 'Không đúng quy định'), ('J6', 'Tiền (Trđ)'),
    ('K6', 'Đất (m2)'), ('L6', 'Tiền (Trđ)'), ('M6', 'Đất (m2)'),
    *_ms_row(7, 26, {1: '1=2+3', 5: '5=20+..+24'}),
)


@dataclass(frozen=True)
class FormLayout:
    """Where a form's parts go on the sheet (1-based rows)."""

    form: ReportForm
    title: str
    last_column: int  # 30 (AD) for 01/TCD, 23 (W) for 01/XLD, 28 (AB) for 02/XLD …
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
    ReportForm.XLD_02: FormLayout(
        ReportForm.XLD_02, "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KHIẾU NẠI", 28, (3, 5), 6, 7, 9,
        "Ghi chú:", _XLD02_MERGED, _XLD02_CELLS,
        ((1, (2, 3)), (4, (5, 6)), (9, (10, 11, 12)), (21, (22, 23)), (24, (25, 26)))),
    ReportForm.XLD_03: FormLayout(
        ReportForm.XLD_03, "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN TỐ CÁO", 28, (3, 5), 6, 7, 9,
        "Ghi chú:", _XLD03_MERGED, _XLD03_CELLS,
        ((1, (2, 3)), (4, (5, 6)), (9, (10, 11, 12, 13)), (21, (22, 23)), (24, (25, 26)))),
    ReportForm.XLD_04: FormLayout(
        ReportForm.XLD_04, "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KIẾN NGHỊ, PHẢN ÁNH", 21, (3, 5), 6, 7, 9,
        "Ghi chú:", _XLD04_MERGED, _XLD04_CELLS,
        ((1, (2, 3)), (4, (5, 6)), (16, (17, 18)))),
    ReportForm.KQGQ_01: FormLayout(
        ReportForm.KQGQ_01, "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THUỘC THẨM QUYỀN", 27, (3, 6),
        7, 8, 10, "Ghi chú:", _KQGQ01_MERGED, _KQGQ01_CELLS, ((1, (2, 3)),)),
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


def column_runs(numbers: tuple[int, ...]) -> str:
    """"7–26" for a run of three or more columns, "21, 22" otherwise."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def notes(form: ReportForm, not_recorded: tuple[int, ...], sessions_from_visits: bool,
          empty_sessions: int = 0) -> list[str]:
    lines = []
    if not_recorded:
        lines.append(NOT_RECORDED_NOTE.format(columns=column_runs(not_recorded)))
    if form is ReportForm.TCD_01:
        if sessions_from_visits:
            lines.append(SESSIONS_NOTE)
        if empty_sessions:  # the one-page form keeps its room when there is nothing to say
            lines.append(EMPTY_SESSIONS_NOTE.format(count=empty_sessions))
        lines.append(DELEGATION_NOTE)
    return lines
