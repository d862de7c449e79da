"""The head's reception sessions: the duty by date (LEGAL.md §7) and the 5-working-day publicity
rule (Luật TCD Art. 19(1), 24), on the statutory 2026 calendar (Giỗ Tổ compensating Mon 27/04,
30/04 Thu, 01/05 Fri, Tết 16–20/02)."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.sessions import DEFAULT_DUTY_RULES
from reception_desk.domain.sessions import DutyRule
from reception_desk.domain.sessions import DutyState
from reception_desk.domain.sessions import DutyUnit
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import PublicityWarning
from reception_desk.domain.sessions import SessionFact
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.sessions import check_rules
from reception_desk.domain.sessions import check_times
from reception_desk.domain.sessions import duty_between
from reception_desk.domain.sessions import judge_period
from reception_desk.domain.sessions import latest_publication_day
from reception_desk.domain.sessions import parse_minute
from reception_desk.domain.sessions import period_of
from reception_desk.domain.sessions import publicity_warnings
from reception_desk.domain.sessions import visit_belongs

D = date
CAL = WorkingCalendar()
H, P, C = SessionStatus.HELD, SessionStatus.PLANNED, SessionStatus.CANCELLED
CHAIR, VICE = LeaderRole.CHAIR, LeaderRole.VICE_CHAIR
WEEKLY = "Luật TCD 2013 Art. 15 (original) [P]: ≥ 1 day per week until 30/06/2026"
MONTHLY = "Luật 136/2025 amending Art. 15 [N]: ≥ 2 days per month from 01/07/2026"


@pytest.mark.parametrize(
    ("day", "first", "last", "unit", "basis"),
    [
        (D(2026, 6, 17), D(2026, 6, 15), D(2026, 6, 21), DutyUnit.ISO_WEEK, WEEKLY),
        # The week of Mon 29/06 straddles the change: judged on 29–30/06 under the weekly rule.
        (D(2026, 6, 30), D(2026, 6, 29), D(2026, 6, 30), DutyUnit.ISO_WEEK, WEEKLY),
        (D(2026, 7, 1), D(2026, 7, 1), D(2026, 7, 31), DutyUnit.MONTH, MONTHLY),
        (D(2026, 7, 3), D(2026, 7, 1), D(2026, 7, 31), DutyUnit.MONTH, MONTHLY),
        (D(2026, 12, 4), D(2026, 12, 1), D(2026, 12, 31), DutyUnit.MONTH, MONTHLY),
    ],
)
def test_period_by_date(day: date, first: date, last: date, unit: DutyUnit, basis: str) -> None:
    found = period_of(day, DEFAULT_DUTY_RULES)
    assert found is not None, basis
    assert (found[0], found[1], found[2].unit) == (first, last, unit), basis


def fact(day: date, status: SessionStatus = H, role: LeaderRole = CHAIR) -> SessionFact:
    return SessionFact(day, status, role)


@pytest.mark.parametrize(
    ("day", "sessions", "today", "state", "basis"),
    [
        # Weekly rule, week 15–21/06/2026.
        (D(2026, 6, 17), [fact(D(2026, 6, 16))], D(2026, 6, 22), DutyState.MET, WEEKLY),
        (D(2026, 6, 17), [], D(2026, 6, 22), DutyState.MISSED, WEEKLY),
        (D(2026, 6, 17), [fact(D(2026, 6, 16), C)], D(2026, 6, 22), DutyState.MISSED, WEEKLY),
        (D(2026, 6, 17), [fact(D(2026, 6, 18), P)], D(2026, 6, 16), DutyState.SCHEDULED, WEEKLY),
        (D(2026, 6, 17), [], D(2026, 6, 16), DutyState.AT_RISK, WEEKLY),
        # A vice chair's session does not discharge the chair's duty (column 21, ủy quyền).
        (D(2026, 6, 17), [fact(D(2026, 6, 16), H, VICE)], D(2026, 6, 22), DutyState.MISSED,
         WEEKLY),
        # Saturday with no session: no working day is left in the week.
        (D(2026, 6, 17), [], D(2026, 6, 20), DutyState.MISSED, WEEKLY),
        # Clipped week 29–30/06: a session on Thu 02/07 belongs to July, not to this week.
        (D(2026, 6, 29), [fact(D(2026, 7, 2))], D(2026, 7, 3), DutyState.MISSED, WEEKLY),
        (D(2026, 6, 29), [fact(D(2026, 6, 30))], D(2026, 7, 3), DutyState.MET, WEEKLY),
        # Monthly rule from July 2026: one held day is not enough, two are.
        (D(2026, 7, 1), [fact(D(2026, 7, 2))], D(2026, 8, 1), DutyState.MISSED, MONTHLY),
        (D(2026, 7, 1), [fact(D(2026, 7, 2)), fact(D(2026, 7, 16))], D(2026, 8, 1),
         DutyState.MET, MONTHLY),
        # Two sessions the same day count as one day.
        (D(2026, 7, 1), [fact(D(2026, 7, 2)), fact(D(2026, 7, 2))], D(2026, 8, 1),
         DutyState.MISSED, MONTHLY),
        (D(2026, 7, 1), [fact(D(2026, 7, 2)), fact(D(2026, 7, 20), P)], D(2026, 7, 10),
         DutyState.SCHEDULED, MONTHLY),
        (D(2026, 7, 1), [fact(D(2026, 7, 2))], D(2026, 7, 10), DutyState.AT_RISK, MONTHLY),
        # A session at which nobody came still counts: the leader sat (column 30 ghi chú).
        (D(2026, 7, 1), [fact(D(2026, 7, 2)), fact(D(2026, 7, 9))], D(2026, 7, 10),
         DutyState.MET, MONTHLY),
        # Last working day of July 2026 (Fri 31/07) with one day held: still possible.
        (D(2026, 7, 1), [fact(D(2026, 7, 2))], D(2026, 7, 31), DutyState.AT_RISK, MONTHLY),
    ],
)
def test_duty_state(day: date, sessions: list[SessionFact], today: date, state: DutyState,
                    basis: str) -> None:
    found = period_of(day, DEFAULT_DUTY_RULES)
    assert found is not None
    period = judge_period(found[0], found[1], found[2], sessions, today, CAL)
    assert period.state is state, basis


def test_duty_between_crosses_the_change() -> None:
    periods = duty_between(D(2026, 6, 22), D(2026, 7, 31), DEFAULT_DUTY_RULES,
                           [fact(D(2026, 6, 23)), fact(D(2026, 7, 7)), fact(D(2026, 7, 21))],
                           D(2026, 8, 3), CAL)
    assert [(p.first, p.last, p.unit, p.state) for p in periods] == [
        (D(2026, 6, 22), D(2026, 6, 28), DutyUnit.ISO_WEEK, DutyState.MET),
        (D(2026, 6, 29), D(2026, 6, 30), DutyUnit.ISO_WEEK, DutyState.MISSED),
        (D(2026, 7, 1), D(2026, 7, 31), DutyUnit.MONTH, DutyState.MET),
    ]
    assert periods[2].label == "07/2026"


def test_office_edited_rules_with_delegation() -> None:
    rules = (DutyRule(D(2026, 1, 1), DutyUnit.MONTH, 3, "office", "M", delegated_counts=True),)
    found = period_of(D(2026, 3, 5), rules)
    assert found is not None
    sessions = [fact(D(2026, 3, 3), H, VICE), fact(D(2026, 3, 10)),
                fact(D(2026, 3, 17), H, LeaderRole.DELEGATE)]
    assert judge_period(*found, sessions, D(2026, 4, 1), CAL).state is DutyState.MET
    assert period_of(D(2025, 12, 31), rules) is None
    assert DutyRule.from_json(rules[0].to_json()) == rules[0]
    assert check_rules(rules) == []
    assert [e.code for e in check_rules(())] == ["session.duty_rules_empty"]
    assert [e.code for e in check_rules((DutyRule(D(2026, 1, 1), DutyUnit.MONTH, 0, "", ""),
                                         DutyRule(D(2026, 1, 1), DutyUnit.MONTH, 2, "", "")))
            ] == ["session.duty_rules_same_day", "session.duty_rules_bad_days"]


@pytest.mark.parametrize(
    ("session_day", "latest", "basis"),
    [
        # Plain week: Mon 11/05/2026 → Mon 04/05 (5, 6, 7, 8, 11 May).
        (D(2026, 5, 11), D(2026, 5, 4), "Art. 19(1): 5 working days"),
        # Over 30/04–01/05 and the Giỗ Tổ compensating Mon 27/04: Wed 06/05 → Fri 24/04
        # (28/04, 29/04, 04/05, 05/05, 06/05), not 29/04 as a weekday count would say.
        (D(2026, 5, 6), D(2026, 4, 24), "Art. 19(1) over 30/04–01/05"),
        # Over Tết 2026 (16–20/02): Tue 24/02 → Tue 10/02.
        (D(2026, 2, 24), D(2026, 2, 10), "Art. 19(1) over Tết"),
    ],
)
def test_latest_publication_day(session_day: date, latest: date, basis: str) -> None:
    assert latest_publication_day(session_day, CAL) == latest, basis
    assert CAL.working_days_between(latest, session_day) == 5, basis


@pytest.mark.parametrize(
    ("session_day", "published", "today", "warnings", "basis"),
    [
        (D(2026, 5, 6), D(2026, 4, 24), D(2026, 4, 24), [], "Art. 19(1) on time"),
        (D(2026, 5, 6), D(2026, 4, 29), D(2026, 4, 29), [PublicityWarning.LATE_NOTICE],
         "Art. 19(1): 29/04 is only 3 working days before 06/05 over the holiday"),
        (D(2026, 2, 24), D(2026, 2, 13), D(2026, 2, 13), [PublicityWarning.LATE_NOTICE],
         "Art. 19(1): Tết days are not working days"),
        (D(2026, 5, 1), D(2026, 4, 1), D(2026, 4, 1), [PublicityWarning.DAY_OFF],
         "01/05 is a day off (Labour Code Art. 112)"),
        (D(2026, 5, 11), None, D(2026, 4, 20), [], "not yet published, still in time"),
        (D(2026, 5, 11), None, D(2026, 5, 5), [PublicityWarning.NOT_PUBLISHED],
         "not published and already too late"),
        (D(2026, 5, 9), D(2026, 5, 7), D(2026, 5, 7),
         [PublicityWarning.DAY_OFF, PublicityWarning.LATE_NOTICE], "Saturday, late"),
    ],
)
def test_publicity_warnings(session_day: date, published: date | None, today: date,
                            warnings: list[PublicityWarning], basis: str) -> None:
    assert publicity_warnings(session_day, published, today, CAL) == warnings, basis


def test_times() -> None:
    assert parse_minute("7:30") == 450
    assert parse_minute("07h30") == 450
    assert parse_minute("1100") == 660
    assert parse_minute("14") == 840
    for bad in ("25:00", "7:75", "abc", ""):
        with pytest.raises(ValueError):
            parse_minute(bad)
    assert check_times(450, 690) == []
    assert [e.code for e in check_times(690, 450)] == ["session.end_before_start"]
    assert [e.code for e in check_times(-1, 450)] == ["session.bad_time"]


@pytest.mark.parametrize(
    ("visit_day", "minute", "kind", "leader", "belongs"),
    [
        (D(2026, 7, 2), 480, "periodic", None, True),
        (D(2026, 7, 2), 450, "ad_hoc", None, True),  # at the start minute
        (D(2026, 7, 2), 690, "periodic", 9, True),  # at the end minute
        (D(2026, 7, 2), 691, "periodic", 7, False),  # after the end
        (D(2026, 7, 3), 480, "periodic", 7, False),  # another day
        (D(2026, 7, 2), 480, "regular", None, False),  # the counter's regular reception
        (D(2026, 7, 2), 480, "regular", 7, True),  # presided by the session's leader
    ],
)
def test_visit_belongs(visit_day: date, minute: int, kind: str, leader: int | None,
                       belongs: bool) -> None:
    assert visit_belongs(session_day=D(2026, 7, 2), start_minute=450, end_minute=690,
                         leader_staff_id=7, visit_day=visit_day, visit_minute=minute,
                         visit_kind=kind, presiding_leader_id=leader) is belongs
