"""Putting a restored SQLite database (and its attachments folder) in place.

The current database is kept beside the restored one under ``<name>.before-restore-<stamp>``;
the replacement itself is one atomic rename, so at no moment is there no database under the
real name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from reception_desk.storage.backup.common import fsync_folder
from reception_desk.storage.backup.common import os_errors


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
