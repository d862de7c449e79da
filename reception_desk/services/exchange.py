"""The whole logbook as versioned JSON Lines: export, and an all-or-nothing, idempotent import.

Line 1 is a header ``{"format": "reception-desk-logbook", "version": 1, ...}``; every other line
is one record with a ``"type"``: ``setting``, ``field``, ``staff``, ``citizen``, ``visit``.
Records are matched across databases by ``uid`` (staff, citizens, visits), ``key`` (settings)
and ``code`` (fields). The README documents the schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk import __version__
from reception_desk.domain.classification import (
    DocumentCondition,
    HandlingDirection,
    IdDocType,
    PetitionType,
    Sex,
    VisitKind,
)
from reception_desk.domain.text import fold, nfc
from reception_desk.errors import UserError
from reception_desk.services.context import Actor, Changes
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import (
    Citizen,
    FieldCategory,
    Setting,
    Staff,
    Visit,
    VisitDocument,
)

FORMAT = "reception-desk-logbook"
VERSION = 1
MAX_ERRORS = 50

# Column lists per record type: exported as-is (dates ISO, moments UTC ISO).
STAFF_COLUMNS = ("uid", "full_name", "position", "role", "active", "created_at")
CITIZEN_COLUMNS = (
    "uid",
    "full_name",
    "id_doc_type",
    "id_number",
    "id_issue_date",
    "id_issue_place",
    "sex",
    "birth_date",
    "phone",
    "ward_code",
    "address_detail",
    "address",
    "created_at",
    "updated_at",
)
VISIT_COLUMNS = (
    "uid",
    "year",
    "seq",
    "received_at",
    "reception_date",
    "kind",
    "citizen_name",
    "id_doc_type",
    "id_number",
    "id_override_reason",
    "address",
    "phone",
    "people_count",
    "content",
    "petition_type",
    "field_code",
    "prior_bodies",
    "within_competence",
    "direction",
    "target_body",
    "target_doc_number",
    "follow_up",
    "notes",
    "voided_at",
    "void_reason",
    "voided_by",
    "created_at",
    "created_by",
    "updated_at",
    "version",
)
FIELD_COLUMNS = (
    "code",
    "parent_code",
    "label",
    "petition_type",
    "sensitive",
    "sort_order",
    "active",
)

_MOMENTS = {"created_at", "updated_at", "received_at", "voided_at"}
_DATES = {"id_issue_date", "birth_date", "reception_date"}
_ENUMS: dict[str, Any] = {
    "kind": VisitKind,
    "id_doc_type": IdDocType,
    "sex": Sex,
    "petition_type": PetitionType,
    "direction": HandlingDirection,
}


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_lines(session: Session, now: datetime) -> Iterator[str]:
    """Every record of the logbook, one JSON object per line, in a stable order."""
    yield _dump(
        {
            "format": FORMAT,
            "version": VERSION,
            "app_version": __version__,
            "exported_at": now.astimezone(UTC).isoformat(),
        }
    )
    for s in session.scalars(select(Setting).order_by(col(Setting.key))):
        yield _dump({"type": "setting", "key": s.key, "value": s.value})
    for f in session.scalars(
        select(FieldCategory).order_by(col(FieldCategory.sort_order), col(FieldCategory.code))
    ):
        yield _dump({"type": "field", **{c: _out(getattr(f, c)) for c in FIELD_COLUMNS}})
    staff_uid: dict[int, str] = {}
    for st in session.scalars(select(Staff).order_by(col(Staff.uid))):
        assert st.id is not None
        staff_uid[st.id] = st.uid
        yield _dump({"type": "staff", **{c: _out(getattr(st, c)) for c in STAFF_COLUMNS}})
    citizen_uid = {
        cid: uid for cid, uid in session.execute(select(col(Citizen.id), col(Citizen.uid)))
    }
    for ct in session.scalars(select(Citizen).order_by(col(Citizen.uid))):
        rec = {"type": "citizen", **{c: _out(getattr(ct, c)) for c in CITIZEN_COLUMNS}}
        rec["merged_into"] = citizen_uid.get(ct.merged_into_id) if ct.merged_into_id else None
        yield _dump(rec)
    docs: dict[int, list[dict[str, Any]]] = {}
    for d in session.scalars(
        select(VisitDocument).order_by(col(VisitDocument.visit_id), col(VisitDocument.position))
    ):
        docs.setdefault(d.visit_id, []).append(
            {"name": d.name, "pages": d.pages, "condition": d.condition}
        )
    for v in session.scalars(select(Visit).order_by(col(Visit.year), col(Visit.seq))):
        assert v.id is not None
        rec = {"type": "visit", **{c: _out(getattr(v, c)) for c in VISIT_COLUMNS}}
        rec["receiving_staff"] = staff_uid[v.receiving_staff_id]
        rec["presiding_leader"] = (
            staff_uid.get(v.presiding_leader_id) if v.presiding_leader_id else None
        )
        rec["citizen"] = citizen_uid[v.citizen_id]
        rec["documents"] = docs.get(v.id, [])
        yield _dump(rec)


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


# --- import -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1


class _LineError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _str(rec: dict[str, Any], key: str, required: bool = True, max_len: int = 100_000) -> str:
    value = rec.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _LineError("import.bad_value", key=key)
    if len(value) > max_len:
        raise _LineError("import.bad_value", key=key)
    return nfc(value)


def _parse_value(key: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        if key in _MOMENTS:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError("naive moment")
            return moment
        if key in _DATES:
            return date.fromisoformat(value)
        if key in _ENUMS:
            return _ENUMS[key](value).value
    except (TypeError, ValueError) as exc:
        raise _LineError("import.bad_value", key=key) from exc
    if isinstance(value, str):
        return nfc(value)
    return value


def _columns(rec: dict[str, Any], columns: Iterable[str], required: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in columns:
        if key not in rec:
            if key in required:
                raise _LineError("import.missing_key", key=key)
            continue
        out[key] = _parse_value(key, rec[key])
        if out[key] is None and key in required:
            raise _LineError("import.missing_key", key=key)
    return out


def parse_file(lines: Iterable[str]) -> list[tuple[int, dict[str, Any]]]:
    """Parse and check every line; raise one UserError listing the bad lines (first 50)."""
    records: list[tuple[int, dict[str, Any]]] = []
    errors: list[dict[str, Any]] = []
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            rec = json.loads(text)
            if not isinstance(rec, dict):
                raise _LineError("import.not_object")
            if not header_seen:
                if rec.get("format") != FORMAT:
                    raise _LineError("import.not_logbook")
                if not isinstance(rec.get("version"), int) or rec["version"] > VERSION:
                    raise _LineError(
                        "import.version_too_new", version=rec.get("version"), supported=VERSION
                    )
                header_seen = True
                continue
            records.append((number, _check_record(rec)))
        except json.JSONDecodeError:
            errors.append({"line": number, "code": "import.bad_json"})
        except _LineError as exc:
            errors.append({"line": number, "code": exc.code, **exc.params})
        if len(errors) >= MAX_ERRORS:
            break
    if not header_seen and not errors:
        errors.append({"line": 1, "code": "import.not_logbook"})
    if errors:
        raise UserError("import.invalid", errors=errors)
    return records


def _check_record(rec: dict[str, Any]) -> dict[str, Any]:
    kind = rec.get("type")
    if kind == "setting":
        return {"type": kind, "key": _str(rec, "key", max_len=100), "value": rec.get("value")}
    if kind == "field":
        return {"type": kind, **_columns(rec, FIELD_COLUMNS, {"code", "label"})}
    if kind == "staff":
        return {"type": kind, **_columns(rec, STAFF_COLUMNS, {"uid", "full_name", "role"})}
    if kind == "citizen":
        out = _columns(rec, CITIZEN_COLUMNS, {"uid", "full_name", "id_doc_type"})
        return {"type": kind, **out, "merged_into": rec.get("merged_into")}
    if kind == "visit":
        out = _columns(
            rec,
            VISIT_COLUMNS,
            {
                "uid",
                "year",
                "seq",
                "received_at",
                "reception_date",
                "kind",
                "citizen_name",
                "content",
                "petition_type",
                "direction",
            },
        )
        for key in ("year", "seq", "people_count", "version"):
            if key in out and not isinstance(out[key], int):
                raise _LineError("import.bad_value", key=key)
        if out["seq"] < 1 or out["reception_date"].year != out["year"]:
            raise _LineError("import.bad_value", key="seq")
        docs = rec.get("documents", [])
        if not isinstance(docs, list):
            raise _LineError("import.bad_value", key="documents")
        checked_docs = []
        for d in docs:
            if not isinstance(d, dict) or not isinstance(d.get("name"), str):
                raise _LineError("import.bad_value", key="documents")
            try:
                condition = DocumentCondition(d.get("condition", "copy")).value
            except ValueError as exc:
                raise _LineError("import.bad_value", key="documents") from exc
            checked_docs.append(
                {"name": nfc(d["name"]), "pages": d.get("pages"), "condition": condition}
            )
        return {
            "type": kind,
            **out,
            "receiving_staff": rec.get("receiving_staff"),
            "presiding_leader": rec.get("presiding_leader"),
            "citizen": rec.get("citizen"),
            "documents": checked_docs,
        }
    raise _LineError("import.unknown_type", type=str(kind))


def import_records(
    session: Session,
    records: list[tuple[int, dict[str, Any]]],
    actor: Actor,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ImportReport, Changes]:
    """Write parsed records in the caller's transaction; any conflict raises and writes nothing."""
    report = ImportReport()
    changes = Changes()
    errors: list[dict[str, Any]] = []
    staff_ids = {uid: sid for uid, sid in session.execute(select(col(Staff.uid), col(Staff.id)))}
    citizen_ids = {
        uid: cid for uid, cid in session.execute(select(col(Citizen.uid), col(Citizen.id)))
    }
    pending_merges: list[tuple[int, str, str]] = []
    for index, (line, rec) in enumerate(records):
        kind = rec.pop("type")
        try:
            if kind == "setting":
                before = repo.get_setting(session, rec["key"])
                if before != rec["value"]:
                    repo.put_setting(session, rec["key"], rec["value"], at=now, actor=actor.name)
                    report.count(report.created if before is None else report.updated, kind)
                    changes.settings.add(rec["key"])
                else:
                    report.unchanged += 1
            elif kind == "field":
                _upsert(session, FieldCategory, "code", rec, report, kind)
            elif kind == "staff":
                row = _upsert(session, Staff, "uid", rec, report, kind)
                staff_ids[row.uid] = row.id
            elif kind == "citizen":
                merged = rec.pop("merged_into")
                rec["name_key"] = fold(rec["full_name"])
                row = _upsert(session, Citizen, "uid", rec, report, kind)
                citizen_ids[row.uid] = row.id
                if merged:
                    pending_merges.append((line, row.uid, merged))
            elif kind == "visit":
                _import_visit(session, rec, staff_ids, citizen_ids, report, changes, line)
        except _LineError as exc:
            errors.append({"line": line, "code": exc.code, **exc.params})
            if len(errors) >= MAX_ERRORS:
                break
        if progress and index % 1000 == 0:
            progress(index, len(records))
    for line, uid, merged in pending_merges:
        if merged not in citizen_ids:
            errors.append({"line": line, "code": "import.unknown_reference", "key": "merged_into"})
            continue
        row = session.scalars(select(Citizen).where(col(Citizen.uid) == uid)).one()
        row.merged_into_id = citizen_ids[merged]
    if errors:
        raise UserError("import.invalid", errors=errors)
    max_seq = select(col(Visit.year), func.max(col(Visit.seq))).group_by(col(Visit.year))
    for year, last in session.execute(max_seq):
        repo.raise_counter_to(session, "visit", year, last)
    repo.add_audit(
        session,
        at=now,
        actor=actor.name,
        action="import",
        entity="database",
        entity_id="-",
        after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return report, changes


def _upsert(
    session: Session, model: Any, key: str, rec: dict[str, Any], report: ImportReport, kind: str
) -> Any:
    row = session.scalars(select(model).where(getattr(model, key) == rec[key])).one_or_none()
    if row is None:
        row = model(**rec)
        session.add(row)
        session.flush()
        report.count(report.created, kind)
        return row
    if any(_differs(getattr(row, k), v) for k, v in rec.items()):
        for k, v in rec.items():
            setattr(row, k, v)
        session.flush()
        report.count(report.updated, kind)
    else:
        report.unchanged += 1
    return row


def _differs(current: Any, new: Any) -> bool:
    if isinstance(current, datetime) and isinstance(new, datetime):
        if current.tzinfo is None:
            current = current.replace(tzinfo=UTC)
        return bool(current != new)
    return bool(current != new)


def _import_visit(
    session: Session,
    rec: dict[str, Any],
    staff_ids: dict[str, int | None],
    citizen_ids: dict[str, int | None],
    report: ImportReport,
    changes: Changes,
    line: int,
) -> None:
    docs = rec.pop("documents")
    receiving = staff_ids.get(rec.pop("receiving_staff") or "")
    leader_uid = rec.pop("presiding_leader")
    citizen = citizen_ids.get(rec.pop("citizen") or "")
    if receiving is None:
        raise _LineError("import.unknown_reference", key="receiving_staff")
    if citizen is None:
        raise _LineError("import.unknown_reference", key="citizen")
    leader = None
    if leader_uid:
        leader = staff_ids.get(leader_uid)
        if leader is None:
            raise _LineError("import.unknown_reference", key="presiding_leader")
    rec.update(
        receiving_staff_id=receiving,
        presiding_leader_id=leader,
        citizen_id=citizen,
        citizen_name_key=fold(rec["citizen_name"]),
        content_key=fold(rec["content"]),
    )
    clash = session.scalars(
        select(Visit).where(col(Visit.year) == rec["year"], col(Visit.seq) == rec["seq"])
    ).one_or_none()
    if clash is not None and clash.uid != rec["uid"]:
        raise _LineError("import.stt_taken", year=rec["year"], seq=rec["seq"])
    before_updated = report.updated.get("visit", 0) + report.created.get("visit", 0)
    row = _upsert(session, Visit, "uid", rec, report, "visit")
    existing = [
        (d.name, d.pages, d.condition)
        for d in session.scalars(
            select(VisitDocument)
            .where(col(VisitDocument.visit_id) == row.id)
            .order_by(col(VisitDocument.position))
        )
    ]
    wanted = [(d["name"], d["pages"], d["condition"]) for d in docs]
    if existing != wanted:
        for old in session.scalars(
            select(VisitDocument).where(col(VisitDocument.visit_id) == row.id)
        ):
            session.delete(old)
        session.flush()
        for pos, (name, pages, cond) in enumerate(wanted):
            session.add(
                VisitDocument(visit_id=row.id, position=pos, name=name, pages=pages, condition=cond)
            )
        if report.updated.get("visit", 0) + report.created.get("visit", 0) == before_updated:
            report.unchanged -= 1
            report.count(report.updated, "visit")
    if report.updated.get("visit", 0) + report.created.get("visit", 0) != before_updated:
        changes.visits.add(row.id)
