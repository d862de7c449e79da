"""Dates, identity and counter-input sanity of a visit draft (issue 12).

Sources: Luật TCD 2013 in force 01/07/2014 (the book starts then); TT 07/2016/TT-BCA Art. 7
(personal number: century digit from 1900; LEGAL.md §10); chip-card QR payload LEGAL.md §10.1.
"""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

import pytest

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import looks_like_qr_payload
from reception_desk.domain.text import visible
from reception_desk.domain.visits import VisitDraft
from reception_desk.domain.visits import check_visit

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
QR = "037085001234|162345678|Nguyễn Văn Đức|12041985|Nam|Thôn Đông, xã Bắc Lý|03052021"


def _draft(**overrides: object) -> VisitDraft:
    values: dict[str, object] = dict(
        received_at=NOW, receiving_staff_id=1, citizen_name="Nguyễn Văn Đức",
        id_doc_type=IdDocType.CITIZEN_ID, id_number="037085001234",
        id_issue_date=date(2021, 5, 3), sex=Sex.MALE, birth_date=date(1985, 4, 12),
        content="Đề nghị cấp giấy chứng nhận.", petition_type=PetitionType.PETITION,
        direction=HandlingDirection.ACCEPT)
    values.update(overrides)
    return VisitDraft(**values)  # type: ignore[arg-type]


def _codes(draft: VisitDraft) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in check_visit(draft, NOW):
        out.setdefault(p.field, []).append(p.code)
    return out


def test_the_sample_is_clean() -> None:
    assert _codes(_draft()) == {}


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        pytest.param({"birth_date": date(2026, 11, 25), "received_at":
                      datetime(2026, 11, 20, 2, 0, tzinfo=UTC)},
                     "birth_date", "citizen.birth_after_visit", id="birth-after-visit"),
        pytest.param({"birth_date": date(1800, 4, 12), "id_number": "037185001234",
                      "sex": Sex.FEMALE}, "birth_date", "citizen.birth_too_old",
                     id="birth-1800"),
        pytest.param({"id_issue_date": date(1980, 1, 1)}, "id_issue_date",
                     "citizen.issue_before_birth", id="issued-before-birth"),
        pytest.param({"id_issue_date": date(1800, 1, 1)}, "id_issue_date",
                     "citizen.issue_too_old", id="issued-1800"),
        # Luật TCD 2013 took effect 01/07/2014: a visit "in 2001" is a typo.
        pytest.param({"received_at": datetime(2001, 3, 5, 2, 0, tzinfo=UTC)},
                     "received_at", "visit.time_too_old", id="visit-2001"),
        # TT 07/2016/TT-BCA Art. 7: digit 4 = 4 → born 2100+, even with no birth date given.
        pytest.param({"id_number": "037485001234", "birth_date": None}, "id_number",
                     "id.century_impossible", id="century-2100-no-birth-date"),
        pytest.param({"id_doc_type": IdDocType.LEGACY_CMND, "id_number": "000000000"},
                     "id_number", "id.all_zeros", id="cmnd-zeros"),
        pytest.param({"citizen_name": "037085001234||Nguyễn Văn Đức|12041985|Nam"},
                     "citizen_name", "text.qr_payload", id="qr-cut-in-name"),
        pytest.param({"address_detail": QR}, "address_detail", "text.qr_payload",
                     id="qr-in-address"),
        pytest.param({"content": QR}, "content", "text.qr_payload", id="qr-in-content"),
        pytest.param({"content": "\u200b\u200c\u200d\ufeff \u2060"}, "content",
                     "visit.content_required", id="zero-width-content-is-empty"),
        pytest.param({"citizen_name": "\u200b\u200e"}, "citizen_name",
                     "citizen.name_required", id="zero-width-name-is-empty"),
    ],
)
def test_bad_dates_and_input_are_refused_at_their_field(overrides: dict[str, object], field: str,
                                                        code: str) -> None:
    assert code in _codes(_draft(**overrides)).get(field, [])


def test_visit_on_the_law_s_first_day_is_fine() -> None:
    day = datetime(2014, 7, 1, 2, 0, tzinfo=UTC)
    assert "received_at" not in _codes(_draft(received_at=day))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (QR, True),
        ("037085001234|162345678|Nguyễn Văn Đức", True),
        ("037085001234|", True),
        ("Nguyễn Văn Đức|12041985", True),
        ("a|b|c|d|e", True),
        ("Khiếu nại | đất đai", False),
        ("Thôn 3 | xã Bắc Lý", False),
        ("Nguyễn Văn Đức", False),
        ("", False),
    ],
)
def test_qr_shape(text: str, expected: bool) -> None:
    assert looks_like_qr_payload(text) is expected


def test_zero_width_and_bidi_marks_are_stripped_from_names() -> None:
    assert clean_line("Nguy\u200bễn\u200e Văn\u202e A\ufeff") == "Nguyễn Văn A"
    assert visible("\u200b \u200f") == ""
