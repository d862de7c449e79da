"""The weekly hotspot list and its trend, and saving the office's hotspot policy.

Reads the case tables directly (``case_file``, ``case_event``, ``visit``): the cached stage,
deadline and end date on ``case_file`` mean no event replay is needed. Only cases open at some
point of the asked span are loaded, and visits are filtered and grouped in SQL (crowds and
incidents, and only the cases with enough visits to be repeats), so a week of a million-visit
database is judged in well under half a second.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.dates import day_start
from reception_desk.domain.dates import office_day
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.hotspots import CaseSnapshot
from reception_desk.domain.hotspots import ComplaintLink
from reception_desk.domain.hotspots import EventFact
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import VisitFact
from reception_desk.domain.hotspots import count_hotspots
from reception_desk.domain.hotspots import marked
from reception_desk.domain.hotspots import reference_day
from reception_desk.services.cases import dialogue_rule
from reception_desk.services.cases.dto import case_number
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.hotspots.dto import CaseBrief
from reception_desk.services.hotspots.dto import HotspotRow
from reception_desk.services.hotspots.dto import WeekCount
from reception_desk.services.hotspots.dto import WeeklyList
from reception_desk.services.office.rules import POLICY_KEY
from reception_desk.services.office.rules import hotspot_policy
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage import repositories as repo
from reception_desk.storage.queries import hotspots as hotspot_queries
from reception_desk.storage.queries.cases import OPEN_STAGES

_NON_COMMUNE_LEVELS = tuple(level.value for level in HandlingLevel
                            if level is not HandlingLevel.COMMUNE)


# --------------------------------------------------------------------------- policy


def save_policy(session: Session, policy: HotspotPolicy, actor: Actor,
                now: datetime, expected_version: int | None = None
                ) -> tuple[HotspotPolicy, Changes]:
    """Store the policy (validated by a JSON round trip), audited in the same transaction.

    Keys other modules keep in the same setting are preserved.
    """
    require_aware(now)
    value = policy.to_json()
    checked = HotspotPolicy.from_json(value)
    stored = repo.get_setting(session, POLICY_KEY)
    merged = {**(stored if isinstance(stored, dict) else {}), **value}
    before = repo.put_setting(session, POLICY_KEY, merged, at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=POLICY_KEY, before=before, after=merged)
    return checked, Changes(settings={POLICY_KEY})


def sensitive_fields(session: Session) -> frozenset[str]:
    """Codes of the sensitive fields: flagged entries and everything under them."""
    rows = hotspot_queries.field_tree(session)
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


# --------------------------------------------------------------------------- snapshots


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


def _ended_on(stage: str, closed_on: date | None, updated_at: datetime) -> date | None:
    if closed_on is not None:
        return closed_on
    if stage in OPEN_STAGES:
        return None
    # Decided, transferred, refused… and not yet closed: the office's work ended with the last
    # change of stage (the row is rewritten with every event).
    return office_day(updated_at)


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
    labels = hotspot_queries.field_labels(session) if briefs is not None else {}
    case_rows = hotspot_queries.span_cases(session, last_day,
                                           day_start(first_day).astimezone(UTC))
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
    no_dialogue = (dialogue_rule.warn_from(session, ((row.id, row.due_on) for row, _e in
                                                      candidates), office_calendar(session))
                   if Reason.NO_DIALOGUE in policy.enabled else {})
    links = _complaint_links(session, ids)
    out = []
    for row, ended in candidates:
        cid = row.id
        warn = no_dialogue.get(cid)
        out.append(CaseSnapshot(
            id=cid, received_on=row.received_on, ended_on=ended, due_on=row.due_on,
            within_commune_competence=bool(row.within_commune_competence),
            field_code=row.field_code, criteria=_criteria(row.criteria),
            visits=tuple(visits.get(cid, ())), events=tuple(events.get(cid, ())),
            dialogue_warn_from=warn[0] if warn else None,
            dialogue_basis=warn[1] if warn else "",
            complaint_links=tuple(links.get(cid, ())),
        ))
    return out


#: Cached deadline kinds that are a first-time complaint's resolution deadline (LEGAL.md §4.2).
_RESOLUTION_KINDS = frozenset({DeadlineKind.COMPLAINT_1.value,
                               DeadlineKind.COMPLAINT_DISCIPLINARY.value})


def _complaint_links(session: Session, ids: Sequence[int]) -> dict[int, list[ComplaintLink]]:
    """Each candidate's first/second complaint pairs (LEGAL.md §6.4 (b)), under both cases."""
    rows = hotspot_queries.complaint_links(session, ids)
    if not rows:
        return {}
    first_ids = sorted({row[0] for row in rows})
    decided: dict[int, date] = {}
    for _eid, cid, _kind, moment, doc_date, _level in hotspot_queries.telling_events(
            session, first_ids, (), EventKind.DECIDE.value):
        day = doc_date or office_day(moment)
        if cid not in decided or day < decided[cid]:
            decided[cid] = day
    out: dict[int, list[ComplaintLink]] = defaultdict(list)
    for fid, fseq, fyear, fkind, fdue, sid, sseq, syear, lodged in rows:
        link = ComplaintLink(fid, sid, lodged, decided.get(fid),
                             fdue if fkind in _RESOLUTION_KINDS else None,
                             case_number(fseq, fyear), case_number(sseq, syear))
        out[fid].append(link)
        out[sid].append(link)
    return out


def _notable_visits(session: Session, ids: Sequence[int], first_day: date, last_day: date,
                    policy: HotspotPolicy) -> dict[int, list[VisitFact]]:
    """Visits of the candidate cases a rule can use: crowds and incidents within the look-back,
    and every visit within the repeat window."""
    crowd_after = first_day - timedelta(days=policy.visit_lookback_days)
    repeat_from = first_day - timedelta(days=policy.repeat_window_days - 1)
    out: dict[int, list[VisitFact]] = defaultdict(list)
    for vid, cid, on, people, delegation, incident in hotspot_queries.notable_visits(
            session, ids, from_day=min(crowd_after + timedelta(days=1), repeat_from),
            to_day=last_day, repeat_from=repeat_from, crowd_threshold=policy.crowd_threshold,
            crowd_delegation=policy.crowd_delegation):
        out[cid].append(VisitFact(vid, on, people, bool(delegation), bool(incident)))
    return out


def _telling_events(session: Session, ids: Sequence[int]) -> dict[int, list[EventFact]]:
    """Events of the candidate cases at a level other than the commune, and decisions."""
    out: dict[int, list[EventFact]] = defaultdict(list)
    for eid, cid, kind, moment, doc_date, level in hotspot_queries.telling_events(
            session, ids, _NON_COMMUNE_LEVELS, EventKind.DECIDE.value):
        try:
            out[cid].append(EventFact(eid, EventKind(kind), doc_date or office_day(moment),
                                      HandlingLevel(level) if level else None))
        except ValueError:
            continue  # a kind or level a newer version knows
    return out


# --------------------------------------------------------------------------- weekly list


_STAGES = {s.value: s for s in CaseStage}


def _brief(row: Any, labels: dict[str, str]) -> CaseBrief:
    return CaseBrief(row.id, case_number(row.seq, row.year), row.title, row.case_type,
                     _STAGES[row.stage], row.field_code, labels.get(row.field_code or "", ""),
                     row.received_on, row.due_on, row.level)


def briefs_of(session: Session, ids: Iterable[int],
            labels: dict[str, str] | None = None) -> dict[int, CaseBrief]:
    wanted = set(ids)
    if not wanted:
        return {}
    labels = labels if labels is not None else hotspot_queries.field_labels(session)
    return {row.id: _brief(row, labels) for row in hotspot_queries.brief_rows(session, wanted)}


def weekly_list(session: Session, week: IsoWeek, today: date,
                policy: HotspotPolicy | None = None) -> WeeklyList:
    """The ranked hotspots of ``week`` (judged on its Sunday, or ``today`` while it runs), each
    marked new or continuing against the week before, then the cases that cooled down."""
    policy = policy or hotspot_policy(session)
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
    policy = policy or hotspot_policy(session)
    span = [last_week.shifted(-k) for k in range(weeks - 1, -1, -1)]
    days = [reference_day(w, today) for w in span]
    with _no_gc():
        snapshots = load_snapshots(session, min(days), max(days), policy)
        sensitive = sensitive_fields(session)
        return [WeekCount(w, count_hotspots(snapshots, policy, d, sensitive))
                for w, d in zip(span, days, strict=True)]
