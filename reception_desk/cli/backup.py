"""``reception-desk backup FILE`` and ``reception-desk restore FILE`` (README "Backup and restore").

``backup`` writes one backup file of the database (refusing an existing FILE without
``--force``); ``restore`` verifies a backup, keeps the current database beside it and swaps the
backup in (refusing to replace a database that exists without ``--force``). Progress goes to
stderr. A passphrase is asked for on the terminal (``--encrypt`` for a new backup; an encrypted
backup when restoring), or read from ``RECEPTION_DESK_PASSPHRASE`` in scripts.
Exit codes: 0 done, 2 refused (the message says why; nothing was changed).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import for_command_line
from reception_desk.cli.auth import signed_in_desk
from reception_desk.config import OFFICE_TZ
from reception_desk.config import resolve_database_url
from reception_desk.domain.access import Permission
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.office.backup import Backups
from reception_desk.storage.backup.opening import open_to_back_up
from reception_desk.storage.backup.opening import open_to_restore
from reception_desk.storage.database import Database
from reception_desk.texts import format_count
from reception_desk.texts import message_for
from reception_desk.texts.backup import phase_label

NAME = "backup"
PASSPHRASE_ENV = "RECEPTION_DESK_PASSPHRASE"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("write a backup of the database to FILE"))
    p.add_argument("file", type=Path, metavar="FILE", help=_("the backup file to write"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.add_argument("--encrypt", action="store_true",
                   help=_("protect the backup with a passphrase (asked twice, or taken from "
                          "RECEPTION_DESK_PASSPHRASE)"))


def add_restore_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("restore", parents=[common],
                       help=_("replace the database by a verified backup FILE"))
    p.add_argument("file", type=Path, metavar="FILE", help=_("the backup file to restore"))
    p.add_argument("--force", action="store_true",
                   help=_("replace a database that exists (it is kept beside the restored one)"))


class _Progress:
    """One line on stderr per phase, redrawn in place: a bar when the total is known."""

    def __init__(self) -> None:
        self._phase = ""
        self._percent = -1

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self._phase:
            self.end()
            self._phase, self._percent = phase, -1
        label = phase_label(phase)
        if total > 0:
            percent = min(100, done * 100 // total)
            if percent == self._percent:
                return
            self._percent = percent
            filled = percent * 30 // 100
            line = f"{label} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%"
        else:
            line = f"{label}… {format_count(done // 1_000_000)} MB" if done else f"{label}…"
        sys.stderr.write("\r" + line)
        sys.stderr.flush()

    def end(self) -> None:
        if self._phase:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._phase = ""


def _passphrase(prompt: str, confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    first = getpass.getpass(prompt)
    if not first:
        raise KnownError("backup.passphrase_required")
    if confirm and getpass.getpass(_("Type the passphrase again: ")) != first:
        raise KnownError("backup.passphrase_mismatch")
    return first


def _size(size: int) -> str:
    return _("{size} MB").format(size=format_count(max(1, round(size / 1_000_000))))


@contextmanager
def _office(open_database: Callable[[str], Database], args: argparse.Namespace,
            close: Callable[[Database], None]) -> Iterator[tuple[Desk, _Progress]]:
    """The office's database opened by ``open_database``, acted on by the command line, with a
    progress line; closed by ``close`` and the progress line ended however the work ends."""
    progress = _Progress()
    db = open_database(resolve_database_url(args.database))
    desk = Desk(db)
    try:
        yield desk, progress
    finally:
        progress.end()
        close(db)


def _refused(exc: UserError | KnownError) -> int:
    print(message_for(for_command_line(exc)), file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        with _office(open_to_back_up, args, Database.dispose) as (desk, progress):
            signed_in_desk(args, desk.db, Permission.BACKUP_RESTORE, desk=desk,
                           system_without_accounts=True)
            if args.file.exists() and not args.force and not args.file.is_dir():
                raise KnownError("backup.exists", path=str(args.file))
            passphrase = _passphrase(_("Passphrase for the backup: "), confirm=True) \
                if args.encrypt else None
            info = Backups(desk).back_up_to(args.file.resolve(), passphrase=passphrase,
                                            overwrite=args.force, progress=progress)
    except (UserError, KnownError) as exc:
        return _refused(exc)
    print(_("Backup written to {file}: {visits} visits, {size}{encrypted}.").format(
        file=info.path, visits=format_count(info.visits or 0), size=_size(info.size),
        encrypted=_(", protected by a passphrase") if info.encrypted else ""))
    return 0


def _dispose_engine(db: Database) -> None:
    db.engine.dispose()  # not db.dispose(): it would open (and so create) the file


def run_restore(args: argparse.Namespace) -> int:
    try:
        with _office(open_to_restore, args, _dispose_engine) as (desk, progress):
            backups = Backups(desk)
            if backups.holds_data():  # the database it replaces says who may
                signed_in_desk(args, desk.db, Permission.BACKUP_RESTORE, desk=desk,
                               system_without_accounts=True)
            else:  # a new place: nobody could sign in there yet
                desk.act_for(None)
            info = backups.describe(args.file)
            if backups.holds_data() and not args.force:
                raise KnownError("restore.would_replace", location=desk.location)
            passphrase = _passphrase(_("Passphrase of the backup: "), confirm=False) \
                if info.encrypted else None
            result = backups.restore(args.file, passphrase, progress=progress)
    except (UserError, KnownError) as exc:
        return _refused(exc)
    created = result.backup.created_at.astimezone(OFFICE_TZ).strftime("%d/%m/%Y %H:%M")
    print(_("Restored the backup of {date} ({visits} visits) into {location}.").format(
        date=created, visits=format_count(result.backup.visits or 0), location=desk.location))
    if result.kept:
        print(_("The database it replaced is kept as {kept}.").format(kept=result.kept))
    return 0
