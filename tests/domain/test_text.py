"""Text normalisation and accent-insensitive folding (STACK.md: FTS5 does not fold đ/Đ)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.domain.text import nfc

# Every toned vowel of Vietnamese, grouped by base letter (grave, acute, hook, tilde, dot below).
TONED = {
    "a": "àáảãạ ằắẳẵặ ầấẩẫậ ăâ",
    "e": "èéẻẽẹ ềếểễệ ê",
    "i": "ìíỉĩị",
    "o": "òóỏõọ ồốổỗộ ờớởỡợ ôơ",
    "u": "ùúủũụ ừứửữự ư",
    "y": "ỳýỷỹỵ",
}
ALL_TONED = [(ch, base) for base, group in TONED.items() for ch in group if ch != " "]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_table_covers_every_toned_vowel() -> None:
    # 5 tones on 12 vowels (a ă â e ê i o ô ơ u ư y) plus the 5 toneless marked vowels ă â ê ô ơ ư.
    assert len(ALL_TONED) == 12 * 5 + 6
    assert len({ch for ch, _ in ALL_TONED}) == len(ALL_TONED)


@pytest.mark.parametrize(("letter", "base"), ALL_TONED)
def test_fold_strips_every_mark_lower_case(letter: str, base: str) -> None:
    assert fold(letter) == base


@pytest.mark.parametrize(("letter", "base"), ALL_TONED)
def test_fold_strips_every_mark_upper_case(letter: str, base: str) -> None:
    assert fold(letter.upper()) == base


@pytest.mark.parametrize(("letter", "base"), ALL_TONED)
def test_fold_strips_every_mark_nfd_input(letter: str, base: str) -> None:
    assert fold(nfd(letter)) == base
    assert fold(nfd(letter.upper())) == base


def test_fold_whole_alphabet_string() -> None:
    source = " ".join(TONED.values())
    assert fold(source) == fold(source.upper()) == fold(nfd(source))
    assert set(fold(source).replace(" ", "")) == set("aeiouy")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đ", "d"),
        ("Đ", "d"),
        ("Đặng Đức Độ", "dang duc do"),
        ("ĐƯỜNG", "duong"),
        ("Nguyễn Văn Ánh", "nguyen van anh"),
        ("NGUYỄN THỊ HẰNG", "nguyen thi hang"),
        ("Phường Bến Nghé", "phuong ben nghe"),
        ("  Lê   Thị\tHồng \n", "le thi hong"),
        ("Khánh Hòa", "khanh hoa"),
        ("Khánh Hoà", "khanh hoa"),  # old-style tone placement folds the same
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
        ("abc 123", "abc 123"),
        ("", ""),
    ],
)
def test_fold_table(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


def test_fold_none_is_empty() -> None:
    assert fold(None) == ""


def test_fold_d_with_stroke_survives_nfd() -> None:
    # đ has no decomposition: NFD alone would keep it, so "duc" would never find "Đức".
    assert nfd("đ") == "đ"
    assert fold(nfd("Đức")) == "duc"


def test_nfc_composes_and_drops_controls() -> None:
    assert nfc(nfd("Nguyễn")) == "Nguyễn"
    assert nfc("a\x00b\x1fc\x7f") == "abc"
    assert nfc("a\tb\nc") == "a\tb\nc"


def test_clean_line() -> None:
    assert clean_line(None) == ""
    assert clean_line("") == ""
    assert clean_line("  Trần \t Văn\nB  ") == "Trần Văn B"
    assert clean_line(nfd("Lê Thị Hồng")) == "Lê Thị Hồng"


def test_clean_block() -> None:
    assert clean_block(None) == ""
    assert clean_block("\r\n  dòng 1\r\ndòng 2\rdòng 3\n\n") == "dòng 1\ndòng 2\ndòng 3"


vietnamese_text = st.text(
    alphabet=st.sampled_from(
        "".join(ch for ch, _ in ALL_TONED)
        + "".join(ch.upper() for ch, _ in ALL_TONED)
        + "đĐabcdghklmnpqrstvx AEIOUY\t\n-.,0123456789"
    )
)


@given(st.one_of(vietnamese_text, st.text()))
def test_fold_ignores_normalisation_form(text: str) -> None:
    # Plain Unicode NFC here: the app's nfc() also drops control characters, which fold keeps.
    assert fold(nfd(text)) == fold(unicodedata.normalize("NFC", text))


@given(vietnamese_text)
def test_fold_of_stored_text_ignores_normalisation_form(text: str) -> None:
    assert fold(nfd(text)) == fold(nfc(text))


@given(st.one_of(vietnamese_text, st.text()))
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(vietnamese_text)
def test_fold_of_vietnamese_is_plain_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower().strip()
    assert "  " not in folded
