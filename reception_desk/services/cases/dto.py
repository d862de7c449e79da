"""Plain data about cases, deadlines and the office calendar for the UI and the command line.

Never ORM objects, never sessions. Enums come from the domain (stable codes; the UI labels them).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import LimitationStart
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import SourceConfidence
from reception_desk.domain.deadlines import Variant
from reception_desk.services.cases.dialogue_dto import DialogueSummary
from reception_desk.services.citizens.dto import VisitRef


def case_number(seq: int, year: int) -> str:
    """A case's number as the office writes it: its sequence in its year, "12/2026"."""
    return f"{seq}/{year}"


class _InItsYear(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def year(self) -> int: ...


class NumberedCase:
    """A case listed with its ``seq`` and ``year`` fields, and so its ``number``."""

    @property
    def number(self: _InItsYear) -> str:
        return case_number(self.seq, self.year)


class CaseFilter(StrEnum):
    """The case list's quick filters."""

    OPEN = "open"  # the office still has work to do (received, being resolved, suspended)
    DUE_THIS_WEEK = "due_this_week"  # open, due from today to the end of this week (Sunday)
    OVERDUE = "overdue"  # open, due date passed
    CLOSED = "closed"  # the office's work is done (decided, transferred, closed, filed…)
    ALL = "all"


class CaseSort(StrEnum):
    DUE = "due"
    NUMBER = "number"
    RECEIVED = "received"
    TYPE = "type"
    STAGE = "stage"
    TITLE = "title"
    LEVEL = "level"


class LinkKind(StrEnum):
    """How a case follows an earlier one (LEGAL.md §6.1, Luật TC Art. 37)."""

    SECOND_COMPLAINT = "second_complaint"  # khiếu nại lần hai → the first complaint
    REPEAT_DENUNCIATION = "repeat_denunciation"  # tố cáo tiếp → the original denunciation


class ComplainantRole(StrEnum):
    """How a citizen stands in a case (``case_citizen.role``)."""

    COMPLAINANT = "complainant"  # người khiếu nại / tố cáo / kiến nghị, phản ánh
    REPRESENTATIVE = "representative"  # người đại diện (of several complainants, or legal)
    AUTHORISED = "authorised"  # người được ủy quyền


@dataclass(frozen=True)
class CaseQuery:
    filter: CaseFilter = CaseFilter.OPEN
    text: str = ""  # folded words matched against title, complainants; or "12/2026"
    sort: CaseSort = CaseSort.DUE
    descending: bool = False
    case_type: CaseType | None = None


@dataclass(frozen=True)
class CaseRow(NumberedCase):
    """One line of the case list."""

    id: int
    year: int
    seq: int
    case_type: CaseType
    title: str
    complainant: str  # first complainant's name ("" if none)
    complainant_count: int
    level: HandlingLevel
    competent_body: str
    stage: CaseStage
    received_on: date
    due_on: date | None
    deadline_kind: DeadlineKind | None
    status: DueStatus | None  # None: no running clock (done, or suspended)
    working_days_left: int | None
    calendar_days_left: int | None
    closed_on: date | None
    directive_overdue: bool = False  # an open directive (ý kiến chỉ đạo) is past its due date
    #: Side limits due soon or overdue (domain.cases.side_deadlines: the refusal notice, the
    #: transfer, the report to the transferring body, the 45-day đơn, the second-complaint
    #: window, a complaint lodged after its limitation).
    alerts: tuple[DeadlineInfo, ...] = ()

    @property
    def paused(self) -> bool:
        return self.stage is CaseStage.SUSPENDED

    @property
    def shown_status(self) -> DueStatus | None:
        """The status the list shows for the case (its days-left cell), the one the status
        counts count it under: the worst of its stage's own (a suspended case's stopped clock
        has none; one suspended after its period ran out keeps its past due date: overdue) and
        of its alerts'. None: paused if suspended, else no running limit."""
        return worst_status(self.status, *(a.status for a in self.alerts))


_RANK = {DueStatus.ON_TIME: 0, DueStatus.DUE_SOON: 1, DueStatus.OVERDUE: 2}


def worst_status(*statuses: DueStatus | None) -> DueStatus | None:
    """Overdue before due soon before on time; None when none is given."""
    found = [s for s in statuses if s is not None]
    return max(found, key=_RANK.__getitem__) if found else None


# Not frozen: a frozen dataclass costs several times more to build, and the bulk list builds one
# per open case. Treat it as a value all the same.
@dataclass(slots=True)
class CaseStatus:
    """Deadline standing of one open case (the bulk list: no texts, no joins)."""

    id: int
    stage: CaseStage
    due_on: date | None
    status: DueStatus | None
    working_days_left: int | None
    calendar_days_left: int | None


@dataclass(frozen=True)
class StatusCounts:
    """The open cases by the status their rows show (``CaseRow.shown_status``: the stage's own
    limit or a side limit that alerts, whichever is worse); each case counted once."""

    on_time: int = 0
    due_soon: int = 0
    overdue: int = 0
    paused: int = 0  # suspended: the clock stands still
    no_deadline: int = 0  # open without a statutory limit
    #: Open cases past their stage's own due date. ``overdue`` also counts those overdue only by
    #: a side limit, as the "Overdue" quick filter lists them (its count is ``overdue``).
    stage_overdue: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.due_soon + self.overdue + self.paused + self.no_deadline


@dataclass(frozen=True)
class NewCase:
    """Open a case: from a logbook visit (``visit_id``) or standalone (a đơn by post…).

    From a visit, the type defaults from the visit's petition type, the title from its content,
    the reception date from the visit, and the visit's citizen becomes the complainant.
    """

    case_type: CaseType | None = None
    title: str = ""
    content: str = ""
    visit_id: int | None = None
    citizen_ids: tuple[int, ...] = ()
    complaint_object: ComplaintObject | None = None
    field_code: str | None = None
    respondents: str = ""
    level: HandlingLevel = HandlingLevel.COMMUNE
    competent_body: str = ""
    remote: bool = False
    criteria: frozenset[ComplexityCriterion] = frozenset()
    within_commune_competence: bool = True
    received_on: date | None = None  # standalone: the day the đơn arrived (default today)
    document_number: str = ""  # incoming document (e.g. a transfer slip from the province)
    document_date: date | None = None
    body: str = ""  # body it came from, if any
    previous_case_id: int | None = None
    link_kind: LinkKind | None = None
    note: str = ""


@dataclass(frozen=True)
class EventDraft:
    """Record one event on a case (validated by the domain state machine)."""

    case_id: int
    kind: EventKind
    document_number: str = ""
    document_date: date | None = None
    level: HandlingLevel | None = None
    body: str = ""
    criteria: frozenset[ComplexityCriterion] | None = None
    note: str = ""
    expected_version: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    position: int
    kind: EventKind
    actor: str
    moment: datetime  # office time zone
    legal_date: date
    document_number: str
    document_date: date | None
    level: HandlingLevel | None
    body: str
    criteria: frozenset[ComplexityCriterion] | None
    note: str


@dataclass(frozen=True)
class DeadlineInfo:
    """The running time limit of a case's current stage and where today stands against it."""

    kind: DeadlineKind
    start: date
    due: date | None  # None while suspended
    unit: PeriodUnit
    days: int
    variant: Variant
    basis: str
    extensions: int
    paused_remaining: int | None
    status: DueStatus | None
    working_days_left: int | None
    calendar_days_left: int | None
    #: Side limits (domain.cases.side_deadlines): the day the status is judged on (today, or the
    #: lodging day for the complaint limitation), whether the case list alerts on it, and where
    #: the complaint limitation was counted from (the learned day, or the decision's date).
    judged_on: date | None = None
    alert: bool = False
    start_from: LimitationStart | None = None


@dataclass(frozen=True)
class LegalFacts:
    """The case's facts the legal limits need (issue 12), saved with compare-and-set.

    ``decision_on``: the contested decision's (or act's) date; ``learned_on``: the day the
    complainant received or learned of it (ngày biết được quyết định, Luật KN 2011 Art. 9);
    ``entrusted_verification``: ủy quyền xác minh (Luật TC 2018 Art. 24(1)).
    """

    case_id: int
    decision_on: date | None = None
    learned_on: date | None = None
    entrusted_verification: bool = False
    expected_version: int | None = None


@dataclass(frozen=True)
class Complainant:
    citizen_id: int
    full_name: str
    id_number: str
    address: str
    role: str
    #: Masked for this viewer (``services.cases.screening``) / a denouncer under secrecy.
    identity_masked: bool = False
    identity_secret: bool = False


@dataclass(frozen=True)
class VisitLink(VisitRef):
    """A visit linked to a case."""

    voided: bool


@dataclass(frozen=True)
class CaseLink(NumberedCase):
    id: int
    year: int
    seq: int
    case_type: CaseType
    title: str
    stage: CaseStage
    link_kind: LinkKind | None


@dataclass(frozen=True)
class CaseDetail(NumberedCase):
    """A case with its timeline, links and current deadline: what the case page shows."""

    id: int
    uid: str
    year: int
    seq: int
    case_type: CaseType
    complaint_object: ComplaintObject | None
    title: str
    content: str
    field_code: str | None
    respondents: str
    level: HandlingLevel  # where the case is now …
    competent_body: str  # … and with which body ("" = this commune)
    remote: bool
    criteria: frozenset[ComplexityCriterion]
    within_commune_competence: bool
    stage: CaseStage
    received_on: date
    accepted_on: date | None
    closed_on: date | None
    extensions: int
    deadline: DeadlineInfo | None
    allowed_events: tuple[EventKind, ...]
    complainants: tuple[Complainant, ...]
    events: tuple[TimelineEntry, ...]
    visits: tuple[VisitLink, ...]
    previous: CaseLink | None
    next_cases: tuple[CaseLink, ...]
    link_kind: LinkKind | None
    version: int
    #: Time limits running beside the stage's own (domain.cases.related_deadlines): the 45-day
    #: unprocessed-đơn threshold, the window for a second complaint.
    related: tuple[DeadlineInfo, ...] = ()
    #: Complaints only: the dialogue rule's answer, the missing-dialogue flag and the dialogues
    #: (services.cases.dialogue_rule; issue 14).
    dialogue: DialogueSummary | None = None
    #: What the statutory reports need of it that no event says (``CaseReportFacts``).
    report_facts: CaseReportFacts | None = None
    #: Issue 12 facts (``LegalFacts``).
    decision_on: date | None = None
    decision_learned_on: date | None = None
    entrusted_verification: bool = False

    @property
    def is_open(self) -> bool:
        return self.stage.is_open


@dataclass(frozen=True)
class CalendarOverrideDTO:
    day: date
    kind: OverrideKind
    note: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class RuleView:
    """One row of the deadline rule table as in force for this office."""

    kind: DeadlineKind
    unit: PeriodUnit
    days: int
    complex_days: int | None
    remote_days: int | None
    complex_remote_days: int | None
    extension_days: int
    max_extensions: int
    valid_from: date
    valid_to: date | None
    basis: str
    confidence: SourceConfidence
    editable: bool  # unverified sources ([T]/[N]/[M]) may be changed by the office
    overridden: bool  # the office changed this row
    note: str = ""  # why the office changed it


@dataclass(frozen=True)
class RuleEdit:
    """The office's figures for one rule (identified by kind and valid_from)."""

    kind: DeadlineKind
    valid_from: date
    days: int
    unit: PeriodUnit
    complex_days: int | None = None
    remote_days: int | None = None
    complex_remote_days: int | None = None
    note: str = ""


@dataclass(frozen=True)
class RecomputeReport:
    """Open cases whose cached deadline was recomputed after a calendar or rule change."""

    cases: int = 0
    changed: int = 0
    failed: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class CaseReportFacts:
    """What the statutory reports need of a case that no event says (issue 13): whether it is
    "đủ điều kiện xử lý" (None: not recorded, the reports infer it from the first handling), the
    day the office urged the competent body (đôn đốc giải quyết) and the day a reply came from
    the body it was transferred to."""

    eligible: bool | None = None
    urged_on: date | None = None
    reply_received_on: date | None = None
