"""01/KQGQ — Tổng hợp kết quả giải quyết khiếu nại thuộc thẩm quyền: the complaints accepted (thụ
lý) and how they were resolved; the amounts, persons and findings of a decision are not
recorded. 02/KQGQ (carrying out decisions) is not built: the app records nothing of it."""

from __future__ import annotations

from datetime import date

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.petitions import ACCEPTED
from reception_desk.domain.report_forms.petitions import PetitionFact
from reception_desk.domain.report_forms.petitions import XldColumn


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

#: The MS row's identities ("5=20+..+24" has parts the app does not record and is not checked).
KQGQ01_IDENTITIES: tuple[tuple[int, tuple[int, ...]], ...] = ((1, (2, 3)),)
