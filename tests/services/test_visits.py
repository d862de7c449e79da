"""Visit use cases on SQLite and PostgreSQL: save, STT, NFC, validation, audit, void."""

from __future__ import annotations

import unicodedata
from datetime import date
from datetime import timedelta

import pytest
from sqlalchemy import select

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import VisitKind
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Visit
from tests.conftest import sample_draft


def _codes(exc: ValidationFailed) -> dict[str | None, str]:
    return {p.field: p.code for p in exc.problems}


def test_log_visit_assigns_gapless_stt_and_appears_in_today_logbook(desk):
    first, changes = desk.log_visit(sample_draft(desk))
    second, _ = desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa", id_number="",
                                            id_doc_type=IdDocType.NONE, sex=None))
    assert (first.year, first.seq, second.seq) == (2026, 1, 2)
    assert first.id in changes.visits
    today = desk.now().date()
    rows = desk.visit_page(VisitQuery(date_from=today, date_to=today), 0, 50)
    assert [r.seq for r in rows] == [1, 2]
    assert first.documents[0].name == "Đơn kiến nghị"
    assert first.address.endswith("tỉnh Ninh Bình")


def test_failed_save_leaves_no_gap(desk):
    with pytest.raises(ValidationFailed):
        desk.log_visit(sample_draft(desk, content=""))
    visit, _ = desk.log_visit(sample_draft(desk))
    assert visit.seq == 1


def test_stt_restarts_each_year(desk, clock):
    desk.log_visit(sample_draft(desk))
    clock.moment = clock.moment.replace(year=2027, month=1, day=4)
    visit, _ = desk.log_visit(sample_draft(desk))
    assert (visit.year, visit.seq) == (2027, 1)


def test_nfd_input_is_stored_nfc_and_found_without_accents(desk):
    nfd_name = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    visit, _ = desk.log_visit(sample_draft(desk, citizen_name=nfd_name,
                                           content=unicodedata.normalize("NFD", "Khiếu nại")))
    assert visit.citizen_name == unicodedata.normalize("NFC", "Phạm Thị Ngọc Ánh")
    assert unicodedata.is_normalized("NFC", visit.content)
    rows = desk.visit_page(VisitQuery(text="pham thi ngoc anh"), 0, 10)
    assert [r.id for r in rows] == [visit.id]
    assert [r.id for r in desk.visit_page(VisitQuery(text="PHẠM ánh"), 0, 10)] == [visit.id]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"citizen_name": "  "}, "citizen_name", "citizen.name_required"),
        ({"citizen_name": "12345"}, "citizen_name", "citizen.name_invalid"),
        ({"citizen_name": "A" * 201}, "citizen_name", "text.too_long"),
        ({"content": ""}, "content", "visit.content_required"),
        ({"content": "x" * 20_001}, "content", "text.too_long"),
        ({"petition_type": None}, "petition_type", "visit.type_required"),
        ({"direction": None}, "direction", "visit.direction_required"),
        ({"direction": HandlingDirection.TRANSFER, "target_body": ""}, "target_body",
         "visit.target_required"),
        ({"kind": VisitKind.PERIODIC, "presiding_leader_id": None}, "presiding_leader_id",
         "visit.leader_required"),
        ({"receiving_staff_id": None}, "receiving_staff_id", "visit.staff_required"),
        ({"people_count": 0}, "people_count", "visit.people_invalid"),
        ({"phone": "abc"}, "phone", "citizen.phone_invalid"),
        ({"id_number": "03708500123"}, "id_number", "id.wrong_length"),
        ({"id_number": "03708500123A"}, "id_number", "id.not_digits"),
        ({"id_number": "003085001234"}, "id_number", "id.unknown_province"),
        ({"birth_date": date(2030, 1, 1)}, "birth_date", "citizen.birth_in_future"),
        ({"field_code": "no.such"}, "field_code", "visit.field_unknown"),
        # Issue 17: the staff and field names are read in one statement; each missing one counts.
        ({"receiving_staff_id": 9999}, "receiving_staff_id", "visit.staff_unknown"),
        ({"kind": VisitKind.PERIODIC, "presiding_leader_id": 9999}, "presiding_leader_id",
         "visit.leader_unknown"),
    ],
)
def test_each_validation_problem_is_reported_at_its_field(sqlite_desk, overrides, field, code):
    with pytest.raises(ValidationFailed) as info:
        sqlite_desk.log_visit(sample_draft(sqlite_desk, **overrides))
    assert _codes(info.value).get(field) == code


def test_future_time_is_refused(sqlite_desk):
    draft = sample_draft(sqlite_desk, received_at=sqlite_desk.now() + timedelta(hours=2))
    with pytest.raises(ValidationFailed) as info:
        sqlite_desk.log_visit(draft)
    assert _codes(info.value)["received_at"] == "visit.time_in_future"


def test_structural_id_mismatch_can_be_overridden_with_a_reason(sqlite_desk):
    draft = sample_draft(sqlite_desk, birth_date=date(1990, 1, 1))  # number says 1985
    with pytest.raises(ValidationFailed) as info:
        sqlite_desk.log_visit(draft)
    problem = info.value.problems[0]
    assert problem.code == "id.birth_year_mismatch" and problem.params["overridable"]
    draft.id_override_reason = "Thẻ căn cước công dân xuất trình tại quầy"
    visit, _ = sqlite_desk.log_visit(draft)
    assert visit.id_number == "037085001234"


def test_edit_is_audited_with_before_and_after(desk):
    visit, _ = desk.log_visit(sample_draft(desk))
    draft = visit.to_draft()
    draft.content = "Nội dung đã sửa"
    edited, _ = desk.update_visit(visit.id, draft, visit.version)
    assert edited.version == visit.version + 1 and edited.seq == visit.seq
    with desk.db.read() as s:
        entries = [(e.action, e.before, e.after, e.actor) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "visit").order_by(AuditEntry.id))]
    assert [e[0] for e in entries] == ["create", "update"]
    assert entries[1][1:] == ({"content": visit.content}, {"content": "Nội dung đã sửa"},
                              "Trần Thị Thu")


def test_stale_edit_is_refused(sqlite_desk):
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    sqlite_desk.update_visit(visit.id, visit.to_draft(), visit.version)
    with pytest.raises(UserError) as info:
        sqlite_desk.update_visit(visit.id, visit.to_draft(), visit.version)
    assert info.value.code == "visit.changed_elsewhere"


# --- identity continuity (issue 9): a picked citizen is never written over by another person ---


@pytest.mark.parametrize(("overrides", "field"), [
    ({"citizen_name": "Nguyễn Văn Đông"}, "citizen_name"),
    ({"id_number": "037085009999"}, "id_number"),
    ({"id_doc_type": IdDocType.PASSPORT, "id_number": "C1234567"}, "id_number"),
])
def test_a_visit_naming_a_picked_citizen_with_another_identity_is_refused(desk, overrides,
                                                                           field):
    first, _ = desk.log_visit(sample_draft(desk))
    with pytest.raises(ValidationFailed) as info:
        desk.log_visit(sample_draft(desk, citizen_id=first.citizen_id, **overrides))
    [problem] = info.value.problems
    assert (problem.code, problem.field) == ("citizen.not_same_person", field)
    assert problem.params["name"] == "Nguyễn Văn Đức"
    record = desk.citizens.get(first.citizen_id)
    assert (record.full_name, record.id_number) == ("Nguyễn Văn Đức", "037085001234")
    assert desk.count_visits(VisitQuery()) == 1


def test_the_same_person_may_correct_spelling_contact_and_add_a_missing_number(desk):
    first, _ = desk.log_visit(sample_draft(desk, id_doc_type=IdDocType.NONE, id_number=""))
    again, _ = desk.log_visit(sample_draft(desk, citizen_id=first.citizen_id,
                                           citizen_name="NGUYEN  VAN DUC", phone="0987 654 321"))
    assert again.citizen_id == first.citizen_id
    record = desk.citizens.get(first.citizen_id)
    assert (record.id_number, record.phone) == ("037085001234", "0987 654 321")


def test_an_old_visit_keeps_the_identity_it_was_written_with_when_edited(desk):
    old, _ = desk.log_visit(sample_draft(desk, id_doc_type=IdDocType.NONE, id_number=""))
    desk.log_visit(sample_draft(desk, citizen_id=old.citizen_id))  # the record gains a number
    # Opened as the form opens it (read now): ``old`` still holds the record's first version,
    # and saving from it would undo the number, so it is refused (citizen.changed_elsewhere).
    with pytest.raises(UserError) as stale:
        desk.update_visit(old.id, old.to_draft(), old.version)
    assert stale.value.code == "citizen.changed_elsewhere"
    draft = desk.visit(old.id).to_draft()
    draft.content = "Nội dung đã sửa"
    edited, _ = desk.update_visit(old.id, draft, old.version)
    assert (edited.citizen_id, edited.content) == (old.citizen_id, "Nội dung đã sửa")
    draft.citizen_name = "Trần Văn Khác"
    with pytest.raises(ValidationFailed) as info:
        desk.update_visit(old.id, draft, edited.version)
    assert _codes(info.value) == {"citizen_name": "citizen.not_same_person"}


def test_void_keeps_the_visit_visible_and_needs_a_reason(desk):
    visit, _ = desk.log_visit(sample_draft(desk))
    with pytest.raises(UserError) as info:
        desk.void_visit(visit.id, "  ")
    assert info.value.code == "visit.void_reason_required"
    voided, _ = desk.void_visit(visit.id, "Ghi nhầm người")
    assert voided.voided and voided.void_reason == "Ghi nhầm người"
    with desk.db.read() as s:
        assert s.get(Visit, visit.id) is not None
    assert desk.count_visits(VisitQuery()) == 1
    assert desk.count_visits(VisitQuery(include_voided=False)) == 0
    with pytest.raises(UserError):
        desk.update_visit(visit.id, visit.to_draft(), voided.version)


def test_two_counters_saving_at_once_get_distinct_numbers(desk, clock):
    """Two clerks' PCs on one database: every save succeeds and STTs stay gapless."""
    import threading

    errors: list[Exception] = []
    seqs: list[int] = []

    def clerk(n: int) -> None:
        from reception_desk.services.desk import Desk
        from reception_desk.storage.database import open_database

        mine = Desk(open_database(desk.db.url), clock)
        mine.act_as(desk.staff()[0])
        try:
            for i in range(6):
                visit, _ = mine.log_visit(sample_draft(mine, citizen_name=f"Người {n} {i}"))
                seqs.append(visit.seq)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            mine.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(seqs) == list(range(1, 19))
