"""Document numbers, NĐ 30/2020 Phụ lục I box 3 (LEGAL.md §9): "Số" + number (< 10 gets a leading
zero) + "/" + upper-case ký hiệu, groups joined by "-", no spaces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.numbering import LEGACY_NO_STT
from reception_desk.domain.numbering import DocumentNumber
from reception_desk.domain.numbering import format_document_number
from reception_desk.domain.numbering import parse_document_number
from reception_desk.domain.numbering import visit_stt
from reception_desk.errors import UserError


@pytest.mark.parametrize(
    ("text", "number", "year", "symbol", "canonical"),
    [
        pytest.param("Số: 12/PC-UBND", 12, None, "PC-UBND", "12/PC-UBND", id="phieu-chuyen"),
        pytest.param("Số: 05/TB-UBND", 5, None, "TB-UBND", "05/TB-UBND", id="refusal-notice"),
        pytest.param("5/tb - ubnd", 5, None, "TB-UBND", "05/TB-UBND", id="lower-case-spaces"),
        pytest.param("số:3/qđ-ubnd", 3, None, "QĐ-UBND", "03/QĐ-UBND", id="d-with-stroke"),
        pytest.param("SỐ : 7 / UBND-VP", 7, None, "UBND-VP", "07/UBND-VP", id="cong-van-no-type"),
        pytest.param("So: 123/BC-UBND", 123, None, "BC-UBND", "123/BC-UBND", id="ascii-prefix"),
        pytest.param("15/2026/NĐ-CP", 15, 2026, "NĐ-CP", "15/2026/NĐ-CP", id="normative-year"),
        pytest.param("  Số:  09/GM-UBND  ", 9, None, "GM-UBND", "09/GM-UBND", id="outer-spaces"),
        # "Số" typed in NFD (o + circumflex + acute), as some keyboards send it.
        pytest.param("So\u0302\u0301: 1/QĐ-UBND", 1, None, "QĐ-UBND", "01/QĐ-UBND",
                     id="nfd-prefix"),
    ],
)
def test_parse(text: str, number: int, year: int | None, symbol: str, canonical: str) -> None:
    doc = parse_document_number(text)
    assert (doc.number, doc.year, doc.symbol) == (number, year, symbol)
    assert str(doc) == canonical
    assert doc.with_prefix() == f"Số: {canonical}"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Số: /TB-UBND", id="no-number"),
        pytest.param("12 TB-UBND", id="no-slash"),
        pytest.param("12/", id="no-symbol"),
        pytest.param("12/TB--UBND", id="empty-group"),
        pytest.param("12/TB_UBND", id="underscore"),
        pytest.param("0/TB-UBND", id="zero"),
        pytest.param("12/2026", id="symbol-without-letters"),
        pytest.param("TB-UBND/12", id="reversed"),
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(UserError) as err:
        parse_document_number(text)
    assert err.value.field == "document_number"
    assert err.value.code.startswith("numbering.")


@pytest.mark.parametrize(
    ("number", "symbol", "year", "prefix", "expected"),
    [
        pytest.param(1, "tb-ubnd", None, True, "Số: 01/TB-UBND", id="leading-zero-prefix"),
        pytest.param(10, "PC - UBND", None, False, "10/PC-UBND", id="no-zero-from-10"),
        pytest.param(2, "qđ-ubnd", 2026, False, "02/2026/QĐ-UBND", id="year"),
    ],
)
def test_format(number: int, symbol: str, year: int | None, prefix: bool, expected: str) -> None:
    assert format_document_number(number, symbol, year=year, prefix=prefix) == expected


def test_value_type_refuses_lower_case() -> None:
    with pytest.raises(UserError):
        DocumentNumber(1, "tb-UBND")


@given(number=st.integers(1, 99999),
       groups=st.lists(st.sampled_from(["TB", "QĐ", "PC", "UBND", "VP", "BC", "CP"]),
                       min_size=1, max_size=3))
def test_format_then_parse_round_trips(number: int, groups: list[str]) -> None:
    text = format_document_number(number, "-".join(groups), prefix=True)
    doc = parse_document_number(text)
    assert (doc.number, doc.symbol) == (number, "-".join(groups))
    assert " " not in str(doc)


@pytest.mark.parametrize(("seq", "year", "legacy_stt", "legacy_year", "shown"), [
    (12, 2026, None, None, "12/2026"),          # an app visit: its own counter
    (1, 2027, None, None, "1/2027"),
    (-3, 2019, "15", 2019, "15/2019"),          # imported: the old book's number
    (-1, 2019, " 7 ", 2019, "7/2019"),
    (-2, 2019, "15/2019", 2019, "15/2019"),     # an old STT already with its year: as written
    (-4, 2018, "", 2018, f"{LEGACY_NO_STT}/2018"),   # empty old STT: the marker
    (-5, 2018, None, 2018, "cũ/2018"),
    (-6, 2020, "9", None, "9/2020"),            # no old year: the visit's year
])
def test_visit_stt_shows_the_app_number_or_the_old_books(
        seq: int, year: int, legacy_stt: str | None, legacy_year: int | None,
        shown: str) -> None:
    assert visit_stt(seq, year, legacy_stt, legacy_year) == shown
    assert not shown.startswith("-")


@pytest.mark.parametrize(("seq", "legacy_stt", "legacy_year", "printed"), [
    (12, None, None, "12"),
    (-3, "15", 2019, "15"),
    (-2, "15/2019", 2019, "15/2019"),
    (-4, "", 2018, LEGACY_NO_STT),
    (-5, None, 2018, LEGACY_NO_STT),
])
def test_the_printed_stt_column_holds_the_number_alone(
        seq: int, legacy_stt: str | None, legacy_year: int | None, printed: str) -> None:
    assert visit_stt(seq, 2019, legacy_stt, legacy_year, with_year=False) == printed
