"""Provinces and communes of the post-July-2025 structure, and accent-insensitive picking."""

from __future__ import annotations

from vietnam_provinces import Province
from vietnam_provinces import Ward

from reception_desk.domain import geography as g


def test_same_places_as_the_data_package():
    provinces = g.provinces()
    assert len(provinces) == 34
    assert {p.code for p in provinces} == {int(p.code) for p in Province.iter_all()}
    wards = {c.code: c for p in provinces for c in g.communes(p.code)}
    assert len(wards) == 3321
    for ward in Ward.iter_all():
        mine = wards[int(ward.code)]
        assert mine.name == ward.name and mine.province_code == int(ward.province_code)


def test_names_as_printed_and_in_addresses():
    hanoi = g.province(1)
    assert hanoi is not None and hanoi.full_name == "Thành phố Hà Nội"
    ninh_binh = next(p for p in g.provinces() if p.key == "ninh binh")
    assert ninh_binh.full_name == "Tỉnh Ninh Bình"
    commune = g.communes(ninh_binh.code)[0]
    assert g.address_line("Thôn 3", commune.code) == (
        f"Thôn 3, {commune.in_address}, tỉnh Ninh Bình")
    assert commune.in_address.startswith(("xã ", "phường "))


def test_accent_insensitive_word_start_filter():
    # "Xã Yên Phú" exists in several provinces: pick the province first (STACK.md).
    owners = [p for p in g.provinces()
              if any(c.name == "Xã Yên Phú" for c in g.communes(p.code))]
    assert len(owners) >= 2
    communes = g.communes(owners[0].code)
    for query in ("yen phu", "YÊN PHÚ", "xa yen phu", "y p"):
        assert "Xã Yên Phú" in [c.name for c in g.filter_places(communes, query)], query
    assert g.filter_places(communes, "zzz") == []
