"""The petition forms — 01/XLD (tổng hợp kết quả xử lý đơn), 02/XLD, 03/XLD, 04/XLD (by kind)
and 01/KQGQ (complaints within competence): the case files that may be in hand in the window,
as ``PetitionFact``s, counted by the columns' tests (domain.report_forms)."""

from __future__ import annotations

from datetime import date
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.dates import day_start
from reception_desk.domain.dates import office_day
from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms import FORM_SCOPE
from reception_desk.domain.report_forms import HANDLING_EVENTS
from reception_desk.domain.report_forms import FormResult
from reception_desk.domain.report_forms import PetitionFact
from reception_desk.domain.report_forms import ReportForm
from reception_desk.domain.report_forms import not_recorded
from reception_desk.domain.report_forms import xld_values
from reception_desk.storage.queries import reports as q

#: A chain of follow-up cases longer than this is a data error (a loop): stop walking it.
MAX_CHAIN = 50


def facts(session: Session, period: ReportPeriod,
          form: ReportForm = ReportForm.XLD_01) -> list[PetitionFact]:
    """Every case file that may be carried over into or received in ``period`` (01/KQGQ: every
    accepted complaint that may still be in hand in it)."""
    if form is ReportForm.KQGQ_01:
        rows = q.kqgq_candidates(session, period.last, FORM_SCOPE[form],
                                 day_start(period.first))
    else:
        rows = q.xld_candidates(session, period.first, period.last, day_start(period.first))
    ids = [int(r[0]) for r in rows]
    links: dict[int, tuple[int | None, date]] = {
        int(r[0]): (r[3], r[1]) for r in rows}
    missing = {p for p, _r in links.values() if p is not None and p not in links}
    for _ in range(MAX_CHAIN):
        if not missing:
            break
        found = q.case_links(session, missing)
        links.update(found)
        missing = {p for p, _r in found.values() if p is not None and p not in links}
    ancestors = {cid: _ancestors(cid, links) for cid in ids}
    handling: dict[int, tuple[str, datetime]] = {}
    decided: dict[int, datetime] = {}
    withdrawn: dict[int, datetime] = {}
    chained = {a for chain in ancestors.values() for a in chain}
    for cid, kind, moment in q.case_events(session, set(ids) | chained,
                                           HANDLING_EVENTS | {"decide"}):
        if kind == "decide":
            decided.setdefault(cid, moment)
        else:
            handling.setdefault(cid, (kind, moment))
            if kind == "withdraw":
                withdrawn.setdefault(cid, moment)
    out = []
    for cid, received, case_type, _prev, field_code, recorded, urged_on, reply_on in rows:
        chain = ancestors[int(cid)]
        before = sum(1 for a in chain if a in decided and office_day(decided[a]) < received)
        pending = any(a in handling and handling[a][0] == "accept"
                      and office_day(handling[a][1]) < received
                      and not (a in decided and office_day(decided[a]) < received)
                      for a in chain)
        kind_moment = handling.get(int(cid))
        out.append(PetitionFact(
            int(cid), received, str(case_type),
            handled_on=office_day(kind_moment[1]) if kind_moment else None,
            handling=kind_moment[0] if kind_moment else None,
            decided_before=before,
            matter_id=chain[-1] if chain else int(cid),
            field_code=field_code,
            pending_before=pending,
            decided_on=office_day(decided[int(cid)]) if int(cid) in decided else None,
            withdrawn_on=office_day(withdrawn[int(cid)]) if int(cid) in withdrawn else None,
            eligible_recorded=None if recorded is None else bool(recorded),
            urged_on=urged_on, reply_on=reply_on))
    return out


def _ancestors(case_id: int, links: dict[int, tuple[int | None, date]]) -> list[int]:
    """The earlier cases of ``case_id``'s chain, nearest first."""
    chain: list[int] = []
    current = links.get(case_id, (None, date.min))[0]
    while current is not None and current not in chain and len(chain) < MAX_CHAIN:
        chain.append(current)
        current = links.get(current, (None, date.min))[0]
    return chain


def compute(session: Session, period: ReportPeriod,
            form: ReportForm = ReportForm.XLD_01) -> FormResult:
    window_facts = facts(session, period, form)
    values = xld_values(window_facts, period, form)
    return FormResult(form, period, values, not_recorded(form))
