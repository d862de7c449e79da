"""Sentences of a logbook import: the whole file is refused, with one line per problem.

``import.invalid`` carries the line problems in ``errors`` (dicts with ``line`` and ``code``);
``message_for`` lists them under its sentence. Vietnamese in parts/app.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "import.bad_json": N_("Line {line}: not valid JSON."),
    "import.bad_value": N_("Line {line}: the value of “{key}” is not valid."),
    "import.invalid": N_("The file cannot be imported; nothing was changed."),
    "import.interrupted": N_(
        "The import stopped after {written} of {total} records: another counter saved a record "
        "the file also holds. The records already written stay; fix the file and import it "
        "again (what was written is recognised, not duplicated)."
    ),
    "import.cancelled": N_(
        "The import was cancelled after {written} of {total} records. The records already "
        "written stay; import the same file again to complete it (nothing is duplicated)."
    ),
    # A masked export (issue 10): a file for reading, never a source.
    "import.masked_file": N_(
        "This file was exported with identities masked: it can be read but not imported "
        "(nothing was changed). Import a full export (reception-desk export "
        "--with-identities --reason …)."
    ),
    "import.missing_key": N_("Line {line}: “{key}” is missing."),
    "import.not_logbook": N_("Line {line}: this file is not a logbook exported by Reception Desk."),
    "import.not_object": N_("Line {line}: not a record."),
    "import.number_taken": N_("Line {line}: number {value} is already used by another record."),
    "import.unknown_reference": N_(
        "Line {line}: “{key}” refers to a record that is neither in the file nor in the "
        "database."
    ),
    "import.setting_invalid": N_(
        "Line {line}: the setting “{key}” does not have the shape this program reads."
    ),
    "import.setting_unknown": N_("Line {line}: this program has no setting “{key}”."),
    "import.unknown_type": N_("Line {line}: unknown record type “{type}”."),
    "import.version_too_new": N_(
        "Line {line}: the file was written by a newer version (format {version}; this version "
        "reads up to {supported})."
    ),
}
