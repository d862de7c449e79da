"""Use cases of attached files: add from a file, list for a visit or a case, open, void.

Rights (``domain.access``): adding to a visit needs ``LOG_VISITS``, to a case
``MANAGE_CASES``; voiding needs ``EDIT_VISITS`` (a visit's file) or ``MANAGE_CASES`` (a case's);
listing needs ``VIEW_RECORDS``. Whether a file may be opened is ``attachment_access``: a
denunciation's files, while the denouncer has not waived secrecy, only by a role that may reveal
the denouncer, with a reason, logged like a reveal (``identity_reveal`` and an audit row).

A file is read twice and never held whole: once to hash it (is it stored already?), once to
stream it into the database, hashing again; if the two hashes differ (the scanner was still
writing) nothing is stored. Every add and void writes an audit row about the attachment, whose
snapshot covers its row and its blob key (storage/audit_chain.py).
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import AttachmentAccess
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import attachment_access
from reception_desk.domain.attachments import check_size
from reception_desk.domain.attachments import clean_file_name
from reception_desk.domain.attachments import masked_file_name
from reception_desk.domain.secrecy import check_reason
from reception_desk.domain.secrecy import person_key
from reception_desk.domain.text import clean_line
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.errors import file_error
from reception_desk.services.access.secrecy import DENUNCIATION
from reception_desk.services.access.secrecy import sender_is_secret
from reception_desk.services.access.users import authorise
from reception_desk.services.attachments.dto import AttachmentDTO
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Attachment
from reception_desk.storage.queries import attachments as q
from reception_desk.storage.queries import users as records

CHUNK = q.CHUNK
VOID_REASON_MAX = 500


# --- confidentiality ----------------------------------------------------------------------------

class _Secrecy:
    """Whether each record's files are confidential, asked once per record."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._visits: dict[int, bool] = {}
        self._cases: dict[int, bool] = {}

    def visit(self, visit_id: int) -> bool:
        if visit_id not in self._visits:
            self._visits[visit_id] = sender_is_secret(self._session, visit_id)
        return self._visits[visit_id]

    def case(self, case_id: int) -> bool:
        """A denunciation case's own files are confidential unless every citizen linked to it
        has waived secrecy (no linked citizen: confidential, the safe side)."""
        if case_id not in self._cases:
            case = records.case_file(self._session, case_id)
            secret = False
            if case is not None and case.case_type == DENUNCIATION:
                waived = {w.person_key for w in records.active_waivers_of_case(self._session,
                                                                               case_id)}
                people = q.case_people(self._session, case_id)
                secret = not people or any(person_key(n, i) not in waived for n, i in people)
            self._cases[case_id] = secret
        return self._cases[case_id]

    def of(self, row: Attachment) -> bool:
        secret = False
        if row.visit_id is not None:
            secret = self.visit(row.visit_id)
        if row.case_id is not None:
            secret = secret or self.case(row.case_id)
        return secret


def _dto(row: Attachment, size: int, media_type: str, confidential: bool,
         viewer: Principal) -> AttachmentDTO:
    assert row.id is not None
    access = attachment_access(viewer.permissions, confidential)
    can_open = access is AttachmentAccess.OPEN
    return AttachmentDTO(
        id=row.id, visit_id=row.visit_id, case_id=row.case_id,
        file_name=row.file_name if can_open else masked_file_name(row.file_name),
        size=size, media_type=media_type, sha256=row.blob_sha256, added_at=row.added_at,
        added_by=row.added_by, confidential=confidential, can_open=can_open,
        voided_at=row.voided_at, void_reason=row.void_reason, voided_by=row.voided_by)


# --- reading a file -----------------------------------------------------------------------------

def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            for chunk in _chunks(handle):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise file_error(exc, path, writing=False) from exc
    return digest.hexdigest(), size


def media_type_of(name: str) -> str:
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


def _size_of(path: Path) -> int:
    try:
        if path.is_dir():
            raise KnownError("file.is_folder", path=str(path))
        return path.stat().st_size
    except OSError as exc:
        raise file_error(exc, path, writing=False) from exc


# --- use cases ----------------------------------------------------------------------------------

def add_file(session: Session, actor: Actor, path: Path, *, visit_id: int | None = None,
             case_id: int | None = None, name: str | None = None, limit_mb: int,
             now: datetime) -> tuple[AttachmentDTO, Changes]:
    """Attach the file at ``path`` to a visit or (without a visit) to a case.

    The same bytes already stored are reused (one blob); the same bytes already attached to
    this record (and not voided) are refused (``attachment.already_attached``).
    """
    require_aware(now)
    if (visit_id is None) == (case_id is None):
        raise ValueError("attach to a visit or to a case")
    needed = Permission.LOG_VISITS if visit_id is not None else Permission.MANAGE_CASES
    viewer = authorise(session, actor.principal, needed)
    if visit_id is not None:
        visit = records.visit(session, visit_id)
        if visit is None:
            raise UserError("attachment.record_not_found", kind="visit", id=visit_id)
        if visit.voided_at is not None:
            raise UserError("attachment.visit_voided")
    elif records.case_file(session, case_id or 0) is None:
        raise UserError("attachment.record_not_found", kind="case", id=case_id)
    file_name = clean_file_name(name if name is not None else path.name)
    check_size(_size_of(path), limit_mb)
    sha256, size = _hash_file(path)
    check_size(size, limit_mb)  # the file may have grown since it was measured
    existing = q.same_on_record(session, sha256, visit_id, case_id)
    if existing is not None:
        raise UserError("attachment.already_attached", name=existing.file_name)
    stored = q.blob(session, sha256)
    media_type = stored.media_type if stored else media_type_of(file_name)
    if stored is None:
        try:
            with path.open("rb") as handle:
                written = q.put_blob(session, sha256=sha256, size=size, media_type=media_type,
                                     created_at=now, chunks=_chunks(handle))
        except OSError as exc:
            raise file_error(exc, path, writing=False) from exc
        except q.BlobSizeChanged:
            written = ""
        if written != sha256:  # rolled back by the unit of work: nothing half-stored
            raise KnownError("attachment.file_changed", path=str(path))
    row = q.add(session, Attachment(visit_id=visit_id, case_id=case_id, blob_sha256=sha256,
                                    file_name=file_name, added_at=now,
                                    added_by=actor.name))
    assert row.id is not None
    confidential = _Secrecy(session).of(row)
    # The audit trail is read by roles that may not see a denouncer: a name, often the
    # denouncer's own, stays out of it (the row itself holds it, and its snapshot covers it).
    repo.add_audit(session, at=now, actor=actor.name, action="attachment_added",
                   entity="attachment", entity_id=row.id,
                   after={"visit_id": visit_id, "case_id": case_id, "sha256": sha256,
                          "file_name": masked_file_name(file_name) if confidential
                          else file_name,
                          "size": size, "media_type": media_type,
                          "reused": stored is not None, "confidential": confidential})
    return _dto(row, size, media_type, confidential, viewer), _changes(row)


def _changes(row: Attachment) -> Changes:
    return Changes(visits={row.visit_id} if row.visit_id is not None else set(),
                   cases={row.case_id} if row.case_id is not None else set())


def list_for_visit(session: Session, principal: Principal | None,
                   visit_id: int) -> list[AttachmentDTO]:
    return _listed(session, principal, q.of_visit, visit_id)


def list_for_case(session: Session, principal: Principal | None,
                  case_id: int) -> list[AttachmentDTO]:
    """The case's own files and those of its visits."""
    return _listed(session, principal, q.of_case, case_id)


def _listed(session: Session, principal: Principal | None,
            rows: Callable[[Session, int], Iterable[tuple[Attachment, int, str]]],
            record_id: int) -> list[AttachmentDTO]:
    """The files ``rows`` lists for a record, once the user is allowed to view records."""
    viewer = authorise(session, principal, Permission.VIEW_RECORDS)
    secrecy = _Secrecy(session)
    return [_dto(row, size, media, secrecy.of(row), viewer)
            for row, size, media in rows(session, record_id)]


def _one(session: Session, viewer: Principal, attachment_id: int) -> AttachmentDTO:
    row = q.attachment(session, attachment_id)
    if row is None:
        raise UserError("attachment.not_found", id=attachment_id)
    info = q.blob(session, row.blob_sha256)
    if info is None:
        raise KnownError("attachment.content_missing", id=attachment_id)
    return _dto(row, info.size, info.media_type, _Secrecy(session).of(row), viewer)


def attachment(session: Session, principal: Principal | None,
               attachment_id: int) -> AttachmentDTO:
    viewer = authorise(session, principal, Permission.VIEW_RECORDS)
    return _one(session, viewer, attachment_id)


def may_open(session: Session, principal: Principal | None,
             attachment_id: int) -> AttachmentDTO:
    """The attachment if the viewer may open it; refused (naming the right) otherwise."""
    viewer = authorise(session, principal, Permission.VIEW_RECORDS)
    found = _one(session, viewer, attachment_id)
    if not found.can_open:
        raise AccessDenied("attachment.confidential", permission=Permission.REVEAL_IDENTITY.value,
                           role=viewer.role.value)
    return found


def log_confidential_open(session: Session, principal: Principal | None, attachment_id: int,
                          reason: str, now: datetime) -> AttachmentDTO:
    """Before a confidential file is opened: the reason, an ``identity_reveal`` row on its
    record (the chairperson's "who viewed" list shows it) and an audit row."""
    require_aware(now)
    found = may_open(session, principal, attachment_id)
    viewer = authorise(session, principal, Permission.REVEAL_IDENTITY)
    text = check_reason(reason)
    entity, record_id = (("visit", found.visit_id) if found.visit_id is not None
                         else ("case", found.case_id))
    records.add_reveal(session, at=now, user_id=viewer.user_id, user_name=viewer.display_name,
                       entity=entity, entity_id=record_id, person=0,
                       reason=text)
    repo.add_audit(session, at=now, actor=viewer.display_name, action="attachment_opened",
                   entity="attachment", entity_id=found.id,
                   after={"reason": text, "user_id": viewer.user_id, "record": entity,
                          "record_id": record_id})
    return found


def content_chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """The stored bytes, a chunk at a time (call after ``may_open``)."""
    return q.content(session, sha256)


def void(session: Session, actor: Actor, attachment_id: int, reason: str,
         now: datetime) -> tuple[AttachmentDTO, Changes]:
    """Mark a wrongly attached file void, with a reason: it stays stored and listed."""
    require_aware(now)
    row = q.attachment(session, attachment_id)
    if row is None:
        raise UserError("attachment.not_found", id=attachment_id)
    needed = Permission.EDIT_VISITS if row.visit_id is not None else Permission.MANAGE_CASES
    viewer = authorise(session, actor.principal, needed)
    if row.voided_at is not None:
        raise UserError("attachment.already_voided")
    text = clean_line(reason)
    if not text:
        raise UserError("attachment.void_reason_required", field="reason")
    if len(text) > VOID_REASON_MAX:
        raise UserError("text.too_long", field="reason", max=VOID_REASON_MAX, actual=len(text))
    row.voided_at, row.void_reason, row.voided_by = now, text, actor.name
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="attachment_voided",
                   entity="attachment", entity_id=attachment_id, before={"voided": False},
                   after={"voided": True, "reason": text})
    info = q.blob(session, row.blob_sha256)
    return (_dto(row, info.size if info else 0, info.media_type if info else "",
                 _Secrecy(session).of(row), viewer), _changes(row))

