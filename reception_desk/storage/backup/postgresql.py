"""PostgreSQL: ``pg_dump --format=custom`` into a backup (one consistent snapshot by
construction), and what a restore needs from the server: a scratch database the dump is restored
and checked in, then one transaction of renames that swaps it in. The tools are found on the
PATH, in Debian's versioned folders or in PostgreSQL's Windows install folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from reception_desk.errors import KnownError
from reception_desk.storage.backup.common import PG_MEMBER
from reception_desk.storage.backup.common import Cancelled
from reception_desk.storage.backup.common import Progress
from reception_desk.storage.backup.common import no_progress
from reception_desk.storage.backup.encryption import copy_into
from reception_desk.storage.backup.encryption import plain_chunks
from reception_desk.storage.backup.manifest import Member
from reception_desk.storage.backup.manifest import Summary
from reception_desk.storage.backup.manifest import summarize

#: Folders holding one ``<version>/bin`` per installed PostgreSQL (Debian's layout).
PG_BIN_ROOTS: tuple[Path, ...] = (Path("/usr/lib/postgresql"),)


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


def libpq_conninfo(url: URL) -> tuple[str, dict[str, str]]:
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


def pack_postgresql(engine: Engine, zf: zipfile.ZipFile, key: bytes | None,
                     members: list[Member], progress: Progress,
                     cancelled: Cancelled) -> Summary:
    tool = find_pg_tool("pg_dump")
    with engine.connect() as conn:
        snap = summarize(lambda sql: conn.execute(text(sql)).first())
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    conninfo, env = libpq_conninfo(engine.url)
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [str(tool), "--format=custom", "--no-owner", "--no-privileges",
             "--dbname", conninfo], stdout=subprocess.PIPE, stderr=errors, env=env)
        try:
            assert proc.stdout is not None
            members.append(copy_into(zf, PG_MEMBER, plain_chunks(proc.stdout), key, False,
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


def pg_restore_into(url: URL, dump: Path, progress: Progress = no_progress) -> None:
    """``pg_restore`` the dump into the (empty) database at ``url``, all or nothing."""
    tool = find_pg_tool("pg_restore")
    conninfo, env = libpq_conninfo(url)
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
