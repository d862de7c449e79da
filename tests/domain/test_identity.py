"""Identity numbers (LEGAL.md §10), CCCD QR payloads, who is the same person."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.domain.identity import PROVINCE_CODES
from reception_desk.domain.identity import CccdQr
from reception_desk.domain.identity import IdOverrideRequired
from reception_desk.domain.identity import check_id_number
from reception_desk.domain.identity import guess_doc_type
from reception_desk.domain.identity import is_vietnamese_passport
from reception_desk.domain.identity import looks_like_cccd_qr
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.identity import parse_cccd_qr
from reception_desk.domain.identity import parse_participants
from reception_desk.domain.identity import require_valid_id
from reception_desk.errors import UserError

CID = IdDocType.CITIZEN_ID
M, F = Sex.MALE, Sex.FEMALE


def codes(problems: Any) -> list[str]:
    return [p.code for p in problems]


# --- province table (TT 07/2016/TT-BCA Phụ lục 1) ---------------------------------------------


def test_province_table_has_the_63_codes() -> None:
    assert len(PROVINCE_CODES) == 63
    assert all(len(c) == 3 and c.isdigit() and c[0] == "0" for c in PROVINCE_CODES)
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["079"] == "TP Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert "003" not in PROVINCE_CODES
    assert all(unicodedata.is_normalized("NFC", n) for n in PROVINCE_CODES.values())


# --- 12-digit personal ID number: the table ---------------------------------------------------

# (number, sex, birth year, expected hard codes, expected soft codes)
ID_TABLE: list[tuple[str, Sex | None, int | None, list[str], list[str]]] = [
    # valid: digit 4 = 0/1 in the 1900s, 2/3 in the 2000s (LEGAL.md §10)
    ("001090012345", M, 1990, [], []),
    ("079185000123", F, 1985, [], []),
    ("038203001234", M, 2003, [], []),
    ("001305000001", F, 2005, [], []),
    ("096199999999", F, 1999, [], []),
    ("001090012345", None, None, [], []),  # nothing known: structure only
    # wrong length / not digits: hard
    ("00109001234", M, 1990, ["id.wrong_length"], []),
    ("0010900123456", M, 1990, ["id.wrong_length"], []),
    ("001O90012345", M, 1990, ["id.not_digits"], []),  # letter O for zero
    ("ABCDEFGHIJKL", None, None, ["id.not_digits"], []),
    ("", None, None, ["id.empty"], []),
    (" . - ", None, None, ["id.empty"], []),
    # structural mismatches: soft
    ("003090012345", M, 1990, [], ["id.unknown_province"]),
    ("097090012345", M, 1990, [], ["id.unknown_province"]),
    ("001290012345", M, 1990, [], ["id.century_mismatch"]),  # 2000s digit, born 1990
    ("001003001234", M, 2003, [], ["id.century_mismatch"]),  # 1900s digit, born 2003
    ("001190012345", M, 1990, [], ["id.sex_mismatch"]),  # female digit, male citizen
    ("001090012345", F, 1990, [], ["id.sex_mismatch"]),
    ("001303001234", M, 2003, [], ["id.sex_mismatch"]),
    ("001091012345", M, 1990, [], ["id.birth_year_mismatch"]),
    (
        "001390012345",
        M,
        1991,
        [],
        ["id.century_mismatch", "id.birth_year_mismatch", "id.sex_mismatch"],
    ),
    ("000090012345", F, 1990, [], ["id.unknown_province", "id.sex_mismatch"]),
]


@pytest.mark.parametrize(("number", "sex", "year", "hard", "soft"), ID_TABLE)
@pytest.mark.parametrize("doc_type", [IdDocType.CITIZEN_ID, IdDocType.ID_CERTIFICATE])
def test_personal_id_table(
    doc_type: IdDocType,
    number: str,
    sex: Sex | None,
    year: int | None,
    hard: list[str],
    soft: list[str],
) -> None:
    check = check_id_number(doc_type, number, sex=sex, birth_year=year)
    assert codes(check.hard_problems) == hard
    assert codes(check.soft_problems) == soft
    assert check.acceptable is (not hard)
    assert check.ok is (not hard and not soft)
    assert not check.is_legacy
    assert all(p.field == "id_number" for p in check.problems)


def test_decoded_fields() -> None:
    check = check_id_number(CID, "079185000123")
    assert check.province_code == "079"
    assert check.province_name == "TP Hồ Chí Minh"
    assert check.century == 1900
    assert check.sex is F
    assert check.birth_year_digits == 85
    assert check.birth_year == 1985
    assert not check.born_abroad


@pytest.mark.parametrize(
    ("digit", "century", "sex"),
    [
        (0, 1900, M),
        (1, 1900, F),
        (2, 2000, M),
        (3, 2000, F),
        (4, 2100, M),
        (5, 2100, F),
        (6, 2200, M),
        (7, 2200, F),
        (8, 2300, M),
        (9, 2300, F),
    ],
)
def test_century_sex_digit(digit: int, century: int, sex: Sex) -> None:
    """TT 07/2016/TT-BCA Art. 7 (LEGAL.md §10): digit 4 = century + sex. Births from 2100 do not
    exist yet: such a number is refused (issue 12), with or without a birth date."""
    check = check_id_number(CID, f"001{digit}45000001")
    assert (check.century, check.sex, check.birth_year) == (century, sex, century + 45)
    with_birth = check_id_number(CID, f"001{digit}45000001", sex=sex, birth_year=century + 45)
    if century < 2100:
        assert with_birth.ok
    else:
        assert [p.code for p in check.hard_problems] == ["id.century_impossible"]
        assert [p.code for p in with_birth.hard_problems] == ["id.century_impossible"]


@pytest.mark.parametrize(
    ("doc_type", "number"),
    [
        pytest.param(IdDocType.LEGACY_CMND, "000000000", id="cmnd-9-zeros"),
        pytest.param(IdDocType.LEGACY_CMND, "000000000000", id="cmnd-12-zeros"),
        pytest.param(CID, "000000000000", id="cccd-12-zeros"),
    ],
)
def test_all_zero_number_is_refused(doc_type: IdDocType, number: str) -> None:
    """A placeholder of zeros is no paper's number (issue 12): a hard problem."""
    assert [p.code for p in check_id_number(doc_type, number).hard_problems] == ["id.all_zeros"]


def test_birth_date_is_used_like_birth_year() -> None:
    born = date(1990, 5, 17)
    assert check_id_number(CID, "001090012345", sex=M, birth_date=born).ok
    check = check_id_number(CID, "001091012345", birth_date=born)
    assert codes(check.soft_problems) == ["id.birth_year_mismatch"]


def test_birth_date_and_year_must_agree() -> None:
    with pytest.raises(ValueError):
        check_id_number(CID, "001090012345", birth_date=date(1990, 1, 1), birth_year=1991)


def test_problem_params() -> None:
    (wrong,) = check_id_number(CID, "12345").hard_problems
    assert wrong.params == {"expected": 12, "actual": 5}
    (letter,) = check_id_number(CID, "0010x0012345").hard_problems
    assert letter.params == {"char": "x"}
    check = check_id_number(CID, "003290012345", sex=F, birth_year=1991)
    by_code = {p.code: p.params for p in check.soft_problems}
    assert by_code == {
        "id.unknown_province": {"province": "003"},
        "id.century_mismatch": {"digit": 2, "century": 2000, "birth_year": 1991},
        "id.birth_year_mismatch": {"digits": "90", "birth_year": 1991},
        "id.sex_mismatch": {"digit": 2, "sex": "female", "encoded": "male"},
    }


@pytest.mark.parametrize(
    "typed",
    [
        "001 090 012 345",
        "001.090.012.345",
        "001-090-012-345",
        "001–090–012–345",  # en dash from a word processor
        " 001090012345\n",
        "００１０９００１２３４５",  # full-width digits (some IMEs)
        "００１ ０９０ ０１２ ３４５",  # full-width digits and ideographic spaces
        "001\u00a0090\u00a0012\u00a0345",  # no-break spaces
    ],
)
def test_separators_and_full_width_digits(typed: str) -> None:
    check = check_id_number(CID, typed, sex=M, birth_year=1990)
    assert check.number == "001090012345"
    assert check.ok


def test_other_script_digits_are_not_accepted() -> None:
    # Arabic-Indic digits survive NFKC; str.isdigit() would wrongly accept them.
    check = check_id_number(CID, "٠٠١٠٩٠٠١٢٣٤٥")
    assert codes(check.hard_problems) == ["id.not_digits"]


def test_country_codes_are_extensible() -> None:
    unknown = check_id_number(CID, "900090012345")
    assert codes(unknown.soft_problems) == ["id.unknown_province"]
    abroad = check_id_number(CID, "900090012345", country_codes={"900": "Country X"})
    assert abroad.ok
    assert abroad.born_abroad
    assert abroad.province_name == "Country X"


# --- legacy CMND, passports, other papers, none -----------------------------------------------


def test_legacy_nine_digit_cmnd() -> None:
    check = check_id_number(IdDocType.LEGACY_CMND, "012 345 678")
    assert check.ok
    assert check.is_legacy
    assert check.number == "012345678"
    assert check.province_code is None


def test_legacy_twelve_digit_cmnd_is_a_personal_number() -> None:
    check = check_id_number(IdDocType.LEGACY_CMND, "001090012345", sex=F, birth_year=1990)
    assert not check.is_legacy
    assert codes(check.soft_problems) == ["id.sex_mismatch"]


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("12345678", "id.wrong_length_cmnd"),
        ("1234567890", "id.wrong_length_cmnd"),
        ("12345678A", "id.not_digits"),
    ],
)
def test_legacy_cmnd_hard_problems(number: str, code: str) -> None:
    assert codes(check_id_number(IdDocType.LEGACY_CMND, number).hard_problems) == [code]


def test_nine_digits_on_a_citizen_id_is_wrong_length() -> None:
    (problem,) = check_id_number(CID, "012345678").hard_problems
    assert (problem.code, problem.params) == ("id.wrong_length", {"expected": 12, "actual": 9})


@pytest.mark.parametrize(
    ("typed", "stored", "vietnamese"),
    [
        ("C1234567", "C1234567", True),
        ("c1234567", "C1234567", True),
        ("B 123 4567", "B1234567", True),
        ("K0123456", "K0123456", True),
        ("X12345", "X12345", False),  # foreign
        ("533380006", "533380006", False),  # foreign, all digits
        ("AB1234567890CD", "AB1234567890CD", False),
        ("A" * 20, "A" * 20, False),
    ],
)
def test_passport_accepted(typed: str, stored: str, vietnamese: bool) -> None:
    check = check_id_number(IdDocType.PASSPORT, typed)
    assert check.ok
    assert check.number == stored
    assert is_vietnamese_passport(typed) is vietnamese


@pytest.mark.parametrize("typed", ["C123", "A" * 21, "C1234567/", "Đ1234567"])
def test_passport_bad_format(typed: str) -> None:
    (problem,) = check_id_number(IdDocType.PASSPORT, typed).hard_problems
    assert problem.code == "passport.bad_format"
    assert problem.params["min"] == 5 and problem.params["max"] == 20


def test_other_paper() -> None:
    check = check_id_number(IdDocType.OTHER, "  123/GCN-CA  ")
    assert check.ok and check.number == "123/GCN-CA"
    assert codes(check_id_number(IdDocType.OTHER, "   ").hard_problems) == ["id.empty"]
    assert check_id_number(IdDocType.OTHER, "x" * 30).ok
    (long,) = check_id_number(IdDocType.OTHER, "x" * 31).hard_problems
    assert (long.code, long.params) == ("id.too_long", {"max": 30, "actual": 31})


def test_no_document() -> None:
    assert check_id_number(IdDocType.NONE, "").ok
    assert check_id_number(IdDocType.NONE, None).ok
    assert codes(check_id_number(IdDocType.NONE, "0010").hard_problems) == [
        "id.number_without_document"
    ]


@pytest.mark.parametrize(
    ("number", "guess"),
    [
        ("", IdDocType.NONE),
        ("001090012345", CID),
        ("012345678", IdDocType.LEGACY_CMND),
        ("C1234567", IdDocType.PASSPORT),
        ("123/GCN", IdDocType.OTHER),
        ("12345", CID),
    ],
)
def test_guess_doc_type(number: str, guess: IdDocType) -> None:
    assert guess_doc_type(number) is guess


def test_normalize_id_number() -> None:
    assert normalize_id_number(CID, None) == ""
    assert normalize_id_number(IdDocType.PASSPORT, "ｃ１２３４５６７") == "C1234567"


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    # Births from 2100 are refused (digit 4 ≥ 4, issue 12): well-formed numbers end at 2099.
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(Sex),
    tail=st.integers(0, 999_999),
)
def test_a_well_formed_number_always_passes(province: str, born: date, sex: Sex, tail: int) -> None:
    digit = (born.year - 1900) // 100 * 2 + (sex is F)
    number = f"{province}{digit}{born.year % 100:02d}{tail:06d}"
    check = check_id_number(CID, number, sex=sex, birth_date=born)
    assert check.ok
    assert (check.birth_year, check.sex) == (born.year, sex)


@given(st.text(max_size=40), st.sampled_from(IdDocType))
def test_check_never_raises(text: str, doc_type: IdDocType) -> None:
    check = check_id_number(doc_type, text)
    assert check.number == normalize_id_number(doc_type, text)


# --- require_valid_id: hard never overridable, soft with a written reason ---------------------


def test_require_valid_id_passes_clean_number() -> None:
    assert require_valid_id(CID, "001090012345", sex=M, birth_year=1990).number == "001090012345"


def test_require_valid_id_hard_problem_ignores_override() -> None:
    with pytest.raises(UserError) as info:
        require_valid_id(CID, "00109001234", override_reason="card says so")
    assert info.value.code == "id.wrong_length"
    assert info.value.field == "id_number"
    assert info.value.params == {"expected": 12, "actual": 11}
    assert not isinstance(info.value, IdOverrideRequired)


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_require_valid_id_soft_problem_needs_reason(reason: str | None) -> None:
    with pytest.raises(IdOverrideRequired) as info:
        require_valid_id(CID, "003190012345", sex=M, birth_year=1990, override_reason=reason)
    assert isinstance(info.value, UserError)
    assert info.value.code == "id.unknown_province"
    assert info.value.params == {"province": "003"}
    assert codes(info.value.problems) == ["id.unknown_province", "id.sex_mismatch"]


def test_require_valid_id_soft_problem_overridden() -> None:
    check = require_valid_id(
        CID, "003190012345", sex=M, birth_year=1990, override_reason="Số in trên thẻ"
    )
    assert codes(check.soft_problems) == ["id.unknown_province", "id.sex_mismatch"]


# --- CCCD QR payload ---------------------------------------------------------------------------

TODAY = date(2026, 11, 20)
QR = "001090012345|012345678|Nguyễn Văn An|17051990|Nam|Thôn 3, Xã Yên Phú, Hà Nội|10082021"


def test_parse_qr() -> None:
    assert parse_cccd_qr(QR, today=TODAY) == CccdQr(
        id_number="001090012345",
        legacy_cmnd="012345678",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 17),
        sex=M,
        address="Thôn 3, Xã Yên Phú, Hà Nội",
        issue_date=date(2021, 8, 10),
    )


def test_parse_qr_nfd_name_and_sex_without_old_cmnd() -> None:
    text = unicodedata.normalize(
        "NFD", "079185000123||Trần  Thị Hằng|01011985|Nữ|Q.1, TP HCM|01072024"
    )
    qr = parse_cccd_qr(text, today=TODAY)
    assert qr.full_name == "Trần Thị Hằng"
    assert unicodedata.is_normalized("NFC", qr.full_name)
    assert unicodedata.is_normalized("NFC", qr.address)
    assert qr.sex is F
    assert qr.legacy_cmnd is None


@pytest.mark.parametrize("sex_text", ["Nam", "NAM", "nam", " Nam "])
def test_parse_qr_sex_spellings_male(sex_text: str) -> None:
    assert parse_cccd_qr(QR.replace("|Nam|", f"|{sex_text}|"), today=TODAY).sex is M


@pytest.mark.parametrize("sex_text", ["Nữ", "NỮ", unicodedata.normalize("NFD", "Nữ")])
def test_parse_qr_sex_spellings_female(sex_text: str) -> None:
    assert parse_cccd_qr(QR.replace("|Nam|", f"|{sex_text}|"), today=TODAY).sex is F


@pytest.mark.parametrize("suffix", ["\n", "\r\n", "\r", "  \r\n"])
def test_parse_qr_trailing_newline(suffix: str) -> None:
    assert parse_cccd_qr(QR + suffix, today=TODAY).issue_date == date(2021, 8, 10)
    assert looks_like_cccd_qr(QR + suffix)


def test_parse_qr_extra_fields_are_kept() -> None:
    qr = parse_cccd_qr(QR + "|Nguyễn Văn B|Lê Thị C|\r\n", today=TODAY)
    assert qr.issue_date == date(2021, 8, 10)
    assert qr.extra_fields == ("Nguyễn Văn B", "Lê Thị C", "")


def test_parse_qr_issue_date_today_is_fine() -> None:
    assert parse_cccd_qr(QR.replace("10082021", "20112026"), today=TODAY).issue_date == TODAY


def qr_error(text: str) -> UserError:
    with pytest.raises(UserError) as info:
        parse_cccd_qr(text, today=TODAY)
    assert info.value.field == "qr"
    return info.value


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("", "qr.malformed", {"expected": 7, "actual": 1}),
        (
            "001090012345|012345678|Nguyễn Văn An|17051990|Nam|Hà Nội",
            "qr.malformed",
            {"expected": 7, "actual": 6},
        ),
        (
            QR.replace("17051990", "31022000"),
            "qr.bad_date",
            {"index": 3, "part": "birth_date", "value": "31022000"},
        ),
        (
            QR.replace("17051990", "1705199"),
            "qr.bad_date",
            {"index": 3, "part": "birth_date", "value": "1705199"},
        ),
        (
            QR.replace("17051990", ""),
            "qr.bad_date",
            {"index": 3, "part": "birth_date", "value": ""},
        ),
        (
            QR.replace("10082021", "10132021"),
            "qr.bad_date",
            {"index": 6, "part": "issue_date", "value": "10132021"},
        ),
        (
            QR.replace("10082021", "21112026"),
            "qr.future_date",
            {"index": 6, "part": "issue_date", "value": date(2026, 11, 21)},
        ),
        (
            QR.replace("17051990", "01012030"),
            "qr.future_date",
            {"index": 3, "part": "birth_date", "value": date(2030, 1, 1)},
        ),
        (
            QR.replace("001090012345", "00109001234"),
            "qr.bad_id",
            {"index": 0, "value": "00109001234"},
        ),
        (
            QR.replace("001090012345", "00109001234X"),
            "qr.bad_id",
            {"index": 0, "value": "00109001234X"},
        ),
        (QR.replace("012345678", "0123"), "qr.bad_id", {"index": 1, "value": "0123"}),
        (QR.replace("Nguyễn Văn An", "  "), "qr.missing_name", {"index": 2}),
        (QR.replace("|Nam|", "|Male|"), "qr.bad_sex", {"index": 4, "value": "Male"}),
        (QR.replace("|Nam|", "||"), "qr.bad_sex", {"index": 4, "value": ""}),
        (
            QR.replace("10082021", "01011980"),
            "qr.issued_before_birth",
            {"birth_date": date(1990, 5, 17), "issue_date": date(1980, 1, 1)},
        ),
    ],
)
def test_parse_qr_errors(text: str, code: str, params: dict[str, Any]) -> None:
    error = qr_error(text)
    assert (error.code, error.params) == (code, params)


def test_parse_qr_accepts_slashed_dates() -> None:
    assert parse_cccd_qr(QR.replace("17051990", "17/05/1990"), today=TODAY).birth_date == date(
        1990, 5, 17
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (QR, True),
        (QR + "\r\n", True),
        ("\ufeff" + QR, True),
        ("001090012345||||||", True),
        ("001090012345|||||", False),  # five bars only
        ("00109001234|a|b|c|d|e|f", False),  # eleven digits
        ("Nguyễn Văn An", False),
        ("001090012345", False),
        ("", False),
        (None, False),
    ],
)
def test_looks_like_cccd_qr(text: str | None, expected: bool) -> None:
    assert looks_like_cccd_qr(text) is expected


@given(st.text(max_size=120))
def test_parse_qr_raises_only_user_errors(text: str) -> None:
    with contextlib.suppress(UserError):
        parse_cccd_qr(text, today=TODAY)


# --- participants pasted from a spreadsheet ---------------------------------------------------


def test_participants_tab_separated_with_header() -> None:
    rows = parse_participants(
        "Họ tên\tSố CCCD\tĐịa chỉ\tSố điện thoại\r\n"
        "Nguyễn Văn An\t001090012345\tThôn 3, xã Yên Phú\t0912 345 678\r\n"
        "\r\n"
        "Trần Thị Bình\t079185000123\r\n"
    )
    assert [(r.line, r.full_name, r.id_number, r.address, r.phone) for r in rows] == [
        (2, "Nguyễn Văn An", "001090012345", "Thôn 3, xã Yên Phú", "0912345678"),
        (4, "Trần Thị Bình", "079185000123", "", ""),
    ]
    assert all(r.ok for r in rows)
    assert rows[0].id_doc_type is CID


def test_participants_header_decides_column_order() -> None:
    rows = parse_participants(
        "STT\tSĐT\tHọ và tên\tGhi chú\tCCCD/CMND\n"
        "1\t0912345678\tLê Văn Cường\tđại diện\t012345678\n"
    )
    (row,) = rows
    assert (row.full_name, row.phone, row.id_number, row.id_doc_type) == (
        "Lê Văn Cường",
        "0912345678",
        "012345678",
        IdDocType.LEGACY_CMND,
    )
    assert row.ok


def test_participants_semicolon_csv_name_only_and_nfc() -> None:
    text = unicodedata.normalize("NFD", "Phạm Thị Dung;001305000001;Hà Nội\nHoàng Văn Em\n")
    rows = parse_participants(text)
    assert [r.full_name for r in rows] == ["Phạm Thị Dung", "Hoàng Văn Em"]
    assert all(unicodedata.is_normalized("NFC", r.full_name + r.address) for r in rows)
    assert rows[1].id_doc_type is IdDocType.NONE and rows[1].ok


def test_participants_comma_csv_quoted_and_unquoted_address() -> None:
    rows = parse_participants(
        'Nguyễn Văn An,001090012345,"Thôn 3, xã Yên Phú",0912345678\n'
        "Trần Thị Bình,079185000123,Thôn 4, xã Yên Phú, Hà Nội,+84 987 654 321\n"
        "Lê Văn Cường,038203001234,Thôn 5, xã Yên Phú\n"
        "Phạm Văn Dũng,001090012346,Thôn 6, xã Yên Phú,12345\n"
    )
    assert [(r.address, r.phone) for r in rows] == [
        ("Thôn 3, xã Yên Phú", "0912345678"),
        ("Thôn 4, xã Yên Phú, Hà Nội", "0987654321"),
        ("Thôn 5, xã Yên Phú", ""),
        ("Thôn 6, xã Yên Phú", "12345"),
    ]
    assert [codes(r.problems) for r in rows] == [[], [], [], ["participant.bad_phone"]]


def test_participants_bad_row_reported_with_its_line() -> None:
    rows = parse_participants(
        "Họ tên\tCCCD\tĐịa chỉ\tĐiện thoại\n"
        "Nguyễn Văn An\t001090012345\n"
        "Trần Thị Bình\t07918500012\n"  # eleven digits
        "\t001305000001\n"  # no name
        "Lê Văn Cường\t12ab\n"
        "Phạm Văn Dũng\t001090012345\n"  # same number as line 2
        "Hoàng Thị Em\t\t\t12345\n"
        "1234\t\n"  # a number where the name should be
        "Vũ Văn Giang\t001090012345\tHà Nội\t0912345678\tthừa\n"
    )
    assert [r.line for r in rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    found = [(p.params["line"], p.code) for r in rows for p in r.problems]
    assert found == [
        (3, "id.wrong_length"),
        (4, "participant.name_missing"),
        (5, "participant.id_unrecognised"),
        (6, "participant.duplicate_id"),
        (7, "participant.bad_phone"),
        (8, "participant.name_invalid"),
        (9, "participant.extra_columns"),
        (9, "participant.duplicate_id"),
    ]
    assert rows[0].ok
    assert rows[1].problems[0].params == {"line": 3, "expected": 12, "actual": 11}
    assert rows[4].problems[0].params == {"line": 6, "first_line": 2}


def test_participants_row_numbers_and_extra_columns_without_header() -> None:
    rows = parse_participants("1\tNguyễn Văn An\t001090012345\tHà Nội\t0912345678\tx\n")
    (row,) = rows
    assert row.full_name == "Nguyễn Văn An"
    assert codes(row.problems) == ["participant.extra_columns"]
    assert row.problems[0].params == {"line": 1, "count": 1}


def test_participants_leading_zeros_restored() -> None:
    # A spreadsheet shows 001090012345 as the number 1090012345.
    (row,) = parse_participants("Nguyễn Văn An\t1090012345\t\t912345678\n")
    assert row.id_number == "001090012345"
    assert row.phone == "0912345678"
    assert codes(row.problems) == ["participant.id_zeros_restored"]


def test_participants_multi_line_cell_keeps_line_numbers() -> None:
    rows = parse_participants('Nguyễn Văn An\t001090012345\t"Thôn 3\nxã Yên Phú"\nTrần Thị Bình\n')
    assert [(r.line, r.full_name, r.address) for r in rows] == [
        (1, "Nguyễn Văn An", "Thôn 3 xã Yên Phú"),
        (3, "Trần Thị Bình", ""),
    ]


def test_participants_blank_input() -> None:
    assert parse_participants("") == []
    assert parse_participants("\n \n\t\t\n") == []
    assert parse_participants("\n;;\n ; \n") == []
    assert parse_participants("Họ tên\tCCCD\n") == []


@given(st.text(max_size=300))
def test_participants_never_raise(text: str) -> None:
    for row in parse_participants(text):
        assert row.line >= 1
        assert all(p.params["line"] == row.line for p in row.problems)
