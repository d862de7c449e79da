"""Reporting windows: the cut-offs of TT 01/2024/TT-TTCP as LEGAL.md §8.1 records them
(15th of the last month of the previous period – 14th of the last month of the period)."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain import periods as p
from reception_desk.errors import UserError


@pytest.mark.parametrize(("number", "first", "last"), [
    # LEGAL.md §8.1: "Q1 15/12 (previous year)–14/03"
    (1, date(2025, 12, 15), date(2026, 3, 14)),
    # LEGAL.md §8.1: "Q2–Q4 the 15th of the last month of the previous quarter to the 14th of
    # the last month of the quarter"
    (2, date(2026, 3, 15), date(2026, 6, 14)),
    (3, date(2026, 6, 15), date(2026, 9, 14)),
    (4, date(2026, 9, 15), date(2026, 12, 14)),
])
def test_quarters_follow_tt_01_2024_cut_offs(number: int, first: date, last: date) -> None:
    period = p.quarter(2026, number)
    assert (period.first, period.last) == (first, last)
    assert period.code == f"2026-Q{number}"


def test_six_months_is_15_12_to_14_06_legal_8_1() -> None:
    period = p.half_year(2026)
    assert (period.first, period.last) == (date(2025, 12, 15), date(2026, 6, 14))


def test_nine_months_is_15_12_to_14_09_legal_8_1() -> None:
    period = p.nine_months(2026)
    assert (period.first, period.last) == (date(2025, 12, 15), date(2026, 9, 14))


def test_year_is_15_12_to_14_12_legal_8_1() -> None:
    period = p.whole_year(2026)
    assert (period.first, period.last) == (date(2025, 12, 15), date(2026, 12, 14))
    assert period.days == 365


def test_month_uses_the_same_cut_off_legal_8() -> None:
    assert (p.month(2026, 11).first, p.month(2026, 11).last) == (date(2026, 10, 15),
                                                                 date(2026, 11, 14))
    assert (p.month(2026, 1).first, p.month(2026, 1).last) == (date(2025, 12, 15),
                                                               date(2026, 1, 14))


def test_calendar_month_and_custom_windows() -> None:
    feb = p.calendar_month(2028, 2)
    assert (feb.first, feb.last, feb.kind) == (date(2028, 2, 1), date(2028, 2, 29),
                                               p.PeriodKind.CUSTOM)
    dec = p.calendar_month(2026, 12)
    assert dec.last == date(2026, 12, 31)
    assert p.custom(date(2026, 1, 1), date(2026, 1, 1)).days == 1
    with pytest.raises(UserError) as err:
        p.custom(date(2026, 2, 1), date(2026, 1, 1))
    assert err.value.code == "report.period_reversed"


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
    ("2026q1", date(2025, 12, 15), date(2026, 3, 14)),
    ("2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
    ("2026-9M", date(2025, 12, 15), date(2026, 9, 14)),
    ("2026", date(2025, 12, 15), date(2026, 12, 14)),
    ("2026-11", date(2026, 10, 15), date(2026, 11, 14)),
])
def test_parse_period_spellings_of_the_command_line(text: str, first: date, last: date) -> None:
    period = p.parse_period(text)
    assert (period.first, period.last) == (first, last)
    assert p.parse_period(period.code) == period


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "2026-H2", "26", "next year", "1999"])
def test_parse_period_refuses_what_it_does_not_know(text: str) -> None:
    with pytest.raises(UserError) as err:
        p.parse_period(text)
    assert err.value.code == "report.period_invalid"


@given(st.integers(min_value=2001, max_value=2100))
def test_quarters_tile_the_year_without_gap_or_overlap(year: int) -> None:
    quarters = [p.quarter(year, n) for n in range(1, 5)]
    assert quarters[0].first == p.whole_year(year).first
    assert quarters[-1].last == p.whole_year(year).last
    for before, after in pairwise(quarters):
        assert after.first == before.last + timedelta(days=1)
    assert sum(q.days for q in quarters) == p.whole_year(year).days
    assert p.quarter(year + 1, 1).first == quarters[-1].last + timedelta(days=1)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 1)))
def test_every_day_lies_in_exactly_one_quarter_and_month(day: date) -> None:
    for kind in (p.PeriodKind.QUARTER, p.PeriodKind.MONTH, p.PeriodKind.YEAR):
        assert p.period_containing(day, kind).contains(day)
    half = p.period_containing(day, p.PeriodKind.HALF_YEAR)
    assert half.first == p.period_containing(day, p.PeriodKind.YEAR).first
