"""What every part of a backup shares: member names, progress and cancelling, and the
file-system troubles (disk full, read-only stick, missing folder) turned into ``KnownError``s.

Also the names a backup gives things: the database's short name, its attachments folder and the
time stamp of a kept database.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.engine import make_url

from reception_desk.errors import KnownError

FORMAT = "reception-desk-backup"
FORMAT_VERSION = 1
SUFFIX = ".rdbackup"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
ATTACHMENTS_PREFIX = "attachments/"
ATTACHMENTS_INDEX = "attachments.json"
ENC_SUFFIX = ".enc"
CHUNK = 1 << 20


#: ``progress(phase, done, total)``: phases "snapshot" (pages), "write", "read" and "extract"
#: (bytes), "restore" (PostgreSQL: bytes of the dump read). ``total`` 0 means unknown.
Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]


class BackupCancelled(KnownError):
    """The user stopped a backup or restore; nothing was written or changed."""

    def __init__(self) -> None:
        super().__init__("backup.cancelled")


def no_progress(_phase: str, _done: int, _total: int) -> None:
    return None


def never() -> bool:
    return False


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


def attachments_folder(url: str | URL) -> Path | None:
    """A folder of files kept beside an SQLite database: ``<database folder>/<database
    name>.attachments/`` (so the database and its files move together). Attachments added in the
    app live in the database (``attachment_blob``, migration 0008) on both backends; this folder
    is only carried along by backups. PostgreSQL offices have none (None)."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return path.with_name(path.stem + ".attachments")


def database_name(url: str | URL) -> str:
    """A short name for the database: the SQLite file's stem or the PostgreSQL database name."""
    parsed = make_url(url) if isinstance(url, str) else url
    raw = parsed.database or "database"
    name = Path(raw).stem if parsed.get_backend_name() == "sqlite" else raw
    return re.sub(r"[^\w.-]+", "_", name) or "database"


def stamp_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
