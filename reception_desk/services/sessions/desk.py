"""The sessions facade: ``desk.sessions`` (one unit of work per method, plain data out)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reception_desk.domain.access import Permission
from reception_desk.domain.sessions import DutyPeriod
from reception_desk.domain.sessions import DutyRule
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Changes
from reception_desk.services.facade import DatedFacade
from reception_desk.services.sessions import conclusions
from reception_desk.services.sessions import duty
from reception_desk.services.sessions import notices
from reception_desk.services.sessions import planning
from reception_desk.services.sessions.dto import ConclusionDTO
from reception_desk.services.sessions.dto import InstructionDraft
from reception_desk.services.sessions.dto import LinkedVisit
from reception_desk.services.sessions.dto import ScheduleDTO
from reception_desk.services.sessions.dto import SessionDraft
from reception_desk.services.sessions.dto import SessionDTO


class SessionDesk(DatedFacade):
    """The head's reception sessions, their conclusions and the chair's duty for one ``Desk``."""

    # --- reading ----------------------------------------------------------------------------
    @needs(Permission.VIEW_RECORDS)
    def sessions(self, first: date, last: date) -> list[SessionDTO]:
        return self._read(planning.list_sessions, first, last, self.today())

    @needs(Permission.VIEW_RECORDS)
    def session(self, session_id: int) -> SessionDTO:
        return self._read(planning.get_session, session_id, self.today())

    @needs(Permission.VIEW_RECORDS)
    def visits(self, session_id: int) -> list[LinkedVisit]:
        """The visits received in a session (names as logged: the session's own record)."""
        return self._read(planning.linked_visits, session_id)

    @needs(Permission.VIEW_RECORDS)
    def schedule(self, first: date, last: date) -> ScheduleDTO:
        """Sessions of [first, last] with the chair's duty (met / scheduled / at risk / missed)."""
        return self._read(planning.schedule, first, last, self.today())

    @needs(Permission.VIEW_RECORDS)
    def duty(self, first: date, last: date) -> list[DutyPeriod]:
        return self._read(duty.duty_status, first, last, self.today())

    def duty_rules(self) -> tuple[DutyRule, ...]:
        """The office's duty figures (reference data: the law's, or the office's edits)."""
        return self._read(duty.duty_rules)

    @needs(Permission.MANAGE_SETTINGS)
    def save_duty_rules(self, rules: Sequence[DutyRule], expected_version: int | None = None
                        ) -> tuple[tuple[DutyRule, ...], Changes]:
        with self._desk.db.session() as s:
            return duty.save_duty_rules(s, rules, self._desk.actor, self._desk.now(),
                                        expected_version)

    # --- sessions ---------------------------------------------------------------------------
    @needs(Permission.LOG_VISITS)
    def plan(self, draft: SessionDraft) -> tuple[SessionDTO, Changes]:
        with self._desk.db.session() as s:
            return planning.plan_session(s, draft, self._desk.actor, self._desk.now())

    @needs(Permission.LOG_VISITS)
    def update(self, session_id: int, draft: SessionDraft, expected_version: int
               ) -> tuple[SessionDTO, Changes]:
        with self._desk.db.session() as s:
            return planning.update_session(s, session_id, draft, expected_version,
                                           self._desk.actor, self._desk.now())

    @needs(Permission.ISSUE_DOCUMENTS)
    def publish(self, first: date, last: date) -> tuple[list[SessionDTO], Changes]:
        """Post the schedule of [first, last]: its planned sessions are published today."""
        with self._desk.db.session() as s:
            return planning.publish_schedule(s, first, last, self._desk.actor,
                                             self._desk.now())

    @needs(Permission.LOG_VISITS)
    def hold(self, session_id: int, expected_version: int, *, no_citizen: bool = False,
             outcome_note: str = "") -> tuple[SessionDTO, Changes]:
        with self._desk.db.session() as s:
            return planning.hold_session(s, session_id, expected_version,
                                         no_citizen=no_citizen, outcome_note=outcome_note,
                                         actor=self._desk.actor, now=self._desk.now())

    @needs(Permission.LOG_VISITS)
    def cancel(self, session_id: int, expected_version: int, reason: str
               ) -> tuple[SessionDTO, Changes]:
        with self._desk.db.session() as s:
            return planning.cancel_session(s, session_id, expected_version, reason,
                                           self._desk.actor, self._desk.now())

    @needs(Permission.GIVE_DIRECTIVES)
    def record_conclusion(self, session_id: int, text: str,
                          instructions: Sequence[InstructionDraft] = (),
                          visit_id: int | None = None) -> tuple[ConclusionDTO, Changes]:
        with self._desk.db.session() as s:
            return conclusions.record_conclusion(
                s, session_id, text=text, instructions=instructions, visit_id=visit_id,
                actor=self._desk.actor, now=self._desk.now())

    # --- printing ---------------------------------------------------------------------------
    @needs(Permission.ISSUE_DOCUMENTS)
    def render_schedule(self, first: date, last: date) -> bytes:
        """Lịch tiếp công dân of [first, last] (a month or a quarter) as A4 PDF bytes."""
        return self._read(notices.render_schedule, first, last, self.today())

    @needs(Permission.ISSUE_DOCUMENTS)
    def render_conclusion(self, conclusion_id: int) -> bytes:
        return self._read(notices.render_conclusion, conclusion_id, self.today())

    @needs(Permission.ISSUE_DOCUMENTS)
    def render_empty_minutes(self, session_id: int) -> bytes:
        """Biên bản of a held session at which no citizen came, for signature."""
        return self._read(notices.render_empty_minutes, session_id, self.today())
