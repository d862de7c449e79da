"""The office calendar's per-day entries are compared-and-set: an entry another counter saved
since the screen read the calendar is never silently overwritten or removed (issue 10/11)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.calendar import OverrideKind
from reception_desk.errors import UserError
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import CalendarOverrideRow

DAY = date(2026, 12, 31)


def _entry(desk):  # type: ignore[no-untyped-def]
    return next((o for o in desk.cases.overrides() if o.day == DAY), None)


def _audit_rows(desk) -> int:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.entity == "calendar_override")) or 0)


def test_two_counters_adding_the_same_day_one_wins_the_other_is_told(sqlite_desk):
    seen_by_a = _entry(sqlite_desk)  # both screens read: no entry for the day
    seen_by_b = _entry(sqlite_desk)
    assert seen_by_a is None and seen_by_b is None
    sqlite_desk.cases.set_override(DAY, OverrideKind.DAY_OFF, "Nghỉ bù", expected=seen_by_b)
    with pytest.raises(UserError) as refused:
        sqlite_desk.cases.set_override(DAY, OverrideKind.WORKING_DAY, "Làm bù",
                                       expected=seen_by_a)
    assert refused.value.code == "calendar.changed_elsewhere"
    assert _entry(sqlite_desk).kind is OverrideKind.DAY_OFF
    assert _audit_rows(sqlite_desk) == 1


def test_a_changed_entry_is_neither_overwritten_nor_removed(sqlite_desk):
    sqlite_desk.cases.set_override(DAY, OverrideKind.DAY_OFF, "Nghỉ bù")
    seen = _entry(sqlite_desk)
    sqlite_desk.cases.set_override(DAY, OverrideKind.DAY_OFF, "Nghỉ bù theo công văn 12",
                                   expected=seen)
    for attempt in (
        lambda: sqlite_desk.cases.set_override(DAY, OverrideKind.WORKING_DAY, "", expected=seen),
        lambda: sqlite_desk.cases.remove_override(DAY, expected=seen),
    ):
        with pytest.raises(UserError) as refused:
            attempt()
        assert refused.value.code == "calendar.changed_elsewhere"
    assert _entry(sqlite_desk).note == "Nghỉ bù theo công văn 12"
    # Read again, the removal goes through; what the screen thinks absent is not removed.
    sqlite_desk.cases.remove_override(DAY, expected=_entry(sqlite_desk))
    with sqlite_desk.db.read() as s:
        assert s.get(CalendarOverrideRow, DAY) is None
    with pytest.raises(UserError) as gone:
        sqlite_desk.cases.remove_override(DAY, expected=seen)
    assert gone.value.code == "calendar.changed_elsewhere"
    with pytest.raises(UserError) as never:
        sqlite_desk.cases.remove_override(DAY)
    assert never.value.code == "calendar.override_not_found"
