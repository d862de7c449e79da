"""Reporting periods and their data cut-offs (LEGAL.md §8, §8.1).

TT 01/2024/TT-TTCP (as the provincial pages describe it, LEGAL.md §8.1 [N]) counts the figures of
a periodic report from the 15th of the last month of the previous period to the 14th of the last
month of the reporting period:

* quarter I: 15/12 of the previous year – 14/03; quarters II–IV: 15/03–14/06, 15/06–14/09,
  15/09–14/12;
* 6 months: 15/12 (previous year) – 14/06; 9 months: 15/12 – 14/09; year: 15/12 – 14/12.

A month (many provinces demand one, LEGAL.md §8 [M]) follows the same convention: the 15th of the
previous month to the 14th of the month. Any other window is a custom period (a calendar month is
``custom(1/m, last day of m)``).

Pure: no clock, no text; a bad period raises ``UserError`` with a ``report.*`` code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from enum import StrEnum

from reception_desk.errors import UserError

#: The cut-off day: a period ends on the 14th and the next one starts on the 15th.
CUT_OFF_DAY = 14


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    HALF_YEAR = "half_year"  # 6 tháng
    NINE_MONTHS = "nine_months"  # 9 tháng
    YEAR = "year"
    MONTH = "month"
    CUSTOM = "custom"


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting window, both ends included (``first`` ≤ ``last``)."""

    kind: PeriodKind
    first: date
    last: date
    year: int | None = None
    number: int | None = None  # the quarter (1–4) or the month (1–12)

    @property
    def code(self) -> str:
        """The command line's spelling: 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-11, or
        2026-01-01..2026-01-31 for a custom window."""
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{self.year}-H1"
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"{self.year}-9M"
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def _start(year: int, month: int) -> date:
    """The 15th of the month before ``month`` of ``year`` (December of the year before for 1)."""
    if month == 1:
        return date(year - 1, 12, CUT_OFF_DAY + 1)
    return date(year, month - 1, CUT_OFF_DAY + 1)


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2200:
        raise UserError("report.period_invalid", text=str(year))


def quarter(year: int, number: int) -> ReportPeriod:
    """Quarter ``number``: 15th of the last month of the previous quarter – 14th of its last
    month (quarter I: 15/12 of the previous year – 14/03)."""
    _check_year(year)
    if not 1 <= number <= 4:
        raise UserError("report.period_invalid", text=f"{year}-Q{number}")
    last_month = 3 * number
    return ReportPeriod(PeriodKind.QUARTER, _start(year, last_month - 2),
                        date(year, last_month, CUT_OFF_DAY), year, number)


def half_year(year: int) -> ReportPeriod:
    """6 months: 15/12 of the previous year – 14/06."""
    _check_year(year)
    return ReportPeriod(PeriodKind.HALF_YEAR, _start(year, 1), date(year, 6, CUT_OFF_DAY), year)


def nine_months(year: int) -> ReportPeriod:
    """9 months: 15/12 of the previous year – 14/09."""
    _check_year(year)
    return ReportPeriod(PeriodKind.NINE_MONTHS, _start(year, 1), date(year, 9, CUT_OFF_DAY), year)


def whole_year(year: int) -> ReportPeriod:
    """Year: 15/12 of the previous year – 14/12."""
    _check_year(year)
    return ReportPeriod(PeriodKind.YEAR, _start(year, 1), date(year, 12, CUT_OFF_DAY), year)


def month(year: int, number: int) -> ReportPeriod:
    """Month ``number``: 15th of the previous month – 14th of the month (the same cut-off)."""
    _check_year(year)
    if not 1 <= number <= 12:
        raise UserError("report.period_invalid", text=f"{year}-{number:02d}")
    return ReportPeriod(PeriodKind.MONTH, _start(year, number), date(year, number, CUT_OFF_DAY),
                        year, number)


def custom(first: date, last: date) -> ReportPeriod:
    """Any window, both days included."""
    if last < first:
        raise UserError("report.period_reversed", first=first, last=last)
    return ReportPeriod(PeriodKind.CUSTOM, first, last)


def calendar_month(year: int, number: int) -> ReportPeriod:
    """The calendar month (1st – last day) as a custom window."""
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return custom(first, following - timedelta(days=1))


def period_containing(day: date, kind: PeriodKind) -> ReportPeriod:
    """The period of ``kind`` whose window holds ``day`` (a day from 15/12 on belongs to the
    next year's quarter I and year). For 6 and 9 months: those of the reporting year the day
    belongs to (they end on 14/06 and 14/09, possibly before ``day``)."""
    year = day.year + 1 if (day.month, day.day) >= (12, CUT_OFF_DAY + 1) else day.year
    if kind is PeriodKind.YEAR:
        return whole_year(year)
    if kind is PeriodKind.HALF_YEAR:
        return half_year(year)
    if kind is PeriodKind.NINE_MONTHS:
        return nine_months(year)
    if kind is PeriodKind.MONTH:
        if day.day > CUT_OFF_DAY:
            return month(year, 1) if day.month == 12 else month(day.year, day.month + 1)
        return month(day.year, day.month)
    if kind is PeriodKind.QUARTER:
        return next(q for q in (quarter(year, n) for n in range(1, 5)) if q.contains(day))
    raise UserError("report.period_invalid", text=kind.value)


_PATTERNS = (
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.I), "quarter"),
    (re.compile(r"^(\d{4})-?H1$", re.I), "half"),
    (re.compile(r"^(\d{4})-?9M$", re.I), "nine"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
)


def parse_period(text: str) -> ReportPeriod:
    """``2026-Q3``, ``2026-H1``, ``2026-9M``, ``2026`` or ``2026-11`` (``report.period_invalid``
    otherwise)."""
    value = text.strip()
    for pattern, kind in _PATTERNS:
        found = pattern.match(value)
        if not found:
            continue
        year = int(found.group(1))
        if kind == "quarter":
            return quarter(year, int(found.group(2)))
        if kind == "half":
            return half_year(year)
        if kind == "nine":
            return nine_months(year)
        if kind == "year":
            return whole_year(year)
        return month(year, int(found.group(2)))
    raise UserError("report.period_invalid", text=text)


def submission_date(last: date, day: int) -> date:
    """The first day numbered ``day`` (1–28) after a window's ``last`` day: when the office
    sends the report (its printed date). The day is an office setting: the deadline for a
    commune after July 2025 is not confirmed (LEGAL.md §8.1)."""
    if not 1 <= day <= 28:
        raise ValueError(f"submission day {day} is not 1-28")
    year, month = last.year, last.month
    if last.day >= day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, day)


def months_ending(last: date, count: int) -> list[ReportPeriod]:
    """The ``count`` report months (15th–14th) up to the one holding ``last``, oldest first."""
    end = period_containing(last, PeriodKind.MONTH)
    assert end.year is not None and end.number is not None
    year, number = end.year, end.number
    out: list[ReportPeriod] = []
    for _ in range(count):
        out.append(month(year, number))
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    return out[::-1]
