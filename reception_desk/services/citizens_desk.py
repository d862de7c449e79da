"""The citizen registry as the UI sees it: one unit of work per call, plain data back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reception_desk.services import citizens as service
from reception_desk.services.citizens import (
    CitizenVisit,
    GlobalResults,
    MergeResult,
    RepeatReport,
)
from reception_desk.services.context import Changes
from reception_desk.services.dto import CitizenSummary, VisitDraft

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk


class CitizenDesk:
    """Search, look-up, repeat detection and merging of citizen records (``desk.citizens``)."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def search(self, text: str, limit: int = service.SEARCH_LIMIT) -> list[CitizenSummary]:
        """Search as you type over name, ID number and phone (accent-insensitive word prefixes)."""
        with self._desk.db.read() as s:
            return service.search_citizens(s, text, limit)

    def by_id_number(self, number: str) -> list[CitizenSummary]:
        """Exact ID-number look-up; more than one result means duplicate records to merge."""
        with self._desk.db.read() as s:
            return service.find_by_id_number(s, number)

    def get(self, citizen_id: int) -> CitizenSummary:
        """One citizen; a merged record's id gives the surviving record."""
        with self._desk.db.read() as s:
            return service.get_citizen(s, citizen_id)

    def visits(self, citizen_id: int, limit: int | None = None) -> list[CitizenVisit]:
        """A citizen's visits, newest first."""
        with self._desk.db.read() as s:
            return service.citizen_visits(s, citizen_id, limit)

    def repeats(self, draft: VisitDraft, exclude_visit_id: int | None = None) -> RepeatReport:
        """Earlier visits and cases of the same person or matter, for the form's banner."""
        with self._desk.db.read() as s:
            return service.find_repeats(s, draft, exclude_visit_id=exclude_visit_id)

    def case_visit_counts(self, case_ids: Iterable[int]) -> dict[int, int]:
        """Visits per case (non-voided), for the logbook."""
        with self._desk.db.read() as s:
            return service.case_visit_counts(s, case_ids)

    def merge(self, survivor_id: int, other_id: int) -> tuple[MergeResult, Changes]:
        """Merge ``other_id`` into ``survivor_id`` (the same person); audited, nothing deleted."""
        with self._desk.db.session() as s:
            return service.merge_citizens(s, survivor_id, other_id, self._desk.actor,
                                          self._desk.now())

    def global_search(self, text: str, per_group: int = service.GROUP_LIMIT) -> GlobalResults:
        """Ctrl+F: citizens, visits and cases, grouped, each group limited."""
        with self._desk.db.read() as s:
            return service.global_search(s, text, per_group)
