"""The statutory report forms' columns, each defined once with its legal meaning (LEGAL.md §8.1,
REPORT_FORMS.txt: the TT 01/2024/TT-TTCP templates 01/TCD and 01/XLD, column by column).

A column is a *spec*: what it counts (visits, persons, matters, sessions, petitions), over which
facts (a predicate), or the sum of other columns. The services count the specs over the database
(and list the records behind any column: the drill-down) from these definitions only; the
exports lay them out. A column the app cannot know is ``NOT_RECORDED``: shown as such and listed,
never a silent 0.

01/TCD — Tổng hợp kết quả tiếp công dân (30 columns). Visits of the window (reception day in the
window, not voided) fall in three groups:

* **thường xuyên** (regular reception, cols 4–11): visits of kind ``regular``;
* **thủ trưởng tiếp** (cols 12–20): ``periodic``/``ad_hoc`` visits presided over by the head of
  the body, the chairperson (staff role ``chair``);
* **ủy quyền tiếp** (cols 21–29): ``periodic``/``ad_hoc`` visits presided over by anyone else
  (a vice-chair or another leader receiving by the chair's delegation, Luật TCD Art. 15).

A *matter* (vụ việc) is the visit's case when it is linked to one, else the visit itself. It is
counted once per group. It is **nhiều lần** (received repeatedly) when one of its visits in the
group and window is not the first reception of its case (an earlier non-voided visit of the same
case exists), or its case follows an earlier case (khiếu nại lần hai, tố cáo tiếp: the
``previous_case_id`` link); otherwise **lần đầu**. The crowd columns (đoàn đông người) count the
visits marked as a delegation, and the matters of those visits with the group's first/repeat mark
(so that "of which" never exceeds its whole).

"Số kỳ tiếp" (cols 12, 21) counts the group's *held sessions* (issue 14: a session presided by the
chair is "thủ trưởng tiếp", by a vice chair or a delegate "ủy quyền tiếp"), sessions at which
nobody came included, plus each distinct (reception day, presiding leader) of the group's visits
that are linked to no recorded session and fall on no held session of that leader that day (a
book kept before sessions were recorded). Column 30 (ghi chú) states how many held sessions had
no citizen.

01/XLD — Tổng hợp kết quả xử lý đơn (22 columns). A petition (đơn) is a case file. It is
*handled* (đã xử lý) on the office day of its first handling event (accept, return and guide,
transfer, refuse, file, withdraw); it is *eligible* (đủ điều kiện xử lý) when that first handling
was to accept (thụ lý: within competence), return and guide, or transfer (not within competence).
Its *resolution state* counts the cases before it in its chain (``previous_case_id``) that had
been decided before it was received: none → chưa giải quyết xong, one → đã giải quyết lần đầu,
two or more → nhiều lần. Its *matter* is the first case of its chain.

Pure: no I/O and no text for users (the Vietnamese headings are in ``reports.layout``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from reception_desk.domain.periods import ReportPeriod


class ReportForm(StrEnum):
    TCD_01 = "01/TCD"  # Tổng hợp kết quả tiếp công dân
    XLD_01 = "01/XLD"  # Tổng hợp kết quả xử lý đơn


class Measure(StrEnum):
    """What a column counts."""

    VISITS = "visits"  # lượt tiếp
    PEOPLE = "people"  # người được tiếp (people_count of each visit)
    MATTERS = "matters"  # vụ việc (distinct matters)
    SESSIONS = "sessions"  # kỳ tiếp (held sessions, and visit days outside any session)
    DELEGATIONS = "delegations"  # đoàn đông người (crowd visits)
    PETITIONS = "petitions"  # đơn (case files)
    PETITION_MATTERS = "petition_matters"  # vụ việc of petitions (first case of each chain)
    SUM = "sum"  # the sum of other columns (the form's own formula)
    NOT_RECORDED = "not_recorded"  # the app does not store this fact
    NOTE = "note"  # ghi chú


class ReceptionGroup(StrEnum):
    """01/TCD's three groups of columns."""

    REGULAR = "regular"  # tiếp thường xuyên
    HEAD = "head"  # thủ trưởng tiếp (định kỳ, đột xuất)
    DELEGATED = "delegated"  # ủy quyền tiếp


@dataclass(frozen=True)
class TcdColumn:
    """One column of 01/TCD: ``measure`` over the visits of ``group`` (all groups: None),
    only crowd visits when ``crowd``, only first (False) or repeat (True) matters per
    ``repeat``; or the sum of ``sum_of``."""

    number: int
    measure: Measure
    meaning: str
    group: ReceptionGroup | None = None
    crowd: bool = False
    repeat: bool | None = None
    sum_of: tuple[int, ...] = ()


def _group_columns(group: ReceptionGroup, start: int, sessions: bool,
                   label: str) -> list[TcdColumn]:
    g, n = group, start
    cols = []
    if sessions:
        cols.append(TcdColumn(n, Measure.SESSIONS, f"{label}: số kỳ tiếp (held sessions, and "
                              "visit days of a leader outside any session)", g))
        n += 1
    cols += [
        TcdColumn(n, Measure.VISITS, f"{label}: số lượt tiếp (visits)", g),
        TcdColumn(n + 1, Measure.PEOPLE, f"{label}: số người được tiếp (people at the visits)", g),
        TcdColumn(n + 2, Measure.MATTERS, f"{label}: vụ việc tiếp lần đầu", g, repeat=False),
        TcdColumn(n + 3, Measure.MATTERS, f"{label}: vụ việc tiếp nhiều lần", g, repeat=True),
        TcdColumn(n + 4, Measure.DELEGATIONS, f"{label}: số đoàn đông người được tiếp", g,
                  crowd=True),
        TcdColumn(n + 5, Measure.PEOPLE, f"{label}: số người của đoàn đông người", g, crowd=True),
        TcdColumn(n + 6, Measure.MATTERS, f"{label}: vụ việc của đoàn đông người, lần đầu", g,
                  crowd=True, repeat=False),
        TcdColumn(n + 7, Measure.MATTERS, f"{label}: vụ việc của đoàn đông người, nhiều lần", g,
                  crowd=True, repeat=True),
    ]
    return cols


#: 01/TCD, columns 1–30 (MS row: 1=4+13+22, 2=5+14+23, 3=6+7+15+16+24+25).
TCD_COLUMNS: tuple[TcdColumn, ...] = (
    TcdColumn(1, Measure.SUM, "tổng số lượt tiếp", sum_of=(4, 13, 22)),
    TcdColumn(2, Measure.SUM, "tổng số người được tiếp", sum_of=(5, 14, 23)),
    TcdColumn(3, Measure.SUM, "tổng số vụ việc tiếp", sum_of=(6, 7, 15, 16, 24, 25)),
    *_group_columns(ReceptionGroup.REGULAR, 4, False, "tiếp thường xuyên"),
    *_group_columns(ReceptionGroup.HEAD, 12, True, "thủ trưởng tiếp"),
    *_group_columns(ReceptionGroup.DELEGATED, 21, True, "ủy quyền tiếp"),
    TcdColumn(30, Measure.NOTE, "ghi chú"),
)

#: The form's identities (MS row) and the "of which" bounds the groups imply.
TCD_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (1, (4, 13, 22)),
    (2, (5, 14, 23)),
    (3, (6, 7, 15, 16, 24, 25)),
)


@dataclass(frozen=True)
class PetitionFact:
    """What 01/XLD needs of one case file (a đơn)."""

    case_id: int
    received_on: date
    case_type: str  # domain.cases.CaseType value
    handled_on: date | None = None  # office day of the first handling event
    handling: str | None = None  # its EventKind value
    decided_before: int = 0  # earlier cases of its chain decided before it was received
    matter_id: int = 0  # the first case of its chain (itself when none)


#: First handling decisions that make a đơn "đủ điều kiện xử lý" and which way it went.
ACCEPTED = frozenset({"accept"})
NOT_COMPETENT = frozenset({"return_guide", "transfer"})
HANDLING_EVENTS = frozenset({"accept", "return_guide", "transfer", "refuse", "file", "withdraw"})
_COMPLAINTS = frozenset({"complaint_first", "complaint_second"})
_PETITIONS = frozenset({"petition", "reflection"})

PetitionTest = Callable[[PetitionFact, ReportPeriod], bool]


def carried_over(f: PetitionFact, w: ReportPeriod) -> bool:
    """Kỳ trước chuyển sang: received before the window, not handled before it."""
    return f.received_on < w.first and (f.handled_on is None or f.handled_on >= w.first)


def received_in(f: PetitionFact, w: ReportPeriod) -> bool:
    """Tiếp nhận trong kỳ: received in the window."""
    return w.first <= f.received_on <= w.last


def in_hand(f: PetitionFact, w: ReportPeriod) -> bool:
    """Tổng số đơn: carried over or received in the window."""
    return carried_over(f, w) or received_in(f, w)


def handled(f: PetitionFact, w: ReportPeriod) -> bool:
    """Đã xử lý: in hand and handled by the end of the window."""
    return in_hand(f, w) and f.handled_on is not None and f.handled_on <= w.last


def eligible(f: PetitionFact, w: ReportPeriod) -> bool:
    """Đủ điều kiện xử lý: handled by accepting, returning with guidance or transferring."""
    return handled(f, w) and (f.handling in ACCEPTED or f.handling in NOT_COMPETENT)


@dataclass(frozen=True)
class _EligibleAnd:
    """Eligible, and ``extra`` (kept apart so a whole form tests eligibility once a petition)."""

    extra: Callable[[PetitionFact], bool]

    def __call__(self, f: PetitionFact, w: ReportPeriod) -> bool:
        return eligible(f, w) and self.extra(f)


def _eligible_and(test: Callable[[PetitionFact], bool]) -> PetitionTest:
    return _EligibleAnd(test)


@dataclass(frozen=True)
class XldColumn:
    """One column of 01/XLD: ``measure`` over the petitions passing ``test``, or a sum."""

    number: int
    measure: Measure
    meaning: str
    test: PetitionTest | None = None
    sum_of: tuple[int, ...] = ()


#: 01/XLD, columns 1–22 (MS row: 1=2+3=4+5; 6=8+9+10=11+12+13=14+18; 14=15+16+17; 18=19+20+21).
XLD_COLUMNS: tuple[XldColumn, ...] = (
    XldColumn(1, Measure.SUM, "tổng số đơn", sum_of=(2, 3)),
    XldColumn(2, Measure.PETITIONS, "kỳ trước chuyển sang", carried_over),
    XldColumn(3, Measure.PETITIONS, "tiếp nhận trong kỳ", received_in),
    XldColumn(4, Measure.PETITIONS, "số đơn đã xử lý", handled),
    XldColumn(5, Measure.PETITIONS, "số đơn chưa xử lý (chuyển kỳ sau)",
              lambda f, w: in_hand(f, w) and not handled(f, w)),
    XldColumn(6, Measure.PETITIONS, "đủ điều kiện xử lý: số đơn", eligible),
    XldColumn(7, Measure.PETITION_MATTERS, "đủ điều kiện xử lý: số vụ việc", eligible),
    XldColumn(8, Measure.PETITIONS, "theo nội dung: khiếu nại",
              _eligible_and(lambda f: f.case_type in _COMPLAINTS)),
    XldColumn(9, Measure.PETITIONS, "theo nội dung: tố cáo",
              _eligible_and(lambda f: f.case_type == "denunciation")),
    XldColumn(10, Measure.PETITIONS, "theo nội dung: kiến nghị, phản ánh",
              _eligible_and(lambda f: f.case_type in _PETITIONS)),
    XldColumn(11, Measure.PETITIONS, "theo tình trạng: đã giải quyết lần đầu",
              _eligible_and(lambda f: f.decided_before == 1)),
    XldColumn(12, Measure.PETITIONS, "theo tình trạng: đã giải quyết nhiều lần",
              _eligible_and(lambda f: f.decided_before >= 2)),
    XldColumn(13, Measure.PETITIONS, "theo tình trạng: chưa giải quyết xong",
              _eligible_and(lambda f: f.decided_before == 0)),
    XldColumn(14, Measure.SUM, "đơn thuộc thẩm quyền: tổng số", sum_of=(15, 16, 17)),
    XldColumn(15, Measure.PETITIONS, "thuộc thẩm quyền: khiếu nại",
              _eligible_and(lambda f: f.handling in ACCEPTED and f.case_type in _COMPLAINTS)),
    XldColumn(16, Measure.PETITIONS, "thuộc thẩm quyền: tố cáo",
              _eligible_and(lambda f: f.handling in ACCEPTED and f.case_type == "denunciation")),
    XldColumn(17, Measure.PETITIONS, "thuộc thẩm quyền: kiến nghị, phản ánh",
              _eligible_and(lambda f: f.handling in ACCEPTED and f.case_type in _PETITIONS)),
    XldColumn(18, Measure.SUM, "đơn không thuộc thẩm quyền: tổng số", sum_of=(19, 20, 21)),
    XldColumn(19, Measure.PETITIONS, "không thuộc thẩm quyền: hướng dẫn",
              _eligible_and(lambda f: f.handling == "return_guide")),
    XldColumn(20, Measure.PETITIONS, "không thuộc thẩm quyền: chuyển đơn",
              _eligible_and(lambda f: f.handling == "transfer")),
    XldColumn(21, Measure.NOT_RECORDED,
              "không thuộc thẩm quyền: đôn đốc giải quyết (no urging event is recorded)"),
    XldColumn(22, Measure.NOT_RECORDED,
              "số văn bản phúc đáp nhận được do chuyển đơn (replies to transfers are not "
              "recorded)"),
)

XLD_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (1, (2, 3)),
    (1, (4, 5)),
    (6, (8, 9, 10)),
    (6, (11, 12, 13)),
    (6, (14, 18)),
    (14, (15, 16, 17)),
    (18, (19, 20, 21)),
)

COLUMN_COUNT: Mapping[ReportForm, int] = MappingProxyType({
    ReportForm.TCD_01: len(TCD_COLUMNS), ReportForm.XLD_01: len(XLD_COLUMNS)})

IDENTITIES: Mapping[ReportForm, tuple[tuple[int, tuple[int, ...]], ...]] = MappingProxyType({
    ReportForm.TCD_01: TCD_IDENTITIES, ReportForm.XLD_01: XLD_IDENTITIES})


def sum_columns(values: dict[int, int | None], columns: tuple[TcdColumn, ...] |
                tuple[XldColumn, ...]) -> None:
    """Fill the SUM columns of ``values`` in place (a not-recorded part counts as 0: the form's
    total holds what is known, and the part is listed as not recorded)."""
    for col in columns:
        if col.measure is Measure.SUM:
            values[col.number] = sum(values.get(n) or 0 for n in col.sum_of)


def broken_identities(form: ReportForm, values: Mapping[int, int | None]) -> list[str]:
    """The identities of ``form`` that ``values`` break, as "6 != 14+18" (empty: all hold)."""
    broken = []
    for whole, parts in IDENTITIES[form]:
        if (values.get(whole) or 0) != sum(values.get(p) or 0 for p in parts):
            broken.append(f"{whole} != {'+'.join(map(str, parts))}")
    return broken


# --- counting a column over fact rows (the drill-down, and the check of the SQL counts) --------


@dataclass(frozen=True)
class VisitFact:
    """What 01/TCD needs of one visit of the window."""

    visit_id: int
    group: ReceptionGroup
    crowd: bool
    people: int
    matter: int  # the case id, else minus the visit id
    repeat: bool  # not the first reception of its case, or its case follows an earlier one
    day: date
    leader: int | None
    session_id: int | None = None  # the recorded session it was received in (issue 14)


@dataclass(frozen=True)
class HeldSession:
    """A held reception session of the window (issue 14), in the group its leader gives."""

    session_id: int
    group: ReceptionGroup
    day: date
    leader: int
    no_citizen: bool


def session_group(leader_role: str) -> ReceptionGroup:
    """The chair presiding in person is "thủ trưởng tiếp"; anyone else "ủy quyền tiếp"."""
    return ReceptionGroup.HEAD if leader_role == "chair" else ReceptionGroup.DELEGATED


#: One "kỳ tiếp" counted: (recorded session id, or None for a day of visits outside any
#: session; day; presiding leader).
SessionEntry = tuple[int | None, date, int | None]


def tcd_session_members(col: TcdColumn, facts: Sequence[VisitFact],
                        held: Sequence[HeldSession]) -> list[SessionEntry]:
    """The sessions behind a "số kỳ tiếp" column: the group's held sessions, then the days of the
    group's visits linked to no session (one per day and leader, unless that leader held a
    session that day)."""
    mine = [h for h in held if h.group is col.group]
    entries: list[SessionEntry] = [(h.session_id, h.day, h.leader) for h in mine]
    taken: set[tuple[date, int | None]] = {(h.day, h.leader) for h in mine}
    for f in facts:
        if f.group is col.group and f.session_id is None and (f.day, f.leader) not in taken:
            taken.add((f.day, f.leader))
            entries.append((None, f.day, f.leader))
    return entries


def tcd_column(number: int) -> TcdColumn:
    return next(c for c in TCD_COLUMNS if c.number == number)


def xld_column(number: int) -> XldColumn:
    return next(c for c in XLD_COLUMNS if c.number == number)


def _matter_marks(facts: Iterable[VisitFact], group: ReceptionGroup
                  ) -> dict[int, tuple[bool, bool]]:
    """matter → (repeat, crowd) over the group's visits."""
    marks: dict[int, tuple[bool, bool]] = {}
    for f in facts:
        if f.group is group:
            rep, crowd = marks.get(f.matter, (False, False))
            marks[f.matter] = (rep or f.repeat, crowd or f.crowd)
    return marks


def tcd_members(col: TcdColumn, facts: Sequence[VisitFact]) -> list[VisitFact]:
    """The visits behind ``col`` (a SUM column: those of its parts)."""
    if col.measure is Measure.SUM:
        seen: dict[int, VisitFact] = {}
        for part in col.sum_of:
            for f in tcd_members(tcd_column(part), facts):
                seen.setdefault(f.visit_id, f)
        return sorted(seen.values(), key=lambda f: f.visit_id)
    if col.group is None:
        return []
    chosen = [f for f in facts if f.group is col.group and (f.crowd or not col.crowd)]
    if col.measure is Measure.MATTERS:
        marks = _matter_marks(facts, col.group)
        chosen = [f for f in chosen if marks[f.matter][0] is col.repeat
                  and (marks[f.matter][1] or not col.crowd)]
    return chosen


def tcd_value(col: TcdColumn, facts: Sequence[VisitFact],
              held: Sequence[HeldSession] = ()) -> int | None:
    """``col`` counted over ``facts`` (the slow, obvious way: the drill-down's count)."""
    if col.measure is Measure.SUM:
        return sum(tcd_value(tcd_column(p), facts, held) or 0 for p in col.sum_of)
    if col.measure is Measure.SESSIONS:
        return len(tcd_session_members(col, facts, held))
    if col.measure in (Measure.NOTE, Measure.NOT_RECORDED):
        return None
    members = tcd_members(col, facts)
    if col.measure in (Measure.VISITS, Measure.DELEGATIONS):
        return len(members)
    if col.measure is Measure.PEOPLE:
        return sum(f.people for f in members)
    if col.measure is Measure.MATTERS:
        return len({f.matter for f in members})
    return None


def xld_members(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod
                ) -> list[PetitionFact]:
    """The petitions behind ``col`` (a SUM column: those of its parts)."""
    if col.measure is Measure.SUM:
        seen: dict[int, PetitionFact] = {}
        for part in col.sum_of:
            for f in xld_members(xld_column(part), facts, window):
                seen.setdefault(f.case_id, f)
        return sorted(seen.values(), key=lambda f: f.case_id)
    if col.test is None:
        return []
    test = col.test
    return [f for f in facts if test(f, window)]


def xld_value(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod
              ) -> int | None:
    if col.measure is Measure.SUM:
        return sum(xld_value(xld_column(p), facts, window) or 0 for p in col.sum_of)
    if col.measure in (Measure.NOTE, Measure.NOT_RECORDED):
        return None
    members = xld_members(col, facts, window)
    if col.measure is Measure.PETITION_MATTERS:
        return len({f.matter_id for f in members})
    return len(members)


def xld_values(facts: Sequence[PetitionFact], window: ReportPeriod) -> dict[int, int | None]:
    """Every column of 01/XLD over ``facts`` (as ``xld_value`` column by column, testing each
    petition's eligibility once)."""
    eligible_facts = [f for f in facts if eligible(f, window)]
    values: dict[int, int | None] = {}
    for col in XLD_COLUMNS:
        test = col.test
        if col.measure in (Measure.SUM, Measure.NOTE, Measure.NOT_RECORDED) or test is None:
            values[col.number] = None
            continue
        if isinstance(test, _EligibleAnd):
            members = [f for f in eligible_facts if test.extra(f)]
        elif test is eligible:
            members = eligible_facts
        else:
            members = [f for f in facts if test(f, window)]
        values[col.number] = (len({f.matter_id for f in members})
                              if col.measure is Measure.PETITION_MATTERS else len(members))
    sum_columns(values, XLD_COLUMNS)
    return values


def not_recorded(form: ReportForm) -> tuple[int, ...]:
    """The columns of ``form`` the app does not store."""
    columns: tuple[TcdColumn, ...] | tuple[XldColumn, ...] = (
        TCD_COLUMNS if form is ReportForm.TCD_01 else XLD_COLUMNS)
    return tuple(c.number for c in columns if c.measure is Measure.NOT_RECORDED)


@dataclass(frozen=True)
class FormResult:
    """A computed form: the value of every counted column (None: not counted here — a note or a
    column the app does not record, listed in ``not_recorded``)."""

    form: ReportForm
    period: ReportPeriod
    values: Mapping[int, int | None]
    not_recorded: tuple[int, ...] = ()
    #: 01/TCD: some "số kỳ tiếp" are days of visits outside any recorded session.
    sessions_from_visits: bool = False
    #: 01/TCD ghi chú: held sessions of the window at which no citizen came (issue 14).
    empty_sessions: int = 0

    def value(self, number: int) -> int | None:
        return self.values.get(number)
