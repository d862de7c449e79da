"""Sentences about backups and restores (issue 11): the window, the automatic backups and the
``backup`` / ``restore`` commands word them alike. Vietnamese in parts/backup.po.

``PHASES`` names what a running backup or restore is doing (progress lines of the window and the
command line); those are not error codes, so they are kept apart from ``MESSAGES``.
"""

from __future__ import annotations

from reception_desk.i18n import N_
from reception_desk.i18n import _

MESSAGES: dict[str, str] = {
    "backup.cancelled": N_("Stopped. Nothing was changed."),
    "backup.disk_full": N_(
        "There is not enough free space for {path}. Free some space or choose another folder; "
        "nothing was changed."
    ),
    "backup.read_only": N_(
        "Cannot write to {path}: the folder or the USB stick is read-only, or this user may not "
        "write there. Nothing was changed."
    ),
    "backup.folder_missing": N_(
        "The folder {path} does not exist (is the USB stick plugged in?). Nothing was changed."
    ),
    "backup.not_a_folder": N_("{path} is a file, not a folder."),
    "backup.is_folder": N_("{path} is a folder: choose a backup file."),
    "backup.file_missing": N_("The file {path} does not exist."),
    "backup.io_error": N_("{path} could not be read or written ({detail}). Nothing was changed."),
    "backup.exists": N_("The file {path} already exists; it was not replaced."),
    "backup.no_database": N_("There is no database at {location}."),
    "backup.not_a_backup": N_("This file is not a Reception Desk backup."),
    "backup.damaged": N_(
        "This backup file is damaged (cut short or altered) and cannot be used. Nothing was "
        "changed: choose another backup."
    ),
    "backup.format_too_new": N_(
        "This backup was made by a newer version of Reception Desk (backup format {version}, "
        "this version reads up to {supported}). Install that version to use it."
    ),
    "backup.too_new": N_(
        "This backup holds a database of a newer version of Reception Desk (schema {revision}, "
        "this version knows up to {head}). Install that version to restore it; nothing was "
        "changed."
    ),
    "backup.passphrase_required": N_("This backup is protected by a passphrase: enter it."),
    "backup.passphrase_mismatch": N_("The two passphrases differ. Nothing was written."),
    "backup.wrong_passphrase": N_(
        "Wrong passphrase: this backup does not open with it. Nothing was changed."
    ),
    "backup.keep_invalid": N_("Keep between 1 and {max} days of automatic backups."),
    "backup.pg_tools_missing": N_(
        "The PostgreSQL tools ({tool}) are not installed on this computer, so the shared database "
        "cannot be backed up or restored from here. Install the PostgreSQL client tools, or "
        "follow “Backup and restore” in the README."
    ),
    "backup.pg_failed": N_("{tool} failed: {detail}. Nothing was changed."),
    "restore.check_failed": N_(
        "The database inside this backup does not pass the check ({problems}). It was not "
        "restored; nothing was changed."
    ),
    "restore.in_use": N_(
        "The database is still open in another Reception Desk or program. Close it everywhere "
        "else, then restore again; nothing was changed."
    ),
    "restore.backend_mismatch": N_(
        "This backup is of a {backup} database but the open database is {database}: restore it "
        "into the same kind of database."
    ),
    "restore.pg_cannot_create": N_(
        "The database server refused to create the temporary database a restore is checked in "
        "({detail}). Ask the server's administrator, or follow “Backup and restore” in the "
        "README."
    ),
    "restore.would_replace": N_(
        "{location} already holds a database. Add --force to replace it (it is kept beside the "
        "restored one)."
    ),
}

#: What a backup or restore is doing, by the phase its ``progress(phase, done, total)`` reports.
PHASES: dict[str, str] = {
    "snapshot": N_("Copying the database"),
    "write": N_("Writing the backup"),
    "read": N_("Reading the backup"),
    "extract": N_("Unpacking the backup"),
    "restore": N_("Restoring into the server"),
    "check": N_("Checking the restored database"),
    "swap": N_("Putting the restored database in place"),
}


def phase_label(phase: str) -> str:
    """The phase's name in the user's language (an unknown phase reads as itself)."""
    msgid = PHASES.get(phase)
    return _(msgid) if msgid is not None else phase
