"""The whole logbook as versioned JSON Lines: export, and an all-or-nothing, idempotent import.

Line 1 is a header ``{"format": "reception-desk-logbook", "version": 2, ...}``; every other line
is one record with a ``"type"`` (see ``RECORDS``). Version 2 adds the head's reception sessions
and their conclusion notices (``services/exchange/sessions.py``) and the dialogues of complaint
cases (``services/exchange/dialogues.py``); a version 1 file (without them) still imports, a
file of a newer version is refused (``import.version_too_new``).

The record layout is derived from the tables themselves, so a column added by a migration is
exported without touching this module:

- the surrogate ``id`` is never written; records are matched by their natural key (``uid`` where
  the table has one);
- a reference to a table with a ``uid`` is written as that ``uid`` under the column name without
  its ``_id`` suffix (``citizen_id`` → ``"citizen": "<uid>"``);
- folded search keys (``*_key``) are derived data: left out and recomputed on import;
- dates are ``YYYY-MM-DD``, moments ISO 8601 in UTC.

The README documents the schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy.orm import Session

from reception_desk import __version__
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.dates import as_utc
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.problems import Problem
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.text import fold
from reception_desk.domain.text import nfc
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.exchange import checks
from reception_desk.services.exchange import sessions as session_records
from reception_desk.services.exchange.masking import SUMMARY
from reception_desk.services.exchange.masking import ExportMask
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CalendarOverrideRow
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Counter
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow
from reception_desk.storage.models import Directive
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import ReceptionSessionMember
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Setting
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitDocument
from reception_desk.storage.models import VisitParticipant
from reception_desk.storage.queries import exchange as tables

if TYPE_CHECKING:
    from sqlalchemy import Column
    from sqlalchemy import Table
    from sqlmodel import SQLModel

FORMAT = "reception-desk-logbook"
#: 2: the head's reception sessions, their conclusion notices and the dialogues (issue 14).
VERSION = 2
MAX_ERRORS = 50

# Folded search keys and the text they are folded from.
DERIVED_KEYS = {
    "name_key": "full_name",
    "citizen_name_key": "citizen_name",
    "content_key": "content",
    "title_key": "title",
}
# Columns holding a domain code: an unknown value is refused with its line number.
ENUM_COLUMNS: dict[tuple[str, str], type[StrEnum]] = {
    ("visit", "kind"): VisitKind,
    ("visit", "petition_type"): PetitionType,
    ("visit", "direction"): HandlingDirection,
    ("visit", "id_doc_type"): IdDocType,
    ("citizen", "id_doc_type"): IdDocType,
    ("citizen", "sex"): Sex,
    ("visit_document", "condition"): DocumentCondition,
    ("visit_participant", "id_doc_type"): IdDocType,
    ("case_file", "case_type"): CaseType,
    ("case_file", "stage"): CaseStage,
    ("case_file", "level"): HandlingLevel,
    ("case_event", "kind"): EventKind,
    ("case_event", "level"): HandlingLevel,
    ("reception_session", "status"): SessionStatus,
    ("reception_session", "leader_role"): LeaderRole,
    ("reception_session_member", "kind"): ParticipantKind,
    ("dialogue", "status"): DialogueStatus,
    ("dialogue_participant", "role"): ParticipantRole,
}


@dataclass(frozen=True)
class RecordKind:
    """One record type of the file: its table, natural key and nested child tables."""

    name: str
    model: type[SQLModel]
    key: tuple[str, ...]  # column names as written in the file
    children: tuple[tuple[str, type[SQLModel]], ...] = ()  # (list name, child table)

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[attr-defined, no-any-return]


RECORDS: tuple[RecordKind, ...] = (
    RecordKind("setting", Setting, ("key",)),
    RecordKind("field", FieldCategory, ("code",)),
    RecordKind("staff", Staff, ("uid",)),
    RecordKind("citizen", Citizen, ("uid",)),
    RecordKind("case", CaseFile, ("uid",)),
    RecordKind("case_citizen", CaseCitizen, ("case", "citizen")),
    RecordKind("case_event", CaseEventRow, ("case", "position")),
    RecordKind("dialogue", DialogueRow, ("case", "created_at", "scheduled_at"),
               (("participants", DialogueParticipantRow),)),
    RecordKind("reception_session", ReceptionSession, ("uid",),
               (("members", ReceptionSessionMember),)),
    RecordKind("visit", Visit, ("uid",),
               (("documents", VisitDocument), ("members", VisitParticipant))),
    RecordKind("session_conclusion", SessionConclusion, ("session", "year", "number"),
               (("instructions", Directive),)),
    RecordKind("issued_document", IssuedDocument, ("doc_type", "year", "number")),
    RecordKind("directive", Directive, ("case", "given_at")),
    RecordKind("calendar_override", CalendarOverrideRow, ("day",)),
    RecordKind("counter", Counter, ("scope", "year")),
)
BY_NAME = {k.name: k for k in RECORDS}
UID_TABLES = {k.table.name: k for k in RECORDS if "uid" in k.table.columns}


def _reference(column: Column[Any]) -> str | None:
    """The table a column refers to by ``uid``, if any."""
    return tables.referred_table(column, UID_TABLES)


def _file_name(column: Column[Any]) -> str:
    if _reference(column) is not None and column.name.endswith("_id"):
        return column.name[: -len("_id")]
    return column.name


#: Columns of records (not of nested rows) the file leaves out: a visit's link to its session is
#: derived (worked out again on import: services/exchange/sessions.py); a conclusion's
#: instructions are written inside their conclusion, not as ``directive`` records.
NOT_EXCHANGED: dict[str, frozenset[str]] = {
    "visit": frozenset({"session_id"}),
    "directive": frozenset({"conclusion_id", "assignee_body"}),
}


def _exported_columns(table: Table, parent_fk: str | None = None) -> list[Column[Any]]:
    skipped = frozenset() if parent_fk else NOT_EXCHANGED.get(table.name, frozenset())
    return [
        c for c in table.columns
        if c.name not in ("id", parent_fk) and c.name not in DERIVED_KEYS
        and c.name not in skipped
    ]


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _uid_maps(session: Session) -> dict[str, dict[int, str]]:
    maps: dict[str, dict[int, str]] = {}
    for name, kind in UID_TABLES.items():
        table = kind.table
        maps[name] = tables.uid_of_id(session, table)
    return maps


def _row_out(row: Any, columns: list[Column[Any]], uids: dict[str, dict[int, str]]
             ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in columns:
        value = getattr(row, column.name)
        target = _reference(column)
        if target is not None and value is not None:
            value = uids[target][value]
        out[_file_name(column)] = _out(value)
    return out


def _order(kind: RecordKind) -> list[str]:
    table = kind.table
    if kind.name in ("visit", "case"):
        return ["year", "seq"]
    if kind.name == "session_conclusion":
        return ["year", "number"]
    if kind.name == "reception_session":
        return ["day", "start_minute", "uid"]
    if "uid" in table.columns:
        return ["uid"]
    return [c.name for c in table.primary_key.columns]


def export_lines(session: Session, now: datetime, mask: ExportMask | None = None,
                 reason: str = "") -> Iterator[str]:
    """Every record, one JSON object per line, in a stable order (references first).

    ``mask``: the identities the file may not carry (services/exchange/masking.py); the header
    then says ``"masked": true`` and what was masked, and ``parse_file`` refuses the file.
    None: every identity in clear (a full export: the caller checked the rights and the
    ``reason``, written in the header)."""
    header: dict[str, Any] = {"format": FORMAT, "version": VERSION, "app_version": __version__,
                              "exported_at": now.astimezone(UTC).isoformat(),
                              "masked": mask is not None}
    if mask is not None:
        header["masking"] = SUMMARY
    if reason:
        header["reason"] = reason
    yield _dump(header)
    uids = _uid_maps(session)
    for kind in RECORDS:
        table = kind.table
        columns = _exported_columns(table)
        children: dict[str, dict[int, list[dict[str, Any]]]] = {}
        for list_name, child_model in kind.children:
            child = child_model.__table__  # type: ignore[attr-defined]
            fk = tables.parent_column(child, table)
            child_columns = _exported_columns(child, parent_fk=fk)
            grouped: dict[int, list[dict[str, Any]]] = {}
            for row in tables.nested_rows(session, child, fk):
                grouped.setdefault(getattr(row, fk), []).append(
                    _row_out(row, child_columns, uids))
            children[list_name] = grouped
        records = []
        for row in tables.all_rows(session, table, _order(kind)):
            if kind.name == "directive" and row.conclusion_id is not None:
                continue  # an instruction of a session's conclusion notice (NOT_EXCHANGED)
            record = {"type": kind.name, **_row_out(row, columns, uids)}
            for list_name, grouped in children.items():
                record[list_name] = grouped.get(row.id, [])
            if mask is not None:
                mask.apply(kind.name, row, record)
            records.append(record)
        if kind.name in ("case_citizen", "case_event", "directive", "dialogue"):
            # Their keys hold uids: sort by what is written, not by database ids.
            records.sort(key=lambda r: json.dumps([r.get(k) for k in kind.key] +
                                                  [r.get("kind"), r.get("text")],
                                                  ensure_ascii=False))
        for record in records:
            yield _dump(record)


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


class _RuleProblems(Exception):
    """A record the form's rules refuse: every problem, each reported on the record's line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].code)
        self.problems = problems


def _parse_value(table: Table, column: Column[Any], value: Any) -> Any:
    """The file's value for ``column``, checked and converted (references stay uids)."""
    key = _file_name(column)
    if value is None:
        if tables.required(column) and not column.primary_key:
            raise _LineError("import.missing_key", key=key)
        return None
    kind = tables.python_type(column)
    try:
        if _reference(column) is not None:
            if not isinstance(value, str):
                raise ValueError(key)
            return value
        if kind is datetime:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError("naive moment")
            return moment
        if kind is date:
            return date.fromisoformat(value)
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(key)
            return value
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(key)
            return value
        if kind is None:  # JSON
            return value
        if not isinstance(value, str):
            raise ValueError(key)
        enum = ENUM_COLUMNS.get((table.name, column.name))
        if enum is not None:
            return enum(value).value
        text = nfc(value)
        length = tables.max_length(column)
        if length is not None and len(text) > length:
            raise ValueError(key)
        return text
    except (TypeError, ValueError) as exc:
        raise _LineError("import.bad_value", key=key) from exc


def _parse_columns(table: Table, columns: list[Column[Any]], rec: dict[str, Any]
                   ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in columns:
        name = _file_name(column)
        if name not in rec:
            if tables.required(column):
                raise _LineError("import.missing_key", key=name)
            continue
        out[column.name] = _parse_value(table, column, rec[name])
    return out


def _check_record(rec: dict[str, Any], now: datetime,
                  crowd_threshold: int = DEFAULT_CROWD_THRESHOLD) -> dict[str, Any]:
    kind = BY_NAME.get(str(rec.get("type")))
    if kind is None:
        raise _LineError("import.unknown_type", type=str(rec.get("type")))
    table = kind.table
    values = _parse_columns(table, _exported_columns(table), rec)
    for derived, source in DERIVED_KEYS.items():
        if derived in table.columns and source in values:
            values[derived] = fold(values[source])
    if kind.name == "visit" and values["reception_date"].year != values["year"]:
        raise _LineError("import.bad_value", key="year")
    nested: dict[str, list[dict[str, Any]]] = {}
    for list_name, child_model in kind.children:
        child = child_model.__table__  # type: ignore[attr-defined]
        fk = tables.parent_column(child, table)
        items = rec.get(list_name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise _LineError("import.bad_value", key=list_name)
        nested[list_name] = [_parse_columns(child, _exported_columns(child, fk), i)
                             for i in items]
    problems = checks.record_problems(kind.name, values, nested, now, crowd_threshold)
    if problems:
        raise _RuleProblems(problems)
    return {"kind": kind.name, "values": values, "children": nested}


def parse_file(lines: Iterable[str], now: datetime | None = None
               ) -> list[tuple[int, dict[str, Any]]]:
    """Parse and check every line (formats, then the forms' rules as of ``now``); raise one
    UserError listing the bad lines (first 50)."""
    now = now or datetime.now(UTC)
    threshold = DEFAULT_CROWD_THRESHOLD
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
                    raise _LineError("import.version_too_new", version=rec.get("version"),
                                     supported=VERSION)
                if rec.get("masked"):
                    # Identities replaced by "***" and partial numbers would overwrite the
                    # real ones: a masked copy is for reading, never a source.
                    raise UserError("import.masked_file")
                header_seen = True
                continue
            record = _check_record(rec, now, threshold)
            records.append((number, record))
            if record["kind"] == "setting" and record["values"]["key"] == "hotspot_policy":
                # Settings come first in the file: its visits are checked by its own policy.
                threshold = int(record["values"]["value"].get("crowd_threshold", threshold))
        except _RuleProblems as exc:
            errors.extend({"line": number, "code": p.code, "field": p.field, **p.params}
                          for p in exc.problems)
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


class _Importer:
    """Writes checked records in the caller's transaction, resolving uids to local ids.

    ``dry``: write nothing, only find what writing would refuse (a number another record holds,
    a reference to nothing), reading in a transaction that blocks no counter (import_batches)."""

    def __init__(self, session: Session, dry: bool = False) -> None:
        self.session = session
        self.dry = dry
        self._placeholders = 0
        #: (dry run) numbers held, per (table, number columns): values → id of the holder.
        self.claimed: dict[tuple[str, tuple[str, ...]], Any] = {}
        self.report = ImportReport()
        self.changes = Changes()
        self.ids: dict[str, dict[str, int]] = {
            name: tables.id_of_uid(session, k.table)
            for name, k in UID_TABLES.items()
        }
        self.pending: list[tuple[int, Table, int, str, str, str]] = []
        #: Nested records written besides their parent (a conclusion's instructions), to audit.
        self.touched: set[tuple[str, int]] = set()
        #: Days whose visits' session links are worked out again at the end.
        self.days: set[date] = set()

    def resolve(self, table: Table, values: dict[str, Any]
                ) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
        """uids → local ids. A reference to the same table may point forward in the file, so it
        is returned apart, as (column, target table, uid), to be set once every row exists."""
        out = dict(values)
        deferred: list[tuple[str, str, str]] = []
        for column in table.columns:
            target = _reference(column)
            if target is None or out.get(column.name) is None:
                continue
            uid = out.pop(column.name) if target == table.name else out[column.name]
            if target == table.name:
                deferred.append((column.name, target, uid))
                continue
            local = self.ids[target].get(uid)
            if local is None:
                raise _LineError("import.unknown_reference", key=_file_name(column))
            out[column.name] = local
        return out, deferred

    def key_of(self, kind: RecordKind, values: dict[str, Any]) -> dict[str, Any]:
        """The record's natural key as column values (references as local ids)."""
        table = kind.table
        columns = [name if name in table.c else f"{name}_id" for name in kind.key]
        key = {name: values[name] for name in columns}
        if kind.name == "directive":
            key["conclusion_id"] = None  # never a conclusion's instruction (same case, moment)
        return key

    def upsert(self, kind: RecordKind, values: dict[str, Any], line: int) -> tuple[int | None,
                                                                                 bool]:
        """Insert or update one row; returns (id, changed)."""
        table = kind.table
        session = self.session
        if kind.name == "counter":
            if self.dry:
                return None, False
            current = session.get(Counter, (values["scope"], values["year"]))
            if current is not None and current.last_value >= values["last_value"]:
                self.report.unchanged += 1
                return None, False
            counters.raise_counter_to(session, values["scope"], values["year"],
                                  values["last_value"])
            self.report.count(self.report.updated if current else self.report.created, kind.name)
            return None, True
        resolved, deferred = self.resolve(table, values)
        if self.dry:
            return self._pretend(kind, resolved, values, deferred, line)
        existing = tables.find_row(session, table, self.key_of(kind, resolved))
        self._check_unique(kind, resolved, existing)
        if existing is None:
            row_id = tables.insert_row(session, table, resolved)
            self.report.count(self.report.created, kind.name)
            changed = True
        else:
            row_id = getattr(existing, "id", None)
            diff = {k: v for k, v in resolved.items()
                    if k != "version" and session_records.differs(getattr(existing, k), v)}
            if diff and "version" in table.c:
                # A changed row moves past both its versions (compare-and-set, issue 11): a
                # screen that read the local version before the import is refused, never
                # allowed to write over the imported values.
                diff["version"] = max(existing.version, resolved.get("version") or 0) + 1
            if diff:
                tables.update_rows(session, table, self.key_of(kind, resolved), diff)
                self.report.count(self.report.updated, kind.name)
            else:
                self.report.unchanged += 1
            changed = bool(diff)
        if "uid" in table.c and row_id is not None:
            self.ids[table.name][values["uid"]] = row_id
        self.pending.extend((line, table, row_id or 0, *ref) for ref in deferred)
        return row_id, changed

    def _pretend(self, kind: RecordKind, resolved: dict[str, Any], values: dict[str, Any],
                 deferred: list[tuple[str, str, str]], line: int) -> tuple[int | None, bool]:
        """A dry run's upsert: what writing would refuse, without writing; a new row gets a
        placeholder id (negative: matches no row). Records keyed by uid and numbered records
        are looked up in maps read once, not one query each."""
        table = kind.table
        if kind.key == ("uid",):
            row_id = self.ids[table.name].get(values["uid"])
            exists = row_id is not None
        else:
            row = tables.find_row(self.session, table, self.key_of(kind, resolved))
            exists = row is not None
            row_id = getattr(row, "id", None) if row is not None else None
        if not exists:
            self._placeholders += 1
            row_id = -self._placeholders
        for names in _NUMBERED.get(kind.name, ()):
            number = tuple(resolved[n] for n in names)
            if self._numbers(table, names).setdefault(number, row_id or 0) != row_id:
                raise _LineError("import.number_taken", kind=kind.name,
                                 value="/".join(str(resolved[n]) for n in reversed(names)))
        if "uid" in table.c and row_id is not None:
            self.ids[table.name][values["uid"]] = row_id
        self.pending.extend((line, table, row_id or 0, *ref) for ref in deferred)
        return row_id, False

    def _numbers(self, table: Table, names: tuple[str, ...]) -> dict[tuple[Any, ...], int]:
        """(dry run) The numbers held in the database, then by the file's records so far."""
        key = (table.name, names)
        if key not in self.claimed:
            self.claimed[key] = tables.ids_by_columns(self.session, table, names)
        return self.claimed[key]  # type: ignore[no-any-return]

    def _check_unique(self, kind: RecordKind, values: dict[str, Any], existing: Any) -> None:
        """Another record already holds this STT / case number / verification code."""
        table = kind.table
        for names in _NUMBERED.get(kind.name, ()):
            number = tuple(values[n] for n in names)
            clash = tables.find_row(self.session, table, dict(zip(names, number, strict=True)))
            if clash is not None and (existing is None or clash.id != existing.id):
                raise _LineError("import.number_taken", kind=kind.name,
                                 value="/".join(str(values[n]) for n in reversed(names)))

    def children(self, kind: RecordKind, parent_id: int, nested: dict[str, list[dict[str, Any]]],
                 line: int) -> bool:
        """Replace a record's nested rows when they differ; True if they did."""
        changed = False
        parent = kind.table
        for list_name, child_model in kind.children:
            child = child_model.__table__  # type: ignore[attr-defined]
            fk = tables.parent_column(child, parent)
            columns = _exported_columns(child, fk)
            wanted = [self.resolve(child, item)[0] for item in nested[list_name]]
            if session_records.is_instructions(child_model):
                written = session_records.write_instructions(self.session, parent_id, wanted,
                                                             columns)
                self.touched.update(("directive", i) for i in written)
                changed = changed or bool(written)
                continue
            current = [
                {c.name: getattr(r, c.name) for c in columns}
                for r in tables.nested_rows(self.session, child, fk, parent_id)
            ]
            normal = [{c.name: w.get(c.name, tables.default_value(c)) for c in columns}
                      for w in wanted]
            if current != normal:
                tables.replace_nested(self.session, child, fk, parent_id, wanted)
                changed = True
        return changed


def import_records(
    session: Session,
    records: list[tuple[int, dict[str, Any]]],
    actor: Actor,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ImportReport, Changes]:
    """Write parsed records in the caller's transaction; any conflict raises and writes nothing.

    One transaction for the whole file: ``import_batches`` is what the doors use on a database
    counters are saving in."""
    importer = _Importer(session)
    errors: list[dict[str, Any]] = []
    audited: set[tuple[str, int]] = set()  # records written: each gets its audit row
    for index, (line, rec) in enumerate(records):
        if not write_record(importer, line, rec, audited, errors):
            break
        if progress and index % 1000 == 0:
            progress(index, len(records))
    resolve_pending(importer, audited, errors)
    if errors:
        raise UserError("import.invalid", errors=errors)
    finish(importer, audited, actor, now)
    return importer.report, importer.changes


def write_record(importer: _Importer, line: int, rec: dict[str, Any],
                 audited: set[tuple[str, int]], errors: list[dict[str, Any]]) -> bool:
    """Write (or, dry, check) one parsed record; a refusal goes to ``errors``. False: too many
    errors, stop."""
    kind = BY_NAME[rec["kind"]]
    importer.touched.clear()
    try:
        if not importer.dry:
            importer.days |= session_records.days_to_relink(importer.session, kind.name,
                                                            rec["values"], importer.ids)
        row_id, changed = importer.upsert(kind, rec["values"], line)
        if importer.dry:  # a nested row's reference to nothing is found by the check too
            for list_name, child_model in kind.children:
                for item in rec["children"][list_name]:
                    importer.resolve(child_model.__table__, item)  # type: ignore[attr-defined]
        if kind.children and row_id is not None and not importer.dry:
            nested_changed = importer.children(kind, row_id, rec["children"], line)
            if nested_changed and not changed:
                importer.report.unchanged -= 1
                importer.report.count(importer.report.updated, kind.name)
            changed = changed or nested_changed
        if changed and row_id is not None:
            if kind.name == "visit":
                importer.changes.visits.add(row_id)
            elif kind.name == "citizen":
                importer.changes.citizens.add(row_id)
            elif kind.name in ("case", "dialogue"):
                importer.changes.cases.add(row_id if kind.name == "case" else
                                           importer.ids["case_file"][rec["values"]["case_id"]])
            elif kind.name == "reception_session":
                importer.changes.sessions.add(row_id)
            elif kind.name == "session_conclusion":
                importer.changes.sessions.add(
                    importer.ids["reception_session"][rec["values"]["session_id"]])
        if changed and not importer.dry and kind.name == "visit":
            importer.days.add(rec["values"]["reception_date"])
        if changed and kind.name == "setting":
            importer.changes.settings.add(rec["values"]["key"])
        if changed:
            audited.update(_described(importer, kind, rec["values"], row_id))
        audited.update(importer.touched)
    except _LineError as exc:
        errors.append({"line": line, "code": exc.code, **exc.params})
    return len(errors) < MAX_ERRORS


def resolve_pending(importer: _Importer, audited: set[tuple[str, int]],
                    errors: list[dict[str, Any]]) -> None:
    """References to records of the same table (possibly later in the file), set last."""
    session = importer.session
    for line, table, row_id, column, target, uid in importer.pending:
        local = importer.ids[target].get(uid)
        if local is None:
            errors.append({"line": line, "code": "import.unknown_reference",
                           "key": column.removesuffix("_id")})
            continue
        if importer.dry:
            continue
        if repo.cell(session, table, column, row_id) != local:
            tables.update_rows(session, table, {"id": row_id}, {column: local})
            audited.update(_described(importer, BY_TABLE[table.name], {}, row_id))
    importer.pending.clear()


def audit_written(importer: _Importer, audited: set[tuple[str, int]], actor: Actor,
                  now: datetime) -> None:
    """Each record written gets its ``import`` audit row, in the transaction that wrote it."""
    for entity, record_id in sorted(audited):
        repo.add_audit(importer.session, at=now, actor=actor.name, action="import",
                       entity=entity, entity_id=record_id)
    audited.clear()


def finish(importer: _Importer, audited: set[tuple[str, int]], actor: Actor,
           now: datetime) -> None:
    """The last writes of an import: counters past every imported number, the audit rows."""
    session = importer.session
    # Numbers imported from elsewhere must never be handed out again.
    for scope, year, last in tables.highest_numbers(session):
        counters.raise_counter_to(session, scope, year, last)
    session_records.raise_counters(session)
    # Every visit of a day a session or visit of the file touched: linked by the rule again.
    importer.changes.visits |= session_records.relink(session, importer.days, actor, now)
    importer.days.clear()
    audit_written(importer, audited, actor, now)
    report = importer.report
    repo.add_audit(session, at=now, actor=actor.name, action="import", entity="database",
                   entity_id="-", after={"created": report.created, "updated": report.updated,
                                         "unchanged": report.unchanged})


def record_export(session: Session, actor: Actor, now: datetime, records: int,
                  file_name: str, folder: str, masked: bool = False, reason: str = "") -> None:
    """The audit row of an export: who wrote it, when, how many records, where, whether the
    identities were masked and, for a full export (every identity in clear, like a backup),
    why."""
    after: dict[str, Any] = {"records": records, "file": file_name, "folder": folder,
                             "masked": masked}
    if reason:
        after["reason"] = reason
    repo.add_audit(session, at=now, actor=actor.name, action="export", entity="database",
                   entity_id=file_name, after=after)


def numbers_of(rec: dict[str, Any]) -> tuple[str, int, int] | None:
    """(counter scope, year, number) a record holds: a visit's STT, a case's or a document's
    number (the counters must be past it as soon as the record is committed)."""
    values = rec["values"]
    if rec["kind"] == "visit":
        return counters.VISIT_STT, values["year"], values["seq"]
    if rec["kind"] == "case":
        return counters.CASE_NUMBER, values["year"], values["seq"]
    if rec["kind"] == "issued_document":
        return counters.document_scope(values["doc_type"]), values["year"], values["number"]
    if rec["kind"] == "session_conclusion":
        return session_records.number_of(values)
    return None


def importer(session: Session, dry: bool = False) -> _Importer:
    return _Importer(session, dry)


BY_TABLE = {k.table.name: k for k in RECORDS}
#: The numbers no two records may share: STTs, case numbers, verification codes.
_NUMBERED: dict[str, tuple[tuple[str, ...], ...]] = {
    "visit": (("year", "seq"),),
    "case": (("year", "seq"),),
    "issued_document": (("verification_code",),),
    "session_conclusion": (("year", "number"),),
}
# Record kinds with an audited snapshot (storage/audit_chain.py), and the rows that are part of
# a case's snapshot.
_AUDITED = {"visit", "citizen", "case", "issued_document", "directive", "reception_session",
            "session_conclusion", "dialogue"}


def _described(importer: _Importer, kind: RecordKind, values: dict[str, Any],
               row_id: int | None) -> list[tuple[str, int]]:
    """The audited record a written row belongs to: itself, or the case of an event or a
    complainant link."""
    if kind.name in _AUDITED and row_id is not None:
        return [(kind.name, row_id)]
    if kind.name in ("case_event", "case_citizen"):
        case_id = importer.ids["case_file"].get(values.get("case_id"))  # type: ignore[arg-type]
        return [] if case_id is None else [("case", case_id)]
    return []

