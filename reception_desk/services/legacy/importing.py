"""The old-logbook import: a dry run that writes nothing, then the import, then its undo.

The dry run reads the sheet, finds its heading (or takes the clerk's mapping), reads every row
under the historical rules (domain/legacy_rows.py: never the counter's ``check_visit``) and
matches each row's citizen against the registry: by ID number first (linked), else by folded
name and address (offered, linked only when the clerk confirms), else a new registry record
(rows of the file naming the same ID number, or the same name and address without one, share
it).

The import writes the good rows as one audited unit, in short batches as the exchange import
does (services/exchange/batches.py: ``BATCH_SECONDS`` of work per transaction, a pause between,
cancel asked between batches), so counters keep saving meanwhile. An imported visit carries its
batch and the STT and year printed in the old book; its ``seq`` counts down from -1 in its year,
so the app's counter is never used nor moved (storage/models.Visit). Undo voids every visit the
batch created and the registry records that exist only because of it (``_orphans``), never
deleting anything, and marks the batch undone.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.dates import as_utc
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_layout import find_header
from reception_desk.domain.legacy_layout import layout_of
from reception_desk.domain.legacy_rows import LegacyVisit
from reception_desk.domain.legacy_rows import first_data_row
from reception_desk.domain.legacy_rows import is_blank_row
from reception_desk.domain.legacy_rows import read_row
from reception_desk.domain.legacy_values import field_words
from reception_desk.domain.text import fold
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.exchange.batches import BATCH_SECONDS
from reception_desk.services.exchange.batches import PAUSE_SECONDS
from reception_desk.services.legacy import reading
from reception_desk.services.legacy.dto import BatchDTO
from reception_desk.services.legacy.dto import CitizenMatch
from reception_desk.services.legacy.dto import DryRun
from reception_desk.services.legacy.dto import ImportOutcome
from reception_desk.services.legacy.dto import UndoOutcome
from reception_desk.services.legacy.dto import person_key
from reception_desk.storage import repositories as repo
from reception_desk.storage.database import Database
from reception_desk.storage.database import long_statements
from reception_desk.storage.models import LegacyBatch
from reception_desk.storage.queries import legacy as queries
from reception_desk.storage.queries import office as office_queries

#: The time of day an imported visit is given: old books hold the day only.
RECEIVED_AT = clock_time(8, 0)
#: Rows written per statement: a batch (``BATCH_SECONDS`` of work) takes whole chunks.
CHUNK = 200
UNDO_REASON = "Hủy lần nhập sổ cũ số {batch}"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def dry_run(db: Database, path: Path, today: date, sheet: str | None = None,
            mapping: dict[int, LegacyField] | None = None, limit: int | None = None,
            progress: Callable[[int, int], None] | None = None,
            fixes: Mapping[tuple[int, int], str] | None = None) -> DryRun:
    """Read and check ``sheet`` of ``path`` (module docstring); nothing is written.

    ``mapping``: the clerk's own (column → field), else the one the headings give.
    ``legacy.no_header`` when neither is there; ``limit``: read only that many sheet rows
    (the wizard's preview). ``fixes``: cells the clerk corrected in the wizard, (sheet row
    number, column index) → text, read instead of the file's value (the file is not changed).
    """
    try:
        digest = file_digest(path)
    except OSError as exc:
        raise UserError("legacy.file_unreadable", file=path.name, reason=str(exc)) from exc
    sheets = reading.sheet_names(path)
    name = sheet if sheet is not None else sheets[0]
    data = reading.read_sheet(path, name, limit=limit)
    for (row_number, col), value in (fixes or {}).items():
        if 0 < row_number <= len(data.rows):
            cells = data.rows[row_number - 1]
            cells.extend([None] * (col + 1 - len(cells)))
            cells[col] = value
    header = find_header(data.rows)
    if mapping is None:
        if header is None or not header.mapping:
            raise UserError("legacy.no_header", file=path.name, sheet=name)
        mapping = dict(header.mapping)
    elif header is not None:
        header.mapping = dict(mapping)
        header.layout = layout_of(mapping)
    if not any(f in mapping.values() for f in (LegacyField.NAME, LegacyField.NAME_ADDRESS)):
        raise UserError("legacy.mapping_incomplete", missing="name")
    first = header.data_row if header is not None else first_data_row(data.rows, mapping, today)
    with db.read() as session:
        words = field_words((f.code, f.label) for f in office_queries.field_categories(session))
    rows: list[LegacyVisit] = []
    originals: dict[int, list[Any]] = {}
    total = len(data.rows)
    for index in range(first, total):
        cells = data.rows[index]
        if is_blank_row(cells):
            continue
        row = read_row(index + 1, cells, mapping, today, data.upper_fonts(index),
                       field_words=words)
        rows.append(row)
        if row.problems:
            originals[row.row] = list(cells)
        if progress is not None and index % 2000 == 0:
            progress(index, total)
    result = DryRun(path.name, digest, name, sheets, header, mapping, rows, originals=originals,
                    fixes=dict(fixes or {}))
    with db.read() as session:
        _match_citizens(session, result)
        result.imported_before = [b.id for b in queries.batches_of_file(session, digest)
                                  if b.id is not None and b.sheet == name]
    return result


def _match_citizens(session: Session, run: DryRun) -> None:
    good = run.good_rows
    by_id = queries.citizens_by_id_number(session, {r.id_number for r in good if r.id_number})
    by_name = queries.citizens_by_name_key(
        session, {fold(r.citizen_name) for r in good if not r.id_number})
    for row in good:
        if row.id_number:
            found = by_id.get(row.id_number)
            run.matches[row.row] = (CitizenMatch("id", *found) if found
                                    else CitizenMatch("new"))
            continue
        address = fold(row.address)
        for cid, name, their_address in by_name.get(fold(row.citizen_name), []):
            theirs = fold(their_address)
            if address and theirs and (address in theirs or theirs in address):
                run.matches[row.row] = CitizenMatch("name", cid, name, their_address)
                break
        else:
            run.matches[row.row] = CitizenMatch("new")


def _received_at(day: date) -> datetime:
    return datetime.combine(day, RECEIVED_AT, OFFICE_TZ).astimezone(UTC)


def apply(db: Database, run: DryRun, actor: Actor, now: datetime, *,
          confirm_names: bool | set[int] = False, skip_bad_rows: bool = False,
          staff_id: int | None = None,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None,
          batch_seconds: float = BATCH_SECONDS, pause: float = PAUSE_SECONDS,
          chunk_size: int = CHUNK) -> tuple[ImportOutcome, Changes]:
    """Write the dry run's good rows (module docstring).

    Rows with problems refuse the whole import (``legacy.rows_have_problems``) unless
    ``skip_bad_rows``. ``confirm_names``: True links every name match, a set links those rows
    only; the others get a new registry record. ``staff_id``: the receiving officer written on
    every visit (the old book names none): the acting user's, else the first active staff
    member. ``legacy.cancelled`` between batches: what was written stays in the batch, which
    can be undone.
    """
    rows = run.good_rows
    if run.bad_rows and not skip_bad_rows:
        raise UserError("legacy.rows_have_problems", count=len(run.bad_rows))
    if not rows:
        raise UserError("legacy.nothing_to_import", file=run.file_name)
    changes = Changes()
    state = _Written()
    created_citizens = linked = 0
    batch_id: int | None = None
    index, total = 0, len(rows)
    while True:
        if cancelled is not None and cancelled() and batch_id is not None:
            raise KnownError("legacy.cancelled", written=index, total=total, batch=batch_id)
        with db.session() as session:
            long_statements(session)
            if batch_id is None:
                staff = _staff(session, staff_id, actor)
                batch = LegacyBatch(file_name=run.file_name, file_sha256=run.file_sha256,
                                    sheet=run.sheet, imported_at=now, imported_by=actor.name,
                                    rows_read=len(run.rows), rows_skipped=len(run.bad_rows))
                session.add(batch)
                session.flush()
                assert batch.id is not None
                batch_id = batch.id
            started = time.monotonic()
            while index < total:
                chunk = rows[index:index + chunk_size]
                linked += _write_chunk(session, chunk, run, state, confirm_names, staff,
                                       batch_id, actor, now, changes)
                index += len(chunk)
                if time.monotonic() - started >= batch_seconds:
                    break
            created_citizens = state.created
            done = index >= total
            batch_row = queries.batch(session, batch_id)
            assert batch_row is not None
            batch_row.visits_created = index
            batch_row.citizens_created = created_citizens
            if done:
                repo.add_audit(session, at=now, actor=actor.name, action="import",
                               entity="legacy_batch", entity_id=batch_id,
                               after={"file": run.file_name, "sha256": run.file_sha256,
                                      "sheet": run.sheet, "visits": index,
                                      "citizens_created": created_citizens,
                                      "citizens_linked": linked,
                                      "rows_skipped": len(run.bad_rows)})
        if progress is not None:
            progress(index, total)
        if done:
            return ImportOutcome(batch_id, index, created_citizens, linked,
                                 len(run.bad_rows)), changes
        time.sleep(pause)


@dataclass
class _Written:
    """What the batches of one import have written so far."""

    citizens: dict[str, int] = field(default_factory=dict)  # person key → registry id
    next_seq: dict[int, int] = field(default_factory=dict)  # year → next (negative) STT
    created: int = 0


def _write_chunk(session: Session, chunk: list[LegacyVisit], run: DryRun, state: _Written,
                 confirm_names: bool | set[int], staff: int, batch_id: int, actor: Actor,
                 now: datetime, changes: Changes) -> int:
    """Write ``chunk``: its new registry records in one statement, then its visits in one, each
    with its audit row. Returns how many rows were linked to existing registry records."""
    linked = 0
    fresh: dict[str, LegacyVisit] = {}
    for row in chunk:
        key = person_key(row)
        if key in state.citizens or key in fresh:
            continue
        match = run.matches.get(row.row, CitizenMatch("new"))
        confirmed = match.how == "id" or (match.how == "name" and (
            confirm_names is True or (isinstance(confirm_names, set)
                                      and row.row in confirm_names)))
        if confirmed and match.citizen_id is not None:
            state.citizens[key] = match.citizen_id
            linked += 1
        else:
            fresh[key] = row
    new_ids = queries.insert_citizens(session, [_citizen_values(r, now) for r in fresh.values()])
    for key, citizen_id in zip(fresh, new_ids, strict=True):
        state.citizens[key] = citizen_id
        changes.citizens.add(citizen_id)
        # The batch named: its undo finds the records it made (``_orphans``).
        repo.add_audit(session, at=now, actor=actor.name, action="import", entity="citizen",
                       entity_id=citizen_id, after={"legacy_batch": batch_id})
    state.created += len(fresh)
    values = []
    for row in chunk:
        year = row.reception_date.year if row.reception_date else 0
        if year not in state.next_seq:
            state.next_seq[year] = queries.lowest_seq(session, year) - 1
        values.append(_visit_values(row, state.citizens[person_key(row)], staff, batch_id,
                                    state.next_seq[year], actor, now))
        state.next_seq[year] -= 1
    for visit_id in queries.insert_visits(session, values):
        changes.visits.add(visit_id)
        repo.add_audit(session, at=now, actor=actor.name, action="import", entity="visit",
                       entity_id=visit_id)
    return linked


def _staff(session: Session, staff_id: int | None, actor: Actor) -> int:
    chosen = staff_id if staff_id is not None else actor.staff_id
    if chosen is not None and queries.staff_exists(session, chosen):
        return chosen
    if staff_id is not None:
        raise UserError("legacy.staff_unknown", id=staff_id)
    found = queries.first_active_staff(session)
    if found is None:
        raise UserError("legacy.no_staff")
    return found


def _citizen_values(row: LegacyVisit, now: datetime) -> dict[str, Any]:
    return {"uid": str(uuid.uuid4()), "full_name": row.citizen_name,
            "name_key": fold(row.citizen_name), "id_doc_type": row.id_doc_type.value,
            "id_number": row.id_number, "id_issue_place": "", "phone": "",
            "address_detail": row.address[:500], "address": row.address,
            "created_at": now, "updated_at": now, "version": 1}


def _visit_values(row: LegacyVisit, citizen_id: int, staff_id: int, batch_id: int, seq: int,
                  actor: Actor, now: datetime) -> dict[str, Any]:
    assert row.reception_date is not None and row.petition_type is not None
    return {
        "uid": str(uuid.uuid4()), "year": row.reception_date.year, "seq": seq,
        "received_at": _received_at(row.reception_date), "reception_date": row.reception_date,
        "kind": "regular", "receiving_staff_id": staff_id, "presiding_leader_id": None,
        "citizen_id": citizen_id, "citizen_name": row.citizen_name,
        "citizen_name_key": fold(row.citizen_name), "id_doc_type": row.id_doc_type.value,
        "id_number": row.id_number, "id_override_reason": "", "address": row.address,
        "phone": "", "people_count": row.people_count, "content": row.content,
        "content_key": fold(row.content), "petition_type": row.petition_type.value,
        "field_code": row.field_code, "prior_bodies": row.prior_bodies,
        "within_competence": row.within_competence, "direction": row.direction.value,
        "target_body": row.target_body, "target_doc_number": "", "follow_up": row.follow_up,
        "notes": row.notes, "case_id": None, "delegation": False, "representatives": 0,
        "incident": False, "incident_note": "", "voided_at": None, "void_reason": "",
        "voided_by": "", "created_at": now, "created_by": actor.name, "updated_at": now,
        "version": 1, "legacy_batch_id": batch_id, "legacy_stt": row.stt[:40] or None,
        "legacy_year": row.reception_date.year,
    }


def undo(db: Database, batch_id: int, actor: Actor, now: datetime
         ) -> tuple[UndoOutcome, Changes]:
    """Void every visit ``batch_id`` created and the registry records that exist only because
    of it (``_orphans``), each with its audit row, and mark it undone.
    ``legacy.batch_unknown`` / ``legacy.batch_undone``."""
    with db.session() as session:
        long_statements(session)
        batch = queries.batch(session, batch_id)
        if batch is None:
            raise UserError("legacy.batch_unknown", batch=batch_id)
        if batch.undone_at is not None:
            raise UserError("legacy.batch_undone", batch=batch_id)
        # Marked first: on SQLite this write takes the database's write lock, so nothing can
        # give the records voided below a visit or a case before this transaction ends
        # (PostgreSQL: ``_orphans`` locks them).
        batch.undone_at, batch.undone_by = now, actor.name
        session.flush()
        ids = queries.live_visits_of_batch(session, batch_id)
        reason = UNDO_REASON.format(batch=batch_id)
        queries.void_visits(session, ids, now, reason, actor.name)
        for visit_id in ids:
            repo.add_audit(session, at=now, actor=actor.name, action="void", entity="visit",
                           entity_id=visit_id, before={"voided_at": None},
                           after={"voided_at": now.isoformat(), "void_reason": reason})
        orphans = _orphans(session, batch_id)
        queries.void_citizens(session, orphans, now, reason, actor.name)
        for citizen_id in orphans:
            repo.add_audit(session, at=now, actor=actor.name, action="void", entity="citizen",
                           entity_id=citizen_id, before={"voided_at": None},
                           after={"voided_at": now.isoformat(), "void_reason": reason,
                                  "legacy_batch": batch_id})
        repo.add_audit(session, at=now, actor=actor.name, action="undo_import",
                       entity="legacy_batch", entity_id=batch_id,
                       after={"visits_voided": len(ids), "citizens_voided": len(orphans)})
    return (UndoOutcome(batch_id, len(ids), len(orphans)),
            Changes(visits=set(ids), citizens=set(orphans)))


def _orphans(session: Session, batch_id: int) -> list[int]:
    """The registry records to void with ``batch_id``: named by its visits, created by it (or
    by an import undone before, whose record this one had linked), neither merged away nor
    voided, and held by nothing else (``queries.held_citizens``). A record that existed before
    the import, or got a visit, a group membership, a case, an issued document or an attached
    file since, stays."""
    named = queries.citizens_of_batch(session, batch_id)
    if not named:
        return []
    batches = {b.id: b for b in queries.batches(session) if b.id is not None}
    undone = {i for i, b in batches.items() if i == batch_id or b.undone_at is not None}
    # Imports written before their audit rows named the batch: the batch of the same moment.
    by_moment = {as_utc(b.imported_at): i for i, b in batches.items()}
    made = set()
    for citizen_id, at, after in queries.citizen_imports(session, named):
        creator = (after.get("legacy_batch") if isinstance(after, dict)
                   else by_moment.get(as_utc(at)))
        if creator in undone:
            made.add(citizen_id)
    live = queries.lock_live_citizens(session, made)
    held = queries.held_citizens(session, live)
    return [c for c in live if c not in held]


def list_batches(db: Database) -> list[BatchDTO]:
    with db.read() as session:
        return [BatchDTO(b.id or 0, b.file_name, b.sheet, b.imported_at, b.imported_by,
                         b.rows_read, b.visits_created, b.citizens_created, b.rows_skipped,
                         b.undone_at, b.undone_by) for b in queries.batches(session)]
