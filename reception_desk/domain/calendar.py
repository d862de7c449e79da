"""Working-day calendar: statutory holidays, announced swaps, and the office's own edits.

Three layers, each later one winning (LEGAL.md §4.4):

1. Statute: ``holidays.VN`` lists the Labour Code 2019 Art. 112 days off (Tết, Giỗ Tổ, 30/4, 1/5,
   Quốc khánh, their compensating days) and a few swaps it has data for. 24/11 (Ngày Văn hóa Việt
   Nam) is in ``holidays.VN`` but its Labour Code basis was not found: it is labelled unverified
   and the office may switch it off.
2. Announced swaps (``ANNOUNCED_DAYS``): days off and make-up working days the Government announced
   for civil servants (e.g. VPCP 12729/VPCP-KGVX: Fri 02/01/2026 off, Sat 10/01/2026 worked),
   shipped as data with their source. Swaps are never called statutory holidays.
3. Office edits (``calendar_override`` table): the office's own entries, which may also undo a
   shipped swap or the unverified 24/11.

Speed matters (the case list computes a deadline and a status per row): the calendar keeps a sorted
array of working-day ordinals and a running count per day, so each question is an array lookup.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache

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
    ANNOUNCED_DAY_OFF = "announced_day_off"  # swapped day off announced by the Government
    ANNOUNCED_WORKING = "announced_working"  # announced make-up working day (a Saturday)
    OFFICE_DAY_OFF = "office_day_off"
    OFFICE_WORKING = "office_working"


class DayOrigin(StrEnum):
    """Where a day's status comes from (a calendar shown to users says it, LEGAL.md §4.4)."""

    ORDINARY = "ordinary"  # plain weekday or weekend
    STATUTE = "statute"  # Labour Code 2019 Art. 112 via holidays.VN
    STATUTE_UNVERIFIED = "statute_unverified"  # in holidays.VN, legal basis not found (24/11)
    ANNOUNCED = "announced"  # swap announced by the Government (shipped data or holidays.VN)
    OFFICE = "office"  # the office's own edit


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One row of the office's calendar table."""

    day: date
    kind: OverrideKind


@dataclass(frozen=True, slots=True)
class AnnouncedDay:
    """One announced swap day, shipped with its source (LEGAL.md §4.4)."""

    day: date
    kind: OverrideKind
    source: str
    confidence: str = "N"  # LEGAL.md §0 tag of the source


#: Government-announced swaps for civil servants. Sources: LEGAL.md §4.4 [N]. The office can undo
#: any of them with its own edit (an office entry for the same day wins). 2027: no swap had been
#: announced when this table was checked (December 2026); add them here, or as office edits,
#: when the Government's notice is out.
ANNOUNCED_DAYS: tuple[AnnouncedDay, ...] = (
    AnnouncedDay(date(2026, 1, 2), OverrideKind.DAY_OFF,
                 "VPCP 12729/VPCP-KGVX (Tết Dương lịch 2026: nghỉ bù thứ Sáu 02/01)"),
    AnnouncedDay(date(2026, 1, 10), OverrideKind.WORKING_DAY,
                 "VPCP 12729/VPCP-KGVX (làm bù thứ Bảy 10/01/2026)"),
    AnnouncedDay(date(2026, 8, 22), OverrideKind.WORKING_DAY,
                 "Quốc khánh 2026: làm bù thứ Bảy 22/08 (hoán đổi với thứ Hai 31/08)"),
    AnnouncedDay(date(2026, 8, 31), OverrideKind.DAY_OFF,
                 "Quốc khánh 2026: nghỉ thứ Hai 31/08 (hoán đổi, làm bù thứ Bảy 22/08)"),
)

#: Statutory-calendar days whose legal basis was not verified (LEGAL.md §4.4 [M]): month, day.
UNVERIFIED_HOLIDAYS: dict[tuple[int, int], str] = {
    (11, 24): "Ngày Văn hóa Việt Nam: có trong thư viện holidays; chưa tìm thấy căn cứ trong "
              "Bộ luật Lao động (nguồn chưa kiểm chứng; văn phòng có thể tắt)",
}

_STATUTE_SOURCE = "Bộ luật Lao động 2019 Điều 112 (thư viện holidays)"
_HOLIDAYS_SWAP_SOURCE = "Hoán đổi ngày làm việc đã công bố (thư viện holidays)"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """A day's status, its origin and the source behind it."""

    day: date
    kind: DayKind
    origin: DayOrigin
    source: str
    name: str = ""

    @property
    def working(self) -> bool:
        return self.kind in (DayKind.WORKING, DayKind.ANNOUNCED_WORKING, DayKind.OFFICE_WORKING)


@lru_cache(maxsize=256)
def statutory_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Statutory days off and statutory make-up weekend working days of one year."""
    import holidays  # issue 17: ~280 modules, loaded at the first deadline, not at start

    vn = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in vn if d.year == year)
    # holidays.VN reports make-up Saturdays of several years at once: keep this year's only.
    workdays = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return days_off, workdays


@lru_cache(maxsize=256)
def statutory_names(year: int) -> dict[date, str]:
    """holidays.VN's names of one year's days off (a swap's name says "substituted")."""
    import holidays

    vn = holidays.country_holidays("VN", years=year)
    return {d: str(n) for d, n in vn.items() if d.year == year}


def _is_holidays_swap(name: str) -> bool:
    return "substituted" in name.lower()


# The prepared span: (ordinal of its first day, 1/0 flag per day, count of working days before
# each day index (one extra entry at the end), sorted working-day ordinals).
_Span = tuple[int, bytearray, list[int], list[int]]


class WorkingCalendar:
    """Answers working-day questions for any date; immutable once built.

    ``overrides`` (office edits) win over ``announced`` swaps, which win over the statutory
    calendar; two overrides for the same day must agree. ``announced`` defaults to
    ``ANNOUNCED_DAYS``. ``statutory=False`` drops ``holidays.VN`` and, unless given, the announced
    swaps (weekends only), which tests and what-if screens use.
    Years are prepared lazily; the arrays are swapped as one tuple under a lock, so a calendar
    may be shared with worker threads.
    """

    __slots__ = ("_announced", "_first_year", "_last_year", "_lock", "_overrides", "_span",
                 "_statutory")

    def __init__(self, overrides: Iterable[CalendarOverride] = (), *,
                 statutory: bool = True,
                 announced: Iterable[AnnouncedDay] | None = None) -> None:
        if announced is None:
            announced = ANNOUNCED_DAYS if statutory else ()
        self._announced: dict[date, AnnouncedDay] = {a.day: a for a in announced}
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

    @property
    def announced(self) -> tuple[AnnouncedDay, ...]:
        """The announced swaps this calendar applies, sorted by day."""
        return tuple(a for _, a in sorted(self._announced.items()))

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
        for d, a in self._announced.items():
            if first <= d.year <= last:
                flags[d.toordinal() - base] = 1 if a.kind is OverrideKind.WORKING_DAY else 0
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
        return self.day_info(day).kind

    def day_info(self, day: date) -> DayInfo:
        """``day``'s status with its origin (statute, announced swap, office edit) and source."""
        kind = self._overrides.get(day)
        if kind is OverrideKind.DAY_OFF:
            return DayInfo(day, DayKind.OFFICE_DAY_OFF, DayOrigin.OFFICE, "")
        if kind is OverrideKind.WORKING_DAY:
            return DayInfo(day, DayKind.OFFICE_WORKING, DayOrigin.OFFICE, "")
        announced = self._announced.get(day)
        if announced is not None:
            return DayInfo(day, DayKind.ANNOUNCED_DAY_OFF
                           if announced.kind is OverrideKind.DAY_OFF
                           else DayKind.ANNOUNCED_WORKING, DayOrigin.ANNOUNCED, announced.source)
        if self._statutory:
            days_off, workdays = statutory_year(day.year)
            if day in days_off:
                name = statutory_names(day.year).get(day, "")
                if _is_holidays_swap(name):
                    return DayInfo(day, DayKind.ANNOUNCED_DAY_OFF, DayOrigin.ANNOUNCED,
                                   _HOLIDAYS_SWAP_SOURCE, name)
                unverified = UNVERIFIED_HOLIDAYS.get((day.month, day.day))
                if unverified is not None:
                    return DayInfo(day, DayKind.HOLIDAY, DayOrigin.STATUTE_UNVERIFIED,
                                   unverified, name)
                return DayInfo(day, DayKind.HOLIDAY, DayOrigin.STATUTE, _STATUTE_SOURCE, name)
            if day in workdays:
                return DayInfo(day, DayKind.ANNOUNCED_WORKING, DayOrigin.ANNOUNCED,
                               _HOLIDAYS_SWAP_SOURCE)
        kind_ = DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKING
        return DayInfo(day, kind_, DayOrigin.ORDINARY, "")

    def special_days(self, first: date, last: date) -> list[DayInfo]:
        """Days of [first, last] that are not ordinary weekdays/weekends, with their origin."""
        out: list[DayInfo] = []
        d = first
        while d <= last:
            info = self.day_info(d)
            if info.origin is not DayOrigin.ORDINARY:
                out.append(info)
            d += timedelta(days=1)
        return out

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


#: Office hours an appointment is expected in. No statute fixes them (LEGAL.md §7: "regular
#: hours" are the office's own, posted at the reception place): a warning, never a refusal.
OFFICE_OPENS = time(7, 0)
OFFICE_CLOSES = time(17, 30)


class AppointmentWarning(StrEnum):
    DAY_OFF = "day_off"  # a weekend, a holiday, an announced or office day off
    OUTSIDE_HOURS = "outside_hours"  # before opening or after closing


def appointment_warnings(at_local: datetime, calendar: WorkingCalendar
                         ) -> list[AppointmentWarning]:
    """Why an appointment at ``at_local`` (office wall-clock time) looks wrong: on a day off
    (Sunday, 01/01, Tết…) or outside office hours (23:30). Empty when it looks fine."""
    out: list[AppointmentWarning] = []
    if calendar.is_day_off(at_local.date()):
        out.append(AppointmentWarning.DAY_OFF)
    if not OFFICE_OPENS <= at_local.time() <= OFFICE_CLOSES:
        out.append(AppointmentWarning.OUTSIDE_HOURS)
    return out
