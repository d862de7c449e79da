"""Old addresses (before July 2025) parsed and mapped to the new communes (issue 16, item 2).

Real addresses checked against the official table (/work/shared/data/old-to-new-wards-2025.csv,
shipped as resources/geography/old-wards-2025.tsv.gz): one new commune, split wards (every
candidate listed, none exact), abbreviations, capitals, NFD input, addresses already new.
"""

from __future__ import annotations

import unicodedata

import pytest

from reception_desk.domain.old_addresses import OldWardRow
from reception_desk.domain.old_addresses import OldWardTable
from reception_desk.domain.old_addresses import ParsedAddress
from reception_desk.domain.old_addresses import map_address
from reception_desk.domain.old_addresses import parse_address
from reception_desk.domain.old_addresses import table_from_lines
from reception_desk.services.citizens.addresses import old_ward_table


@pytest.fixture(scope="module")
def table() -> OldWardTable:
    return old_ward_table()


#: address as printed or typed → (detail, the new communes as (code, name)).
ONE_COMMUNE = [
    ("Thôn 3, Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk", "Thôn 3", 24163, "Phường Tân An"),
    ("Thôn 3, X. Ea Tu, TP. Buôn Ma Thuột, T. Đắk Lắk", "Thôn 3", 24163, "Phường Tân An"),
    ("thon 3 x. ea tu tp buon ma thuot dak lak", "thon 3", 24163, "Phường Tân An"),
    ("THÔN 3, XÃ EA TU, THÀNH PHỐ BUÔN MA THUỘT, ĐẮK LẮK", "THÔN 3", 24163, "Phường Tân An"),
    ("Buôn Ko Tam, xã Ea Tu, Buôn Ma Thuột, Đắk Lắk", "Buôn Ko Tam", 24163, "Phường Tân An"),
    ("Ấp 3, TT. Long Thành, H. Long Thành, Đồng Nai", "Ấp 3", 26368, "Xã Long Thành"),
    ("Tổ 5, Phường 01, Quận Gò Vấp, Thành phố Hồ Chí Minh", "Tổ 5", 26902,
     "Phường Hạnh Thông"),
    ("12 Nguyễn Trãi, P.1, Q.5, TP HCM", "12 Nguyễn Trãi", 27301, "Phường Chợ Quán"),
    # A province merged away (Đắk Nông → Lâm Đồng): the old province is read as printed.
    ("Thôn 1, Xã Nam Dong, Huyện Cư Jút, Tỉnh Đắk Nông", "Thôn 1", 24649, "Xã Nam Dong"),
    ("Thôn Phú Mỹ, Xã Tịnh Khê, Thành phố Quảng Ngãi, Quảng Ngãi", "Thôn Phú Mỹ", 21211,
     "Xã Tịnh Khê"),
    ("Xã Tịnh Kỳ Thành phố Quảng Ngãi Tỉnh Quảng Ngãi", "", 21211, "Xã Tịnh Khê"),
    # A whole island district became a special zone.
    ("Huyện Lý Sơn, Quảng Ngãi", "", 21548, "Đặc khu Lý Sơn"),
]


@pytest.mark.parametrize(("text", "detail", "code", "name"), ONE_COMMUNE)
def test_an_old_address_maps_to_its_one_new_commune(table: OldWardTable, text: str,
                                                    detail: str, code: int, name: str) -> None:
    found = map_address(text, table)
    assert [(c.ward_code, c.ward, c.exact) for c in found.candidates] == [(code, name, True)]
    assert found.parsed.detail == detail
    assert found.single is not None and not found.split
    assert not found.is_new


SPLIT = [
    ("Thôn Đông, Xã Văn Khê, Huyện Mê Linh, Thành phố Hà Nội", "Thôn Đông",
     {9022: "Xã Mê Linh", 9817: "Xã Ô Diên", 8995: "Xã Tiến Thắng", 8980: "Xã Yên Lãng"}),
    ("Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội", "Xóm 2",
     {136: "Phường Phúc Lợi", 565: "Xã Gia Lâm", 541: "Xã Phù Đổng"}),
    ("Số 5, P. Ngọc Hà, Q. Ba Đình, TP. Hà Nội", "Số 5",
     {4: "Phường Ba Đình", 8: "Phường Ngọc Hà"}),
    # The table spells the district two ways ("Thị xã"/"Thị Xã Đông Hòa"): one old unit.
    ("Khu phố 2, Phường Hòa Hiệp Bắc, Thị xã Đông Hòa, Tỉnh Phú Yên", "Khu phố 2",
     {22261: "Phường Hòa Hiệp", 22240: "Phường Phú Yên"}),
]


@pytest.mark.parametrize(("text", "detail", "expected"), SPLIT)
def test_a_split_ward_lists_every_candidate_and_picks_none(table: OldWardTable, text: str,
                                                           detail: str,
                                                           expected: dict[int, str]) -> None:
    found = map_address(text, table)
    assert {c.ward_code: c.ward for c in found.candidates} == expected
    assert not any(c.exact for c in found.candidates)
    assert found.split and found.single is None
    assert found.parsed.detail == detail
    assert len(found.old_units) == 1


def test_nfd_input_maps_like_nfc(table: OldWardTable) -> None:
    text = "Thôn Đông, Xã Văn Khê, Huyện Mê Linh, Thành phố Hà Nội"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert map_address(nfd, table).candidates == map_address(text, table).candidates
    assert map_address(nfd, table).parsed.detail == "Thôn Đông"


def test_the_parts_of_an_old_address(table: OldWardTable) -> None:
    assert parse_address("Thôn 3, X. Ea Tu, TP. Buôn Ma Thuột, Đắk Lắk", table) == \
        ParsedAddress("Thôn 3", "X. Ea Tu", "TP. Buôn Ma Thuột", "Đắk Lắk")


def test_an_address_already_new_names_its_commune(table: OldWardTable) -> None:
    found = map_address("Thôn 3, Phường Tân An, Tỉnh Đắk Lắk", table)
    assert found.is_new
    assert [(c.ward_code, c.exact) for c in found.candidates] == [(24163, True)]


@pytest.mark.parametrize("text", [
    "Thôn 3",  # no unit at all
    "Xã Tịnh Khê, Huyện Sơn Tịnh, Tỉnh Quảng Ngãi",  # Tịnh Khê was never in Sơn Tịnh
    "Xã Không Có, Huyện Mê Linh, Hà Nội",
    "",
])
def test_an_unknown_unit_gives_no_candidate(table: OldWardTable, text: str) -> None:
    assert map_address(text, table).candidates == ()


def test_a_name_in_two_districts_without_the_district_lists_both() -> None:
    rows = tuple(OldWardRow(code, f"Xã Mới {code}", "Tỉnh A", "Tỉnh A", district, "Xã Tân Phú",
                            str(code), True)
                 for code, district in ((1, "Huyện Một"), (2, "Huyện Hai")))
    found = map_address("Thôn 1, Xã Tân Phú, Tỉnh A", OldWardTable(rows))
    assert [c.ward_code for c in found.candidates] == [1, 2]
    assert not any(c.exact for c in found.candidates)


def test_the_kind_tells_a_town_from_a_commune_of_the_same_name() -> None:
    rows = (OldWardRow(1, "Xã Một", "Tỉnh A", "Tỉnh A", "Huyện B", "Xã Phước An", "1", True),
            OldWardRow(2, "Xã Hai", "Tỉnh A", "Tỉnh A", "Huyện B", "Thị trấn Phước An", "2",
                       True))
    table = OldWardTable(rows)
    assert [c.ward_code for c in map_address("TT. Phước An, H. B, Tỉnh A", table).candidates] \
        == [2]
    assert [c.ward_code for c in map_address("X. Phước An, H. B, Tỉnh A", table).candidates] \
        == [1]


def test_table_lines_are_read_and_malformed_ones_skipped() -> None:
    table = table_from_lines(["5\tXã Năm\tTỉnh A\tTỉnh A\tHuyện B\tXã C\t9\t0\n", "junk\n"])
    assert table.rows == (OldWardRow(5, "Xã Năm", "Tỉnh A", "Tỉnh A", "Huyện B", "Xã C", "9",
                                     False),)
    found = map_address("Xã C, Huyện B, Tỉnh A", table)
    assert [(c.ward_code, c.exact) for c in found.candidates] == [(5, False)]  # partly merged


def test_the_shipped_table_holds_the_official_rows(table: OldWardTable) -> None:
    assert len(table.rows) == 10571
    split = {(r.old_province, r.old_district, r.old_commune) for r in table.rows if not r.whole}
    assert len(split) > 400


_ABBREVIATED = (("Thị trấn ", "TT. "), ("Thị xã ", "Tx. "), ("Thành phố ", "TP. "),
                ("Phường ", "P. "), ("Xã ", "X. "), ("Huyện ", "H. "), ("Quận ", "Q. "),
                ("Tỉnh ", ""))


def _abbreviated(name: str) -> str:
    for long, short in _ABBREVIATED:
        if name.startswith(long):
            return short + name[len(long):]
    return name


def _old_units(table: OldWardTable) -> dict[tuple[str, str, str], set[int]]:
    """Every old unit of the table (as its rows spell it) → the new communes it went into."""
    units: dict[tuple[str, str, str], set[int]] = {}
    seen: dict[tuple[str, str, str], str] = {}
    for row in table.rows:
        # One district spelt two ways ("Thị xã"/"Thị Xã Kinh Môn") is one district.
        key = (row.old_commune, row.old_district.lower(), row.old_province)
        seen.setdefault(key, row.old_district)
        units.setdefault((row.old_commune, seen[key], row.old_province), set()).add(
            row.new_code)
    return units


def test_every_old_unit_of_the_table_maps_to_exactly_its_new_communes(table: OldWardTable
                                                                      ) -> None:
    units = _old_units(table)
    assert len(units) > 10_000
    wrong = []
    for (commune, district, province), codes in units.items():
        for text in (", ".join(p for p in ("Thôn 1", commune, district, province) if p),
                     unicodedata.normalize("NFD", ", ".join(
                         p for p in ("Tổ 2", _abbreviated(commune), _abbreviated(district),
                                     _abbreviated(province)) if p))):
            got = {c.ward_code for c in map_address(text, table).candidates}
            if got != codes:
                wrong.append((text, codes, got))
    assert wrong == []


def test_old_units_typed_without_commas_are_found(table: OldWardTable) -> None:
    units = _old_units(table)
    missed = []
    for (commune, district, province), codes in units.items():
        text = " ".join(p for p in ("Thôn 1", commune, district, province) if p)
        if not codes <= {c.ward_code for c in map_address(text, table).candidates}:
            missed.append(text)
    # Left: a few rows without a unit word ("Xuân Phước") or misspelt ("Thi trấn Ngan Dừa").
    assert len(missed) <= 5, missed
    assert [c.ward_code for c in map_address(
        "thon 1 phuong tho quan quan dong da thanh pho ha noi", table).candidates] == [196]
