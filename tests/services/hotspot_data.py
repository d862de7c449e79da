"""Rows for hotspot tests, written straight into the case tables (the schema is the contract with
the cases feature; its services are not needed to set up a case in a given state)."""

from __future__ import annotations

import uuid
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Visit
from tests.conftest import sample_draft


def _as_the_services_would(s: Any, entity: str, record_id: int, now: datetime) -> None:
    """The audit row a service writes with each change (the chain snapshots the record)."""
    repo.add_audit(s, at=now, actor="test", action="test_data", entity=entity,
                   entity_id=record_id)


def add_case(desk: Any, *, title: str = "Tranh chấp ranh giới thửa đất", stage: str = "accepted",
             received_on: date, due_on: date | None = None, field_code: str | None = None,
             criteria: list[str] | None = None, within: bool = True,
             closed_on: date | None = None, case_type: str = "complaint_first",
             level: str = "commune", previous: int | None = None) -> int:
    """``previous``: the first-time complaint a second-time one follows (link
    "second_complaint")."""
    now = desk.now()
    with desk.db.session() as s:
        seq = (s.scalar(select(func.max(CaseFile.seq)).where(
            CaseFile.year == received_on.year)) or 0) + 1
        row = CaseFile(uid=str(uuid.uuid4()), year=received_on.year, seq=seq,
                       case_type=case_type, title=title, title_key=title.lower(),
                       field_code=field_code, level=level, criteria=criteria,
                       within_commune_competence=within, stage=stage, received_on=received_on,
                       due_on=due_on, closed_on=closed_on, created_at=now, created_by="test",
                       updated_at=now, previous_case_id=previous,
                       link_kind="second_complaint" if previous is not None else None)
        s.add(row)
        s.flush()
        assert row.id is not None
        s.add(CaseEventRow(case_id=row.id, position=1, kind="receive", actor="test",
                           moment=datetime.combine(received_on, time(3), UTC),
                           level="commune"))
        counters.raise_counter_to(s, "case", received_on.year, seq)
        _as_the_services_would(s, "case", row.id, now)
        return row.id


def add_event(desk: Any, case_id: int, kind: str, on: date, level: str | None = None,
              position: int = 2) -> int:
    with desk.db.session() as s:
        row = CaseEventRow(case_id=case_id, position=position, kind=kind, actor="test",
                           moment=datetime.combine(on, time(3), UTC), document_date=on,
                           level=level)
        s.add(row)
        s.flush()
        assert row.id is not None
        _as_the_services_would(s, "case", case_id, desk.now())
        return row.id


def add_visit(desk: Any, case_id: int | None, on: date, *, people: int = 1,
              delegation: bool = False, incident: bool = False,
              name: str = "Nguyễn Văn Đức", **draft: Any) -> int:
    """A visit logged through the visit service, then dated and linked as the test needs."""
    detail, _ = desk.log_visit(sample_draft(desk, citizen_name=name, **draft))
    with desk.db.session() as s:
        s.execute(update(Visit).where(Visit.id == detail.id).values(
            case_id=case_id, reception_date=on, people_count=people, delegation=delegation,
            incident=incident))
        _as_the_services_would(s, "visit", detail.id, desk.now())
    return int(detail.id)
