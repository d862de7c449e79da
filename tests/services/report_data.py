"""A hand-built office for the statutory reports: visits and cases with a known answer for every
column of 01/TCD and 01/XLD in the window 2026-Q3 (15/06/2026 – 14/09/2026).

Visits are logged through the visit service, then dated, grouped and linked in the table as the
case needs (with the audit row a service would write); cases are written like hotspot_data's.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from sqlalchemy import update

from reception_desk.domain.periods import quarter
from reception_desk.services.office.dto import StaffRole
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Visit
from tests.conftest import sample_draft
from tests.services.hotspot_data import _as_the_services_would
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event

WINDOW = quarter(2026, 3)


def visit(desk: Any, on: date, *, kind: str = "regular", leader: int | None = None,
          case_id: int | None = None, people: int = 1, crowd: bool = False,
          voided: bool = False, hour: int = 2) -> int:
    detail, _ = desk.log_visit(sample_draft(desk))
    values: dict[str, Any] = dict(
        received_at=datetime.combine(on, time(hour), UTC), reception_date=on, kind=kind,
        presiding_leader_id=leader, case_id=case_id, people_count=people, delegation=crowd)
    if voided:
        values.update(voided_at=datetime.combine(on, time(hour + 1), UTC),
                      void_reason="Ghi nhầm", voided_by="test")
    with desk.db.session() as s:
        s.execute(update(Visit).where(Visit.id == detail.id).values(**values))
        _as_the_services_would(s, "visit", detail.id, desk.now())
    return int(detail.id)


def follows(desk: Any, case_id: int, previous: int, link_kind: str) -> None:
    with desk.db.session() as s:
        s.execute(update(CaseFile).where(CaseFile.id == case_id).values(
            previous_case_id=previous, link_kind=link_kind))
        _as_the_services_would(s, "case", case_id, desk.now())


@dataclass
class Office:
    chair: int
    vice: int
    cases: dict[str, int] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)


def build(desk: Any) -> Office:
    staff = {s.role.value: s.id for s in desk.staff()}
    vice, _ = desk.save_staff("Lê Thị Mai", "Phó Chủ tịch UBND xã", StaffRole.VICE_CHAIR)
    office = Office(staff["chair"], vice.id)
    c, v = office.cases, office.visits
    # --- cases (01/XLD; also the matters of the visits) -----------------------------------
    c["K12"] = add_case(desk, received_on=date(2024, 1, 10), case_type="complaint_first",
                        stage="closed")
    add_event(desk, c["K12"], "accept", date(2024, 1, 12))
    add_event(desk, c["K12"], "decide", date(2025, 1, 1), position=3)
    c["K11"] = add_case(desk, received_on=date(2025, 3, 1), case_type="complaint_second",
                        stage="closed")
    add_event(desk, c["K11"], "accept", date(2025, 3, 2))
    add_event(desk, c["K11"], "decide", date(2025, 6, 1), position=3)
    follows(desk, c["K11"], c["K12"], "second_complaint")
    c["K1"] = add_case(desk, received_on=date(2026, 5, 1), case_type="complaint_first",
                       stage="decided")
    add_event(desk, c["K1"], "accept", date(2026, 7, 5))
    add_event(desk, c["K1"], "decide", date(2026, 8, 1), position=3)
    c["K2"] = add_case(desk, received_on=date(2026, 7, 1), case_type="denunciation")
    add_event(desk, c["K2"], "accept", date(2026, 7, 3))
    c["K3"] = add_case(desk, received_on=date(2026, 8, 5), case_type="complaint_second",
                       stage="transferred")
    add_event(desk, c["K3"], "transfer", date(2026, 8, 6))
    follows(desk, c["K3"], c["K1"], "second_complaint")
    c["K4"] = add_case(desk, received_on=date(2026, 4, 1), case_type="reflection", stage="filed")
    add_event(desk, c["K4"], "file", date(2026, 5, 1))
    c["K5"] = add_case(desk, received_on=date(2026, 8, 12), case_type="petition",
                       stage="returned_guided")
    add_event(desk, c["K5"], "return_guide", date(2026, 8, 13))
    c["K6"] = add_case(desk, received_on=date(2026, 9, 1), case_type="denunciation",
                       stage="received")
    c["K7"] = add_case(desk, received_on=date(2026, 3, 1), case_type="reflection",
                       stage="received")
    c["K8"] = add_case(desk, received_on=date(2026, 6, 1), case_type="petition", stage="filed")
    add_event(desk, c["K8"], "file", date(2026, 6, 20))
    c["K9"] = add_case(desk, received_on=date(2026, 9, 10), case_type="complaint_first")
    add_event(desk, c["K9"], "accept", date(2026, 9, 20))
    c["K10"] = add_case(desk, received_on=date(2026, 7, 15), case_type="complaint_second")
    add_event(desk, c["K10"], "accept", date(2026, 7, 16))
    follows(desk, c["K10"], c["K11"], "second_complaint")
    # --- visits (01/TCD) -------------------------------------------------------------------
    v["before_K1"] = visit(desk, date(2026, 5, 1), case_id=c["K1"])
    v["r1"] = visit(desk, date(2026, 7, 1), case_id=c["K1"])
    v["r2"] = visit(desk, date(2026, 7, 2))
    v["r3"] = visit(desk, date(2026, 7, 3), case_id=c["K2"], people=12, crowd=True)
    v["r4"] = visit(desk, date(2026, 7, 10), case_id=c["K2"])
    v["r5"] = visit(desk, date(2026, 7, 4), people=6, crowd=True)
    v["r6_voided"] = visit(desk, date(2026, 7, 5), voided=True)
    v["r7_after"] = visit(desk, date(2026, 9, 15))
    v["r8_before"] = visit(desk, date(2026, 6, 14))
    v["h1"] = visit(desk, date(2026, 8, 5), kind="periodic", leader=office.chair,
                    case_id=c["K3"], people=2)
    v["h2"] = visit(desk, date(2026, 8, 5), kind="periodic", leader=office.chair, hour=3)
    v["h3"] = visit(desk, date(2026, 8, 20), kind="ad_hoc", leader=office.chair,
                    case_id=c["K2"], people=20, crowd=True)
    v["d1"] = visit(desk, date(2026, 8, 12), kind="periodic", leader=office.vice,
                    case_id=c["K5"])
    v["d2"] = visit(desk, date(2026, 8, 12), kind="periodic", leader=office.vice,
                    case_id=c["K5"], hour=4)
    v["d3"] = visit(desk, date(2026, 9, 1), kind="ad_hoc", leader=office.vice,
                    case_id=c["K6"], people=7, crowd=True)
    return office


#: 01/TCD for WINDOW, column by column (why: tests/services/test_reports.py).
TCD_EXPECTED = {
    1: 11, 2: 53, 3: 9,
    4: 5, 5: 21, 6: 2, 7: 2, 8: 2, 9: 18, 10: 1, 11: 1,
    12: 2, 13: 3, 14: 23, 15: 1, 16: 2, 17: 1, 18: 20, 19: 0, 20: 1,
    21: 2, 22: 3, 23: 9, 24: 1, 25: 1, 26: 1, 27: 7, 28: 1, 29: 0,
    30: None,
}

#: 01/XLD for WINDOW (21 urging and 22 replies are recorded on the case page: none here;
#: tests/services/report_petitions_data.py has some).
XLD_EXPECTED = {
    1: 9, 2: 3, 3: 6, 4: 6, 5: 3, 6: 5, 7: 4, 8: 3, 9: 1, 10: 1, 11: 1, 12: 1, 13: 3,
    14: 3, 15: 2, 16: 1, 17: 0, 18: 2, 19: 1, 20: 1, 21: 0, 22: 0,
}
