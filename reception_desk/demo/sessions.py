"""Demo reception sessions of the head (issue 14): the last twelve months of the demo's span.

At the legal frequency of each period (one day a week until 30/06/2026, two days a month from
01/07/2026; the office's duty rules), on working days, presided by the chair, with a few extra
sessions of the vice chair by delegation; about one period in fifteen is missed (a session
cancelled, or none planned). Past sessions are held (visits of their hours link to them; one with
no linked visit is recorded as held with nobody), the coming month's are planned. Schedules are
posted 5–8 working days ahead, a few late. About half of the held sessions with citizens get a
conclusion notice with one or two instructions to bodies and deadlines (tracked as directives;
the older ones done, a few left overdue). Every record is audited, so a demo database checks
clean.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.dates import day_start
from reception_desk.domain.sessions import DutyUnit
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.sessions import latest_publication_day
from reception_desk.domain.sessions import periods_between
from reception_desk.services.context import Actor
from reception_desk.services.sessions.duty import duty_rules
from reception_desk.services.sessions.linking import relink_day
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Directive
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import ReceptionSessionMember
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Staff
from reception_desk.storage.queries import office as office_queries
from reception_desk.storage.queries import sessions as session_queries

MONTHS_BACK = 12
BODIES = ("Công an xã", "Công chức Địa chính - Xây dựng", "Ủy ban MTTQ xã",
          "Công chức Văn hóa - Xã hội", "Ban Chỉ huy Quân sự xã")
MATTERS = ("Đất đai, giải phóng mặt bằng", "Chính sách người có công, bảo trợ xã hội",
           "Trật tự xây dựng, môi trường", "Kiến nghị về hạ tầng thôn, xóm")
CONCLUSIONS = (
    "Giao các cơ quan chuyên môn kiểm tra hiện trạng, xác minh nội dung công dân phản ánh và "
    "báo cáo Chủ tịch UBND xã; trả lời công dân bằng văn bản theo quy định.",
    "Nội dung kiến nghị thuộc thẩm quyền: giao bộ phận chuyên môn giải quyết dứt điểm; nội dung "
    "không thuộc thẩm quyền: hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền.",
)
TASKS = ("Xác minh hiện trạng, báo cáo kết quả", "Đo đạc, đối chiếu hồ sơ địa chính",
         "Rà soát hồ sơ chính sách, đề xuất hướng giải quyết", "Phối hợp giải thích, vận động")
PLACE = "Phòng tiếp công dân, trụ sở UBND xã"


def _pick_days(rng: random.Random, calendar: WorkingCalendar, first: date, last: date,
               count: int) -> list[date]:
    """``count`` working days of [first, last], spread out (Tuesday to Thursday preferred)."""
    days = calendar.working_days_in(first, last)
    if not days:
        return []
    preferred = [d for d in days if d.weekday() in (1, 2, 3)] or days
    if count == 1:
        return [rng.choice(preferred)]
    step = max(1, len(preferred) // count)
    return sorted({preferred[min(i * step + rng.randrange(step), len(preferred) - 1)]
                   for i in range(count)})


def _moment(day: date, minute: int) -> datetime:
    return day_start(day, time(minute // 60, minute % 60)).astimezone(UTC)


def generate_sessions(session: Session, *, rng: random.Random, first_day: date, today: date,
                      calendar: WorkingCalendar, actor: Actor, now: datetime) -> int:
    """Write the demo sessions of [max(first_day, today − 12 months), today + 1 month]; their
    number."""
    staff = office_queries.staff_members(session)
    chair = next((s for s in staff if s.role == "chair"), None)
    if chair is None or chair.id is None:
        return 0
    vice = next((s for s in staff if s.role == "vice_chair"), None)
    clerks = [s for s in staff if s.role == "clerk"] or [chair]
    start = max(first_day, today - timedelta(days=30 * MONTHS_BACK))
    end = today + timedelta(days=31)
    plans: list[tuple[date, Staff, LeaderRole, bool]] = []  # day, leader, role, cancelled
    for first, last, rule in periods_between(start, end, duty_rules(session)):
        if first < start:
            continue
        wanted = rule.min_days
        missed = last < today and rng.random() < 1 / 15
        days = _pick_days(rng, calendar, first, last, wanted)
        for i, day in enumerate(days):
            cancel = missed and i == len(days) - 1
            if missed and rng.random() < 0.5 and i == len(days) - 1:
                continue  # none planned at all
            plans.append((day, chair, LeaderRole.CHAIR, cancel))
        if vice is not None and rule.unit is DutyUnit.MONTH and rng.random() < 0.5:
            extra = _pick_days(rng, calendar, first, last, 1)
            plans += [(d, vice, LeaderRole.VICE_CHAIR, False) for d in extra
                      if d not in days]
    written = 0
    for day, leader, role, cancel in sorted(plans, key=lambda p: (p[0], p[2].value)):
        written += _one(session, rng, calendar, day, leader, role, cancel, clerks, today, actor,
                        now)
    session.flush()
    return written


def _one(session: Session, rng: random.Random, calendar: WorkingCalendar, day: date,
         leader: Staff, role: LeaderRole, cancel: bool, clerks: list[Staff], today: date,
         actor: Actor, now: datetime) -> int:
    assert leader.id is not None
    morning = rng.random() < 0.7
    start, end = (450, 690) if morning else (810, 1020)
    post = latest_publication_day(day, calendar)
    if rng.random() < 0.1:  # posted late: two days before
        post = day - timedelta(days=2)
    else:  # a few working days earlier than the last day allowed
        for _ in range(rng.randint(0, 3)):
            post -= timedelta(days=1)
            while not calendar.is_working_day(post):
                post -= timedelta(days=1)
    published = post if post <= today else None  # not posted yet
    status = SessionStatus.PLANNED
    if cancel:
        status = SessionStatus.CANCELLED
    created = min(_moment(published or today, 480), now)
    row = ReceptionSession(
        uid=str(uuid.UUID(int=rng.getrandbits(128))), status=status.value, day=day,
        start_minute=start, end_minute=end, place=PLACE, leader_staff_id=leader.id,
        leader_role=role.value,
        delegation_note=("" if role is LeaderRole.CHAIR else
                         "Giấy ủy quyền của Chủ tịch UBND xã"),
        matters=rng.choice(MATTERS), published_on=published, no_citizen=False,
        outcome_note="", cancel_reason="Lãnh đạo họp đột xuất cấp trên" if cancel else "",
        created_at=created, created_by="demo", updated_at=created, version=1)
    session.add(row)
    session.flush()
    assert row.id is not None
    clerk = rng.choice(clerks)
    members = [ReceptionSessionMember(session_id=row.id, position=0,
                                      kind=ParticipantKind.STAFF.value, staff_id=clerk.id,
                                      name=clerk.full_name, role_note="ghi biên bản")]
    for pos, body in enumerate(rng.sample(BODIES, 2), start=1):
        members.append(ReceptionSessionMember(session_id=row.id, position=pos,
                                              kind=ParticipantKind.BODY.value, name=body,
                                              role_note=""))
    session.add_all(members)
    session.flush()
    relink_day(session, day, actor, now)
    visits = session_queries.visit_counts(session, [row.id]).get(row.id, (0, 0))[0]
    if not cancel and day < today:
        row.status = SessionStatus.HELD.value
        row.no_citizen = visits == 0
        row.outcome_note = ("Lãnh đạo có mặt đủ thời gian theo lịch, không có công dân đến."
                            if visits == 0 else f"Tiếp {visits} lượt công dân.")
        row.updated_at = max(created, min(_moment(day, end), now))
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create",
                   entity="reception_session", entity_id=row.id,
                   after={"day": day.isoformat(), "status": row.status, "demo": True})
    if row.status == SessionStatus.HELD.value and visits and rng.random() < 0.5:
        _conclusion(session, rng, calendar, row, leader, today, actor, now)
    return 1


def _conclusion(session: Session, rng: random.Random, calendar: WorkingCalendar,
                row: ReceptionSession, leader: Staff, today: date, actor: Actor,
                now: datetime) -> None:
    assert row.id is not None
    issued = min(calendar.add_working_days(row.day, rng.randint(1, 3)), today)
    number = counters.next_counter_value(session, "session_conclusion", issued.year)
    at = min(_moment(issued, 540), now)
    notice = SessionConclusion(session_id=row.id, year=issued.year, number=number,
                               issued_on=issued, visit_id=None, text=rng.choice(CONCLUSIONS),
                               created_at=at, created_by="demo", version=1)
    session.add(notice)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create",
                   entity="session_conclusion", entity_id=notice.id,
                   after={"number": number, "year": issued.year, "demo": True})
    for body in rng.sample(BODIES, rng.randint(1, 2)):
        due = calendar.add_working_days(issued, rng.randint(10, 20))
        done = None
        if due < today and rng.random() < 0.85:  # most done in time, a few left overdue
            done = min(_moment(calendar.add_working_days(issued, rng.randint(3, 10)), 600),
                       now)
        directive = Directive(case_id=None, text=rng.choice(TASKS), assignee_staff_id=None,
                              due_on=due, given_by=leader.full_name, given_at=at,
                              acknowledged_at=done, acknowledged_by="demo" if done else "",
                              done_at=done, conclusion_id=notice.id, assignee_body=body)
        session.add(directive)
        session.flush()
        repo.add_audit(session, at=now, actor=actor.name, action="create", entity="directive",
                       entity_id=directive.id,
                       after={"conclusion_id": notice.id, "due_on": due.isoformat(),
                              "demo": True})
