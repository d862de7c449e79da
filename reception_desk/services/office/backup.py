"""Backup and restore use cases (issue 11): back up now, automatic backups with rotation, list,
verify, restore.

The file format and the mechanics live in the ``storage.backup`` package; this module decides
where backups go, how many are kept, and that a restore is verified before anything changes.
``Backups`` is built over a ``DeskContext`` (the open database, the clock, the acting user).

Permissions (not built yet): only an administrator may make a backup by hand, restore, or change
the backup policy. Each action has exactly one entry point on ``Backups``, where the check goes
so every door (window, command line) gets it: ``back_up_to`` (``back_up_now`` goes through it),
``restore``, ``save_policy``. ``automatic_backup`` runs for every user at closing and daily;
``list_backups``, ``describe`` and ``verify`` only read.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy.orm import Session

from reception_desk import __version__
from reception_desk.config import OFFICE_TZ
from reception_desk.config import sqlite_url
from reception_desk.domain.access import Permission
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.paths import user_data_dir
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.facade import Facade
from reception_desk.services.office.maintenance import check_database
from reception_desk.storage import repositories as repo
from reception_desk.storage.backup import archive
from reception_desk.storage.backup import postgresql as pg
from reception_desk.storage.backup import swap
from reception_desk.storage.backup.common import SUFFIX
from reception_desk.storage.backup.common import BackupCancelled
from reception_desk.storage.backup.common import Cancelled
from reception_desk.storage.backup.common import Progress
from reception_desk.storage.backup.common import attachments_folder
from reception_desk.storage.backup.common import check_folder
from reception_desk.storage.backup.common import database_name
from reception_desk.storage.backup.common import environment_error
from reception_desk.storage.backup.common import never
from reception_desk.storage.backup.common import no_progress
from reception_desk.storage.backup.common import os_errors
from reception_desk.storage.backup.common import stamp_of
from reception_desk.storage.backup.encryption import unlock
from reception_desk.storage.backup.manifest import Manifest
from reception_desk.storage.backup.manifest import read_manifest
from reception_desk.storage.backup.opening import open_to_restore
from reception_desk.storage.database import Database
from reception_desk.storage.database import DatabaseFault
from reception_desk.storage.database import schema_state
from reception_desk.storage.database import upgrade
from reception_desk.storage.schema_version import KNOWN_REVISIONS

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

log = logging.getLogger(__name__)

SETTING_KEY = "backup"
DEFAULT_KEEP = 10
MAX_KEEP = 365

__all__ = ["BackupCancelled", "BackupInfo", "BackupPolicy", "Backups", "RestoreResult",
           "VerifyResult"]


# --- the office's policy ----------------------------------------------------------------------


@dataclass(frozen=True)
class BackupPolicy:
    """How many days of automatic backups are kept, and where (empty: the user-data folder)."""

    keep: int = DEFAULT_KEEP
    folder: str = ""


def get_policy(session: Session) -> BackupPolicy:
    """The stored policy; a missing or malformed setting reads as the defaults."""
    value = repo.get_setting(session, SETTING_KEY)
    if not isinstance(value, dict):
        return BackupPolicy()
    keep = value.get("keep")
    folder = value.get("folder")
    return BackupPolicy(
        keep=keep if isinstance(keep, int) and not isinstance(keep, bool)
        and 1 <= keep <= MAX_KEEP else DEFAULT_KEEP,
        folder=folder.strip() if isinstance(folder, str) else "",
    )


def save_policy(session: Session, policy: BackupPolicy, actor: Actor,
                now: datetime, expected_version: int | None = None) -> Changes:
    """Store the policy, audited in the same transaction. ``expected_version``: the setting's
    version the screen read; another counter's save since is refused with
    ``setting.changed_elsewhere`` (repositories.put_setting)."""
    require_aware(now)
    if not 1 <= policy.keep <= MAX_KEEP:
        raise UserError("backup.keep_invalid", field="keep", max=MAX_KEEP)
    folder = policy.folder.strip()
    if folder:
        check_folder(Path(folder))
    value = {"keep": policy.keep, "folder": folder}
    before = repo.put_setting(session, SETTING_KEY, value, at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=SETTING_KEY, before=before, after=value)
    return Changes(settings={SETTING_KEY})


# --- what the screens are given ---------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as listed for the user (``problem``: why it cannot be used)."""

    path: Path
    created_at: datetime
    size: int
    app_version: str = ""
    schema_revision: str | None = None
    backend: str = ""
    database_name: str = ""
    encrypted: bool = False
    visits: int | None = None
    last_visit_at: str | None = None
    reason: str = ""
    problem: KnownError | None = None

    @classmethod
    def of(cls, path: Path, manifest: Manifest) -> BackupInfo:
        return cls(path=path, created_at=manifest.created_at, size=_size(path),
                   app_version=manifest.app_version, schema_revision=manifest.schema_revision,
                   backend=manifest.backend, database_name=manifest.database_name,
                   encrypted=manifest.encrypted, visits=manifest.visits,
                   last_visit_at=manifest.last_visit_at, reason=manifest.reason)


@dataclass(frozen=True)
class VerifyResult:
    """``checked``: the database inside was opened and passed ``check`` (False: only the
    checksums were compared, e.g. an encrypted backup verified without its passphrase)."""

    backup: BackupInfo
    checked: bool


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup used and where the replaced database was kept."""

    backup: BackupInfo
    kept: str | None
    kept_attachments: Path | None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- file names and rotation ------------------------------------------------------------------


def default_folder(url: str) -> Path:
    """``<user-data>/backups/<database name>/``."""
    return user_data_dir() / "backups" / database_name(url)


def backup_file_name(url: str, moment: datetime) -> str:
    """``<database name>-YYYY-MM-DD-HHMMSS.rdbackup`` in office time, sortable and readable."""
    local = moment.astimezone(OFFICE_TZ)
    return f"{database_name(url)}-{local:%Y-%m-%d-%H%M%S}{SUFFIX}"


def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(name)}-(\d{{4}}-\d{{2}}-\d{{2}})-(\d{{6}})(?:-(\d+))?"
                      rf"{re.escape(SUFFIX)}$")


def _dated(folder: Path, name: str) -> list[tuple[date, str, Path]]:
    pattern = _name_pattern(name)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = pattern.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append((day, f"{match.group(2)}-{int(match.group(3) or 0):04d}", path))
    return found


def rotate(folder: Path, name: str, keep: int) -> list[Path]:
    """Keep the newest automatic backup of each of the last ``keep`` days that have one; delete
    the others (only files named like automatic backups of this database). Returns the deleted."""
    newest: dict[date, tuple[str, Path]] = {}
    every = _dated(folder, name)
    for day, moment, path in every:
        if day not in newest or moment > newest[day][0]:
            newest[day] = (moment, path)
    kept = {newest[day][1] for day in sorted(newest, reverse=True)[:keep]}
    deleted = []
    for _day, _moment, path in every:
        if path not in kept:
            try:
                path.unlink()
                deleted.append(path)
            except OSError:
                log.warning("Could not delete the old backup %s", path, exc_info=True)
    return deleted


def _free_target(folder: Path, file_name: str) -> Path:
    target = folder / file_name
    number = 1
    while target.exists():
        number += 1
        stem = file_name[: -len(SUFFIX)]
        target = folder / f"{stem}-{number}{SUFFIX}"
    return target


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every ``.rdbackup`` file in ``folder``, newest first; unreadable ones come last and carry
    their problem (damaged, not a backup, newer format) instead of failing the whole list."""
    found: list[BackupInfo] = []
    try:
        entries = [p for p in folder.iterdir()
                   if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()]
    except OSError:
        return []
    for path in entries:
        try:
            found.append(BackupInfo.of(path, read_manifest(path)))
        except KnownError as exc:
            moment = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            found.append(BackupInfo(path=path, created_at=moment, size=_size(path), problem=exc))
    usable = sorted((i for i in found if i.problem is None), key=lambda i: i.created_at,
                    reverse=True)
    return usable + [i for i in found if i.problem is not None]


# --- opening a database for the command line ------------------------------------------------


def desk_for_restore(url: str) -> Desk:
    """A Desk over a database that could not be opened (damaged), for restoring a backup."""
    from reception_desk.services.desk import Desk

    return Desk(open_to_restore(url))


# --- checking a restored copy -----------------------------------------------------------------


def _refuse_too_new(manifest: Manifest) -> None:
    revision = manifest.schema_revision
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise KnownError("backup.too_new", revision=revision, head=KNOWN_REVISIONS[-1])


def check_copy(url: str) -> None:
    """Open a restored copy, bring an older schema up to date, and run ``check`` on it: any
    finding refuses the backup (``restore.check_failed``)."""
    copy = Database(url)
    try:
        state = schema_state(copy.engine)
        if not state.known:
            raise KnownError("backup.too_new", revision=state.current or "", head=state.head)
        if state.current is None:
            raise KnownError("restore.check_failed", problems="empty")
        upgrade(copy.engine)
        findings = check_database(copy, full=True)  # a restore is rare: every index too
    except KnownError as exc:
        if exc.code.startswith("database."):
            raise KnownError("restore.check_failed",
                             problems=str(exc.params.get("detail") or exc.code)) from exc
        raise
    except DatabaseFault as exc:  # a file that is no database, or a malformed one
        raise KnownError("restore.check_failed", problems=str(exc.orig or exc)) from exc
    finally:
        copy.dispose()
    if findings:
        raise KnownError("restore.check_failed",
                         problems="; ".join(f.code for f in findings))


# --- the use cases ----------------------------------------------------------------------------


class Backups(Facade):
    """Backup and restore of the database a ``Desk`` has open (built by the window or the CLI).

    Each action below is the one entry point its door calls; the administrator check goes there.
    """

    @property
    def _db(self) -> Database:
        return self._desk.db

    @property
    def _url(self) -> str:
        return self._db.engine.url.render_as_string(hide_password=False)

    # --- policy ------------------------------------------------------------------------------
    def policy_version(self) -> int | None:
        """The policy setting's version, read BEFORE ``policy`` and given back to
        ``save_policy`` (compare-and-set); None when the database cannot be read (a save then
        compares with the version it finds)."""
        try:
            with self._db.read() as s:
                return repo.setting_version(s, SETTING_KEY)
        except (DatabaseFault, KnownError) as exc:
            log.warning("Backup policy version unreadable: %s", exc)
            return None

    def policy(self) -> BackupPolicy:
        """The office's policy; the defaults when the database cannot be read (a damaged
        database is when a restore is needed most)."""
        try:
            with self._db.read() as s:
                return get_policy(s)
        except (DatabaseFault, KnownError) as exc:  # storage words driver trouble as KnownError
            log.warning("Backup policy unreadable, using the defaults: %s", exc)
            return BackupPolicy()

    @needs(Permission.BACKUP_RESTORE)
    def save_policy(self, policy: BackupPolicy, expected_version: int | None = None) -> Changes:
        """Entry point: change the automatic-backup policy (administrator).
        ``expected_version``: the setting's version the screen read (``Desk.setting_version``
        of ``SETTING_KEY``), compared and set."""
        with self._db.session() as s:
            return save_policy(s, policy, self._desk.actor, self._desk.now(), expected_version)

    def automatic_folder(self, policy: BackupPolicy | None = None) -> Path:
        policy = policy or self.policy()
        return Path(policy.folder) if policy.folder else default_folder(self._url)

    def suggested_file_name(self) -> str:
        return backup_file_name(self._url, self._desk.now())

    # --- backing up --------------------------------------------------------------------------
    @needs(Permission.BACKUP_RESTORE)
    def back_up_now(self, folder: Path, passphrase: str | None = None,
                    progress: Progress = no_progress,
                    cancelled: Cancelled = never) -> BackupInfo:
        """"Back up now" into ``folder`` (a USB stick…) under a dated name: ``back_up_to``."""
        if folder == default_folder(self._url):
            with os_errors(folder):  # our own folder: created on first use
                folder.mkdir(parents=True, exist_ok=True)
        check_folder(folder)
        target = _free_target(folder, self.suggested_file_name())
        return self.back_up_to(target, passphrase=passphrase, overwrite=False,
                               progress=progress, cancelled=cancelled)

    @needs(Permission.BACKUP_RESTORE)
    def back_up_to(self, target: Path, passphrase: str | None = None, overwrite: bool = False,
                   progress: Progress = no_progress,
                   cancelled: Cancelled = never) -> BackupInfo:
        """Entry point of a backup made by hand (the window's "Back up now", the command line's
        ``backup FILE``; administrator). An existing file is refused unless ``overwrite``."""
        return self._write(target, passphrase, overwrite, progress, cancelled, "manual")

    def _write(self, target: Path, passphrase: str | None, overwrite: bool, progress: Progress,
               cancelled: Cancelled, reason: str) -> BackupInfo:
        manifest = archive.write_backup(
            self._db.engine, target, app_version=__version__, created_at=self._desk.now(),
            reason=reason, passphrase=passphrase or None, overwrite=overwrite,
            progress=progress, cancelled=cancelled)
        return BackupInfo.of(target, manifest)

    def automatic_backup(self, reason: str, progress: Progress = no_progress,
                         cancelled: Cancelled = never) -> BackupInfo:
        """Entry point of the automatic backup (``reason`` "close" or "daily") into the automatic
        folder, then rotation; made for every user (no administrator check). A failed or
        cancelled backup deletes nothing."""
        policy = self.policy()
        folder = self.automatic_folder(policy)
        if not policy.folder:
            with os_errors(folder):  # our own folder: created on first use
                folder.mkdir(parents=True, exist_ok=True)
        check_folder(folder)
        target = _free_target(folder, self.suggested_file_name())
        info = self._write(target, None, False, progress, cancelled, reason)
        deleted = rotate(folder, database_name(self._url), policy.keep)
        if deleted:
            log.info("Rotated away %d old backups in %s", len(deleted), folder)
        return info

    def daily_backup_due(self) -> bool:
        """True when the automatic folder holds no backup of today (office time)."""
        today = self._desk.now().astimezone(OFFICE_TZ).date()
        dated = _dated(self.automatic_folder(), database_name(self._url))
        return all(day != today for day, _moment, _path in dated)

    # --- looking at backups ------------------------------------------------------------------
    @needs(Permission.BACKUP_RESTORE)
    def list_backups(self, folder: Path | None = None) -> list[BackupInfo]:
        """The backups in ``folder`` (default: the automatic folder), newest first."""
        return list_backups(folder or self.automatic_folder())

    @needs(Permission.BACKUP_RESTORE)
    def describe(self, path: Path) -> BackupInfo:
        return BackupInfo.of(path, read_manifest(path))

    @needs(Permission.BACKUP_RESTORE)
    def verify(self, path: Path, passphrase: str | None = None,
               progress: Progress = no_progress, cancelled: Cancelled = never) -> VerifyResult:
        """Entry point: check a backup without changing anything. The checksums always; with
        the contents readable (plain, or the passphrase given) an SQLite backup is also unpacked,
        opened and passed through ``check``, a PostgreSQL dump read by ``pg_restore --list``."""
        manifest = read_manifest(path)
        _refuse_too_new(manifest)
        info = BackupInfo.of(path, manifest)
        if manifest.encrypted and not passphrase:
            archive.verify_backup(path, None, progress, cancelled)
            return VerifyResult(info, checked=False)
        with _work_folder(self._scratch_parent()) as work:
            extracted = archive.extract_backup(path, work, passphrase, progress, cancelled)
            if manifest.backend == "postgresql":
                pg.pg_list_archive(extracted.database)
                return VerifyResult(info, checked=False)
            progress("check", 0, 0)
            check_copy(sqlite_url(extracted.database))
        return VerifyResult(info, checked=True)

    def _scratch_parent(self) -> Path | None:
        """Unpack beside an SQLite database (its disk has room for a copy; the system's temp
        folder may be a small RAM disk); elsewhere in the temp folder."""
        if self._db.backend == "sqlite" and self._db.engine.url.database:
            folder = Path(self._db.engine.url.database).parent
            if folder.is_dir():
                return folder
        return None

    # --- restoring ---------------------------------------------------------------------------
    def holds_data(self) -> bool:
        """Is there a database a restore would replace? (Asking creates nothing.)"""
        return archive.database_exists(self._db.engine.url)

    @needs(Permission.BACKUP_RESTORE)
    def restore(self, path: Path, passphrase: str | None = None,
                progress: Progress = no_progress, cancelled: Cancelled = never) -> RestoreResult:
        """Entry point: replace the open database by the backup at ``path``.

        The backup is unpacked and checked (checksums, schema not newer than this program, the
        database opened in a work folder and passed through ``check``) before anything changes;
        then the current database is kept beside it (renamed with a time stamp) and the copy
        swapped in. Every connection of this program is closed on the way (the caller reopens
        or restarts); another program or counter still using the database refuses the restore.
        """
        manifest = read_manifest(path)
        _refuse_too_new(manifest)
        if manifest.backend != self._db.backend:
            raise KnownError("restore.backend_mismatch", backup=manifest.backend,
                             database=self._db.backend)
        info = BackupInfo.of(path, manifest)
        unlock(manifest, passphrase)  # a wrong passphrase is told before any work
        now = self._desk.now()
        stamp = stamp_of(now)
        if manifest.backend == "sqlite":
            kept, kept_attachments = self._restore_sqlite(path, passphrase, progress, cancelled,
                                                          stamp)
        else:
            kept, kept_attachments = self._restore_postgresql(path, passphrase, progress,
                                                              cancelled, stamp), None
        result = RestoreResult(info, kept, kept_attachments)
        self._audit_restore(result)
        log.info("Restored %s from %s (kept %s)",
                 self._db.engine.url.render_as_string(hide_password=True), path, kept)
        return result

    def _restore_sqlite(self, path: Path, passphrase: str | None, progress: Progress,
                        cancelled: Cancelled, stamp: str) -> tuple[str | None, Path | None]:
        current = Path(self._db.engine.url.database or "")
        check_folder(current.parent)
        # The work folder sits beside the database, so the final rename is atomic.
        with _work_folder(current.parent) as work:
            extracted = archive.extract_backup(path, work, passphrase, progress, cancelled)
            progress("check", 0, 0)
            check_copy(sqlite_url(extracted.database))
            if cancelled():
                raise BackupCancelled()
            progress("swap", 0, 0)
            self._db.dispose()
            try:
                in_use = swap.sqlite_in_use(current)
            except Exception as exc:  # a damaged current database must not block a restore
                log.warning("Could not checkpoint %s before restoring: %s", current, exc)
                in_use = False
            if in_use:
                raise KnownError("restore.in_use")
            kept = swap.swap_sqlite(current, extracted.database, stamp)
            folder = attachments_folder(self._db.engine.url)
            kept_attachments = None
            if folder is not None and (extracted.attachments is not None or folder.exists()):
                kept_attachments = swap.swap_folder(folder, extracted.attachments, stamp)
        return (str(kept) if kept else None), kept_attachments

    def _restore_postgresql(self, path: Path, passphrase: str | None, progress: Progress,
                            cancelled: Cancelled, stamp: str) -> str | None:
        url = self._db.engine.url
        pg.find_pg_tool("pg_restore")
        tag = stamp.replace("-", "_")
        base = url.database or "reception_desk"
        with _work_folder(None) as work:
            extracted = archive.extract_backup(path, work, passphrase, progress, cancelled)
            pg.pg_list_archive(extracted.database)
            scratch = pg.pg_name(base, f"restoring_{tag}")
            scratch_url = pg.pg_create_scratch(url, scratch)
            swapped = False
            try:
                pg.pg_restore_into(scratch_url, extracted.database, progress)
                progress("check", 0, 0)
                check_copy(scratch_url.render_as_string(hide_password=False))
                if cancelled():
                    raise BackupCancelled()
                progress("swap", 0, 0)
                self._db.dispose()
                if pg.pg_sessions(url) > 0:
                    raise KnownError("restore.in_use")
                kept = pg.pg_swap(url, scratch, pg.pg_name(base, f"before_restore_{tag}"))
                swapped = True
            finally:
                if not swapped:
                    pg.pg_drop(url, scratch)
        return kept

    def _audit_restore(self, result: RestoreResult) -> None:
        after: dict[str, Any] = {
            "file": result.backup.path.name,
            "backup_created_at": result.backup.created_at.isoformat(),
            "kept": result.kept,
        }
        with self._db.session() as s:
            repo.add_audit(s, at=self._desk.now(), actor=self._desk.actor.name,
                           action="restore", entity="database",
                           entity_id=database_name(self._url), after=after)


@contextlib.contextmanager
def _work_folder(beside: Path | None) -> Iterator[Path]:
    """A private work folder (hidden, beside the database when given), always removed."""
    try:
        work = Path(tempfile.mkdtemp(prefix=".rd-restore-", dir=beside))
    except OSError as exc:
        raise environment_error(exc, (beside or Path(tempfile.gettempdir())) / "x") \
            from exc
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)

