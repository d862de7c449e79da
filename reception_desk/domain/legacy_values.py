"""The values of an old logbook's cells, read as the app stores them (issue 15).

Old books were typed by hand in Excel: dates as text ("5/3/19", "ngày 5 tháng 3 năm 2019") or as
Excel day numbers, ID numbers typed as numbers (so a CCCD lost its leading 0) or with dots, people
counts as "3 người", types of đơn as words or abbreviations. Each reader here takes the cell's
value (text, number, date) and returns the stored value, or raises ``LegacyValueError`` with a
problem code the import report words in Vietnamese (texts/legacy.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.identity import LEGACY_CMND_LENGTH
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold

CCCD_LENGTH = 12
# Excel counts days from 30/12/1899 (its 1900 leap-year bug folded in for serials past 60).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials a logbook date can be: 01/01/1980 … 31/12/2100.
_SERIALS = range(29221, 73415)
_NUMERIC_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDED_DAY = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4}|\d{2})\b")
_PEOPLE = re.compile(r"^\s*(\d{1,6})\s*(?:nguoi|ng|cd|cong dan)?\.?\s*$")
_ID_SEPARATORS = re.compile(r"[\s.\-,']")


class LegacyValueError(ValueError):
    """A cell that cannot be read: ``code`` names what is wrong, ``params`` the details."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _problem(code: str, /, **params: Any) -> LegacyValueError:
    return LegacyValueError(code, **params)


def text_of(value: Any) -> str:
    """A cell as one line of text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean_line(str(value))


def _two_digit_year(year: int, today: date) -> int:
    if year >= 100:
        return year
    century = today.year // 100 * 100
    return century + year if century + year <= today.year else century - 100 + year


def parse_legacy_date(value: Any, today: date) -> date | None:
    """A reception day from a cell: a date, an Excel day number, "5/3/2019", "05.03.19",
    "2019-03-05" or "ngày 5 tháng 3 năm 2019". None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if int(value) in _SERIALS:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise _problem("legacy.date_invalid", value=text_of(value))
    text = str(value).strip()
    if text.isdigit() and int(text) in _SERIALS:
        return _EXCEL_EPOCH + timedelta(days=int(text))
    match = _NUMERIC_DAY.match(text) or _WORDED_DAY.search(fold(text))
    try:
        if match is not None:
            day, month, year = (int(g) for g in match.groups())
            return date(_two_digit_year(year, today), month, day)
        iso = _ISO_DAY.match(text)
        if iso is not None:
            year, month, day = (int(g) for g in iso.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise _problem("legacy.date_invalid", value=text)


def parse_id_number(value: Any) -> tuple[IdDocType, str]:
    """The identity paper of a cell: (type, number as stored).

    A number typed into Excel as a number lost its leading zeros: every CCCD starts with the
    province code 0xx, so 11 digits are a CCCD missing its 0 and 8 digits a CMND missing it.
    Dots, spaces and dashes between the digits go. Letters with digits: a passport or another
    paper, kept as typed.
    """
    if value is None:
        return IdDocType.NONE, ""
    if isinstance(value, float):
        if not value.is_integer():
            raise _problem("legacy.id_invalid", value=text_of(value))
        value = int(value)
    text = str(value).strip() if not isinstance(value, int) else str(value)
    if not text:
        return IdDocType.NONE, ""
    digits = _ID_SEPARATORS.sub("", text)
    if digits.isascii() and digits.isdigit():
        if len(digits) in (CCCD_LENGTH - 1, LEGACY_CMND_LENGTH - 1):
            digits = "0" + digits
        if len(digits) == CCCD_LENGTH:
            return IdDocType.CITIZEN_ID, digits
        if len(digits) == LEGACY_CMND_LENGTH:
            return IdDocType.LEGACY_CMND, digits
        raise _problem("legacy.id_invalid", value=text)
    if re.fullmatch(r"[A-Za-z]{1,2}\d{6,8}", digits):
        return IdDocType.PASSPORT, normalize_id_number(IdDocType.PASSPORT, digits)
    return IdDocType.OTHER, normalize_id_number(IdDocType.OTHER, text)


def parse_people(value: Any) -> int | None:
    """How many people came: 3, "3", "3 người", "03 ng". None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 100_000:
            return int(value)
        raise _problem("legacy.people_invalid", value=text_of(value))
    text = fold(str(value))
    if not text:
        return None
    match = _PEOPLE.match(text)
    if match is None or not 1 <= int(match.group(1)) <= 100_000:
        raise _problem("legacy.people_invalid", value=str(value).strip())
    return int(match.group(1))


# The words old books used for the type of đơn (folded: accent- and case-insensitive).
PETITION_WORDS: dict[str, PetitionType] = {
    "khieu nai": PetitionType.COMPLAINT, "kn": PetitionType.COMPLAINT,
    "don khieu nai": PetitionType.COMPLAINT, "k.nai": PetitionType.COMPLAINT,
    "to cao": PetitionType.DENUNCIATION, "tc": PetitionType.DENUNCIATION,
    "don to cao": PetitionType.DENUNCIATION, "t.cao": PetitionType.DENUNCIATION,
    "kien nghi": PetitionType.PETITION, "kng": PetitionType.PETITION,
    "kien nghi, phan anh": PetitionType.PETITION, "kien nghi - phan anh": PetitionType.PETITION,
    "kien nghi phan anh": PetitionType.PETITION, "knpa": PetitionType.PETITION,
    "kn/pa": PetitionType.PETITION, "kn-pa": PetitionType.PETITION,
    "kn, pa": PetitionType.PETITION, "don kien nghi": PetitionType.PETITION,
    "phan anh": PetitionType.REFLECTION, "pa": PetitionType.REFLECTION,
    "don phan anh": PetitionType.REFLECTION,
}

DIRECTION_WORDS: dict[str, HandlingDirection] = {
    "thu ly": HandlingDirection.ACCEPT, "thu ly giai quyet": HandlingDirection.ACCEPT,
    "thu ly de giai quyet": HandlingDirection.ACCEPT,
    "huong dan": HandlingDirection.GUIDE, "tra lai don": HandlingDirection.GUIDE,
    "tra lai don va huong dan": HandlingDirection.GUIDE, "tra don": HandlingDirection.GUIDE,
    "chuyen don": HandlingDirection.TRANSFER, "chuyen": HandlingDirection.TRANSFER,
    "luu don": HandlingDirection.FILE, "luu": HandlingDirection.FILE,
}


def _key(value: Any) -> str:
    return re.sub(r"\s*([/,\-])\s*", r"\1", fold(text_of(value))).replace(",", ", ").strip(" .")


def map_word(value: Any, words: Mapping[str, Any]) -> Any:
    """The category a word stands for (accent-, case- and spacing-insensitive); None if the
    word is not known. Raises nothing: the caller lists unmapped words for the clerk."""
    key = _key(value)
    if not key:
        return None
    return words.get(key) or words.get(fold(text_of(value)))


def field_words(fields: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The office's fields (code, name) as words a cell may hold: the name and the code."""
    out: dict[str, str] = {}
    for code, name in fields:
        out[fold(name)] = code
        out[fold(code)] = code
    return out


def is_ticked(value: Any) -> bool:
    """A tick column ("x", "X", "✓", 1, True): anything not blank and not "0"/"không"."""
    text = fold(text_of(value))
    return bool(text) and text not in ("0", "khong", "-", "no")


def split_name_address(value: Any) -> tuple[str, str]:
    """The TT 04/2021 column 3 ("Họ tên - Địa chỉ") split: the name is the first line, or what
    stands before the first " - ", "," or ";"."""
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    if "\n" in text:
        name, _, rest = text.partition("\n")
        return clean_line(name), clean_line(rest.replace("\n", ", "))
    for separator in (" - ", " – ", ";", ","):
        if separator in text:
            name, _, rest = text.partition(separator)
            return clean_line(name), clean_line(rest)
    return clean_line(text), ""
