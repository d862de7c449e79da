"""The hotspot screens' facade: ``desk.hotspots`` (one unit of work per method, plain data out)."""

from __future__ import annotations

from datetime import date

from reception_desk.domain.access import Permission
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Changes
from reception_desk.services.context import DeskContext
from reception_desk.services.facade import DatedFacade
from reception_desk.services.hotspots import directives
from reception_desk.services.hotspots import pack
from reception_desk.services.hotspots import weekly
from reception_desk.services.hotspots.dto import CaseDueLine
from reception_desk.services.hotspots.dto import CrowdVisitLine
from reception_desk.services.hotspots.dto import DirectiveDTO
from reception_desk.services.hotspots.dto import WeekCount
from reception_desk.services.hotspots.dto import WeeklyList
from reception_desk.services.hotspots.dto import WeeklyPackData
from reception_desk.services.office import integrity
from reception_desk.services.office import rules as office_rules
from reception_desk.services.office import setup as office_setup
from reception_desk.services.stamped import StampedCache
from reception_desk.storage.queries.stamps import data_stamp


class HotspotDesk(DatedFacade):
    """Weekly hotspot list, trend, policy, directives and the weekly pack for one ``Desk``."""

    def __init__(self, desk: DeskContext) -> None:
        super().__init__(desk)
        #: Weekly lists and trends kept while the data and the day stay the same.
        self._kept = StampedCache()

    def current_week(self) -> IsoWeek:
        return IsoWeek.of(self.today())

    # --- lists ------------------------------------------------------------------------------
    @needs(Permission.VIEW_HOTSPOTS)
    def weekly(self, week: IsoWeek | None = None) -> WeeklyList:
        """Ranked hotspots of ``week`` (default: this week) with new/continuing/cooled marks."""
        week = week or self.current_week()
        today = self.today()
        with self._desk.db.read() as s:
            return self._kept.get(data_stamp(s), ("weekly", week, today),
                                  lambda: weekly.weekly_list(s, week, today))

    @needs(Permission.VIEW_HOTSPOTS)
    def trend(self, weeks: int = 12, last: IsoWeek | None = None) -> list[WeekCount]:
        """Hotspot counts per week, oldest first, ending with ``last`` (default: this week)."""
        last = last or self.current_week()
        today = self.today()
        with self._desk.db.read() as s:
            return self._kept.get(data_stamp(s), ("trend", last, today, weeks),
                                  lambda: weekly.trend(s, last, today, weeks))

    @needs(Permission.VIEW_HOTSPOTS)
    def overdue(self) -> list[CaseDueLine]:
        return self._read(pack.overdue_cases, self.today())

    @needs(Permission.VIEW_HOTSPOTS)
    def due_between(self, first: date, last: date) -> list[CaseDueLine]:
        return self._read(pack.cases_due_between, first, last, self.today())

    @needs(Permission.VIEW_HOTSPOTS)
    def crowd_visits(self, week: IsoWeek | None = None) -> list[CrowdVisitLine]:
        w = week or self.current_week()
        return self._read(pack.crowd_visits, w.monday, w.sunday)

    @needs(Permission.VIEW_HOTSPOTS)
    def pack(self, week: IsoWeek | None = None) -> WeeklyPackData:
        """Data of the weekly review pack (render it with ``printing.weekly_pack``)."""
        return self._read(pack.weekly_pack, week or self.current_week(), self.today())

    @needs(Permission.VIEW_HOTSPOTS)
    def render_pack(self, week: IsoWeek | None = None) -> bytes:
        """The weekly review pack as A4 PDF bytes, with the office's header."""
        from reception_desk.printing.weekly_pack import render_weekly_pack

        actor = self._desk.actor
        data = self.pack(week)
        with self._desk.db.read() as s:
            profile = office_setup.get_office(s)
        doc = pack.pack_document(data, profile, actor.name if actor.staff_id is not None else "",
                                 chain_head=integrity.chain_head_code(self._desk.db))
        return render_weekly_pack(doc)

    # --- policy -----------------------------------------------------------------------------
    def policy(self) -> HotspotPolicy:
        return self._read(office_rules.hotspot_policy)

    @needs(Permission.MANAGE_SETTINGS)
    def save_policy(self, policy: HotspotPolicy, expected_version: int | None = None
                    ) -> tuple[HotspotPolicy, Changes]:
        """``expected_version``: the setting's version the screen read (``setting_version``);
        another counter's save since is refused with ``setting.changed_elsewhere``."""
        with self._desk.db.session() as s:
            return weekly.save_policy(s, policy, self._desk.actor, self._desk.now(),
                                      expected_version)

    # --- directives -------------------------------------------------------------------------
    @needs(Permission.VIEW_RECORDS)
    def directives(self, case_id: int | None = None, open_only: bool = True
                   ) -> list[DirectiveDTO]:
        """Directives with their due status (open ones by default; one case's for a timeline)."""
        with self._desk.db.read() as s:
            return directives.list_directives(s, self.today(), case_id=case_id,
                                           open_only=open_only)

    @needs(Permission.GIVE_DIRECTIVES)
    def record_directive(self, case_id: int, text: str, assignee_staff_id: int | None,
                         due_on: date | None) -> tuple[DirectiveDTO, Changes]:
        with self._desk.db.session() as s:
            return directives.record_directive(
                s, case_id=case_id, text=text, assignee_staff_id=assignee_staff_id,
                due_on=due_on, actor=self._desk.actor, now=self._desk.now())

    @needs(Permission.MANAGE_CASES)
    def acknowledge_directive(self, directive_id: int) -> tuple[DirectiveDTO, Changes]:
        with self._desk.db.session() as s:
            return directives.acknowledge_directive(s, directive_id, self._desk.actor,
                                                 self._desk.now())

    @needs(Permission.MANAGE_CASES)
    def complete_directive(self, directive_id: int) -> tuple[DirectiveDTO, Changes]:
        with self._desk.db.session() as s:
            return directives.complete_directive(s, directive_id, self._desk.actor,
                                              self._desk.now())
