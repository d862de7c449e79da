"""The form's rules for every imported record: an import is a door like the visit form.

A visit line is rebuilt as the ``VisitDraft`` the form would have sent, normalised and checked
by the same functions (``normalise_draft``, ``domain.visits.check_visit``); a citizen through
the citizen part of those rules; a case's title as the case form checks it; each setting
against the shape the app reads back (``office: 42`` would stop the app from starting).
Identity numbers are stored in their normal form (full-width digits, spaces, dots removed).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from datetime import datetime
from typing import Any

from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.crowds import check_crowd
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.problems import Problem
from reception_desk.domain.sessions import check_times
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import GroupMember
from reception_desk.domain.visits import VisitDraft
from reception_desk.domain.visits import check_visit
from reception_desk.errors import UserError
from reception_desk.services.documents.logbook import LOGBOOK_LAYOUT_CHOICES
from reception_desk.services.exchange.dialogues import DIALOGUE
from reception_desk.services.exchange.dialogues import check_dialogue_record
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.visits.saving import normalise_draft

#: Fields of a visit draft that belong to the citizen record.
_CITIZEN_FIELDS = frozenset({"citizen_name", "id_number", "id_doc_type", "sex", "birth_date",
                             "id_issue_date", "phone"})
_TITLE_MAX = 500


def normalise_ids(kind: str, values: dict[str, Any],
                  children: dict[str, list[dict[str, Any]]]) -> None:
    """Identity numbers in their stored form, as the form stores them (in place)."""
    rows = [values] if kind in ("visit", "citizen") else []
    rows += children.get("members", [])
    for row in rows:
        number = row.get("id_number")
        doc_type = row.get("id_doc_type")
        if isinstance(number, str) and doc_type:
            row["id_number"] = normalize_id_number(IdDocType(doc_type), number)


def _enum(kind: Any, value: Any) -> Any:
    return None if value is None else kind(value)


def visit_draft(values: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> VisitDraft:
    """The draft the visit form would have sent for this record (references stay uids)."""
    def text_of(key: str) -> str:
        return str(values.get(key) or "")

    return VisitDraft(
        received_at=values.get("received_at"),
        kind=VisitKind(values.get("kind") or VisitKind.REGULAR.value),
        # Staff are referenced by uid here: any value stands for "given".
        receiving_staff_id=0 if values.get("receiving_staff_id") is not None else None,
        presiding_leader_id=0 if values.get("presiding_leader_id") is not None else None,
        citizen_name=text_of("citizen_name"),
        id_doc_type=IdDocType(values.get("id_doc_type") or IdDocType.CITIZEN_ID.value),
        id_number=text_of("id_number"),
        id_override_reason=text_of("id_override_reason"),
        phone=text_of("phone"),
        people_count=int(values.get("people_count") or 0),
        content=text_of("content"),
        petition_type=_enum(PetitionType, values.get("petition_type")),
        prior_bodies=text_of("prior_bodies"),
        within_competence=bool(values.get("within_competence")),
        direction=_enum(HandlingDirection, values.get("direction")),
        target_body=text_of("target_body"),
        target_doc_number=text_of("target_doc_number"),
        follow_up=text_of("follow_up"),
        notes=text_of("notes"),
        documents=[DocumentLine(str(d.get("name") or ""), d.get("pages"),
                                DocumentCondition(d.get("condition") or "copy"))
                   for d in children.get("documents", [])],
        delegation=bool(values.get("delegation")),
        members=[GroupMember(str(m.get("full_name") or ""),
                             IdDocType(m.get("id_doc_type") or IdDocType.CITIZEN_ID.value),
                             str(m.get("id_number") or ""), str(m.get("address") or ""),
                             str(m.get("phone") or ""), bool(m.get("is_representative")))
                 for m in children.get("members", [])],
        incident=bool(values.get("incident")),
        incident_note=text_of("incident_note"),
    )


def check_visit_record(values: dict[str, Any], children: dict[str, list[dict[str, Any]]],
                       now: datetime, crowd_threshold: int = DEFAULT_CROWD_THRESHOLD
                       ) -> list[Problem]:
    """The visit form's problems with this record. The crowd rules count the representatives
    the record states (a group's members need not all be listed)."""
    draft = normalise_draft(visit_draft(values, children))
    problems = check_visit(draft, now, crowd_threshold)
    stated = values.get("representatives")
    if isinstance(stated, int) and not any(p.code == "visit.people_invalid" for p in problems):
        problems = [p for p in problems if not p.code.startswith("crowd.")]
        problems += check_crowd(draft.people_count, max(stated, len(draft.representatives)),
                                draft.delegation, threshold=crowd_threshold)
    return problems


def _a_valid_visit(now: datetime) -> dict[str, Any]:
    return {"received_at": now, "receiving_staff_id": 0, "people_count": 1, "content": "-",
            "petition_type": PetitionType.PETITION.value,
            "direction": HandlingDirection.GUIDE.value}


def check_citizen_record(values: dict[str, Any], now: datetime) -> list[Problem]:
    """The citizen part of the visit form's rules (a structural ID mismatch once accepted with
    a reason at a visit is not asked again)."""
    draft = dataclasses.replace(
        visit_draft(_a_valid_visit(now), {}),
        citizen_name=str(values.get("full_name") or ""),
        id_doc_type=IdDocType(values.get("id_doc_type") or IdDocType.CITIZEN_ID.value),
        id_number=str(values.get("id_number") or ""),
        sex=_enum(Sex, values.get("sex")),
        birth_date=values.get("birth_date") if isinstance(values.get("birth_date"), date)
        else None,
        id_issue_date=values.get("id_issue_date")
        if isinstance(values.get("id_issue_date"), date) else None,
        phone=str(values.get("phone") or ""),
    )
    return [p for p in check_visit(normalise_draft(draft), now)
            if p.field in _CITIZEN_FIELDS and not p.params.get("overridable")]


def check_case_record(values: dict[str, Any]) -> list[Problem]:
    """A case's title as the new-case form checks it."""
    title = str(values.get("title") or "").strip()
    if not title:
        return [Problem("case.title_required", "title")]
    if len(title) > _TITLE_MAX:
        return [Problem("case.title_too_long", "title", {"max": _TITLE_MAX,
                                                        "actual": len(title)})]
    return []


def record_problems(kind: str, values: dict[str, Any],
                    nested: dict[str, list[dict[str, Any]]], now: datetime,
                    crowd_threshold: int) -> list[Problem]:
    """Normalise the record's identity numbers (in place) and check it as its form would."""
    normalise_ids(kind, values, nested)
    if kind == "visit":
        return check_visit_record(values, nested, now, crowd_threshold)
    if kind == "citizen":
        return check_citizen_record(values, now)
    if kind == "case":
        return check_case_record(values)
    if kind == "setting":
        return check_setting_record(values["key"], values.get("value"))
    if kind == "reception_session":
        return check_session_record(values)
    if kind == "session_conclusion":
        return check_conclusion_record(values, nested)
    if kind == DIALOGUE:
        return check_dialogue_record(values, nested, now)
    return []


def check_session_record(values: dict[str, Any]) -> list[Problem]:
    """A session's hours as the session form checks them."""
    return [Problem(e.code, "hours", dict(e.params))
            for e in check_times(values["start_minute"], values["end_minute"])]


def check_conclusion_record(values: dict[str, Any],
                            children: dict[str, list[dict[str, Any]]]) -> list[Problem]:
    """A conclusion notice has its text; each instruction has its text and says to whom."""
    problems: list[Problem] = []
    if not str(values.get("text") or "").strip():
        problems.append(Problem("session.conclusion_text_required", "text"))
    for item in children.get("instructions", []):
        if not str(item.get("text") or "").strip():
            problems.append(Problem("session.instruction_text_required", "instructions"))
        elif not str(item.get("assignee_body") or "").strip() and \
                item.get("assignee_staff_id") is None:
            problems.append(Problem("session.instruction_body_required", "instructions"))
    return problems


def _office(value: Any) -> list[Problem]:
    if not isinstance(value, dict):
        return [Problem("import.setting_invalid", "office", {"key": "office"})]
    names = {f.name: f for f in dataclasses.fields(OfficeProfile)}
    required = {n for n, f in names.items() if f.default is dataclasses.MISSING}
    if set(value) - set(names) or required - set(value):
        return [Problem("import.setting_invalid", "office", {"key": "office"})]
    for name, item in value.items():
        wanted = int if name.endswith("_code") else str
        if isinstance(item, bool) or not isinstance(item, wanted):
            return [Problem("import.setting_invalid", "office", {"key": "office"})]
    if not str(value["body_name"]).strip() or not str(value["place_name"]).strip():
        return [Problem("import.setting_invalid", "office", {"key": "office"})]
    return []


def check_setting_record(key: str, value: Any) -> list[Problem]:
    """A setting as the app will read it back; a key this version does not know is refused."""
    invalid = [Problem("import.setting_invalid", key, {"key": key})]
    if key == "office":
        return _office(value)
    if key == "hotspot_policy":
        if not isinstance(value, dict):
            return invalid
        try:
            HotspotPolicy.from_json(value)
        except (UserError, TypeError, ValueError):
            return invalid
        return []
    if key == "logbook_layout":
        return [] if value in LOGBOOK_LAYOUT_CHOICES else invalid
    if key == "deadline_rules":
        rules = value.get("rules") if isinstance(value, dict) else None
        ok = isinstance(rules, list) and all(isinstance(r, dict) for r in rules)
        return [] if ok else invalid
    if key == "demo_database":
        return [] if isinstance(value, dict) else invalid
    return [Problem("import.setting_unknown", key, {"key": key})]
