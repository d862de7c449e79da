"""The printable documents of the sessions (``printing.sessions``) from what is stored."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from sqlalchemy.orm import Session

from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import minute_text
from reception_desk.errors import UserError
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import document_number
from reception_desk.printing.sessions import ConclusionNoticeData
from reception_desk.printing.sessions import EmptyMinutesData
from reception_desk.printing.sessions import InstructionLine
from reception_desk.printing.sessions import ScheduleLine
from reception_desk.printing.sessions import ScheduleNoticeData
from reception_desk.printing.sessions import render_conclusion as print_conclusion
from reception_desk.printing.sessions import render_empty_minutes as print_minutes
from reception_desk.printing.sessions import render_schedule as print_schedule
from reception_desk.printing.wording import office_seat
from reception_desk.services.office.header import header_for
from reception_desk.services.sessions import planning
from reception_desk.services.sessions.dto import SessionDTO
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Visit

_ROLE_TITLE = {LeaderRole.CHAIR: "Chủ tịch", LeaderRole.VICE_CHAIR: "Phó Chủ tịch",
               LeaderRole.DELEGATE: "Người được ủy quyền"}
_QUARTERS = ("I", "II", "III", "IV")


def month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def period_phrase(first: date, last: date) -> str:
    """ "tháng 07/2026", "quý III/2026", else "từ ngày … đến ngày …"."""
    if first.day == 1 and last == month_end(first):
        return f"tháng {first.month:02d}/{first.year}"
    if (first.day == 1 and first.month in (1, 4, 7, 10)
            and last == month_end(first.replace(month=first.month + 2))):
        return f"quý {_QUARTERS[(first.month - 1) // 3]}/{first.year}"
    return f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"


def _leader_title(s: SessionDTO, unit: str) -> str:
    if s.leader_role is LeaderRole.DELEGATE:
        return s.leader_position or _ROLE_TITLE[s.leader_role]
    return f"{_ROLE_TITLE[s.leader_role]} UBND {unit}"


def _leader(s: SessionDTO, unit: str) -> str:
    return f"{s.leader_name}, {_leader_title(s, unit)}"


def _participants(s: SessionDTO) -> list[str]:
    out = []
    for m in s.members:
        text = m.name + (f" ({m.role_note})" if m.role_note else "")
        if m.kind is ParticipantKind.BODY:
            text = "Đại diện " + text
        out.append(text)
    return out


def _signature(s: SessionDTO, chair_sig: SignatureBlock) -> SignatureBlock:
    """The chair signs for the committee; a vice chair signs KT. CHỦ TỊCH."""
    if s.leader_role is LeaderRole.VICE_CHAIR:
        return SignatureBlock(authority="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name=s.leader_name)
    if s.leader_role is LeaderRole.CHAIR:
        return SignatureBlock(authority=chair_sig.authority, title=chair_sig.title,
                              name=s.leader_name)
    return chair_sig


def render_schedule(session: Session, first: date, last: date, today: date) -> bytes:
    header = header_for(session)
    unit = header.unit_kind.lower()
    rows = [s for s in planning.list_sessions(session, first, last, today)
            if s.status.value != "cancelled"]
    lines = [ScheduleLine(s.day, s.hours, s.place, _leader(s, unit),
                          "; ".join(_participants(s)), s.matters) for s in rows]
    data = ScheduleNoticeData(
        header, period_phrase(first, last), today, lines, header.head,
        ["Ban Thường trực Ủy ban MTTQ Việt Nam " + unit, "Niêm yết tại " + office_seat(header),
         "Lưu: VT"])
    return print_schedule(data)


def render_conclusion(session: Session, conclusion_id: int, today: date) -> bytes:
    row = session.get(SessionConclusion, conclusion_id)
    if row is None:
        raise UserError("session.conclusion_not_found", conclusion_id=conclusion_id)
    s = planning.get_session(session, row.session_id, today)
    header = header_for(session)
    unit = header.unit_kind.lower()
    notice = next(c for c in s.conclusions if c.id == conclusion_id)
    matter = ""
    if row.visit_id is not None:
        visit = session.get(Visit, row.visit_id)
        matter = visit.content if visit is not None else ""
    data = ConclusionNoticeData(
        header, document_number(row.number, "TB", header.symbol), row.issued_on, s.day,
        s.hours, s.place, _leader(s, unit), s.delegation_note, _participants(s), s.visit_count,
        s.people_count, matter, row.text,
        [InstructionLine(d.assignee_name, d.text, d.due_on) for d in notice.instructions],
        _signature(s, header.head),
        [*(f"{d.assignee_name} (để thực hiện)" for d in notice.instructions
           if d.assignee_name), "Công dân có liên quan", "Lưu: VT, hồ sơ tiếp công dân"])
    return print_conclusion(data)


def render_empty_minutes(session: Session, session_id: int, today: date) -> bytes:
    s = planning.get_session(session, session_id, today)
    if s.status.value != "held" or not s.no_citizen:
        raise UserError("session.not_empty", session_id=session_id)
    header = header_for(session)
    unit = header.unit_kind.lower()
    taker = next((m.name for m in s.members if m.kind is ParticipantKind.STAFF), "")

    def spoken(minute: int) -> str:
        hh, mm = minute_text(minute).split(":")
        return f"{hh} giờ {mm} phút"

    data = EmptyMinutesData(
        header, s.day, spoken(s.start_minute), spoken(s.end_minute), s.place, s.leader_name,
        _leader_title(s, unit), s.delegation_note, _participants(s), s.published_on, s.matters,
        s.outcome_note, taker)
    return print_minutes(data)
