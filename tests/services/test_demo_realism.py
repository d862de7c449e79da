"""Demo data follows the working calendar and the transfer rules (issue 12).

- Receptions only on working days: no 01/01, Tết, 30/04, 02/09 or announced day off (LEGAL.md
  §4.4; Labour Code 2019 Art. 112).
- A complaint is guided, not transferred (Luật TCD 2013 Art. 26(1)); guidance carries no
  transfer slip number; each transfer has its own number (TT 05/2021; LEGAL.md §2.4).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlmodel import col

from reception_desk.demo import generator as demo
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.services.context import Actor
from reception_desk.storage.database import open_database
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import Visit
from tests.conftest import Clock


def test_demo_visits_are_realistic(sqlite_url):  # type: ignore[no-untyped-def]
    db = open_database(sqlite_url)
    try:
        with db.session() as s:
            demo.generate(s, 3000, seed=12, actor=Actor("demo"), now=Clock().moment)
        with db.read() as s:
            visits = [(v.year, v.reception_date, v.petition_type, v.direction,
                       v.target_doc_number, v.case_id) for v in s.scalars(select(Visit))]
            slips = {(e.case_id, e.document_number): e.document_date
                     for e in s.scalars(select(CaseEventRow).where(
                         col(CaseEventRow.kind) == "transfer"))}
    finally:
        db.dispose()
    calendar = WorkingCalendar()
    assert len(visits) == 3000
    assert all(calendar.is_working_day(day) for _, day, _, _, _, _ in visits)
    assert not [v for v in visits if v[2] == PetitionType.COMPLAINT.value
                and v[3] == HandlingDirection.TRANSFER.value]
    assert not [v for v in visits if v[3] == HandlingDirection.GUIDE.value and v[4]]
    # Each number printed on a visit is its own case's transfer slip, and no slip number
    # (number, year of the slip) is on two visits.
    numbered = [(case_id, number) for _, _, _, _, number, case_id in visits if number]
    assert numbered and all(key in slips for key in numbered)
    per_slip = Counter((number, slips[(case_id, number)].year) for case_id, number in numbered)
    assert max(per_slip.values()) == 1
