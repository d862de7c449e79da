"""Font registration and the NĐ 30/2020 text conventions shared by every form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from reception_desk.paths import fonts_dir
from reception_desk.printing import fonts
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import Paper
from reception_desk.printing.layout import date_line
from reception_desk.printing.layout import document_number
from reception_desk.printing.layout import page_spec
from reception_desk.printing.layout import spelled_date
from reception_desk.printing.layout import weekday

MM = 72 / 25.4
SYSTEM_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")


def test_register_fonts_is_idempotent_and_maps_bold_italic() -> None:
    first = fonts.register_fonts()
    assert fonts.register_fonts() is first
    assert tt2ps(fonts.FAMILY, 1, 0) == first.bold
    assert tt2ps(fonts.FAMILY, 0, 1) == first.italic
    assert tt2ps(fonts.FAMILY, 1, 1) == first.bold_italic
    for name in (first.regular, first.bold, first.italic, first.bold_italic):
        face = pdfmetrics.getFont(name)
        # Every Vietnamese letter used in the forms must have a glyph (no tofu boxes).
        for ch in "ỦỶỸỴƯỮỰĐđẢẤẦẨẪẬÂĂẮẰẲẴẶÊẾỀỂỄỆÔỐỒỔỖỘƠỚỜỞỠỢ":
            assert ord(ch) in face.face.charToGlyph, (name, ch)


def test_bundled_fonts_are_unmodified_and_licensed() -> None:
    folder = fonts_dir()
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        for family in ("LiberationSerif", "LiberationSans"):
            bundled = folder / f"{family}-{style}.ttf"
            assert bundled.is_file()
            system = SYSTEM_LIBERATION / bundled.name
            if system.is_file():  # OFL: ship unmodified, unrenamed
                assert bundled.read_bytes() == system.read_bytes()
    licence = (folder / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name Liberation" in licence


def test_times_new_roman_found_only_when_all_four_styles_exist(tmp_path: Path) -> None:
    ms = tmp_path / "truetype" / "msttcorefonts"
    ms.mkdir(parents=True)
    names = ["Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf"]
    for name in names:
        (ms / name).write_bytes(b"")
    assert fonts._unix_times((tmp_path,)) is None
    (ms / "Times_New_Roman_Bold_Italic.ttf").write_bytes(b"")
    found = fonts._unix_times((tmp_path,))
    assert found is not None
    assert found["bold"].name == "Times_New_Roman_Bold.ttf"
    assert found["regular"].name == "Times_New_Roman.ttf"


def test_dates_follow_nd30_leading_zero_rule() -> None:
    # NĐ 30/2020 Phụ lục I: days < 10 and months 1, 2 take a leading zero; others do not.
    assert spelled_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert spelled_date(date(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"
    assert spelled_date(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert spelled_date(date(2026, 12, 24)) == "ngày 24 tháng 12 năm 2026"
    office = OfficeHeader(body_name="ỦY BAN NHÂN DÂN\nXÃ YÊN PHÚ", place_name="Yên Phú")
    assert date_line(office, date(2026, 2, 5)) == "Xã Yên Phú, ngày 05 tháng 02 năm 2026"
    assert office.sentence_name == "Ủy ban nhân dân xã Yên Phú"


def test_document_number_and_weekday() -> None:
    assert document_number(5, "TB", "UBND") == "05/TB-UBND"
    assert document_number(12, "PC", "UBND") == "12/PC-UBND"
    assert weekday(date(2026, 2, 12)) == "Thứ Năm"
    assert weekday(date(2026, 2, 15)) == "Chủ nhật"


def test_a4_margins_follow_nd30() -> None:
    spec = page_spec(Paper.A4)
    assert round(spec.width, 2) == 595.28 and round(spec.height, 2) == 841.89
    assert 30 * MM - 0.01 <= spec.left <= 35 * MM
    assert 15 * MM - 0.01 <= spec.right <= 20 * MM
    assert 20 * MM - 0.01 <= spec.top <= 25 * MM
    assert 20 * MM - 0.01 <= spec.bottom <= 25 * MM
    land = page_spec(Paper.A4, landscape_page=True)
    assert land.width > land.height
