"""Plain data of the citizen registry: records, their visits, repeats, merges, global search."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Protocol

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.numbering import visit_stt


class _Numbered(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def year(self) -> int: ...
    @property
    def legacy_stt(self) -> str | None: ...
    @property
    def legacy_year(self) -> int | None: ...


@dataclass(frozen=True)
class NumberedVisit:
    """A listed visit's STT as the logbook shows it: the visit's own ``seq``/``year``, or, for an
    imported visit (issue 15), its number in the old logbook (``domain.numbering.visit_stt``).
    The visit classes below name ``seq`` and ``year`` among their own fields."""

    legacy_stt: str | None = field(default=None, kw_only=True)
    legacy_year: int | None = field(default=None, kw_only=True)

    @property
    def stt(self: _Numbered) -> str:
        return visit_stt(self.seq, self.year, self.legacy_stt, self.legacy_year)


@dataclass(frozen=True)
class CitizenSummary:
    id: int
    full_name: str
    id_doc_type: IdDocType
    id_number: str
    sex: Sex | None
    birth_date: date | None
    phone: str
    ward_code: int | None
    address_detail: str
    address: str
    id_issue_date: date | None
    id_issue_place: str
    visit_count: int = 0
    last_visit: date | None = None
    #: The record's version when read (a visit saved from it compares-and-sets it).
    version: int | None = None


@dataclass(frozen=True)
class CitizenVisit(NumberedVisit):
    """One visit of a citizen as listed under the citizen (``find``, merge dialog, banner)."""

    id: int
    year: int
    seq: int
    reception_date: date
    content: str
    petition_type: PetitionType
    direction: HandlingDirection
    case_id: int | None
    voided: bool


@dataclass(frozen=True)
class CaseHit:
    """A case (vụ việc) found by search or by repeat detection."""

    id: int
    number: str  # "12/2026"
    title: str
    stage: str  # domain.cases.CaseStage value
    received_on: date
    visit_count: int = 0


@dataclass(frozen=True)
class RepeatVisit(NumberedVisit):
    """An earlier visit that looks like the same person or the same matter."""

    id: int
    year: int
    seq: int
    reception_date: date
    citizen_id: int
    citizen_name: str
    content: str
    petition_type: PetitionType
    direction: HandlingDirection
    case_id: int | None
    case_number: str | None
    case_stage: str | None  # CaseStage value of the linked case
    #: Why it matched: "id" (same ID number), "name" (same name and commune), "content"
    #: (similar content from the same hamlet).
    reasons: frozenset[str]
    similarity: float = 0.0  # content word overlap (Jaccard), when "content" is a reason

    @property
    def same_person(self) -> bool:
        return bool(self.reasons & {"id", "name"})


@dataclass(frozen=True)
class RepeatReport:
    """What the visit form shows before saving: earlier visits and cases, and what to link."""

    visits: tuple[RepeatVisit, ...] = ()
    cases: tuple[CaseHit, ...] = ()
    #: Earlier visits of the same person (ID number or name + commune), all of them, not only
    #: the ones listed: "Công dân này đã đến N lần".
    person_visit_count: int = 0
    #: The matter to link the new visit to (VisitDraft.case_id), when there is one.
    suggested_case_id: int | None = None
    #: (for the screening, not shown) the person's earlier denunciation visits, all of them,
    #: and the cases found through the person: a viewer who may not see a denouncer under
    #: secrecy must find neither those visits nor their count (services/citizens/screening).
    person_denunciations: tuple[int, ...] = ()
    person_cases: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.visits and not self.cases


@dataclass(frozen=True)
class VisitRef(NumberedVisit):
    """A visit named in a list elsewhere (search results, a case's visits): its STT, day, who
    and what."""

    id: int
    year: int
    seq: int
    reception_date: date
    citizen_name: str
    content: str


@dataclass(frozen=True)
class VisitHit(VisitRef):
    """A visit found by global search."""

    petition_type: PetitionType
    voided: bool


@dataclass(frozen=True)
class GlobalResults:
    """Ctrl+F: citizens, visits and cases, each group limited."""

    citizens: tuple[CitizenSummary, ...] = ()
    visits: tuple[VisitHit, ...] = ()
    cases: tuple[CaseHit, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.citizens or self.visits or self.cases)


@dataclass(frozen=True)
class MergeResult:
    survivor: CitizenSummary
    merged_id: int
    moved_visits: tuple[int, ...]
    moved_cases: tuple[int, ...]
    filled_fields: tuple[str, ...] = field(default=())
