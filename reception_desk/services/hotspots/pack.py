"""The chairperson's weekly review pack: overdue cases, cases due next week, crowd visits, and
the printable pack with the office's header."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.dates import office_day
from reception_desk.domain.deadlines import status_for
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.numbering import visit_stt
from reception_desk.printing.weekly_pack import PackCrowdVisit
from reception_desk.printing.weekly_pack import PackDirective
from reception_desk.printing.weekly_pack import PackDueCase
from reception_desk.printing.weekly_pack import PackDuty
from reception_desk.printing.weekly_pack import PackHotspot
from reception_desk.printing.weekly_pack import WeeklyPackDocument
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.printing.wording import chair_of
from reception_desk.printing.wording import report_recipients
from reception_desk.printing.wording import report_writer
from reception_desk.services.access import secrecy
from reception_desk.services.hotspots.directives import list_directives
from reception_desk.services.hotspots.dto import CaseDueLine
from reception_desk.services.hotspots.dto import CrowdVisitLine
from reception_desk.services.hotspots.dto import DirectiveDTO
from reception_desk.services.hotspots.dto import WeeklyPackData
from reception_desk.services.hotspots.weekly import briefs_of
from reception_desk.services.hotspots.weekly import weekly_list
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.header import office_header
from reception_desk.services.office.rules import hotspot_policy
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.office.setup import office_chair
from reception_desk.services.sessions.duty import duty_status
from reception_desk.storage.queries import hotspots as hotspot_queries

# --------------------------------------------------------------------------- pack sections


def _due_lines(session: Session, ids: list[int], today: date,
               calendar: WorkingCalendar) -> list[CaseDueLine]:
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
    return _due_lines(session, hotspot_queries.open_cases_due(session, before=today), today,
                      calendar or office_calendar(session))


def cases_due_between(session: Session, first: date, last: date, today: date,
                      calendar: WorkingCalendar | None = None) -> list[CaseDueLine]:
    return _due_lines(session, hotspot_queries.open_cases_due(session, first=first, last=last),
                      today, calendar or office_calendar(session))


def crowd_visits(session: Session, first: date, last: date,
                 policy: HotspotPolicy | None = None) -> list[CrowdVisitLine]:
    """Crowd visits received in [first, last] (linked to a case or not), oldest first."""
    policy = policy or hotspot_policy(session)
    rows = hotspot_queries.crowd_visits(session, first, last, policy.crowd_threshold,
                                        policy.crowd_delegation)
    briefs = briefs_of(session, (r.case_id for r in rows if r.case_id is not None))
    # The representative of a denunciation under secrecy is named nowhere (Luật Tố cáo Art. 9).
    names = secrecy.sender_names(session, (r.id for r in rows), IDENTITY_WITHHELD)
    return [CrowdVisitLine(r.id, visit_stt(r.seq, r.year, r.legacy_stt, r.legacy_year),
                           r.reception_date, names[r.id], r.people_count, bool(r.delegation),
                           bool(r.incident), r.content,
                           r.case_id, briefs[r.case_id].number if r.case_id in briefs else "")
            for r in rows]


# --------------------------------------------------------------------------- pack


def open_on(directives: list[DirectiveDTO], day: date) -> list[DirectiveDTO]:
    """The directives as they stood on ``day``: given by then and not yet done then (the pack of
    an earlier week lists neither a directive given later nor drops one done later)."""
    return [d for d in directives
            if office_day(d.given_at) <= day and (d.done_at is None or office_day(d.done_at) > day)]


def weekly_pack(session: Session, week: IsoWeek, today: date) -> WeeklyPackData:
    """The data of the chairperson's weekly review pack."""
    policy = hotspot_policy(session)
    listing = weekly_list(session, week, today, policy)
    day = listing.reference_day
    calendar = office_calendar(session)
    nxt = week.shifted(1)
    chair = office_chair(session)
    return WeeklyPackData(
        week=week, reference_day=day, hotspots=listing.rows,
        overdue=overdue_cases(session, day, calendar),
        due_next_week=cases_due_between(session, nxt.monday, nxt.sunday, day, calendar),
        crowd_visits=crowd_visits(session, week.monday, week.sunday, policy),
        directives=open_on(list_directives(session, day, open_only=False, calendar=calendar),
                           day),
        policy=policy, chair_name=chair.full_name if chair else "",
        field_labels=hotspot_queries.field_labels(session),
        duty=duty_status(session, week.monday, week.sunday, day, calendar),
    )


# --------------------------------------------------------------------------- printing


def pack_document(data: WeeklyPackData, profile: OfficeProfile | None,
                  prepared_by: str = "", chain_head: str = "") -> WeeklyPackDocument:
    """The printable pack from the pack data."""
    header = office_header(profile, data.chair_name)
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
        signature=report_writer(prepared_by),
        addressee=chair_of(header),
        field_labels=data.field_labels,
        recipients=report_recipients(header),
        chain_head=chain_head,
        duty=[PackDuty(p.label, p.required, p.held_days, p.planned_days, p.state.value,
                       p.rule.source) for p in data.duty],
    )


def _pack_due(line: CaseDueLine) -> PackDueCase:
    assert line.case.due_on is not None
    return PackDueCase(line.case.number, line.case.title, line.case.due_on,
                       line.calendar_days_left, line.working_days_left)
