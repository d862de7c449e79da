"""The day and time fields the dialogs share (sessions, dialogues, issued forms): one way from a
Python ``date``/``datetime``/minute count into the Qt editors and back.

A moment is read and written in the office's time zone to the minute (the editors show no
seconds); a session's hours are minutes after midnight.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QTimeEdit
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ

TIME_FORMAT = "HH:mm"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def to_qdatetime(moment: datetime) -> QDateTime:
    """``moment`` (timezone-aware) as the office's wall clock, to the minute."""
    local = moment.astimezone(OFFICE_TZ)
    return QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute))


def office_moment(value: QDateTime) -> datetime:
    """The moment an editor shows, timezone-aware in the office's time zone, to the minute."""
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                    tzinfo=OFFICE_TZ)


def time_edit(parent: QWidget | None = None) -> QTimeEdit:
    """A time of day typed as hh:mm."""
    edit = QTimeEdit(parent)
    edit.setDisplayFormat(TIME_FORMAT)
    return edit


def to_minutes(clock: QTime) -> int:
    """Minutes after midnight."""
    return clock.hour() * 60 + clock.minute()


def from_minutes(minutes: int) -> QTime:
    """The time ``minutes`` after midnight; the day's end (24:00) shows as 23:mm."""
    return QTime(min(minutes // 60, 23), minutes % 60)
