"""A row of an old logbook as a historical record, with its own rules (issue 15).

The counter form's checks (domain/visits.check_visit) refuse a visit before 01/07/2014 and ask
the clerk to look at a name without diacritics: right at the counter, wrong for the past. Old
books hold years before the Law on Citizen Reception and names typed without accents, and they
are what they are: the import keeps them as historical records under these rules instead, and
never through the counter's check, which stays as strict as it was.

Historical rules: a reception day (not after today, not before ``EARLIEST_HISTORICAL``), a name
with a letter in it, a content, a known type of đơn, a readable ID number and people count when
they are given. Everything else is kept as typed. A name without diacritics, a missing handling
direction (stored as "lưu đơn") or converted legacy text is noted, not refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_layout import column_letter
from reception_desk.domain.legacy_text import to_unicode
from reception_desk.domain.legacy_values import DIRECTION_WORDS
from reception_desk.domain.legacy_values import PETITION_WORDS
from reception_desk.domain.legacy_values import LegacyValueError
from reception_desk.domain.legacy_values import is_ticked
from reception_desk.domain.legacy_values import map_word
from reception_desk.domain.legacy_values import parse_id_number
from reception_desk.domain.legacy_values import parse_legacy_date
from reception_desk.domain.legacy_values import parse_people
from reception_desk.domain.legacy_values import split_name_address
from reception_desk.domain.legacy_values import text_of
from reception_desk.domain.names import mangled_words
from reception_desk.domain.problems import Problem
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line

F = LegacyField
# The Ordinance on complaints and denunciations (1991) opened the first books of this kind.
EARLIEST_HISTORICAL = date(1991, 1, 1)
MAX_NAME = 200
MAX_LINE = 500


@dataclass
class LegacyVisit:
    """One row of an old book as it will be stored."""

    row: int  # the sheet's row number, 1-based as Excel shows it
    stt: str = ""
    reception_date: date | None = None
    citizen_name: str = ""
    address: str = ""
    id_doc_type: IdDocType = IdDocType.NONE
    id_number: str = ""
    content: str = ""
    petition_type: PetitionType | None = None
    people_count: int = 1
    field_code: str | None = None
    prior_bodies: str = ""
    direction: HandlingDirection = HandlingDirection.FILE
    within_competence: bool = False
    target_body: str = ""
    follow_up: str = ""
    notes: str = ""
    #: What keeps the row out: each a ``Problem`` whose ``field`` is the column letter.
    problems: list[Problem] = field(default_factory=list)
    #: What was changed on the way in, for the preview: (column, code, detail).
    notes_for_clerk: list[Problem] = field(default_factory=list)
    #: Type or field words no category matched, for the clerk to map: (field, word).
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.reception_date.year if self.reception_date else None


def is_blank_row(cells: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


def first_data_row(rows: Sequence[Sequence[Any]], mapping: Mapping[int, LegacyField],
                   today: date) -> int:
    """Where the data starts on a sheet mapped by hand (no heading recognised): after the
    first non-blank row when it is a row of words whose date column holds no date (the
    home-made heading "Hôm | Ai | Việc gì"), else at that row."""
    date_column = next((c for c, f in mapping.items() if f is F.DATE), None)
    for index, cells in enumerate(rows[:25]):
        if is_blank_row(cells):
            continue
        if not all(isinstance(v, str) for v in cells if v is not None):
            return index
        if date_column is None:
            return index + 1
        try:
            parse_legacy_date(cells[date_column] if date_column < len(cells) else None, today)
        except LegacyValueError:
            return index + 1
        return index
    return 0


def read_row(
    row_number: int,
    cells: Sequence[Any],
    mapping: Mapping[int, LegacyField],
    today: date,
    upper_fonts: Sequence[bool] = (),
    type_words: Mapping[str, PetitionType] | None = None,
    field_words: Mapping[str, str] | None = None,
) -> LegacyVisit:
    """Read one data row through ``mapping`` and check it against the historical rules.

    ``upper_fonts``: per column, whether the cell was typed in a TCVN3 upper-case font.
    ``type_words``/``field_words``: the clerk's own mappings on top of the built-in words.
    """
    visit = LegacyVisit(row_number)
    problems, noted = visit.problems, visit.notes_for_clerk
    columns = {f: col for col, f in mapping.items()}
    types = {**PETITION_WORDS, **(type_words or {})}

    def raw(f: LegacyField) -> Any:
        col = columns.get(f)
        return None if col is None or col >= len(cells) else cells[col]

    def letter(f: LegacyField) -> str:
        return column_letter(columns[f]) if f in columns else ""

    def text(f: LegacyField, block: bool = False) -> str:
        value = raw(f)
        if value is None:
            return ""
        if not isinstance(value, str):
            return text_of(value)
        col = columns[f]
        upper = col < len(upper_fonts) and upper_fonts[col]
        converted = to_unicode(value, upper_font=upper or None)
        if converted.changed:
            noted.append(Problem("legacy.converted", letter(f),
                                    {"encoding": converted.encoding.value.upper(),
                                     "text": converted.text[:60]}))
        return clean_block(converted.text) if block else clean_line(converted.text)

    visit.stt = text(F.STT)
    try:
        visit.reception_date = parse_legacy_date(
            raw(F.DATE) if not isinstance(raw(F.DATE), str) else text(F.DATE), today)
    except LegacyValueError as exc:
        problems.append(Problem(exc.code, letter(F.DATE), exc.params))
    else:
        day = visit.reception_date
        if day is None:
            problems.append(Problem("legacy.date_required", letter(F.DATE)))
        elif day > today:
            problems.append(Problem("legacy.date_in_future", letter(F.DATE),
                                       {"value": day.strftime("%d/%m/%Y")}))
        elif day < EARLIEST_HISTORICAL:
            problems.append(Problem("legacy.date_too_old", letter(F.DATE),
                                       {"value": day.strftime("%d/%m/%Y"),
                                        "earliest": EARLIEST_HISTORICAL.strftime("%d/%m/%Y")}))

    if F.NAME_ADDRESS in columns:
        name, address = split_name_address(text(F.NAME_ADDRESS, block=True))
        name_column = letter(F.NAME_ADDRESS)
    else:
        name, address, name_column = text(F.NAME), "", letter(F.NAME)
    if F.ADDRESS in columns:
        address = text(F.ADDRESS)
    visit.citizen_name, visit.address = name[:MAX_NAME], address[:700]
    if not name:
        problems.append(Problem("legacy.name_required", name_column))
    elif not any(ch.isalpha() for ch in name):
        problems.append(Problem("legacy.name_invalid", name_column, {"value": name}))
    elif len(name) > MAX_NAME:
        problems.append(Problem("legacy.name_too_long", name_column, {"max": MAX_NAME}))
    elif mangled_words(name) or (name.isascii() and any(c.isalpha() for c in name)):
        # Typed without accents in the old book: kept as it was written (module docstring).
        noted.append(Problem("legacy.name_unaccented", name_column, {"value": name}))

    id_value = raw(F.ID_NUMBER)
    if isinstance(id_value, str):
        id_value = text(F.ID_NUMBER)
    try:
        visit.id_doc_type, visit.id_number = parse_id_number(id_value)
    except LegacyValueError as exc:
        problems.append(Problem(exc.code, letter(F.ID_NUMBER), exc.params))
    else:
        typed = text_of(raw(F.ID_NUMBER)).replace(".", "").replace(" ", "")
        if visit.id_number and typed and typed != visit.id_number \
                and visit.id_doc_type in (IdDocType.CITIZEN_ID, IdDocType.LEGACY_CMND):
            noted.append(Problem("legacy.id_restored", letter(F.ID_NUMBER),
                                    {"value": visit.id_number}))

    visit.content = text(F.CONTENT, block=True)
    if not visit.content:
        problems.append(Problem("legacy.content_required", letter(F.CONTENT)))

    type_value: Any = None
    people_value: Any = raw(F.PEOPLE)
    if F.TYPE_PEOPLE in columns:
        combined = text(F.TYPE_PEOPLE, block=True)
        parts = [p.strip() for p in combined.replace("\n", "/").split("/") if p.strip()]
        type_value = parts[0] if parts else ""
        if len(parts) > 1 and people_value is None:
            people_value = parts[-1]
    if F.TYPE in columns:
        type_value = text(F.TYPE)
    type_column = letter(F.TYPE) or letter(F.TYPE_PEOPLE)
    if type_value:
        visit.petition_type = map_word(type_value, types)
        if visit.petition_type is None:
            visit.unmapped.append(("type", str(type_value)))
            problems.append(Problem("legacy.type_unmapped", type_column,
                                       {"value": str(type_value)}))
    else:
        problems.append(Problem("legacy.type_required", type_column))
    try:
        people = parse_people(people_value)
    except LegacyValueError as exc:
        problems.append(Problem(exc.code, letter(F.PEOPLE) or letter(F.TYPE_PEOPLE),
                                   exc.params))
    else:
        visit.people_count = people or 1

    if F.FIELD in columns and text(F.FIELD):
        visit.field_code = map_word(text(F.FIELD), field_words or {})
        if visit.field_code is None:
            visit.unmapped.append(("field", text(F.FIELD)))
            noted.append(Problem("legacy.field_unmapped", letter(F.FIELD),
                                    {"value": text(F.FIELD)}))

    visit.prior_bodies = text(F.PRIOR_BODIES, block=True)
    visit.follow_up = text(F.FOLLOW_UP, block=True)
    visit.notes = text(F.NOTES, block=True)
    _read_direction(visit, columns, raw, text, letter)
    return visit


def _read_direction(visit: LegacyVisit, columns: Mapping[LegacyField, int], raw: Any, text: Any,
                    letter: Any) -> None:
    """The handling direction from the tick/body columns or a worded direction column."""
    visit.within_competence = is_ticked(raw(F.WITHIN_COMPETENCE))
    found: HandlingDirection | None = None
    if is_ticked(raw(F.ACCEPT)):
        found = HandlingDirection.ACCEPT
    elif is_ticked(raw(F.TRANSFER)):
        found = HandlingDirection.TRANSFER
        body = text(F.TRANSFER)
        if body and body.lower() not in ("x", "1", "✓", "v"):
            visit.target_body = body[:MAX_LINE]
    elif is_ticked(raw(F.GUIDE)):
        found = HandlingDirection.GUIDE
        body = text(F.GUIDE)
        if body and body.lower() not in ("x", "1", "✓", "v"):
            visit.target_body = body[:MAX_LINE]
    elif F.DIRECTION in columns and text(F.DIRECTION):
        found = map_word(text(F.DIRECTION), DIRECTION_WORDS)
        if found is None:
            visit.unmapped.append(("direction", text(F.DIRECTION)))
            visit.notes_for_clerk.append(Problem("legacy.direction_unmapped",
                                                    letter(F.DIRECTION),
                                                    {"value": text(F.DIRECTION)}))
    if found is None:
        found = HandlingDirection.ACCEPT if visit.within_competence else HandlingDirection.FILE
        if not visit.within_competence:
            visit.notes_for_clerk.append(Problem("legacy.direction_filed"))
    visit.direction = found
