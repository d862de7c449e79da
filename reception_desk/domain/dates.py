"""Days and moments as the office counts them: Vietnam time, Vietnamese day order.

Vietnam has one time zone and no daylight saving: a reception day is a day in ``OFFICE_TZ``
whatever the PC's own clock zone says. Moments are stored in UTC (SQLite hands them back naive);
``office_day`` is the one "today" of every door: pass it the clock's ``now``. No clock is read
here. ``parse_day`` is the one reader of a day typed by a clerk or on the command line.
"""

from __future__ import annotations

import re
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from zoneinfo import ZoneInfo

OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def as_utc(moment: datetime) -> datetime:
    """A stored moment as an aware one: a naive moment is UTC (how SQLite hands them back)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def office_time(moment: datetime) -> datetime:
    """``moment`` on the office's clock."""
    return as_utc(moment).astimezone(OFFICE_TZ)


def office_day(moment: datetime) -> date:
    """The office's calendar day at ``moment``: with the clock's ``now``, the office's today."""
    return as_utc(moment).astimezone(OFFICE_TZ).date()


def day_start(day: date, at: time = time(0)) -> datetime:
    """The moment ``day`` starts (or reaches ``at``) on the office's clock, timezone-aware."""
    return datetime.combine(day, at, OFFICE_TZ)


# "12/4/1985", "12.04.1985", "12-04-1985", "12 04 1985": day, month, year.
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})\s*$")
_DIGITS_ONLY = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")  # "12041985"
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")  # "1985-04-12"


def parse_day(text: str) -> date | None:
    """A day written in Vietnamese order ("12/4/1985", "12.04.1985", "12-04-1985",
    "12041985") or as ISO "1985-04-12".

    None for blank text; ``ValueError`` for text that is not a real day.
    """
    if not text.strip():
        return None
    iso = _ISO.match(text)
    if iso is not None:
        year, month, day = (int(g) for g in iso.groups())
        return date(year, month, day)
    match = _DAY_MONTH_YEAR.match(text) or _DIGITS_ONLY.match(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)
