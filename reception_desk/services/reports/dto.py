"""Plain data the report screens and the command line receive (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reception_desk.domain.report_forms import ReportForm


@dataclass(frozen=True)
class DrillVisit:
    """A visit behind a 01/TCD column (no identity: open the visit to see who came)."""

    visit_id: int
    number: str  # STT "12/2026"
    day: date
    kind: str
    group: str  # domain.report_forms.ReceptionGroup value
    crowd: bool
    people: int
    case_id: int | None
    case_number: str  # "35/2026", "" without a case
    repeat: bool


@dataclass(frozen=True)
class DrillCase:
    """A petition (case file) behind a 01/XLD column."""

    case_id: int
    number: str
    case_type: str
    received_on: date
    handled_on: date | None
    handling: str | None
    stage: str


@dataclass(frozen=True)
class DrillSession:
    """A "kỳ tiếp" behind 01/TCD column 12 or 21: a recorded session, or a day of visits of a
    leader outside any recorded session (``session_id`` None)."""

    session_id: int | None
    day: date
    leader_name: str
    no_citizen: bool = False


@dataclass(frozen=True)
class Drill:
    """What is counted in one column: the visits (01/TCD) or the petitions (01/XLD)."""

    form: ReportForm
    column: int
    value: int | None
    visits: tuple[DrillVisit, ...] = ()
    cases: tuple[DrillCase, ...] = ()
    sessions: tuple[DrillSession, ...] = ()  # columns 12 and 21 (issue 14)

    @property
    def size(self) -> int:
        """How many records are listed (visits, petitions or sessions)."""
        return len(self.visits) or len(self.cases) or len(self.sessions)

    @property
    def ids(self) -> list[int]:
        return [v.visit_id for v in self.visits] or [c.case_id for c in self.cases]


@dataclass(frozen=True)
class ReportOptions:
    """The office's report settings: the recipients printed under "Nơi nhận" (the last is
    usually "Lưu: VT") and the day of the month the report is sent (None: dated the day it is
    printed)."""

    recipients: tuple[str, ...]
    submission_day: int | None = None


@dataclass(frozen=True)
class Trend:
    """A form's main columns month by month (report months, 15th–14th), oldest first: what the
    report screen's chart draws."""

    form: ReportForm
    months: tuple[tuple[int, int], ...]  # (year, month) of each report month
    values: dict[int, tuple[int, ...]]  # column → its count in each month
