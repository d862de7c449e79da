"""Sentences about the database and the command line: opening, integrity check, demo data.

``check.*`` are the findings of ``reception-desk check``. Vietnamese in parts/cli.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "check.counter_behind": N_("The {year} counter is behind the highest number {max}."),
    "check.foreign_key": N_("Broken reference in table {table}."),
    "check.integrity": N_("Integrity problem: {detail}"),
    "check.not_migrated": N_(
        "The database schema {revision} is older than {head}: open it with the app to upgrade "
        "it."
    ),
    "check.stt_gap": N_(
        "Logbook numbering of {year} has gaps: {count} visits, highest number {max}."
    ),
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
    "demo.too_many": N_("The number of visits must be between 1 and 10,000,000."),
    "demo.too_many_cases": N_(
        "The number of cases must be between 0 and the number of visits ({visits})."
    ),
}
