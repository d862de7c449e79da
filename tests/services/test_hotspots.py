"""Hotspot services on SQLite and PostgreSQL: the weekly list from the case tables, the trend,
the policy setting, directives (audited, tracked like deadlines) and the weekly pack data."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from sqlalchemy import select

from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import Trend
from reception_desk.errors import UserError
from reception_desk.storage.models import AuditEntry
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event
from tests.services.hotspot_data import add_visit

TODAY = date(2026, 11, 27)  # the fixed clock of tests/conftest.py, a Friday of 2026-W48
WEEK = IsoWeek(2026, 48)


def test_weekly_list_ranks_flagged_open_cases(desk) -> None:  # type: ignore[no-untyped-def]
    overdue = add_case(desk, title="Khiếu nại quyết định thu hồi đất",
                       received_on=date(2026, 10, 1), due_on=TODAY - timedelta(days=1))
    crowd = add_case(desk, title="Ô nhiễm khói bụi xưởng gỗ", received_on=date(2026, 11, 2),
                     due_on=date(2026, 12, 20), field_code="pakn.moi_truong")
    add_visit(desk, crowd, date(2026, 11, 24), people=12, delegation=True)
    add_visit(desk, crowd, date(2026, 11, 25), people=3, incident=True)
    quiet = add_case(desk, title="Đề nghị sửa đường", received_on=date(2026, 11, 20),
                     due_on=date(2026, 12, 30))
    closed = add_case(desk, title="Đã xong", stage="closed", received_on=date(2026, 1, 5),
                      due_on=None, closed_on=date(2026, 3, 1))
    add_visit(desk, closed, date(2026, 2, 1), people=30)

    listing = desk.hotspots.weekly(WEEK)
    assert listing.reference_day == TODAY
    by_case = {r.case.id: r for r in listing.rows}
    assert set(by_case) == {overdue, crowd}
    assert quiet not in by_case and closed not in by_case
    top = listing.rows[0]
    assert top.case.id == crowd and top.rank == 1
    assert set(top.reasons) == {Reason.CROWD, Reason.INCIDENT, Reason.SENSITIVE_FIELD}
    assert top.case.field_label == "Môi trường"
    assert by_case[overdue].reasons == (Reason.OVERDUE,)
    assert top.trend is Trend.CONTINUING  # the sensitive field flagged it last week already
    assert by_case[overdue].trend is Trend.NEW  # due on Thursday: not overdue last Sunday
    crowd_flag = next(f for f in top.flags if f.reason is Reason.CROWD)
    assert len(crowd_flag.visit_ids) == 1


def test_repeat_bypass_and_long_running_from_tables(desk) -> None:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 5, 1), due_on=TODAY + timedelta(days=10),
                 criteria=["many_people", "several_bodies"])
    for day in (date(2026, 9, 1), date(2026, 10, 15), date(2026, 11, 20)):
        add_visit(desk, c, day)
    ev = add_event(desk, c, "verify", date(2026, 11, 10), level="province")
    row = desk.hotspots.weekly(WEEK).rows[0]
    assert set(row.reasons) == {Reason.LONG_RUNNING, Reason.REPEAT, Reason.BYPASS,
                                Reason.COMPLEX}
    bypass = next(f for f in row.flags if f.reason is Reason.BYPASS)
    assert bypass.event_ids == (ev,)
    repeat = next(f for f in row.flags if f.reason is Reason.REPEAT)
    assert len(repeat.visit_ids) == 3


def test_bypass_after_the_commune_decision_is_not(desk) -> None:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=None, stage="accepted")
    add_event(desk, c, "decide", date(2026, 11, 10), position=2)
    add_event(desk, c, "verify", date(2026, 11, 12), level="province", position=3)
    [row] = desk.hotspots.weekly(WEEK).rows
    assert row.reasons == (Reason.LONG_RUNNING,)  # two levels, but no bypass


def test_voided_visits_do_not_count(desk) -> None:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=date(2026, 12, 31))
    v = add_visit(desk, c, date(2026, 11, 24), people=8)
    desk.void_visit(v, "Nhập trùng")
    assert desk.hotspots.weekly(WEEK).rows == []


def test_new_continuing_cooled(desk) -> None:  # type: ignore[no-untyped-def]
    last_sunday = date(2026, 11, 22)
    cont = add_case(desk, received_on=date(2026, 10, 1), due_on=last_sunday - timedelta(days=3))
    new = add_case(desk, received_on=date(2026, 10, 1), due_on=date(2026, 11, 24))
    cooled = add_case(desk, stage="closed", received_on=date(2026, 10, 1),
                      due_on=last_sunday - timedelta(days=3), closed_on=date(2026, 11, 24))
    rows = {r.case.id: r for r in desk.hotspots.weekly(WEEK).rows}
    assert rows[cont].trend is Trend.CONTINUING
    assert rows[new].trend is Trend.NEW
    assert rows[cooled].trend is Trend.COOLED and rows[cooled].rank == 0


def test_trend_counts_per_week(desk) -> None:  # type: ignore[no-untyped-def]
    add_case(desk, received_on=date(2026, 10, 1), due_on=date(2026, 11, 10))
    counts = desk.hotspots.trend(weeks=4)
    assert [str(c.week) for c in counts] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert [c.count for c in counts] == [0, 1, 1, 1]


def test_policy_defaults_save_audited_and_used(desk) -> None:  # type: ignore[no-untyped-def]
    assert desk.hotspots.policy() == HotspotPolicy()
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=date(2026, 12, 31))
    add_visit(desk, c, date(2026, 11, 24), people=5)
    assert [r.case.id for r in desk.hotspots.weekly(WEEK).rows] == [c]
    saved, changes = desk.hotspots.save_policy(HotspotPolicy(crowd_threshold=6))
    assert saved.crowd_threshold == 6 and "hotspot_policy" in changes.settings
    assert desk.hotspots.policy().crowd_threshold == 6
    assert desk.hotspots.weekly(WEEK).rows == []
    with desk.db.read() as s:
        audit = s.scalars(select(AuditEntry.after).where(
            AuditEntry.entity_id == "hotspot_policy")).all()
    assert len(audit) == 1 and audit[0]["crowd_threshold"] == 6
    assert audit[0]["basis"] == "local_policy"


def test_directives_record_acknowledge_done_audited(desk) -> None:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=date(2026, 12, 31))
    clerk = next(s for s in desk.staff() if s.role.value == "clerk")
    d, changes = desk.hotspots.record_directive(
        c, "Tổ chức đối thoại với các hộ dân trước ngày 04/12.", clerk.id, date(2026, 12, 1))
    assert changes.cases == {c}
    assert d.assignee_name == clerk.full_name and d.status is DueStatus.DUE_SOON
    assert d.acknowledged_at is None and d.case_title
    d2, _ = desk.hotspots.acknowledge_directive(d.id)
    assert d2.acknowledged_at is not None and d2.acknowledged_by == desk.actor.name
    with pytest.raises(UserError) as e:
        desk.hotspots.acknowledge_directive(d.id)
    assert e.value.code == "directive.already_acknowledged"
    assert [x.id for x in desk.hotspots.directives()] == [d.id]
    assert [x.id for x in desk.hotspots.directives(case_id=c)] == [d.id]
    d3, _ = desk.hotspots.complete_directive(d.id)
    assert d3.done_at is not None and d3.status is None
    assert desk.hotspots.directives() == []
    assert len(desk.hotspots.directives(open_only=False)) == 1
    with desk.db.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "directive").order_by(AuditEntry.id))]
    assert actions == ["create", "acknowledge", "complete"]


def test_directive_due_status_and_validation(desk, clock) -> None:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=date(2026, 12, 31))
    d, _ = desk.hotspots.record_directive(c, "Báo cáo kết quả xác minh", None, TODAY)
    assert d.status is DueStatus.DUE_SOON
    clock.moment += timedelta(days=4)
    assert desk.hotspots.directives()[0].status is DueStatus.OVERDUE
    for kwargs, code in (
        ({"text": "  "}, "directive.text_required"),
        ({"case_id": 99999}, "directive.case_unknown"),
        ({"assignee_staff_id": 99999}, "directive.assignee_unknown"),
        ({"due_on": date(2026, 11, 1)}, "directive.due_in_past"),
    ):
        args = {"case_id": c, "text": "Xử lý", "assignee_staff_id": None, "due_on": None}
        args.update(kwargs)
        with pytest.raises(UserError) as e:
            desk.hotspots.record_directive(**args)
        assert e.value.code == code


def test_pack_sections(desk) -> None:  # type: ignore[no-untyped-def]
    overdue = add_case(desk, received_on=date(2026, 10, 1), due_on=date(2026, 11, 20))
    soon = add_case(desk, received_on=date(2026, 11, 20), due_on=date(2026, 12, 2))
    add_visit(desk, None, date(2026, 11, 23), people=7, name="Lê Thị Hoa")
    add_visit(desk, soon, date(2026, 11, 16), people=9)  # last week: not new this week
    desk.hotspots.record_directive(overdue, "Khẩn trương giải quyết", None, None)
    pack = desk.hotspots.pack(WEEK)
    assert [c.case.id for c in pack.overdue] == [overdue]
    assert pack.overdue[0].status is DueStatus.OVERDUE
    assert [c.case.id for c in pack.due_next_week] == [soon]
    assert [v.citizen_name for v in pack.crowd_visits] == ["Lê Thị Hoa"]
    assert len(pack.directives) == 1 and pack.chair_name == "Nguyễn Văn Hùng"
    pdf = desk.hotspots.render_pack(WEEK)
    assert pdf.startswith(b"%PDF")


def test_the_pack_of_a_week_lists_the_directives_as_they_stood_that_week(desk, clock) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the pack for an earlier week listed directives given after that week."""
    c = add_case(desk, received_on=date(2026, 11, 1), due_on=date(2026, 12, 31))
    d, _ = desk.hotspots.record_directive(c, "Khẩn trương giải quyết", None, None)  # in W48
    assert [x.id for x in desk.hotspots.pack(WEEK).directives] == [d.id]
    assert desk.hotspots.pack(WEEK.shifted(-1)).directives == []  # given after W47
    clock.moment += timedelta(days=7)  # W49: done
    desk.hotspots.complete_directive(d.id)
    assert desk.hotspots.pack(WEEK.shifted(1)).directives == []
    assert [x.id for x in desk.hotspots.pack(WEEK).directives] == [d.id]  # still open then


def test_weekly_pack_names_no_denouncer_under_secrecy(desk):
    """A crowd that came to denounce: its representative is withheld in the list and in the
    printed pack (read with pdftotext); another crowd's representative is named."""
    from reception_desk.domain.classification import HandlingDirection
    from reception_desk.domain.classification import PetitionType
    from reception_desk.printing.wording import IDENTITY_WITHHELD
    from tests.printing import rd_pdf_probe as probe

    add_visit(desk, None, date(2026, 11, 23), people=7, name="Lê Thị Hoa")
    add_visit(desk, None, date(2026, 11, 24), people=12, name="Phạm Văn Tố",
              id_number="037085004455", petition_type=PetitionType.DENUNCIATION,
              direction=HandlingDirection.TO_POLICE, within_competence=False,
              target_body="Công an tỉnh Ninh Bình", field_code=None)
    pack = desk.hotspots.pack(WEEK)
    assert [v.citizen_name for v in pack.crowd_visits] == ["Lê Thị Hoa", IDENTITY_WITHHELD]
    assert [v.citizen_name for v in desk.hotspots.crowd_visits(WEEK)][1] == IDENTITY_WITHHELD
    text = " ".join(probe._run(["pdftotext", "-raw", "-enc", "UTF-8"],
                               desk.hotspots.render_pack(WEEK)).split())
    assert "Lê Thị Hoa" in text
    for secret in ("Phạm Văn Tố", "037085004455", "Thôn Đông"):
        assert secret not in text, secret


def test_bypass_second_complaint_from_the_case_links(desk) -> None:  # type: ignore[no-untyped-def]
    """LEGAL.md §6.4 (b) (operational definition): the second-time complaint was lodged while
    the first-time one was still within its resolution deadline, not yet decided."""
    first = add_case(desk, received_on=date(2026, 10, 20), due_on=date(2026, 12, 10))
    add_event(desk, first, "accept", date(2026, 10, 25))
    second = add_case(desk, received_on=date(2026, 11, 20), case_type="complaint_second",
                      due_on=date(2026, 12, 1), stage="received", previous=first)
    rows = {r.case.id: r for r in desk.hotspots.weekly(WEEK).rows}
    for cid in (first, second):
        f = next(f for f in rows[cid].flags if f.reason is Reason.BYPASS_SECOND)
        assert f.explanation.params["on"] == date(2026, 11, 20)
        assert f.explanation.params["first"] == "1/2026"


def test_no_bypass_second_after_the_first_decision(desk) -> None:  # type: ignore[no-untyped-def]
    first = add_case(desk, received_on=date(2026, 10, 1), due_on=None, stage="decided",
                     closed_on=None)
    add_event(desk, first, "decide", date(2026, 11, 2))
    second = add_case(desk, received_on=date(2026, 11, 20), case_type="complaint_second",
                      due_on=date(2026, 12, 1), stage="received", previous=first)
    rows = {r.case.id: r for r in desk.hotspots.weekly(WEEK).rows}
    assert second not in rows or Reason.BYPASS_SECOND not in rows[second].reasons


def test_bypass_several_levels_at_once_from_the_events(desk) -> None:  # type: ignore[no-untyped-def]
    """LEGAL.md §6.4 (c) (operational definition; TT 07/2014 Art. 6(2)(b)): the province had the
    same matter 5 days after the commune received it — even outside the commune's competence."""
    c = add_case(desk, received_on=date(2026, 11, 16), due_on=date(2026, 12, 20), within=False,
                 case_type="petition")
    ev = add_event(desk, c, "verify", date(2026, 11, 21), level="province")
    [row] = desk.hotspots.weekly(WEEK).rows
    f = next(f for f in row.flags if f.reason is Reason.BYPASS_SIMULTANEOUS)
    assert f.event_ids == (ev,)
    assert Reason.BYPASS not in row.reasons  # (a) needs the commune's competence
    policy = HotspotPolicy(enabled=frozenset(Reason) - {Reason.BYPASS_SIMULTANEOUS})
    desk.hotspots.save_policy(policy)
    [row] = desk.hotspots.weekly(WEEK).rows
    assert row.reasons == (Reason.LONG_RUNNING,)  # two levels; the switched-off (c) is gone
