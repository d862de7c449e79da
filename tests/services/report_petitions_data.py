"""A hand-built office for the petition forms 02/XLD, 03/XLD, 04/XLD and 01/KQGQ: complaints,
denunciations and petitions with a known answer for every column in the window 2026-Q3
(15/06/2026 – 14/09/2026). Why each number is what it is: the comments beside the cases and
tests/services/test_report_petitions.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reception_desk.services.cases.dto import CaseReportFacts
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event
from tests.services.report_data import follows

#: The sub-fields the forms' content columns read (tc.hc.chinh_sach, tc.hc.dat_dai,
#: tc.hc.cong_vu, pakn.tu_phap) are seeded by migration 0017.


def _case(desk: Any, cases: dict[str, int], name: str, case_type: str, received: date,
          stage: str, field: str | None = None, events: tuple[tuple[str, date], ...] = (),
          after: str | None = None, facts: CaseReportFacts | None = None) -> None:
    cases[name] = add_case(desk, received_on=received, case_type=case_type, stage=stage,
                           field_code=field, title=f"Vụ việc {name}")
    for position, (kind, on) in enumerate(events, start=2):
        add_event(desk, cases[name], kind, on, position=position)
    if after is not None:
        follows(desk, cases[name], cases[after],
                "second_complaint" if case_type.startswith("complaint") else "repeat_denunciation")
    if facts is not None:  # as the clerk records them on the case page
        desk.cases.set_report_facts(cases[name], facts)


def build(desk: Any) -> dict[str, int]:
    c: dict[str, int] = {}
    d = date
    # --- complaints (02/XLD, 01/KQGQ) ----------------------------------------------------------
    _case(desk, c, "A1", "complaint_first", d(2026, 5, 1), "decided", "kn.hc.dat_dai",
          (("accept", d(2026, 5, 10)), ("decide", d(2026, 7, 20))))
    _case(desk, c, "A2", "complaint_first", d(2026, 6, 1), "accepted", "kn.hc.chinh_sach",
          (("accept", d(2026, 6, 20)),))
    _case(desk, c, "A3", "complaint_second", d(2026, 7, 1), "withdrawn", "kn.tu_phap",
          (("accept", d(2026, 7, 5)), ("withdraw", d(2026, 8, 1))), after="A1")
    _case(desk, c, "A4", "complaint_first", d(2026, 7, 10), "returned_guided", None,
          (("return_guide", d(2026, 7, 11)),), facts=CaseReportFacts(urged_on=d(2026, 7, 20)))
    _case(desk, c, "A5", "complaint_first", d(2026, 8, 1), "transferred", "kn.dang",
          (("transfer", d(2026, 8, 2)),), facts=CaseReportFacts(
              eligible=True, reply_received_on=d(2026, 9, 1)))
    _case(desk, c, "A16", "complaint_first", d(2026, 8, 25), "returned_guided", "kn.dang",
          (("return_guide", d(2026, 8, 26)),), facts=CaseReportFacts(eligible=False))
    _case(desk, c, "A7", "complaint_first", d(2025, 1, 1), "decided", None,
          (("accept", d(2025, 1, 5)), ("decide", d(2025, 3, 1))))
    _case(desk, c, "A6", "complaint_second", d(2026, 8, 10), "accepted", "kn.hc.khac",
          (("accept", d(2026, 8, 15)),), after="A7")
    _case(desk, c, "A8", "complaint_first", d(2026, 8, 20), "received")
    _case(desk, c, "A9", "complaint_first", d(2026, 9, 1), "refused", None,
          (("refuse", d(2026, 9, 2)),))
    _case(desk, c, "A10", "complaint_first", d(2026, 3, 1), "decided", None,
          (("accept", d(2026, 3, 5)), ("decide", d(2026, 9, 10))))
    _case(desk, c, "A12", "complaint_first", d(2024, 1, 1), "decided", None,
          (("accept", d(2024, 1, 5)), ("decide", d(2024, 3, 1))))
    _case(desk, c, "A13", "complaint_second", d(2024, 5, 1), "decided", None,
          (("accept", d(2024, 5, 5)), ("decide", d(2024, 7, 1))), after="A12")
    _case(desk, c, "A11", "complaint_second", d(2026, 9, 5), "accepted", "kn.hc.boi_thuong",
          (("accept", d(2026, 9, 6)),), after="A13")
    _case(desk, c, "A14", "complaint_first", d(2026, 1, 10), "verifying", None,
          (("accept", d(2026, 1, 15)), ("verify", d(2026, 2, 1))))
    _case(desk, c, "A15", "complaint_first", d(2026, 2, 1), "decided", None,
          (("accept", d(2026, 2, 5)), ("decide", d(2026, 6, 10))))
    # --- denunciations (03/XLD) -------------------------------------------------------------
    _case(desk, c, "D1", "denunciation", d(2026, 6, 1), "accepted", "tc.tham_nhung",
          (("accept", d(2026, 6, 16)),))
    _case(desk, c, "D2", "denunciation", d(2026, 7, 1), "transferred", "tc.hc.dat_dai",
          (("transfer", d(2026, 7, 2)),),
          facts=CaseReportFacts(reply_received_on=d(2026, 7, 30)))
    _case(desk, c, "D3", "denunciation", d(2026, 7, 15), "accepted", "tc.hc.cong_vu",
          (("accept", d(2026, 7, 16)),), after="D1")
    _case(desk, c, "D5", "denunciation", d(2025, 5, 1), "decided", None,
          (("accept", d(2025, 5, 2)), ("decide", d(2025, 8, 1))))
    _case(desk, c, "D4", "denunciation", d(2026, 8, 1), "returned_guided", "tc.hc.chinh_sach",
          (("return_guide", d(2026, 8, 2)),), after="D5")
    _case(desk, c, "D6", "denunciation", d(2026, 8, 5), "accepted", "tc.dang",
          (("accept", d(2026, 8, 6)),))
    _case(desk, c, "D7", "denunciation", d(2026, 8, 20), "refused", "tc.tu_phap",
          (("refuse", d(2026, 8, 21)),))
    _case(desk, c, "D8", "denunciation", d(2026, 9, 1), "accepted", "tc.hc",
          (("accept", d(2026, 9, 2)),))
    _case(desk, c, "D9", "denunciation", d(2026, 9, 10), "accepted", None,
          (("accept", d(2026, 9, 11)),))
    _case(desk, c, "D10", "denunciation", d(2026, 9, 12), "received")
    _case(desk, c, "D11", "denunciation", d(2026, 7, 20), "accepted", "tc.tham_nhung",
          (("accept", d(2026, 7, 21)),))
    _case(desk, c, "D12", "denunciation", d(2026, 7, 25), "transferred", "tc.tu_phap",
          (("transfer", d(2026, 7, 26)),), facts=CaseReportFacts(urged_on=d(2026, 8, 10)))
    # --- kiến nghị, phản ánh (04/XLD) --------------------------------------------------------
    _case(desk, c, "P1", "petition", d(2026, 6, 10), "decided", "pakn.chinh_sach",
          (("accept", d(2026, 6, 18)), ("decide", d(2026, 8, 1))))
    _case(desk, c, "P2", "reflection", d(2026, 7, 1), "transferred", "pakn.dat_dai",
          (("transfer", d(2026, 7, 3)),),
          facts=CaseReportFacts(reply_received_on=d(2026, 8, 1)))
    _case(desk, c, "P3", "petition", d(2026, 7, 10), "accepted", "pakn.tu_phap",
          (("accept", d(2026, 7, 11)),))
    _case(desk, c, "P5", "petition", d(2025, 1, 1), "decided", None,
          (("accept", d(2025, 1, 2)), ("decide", d(2025, 2, 1))))
    _case(desk, c, "P4", "reflection", d(2026, 8, 1), "returned_guided", "pakn.moi_truong",
          (("return_guide", d(2026, 8, 2)),), after="P5",
          facts=CaseReportFacts(urged_on=d(2026, 8, 20)))
    _case(desk, c, "P6", "petition", d(2026, 8, 15), "decided", None,
          (("accept", d(2026, 8, 16)), ("decide", d(2026, 9, 20))))
    _case(desk, c, "P7", "petition", d(2026, 9, 1), "filed", None, (("file", d(2026, 9, 2)),))
    _case(desk, c, "P8", "reflection", d(2026, 9, 10), "received")
    # Transferred in January, answered in the window: only 01/XLD's replies column counts it.
    _case(desk, c, "P9", "petition", d(2026, 1, 10), "transferred", None,
          (("transfer", d(2026, 1, 12)),),
          facts=CaseReportFacts(reply_received_on=d(2026, 7, 5)))
    return c


#: 02/XLD for WINDOW (18, court judgments, is not recorded).
XLD02_EXPECTED = {
    1: 9, 2: 1, 3: 8, 4: 8, 5: 1, 6: 7, 7: 6, 8: 6, 9: 3, 10: 1, 11: 1, 12: 1, 13: 1, 14: 1,
    15: 1, 16: 1, 17: 1, 18: None, 19: 1, 20: 3, 21: 4, 22: 1, 23: 3, 24: 2, 25: 1, 26: 1,
    27: 1,
}

#: 03/XLD for WINDOW (every column recorded).
XLD03_EXPECTED = {
    1: 11, 2: 1, 3: 10, 4: 10, 5: 1, 6: 9, 7: 9, 8: 8, 9: 4, 10: 1, 11: 1, 12: 1, 13: 1,
    14: 1, 15: 1, 16: 1, 17: 1, 18: 1, 19: 1, 20: 6, 21: 5, 22: 4, 23: 1, 24: 3, 25: 2,
    26: 1, 27: 1,
}

#: 04/XLD for WINDOW (every column recorded).
XLD04_EXPECTED = {
    1: 7, 2: 1, 3: 6, 4: 6, 5: 1, 6: 5, 7: 5, 8: 5, 9: 1, 10: 1, 11: 1, 12: 2, 13: 1, 14: 4,
    15: 3, 16: 2, 17: 1, 18: 1, 19: 1, 20: 2,
}

#: 01/XLD's results on this office (19–22): D4 guided; A5, D2, P2 transferred; A4, P4 urged
#: instead of guided and D12 instead of transferred; replies to A5, D2, P2 and P9.
XLD01_RESULTS = {19: 1, 20: 3, 21: 3, 22: 4}

#: 01/KQGQ for WINDOW (7–26 are not recorded).
KQGQ01_EXPECTED: dict[int, int | None] = {1: 7, 2: 3, 3: 4, 4: 6, 5: 2, 6: 1,
                                         **{n: None for n in range(7, 27)}}
