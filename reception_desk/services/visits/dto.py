"""Plain data of the logbook: a saved visit, a logbook line, the logbook's filter.

Never ORM objects, never sessions. ``VisitDraft`` (what the form sends) is the domain's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import datetime
from enum import StrEnum

from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.numbering import visit_stt
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import GroupMember
from reception_desk.domain.visits import VisitDraft
from reception_desk.services.citizens.dto import CitizenSummary

__all__ = [
    "DocumentCondition",
    "DocumentLine",
    "GroupMember",
    "LoggedVisit",
    "TransferDueInfo",
    "VisitDetail",
    "VisitDraft",
    "VisitQuery",
    "VisitRow",
    "VisitSort",
]


@dataclass(frozen=True)
class TransferDueInfo:
    """A visit's transfer limit (Luật TC Art. 24(2); ``domain.transfers``), computed from its day
    on the current calendar: ``status`` None once a transfer slip was issued; ``alert`` while
    due soon or overdue without one."""

    due: date
    days: int
    basis: str
    slip_issued: bool
    status: DueStatus | None
    working_days_left: int | None
    alert: bool


@dataclass(frozen=True, kw_only=True)
class LoggedVisit:
    """What a logbook line and a visit's detail both show of a visit, as this viewer may see it
    (``services.visits.reading`` fills it from the visit's row)."""

    id: int
    year: int
    seq: int
    received_at: datetime  # in the office's time zone
    kind: VisitKind
    citizen_name: str
    id_number: str
    address: str
    content: str
    petition_type: PetitionType
    people_count: int
    direction: HandlingDirection
    target_body: str
    voided: bool
    case_id: int | None
    delegation: bool
    #: Some identity field is shown masked to this viewer (``services.visits.reading``).
    identity_masked: bool = False
    #: The sender is a denouncer under secrecy: every identity field withheld.
    identity_secret: bool = False
    #: Issue 12: the transfer limit, for a visit that owes one (``services.visits.transfers``).
    transfer_due: TransferDueInfo | None = None
    #: Issue 15: a visit imported from an old logbook: its number there (``domain.numbering``).
    legacy_stt: str | None = None
    legacy_year: int | None = None

    @property
    def stt(self) -> str:
        return visit_stt(self.seq, self.year, self.legacy_stt, self.legacy_year)


@dataclass(frozen=True)
class VisitDetail(LoggedVisit):
    """A saved visit with everything the form and the printouts need."""

    uid: str
    reception_date: date
    receiving_staff_id: int
    receiving_staff_name: str
    presiding_leader_id: int | None
    presiding_leader_name: str
    citizen_id: int
    id_doc_type: IdDocType
    phone: str
    field_code: str | None
    field_label: str
    prior_bodies: str
    within_competence: bool
    target_doc_number: str
    follow_up: str
    notes: str
    documents: tuple[DocumentLine, ...]
    members: tuple[GroupMember, ...]
    incident: bool
    incident_note: str
    void_reason: str
    version: int
    citizen: CitizenSummary | None = None

    def to_draft(self) -> VisitDraft:
        """The form's content for editing this visit."""
        c = self.citizen
        return VisitDraft(
            received_at=self.received_at,
            kind=self.kind,
            receiving_staff_id=self.receiving_staff_id,
            presiding_leader_id=self.presiding_leader_id,
            citizen_id=self.citizen_id,
            citizen_version=c.version if c and c.id == self.citizen_id else None,
            citizen_name=self.citizen_name,
            id_doc_type=self.id_doc_type,
            id_number=self.id_number,
            id_issue_date=c.id_issue_date if c else None,
            id_issue_place=c.id_issue_place if c else "",
            sex=c.sex if c else None,
            birth_date=c.birth_date if c else None,
            ward_code=c.ward_code if c else None,
            address_detail=c.address_detail if c else "",
            phone=self.phone,
            people_count=self.people_count,
            content=self.content,
            petition_type=self.petition_type,
            field_code=self.field_code,
            prior_bodies=self.prior_bodies,
            within_competence=self.within_competence,
            direction=self.direction,
            target_body=self.target_body,
            target_doc_number=self.target_doc_number,
            follow_up=self.follow_up,
            notes=self.notes,
            documents=[DocumentLine(d.name, d.pages, d.condition) for d in self.documents],
            delegation=self.delegation,
            members=[replace(m) for m in self.members],
            incident=self.incident,
            incident_note=self.incident_note,
            case_id=self.case_id,
        )


@dataclass(frozen=True)
class VisitRow(LoggedVisit):
    """One logbook line as the table shows it."""

    citizen_id: int | None = None
    citizen_visit_count: int = 1


class VisitSort(StrEnum):
    STT = "stt"
    TIME = "time"
    NAME = "name"
    TYPE = "type"
    KIND = "kind"
    PEOPLE = "people"


@dataclass(frozen=True)
class VisitQuery:
    """The logbook's filter: reception-day range (inclusive), folded text, sort."""

    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    include_voided: bool = True
    sort: VisitSort = VisitSort.STT
    descending: bool = False
    petition_type: PetitionType | None = None
    citizen_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

