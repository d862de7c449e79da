"""Sổ tiếp công dân pages: both legal layouts, wrapping, repeated headings, page numbers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.classification import HandlingDirection
from reception_desk.printing.dto import LogbookData
from reception_desk.printing.dto import LogbookLayout
from reception_desk.printing.dto import Paper
from reception_desk.printing.layout import page_spec
from reception_desk.printing.logbook import column_widths
from reception_desk.printing.logbook import headings
from reception_desk.printing.logbook import layout_for_date
from reception_desk.printing.logbook import render_logbook
from tests.printing.rd_print_samples import LONG_CONTENT
from tests.printing.rd_print_samples import make_rows
from tests.printing.test_print_forms import assert_all_fonts_embedded
from tests.printing.test_print_forms import assert_inside_margins

MM = probe.MM

# LEGAL.md §2.1 (a): TT 04/2021/TT-TTCP Mẫu 03, 12 columns.
TT04_HEADINGS = [
    "STT", "Ngày tiếp", "Họ tên - Địa chỉ", "CMND/Hộ chiếu của công dân", "Nội dung vụ việc",
    "Phân loại đơn/Số người", "Cơ quan đã giải quyết", "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn", "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
    "Theo dõi kết quả giải quyết", "Ghi chú",
]
# LEGAL.md §2.1 (b): NĐ 154/2026/NĐ-CP Mẫu 03/TCD, 13 columns.
ND154_HEADINGS = [
    "STT", "Ngày tiếp", "Họ tên, địa chỉ", "CCCD/CMND/Hộ chiếu", "Nội dung đơn",
    "Loại đơn (KN/TC/KN/PA)", "Số người cùng nội dung", "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền (x)", "Hướng dẫn công dân đến cơ quan có thẩm quyền",
    "Cơ quan, đơn vị thụ lý", "Theo dõi kết quả giải quyết", "Ghi chú",
]


def test_layout_for_date_switches_on_1_july_2026() -> None:
    assert layout_for_date(date(2026, 6, 30)) is LogbookLayout.TT04_2021
    assert layout_for_date(date(2026, 7, 1)) is LogbookLayout.ND154_2026
    assert layout_for_date(date(2027, 1, 1), LogbookLayout.TT04_2021) is LogbookLayout.TT04_2021
    assert layout_for_date(date(2025, 1, 1), LogbookLayout.ND154_2026) is LogbookLayout.ND154_2026


def test_headings_are_the_legal_ones() -> None:
    assert headings(LogbookLayout.TT04_2021) == TT04_HEADINGS
    assert headings(LogbookLayout.ND154_2026) == ND154_HEADINGS


@pytest.mark.parametrize("layout", list(LogbookLayout))
def test_column_widths_sum_to_frame_width(layout: LogbookLayout) -> None:
    frame = page_spec(Paper.A4, landscape_page=True).frame_width
    widths = column_widths(layout, frame)
    assert sum(widths) == pytest.approx(frame, abs=1e-9)
    assert len(widths) == len(headings(layout))
    assert all(w > 20 for w in widths)


@pytest.mark.parametrize(("layout", "expected"), [
    (LogbookLayout.TT04_2021, [*TT04_HEADINGS, "Hướng xử lý"]),
    (LogbookLayout.ND154_2026, ND154_HEADINGS),
])
def test_logbook_pages(logbook: LogbookData, layout: LogbookLayout,
                       expected: list[str]) -> None:
    pdf = render_logbook(logbook, layout)
    sizes = probe.page_sizes(pdf)
    assert len(sizes) > 1
    assert all((round(w, 2), round(h, 2)) == (841.89, 595.28) for w, h in sizes)
    assert probe.has(pdf, "SỔ TIẾP CÔNG DÂN")
    assert probe.has(pdf, "(Từ ngày 01/01/2026 đến ngày 31/03/2026)")
    n_cols = len(headings(layout))
    # The heading and column-number rows repeat on every page.
    for page_text in probe.pages_text(pdf):
        flat = probe.squash(page_text)
        for heading in expected:
            assert probe.squash(heading) in flat, heading
        assert f"({n_cols})" in flat
    for row in logbook.rows:
        assert probe.has(pdf, row.name)
    assert_all_fonts_embedded(pdf)
    # Binding margin left 30 mm, right 15 mm, top/bottom 20 mm (NĐ 30/2020).
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)


def test_row_values_land_in_the_right_columns(logbook: LogbookData) -> None:
    row = dataclasses.replace(
        logbook.rows[0], stt=1, name="Đỗ Thị Mười", id_doc="001190012345", type_label="TC",
        people_count=7, direction=HandlingDirection.TRANSFER, within_competence=False,
        accepting_body="Công an xã Yên Phú; Phiếu chuyển số 12/PC-UBND",
        follow_up="Chờ kết quả", notes="Đoàn đông người",
    )
    data = dataclasses.replace(logbook, rows=[row])
    pdf13 = render_logbook(data, LogbookLayout.ND154_2026)
    pdf12 = render_logbook(data, LogbookLayout.TT04_2021)
    for pdf in (pdf12, pdf13):
        for needle in ["Đỗ Thị Mười", "001190012345", "Công an xã Yên Phú; Phiếu chuyển số "
                       "12/PC-UBND", "Chờ kết quả", "Đoàn đông người", "05/01/2026"]:
            assert probe.has(pdf, needle), needle
    assert probe.has(pdf12, "TC/07")
    _, words = probe.words(pdf13)
    seven = [w for w in words if w.text == "7" and w.y0 > 150]
    assert seven, "number of people printed in its own column"


def test_long_content_wraps_inside_its_cell(logbook: LogbookData) -> None:
    very_long = " ".join([LONG_CONTENT] * 3)
    # Taller than one page on its own: the row must continue on the next page.
    huge = " ".join(f"Đoạn {i}: {LONG_CONTENT}" for i in range(1, 26))
    rows = make_rows(6)
    rows[1] = dataclasses.replace(rows[1], content=very_long)
    rows[4] = dataclasses.replace(rows[4], content=huge, notes="Ghi chú cuối")
    data = dataclasses.replace(logbook, rows=rows)
    for layout in LogbookLayout:
        pdf = render_logbook(data, layout)
        assert probe.has(pdf, very_long)
        # Read the content column top to bottom, page after page: the whole text is there,
        # in order, between the column's rules (nothing overflowed into the neighbours).
        spec = page_spec(Paper.A4, landscape_page=True)
        widths = column_widths(layout, spec.frame_width)
        x0 = spec.left + sum(widths[:4])
        x1 = x0 + widths[4]
        _, words = probe.words(pdf)
        in_column = [w for w in words if x0 - 0.5 <= (w.x0 + w.x1) / 2 <= x1 + 0.5]
        # Body rows start under the column-number row "(5)" on every page.
        body_top = {w.page: w.y1 for w in in_column if w.text == "(5)"}
        column = [w for w in in_column if w.y0 > body_top[w.page]]
        assert all(x0 <= w.x0 and w.x1 <= x1 for w in column)
        joined = "".join(w.text for w in sorted(column, key=lambda w: (w.page, w.y0, w.x0)))
        assert probe.squash(huge) in joined
        assert probe.squash(very_long) in joined
        assert probe.has(pdf, "Ghi chú cuối")
        assert probe.has(pdf, rows[5].name)
        assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)


def test_page_numbers_centred_at_top_from_page_2(logbook: LogbookData) -> None:
    pdf = render_logbook(logbook, LogbookLayout.ND154_2026)
    pages, words = probe.words(pdf)
    assert len(pages) >= 2
    top = 20 * MM
    for n in range(1, len(pages) + 1):
        marks = [w for w in words if w.page == n and w.y1 < top and w.text.isdigit()]
        if n == 1:
            assert marks == []  # the first page is not numbered
            continue
        assert [m.text for m in marks] == [str(n)]
        centre = (marks[0].x0 + marks[0].x1) / 2
        assert centre == pytest.approx(pages[n - 1].width / 2, abs=1.0)


def test_empty_logbook_and_copy_mark(logbook: LogbookData) -> None:
    pdf = render_logbook(dataclasses.replace(logbook, rows=[], is_copy=True),
                         LogbookLayout.TT04_2021)
    assert len(probe.page_sizes(pdf)) == 1
    assert probe.has(pdf, "BẢN SAO")
    assert probe.has(pdf, "Nội dung vụ việc")
