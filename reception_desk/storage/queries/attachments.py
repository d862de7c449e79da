"""Attachments and their content-addressed blobs: rows, lists, and the bytes in chunks.

A blob's bytes never need to sit in memory whole on SQLite: they are written into a
``zeroblob`` and read back through SQLite's incremental blob I/O (``blobopen``), a chunk at a
time. PostgreSQL has no incremental write for ``bytea``: the bytes are sent in one parameter
(one copy in memory), and read back in chunks with ``substring`` (the column is stored
uncompressed out of line, migration 0008, so a chunk costs only its own pages).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import Attachment
from reception_desk.storage.models import AttachmentBlob
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Visit

CHUNK = 1 << 20  # 1 MiB: what is in memory at a time while a blob streams


class BlobSizeChanged(Exception):
    """The bytes handed to ``put_blob`` were not as many as announced (the file changed)."""


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    size: int
    media_type: str


def _raw_sqlite(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _rowid(conn: Connection, sha256: str) -> int | None:
    found = conn.execute(text("SELECT rowid FROM attachment_blob WHERE sha256 = :s"),
                         {"s": sha256}).scalar()
    return None if found is None else int(found)


# --- blobs ------------------------------------------------------------------------------------


def blob(session: Session, sha256: str) -> BlobInfo | None:
    row = session.execute(select(col(AttachmentBlob.size), col(AttachmentBlob.media_type))
                          .where(col(AttachmentBlob.sha256) == sha256)).first()
    return None if row is None else BlobInfo(sha256, int(row[0]), str(row[1]))


def put_blob(session: Session, *, sha256: str, size: int, media_type: str,
             created_at: datetime, chunks: Iterable[bytes]) -> str:
    """Store a new blob from ``chunks`` (``size`` bytes in all); returns the SHA-256 of what
    was written, for the caller to compare with ``sha256`` before it commits.

    Raises ``BlobSizeChanged`` if the chunks hold more or fewer bytes than ``size``.
    """
    conn = session.connection()
    table = AttachmentBlob.__table__  # type: ignore[attr-defined]
    digest = hashlib.sha256()
    if conn.dialect.name == "sqlite":
        conn.execute(insert(table).values(sha256=sha256, size=size, media_type=media_type,
                                          content=func.zeroblob(size), created_at=created_at))
        rowid = _rowid(conn, sha256)
        assert rowid is not None
        written = 0
        with _raw_sqlite(conn).blobopen("attachment_blob", "content", rowid) as target:
            for chunk in chunks:
                if written + len(chunk) > size:
                    raise BlobSizeChanged
                target.write(chunk)
                digest.update(chunk)
                written += len(chunk)
        if written != size:
            raise BlobSizeChanged
        return digest.hexdigest()
    content = bytearray()
    for chunk in chunks:
        if len(content) + len(chunk) > size:
            raise BlobSizeChanged
        content += chunk
        digest.update(chunk)
    if len(content) != size:
        raise BlobSizeChanged
    # Two counters attaching the same new scan at once: the second finds the first's blob (the
    # same bytes, by their hash) and inserts nothing. (SQLite writers are serialised already.)
    from sqlalchemy.dialects.postgresql import insert as pg_insert  # issue 17: when used

    conn.execute(pg_insert(table).values(sha256=sha256, size=size, media_type=media_type,
                                         content=content, created_at=created_at)
                 .on_conflict_do_nothing(index_elements=["sha256"]))
    return digest.hexdigest()


def blob_chunks(conn: Connection, sha256: str) -> Iterator[bytes]:
    """The bytes of a blob, ``CHUNK`` at a time (nothing when it is missing)."""
    if conn.dialect.name == "sqlite":
        rowid = _rowid(conn, sha256)
        if rowid is None:
            return
        with _raw_sqlite(conn).blobopen("attachment_blob", "content", rowid,
                                        readonly=True) as source:
            while chunk := source.read(CHUNK):
                yield chunk
        return
    start = 1
    while True:
        found = conn.execute(
            text("SELECT substring(content FROM :start FOR :n) FROM attachment_blob "
                 "WHERE sha256 = :s"), {"start": start, "n": CHUNK, "s": sha256}).scalar()
        if not found:
            return
        piece = bytes(found)
        yield piece
        if len(piece) < CHUNK:
            return
        start += len(piece)


def content(session: Session, sha256: str) -> Iterator[bytes]:
    """``blob_chunks`` in the unit of work's transaction."""
    return blob_chunks(session.connection(), sha256)


@dataclass(frozen=True)
class StoredBlob:
    """A blob as the check finds it: its key and size as recorded, what its bytes hash to."""

    sha256: str
    size: int
    digest: str  # "" when the bytes could not be read as bytes
    actual_size: int


def iter_blob_digests(conn: Connection) -> Iterator[StoredBlob]:
    """Every blob, its bytes rehashed chunk by chunk (the check: a blob must hash to its key)."""
    keys = [(str(k), int(n or 0)) for k, n in conn.execute(
        text("SELECT sha256, size FROM attachment_blob ORDER BY sha256"))]
    for key, size in keys:
        digest = hashlib.sha256()
        length = 0
        try:
            for chunk in blob_chunks(conn, key):
                digest.update(chunk)
                length += len(chunk)
        except (sqlite3.Error, TypeError):  # content made NULL or a non-blob by hand
            yield StoredBlob(key, size, "", 0)
            continue
        yield StoredBlob(key, size, digest.hexdigest(), length)


def attachments_without_blob(conn: Connection) -> list[int]:
    """Attachment rows whose blob is gone (only possible with foreign keys switched off)."""
    return [int(i) for (i,) in conn.execute(text(
        "SELECT a.id FROM attachment a LEFT JOIN attachment_blob b "
        "ON b.sha256 = a.blob_sha256 WHERE b.sha256 IS NULL ORDER BY a.id"))]


def attachment_ids_of_blob(conn: Connection, sha256: str) -> list[int]:
    return [int(i) for (i,) in conn.execute(
        text("SELECT id FROM attachment WHERE blob_sha256 = :s ORDER BY id"), {"s": sha256})]


def blob_count(conn: Connection) -> int:
    return int(conn.execute(text("SELECT count(*) FROM attachment_blob")).scalar_one())


# --- attachment rows --------------------------------------------------------------------------


def add(session: Session, row: Attachment) -> Attachment:
    session.add(row)
    session.flush()
    return row


def attachment(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def _listed(session: Session, where: Any) -> list[tuple[Attachment, int, str]]:
    stmt = (select(Attachment, col(AttachmentBlob.size), col(AttachmentBlob.media_type))
            .join(AttachmentBlob, col(AttachmentBlob.sha256) == col(Attachment.blob_sha256),
                  isouter=True)
            .where(where)
            .order_by(col(Attachment.added_at), col(Attachment.id)))
    return [(row, int(size or 0), str(media or "")) for row, size, media in session.execute(stmt)]


def of_visit(session: Session, visit_id: int) -> list[tuple[Attachment, int, str]]:
    """A visit's attachments (voided ones too), oldest first, with blob size and media type."""
    return _listed(session, col(Attachment.visit_id) == visit_id)


def of_case(session: Session, case_id: int) -> list[tuple[Attachment, int, str]]:
    """A case's own attachments and those of the visits linked to it, oldest first."""
    visits = select(col(Visit.id)).where(col(Visit.case_id) == case_id)
    return _listed(session, or_(col(Attachment.case_id) == case_id,
                                col(Attachment.visit_id).in_(visits)))


def same_on_record(session: Session, sha256: str, visit_id: int | None,
                   case_id: int | None) -> Attachment | None:
    """The attachment in force of these bytes on this visit (or case), if there is one."""
    stmt = select(Attachment).where(col(Attachment.blob_sha256) == sha256,
                                    col(Attachment.voided_at).is_(None))
    if visit_id is not None:
        stmt = stmt.where(col(Attachment.visit_id) == visit_id)
    else:
        stmt = stmt.where(col(Attachment.case_id) == case_id,
                          col(Attachment.visit_id).is_(None))
    return session.scalars(stmt.limit(1)).first()


def case_people(session: Session, case_id: int) -> list[tuple[str, str]]:
    """(name, ID number) of each citizen linked to a case."""
    stmt = (select(col(Citizen.full_name), col(Citizen.id_number))
            .join(CaseCitizen, col(CaseCitizen.citizen_id) == col(Citizen.id))
            .where(col(CaseCitizen.case_id) == case_id))
    return [(str(n), str(i or "")) for n, i in session.execute(stmt)]
