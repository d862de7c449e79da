"""The chair's duty (LEGAL.md §7): the office's rule table and the status of weeks and months.

The figures are [N]-tagged facts: the office may change them (setting ``session_duty_rules``, a
list of ``DutyRule`` JSON rows with effective dates); ``DEFAULT_DUTY_RULES`` are shipped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.sessions import DEFAULT_DUTY_RULES
from reception_desk.domain.sessions import DutyPeriod
from reception_desk.domain.sessions import DutyRule
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import SessionFact
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.sessions import check_rules
from reception_desk.domain.sessions import duty_between
from reception_desk.domain.sessions import periods_between
from reception_desk.errors import ValidationFailed
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage import repositories as repo
from reception_desk.storage.queries import sessions as queries

RULES_KEY = "session_duty_rules"


def duty_rules(session: Session) -> tuple[DutyRule, ...]:
    """The office's duty rules (the shipped defaults until it saves its own)."""
    raw = repo.get_setting(session, RULES_KEY)
    if not raw:
        return DEFAULT_DUTY_RULES
    return tuple(sorted((DutyRule.from_json(r) for r in raw), key=lambda r: r.effective_from))


def save_duty_rules(session: Session, rules: Sequence[DutyRule], actor: Actor, now: datetime,
                    expected_version: int | None = None) -> tuple[tuple[DutyRule, ...], Changes]:
    """Store the office's rule table (compare-and-set on the setting's version; audited)."""
    require_aware(now)
    problems = check_rules(rules)
    if problems:
        raise problems[0] if len(problems) == 1 else ValidationFailed(problems)
    ordered = sorted(rules, key=lambda r: r.effective_from)
    value = [r.to_json() for r in ordered]
    before = repo.put_setting(session, RULES_KEY, value, at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update", entity="setting",
                   entity_id=RULES_KEY, before=before, after=value)
    return tuple(ordered), Changes(settings={RULES_KEY})


def facts_between(session: Session, first: date, last: date) -> list[SessionFact]:
    return [SessionFact(s.day, SessionStatus(s.status), LeaderRole(s.leader_role))
            for s in queries.sessions_between(session, first, last)]


def duty_status(session: Session, first: date, last: date, today: date,
                calendar: WorkingCalendar | None = None) -> list[DutyPeriod]:
    """The duty periods touching [first, last], judged on ``today`` (each whole period is read,
    so a month is judged on all its sessions even when only a week of it is asked)."""
    rules = duty_rules(session)
    periods = periods_between(first, last, rules)
    if not periods:
        return []
    facts = facts_between(session, periods[0][0], periods[-1][1])
    return duty_between(first, last, rules, facts, today, calendar or office_calendar(session))
