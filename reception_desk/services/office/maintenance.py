"""Database health: integrity, foreign keys, migration head, gapless logbook numbering."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, OperationalError

from reception_desk.errors import KnownError
from reception_desk.services.office.dto import Finding
from reception_desk.services.office.integrity import check_record
from reception_desk.storage.database import Database, schema_state


def check_database(db: Database, progress: Callable[[int, int], None] | None = None
                   ) -> list[Finding]:
    """Every problem found; an empty list means the database is healthy."""
    findings: list[Finding] = []
    try:
        state = schema_state(db.engine)
    except KnownError as exc:  # damaged, or not ours: reported, not raised
        return [Finding("check.unreadable", {"detail": str(exc.params.get("detail") or exc)})]
    if not state.known:
        return [Finding("check.too_new", {"revision": state.current, "head": state.head})]
    if not state.up_to_date:
        findings.append(
            Finding("check.not_migrated", {"revision": state.current, "head": state.head})
        )
        return findings
    try:
        _storage_checks(db, findings)
    except (DatabaseError, OperationalError) as exc:
        findings.append(Finding("check.unreadable", {"detail": str(exc.orig or exc)}))
    # The chain, every record against its last audited state, and the numbering of the
    # logbook, the case register and the issued documents (services/office/integrity.py).
    findings.extend(check_record(db, progress))
    return findings


def _storage_checks(db: Database, findings: list[Finding]) -> None:
    with db.engine.connect() as conn:
        if db.backend == "sqlite":
            for (message,) in conn.exec_driver_sql("PRAGMA integrity_check"):
                if message != "ok":
                    findings.append(Finding("check.integrity", {"detail": message}))
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                findings.append(
                    Finding(
                        "check.foreign_key", {"table": row[0], "rowid": row[1], "parent": row[2]}
                    )
                )
        else:
            # PostgreSQL enforces foreign keys itself; look for invalid (NOT VALID) ones.
            for (name,) in conn.execute(
                text("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")
            ):
                findings.append(Finding("check.foreign_key", {"table": name}))
