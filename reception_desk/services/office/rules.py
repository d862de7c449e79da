"""The office's rules as stored: its working-day calendar and its deadline rule table.

The one reader every feature uses (visits, cases, hotspots, documents, the demo): statutory
holidays (``holidays.VN``) plus the office's announced days off and make-up working days
(``calendar_override`` table); the legal rule table (``domain.deadlines.DEFAULT_RULES``) with the
figures the office changed for rules whose source is not verified (JSON setting
``deadline_rules``); the hotspot policy with the office's crowd size (setting
``hotspot_policy``). Editing the calendar and rules is a case use case
(``services.cases.calendar_edits``: every change recomputes open cases' deadlines); the policy
is saved by ``services.hotspots.weekly``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import SourceConfidence
from reception_desk.domain.deadlines import replace_rules
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CalendarOverrideRow
from reception_desk.storage.queries import office as office_queries

RULES_KEY = "deadline_rules"
POLICY_KEY = "hotspot_policy"


# --- calendar ------------------------------------------------------------------------------


def override_rows(session: Session) -> list[CalendarOverrideRow]:
    return office_queries.calendar_overrides(session)


def office_calendar(session: Session) -> WorkingCalendar:
    """Statutory holidays plus the office's announced days off and make-up working days."""
    return WorkingCalendar(CalendarOverride(r.day, OverrideKind(r.kind))
                           for r in override_rows(session))


# --- deadline rules ------------------------------------------------------------------------


def rule_editable(rule: DeadlineRule) -> bool:
    """Rules read in the official legal code ([P]) are fixed; the others are the office's data."""
    return rule.confidence is not SourceConfidence.PRIMARY


def stored_edits(session: Session) -> list[dict[str, Any]]:
    value = repo.get_setting(session, RULES_KEY)
    if not isinstance(value, dict):
        return []
    edits = value.get("rules", [])
    return [e for e in edits if isinstance(e, dict)]


def base_rule(kind: DeadlineKind, valid_from: date) -> DeadlineRule | None:
    for rule in DEFAULT_RULES:
        if rule.kind is kind and rule.valid_from == valid_from:
            return rule
    return None


def apply_edit(base: DeadlineRule, edit: dict[str, Any]) -> DeadlineRule:
    return replace(
        base,
        unit=PeriodUnit(edit.get("unit", base.unit)),
        days=int(edit["days"]),
        complex_days=edit.get("complex_days"),
        remote_days=edit.get("remote_days"),
        complex_remote_days=edit.get("complex_remote_days"),
    )


def edits_by_key(session: Session) -> dict[tuple[DeadlineKind, date], dict[str, Any]]:
    out: dict[tuple[DeadlineKind, date], dict[str, Any]] = {}
    for edit in stored_edits(session):
        try:
            key = (DeadlineKind(edit["kind"]), date.fromisoformat(edit["valid_from"]))
        except (KeyError, ValueError):
            continue  # a row written by a newer version: ignore rather than fail
        base = base_rule(*key)
        if base is not None and rule_editable(base):
            out[key] = edit
    return out


def deadline_rules(session: Session) -> tuple[DeadlineRule, ...]:
    """The rule table in force for this office: DEFAULT_RULES with the office's figures."""
    edits = edits_by_key(session)
    if not edits:
        return DEFAULT_RULES
    replacements = []
    for key, edit in edits.items():
        base = base_rule(*key)
        assert base is not None
        replacements.append(apply_edit(base, edit))
    return replace_rules(DEFAULT_RULES, replacements)


# --- hotspot policy and crowd size -----------------------------------------------------------


def hotspot_policy(session: Session) -> HotspotPolicy:
    """The office's hotspot policy (defaults when never saved): local policy, not law."""
    return HotspotPolicy.from_json(repo.get_setting(session, POLICY_KEY))


def crowd_threshold(session: Session) -> int:
    """The office's "đoàn đông người" size (``domain.crowds``), kept in its hotspot policy."""
    return hotspot_policy(session).crowd_threshold
