"""What the old-logbook import shows the clerk: the dry run's rows and the import's outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any

from reception_desk.domain.legacy_layout import Header
from reception_desk.domain.legacy_layout import Layout
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_rows import LegacyVisit


@dataclass(frozen=True)
class CitizenMatch:
    """Who a row's citizen is in the registry: ``how`` is "id" (same ID number: linked),
    "name" (same folded name and address: linked only when the clerk confirms) or "new"."""

    how: str
    citizen_id: int | None = None
    name: str = ""
    address: str = ""


@dataclass
class DryRun:
    """A file read and checked, nothing written: every row with its problems and what the import
    would create."""

    file_name: str
    file_sha256: str
    sheet: str
    sheets: list[str]
    header: Header | None
    mapping: dict[int, LegacyField]
    rows: list[LegacyVisit]
    #: The cells of each row with problems, as read (for the rejected-rows file).
    originals: dict[int, list[Any]] = field(default_factory=dict)
    matches: dict[int, CitizenMatch] = field(default_factory=dict)
    #: Cells corrected in the wizard: (sheet row number, column index) → text.
    fixes: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Earlier imports of the same file that were not undone (batch ids).
    imported_before: list[int] = field(default_factory=list)

    @property
    def layout(self) -> Layout:
        return self.header.layout if self.header else Layout.OTHER

    @property
    def bad_rows(self) -> list[LegacyVisit]:
        return [r for r in self.rows if r.problems]

    @property
    def good_rows(self) -> list[LegacyVisit]:
        return [r for r in self.rows if not r.problems]

    @property
    def unmapped(self) -> Counter[tuple[str, str]]:
        """Type/field/direction words no category matched, with how many rows hold each."""
        return Counter(word for r in self.rows for word in r.unmapped)

    @property
    def citizens_new(self) -> int:
        keys = {_person(r) for r in self.good_rows
                if self.matches.get(r.row, CitizenMatch("new")).how != "id"}
        return len(keys)

    def name_matches(self) -> list[tuple[LegacyVisit, CitizenMatch]]:
        """Rows whose citizen may be a registry record by name and address: to confirm."""
        return [(r, self.matches[r.row]) for r in self.good_rows
                if r.row in self.matches and self.matches[r.row].how == "name"]


def _person(row: LegacyVisit) -> str:
    from reception_desk.domain.text import fold

    if row.id_number:
        return "id:" + row.id_number
    return "name:" + fold(row.citizen_name) + "|" + fold(row.address)


person_key = _person


@dataclass(frozen=True)
class ImportOutcome:
    """What an import wrote."""

    batch_id: int
    visits_created: int
    citizens_created: int
    citizens_linked: int
    rows_skipped: int


@dataclass(frozen=True)
class UndoOutcome:
    """What undoing an import voided: its visits, and the registry records it had created that
    nothing else holds."""

    batch_id: int
    visits_voided: int
    citizens_voided: int


@dataclass(frozen=True)
class BatchDTO:
    """One import of an old logbook, as listed."""

    id: int
    file_name: str
    sheet: str
    imported_at: datetime
    imported_by: str
    rows_read: int
    visits_created: int
    citizens_created: int
    rows_skipped: int
    undone_at: datetime | None
    undone_by: str
