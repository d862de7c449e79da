"""The snapshot of an SQLite database, taken with SQLite's online backup API inside one
read transaction: it holds exactly what was committed when it started, even while counters keep
saving (copying the file is not a backup: in WAL mode the newest visits are still in the
``-wal`` file).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from sqlalchemy import Engine

from reception_desk.errors import KnownError
from reception_desk.storage.backup.common import SQLITE_MEMBER
from reception_desk.storage.backup.common import BackupCancelled
from reception_desk.storage.backup.common import Cancelled
from reception_desk.storage.backup.common import Progress
from reception_desk.storage.backup.common import environment_error
from reception_desk.storage.backup.common import never
from reception_desk.storage.backup.common import no_progress
from reception_desk.storage.backup.encryption import copy_into
from reception_desk.storage.backup.encryption import plain_chunks
from reception_desk.storage.backup.manifest import Member
from reception_desk.storage.backup.manifest import Summary
from reception_desk.storage.backup.manifest import summarize

#: Pages copied per step of the SQLite online backup (4 MiB with 4 KiB pages): one progress
#: report and one cancel check per step.
PAGES_PER_STEP = 1024


def sqlite_snapshot(engine: Engine, dest: Path, progress: Progress = no_progress,
                    cancelled: Cancelled = never) -> Summary:
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
                return summarize(lambda sql: target.execute(sql).fetchone())
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


def pack_sqlite(engine: Engine, zf: zipfile.ZipFile, key: bytes | None, members: list[Member],
                 progress: Progress, cancelled: Cancelled, work_folder: Path | None) -> Summary:
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
            members.append(copy_into(zf, SQLITE_MEMBER, plain_chunks(fh), key, True,
                                      lambda done: progress("write", done, total), cancelled))
        return snap
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
