"""Sentences about the database and the command line: opening, integrity check, demo data.

``check.*`` are the findings of ``reception-desk check``. Vietnamese in parts/cli.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "check.counter_behind": N_("The {year} counter is behind the highest number {max}."),
    "check.damaged": N_("The database is damaged: {detail}"),
    "check.foreign_key": N_("Broken reference in table {table}."),
    "check.integrity": N_("Integrity problem: {detail}"),
    "check.not_migrated": N_(
        "The database schema {revision} is older than {head}: open it with the app to upgrade "
        "it."
    ),
    "check.stt_gap": N_(
        "Logbook numbering of {year} has gaps: {count} visits, highest number {max}."
    ),
    "check.table_missing": N_("The table {table} is missing: the database is damaged."),
    "check.too_new": N_("The database is newer than this program (schema {revision})."),
    "cli.deadline_arguments_missing": N_(
        "Give the kind and the start date, e.g.: deadline complaint-acceptance 2026-02-10. "
        "Kinds: {choices}."
    ),
    "cli.deadline_date_invalid": N_(
        "\"{value}\" is not a date: write it as YYYY-MM-DD, e.g. 2026-02-10."
    ),
    "cli.deadline_extensions_invalid": N_("\"{value}\" is not a number of extensions (0, 1 or 2)."),
    "cli.deadline_kind_unknown": N_("Unknown kind \"{value}\". Use one of: {choices}."),
    "database.busy": N_(
        "Another counter is saving and the database is busy: nothing was saved. Try again in a "
        "moment; what you typed is kept."
    ),
    "database.too_slow": N_(
        "The database server took too long to answer and the work was stopped: nothing was "
        "saved. Try again; if it happens again, ask the administrator to check the server."
    ),
    "database.cannot_open": N_("The database file {path} cannot be opened ({detail})."),
    "database.disk_full": N_(
        "The disk holding the database is full: nothing was saved. Free some space (or ask the "
        "administrator) and try again; what you typed is kept."
    ),
    "database.io_error": N_(
        "The disk reported an error while reading or writing the database {path}: nothing was "
        "saved ({detail})."
    ),
    "database.is_folder": N_("{path} is a folder, not a database file."),
    "database.not_found": N_(
        "Database not found: {path}. Check the --database path (nothing was created)."
    ),
    "database.read_only": N_(
        "The database cannot be changed: the file or its folder is read-only. Nothing was saved; "
        "ask the administrator to allow writing there."
    ),
    "database.unreachable": N_(
        "The database server cannot be reached ({detail}). Check the network and that the "
        "server is running; nothing was changed."
    ),
    "database.foreign": N_(
        "This database holds tables that are not Reception Desk's; it was not changed."
    ),
    "database.too_new": N_(
        "This database was made by a newer version of Reception Desk (schema {revision}, this "
        "program knows up to {head}). Update the program; the database was not changed."
    ),
    "database.unreadable": N_(
        "The database cannot be read: it is damaged or not a Reception Desk database "
        "({detail})."
    ),
    "database.unsupported_url": N_("Unsupported database address: {url}"),
    "demo.real_records": N_(
        "This database holds real records ({visits} visits not made by the demo): demo data "
        "is only added to an empty database or one the demo made."
    ),
    "demo.too_many": N_("The number of visits must be between 1 and 10,000,000."),
    "demo.too_many_cases": N_(
        "The number of cases must be between 0 and the number of visits ({visits})."
    ),
    "file.disk_full": N_("The disk is full: {path} could not be written. Free some space."),
    "file.failed": N_("The file {path} could not be used ({detail})."),
    "file.folder_missing": N_("The folder of {path} does not exist."),
    "file.is_folder": N_("{path} is a folder, not a file."),
    "file.no_access": N_("The file {path} cannot be read: access is denied."),
    "file.not_found": N_("File not found: {path}."),
    "file.read_only": N_("{path} cannot be written: the place is read-only or access is denied."),
}
