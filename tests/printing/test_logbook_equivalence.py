"""Issue 17: the logbook's faster rendering prints exactly what it printed before.

The golden files under ``golden/`` are ``pdftotext -layout`` of the logbooks rendered before the
speed-up (the printing code of commit 3b059c5): every cell's text, its line breaks and its place on
the page, the page numbers and the page count. Set RD_GOLDEN_WRITE=1 to write them again (only
when a change of the printed form is intended).
"""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest

from reception_desk.printing.dto import LogbookData
from reception_desk.printing.dto import LogbookLayout
from reception_desk.printing.dto import LogbookRow
from reception_desk.printing.logbook import Watch
from reception_desk.printing.logbook import layout_for_date
from reception_desk.printing.logbook import render_logbook
from reception_desk.printing.logbook import render_logbook_by_date
from tests.benchmarks.test_bench_printing import OFFICE
from tests.printing.rd_print_samples import LONG_CONTENT
from tests.printing.rd_print_samples import make_rows

GOLDEN = Path(__file__).parent / "golden"

_PHRASES = (
    "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
    "Khiếu nại quyết định thu hồi đất & bồi thường <thửa 12>",
    "Tố cáo cán bộ địa chính thu tiền trái quy định",
    "Phản ánh ô nhiễm môi trường từ trại chăn nuôi lợn của hộ ông Trần Văn Bảy tại thôn Bắc",
    "Kiến nghị sửa đường liên thôn",
    LONG_CONTENT,
)


def varied_rows(n: int, seed: int = 17, start: date = date(2026, 6, 20)) -> list[LogbookRow]:
    """Rows of the demo's kinds: short and long contents, markup characters, empty and full
    optional cells, one entry taller than a page."""
    rng = random.Random(seed)
    rows = make_rows(n)
    out = []
    for i, row in enumerate(rows):
        content = " ".join(rng.choice(_PHRASES) for _ in range(rng.choice((1, 1, 2, 3))))
        if i == n // 2:
            content = " ".join([LONG_CONTENT] * 40)  # taller than a page on its own
        out.append(dataclasses.replace(
            row, received_on=start + timedelta(days=i // 6), content=content,
            name=rng.choice(("Nguyễn Thị Lan", "Lê Văn Tám", "Hoàng Thị Thu Hương")) + f" {i}",
            address="" if i % 9 == 0 else row.address,
            follow_up=row.follow_up or ("Chờ kết quả" if i % 11 == 0 else "")))
    return out


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _cases() -> dict[str, bytes]:
    rows = varied_rows(90)
    return {
        "tt04": render_logbook(LogbookData(OFFICE, "Năm 2026", rows), LogbookLayout.TT04_2021),
        "nd154": render_logbook(LogbookData(OFFICE, "Năm 2026", rows, is_copy=True),
                                LogbookLayout.ND154_2026),
        "by_date": render_logbook_by_date(
            LogbookData(OFFICE, "Từ 20/06/2026 đến 04/07/2026", rows), layout_for_date,
            lambda a, b: f"Từ ngày {a:%d/%m/%Y} đến ngày {b:%d/%m/%Y}"),
        "empty": render_logbook(LogbookData(OFFICE, "Tháng 1/2026", []),
                                LogbookLayout.ND154_2026),
    }


@pytest.mark.parametrize("name", ["tt04", "nd154", "by_date", "empty"])
def test_the_logbook_prints_what_it_printed_before(name: str) -> None:
    text = pdf_text(_cases()[name])
    golden = GOLDEN / f"logbook_{name}.txt"
    if os.environ.get("RD_GOLDEN_WRITE") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _page_text(pdf: bytes, page: int) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(page), "-l",
                           str(page), "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("split", [False, True])
def test_the_first_page_told_early_is_the_books_first_page(split: bool) -> None:
    """The preview shows the first page while the rest renders: that page is the book's own,
    and progress runs up to 100 % without going back."""
    firsts: list[bytes] = []
    steps: list[int] = []
    watch = Watch(progress=steps.append, first_page=firsts.append)
    rows = varied_rows(60, start=date(2026, 6, 27))  # 27/06 – 06/07: two parts when split
    if split:
        pdf = render_logbook_by_date(LogbookData(OFFICE, "Từ 27/06/2026 đến 06/07/2026", rows),
                                     layout_for_date, lambda a, b: f"{a} – {b}", watch=watch)
    else:
        pdf = render_logbook(LogbookData(OFFICE, "Năm 2026", rows), LogbookLayout.TT04_2021,
                             watch)
    assert len(firsts) == 1
    assert pdf_text(firsts[0]) == _page_text(pdf, 1)
    assert steps == sorted(steps) and steps[-1] == 100 and steps[0] < 100
