"""An old logbook sheet's layout: which column holds what, found from its headings (issue 15).

The two statutory layouts (LEGAL.md §2.1: TT 04/2021 Mẫu 03, 12 columns; NĐ 154/2026 Mẫu 03/TCD,
13 columns) and the usual home-made variants are recognised by their heading words, folded
(accent- and case-insensitive). Headings often span two rows ("Hướng xử lý" merged over
"Thụ lý", "Trả lại đơn", "Chuyển đơn"): the reader fills a merged range with its value, and
the heading of a column is the words of every heading row above it. A clerk can map any column
by hand; a mapping is a plain ``{column index: field}`` dict, saved as JSON by the services.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from enum import StrEnum
from typing import Any

from reception_desk.domain.text import fold


class LegacyField(StrEnum):
    """What a column of an old book can hold."""

    STT = "stt"
    DATE = "date"
    NAME_ADDRESS = "name_address"  # TT 04/2021 col. 3: both in one cell
    NAME = "name"
    ADDRESS = "address"
    ID_NUMBER = "id_number"
    CONTENT = "content"
    TYPE_PEOPLE = "type_people"  # TT 04/2021 col. 6: "Phân loại đơn/Số người"
    TYPE = "type"
    PEOPLE = "people"
    FIELD = "field"
    PRIOR_BODIES = "prior_bodies"
    ACCEPT = "accept"  # tick: thụ lý
    WITHIN_COMPETENCE = "within_competence"  # tick: thuộc thẩm quyền
    GUIDE = "guide"  # tick or body: trả lại đơn và hướng dẫn / hướng dẫn đến cơ quan
    TRANSFER = "transfer"  # tick or body: chuyển đơn / cơ quan thụ lý
    DIRECTION = "direction"  # a worded direction ("Thụ lý", "Chuyển đơn")
    FOLLOW_UP = "follow_up"
    NOTES = "notes"
    IGNORE = "ignore"


F = LegacyField

# Heading words → field, most specific first (a heading is folded before it is matched).
_HEADINGS: tuple[tuple[str, LegacyField], ...] = (
    (r"^(stt|so tt|so thu tu|tt)$", F.STT),
    (r"ngay tiep|ngay thang|^ngay$|thoi gian tiep", F.DATE),
    (r"ho (va )?ten.*dia chi", F.NAME_ADDRESS),
    (r"ho (va )?ten|ten cong dan|nguoi (den|dung don)", F.NAME),
    (r"dia chi|noi (o|cu tru)", F.ADDRESS),
    (r"cmnd|cccd|can cuoc|ho chieu|chung minh", F.ID_NUMBER),
    (r"phan loai don.*so nguoi", F.TYPE_PEOPLE),
    (r"so nguoi", F.PEOPLE),
    (r"loai don|phan loai", F.TYPE),
    (r"noi dung", F.CONTENT),
    (r"linh vuc", F.FIELD),
    (r"co quan da giai quyet|da (duoc )?giai quyet", F.PRIOR_BODIES),
    (r"thuoc tham quyen", F.WITHIN_COMPETENCE),
    (r"co quan,? don vi thu ly|chuyen don", F.TRANSFER),
    (r"thu ly", F.ACCEPT),
    (r"tra lai don|huong dan cong dan|huong dan", F.GUIDE),
    (r"huong xu ly|ket qua xu ly", F.DIRECTION),
    (r"theo doi", F.FOLLOW_UP),
    (r"ghi chu", F.NOTES),
)
_COMPILED = tuple((re.compile(pattern), f) for pattern, f in _HEADINGS)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
MAX_HEADER_SCAN = 25


class Layout(StrEnum):
    TT04_2021 = "tt04_2021"
    ND154_2026 = "nd154_2026"
    OTHER = "other"


def field_of_heading(heading: str) -> LegacyField | None:
    """The field a column heading names, or None."""
    text = fold(heading).strip(" :.")
    if not text:
        return None
    for pattern, found in _COMPILED:
        if pattern.search(text):
            return found
    return None


def _is_heading_row(row: Sequence[Any]) -> int:
    return sum(1 for v in row if isinstance(v, str) and field_of_heading(v) is not None)


def _is_number_row(row: Sequence[Any]) -> bool:
    """The row of column numbers under a printed heading: "(1) (2) (3)…" or 1 2 3 …"""
    cells = [v for v in row if v not in (None, "")]
    if len(cells) < 3:
        return False
    texts = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
             for v in cells]
    return all(_COLUMN_NUMBER.match(t) for t in texts)


@dataclass
class Header:
    """Where the heading is and what each column holds."""

    first_row: int  # 0-based row of the first heading row
    data_row: int  # 0-based row of the first row of data
    headings: list[str]  # per column, the words of every heading row joined
    mapping: dict[int, LegacyField] = field(default_factory=dict)
    layout: Layout = Layout.OTHER


def find_header(rows: Sequence[Sequence[Any]]) -> Header | None:
    """The heading rows of a sheet: the row among the first ``MAX_HEADER_SCAN`` naming the most
    fields (three at least), with the next row joined when it holds headings too (a two-row
    heading), and a row of column numbers under it skipped."""
    best, best_count = -1, 2
    for index, row in enumerate(rows[:MAX_HEADER_SCAN]):
        count = _is_heading_row(row)
        if count > best_count:
            best, best_count = index, count
    if best < 0:
        return None
    width = max(len(r) for r in rows[best:best + 3])
    heading_rows = [best]
    nxt = best + 1
    if (nxt < len(rows) and not _is_number_row(rows[nxt]) and _is_heading_row(rows[nxt]) >= 1
            and all(not isinstance(v, int | float) for v in rows[nxt] if v is not None)):
        heading_rows.append(nxt)
        nxt += 1
    if nxt < len(rows) and _is_number_row(rows[nxt]):
        nxt += 1
    headings: list[str] = []
    for col in range(width):
        words: list[str] = []
        for r in heading_rows:
            cell = rows[r][col] if col < len(rows[r]) else None
            text = "" if cell is None else " ".join(str(cell).split())
            if text and text not in words:
                words.append(text)
        headings.append(" / ".join(words))
    header = Header(best, nxt, headings)
    header.mapping = guess_mapping(headings, len(heading_rows) > 1, rows, heading_rows)
    header.layout = layout_of(header.mapping)
    return header


def guess_mapping(headings: Sequence[str], two_rows: bool = False,
                  rows: Sequence[Sequence[Any]] = (), heading_rows: Sequence[int] = ()
                  ) -> dict[int, LegacyField]:
    """Column → field from the headings; the sub-heading decides under a merged heading."""
    mapping: dict[int, LegacyField] = {}
    for col, heading in enumerate(headings):
        found = None
        if two_rows and rows:
            sub = rows[heading_rows[-1]][col] if col < len(rows[heading_rows[-1]]) else None
            top = rows[heading_rows[0]][col] if col < len(rows[heading_rows[0]]) else None
            if isinstance(sub, str) and sub != top:
                found = field_of_heading(sub)
        if found is None:
            found = field_of_heading(heading)
        if found is not None and found not in mapping.values():
            mapping[col] = found
    return mapping


def layout_of(mapping: Mapping[int, LegacyField]) -> Layout:
    """Which statutory layout the mapping is: TT 04/2021 keeps name and address in one column
    and type with people; NĐ 154/2026 has "Thuộc thẩm quyền" and separate people."""
    fields = set(mapping.values())
    if {F.NAME_ADDRESS, F.TYPE_PEOPLE} <= fields and {F.ACCEPT, F.GUIDE, F.TRANSFER} <= fields:
        return Layout.TT04_2021
    if {F.WITHIN_COMPETENCE, F.TYPE, F.PEOPLE, F.GUIDE, F.TRANSFER} <= fields:
        return Layout.ND154_2026
    return Layout.OTHER


def mapping_to_json(mapping: Mapping[int, LegacyField]) -> dict[str, str]:
    """A mapping as saved: column letters → field codes."""
    return {column_letter(col): f.value for col, f in sorted(mapping.items())}


def mapping_from_json(data: Mapping[str, Any]) -> dict[int, LegacyField]:
    """A saved mapping back; ``ValueError`` names the first bad entry."""
    out: dict[int, LegacyField] = {}
    for letter, code in data.items():
        out[column_index(str(letter))] = LegacyField(str(code))
    return out


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """"A" → 0, "AA" → 26; ``ValueError`` for anything else."""
    text = letter.strip().upper()
    if not text or not text.isascii() or not text.isalpha() or len(text) > 3:
        raise ValueError(letter)
    index = 0
    for ch in text:
        index = index * 26 + ord(ch) - 64
    return index - 1
