"""TCVN3 and VNI text read back as Unicode (domain/legacy_text.py, issue 15)."""

from __future__ import annotations

import unicodedata

import pytest

from reception_desk.domain.legacy_text import TCVN3
from reception_desk.domain.legacy_text import VNI
from reception_desk.domain.legacy_text import LegacyEncoding
from reception_desk.domain.legacy_text import is_upper_font
from reception_desk.domain.legacy_text import tcvn3_to_unicode
from reception_desk.domain.legacy_text import to_unicode
from reception_desk.domain.legacy_text import vni_to_unicode


@pytest.mark.parametrize(("typed", "unicode"), [
    ("TiÕp c«ng d©n", "Tiếp công dân"),
    ("NguyÔn V¨n Hïng", "Nguyễn Văn Hùng"),
    ("Lª ThÞ Hoa", "Lê Thị Hoa"),
    ("Hå ChÝ Minh", "Hồ Chí Minh"),
    ("Tr\xadêng", "Trường"),
    ("Khiếu nại về đất đai".encode().decode(), "Khiếu nại về đất đai"),
    ("§Êt ®ai", "Đất đai"),
    ("TiÕp", "Tiếp"),
])
def test_tcvn3_cells_read_as_unicode(typed: str, unicode: str) -> None:
    result = to_unicode(typed)
    assert result.text == unicode
    assert unicodedata.is_normalized("NFC", result.text)


@pytest.mark.parametrize(("typed", "unicode"), [
    ("Tieáp coâng daân", "Tiếp công dân"),
    ("Nguyeãn Vaên A", "Nguyễn Văn A"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñaø Naüng", "Đà Nẵng"),
    ("Tröôøng", "Trường"),
    ("NGUYEÃN THÒ LAN", "NGUYỄN THỊ LAN"),
    ("Khieáu naïi ñaát ñai", "Khiếu nại đất đai"),
])
def test_vni_cells_read_as_unicode(typed: str, unicode: str) -> None:
    result = to_unicode(typed)
    assert (result.text, result.encoding) == (unicode, LegacyEncoding.VNI)


@pytest.mark.parametrize("text", [
    "Tiếp công dân", "hoá đơn", "Công dân", "Quốc lộ", "giữa đường", "Hoàng Thị Thủy",
    "Khiếu nại đất đai", "CÔNG AN XÃ", "Nguyen Van A", "ông Ksor Y Bih", "hòa giải",
])
def test_unicode_and_plain_text_stay_as_they_are(text: str) -> None:
    result = to_unicode(text)
    assert (result.text, result.encoding) == (text, LegacyEncoding.UNICODE)


def test_upper_case_font_capitals() -> None:
    # .VnTimeH draws the lower-case code points as capitals: the heading "TIẾP CÔNG DÂN".
    assert to_unicode("TIÕP C«NG D©N").text == "TIẾP CÔNG DÂN"
    assert to_unicode("NGUYÔN V¡N A").text == "NGUYỄN VĂN A"
    # Known to be in an upper-case font: every letter is a capital, even a short word.
    assert tcvn3_to_unicode("Lª Vò", upper_font=True) == "LÊ VŨ"
    # Not known: a short word stays as typed ("Vò" is the name Vũ, not VŨ).
    assert tcvn3_to_unicode("Lª Vò") == "Lê Vũ"
    assert to_unicode("Lª Vò", upper_font=True).text == "LÊ VŨ"
    assert is_upper_font(".VnTimeH") and is_upper_font(".VnArialH")
    assert not is_upper_font(".VnTime") and not is_upper_font("Times New Roman")
    assert not is_upper_font(None)


def test_a_mixed_column_converts_each_cell_on_its_own() -> None:
    column = ["TiÕp c«ng d©n", "Tieáp coâng daân", "Tiếp công dân", "12"]
    results = [to_unicode(cell) for cell in column]
    assert [r.text for r in results] == ["Tiếp công dân"] * 3 + ["12"]
    assert [r.encoding for r in results] == [LegacyEncoding.TCVN3, LegacyEncoding.VNI,
                                              LegacyEncoding.UNICODE, LegacyEncoding.UNICODE]


def test_tables_cover_every_vietnamese_letter() -> None:
    lower = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
    assert lower <= set(TCVN3.values())
    assert lower | {c.upper() for c in lower} <= set(VNI.values())
    # One scan, longest first: "oâ" is ô, "oá" is ố, never o + á.
    assert vni_to_unicode("oâoáoâù") == "ôốôù"
