"""Database health: integrity, foreign keys, migration head, gapless logbook numbering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlmodel import col

from reception_desk.storage.counters import VISIT_STT
from reception_desk.storage.database import Database, schema_state
from reception_desk.storage.models import Counter, Visit


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
        stmt = (
            select(
                col(Visit.year), func.count(), func.min(col(Visit.seq)), func.max(col(Visit.seq))
            )
            .group_by(col(Visit.year))
            .order_by(col(Visit.year))
        )
        last_values = {(c.scope, c.year): c.last_value for c in conn.execute(select(Counter))}
        for year, count, low, high in conn.execute(stmt):
            if low != 1 or high != count:
                findings.append(
                    Finding("check.stt_gap", {"year": year, "count": count, "max": high})
                )
            if last_values.get((VISIT_STT, year), 0) < high:
                findings.append(Finding("check.counter_behind", {"year": year, "max": high}))
    return findings
