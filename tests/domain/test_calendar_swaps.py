"""Announced swaps as calendar data, each day labelled by origin (LEGAL.md §4.4).

Sources: VPCP 12729/VPCP-KGVX — Fri 02/01/2026 off, Sat 10/01/2026 make-up working day [N];
Quốc khánh 2026 — Sat 22/08 worked, Mon 31/08 off [N]; 24/11 in holidays.VN, basis unverified [M].
Deadlines: Luật KN 2011 Art. 28 (30 days, Civil Code Art. 148(5) moves a day-off end);
Luật TCD 2013 Art. 28(1) (10 working days).
"""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain.calendar import ANNOUNCED_DAYS
from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import DayKind
from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import compute_deadline

D = date
CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("day", "working", "origin"),
    [
        pytest.param(D(2026, 1, 1), False, DayOrigin.STATUTE, id="01-01-statute"),
        pytest.param(D(2026, 1, 2), False, DayOrigin.ANNOUNCED, id="02-01-VPCP-12729-off"),
        pytest.param(D(2026, 1, 10), True, DayOrigin.ANNOUNCED, id="10-01-VPCP-12729-worked"),
        pytest.param(D(2026, 8, 22), True, DayOrigin.ANNOUNCED, id="22-08-swap-worked"),
        pytest.param(D(2026, 8, 31), False, DayOrigin.ANNOUNCED, id="31-08-swap-off"),
        pytest.param(D(2026, 9, 2), False, DayOrigin.STATUTE, id="02-09-statute"),
        pytest.param(D(2026, 11, 24), False, DayOrigin.STATUTE_UNVERIFIED, id="24-11-unverified"),
        pytest.param(D(2026, 1, 12), True, DayOrigin.ORDINARY, id="ordinary-monday"),
    ],
)
def test_day_status_and_origin(day: date, working: bool, origin: DayOrigin) -> None:
    info = CAL.day_info(day)
    assert CAL.is_working_day(day) is working
    assert info.working is working
    assert info.origin is origin
    if origin is not DayOrigin.ORDINARY:
        assert info.source  # every non-ordinary day names its source


def test_announced_swaps_name_their_source() -> None:
    by_day = {a.day: a for a in ANNOUNCED_DAYS}
    assert "12729/VPCP-KGVX" in by_day[D(2026, 1, 2)].source
    assert "12729/VPCP-KGVX" in by_day[D(2026, 1, 10)].source
    assert by_day[D(2026, 8, 22)].kind is OverrideKind.WORKING_DAY
    assert by_day[D(2026, 8, 31)].kind is OverrideKind.DAY_OFF


def test_unverified_24_11_is_labelled_and_office_can_switch_it_off() -> None:
    assert "chưa kiểm chứng" in CAL.day_info(D(2026, 11, 24)).source
    office = WorkingCalendar([CalendarOverride(D(2026, 11, 24), OverrideKind.WORKING_DAY)])
    assert office.is_working_day(D(2026, 11, 24))
    assert office.day_info(D(2026, 11, 24)).origin is DayOrigin.OFFICE


def test_office_edit_undoes_a_shipped_swap() -> None:
    office = WorkingCalendar([CalendarOverride(D(2026, 1, 10), OverrideKind.DAY_OFF)])
    assert office.is_day_off(D(2026, 1, 10))
    assert office.day_kind(D(2026, 1, 10)) is DayKind.OFFICE_DAY_OFF


def test_swaps_are_never_called_statutory() -> None:
    for day in (D(2026, 1, 2), D(2026, 1, 10), D(2026, 8, 22), D(2026, 8, 31)):
        assert CAL.day_info(day).origin is DayOrigin.ANNOUNCED
        assert CAL.day_kind(day) is not DayKind.HOLIDAY


def test_special_days_list_origins() -> None:
    listed = {i.day: i.origin for i in CAL.special_days(D(2025, 12, 29), D(2026, 1, 12))}
    assert listed == {D(2026, 1, 1): DayOrigin.STATUTE, D(2026, 1, 2): DayOrigin.ANNOUNCED,
                      D(2026, 1, 10): DayOrigin.ANNOUNCED}


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 31/12/2025 + 1 working day: 01/01 statute, 02/01 announced off, weekend → Mon 05/01.
        pytest.param(D(2025, 12, 31), 1, D(2026, 1, 5), id="crossing-02-01"),
        # Fri 09/01 + 1: Sat 10/01 is a working day (VPCP 12729).
        pytest.param(D(2026, 1, 9), 1, D(2026, 1, 10), id="crossing-10-01"),
        # Fri 21/08 + 1: Sat 22/08 worked.
        pytest.param(D(2026, 8, 21), 1, D(2026, 8, 22), id="crossing-22-08"),
        # Fri 28/08 + 1: 31/08 swap off, 01–02/09 Quốc khánh → Thu 03/09.
        pytest.param(D(2026, 8, 28), 1, D(2026, 9, 3), id="crossing-31-08"),
        # Thu 20/08 + 5: 21, 22 (Sat, worked), 24, 25, 26.
        pytest.param(D(2026, 8, 20), 5, D(2026, 8, 26), id="range-with-22-08"),
    ],
)
def test_ranges_crossing_swaps(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_working_days_between_counts_swaps() -> None:
    # (31/12/2025, 16/01/2026]: 05–09, 10 (Sat), 12–16 → 11 working days.
    assert CAL.working_days_between(D(2025, 12, 31), D(2026, 1, 16)) == 11
    # (21/08, 04/09]: 22 (Sat), 24–28, 03, 04 → 8.
    assert CAL.working_days_between(D(2026, 8, 21), D(2026, 9, 4)) == 8


def test_complaint_1_from_2025_12_02_ends_05_01_2026() -> None:
    """Luật KN 2011 Art. 28: 30 days; day 30 is 01/01 (holiday), 02/01 announced off, then the
    weekend: Civil Code Art. 148(5) moves the end to Mon 05/01/2026."""
    due = compute_deadline(DeadlineKind.COMPLAINT_1, D(2025, 12, 2), CAL).due
    assert due == D(2026, 1, 5)


def test_intake_notice_from_2026_01_05_ends_16_01() -> None:
    """Luật TCD 2013 Art. 28(1): 10 working days, Sat 10/01/2026 counts (VPCP 12729)."""
    due = compute_deadline(DeadlineKind.INTAKE_NOTICE, D(2026, 1, 5), CAL).due
    assert due == D(2026, 1, 16)
