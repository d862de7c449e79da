"""Addresses printed before July 2025 (commune, district, province) mapped to the new communes.

Cards issued before the 2025 reform print units that no longer exist ("Thôn 3, Xã Ea Tu, Thành
phố Buôn Ma Thuột, Đắk Lắk"). The official conversion table (LEGAL.md §10.1) maps most old
communes to one new commune and the partly merged ones to several: then every candidate is
listed, none is picked, and each is marked ``exact=False``.

Pure: the caller passes the table (``OldWardTable``, built from the shipped rows by
``table_from_lines``); nothing here reads a file. Text is matched NFC/NFD-, case- and
accent-insensitively, with the usual abbreviations (X., P., TT., H., Q., TX., TP., T.).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache

from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold


@dataclass(frozen=True)
class OldWardRow:
    """One row of the conversion table: an old unit (or part of it) went into a new commune."""

    new_code: int
    new_name: str  # "Phường Tân An"
    new_province: str  # "Tỉnh Đắk Lắk"
    old_province: str  # "Tỉnh Đắk Lắk" (as printed before July 2025)
    old_district: str  # "Thành phố Buôn Ma Thuột"
    old_commune: str  # "Xã Ea Tu"; empty: the whole district (the island districts)
    old_code: str
    whole: bool  # the old unit went whole into the new one ("Nhập toàn bộ", "Giữ nguyên" …)


@dataclass(frozen=True)
class ParsedAddress:
    """An address cut at its commas (or its unit words): the parts as written, right to left
    assigned to province, district and commune where they name one; the rest is the detail."""

    detail: str
    commune: str = ""
    district: str = ""
    province: str = ""


@dataclass(frozen=True)
class Candidate:
    """A new commune an address may now belong to."""

    ward_code: int
    ward: str
    province: str
    exact: bool  # the only one, and the old unit went into it whole

    def as_json(self) -> dict[str, object]:
        return {"ward_code": self.ward_code, "ward": self.ward, "province": self.province,
                "exact": self.exact}


@dataclass(frozen=True)
class AddressMatch:
    """What an address names and which new communes it maps to (empty: not recognised)."""

    parsed: ParsedAddress
    candidates: tuple[Candidate, ...]
    old_units: tuple[str, ...] = ()  # "Xã Ea Tu, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk"
    is_new: bool = False  # the address already names a commune of the two-tier structure

    @property
    def single(self) -> Candidate | None:
        """The one new commune, when there is exactly one."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def split(self) -> bool:
        """Several new communes: the clerk must choose."""
        return len(self.candidates) > 1


# ---------------------------------------------------------------------------------------------
# Keys: folded names without the unit word
# ---------------------------------------------------------------------------------------------

# Unit words as written, folded, longest first; "." is dropped before matching.
_COMMUNE_WORDS = {"thi tran": "tt", "tt": "tt", "phuong": "p", "p": "p", "xa": "x", "x": "x",
                  "dac khu": "dk"}
_DISTRICT_WORDS = {"thanh pho": "tp", "tp": "tp", "thi xa": "tx", "tx": "tx", "huyen": "h",
                   "h": "h", "quan": "q", "q": "q"}
_PROVINCE_WORDS = {"thanh pho": "tp", "tp": "tp", "tinh": "t", "t": "t"}
_SHORT = frozenset({"p", "x", "h", "q", "t"})  # one letter: only with a dot or a number after
_ALL_WORDS = sorted({*_COMMUNE_WORDS, *_DISTRICT_WORDS, *_PROVINCE_WORDS}, key=len, reverse=True)
_LEAD = re.compile(r"^(" + "|".join(w.replace(" ", r"\s+") for w in _ALL_WORDS)
                   + r")(\.\s*|\s+|(?=[0-9]))(?P<rest>.+)$")
_DASHES = re.compile(r"\s*[-–—‐‑]\s*")
_PROVINCE_ALIASES = {"hcm": "ho chi minh", "tphcm": "ho chi minh", "sai gon": "ho chi minh",
                     "thua thien hue": "hue", "brvt": "ba ria vung tau", "hn": "ha noi"}
# Where a typed address without commas is cut: before a unit word that follows a word.
_ABBREVIATIONS = r"tt\.?|tx\.?|tp\.?|[pxhqt]\.|[pq](?=[0-9])"
# Where a typed address without commas is cut: before a unit word that follows a word (not the
# "xã" of "thị xã"). With marks typed, only marked words count ("Thổ Quan" is no "quận"); a text
# typed without marks is cut at the bare words.
_CUT_MARKED = re.compile(r"\s+(?=(?:thị\s+trấn|thị\s+xã|thành\s+phố|phường|huyện|quận|tỉnh|"
                         + _ABBREVIATIONS + r")(?:\s|[0-9]))|(?<!thị)\s+(?=xã\s)")
_CUT_PLAIN = re.compile(r"\s+(?=(?:thi\s+tran|thi\s+xa|thanh\s+pho|phuong|huyen|quan|tinh|"
                        + _ABBREVIATIONS + r")(?:\s|[0-9]))|(?<!thi)\s+(?=xa\s)")


def _plain(text: str) -> str:
    """Folded, dashes as spaces, apostrophes kept (Cư M'gar), other punctuation dropped."""
    folded = fold(text).replace("’", "'")
    folded = _DASHES.sub(" ", folded)
    return re.sub(r"\s+", " ", re.sub(r"[^\w' .]", " ", folded)).strip()


@lru_cache(maxsize=65536)  # the table's ~10,000 names, then what clerks type
def _split_unit(text: str) -> tuple[str, str]:
    """("x", "ea tu") for "X. Ea Tu"; ("", key) when no unit word leads."""
    plain = _plain(text)
    found = _LEAD.match(plain)
    if found is None:
        return "", _name_key(plain)
    word = re.sub(r"\s+", " ", found.group(1))
    separator = found.group(2)
    if word in _SHORT and "." not in separator and not found.group("rest")[:1].isdigit():
        return "", _name_key(plain)  # "Q Nam" is not "Quận Nam"
    return word, _name_key(found.group("rest"))


_ACCENTED_LEAD = re.compile(r"^(thị trấn|thị xã|thành phố|phường|xã|huyện|quận|tỉnh|tt|tx|tp|"
                            r"[pxhqt])(\.\s*|\s+|(?=[0-9]))")


@lru_cache(maxsize=65536)
def _accented(text: str) -> str:
    """The name as written, marks kept, without its unit word: "minh quán" for "Xã Minh Quán"."""
    lowered = clean_line(text).lower().replace("–", "-")
    return _ACCENTED_LEAD.sub("", lowered, count=1).strip()


def _name_key(text: str) -> str:
    """"ea tu", "1" for "01"; dots dropped."""
    key = re.sub(r"\s+", " ", text.replace(".", " ")).strip()
    return str(int(key)) if key.isdigit() else key


@lru_cache(maxsize=4096)
def _province_key(text: str) -> str:
    word, key = _split_unit(text)
    if word and word not in _PROVINCE_WORDS:
        key = _name_key(_plain(text))
    return _PROVINCE_ALIASES.get(key, key)


# ---------------------------------------------------------------------------------------------
# The table, indexed
# ---------------------------------------------------------------------------------------------


@dataclass
class OldWardTable:
    """The conversion table indexed by folded keys (build once; ~10,000 rows)."""

    rows: tuple[OldWardRow, ...]
    _communes: dict[str, list[OldWardRow]] = field(default_factory=dict, repr=False)
    _districts: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _provinces: set[str] = field(default_factory=set, repr=False)
    _new: dict[str, list[OldWardRow]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            p = _province_key(row.old_province)
            d = _split_unit(row.old_district)[1]
            self._provinces.add(p)
            self._districts.setdefault(d, set()).add(p)
            c = _split_unit(row.old_commune)[1] if row.old_commune else ""
            self._communes.setdefault(c, []).append(row)
            new_p = _province_key(row.new_province)
            self._provinces.add(new_p)
            self._new.setdefault(_split_unit(row.new_name)[1], []).append(row)

    def is_province(self, text: str) -> bool:
        return _province_key(text) in self._provinces

    def is_district(self, text: str, province: str) -> bool:
        provinces = self._districts.get(_split_unit(text)[1], set())
        return bool(provinces) and (not province or _province_key(province) in provinces)

    def old_rows(self, commune: str, district: str, province: str) -> list[OldWardRow]:
        """The rows of old commune ``commune`` (its kind heeded when given) in the district
        and province, where given."""
        word, key = _split_unit(commune) if commune else ("", "")
        rows = [r for r in self._communes.get(key, [])
                if (not district or _split_unit(r.old_district)[1] == _split_unit(district)[1])
                and (not province or _province_key(r.old_province) == _province_key(province))]
        kind = _COMMUNE_WORDS.get(word)
        if kind:
            same_kind = [r for r in rows if _COMMUNE_WORDS.get(_split_unit(r.old_commune)[0])
                         == kind]
            rows = same_kind or rows
        if len({_accented(r.old_commune) for r in rows}) > 1:
            # "Minh Quân" and "Minh Quán" in one district: the marks, where typed, decide.
            same_marks = [r for r in rows if _accented(r.old_commune) == _accented(commune)]
            rows = same_marks or rows
        return rows

    def new_rows(self, commune: str, province: str) -> list[OldWardRow]:
        """Rows naming new commune ``commune`` in new province ``province``."""
        key = _split_unit(commune)[1]
        p = _province_key(province)
        found = {r.new_code: r for r in self._new.get(key, [])
                 if _province_key(r.new_province) == p}
        return list(found.values())


def table_from_lines(lines: Iterable[str]) -> OldWardTable:
    """The table from the shipped tab-separated lines (see ``packaging/build_old_wards.py``)."""
    rows = []
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 8:
            continue
        code, name, province, old_p, old_d, old_c, old_code, whole = cells
        rows.append(OldWardRow(int(code), name, province, old_p, old_d, old_c, old_code,
                               whole == "1"))
    return OldWardTable(tuple(rows))


# ---------------------------------------------------------------------------------------------
# Parsing and mapping
# ---------------------------------------------------------------------------------------------


MAX_CUTS = 10  # more unit words than this in a comma-less address: every one is a cut


def _chunks(text: str) -> list[str]:
    """The address cut at commas (and semicolons)."""
    return [c for c in (c.strip(" .") for c in re.split(r"[,;]", clean_line(text))) if c]


def _cuts(chunk: str) -> list[int]:
    """Where a comma-less address may be cut: before each unit word that follows a word."""
    lowered = chunk.lower()  # tones kept: "Tịnh Khê" is no "tỉnh"
    if len(lowered) != len(chunk):
        return []
    cutter = _CUT_PLAIN if lowered.isascii() else _CUT_MARKED
    return [m.start() for m in cutter.finditer(lowered)]


def _cut_at(chunk: str, cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(chunk))
    return [p for p in (chunk[a:b].strip() for a, b in itertools.pairwise(bounds)) if p]


def parse_address(text: str, table: OldWardTable) -> ParsedAddress:
    """Province, district and commune from the right, as far as the table knows them.

    An address typed without commas is cut before its unit words ("Xã Ea Tu TP Buôn Ma
    Thuột"); a name may hold one ("Phường Thổ Quan", "Xã Tân Xã"), so the cuts are tried, most
    first, until a commune is found.
    """
    chunks = _chunks(text)
    if len(chunks) != 1:
        return _assign(chunks, table)
    cuts = _cuts(chunks[0])
    if len(cuts) > MAX_CUTS:
        return _assign(_cut_at(chunks[0], tuple(cuts)), table)
    first: ParsedAddress | None = None
    for count in range(len(cuts), -1, -1):
        for chosen in itertools.combinations(cuts, count):
            parsed = _assign(_cut_at(chunks[0], chosen), table)
            if parsed.commune:
                return parsed
            first = first or parsed
    return first or _assign(chunks, table)


def _assign(parts: list[str], table: OldWardTable) -> ParsedAddress:
    province = district = commune = ""
    if parts and not table.is_province(parts[-1]):
        _cut_province(parts, table)
    if parts and table.is_province(parts[-1]):
        province = parts.pop()
    if parts and table.is_district(parts[-1], province):
        district = parts.pop()
    if parts and _names_commune(parts[-1], district, province, table):
        commune = parts.pop()
    return ParsedAddress(", ".join(parts), commune, district, province)


def _cut_province(parts: list[str], table: OldWardTable) -> None:
    """A province typed without its word after the district ("... Buôn Ma Thuột Đắk Lắk"):
    its last one to four words become their own part."""
    words = parts[-1].split()
    for count in range(1, min(4, len(words) - 1) + 1):
        tail = " ".join(words[-count:])
        if table.is_province(tail):
            parts[-1:] = [" ".join(words[:-count]), tail]
            return


def _names_commune(part: str, district: str, province: str, table: OldWardTable) -> bool:
    if table.old_rows(part, district, province):
        return True
    return bool(province) and not district and bool(table.new_rows(part, province))


def _unit_text(row: OldWardRow) -> str:
    return ", ".join(p for p in (row.old_commune, row.old_district, row.old_province) if p)


def map_address(text: str, table: OldWardTable) -> AddressMatch:
    """The new commune(s) an old (or new) address belongs to.

    An address without a district that names a commune of its (new) province is taken as
    already new. Otherwise the old units named are looked up: one new commune that took the
    old unit whole is ``exact``; several (a split ward, or an old name met in more than one
    district) are all listed, none exact.
    """
    parsed = parse_address(text, table)
    if not parsed.commune:
        whole_district = [r for r in table.old_rows("", parsed.district, parsed.province)
                          if parsed.district]
        return _match(parsed, whole_district)
    if parsed.province and not parsed.district:
        new = table.new_rows(parsed.commune, parsed.province)
        if len(new) == 1:
            row = new[0]
            return AddressMatch(parsed, (Candidate(row.new_code, row.new_name, row.new_province,
                                                   True),), is_new=True)
    return _match(parsed, table.old_rows(parsed.commune, parsed.district, parsed.province))


def _match(parsed: ParsedAddress, rows: list[OldWardRow]) -> AddressMatch:
    by_code: dict[int, OldWardRow] = {}
    for row in rows:
        by_code.setdefault(row.new_code, row)
    named: dict[str, str] = {}  # "Thị xã"/"Thị Xã Kinh Môn": one district spelt two ways
    for row in rows:
        named.setdefault(_unit_text(row).lower(), _unit_text(row))
    units = tuple(named.values())
    exact = len(by_code) == 1 and len(units) == 1 and all(r.whole for r in rows)
    candidates = tuple(Candidate(r.new_code, r.new_name, r.new_province, exact)
                       for r in sorted(by_code.values(), key=lambda r: fold(r.new_name)))
    return AddressMatch(parsed, candidates, units)
