"""Queries of issued documents: look-ups by visit, number and verification code."""

from __future__ import annotations

from sqlalchemy import and_
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.queries.search import is_sqlite


def take_write_lock(session: Session) -> None:
    """On SQLite, take the write lock before the first read of the unit of work.

    A deferred SQLite transaction that reads and then writes cannot wait for a concurrent
    writer (SQLITE_BUSY at once, busy_timeout not applied); a first write statement waits
    politely. PostgreSQL locks the counter row itself (``counters.next_counter_value``).
    """
    if is_sqlite(session):
        session.execute(text("UPDATE counter SET last_value = last_value WHERE 1 = 0"))


def code_taken(session: Session, code: str) -> bool:
    return session.scalar(select(col(IssuedDocument.id)).where(
        col(IssuedDocument.verification_code) == code)) is not None


def with_code(session: Session, code: str) -> IssuedDocument | None:
    return session.scalars(select(IssuedDocument).where(
        col(IssuedDocument.verification_code) == code)).first()


def latest_for_visit(session: Session, visit_id: int, doc_type: str) -> IssuedDocument | None:
    """The visit's last document of this type."""
    return session.scalars(
        select(IssuedDocument)
        .where(and_(col(IssuedDocument.visit_id) == visit_id,
                    col(IssuedDocument.doc_type) == doc_type))
        .order_by(col(IssuedDocument.id).desc())
        .limit(1)
    ).first()


def for_visit(session: Session, visit_id: int) -> list[IssuedDocument]:
    """Documents issued for a visit, oldest first."""
    return list(session.scalars(select(IssuedDocument).where(
        col(IssuedDocument.visit_id) == visit_id).order_by(col(IssuedDocument.id))))


def numbered(session: Session, doc_type: str, number: int, year: int) -> IssuedDocument | None:
    return session.scalars(select(IssuedDocument).where(and_(
        col(IssuedDocument.doc_type) == doc_type,
        col(IssuedDocument.year) == year,
        col(IssuedDocument.number) == number,
    ))).first()
