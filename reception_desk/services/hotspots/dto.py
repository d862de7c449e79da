"""Plain data of the hotspot screens and the weekly review pack."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.hotspots import Flag
from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import Trend
from reception_desk.domain.sessions import DutyPeriod


@dataclass(frozen=True)
class CaseBrief:
    """What a list line shows about a case."""

    id: int
    number: str  # "15/2026": sequence in the year of receipt
    title: str
    case_type: str
    stage: CaseStage
    field_code: str | None
    field_label: str
    received_on: date
    due_on: date | None
    level: str


@dataclass(frozen=True)
class HotspotRow:
    """A ranked hotspot of a week (rank 0: cooled down since last week)."""

    case: CaseBrief
    rank: int
    score: int
    trend: Trend
    flags: tuple[Flag, ...]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(f.reason for f in self.flags)


@dataclass(frozen=True)
class WeeklyList:
    week: IsoWeek
    reference_day: date
    policy: HotspotPolicy
    rows: list[HotspotRow]

    @property
    def active(self) -> list[HotspotRow]:
        return [r for r in self.rows if r.trend is not Trend.COOLED]


@dataclass(frozen=True)
class CaseDueLine:
    """An open case against its stage deadline (overdue, due next week)."""

    case: CaseBrief
    status: DueStatus
    working_days_left: int
    calendar_days_left: int


@dataclass(frozen=True)
class CrowdVisitLine:
    """A crowd visit (≥ threshold people or a delegation) of the week."""

    visit_id: int
    number: str  # logbook STT "12/2026"
    reception_date: date
    citizen_name: str
    people_count: int
    delegation: bool
    incident: bool
    content: str
    case_id: int | None
    case_number: str


@dataclass(frozen=True)
class DirectiveDTO:
    """A chairperson's directive (ý kiến chỉ đạo), with its due status while open.

    An instruction of a session's conclusion notice (issue 14) is one too: ``conclusion_id`` set,
    ``case_id`` None unless the matter has a case, ``case_number`` naming the notice, and
    ``assignee_name`` the body it is addressed to when no staff member is."""

    id: int
    case_id: int | None
    case_number: str
    case_title: str
    text: str
    assignee_staff_id: int | None
    assignee_name: str
    due_on: date | None
    given_by: str
    given_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str
    done_at: datetime | None
    status: DueStatus | None  # None when done or without a due date
    working_days_left: int | None
    conclusion_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclass(frozen=True)
class WeekCount:
    week: IsoWeek
    count: int


@dataclass(frozen=True)
class WeeklyPackData:
    """Everything the chairperson's weekly review pack shows (office names come separately)."""

    week: IsoWeek
    reference_day: date
    hotspots: list[HotspotRow]
    overdue: list[CaseDueLine]
    due_next_week: list[CaseDueLine]
    crowd_visits: list[CrowdVisitLine]
    directives: list[DirectiveDTO]
    policy: HotspotPolicy
    chair_name: str = ""
    field_labels: dict[str, str] = field(default_factory=dict)
    #: The chair's reception duty over the week (its week, or its month(s)), issue 14.
    duty: list[DutyPeriod] = field(default_factory=list)
