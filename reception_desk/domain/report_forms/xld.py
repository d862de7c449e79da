"""01/XLD — Tổng hợp kết quả xử lý đơn (22 columns), over the petitions of every kind."""

from __future__ import annotations

from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.petitions import ACCEPTED
from reception_desk.domain.report_forms.petitions import COMPLAINT_TYPES
from reception_desk.domain.report_forms.petitions import NOT_COMPETENT
from reception_desk.domain.report_forms.petitions import PETITION_TYPES
from reception_desk.domain.report_forms.petitions import XldColumn
from reception_desk.domain.report_forms.petitions import carried_over
from reception_desk.domain.report_forms.petitions import eligible
from reception_desk.domain.report_forms.petitions import eligible_and
from reception_desk.domain.report_forms.petitions import eligible_and_by
from reception_desk.domain.report_forms.petitions import handled
from reception_desk.domain.report_forms.petitions import in_hand
from reception_desk.domain.report_forms.petitions import received_in
from reception_desk.domain.report_forms.petitions import replied
from reception_desk.domain.report_forms.petitions import urged

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
              eligible_and(lambda f: f.case_type in COMPLAINT_TYPES)),
    XldColumn(9, Measure.PETITIONS, "theo nội dung: tố cáo",
              eligible_and(lambda f: f.case_type == "denunciation")),
    XldColumn(10, Measure.PETITIONS, "theo nội dung: kiến nghị, phản ánh",
              eligible_and(lambda f: f.case_type in PETITION_TYPES)),
    XldColumn(11, Measure.PETITIONS, "theo tình trạng: đã giải quyết lần đầu",
              eligible_and(lambda f: f.decided_before == 1)),
    XldColumn(12, Measure.PETITIONS, "theo tình trạng: đã giải quyết nhiều lần",
              eligible_and(lambda f: f.decided_before >= 2)),
    XldColumn(13, Measure.PETITIONS, "theo tình trạng: chưa giải quyết xong",
              eligible_and(lambda f: f.decided_before == 0)),
    XldColumn(14, Measure.SUM, "đơn thuộc thẩm quyền: tổng số", sum_of=(15, 16, 17)),
    XldColumn(15, Measure.PETITIONS, "thuộc thẩm quyền: khiếu nại",
              eligible_and(lambda f: f.handling in ACCEPTED and f.case_type in COMPLAINT_TYPES)),
    XldColumn(16, Measure.PETITIONS, "thuộc thẩm quyền: tố cáo",
              eligible_and(lambda f: f.handling in ACCEPTED and f.case_type == "denunciation")),
    XldColumn(17, Measure.PETITIONS, "thuộc thẩm quyền: kiến nghị, phản ánh",
              eligible_and(lambda f: f.handling in ACCEPTED and f.case_type in PETITION_TYPES)),
    XldColumn(18, Measure.SUM, "đơn không thuộc thẩm quyền: tổng số", sum_of=(19, 20, 21)),
    XldColumn(19, Measure.PETITIONS, "không thuộc thẩm quyền: hướng dẫn (not urged)",
              eligible_and_by(lambda f, w: f.handling == "return_guide" and not urged(f, w))),
    XldColumn(20, Measure.PETITIONS, "không thuộc thẩm quyền: chuyển đơn (not urged)",
              eligible_and_by(lambda f, w: f.handling == "transfer" and not urged(f, w))),
    XldColumn(21, Measure.PETITIONS,
              "không thuộc thẩm quyền: đôn đốc giải quyết (recorded on the case page; none "
              "before migration 0013)", eligible_and_by(
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
