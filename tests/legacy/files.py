"""Old logbook files the tests build with openpyxl: the two statutory layouts with their merged
two-row headings, text typed in TCVN3 (with .VnTimeH capitals) and VNI, dates and ID numbers
typed every way old books typed them, and rows with problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font

TT04_TOP = ["STT", "Ngày tiếp", "Họ tên - Địa chỉ", "CMND/Hộ chiếu của công dân",
            "Nội dung vụ việc", "Phân loại đơn/Số người", "Cơ quan đã giải quyết",
            "Hướng xử lý", None, None, "Theo dõi kết quả giải quyết", "Ghi chú"]
TT04_SUB = ["Thụ lý để giải quyết", "Trả lại đơn và hướng dẫn",
            "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền"]
ND154 = ["STT", "Ngày tiếp", "Họ tên, địa chỉ", "CCCD/CMND/Hộ chiếu", "Nội dung đơn",
         "Loại đơn (KN/TC/KN/PA)", "Số người cùng nội dung", "Cơ quan đã giải quyết",
         "Thuộc thẩm quyền (x)", "Hướng dẫn công dân đến cơ quan có thẩm quyền",
         "Cơ quan, đơn vị thụ lý", "Theo dõi kết quả giải quyết", "Ghi chú"]

#: TT 04/2021 rows: TCVN3 names (a .VnTimeH capital line), a VNI row, Unicode, serial and text
#: dates, a CCCD typed as a number (lost its 0), a CMND with dots, a 2009 visit, an unaccented name.
TT04_ROWS: list[list[Any]] = [
    [1, "05/03/2019", "NguyÔn V¨n An\nTh«n §«ng, x· Hßa B×nh", 37085001234,
     "Tranh chÊp ®Êt ®ai víi hé liÒn kÒ", "KN/1", None, "x", None, None, None, None],
    [2, 43530, "Lª ThÞ Hoa - x· Hßa B×nh", "037.185.002.345", "§Ò nghÞ cÊp sæ ®á",
     "KiÕn nghÞ/2", "UBND x·", None, "x", None, None, "®· tr¶ lêi"],
    [3, "ngày 7 tháng 3 năm 2019", "Nguyeãn Vaên Bình\nthoân Taây", "171234567",
     "Khieáu naïi quyeát ñònh thu hoài ñaát", "Khiếu nại", None, None, None,
     "UBND huyện", None, None],
    [4, "12/5/09", "Nguyen Van Binh, thon Dong", None, "Phan anh duong hong",
     "Phản ánh / 3 người", None, None, None, None, None, None],
    [5, date(2019, 3, 8), "TRÇN V¡N C¦êNG\nXãm 1", None, "Tè c¸o c¸n bé x·", "TC", None, "x",
     None, None, None, None],
]


def tt04_book(path: Path, rows: list[list[Any]] | None = None, title_rows: int = 2) -> Path:
    """A TT 04/2021 Mẫu 03 sheet: title lines, the two-row heading with "Hướng xử lý" merged
    over three columns (and the single headings merged down two rows), the column numbers."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Năm 2019"
    ws.append(["SỔ TIẾP CÔNG DÂN"])
    for _ in range(title_rows - 1):
        ws.append([])
    top = title_rows + 1
    ws.append(TT04_TOP)
    ws.append([None] * 7 + TT04_SUB + [None, None])
    ws.merge_cells(start_row=top, start_column=8, end_row=top, end_column=10)
    for col in (1, 2, 3, 4, 5, 6, 7, 11, 12):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    ws.append([f"({i})" for i in range(1, 13)])
    for row in TT04_ROWS if rows is None else rows:
        ws.append(row)
    # The upper-case line typed in .VnTimeH (row 5 of the data).
    data_top = top + 3
    for r in range(data_top, ws.max_row + 1):
        cell = ws.cell(r, 3)
        if isinstance(cell.value, str) and cell.value.startswith("TRÇN"):
            cell.font = Font(name=".VnTimeH")
    ws2 = book.create_sheet("Ghi chú")
    ws2.append(["Sổ do văn phòng lập"])
    book.save(path)
    return path


ND154_ROWS: list[list[Any]] = [
    [1, "02/07/2026", "Phạm Thị Dung, thôn Bắc", "001185012345", "Đề nghị giải quyết chế độ",
     "Kiến nghị", 1, None, "x", None, None, None, None],
    [2, "03/07/2026", "Hoàng Văn Em, xóm Nam", None, "Tố cáo hành vi lấn chiếm", "Tố cáo",
     "2 người", None, None, None, "Công an huyện", None, None],
]


def nd154_book(path: Path, rows: list[list[Any]] | None = None) -> Path:
    """An NĐ 154/2026 Mẫu 03/TCD sheet: one heading row, column numbers under it."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "2026"
    ws.append(["UBND XÃ HÒA BÌNH"])
    ws.append(["SỔ TIẾP CÔNG DÂN NĂM 2026"])
    ws.append(ND154)
    ws.append(list(range(1, 14)))
    for row in ND154_ROWS if rows is None else rows:
        ws.append(row)
    book.save(path)
    return path


BAD_ROWS: list[list[Any]] = [
    [1, "31/02/2019", "Ngô Văn Giàu", None, "Đất đai", "KN/1", None, "x", None, None, None,
     None],
    [2, "06/03/2019", "", None, "Đất đai", "KN", None, "x", None, None, None, None],
    [3, "06/03/2019", "Đỗ Thị Hà", "12345", "Đất đai", "xin việc", None, "x", None, None,
     None, None],
    [4, "06/03/2019", "Vũ Văn Ích", None, "Môi trường", "PA/1", None, "x", None, None, None,
     None],
]


def unknown_book(path: Path, rows: int = 3, bad: bool = False) -> Path:
    """A home-made layout no heading word names: "Ngày | Người đến | Việc | Dạng"."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sổ"
    ws.append(["Hôm", "Ai", "Nơi ở", "Việc gì", "Dạng"])
    for i in range(rows):
        ws.append([f"{1 + i % 28}/3/2019", f"Trần Văn Khải {i}", "thôn Nam",
                   "Xin xác nhận đất", "KN"])
    if bad:
        ws.append(["30/2/2019", "Lò Văn Lâm", "bản Mường", "Xin hỗ trợ", "KN"])
    book.save(path)
    return path
