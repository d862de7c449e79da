"""The head's reception sessions (kỳ tiếp công dân): the duty by date and the publicity rule.

Facts (LEGAL.md §7, §8.2):

- The commune chair receives citizens in person **at least one day per week** until 30/06/2026
  (Luật TCD 2013 Art. 15, original text [P]) and **at least two days per month** from 01/07/2026
  (Luật 136/2025 amending Art. 15 [N]). Both figures are office-editable data
  (``DutyRule`` rows with an effective date); ``DEFAULT_DUTY_RULES`` are the shipped values.
- The head's schedule is posted **at least 5 working days ahead** (Luật TCD Art. 19(1), 24 [P]),
  counted on the office's working calendar (``domain.calendar``).

Decisions taken here (documented in README "Sessions"):

- A duty period is an ISO week (weekly rule) or a calendar month (monthly rule), clipped to the
  dates the rule is in force: the week of Mon 29/06/2026 is judged on 29–30/06 under the weekly
  rule, and July 2026 is the first month judged under the monthly rule.
- The duty counts *days*: two held sessions on one day count once. Only held sessions presided by
  the chair in person count (a vice chair's or a delegate's session is reported in column 21 of
  01/TCD, "ủy quyền tiếp", and does not discharge the chair's own duty) unless the rule says
  ``delegated_counts``. A held session at which nobody came counts: the leader sat.
- States: ``met`` (enough days held), ``scheduled`` (not yet met, the planned sessions still ahead
  would meet it), ``at_risk`` (not met, not enough planned, but working days remain), ``missed``
  (the period is over, or no working days are left to meet it).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from enum import StrEnum

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.errors import UserError


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class LeaderRole(StrEnum):
    """Who presides: the chair in person, a vice chair, or someone acting under ủy quyền."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    DELEGATE = "delegate"

    @property
    def delegated(self) -> bool:
        """Reported as "ủy quyền tiếp" (01/TCD columns 21–29), not "thủ trưởng tiếp"."""
        return self is not LeaderRole.CHAIR


class ParticipantKind(StrEnum):
    STAFF = "staff"  # an officer of the commune (minute-taker, clerk, specialist)
    BODY = "body"  # an invited body (công an xã, địa chính, MTTQ …)


class DutyUnit(StrEnum):
    ISO_WEEK = "iso_week"
    MONTH = "month"


class DutyState(StrEnum):
    MET = "met"
    SCHEDULED = "scheduled"
    AT_RISK = "at_risk"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class DutyRule:
    """How often the chair must sit, in force from ``effective_from`` until the next rule."""

    effective_from: date
    unit: DutyUnit
    min_days: int
    source: str
    confidence: str  # LEGAL.md §0 tag
    delegated_counts: bool = False

    def to_json(self) -> dict[str, object]:
        return {"effective_from": self.effective_from.isoformat(), "unit": self.unit.value,
                "min_days": self.min_days, "source": self.source,
                "confidence": self.confidence, "delegated_counts": self.delegated_counts}

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> DutyRule:
        return cls(date.fromisoformat(str(raw["effective_from"])), DutyUnit(str(raw["unit"])),
                   int(str(raw["min_days"])), str(raw.get("source", "")),
                   str(raw.get("confidence", "")), bool(raw.get("delegated_counts", False)))


#: Shipped defaults (LEGAL.md §7). The law of 2013 took effect 01/07/2014.
DEFAULT_DUTY_RULES: tuple[DutyRule, ...] = (
    DutyRule(date(2014, 7, 1), DutyUnit.ISO_WEEK, 1,
             "Luật Tiếp công dân 2013, Điều 15 (bản gốc): ít nhất 1 ngày trong 1 tuần", "P"),
    DutyRule(date(2026, 7, 1), DutyUnit.MONTH, 2,
             "Luật 136/2025 sửa đổi Điều 15 Luật Tiếp công dân: ít nhất 2 ngày trong 1 tháng",
             "N"),
)

#: Luật TCD Art. 19(1), 24 [P]: the head's schedule is posted at least this many working days
#: ahead.
PUBLICITY_WORKING_DAYS = 5
PUBLICITY_SOURCE = "Luật Tiếp công dân 2013, Điều 19 khoản 1, Điều 24"


def check_rules(rules: Sequence[DutyRule]) -> list[UserError]:
    """Problems of a rule table (empty when usable)."""
    problems: list[UserError] = []
    if not rules:
        problems.append(UserError("session.duty_rules_empty", field="rules"))
    days = [r.effective_from for r in rules]
    if len(set(days)) != len(days):
        problems.append(UserError("session.duty_rules_same_day", field="rules"))
    if any(r.min_days < 1 or r.min_days > 7 for r in rules):
        problems.append(UserError("session.duty_rules_bad_days", field="rules"))
    return problems


def rule_on(day: date, rules: Sequence[DutyRule]) -> DutyRule | None:
    """The rule in force on ``day`` (None before the first one)."""
    found = None
    for rule in sorted(rules, key=lambda r: r.effective_from):
        if rule.effective_from <= day:
            found = rule
    return found


@dataclass(frozen=True, slots=True)
class SessionFact:
    """What the duty needs to know about one session."""

    day: date
    status: SessionStatus
    leader_role: LeaderRole


@dataclass(frozen=True, slots=True)
class DutyPeriod:
    """One week or month of the duty, judged on ``today``."""

    first: date
    last: date
    unit: DutyUnit
    rule: DutyRule
    held_days: tuple[date, ...]
    planned_days: tuple[date, ...]  # planned, not yet held, on or after today
    state: DutyState
    working_days_left: int  # working days from today (included) to the period's end

    @property
    def required(self) -> int:
        return self.rule.min_days

    @property
    def label(self) -> str:
        if self.unit is DutyUnit.MONTH:
            return f"{self.first.month:02d}/{self.first.year}"
        iso = self.first.isocalendar()
        return (f"Tuần {iso.week:02d}/{iso.year} "
                f"({self.first:%d/%m}–{self.last:%d/%m/%Y})")


def _period_bounds(day: date, rule: DutyRule, next_from: date | None) -> tuple[date, date]:
    if rule.unit is DutyUnit.ISO_WEEK:
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
    else:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    first = max(first, rule.effective_from)
    if next_from is not None:
        last = min(last, next_from - timedelta(days=1))
    return first, last


def period_of(day: date, rules: Sequence[DutyRule]) -> tuple[date, date, DutyRule] | None:
    """The duty period holding ``day``, clipped to its rule's dates, with the rule."""
    ordered = sorted(rules, key=lambda r: r.effective_from)
    for i, rule in enumerate(ordered):
        next_from = ordered[i + 1].effective_from if i + 1 < len(ordered) else None
        if rule.effective_from <= day and (next_from is None or day < next_from):
            first, last = _period_bounds(day, rule, next_from)
            return first, last, rule
    return None


def periods_between(first: date, last: date, rules: Sequence[DutyRule]
                    ) -> list[tuple[date, date, DutyRule]]:
    """The duty periods touching [first, last], in order."""
    out: list[tuple[date, date, DutyRule]] = []
    day = first
    while day <= last:
        found = period_of(day, rules)
        if found is None:
            day += timedelta(days=1)
            continue
        out.append(found)
        day = found[1] + timedelta(days=1)
    return out


def counts_for_duty(fact: SessionFact, rule: DutyRule) -> bool:
    return rule.delegated_counts or fact.leader_role is LeaderRole.CHAIR


def judge_period(first: date, last: date, rule: DutyRule, sessions: Iterable[SessionFact],
                 today: date, calendar: WorkingCalendar) -> DutyPeriod:
    """The duty state of one period given the sessions and today."""
    held: set[date] = set()
    planned: set[date] = set()
    for s in sessions:
        if not first <= s.day <= last or not counts_for_duty(s, rule):
            continue
        if s.status is SessionStatus.HELD:
            held.add(s.day)
        elif s.status is SessionStatus.PLANNED and s.day >= today:
            planned.add(s.day)
    planned -= held
    start = max(first, today)
    left = len(calendar.working_days_in(start, last)) if start <= last else 0
    need = rule.min_days - len(held)
    if need <= 0:
        state = DutyState.MET
    elif last < today or left < need:
        state = DutyState.MISSED
    elif len(planned) >= need:
        state = DutyState.SCHEDULED
    else:
        state = DutyState.AT_RISK
    return DutyPeriod(first, last, rule.unit, rule, tuple(sorted(held)), tuple(sorted(planned)),
                      state, left)


def duty_between(first: date, last: date, rules: Sequence[DutyRule],
                 sessions: Sequence[SessionFact], today: date,
                 calendar: WorkingCalendar) -> list[DutyPeriod]:
    """Every duty period touching [first, last], judged on ``today``."""
    return [judge_period(a, b, rule, sessions, today, calendar)
            for a, b, rule in periods_between(first, last, rules)]


# --- publicity ---------------------------------------------------------------------------------


class PublicityWarning(StrEnum):
    DAY_OFF = "day_off"  # the session falls on a weekend, holiday or office day off
    LATE_NOTICE = "late_notice"  # published fewer than 5 working days ahead
    NOT_PUBLISHED = "not_published"  # not published, and it is already too late to be on time


def latest_publication_day(session_day: date, calendar: WorkingCalendar,
                           working_days: int = PUBLICITY_WORKING_DAYS) -> date:
    """The last day a notice can go up and still be ``working_days`` working days ahead: the
    day ``P`` with ``working_days`` working days in (P, session_day] — the session day counts
    when it is a working day, the publication day does not."""
    day = session_day
    counted = 1 if calendar.is_working_day(session_day) else 0
    while counted < working_days:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def publicity_warnings(session_day: date, published_on: date | None, today: date,
                       calendar: WorkingCalendar,
                       working_days: int = PUBLICITY_WORKING_DAYS) -> list[PublicityWarning]:
    """What is wrong with a planned session's publicity (empty when nothing is)."""
    out: list[PublicityWarning] = []
    if calendar.is_day_off(session_day):
        out.append(PublicityWarning.DAY_OFF)
    if published_on is not None:
        if calendar.working_days_between(published_on, session_day) < working_days:
            out.append(PublicityWarning.LATE_NOTICE)
    elif calendar.working_days_between(today, session_day) < working_days:
        out.append(PublicityWarning.NOT_PUBLISHED)
    return out


# --- session checks ------------------------------------------------------------------------------

MAX_MINUTE = 24 * 60


def check_times(start_minute: int, end_minute: int) -> list[UserError]:
    """Problems of a session's hours (minutes after midnight, office time)."""
    if not (0 <= start_minute < MAX_MINUTE and 0 < end_minute <= MAX_MINUTE):
        return [UserError("session.bad_time", field="hours")]
    if end_minute <= start_minute:
        return [UserError("session.end_before_start", field="hours")]
    return []


def minute_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_minute(text: str) -> int:
    """ "7:30", "07h30", "0730" → 450; ``ValueError`` otherwise."""
    raw = text.strip().lower().replace("h", ":").replace(".", ":")
    if ":" in raw:
        hh, _, mm = raw.partition(":")
        mm = mm or "0"
    elif raw.isdigit() and len(raw) in (3, 4):
        hh, mm = raw[:-2], raw[-2:]
    elif raw.isdigit() and len(raw) <= 2:
        hh, mm = raw, "0"
    else:
        raise ValueError(text)
    hour, minute = int(hh), int(mm)
    if not (0 <= hour <= 24 and 0 <= minute < 60) or (hour == 24 and minute):
        raise ValueError(text)
    return hour * 60 + minute


def visit_belongs(*, session_day: date, start_minute: int, end_minute: int,
                  leader_staff_id: int, visit_day: date, visit_minute: int, visit_kind: str,
                  presiding_leader_id: int | None) -> bool:
    """Whether a visit is part of a session (the automatic link, README "Sessions").

    Same day, received within the session's hours (start and end included), and either of the
    head's kinds (định kỳ / đột xuất) or presided by the session's leader. A regular visit that a
    clerk received at the counter during the session, with no presiding leader, stays apart."""
    if visit_day != session_day or not start_minute <= visit_minute <= end_minute:
        return False
    return visit_kind in ("periodic", "ad_hoc") or presiding_leader_id == leader_staff_id
