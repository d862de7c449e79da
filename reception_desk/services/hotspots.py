"""Hotspots: the weekly list, the office's hotspot policy, directives and the weekly review pack.

Reads the case tables directly (``case_file``, ``case_event``, ``visit``): the cached stage,
deadline and end date on ``case_file`` mean no event replay is needed. Only cases open at some
point of the asked span are loaded, and visits are filtered and grouped in SQL (crowds and
incidents, and only the cases with enough visits to be repeats), so a week of a million-visit
database is judged in well under half a second.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, and_, func, or_, select
from sqlalchemy.orm import Session

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.calendar import CalendarOverride, OverrideKind, WorkingCalendar
from reception_desk.domain.cases import CaseStage, ComplexityCriterion, EventKind, HandlingLevel
from reception_desk.domain.deadlines import DueStatus, status_for
from reception_desk.domain.hotspots import (
    CaseSnapshot,
    EventFact,
    Flag,
    HotspotPolicy,
    IsoWeek,
    Reason,
    Trend,
    VisitFact,
    evaluate,
    marked,
    reference_day,
)
from reception_desk.domain.text import clean_block
from reception_desk.errors import UserError, ValidationFailed
from reception_desk.printing.dto import OfficeHeader, SignatureBlock
from reception_desk.printing.weekly_pack import (
    PackCrowdVisit,
    PackDirective,
    PackDueCase,
    PackHotspot,
    WeeklyPackDocument,
)
from reception_desk.services.context import Actor, Changes, require_aware
from reception_desk.services.dto import OfficeProfile
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import (
    CalendarOverrideRow,
    CaseEventRow,
    CaseFile,
    Directive,
    FieldCategory,
    Staff,
    Visit,
)

POLICY_KEY = "hotspot_policy"
OPEN_STAGES = tuple(s.value for s in CaseStage if s.is_open)
_NON_COMMUNE_LEVELS = tuple(level.value for level in HandlingLevel
                            if level is not HandlingLevel.COMMUNE)
MAX_DIRECTIVE_TEXT = 4000


def _table(model: type[object]) -> Table:
    table = getattr(model, "__table__")  # noqa: B009 - SQLModel declares it untyped
    assert isinstance(table, Table)
    return table


# Core tables: column tuples are typed and cheaper to load than ORM objects.
_CASE = _table(CaseFile)
_EVENT = _table(CaseEventRow)
_VISIT = _table(Visit)
_FIELD = _table(FieldCategory).c
_STAFF = _table(Staff).c
_CAL = _table(CalendarOverrideRow).c
_DIRECTIVE = _table(Directive).c


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class CaseBrief:
    """What a list line shows about a case."""

    id: int
    number: str  # "15/2026": sequence in the year of receipt
    title: str
    case_type: str
    stage: CaseStage
    field_code: str | None
    field_label: str
    received_on: date
    due_on: date | None
    level: str


@dataclass(frozen=True)
class HotspotRow:
    """A ranked hotspot of a week (rank 0: cooled down since last week)."""

    case: CaseBrief
    rank: int
    score: int
    trend: Trend
    flags: tuple[Flag, ...]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(f.reason for f in self.flags)


@dataclass(frozen=True)
class WeeklyList:
    week: IsoWeek
    reference_day: date
    policy: HotspotPolicy
    rows: list[HotspotRow]

    @property
    def active(self) -> list[HotspotRow]:
        return [r for r in self.rows if r.trend is not Trend.COOLED]


@dataclass(frozen=True)
class CaseDueLine:
    """An open case against its stage deadline (overdue, due next week)."""

    case: CaseBrief
    status: DueStatus
    working_days_left: int
    calendar_days_left: int


@dataclass(frozen=True)
class CrowdVisitLine:
    """A crowd visit (≥ threshold people or a delegation) of the week."""

    visit_id: int
    number: str  # logbook STT "12/2026"
    reception_date: date
    citizen_name: str
    people_count: int
    delegation: bool
    incident: bool
    content: str
    case_id: int | None
    case_number: str


@dataclass(frozen=True)
class DirectiveDTO:
    """A chairperson's directive (ý kiến chỉ đạo), with its due status while open."""

    id: int
    case_id: int
    case_number: str
    case_title: str
    text: str
    assignee_staff_id: int | None
    assignee_name: str
    due_on: date | None
    given_by: str
    given_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str
    done_at: datetime | None
    status: DueStatus | None  # None when done or without a due date
    working_days_left: int | None

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclass(frozen=True)
class WeekCount:
    week: IsoWeek
    count: int


@dataclass(frozen=True)
class WeeklyPackData:
    """Everything the chairperson's weekly review pack shows (office names come separately)."""

    week: IsoWeek
    reference_day: date
    hotspots: list[HotspotRow]
    overdue: list[CaseDueLine]
    due_next_week: list[CaseDueLine]
    crowd_visits: list[CrowdVisitLine]
    directives: list[DirectiveDTO]
    policy: HotspotPolicy
    chair_name: str = ""
    field_labels: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- policy


def get_policy(session: Session) -> HotspotPolicy:
    """The office's hotspot policy (defaults when never saved)."""
    return HotspotPolicy.from_json(repo.get_setting(session, POLICY_KEY))


def save_policy(session: Session, policy: HotspotPolicy, actor: Actor,
                now: datetime) -> tuple[HotspotPolicy, Changes]:
    """Store the policy (validated by a JSON round trip), audited in the same transaction.

    Keys other modules keep in the same setting are preserved.
    """
    require_aware(now)
    value = policy.to_json()
    checked = HotspotPolicy.from_json(value)
    stored = repo.get_setting(session, POLICY_KEY)
    merged = {**(stored if isinstance(stored, dict) else {}), **value}
    before = repo.put_setting(session, POLICY_KEY, merged, at=now, actor=actor.name)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=POLICY_KEY, before=before, after=merged)
    return checked, Changes(settings={POLICY_KEY})


def sensitive_fields(session: Session) -> frozenset[str]:
    """Codes of the sensitive fields: flagged entries and everything under them."""
    rows = session.execute(select(_FIELD.code, _FIELD.parent_code, _FIELD.sensitive)).all()
    parent = {code: p for code, p, _s in rows}
    flagged = {code for code, _p, s in rows if s}
    out = set()
    for code in parent:
        node: str | None = code
        seen = 0
        while node is not None and seen < 20:
            if node in flagged:
                out.add(code)
                break
            node = parent.get(node)
            seen += 1
    return frozenset(out)


def office_calendar(session: Session) -> WorkingCalendar:
    """Statutory holidays plus the office's announced days off and make-up working days."""
    rows = session.execute(select(_CAL.day, _CAL.kind)).all()
    return WorkingCalendar(CalendarOverride(d, OverrideKind(k)) for d, k in rows)


# --------------------------------------------------------------------------- snapshots


def _local_day(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ).date()


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time(), OFFICE_TZ).astimezone(UTC)


_CRITERIA = {c.value: c for c in ComplexityCriterion}
_CRITERIA_SETS: dict[tuple[str, ...], frozenset[ComplexityCriterion]] = {}


def _criteria(raw: Any) -> frozenset[ComplexityCriterion]:
    """The stored JSON list as a set; criteria a newer version knows are ignored. Few distinct
    lists exist, so each is converted once (enum construction is slow per row)."""
    if not raw:
        return frozenset()
    key = tuple(raw)
    found = _CRITERIA_SETS.get(key)
    if found is None:
        found = frozenset(_CRITERIA[v] for v in key if v in _CRITERIA)
        if len(_CRITERIA_SETS) < 1024:
            _CRITERIA_SETS[key] = found
    return found


def _case_number(seq: int, year: int) -> str:
    return f"{seq}/{year}"


def _ended_on(stage: str, closed_on: date | None, updated_at: datetime) -> date | None:
    if closed_on is not None:
        return closed_on
    if stage in OPEN_STAGES:
        return None
    # Decided, transferred, refused… and not yet closed: the office's work ended with the last
    # change of stage (the row is rewritten with every event).
    return _local_day(updated_at)


def load_snapshots(session: Session, first_day: date, last_day: date,
                   policy: HotspotPolicy,
                   briefs: dict[int, CaseBrief] | None = None) -> list[CaseSnapshot]:
    """Cases open at some day of [first_day, last_day], with the visits and events that can
    flag them on any day of that span.

    One pass over ``case_file`` finds the candidates (open stages, or ended after the span
    began: such a row was rewritten then, so ``updated_at`` is recent too); visits and events are
    then fetched per chunk of candidate ids through their ``case_id`` indexes, filtered in SQL
    to the rows a rule can use. ``briefs``, if given, receives each candidate's list line (same
    scan, no second query).
    """
    c = _CASE.c
    labels = _field_labels(session) if briefs is not None else {}
    case_rows = session.execute(
        select(c.id, c.received_on, c.stage, c.closed_on, c.updated_at, c.due_on,
               c.within_commune_competence, c.field_code, c.criteria, c.seq, c.year, c.title,
               c.case_type, c.level)
        .where(c.received_on <= last_day,
               or_(c.stage.in_(OPEN_STAGES), c.updated_at >= _utc_start(first_day)))
    ).all()
    candidates = []
    for row in case_rows:
        ended = _ended_on(row.stage, row.closed_on, row.updated_at)
        if ended is None or ended > first_day:
            candidates.append((row, ended))
            if briefs is not None:
                briefs[row.id] = _brief(row, labels)
    ids = [row.id for row, _ended in candidates]
    visits = _notable_visits(session, ids, first_day, last_day, policy)
    events = _telling_events(session, ids)
    out = []
    for row, ended in candidates:
        cid = row.id
        out.append(CaseSnapshot(
            id=cid, received_on=row.received_on, ended_on=ended, due_on=row.due_on,
            within_commune_competence=bool(row.within_commune_competence),
            field_code=row.field_code, criteria=_criteria(row.criteria),
            visits=tuple(visits.get(cid, ())), events=tuple(events.get(cid, ())),
        ))
    return out


# Bound parameters per statement stay well below SQLite's limit (32,766).
_CHUNK = 5000


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _notable_visits(session: Session, ids: Sequence[int], first_day: date, last_day: date,
                    policy: HotspotPolicy) -> dict[int, list[VisitFact]]:
    """Visits of the candidate cases a rule can use: crowds and incidents within the look-back,
    and every visit within the repeat window."""
    v = _VISIT.c
    # date() hides the day from the planner: with thousands of case ids it would otherwise
    # range-scan a year of the reception-date index instead of looking up each case's visits.
    day = func.date(v.reception_date)
    crowd_after = first_day - timedelta(days=policy.visit_lookback_days)
    repeat_from = first_day - timedelta(days=policy.repeat_window_days - 1)
    signal = or_(v.people_count >= policy.crowd_threshold, v.incident.is_(True),
                 day >= repeat_from)
    if policy.crowd_delegation:
        signal = or_(signal, v.delegation.is_(True))
    lower = min(crowd_after + timedelta(days=1), repeat_from)
    out: dict[int, list[VisitFact]] = defaultdict(list)
    for part in _chunks(ids):
        for vid, cid, on, people, delegation, incident in session.execute(
            select(v.id, v.case_id, v.reception_date, v.people_count, v.delegation, v.incident)
            .where(v.case_id.in_(part), v.voided_at.is_(None), day >= lower, day <= last_day,
                   signal)
        ):
            out[cid].append(VisitFact(vid, on, people, bool(delegation), bool(incident)))
    return out


def _telling_events(session: Session, ids: Sequence[int]) -> dict[int, list[EventFact]]:
    """Events of the candidate cases at a level other than the commune, and decisions."""
    e = _EVENT.c
    out: dict[int, list[EventFact]] = defaultdict(list)
    for part in _chunks(ids):
        for eid, cid, kind, moment, doc_date, level in session.execute(
            select(e.id, e.case_id, e.kind, e.moment, e.document_date, e.level)
            .where(e.case_id.in_(part),
                   or_(e.level.in_(_NON_COMMUNE_LEVELS), e.kind == EventKind.DECIDE.value))
        ):
            try:
                out[cid].append(EventFact(eid, EventKind(kind), doc_date or _local_day(moment),
                                          HandlingLevel(level) if level else None))
            except ValueError:
                continue  # a kind or level a newer version knows
    return out


# --------------------------------------------------------------------------- weekly list


def _field_labels(session: Session) -> dict[str, str]:
    return {code: label for code, label in
            session.execute(select(_FIELD.code, _FIELD.label)).all()}


_STAGES = {s.value: s for s in CaseStage}


def _brief(row: Any, labels: dict[str, str]) -> CaseBrief:
    return CaseBrief(row.id, _case_number(row.seq, row.year), row.title, row.case_type,
                     _STAGES[row.stage], row.field_code, labels.get(row.field_code or "", ""),
                     row.received_on, row.due_on, row.level)


def _briefs(session: Session, ids: Iterable[int],
            labels: dict[str, str] | None = None) -> dict[int, CaseBrief]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    labels = labels if labels is not None else _field_labels(session)
    c = _CASE.c
    out: dict[int, CaseBrief] = {}
    for chunk in range(0, len(wanted), 900):
        part = wanted[chunk:chunk + 900]
        for row in session.execute(
            select(c.id, c.seq, c.year, c.title, c.case_type, c.stage, c.field_code,
                   c.received_on, c.due_on, c.level).where(c.id.in_(part))
        ).all():
            out[row.id] = _brief(row, labels)
    return out


def weekly_list(session: Session, week: IsoWeek, today: date,
                policy: HotspotPolicy | None = None) -> WeeklyList:
    """The ranked hotspots of ``week`` (judged on its Sunday, or ``today`` while it runs), each
    marked new or continuing against the week before, then the cases that cooled down."""
    policy = policy or get_policy(session)
    day = reference_day(week, today)
    prev_day = reference_day(week.shifted(-1), today)
    briefs: dict[int, CaseBrief] = {}
    with _no_gc():
        snapshots = load_snapshots(session, min(prev_day, day), day, policy, briefs)
        sensitive = sensitive_fields(session)
        found = marked(snapshots, policy, day, prev_day, sensitive)
        rows = [HotspotRow(briefs[h.case_id], h.rank, h.score, h.trend, h.flags) for h in found]
    return WeeklyList(week, day, policy, rows)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic collector while tens of thousands of small acyclic values are built
    (its passes otherwise cost a third of the weekly list); reference counting still frees
    them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def trend(session: Session, last_week: IsoWeek, today: date, weeks: int = 12,
          policy: HotspotPolicy | None = None) -> list[WeekCount]:
    """Hotspot counts of the ``weeks`` weeks ending with ``last_week`` (oldest first)."""
    policy = policy or get_policy(session)
    span = [last_week.shifted(-k) for k in range(weeks - 1, -1, -1)]
    days = [reference_day(w, today) for w in span]
    with _no_gc():
        snapshots = load_snapshots(session, min(days), max(days), policy)
        sensitive = sensitive_fields(session)
        return [WeekCount(w, len(evaluate(snapshots, policy, d, sensitive)))
                for w, d in zip(span, days, strict=True)]


# --------------------------------------------------------------------------- pack sections


def _due_lines(session: Session, where: Any, today: date,
               calendar: WorkingCalendar) -> list[CaseDueLine]:
    c = _CASE.c
    ids = [row[0] for row in session.execute(
        select(c.id).where(c.stage.in_(OPEN_STAGES), c.due_on.is_not(None), where)
        .order_by(c.due_on, c.id)).all()]
    briefs = _briefs(session, ids)
    out = []
    for cid in ids:
        brief = briefs[cid]
        assert brief.due_on is not None
        st = status_for(brief.due_on, today, calendar)
        out.append(CaseDueLine(brief, st.status, st.working_days_left, st.calendar_days_left))
    return out


def overdue_cases(session: Session, today: date,
                  calendar: WorkingCalendar | None = None) -> list[CaseDueLine]:
    c = _CASE.c
    return _due_lines(session, c.due_on < today, today, calendar or office_calendar(session))


def cases_due_between(session: Session, first: date, last: date, today: date,
                      calendar: WorkingCalendar | None = None) -> list[CaseDueLine]:
    c = _CASE.c
    return _due_lines(session, and_(c.due_on >= first, c.due_on <= last), today,
                      calendar or office_calendar(session))


def crowd_visits(session: Session, first: date, last: date,
                 policy: HotspotPolicy | None = None) -> list[CrowdVisitLine]:
    """Crowd visits received in [first, last] (linked to a case or not), oldest first."""
    policy = policy or get_policy(session)
    v = _VISIT.c
    signal = v.people_count >= policy.crowd_threshold
    if policy.crowd_delegation:
        signal = or_(signal, v.delegation.is_(True))
    rows = session.execute(
        select(v.id, v.seq, v.year, v.reception_date, v.citizen_name, v.people_count,
               v.delegation, v.incident, v.content, v.case_id)
        .where(v.reception_date >= first, v.reception_date <= last, v.voided_at.is_(None),
               signal)
        .order_by(v.reception_date, v.seq)).all()
    briefs = _briefs(session, (r.case_id for r in rows if r.case_id is not None))
    return [CrowdVisitLine(r.id, _case_number(r.seq, r.year), r.reception_date, r.citizen_name,
                           r.people_count, bool(r.delegation), bool(r.incident), r.content,
                           r.case_id, briefs[r.case_id].number if r.case_id in briefs else "")
            for r in rows]


# --------------------------------------------------------------------------- directives


def _directive_dto(row: Directive, brief: CaseBrief | None, staff: dict[int, str], today: date,
                   calendar: WorkingCalendar) -> DirectiveDTO:
    assert row.id is not None
    status = None
    left = None
    if row.done_at is None and row.due_on is not None:
        st = status_for(row.due_on, today, calendar)
        status, left = st.status, st.working_days_left
    return DirectiveDTO(
        row.id, row.case_id, brief.number if brief else "", brief.title if brief else "",
        row.text, row.assignee_staff_id,
        staff.get(row.assignee_staff_id, "") if row.assignee_staff_id else "",
        row.due_on, row.given_by, row.given_at, row.acknowledged_at, row.acknowledged_by,
        row.done_at, status, left)


def _staff_names(session: Session) -> dict[int, str]:
    return {i: n for i, n in session.execute(select(_STAFF.id, _STAFF.full_name)).all()}


def list_directives(session: Session, today: date, *, case_id: int | None = None,
                    open_only: bool = True,
                    calendar: WorkingCalendar | None = None) -> list[DirectiveDTO]:
    """Directives (open ones by default), soonest due first; ``case_id`` for one case's
    timeline."""
    stmt = select(Directive)
    if case_id is not None:
        stmt = stmt.where(_DIRECTIVE.case_id == case_id)
    if open_only:
        stmt = stmt.where(_DIRECTIVE.done_at.is_(None))
    rows = list(session.scalars(stmt))
    rows.sort(key=lambda d: (d.due_on is None, d.due_on or date.max, d.id or 0))
    calendar = calendar or office_calendar(session)
    briefs = _briefs(session, (d.case_id for d in rows))
    staff = _staff_names(session)
    return [_directive_dto(d, briefs.get(d.case_id), staff, today, calendar) for d in rows]


def _directive_view(row: Directive) -> dict[str, Any]:
    def iso(x: date | datetime | None) -> str | None:
        return None if x is None else x.isoformat()

    return {"case_id": row.case_id, "text": row.text, "assignee_staff_id": row.assignee_staff_id,
            "due_on": iso(row.due_on), "given_by": row.given_by, "given_at": iso(row.given_at),
            "acknowledged_at": iso(row.acknowledged_at), "acknowledged_by": row.acknowledged_by,
            "done_at": iso(row.done_at)}


def record_directive(session: Session, *, case_id: int, text: str,
                     assignee_staff_id: int | None, due_on: date | None, actor: Actor,
                     now: datetime) -> tuple[DirectiveDTO, Changes]:
    """Record the chairperson's directive on a case (audited)."""
    require_aware(now)
    body = clean_block(text)
    problems: list[UserError] = []
    if not body:
        problems.append(UserError("directive.text_required", field="text"))
    elif len(body) > MAX_DIRECTIVE_TEXT:
        problems.append(UserError("text.too_long", field="text", max=MAX_DIRECTIVE_TEXT,
                                  actual=len(body)))
    if session.get(CaseFile, case_id) is None:
        problems.append(UserError("directive.case_unknown", field="case_id"))
    if assignee_staff_id is not None and session.get(Staff, assignee_staff_id) is None:
        problems.append(UserError("directive.assignee_unknown", field="assignee_staff_id"))
    if due_on is not None and due_on < _local_day(now):
        problems.append(UserError("directive.due_in_past", field="due_on"))
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise ValidationFailed(problems)
    row = Directive(case_id=case_id, text=body, assignee_staff_id=assignee_staff_id,
                    due_on=due_on, given_by=actor.name, given_at=now)
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create", entity="directive",
                   entity_id=row.id, after=_directive_view(row))
    return _one(session, row, now), Changes(cases={case_id})


def _one(session: Session, row: Directive, now: datetime) -> DirectiveDTO:
    briefs = _briefs(session, [row.case_id])
    return _directive_dto(row, briefs.get(row.case_id), _staff_names(session), _local_day(now),
                          office_calendar(session))


def _load_directive(session: Session, directive_id: int) -> Directive:
    row = session.get(Directive, directive_id)
    if row is None:
        raise UserError("directive.not_found", directive_id=directive_id)
    return row


def acknowledge_directive(session: Session, directive_id: int, actor: Actor,
                          now: datetime) -> tuple[DirectiveDTO, Changes]:
    """The assignee (or the clerk for them) acknowledges the directive (audited)."""
    require_aware(now)
    row = _load_directive(session, directive_id)
    if row.acknowledged_at is not None:
        raise UserError("directive.already_acknowledged", directive_id=directive_id)
    before = _directive_view(row)
    row.acknowledged_at, row.acknowledged_by = now, actor.name
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="acknowledge", entity="directive",
                   entity_id=row.id, before=before, after=_directive_view(row))
    return _one(session, row, now), Changes(cases={row.case_id})


def complete_directive(session: Session, directive_id: int, actor: Actor,
                       now: datetime) -> tuple[DirectiveDTO, Changes]:
    """Mark the directive carried out (audited); acknowledges it too if it was not."""
    require_aware(now)
    row = _load_directive(session, directive_id)
    if row.done_at is not None:
        raise UserError("directive.already_done", directive_id=directive_id)
    before = _directive_view(row)
    if row.acknowledged_at is None:
        row.acknowledged_at, row.acknowledged_by = now, actor.name
    row.done_at = now
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="complete", entity="directive",
                   entity_id=row.id, before=before, after=_directive_view(row))
    return _one(session, row, now), Changes(cases={row.case_id})


# --------------------------------------------------------------------------- pack


def weekly_pack(session: Session, week: IsoWeek, today: date) -> WeeklyPackData:
    """The data of the chairperson's weekly review pack."""
    policy = get_policy(session)
    listing = weekly_list(session, week, today, policy)
    day = listing.reference_day
    calendar = office_calendar(session)
    nxt = week.shifted(1)
    chair = session.execute(select(_STAFF.full_name).where(
        _STAFF.role == "chair", _STAFF.active.is_(True)).order_by(_STAFF.id).limit(1)).scalar()
    return WeeklyPackData(
        week=week, reference_day=day, hotspots=listing.rows,
        overdue=overdue_cases(session, day, calendar),
        due_next_week=cases_due_between(session, nxt.monday, nxt.sunday, day, calendar),
        crowd_visits=crowd_visits(session, week.monday, week.sunday, policy),
        directives=list_directives(session, day, calendar=calendar),
        policy=policy, chair_name=chair or "", field_labels=_field_labels(session),
    )



# --------------------------------------------------------------------------- printing


def office_header(profile: OfficeProfile | None) -> OfficeHeader:
    """The office as the printing layer needs it (NĐ 30/2020 box 2)."""
    if profile is None:
        return OfficeHeader(body_name="ỦY BAN NHÂN DÂN", place_name="")
    body = profile.body_name.strip()
    prefix = "ỦY BAN NHÂN DÂN "
    if body.upper().startswith(prefix) and "\n" not in body:
        body = prefix.strip() + "\n" + body[len(prefix):]
    unit, _sep, _rest = profile.commune_name.partition(" ")
    if profile.commune_name.startswith("Đặc khu"):
        unit = "Đặc khu"
    return OfficeHeader(body_name=body, place_name=profile.place_name,
                        symbol=profile.doc_symbol or "UBND",
                        superior_body=profile.superior_body or None, unit_kind=unit or "Xã")


def pack_document(data: WeeklyPackData, profile: OfficeProfile | None,
                  prepared_by: str = "") -> WeeklyPackDocument:
    """The printable pack from the pack data."""
    header = office_header(profile)
    return WeeklyPackDocument(
        office=header,
        week=data.week,
        issued_on=data.reference_day,
        hotspots=[PackHotspot(h.rank, h.trend, h.case.number, h.case.title, h.case.field_label,
                              h.score, h.flags) for h in data.hotspots],
        overdue=[_pack_due(c) for c in data.overdue],
        due_next_week=[_pack_due(c) for c in data.due_next_week],
        crowd_visits=[PackCrowdVisit(v.number, v.reception_date, v.citizen_name, v.people_count,
                                     v.delegation, v.incident, v.content, v.case_number)
                      for v in data.crowd_visits],
        directives=[PackDirective(d.case_number, d.case_title, d.text, d.assignee_name,
                                  d.due_on, d.status, d.acknowledged_at is not None)
                    for d in data.directives],
        signature=SignatureBlock(title="Người lập báo cáo", name=prepared_by,
                                 note="(Ký, ghi rõ họ tên)"),
        addressee=f"Chủ tịch {header.sentence_name}",
        field_labels=data.field_labels,
        recipients=[f"Chủ tịch {header.sentence_name} (để chỉ đạo)", "Lưu: VT"],
    )


def _pack_due(line: CaseDueLine) -> PackDueCase:
    assert line.case.due_on is not None
    return PackDueCase(line.case.number, line.case.title, line.case.due_on,
                       line.calendar_days_left, line.working_days_left)
