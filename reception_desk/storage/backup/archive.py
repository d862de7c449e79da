"""Writing, verifying and unpacking a backup file (the format: see the package).

Writing goes to a hidden ``.part`` file in the target folder, fsynced, then renamed into place:
a cut (power, full stick) never leaves a half backup under the real name. Reading checks every
member's size and SHA-256 (and, encrypted, every chunk's tag): any damage refuses the whole
backup.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from reception_desk.errors import KnownError
from reception_desk.storage.backup.common import ATTACHMENTS_INDEX
from reception_desk.storage.backup.common import ATTACHMENTS_PREFIX
from reception_desk.storage.backup.common import ENC_SUFFIX
from reception_desk.storage.backup.common import MANIFEST
from reception_desk.storage.backup.common import PG_MEMBER
from reception_desk.storage.backup.common import SQLITE_MEMBER
from reception_desk.storage.backup.common import Cancelled
from reception_desk.storage.backup.common import Progress
from reception_desk.storage.backup.common import attachments_folder
from reception_desk.storage.backup.common import check_folder
from reception_desk.storage.backup.common import database_name
from reception_desk.storage.backup.common import fsync_folder
from reception_desk.storage.backup.common import never
from reception_desk.storage.backup.common import no_progress
from reception_desk.storage.backup.common import os_errors
from reception_desk.storage.backup.encryption import copy_into
from reception_desk.storage.backup.encryption import member_plaintext
from reception_desk.storage.backup.encryption import new_encryption
from reception_desk.storage.backup.encryption import plain_chunks
from reception_desk.storage.backup.encryption import unlock
from reception_desk.storage.backup.manifest import Manifest
from reception_desk.storage.backup.manifest import Member
from reception_desk.storage.backup.manifest import check_members
from reception_desk.storage.backup.manifest import open_backup
from reception_desk.storage.backup.manifest import read_manifest
from reception_desk.storage.backup.postgresql import pack_postgresql
from reception_desk.storage.backup.postgresql import pg_database_exists
from reception_desk.storage.backup.sqlite import pack_sqlite

log = logging.getLogger(__name__)


def write_backup(engine: Engine, target: Path, *, app_version: str, created_at: datetime,
                 reason: str = "manual", passphrase: str | None = None,
                 overwrite: bool = False, progress: Progress = no_progress,
                 cancelled: Cancelled = never, work_folder: Path | None = None) -> Manifest:
    """Write a backup of the database behind ``engine`` to ``target`` (atomically).

    ``work_folder`` holds the SQLite snapshot while it is packed (default: beside the database,
    which has room for a copy of itself; the target may be a small USB stick).
    """
    folder = target.parent
    check_folder(folder)
    if target.is_dir():
        raise KnownError("backup.is_folder", path=str(target))
    if target.exists() and not overwrite:
        raise KnownError("backup.exists", path=str(target))
    key, encryption = new_encryption(passphrase) if passphrase else (None, None)
    backend = engine.url.get_backend_name()
    members: list[Member] = []
    with os_errors(target):
        fd, part_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    part = Path(part_name)
    try:
        with os_errors(target), os.fdopen(fd, "wb") as fh:
            compression = zipfile.ZIP_STORED if key else zipfile.ZIP_DEFLATED
            with zipfile.ZipFile(fh, "w", compression=compression, compresslevel=1,
                                 allowZip64=True) as zf:
                if backend == "sqlite":
                    snap = pack_sqlite(engine, zf, key, members, progress, cancelled,
                                        work_folder)
                elif backend == "postgresql":
                    snap = pack_postgresql(engine, zf, key, members, progress, cancelled)
                else:
                    raise KnownError("database.unsupported_url", url=str(engine.url))
                _pack_attachments(attachments_folder(engine.url), zf, key, members, cancelled)
                manifest = Manifest(
                    app_version=app_version, schema_revision=snap.revision,
                    created_at=created_at, backend=backend,
                    database_name=database_name(engine.url), members=tuple(members),
                    reason=reason, visits=snap.visits, last_visit_at=snap.last_visit_at,
                    encryption=encryption)
                zf.writestr(MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False,
                                                 indent=1))
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists() and not overwrite:
            raise KnownError("backup.exists", path=str(target))
        with os_errors(target):
            os.replace(part, target)
            fsync_folder(folder)
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
    log.info("Backup written to %s (%s, %s visits)", target, backend, manifest.visits)
    return manifest


def _attachment_files(folder: Path | None) -> list[tuple[str, Path]]:
    if folder is None or not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files.append((path.relative_to(folder).as_posix(), path))
    return files


def _pack_attachments(folder: Path | None, zf: zipfile.ZipFile, key: bytes | None,
                      members: list[Member], cancelled: Cancelled) -> None:
    files = _attachment_files(folder)
    if not files:
        return
    index: list[dict[str, str]] = []
    for number, (relative, path) in enumerate(files, start=1):
        name = ATTACHMENTS_PREFIX + (f"{number:06d}" if key is not None else relative)
        with path.open("rb") as fh:
            members.append(copy_into(zf, name, plain_chunks(fh), key, True, lambda _d: None,
                                      cancelled))
        index.append({"member": members[-1].name, "path": relative})
    if key is not None:
        data = json.dumps(index, ensure_ascii=False).encode("utf-8")
        members.append(copy_into(zf, ATTACHMENTS_INDEX, [data], key, True, lambda _d: None,
                                  cancelled))


def _shifted(progress: Progress, phase: str, offset: int, total: int) -> Callable[[int], None]:
    """Progress of one member as part of the whole file."""
    def report(done: int) -> None:
        progress(phase, offset + done, total)

    return report


def verify_backup(path: Path, passphrase: str | None = None, progress: Progress = no_progress,
                  cancelled: Cancelled = never) -> Manifest:
    """Read every member back and compare its size and SHA-256 with the manifest; with the
    passphrase of an encrypted backup, also decrypt (and so authenticate) every chunk."""
    manifest = read_manifest(path)
    key = unlock(manifest, passphrase) if passphrase or not manifest.encrypted else None
    total = sum(m.size for m in manifest.members)
    with open_backup(path) as zf:
        check_members(zf, manifest)
        before = 0
        for member in manifest.members:
            report = _shifted(progress, "read", before, total)
            for _chunk in member_plaintext(zf, member, key, report, cancelled):
                pass
            before += member.size
    return manifest


@dataclass
class Extracted:
    """A backup unpacked into a work folder: the database (file or dump) and attachments."""

    manifest: Manifest
    database: Path
    attachments: Path | None
    files: list[str] = field(default_factory=list)


def extract_backup(path: Path, work: Path, passphrase: str | None = None,
                   progress: Progress = no_progress,
                   cancelled: Cancelled = never) -> Extracted:
    """Unpack the backup at ``path`` into the folder ``work``, checking every member's checksum
    (and, encrypted, every chunk's tag) on the way; any damage refuses the whole backup."""
    manifest = read_manifest(path)
    key = unlock(manifest, passphrase)
    total = sum(m.size for m in manifest.members)
    db_member = manifest.database_member
    database = work / (SQLITE_MEMBER if manifest.backend == "sqlite" else PG_MEMBER)
    attachments: Path | None = None
    files: list[str] = []
    with open_backup(path) as zf:
        check_members(zf, manifest)
        before = 0
        names: dict[str, str] = {}
        index = next((m for m in manifest.members
                      if m.name == ATTACHMENTS_INDEX + ENC_SUFFIX), None)
        if index is not None:
            data = b"".join(member_plaintext(zf, index, key, lambda _d: None, cancelled))
            try:
                names = {str(e["member"]): str(e["path"]) for e in json.loads(data)}
            except (ValueError, TypeError, KeyError) as exc:
                raise KnownError("backup.damaged", detail="attachments index") from exc
            before += index.size
        for member in manifest.members:
            if member is index:
                continue
            if member is db_member:
                dest = database
            else:
                relative = names.get(member.name) if key is not None \
                    else member.name[len(ATTACHMENTS_PREFIX):]
                if not member.name.startswith(ATTACHMENTS_PREFIX) or not relative:
                    raise KnownError("backup.damaged", detail=member.name)
                attachments = work / "attachments"
                dest = _safe_join(attachments, relative)
                files.append(relative)
            report = _shifted(progress, "extract", before, total)
            with os_errors(dest):
                dest.parent.mkdir(parents=True, exist_ok=True)
                with dest.open("wb") as out:
                    for chunk in member_plaintext(zf, member, key, report, cancelled):
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
            before += member.size
    return Extracted(manifest, database, attachments, files)


def _safe_join(folder: Path, relative: str) -> Path:
    """``folder/relative``, refusing names that climb out of it (``../``, absolute paths)."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or any(p in ("..", "") for p in parts) \
            or ":" in relative:
        raise KnownError("backup.damaged", detail=relative)
    return folder.joinpath(*parts)


def database_exists(url: URL) -> bool:
    """Is there a database at ``url`` already (nothing is created by asking)?"""
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        return bool(url.database) and path.is_file() and path.stat().st_size > 0
    return pg_database_exists(url)
