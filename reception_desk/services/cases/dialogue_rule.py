"""The dialogue rule applied to stored cases: the office's policy (settings), a case's
dialogue summary for its page, and the days from which a missing dialogue flags open cases
(hotspots). The rule itself is domain.dialogues."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import timedelta

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseType
from reception_desk.domain.dates import office_day
from reception_desk.domain.dates import office_time
from reception_desk.domain.dialogues import POLICY_KEY
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import Requirement
from reception_desk.domain.dialogues import missing_dialogue
from reception_desk.domain.dialogues import requirement
from reception_desk.services.cases.dialogue_dto import DialogueDTO
from reception_desk.services.cases.dialogue_dto import DialogueSummary
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow
from reception_desk.storage.queries import dialogues as q


def policy(session: Session) -> DialoguePolicy:
    """The office's dialogue rule (defaults when never saved)."""
    return DialoguePolicy.from_json(repo.get_setting(session, POLICY_KEY))


def participant_of(row: DialogueParticipantRow) -> Participant:
    return Participant(ParticipantRole(row.role), row.name, row.title, row.opinion)


def dialogue_dto(row: DialogueRow, people: Iterable[DialogueParticipantRow]) -> DialogueDTO:
    assert row.id is not None
    return DialogueDTO(
        id=row.id, case_id=row.case_id, status=DialogueStatus(row.status),
        scheduled_at=office_time(row.scheduled_at), place=row.place, invited_on=row.invited_on,
        topic=row.topic, held_at=office_time(row.held_at) if row.held_at else None,
        result=row.result, cancel_reason=row.cancel_reason,
        participants=tuple(participant_of(p) for p in people), created_by=row.created_by,
        version=row.version)


def dialogues_of(session: Session, case_id: int) -> tuple[DialogueDTO, ...]:
    rows = q.dialogues_of(session, case_id)
    people = q.participants_of(session, (r.id for r in rows if r.id is not None))
    return tuple(dialogue_dto(r, people.get(r.id or 0, ())) for r in rows)


def summary(session: Session, case_id: int, case_type: CaseType,
            verification_differs: bool | None, *, decided_on: date | None,
            due: date | None, working_days_left: int | None) -> DialogueSummary | None:
    """The case page's dialogue part; None for a case that is not a complaint."""
    if not case_type.is_complaint:
        return None
    rule = policy(session)
    answer = requirement(case_type, verification_differs, rule)
    dialogues = dialogues_of(session, case_id)
    held = [office_day(d.held_at) for d in dialogues
            if d.status is DialogueStatus.HELD and d.held_at is not None]
    flag = missing_dialogue(answer, held, decided_on=decided_on, due=due,
                            working_days_left=working_days_left, policy=rule)
    return DialogueSummary(answer.requirement, answer.basis, verification_differs, flag,
                           dialogues)


def warn_from(session: Session, candidates: Iterable[tuple[int, date | None]],
              calendar: WorkingCalendar) -> dict[int, tuple[date, str]]:
    """For open cases (id, due date of the running stage): the first day a missing dialogue
    flags each complaint case that needs one and has none held, with the rule's basis.

    The day is ``warn_working_days`` working days before the due date (the domain's
    DEADLINE_NEAR), so a past week is judged as it stood then. A case with a dialogue held is
    left out (held before its decision: open cases are undecided).
    """
    dues = {cid: due for cid, due in candidates if due is not None}
    if not dues:
        return {}
    rule = policy(session)
    complaints = q.complaint_cases(session, dues)
    held = q.held_moments(session, [c[0] for c in complaints])
    out: dict[int, tuple[date, str]] = {}
    for cid, ctype, differs in complaints:
        answer = requirement(CaseType(ctype), differs, rule)
        if answer.requirement is not Requirement.REQUIRED or held.get(cid):
            continue
        due = dues[cid]
        out[cid] = (_working_days_before(calendar, due, rule.warn_working_days), answer.basis)
    return out


def _working_days_before(calendar: WorkingCalendar, due: date, n: int) -> date:
    """The first day on which at most ``n`` working days are left before ``due`` (counted as
    ``domain.deadlines.status_for`` counts them: working days in (today, due])."""
    day = due
    limit = due - timedelta(days=400)
    while day > limit and calendar.working_days_between(day - _ONE_DAY, due) <= n:
        day -= _ONE_DAY
    return day


_ONE_DAY = timedelta(days=1)
