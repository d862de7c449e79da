"""Case use cases on SQLite and PostgreSQL: open (from a visit / standalone), events through the
state machine, deadline caches, links, lists by status, calendar and rule overrides, audit.

Fixed clock: Friday 27 Nov 2026, 09:30 in Vietnam (tests/conftest.py). Tuesday 24 Nov 2026 is a
statutory day off (Ngày Văn hóa Việt Nam, holidays.VN): the hand-worked dates below skip it.
"""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from sqlalchemy import select

from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.cases import CaseRuleError
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseSort
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import NewCase
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import CaseFile
from tests.conftest import sample_draft

D = date
TODAY = D(2026, 11, 27)  # Friday


def _standalone(desk, received_on: date, case_type=CaseType.COMPLAINT_FIRST, **kw):
    cmd = NewCase(case_type=case_type, title=kw.pop("title", "Khiếu nại quyết định thu hồi đất"),
                  received_on=received_on, **kw)
    detail, _ = desk.cases.open_case(cmd)
    return detail


def _event(desk, case, kind, **kw):
    detail, _ = desk.cases.record_event(EventDraft(case_id=case.id, kind=kind, **kw))
    return detail


def test_open_case_from_visit_links_visit_and_complainant(desk):
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.COMPLAINT))
    detail, changes = desk.cases.open_from_visit(visit.id)
    assert (detail.year, detail.seq) == (2026, 1)
    assert detail.case_type is CaseType.COMPLAINT_FIRST
    assert detail.stage is CaseStage.RECEIVED
    assert [c.full_name for c in detail.complainants] == ["Nguyễn Văn Đức"]
    assert [v.id for v in detail.visits] == [visit.id]
    assert detail.title.startswith("Đề nghị xem xét việc cấp giấy chứng nhận")
    assert detail.level is HandlingLevel.COMMUNE
    # Received Fri 27 Nov 2026 (after 1 Jul 2026): NĐ 155/2026 → 7 working days → Tue 8 Dec.
    assert detail.deadline is not None
    assert detail.deadline.kind is DeadlineKind.COMPLAINT_ACCEPTANCE
    assert (detail.deadline.due, detail.deadline.unit) == (D(2026, 12, 8), PeriodUnit.WORKING_DAYS)
    assert detail.deadline.status is DueStatus.ON_TIME
    assert desk.visit(visit.id).case_id == detail.id
    assert visit.id in changes.visits and detail.id in changes.cases
    with pytest.raises(UserError) as err:
        desk.cases.open_from_visit(visit.id)
    assert err.value.code == "case.visit_already_linked"


def test_case_numbers_are_gapless_per_year(desk):
    with pytest.raises(UserError):
        desk.cases.open_case(NewCase(case_type=CaseType.PETITION, title=""))
    first = _standalone(desk, D(2026, 11, 2))
    last_year = _standalone(desk, D(2025, 12, 30))
    second = _standalone(desk, D(2026, 11, 3))
    assert [(c.year, c.seq) for c in (first, last_year, second)] == [(2026, 1), (2025, 1),
                                                                      (2026, 2)]


def test_complaint_moves_through_levels_with_documents_and_audit(desk):
    case = _standalone(desk, D(2026, 11, 2), complaint_object=ComplaintObject.ADMINISTRATIVE_ACT)
    detail = _event(desk, case, EventKind.ACCEPT, document_number="Số: 5/tb - ubnd",
                    document_date=D(2026, 11, 5))
    assert detail.stage is CaseStage.ACCEPTED
    assert detail.events[-1].document_number == "05/TB-UBND"
    # Luật KN Art. 28: 30 days from thụ lý Thu 5 Nov → Sat 5 Dec → Mon 7 Dec.
    assert detail.deadline.kind is DeadlineKind.COMPLAINT_1
    assert detail.deadline.due == D(2026, 12, 7)
    assert EventKind.DIALOGUE in detail.allowed_events
    detail = _event(desk, case, EventKind.VERIFY)
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.DECIDE)
    assert (err.value.code, err.value.field) == ("case.document_required", "document_number")
    detail = _event(desk, case, EventKind.DECIDE, document_number="12/QĐ-UBND",
                    document_date=TODAY)
    assert detail.stage is CaseStage.DECIDED and detail.deadline is None
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.ACCEPT)
    assert err.value.code == "case.event_not_allowed"
    detail = _event(desk, case, EventKind.CLOSE)
    assert detail.stage is CaseStage.CLOSED and detail.closed_on == TODAY
    assert [e.kind for e in detail.events] == [EventKind.RECEIVE, EventKind.ACCEPT,
                                               EventKind.VERIFY, EventKind.DECIDE,
                                               EventKind.CLOSE]
    assert all(e.actor == "Trần Thị Thu" for e in detail.events)
    with desk.db.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "case", AuditEntry.entity_id == str(case.id))
            .order_by(AuditEntry.id))]
        row = s.get(CaseFile, case.id)
        assert (row.stage, row.due_on, row.version) == ("closed", None, 5)
    assert actions == ["create", "event:accept", "event:verify", "event:decide", "event:close"]


def test_transfer_to_province_records_where_the_case_is(desk):
    case = _standalone(desk, D(2026, 11, 20), case_type=CaseType.DENUNCIATION,
                       title="Tố cáo Chủ tịch UBND xã")
    with pytest.raises(UserError) as err:
        _event(desk, case, EventKind.TRANSFER, level=HandlingLevel.PROVINCE)
    assert err.value.code == "case.body_required"
    with pytest.raises(UserError) as err:
        _event(desk, case, EventKind.TRANSFER, level=HandlingLevel.PROVINCE, body="UBND tỉnh",
               document_number="Số PC UBND")
    assert err.value.code == "numbering.unreadable"
    detail = _event(desk, case, EventKind.TRANSFER, level=HandlingLevel.PROVINCE,
                    body="Thanh tra tỉnh Ninh Bình", document_number="Số: 12/PC-UBND",
                    document_date=D(2026, 11, 24))
    assert detail.stage is CaseStage.TRANSFERRED
    assert (detail.level, detail.competent_body) == (HandlingLevel.PROVINCE,
                                                     "Thanh tra tỉnh Ninh Bình")
    assert detail.events[-1].document_number == "12/PC-UBND"
    assert detail.allowed_events == (EventKind.CLOSE, EventKind.FILE)
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.TRANSFER, level=HandlingLevel.DISTRICT, body="Huyện")
    assert err.value.code == "case.event_not_allowed"


def test_district_level_refused_after_july_2025(desk):
    case = _standalone(desk, D(2026, 11, 20), case_type=CaseType.PETITION, title="Kiến nghị")
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.TRANSFER, level=HandlingLevel.DISTRICT, body="UBND huyện")
    assert err.value.code == "case.district_level_abolished"


def test_denunciation_extensions_need_complexity(desk):
    case = _standalone(desk, D(2026, 10, 1), case_type=CaseType.DENUNCIATION,
                       title="Tố cáo cán bộ địa chính")
    _event(desk, case, EventKind.ACCEPT, document_date=D(2026, 10, 5))
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.EXTEND, document_number="01/QĐ-UBND",
               document_date=D(2026, 11, 2))
    assert err.value.code == "case.extension_needs_complex"
    detail, _ = desk.cases.set_complexity(case.id, {ComplexityCriterion.MULTIPLE_PLACES,
                                                    ComplexityCriterion.MANY_PEOPLE},
                                          document_date=D(2026, 10, 20))
    assert detail.criteria == {ComplexityCriterion.MULTIPLE_PLACES,
                               ComplexityCriterion.MANY_PEOPLE}
    # Luật TC Art. 30: 30 days from Mon 5 Oct → Wed 4 Nov; +30 → Fri 4 Dec.
    assert detail.deadline.due == D(2026, 11, 4)
    detail = _event(desk, case, EventKind.EXTEND, document_number="01/QĐ-UBND",
                    document_date=D(2026, 11, 2))
    assert (detail.extensions, detail.deadline.due) == (1, D(2026, 12, 4))
    assert detail.deadline.status is DueStatus.ON_TIME


def test_suspension_stops_the_clock(desk):
    case = _standalone(desk, D(2026, 10, 20))
    _event(desk, case, EventKind.ACCEPT, document_date=D(2026, 10, 26))
    detail = _event(desk, case, EventKind.SUSPEND, document_number="03/QĐ-UBND",
                    document_date=D(2026, 11, 2))
    assert detail.stage is CaseStage.SUSPENDED
    assert detail.deadline.due is None and detail.deadline.paused_remaining == 24
    assert detail.allowed_events == (EventKind.RESUME, EventKind.WITHDRAW)
    rows = desk.cases.page(CaseQuery(), 0, 10)
    assert rows[0].status is None and rows[0].paused
    detail = _event(desk, case, EventKind.RESUME, document_number="04/QĐ-UBND",
                    document_date=D(2026, 11, 16))
    # NĐ 155/2026 (Art. 28b(2)): 6 days ran (27 Oct–1 Nov), 24 remain from Mon 16 Nov → Thu 10 Dec.
    assert detail.stage is CaseStage.ACCEPTED and detail.deadline.due == D(2026, 12, 10)


def test_links_second_complaint_and_repeat_denunciation(desk):
    first = _standalone(desk, D(2026, 9, 1))
    second = _standalone(desk, D(2026, 11, 2), case_type=CaseType.COMPLAINT_SECOND,
                         previous_case_id=first.id, link_kind=LinkKind.SECOND_COMPLAINT)
    assert second.previous.id == first.id and second.link_kind is LinkKind.SECOND_COMPLAINT
    assert [c.id for c in desk.cases.case(first.id).next_cases] == [second.id]
    original = _standalone(desk, D(2026, 8, 3), case_type=CaseType.DENUNCIATION, title="Tố cáo")
    repeat = _standalone(desk, D(2026, 11, 2), case_type=CaseType.DENUNCIATION, title="Tố cáo tiếp")
    with pytest.raises(UserError) as err:
        desk.cases.link(repeat.id, first.id, LinkKind.REPEAT_DENUNCIATION)
    assert err.value.code == "case.link_type_mismatch"
    with pytest.raises(UserError) as err:
        desk.cases.link(repeat.id, original.id, LinkKind.SECOND_COMPLAINT)
    assert err.value.code == "case.link_kind_invalid"
    detail, changes = desk.cases.link(repeat.id, original.id, LinkKind.REPEAT_DENUNCIATION)
    assert detail.previous.number == original.number and changes.cases == {repeat.id,
                                                                            original.id}
    with pytest.raises(UserError) as err:
        desk.cases.link(original.id, repeat.id, LinkKind.REPEAT_DENUNCIATION)
    assert err.value.code == "case.link_cycle"


def _citizen(desk, name: str, id_number: str) -> int:
    visit, _ = desk.log_visit(sample_draft(desk, citizen_name=name, id_number=id_number))
    return visit.citizen_id


def test_add_and_remove_complainants_audited_last_one_kept(desk):
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.COMPLAINT))
    case, _ = desk.cases.open_from_visit(visit.id)
    first = case.complainants[0].citizen_id
    wife = _citizen(desk, "Trần Thị Hoà", "037085004321")
    lawyer = _citizen(desk, "Lê Văn Ất", "037085009999")
    detail, changes = desk.cases.add_complainant(case.id, wife)
    assert [(c.full_name, c.role) for c in detail.complainants] == [
        ("Nguyễn Văn Đức", "complainant"), ("Trần Thị Hoà", "complainant")]
    assert changes.cases == {case.id} and changes.citizens == {wife}
    assert detail.version == case.version + 1
    detail, _ = desk.cases.add_complainant(case.id, lawyer, ComplainantRole.REPRESENTATIVE)
    assert {c.full_name: c.role for c in detail.complainants}["Lê Văn Ất"] == "representative"
    # The list and its search follow the new complainants.
    row = desk.cases.case_row(case.id)
    assert (row.complainant, row.complainant_count) == ("Lê Văn Ất", 3)
    assert [r.id for r in desk.cases.page(CaseQuery(text="hoa"), 0, 9)] == [case.id]
    with pytest.raises(UserError) as err:
        desk.cases.add_complainant(case.id, wife, ComplainantRole.REPRESENTATIVE)
    assert (err.value.code, err.value.params["name"]) == ("case.complainant_duplicate",
                                                         "Trần Thị Hoà")
    with pytest.raises(UserError) as err:
        desk.cases.add_complainant(case.id, 99999)
    assert err.value.code == "case.citizen_not_found"
    with pytest.raises(UserError) as err:
        desk.cases.add_complainant(case.id, wife, "chairman")  # type: ignore[arg-type]
    assert err.value.code == "case.complainant_role_invalid"
    with pytest.raises(UserError) as err:
        desk.cases.add_complainant(99999, wife)
    assert err.value.code == "case.not_found"

    detail, changes = desk.cases.remove_complainant(case.id, first)
    assert [c.full_name for c in detail.complainants] == ["Lê Văn Ất", "Trần Thị Hoà"]
    # The representative alone is no complainant: the last complainant stays.
    with pytest.raises(UserError) as err:
        desk.cases.remove_complainant(case.id, wife)
    assert err.value.code == "case.last_complainant"
    detail, _ = desk.cases.remove_complainant(case.id, lawyer)
    with pytest.raises(UserError) as err:
        desk.cases.remove_complainant(case.id, wife)
    assert err.value.code == "case.last_complainant"
    with pytest.raises(UserError) as err:
        desk.cases.remove_complainant(case.id, lawyer)
    assert err.value.code == "case.complainant_not_linked"
    assert [c.full_name for c in desk.cases.case(case.id).complainants] == ["Trần Thị Hoà"]
    with desk.db.read() as s:
        audit = [(a.action, a.before, a.after) for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "case", AuditEntry.entity_id == str(case.id),
            AuditEntry.action.in_(["add_complainant", "remove_complainant"]))
            .order_by(AuditEntry.id))]
    assert [(a, (b or {}).get("citizen_id"), (c or {}).get("role")) for a, b, c in audit] == [
        ("add_complainant", None, "complainant"), ("add_complainant", None, "representative"),
        ("remove_complainant", first, None), ("remove_complainant", lawyer, None)]
    assert audit[2][1] == {"citizen_id": first, "name": "Nguyễn Văn Đức",
                           "role": "complainant"}


def test_a_standalone_case_without_complainants_takes_its_first(desk):
    case = _standalone(desk, D(2026, 11, 20))
    assert case.complainants == ()
    citizen = _citizen(desk, "Phạm Thị Ủy", "037085001111")
    with pytest.raises(UserError) as err:
        desk.cases.remove_complainant(case.id, citizen)
    assert err.value.code == "case.complainant_not_linked"
    detail, _ = desk.cases.add_complainant(case.id, citizen)
    assert [c.full_name for c in detail.complainants] == ["Phạm Thị Ủy"]


def test_remote_flag_lengthens_complaint_resolution(desk):
    case = _standalone(desk, D(2026, 11, 2))
    _event(desk, case, EventKind.ACCEPT, document_date=D(2026, 11, 5))
    detail, _ = desk.cases.set_remote(case.id, True)
    # Luật KN Art. 28: remote 45 days from Thu 5 Nov → Sun 20 Dec → Mon 21 Dec.
    assert detail.remote and detail.deadline.due == D(2026, 12, 21)
    assert desk.cases.page(CaseQuery(), 0, 5)[0].due_on == D(2026, 12, 21)


def test_lists_by_status_due_this_week_and_overdue(desk):
    # Acceptance, NĐ 155/2026: 7 working days (24 Nov off).
    overdue = _standalone(desk, D(2026, 11, 10), title="Quá hạn")  # 11…13,16…19 → Thu 19 Nov
    soon = _standalone(desk, D(2026, 11, 20), title="Sắp đến hạn")  # 23,25,26,27,30,1,2 → Wed 2 Dec
    this_week = _standalone(desk, D(2026, 11, 17), title="Hạn hôm nay")  # 18,19,20,23,25,26,27
    later = _standalone(desk, D(2026, 11, 27), title="Còn hạn")  # 30,1,2,3,4,7,8 → Tue 8 Dec
    done = _standalone(desk, D(2026, 11, 2), title="Đã trả đơn")
    _event(desk, done, EventKind.RETURN_GUIDE)
    rows = desk.cases.page(CaseQuery(), 0, 50)
    assert [r.id for r in rows] == [overdue.id, this_week.id, soon.id, later.id]
    status = {r.id: (r.status, r.working_days_left, r.calendar_days_left) for r in rows}
    assert status[overdue.id] == (DueStatus.OVERDUE, -5, -8)  # 20,23,25,26,27
    assert status[this_week.id] == (DueStatus.DUE_SOON, 0, 0)
    assert status[soon.id] == (DueStatus.DUE_SOON, 3, 5)
    assert status[later.id] == (DueStatus.ON_TIME, 7, 11)
    assert desk.cases.count(CaseQuery(filter=CaseFilter.OPEN)) == 4
    assert [r.id for r in desk.cases.page(CaseQuery(filter=CaseFilter.OVERDUE), 0, 9)] == [
        overdue.id]
    assert [r.id for r in desk.cases.page(CaseQuery(filter=CaseFilter.DUE_THIS_WEEK), 0, 9)] == [
        this_week.id]
    assert [r.id for r in desk.cases.page(CaseQuery(filter=CaseFilter.CLOSED), 0, 9)] == [done.id]
    assert desk.cases.count(CaseQuery(filter=CaseFilter.ALL)) == 5
    counts = desk.cases.status_counts()
    assert (counts.overdue, counts.due_soon, counts.on_time, counts.paused) == (1, 2, 1, 0)
    bulk = {s.id: (s.status, s.working_days_left) for s in desk.cases.open_statuses()}
    assert bulk == {r.id: (r.status, r.working_days_left) for r in rows}
    by_number = desk.cases.page(CaseQuery(sort=CaseSort.NUMBER, descending=True), 0, 9)
    assert [r.seq for r in by_number] == [4, 3, 2, 1]


def test_a_case_suspended_after_its_deadline_counts_once_as_overdue(desk):
    """A suspension after the period ran out stops no clock (domain period_end): the case stays
    overdue, only stopped clocks count as paused, so the counts add up to the open cases."""
    late = _standalone(desk, D(2026, 8, 3), title="Tạm đình chỉ khi đã quá hạn")
    _event(desk, late, EventKind.ACCEPT, document_number="01/TB-UBND",
           document_date=D(2026, 8, 5))  # Luật KN Art. 28: 30 days → early September
    _event(desk, late, EventKind.SUSPEND, document_number="02/QĐ-UBND",
           document_date=D(2026, 10, 20))
    in_time = _standalone(desk, D(2026, 11, 2), title="Tạm đình chỉ trong hạn")
    _event(desk, in_time, EventKind.ACCEPT, document_number="03/TB-UBND",
           document_date=D(2026, 11, 3))
    _event(desk, in_time, EventKind.SUSPEND, document_number="04/QĐ-UBND",
           document_date=D(2026, 11, 10))
    counts = desk.cases.status_counts()
    assert (counts.overdue, counts.paused) == (1, 1)
    assert counts.total == len(desk.cases.open_statuses()) == 2


def test_search_by_title_complainant_and_number(desk):
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.COMPLAINT))
    from_visit, _ = desk.cases.open_from_visit(visit.id, title="Tranh chấp ranh giới đất")
    other = _standalone(desk, D(2026, 11, 20), title="Ô nhiễm tiếng ồn xưởng gỗ")
    assert [r.id for r in desk.cases.page(CaseQuery(text="ranh gioi"), 0, 9)] == [from_visit.id]
    assert [r.id for r in desk.cases.page(CaseQuery(text="duc"), 0, 9)] == [from_visit.id]
    assert [r.id for r in desk.cases.page(CaseQuery(text="2/2026"), 0, 9)] == [other.id]
    row = desk.cases.page(CaseQuery(text="đức"), 0, 9)[0]
    assert (row.complainant, row.complainant_count) == ("Nguyễn Văn Đức", 1)


def test_calendar_override_recomputes_open_cases_and_is_audited(desk):
    case = _standalone(desk, D(2026, 11, 23))  # 7 working days: 25,26,27,30,1,2,3 → Thu 3 Dec
    assert case.deadline.due == D(2026, 12, 3)
    _dto, report, changes = desk.cases.set_override(D(2026, 11, 30), OverrideKind.DAY_OFF,
                                                    "Nghỉ bù theo thông báo của tỉnh")
    assert (report.cases, report.changed) == (1, 1) and case.id in changes.cases
    assert desk.cases.case(case.id).deadline.due == D(2026, 12, 4)
    assert desk.cases.page(CaseQuery(), 0, 1)[0].due_on == D(2026, 12, 4)
    assert [o.day for o in desk.cases.overrides(2026)] == [D(2026, 11, 30)]
    desk.cases.remove_override(D(2026, 11, 30))
    assert desk.cases.case(case.id).deadline.due == D(2026, 12, 3)
    with pytest.raises(UserError) as err:
        desk.cases.remove_override(D(2026, 11, 30))
    assert err.value.code == "calendar.override_not_found"
    with desk.db.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "calendar_override"))]
    assert actions == ["create", "delete"]


def test_rule_overrides_only_for_unverified_rules(desk):
    views = {(v.kind, v.valid_from): v for v in desk.cases.rule_views()}
    primary = views[(DeadlineKind.COMPLAINT_1, D(2012, 7, 1))]
    assert not primary.editable and primary.basis == "Luật KN 2011 Art. 28"
    with pytest.raises(UserError) as err:
        desk.cases.save_rule(RuleEdit(DeadlineKind.COMPLAINT_1, D(2012, 7, 1), 20,
                                      PeriodUnit.CALENDAR_DAYS, note="thử"))
    assert err.value.code == "deadline.rule_not_editable"
    case = _standalone(desk, D(2026, 11, 23))  # acceptance, NĐ 155/2026 [T]: due Thu 3 Dec
    edit = RuleEdit(DeadlineKind.COMPLAINT_ACCEPTANCE, D(2026, 7, 1), 10,
                    PeriodUnit.WORKING_DAYS, note="Theo văn bản hướng dẫn của tỉnh")
    with pytest.raises(UserError) as err:
        desk.cases.save_rule(RuleEdit(edit.kind, edit.valid_from, 0, edit.unit, note="x"))
    assert err.value.code == "deadline.rule_length_invalid"
    view, report, _ = desk.cases.save_rule(edit)
    assert view.overridden and view.days == 10 and report.changed == 1
    assert desk.cases.case(case.id).deadline.due == D(2026, 12, 8)  # 10 working days
    assert desk.cases.deadline(DeadlineKind.COMPLAINT_ACCEPTANCE, D(2026, 11, 23)).days == 10
    desk.cases.reset_rule(edit.kind, edit.valid_from)
    assert desk.cases.case(case.id).deadline.due == D(2026, 12, 3)
    with desk.db.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "deadline_rule"))]
    assert actions == ["create", "delete"]


def test_stale_version_is_refused(desk):
    case = _standalone(desk, D(2026, 11, 2))
    _event(desk, case, EventKind.ACCEPT)
    with pytest.raises(UserError) as err:
        desk.cases.record_event(EventDraft(case.id, EventKind.VERIFY,
                                           expected_version=case.version))
    assert err.value.code == "case.changed_elsewhere"


def test_bad_inputs(desk):
    with pytest.raises(UserError) as err:
        desk.cases.open_case(NewCase(title="Không loại"))
    assert err.value.code == "case.type_required"
    with pytest.raises(UserError) as err:
        _standalone(desk, TODAY + timedelta(days=1))
    assert err.value.code == "case.received_in_future"
    with pytest.raises(CaseRuleError) as err:
        _standalone(desk, TODAY, case_type=CaseType.PETITION,
                    complaint_object=ComplaintObject.ADMINISTRATIVE_ACT)
    assert err.value.code == "case.complaint_object_only_for_complaints"
    with pytest.raises(UserError) as err:
        desk.cases.case(9999)
    assert err.value.code == "case.not_found"
    case = _standalone(desk, D(2026, 11, 2), case_type=CaseType.PETITION, title="Kiến nghị")
    with pytest.raises(CaseRuleError) as err:
        _event(desk, case, EventKind.SUSPEND, document_number="1/QĐ-UBND",
               document_date=D(2026, 11, 3))
    assert err.value.code == "case.event_not_allowed"
    with pytest.raises(UserError) as err:
        _event(desk, case, EventKind.ACCEPT, document_date=TODAY + timedelta(days=3))
    assert err.value.code == "case.document_in_future"
