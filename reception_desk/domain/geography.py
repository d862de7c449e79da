"""Provinces and communes after the July 2025 reform (34 provinces, 3,321 communes and wards).

Backed by the ``vietnam-provinces`` data package (its bundled JSON is read directly: it is the
package's data, and the package's Python API costs a tenth of a second at start-up). Commune
names repeat across provinces, so a commune is always picked inside its province, by folded name
matched at word starts.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reception_desk.domain.text import fold


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


def _kind(division_type: str) -> str:
    return "thành phố" if division_type.startswith("thành phố") else division_type


def _short(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def _raw() -> tuple[dict[str, Any], ...]:
    """The provinces with their communes as the package's own data file has them.

    Reading ``nested-divisions.json`` takes ~5 ms; importing the package's Python API builds an
    enum of 3,321 members and costs ~110 ms at start-up. ``find_spec`` locates the package
    without running it.
    """
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnam-provinces data package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return tuple(json.loads((folder / "data" / "nested-divisions.json")
                            .read_text(encoding="utf-8")))


def _place(division: dict[str, Any], province_code: int | None = None) -> Place:
    name = division["name"]
    return Place(int(division["code"]), name, _short(name), _kind(division["division_type"]),
                 fold(_short(name)), province_code)


@cache
def provinces() -> tuple[Place, ...]:
    """The provinces, by name (their communes are read when first asked for: the start shows
    the provinces only)."""
    return tuple(sorted((_place(p) for p in _raw()), key=lambda p: p.key))


@cache
def communes(province_code: int) -> tuple[Place, ...]:
    for p in _raw():
        if int(p["code"]) == province_code:
            return tuple(sorted((_place(w, province_code) for w in p["wards"]),
                                key=lambda w: w.key))
    return ()


@cache
def _province_codes() -> dict[int, int]:
    """Each commune's province, by the commune's code."""
    return {int(w["code"]): int(p["code"]) for p in _raw() for w in p["wards"]}


@cache
def _communes_by_code(province_code: int) -> dict[int, Place]:
    return {c.code: c for c in communes(province_code)}


def commune(code: int) -> Place | None:
    """The commune ``code`` (only its province's communes are folded: the form shows the
    office's commune at start)."""
    province_code = _province_codes().get(code)
    if province_code is None:
        return None
    return _communes_by_code(province_code).get(code)


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
