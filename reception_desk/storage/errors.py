"""The environment in the way of the database, said as a ``KnownError`` (never a traceback).

One place maps what the database driver reports (sqlite3, psycopg) to a code the texts
catalogue explains: a read-only file or folder, a full disk, a database busy with another
counter's save, an unreachable server, a missing file or a folder where the file should be.
``install`` hooks the mapping into an engine (SQLAlchemy's ``handle_error`` event), so every
door — a form's save, an import, a print, the demo, ``check`` — gets the same sentence.
Files the user names (an import, a PDF) are worded by ``reception_desk.errors.file_error``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext

from reception_desk.errors import KnownError

#: Free space (bytes) under which an unexplained I/O error is taken for a full disk.
_NEARLY_FULL = 1 << 20

_SQLITE_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_PG_UNREACHABLE_TEXT = ("connection refused", "could not connect", "connection failed",
                        "server closed the connection", "name or service not known",
                        "could not translate host name", "timeout expired",
                        "no route to host", "network is unreachable", "connection timed out")


def sqlite_path(url_database: str | None) -> Path | None:
    """The file of an SQLite URL's database part (None: in memory)."""
    if not url_database or url_database == ":memory:" or url_database.startswith("file:"):
        return None
    return Path(url_database)


def _free_bytes(path: Path) -> int | None:
    for folder in (path.parent, *path.parents):
        if folder.exists():
            try:
                return shutil.disk_usage(folder).free
            except OSError:
                return None
    return None


def _writable(path: Path) -> bool:
    """The file (if present) and its folder accept writes (os.access sees read-only mounts and
    immutable files even for root)."""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


def _cannot_open(path: Path | None, detail: str) -> KnownError:
    """SQLite could not open the file: say which of the usual reasons it is."""
    if path is None:
        return KnownError("database.cannot_open", path="", detail=detail)
    if path.is_dir():
        return KnownError("database.is_folder", path=str(path))
    if not path.parent.is_dir():
        return KnownError("database.not_found", path=str(path))
    if not _writable(path):
        return KnownError("database.read_only", path=str(path))
    return KnownError("database.cannot_open", path=str(path), detail=detail)


def _sqlite_error(exc: BaseException, path: Path | None) -> KnownError | None:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc)
    low = text.lower()
    where = str(path) if path is not None else ""
    if name.startswith("SQLITE_READONLY") or "readonly database" in low:
        return KnownError("database.read_only", path=where)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in low:
        return KnownError("database.disk_full", path=where)
    if name.startswith(_SQLITE_BUSY) or "database is locked" in low:
        return KnownError("database.busy")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in low:
        return _cannot_open(path, text)
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in low:
        free = _free_bytes(path) if path is not None else None
        if free is not None and free < _NEARLY_FULL:
            return KnownError("database.disk_full", path=where)
        if path is not None and not _writable(path):
            return KnownError("database.read_only", path=where)
        return KnownError("database.io_error", path=where, detail=text)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in low \
            or "malformed" in low:
        return KnownError("database.unreadable", detail=text)
    return None


def _postgres_error(exc: BaseException, connecting: bool) -> KnownError | None:
    state = str(getattr(exc, "sqlstate", "") or "")
    text = str(exc).strip()
    low = text.lower()
    first_line = text.splitlines()[0] if text else ""
    if state == "53100" or "no space left on device" in low:
        return KnownError("database.disk_full", path="")
    if state == "25006":  # read_only_sql_transaction
        return KnownError("database.read_only", path="")
    if state in ("55P03", "40P01"):  # lock timeout (database.PG_LOCK_TIMEOUT_MS), deadlock
        return KnownError("database.busy")
    if state == "57014":  # statement timeout (database.PG_STATEMENT_TIMEOUT_MS)
        return KnownError("database.too_slow")
    if state.startswith("08") or state in ("57P01", "57P02", "57P03") \
            or any(t in low for t in _PG_UNREACHABLE_TEXT) \
            or (connecting and type(exc).__name__ == "OperationalError" and not state):
        return KnownError("database.unreachable", detail=first_line)
    return None


def known_error(exc: BaseException, backend: str, path: Path | None = None,
                connecting: bool = False) -> KnownError | None:
    """The ``KnownError`` a driver exception stands for, or None (a bug, or a data problem
    such as a broken constraint, which the caller reports itself)."""
    if backend == "sqlite":
        return _sqlite_error(exc, path)
    if backend == "postgresql":
        return _postgres_error(exc, connecting)
    return None


def install(engine: Engine) -> None:
    """Raise the mapped ``KnownError`` instead of the driver's error, on every statement,
    commit and connection of ``engine``."""
    backend = engine.url.get_backend_name()
    path = sqlite_path(engine.url.database) if backend == "sqlite" else None

    def on_error(context: ExceptionContext) -> None:
        original = context.original_exception
        connecting = context.connection is None or context.is_disconnect
        known = known_error(original, backend, path, connecting)
        if known is not None:
            raise known from original

    event.listen(engine, "handle_error", on_error)

