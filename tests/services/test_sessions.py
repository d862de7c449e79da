"""The head's reception sessions through ``desk.sessions`` (issue 14): plan, publish, hold, cancel,
the automatic visit link, conclusion instructions tracked like directives, the chair's duty, and
the printed notices read back with pdftotext. The clock: Fri 27/11/2026 09:30 (Vietnam)."""

from __future__ import annotations

import subprocess
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest

from reception_desk.domain.classification import VisitKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.sessions import DutyState
from reception_desk.domain.sessions import DutyUnit
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import PublicityWarning
from reception_desk.domain.sessions import SessionStatus
from reception_desk.errors import UserError
from reception_desk.services.office.dto import StaffRole
from reception_desk.services.sessions.dto import InstructionDraft
from reception_desk.services.sessions.dto import MemberLine
from reception_desk.services.sessions.dto import SessionDraft
from tests.conftest import sample_draft

D = date


def staff_of(desk, role: str) -> int:  # type: ignore[no-untyped-def]
    return next(s.id for s in desk.staff() if s.role.value == role)


def draft(desk, day: date, start: int = 450, end: int = 690,  # type: ignore[no-untyped-def]
          role: LeaderRole = LeaderRole.CHAIR, **kw) -> SessionDraft:
    leader = staff_of(desk, "vice_chair" if role is LeaderRole.VICE_CHAIR else "chair")
    values = dict(place="Phòng tiếp công dân, trụ sở UBND xã", matters="Đất đai, xây dựng",
                  members=[MemberLine(ParticipantKind.STAFF, "", staff_of(desk, "clerk"),
                                      "ghi biên bản"),
                           MemberLine(ParticipantKind.BODY, "Công an xã")])
    values.update(kw)
    return SessionDraft(day, start, end, leader, role, **values)  # type: ignore[arg-type]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True)
    return " ".join(out.stdout.split())


def test_visits_logged_during_a_session_link_to_it(desk):
    """Same day, within the hours, định kỳ/đột xuất or presided by the session's leader."""
    chair = staff_of(desk, "chair")
    planned, _ = desk.sessions.plan(draft(desk, D(2026, 11, 27), 480, 660))
    periodic, changes = desk.log_visit(sample_draft(desk, kind=VisitKind.PERIODIC,
                                                    presiding_leader_id=chair))
    regular, _ = desk.log_visit(sample_draft(desk, citizen_name="Lê Văn Hòa",
                                             id_number="037085004321"))
    with desk.db.read() as s:
        from reception_desk.storage.models import Visit

        assert s.get(Visit, periodic.id).session_id == planned.id
        assert s.get(Visit, regular.id).session_id is None
    assert [v.id for v in desk.sessions.visits(planned.id)] == [periodic.id]
    # Moving the session off the visit's hour unlinks it (audited on the visit).
    moved, changes = desk.sessions.update(planned.id, draft(desk, D(2026, 11, 27), 600, 660),
                                          planned.version)
    assert changes.visits == {periodic.id}
    assert moved.visit_count == 0
    back, _ = desk.sessions.update(planned.id, draft(desk, D(2026, 11, 27), 480, 660),
                                   moved.version)
    assert back.visit_count == 1
    with pytest.raises(UserError) as info:
        desk.sessions.hold(back.id, back.version, no_citizen=True)
    assert info.value.code == "session.has_visits"
    held, _ = desk.sessions.hold(back.id, back.version, outcome_note="Tiếp 1 lượt")
    assert held.status is SessionStatus.HELD and (held.visit_count, held.people_count) == (1, 1)


def test_a_visit_logged_before_the_session_was_entered_links_when_it_is(sqlite_desk):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk, kind=VisitKind.AD_HOC,
                                           presiding_leader_id=staff_of(desk, "chair")))
    planned, changes = desk.sessions.plan(draft(desk, D(2026, 11, 27)))
    assert changes.visits == {visit.id} and planned.visit_count == 1
    cancelled, changes = desk.sessions.cancel(planned.id, planned.version, "Họp đột xuất")
    assert cancelled.status is SessionStatus.CANCELLED and changes.visits == {visit.id}
    assert cancelled.visit_count == 0


def test_the_link_rule_reads_the_values_it_needs_not_a_visit_row(sqlite_desk):
    """``session_for`` takes the visit's values (a save passes the row it is about to write, no
    stand-in Visit): same day, within 08:00–11:00, định kỳ/đột xuất or presided by the leader,
    never a voided visit."""
    from datetime import UTC
    from datetime import datetime

    from reception_desk.services.sessions.linking import session_for
    from reception_desk.storage.queries.sessions import sessions_on

    desk = sqlite_desk
    chair = staff_of(desk, "chair")
    planned, _ = desk.sessions.plan(draft(desk, D(2026, 11, 27), 480, 660))
    with desk.db.read() as s:
        slots = sessions_on(s, D(2026, 11, 27))
    nine = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam

    def link(**changed):  # type: ignore[no-untyped-def]
        values = dict(received_at=nine, reception_date=D(2026, 11, 27), kind="regular",
                      presiding_leader_id=None, voided=False) | changed
        return session_for(candidates=slots, **values)

    assert link(kind=VisitKind.PERIODIC.value) == planned.id
    assert link(kind=VisitKind.AD_HOC.value) == planned.id
    assert link() is None  # received at the counter by a clerk
    assert link(presiding_leader_id=chair) == planned.id
    assert link(kind=VisitKind.PERIODIC.value, voided=True) is None
    assert link(kind=VisitKind.PERIODIC.value, received_at=nine + timedelta(hours=2)) == \
        planned.id  # 11:00: the end is included
    assert link(kind=VisitKind.PERIODIC.value,
                received_at=nine + timedelta(hours=2, minutes=1)) is None
    assert link(kind=VisitKind.PERIODIC.value, reception_date=D(2026, 11, 28)) is None
    assert session_for(received_at=nine, reception_date=D(2026, 11, 27), kind="periodic",
                       presiding_leader_id=None, voided=False, candidates=[]) is None


def test_publicity_warnings_and_compare_and_set(sqlite_desk):
    desk = sqlite_desk
    on_time, _ = desk.sessions.plan(draft(desk, D(2026, 12, 7)))
    late, _ = desk.sessions.plan(draft(desk, D(2026, 12, 2)))
    saturday, _ = desk.sessions.plan(draft(desk, D(2026, 12, 5)))
    assert late.warnings == (PublicityWarning.NOT_PUBLISHED,)  # 3 working days left: too late
    assert on_time.warnings == ()
    listed, changes = desk.sessions.publish(D(2026, 12, 1), D(2026, 12, 31))
    assert changes.sessions == {on_time.id, late.id, saturday.id}
    warnings = {s.id: s.warnings for s in listed}
    assert warnings[on_time.id] == ()  # 30/11, 1, 2, 3, 4, 7/12: 6 working days
    assert warnings[late.id] == (PublicityWarning.LATE_NOTICE,)  # 30/11, 1/12, 2/12
    assert warnings[saturday.id] == (PublicityWarning.DAY_OFF,)  # 5 working days: in time
    assert all(s.published_on == D(2026, 11, 27) for s in listed)
    with pytest.raises(UserError) as info:
        desk.sessions.update(on_time.id, draft(desk, D(2026, 12, 8)), on_time.version)
    assert info.value.code == "session.changed_elsewhere"
    fresh = desk.sessions.session(on_time.id)
    moved, _ = desk.sessions.update(on_time.id, draft(desk, D(2026, 12, 8)), fresh.version)
    assert moved.published_on is None  # a new day must be posted again


def test_validation(sqlite_desk):
    desk = sqlite_desk
    unknown = draft(desk, D(2026, 12, 7))
    unknown.leader_staff_id = 10**6
    with pytest.raises(UserError) as info:
        desk.sessions.plan(unknown)
    assert info.value.code == "session.leader_unknown"
    desk.save_staff("Lê Văn Phúc", "Phó Chủ tịch UBND xã", StaffRole.VICE_CHAIR)
    bad = draft(desk, D(2026, 12, 7), role=LeaderRole.VICE_CHAIR)
    bad.leader_staff_id = staff_of(desk, "chair")
    with pytest.raises(UserError) as info:
        desk.sessions.plan(bad)
    assert info.value.code == "session.leader_role_mismatch"
    with pytest.raises(UserError) as info:
        desk.sessions.plan(draft(desk, D(2026, 12, 7), role=LeaderRole.DELEGATE))
    assert info.value.code == "session.delegation_required"
    with pytest.raises(UserError) as info:
        desk.sessions.plan(draft(desk, D(2026, 12, 7), 690, 450))
    assert info.value.code == "session.end_before_start"
    future, _ = desk.sessions.plan(draft(desk, D(2026, 12, 7)))
    with pytest.raises(UserError) as info:
        desk.sessions.hold(future.id, future.version)
    assert info.value.code == "session.hold_in_future"


def test_conclusion_instructions_are_tracked_like_directives(sqlite_desk, clock, tmp_path):
    desk = sqlite_desk
    chair = staff_of(desk, "chair")
    planned, _ = desk.sessions.plan(draft(desk, D(2026, 11, 27)))
    visit, _ = desk.log_visit(sample_draft(desk, kind=VisitKind.PERIODIC,
                                           presiding_leader_id=chair))
    held, _ = desk.sessions.hold(planned.id, desk.sessions.session(planned.id).version)
    notice, changes = desk.sessions.record_conclusion(
        held.id, "Giao Công an xã và công chức địa chính kiểm tra hiện trạng thửa đất số 215.",
        [InstructionDraft("Công an xã", "Xác minh việc lấn chiếm lối đi", D(2026, 12, 4)),
         InstructionDraft("Công chức địa chính - xây dựng", "Đo đạc, báo cáo kết quả",
                          D(2026, 12, 11))],
        visit_id=visit.id)
    assert changes.sessions == {held.id}
    assert notice.number == 1 and notice.label == "1/TB-UBND"
    tracked = [d for d in desk.hotspots.directives() if d.conclusion_id == notice.id]
    assert [(d.assignee_name, d.due_on) for d in tracked] == [
        ("Công an xã", D(2026, 12, 4)), ("Công chức địa chính - xây dựng", D(2026, 12, 11))]
    assert tracked[0].case_number == "TB 1/2026 (kỳ tiếp 27/11/2026)"
    assert tracked[0].given_by == "Nguyễn Văn Hùng"
    # Past the deadline the instruction is overdue where directives are (weekly pack too).
    clock.moment += timedelta(days=10)
    overdue = next(d for d in desk.hotspots.directives() if d.id == tracked[0].id)
    assert overdue.status is DueStatus.OVERDUE
    pack = desk.hotspots.pack()
    assert any(d.id == tracked[0].id for d in pack.directives)
    done, _ = desk.hotspots.complete_directive(tracked[0].id)
    assert done.done_at is not None
    assert all(d.id != tracked[0].id for d in desk.hotspots.directives())
    text = pdf_text(desk.sessions.render_conclusion(notice.id), tmp_path)
    assert "THÔNG BÁO" in text and "Kết luận việc tiếp công dân ngày 27/11/2026" in text
    assert "Số: 01/TB-UBND" in text
    assert "1. Công an xã: Xác minh việc lấn chiếm lối đi; thời hạn hoàn thành: trước ngày " \
           "04/12/2026." in text
    assert "Nguyễn Văn Hùng, Chủ tịch UBND xã" in text
    assert "Đề nghị xem xét việc cấp giấy chứng nhận" in text  # the matter as logged


def test_a_session_nobody_came_to_and_its_minutes(sqlite_desk, tmp_path):
    desk = sqlite_desk
    planned, _ = desk.sessions.plan(draft(desk, D(2026, 11, 26), 840, 1020))
    held, _ = desk.sessions.hold(planned.id, planned.version, no_citizen=True,
                                 outcome_note="Lãnh đạo có mặt đủ thời gian")
    assert held.no_citizen
    with pytest.raises(UserError) as info:
        desk.sessions.record_conclusion(held.id, "Không có")
    assert info.value.code == "session.no_citizen_conclusion"
    text = pdf_text(desk.sessions.render_empty_minutes(held.id), tmp_path)
    assert "BIÊN BẢN" in text and "không có công dân đến" in text
    assert "Vào hồi 14 giờ 00 phút, ngày 26 tháng 11 năm 2026" in text
    assert "không có công dân nào đến" in text
    assert "Người chủ trì: Nguyễn Văn Hùng, Chủ tịch UBND xã" in text
    assert "Trần Thị Thu (ghi biên bản)" in text
    assert "NGƯỜI GHI BIÊN BẢN" in text and "NGƯỜI CHỦ TRÌ" in text
    with pytest.raises(UserError) as info:
        desk.sessions.render_empty_minutes(
            desk.sessions.plan(draft(desk, D(2026, 12, 7)))[0].id)
    assert info.value.code == "session.not_empty"


def test_schedule_notice_and_duty(sqlite_desk, tmp_path):
    desk = sqlite_desk
    first, last = D(2026, 12, 1), D(2026, 12, 31)
    desk.sessions.plan(draft(desk, D(2026, 12, 7)))
    desk.sessions.plan(draft(desk, D(2026, 12, 21), 840, 1020, matters="Chính sách xã hội"))
    schedule = desk.sessions.schedule(first, last)
    assert [p.unit for p in schedule.duty] == [DutyUnit.MONTH]
    assert schedule.duty[0].state is DutyState.SCHEDULED
    november = desk.sessions.duty(D(2026, 11, 1), D(2026, 11, 30))
    assert november[0].state is DutyState.AT_RISK  # nothing held, 27 and 30/11 left
    text = pdf_text(desk.sessions.render_schedule(first, last), tmp_path)
    assert "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân tháng 12/2026" in text
    assert "07/12/2026" in text and "07:30–11:30" in text and "14:00–17:00" in text
    assert "Chính sách xã hội" in text and "Công an xã" in text
    assert "Nguyễn Văn" in text and "Niêm yết tại Trụ sở Ủy ban nhân dân xã" in text


def test_duty_rules_are_office_data(sqlite_desk):
    desk = sqlite_desk
    from reception_desk.domain.sessions import DEFAULT_DUTY_RULES
    from reception_desk.domain.sessions import DutyRule

    assert desk.sessions.duty_rules() == DEFAULT_DUTY_RULES
    rules = (*DEFAULT_DUTY_RULES, DutyRule(D(2027, 1, 1), DutyUnit.MONTH, 3, "văn phòng", "M"))
    saved, changes = desk.sessions.save_duty_rules(rules, 0)
    assert saved == rules and changes.settings == {"session_duty_rules"}
    assert desk.sessions.duty_rules() == rules
    with pytest.raises(UserError) as info:
        desk.sessions.save_duty_rules(rules, 0)
    assert info.value.code == "setting.changed_elsewhere"


def test_the_weekly_pack_shows_the_duty(sqlite_desk, tmp_path):
    """The pack of week 48/2026 (23–29/11): November under the monthly rule, one day held."""
    from reception_desk.domain.hotspots import IsoWeek

    desk = sqlite_desk
    planned, _ = desk.sessions.plan(draft(desk, D(2026, 11, 24)))
    desk.sessions.hold(planned.id, planned.version, no_citizen=True)
    desk.sessions.plan(draft(desk, D(2026, 11, 30)))
    pack = desk.hotspots.pack(IsoWeek(2026, 48))
    assert [(p.label, p.held_days, p.state) for p in pack.duty] == [
        ("11/2026", (D(2026, 11, 24),), DutyState.SCHEDULED)]
    text = pdf_text(desk.hotspots.render_pack(IsoWeek(2026, 48)), tmp_path)
    assert "VI. CHẾ ĐỘ TIẾP CÔNG DÂN ĐỊNH KỲ CỦA CHỦ TỊCH" in text
    assert "11/2026" in text and "24/11" in text and "Đã lên lịch đủ" in text
    assert "Luật 136/2025" in text
    # A week of June 2026: the weekly rule, missed.
    june = desk.hotspots.pack(IsoWeek(2026, 25))
    assert [(p.unit, p.state) for p in june.duty] == [(DutyUnit.ISO_WEEK, DutyState.MISSED)]


def test_01_tcd_counts_the_held_sessions(sqlite_desk):
    """Column 12: the chair's held sessions (one nobody came to); column 21: the vice chair's;
    a chair's visit on a day without a recorded session still counts as a kỳ tiếp; the ghi chú
    counts the empty session; every drill-down lists as many as the count."""
    from reception_desk.domain import report_forms as rf
    from reception_desk.domain.periods import custom
    from reception_desk.services.reports import tcd

    desk = sqlite_desk
    desk.save_staff("Lê Văn Phúc", "Phó Chủ tịch UBND xã", StaffRole.VICE_CHAIR)
    chair = staff_of(desk, "chair")
    empty, _ = desk.sessions.plan(draft(desk, D(2026, 11, 24)))
    desk.sessions.hold(empty.id, empty.version, no_citizen=True)
    today, _ = desk.sessions.plan(draft(desk, D(2026, 11, 27)))
    desk.log_visit(sample_draft(desk, kind=VisitKind.PERIODIC, presiding_leader_id=chair))
    desk.log_visit(sample_draft(desk, kind=VisitKind.PERIODIC, presiding_leader_id=chair,
                                citizen_name="Lê Văn Hòa", id_number="037085004321"))
    desk.sessions.hold(today.id, desk.sessions.session(today.id).version)
    deputy, _ = desk.sessions.plan(draft(desk, D(2026, 11, 26), role=LeaderRole.VICE_CHAIR))
    desk.sessions.hold(deputy.id, deputy.version, no_citizen=False)
    # A chair's ad-hoc visit on 25/11 with no session recorded.
    desk.log_visit(sample_draft(desk, kind=VisitKind.AD_HOC, presiding_leader_id=chair,
                                received_at=desk.now() - timedelta(days=2),
                                citizen_name="Phạm Văn Nam", id_number="037085009876"))
    window = custom(D(2026, 11, 1), D(2026, 11, 30))
    result = desk.reports.compute(rf.ReportForm.TCD_01, window)
    assert result.value(12) == 3  # 24/11 (nobody), 27/11, and the visits of 25/11
    assert result.value(13) == 3
    assert result.value(21) == 1 and result.value(22) == 0
    assert result.empty_sessions == 1 and result.sessions_from_visits
    assert 30 not in result.not_recorded and 12 not in result.not_recorded
    with desk.db.read() as s:
        facts, held = tcd.facts(s, window), tcd.held_sessions(s, window)
    for col in rf.TCD_COLUMNS:
        assert result.value(col.number) == rf.tcd_value(col, facts, held), col.number
    for column in (12, 21):
        drill = desk.reports.drill(rf.ReportForm.TCD_01, window, column)
        assert drill.size == drill.value == result.value(column)
    twelve = desk.reports.drill(rf.ReportForm.TCD_01, window, 12)
    assert [(x.session_id is not None, x.day, x.no_citizen) for x in twelve.sessions] == [
        (True, D(2026, 11, 24), True), (True, D(2026, 11, 27), False),
        (False, D(2026, 11, 25), False)]
    from reception_desk.reports.layout import notes

    assert "không có công dân đến: 1." in " ".join(
        notes(result.form, result.not_recorded, result.sessions_from_visits,
              result.empty_sessions))


def test_demo_sessions_are_realistic(sqlite_url):
    """3,000 demo visits span about a year: sessions on working days at the legal frequency, a
    few periods missed, some held with nobody, conclusions whose instructions are tracked; the
    database checks clean."""
    from collections import Counter

    from reception_desk.demo import generator as demo
    from reception_desk.domain.calendar import WorkingCalendar
    from reception_desk.services.context import Actor
    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database
    from tests.conftest import Clock
    from tests.conftest import assert_record_intact

    db = open_database(sqlite_url)
    with db.session() as s:
        result = demo.generate(s, 3000, seed=12, actor=Actor("demo"), now=Clock().moment)
    desk = Desk(db, Clock())
    try:
        assert result.sessions > 40
        first = max(result.first_day, D(2025, 11, 27))
        listed = desk.sessions.sessions(first, D(2026, 12, 31))
        calendar = WorkingCalendar()
        assert all(calendar.is_working_day(s.day) for s in listed)
        status = Counter(s.status for s in listed)
        assert status[SessionStatus.HELD] > 30 and status[SessionStatus.PLANNED] >= 2
        assert any(s.no_citizen for s in listed)
        assert any(s.visit_count for s in listed)
        assert any(s.leader_role is LeaderRole.VICE_CHAIR for s in listed)
        duty = desk.sessions.duty(first + timedelta(days=7), D(2026, 10, 31))
        states = Counter(p.state for p in duty)
        assert states[DutyState.MET] > 0.8 * len(duty) and states[DutyState.MISSED] >= 1
        assert {p.unit for p in duty} == {DutyUnit.ISO_WEEK, DutyUnit.MONTH}
        notices = [c for s in listed for c in s.conclusions]
        assert notices and all(c.instructions for c in notices)
        tracked = [d for d in desk.hotspots.directives(open_only=False)
                   if d.conclusion_id is not None]
        assert any(d.done_at is not None for d in tracked)
        assert all(d.due_on is not None and d.case_number.startswith("TB ") for d in tracked)
        assert_record_intact(desk)
    finally:
        db.dispose()
