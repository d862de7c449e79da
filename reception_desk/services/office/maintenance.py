"""Database health: integrity, foreign keys, migration head, gapless logbook numbering."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from reception_desk.errors import KnownError
from reception_desk.services.office.dto import Finding
from reception_desk.services.office.integrity import check_record
from reception_desk.storage.database import Database
from reception_desk.storage.database import DatabaseFault
from reception_desk.storage.database import missing_tables
from reception_desk.storage.database import schema_state
from reception_desk.storage.queries import office as health


def check_database(db: Database, progress: Callable[[int, int], None] | None = None,
                   full: bool = False) -> list[Finding]:
    """Every problem found; an empty list means the database is healthy. SQLite's file is
    checked with ``PRAGMA quick_check`` unless ``full`` (``integrity_check``: also every index
    against its table; see ``storage.queries.office.integrity_problems``)."""
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
    missing = missing_tables(db.engine)
    if missing:  # the queries below would fail on them: report, do not crash
        return [Finding("check.table_missing", {"table": name}) for name in missing]
    # The chain, every record against its last audited state, and the numbering of the
    # logbook, the case register and the issued documents (services/office/integrity.py).
    # SQLite's own checks of a file run meanwhile on a connection of their own: they read pages
    # in C without holding the interpreter (quick_check and foreign keys: 10 s of a million
    # visits), while the chain is hashed in Python.
    if db.backend == "sqlite" and (db.engine.url.database or ":memory:") != ":memory:":
        with ThreadPoolExecutor(1, thread_name_prefix="sqlite-check") as pool:
            storage = pool.submit(_storage_findings, db, full)
            chain = check_record(db, progress)
            findings += storage.result()
    else:
        findings += _storage_findings(db, full)
        chain = check_record(db, progress)
    return findings + chain


def _storage_findings(db: Database, full: bool) -> list[Finding]:
    findings: list[Finding] = []
    try:
        _storage_checks(db, findings, full)
    except DatabaseFault as exc:
        findings.append(Finding("check.unreadable", {"detail": str(exc.orig or exc)}))
    return findings


def _storage_checks(db: Database, findings: list[Finding], full: bool) -> None:
    with db.engine.connect() as conn:
        if db.backend == "sqlite":
            findings += [Finding("check.integrity", {"detail": message})
                         for message in health.integrity_problems(conn, full)]
            findings += [Finding("check.foreign_key", {"table": table, "rowid": rowid,
                                                       "parent": parent})
                         for table, rowid, parent in health.foreign_key_violations(conn)]
        else:
            findings += [Finding("check.foreign_key", {"table": name})
                         for name in health.unvalidated_foreign_keys(conn)]
