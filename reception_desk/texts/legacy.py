"""Sentences of the old-logbook import (issue 15): the file, the mapping, each row's problems
(the column is named by the report around them) and what was converted on the way in.
Vietnamese in parts/legacy.po."""

from __future__ import annotations

from typing import Any

from reception_desk.domain.legacy_layout import Layout
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.problems import Problem
from reception_desk.i18n import N_
from reception_desk.i18n import _

MESSAGES: dict[str, str] = {
    # --- the file and the mapping
    "legacy.file_unsupported": N_(
        "“{file}” is not a spreadsheet this program reads (.xlsx, .xls, .ods or .csv)."),
    "legacy.file_unreadable": N_("“{file}” cannot be read: {reason}"),
    "legacy.sheet_unknown": N_("“{file}” has no sheet “{sheet}”."),
    "legacy.no_header": N_(
        "No logbook heading was recognised on sheet “{sheet}” of “{file}”: map the columns "
        "by hand (a mapping file or the import wizard)."),
    "legacy.mapping_incomplete": N_("The mapping names no column for the citizen's name."),
    "legacy.mapping_invalid": N_("“{file}” is not a column mapping: {reason}"),
    "legacy.mapping_unwritable": N_("The mapping cannot be saved to “{file}”: {reason}"),
    "legacy.rejected_unwritable": N_("The rejected rows cannot be written to “{file}”: {reason}"),
    # --- the import
    "legacy.rows_have_problems": N_(
        "{count} rows have problems: fix them in the file, or skip them (they go to the "
        "rejected-rows file). Nothing was written."),
    "legacy.nothing_to_import": N_("“{file}” holds no row that can be imported."),
    "legacy.cancelled": N_(
        "The import was cancelled after {written} of {total} rows. What was written is import "
        "no. {batch}: undo it, or keep it."),
    "legacy.staff_unknown": N_("There is no staff member no. {id}."),
    "legacy.no_staff": N_(
        "Imported visits need a receiving officer: add a staff member in Settings first."),
    "legacy.batch_unknown": N_("There is no import no. {batch}."),
    "legacy.batch_undone": N_("Import no. {batch} has already been undone."),
    # --- a row's problems (they keep the row out)
    "legacy.date_required": N_("the reception date is missing."),
    "legacy.date_invalid": N_("“{value}” is not a date."),
    "legacy.date_in_future": N_("the reception date {value} is after today."),
    "legacy.date_too_old": N_("the reception date {value} is before {earliest}."),
    "legacy.name_required": N_("the citizen's name is missing."),
    "legacy.name_invalid": N_("“{value}” is not a name."),
    "legacy.name_too_long": N_("the name is longer than {max} characters."),
    "legacy.id_invalid": N_(
        "“{value}” is not an ID number (12 digits for a CCCD, 9 for a CMND)."),
    "legacy.content_required": N_("the content is missing."),
    "legacy.type_required": N_("the type of petition is missing."),
    "legacy.type_unmapped": N_(
        "“{value}” is not a type of petition (complaint, denunciation, petition, reflection)."),
    "legacy.people_invalid": N_("“{value}” is not a number of people."),
    # --- what was changed on the way in (shown, never refused)
    "legacy.converted": N_("converted from {encoding}: “{text}”."),
    "legacy.name_unaccented": N_("“{value}” has no diacritics: kept as the old book wrote it."),
    "legacy.id_restored": N_("the ID number lost its leading zero: read as {value}."),
    "legacy.field_unmapped": N_("“{value}” is not one of the office's fields: left empty."),
    "legacy.direction_unmapped": N_("“{value}” is not a handling direction: filed."),
    "legacy.direction_filed": N_("no handling direction in the old book: recorded as filed."),
}

#: The frame of a row's problem in a report: the sheet row, the column letter, the sentence.
ROW_PROBLEM = N_("Row {row}, column {column}: {problem}")
ROW_PROBLEM_NO_COLUMN = N_("Row {row}: {problem}")
REJECTED_HEADING = (N_("Row"), N_("Problems"))

FIELD_NAMES: dict[LegacyField, str] = {
    LegacyField.STT: N_("No. (STT in the old book)"),
    LegacyField.DATE: N_("Reception date"),
    LegacyField.NAME_ADDRESS: N_("Name and address"),
    LegacyField.NAME: N_("Citizen's name"),
    LegacyField.ADDRESS: N_("Address"),
    LegacyField.ID_NUMBER: N_("ID number"),
    LegacyField.CONTENT: N_("Content"),
    LegacyField.TYPE_PEOPLE: N_("Type / number of people"),
    LegacyField.TYPE: N_("Type of petition"),
    LegacyField.PEOPLE: N_("Number of people"),
    LegacyField.FIELD: N_("Field"),
    LegacyField.PRIOR_BODIES: N_("Bodies that handled it before"),
    LegacyField.ACCEPT: N_("Accepted (tick)"),
    LegacyField.WITHIN_COMPETENCE: N_("Within competence (tick)"),
    LegacyField.GUIDE: N_("Returned and guided (tick or body)"),
    LegacyField.TRANSFER: N_("Transferred (tick or body)"),
    LegacyField.DIRECTION: N_("Handling direction (words)"),
    LegacyField.FOLLOW_UP: N_("Follow-up"),
    LegacyField.NOTES: N_("Notes"),
    LegacyField.IGNORE: N_("(not imported)"),
}

LAYOUT_NAMES: dict[Layout, str] = {
    Layout.TT04_2021: N_("TT 04/2021 logbook (12 columns)"),
    Layout.ND154_2026: N_("NĐ 154/2026 logbook (13 columns)"),
    Layout.OTHER: N_("another layout"),
}

ENCODING_NAMES: dict[str, str] = {"tcvn3": "TCVN3", "vni": "VNI", "unicode": "Unicode"}


def field_name(f: LegacyField) -> str:
    return _(FIELD_NAMES[f])


def layout_name(layout: Layout) -> str:
    return _(LAYOUT_NAMES[layout])


class _Params(dict[str, Any]):
    """A row problem's parameters (texts and whole numbers, already as the book wrote them);
    a missing one reads as nothing rather than breaking the sentence."""

    def __missing__(self, key: str) -> str:
        return ""


def describe(problem: Problem) -> str:
    """A row's problem or note as a sentence (without its row and column)."""
    msgid = MESSAGES.get(problem.code)
    if msgid is None:
        return problem.code
    return _(msgid).format_map(_Params(problem.params))


def row_line(row: int, problem: Problem) -> str:
    """"Dòng 7, cột C: thiếu họ tên công dân." — a problem where the clerk finds it."""
    if problem.field:
        return _(ROW_PROBLEM).format(row=row, column=problem.field, problem=describe(problem))
    return _(ROW_PROBLEM_NO_COLUMN).format(row=row, problem=describe(problem))


def rejected_heading() -> tuple[str, str]:
    return _(REJECTED_HEADING[0]), _(REJECTED_HEADING[1])


def undone_line(batch: int, visits: int, citizens: int) -> str:
    """What undoing an import voided (the wizard's and the command line's summary)."""
    return _("Import no. {batch} undone: {visits} visits and {citizens} registry records that "
             "only this import had made voided.").format(batch=batch, visits=visits,
                                                         citizens=citizens)


def undo_question(batch: int, visits: int) -> str:
    """The wizard asks before undoing an import."""
    return _("Undo import no. {batch}? Its {visits} visits, and the registry records that exist "
             "only because of it, are voided (nothing is deleted).").format(batch=batch,
                                                                           visits=visits)
