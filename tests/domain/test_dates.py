"""The office's clock face (Vietnam time, UTC+7 all year) and the one reader of typed days."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import pytest

from reception_desk.domain.dates import OFFICE_TZ
from reception_desk.domain.dates import as_utc
from reception_desk.domain.dates import day_start
from reception_desk.domain.dates import office_day
from reception_desk.domain.dates import office_time
from reception_desk.domain.dates import parse_day


@pytest.mark.parametrize("text", ["12/4/1985", "12/04/1985", "12.04.1985", "12-04-1985",
                                  "12 04 1985", " 12 / 4 / 1985 ", "12041985", "1985-04-12"])
def test_parse_day_reads_vietnamese_order_and_iso(text):
    assert parse_day(text) == date(1985, 4, 12)


@pytest.mark.parametrize("text", ["31/02/2026", "2026/04/12", "12/4/85", "12 tháng 4", "1985-13-01",
                                  "1204198"])
def test_parse_day_refuses_what_is_not_a_real_day(text):
    with pytest.raises(ValueError):
        parse_day(text)


def test_parse_day_of_blank_text_is_none():
    assert parse_day("") is None
    assert parse_day("   ") is None


def test_the_office_day_turns_at_midnight_vietnam_time_not_utc():
    # 17:00 UTC is midnight in Hà Nội (UTC+7, no daylight saving).
    assert office_day(datetime(2026, 12, 3, 16, 59, tzinfo=UTC)) == date(2026, 12, 3)
    assert office_day(datetime(2026, 12, 3, 17, 0, tzinfo=UTC)) == date(2026, 12, 4)
    assert office_day(datetime(2026, 6, 30, 17, 0, tzinfo=UTC)) == date(2026, 7, 1)


def test_stored_naive_moments_are_utc():
    naive = datetime(2026, 12, 3, 17, 30)
    assert as_utc(naive) == datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    assert office_time(naive) == datetime(2026, 12, 4, 0, 30, tzinfo=OFFICE_TZ)
    aware = datetime(2026, 12, 4, 8, 0, tzinfo=OFFICE_TZ)
    assert as_utc(aware) is aware


def test_day_start_is_on_the_office_clock():
    start = day_start(date(2026, 12, 4))
    assert start.astimezone(UTC) == datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    assert day_start(date(2026, 12, 4), time(8)) - start == timedelta(hours=8)
