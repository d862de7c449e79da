"""Database health: integrity, foreign keys, migration head, gapless logbook numbering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reception_desk.storage.counters import VISIT_STT
from reception_desk.storage.database import Database, missing_tables, schema_state
from reception_desk.storage.queries import office as health


@dataclass(frozen=True)
class Finding:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def check_database(db: Database) -> list[Finding]:
    """Every problem found; an empty list means the database is healthy."""
    findings: list[Finding] = []
    state = schema_state(db.engine)
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
    with db.engine.connect() as conn:
        if db.backend == "sqlite":
            findings += [Finding("check.integrity", {"detail": message})
                         for message in health.integrity_problems(conn)]
            findings += [Finding("check.foreign_key", {"table": table, "rowid": rowid,
                                                       "parent": parent})
                         for table, rowid, parent in health.foreign_key_violations(conn)]
        else:
            findings += [Finding("check.foreign_key", {"table": name})
                         for name in health.unvalidated_foreign_keys(conn)]
        last_values = health.counter_values(conn)
        for year, count, low, high in health.stt_per_year(conn):
            if low != 1 or high != count:
                findings.append(
                    Finding("check.stt_gap", {"year": year, "count": count, "max": high})
                )
            if last_values.get((VISIT_STT, year), 0) < high:
                findings.append(Finding("check.counter_behind", {"year": year, "max": high}))
    return findings
