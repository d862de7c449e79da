"""``manifest.json``: what a backup says about itself, always readable (encrypted or not).

It names the format and its version, the app and schema versions, the moment (UTC), the backend,
a short summary (number of visits, the last one), why the backup was made, the encryption
parameters, and the size and SHA-256 of every other member as stored. A file that is no backup
or is damaged is refused here with ``backup.not_a_backup`` / ``backup.damaged``.
"""

from __future__ import annotations

import contextlib
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from reception_desk.errors import KnownError
from reception_desk.storage.backup.common import ENC_SUFFIX
from reception_desk.storage.backup.common import FORMAT
from reception_desk.storage.backup.common import FORMAT_VERSION
from reception_desk.storage.backup.common import MANIFEST
from reception_desk.storage.backup.common import PG_MEMBER
from reception_desk.storage.backup.common import SQLITE_MEMBER
from reception_desk.storage.backup.common import check_backup_file
from reception_desk.storage.backup.common import os_errors


@dataclass(frozen=True)
class Member:
    """One stored member: its name in the zip, size and SHA-256 as stored."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` says about a backup."""

    app_version: str
    schema_revision: str | None
    created_at: datetime
    backend: str
    database_name: str
    members: tuple[Member, ...]
    reason: str = "manual"
    visits: int | None = None
    last_visit_at: str | None = None
    encryption: dict[str, Any] | None = None
    format_version: int = FORMAT_VERSION

    @property
    def encrypted(self) -> bool:
        return self.encryption is not None

    @property
    def database_member(self) -> Member:
        wanted = SQLITE_MEMBER if self.backend == "sqlite" else PG_MEMBER
        if self.encrypted:
            wanted += ENC_SUFFIX
        for member in self.members:
            if member.name == wanted:
                return member
        raise KnownError("backup.damaged", detail=f"no {wanted}")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "backend": self.backend,
            "database_name": self.database_name,
            "reason": self.reason,
            "summary": {"visits": self.visits, "last_visit_at": self.last_visit_at},
            "encryption": self.encryption,
            "members": [{"name": m.name, "size": m.size, "sha256": m.sha256}
                        for m in self.members],
        }

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KnownError("backup.not_a_backup")
        version = data.get("format_version")
        if not isinstance(version, int):
            raise KnownError("backup.damaged", detail="format_version")
        if version > FORMAT_VERSION:
            raise KnownError("backup.format_too_new", version=version, supported=FORMAT_VERSION)
        try:
            summary = data.get("summary") or {}
            created = datetime.fromisoformat(data["created_at"])
            members = tuple(Member(str(m["name"]), int(m["size"]), str(m["sha256"]))
                            for m in data["members"])
            backend = str(data["backend"])
            if backend not in ("sqlite", "postgresql"):
                raise ValueError(backend)
            encryption = data.get("encryption")
            if encryption is not None and not isinstance(encryption, dict):
                raise ValueError("encryption")
            visits = summary.get("visits")
            return cls(
                format_version=version,
                app_version=str(data["app_version"]),
                schema_revision=data.get("schema_revision"),
                created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
                backend=backend,
                database_name=str(data.get("database_name") or ""),
                members=members,
                reason=str(data.get("reason") or "manual"),
                visits=int(visits) if visits is not None else None,
                last_visit_at=summary.get("last_visit_at"),
                encryption=encryption,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise KnownError("backup.damaged", detail=f"manifest: {exc}") from exc


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


# Errors zipfile and zlib raise on a cut or altered file (a flipped byte can land anywhere).
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error,
           NotImplementedError, KeyError, UnicodeDecodeError, OverflowError, IndexError)


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path``; a file that is not a backup or is damaged is
    refused with ``backup.not_a_backup`` / ``backup.damaged``."""
    check_backup_file(path)
    with os_errors(path):
        try:
            with zipfile.ZipFile(path) as zf:
                try:
                    raw = zf.read(MANIFEST)
                except KeyError:
                    raise KnownError("backup.not_a_backup") from None
        except DAMAGE as exc:
            if _is_zip(path):
                raise KnownError("backup.damaged", detail=str(exc)) from exc
            raise KnownError("backup.not_a_backup") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KnownError("backup.damaged", detail="manifest") from exc
    return Manifest.from_json(data)


def check_members(zf: zipfile.ZipFile, manifest: Manifest) -> None:
    stored = set(zf.namelist()) - {MANIFEST}
    listed = {m.name for m in manifest.members}
    if stored != listed:
        raise KnownError("backup.damaged", detail="members")
    for m in manifest.members:
        if m.name.endswith(ENC_SUFFIX) != manifest.encrypted:
            raise KnownError("backup.damaged", detail=m.name)


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """The backup's zip file, with damage and file-system trouble turned into KnownErrors."""
    with os_errors(path):
        try:
            with zipfile.ZipFile(path) as zf:
                yield zf
        except DAMAGE as exc:
            raise KnownError("backup.damaged", detail=str(exc)) from exc


@dataclass
class Summary:
    """What a snapshot holds, for the manifest: its schema revision, visits and the last one."""

    revision: str | None = None
    visits: int | None = None
    last_visit_at: str | None = None


def summarize(fetch: Callable[[str], Any]) -> Summary:
    """Schema revision and visits of a database; ``fetch(sql)`` returns the first row. Missing
    tables (an empty or foreign database) leave the figures unknown."""
    snap = Summary()
    with contextlib.suppress(Exception):
        row = fetch("SELECT version_num FROM alembic_version")
        snap.revision = None if row is None else str(row[0])
    with contextlib.suppress(Exception):
        row = fetch("SELECT count(*), max(received_at) FROM visit")
        if row is not None:
            snap.visits = int(row[0])
            snap.last_visit_at = None if row[1] is None else str(row[1])
    return snap
