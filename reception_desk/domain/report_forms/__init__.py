"""The statutory report forms' columns, each defined once with its legal meaning (LEGAL.md §8.1,
REPORT_FORMS.txt: the TT 01/2024/TT-TTCP templates 01/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD and
01/KQGQ, column by column).

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
was to accept (thụ lý: within competence), return and guide, or transfer (not within competence),
unless the clerk recorded it as not eligible on the case page (migration 0013; older cases keep
the inference alone). Urging the competent body (đôn đốc, col 21) and a reply to a transfer (col
22) are recorded there too; a petition urged is counted in 21, not in 19/20.
Its *resolution state* counts the cases before it in its chain (``previous_case_id``) that had
been decided before it was received: none → chưa giải quyết xong, one → đã giải quyết lần đầu,
two or more → nhiều lần. Its *matter* is the first case of its chain.

02/XLD (khiếu nại), 03/XLD (tố cáo), 04/XLD (kiến nghị, phản ánh) are 01/XLD restricted to one
kind of petition (``FORM_SCOPE``), with their content columns taken from the field taxonomy and
their classification and result columns counting matters (see ``XLD02_COLUMNS``). 01/KQGQ counts
the complaints accepted (thụ lý) and how they were resolved; the amounts, persons and findings
of a decision are not recorded. 02/KQGQ (carrying out decisions) is not built: the app records
nothing of it.

Pure: no I/O and no text for users (the Vietnamese headings are in ``reports.layout``).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from reception_desk.domain.periods import ReportPeriod


class ReportForm(StrEnum):
    TCD_01 = "01/TCD"  # Tổng hợp kết quả tiếp công dân
    XLD_01 = "01/XLD"  # Tổng hợp kết quả xử lý đơn
    XLD_02 = "02/XLD"  # Tổng hợp kết quả xử lý đơn khiếu nại
    XLD_03 = "03/XLD"  # Tổng hợp kết quả xử lý đơn tố cáo
    XLD_04 = "04/XLD"  # Tổng hợp kết quả xử lý đơn kiến nghị, phản ánh
    KQGQ_01 = "01/KQGQ"  # Tổng hợp kết quả giải quyết khiếu nại thuộc thẩm quyền


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
    field_code: str | None = None  # lĩnh vực (field_category code, e.g. "kn.hc.dat_dai")
    #: An earlier case of its chain had been accepted (thụ lý) and not yet decided when it was
    #: received (the matter is "đang giải quyết").
    pending_before: bool = False
    decided_on: date | None = None  # office day of its own first decision
    withdrawn_on: date | None = None  # office day it was withdrawn (rút đơn)
    #: Recorded on the case (migration 0013; None on older cases: not recorded).
    eligible_recorded: bool | None = None  # đủ điều kiện xử lý, as the clerk said
    urged_on: date | None = None  # đôn đốc giải quyết: the office urged the competent body
    reply_on: date | None = None  # a reply came from the body it was transferred to

    @property
    def follows(self) -> bool:
        """It follows an earlier case (khiếu nại lần hai, tố cáo tiếp): its matter is older."""
        return bool(self.matter_id) and self.matter_id != self.case_id


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
    """Đủ điều kiện xử lý: handled by accepting, returning with guidance or transferring, and
    not recorded as ineligible by the clerk (the case page records it; a case where it was not
    recorded — every case before migration 0013 — is inferred from that first handling alone).
    The case page refuses "eligible" for a petition first refused, filed or withdrawn: the forms
    have no result column for it."""
    return (handled(f, w) and (f.handling in ACCEPTED or f.handling in NOT_COMPETENT)
            and f.eligible_recorded is not False)


def urged(f: PetitionFact, w: ReportPeriod) -> bool:
    """Đôn đốc giải quyết: the office urged the competent body (recorded on the case) by the
    window's end, instead of guiding or transferring anew."""
    return f.urged_on is not None and f.urged_on <= w.last


def replied(f: PetitionFact, w: ReportPeriod) -> bool:
    """A reply (văn bản phúc đáp) to a transfer came in the window (recorded on the case)."""
    return f.handling == "transfer" and f.reply_on is not None and w.first <= f.reply_on <= w.last


@dataclass(frozen=True)
class _EligibleAnd:
    """Eligible, and ``extra`` (kept apart so a whole form tests eligibility once a petition);
    ``windowed``: ``extra`` also takes the window."""

    extra: Callable[..., bool]
    windowed: bool = False

    def __call__(self, f: PetitionFact, w: ReportPeriod) -> bool:
        return eligible(f, w) and self.holds(f, w)

    def holds(self, f: PetitionFact, w: ReportPeriod) -> bool:
        return bool(self.extra(f, w) if self.windowed else self.extra(f))


def _eligible_and(test: Callable[[PetitionFact], bool]) -> PetitionTest:
    return _EligibleAnd(test)


def _eligible_and_by(test: Callable[[PetitionFact, ReportPeriod], bool]) -> PetitionTest:
    return _EligibleAnd(test, windowed=True)


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
    XldColumn(19, Measure.PETITIONS, "không thuộc thẩm quyền: hướng dẫn (not urged)",
              _eligible_and_by(lambda f, w: f.handling == "return_guide" and not urged(f, w))),
    XldColumn(20, Measure.PETITIONS, "không thuộc thẩm quyền: chuyển đơn (not urged)",
              _eligible_and_by(lambda f, w: f.handling == "transfer" and not urged(f, w))),
    XldColumn(21, Measure.PETITIONS,
              "không thuộc thẩm quyền: đôn đốc giải quyết (recorded on the case page; none "
              "before migration 0013)", _eligible_and_by(
                  lambda f, w: f.handling in NOT_COMPETENT and urged(f, w))),
    XldColumn(22, Measure.PETITIONS,
              "số văn bản phúc đáp nhận được do chuyển đơn (a reply recorded on the case page in "
              "the window, one a transferred petition; none before migration 0013)", replied),
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


# --- 02/XLD, 03/XLD, 04/XLD: the handling of one kind of petition ----------------------------
# The same petitions and tests as 01/XLD, restricted to one kind (FORM_SCOPE). Their
# classification and result columns count *vụ việc* (matters), as the templates' headings say:
# each matter is counted once, as its latest eligible petition of the window stands (so the
# classifications of a matter partition it and the identities hold). The templates' content
# columns follow the office's field taxonomy (field_category codes, LEGAL.md §3.3): a petition
# with no field, or one the taxonomy does not place, is in "lĩnh vực khác".

_DENUNCIATIONS = frozenset({"denunciation"})


def _in_field(f: PetitionFact, *prefixes: str) -> bool:
    code = f.field_code or ""
    return any(code == p or code.startswith(p + ".") for p in prefixes)


def _accepted(f: PetitionFact) -> bool:
    return f.handling in ACCEPTED


def _kind_columns() -> tuple[XldColumn, ...]:
    """Columns 1–8 of 02/03/04-XLD: petitions in hand, handled, eligible (1=2+3, 4=5+6)."""
    return (
        XldColumn(1, Measure.SUM, "tổng số đơn", sum_of=(2, 3)),
        XldColumn(2, Measure.PETITIONS, "đơn kỳ trước chuyển sang", carried_over),
        XldColumn(3, Measure.PETITIONS, "đơn tiếp nhận trong kỳ", received_in),
        XldColumn(4, Measure.SUM, "đơn đã xử lý: tổng", sum_of=(5, 6)),
        XldColumn(5, Measure.PETITIONS, "đã xử lý: đơn kỳ trước chuyển sang",
                  lambda f, w: handled(f, w) and carried_over(f, w)),
        XldColumn(6, Measure.PETITIONS, "đã xử lý: đơn tiếp nhận trong kỳ",
                  lambda f, w: handled(f, w) and received_in(f, w)),
        XldColumn(7, Measure.PETITIONS, "đủ điều kiện xử lý: số đơn", eligible),
        XldColumn(8, Measure.PETITION_MATTERS, "đủ điều kiện xử lý: số vụ việc", eligible),
    )


_REPLIES = ("số văn bản phúc đáp nhận được do chuyển đơn (a reply recorded on the case page "
            "in the window, one a transferred petition; none before migration 0013)")
_URGING = ("đôn đốc giải quyết (recorded on the case page: the office urged the competent body; "
           "none before migration 0013)")


def _not_competent_nor_urged(f: PetitionFact, w: ReportPeriod) -> bool:
    return f.handling in NOT_COMPETENT and not urged(f, w)


def _not_competent_urged(f: PetitionFact, w: ReportPeriod) -> bool:
    return f.handling in NOT_COMPETENT and urged(f, w)


def _field_column(number: int, meaning: str, *prefixes: str) -> XldColumn:
    """A content column: the matters whose petition's field code is under one of ``prefixes``."""
    return XldColumn(number, Measure.PETITION_MATTERS, f"{meaning} ({', '.join(prefixes)})",
                     _eligible_and(lambda f: _in_field(f, *prefixes)))


def _result_columns(first: tuple[str, Callable[[PetitionFact], bool]],
                    repeat: tuple[str, Callable[[PetitionFact], bool]],
                    not_competent: str) -> tuple[XldColumn, ...]:
    """Columns 21–27 of 02/XLD and 03/XLD: accepted first or repeat (21=22+23), not within
    competence, not urged or urged (24=25+26), replies to transfers (27)."""
    return (
        XldColumn(21, Measure.SUM, "vụ việc thuộc thẩm quyền: tổng số", sum_of=(22, 23)),
        XldColumn(22, Measure.PETITION_MATTERS, f"thuộc thẩm quyền: {first[0]}",
                  _eligible_and(lambda f: _accepted(f) and first[1](f))),
        XldColumn(23, Measure.PETITION_MATTERS, f"thuộc thẩm quyền: {repeat[0]}",
                  _eligible_and(lambda f: _accepted(f) and repeat[1](f))),
        XldColumn(24, Measure.SUM, "vụ việc không thuộc thẩm quyền: tổng số", sum_of=(25, 26)),
        XldColumn(25, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {not_competent}",
                  _eligible_and_by(_not_competent_nor_urged)),
        XldColumn(26, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {_URGING}",
                  _eligible_and_by(_not_competent_urged)),
        XldColumn(27, Measure.PETITIONS, _REPLIES, replied),
    )

#: 02/XLD (complaints). The template's MS row is garbled after column 19 ("20=21+22" over
#: "Chưa giải quyết", "26 = 27+28+29" over a total of two): its 27 columns are numbered here by
#: position, B=1 … AB=27, and the identities follow the headings.
XLD02_COLUMNS: tuple[XldColumn, ...] = (
    *_kind_columns(),
    XldColumn(9, Measure.SUM, "lĩnh vực hành chính: tổng", sum_of=(10, 11, 12)),
    _field_column(10, "hành chính: chế độ, chính sách", "kn.hc.chinh_sach"),
    _field_column(11, "hành chính: đất đai, nhà cửa", "kn.hc.dat_dai", "kn.hc.boi_thuong"),
    XldColumn(12, Measure.PETITION_MATTERS, "hành chính: khác (other kn.hc fields)",
              _eligible_and(lambda f: _in_field(f, "kn.hc") and not _in_field(
                  f, "kn.hc.chinh_sach", "kn.hc.dat_dai", "kn.hc.boi_thuong"))),
    _field_column(13, "lĩnh vực tư pháp", "kn.tu_phap"),
    _field_column(14, "lĩnh vực Đảng, đoàn thể", "kn.dang"),
    XldColumn(15, Measure.PETITION_MATTERS, "lĩnh vực khác (any other field, or none)",
              _eligible_and(lambda f: not _in_field(f, "kn.hc", "kn.tu_phap", "kn.dang"))),
    XldColumn(16, Measure.PETITION_MATTERS,
              "đã giải quyết lần đầu (one earlier case of the chain decided before receipt)",
              _eligible_and(lambda f: f.decided_before == 1)),
    XldColumn(17, Measure.PETITION_MATTERS, "đã giải quyết lần 2 (two or more decided)",
              _eligible_and(lambda f: f.decided_before >= 2)),
    XldColumn(18, Measure.NOT_RECORDED,
              "đã có bản án của tòa (court judgments are not recorded)"),
    XldColumn(19, Measure.PETITION_MATTERS,
              "đang giải quyết (an earlier case accepted, not yet decided, at receipt)",
              _eligible_and(lambda f: f.decided_before == 0 and f.pending_before)),
    XldColumn(20, Measure.PETITION_MATTERS, "chưa giải quyết (no earlier case in hand)",
              _eligible_and(lambda f: f.decided_before == 0 and not f.pending_before)),
    *_result_columns(
        ("lần đầu (khiếu nại lần đầu accepted)", lambda f: f.case_type == "complaint_first"),
        ("lần 2 (khiếu nại lần hai accepted)", lambda f: f.case_type == "complaint_second"),
        "hướng dẫn (returned with guidance; a complaint recorded as transferred is counted "
        "here: the form has no transfer column, Luật KN guides a complaint outside "
        "competence)"),
)

#: 03/XLD (denunciations), B=1 … AB=27 as the template's MS row numbers them.
XLD03_COLUMNS: tuple[XldColumn, ...] = (
    *_kind_columns(),
    XldColumn(9, Measure.SUM, "lĩnh vực hành chính: tổng cộng", sum_of=(10, 11, 12, 13)),
    _field_column(10, "hành chính: chế độ, chính sách", "tc.hc.chinh_sach"),
    _field_column(11, "hành chính: đất đai, nhà cửa", "tc.hc.dat_dai"),
    _field_column(12, "hành chính: công chức, công vụ", "tc.hc.cong_vu"),
    XldColumn(13, Measure.PETITION_MATTERS, "hành chính: khác (other tc.hc fields)",
              _eligible_and(lambda f: _in_field(f, "tc.hc") and not _in_field(
                  f, "tc.hc.chinh_sach", "tc.hc.dat_dai", "tc.hc.cong_vu"))),
    _field_column(14, "tham nhũng", "tc.tham_nhung"),
    _field_column(15, "lĩnh vực tư pháp", "tc.tu_phap"),
    _field_column(16, "lĩnh vực Đảng, đoàn thể", "tc.dang"),
    XldColumn(17, Measure.PETITION_MATTERS, "lĩnh vực khác (any other field, or none)",
              _eligible_and(lambda f: not _in_field(f, "tc.hc", "tc.tham_nhung", "tc.tu_phap",
                                                    "tc.dang"))),
    XldColumn(18, Measure.PETITION_MATTERS,
              "tố cáo tiếp, quá thời hạn chưa giải quyết (follows an earlier denunciation not "
              "yet concluded at receipt; its deadline is not checked)",
              _eligible_and(lambda f: f.follows and f.decided_before == 0)),
    XldColumn(19, Measure.PETITION_MATTERS,
              "tố cáo tiếp, đã có kết luận giải quyết (an earlier one concluded before receipt)",
              _eligible_and(lambda f: f.decided_before >= 1)),
    XldColumn(20, Measure.PETITION_MATTERS, "chưa giải quyết (a first denunciation)",
              _eligible_and(lambda f: not f.follows)),
    *_result_columns(
        ("tố cáo lần đầu", lambda f: not f.follows), ("tố cáo tiếp", lambda f: f.follows),
        "chuyển đơn (a denunciation recorded as returned with guidance is counted here: the "
        "form has no guidance column)"),
)

#: 04/XLD (kiến nghị, phản ánh), B=1 … U=20 (the template's "8=…=15+18" reads 15+16).
XLD04_COLUMNS: tuple[XldColumn, ...] = (
    *_kind_columns(),
    _field_column(9, "chế độ, chính sách", "pakn.chinh_sach"),
    _field_column(10, "đất đai", "pakn.dat_dai"),
    _field_column(11, "tư pháp", "pakn.tu_phap"),
    XldColumn(12, Measure.PETITION_MATTERS, "khác (any other field, or none)",
              _eligible_and(lambda f: not _in_field(f, "pakn.chinh_sach", "pakn.dat_dai",
                                                    "pakn.tu_phap"))),
    XldColumn(13, Measure.PETITION_MATTERS,
              "đã được giải quyết (an earlier case of the chain decided before receipt)",
              _eligible_and(lambda f: f.decided_before >= 1)),
    XldColumn(14, Measure.PETITION_MATTERS, "chưa được giải quyết",
              _eligible_and(lambda f: f.decided_before == 0)),
    XldColumn(15, Measure.PETITION_MATTERS, "vụ việc thuộc thẩm quyền (accepted)",
              _eligible_and(_accepted)),
    XldColumn(16, Measure.SUM, "vụ việc không thuộc thẩm quyền: tổng số", sum_of=(17, 18)),
    XldColumn(17, Measure.PETITION_MATTERS,
              "không thuộc thẩm quyền: chuyển đơn (returned with guidance counted here: the "
              "form has no guidance column)",
              _eligible_and_by(_not_competent_nor_urged)),
    XldColumn(18, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {_URGING}",
              _eligible_and_by(_not_competent_urged)),
    XldColumn(19, Measure.PETITION_MATTERS,
              "thẩm quyền: số vụ việc đã được giải quyết (decided by the window's end)",
              _eligible_and_by(lambda f, w: _accepted(f) and f.decided_on is not None
                               and f.decided_on <= w.last)),
    XldColumn(20, Measure.PETITION_MATTERS, "thẩm quyền: số vụ việc chưa giải quyết",
              _eligible_and_by(lambda f, w: _accepted(f) and (f.decided_on is None
                                                              or f.decided_on > w.last))),
)


# --- 01/KQGQ: complaints within competence (accepted, thụ lý) and their resolution ------------


def _finished_on(f: PetitionFact) -> date | None:
    days = [d for d in (f.decided_on, f.withdrawn_on) if d is not None]
    return min(days) if days else None


def kqgq_carried_over(f: PetitionFact, w: ReportPeriod) -> bool:
    """Accepted before the window and neither decided nor withdrawn before it."""
    done = _finished_on(f)
    return (f.handling in ACCEPTED and f.handled_on is not None and f.handled_on < w.first
            and (done is None or done >= w.first))


def kqgq_accepted_in(f: PetitionFact, w: ReportPeriod) -> bool:
    """Accepted (thụ lý) in the window."""
    return (f.handling in ACCEPTED and f.handled_on is not None
            and w.first <= f.handled_on <= w.last)


def kqgq_in_hand(f: PetitionFact, w: ReportPeriod) -> bool:
    return kqgq_carried_over(f, w) or kqgq_accepted_in(f, w)


def _kqgq_nr(number: int, meaning: str) -> XldColumn:
    return XldColumn(number, Measure.NOT_RECORDED, meaning)


_AMOUNTS = "(amounts, persons and bodies of a decision are not recorded)"

KQGQ01_COLUMNS: tuple[XldColumn, ...] = (
    XldColumn(1, Measure.SUM, "đơn khiếu nại thuộc thẩm quyền: tổng số", sum_of=(2, 3)),
    XldColumn(2, Measure.PETITIONS, "kỳ trước chuyển sang (accepted before the window, "
              "neither decided nor withdrawn before it)", kqgq_carried_over),
    XldColumn(3, Measure.PETITIONS, "tiếp nhận trong kỳ (accepted, thụ lý, in the window)",
              kqgq_accepted_in),
    XldColumn(4, Measure.PETITION_MATTERS, "tổng số vụ việc khiếu nại thuộc thẩm quyền",
              kqgq_in_hand),
    XldColumn(5, Measure.PETITIONS,
              "đã giải quyết bằng quyết định hành chính (decided in the window)",
              lambda f, w: kqgq_in_hand(f, w) and f.decided_on is not None
              and w.first <= f.decided_on <= w.last),
    XldColumn(6, Measure.PETITIONS, "rút đơn thông qua giải thích, thuyết phục (withdrawn in "
              "the window)",
              lambda f, w: kqgq_in_hand(f, w) and f.withdrawn_on is not None
              and w.first <= f.withdrawn_on <= w.last),
    *(_kqgq_nr(n, f"{label} {_AMOUNTS}") for n, label in (
        (7, "kiến nghị thu hồi cho Nhà nước: tiền"), (8, "kiến nghị thu hồi: đất"),
        (9, "trả lại cho tổ chức: tiền"), (10, "trả lại cho tổ chức: đất"),
        (11, "trả lại cho cá nhân: tiền"), (12, "trả lại cho cá nhân: đất"),
        (13, "số tổ chức được trả lại quyền lợi"), (14, "số cá nhân được trả lại quyền lợi"),
        (15, "kiến nghị xử lý hành chính: tổng số người"),
        (16, "kiến nghị xử lý hành chính: cán bộ, công chức, viên chức"),
        (17, "chuyển cơ quan điều tra: số vụ"), (18, "chuyển cơ quan điều tra: số người"),
        (19, "chuyển cơ quan điều tra: cán bộ, công chức, viên chức"))),
    *(_kqgq_nr(n, f"{label} (the finding of a decision is not recorded)") for n, label in (
        (20, "giải quyết lần đầu: khiếu nại đúng"), (21, "lần đầu: khiếu nại sai"),
        (22, "lần đầu: khiếu nại đúng một phần"), (23, "lần 2: công nhận quyết định lần đầu"),
        (24, "lần 2: hủy, sửa quyết định lần đầu"))),
    *(_kqgq_nr(n, f"chấp hành thời hạn giải quyết: {label} (the deadline in force at the "
                  "decision is not kept once the case is decided)")
      for n, label in ((25, "đúng quy định"), (26, "không đúng quy định"))),
)

#: What each kind form and 01/KQGQ count: the petitions of these case types.
FORM_SCOPE: Mapping[ReportForm, frozenset[str]] = MappingProxyType({
    ReportForm.XLD_02: _COMPLAINTS,
    ReportForm.XLD_03: _DENUNCIATIONS,
    ReportForm.XLD_04: _PETITIONS,
    ReportForm.KQGQ_01: _COMPLAINTS,
})

PETITION_COLUMNS: Mapping[ReportForm, tuple[XldColumn, ...]] = MappingProxyType({
    ReportForm.XLD_01: XLD_COLUMNS,
    ReportForm.XLD_02: XLD02_COLUMNS,
    ReportForm.XLD_03: XLD03_COLUMNS,
    ReportForm.XLD_04: XLD04_COLUMNS,
    ReportForm.KQGQ_01: KQGQ01_COLUMNS,
})

#: The MS rows' identities (02/XLD by position, see above; 01/KQGQ's "5=20+..+24" has parts
#: the app does not record and is not checked).
XLD02_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (1, (2, 3)), (4, (5, 6)), (9, (10, 11, 12)), (8, (9, 13, 14, 15)),
    (8, (16, 17, 18, 19, 20)), (8, (21, 24)), (21, (22, 23)), (24, (25, 26)),
)
XLD03_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (1, (2, 3)), (4, (5, 6)), (9, (10, 11, 12, 13)), (8, (9, 14, 15, 16, 17)),
    (8, (18, 19, 20)), (8, (21, 24)), (21, (22, 23)), (24, (25, 26)),
)
XLD04_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (1, (2, 3)), (4, (5, 6)), (8, (9, 10, 11, 12)), (8, (13, 14)), (8, (15, 16)),
    (16, (17, 18)), (15, (19, 20)),
)
KQGQ01_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = ((1, (2, 3)),)

COLUMN_COUNT: Mapping[ReportForm, int] = MappingProxyType({
    ReportForm.TCD_01: len(TCD_COLUMNS),
    **{form: len(columns) for form, columns in PETITION_COLUMNS.items()}})

IDENTITIES: Mapping[ReportForm, tuple[tuple[int, tuple[int, ...]], ...]] = MappingProxyType({
    ReportForm.TCD_01: TCD_IDENTITIES, ReportForm.XLD_01: XLD_IDENTITIES,
    ReportForm.XLD_02: XLD02_IDENTITIES, ReportForm.XLD_03: XLD03_IDENTITIES,
    ReportForm.XLD_04: XLD04_IDENTITIES, ReportForm.KQGQ_01: KQGQ01_IDENTITIES})


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


def xld_column(number: int, form: ReportForm = ReportForm.XLD_01) -> XldColumn:
    """Column ``number`` of a petition form (01/XLD, 02–04/XLD, 01/KQGQ)."""
    return next(c for c in PETITION_COLUMNS[form] if c.number == number)


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


def _representatives(facts: Iterable[PetitionFact]) -> list[PetitionFact]:
    """One petition a matter: its latest (highest id), by case id."""
    latest: dict[int, PetitionFact] = {}
    for f in facts:
        if f.matter_id not in latest or f.case_id > latest[f.matter_id].case_id:
            latest[f.matter_id] = f
    return sorted(latest.values(), key=lambda f: f.case_id)


class _Pool:
    """The petitions of one form's scope in a window, eligibility tested once each."""

    def __init__(self, facts: Sequence[PetitionFact], window: ReportPeriod,
                 form: ReportForm) -> None:
        scope = FORM_SCOPE.get(form)
        self.window = window
        self.facts = [f for f in facts if scope is None or f.case_type in scope]
        self.eligible = [f for f in self.facts if eligible(f, window)]
        self.matters = _representatives(self.eligible)

    def members(self, col: XldColumn) -> list[PetitionFact]:
        """The petitions behind ``col`` (a matter column: one a matter; the eligible
        classification columns take each matter as its latest eligible petition stands)."""
        test, w = col.test, self.window
        by_matter = col.measure is Measure.PETITION_MATTERS
        if test is None:
            return []
        if isinstance(test, _EligibleAnd):
            return [f for f in (self.matters if by_matter else self.eligible) if test.holds(f, w)]
        if test is eligible:
            return self.matters if by_matter else self.eligible
        chosen = [f for f in self.facts if test(f, w)]
        return _representatives(chosen) if by_matter else chosen


def xld_members(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod,
                form: ReportForm = ReportForm.XLD_01) -> list[PetitionFact]:
    """The petitions behind ``col`` of ``form`` (a SUM column: those of its parts)."""
    pool = _Pool(facts, window, form)
    if col.measure is Measure.SUM:
        seen: dict[int, PetitionFact] = {}
        for part in col.sum_of:
            for f in pool.members(xld_column(part, form)):
                seen.setdefault(f.case_id, f)
        return sorted(seen.values(), key=lambda f: f.case_id)
    return pool.members(col)


def xld_value(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod,
              form: ReportForm = ReportForm.XLD_01) -> int | None:
    """``col`` of ``form`` counted over ``facts`` (the drill-down's count)."""
    if col.measure is Measure.SUM:
        return sum(xld_value(xld_column(p, form), facts, window, form) or 0 for p in col.sum_of)
    if col.measure in (Measure.NOTE, Measure.NOT_RECORDED):
        return None
    return len(xld_members(col, facts, window, form))


def xld_values(facts: Sequence[PetitionFact], window: ReportPeriod,
               form: ReportForm = ReportForm.XLD_01) -> dict[int, int | None]:
    """Every column of a petition form over ``facts`` (as ``xld_value`` column by column,
    testing each petition's eligibility once)."""
    pool = _Pool(facts, window, form)
    columns = PETITION_COLUMNS[form]
    values: dict[int, int | None] = {}
    for col in columns:
        if col.measure in (Measure.SUM, Measure.NOTE, Measure.NOT_RECORDED):
            values[col.number] = None
        else:
            values[col.number] = len(pool.members(col))
    sum_columns(values, columns)
    return values


def not_recorded(form: ReportForm) -> tuple[int, ...]:
    """The columns of ``form`` the app does not store."""
    columns: tuple[TcdColumn, ...] | tuple[XldColumn, ...] = (
        TCD_COLUMNS if form is ReportForm.TCD_01 else PETITION_COLUMNS[form])
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


#: The columns each form's 12-month trend draws (the report screen's chart): its main counts.
TREND_COLUMNS: Mapping[ReportForm, tuple[int, ...]] = MappingProxyType({
    ReportForm.TCD_01: (4, 13, 22),  # lượt tiếp: thường xuyên, thủ trưởng, ủy quyền
    ReportForm.XLD_01: (3, 4, 6),  # đơn tiếp nhận, đã xử lý, đủ điều kiện
    ReportForm.XLD_02: (3, 4, 8),  # đơn tiếp nhận, đã xử lý, vụ việc đủ điều kiện
    ReportForm.XLD_03: (3, 4, 8),
    ReportForm.XLD_04: (3, 4, 8),
    ReportForm.KQGQ_01: (3, 5, 6),  # thụ lý, giải quyết bằng quyết định, rút đơn
})
