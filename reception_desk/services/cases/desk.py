"""``desk.cases``: the case, deadline and office-calendar use cases as the UI calls them.

Each method is one unit of work on the desk's database, with the desk's clock and acting user.
Reading methods take ``today`` from the desk's clock in the office's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import EllipsisType

from sqlalchemy.orm import Session

from reception_desk.domain.access import Permission
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import compute_deadline
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.services.access.rights import needs
from reception_desk.services.cases import calendar_edits
from reception_desk.services.cases import detail
from reception_desk.services.cases import dialogue_rule
from reception_desk.services.cases import dialogues
from reception_desk.services.cases import events
from reception_desk.services.cases import lists
from reception_desk.services.cases import opening
from reception_desk.services.cases import report_facts
from reception_desk.services.cases import screening
from reception_desk.services.cases.counts import SideRaised
from reception_desk.services.cases.counts import side_overdue_ids
from reception_desk.services.cases.dialogue_dto import DialogueDTO
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import CalendarOverrideDTO
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.cases.dto import CaseStatus
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import NewCase
from reception_desk.services.cases.dto import RecomputeReport
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.services.cases.dto import RuleView
from reception_desk.services.cases.dto import StatusCounts
from reception_desk.services.context import Changes
from reception_desk.services.context import DeskContext
from reception_desk.services.facade import DatedFacade
from reception_desk.services.office import rules as office_rules
from reception_desk.services.stamped import StampedCache
from reception_desk.storage.queries.stamps import data_stamp


class CaseDesk(DatedFacade):
    """Cases through handling levels, against their legal deadlines."""

    def __init__(self, desk: DeskContext) -> None:
        super().__init__(desk)
        #: Every open case's status, kept while the data and the day stay the same.
        self._kept = StampedCache()

    # --- cases -----------------------------------------------------------------------------
    def _shown(self, session: Session, result: tuple[CaseDetail, Changes]
               ) -> tuple[CaseDetail, Changes]:
        """A use case's case as the signed-in user may see it (``screening.shown_case``)."""
        return screening.shown_case(session, self._desk.actor.principal, result[0]), result[1]

    @needs(Permission.MANAGE_CASES)
    def open_case(self, cmd: NewCase) -> tuple[CaseDetail, Changes]:
        with self._desk.db.session() as s:
            return self._shown(s, opening.open_case(s, cmd, self._desk.actor, self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def open_from_visit(self, visit_id: int, case_type: CaseType | None = None,
                        title: str = "") -> tuple[CaseDetail, Changes]:
        """Open a case from a logbook visit (its citizen becomes the complainant)."""
        return self.open_case(NewCase(visit_id=visit_id, case_type=case_type, title=title))

    @needs(Permission.MANAGE_CASES)
    def record_event(self, draft: EventDraft) -> tuple[CaseDetail, Changes]:
        with self._desk.db.session() as s:
            return self._shown(s, events.record_event(s, draft, self._desk.actor,
                                                      self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def link(self, case_id: int, previous_case_id: int,
             link_kind: LinkKind) -> tuple[CaseDetail, Changes]:
        with self._desk.db.session() as s:
            return self._shown(s, opening.link_case(s, case_id, previous_case_id, link_kind,
                                                    self._desk.actor, self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def add_complainant(self, case_id: int, citizen_id: int,
                        role: ComplainantRole = ComplainantRole.COMPLAINANT,
                        ) -> tuple[CaseDetail, Changes]:
        """Link a citizen to the case (co-complainant, representative, authorised person)."""
        with self._desk.db.session() as s:
            return self._shown(s, opening.add_complainant(s, case_id, citizen_id, role,
                                                          self._desk.actor, self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def remove_complainant(self, case_id: int, citizen_id: int) -> tuple[CaseDetail, Changes]:
        """Unlink a citizen; the last complainant of a case stays (``case.last_complainant``)."""
        with self._desk.db.session() as s:
            return self._shown(s, opening.remove_complainant(s, case_id, citizen_id,
                                                             self._desk.actor, self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def set_complexity(self, case_id: int, criteria: Iterable[ComplexityCriterion], *,
                       document_number: str = "", document_date: date | None = None,
                       note: str = "") -> tuple[CaseDetail, Changes]:
        with self._desk.db.session() as s:
            return self._shown(s, events.set_complexity(
                s, case_id, criteria, self._desk.actor, self._desk.now(),
                document_number=document_number, document_date=document_date, note=note))

    @needs(Permission.MANAGE_CASES)
    def set_remote(self, case_id: int, remote: bool) -> tuple[CaseDetail, Changes]:
        with self._desk.db.session() as s:
            return self._shown(s, events.set_remote(s, case_id, remote, self._desk.actor,
                                                    self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def set_report_facts(self, case_id: int, facts: CaseReportFacts,
                         expected_version: int | None = None) -> tuple[CaseDetail, Changes]:
        """Eligibility, urging and a reply to a transfer, as the statutory reports count them
        (compare-and-set on ``expected_version`` when given)."""
        with self._desk.db.session() as s:
            return self._shown(s, report_facts.set_report_facts(
                s, case_id, facts, expected_version, self._desk.actor, self._desk.now()))

    @needs(Permission.MANAGE_CASES)
    def set_legal_facts(self, facts: LegalFacts) -> tuple[CaseDetail, Changes]:
        """The contested decision's date, the day it became known, entrusted verification
        (issue 12), saved against the version the page read (``facts.expected_version``)."""
        with self._desk.db.session() as s:
            return self._shown(s, events.set_legal_facts(s, facts, self._desk.actor,
                                                         self._desk.now()))

    @needs(Permission.VIEW_RECORDS)
    def case(self, case_id: int) -> CaseDetail:
        with self._desk.db.read() as s:
            return screening.shown_case(s, self._desk.actor.principal,
                                        detail.case_detail(s, case_id, self.today()))

    @needs(Permission.VIEW_RECORDS)
    def case_row(self, case_id: int) -> CaseRow | None:
        with self._desk.db.read() as s:
            row = lists.case_row(s, case_id, self.today())
            return None if row is None else screening.shown_rows(
                s, self._desk.actor.principal, [row])[0]

    @staticmethod
    def document_required(kind: EventKind) -> bool:
        return detail.document_required(kind)

    # --- dialogues (issue 14 item 5) --------------------------------------------------------
    @needs(Permission.MANAGE_CASES)
    def schedule_dialogue(self, cmd: ScheduleDialogue) -> tuple[DialogueDTO, Changes]:
        """Schedule a dialogue (đối thoại) on a complaint case."""
        with self._desk.db.session() as s:
            return dialogues.schedule(s, cmd, self._desk.actor, self._desk.now())

    @needs(Permission.MANAGE_CASES)
    def hold_dialogue(self, cmd: HoldDialogue) -> tuple[DialogueDTO, Changes]:
        """Record a scheduled dialogue as held, with the opinions and the result."""
        with self._desk.db.session() as s:
            return dialogues.hold(s, cmd, self._desk.actor, self._desk.now())

    @needs(Permission.MANAGE_CASES)
    def cancel_dialogue(self, dialogue_id: int, reason: str) -> tuple[DialogueDTO, Changes]:
        with self._desk.db.session() as s:
            return dialogues.cancel(s, dialogue_id, reason, self._desk.actor, self._desk.now())

    @needs(Permission.VIEW_RECORDS)
    def dialogue(self, dialogue_id: int) -> DialogueDTO:
        return self._read(dialogues.get, dialogue_id)

    @needs(Permission.MANAGE_CASES)
    def set_verification_differs(self, case_id: int, differs: bool | None) -> Changes:
        """Record whether the request and the verification result still differ (Luật KN 2011
        Art. 30: a first-time complaint then needs a dialogue)."""
        with self._desk.db.session() as s:
            return dialogues.set_verification_differs(s, case_id, differs, self._desk.actor,
                                                      self._desk.now())

    @needs(Permission.VIEW_RECORDS)
    def dialogue_policy(self) -> DialoguePolicy:
        return self._read(dialogue_rule.policy)

    @needs(Permission.MANAGE_SETTINGS)
    def save_dialogue_policy(self, policy: DialoguePolicy,
                             expected_version: int | None = None) -> Changes:
        """The office's dialogue rule (LEGAL.md §8.2 is unverified: office data)."""
        with self._desk.db.session() as s:
            return dialogues.save_policy(s, policy, self._desk.actor, self._desk.now(),
                                         expected_version)

    # --- lists -----------------------------------------------------------------------------
    @needs(Permission.VIEW_RECORDS)
    def count(self, query: CaseQuery) -> int:
        """How many cases the list holds (the "Overdue" filter: as many as the Overdue chip)."""
        today = self.today()
        with self._desk.db.read() as s:
            return lists.count_cases(s, query, today, self._side_overdue(s, query, today))

    @needs(Permission.VIEW_RECORDS)
    def page(self, query: CaseQuery, offset: int, limit: int) -> list[CaseRow]:
        today = self.today()
        with self._desk.db.read() as s:
            rows = lists.case_page(s, query, today, offset, limit,
                                   side_overdue=self._side_overdue(s, query, today))
            return screening.shown_rows(s, self._desk.actor.principal, rows)

    def _side_raised(self, s: Session, today: date) -> SideRaised:
        """The open cases a side limit shows worse than their stage's (kept per data stamp and
        day: the status counts and the "Overdue" filter's pages share one query)."""
        return self._kept.get(data_stamp(s), ("side_raised", today),
                              lambda: lists.side_raised(s, today))

    def _side_overdue(self, s: Session, query: CaseQuery, today: date) -> tuple[int, ...]:
        if query.filter is not CaseFilter.OVERDUE:
            return ()
        return self._kept.get(data_stamp(s), ("side_overdue", today),
                              lambda: side_overdue_ids(self._side_raised(s, today)))

    @needs(Permission.VIEW_RECORDS)
    def open_statuses(self) -> list[CaseStatus]:
        """Every open case's stage, due date, days left and status (bulk, no texts)."""
        today = self.today()
        with self._desk.db.read() as s:
            return self._kept.get(data_stamp(s), ("open_statuses", today),
                                  lambda: lists.open_case_statuses(s, today))

    @needs(Permission.VIEW_RECORDS)
    def status_counts(self) -> StatusCounts:
        """The open cases by the status their rows show (kept per data stamp and day)."""
        today = self.today()
        with self._desk.db.read() as s:
            return self._kept.get(
                data_stamp(s), ("status_counts", today),
                lambda: lists.status_counts(s, today, raised=self._side_raised(s, today)))

    # --- calendar and rules ----------------------------------------------------------------
    def calendar(self) -> WorkingCalendar:
        return self._read(office_rules.office_calendar)

    def rules(self) -> tuple[DeadlineRule, ...]:
        return self._read(office_rules.deadline_rules)

    def deadline(self, kind: DeadlineKind, start: date, *, complex: bool = False,
                 remote: bool = False, extensions: int = 0) -> Deadline:
        """The calculator: a period of ``kind`` running from ``start`` with this office's data."""
        with self._desk.db.read() as s:
            calendar = office_rules.office_calendar(s)
            rules = office_rules.deadline_rules(s)
        return compute_deadline(kind, start, calendar, complex=complex, remote=remote,
                                extensions=extensions, rules=rules)

    def overrides(self, year: int | None = None) -> list[CalendarOverrideDTO]:
        return self._read(calendar_edits.list_overrides, year)

    @needs(Permission.MANAGE_SETTINGS)
    def set_override(self, day: date, kind: OverrideKind, note: str = "",
                     expected: CalendarOverrideDTO | EllipsisType | None = ...
                     ) -> tuple[CalendarOverrideDTO, RecomputeReport, Changes]:
        """``expected``: the day's entry as the screen read it (None: none); an entry another
        counter saved since is refused with ``calendar.changed_elsewhere``. Omitted: not
        compared (a script's last write wins)."""
        with self._desk.db.session() as s:
            return calendar_edits.set_override(s, day, kind, note, self._desk.actor,
                                                 self._desk.now(), expected)

    @needs(Permission.MANAGE_SETTINGS)
    def remove_override(self, day: date,
                        expected: CalendarOverrideDTO | EllipsisType | None = ...
                        ) -> tuple[RecomputeReport, Changes]:
        with self._desk.db.session() as s:
            return calendar_edits.remove_override(s, day, self._desk.actor, self._desk.now(),
                                                  expected)

    def rule_views(self) -> list[RuleView]:
        return self._read(calendar_edits.rule_views)

    @needs(Permission.MANAGE_SETTINGS)
    def save_rule(self, edit: RuleEdit, expected_version: int | None = None
                  ) -> tuple[RuleView, RecomputeReport, Changes]:
        """``expected_version``: the rule table's version the screen read
        (``Desk.setting_version(RULES_KEY)``); a change saved since is refused."""
        with self._desk.db.session() as s:
            return calendar_edits.save_rule(s, edit, self._desk.actor, self._desk.now(),
                                            expected_version)

    @needs(Permission.MANAGE_SETTINGS)
    def reset_rule(self, kind: DeadlineKind, valid_from: date,
                   expected_version: int | None = None) -> tuple[RecomputeReport, Changes]:
        with self._desk.db.session() as s:
            return calendar_edits.reset_rule(s, kind, valid_from, self._desk.actor,
                                             self._desk.now(), expected_version)
