"""Importing a logbook while counters save: checked first, then written in short batches.

A single transaction for a whole file held the SQLite write lock for minutes (20,000 visits: 96 s
and more), and a counter saving meanwhile failed. Here the file is first checked against the
database in a read-only transaction (it blocks no counter: every refusal the write would meet —
a number another record holds, a reference to nothing — is found and the file refused naming
every bad line, nothing written). Then the records are written in batches of at most
``BATCH_SECONDS`` (0.5 s) of work, each its own transaction with its records' audit rows and
counters raised past its numbers, with a pause between batches long enough for a waiting counter's
busy handler (it polls every 100 ms at most) to take the lock: a counter waits about one batch.

The file's numbers (STTs, case and document numbers) are reserved in the first batch: the
counters move past the highest the file holds before any record is written, so a counter saving
meanwhile never takes a number a later batch writes. An import stopped half way leaves them
reserved (``check`` then reports the counter ahead) until the same file is imported again.

The import is idempotent (records are matched by their natural key), so an import stopped half
way — a counter took a number the file holds between the check and the write, the disk filled,
the user cancelled — is completed by importing the same file again: what was written is
recognised, not duplicated.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.exchange import jsonl
from reception_desk.storage import counters
from reception_desk.storage.database import Database
from reception_desk.storage.database import long_statements

#: Work per write transaction (seconds): what a counter that must wait waits, at most, plus the
#: commit.
BATCH_SECONDS = 0.5
#: Pause between batches: longer than SQLite's longest busy-handler sleep (100 ms), so a
#: counter waiting for the lock gets it before the next batch starts.
PAUSE_SECONDS = 0.12

Records = list[tuple[int, dict[str, Any]]]


def check_against(db: Database, records: Records) -> None:
    """Refuse the file (``import.invalid``, every bad line) if writing it would meet a refusal;
    reads only."""
    errors: list[dict[str, Any]] = []
    with db.read() as session:
        long_statements(session)
        dry = jsonl.importer(session, dry=True)
        audited: set[tuple[str, int]] = set()
        for line, rec in records:
            if not jsonl.write_record(dry, line, rec, audited, errors):
                break
        jsonl.resolve_pending(dry, audited, errors)
    if errors:
        raise UserError("import.invalid", errors=errors)


def import_batches(
    db: Database,
    records: Records,
    actor: Actor,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_seconds: float = BATCH_SECONDS,
    pause: float = PAUSE_SECONDS,
) -> tuple[jsonl.ImportReport, Changes]:
    """Check ``records`` against the database, then write them in batches (module docstring).

    A refusal met while writing (another counter took a number meanwhile) stops the import with
    ``import.interrupted``: the batches before stay written, that batch is rolled back.
    ``cancelled`` is asked between batches (``import.cancelled``, same guarantee).
    """
    check_against(db, records)
    total = len(records)
    index = 0
    importer: Any = None
    numbers: dict[tuple[str, int], int] = {}
    for _line, rec in records:
        held = jsonl.numbers_of(rec)
        if held is not None:
            numbers[held[:2]] = max(numbers.get(held[:2], 0), held[2])
    while True:
        if cancelled is not None and cancelled():
            raise KnownError("import.cancelled", written=index, total=total)
        errors: list[dict[str, Any]] = []
        audited: set[tuple[str, int]] = set()
        with db.session() as session:
            long_statements(session)
            if importer is None:
                importer = jsonl.importer(session)
                for (scope, year), last in numbers.items():  # reserved: see the docstring
                    counters.raise_counter_to(session, scope, year, last)
            importer.session = session
            started = time.monotonic()
            first = index
            while index < total and (index == first
                                     or time.monotonic() - started < batch_seconds):
                line, rec = records[index]
                jsonl.write_record(importer, line, rec, audited, errors)
                index += 1
                if errors:
                    break
            done = index >= total and not errors
            if done:
                jsonl.resolve_pending(importer, audited, errors)
            if errors:
                raise UserError("import.interrupted", written=first, total=total,
                                errors=errors)
            if done:
                jsonl.finish(importer, audited, actor, now)
            else:
                jsonl.audit_written(importer, audited, actor, now)
        if progress is not None:
            progress(index, total)
        if done:
            return importer.report, importer.changes
        time.sleep(pause)
