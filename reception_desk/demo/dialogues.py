"""Demo dialogues on complaint cases (issue 14 item 5): a held dialogue, with its participants,
opinions and result, for every demo complaint whose walk went through the dialogue stage; a
dialogue scheduled in the coming days for some open ones; and the office's record that the
verification result differs from the request on the first complaints that had a dialogue and
on a few decided without one — those show the missing-dialogue flag (Luật KN 2011 Art. 30 as
LEGAL.md §8.2 cites it), as do the second complaints decided without one (Art. 39)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.demo.cases import PlannedCase
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.dates import day_start
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow
from reception_desk.storage.models import Staff

PLACE = "Hội trường Ủy ban nhân dân xã"
_RESULTS = (
    "Người khiếu nại và người bị khiếu nại thống nhất đo đạc lại diện tích thửa đất; người "
    "khiếu nại rút một phần nội dung khiếu nại.",
    "Hai bên giữ nguyên ý kiến; người giải quyết khiếu nại sẽ xem xét, ban hành quyết định "
    "theo quy định.",
    "Người bị khiếu nại nhận thiếu sót trong việc thông báo; đề nghị khắc phục trong 10 ngày.",
)
_OPINIONS = {
    ParticipantRole.PRESIDING: "Đề nghị các bên trình bày ý kiến, cung cấp tài liệu bổ sung.",
    ParticipantRole.COMPLAINANT: "Giữ nguyên yêu cầu như trong đơn khiếu nại.",
    ParticipantRole.RESPONDENT: "Việc ban hành quyết định là đúng trình tự, thủ tục.",
}
_COMPLAINTS = ("complaint_first", "complaint_second")
_OPEN_WORK = (CaseStage.ACCEPTED, CaseStage.VERIFYING)


def verification_of(rng: random.Random, case: PlannedCase) -> bool | None:
    """The ``case_file.verification_differs`` value of a planned case (every row gets the key:
    the bulk insert wants the same keys in every row)."""
    if case.row["case_type"] != "complaint_first":
        return None
    if any(e["kind"] == "dialogue" for e in case.events):
        return True
    if case.state.decided_on is not None and rng.random() < 0.3:
        return True  # decided without the dialogue the law asked for: flagged
    return rng.choice((None, False))


def _staff(session: Session) -> tuple[str, str, str]:
    """(presiding leader name, title), minute-taker name."""
    rows = list(session.scalars(select(Staff)))
    leader = next((s for s in rows if s.role == "chair"), None) or next(
        (s for s in rows if s.role != "clerk"), None)
    clerk = next((s for s in rows if s.role == "clerk"), None)
    return (leader.full_name if leader else "Chủ tịch UBND xã",
            leader.position if leader else "Chủ tịch UBND xã",
            clerk.full_name if clerk else "")


def insert(session: Session, rng: random.Random, planned: Sequence[PlannedCase],
           now: datetime) -> list[int]:
    """Insert the dialogues of the chunk's complaint cases; returns their ids (to audit)."""
    complaints = [p for p in planned if p.row["case_type"] in _COMPLAINTS]
    if not complaints:
        return []
    names = dict(session.execute(select(col(Citizen.id), col(Citizen.full_name)).where(
        col(Citizen.id).in_([p.matter.citizen_id for p in complaints]))).all())
    leader, title, taker = _staff(session)
    rows: list[tuple[DialogueRow, list[tuple[ParticipantRole, str, str]]]] = []
    for p in complaints:
        case_id = p.matter.case_id
        if case_id is None:
            continue
        people = [(ParticipantRole.PRESIDING, leader, title),
                  (ParticipantRole.COMPLAINANT, names.get(p.matter.citizen_id, ""), ""),
                  (ParticipantRole.RESPONDENT, str(p.row["respondents"] or "")[:200], "")]
        if taker:
            people.append((ParticipantRole.MINUTE_TAKER, taker, "Công chức"))
        people = [x for x in people if x[1]]
        held = [e for e in p.events if e["kind"] == "dialogue"]
        for event in held[:1]:
            at: datetime = event["moment"]
            rows.append((DialogueRow(
                case_id=case_id, status=DialogueStatus.HELD.value,
                scheduled_at=at, place=PLACE, invited_on=(at - timedelta(days=7)).date(),
                topic=str(p.row["title"]), held_at=at, result=rng.choice(_RESULTS),
                created_at=at, created_by="Dữ liệu mẫu", updated_at=at), people))
        if not held and p.state.stage in _OPEN_WORK and rng.random() < 0.3:
            at = day_start(now.date() + timedelta(days=rng.randint(6, 12)), time(8, 0))
            rows.append((DialogueRow(
                case_id=case_id, status=DialogueStatus.SCHEDULED.value,
                scheduled_at=at, place=PLACE, invited_on=now.date(),
                topic=str(p.row["title"]), created_at=now, created_by="Dữ liệu mẫu",
                updated_at=now), people))
    for row, _people in rows:
        session.add(row)
    session.flush()
    parts: list[dict[str, Any]] = []
    for row, people in rows:
        for position, (role, name, what) in enumerate(people, start=1):
            opinion = _OPINIONS.get(role, "") if row.status == DialogueStatus.HELD.value else ""
            parts.append({"dialogue_id": row.id, "position": position, "role": role.value,
                          "name": name, "title": what, "opinion": opinion})
    if parts:
        session.execute(DialogueParticipantRow.__table__.insert(), parts)  # type: ignore[attr-defined]
    return [int(row.id) for row, _p in rows if row.id is not None]
