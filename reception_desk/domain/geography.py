"""Provinces and communes after the July 2025 reform (34 provinces, 3,321 communes and wards).

Backed by the ``vietnam-provinces`` data package. Commune names repeat across provinces, so a
commune is always picked inside its province, by folded name matched at word starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reception_desk.domain.text import fold

if TYPE_CHECKING:
    from vietnam_provinces import Province, Ward


@dataclass(frozen=True)
class Place:
    code: int
    name: str  # "Xã Yên Phú", "Thành phố Hà Nội"
    short_name: str  # "Yên Phú", "Hà Nội"
    kind: str  # "xã", "phường", "đặc khu", "tỉnh", "thành phố trung ương"
    key: str  # folded short name: what a clerk types
    province_code: int | None = None

    @property
    def full_name(self) -> str:
        """"Xã Yên Phú", "Tỉnh Ninh Bình", "Thành phố Hà Nội"."""
        if self.name.startswith(_PREFIXES):
            return self.name
        return f"{self.kind[:1].upper()}{self.kind[1:]} {self.name}" if self.kind else self.name

    @property
    def in_address(self) -> str:
        """The name as written inside an address: "xã Yên Phú", "tỉnh Ninh Bình"."""
        full = self.full_name
        return full[:1].lower() + full[1:]


_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ")
_KIND_WORDS = ("thanh pho ", "tp ", "tinh ", "phuong ", "xa ", "dac khu ")


def _kind(division: Province | Ward) -> str:
    kind = str(division.division_type.value)
    return "thành phố" if kind.startswith("thành phố") else kind


def _short(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def provinces() -> tuple[Place, ...]:
    from vietnam_provinces import Province  # ~70 ms: loaded when first needed, not at start

    items = [
        Place(int(p.code), p.name, _short(p.name), _kind(p), fold(_short(p.name)))
        for p in Province.iter_all()
    ]
    return tuple(sorted(items, key=lambda p: p.key))


@cache
def communes(province_code: int) -> tuple[Place, ...]:
    from vietnam_provinces import Ward

    items = [
        Place(
            int(w.code),
            w.name,
            _short(w.name),
            _kind(w),
            fold(_short(w.name)),
            int(w.province_code),
        )
        for w in Ward.iter_all()
        if int(w.province_code) == province_code
    ]
    return tuple(sorted(items, key=lambda w: w.key))


@cache
def _commune_index() -> dict[int, Place]:
    return {c.code: c for p in provinces() for c in communes(p.code)}


def commune(code: int) -> Place | None:
    return _commune_index().get(code)


def province(code: int) -> Place | None:
    return next((p for p in provinces() if p.code == code), None)


def matches(place: Place, query: str) -> bool:
    """Accent-insensitive match of every query word at the start of a word of the name."""
    folded = fold(query)
    for kind_word in _KIND_WORDS:  # "xa yen phu" finds "Xã Yên Phú"
        if folded.startswith(kind_word):
            folded = folded[len(kind_word) :]
            break
    words = folded.split()
    if not words:
        return True
    name_words = place.key.split()
    return all(any(w.startswith(q) for w in name_words) for q in words)


def filter_places(places: tuple[Place, ...], query: str) -> list[Place]:
    return [p for p in places if matches(p, query)]


def address_line(detail: str, commune_code: int | None) -> str:
    """The address as written in the logbook: detail, commune, province."""
    parts = [detail.strip()] if detail.strip() else []
    if commune_code is not None:
        place = commune(commune_code)
        if place is not None:
            parts.append(place.in_address)
            prov = province(place.province_code) if place.province_code is not None else None
            if prov is not None:
                parts.append(prov.in_address)
    return ", ".join(parts)
