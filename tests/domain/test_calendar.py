"""Working-day calendar. Holidays: Labour Code 2019 Art. 112 as listed by holidays.VN (STACK.md);
2026 facts: Tết 16–20 Feb (Mon–Fri), Giỗ Tổ Sun 26 Apr + compensating Mon 27 Apr, 30/4 Thu,
1/5 Fri, swap Sat 22 Aug (working) ↔ Mon 31 Aug (off), Quốc khánh 1–2 Sep, Văn hoá 24 Nov."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import DayKind
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.calendar import days_off_in
from reception_desk.domain.calendar import statutory_year
from reception_desk.errors import UserError

D = date
CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(D(2026, 1, 1), False, id="new-year-thu"),
        # VPCP 12729/VPCP-KGVX (LEGAL.md §4.4): Fri 02/01/2026 off, Sat 10/01/2026 worked.
        pytest.param(D(2026, 1, 2), False, id="announced-fri-after-new-year"),
        pytest.param(D(2026, 1, 10), True, id="announced-make-up-saturday-10-01"),
        pytest.param(D(2026, 1, 3), False, id="saturday"),
        pytest.param(D(2026, 1, 4), False, id="sunday"),
        pytest.param(D(2026, 2, 13), True, id="fri-before-tet"),
        *[pytest.param(D(2026, 2, d), False, id=f"tet-2026-02-{d}") for d in range(16, 21)],
        pytest.param(D(2026, 2, 23), True, id="first-day-after-tet"),
        pytest.param(D(2026, 4, 26), False, id="gio-to-sunday"),
        pytest.param(D(2026, 4, 27), False, id="gio-to-compensating-monday"),
        pytest.param(D(2026, 4, 28), True, id="tue-after-gio-to"),
        pytest.param(D(2026, 4, 30), False, id="reunification-day"),
        pytest.param(D(2026, 5, 1), False, id="labour-day"),
        pytest.param(D(2026, 5, 4), True, id="mon-after-labour-day"),
        pytest.param(D(2026, 8, 22), True, id="announced-make-up-saturday"),
        pytest.param(D(2026, 8, 31), False, id="swapped-day-off-before-national-day"),
        pytest.param(D(2026, 9, 1), False, id="national-day-1"),
        pytest.param(D(2026, 9, 2), False, id="national-day-2"),
        pytest.param(D(2026, 9, 3), True, id="thu-after-national-day"),
        pytest.param(D(2026, 11, 24), False, id="culture-day-2026"),
    ],
)
def test_statutory_working_days_2026(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working
    assert CAL.is_day_off(day) is not working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(D(2026, 2, 13), 1, D(2026, 2, 23), id="fri-before-tet+1-skips-tet-week"),
        pytest.param(D(2026, 2, 12), 2, D(2026, 2, 23), id="thu+2-crosses-tet"),
        pytest.param(D(2026, 4, 24), 1, D(2026, 4, 28), id="fri+1-skips-weekend-and-gio-to-bu"),
        pytest.param(D(2026, 4, 28), 3, D(2026, 5, 5), id="tue+3-crosses-30-4-and-1-5"),
        pytest.param(D(2026, 8, 28), 1, D(2026, 9, 3), id="fri+1-crosses-national-day-break"),
        pytest.param(D(2026, 8, 21), 1, D(2026, 8, 22), id="fri+1-is-make-up-saturday"),
        pytest.param(D(2026, 12, 30), 2, D(2027, 1, 4), id="crosses-year-and-new-year"),
        pytest.param(D(2026, 3, 7), 1, D(2026, 3, 9), id="saturday-start-counts-from-monday"),
        pytest.param(D(2026, 3, 9), 0, D(2026, 3, 9), id="zero-is-start"),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2026, 2, 13), D(2026, 2, 23), 1, id="tet-week-counts-nothing"),
        pytest.param(D(2026, 2, 5), D(2026, 2, 23), 7, id="two-weeks-around-tet"),
        pytest.param(D(2026, 4, 28), D(2026, 5, 5), 3, id="around-30-4"),
        pytest.param(D(2026, 5, 5), D(2026, 4, 28), -3, id="reversed-is-negative"),
        pytest.param(D(2026, 3, 9), D(2026, 3, 9), 0, id="same-day"),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


# An office announcement: longer civil-service Tết (Fri 13 and Mon 23 Feb off) and a make-up
# working Saturday on 28 Feb.
OFFICE = WorkingCalendar([
    CalendarOverride(D(2026, 2, 13), OverrideKind.DAY_OFF),
    CalendarOverride(D(2026, 2, 23), OverrideKind.DAY_OFF),
    CalendarOverride(D(2026, 2, 28), OverrideKind.WORKING_DAY),
])


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(D(2026, 2, 12), 1, D(2026, 2, 24), id="extra-days-off-around-tet"),
        pytest.param(D(2026, 2, 27), 1, D(2026, 2, 28), id="make-up-saturday-counts"),
        pytest.param(D(2026, 2, 26), 3, D(2026, 3, 2), id="fri-sat-mon"),
    ],
)
def test_office_overrides(start: date, n: int, expected: date) -> None:
    assert OFFICE.add_working_days(start, n) == expected


def test_override_can_reopen_a_statutory_holiday() -> None:
    cal = WorkingCalendar([CalendarOverride(D(2026, 11, 24), OverrideKind.WORKING_DAY)])
    assert cal.is_working_day(D(2026, 11, 24))
    assert cal.day_kind(D(2026, 11, 24)) is DayKind.OFFICE_WORKING


def test_conflicting_overrides_are_refused() -> None:
    with pytest.raises(UserError) as err:
        WorkingCalendar([CalendarOverride(D(2026, 2, 13), OverrideKind.DAY_OFF),
                         CalendarOverride(D(2026, 2, 13), OverrideKind.WORKING_DAY)])
    assert err.value.code == "calendar.conflicting_override"


def test_duplicate_identical_overrides_are_fine() -> None:
    row = CalendarOverride(D(2026, 2, 13), OverrideKind.DAY_OFF)
    assert WorkingCalendar([row, row]).overrides == (row,)


@pytest.mark.parametrize(
    ("cal", "day", "kind"),
    [
        pytest.param(CAL, D(2026, 2, 17), DayKind.HOLIDAY, id="tet"),
        pytest.param(CAL, D(2026, 4, 27), DayKind.HOLIDAY, id="gio-to-compensating"),
        pytest.param(CAL, D(2026, 8, 22), DayKind.ANNOUNCED_WORKING, id="announced-saturday"),
        pytest.param(CAL, D(2026, 8, 31), DayKind.ANNOUNCED_DAY_OFF, id="announced-monday-off"),
        pytest.param(CAL, D(2026, 1, 2), DayKind.ANNOUNCED_DAY_OFF, id="announced-02-01"),
        pytest.param(CAL, D(2026, 1, 10), DayKind.ANNOUNCED_WORKING, id="announced-10-01"),
        pytest.param(CAL, D(2026, 3, 7), DayKind.WEEKEND, id="saturday"),
        pytest.param(CAL, D(2026, 3, 9), DayKind.WORKING, id="monday"),
        pytest.param(OFFICE, D(2026, 2, 13), DayKind.OFFICE_DAY_OFF, id="office-day-off"),
        pytest.param(OFFICE, D(2026, 2, 28), DayKind.OFFICE_WORKING, id="office-saturday"),
    ],
)
def test_day_kind(cal: WorkingCalendar, day: date, kind: DayKind) -> None:
    assert cal.day_kind(day) is kind


def test_weekends_only_calendar() -> None:
    cal = WorkingCalendar(statutory=False)
    assert cal.is_working_day(D(2026, 2, 17))
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 16)


def test_listing_helpers() -> None:
    assert CAL.working_days_in(D(2026, 2, 12), D(2026, 2, 24)) == [
        D(2026, 2, 12), D(2026, 2, 13), D(2026, 2, 23), D(2026, 2, 24)]
    assert days_off_in(CAL, D(2026, 4, 25), D(2026, 5, 3)) == [
        D(2026, 4, 25), D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1),
        D(2026, 5, 2), D(2026, 5, 3)]


def test_statutory_year_keeps_only_that_year() -> None:
    days_off, workdays = statutory_year(2026)
    assert all(d.year == 2026 for d in days_off | workdays)
    assert workdays == {D(2026, 8, 22)}


def test_far_dates_extend_the_prepared_span() -> None:
    cal = WorkingCalendar()
    assert cal.add_working_days(D(2026, 3, 9), 2000) == _naive_add(cal, D(2026, 3, 9), 2000)
    assert cal.is_working_day(D(2010, 3, 9))  # earlier span after a later one
    assert cal.working_days_between(D(2015, 1, 1), D(2031, 1, 1)) > 3000


# -- properties against a naive day-by-day reference ------------------------------------------

def _naive_add(cal: WorkingCalendar, start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if cal.day_kind(day) in (DayKind.WORKING, DayKind.ANNOUNCED_WORKING,
                                 DayKind.OFFICE_WORKING):
            n -= 1
    return day


days = st.dates(min_value=D(2012, 1, 1), max_value=D(2032, 12, 31))
overrides = st.lists(
    st.builds(CalendarOverride, st.dates(min_value=D(2025, 12, 1), max_value=D(2026, 12, 31)),
              st.sampled_from(list(OverrideKind))),
    max_size=12, unique_by=lambda o: o.day,
)


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=0, max_value=120), rows=overrides)
def test_add_working_days_matches_naive_reference(start: date, n: int,
                                                  rows: list[CalendarOverride]) -> None:
    cal = WorkingCalendar(rows)
    result = cal.add_working_days(start, n)
    assert result == _naive_add(cal, start, n)
    if n:
        assert cal.is_working_day(result)
        assert cal.working_days_between(start, result) == n


@settings(max_examples=200, deadline=None)
@given(day=days, rows=overrides)
def test_next_working_day_is_working_and_nothing_earlier_is(day: date,
                                                            rows: list[CalendarOverride]) -> None:
    cal = WorkingCalendar(rows)
    nxt = cal.next_working_day(day)
    assert cal.is_working_day(nxt)
    assert all(cal.is_day_off(day + timedelta(days=i)) for i in range((nxt - day).days))


def test_shared_between_threads() -> None:
    # Worker threads (reports, exports) share the office calendar while it grows lazily.
    from concurrent.futures import ThreadPoolExecutor

    starts = [D(2000 + (i * 7) % 40, 1 + i % 12, 1 + i % 28) for i in range(400)]
    reference = [_naive_add(CAL, s, 25) for s in starts]
    shared = WorkingCalendar()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda s: shared.add_working_days(s, 25), starts))
    assert results == reference
