"""Working-day calendar: Vietnamese statutory holidays plus the office's own announcements.

``holidays.VN`` knows the statutory days off (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh, their
compensating days) and the statutory make-up Saturdays it has data for, but not the longer
civil-service Tết schedules or make-up Saturdays announced each year (STACK.md). Those come in as an
office-editable override table.

Speed matters (the case list computes a deadline and a status per row): the calendar keeps a sorted
array of working-day ordinals and a running count per day, so each question is an array lookup.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from reception_desk.errors import UserError

# Years around a queried date that are prepared in one go, so that a deadline running past the end
# of the year does not trigger a rebuild straight away.
_YEARS_BEFORE = 1
_YEARS_AFTER = 2


class OverrideKind(StrEnum):
    """What the office announced for one day."""

    DAY_OFF = "day_off"  # extra day off, e.g. a longer civil-service Tết
    WORKING_DAY = "working_day"  # make-up working day, usually a Saturday


class DayKind(StrEnum):
    """Why a day is (not) a working day; lets a calendar screen explain itself."""

    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # statutory holiday or its compensating day (holidays.VN)
    STATUTORY_WORKING = "statutory_working"  # make-up weekend working day known to holidays.VN
    OFFICE_DAY_OFF = "office_day_off"
    OFFICE_WORKING = "office_working"


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One row of the office's calendar table."""

    day: date
    kind: OverrideKind


@lru_cache(maxsize=256)
def statutory_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Statutory days off and statutory make-up weekend working days of one year."""
    vn = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in vn if d.year == year)
    # holidays.VN reports make-up Saturdays of several years at once: keep this year's only.
    workdays = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return days_off, workdays


# The prepared span: (ordinal of its first day, 1/0 flag per day, count of working days before
# each day index (one extra entry at the end), sorted working-day ordinals).
_Span = tuple[int, bytearray, list[int], list[int]]


class WorkingCalendar:
    """Answers working-day questions for any date; immutable once built.

    ``overrides`` win over the statutory calendar; two overrides for the same day must agree.
    ``statutory=False`` drops ``holidays.VN`` (weekends only), which tests and what-if screens use.
    Years are prepared lazily; the arrays are swapped as one tuple under a lock, so a calendar
    may be shared with worker threads.
    """

    __slots__ = ("_first_year", "_last_year", "_lock", "_overrides", "_span", "_statutory")

    def __init__(self, overrides: Iterable[CalendarOverride] = (), *,
                 statutory: bool = True) -> None:
        table: dict[date, OverrideKind] = {}
        for row in overrides:
            seen = table.get(row.day)
            if seen is not None and seen is not row.kind:
                raise UserError("calendar.conflicting_override", field="day", day=row.day)
            table[row.day] = row.kind
        self._overrides = table
        self._statutory = statutory
        self._lock = threading.Lock()
        self._first_year = 0
        self._last_year = -1
        self._span: _Span = (0, bytearray(), [0], [])

    @property
    def overrides(self) -> tuple[CalendarOverride, ...]:
        """The office rows in force, sorted by day."""
        return tuple(CalendarOverride(d, k) for d, k in sorted(self._overrides.items()))

    # -- building ---------------------------------------------------------------------------

    def _grow(self, first: int, last: int) -> _Span:
        """Make the span cover years [first, last] (plus what it covered) and return it."""
        with self._lock:
            if self._last_year >= self._first_year:  # already built: keep the old years too
                if self._first_year <= first and last <= self._last_year:
                    return self._span
                first = min(first, self._first_year)
                last = max(last, self._last_year)
            first = max(first, date.min.year)
            last = min(last, date.max.year - 1)
            span = self._build(first, last)
            self._first_year, self._last_year = first, last
            self._span = span
            return span

    def _build(self, first: int, last: int) -> _Span:
        base = date(first, 1, 1).toordinal()
        flags = bytearray(date(last, 12, 31).toordinal() - base + 1)
        weekday = date(first, 1, 1).weekday()
        for i in range(len(flags)):
            flags[i] = 1 if (weekday + i) % 7 < 5 else 0
        if self._statutory:
            for year in range(first, last + 1):
                days_off, workdays = statutory_year(year)
                for d in days_off:
                    flags[d.toordinal() - base] = 0
                for d in workdays:
                    flags[d.toordinal() - base] = 1
        for d, kind in self._overrides.items():
            if first <= d.year <= last:
                flags[d.toordinal() - base] = 1 if kind is OverrideKind.WORKING_DAY else 0
        cum = [0] * (len(flags) + 1)
        work: list[int] = []
        running = 0
        for i, flag in enumerate(flags):
            cum[i] = running
            if flag:
                running += 1
                work.append(base + i)
        cum[len(flags)] = running
        return base, flags, cum, work

    def _covering(self, *ordinals: int) -> _Span:
        """The span, grown if needed so that it holds every one of ``ordinals``."""
        span = self._span
        base, size = span[0], len(span[1])
        if all(0 <= o - base < size for o in ordinals):
            return span
        years = [date.fromordinal(o).year for o in ordinals]
        return self._grow(min(years) - _YEARS_BEFORE, max(years) + _YEARS_AFTER)

    # -- questions (ordinal forms are the fast path used by deadlines.py) ---------------------
    # Each reads self._span once into locals: a concurrent _grow swaps the whole tuple.

    def is_working_ordinal(self, ordinal: int) -> bool:
        base, flags, _, _ = self._span
        if not 0 <= ordinal - base < len(flags):
            base, flags, _, _ = self._covering(ordinal)
        return flags[ordinal - base] == 1

    def nth_working_ordinal(self, after: int, n: int) -> int:
        """Ordinal of the ``n``-th (n ≥ 1) working day strictly after ``after``."""
        base, flags, cum, work = self._span
        if not 0 <= after - base < len(flags):
            base, flags, cum, work = self._covering(after)
        k = cum[after - base + 1] + n - 1
        while k >= len(work):
            # The answer lies past the prepared span: prepare more years and look again.
            base, flags, cum, work = self._grow(self._first_year, self._last_year + _YEARS_AFTER)
            k = cum[after - base + 1] + n - 1
        return work[k]

    def next_working_ordinal(self, ordinal: int) -> int:
        """``ordinal`` if it is a working day, else the next working day's ordinal."""
        base, flags, _, _ = self._span
        if not 0 <= ordinal - base < len(flags):
            base, flags, _, _ = self._covering(ordinal)
        if flags[ordinal - base]:
            return ordinal
        return self.nth_working_ordinal(ordinal, 1)

    def count_working_ordinals(self, after: int, until: int) -> int:
        """Working days in (after, until]; negative when ``until`` is before ``after``."""
        base, flags, cum, _ = self._span
        size = len(flags)
        if not (0 <= after - base < size and 0 <= until - base < size):
            base, flags, cum, _ = self._covering(after, until)
        # cum[i] counts working days before index i, so the difference is also right (and
        # negative) when until < after.
        return cum[until - base + 1] - cum[after - base + 1]

    def is_working_day(self, day: date) -> bool:
        """True when the office is open on ``day``."""
        return self.is_working_ordinal(day.toordinal())

    def is_day_off(self, day: date) -> bool:
        return not self.is_working_ordinal(day.toordinal())

    def day_kind(self, day: date) -> DayKind:
        """The reason ``day`` is or is not a working day."""
        kind = self._overrides.get(day)
        if kind is OverrideKind.DAY_OFF:
            return DayKind.OFFICE_DAY_OFF
        if kind is OverrideKind.WORKING_DAY:
            return DayKind.OFFICE_WORKING
        if self._statutory:
            days_off, workdays = statutory_year(day.year)
            if day in days_off:
                return DayKind.HOLIDAY
            if day in workdays:
                return DayKind.STATUTORY_WORKING
        return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKING

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        return date.fromordinal(self.next_working_ordinal(day.toordinal()))

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself never counts); n=0 → start."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start
        return date.fromordinal(self.nth_working_ordinal(start.toordinal(), n))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        return self.count_working_ordinals(start.toordinal(), end.toordinal())

    def working_days_in(self, first: date, last: date) -> list[date]:
        """The working days of [first, last], in order."""
        a, b = first.toordinal(), last.toordinal()
        if b < a:
            return []
        work = self._covering(a, b)[3]
        lo = bisect_left(work, a)
        out: list[date] = []
        for o in work[lo:]:
            if o > b:
                break
            out.append(date.fromordinal(o))
        return out


def days_off_in(calendar: WorkingCalendar, first: date, last: date) -> list[date]:
    """The days off of [first, last], in order (for a calendar screen)."""
    out: list[date] = []
    d = first
    while d <= last:
        if calendar.is_day_off(d):
            out.append(d)
        d += timedelta(days=1)
    return out
