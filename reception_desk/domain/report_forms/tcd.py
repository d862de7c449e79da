"""01/TCD — Tổng hợp kết quả tiếp công dân (30 columns): the columns, and counting them over
fact rows (the drill-down, and the check of the SQL counts).

Visits of the window (reception day in the window, not voided) fall in three groups:

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
no citizen."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.base import ReceptionGroup


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
