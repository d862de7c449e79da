"""02/XLD (khiếu nại), 03/XLD (tố cáo), 04/XLD (kiến nghị, phản ánh): the handling of one kind
of petition.

The same petitions and tests as 01/XLD, restricted to one kind (FORM_SCOPE). Their
classification and result columns count *vụ việc* (matters), as the templates' headings say:
each matter is counted once, as its latest eligible petition of the window stands (so the
classifications of a matter partition it and the identities hold). The templates' content
columns follow the office's field taxonomy (field_category codes, LEGAL.md §3.3): a petition
with no field, or one the taxonomy does not place, is in "lĩnh vực khác".
"""

from __future__ import annotations

from collections.abc import Callable

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.petitions import ACCEPTED
from reception_desk.domain.report_forms.petitions import NOT_COMPETENT
from reception_desk.domain.report_forms.petitions import PetitionFact
from reception_desk.domain.report_forms.petitions import XldColumn
from reception_desk.domain.report_forms.petitions import carried_over
from reception_desk.domain.report_forms.petitions import eligible
from reception_desk.domain.report_forms.petitions import eligible_and
from reception_desk.domain.report_forms.petitions import eligible_and_by
from reception_desk.domain.report_forms.petitions import handled
from reception_desk.domain.report_forms.petitions import received_in
from reception_desk.domain.report_forms.petitions import replied
from reception_desk.domain.report_forms.petitions import urged


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
                     eligible_and(lambda f: _in_field(f, *prefixes)))


def _result_columns(first: tuple[str, Callable[[PetitionFact], bool]],
                    repeat: tuple[str, Callable[[PetitionFact], bool]],
                    not_competent: str) -> tuple[XldColumn, ...]:
    """Columns 21–27 of 02/XLD and 03/XLD: accepted first or repeat (21=22+23), not within
    competence, not urged or urged (24=25+26), replies to transfers (27)."""
    return (
        XldColumn(21, Measure.SUM, "vụ việc thuộc thẩm quyền: tổng số", sum_of=(22, 23)),
        XldColumn(22, Measure.PETITION_MATTERS, f"thuộc thẩm quyền: {first[0]}",
                  eligible_and(lambda f: _accepted(f) and first[1](f))),
        XldColumn(23, Measure.PETITION_MATTERS, f"thuộc thẩm quyền: {repeat[0]}",
                  eligible_and(lambda f: _accepted(f) and repeat[1](f))),
        XldColumn(24, Measure.SUM, "vụ việc không thuộc thẩm quyền: tổng số", sum_of=(25, 26)),
        XldColumn(25, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {not_competent}",
                  eligible_and_by(_not_competent_nor_urged)),
        XldColumn(26, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {_URGING}",
                  eligible_and_by(_not_competent_urged)),
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
              eligible_and(lambda f: _in_field(f, "kn.hc") and not _in_field(
                  f, "kn.hc.chinh_sach", "kn.hc.dat_dai", "kn.hc.boi_thuong"))),
    _field_column(13, "lĩnh vực tư pháp", "kn.tu_phap"),
    _field_column(14, "lĩnh vực Đảng, đoàn thể", "kn.dang"),
    XldColumn(15, Measure.PETITION_MATTERS, "lĩnh vực khác (any other field, or none)",
              eligible_and(lambda f: not _in_field(f, "kn.hc", "kn.tu_phap", "kn.dang"))),
    XldColumn(16, Measure.PETITION_MATTERS,
              "đã giải quyết lần đầu (one earlier case of the chain decided before receipt)",
              eligible_and(lambda f: f.decided_before == 1)),
    XldColumn(17, Measure.PETITION_MATTERS, "đã giải quyết lần 2 (two or more decided)",
              eligible_and(lambda f: f.decided_before >= 2)),
    XldColumn(18, Measure.NOT_RECORDED,
              "đã có bản án của tòa (court judgments are not recorded)"),
    XldColumn(19, Measure.PETITION_MATTERS,
              "đang giải quyết (an earlier case accepted, not yet decided, at receipt)",
              eligible_and(lambda f: f.decided_before == 0 and f.pending_before)),
    XldColumn(20, Measure.PETITION_MATTERS, "chưa giải quyết (no earlier case in hand)",
              eligible_and(lambda f: f.decided_before == 0 and not f.pending_before)),
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
              eligible_and(lambda f: _in_field(f, "tc.hc") and not _in_field(
                  f, "tc.hc.chinh_sach", "tc.hc.dat_dai", "tc.hc.cong_vu"))),
    _field_column(14, "tham nhũng", "tc.tham_nhung"),
    _field_column(15, "lĩnh vực tư pháp", "tc.tu_phap"),
    _field_column(16, "lĩnh vực Đảng, đoàn thể", "tc.dang"),
    XldColumn(17, Measure.PETITION_MATTERS, "lĩnh vực khác (any other field, or none)",
              eligible_and(lambda f: not _in_field(f, "tc.hc", "tc.tham_nhung", "tc.tu_phap",
                                                   "tc.dang"))),
    XldColumn(18, Measure.PETITION_MATTERS,
              "tố cáo tiếp, quá thời hạn chưa giải quyết (follows an earlier denunciation not "
              "yet concluded at receipt; its deadline is not checked)",
              eligible_and(lambda f: f.follows and f.decided_before == 0)),
    XldColumn(19, Measure.PETITION_MATTERS,
              "tố cáo tiếp, đã có kết luận giải quyết (an earlier one concluded before receipt)",
              eligible_and(lambda f: f.decided_before >= 1)),
    XldColumn(20, Measure.PETITION_MATTERS, "chưa giải quyết (a first denunciation)",
              eligible_and(lambda f: not f.follows)),
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
              eligible_and(lambda f: not _in_field(f, "pakn.chinh_sach", "pakn.dat_dai",
                                                   "pakn.tu_phap"))),
    XldColumn(13, Measure.PETITION_MATTERS,
              "đã được giải quyết (an earlier case of the chain decided before receipt)",
              eligible_and(lambda f: f.decided_before >= 1)),
    XldColumn(14, Measure.PETITION_MATTERS, "chưa được giải quyết",
              eligible_and(lambda f: f.decided_before == 0)),
    XldColumn(15, Measure.PETITION_MATTERS, "vụ việc thuộc thẩm quyền (accepted)",
              eligible_and(_accepted)),
    XldColumn(16, Measure.SUM, "vụ việc không thuộc thẩm quyền: tổng số", sum_of=(17, 18)),
    XldColumn(17, Measure.PETITION_MATTERS,
              "không thuộc thẩm quyền: chuyển đơn (returned with guidance counted here: the "
              "form has no guidance column)",
              eligible_and_by(_not_competent_nor_urged)),
    XldColumn(18, Measure.PETITION_MATTERS, f"không thuộc thẩm quyền: {_URGING}",
              eligible_and_by(_not_competent_urged)),
    XldColumn(19, Measure.PETITION_MATTERS,
              "thẩm quyền: số vụ việc đã được giải quyết (decided by the window's end)",
              eligible_and_by(lambda f, w: _accepted(f) and f.decided_on is not None
                              and f.decided_on <= w.last)),
    XldColumn(20, Measure.PETITION_MATTERS, "thẩm quyền: số vụ việc chưa giải quyết",
              eligible_and_by(lambda f, w: _accepted(f) and (f.decided_on is None
                                                             or f.decided_on > w.last))),
)

#: The MS rows' identities (02/XLD by position, see XLD02_COLUMNS).
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
