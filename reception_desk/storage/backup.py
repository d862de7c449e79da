"""Backup files of the office database: one consistent, verifiable, optionally encrypted file.

A backup is a zip file (suffix ``.rdbackup``) that any archive tool can list. It holds:

- ``manifest.json`` (always readable): format name and version, app version, schema revision,
  creation moment (UTC), backend, database name, a short summary (number of visits, the last
  one), why it was made, and the size and SHA-256 of every other member as stored;
- the database snapshot: ``database.sqlite3`` for SQLite, taken with SQLite's online backup API
  inside one read transaction, so it holds exactly what was committed when it started even while
  counters keep saving (copying the file is not a backup: in WAL mode the newest visits are still
  in the ``-wal`` file); ``database.pgdump`` for PostgreSQL (``pg_dump --format=custom``, one
  consistent snapshot by construction);
- ``attachments/…``: the files of the database's attachments folder when it has one (see
  ``attachments_folder``; nothing stores attachments yet, the format carries them already).

With a passphrase every member but the manifest is encrypted and gets the suffix ``.enc``: the
key is scrypt(passphrase in NFC, random salt); each member is a stream of chunks of at most
1 MiB, each compressed with zlib then sealed with AES-256-GCM under a nonce of the member's random
prefix and the chunk's number, the member name, chunk number and a "last chunk" flag being
authenticated too (a reordered, cut or swapped chunk is refused). The manifest carries an HMAC
of the key so a wrong passphrase is told apart from a damaged file. Encrypted attachments are
stored under numbers; their names live in the encrypted member ``attachments.json.enc``.

Writing goes to a hidden ``.part`` file in the target folder, fsynced, then renamed into place:
a cut (power, full stick) never leaves a half backup under the real name.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from reception_desk.errors import KnownError

log = logging.getLogger(__name__)

FORMAT = "reception-desk-backup"
FORMAT_VERSION = 1
SUFFIX = ".rdbackup"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
ATTACHMENTS_PREFIX = "attachments/"
ATTACHMENTS_INDEX = "attachments.json"
ENC_SUFFIX = ".enc"

#: Pages copied per step of the SQLite online backup (4 MiB with 4 KiB pages): one progress
#: report and one cancel check per step.
PAGES_PER_STEP = 1024
CHUNK = 1 << 20
#: scrypt cost: about 0.1 s and 32 MiB on an office PC, each guess of a stolen file as dear.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_MAGIC = b"RDENC1"
_FINAL, _ZLIB = 0x01, 0x02
_CHUNK_HEAD = struct.Struct(">BI")
_KEY_CHECK = b"reception-desk backup key check"
#: Folders holding one ``<version>/bin`` per installed PostgreSQL (Debian's layout).
PG_BIN_ROOTS: tuple[Path, ...] = (Path("/usr/lib/postgresql"),)

#: ``progress(phase, done, total)``: phases "snapshot" (pages), "write", "read" and "extract"
#: (bytes), "restore" (PostgreSQL: bytes of the dump read). ``total`` 0 means unknown.
Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]


class BackupCancelled(KnownError):
    """The user stopped a backup or restore; nothing was written or changed."""

    def __init__(self) -> None:
        super().__init__("backup.cancelled")


def _no_progress(_phase: str, _done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


# --- environment errors ---------------------------------------------------------------------


def environment_error(exc: OSError | sqlite3.Error, path: Path) -> KnownError:
    """The KnownError for a failed file operation on ``path`` (disk full, read-only, missing)."""
    if isinstance(exc, sqlite3.Error):
        message = str(exc).lower()
        if "full" in message:
            return KnownError("backup.disk_full", path=str(path))
        if "readonly" in message or "read-only" in message:
            return KnownError("backup.read_only", path=str(path))
        return KnownError("backup.io_error", path=str(path), detail=str(exc))
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return KnownError("backup.disk_full", path=str(path))
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return KnownError("backup.read_only", path=str(path))
    if code == errno.ENOENT:
        return KnownError("backup.folder_missing", path=str(path.parent))
    if code == errno.EISDIR:
        return KnownError("backup.is_folder", path=str(path))
    return KnownError("backup.io_error", path=str(path), detail=exc.strerror or str(exc))


@contextlib.contextmanager
def os_errors(path: Path) -> Iterator[None]:
    """Turn a failed file operation on ``path`` into its KnownError (see environment_error)."""
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        raise environment_error(exc, path) from exc


def check_folder(folder: Path) -> None:
    """Refuse a folder that is missing or is a file (nothing is created: a typo stays a typo)."""
    if not folder.exists():
        raise KnownError("backup.folder_missing", path=str(folder))
    if not folder.is_dir():
        raise KnownError("backup.not_a_folder", path=str(folder))


def check_backup_file(path: Path) -> None:
    if path.is_dir():
        raise KnownError("backup.is_folder", path=str(path))
    if not path.exists():
        raise KnownError("backup.file_missing", path=str(path))


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse: the data itself was fsynced
    finally:
        os.close(fd)


# --- the manifest ---------------------------------------------------------------------------


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
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error,
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
        except _DAMAGE as exc:
            if _is_zip(path):
                raise KnownError("backup.damaged", detail=str(exc)) from exc
            raise KnownError("backup.not_a_backup") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KnownError("backup.damaged", detail="manifest") from exc
    return Manifest.from_json(data)


# --- encryption -----------------------------------------------------------------------------


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    normalized = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalized)


def _key_check(key: bytes) -> str:
    return hmac.new(key, _KEY_CHECK, hashlib.sha256).hexdigest()


def new_encryption(passphrase: str) -> tuple[bytes, dict[str, Any]]:
    """A fresh key for ``passphrase`` and the manifest entry that lets it be found again."""
    if not passphrase:
        raise KnownError("backup.passphrase_required")
    salt = os.urandom(16)
    key = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return key, {"cipher": "AES-256-GCM", "chunk": CHUNK, "kdf": "scrypt", "salt": salt.hex(),
                 "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "check": _key_check(key)}


def unlock(manifest: Manifest, passphrase: str | None) -> bytes | None:
    """The key of an encrypted backup (None for a plain one); a wrong passphrase is refused."""
    enc = manifest.encryption
    if enc is None:
        return None
    if not passphrase:
        raise KnownError("backup.passphrase_required")
    try:
        key = _scrypt(passphrase, bytes.fromhex(enc["salt"]), int(enc["n"]), int(enc["r"]),
                      int(enc["p"]))
        expected = str(enc["check"])
    except (KeyError, TypeError, ValueError) as exc:
        raise KnownError("backup.damaged", detail="encryption") from exc
    if not hmac.compare_digest(_key_check(key), expected):
        raise KnownError("backup.wrong_passphrase")
    return key


def _aad(name: str, index: int, flags: int) -> bytes:
    return _MAGIC + name.encode("utf-8") + struct.pack(">QB", index, flags)


class _MemberSink:
    """Writes one member: plain bytes straight through, or sealed chunks; hashes what it stores."""

    def __init__(self, out: IO[bytes], name: str, key: bytes | None, compress: bool) -> None:
        self._out = out
        self._name = name
        self._compress = compress
        self._buffer = bytearray()
        self._index = 0
        self.sha = hashlib.sha256()
        self.size = 0
        self._aead: Any = None
        if key is not None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead = AESGCM(key)
            self._prefix = os.urandom(4)
            self._store(_MAGIC + self._prefix)

    def _store(self, data: bytes) -> None:
        self._out.write(data)
        self.sha.update(data)
        self.size += len(data)

    def write(self, data: bytes) -> None:
        if self._aead is None:
            self._store(data)
            return
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]

    def _seal(self, plain: bytes, final: bool) -> None:
        flags = (_FINAL if final else 0) | (_ZLIB if self._compress else 0)
        body = zlib.compress(plain, 1) if self._compress else plain
        nonce = self._prefix + struct.pack(">Q", self._index)
        sealed = self._aead.encrypt(nonce, body, _aad(self._name, self._index, flags))
        self._store(_CHUNK_HEAD.pack(flags, len(sealed)) + sealed)
        self._index += 1

    def close(self) -> Member:
        if self._aead is not None:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
        return Member(self._name, self.size, self.sha.hexdigest())


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise KnownError("backup.damaged", detail="cut short")
    return data


def _open_chunks(stream: IO[bytes], name: str, key: bytes) -> Iterator[bytes]:
    """The plaintext of a sealed member, chunk by chunk; any alteration is ``backup.damaged``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(key)
    head = _read_exact(stream, len(_MAGIC) + 4)
    if head[: len(_MAGIC)] != _MAGIC:
        raise KnownError("backup.damaged", detail=name)
    prefix = head[len(_MAGIC):]
    index = 0
    while True:
        flags, length = _CHUNK_HEAD.unpack(_read_exact(stream, _CHUNK_HEAD.size))
        if length > CHUNK + 4096:
            raise KnownError("backup.damaged", detail=name)
        sealed = _read_exact(stream, length)
        try:
            body = aead.decrypt(prefix + struct.pack(">Q", index), sealed,
                                _aad(name, index, flags))
        except InvalidTag as exc:
            raise KnownError("backup.damaged", detail=name) from exc
        yield zlib.decompress(body) if flags & _ZLIB else body
        index += 1
        if flags & _FINAL:
            if stream.read(1):
                raise KnownError("backup.damaged", detail=name)
            return


class _Hashing:
    """A read-only stream that hashes what passes through it."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data


def _plain_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while True:
        data = stream.read(CHUNK)
        if not data:
            return
        yield data


def _member_plaintext(zf: zipfile.ZipFile, member: Member, key: bytes | None,
                      on_bytes: Callable[[int], None], cancelled: Cancelled) -> Iterator[bytes]:
    """Stream a member's plaintext; its stored size and SHA-256 are checked at the end."""
    try:
        with zf.open(member.name) as raw:
            hashing = _Hashing(raw)
            reader: IO[bytes] = hashing  # type: ignore[assignment]
            chunks = (_open_chunks(reader, member.name, key) if key is not None
                      else _plain_chunks(reader))
            for chunk in chunks:
                if cancelled():
                    raise BackupCancelled()
                on_bytes(hashing.size)
                yield chunk
            if key is not None and raw.read(1):
                raise KnownError("backup.damaged", detail=member.name)
    except _DAMAGE as exc:
        raise KnownError("backup.damaged", detail=f"{member.name}: {exc}") from exc
    if hashing.size != member.size or hashing.sha.hexdigest() != member.sha256:
        raise KnownError("backup.damaged", detail=f"{member.name}: checksum")


# --- attachments ----------------------------------------------------------------------------


def attachments_folder(url: str | URL) -> Path | None:
    """Where files attached to records live: ``<database folder>/<database name>.attachments/``
    beside an SQLite file (so the database and its files move together). PostgreSQL offices keep
    no attachments on the PC (None): a shared database needs shared storage, not built yet."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return path.with_name(path.stem + ".attachments")


def _attachment_files(folder: Path | None) -> list[tuple[str, Path]]:
    if folder is None or not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files.append((path.relative_to(folder).as_posix(), path))
    return files


def database_name(url: str | URL) -> str:
    """A short name for the database: the SQLite file's stem or the PostgreSQL database name."""
    parsed = make_url(url) if isinstance(url, str) else url
    raw = parsed.database or "database"
    name = Path(raw).stem if parsed.get_backend_name() == "sqlite" else raw
    return re.sub(r"[^\w.-]+", "_", name) or "database"


# --- writing a backup -----------------------------------------------------------------------


@dataclass
class _Snapshot:
    revision: str | None = None
    visits: int | None = None
    last_visit_at: str | None = None


def _summarize(fetch: Callable[[str], Any]) -> _Snapshot:
    """Schema revision and visits of a database; ``fetch(sql)`` returns the first row. Missing
    tables (an empty or foreign database) leave the figures unknown."""
    snap = _Snapshot()
    with contextlib.suppress(Exception):
        row = fetch("SELECT version_num FROM alembic_version")
        snap.revision = None if row is None else str(row[0])
    with contextlib.suppress(Exception):
        row = fetch("SELECT count(*), max(received_at) FROM visit")
        if row is not None:
            snap.visits = int(row[0])
            snap.last_visit_at = None if row[1] is None else str(row[1])
    return snap


def sqlite_snapshot(engine: Engine, dest: Path, progress: Progress = _no_progress,
                    cancelled: Cancelled = _never) -> _Snapshot:
    """Copy the database behind ``engine`` to ``dest`` with the online backup API.

    The copy runs inside one read transaction on the source connection: it sees exactly what was
    committed when it began, and writers carry on meanwhile (WAL). Without the open transaction a
    paged backup restarts whenever another connection commits, and never ends while counters save.
    """
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            target = sqlite3.connect(str(dest))
            try:
                def step(_status: int, remaining: int, total: int) -> None:
                    progress("snapshot", total - remaining, total)
                    if cancelled():
                        raise BackupCancelled()

                source.backup(target, pages=PAGES_PER_STEP, progress=step, sleep=0)
                # A self-contained file: the copy must not need a -wal beside it.
                target.execute("PRAGMA journal_mode=DELETE")
                return _summarize(lambda sql: target.execute(sql).fetchone())
            finally:
                target.close()
        finally:
            source.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        message = str(exc).lower()
        if "full" in message or "readonly" in message or "disk i/o" in message:
            raise environment_error(exc, dest) from exc
        raise KnownError("database.unreadable", detail=str(exc)) from exc
    finally:
        raw.close()


def write_backup(engine: Engine, target: Path, *, app_version: str, created_at: datetime,
                 reason: str = "manual", passphrase: str | None = None,
                 overwrite: bool = False, progress: Progress = _no_progress,
                 cancelled: Cancelled = _never, work_folder: Path | None = None) -> Manifest:
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
                    snap = _pack_sqlite(engine, zf, key, members, progress, cancelled,
                                        work_folder)
                elif backend == "postgresql":
                    snap = _pack_postgresql(engine, zf, key, members, progress, cancelled)
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


def _copy_into(zf: zipfile.ZipFile, name: str, chunks: Iterable[bytes], key: bytes | None,
               compress: bool, on_bytes: Callable[[int], None], cancelled: Cancelled) -> Member:
    stored = name + ENC_SUFFIX if key is not None else name
    with zf.open(stored, "w", force_zip64=True) as out:
        sink = _MemberSink(out, stored, key, compress)
        done = 0
        for chunk in chunks:
            if cancelled():
                raise BackupCancelled()
            sink.write(chunk)
            done += len(chunk)
            on_bytes(done)
        return sink.close()


def _pack_sqlite(engine: Engine, zf: zipfile.ZipFile, key: bytes | None, members: list[Member],
                 progress: Progress, cancelled: Cancelled, work_folder: Path | None) -> _Snapshot:
    database = Path(engine.url.database or "")
    work = work_folder or database.parent
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".rd-backup-", dir=work))
    except OSError:
        scratch = Path(tempfile.mkdtemp(prefix="rd-backup-"))  # a read-only database folder
    try:
        snapshot = scratch / SQLITE_MEMBER
        snap = sqlite_snapshot(engine, snapshot, progress, cancelled)
        total = snapshot.stat().st_size
        with snapshot.open("rb") as fh:
            members.append(_copy_into(zf, SQLITE_MEMBER, _plain_chunks(fh), key, True,
                                      lambda done: progress("write", done, total), cancelled))
        return snap
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _pack_attachments(folder: Path | None, zf: zipfile.ZipFile, key: bytes | None,
                      members: list[Member], cancelled: Cancelled) -> None:
    files = _attachment_files(folder)
    if not files:
        return
    index: list[dict[str, str]] = []
    for number, (relative, path) in enumerate(files, start=1):
        name = ATTACHMENTS_PREFIX + (f"{number:06d}" if key is not None else relative)
        with path.open("rb") as fh:
            members.append(_copy_into(zf, name, _plain_chunks(fh), key, True, lambda _d: None,
                                      cancelled))
        index.append({"member": members[-1].name, "path": relative})
    if key is not None:
        data = json.dumps(index, ensure_ascii=False).encode("utf-8")
        members.append(_copy_into(zf, ATTACHMENTS_INDEX, [data], key, True, lambda _d: None,
                                  cancelled))


# --- reading a backup -----------------------------------------------------------------------


def _check_members(zf: zipfile.ZipFile, manifest: Manifest) -> None:
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
        except _DAMAGE as exc:
            raise KnownError("backup.damaged", detail=str(exc)) from exc


def _shifted(progress: Progress, phase: str, offset: int, total: int) -> Callable[[int], None]:
    """Progress of one member as part of the whole file."""
    def report(done: int) -> None:
        progress(phase, offset + done, total)

    return report


def verify_backup(path: Path, passphrase: str | None = None, progress: Progress = _no_progress,
                  cancelled: Cancelled = _never) -> Manifest:
    """Read every member back and compare its size and SHA-256 with the manifest; with the
    passphrase of an encrypted backup, also decrypt (and so authenticate) every chunk."""
    manifest = read_manifest(path)
    key = unlock(manifest, passphrase) if passphrase or not manifest.encrypted else None
    total = sum(m.size for m in manifest.members)
    with open_backup(path) as zf:
        _check_members(zf, manifest)
        before = 0
        for member in manifest.members:
            report = _shifted(progress, "read", before, total)
            for _chunk in _member_plaintext(zf, member, key, report, cancelled):
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
                   progress: Progress = _no_progress,
                   cancelled: Cancelled = _never) -> Extracted:
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
        _check_members(zf, manifest)
        before = 0
        names: dict[str, str] = {}
        index = next((m for m in manifest.members
                      if m.name == ATTACHMENTS_INDEX + ENC_SUFFIX), None)
        if index is not None:
            data = b"".join(_member_plaintext(zf, index, key, lambda _d: None, cancelled))
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
                    for chunk in _member_plaintext(zf, member, key, report, cancelled):
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


# --- putting a restored SQLite database in place --------------------------------------------


def sqlite_in_use(path: Path) -> bool:
    """Fold the WAL into the file; True if another connection still uses the database."""
    if not path.exists():
        return False
    conn = sqlite3.connect(str(path), timeout=2)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return bool(busy)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return True
        raise
    finally:
        conn.close()


def kept_name(path: Path, stamp: str) -> Path:
    """Where the current database (or folder) is kept when a backup replaces it."""
    if path.suffix and not path.name.endswith(".attachments"):
        return path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    return path.with_name(f"{path.name}.before-restore-{stamp}")


def swap_sqlite(current: Path, restored: Path, stamp: str) -> Path | None:
    """Put ``restored`` (in the same folder) in place of ``current``, keeping the current file as
    ``<name>.before-restore-<stamp><suffix>``. The replacement itself is one atomic rename: at no
    moment is there no database under the real name. Returns the kept file (None: there was
    none). Every connection to ``current`` must be closed."""
    kept: Path | None = None
    with os_errors(current):
        if current.exists():
            kept = kept_name(current, stamp)
            try:
                os.link(current, kept)  # a second name for the same file: instant, no space
            except OSError:
                shutil.copy2(current, kept)  # file systems without hard links
                with kept.open("rb+") as fh:
                    os.fsync(fh.fileno())
        # The closed database has no WAL left (checkpointed); a stale one must never be replayed
        # onto the restored file.
        for extra in ("-wal", "-shm", "-journal"):
            leftover = current.with_name(current.name + extra)
            if leftover.exists():
                if kept is not None:
                    os.replace(leftover, kept.with_name(kept.name + extra))
                else:
                    leftover.unlink()
        os.replace(restored, current)
        fsync_folder(current.parent)
    return kept


def swap_folder(current: Path, restored: Path | None, stamp: str) -> Path | None:
    """Put the restored attachments folder in place, keeping the current one beside it."""
    kept: Path | None = None
    with os_errors(current):
        if current.exists():
            kept = kept_name(current, stamp)
            os.replace(current, kept)
        if restored is not None:
            os.replace(restored, current)
        fsync_folder(current.parent)
    return kept


# --- PostgreSQL -----------------------------------------------------------------------------


def find_pg_tool(name: str) -> Path:
    """``pg_dump`` / ``pg_restore``: on the PATH, in Debian's versioned folders, or in
    PostgreSQL's Windows install folder. Missing: ``backup.pg_tools_missing`` (README)."""
    override = os.environ.get("RECEPTION_DESK_PG_BIN")
    if override:
        candidate = Path(override) / (name + (".exe" if os.name == "nt" else ""))
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    roots = list(PG_BIN_ROOTS)
    program_files = os.environ.get("PROGRAMFILES")
    if program_files:
        roots.append(Path(program_files) / "PostgreSQL")
    for root in roots:
        versions = sorted((p for p in root.glob("*/bin") if p.parent.name.isdigit()),
                          key=lambda p: int(p.parent.name), reverse=True) if root.is_dir() else []
        for folder in versions:
            for candidate in (folder / name, folder / (name + ".exe")):
                if candidate.is_file():
                    return candidate
    raise KnownError("backup.pg_tools_missing", tool=name)


def _conninfo(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string for ``url`` and the environment carrying its password (never
    on the command line, where other users of the PC could read it)."""
    def quote(value: object) -> str:
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    parts: dict[str, object] = {"host": url.host, "port": url.port, "user": url.username,
                                "dbname": url.database}
    for k, v in url.query.items():
        parts[k] = v if isinstance(v, str) else v[-1]
    conninfo = " ".join(f"{k}={quote(v)}" for k, v in parts.items() if v not in (None, ""))
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return conninfo, env


def _tail(stream: IO[bytes]) -> str:
    stream.seek(0)
    lines = stream.read().decode("utf-8", "replace").strip().splitlines()
    return " ".join(lines[-3:])


def _pack_postgresql(engine: Engine, zf: zipfile.ZipFile, key: bytes | None,
                     members: list[Member], progress: Progress,
                     cancelled: Cancelled) -> _Snapshot:
    tool = find_pg_tool("pg_dump")
    with engine.connect() as conn:
        snap = _summarize(lambda sql: conn.execute(text(sql)).first())
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    conninfo, env = _conninfo(engine.url)
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [str(tool), "--format=custom", "--no-owner", "--no-privileges",
             "--dbname", conninfo], stdout=subprocess.PIPE, stderr=errors, env=env)
        try:
            assert proc.stdout is not None
            members.append(_copy_into(zf, PG_MEMBER, _plain_chunks(proc.stdout), key, False,
                                      lambda done: progress("write", done, max(size, done)),
                                      cancelled))
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        if code != 0:
            raise KnownError("backup.pg_failed", tool="pg_dump", detail=_tail(errors))
    return snap


def _admin_engine(url: URL) -> Engine:
    """A connection to the server's ``postgres`` database, for CREATE/DROP/RENAME DATABASE."""
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                         poolclass=NullPool)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def pg_list_archive(dump: Path) -> None:
    """Let ``pg_restore`` read the dump's table of contents: refused if it cannot."""
    tool = find_pg_tool("pg_restore")
    result = subprocess.run([str(tool), "--list", str(dump)], capture_output=True)
    if result.returncode != 0:
        raise KnownError("backup.damaged",
                         detail=result.stderr.decode("utf-8", "replace").strip()[-300:])


def pg_create_scratch(url: URL, name: str) -> URL:
    """Create the empty database ``name`` beside ``url``'s; returns its URL."""
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {_ident(name)}"))
    except Exception as exc:
        detail = str(getattr(exc, "orig", exc))
        if "permission denied" in detail.lower():
            raise KnownError("restore.pg_cannot_create", detail=detail) from exc
        raise KnownError("backup.pg_failed", tool="CREATE DATABASE", detail=detail) from exc
    finally:
        engine.dispose()
    return url.set(database=name)


def pg_drop(url: URL, name: str) -> None:
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_ident(name)}"))
    finally:
        engine.dispose()


def pg_restore_into(url: URL, dump: Path, progress: Progress = _no_progress) -> None:
    """``pg_restore`` the dump into the (empty) database at ``url``, all or nothing."""
    tool = find_pg_tool("pg_restore")
    conninfo, env = _conninfo(url)
    progress("restore", 0, 0)
    result = subprocess.run(
        [str(tool), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--dbname", conninfo, str(dump)], capture_output=True, env=env)
    if result.returncode != 0:
        raise KnownError("backup.pg_failed", tool="pg_restore",
                         detail=result.stderr.decode("utf-8", "replace").strip()[-300:])


def pg_sessions(url: URL) -> int:
    """How many other connections use the database at ``url``."""
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
                     "AND pid <> pg_backend_pid()"), {"name": url.database}).scalar_one())
    finally:
        engine.dispose()


def database_exists(url: URL) -> bool:
    """Is there a database at ``url`` already (nothing is created by asking)?"""
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        return bool(url.database) and path.is_file() and path.stat().st_size > 0
    return pg_database_exists(url)


def pg_database_exists(url: URL) -> bool:
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                {"name": url.database}).first() is not None
    finally:
        engine.dispose()


def pg_swap(url: URL, restored: str, kept: str) -> str | None:
    """Rename the current database to ``kept`` and ``restored`` to the current name, in one
    transaction (both or neither). Returns the kept name (None: there was no database)."""
    current = url.database or ""
    engine = create_engine(url.set(database="postgres"), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": current}).first() is not None
            if exists:
                conn.execute(text(f"ALTER DATABASE {_ident(current)} RENAME TO {_ident(kept)}"))
            conn.execute(text(f"ALTER DATABASE {_ident(restored)} RENAME TO {_ident(current)}"))
    except Exception as exc:
        raise KnownError("backup.pg_failed", tool="ALTER DATABASE",
                         detail=str(getattr(exc, "orig", exc))) from exc
    finally:
        engine.dispose()
    return kept if exists else None


def pg_name(base: str, tag: str) -> str:
    """A database name ``<base>_<tag>`` within PostgreSQL's 63 bytes."""
    room = 63 - len(tag) - 1
    return f"{base.encode('utf-8')[:room].decode('utf-8', 'ignore')}_{tag}"


def stamp_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
