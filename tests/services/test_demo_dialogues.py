"""Demo dialogues (issue 14): complaint cases with dialogues held (participants, opinions,
result), some scheduled, and some that needed one and have none — flagged on the case page and
in the hotspot list; the demo database still checks clean against its audit chain."""

from __future__ import annotations

from sqlalchemy import select

from reception_desk.demo import generator as demo
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.hotspots import Reason
from reception_desk.services.context import Actor
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import DialogueRow
from tests.conftest import Clock
from tests.conftest import assert_record_intact
from tests.conftest import make_desk


def test_demo_has_held_scheduled_and_missing_dialogues(sqlite_url):  # type: ignore[no-untyped-def]
    desk = make_desk(sqlite_url, Clock())
    with desk.db.session() as s:
        demo.generate(s, 3000, seed=12, actor=Actor("demo"), now=Clock().moment)
    with desk.db.read() as s:
        rows = [(r.id, r.status, r.case_id) for r in s.scalars(select(DialogueRow))]
        complaints = [c.id for c in s.scalars(select(CaseFile).where(
            CaseFile.case_type.in_(("complaint_first", "complaint_second"))))]  # type: ignore[attr-defined]
    statuses = {DialogueStatus(status) for _i, status, _c in rows}
    assert DialogueStatus.HELD in statuses
    held_id, _status, held_case = next(r for r in rows if r[1] == "held")
    page = desk.cases.case(held_case)
    assert page.dialogue is not None
    shown = next(d for d in page.dialogue.dialogues if d.id == held_id)
    assert shown.result and any(p.opinion for p in shown.participants)
    flagged = [c for c in complaints
               if (d := desk.cases.case(c).dialogue) is not None and d.flag is not None]
    assert flagged, "no complaint case is missing its dialogue"
    assert len(flagged) < len(complaints)
    assert_record_intact(desk)
    week = desk.hotspots.weekly()
    assert any(Reason.NO_DIALOGUE in r.reasons for r in week.rows) or all(
        desk.cases.case(i).dialogue.flag.reason.value == "decided_without"  # type: ignore[union-attr]
        for i in flagged)
