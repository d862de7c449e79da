"""Identity papers, CCCD chip-card QR payloads, who is the same person (LEGAL.md §10).

Everything here returns problem codes with parameters; the UI owns the wording. No clock reads:
callers pass ``today`` where a date must not lie in the future.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any
from typing import NamedTuple

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.domain.problems import Problem
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.domain.text import nfc
from reception_desk.errors import UserError

ID_FIELD = "id_number"
QR_FIELD = "qr"

# ---------------------------------------------------------------------------------------------
# Personal ID number (số định danh cá nhân): 12 digits, LEGAL.md §10
# ---------------------------------------------------------------------------------------------

#: Birth-registration province codes, TT 07/2016/TT-BCA Phụ lục 1 (63 pre-2025 provinces). The
#: 2025 mergers do not renumber people, so these stay the codes printed on cards.
PROVINCE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "001": "Hà Nội",
        "002": "Hà Giang",
        "004": "Cao Bằng",
        "006": "Bắc Kạn",
        "008": "Tuyên Quang",
        "010": "Lào Cai",
        "011": "Điện Biên",
        "012": "Lai Châu",
        "014": "Sơn La",
        "015": "Yên Bái",
        "017": "Hòa Bình",
        "019": "Thái Nguyên",
        "020": "Lạng Sơn",
        "022": "Quảng Ninh",
        "024": "Bắc Giang",
        "025": "Phú Thọ",
        "026": "Vĩnh Phúc",
        "027": "Bắc Ninh",
        "030": "Hải Dương",
        "031": "Hải Phòng",
        "033": "Hưng Yên",
        "034": "Thái Bình",
        "035": "Hà Nam",
        "036": "Nam Định",
        "037": "Ninh Bình",
        "038": "Thanh Hóa",
        "040": "Nghệ An",
        "042": "Hà Tĩnh",
        "044": "Quảng Bình",
        "045": "Quảng Trị",
        "046": "Thừa Thiên Huế",
        "048": "Đà Nẵng",
        "049": "Quảng Nam",
        "051": "Quảng Ngãi",
        "052": "Bình Định",
        "054": "Phú Yên",
        "056": "Khánh Hòa",
        "058": "Ninh Thuận",
        "060": "Bình Thuận",
        "062": "Kon Tum",
        "064": "Gia Lai",
        "066": "Đắk Lắk",
        "067": "Đắk Nông",
        "068": "Lâm Đồng",
        "070": "Bình Phước",
        "072": "Tây Ninh",
        "074": "Bình Dương",
        "075": "Đồng Nai",
        "077": "Bà Rịa - Vũng Tàu",
        "079": "TP Hồ Chí Minh",
        "080": "Long An",
        "082": "Tiền Giang",
        "083": "Bến Tre",
        "084": "Trà Vinh",
        "086": "Vĩnh Long",
        "087": "Đồng Tháp",
        "089": "An Giang",
        "091": "Kiên Giang",
        "092": "Cần Thơ",
        "093": "Hậu Giang",
        "094": "Sóc Trăng",
        "095": "Bạc Liêu",
        "096": "Cà Mau",
    }
)

#: Codes used instead of a province for births registered abroad. The official list was not
#: obtained (LEGAL.md §10), so it is empty: such numbers get the overridable
#: ``id.unknown_province`` problem until an office passes its own list as ``country_codes``.
COUNTRY_CODES: Mapping[str, str] = MappingProxyType({})

PERSONAL_ID_LENGTH = 12
LEGACY_CMND_LENGTH = 9
OTHER_PAPER_MAX = 30
PASSPORT_MIN = 5
PASSPORT_MAX = 20

# Hyphen-like characters people type between digit groups (NFKC already maps the full-width ones).
_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—−_]+")
_DIGITS = re.compile(r"[0-9]+")
_VN_PASSPORT = re.compile(r"[A-Z][0-9]{7}")
_ANY_PASSPORT = re.compile(rf"[A-Z0-9]{{{PASSPORT_MIN},{PASSPORT_MAX}}}")
_NUMERIC_TYPES = frozenset({IdDocType.CITIZEN_ID, IdDocType.ID_CERTIFICATE, IdDocType.LEGACY_CMND})


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking one identity paper number.

    ``hard_problems`` can never be overridden (the number cannot be right); ``soft_problems`` are
    structural mismatches the clerk may accept with a written reason, because the card in the
    citizen's hand wins over our reading of the numbering rules.
    """

    doc_type: IdDocType
    number: str  # normalised: the form to store
    is_legacy: bool  # a 9-digit CMND
    hard_problems: tuple[Problem, ...]
    soft_problems: tuple[Problem, ...]
    province_code: str | None = None  # digits 1–3 of a 12-digit number
    province_name: str | None = None  # None when the code is unknown
    born_abroad: bool = False  # digits 1–3 are a country code
    century: int | None = None  # decoded from digit 4: 1900, 2000, ...
    sex: Sex | None = None  # decoded from digit 4
    birth_year_digits: int | None = None  # digits 5–6

    @property
    def birth_year(self) -> int | None:
        """Birth year as encoded in the number (digit 4 century + digits 5–6)."""
        if self.century is None or self.birth_year_digits is None:
            return None
        return self.century + self.birth_year_digits

    @property
    def acceptable(self) -> bool:
        """No hard problem: storable, given an override reason for any soft problem."""
        return not self.hard_problems

    @property
    def ok(self) -> bool:
        """No problem at all."""
        return not self.hard_problems and not self.soft_problems

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.hard_problems + self.soft_problems


class IdOverrideRequired(UserError):
    """The number breaks a numbering rule the clerk may override with a written reason."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        first = problems[0]
        super().__init__(first.code, field=ID_FIELD, **first.params)
        self.problems = problems


def normalize_id_number(doc_type: IdDocType, number: str | None) -> str:
    """The stored form of a paper number: NFKC (full-width digits → ASCII), separators dropped.

    Passports are upper-cased; "other" papers keep their punctuation ("123/GCN-CA") and only
    get the single-line clean-up.
    """
    if not number:
        return ""
    if doc_type is IdDocType.OTHER:
        return clean_line(unicodedata.normalize("NFKC", number))
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", nfc(number)))
    return text.upper() if doc_type is IdDocType.PASSPORT else text


def guess_doc_type(number: str | None) -> IdDocType:
    """The most likely paper for a bare number (pasted lists carry no type column)."""
    digits = normalize_id_number(IdDocType.CITIZEN_ID, number)
    if not digits:
        return IdDocType.NONE
    if digits.isascii() and digits.isdigit():
        if len(digits) == LEGACY_CMND_LENGTH:
            return IdDocType.LEGACY_CMND
        return IdDocType.CITIZEN_ID
    if _ANY_PASSPORT.fullmatch(digits.upper()):
        return IdDocType.PASSPORT
    return IdDocType.OTHER


class PersonKey(NamedTuple):
    """Who a registry record, or what a form now says, names: folded name and identity paper."""

    name_key: str
    doc_type: IdDocType
    number: str


def person_key(full_name: str | None, doc_type: IdDocType, number: str | None) -> PersonKey:
    return PersonKey(fold(full_name), doc_type, normalize_id_number(doc_type, number))


def same_person(record: PersonKey, typed: PersonKey) -> bool:
    """Identity continuity: may what a form now says (``typed``) be written onto ``record``?

    Yes with the same folded name (accents, case and spacing aside) and, when the record has a
    paper number, that very paper. Phone, address, dates, sex, and a number added to a record
    without one keep the person; another name or another paper is another person, never written
    over the record (the form detaches the picked citizen; the visit service refuses).
    """
    if typed.name_key != record.name_key:
        return False
    return not record.number or (typed.doc_type, typed.number) == (record.doc_type, record.number)


def _problem(code: str, /, **params: Any) -> Problem:
    return Problem(code, ID_FIELD, params)


def _first_non_digit(text: str) -> str:
    return next(ch for ch in text if not ("0" <= ch <= "9"))


def check_id_number(
    doc_type: IdDocType,
    number: str | None,
    *,
    sex: Sex | None = None,
    birth_date: date | None = None,
    birth_year: int | None = None,
    country_codes: Mapping[str, str] = COUNTRY_CODES,
) -> IdCheck:
    """Check a paper number against its type and, for 12-digit numbers, the citizen's data.

    ``birth_year`` stands in when only the year is known; passing both it and ``birth_date``
    with different years is a programming error.
    """
    if birth_date is not None and birth_year is not None and birth_date.year != birth_year:
        raise ValueError("birth_date and birth_year disagree")
    year = birth_date.year if birth_date is not None else birth_year
    text = normalize_id_number(doc_type, number)

    if doc_type is IdDocType.NONE:
        hard = (_problem("id.number_without_document"),) if text else ()
        return IdCheck(doc_type, text, False, hard, ())
    if not text:
        return IdCheck(doc_type, text, False, (_problem("id.empty"),), ())
    if doc_type is IdDocType.PASSPORT:
        return _check_passport(text)
    if doc_type is IdDocType.OTHER:
        hard = ()
        if len(text) > OTHER_PAPER_MAX:
            hard = (_problem("id.too_long", max=OTHER_PAPER_MAX, actual=len(text)),)
        return IdCheck(doc_type, text, False, hard, ())
    assert doc_type in _NUMERIC_TYPES

    # isdigit() alone would accept other scripts' digits that NFKC leaves alone.
    if not _DIGITS.fullmatch(text):
        bad = _problem("id.not_digits", char=_first_non_digit(text))
        return IdCheck(doc_type, text, False, (bad,), ())
    if text.strip("0") == "":
        # "000000000": a placeholder typed for a missing paper, never a number issued.
        return IdCheck(doc_type, text, False, (_problem("id.all_zeros"),), ())
    if doc_type is IdDocType.LEGACY_CMND:
        # A 12-digit CMND (issued from 2012) already uses the personal-number structure.
        if len(text) == LEGACY_CMND_LENGTH:
            return IdCheck(doc_type, text, True, (), ())
        if len(text) != PERSONAL_ID_LENGTH:
            bad = _problem("id.wrong_length_cmnd", actual=len(text))
            return IdCheck(doc_type, text, False, (bad,), ())
    elif len(text) != PERSONAL_ID_LENGTH:
        bad = _problem("id.wrong_length", expected=PERSONAL_ID_LENGTH, actual=len(text))
        return IdCheck(doc_type, text, False, (bad,), ())
    return _check_personal_number(doc_type, text, sex, year, country_codes)


def _check_passport(text: str) -> IdCheck:
    hard: tuple[Problem, ...] = ()
    if not _ANY_PASSPORT.fullmatch(text):
        bad = _problem("passport.bad_format", min=PASSPORT_MIN, max=PASSPORT_MAX, actual=len(text))
        hard = (bad,)
    return IdCheck(IdDocType.PASSPORT, text, False, hard, ())


def is_vietnamese_passport(number: str | None) -> bool:
    """One letter and seven digits, the format of Vietnamese passports (e.g. C1234567)."""
    return bool(_VN_PASSPORT.fullmatch(normalize_id_number(IdDocType.PASSPORT, number)))


def _check_personal_number(
    doc_type: IdDocType,
    text: str,
    sex: Sex | None,
    year: int | None,
    country_codes: Mapping[str, str],
) -> IdCheck:
    soft: list[Problem] = []
    code = text[:3]
    name = PROVINCE_CODES.get(code)
    abroad = False
    if name is None and code in country_codes:
        name, abroad = country_codes[code], True
    if name is None:
        soft.append(_problem("id.unknown_province", province=code))

    digit = int(text[3])
    century = 1900 + 100 * (digit // 2)
    hard: tuple[Problem, ...] = ()
    if century >= 2100:
        # Digit 4 = 4–9 encodes a birth in 2100 or later (TT 07/2016/TT-BCA Art. 7, LEGAL.md
        # §10): no such person exists yet, with or without a birth date typed.
        hard = (_problem("id.century_impossible", digit=digit, century=century),)
    encoded_sex = Sex.MALE if digit % 2 == 0 else Sex.FEMALE
    yy = int(text[4:6])
    if year is not None:
        if year // 100 * 100 != century:
            soft.append(
                _problem("id.century_mismatch", digit=digit, century=century, birth_year=year)
            )
        if year % 100 != yy:
            soft.append(_problem("id.birth_year_mismatch", digits=text[4:6], birth_year=year))
    if sex is not None and sex is not encoded_sex:
        soft.append(
            _problem("id.sex_mismatch", digit=digit, sex=sex.value, encoded=encoded_sex.value)
        )
    return IdCheck(
        doc_type,
        text,
        False,
        hard,
        tuple(soft),
        province_code=code,
        province_name=name,
        born_abroad=abroad,
        century=century,
        sex=encoded_sex,
        birth_year_digits=yy,
    )


def require_valid_id(
    doc_type: IdDocType,
    number: str | None,
    *,
    sex: Sex | None = None,
    birth_date: date | None = None,
    birth_year: int | None = None,
    override_reason: str | None = None,
    country_codes: Mapping[str, str] = COUNTRY_CODES,
) -> IdCheck:
    """Check and raise: ``UserError`` for a hard problem, ``IdOverrideRequired`` (a ``UserError``)
    for soft ones when no (non-blank) override reason is given. Returns the check otherwise."""
    check = check_id_number(
        doc_type,
        number,
        sex=sex,
        birth_date=birth_date,
        birth_year=birth_year,
        country_codes=country_codes,
    )
    if check.hard_problems:
        first = check.hard_problems[0]
        raise UserError(first.code, field=ID_FIELD, **first.params)
    if check.soft_problems and not clean_line(override_reason):
        raise IdOverrideRequired(check.soft_problems)
    return check


# ---------------------------------------------------------------------------------------------
# CCCD chip-card QR payload
# ---------------------------------------------------------------------------------------------

QR_MIN_FIELDS = 7
_QR_TRIM = " \t\r\n\ufeff"  # scanners add CR/LF; some prepend a byte-order mark
_QR_START = re.compile(r"[0-9]{12}")


@dataclass(frozen=True)
class CccdQr:
    """The fields printed in the QR code of a chip CCCD / căn cước card."""

    id_number: str
    legacy_cmnd: str | None
    full_name: str
    birth_date: date
    sex: Sex
    address: str
    issue_date: date
    extra_fields: tuple[str, ...] = ()  # newer cards append more; kept, not interpreted


def looks_like_cccd_qr(text: str | None) -> bool:
    """Cheap test for scanner input: at least six '|' and twelve leading digits."""
    if not text:
        return False
    stripped = text.strip(_QR_TRIM)
    return stripped.count("|") >= QR_MIN_FIELDS - 1 and bool(_QR_START.match(stripped))


def _qr_error(code: str, **params: Any) -> UserError:
    return UserError(code, field=QR_FIELD, **params)


def _qr_date(raw: str, index: int, part: str, today: date) -> date:
    digits = re.sub(r"[/.\-\s]", "", raw)
    try:
        if len(digits) != 8 or not _DIGITS.fullmatch(digits):
            raise ValueError(raw)
        value = date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        raise _qr_error("qr.bad_date", index=index, part=part, value=raw) from None
    if value > today:
        raise _qr_error("qr.future_date", index=index, part=part, value=value)
    return value


def parse_cccd_qr(text: str, *, today: date) -> CccdQr:
    """Parse ``ID|old CMND|name|ddmmyyyy|sex|address|ddmmyyyy[|extra...]``; raise ``UserError``.

    The card's own numbering is not second-guessed here (the card wins); callers that want the
    structural check run ``check_id_number`` on the result.
    """
    parts = [nfc(p).strip() for p in text.strip(_QR_TRIM).split("|")]
    if len(parts) < QR_MIN_FIELDS:
        raise _qr_error("qr.malformed", expected=QR_MIN_FIELDS, actual=len(parts))
    id_number, cmnd, name, born, sex_text, address, issued, *extra = parts
    if not re.fullmatch(r"[0-9]{12}", id_number):
        raise _qr_error("qr.bad_id", index=0, value=id_number)
    if cmnd and not re.fullmatch(r"[0-9]{9}|[0-9]{12}", cmnd):
        raise _qr_error("qr.bad_id", index=1, value=cmnd)
    full_name = clean_line(name)
    if not full_name:
        raise _qr_error("qr.missing_name", index=2)
    birth_date = _qr_date(born, 3, "birth_date", today)
    sex = {"nam": Sex.MALE, "nu": Sex.FEMALE}.get(fold(sex_text))
    if sex is None:
        raise _qr_error("qr.bad_sex", index=4, value=sex_text)
    issue_date = _qr_date(issued, 6, "issue_date", today)
    if issue_date < birth_date:
        raise _qr_error("qr.issued_before_birth", birth_date=birth_date, issue_date=issue_date)
    return CccdQr(
        id_number=id_number,
        legacy_cmnd=cmnd or None,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        address=clean_line(address),
        issue_date=issue_date,
        extra_fields=tuple(extra),
    )


# ---------------------------------------------------------------------------------------------
# Participant lists pasted from a spreadsheet
# ---------------------------------------------------------------------------------------------

_NAME, _ID, _ADDRESS, _PHONE, _SKIP = "name", "id", "address", "phone", "skip"
_DEFAULT_COLUMNS = (_NAME, _ID, _ADDRESS, _PHONE)
# Header cells are recognised on their folded text; first matching rule wins.
_HEADER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (_SKIP, re.compile(r"(so )?(stt|tt)|#|no|so thu tu")),
    (_PHONE, re.compile(r".*(dien thoai|sdt|phone|di dong|lien he).*")),
    (_ID, re.compile(r".*(cccd|cmnd|can cuoc|dinh danh|giay to|ho chieu|passport|\bid\b).*")),
    (_ADDRESS, re.compile(r".*(dia chi|noi o|thuong tru|cu tru|tru quan|address).*")),
    (_NAME, re.compile(r"(ho (va )?ten|ten|name|full name|ho ten nguoi .*)")),
)
_ROW_NUMBER = re.compile(r"[0-9]{1,4}[.)]?")
_PHONE_JUNK = re.compile(r"[\s.\-()]+")
_PHONE_OK = re.compile(r"0[0-9]{9,10}")


@dataclass(frozen=True)
class Participant:
    """One row of a pasted participant list; ``problems`` carry the row's ``line`` number."""

    line: int  # 1-based line in the pasted text
    full_name: str
    id_number: str = ""  # normalised
    id_doc_type: IdDocType = IdDocType.NONE  # guessed from the number's shape
    address: str = ""
    phone: str = ""  # normalised when recognisable, else as typed
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _header_columns(cells: list[str]) -> tuple[str, ...] | None:
    """Column roles if ``cells`` is a header row, else None."""
    if any(len(re.findall(r"[0-9]", c)) >= LEGACY_CMND_LENGTH for c in cells):
        return None  # a row carrying an ID number is data whatever its words say
    roles: list[str] = []
    for cell in cells:
        key = re.sub(r"[^a-z0-9 #]+", " ", fold(cell)).strip()
        key = re.sub(r"\s+", " ", key)
        role = next((r for r, rule in _HEADER_RULES if key and rule.fullmatch(key)), "")
        roles.append(role)
    if not any(roles):
        return None
    # Unrecognised header cells ("Ghi chú") are ignored; a missing name column falls on the
    # first unrecognised one so that "STT | (blank) | CCCD" still finds the names.
    if _NAME not in roles:
        blank = next((i for i, r in enumerate(roles) if not r), None)
        if blank is None:
            return None
        roles[blank] = _NAME
    return tuple(r or _SKIP for r in roles)


def _delimiter(text: str) -> str:
    if "\t" in text:
        return "\t"
    return ";" if ";" in text else ","


def _normalize_phone(raw: str) -> tuple[str, bool]:
    phone = _PHONE_JUNK.sub("", unicodedata.normalize("NFKC", raw))
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif len(phone) == 9 and phone.isdigit() and phone[0] != "0":
        phone = "0" + phone  # a spreadsheet dropped the leading zero
    if _PHONE_OK.fullmatch(phone):
        return phone, True
    return clean_line(raw), False


def _restore_id_zeros(number: str) -> str | None:
    """A 12-digit number whose leading zeros a spreadsheet ate (every province code starts with
    0), or None when padding does not give a known province."""
    if not (_DIGITS.fullmatch(number) and len(number) in (10, 11)) or number[0] == "0":
        return None
    padded = number.rjust(PERSONAL_ID_LENGTH, "0")
    return padded if padded[:3] in PROVINCE_CODES else None


def _participant(line: int, cells: dict[str, str], extra: int) -> Participant:
    problems: list[Problem] = []

    def add(code: str, field: str, /, **params: Any) -> None:
        problems.append(Problem(code, field, {"line": line, **params}))

    name = clean_line(cells.get(_NAME))
    if not name:
        add("participant.name_missing", "full_name")
    elif not any(ch.isalpha() for ch in name):
        add("participant.name_invalid", "full_name", name=name)
    raw_id = cells.get(_ID, "")
    doc_type = guess_doc_type(raw_id)
    number = normalize_id_number(doc_type, raw_id)
    restored = _restore_id_zeros(number)
    if restored is not None:
        number, doc_type = restored, IdDocType.CITIZEN_ID
        add("participant.id_zeros_restored", ID_FIELD, number=number)
    if doc_type is IdDocType.OTHER:
        # Lists carry no paper-type column: text that is neither a number nor a passport may
        # be another paper or a typo, and the clerk should look.
        add("participant.id_unrecognised", ID_FIELD, number=number)
    elif doc_type is not IdDocType.NONE:
        check = check_id_number(doc_type, number)
        number = check.number
        for p in check.problems:
            add(p.code, ID_FIELD, **p.params)
    phone, phone_ok = _normalize_phone(cells.get(_PHONE, ""))
    if phone and not phone_ok:
        add("participant.bad_phone", "phone", phone=phone)
    if extra:
        add("participant.extra_columns", "row", count=extra)
    return Participant(
        line=line,
        full_name=name,
        id_number=number,
        id_doc_type=doc_type,
        address=clean_line(cells.get(_ADDRESS)),
        phone=phone,
        problems=tuple(problems),
    )


def parse_participants(pasted: str) -> list[Participant]:
    """Rows of a list pasted from a spreadsheet or CSV: name, ID number, address, phone.

    Columns after the name are optional. A header row is skipped and, when recognised, decides
    the column order. Blank lines are ignored. Bad rows come back with problems; never raises.
    A number listed twice is reported on its second row (``participant.duplicate_id``).
    """
    text = nfc(pasted).replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns: tuple[str, ...] | None = None
    rows: list[Participant] = []
    seen: dict[str, int] = {}
    next_line = 1
    for record in reader:
        line, next_line = next_line, reader.line_num + 1
        cells = [c.strip() for c in record]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        header = _header_columns(cells)
        if header is not None:
            columns = header
            continue
        mapped, extra = _map_cells(cells, columns, delimiter)
        row = _participant(line, mapped, extra)
        if row.id_number:
            first = seen.setdefault(row.id_number, line)
            if first != line:
                dup = Problem(
                    "participant.duplicate_id", ID_FIELD, {"line": line, "first_line": first}
                )
                row = replace(row, problems=(*row.problems, dup))
        rows.append(row)
    return rows


def _map_cells(
    cells: list[str], columns: tuple[str, ...] | None, delimiter: str
) -> tuple[dict[str, str], int]:
    """Cells by role, and how many non-empty cells had no role."""
    if columns is not None:
        mapped: dict[str, str] = {}
        extra = 0
        for i, cell in enumerate(cells):
            role = columns[i] if i < len(columns) else None
            if role is None:
                extra += bool(cell)
            elif role != _SKIP and cell:
                mapped.setdefault(role, cell)
        return mapped, extra
    if len(cells) > 1 and _ROW_NUMBER.fullmatch(cells[0]):
        cells = cells[1:]  # a leading STT column: a name is never a bare number
    if delimiter == "," and len(cells) >= len(_DEFAULT_COLUMNS):
        # Unquoted commas inside the address ("Thôn 3, xã X"): a letter-free tail cell is the
        # phone (good or bad), everything between the ID and it is the address.
        tail_is_phone = not any(ch.isalpha() for ch in cells[-1])
        end = len(cells) - 1 if tail_is_phone else len(cells)
        address = ", ".join(c for c in cells[2:end] if c)
        cells = [cells[0], cells[1], address, cells[-1] if tail_is_phone else ""]
    mapped = {role: cell for role, cell in zip(_DEFAULT_COLUMNS, cells, strict=False) if cell}
    return mapped, sum(1 for c in cells[len(_DEFAULT_COLUMNS) :] if c)
