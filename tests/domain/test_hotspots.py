"""Hotspot rules (LEGAL.md §11: local policy anchored on legal signals), one block per reason code
with the boundary of each threshold, plus scoring, ranking and the ISO-week comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import timedelta

import pytest

from reception_desk.domain.cases import ComplexityCriterion as C
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.hotspots import CaseSnapshot
from reception_desk.domain.hotspots import ComplaintLink
from reception_desk.domain.hotspots import EventFact
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import Trend
from reception_desk.domain.hotspots import VisitFact
from reception_desk.domain.hotspots import compare
from reception_desk.domain.hotspots import evaluate
from reception_desk.domain.hotspots import flags_for
from reception_desk.domain.hotspots import reference_day
from reception_desk.domain.hotspots import weekly
from reception_desk.domain.hotspots import weekly_counts
from reception_desk.errors import UserError

TODAY = date(2026, 11, 27)  # a Friday
POLICY = HotspotPolicy()


def case(**kw: object) -> CaseSnapshot:
    values: dict[str, object] = {"id": 1, "received_on": TODAY - timedelta(days=30)}
    values.update(kw)
    return CaseSnapshot(**values)  # type: ignore[arg-type]


def reasons(c: CaseSnapshot, today: date = TODAY, policy: HotspotPolicy = POLICY,
            sensitive: frozenset[str] = frozenset()) -> set[Reason]:
    return {f.reason for f in flags_for(c, policy, today, sensitive)}


def flag(c: CaseSnapshot, reason: Reason, today: date = TODAY,
         policy: HotspotPolicy = POLICY):  # type: ignore[no-untyped-def]
    return next(f for f in flags_for(c, policy, today) if f.reason is reason)


def test_plain_case_is_no_hotspot() -> None:
    assert reasons(case()) == set()


# --- overdue (LEGAL.md §4.3: "past the computed deadline") --------------------------------


def test_overdue_deadline_day_is_still_on_time() -> None:
    assert Reason.OVERDUE not in reasons(case(due_on=TODAY))


def test_overdue_the_day_after_the_deadline() -> None:
    c = case(due_on=TODAY - timedelta(days=1))
    assert Reason.OVERDUE in reasons(c)
    f = flag(c, Reason.OVERDUE)
    assert f.explanation.key == "overdue.stage"
    assert f.explanation.params == {"due_on": TODAY - timedelta(days=1), "days": 1}


def test_overdue_needs_an_open_case_and_a_running_clock() -> None:
    assert reasons(case(due_on=None)) == set()  # suspended / no limit
    ended = case(due_on=TODAY - timedelta(days=5), ended_on=TODAY - timedelta(days=2))
    assert reasons(ended) == set()


# --- long running (default 180 days; Luật TCD Art. 30(2) "đã qua nhiều cấp") ----------------


def test_long_running_179_days_is_not_180_is() -> None:
    assert Reason.LONG_RUNNING not in reasons(case(received_on=TODAY - timedelta(days=179)))
    c = case(received_on=TODAY - timedelta(days=180))
    assert Reason.LONG_RUNNING in reasons(c)
    assert flag(c, Reason.LONG_RUNNING).explanation.params == {"days": 180, "threshold": 180}


def test_long_running_two_levels_per_events() -> None:
    one_level = case(events=(EventFact(7, EventKind.ACCEPT, TODAY, HandlingLevel.COMMUNE),))
    assert Reason.LONG_RUNNING not in reasons(one_level)
    two = case(events=(EventFact(8, EventKind.VERIFY, TODAY - timedelta(days=3),
                                 HandlingLevel.PROVINCE),))
    f = flag(two, Reason.LONG_RUNNING)
    assert f.explanation.key == "long_running.levels"
    assert f.event_ids == (8,)
    # An event after the reference day is not seen yet.
    assert Reason.LONG_RUNNING not in reasons(two, today=TODAY - timedelta(days=4))


def test_long_running_threshold_is_policy() -> None:
    c = case(received_on=TODAY - timedelta(days=100))
    assert Reason.LONG_RUNNING in reasons(c, policy=HotspotPolicy(long_running_days=100))


# --- crowd (LEGAL.md §5: 5 or more people, or a delegation) ---------------------------------


def test_crowd_4_people_is_not_5_is() -> None:
    assert Reason.CROWD not in reasons(case(visits=(VisitFact(1, TODAY, people=4),)))
    c = case(visits=(VisitFact(1, TODAY, people=4), VisitFact(2, TODAY, people=5)))
    f = flag(c, Reason.CROWD)
    assert f.visit_ids == (2,)
    assert f.explanation.params["people"] == 5


def test_crowd_delegation_of_any_size() -> None:
    c = case(visits=(VisitFact(3, TODAY, people=2, delegation=True),))
    assert flag(c, Reason.CROWD).visit_ids == (3,)


def test_crowd_threshold_from_policy() -> None:
    c = case(visits=(VisitFact(1, TODAY, people=5),))
    assert Reason.CROWD not in reasons(c, policy=HotspotPolicy(crowd_threshold=6))


def test_crowd_visit_after_reference_day_or_too_old_is_ignored() -> None:
    assert reasons(case(visits=(VisitFact(1, TODAY + timedelta(days=1), people=9),))) == set()
    old = TODAY - timedelta(days=POLICY.visit_lookback_days)
    c = case(received_on=TODAY - timedelta(days=170), visits=(VisitFact(1, old, people=9),))
    assert Reason.CROWD not in reasons(c)


# --- repeat (3 or more visits within 90 days) ------------------------------------------------


def test_repeat_2_visits_is_not_3_is() -> None:
    two = (VisitFact(1, TODAY - timedelta(days=10)), VisitFact(2, TODAY))
    assert Reason.REPEAT not in reasons(case(visits=two))
    three = (*two, VisitFact(3, TODAY - timedelta(days=89)))
    f = flag(case(visits=three), Reason.REPEAT)
    assert set(f.visit_ids) == {1, 2, 3}
    assert f.explanation.params == {"visits": 3, "window": 90}


def test_repeat_window_is_90_days_ending_today() -> None:
    visits = (VisitFact(1, TODAY - timedelta(days=90)), VisitFact(2, TODAY - timedelta(days=5)),
              VisitFact(3, TODAY))
    assert Reason.REPEAT not in reasons(case(received_on=TODAY - timedelta(days=100),
                                             visits=visits))


# --- bypass (LEGAL.md §6.4 (a)) --------------------------------------------------------------


def province_event(on: date, kind: EventKind = EventKind.VERIFY, eid: int = 20) -> EventFact:
    return EventFact(eid, kind, on, HandlingLevel.PROVINCE)


def test_bypass_before_the_commune_decision() -> None:
    decided = TODAY - timedelta(days=2)
    c = case(events=(province_event(decided - timedelta(days=1)),
                     EventFact(21, EventKind.DECIDE, decided, HandlingLevel.COMMUNE)))
    f = flag(c, Reason.BYPASS)
    assert f.event_ids == (20,)
    assert f.explanation.params == {"level": "province", "on": decided - timedelta(days=1)}


def test_no_bypass_on_or_after_the_commune_decision() -> None:
    decided = TODAY - timedelta(days=2)
    for on in (decided, decided + timedelta(days=1)):
        c = case(events=(EventFact(21, EventKind.DECIDE, decided), province_event(on)))
        assert Reason.BYPASS not in reasons(c)


def test_no_bypass_after_the_commune_deadline_ran_out() -> None:
    due = TODAY - timedelta(days=10)
    assert Reason.BYPASS in reasons(case(due_on=due, events=(province_event(due),)))
    assert Reason.BYPASS not in reasons(case(due_on=due,
                                             events=(province_event(due + timedelta(days=1)),)))


def test_no_bypass_outside_commune_competence_or_by_own_transfer() -> None:
    ev = (province_event(TODAY),)
    assert Reason.BYPASS not in reasons(case(within_commune_competence=False, events=ev))
    own = (province_event(TODAY, EventKind.TRANSFER),)
    assert Reason.BYPASS not in reasons(case(events=own))
    court = (EventFact(5, EventKind.VERIFY, TODAY, HandlingLevel.COURT),)
    assert Reason.BYPASS not in reasons(case(events=court))


# --- bypass (b): a second-time complaint before the first is decided or due -------------------
# LEGAL.md §6.4 (b), an operational definition (not law) built on Luật KN 2011 Art. 33(1): the
# second complaint opens on the first decision, or on the expiry of the first deadline without one.

D0 = TODAY - timedelta(days=20)


@pytest.mark.parametrize(("lodged", "decided", "due", "flagged"), [
    pytest.param(D0, None, D0 + timedelta(days=5), True, id="KN-33-before-decision-and-due"),
    pytest.param(D0, None, D0, True, id="KN-33-on-the-deadline-day-still-early"),
    pytest.param(D0, None, D0 - timedelta(days=1), False, id="KN-33-after-deadline-expired"),
    pytest.param(D0, D0, None, False, id="KN-33-on-the-decision-day"),
    pytest.param(D0, D0 + timedelta(days=1), None, True, id="KN-33-day-before-decision"),
    pytest.param(D0, None, None, True, id="KN-33-first-not-even-accepted"),
    pytest.param(D0, TODAY + timedelta(days=1), None, True, id="KN-33-decided-after-as-of-day"),
    pytest.param(TODAY + timedelta(days=1), None, None, False, id="lodged-after-as-of-day"),
])
def test_bypass_second_complaint_table(lodged: date, decided: date | None, due: date | None,
                                       flagged: bool) -> None:
    link = ComplaintLink(1, 2, lodged, decided, due, "1/2026", "2/2026")
    for cid in (1, 2):  # flagged on the first complaint and on the second alike
        c = case(id=cid, complaint_links=(link,))
        assert (Reason.BYPASS_SECOND in reasons(c)) is flagged
    if flagged:
        f = flag(case(id=1, complaint_links=(link,)), Reason.BYPASS_SECOND)
        assert f.explanation.key == "bypass_second.premature"
        assert f.explanation.params == {"on": lodged, "first": "1/2026", "second": "2/2026"}


# --- bypass (c): the same matter lodged with several levels at once -------------------------
# LEGAL.md §6.4 (c), an operational definition (not law); also a "không đủ điều kiện xử lý"
# ground (TT 07/2014 Art. 6(2)(b)). Window: policy.simultaneous_days either side of the receipt.

RECEIVED = TODAY - timedelta(days=40)


@pytest.mark.parametrize(("offset", "level", "kind", "competent", "flagged"), [
    pytest.param(0, HandlingLevel.PROVINCE, EventKind.VERIFY, True, True,
                 id="6.4c-same-day-province"),
    pytest.param(-30, HandlingLevel.MINISTRY_CENTRAL, EventKind.VERIFY, True, True,
                 id="6.4c-30-days-before-is-in"),
    pytest.param(30, HandlingLevel.PROVINCE, EventKind.VERIFY, False, True,
                 id="6.4c-30-days-after-outside-competence-too"),
    pytest.param(31, HandlingLevel.PROVINCE, EventKind.VERIFY, True, False,
                 id="6.4c-31-days-after-is-out"),
    pytest.param(-31, HandlingLevel.PROVINCE, EventKind.VERIFY, True, False,
                 id="6.4c-31-days-before-is-out"),
    pytest.param(2, HandlingLevel.COURT, EventKind.VERIFY, True, True, id="6.4c-court"),
    pytest.param(2, HandlingLevel.PROVINCE, EventKind.TRANSFER, True, False,
                 id="6.4c-own-transfer-is-not"),
    pytest.param(2, HandlingLevel.COMMUNE, EventKind.VERIFY, True, False,
                 id="6.4c-commune-only"),
])
def test_bypass_simultaneous_table(offset: int, level: HandlingLevel, kind: EventKind,
                                   competent: bool, flagged: bool) -> None:
    on = RECEIVED + timedelta(days=offset)
    c = case(received_on=RECEIVED, within_commune_competence=competent,
             events=(EventFact(7, kind, on, level),))
    assert (Reason.BYPASS_SIMULTANEOUS in reasons(c)) is flagged
    if flagged:
        f = flag(c, Reason.BYPASS_SIMULTANEOUS)
        assert f.event_ids == (7,)
        assert f.explanation.params == {"level": level.value, "on": on, "levels": 2,
                                        "window": 30}


def test_bypass_simultaneous_not_after_the_commune_decision() -> None:
    # Going on to the next level after the commune decided is the citizen's right (KN Art. 33).
    decided = RECEIVED + timedelta(days=5)
    for on, flagged in ((decided - timedelta(days=1), True), (decided, False)):
        c = case(received_on=RECEIVED, events=(
            EventFact(6, EventKind.DECIDE, decided, HandlingLevel.COMMUNE),
            EventFact(7, EventKind.VERIFY, on, HandlingLevel.PROVINCE)))
        assert (Reason.BYPASS_SIMULTANEOUS in reasons(c)) is flagged


def test_bypass_simultaneous_window_is_policy_and_future_events_wait() -> None:
    on = RECEIVED + timedelta(days=10)
    c = case(received_on=RECEIVED, events=(EventFact(7, EventKind.VERIFY, on,
                                                     HandlingLevel.PROVINCE),))
    assert Reason.BYPASS_SIMULTANEOUS not in reasons(c, policy=HotspotPolicy(simultaneous_days=9))
    assert Reason.BYPASS_SIMULTANEOUS not in reasons(c, today=on - timedelta(days=1))


def test_bypass_b_and_c_are_switchable_and_on_by_default() -> None:
    link = ComplaintLink(1, 2, D0, None, None)
    c = case(complaint_links=(link,), received_on=RECEIVED,
             events=(EventFact(7, EventKind.VERIFY, RECEIVED, HandlingLevel.PROVINCE),))
    assert {Reason.BYPASS_SECOND, Reason.BYPASS_SIMULTANEOUS} <= reasons(c)
    off = HotspotPolicy(enabled=frozenset(Reason) - {Reason.BYPASS_SECOND,
                                                     Reason.BYPASS_SIMULTANEOUS})
    assert not {Reason.BYPASS_SECOND, Reason.BYPASS_SIMULTANEOUS} & reasons(c, policy=off)
    # Switched off and stored: stays off.
    stored = HotspotPolicy.from_json(off.to_json())
    assert Reason.BYPASS_SECOND not in stored.enabled
    # A policy stored before (b), (c) and the missing dialogue existed (no "known" list): the
    # reasons added since start switched on.
    old = {"enabled": ["overdue", "crowd"]}
    assert HotspotPolicy.from_json(old).enabled == frozenset(
        {Reason.OVERDUE, Reason.CROWD, Reason.BYPASS_SECOND, Reason.BYPASS_SIMULTANEOUS,
         Reason.NO_DIALOGUE})
    with pytest.raises(UserError) as e:
        HotspotPolicy.from_json({"simultaneous_days": 0})
    assert e.value.field == "simultaneous_days"


# --- sensitive field (office-editable list) ----------------------------------------------------


def test_sensitive_field_from_the_office_list() -> None:
    c = case(field_code="pakn.dat_dai")
    assert Reason.SENSITIVE_FIELD not in reasons(c)
    assert Reason.SENSITIVE_FIELD in reasons(c, sensitive=frozenset({"pakn.dat_dai"}))
    assert reasons(case(field_code=None), sensitive=frozenset({"pakn.dat_dai"})) == set()


# --- complex (≥ 2 criteria: đặc biệt phức tạp, NĐ 31/2019 Art. 3(3)) --------------------------


def test_complex_1_criterion_is_not_2_is() -> None:
    assert Reason.COMPLEX not in reasons(case(criteria=frozenset({C.MANY_PEOPLE})))
    c = case(criteria=frozenset({C.MANY_PEOPLE, C.MULTIPLE_PLACES}))
    assert flag(c, Reason.COMPLEX).explanation.params == {"count": 2, "letters": "a, c"}


# --- incident (Luật TCD Art. 30(3)) ------------------------------------------------------------


def test_incident_recorded_at_a_visit() -> None:
    assert reasons(case(visits=(VisitFact(1, TODAY),))) == set()
    f = flag(case(visits=(VisitFact(1, TODAY, incident=True),)), Reason.INCIDENT)
    assert f.visit_ids == (1,)


# --- score, rank, policy -------------------------------------------------------------------


def test_score_and_rank() -> None:
    a = case(id=1, due_on=TODAY - timedelta(days=1))  # overdue: 3
    b = case(id=2, visits=(VisitFact(9, TODAY, people=8, incident=True),))  # crowd 4 + incident 5
    c = case(id=3)
    ranked = evaluate([a, b, c], POLICY, TODAY)
    assert [(h.case_id, h.rank, h.score) for h in ranked] == [(2, 1, 9), (1, 2, 3)]
    assert ranked[0].reasons == (Reason.CROWD, Reason.INCIDENT)


def test_disabled_reason_and_weights() -> None:
    c = case(due_on=TODAY - timedelta(days=1))
    off = HotspotPolicy(enabled=frozenset(Reason) - {Reason.OVERDUE})
    assert reasons(c, policy=off) == set()
    heavy = HotspotPolicy.from_json({"weights": {"overdue": 10}})
    assert evaluate([c], heavy, TODAY)[0].score == 10


def test_policy_round_trip_and_validation() -> None:
    p = HotspotPolicy(long_running_days=200, crowd_threshold=6)
    assert HotspotPolicy.from_json(p.to_json()) == p
    assert p.to_json()["basis"] == "local_policy"
    assert HotspotPolicy.from_json(None) == HotspotPolicy()
    with pytest.raises(UserError) as e:
        HotspotPolicy.from_json({"crowd_threshold": 0})
    assert e.value.field == "crowd_threshold"
    with pytest.raises(UserError):
        HotspotPolicy.from_json({"weights": {"nonsense": 1}})


# --- ISO weeks and the comparison ---------------------------------------------------------


def test_iso_week_monday_to_sunday() -> None:
    w = IsoWeek.parse("2026-W48")
    assert (w.monday, w.sunday) == (date(2026, 11, 23), date(2026, 11, 29))
    assert IsoWeek.of(TODAY) == w and str(w) == "2026-W48"
    assert str(IsoWeek.parse("2026-W01").shifted(-1)) == "2025-W52"
    assert reference_day(w, TODAY) == TODAY
    assert reference_day(w.shifted(-1), TODAY) == date(2026, 11, 22)
    for bad in ("2026-W54", "2026", "W12", "abc"):
        with pytest.raises(UserError):
            IsoWeek.parse(bad)


def test_week_comparison_new_continuing_cooled() -> None:
    week = IsoWeek.of(TODAY)
    last_sunday = week.shifted(-1).sunday
    continuing = case(id=1, due_on=last_sunday - timedelta(days=1))
    new = case(id=2, due_on=last_sunday + timedelta(days=1))
    cooled = case(id=3, due_on=last_sunday - timedelta(days=1), ended_on=week.monday)
    out = {h.case_id: h for h in weekly([continuing, new, cooled], POLICY, week, TODAY)}
    assert out[1].trend is Trend.CONTINUING and out[1].rank >= 1
    assert out[2].trend is Trend.NEW
    assert out[3].trend is Trend.COOLED and out[3].rank == 0


def test_compare_keeps_current_order() -> None:
    cur = evaluate([case(id=5, due_on=TODAY - timedelta(days=1))], POLICY, TODAY)
    assert compare(cur, []) == [replace(cur[0], trend=Trend.NEW)]


def test_weekly_counts() -> None:
    week = IsoWeek.of(TODAY)
    c = case(id=1, received_on=week.monday, due_on=week.monday)
    counts = weekly_counts([c], POLICY, [week.shifted(-1), week], TODAY)
    assert counts == [(week.shifted(-1), 0), (week, 1)]
