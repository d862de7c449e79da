"""Plain data of the sessions screens and prints."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date

from reception_desk.domain.sessions import DutyPeriod
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import PublicityWarning
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.sessions import minute_text
from reception_desk.services.hotspots.dto import DirectiveDTO


@dataclass(frozen=True)
class MemberLine:
    """A participant: an officer (``staff_id``) or an invited body (name only)."""

    kind: ParticipantKind
    name: str
    staff_id: int | None = None
    role_note: str = ""


@dataclass
class SessionDraft:
    """What the session dialog edits."""

    day: date
    start_minute: int
    end_minute: int
    leader_staff_id: int
    leader_role: LeaderRole = LeaderRole.CHAIR
    place: str = ""
    delegation_note: str = ""  # the ủy quyền paper when a delegate presides
    matters: str = ""
    members: list[MemberLine] = field(default_factory=list)


@dataclass(frozen=True)
class InstructionDraft:
    """One instruction of a conclusion notice: to a body (or an officer), with a deadline."""

    body: str
    text: str
    due_on: date | None = None
    assignee_staff_id: int | None = None


@dataclass(frozen=True)
class ConclusionDTO:
    id: int
    session_id: int
    number: int
    year: int
    issued_on: date
    visit_id: int | None
    text: str
    instructions: tuple[DirectiveDTO, ...]

    @property
    def label(self) -> str:
        return f"{self.number}/TB-UBND"


@dataclass(frozen=True)
class LinkedVisit:
    id: int
    number: str  # STT/year
    citizen_name: str
    content: str


@dataclass(frozen=True)
class SessionDTO:
    id: int
    uid: str
    status: SessionStatus
    day: date
    start_minute: int
    end_minute: int
    place: str
    leader_staff_id: int
    leader_name: str
    leader_position: str
    leader_role: LeaderRole
    delegation_note: str
    matters: str
    published_on: date | None
    no_citizen: bool
    outcome_note: str
    cancel_reason: str
    version: int
    members: tuple[MemberLine, ...]
    visit_count: int
    people_count: int
    conclusions: tuple[ConclusionDTO, ...]
    warnings: tuple[PublicityWarning, ...]

    @property
    def hours(self) -> str:
        return f"{minute_text(self.start_minute)}–{minute_text(self.end_minute)}"


@dataclass(frozen=True)
class ScheduleDTO:
    """The sessions of a span and the chair's duty over it."""

    first: date
    last: date
    sessions: tuple[SessionDTO, ...]
    duty: tuple[DutyPeriod, ...]
    today: date
