"""Dialogues on complaint cases (issue 14 item 5): schedule, record as held with the opinions
and the result, cancel; the office's record of whether verification and request differ; the
office's dialogue policy. Every change is audited (entity ``dialogue``, snapshotted with its
participants). A held dialogue joins the case timeline as a DIALOGUE event when the case's stage
allows one (the state machine: accepted or verifying)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import allowed_events
from reception_desk.domain.dates import office_day
from reception_desk.domain.dialogues import MAX_TEXT
from reception_desk.domain.dialogues import POLICY_KEY
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import check_cancel
from reception_desk.domain.dialogues import check_hold
from reception_desk.domain.dialogues import check_schedule
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.services.cases import events
from reception_desk.services.cases.dialogue_dto import DialogueDTO
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dialogue_rule import dialogue_dto
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.history import case_json
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import event_rows
from reception_desk.services.cases.history import load_case
from reception_desk.services.cases.history import state_of
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.found import found
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow
from reception_desk.storage.queries import dialogues as q


def _rows(dialogue_id: int, people: Sequence[Participant]) -> list[DialogueParticipantRow]:
    return [DialogueParticipantRow(dialogue_id=dialogue_id, position=i, role=p.role.value,
                                   name=p.name, title=p.position, opinion=p.opinion)
            for i, p in enumerate(people, start=1)]


def _view(row: DialogueRow, people: Sequence[Participant]) -> dict[str, Any]:
    def iso(x: Any) -> Any:
        return x.isoformat() if x is not None else None

    return {"case_id": row.case_id, "status": row.status, "scheduled_at": iso(row.scheduled_at),
            "place": row.place, "invited_on": iso(row.invited_on), "topic": row.topic,
            "held_at": iso(row.held_at), "result": row.result,
            "cancel_reason": row.cancel_reason,
            "participants": [{"role": p.role.value, "name": p.name, "title": p.position,
                              "opinion": p.opinion} for p in people]}


def _people(session: Session, row: DialogueRow) -> list[Participant]:
    assert row.id is not None
    return [Participant(ParticipantRole(p.role), p.name, p.title, p.opinion)
            for p in q.participants_of(session, [row.id])[row.id]]


def _load(session: Session, dialogue_id: int) -> DialogueRow:
    return found(session.get(DialogueRow, dialogue_id, with_for_update=True),
                 "dialogue.not_found", dialogue_id=dialogue_id)


def _dto(session: Session, row: DialogueRow) -> DialogueDTO:
    assert row.id is not None
    return dialogue_dto(row, q.participants_of(session, [row.id])[row.id])


def schedule(session: Session, cmd: ScheduleDialogue, actor: Actor,
             now: datetime) -> tuple[DialogueDTO, Changes]:
    """Schedule a dialogue on an open complaint case (audited)."""
    require_aware(now)
    require_aware(cmd.scheduled_at)
    case = load_case(session, cmd.case_id, lock=True)
    if case.stage in ("closed", "filed"):
        raise UserError("dialogue.case_closed", case_id=cmd.case_id)
    people = [Participant(ParticipantRole(p.role), clean_line(p.name), clean_line(p.position),
                          "") for p in cmd.participants]
    place = clean_line(cmd.place)
    check_schedule(CaseType(case.case_type), cmd.scheduled_at, place, people)
    if cmd.invited_on is not None and cmd.invited_on > office_day(now):
        raise UserError("dialogue.invited_in_future", field="invited_on")
    row = DialogueRow(case_id=cmd.case_id, status=DialogueStatus.SCHEDULED.value,
                      scheduled_at=cmd.scheduled_at, place=place, invited_on=cmd.invited_on,
                      topic=clean_block(cmd.topic), created_at=now, created_by=actor.name,
                      updated_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    q.replace_participants(session, row.id, _rows(row.id, people))
    repo.add_audit(session, at=now, actor=actor.name, action="create", entity="dialogue",
                   entity_id=row.id, after=_view(row, people))
    return _dto(session, row), Changes(cases={cmd.case_id})


def hold(session: Session, cmd: HoldDialogue, actor: Actor,
         now: datetime) -> tuple[DialogueDTO, Changes]:
    """Record the dialogue as held, with who sat, what each said and the result (audited).

    The case gets a DIALOGUE event dated the day it was held when its stage allows one, so the
    dialogue shows in the case timeline and the case moves to the dialogue stage.
    """
    require_aware(now)
    require_aware(cmd.held_at)
    row = _load(session, cmd.dialogue_id)
    if cmd.expected_version is not None and cmd.expected_version != row.version:
        raise UserError("dialogue.changed_elsewhere", dialogue_id=cmd.dialogue_id)
    result = clean_block(cmd.result)
    check_hold(DialogueStatus(row.status), row.scheduled_at, cmd.held_at, now, result)
    people = [Participant(ParticipantRole(p.role), clean_line(p.name), clean_line(p.position),
                          clean_block(p.opinion)) for p in cmd.participants] or _people(
        session, row)
    case = load_case(session, row.case_id, lock=True)
    check_schedule(CaseType(case.case_type), cmd.held_at, row.place, people)
    for p in people:
        if len(p.opinion) > MAX_TEXT:
            raise UserError("text.too_long", field="participants", max=MAX_TEXT,
                            actual=len(p.opinion))
    before = _view(row, _people(session, row))
    row.status = DialogueStatus.HELD.value
    row.held_at = cmd.held_at
    row.result = result
    row.updated_at = now
    row.version += 1
    assert row.id is not None
    q.replace_participants(session, row.id, _rows(row.id, people))
    repo.add_audit(session, at=now, actor=actor.name, action="hold", entity="dialogue",
                   entity_id=row.id, before=before, after=_view(row, people))
    _join_timeline(session, row, actor, now)
    return _dto(session, row), Changes(cases={row.case_id})


def _join_timeline(session: Session, row: DialogueRow, actor: Actor, now: datetime) -> None:
    case = load_case(session, row.case_id)
    state = state_of(case, [event_of(r) for r in event_rows(session, row.case_id)])
    assert row.held_at is not None
    day = office_day(row.held_at)
    if EventKind.DIALOGUE not in allowed_events(state) or day < state.last_on:
        return  # already in the dialogue stage, decided, or dated before the last event
    note = f"{row.place}. {row.result}"[:MAX_TEXT]
    events.record_event(session, EventDraft(case_id=row.case_id, kind=EventKind.DIALOGUE,
                                            document_date=day, note=note), actor, now)


def cancel(session: Session, dialogue_id: int, reason: str, actor: Actor,
           now: datetime) -> tuple[DialogueDTO, Changes]:
    """Cancel a scheduled dialogue, with the reason (audited)."""
    require_aware(now)
    row = _load(session, dialogue_id)
    text = clean_block(reason)
    check_cancel(DialogueStatus(row.status), text)
    people = _people(session, row)
    before = _view(row, people)
    row.status = DialogueStatus.CANCELLED.value
    row.cancel_reason = text
    row.updated_at = now
    row.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="cancel", entity="dialogue",
                   entity_id=row.id, before=before, after=_view(row, people))
    return _dto(session, row), Changes(cases={row.case_id})


def get(session: Session, dialogue_id: int) -> DialogueDTO:
    row = session.get(DialogueRow, dialogue_id)
    if row is None:
        raise UserError("dialogue.not_found", dialogue_id=dialogue_id)
    return _dto(session, row)


def set_verification_differs(session: Session, case_id: int, differs: bool | None,
                             actor: Actor, now: datetime) -> Changes:
    """Record whether the complainant's request and the verification result still differ
    (Luật KN 2011 Art. 30: what makes a first-time complaint need a dialogue). Audited."""
    require_aware(now)
    case = load_case(session, case_id, lock=True)
    if not CaseType(case.case_type).is_complaint:
        raise UserError("dialogue.only_for_complaints", case_type=case.case_type)
    if case.verification_differs == differs:
        return Changes()
    before = {**case_json(case), "verification_differs": case.verification_differs}
    case.verification_differs = differs
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="update", entity="case",
                   entity_id=case_id, before=before,
                   after={**case_json(case), "verification_differs": differs})
    return Changes(cases={case_id})


def save_policy(session: Session, policy: DialoguePolicy, actor: Actor, now: datetime,
                expected_version: int | None = None) -> Changes:
    """Save the office's dialogue rule (settings; compare-and-set on the setting's version)."""
    require_aware(now)
    DialoguePolicy.from_json(policy.to_json())  # validates
    before = repo.put_setting(session, POLICY_KEY, policy.to_json(), at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting",
                   entity_id=POLICY_KEY, before=before, after=policy.to_json())
    return Changes(settings={POLICY_KEY})
