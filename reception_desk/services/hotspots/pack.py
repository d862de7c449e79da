"""The chairperson's weekly review pack: overdue cases, cases due next week, crowd visits, and
the printable pack with the office's header."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import status_for
from reception_desk.domain.hotspots import (
    HotspotPolicy,
    IsoWeek,
)
from reception_desk.printing.dto import OfficeHeader, SignatureBlock
from reception_desk.printing.weekly_pack import (
    PackCrowdVisit,
    PackDirective,
    PackDueCase,
    PackHotspot,
    WeeklyPackDocument,
)
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.services.access import secrecy
from reception_desk.services.hotspots.directives import list_directives
from reception_desk.services.hotspots.dto import (
    CaseDueLine,
    CrowdVisitLine,
    WeeklyPackData,
)
from reception_desk.services.hotspots.weekly import (
    CASE,
    OPEN_STAGES,
    STAFF,
    VISIT,
    briefs_of,
    case_number,
    field_labels,
    get_policy,
    office_calendar,
    weekly_list,
)
from reception_desk.services.office.dto import OfficeProfile

# --------------------------------------------------------------------------- pack sections


def _due_lines(session: Session, where: Any, today: date,
               calendar: WorkingCalendar) -> list[CaseDueLine]:
    c = CASE.c
    ids = [row[0] for row in session.execute(
        select(c.id).where(c.stage.in_(OPEN_STAGES), c.due_on.is_not(None), where)
        .order_by(c.due_on, c.id)).all()]
    briefs = briefs_of(session, ids)
    out = []
    for cid in ids:
        brief = briefs[cid]
        assert brief.due_on is not None
        st = status_for(brief.due_on, today, calendar)
        out.append(CaseDueLine(brief, st.status, st.working_days_left, st.calendar_days_left))
    return out


def overdue_cases(session: Session, today: date,
                  calendar: WorkingCalendar | None = None) -> list[CaseDueLine]:
    c = CASE.c
    return _due_lines(session, c.due_on < today, today, calendar or office_calendar(session))


def cases_due_between(session: Session, first: date, last: date, today: date,
                      calendar: WorkingCalendar | None = None) -> list[CaseDueLine]:
    c = CASE.c
    return _due_lines(session, and_(c.due_on >= first, c.due_on <= last), today,
                      calendar or office_calendar(session))


def crowd_visits(session: Session, first: date, last: date,
                 policy: HotspotPolicy | None = None) -> list[CrowdVisitLine]:
    """Crowd visits received in [first, last] (linked to a case or not), oldest first."""
    policy = policy or get_policy(session)
    v = VISIT.c
    signal = v.people_count >= policy.crowd_threshold
    if policy.crowd_delegation:
        signal = or_(signal, v.delegation.is_(True))
    rows = session.execute(
        select(v.id, v.seq, v.year, v.reception_date, v.citizen_name, v.people_count,
               v.delegation, v.incident, v.content, v.case_id)
        .where(v.reception_date >= first, v.reception_date <= last, v.voided_at.is_(None),
               signal)
        .order_by(v.reception_date, v.seq)).all()
    briefs = briefs_of(session, (r.case_id for r in rows if r.case_id is not None))
    # The representative of a denunciation under secrecy is named nowhere (Luật Tố cáo Art. 9).
    names = secrecy.sender_names(session, (r.id for r in rows), IDENTITY_WITHHELD)
    return [CrowdVisitLine(r.id, case_number(r.seq, r.year), r.reception_date, names[r.id],
                           r.people_count, bool(r.delegation), bool(r.incident), r.content,
                           r.case_id, briefs[r.case_id].number if r.case_id in briefs else "")
            for r in rows]


# --------------------------------------------------------------------------- pack


def weekly_pack(session: Session, week: IsoWeek, today: date) -> WeeklyPackData:
    """The data of the chairperson's weekly review pack."""
    policy = get_policy(session)
    listing = weekly_list(session, week, today, policy)
    day = listing.reference_day
    calendar = office_calendar(session)
    nxt = week.shifted(1)
    chair = session.execute(select(STAFF.full_name).where(
        STAFF.role == "chair", STAFF.active.is_(True)).order_by(STAFF.id).limit(1)).scalar()
    return WeeklyPackData(
        week=week, reference_day=day, hotspots=listing.rows,
        overdue=overdue_cases(session, day, calendar),
        due_next_week=cases_due_between(session, nxt.monday, nxt.sunday, day, calendar),
        crowd_visits=crowd_visits(session, week.monday, week.sunday, policy),
        directives=list_directives(session, day, calendar=calendar),
        policy=policy, chair_name=chair or "", field_labels=field_labels(session),
    )



# --------------------------------------------------------------------------- printing


def office_header(profile: OfficeProfile | None) -> OfficeHeader:
    """The office as the printing layer needs it (NĐ 30/2020 box 2)."""
    if profile is None:
        return OfficeHeader(body_name="ỦY BAN NHÂN DÂN", place_name="")
    body = profile.body_name.strip()
    prefix = "ỦY BAN NHÂN DÂN "
    if body.upper().startswith(prefix) and "\n" not in body:
        body = prefix.strip() + "\n" + body[len(prefix):]
    unit, _sep, _rest = profile.commune_name.partition(" ")
    if profile.commune_name.startswith("Đặc khu"):
        unit = "Đặc khu"
    return OfficeHeader(body_name=body, place_name=profile.place_name,
                        symbol=profile.doc_symbol or "UBND",
                        superior_body=profile.superior_body or None, unit_kind=unit or "Xã")


def pack_document(data: WeeklyPackData, profile: OfficeProfile | None,
                  prepared_by: str = "") -> WeeklyPackDocument:
    """The printable pack from the pack data."""
    header = office_header(profile)
    return WeeklyPackDocument(
        office=header,
        week=data.week,
        issued_on=data.reference_day,
        hotspots=[PackHotspot(h.rank, h.trend, h.case.number, h.case.title, h.case.field_label,
                              h.score, h.flags) for h in data.hotspots],
        overdue=[_pack_due(c) for c in data.overdue],
        due_next_week=[_pack_due(c) for c in data.due_next_week],
        crowd_visits=[PackCrowdVisit(v.number, v.reception_date, v.citizen_name, v.people_count,
                                     v.delegation, v.incident, v.content, v.case_number)
                      for v in data.crowd_visits],
        directives=[PackDirective(d.case_number, d.case_title, d.text, d.assignee_name,
                                  d.due_on, d.status, d.acknowledged_at is not None)
                    for d in data.directives],
        signature=SignatureBlock(title="Người lập báo cáo", name=prepared_by,
                                 note="(Ký, ghi rõ họ tên)"),
        addressee=f"Chủ tịch {header.sentence_name}",
        field_labels=data.field_labels,
        recipients=[f"Chủ tịch {header.sentence_name} (để chỉ đạo)", "Lưu: VT"],
    )


def _pack_due(line: CaseDueLine) -> PackDueCase:
    assert line.case.due_on is not None
    return PackDueCase(line.case.number, line.case.title, line.case.due_on,
                       line.calendar_days_left, line.working_days_left)
