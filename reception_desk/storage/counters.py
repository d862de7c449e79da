"""Gapless per-year numbering: the logbook STT, case numbers and document numbers.

Each numbered thing has a counter row (``counter`` table: scope, year, last value) bumped inside
the transaction that saves the thing, so two counters saving at once never share a number and a
rolled-back save leaves no gap (the STT of the paper logbook must run 1, 2, 3 … each year).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from reception_desk.storage.models import Counter

#: The logbook's STT (số thứ tự), per year of the reception day.
VISIT_STT = "visit"
#: Case numbers ("12/2026"), per year of receipt.
CASE_NUMBER = "case"


def document_scope(doc_type: str) -> str:
    """The counter of one kind of document ("receipt", "refusal" …): "Số: 15/BN-UBND"."""
    return f"doc:{doc_type}"


def _bump_statement(dialect: str) -> Insert:
    insert: Callable[[Any], Any] = sqlite.insert
    if dialect == "postgresql":  # issue 17: SQLAlchemy's PostgreSQL dialect only when used
        from sqlalchemy.dialects import postgresql

        insert = postgresql.insert
    table = Counter.__table__  # type: ignore[attr-defined]
    stmt: Insert = (
        insert(table)
        .values(scope=bindparam("scope"), year=bindparam("year"), last_value=1)
        .on_conflict_do_update(
            index_elements=[table.c.scope, table.c.year],
            set_={"last_value": table.c.last_value + 1},
        )
        .returning(table.c.last_value)
    )
    return stmt


#: The bump, built once per dialect (a statement built per save cost more than running it).
_BUMPS: dict[str, Insert] = {}


def next_counter_value(session: Session, scope: str, year: int) -> int:
    """Bump and return a gapless per-year counter, atomically, inside the caller's transaction.

    An upsert with RETURNING takes the row lock (PostgreSQL) or the write lock (SQLite), so two
    counters saving at once never get the same number, and a rolled-back save leaves no gap.
    """
    dialect = session.get_bind().dialect.name
    stmt = _BUMPS.get(dialect)
    if stmt is None:
        stmt = _BUMPS[dialect] = _bump_statement(dialect)
    return int(session.execute(stmt, {"scope": scope, "year": year}).scalar_one())


def raise_counter_to(session: Session, scope: str, year: int, value: int) -> None:
    """Make sure the counter is at least ``value`` (after an import of numbered records)."""
    row = session.get(Counter, (scope, year))
    if row is None:
        session.add(Counter(scope=scope, year=year, last_value=value))
    elif row.last_value < value:
        row.last_value = value
