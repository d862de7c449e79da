"""The tamper-evident audit chain in the database: appending, snapshots, reading it back.

domain/audit_chain.py says what is hashed. This module decides *when* and *from what*:

- ``queue`` (called by ``repositories.add_audit``) keeps the audit row with the session. Just
  before the session commits, the rows are appended in the committing transaction: the unit of
  work is flushed, the chain head is taken (PostgreSQL: ``SELECT … FOR UPDATE`` of its row;
  SQLite: an UPDATE of it, which takes the database's write lock if the transaction does not
  hold it yet), each described record is read back as stored and digested, the rows are chained
  to the head and inserted, and the head moves on. Two writers therefore append one after the
  other and the chain never forks, and a row's snapshot is what its transaction committed, even
  if the use case changed the record again after writing the audit row.
- Snapshots and the check read rows with the driver's own values (no ORM conversions), JSON
  as its stored text, and bring PostgreSQL's typed values to SQLite's spelling (``plain``):
  what was hashed when writing is exactly what a later check recomputes.
- ``start_chain`` (migration 0005) links the audit rows written before the chain existed, gives
  every existing record a first audited state and writes a row saying the chain was started.

Anything that writes visits, cases, citizens, issued documents, directives or attachments must
leave an audit row about each record it changed (bulk writers queue one per record; snapshots are
read in batches), or ``check`` reports the record as changed outside the application.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON
from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy import Text
from sqlalchemy import bindparam
from sqlalchemy import cast
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.orm import SessionTransaction
from sqlalchemy.sql.dml import Insert

from reception_desk.domain.audit_chain import GENESIS
from reception_desk.domain.audit_chain import absent_digest
from reception_desk.domain.audit_chain import audit_content
from reception_desk.domain.audit_chain import canonical_json
from reception_desk.domain.audit_chain import link_hash
from reception_desk.domain.audit_chain import moment_text
from reception_desk.domain.audit_chain import plain
from reception_desk.domain.audit_chain import record_digest
from reception_desk.domain.audit_chain import record_raw_digest
from reception_desk.storage.models import AuditEntry

_PENDING = "rd_audit_pending"
_BATCH = 500  # ids per IN (…) when snapshotting records at commit
_STREAM = {"stream_results": True, "max_row_buffer": 10_000}


@dataclass(frozen=True)
class ChildSpec:
    """Rows of another table that belong to the record (a visit's document lines …)."""

    name: str
    table: str
    parent: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class SnapshotSpec:
    """What a record's snapshot covers: its columns (not its id, not derived search keys) and
    its child rows (not their ids, which change when a list is saved again)."""

    entity: str
    table: str
    columns: tuple[str, ...]
    children: tuple[ChildSpec, ...] = ()
    # Columns a finding names the record by (the STT, the case or document number).
    label: tuple[str, ...] = ()


# Frozen lists: tests/storage/test_audit_chain.py fails when a table gains a column that is in
# neither the list nor EXCLUDED, so whoever adds one decides. A column added later is left out
# of a snapshot while it is NULL; a migration that fills it for existing rows must append a
# "chain_start" row for each record it changed (``start_chain`` shows how).
SNAPSHOTS: dict[str, SnapshotSpec] = {
    spec.entity: spec
    for spec in (
        SnapshotSpec(
            "visit", "visit",
            ("uid", "year", "seq", "received_at", "reception_date", "kind", "receiving_staff_id",
             "presiding_leader_id", "citizen_id", "citizen_name", "id_doc_type", "id_number",
             "id_override_reason", "address", "phone", "people_count", "content",
             "petition_type", "field_code", "prior_bodies", "within_competence", "direction",
             "target_body", "target_doc_number", "follow_up", "notes", "case_id", "delegation",
             "representatives", "incident", "incident_note", "voided_at", "void_reason",
             "voided_by", "created_at", "created_by", "updated_at", "version", "session_id",
             # issue 15 (migration 0012): NULL, so out of the snapshot, for app visits
             "legacy_batch_id", "legacy_stt", "legacy_year"),
            (ChildSpec("documents", "visit_document", "visit_id",
                       ("position", "name", "pages", "condition")),
             ChildSpec("members", "visit_participant", "visit_id",
                       ("position", "full_name", "id_doc_type", "id_number", "address", "phone",
                        "is_representative", "citizen_id"))),
            label=("year", "seq"),
        ),
        SnapshotSpec(
            "citizen", "citizen",
            ("uid", "full_name", "id_doc_type", "id_number", "id_issue_date", "id_issue_place",
             "sex", "birth_date", "phone", "ward_code", "address_detail", "address",
             "merged_into_id", "created_at", "updated_at",
             # migration 0016: NULL unless voided, so out of every other record's snapshot
             "voided_at", "void_reason", "voided_by"),
        ),
        SnapshotSpec(
            "case", "case_file",
            ("uid", "year", "seq", "case_type", "complaint_object", "title", "content",
             "field_code", "respondents", "level", "competent_body", "remote", "criteria",
             "within_commune_competence", "stage", "received_on", "due_on", "deadline_kind",
             "closed_on", "previous_case_id", "link_kind", "created_at", "created_by",
             "updated_at", "version", "verification_differs",
             # Migration 0013 (issue 13): NULL on every older case, so left out of its snapshot.
             "eligible", "urged_on", "reply_received_on",
             # migration 0014 (issue 12): NULL on existing rows, so left out of their snapshots
             "decision_on", "decision_learned_on", "entrusted_verification"),
            (ChildSpec("events", "case_event", "case_id",
                       ("position", "kind", "actor", "moment", "document_number",
                        "document_date", "level", "body", "criteria", "note")),
             ChildSpec("citizens", "case_citizen", "case_id", ("citizen_id", "role"))),
            label=("year", "seq"),
        ),
        SnapshotSpec(
            "issued_document", "issued_document",
            ("doc_type", "year", "number", "symbol", "verification_code", "visit_id", "case_id",
             "payload", "issued_at", "issued_by", "print_count"),
            label=("doc_type", "year", "number", "symbol"),
        ),
        SnapshotSpec(
            "directive", "directive",
            ("case_id", "text", "assignee_staff_id", "due_on", "given_by", "given_at",
             "acknowledged_at", "acknowledged_by", "done_at", "conclusion_id", "assignee_body"),
        ),
        # Migration 0010: the head's reception sessions and their conclusion notices.
        SnapshotSpec(
            "reception_session", "reception_session",
            ("uid", "status", "day", "start_minute", "end_minute", "place", "leader_staff_id",
             "leader_role", "delegation_note", "matters", "published_on", "no_citizen",
             "outcome_note", "cancel_reason", "created_at", "created_by", "updated_at",
             "version"),
            (ChildSpec("members", "reception_session_member", "session_id",
                       ("position", "kind", "staff_id", "name", "role_note")),),
        ),
        SnapshotSpec(
            "session_conclusion", "session_conclusion",
            ("session_id", "year", "number", "issued_on", "visit_id", "text", "created_at",
             "created_by", "version"),
        ),
        # Dialogues on complaint cases (issue 14, migration 0011), with their participants.
        SnapshotSpec(
            "dialogue", "dialogue",
            ("case_id", "status", "scheduled_at", "place", "invited_on", "topic", "held_at",
             "result", "cancel_reason", "created_at", "created_by", "updated_at", "version"),
            (ChildSpec("participants", "dialogue_participant", "dialogue_id",
                       ("position", "role", "name", "title", "opinion")),),
        ),
        # The blob key is in the snapshot: pointing a row at other bytes breaks it. The blob
        # table is not snapshotted: its key is the digest of its bytes (the check rehashes them).
        SnapshotSpec(
            "attachment", "attachment",
            ("visit_id", "case_id", "blob_sha256", "file_name", "added_at", "added_by",
             "voided_at", "void_reason", "voided_by"),
        ),
    )
}
# Columns deliberately outside the snapshots: surrogate ids, the parent link of child rows,
# folded search keys (derived from a snapshotted text, rebuilt when folding improves) and the
# citizen's compare-and-set version (migration 0007: a counter of edits, not content; the
# citizen snapshot predates it, and appending it would change nothing a check can prove).
EXCLUDED: dict[str, frozenset[str]] = {
    "visit": frozenset({"id", "citizen_name_key", "content_key"}),
    "visit_document": frozenset({"id", "visit_id"}),
    "visit_participant": frozenset({"id", "visit_id"}),
    "citizen": frozenset({"id", "name_key", "version"}),
    "case_file": frozenset({"id", "title_key"}),
    "case_event": frozenset({"id", "case_id"}),
    "case_citizen": frozenset({"case_id"}),
    "issued_document": frozenset({"id"}),
    "directive": frozenset({"id"}),
    "attachment": frozenset({"id"}),
    "dialogue": frozenset({"id"}),
    "dialogue_participant": frozenset({"id", "dialogue_id"}),
    "reception_session": frozenset({"id"}),
    "reception_session_member": frozenset({"id", "session_id"}),
    "session_conclusion": frozenset({"id"}),
}


def _json_columns() -> dict[str, frozenset[str]]:
    from sqlmodel import SQLModel

    out: dict[str, frozenset[str]] = {}
    for name, table in SQLModel.metadata.tables.items():
        out[name] = frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    return out


_JSON = _json_columns()


def _column_sql(table: str, column: str) -> str:
    if column in _JSON.get(table, ()):
        return f'CAST("{column}" AS TEXT)'  # the stored text, as it was hashed
    return f'"{column}"'


@lru_cache(maxsize=64)
def _select_from(table: str, key: str, columns: tuple[str, ...]) -> str:
    """``SELECT key, columns FROM table`` (made once per snapshot spec: every save needs it)."""
    names = ", ".join([f'"{key}"', *(_column_sql(table, c) for c in columns)])
    return f'SELECT {names} FROM "{table}"'


def _select(table: str, key: str, columns: Sequence[str], where: str = "",
            order: bool = True) -> str:
    sql = _select_from(table, key, tuple(columns))
    if where:
        sql += f" WHERE {where}"
    if order:
        sql += f' ORDER BY "{key}"'
    return sql


def _normaliser(conn: Connection) -> Callable[[Sequence[Any]], Sequence[Any]] | None:
    """None on SQLite (its values already have the canonical spelling)."""
    if conn.dialect.name == "sqlite":
        return None
    return lambda row: tuple(plain(v) for v in row)


def _stream(conn: Connection, sql: str) -> Iterator[Sequence[Any]]:
    """Rows of ``sql`` in the connection's transaction, one at a time: the driver's own cursor
    on SQLite (plain tuples, no per-row wrapping), a server-side cursor on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.arraysize = 2000
            yield from cursor.execute(sql)
        finally:
            cursor.close()
        return
    yield from conn.exec_driver_sql(sql, execution_options=_STREAM)


def _rows(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
    """All rows of a small query (the driver's cursor on SQLite: no per-statement overhead;
    ``params``: its ``?`` placeholders, SQLite only)."""
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            rows: list[Sequence[Any]] = cursor.execute(sql, params).fetchall()
            return rows
        finally:
            cursor.close()
    return list(conn.exec_driver_sql(sql))


def _ids_sql(ids: Iterable[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _in_list(conn: Connection, ids: Sequence[int]) -> tuple[str, tuple[int, ...]]:
    """An ``IN (…)`` list of ``ids`` and its parameters: placeholders on SQLite, whose driver
    then reuses the prepared statement (a save snapshots one record of a kind: the same text
    every time), the numbers written out on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        return ", ".join("?" * len(ids)), tuple(int(i) for i in ids)
    return _ids_sql(ids), ()


# --- snapshots -------------------------------------------------------------------------------


def snapshot_digests(conn: Connection, entity: str, ids: Iterable[int]) -> dict[int, str]:
    """The snapshot digest of each record (the "absent" digest for an id with no row)."""
    spec = SNAPSHOTS[entity]
    norm = _normaliser(conn)
    wanted = sorted(set(ids))
    out: dict[int, str] = {}
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start:start + _BATCH]
        in_list, params = _in_list(conn, chunk)
        rows: dict[int, Sequence[Any]] = {}
        for row in _rows(conn, _select(spec.table, "id", spec.columns, f'"id" IN ({in_list})',
                                       order=False), params):
            values = norm(row) if norm else tuple(row)
            rows[int(values[0])] = values[1:]
        kids: dict[int, list[list[Sequence[Any]]]] = {
            i: [[] for _c in spec.children] for i in rows}
        for index, child in enumerate(spec.children):
            sql = _select(child.table, child.parent, child.columns,
                          f'"{child.parent}" IN ({in_list})', order=False)
            for row in _rows(conn, sql, params):
                values = norm(row) if norm else tuple(row)
                parent = kids.get(int(values[0]))
                if parent is not None:
                    parent[index].append(values[1:])
        for record_id in chunk:
            stored = rows.get(record_id)
            out[record_id] = (absent_digest(entity) if stored is None
                              else record_digest(entity, stored, kids[record_id]))
    return out


# One record as the check reads it: its id, raw snapshot digest (32 bytes) and label values (a
# plain tuple: a million of them are made).
StoredRecord = tuple[int, bytes, tuple[Any, ...]]


def iter_records(conn: Connection, entity: str,
                 spec: SnapshotSpec | None = None) -> Iterator[StoredRecord]:
    """Every record of ``entity`` in id order with its snapshot digest, streamed (server-side
    cursors on PostgreSQL), child rows merged in from their own parent-ordered streams."""
    spec = spec or SNAPSHOTS[entity]
    norm = _normaliser(conn)
    label_at = [spec.columns.index(c) for c in spec.label]
    main = _stream(conn, _select(spec.table, "id", spec.columns))
    streams = [_stream(conn, _select(child.table, child.parent, child.columns))
               for child in spec.children]
    pending: list[Any] = [next(it, None) for it in streams]
    for row in main:
        values = norm(row) if norm else row
        record_id = int(values[0])
        fields = values[1:]
        if not streams:
            yield (record_id, record_raw_digest(entity, fields),
                   tuple([fields[i] for i in label_at]))
            continue
        children: list[list[Sequence[Any]]] = []
        for index, it in enumerate(streams):
            items: list[Sequence[Any]] = []
            head = pending[index]
            while head is not None and head[0] <= record_id:
                if head[0] == record_id:  # a row whose parent is gone is skipped (orphan)
                    items.append((norm(head) if norm else head)[1:])
                head = next(it, None)
            pending[index] = head
            children.append(items)
        yield (record_id, record_raw_digest(entity, fields, children),
               tuple([fields[i] for i in label_at]))


# --- appending -------------------------------------------------------------------------------


@dataclass
class _Entry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


def _json_text(value: Any) -> str | None:
    return None if value is None else canonical_json(value)


def queue(session: Session, *, at: datetime, actor: str, action: str, entity: str,
          entity_id: object, before: Any = None, after: Any = None) -> None:
    """An audit row to append when ``session`` commits (see the module docstring)."""
    entries: list[_Entry] = session.info.setdefault(_PENDING, [])
    entries.append(_Entry(at, actor, action, entity, str(entity_id), _json_text(before),
                          _json_text(after)))


@event.listens_for(Session, "before_commit")
def _append_pending(session: Session) -> None:
    entries: list[_Entry] | None = session.info.pop(_PENDING, None)
    if entries:
        session.flush()
        append(session.connection(), entries)


@event.listens_for(Session, "after_transaction_end")
def _forget_pending(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the unit of work ended (committed or rolled back)
        session.info.pop(_PENDING, None)


_INSERTS: dict[str, Insert] = {}


def _insert_statement(conn: Connection) -> Insert:
    """The audit row insert (built once per dialect)."""
    stmt = _INSERTS.get(conn.dialect.name)
    if stmt is None:
        stmt = _INSERTS[conn.dialect.name] = _build_insert(conn)
    return stmt


def _build_insert(conn: Connection) -> Insert:
    table = AuditEntry.__table__  # type: ignore[attr-defined]

    def json_text(name: str) -> Any:
        param = bindparam(name, type_=Text())
        # The text goes in as written (no second json.dumps); PostgreSQL wants it cast.
        return cast(param, JSON) if conn.dialect.name == "postgresql" else param

    stmt: Insert = table.insert().values(
        at=bindparam("p_at", type_=table.c.at.type), actor=bindparam("p_actor"),
        action=bindparam("p_action"), entity=bindparam("p_entity"),
        entity_id=bindparam("p_entity_id"), before=json_text("p_before"),
        after=json_text("p_after"), prev_hash=bindparam("p_prev"), hash=bindparam("p_hash"),
        snapshot_hash=bindparam("p_snapshot"))
    return stmt


@dataclass
class _Writer:
    """Chains rows onto ``prev`` and inserts them in batches."""

    conn: Connection
    prev: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0

    def add(self, entry: _Entry, snapshot: str) -> None:
        content = audit_content(moment_text(entry.at), entry.actor, entry.action, entry.entity,
                                entry.entity_id, entry.before, entry.after)
        row_hash = link_hash(self.prev, content, snapshot)
        self.rows.append({"p_at": entry.at, "p_actor": entry.actor, "p_action": entry.action,
                          "p_entity": entry.entity, "p_entity_id": entry.entity_id,
                          "p_before": entry.before, "p_after": entry.after,
                          "p_prev": self.prev, "p_hash": row_hash, "p_snapshot": snapshot})
        self.prev = row_hash
        if len(self.rows) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.conn.execute(_insert_statement(self.conn), self.rows)
            self.written += len(self.rows)
            self.rows = []


@dataclass(frozen=True)
class ChainHead:
    length: int
    last_id: int | None
    last_hash: str


def read_head(conn: Connection) -> ChainHead | None:
    row = conn.exec_driver_sql(
        "SELECT length, last_id, last_hash FROM audit_chain_head WHERE id = 1").first()
    return None if row is None else ChainHead(int(row[0]), row[1], str(row[2]))


def _take_head(conn: Connection) -> tuple[ChainHead, list[_Entry]]:
    """Lock the head for this transaction; a head removed by hand is rebuilt from the last row
    and the rebuilding is itself recorded in the chain."""
    row: Sequence[Any] | None
    if conn.dialect.name == "postgresql":
        row = conn.exec_driver_sql("SELECT length, last_id, last_hash FROM audit_chain_head "
                                   "WHERE id = 1 FOR UPDATE").first()
    else:  # a write: takes the database's write lock if the transaction does not hold it yet
        found = _rows(conn, "UPDATE audit_chain_head SET length = length WHERE id = 1 "
                            "RETURNING length, last_id, last_hash")
        row = found[0] if found else None
    if row is not None:
        return ChainHead(int(row[0]), row[1], str(row[2])), []
    last = conn.exec_driver_sql(
        "SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1").first()
    count = int(conn.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one())
    head = ChainHead(count, None if last is None else int(last[0]),
                     GENESIS if last is None else str(last[1] or GENESIS))
    conn.execute(text("INSERT INTO audit_chain_head (id, length, last_id, last_hash) "
                      "VALUES (1, :length, :last_id, :last_hash)"),
                 {"length": head.length, "last_id": head.last_id, "last_hash": head.last_hash})
    return head, [_Entry(datetime.now().astimezone(), "Reception Desk", "chain_head_restored",
                         "database", "-", None, canonical_json({"rows": count}))]


def append(conn: Connection, entries: Sequence[_Entry]) -> None:
    """Chain ``entries`` onto the head and insert them, in the caller's transaction."""
    head, extra = _take_head(conn)
    entries = [*extra, *entries]
    wanted: dict[str, set[int]] = {}
    for e in entries:
        if e.entity in SNAPSHOTS and e.entity_id.isdigit():
            wanted.setdefault(e.entity, set()).add(int(e.entity_id))
    digests = {entity: snapshot_digests(conn, entity, ids) for entity, ids in wanted.items()}
    writer = _Writer(conn, head.last_hash)
    for e in entries:
        found = digests.get(e.entity)
        writer.add(e, found[int(e.entity_id)] if found and e.entity_id.isdigit() else "")
    writer.flush()
    _move_head(conn, writer)


_MOVE_HEAD = ("UPDATE audit_chain_head SET length = length + {n}, last_id = "
              "(SELECT max(id) FROM audit_entry), last_hash = {last_hash} WHERE id = 1")
_MOVE_HEAD_TEXT = text(_MOVE_HEAD.format(n=":n", last_hash=":last_hash"))
_MOVE_HEAD_SQLITE = _MOVE_HEAD.format(n="?", last_hash="?")


def _move_head(conn: Connection, writer: _Writer) -> None:
    if conn.dialect.name == "sqlite":  # the driver's cursor, as the snapshots are read
        _rows(conn, _MOVE_HEAD_SQLITE, (writer.written, writer.prev))
        return
    conn.execute(_MOVE_HEAD_TEXT, {"n": writer.written, "last_hash": writer.prev})


# --- reading the chain back ------------------------------------------------------------------

AUDIT_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "before", "after",
                 "prev_hash", "hash", "snapshot_hash")


def iter_audit_rows(conn: Connection, after_id: int | None = None,
                    limit: int | None = None) -> Iterator[Sequence[Any]]:
    """Audit rows in id order, in AUDIT_COLUMNS order, values as hashed (streamed)."""
    where = "" if after_id is None else f'"id" > {int(after_id)}'
    sql = _select("audit_entry", "id", AUDIT_COLUMNS[1:], where)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    norm = _normaliser(conn)
    for row in _stream(conn, sql):
        yield norm(row) if norm else row


def table_count(conn: Connection, table: str) -> int:
    return int(conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one())


# --- starting the chain (migration 0005) -----------------------------------------------------


def _present(conn: Connection, spec: SnapshotSpec) -> SnapshotSpec:
    """``spec`` limited to the columns the database has at this revision (a later column is
    NULL, hence left out of the snapshot, anyway)."""
    names = {c["name"] for c in inspect(conn).get_columns(spec.table)}
    children = tuple(
        ChildSpec(c.name, c.table, c.parent,
                  tuple(n for n in c.columns
                        if n in {x["name"] for x in inspect(conn).get_columns(c.table)}))
        for c in spec.children)
    return SnapshotSpec(spec.entity, spec.table, tuple(c for c in spec.columns if c in names),
                        children, tuple(c for c in spec.label if c in names))


def start_chain(conn: Connection, at: datetime, actor: str, revision: str) -> dict[str, int]:
    """Link the audit rows written before the chain existed (their records' past states are
    unknown: no snapshot), give every existing record a first audited state ("chain_start")
    and say so in a last row ("chain_started"). Returns what was counted."""
    writer = _Writer(conn, GENESIS)
    existing = 0
    last_id: int | None = None
    while True:
        batch = list(iter_audit_rows(conn, last_id, limit=5000))
        if not batch:
            break
        updates = []
        for row in batch:
            row_id, at_, actor_, action, entity, entity_id, before, after = row[:8]
            content = audit_content(at_, actor_, action, entity, entity_id, before, after)
            row_hash = link_hash(writer.prev, content, "")
            updates.append({"p": writer.prev, "h": row_hash, "i": row_id})
            writer.prev = row_hash
            last_id = int(row_id)
        conn.execute(text("UPDATE audit_entry SET prev_hash = :p, hash = :h, snapshot_hash = '' "
                          "WHERE id = :i"), updates)
        existing += len(batch)
    records: dict[str, int] = {}
    tables = set(inspect(conn).get_table_names())
    for entity, spec in SNAPSHOTS.items():
        if spec.table not in tables:  # a kind a later migration adds (attachments: 0008)
            continue
        count = 0
        for record_id, digest, _label in iter_records(conn, entity, _present(conn, spec)):
            writer.add(_Entry(at, actor, "chain_start", entity, str(record_id), None, None),
                       digest.hex())
            count += 1
        records[entity] = count
    summary = {"revision": revision, "earlier_audit_rows": existing, "records": records}
    writer.add(_Entry(at, actor, "chain_started", "database", "-", None,
                      canonical_json(summary)), "")
    writer.flush()
    last = conn.exec_driver_sql("SELECT max(id) FROM audit_entry").scalar()
    conn.execute(text("INSERT INTO audit_chain_head (id, length, last_id, last_hash) "
                      "VALUES (1, :length, :last_id, :last_hash)"),
                 {"length": existing + writer.written, "last_id": last,
                  "last_hash": writer.prev})
    return {"earlier_audit_rows": existing, **records}


# --- what the check reads besides the chain --------------------------------------------------


def audit_rows_of(conn: Connection, entity: str, record_id: int) -> Iterator[str | None]:
    """The ``after`` texts of a record's audit rows, newest first."""
    sql = ('SELECT CAST("after" AS TEXT) FROM audit_entry WHERE entity = :entity '
           'AND entity_id = :entity_id ORDER BY id DESC')
    for (after,) in conn.execute(text(sql), {"entity": entity, "entity_id": str(record_id)}):
        yield after


def counters(conn: Connection) -> dict[tuple[str, int], int]:
    """Every counter's last value by (scope, year)."""
    return {(str(scope), int(year)): int(value) for scope, year, value in
            conn.exec_driver_sql("SELECT scope, year, last_value FROM counter")}


def event_document_numbers(conn: Connection) -> Iterator[tuple[str, Any]]:
    """(document number, document date) of every case event that records a document."""
    sql = ("SELECT document_number, document_date FROM case_event "
           "WHERE document_number <> '' AND document_date IS NOT NULL")
    for number, on in _stream(conn, sql):
        yield str(number), on


def row_with_hash_prefix(conn: Connection, prefix: str) -> int | None:
    """The first audit row whose hash starts with ``prefix`` (lower-case hex)."""
    found = conn.execute(text("SELECT min(id) FROM audit_entry WHERE hash LIKE :p"),
                         {"p": prefix + "%"}).scalar()
    return None if found is None else int(found)


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction: the chain and the records are read as of the same moment."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin() as transaction:
            try:
                yield conn
            finally:
                transaction.rollback()
