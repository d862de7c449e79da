"""Recording what the statutory reports need of a case that no event says (issue 13):
eligibility (đủ điều kiện xử lý), urging the competent body (đôn đốc) and a reply received for a
transfer. Compare-and-set on the case's version; one audit row a change."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.dates import office_day
from reception_desk.domain.report_forms import ACCEPTED
from reception_desk.domain.report_forms import HANDLING_EVENTS
from reception_desk.domain.report_forms import NOT_COMPETENT
from reception_desk.errors import UserError
from reception_desk.services.cases.detail import case_detail
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.cases.history import event_rows
from reception_desk.services.cases.history import load_case
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseFile


def report_facts_json(case: CaseFile) -> dict[str, Any]:
    return {
        "eligible": case.eligible,
        "urged_on": case.urged_on.isoformat() if case.urged_on else None,
        "reply_received_on": (case.reply_received_on.isoformat()
                              if case.reply_received_on else None),
    }


def set_report_facts(session: Session, case_id: int, facts: CaseReportFacts,
                     expected_version: int | None, actor: Actor,
                     now: datetime) -> tuple[CaseDetail, Changes]:
    """Record ``facts`` on the case. Refused: eligible for a case whose first handling was to
    refuse, file or withdraw (the forms have no result column for it); urging without a
    transfer or guidance; a reply without a transfer; a day in the future or before receipt."""
    require_aware(now)
    case = load_case(session, case_id, lock=True)
    if expected_version is not None and expected_version != case.version:
        raise UserError("case.changed_elsewhere", case_id=case.id)
    kinds = [r.kind for r in event_rows(session, case_id)]
    first = next((k for k in kinds if k in HANDLING_EVENTS), None)
    if facts.eligible and first is not None and first not in ACCEPTED | NOT_COMPETENT:
        raise UserError("report.eligible_contradicts", field="eligible")
    if facts.urged_on is not None and first not in NOT_COMPETENT:
        raise UserError("report.urged_needs_transfer", field="urged_on")
    if facts.reply_received_on is not None and "transfer" not in kinds:
        raise UserError("report.reply_needs_transfer", field="reply_received_on")
    today = office_day(now)
    for name, day in (("urged_on", facts.urged_on),
                      ("reply_received_on", facts.reply_received_on)):
        _check_day(name, day, case.received_on, today)
    if (case.eligible, case.urged_on, case.reply_received_on) == (
            facts.eligible, facts.urged_on, facts.reply_received_on):
        return case_detail(session, case_id, today), Changes()
    before = report_facts_json(case)
    case.eligible = facts.eligible
    case.urged_on = facts.urged_on
    case.reply_received_on = facts.reply_received_on
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="report_facts", entity="case",
                   entity_id=case_id, before=before, after=report_facts_json(case))
    return case_detail(session, case_id, today), Changes(cases={case_id})


def _check_day(name: str, day: date | None, received: date, today: date) -> None:
    if day is None:
        return
    if day > today:
        raise UserError("report.day_in_future", field=name, on=day.strftime("%d/%m/%Y"))
    if day < received:
        raise UserError("report.day_before_receipt", field=name, on=day.strftime("%d/%m/%Y"),
                        received=received.strftime("%d/%m/%Y"))
