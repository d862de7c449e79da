"""Editing the office's working-day calendar and deadline rule table (read by ``office.rules``).

``holidays.VN`` gives the statutory days off; the office adds each year's announced days off and
make-up working days (``calendar_override`` table). The legal rule table (domain.deadlines) is
code; the office may change the figures of rules whose source is not verified ([T]/[N]/[M]),
stored as a JSON setting ``deadline_rules``. Every change is audited and the cached deadlines of
open cases are recomputed in the same transaction, so lists never show a stale due date.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from types import EllipsisType
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import replace_rules
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CalendarOverrideDTO
from reception_desk.services.cases.dto import RecomputeReport
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.services.cases.dto import RuleView
from reception_desk.services.cases.events import recompute_open_cases
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.office.rules import RULES_KEY
from reception_desk.services.office.rules import apply_edit
from reception_desk.services.office.rules import base_rule
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import edits_by_key
from reception_desk.services.office.rules import override_rows
from reception_desk.services.office.rules import rule_editable
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CalendarOverrideRow
from reception_desk.storage.queries import office as office_rows

CALENDAR_KEY = "calendar"  # the name reported in Changes.settings for override edits
_RULES_FORMAT = 1
# Sanity bounds for office figures: a statutory period is days or weeks, never years.
MAX_RULE_DAYS = 365
_OVERRIDE_YEARS = (2000, 2100)


# --- calendar ------------------------------------------------------------------------------


def list_overrides(session: Session, year: int | None = None) -> list[CalendarOverrideDTO]:
    rows = override_rows(session)
    return [CalendarOverrideDTO(r.day, OverrideKind(r.kind), r.note, r.updated_by)
            for r in rows if year is None or r.day.year == year]


def _override_json(row: CalendarOverrideRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"day": row.day.isoformat(), "kind": row.kind, "note": row.note}


#: ``expected`` when the caller read nothing to compare with (a script, the demo): last wins.
UNCHECKED = ...


def _read_or_expected(row: CalendarOverrideRow | None,
                      expected: CalendarOverrideDTO | EllipsisType | None
                      ) -> tuple[str, str] | None:
    """(kind, note) the entry must still hold for the write: as the screen read it, or as just
    read (``UNCHECKED``); None: no entry."""
    if isinstance(expected, EllipsisType):
        return None if row is None else (row.kind, row.note)
    if expected is None:
        return None
    return OverrideKind(expected.kind).value, clean_line(expected.note)


def set_override(session: Session, day: date, kind: OverrideKind, note: str, actor: Actor,
                 now: datetime, expected: CalendarOverrideDTO | EllipsisType | None = UNCHECKED
                 ) -> tuple[CalendarOverrideDTO, RecomputeReport, Changes]:
    """Add or change the office's entry for ``day``; recompute open cases' deadlines.

    ``expected``: the entry as the screen read it (None: none) — compare-and-set, so an entry
    another counter saved meanwhile is never silently overwritten (``calendar.changed_elsewhere``,
    nothing written)."""
    require_aware(now)
    if not _OVERRIDE_YEARS[0] <= day.year <= _OVERRIDE_YEARS[1]:
        raise UserError("calendar.day_out_of_range", field="day", day=day)
    kind = OverrideKind(kind)
    row = session.get(CalendarOverrideRow, day)
    before = _override_json(row)
    note = clean_line(note)
    values = {"kind": kind.value, "note": note, "updated_at": now, "updated_by": actor.name}
    found = _read_or_expected(row, expected)
    if not office_rows.write_override_if(session, day, found, values):
        raise UserError("calendar.changed_elsewhere", field="day", day=day)
    if row is not None:
        session.expire(row)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="calendar_override", entity_id=day.isoformat(), before=before,
                   after={"day": day.isoformat(), "kind": kind.value, "note": note})
    report, changes = _recompute(session, actor, now)
    changes.settings.add(CALENDAR_KEY)
    return CalendarOverrideDTO(day, kind, note, actor.name), report, changes


def remove_override(session: Session, day: date, actor: Actor, now: datetime,
                    expected: CalendarOverrideDTO | EllipsisType | None = UNCHECKED
                    ) -> tuple[RecomputeReport, Changes]:
    """Drop the office's entry for ``day`` (the statutory calendar applies again); audited.
    ``expected``: as ``set_override`` (an entry changed meanwhile is not removed)."""
    require_aware(now)
    row = session.get(CalendarOverrideRow, day)
    found = _read_or_expected(row, expected)
    if found is None and row is None:
        raise UserError("calendar.override_not_found", field="day", day=day)
    before = _override_json(row)
    if row is None or found is None or not office_rows.delete_override_if(session, day, found):
        raise UserError("calendar.changed_elsewhere", field="day", day=day)
    session.expunge(row)
    repo.add_audit(session, at=now, actor=actor.name, action="delete",
                   entity="calendar_override", entity_id=day.isoformat(), before=before)
    report, changes = _recompute(session, actor, now)
    changes.settings.add(CALENDAR_KEY)
    return report, changes


# --- deadline rules ------------------------------------------------------------------------


def rule_views(session: Session) -> list[RuleView]:
    edits = edits_by_key(session)
    views = []
    for rule in deadline_rules(session):
        edit = edits.get((rule.kind, rule.valid_from))
        views.append(RuleView(
            kind=rule.kind, unit=rule.unit, days=rule.days, complex_days=rule.complex_days,
            remote_days=rule.remote_days, complex_remote_days=rule.complex_remote_days,
            extension_days=rule.extension_days, max_extensions=rule.max_extensions,
            valid_from=rule.valid_from, valid_to=rule.valid_to, basis=rule.basis,
            confidence=rule.confidence, editable=rule_editable(rule),
            overridden=edit is not None, note=str(edit.get("note", "")) if edit else "",
        ))
    order = {k: i for i, k in enumerate(DeadlineKind)}
    views.sort(key=lambda v: (order[v.kind], v.valid_from))
    return views


def _check_edit(edit: RuleEdit) -> DeadlineRule:
    base = base_rule(edit.kind, edit.valid_from)
    if base is None:
        raise UserError("deadline.rule_unknown", field="kind", kind=edit.kind)
    if not rule_editable(base):
        raise UserError("deadline.rule_not_editable", field="days", kind=edit.kind,
                        basis=base.basis)
    for name in ("days", "complex_days", "remote_days", "complex_remote_days"):
        value = getattr(edit, name)
        if value is not None and not 1 <= value <= MAX_RULE_DAYS:
            raise UserError("deadline.rule_length_invalid", field=name, kind=edit.kind,
                            max=MAX_RULE_DAYS)
    if not clean_line(edit.note):
        raise UserError("deadline.rule_note_required", field="note", kind=edit.kind)
    return base


def save_rule(session: Session, edit: RuleEdit, actor: Actor, now: datetime,
              expected_version: int | None = None) -> tuple[RuleView, RecomputeReport, Changes]:
    """Store the office's figures for an unverified rule; recompute open cases' deadlines.
    ``expected_version``: the rule table setting's version the screen read; another counter's
    change of the table since is refused with ``setting.changed_elsewhere``."""
    require_aware(now)
    _check_edit(edit)
    stored = {k: v for k, v in edits_by_key(session).items()}
    before = stored.get((edit.kind, edit.valid_from))
    after = {
        "kind": edit.kind.value, "valid_from": edit.valid_from.isoformat(),
        "unit": PeriodUnit(edit.unit).value, "days": edit.days,
        "complex_days": edit.complex_days, "remote_days": edit.remote_days,
        "complex_remote_days": edit.complex_remote_days, "note": clean_line(edit.note),
    }
    stored[(edit.kind, edit.valid_from)] = after
    _store(session, stored, actor, now, expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="deadline_rule", entity_id=f"{edit.kind.value}@{edit.valid_from}",
                   before=before, after=after)
    report, changes = _recompute(session, actor, now)
    changes.settings.add(RULES_KEY)
    view = next(v for v in rule_views(session)
                if v.kind is edit.kind and v.valid_from == edit.valid_from)
    return view, report, changes


def reset_rule(session: Session, kind: DeadlineKind, valid_from: date, actor: Actor,
               now: datetime, expected_version: int | None = None
               ) -> tuple[RecomputeReport, Changes]:
    """Back to the statutory figures for one rule (``expected_version`` as in ``save_rule``)."""
    require_aware(now)
    stored = edits_by_key(session)
    before = stored.pop((kind, valid_from), None)
    if before is None:
        raise UserError("deadline.rule_not_overridden", field="kind", kind=kind)
    _store(session, stored, actor, now, expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="delete", entity="deadline_rule",
                   entity_id=f"{kind.value}@{valid_from}", before=before)
    report, changes = _recompute(session, actor, now)
    changes.settings.add(RULES_KEY)
    return report, changes


def _store(session: Session, edits: dict[tuple[DeadlineKind, date], dict[str, Any]],
           actor: Actor, now: datetime, expected_version: int | None) -> None:
    rows = [edits[k] for k in sorted(edits, key=lambda k: (k[0].value, k[1]))]
    candidate = [apply_edit(base_rule(DeadlineKind(e["kind"]),  # type: ignore[arg-type]
                                        date.fromisoformat(e["valid_from"])), e) for e in rows]
    replace_rules(DEFAULT_RULES, candidate)  # raises UserError if the table is unusable
    repo.put_setting(session, RULES_KEY, {"format": _RULES_FORMAT, "rules": rows}, at=now,
                     actor=actor.name, expected_version=expected_version)
    session.flush()


def _recompute(session: Session, actor: Actor, now: datetime) -> tuple[RecomputeReport, Changes]:
    return recompute_open_cases(session, actor, now)
