"""Issue 17: the weekly list and the trend are computed once per state of the data and day, and
any committed write (this counter's or another's), a policy change or a new day counts at once;
the trend's counts are the weekly evaluation's."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest

from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import count_hotspots
from reception_desk.domain.hotspots import evaluate
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.services.hotspots import weekly
from reception_desk.storage.database import open_database
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event
from tests.services.hotspot_data import add_visit

TODAY = date(2026, 11, 27)
WEEK = IsoWeek(2026, 48)


@pytest.fixture
def computed(monkeypatch):  # type: ignore[no-untyped-def]
    """How many times the lists were computed from the tables."""
    calls: list[str] = []
    for name in ("weekly_list", "trend"):
        original = getattr(weekly, name)

        def counting(*args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(weekly, name, counting)
    return calls


def _flagged_office(desk) -> int:  # type: ignore[no-untyped-def]
    c = add_case(desk, received_on=date(2026, 10, 1), due_on=TODAY - timedelta(days=1))
    crowd = add_case(desk, received_on=date(2026, 11, 2), due_on=date(2026, 12, 20),
                     field_code="pakn.moi_truong")
    add_visit(desk, crowd, date(2026, 11, 24), people=12, delegation=True)
    add_event(desk, c, "transfer", date(2026, 11, 3), level="district")
    return c


def test_asked_again_unchanged_the_lists_are_not_computed_again(desk, computed):
    _flagged_office(desk)
    first = desk.hotspots.weekly(WEEK)
    assert desk.hotspots.weekly(WEEK) == first
    trend = desk.hotspots.trend(weeks=6)
    assert desk.hotspots.trend(weeks=6) == trend
    assert computed == ["weekly_list", "trend"]


def test_a_write_a_policy_change_or_a_new_day_counts_at_once(desk, clock, computed):
    _flagged_office(desk)
    before = desk.hotspots.weekly(WEEK)
    quiet = add_case(desk, received_on=date(2026, 11, 20), due_on=date(2026, 11, 25))
    after = desk.hotspots.weekly(WEEK)
    assert quiet in {r.case.id for r in after.rows} and after != before
    assert any(Reason.CROWD in r.reasons for r in after.rows)
    desk.hotspots.save_policy(HotspotPolicy(crowd_threshold=50, crowd_delegation=False))
    assert not any(Reason.CROWD in r.reasons for r in desk.hotspots.weekly(WEEK).rows)
    clock.moment += timedelta(days=1)
    desk.hotspots.weekly(WEEK)
    assert computed == ["weekly_list"] * 4


def test_another_counters_write_counts_at_once(desk, clock):
    _flagged_office(desk)
    counted = [c.count for c in desk.hotspots.trend(weeks=3)]
    other = Desk(open_database(desk.db.url), clock, hasher=cheap_hasher())
    try:
        other.act_as(other.staff()[0])
        add_case(other, received_on=date(2026, 10, 5), due_on=date(2026, 11, 2))
    finally:
        other.close()
    assert [c.count for c in desk.hotspots.trend(weeks=3)] == [n + 1 for n in counted]


def test_the_trend_counts_what_the_weekly_evaluation_ranks(desk):
    _flagged_office(desk)
    add_case(desk, received_on=date(2026, 8, 1), due_on=date(2026, 9, 1), stage="closed",
             closed_on=date(2026, 11, 10))
    add_case(desk, received_on=date(2026, 11, 26), due_on=date(2026, 12, 5),
             criteria=["many_parties", "complex_law"])
    policy = HotspotPolicy()
    with desk.db.read() as s:
        snapshots = weekly.load_snapshots(s, date(2026, 9, 1), TODAY, policy)
        sensitive = weekly.sensitive_fields(s)
    days = [date(2026, 9, 1) + timedelta(days=n) for n in range(0, 88, 3)]
    counts = [count_hotspots(snapshots, policy, d, sensitive) for d in days]
    assert counts == [len(evaluate(snapshots, policy, d, sensitive)) for d in days]
    assert max(counts) >= 2


def test_open_case_statuses_are_kept_until_a_write_a_calendar_change_or_a_new_day(desk, clock,
                                                                                  monkeypatch):
    from reception_desk.domain.calendar import OverrideKind
    from reception_desk.domain.cases import EventKind
    from reception_desk.services.cases import lists
    from tests.services.test_cases import _event
    from tests.services.test_cases import _standalone

    computed: list[int] = []
    original = lists.open_case_statuses

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        computed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(lists, "open_case_statuses", counting)
    case = _standalone(desk, date(2026, 11, 20), title="Tranh chấp lối đi")
    first = desk.cases.open_statuses()
    assert desk.cases.open_statuses() == first and len(computed) == 1
    (due,) = [s.due_on for s in first if s.id == case.id]
    assert due is not None
    desk.cases.set_override(due - timedelta(days=1), OverrideKind.DAY_OFF, "Nghỉ bù")
    moved = desk.cases.open_statuses()
    assert len(computed) == 2 and moved != first  # the due date moved a working day on
    _event(desk, case, EventKind.RETURN_GUIDE)
    assert case.id not in {s.id for s in desk.cases.open_statuses()}  # no longer open
    clock.moment += timedelta(days=1)
    desk.cases.open_statuses()
    assert len(computed) == 4
