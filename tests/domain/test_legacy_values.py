"""Old logbook cells read as stored values, and a row under the historical rules (issue 15)."""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.legacy_layout import Layout
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_layout import column_index
from reception_desk.domain.legacy_layout import column_letter
from reception_desk.domain.legacy_layout import field_of_heading
from reception_desk.domain.legacy_layout import find_header
from reception_desk.domain.legacy_layout import mapping_from_json
from reception_desk.domain.legacy_layout import mapping_to_json
from reception_desk.domain.legacy_rows import read_row
from reception_desk.domain.legacy_values import PETITION_WORDS
from reception_desk.domain.legacy_values import LegacyValueError
from reception_desk.domain.legacy_values import map_word
from reception_desk.domain.legacy_values import parse_id_number
from reception_desk.domain.legacy_values import parse_legacy_date
from reception_desk.domain.legacy_values import parse_people
from reception_desk.domain.legacy_values import split_name_address

TODAY = date(2026, 12, 4)
F = LegacyField


@pytest.mark.parametrize(("value", "day"), [
    ("05/03/2019", date(2019, 3, 5)),
    ("5/3/19", date(2019, 3, 5)),
    ("5.3.2019", date(2019, 3, 5)),
    ("05-03-98", date(1998, 3, 5)),
    ("ngày 5 tháng 3 năm 2019", date(2019, 3, 5)),
    ("Ngµy 5 th¸ng 3 n¨m 2019".replace("µ", "à").replace("¸", "á").replace("¨", "ă"),
     date(2019, 3, 5)),
    ("2019-03-05", date(2019, 3, 5)),
    (43529, date(2019, 3, 5)),
    (43529.0, date(2019, 3, 5)),
    ("43529", date(2019, 3, 5)),
    (datetime(2019, 3, 5, 8, 30), date(2019, 3, 5)),
    (date(2012, 1, 2), date(2012, 1, 2)),
    (None, None),
    ("  ", None),
])
def test_dates_in_every_way_old_books_wrote_them(value: object, day: date | None) -> None:
    assert parse_legacy_date(value, TODAY) == day


@pytest.mark.parametrize("value", ["31/02/2019", "hôm qua", 12, "5/3"])
def test_an_unreadable_date_is_named(value: object) -> None:
    with pytest.raises(LegacyValueError) as caught:
        parse_legacy_date(value, TODAY)
    assert caught.value.code == "legacy.date_invalid"


@pytest.mark.parametrize("value", [1234567890, "12345", 2.5])
def test_an_id_number_of_no_known_length_is_refused(value: object) -> None:
    # 10 digits is no paper the law knows: refused, never padded.
    with pytest.raises(LegacyValueError):
        parse_id_number(value)


@pytest.mark.parametrize(("value", "expected"), [
    (1234567890.0 * 10 + 1, (IdDocType.CITIZEN_ID, "012345678901")),  # 11 digits: lost its 0
    (12345678901, (IdDocType.CITIZEN_ID, "012345678901")),
    ("001 085 012 345", (IdDocType.CITIZEN_ID, "001085012345")),
    ("001.085.012.345", (IdDocType.CITIZEN_ID, "001085012345")),
    (12345678, (IdDocType.LEGACY_CMND, "012345678")),  # 8 digits: a CMND that lost its 0
    ("171 234 567", (IdDocType.LEGACY_CMND, "171234567")),
    ("B1234567", (IdDocType.PASSPORT, "B1234567")),
    ("123/GCN-CA", (IdDocType.OTHER, "123/GCN-CA")),
    (None, (IdDocType.NONE, "")),
    ("", (IdDocType.NONE, "")),
])
def test_id_numbers_get_their_leading_zero_back(value: object, expected: tuple) -> None:
    assert parse_id_number(value) == expected


@pytest.mark.parametrize(("value", "count"), [
    (3, 3), (3.0, 3), ("3", 3), ("3 người", 3), ("03 ng", 3), ("12 Người.", 12), (None, None),
])
def test_people_counts(value: object, count: int | None) -> None:
    assert parse_people(value) == count


@pytest.mark.parametrize("value", ["ba người", 0, 2.5, "3 hộ"])
def test_a_people_count_that_is_no_number_is_named(value: object) -> None:
    with pytest.raises(LegacyValueError) as caught:
        parse_people(value)
    assert caught.value.code == "legacy.people_invalid"


@pytest.mark.parametrize(("word", "kind"), [
    ("Khiếu nại", PetitionType.COMPLAINT), ("KHIEU NAI", PetitionType.COMPLAINT),
    ("KN", PetitionType.COMPLAINT), ("tố cáo", PetitionType.DENUNCIATION),
    ("Kiến nghị, phản ánh", PetitionType.PETITION), ("KN / PA", PetitionType.PETITION),
    ("Phản ánh", PetitionType.REFLECTION), ("Đơn tố cáo.", PetitionType.DENUNCIATION),
    ("xin việc", None), ("", None),
])
def test_type_words_accent_and_case_insensitive(word: str, kind: PetitionType | None) -> None:
    assert map_word(word, PETITION_WORDS) == kind


def test_name_and_address_in_one_cell() -> None:
    assert split_name_address("Nguyễn Văn A\nThôn 2, xã Hòa") == ("Nguyễn Văn A",
                                                                  "Thôn 2, xã Hòa")
    assert split_name_address("Lê Thị B - thôn Đông") == ("Lê Thị B", "thôn Đông")
    assert split_name_address("Trần C") == ("Trần C", "")


def test_headings_and_mapping_json() -> None:
    assert field_of_heading("Ngày tiếp") is F.DATE
    assert field_of_heading("HỌ TÊN - ĐỊA CHỈ") is F.NAME_ADDRESS
    assert field_of_heading("CCCD/CMND/Hộ chiếu") is F.ID_NUMBER
    assert field_of_heading("Số người cùng nội dung") is F.PEOPLE
    assert field_of_heading("Phân loại đơn/Số người") is F.TYPE_PEOPLE
    assert field_of_heading("Cơ quan, đơn vị thụ lý") is F.TRANSFER
    assert field_of_heading("Ý kiến") is None
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert column_index("AB") == 27
    mapping = {0: F.STT, 27: F.NOTES}
    assert mapping_to_json(mapping) == {"A": "stt", "AB": "notes"}
    assert mapping_from_json(mapping_to_json(mapping)) == mapping
    with pytest.raises(ValueError):
        mapping_from_json({"A": "nonsense"})


TT04_TOP = ["STT", "Ngày tiếp", "Họ tên - Địa chỉ", "CMND/Hộ chiếu của công dân",
            "Nội dung vụ việc", "Phân loại đơn/Số người", "Cơ quan đã giải quyết",
            "Hướng xử lý", "Hướng xử lý", "Hướng xử lý", "Theo dõi kết quả giải quyết",
            "Ghi chú"]
TT04_SUB = [None, None, None, None, None, None, None, "Thụ lý để giải quyết",
            "Trả lại đơn và hướng dẫn", "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
            None, None]


def test_a_two_row_merged_heading_is_understood() -> None:
    rows = [["SỔ TIẾP CÔNG DÂN"] + [None] * 11, [None] * 12, TT04_TOP,
            [TT04_TOP[i] if TT04_SUB[i] is None else TT04_SUB[i] for i in range(12)],
            [f"({i})" for i in range(1, 13)],
            [1, "05/03/2019", "NguyÔn V¨n A\nTh«n 2", 12345678901, "Tranh chÊp ®Êt",
             "KN/2", None, "x", None, None, None, None]]
    header = find_header(rows)
    assert header is not None
    assert (header.first_row, header.data_row, header.layout) == (2, 5, Layout.TT04_2021)
    assert header.mapping[7] is F.ACCEPT and header.mapping[8] is F.GUIDE
    assert header.mapping[9] is F.TRANSFER
    visit = read_row(6, rows[5], header.mapping, TODAY)
    assert visit.problems == []
    assert (visit.citizen_name, visit.address, visit.content) == ("Nguyễn Văn A", "Thôn 2",
                                                                  "Tranh chấp đất")
    assert (visit.id_doc_type, visit.id_number) == (IdDocType.CITIZEN_ID, "012345678901")
    assert (visit.petition_type, visit.people_count) == (PetitionType.COMPLAINT, 2)
    assert visit.direction is HandlingDirection.ACCEPT
    codes = {n.code for n in visit.notes_for_clerk}
    assert {"legacy.converted", "legacy.id_restored"} <= codes


def test_historical_rules_accept_what_the_counter_refuses() -> None:
    # 2009 and a name without accents: refused at the counter (check_visit), kept here.
    mapping = {0: F.DATE, 1: F.NAME, 2: F.CONTENT, 3: F.TYPE}
    visit = read_row(2, ["12/5/2009", "Nguyen Van Binh", "Đất đai", "Tố cáo"], mapping, TODAY)
    assert visit.problems == []
    assert visit.reception_date == date(2009, 5, 12)
    assert visit.direction is HandlingDirection.FILE
    assert {"legacy.name_unaccented", "legacy.direction_filed"} <= {
        n.code for n in visit.notes_for_clerk}


def test_a_bad_row_names_every_problem_and_its_column() -> None:
    mapping = {0: F.DATE, 1: F.NAME, 2: F.CONTENT, 3: F.TYPE, 4: F.ID_NUMBER, 5: F.PEOPLE}
    visit = read_row(9, ["31/02/2019", "", None, "xin việc", "12345", "nhiều"], mapping, TODAY)
    assert [(p.code, p.field) for p in visit.problems] == [
        ("legacy.date_invalid", "A"), ("legacy.name_required", "B"),
        ("legacy.id_invalid", "E"), ("legacy.content_required", "C"),
        ("legacy.type_unmapped", "D"), ("legacy.people_invalid", "F")]
    assert visit.unmapped == [("type", "xin việc")]
    future = read_row(3, ["01/01/2030", "A B", "x", "KN"], mapping, TODAY)
    assert [p.code for p in future.problems] == ["legacy.date_in_future"]
    old = read_row(3, ["01/01/1980", "A B", "x", "KN"], mapping, TODAY)
    assert [p.code for p in old.problems] == ["legacy.date_too_old"]


def test_the_counter_form_stays_as_strict_as_it_was() -> None:
    """The historical rules are a path of their own: the counter's check still refuses a 2009
    visit and asks about a name without diacritics (domain/visits.check_visit)."""
    from datetime import UTC

    from reception_desk.domain.visits import VisitDraft
    from reception_desk.domain.visits import check_visit

    draft = VisitDraft(received_at=datetime(2009, 5, 12, 1, 0, tzinfo=UTC),
                       citizen_name="Trn Th Hng")
    codes = {p.code for p in check_visit(draft, datetime(2026, 12, 4, tzinfo=UTC))}
    assert {"visit.time_too_old", "citizen.name_mangled"} <= codes
    # The same name and day from an old book: kept as written, noted for the clerk.
    row = read_row(3, ["12/5/2009", "Trn Th Hng", "Đất", "KN"],
                   {0: F.DATE, 1: F.NAME, 2: F.CONTENT, 3: F.TYPE}, TODAY)
    assert row.problems == []
    assert "legacy.name_unaccented" in {n.code for n in row.notes_for_clerk}


def test_a_hand_mapped_sheet_starts_after_its_home_made_heading() -> None:
    from reception_desk.domain.legacy_rows import first_data_row

    mapping = {0: F.DATE, 1: F.NAME}
    assert first_data_row([[None, None], ["Hôm", "Ai"], ["1/3/2019", "A"]], mapping, TODAY) == 2
    assert first_data_row([["1/3/2019", "A"]], mapping, TODAY) == 0
    assert first_data_row([[43530, "A"]], mapping, TODAY) == 0
    assert first_data_row([["Tên", "Ai"], ["x", "y"]], {0: F.NAME}, TODAY) == 1
