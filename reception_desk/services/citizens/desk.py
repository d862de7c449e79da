"""The citizen registry as the UI sees it: one unit of work per call, plain data back."""

from __future__ import annotations

from collections.abc import Iterable

from reception_desk.domain.access import Permission
from reception_desk.domain.old_addresses import AddressMatch
from reception_desk.domain.visits import VisitDraft
from reception_desk.services.access.rights import needs
from reception_desk.services.citizens import addresses
from reception_desk.services.citizens import merge
from reception_desk.services.citizens import repeats
from reception_desk.services.citizens import screening
from reception_desk.services.citizens import search as registry
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.dto import CitizenVisit
from reception_desk.services.citizens.dto import GlobalResults
from reception_desk.services.citizens.dto import MergeResult
from reception_desk.services.citizens.dto import RepeatReport
from reception_desk.services.context import Changes
from reception_desk.services.facade import Facade


class CitizenDesk(Facade):
    """Search, look-up, repeat detection and merging of citizen records (``desk.citizens``)."""

    def old_address(self, text: str) -> AddressMatch:
        """The new commune(s) of an address printed before July 2025 (or already new): the
        official table, reference data with no record in it (open to every user)."""
        return addresses.map_old_address(text)

    @needs(Permission.VIEW_RECORDS)
    def search(self, text: str, limit: int = registry.SEARCH_LIMIT) -> list[CitizenSummary]:
        """Search as you type over name, ID number and phone (accent-insensitive word prefixes)."""
        with self._desk.db.read() as s:
            return screening.shown_citizens(s, self._desk.actor.principal,
                                            registry.search_citizens(s, text, limit))

    @needs(Permission.VIEW_RECORDS)
    def by_id_number(self, number: str) -> list[CitizenSummary]:
        """Exact ID-number look-up; more than one result means duplicate records to merge."""
        with self._desk.db.read() as s:
            return screening.mask_citizens(s, self._desk.actor.principal,
                                           registry.find_by_id_number(s, number))

    @needs(Permission.VIEW_RECORDS)
    def get(self, citizen_id: int) -> CitizenSummary:
        """One citizen; a merged record's id gives the surviving record."""
        with self._desk.db.read() as s:
            return screening.mask_citizens(s, self._desk.actor.principal,
                                           [registry.get_citizen(s, citizen_id)])[0]

    @needs(Permission.VIEW_RECORDS)
    def visits(self, citizen_id: int, limit: int | None = None) -> list[CitizenVisit]:
        """A citizen's visits, newest first."""
        with self._desk.db.read() as s:
            return screening.shown_visits_of_citizen(
                s, registry.citizen_visits(s, citizen_id, limit))

    @needs(Permission.VIEW_RECORDS)
    def repeats(self, draft: VisitDraft, exclude_visit_id: int | None = None) -> RepeatReport:
        """Earlier visits and cases of the same person or matter, for the form's banner."""
        with self._desk.db.read() as s:
            return screening.shown_repeats(
                s, self._desk.actor.principal,
                repeats.find_repeats(s, draft, exclude_visit_id=exclude_visit_id))

    @needs(Permission.VIEW_RECORDS)
    def case_visit_counts(self, case_ids: Iterable[int]) -> dict[int, int]:
        """Visits per case (non-voided), for the logbook."""
        return self._read(registry.case_visit_counts, case_ids)

    @needs(Permission.MERGE_CITIZENS)
    def merge(self, survivor_id: int, other_id: int) -> tuple[MergeResult, Changes]:
        """Merge ``other_id`` into ``survivor_id`` (the same person); audited, nothing deleted."""
        with self._desk.db.session() as s:
            return merge.merge_citizens(s, survivor_id, other_id, self._desk.actor,
                                          self._desk.now())

    @needs(Permission.VIEW_RECORDS)
    def global_search(self, text: str, per_group: int = registry.GROUP_LIMIT) -> GlobalResults:
        """Ctrl+F: citizens, visits and cases, grouped, each group limited."""
        with self._desk.db.read() as s:
            return screening.shown_global(s, self._desk.actor.principal,
                                          registry.query_words(text),
                                          registry.global_search(s, text, per_group))
