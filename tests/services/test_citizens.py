"""Citizen registry on SQLite and PostgreSQL: folding search, exact ID, repeats, merge, Ctrl+F."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date
from datetime import timedelta

import pytest
from sqlalchemy import select

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.errors import UserError
from reception_desk.services.citizens.search import query_words
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Visit
from reception_desk.storage.queries.search import fts_match
from tests.conftest import sample_draft

OTHER_CONTENT = "Phản ánh tiếng ồn kéo dài từ xưởng gỗ vào ban đêm ở xóm trên."


def log(desk, **overrides):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(desk, **overrides))
    return visit


def add_case(desk, title, citizen_id=None, stage="accepted"):  # type: ignore[no-untyped-def]
    """A case row as the cases service would leave it (that service is not ours to call)."""
    now = desk.now()
    with desk.db.session() as s:
        seq = len(list(s.scalars(select(CaseFile.id)))) + 1
        case = CaseFile(uid=str(uuid.uuid4()), year=2026, seq=seq, case_type="petition",
                        title=title, title_key=title.lower(), stage=stage,
                        received_on=now.date(), created_at=now, created_by="test",
                        updated_at=now)
        s.add(case)
        s.flush()
        if citizen_id is not None:
            s.add(CaseCitizen(case_id=case.id, citizen_id=citizen_id))
        assert case.id is not None
        # What the service would also write: the number taken and the audit row.
        counters.raise_counter_to(s, "case", 2026, seq)
        repo.add_audit(s, at=now, actor="test", action="create", entity="case",
                       entity_id=case.id)
        return case.id


def names(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.full_name for c in results]


# --- search as you type ------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "nguyen van duc", "NGUYỄN văn đ", "Nguyen Van Duc", "ng v duc", "duc", "đức nguyễn",
    unicodedata.normalize("NFD", "Nguyễn Văn Đức"), "  nguyen   duc ",
])
def test_ascii_nfd_and_partial_queries_find_vietnamese_names(desk, query):
    log(desk)
    log(desk, citizen_name="Trần Thị Mai", id_number="037185004321", sex=Sex.FEMALE)
    assert names(desk.citizens.search(query)) == ["Nguyễn Văn Đức"]


def test_search_matches_id_number_and_phone_prefixes(desk):
    log(desk)
    assert names(desk.citizens.search("037085")) == ["Nguyễn Văn Đức"]
    assert names(desk.citizens.search("0912")) == ["Nguyễn Văn Đức"]
    # Phone typed without the spaces it was stored with.
    assert names(desk.citizens.search("0912345678")) == ["Nguyễn Văn Đức"]
    assert names(desk.citizens.search("duc 0912")) == ["Nguyễn Văn Đức"]
    assert desk.citizens.search("duc 0999") == []


@pytest.mark.parametrize("query", [
    '"', '""', "*", "duc*", "(", ")", "(duc", "-", "-duc", "AND", "duc AND", "OR", "NOT duc",
    "NEAR(duc)", "name_key:duc", "^duc", "+", "%", "_", "\\", "'", "d'uc", ":", "{duc}", "nguyen -",
])
def test_fts_syntax_characters_never_raise(desk, query):
    log(desk)
    result = desk.citizens.search(query)
    assert all(c.full_name == "Nguyễn Văn Đức" for c in result)
    desk.citizens.global_search(query)


def test_empty_query_returns_nothing(desk):
    log(desk)
    assert desk.citizens.search("") == []
    assert desk.citizens.search("  ,.; ") == []


def test_ranking_puts_exact_id_first_then_whole_name(desk):
    log(desk, citizen_name="Nguyễn Văn Đức Anh", id_number="037085009999")
    log(desk, citizen_name="Lê Văn Đức", id_number="037085001111")
    log(desk, citizen_name="Nguyễn Văn Đức", id_number="037085002222")
    assert names(desk.citizens.search("nguyen van duc")) == ["Nguyễn Văn Đức",
                                                             "Nguyễn Văn Đức Anh"]
    found = desk.citizens.search("037085001111")
    assert names(found)[0] == "Lê Văn Đức"


def test_results_carry_visit_count_and_last_visit_and_are_limited(desk, clock):
    first = log(desk)
    log(desk, citizen_id=first.citizen_id)
    [hit] = desk.citizens.search("nguyen van duc")
    assert (hit.visit_count, hit.last_visit) == (2, desk.now().date())
    for i in range(25):
        log(desk, citizen_name=f"Phạm Văn Sơn {chr(65 + i)}", id_number=f"0370850{i:05d}")
    assert len(desk.citizens.search("pham")) == 20
    assert len(desk.citizens.search("pham", limit=5)) == 5


def test_exact_id_lookup_ignores_separators(desk):
    visit = log(desk)
    [hit] = desk.citizens.by_id_number("037 085-001.234")
    assert hit.id == visit.citizen_id
    assert desk.citizens.by_id_number("037085001235") == []


def test_query_words_are_fts_safe():
    assert query_words('Nguyễn "Văn" (Đức)* AND') == ["nguyen", "van", "duc", "and"]
    assert fts_match(["nguyen", "v"]) == '"nguyen"* "v"*'


# --- repeat detection --------------------------------------------------------------------------


def test_repeat_by_id_number_lists_earlier_visits_and_case(desk):
    first = log(desk)
    case_id = add_case(desk, "Cấp GCN thửa 215", citizen_id=first.citizen_id)
    linked = log(desk, citizen_id=first.citizen_id, case_id=case_id,
                 content="Hỏi tiến độ giải quyết hồ sơ đất đai.")
    # A new visit typed from scratch (not picked): same card, name misspelt.
    report = desk.citizens.repeats(sample_draft(desk, citizen_name="Nguyen Van Duc",
                                                content="Hỏi kết quả"))
    assert report.person_visit_count == 2
    assert [v.id for v in report.visits] == [linked.id, first.id]
    assert "id" in report.visits[0].reasons
    assert report.visits[0].case_number == "1/2026"
    assert report.visits[0].case_stage == "accepted"
    assert report.suggested_case_id == case_id
    assert [c.id for c in report.cases] == [case_id]
    assert report.cases[0].visit_count == 1
    assert desk.citizens.case_visit_counts([case_id]) == {case_id: 1}


def test_repeat_by_folded_name_and_commune(desk):
    first = log(desk, id_doc_type=IdDocType.NONE, id_number="", sex=None)
    report = desk.citizens.repeats(sample_draft(
        desk, citizen_name="NGUYEN VAN DUC", id_doc_type=IdDocType.NONE, id_number="",
        content="Việc khác hẳn", sex=None))
    assert [v.id for v in report.visits] == [first.id]
    assert report.visits[0].reasons == {"name"}
    # Another commune: not the same person.
    other = desk.citizens.repeats(sample_draft(
        desk, citizen_name="Nguyễn Văn Đức", id_doc_type=IdDocType.NONE, id_number="",
        ward_code=None, content="Việc khác hẳn", sex=None))
    assert other.empty


def test_same_name_with_a_different_card_is_another_person(desk):
    log(desk)
    report = desk.citizens.repeats(sample_draft(desk, id_number="037085009876",
                                                content="Việc khác hẳn"))
    assert report.empty


def test_repeat_by_similar_content_from_the_same_hamlet(desk):
    first = log(desk, citizen_name="Hoàng Thị Lan", id_number="037185000001", sex=Sex.FEMALE,
                content="Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa số 512.")
    log(desk, citizen_name="Vũ Văn Nam", id_number="037085000002",
        address_detail="Xóm Mới, số 3",
        content="Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa số 99.")
    log(desk, citizen_name="Đỗ Văn Hải", id_number="037085000003", content=OTHER_CONTENT)
    report = desk.citizens.repeats(sample_draft(desk))  # "Đề nghị xem xét việc cấp giấy …"
    assert [v.id for v in report.visits] == [first.id]
    assert report.visits[0].reasons == {"content"}
    assert report.visits[0].similarity >= 0.5
    assert report.person_visit_count == 0


def test_voided_and_edited_visits_are_left_out(desk):
    first = log(desk)
    desk.void_visit(first.id, "Nhập nhầm")
    assert desk.citizens.repeats(sample_draft(desk)).empty
    second = log(desk)
    assert desk.citizens.repeats(sample_draft(desk), exclude_visit_id=second.id).empty


# --- merge --------------------------------------------------------------------------------------


def test_merge_keeps_every_visit_moves_cases_and_is_audited(desk):
    a1 = log(desk)
    a2 = log(desk, citizen_id=a1.citizen_id)
    b1 = log(desk, citizen_name="Nguyễn Văn Đức", id_doc_type=IdDocType.NONE, id_number="",
             sex=None, phone="", address_detail="Thôn Đông")
    b2 = log(desk, citizen_id=b1.citizen_id, citizen_name="Nguyễn Văn Đức",
             id_doc_type=IdDocType.NONE, id_number="", sex=None, phone="")
    case_id = add_case(desk, "Đất thửa 215", citizen_id=b1.citizen_id)
    with desk.db.read() as s:
        total = len(list(s.scalars(select(Visit.id))))

    result, changes = desk.citizens.merge(a1.citizen_id, b1.citizen_id)
    assert set(result.moved_visits) == {b1.id, b2.id}
    assert result.moved_cases == (case_id,)
    assert result.survivor.visit_count == 4
    assert {b1.id, b2.id} <= changes.visits
    with desk.db.read() as s:
        assert len(list(s.scalars(select(Visit.id)))) == total  # nothing deleted
        owners = set(s.scalars(select(Visit.citizen_id)))
        assert owners == {a1.citizen_id}
        merged = s.get(Citizen, b1.citizen_id)
        assert merged is not None and merged.merged_into_id == a1.citizen_id
        assert merged.full_name == "Nguyễn Văn Đức"  # kept, not wiped
        links = list(s.scalars(select(CaseCitizen.citizen_id)))
        assert links == [a1.citizen_id]
        audits = {a.action: (a.entity_id, a.before, a.after)
                  for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "citizen"))}
    assert audits["merge"][0] == str(a1.citizen_id)
    assert sorted(audits["merge"][2]["moved_visits"]) == sorted([b1.id, b2.id])
    assert audits["merged_into"][0] == str(b1.citizen_id)
    assert audits["merged_into"][1]["merged_into_id"] is None
    assert audits["merged_into"][2]["merged_into_id"] == a1.citizen_id
    # The logbook lines still show what was presented at the counter.
    assert desk.visit(b1.id).id_number == ""
    assert desk.visit(a2.id).citizen_id == a1.citizen_id
    # Search shows the survivor only; a stale id leads to it.
    assert [c.id for c in desk.citizens.search("nguyen van duc")] == [a1.citizen_id]
    assert desk.citizens.get(b1.citizen_id).id == a1.citizen_id
    assert len(desk.citizens.visits(a1.citizen_id)) == 4


def test_merge_fills_blank_fields_of_the_survivor(desk):
    a = log(desk, id_doc_type=IdDocType.NONE, id_number="", sex=None, phone="")
    b = log(desk, citizen_name="Nguyễn Văn Đức", phone="0987 654 321")
    result, _ = desk.citizens.merge(a.citizen_id, b.citizen_id)
    assert result.survivor.id_number == "037085001234"
    assert result.survivor.phone == "0987 654 321"
    assert {"id_number", "phone"} <= set(result.filled_fields)


def test_merge_refusals(desk):
    a = log(desk)
    b = log(desk, citizen_name="Trần Văn Bình", id_number="037085004444")
    c = log(desk, citizen_name="Trần Văn Bình", id_doc_type=IdDocType.NONE, id_number="",
            sex=None)
    for args, code in [((a.citizen_id, a.citizen_id), "citizen.merge_same"),
                       ((a.citizen_id, 9999), "citizen.not_found"),
                       ((a.citizen_id, b.citizen_id), "citizen.merge_conflicting_ids")]:
        with pytest.raises(UserError) as err:
            desk.citizens.merge(*args)
        assert err.value.code == code
    desk.citizens.merge(b.citizen_id, c.citizen_id)
    with pytest.raises(UserError) as err:
        desk.citizens.merge(a.citizen_id, c.citizen_id)
    assert err.value.code == "citizen.already_merged"


def test_visit_saved_on_a_merged_record_goes_to_the_survivor(desk):
    a = log(desk)
    b = log(desk, citizen_name="Nguyễn Văn Đức", id_doc_type=IdDocType.NONE, id_number="",
            sex=None)
    desk.citizens.merge(a.citizen_id, b.citizen_id)
    later = log(desk, citizen_id=b.citizen_id, id_doc_type=IdDocType.NONE, id_number="",
                sex=None)
    assert later.citizen_id == a.citizen_id


# --- global search ------------------------------------------------------------------------------


def test_global_search_groups_citizens_visits_and_cases(desk):
    v = log(desk)
    log(desk, citizen_name="Lê Thị Hoa", id_number="037185007777", sex=Sex.FEMALE,
        content=OTHER_CONTENT)
    case_id = add_case(desk, "cap giay chung nhan thua 215")
    found = desk.citizens.global_search("giấy chứng nhận")
    assert found.citizens == ()
    assert [h.id for h in found.visits] == [v.id]
    assert [c.id for c in found.cases] == [case_id]
    assert names(desk.citizens.global_search("hoa").citizens) == ["Lê Thị Hoa"]
    assert desk.citizens.global_search("").empty


def test_global_search_limits_each_group(desk):
    for i in range(6):
        log(desk, citizen_name=f"Bùi Văn {chr(65 + i)}", id_number=f"0370850{i:05d}",
            received_at=desk.now() - timedelta(minutes=30 - i))
    found = desk.citizens.global_search("bui", per_group=3)
    assert len(found.citizens) == 3 and len(found.visits) == 3
    assert found.visits[0].reception_date == date(2026, 11, 27)
