"""The petition forms' shared machinery (01/XLD, 02–04/XLD, 01/KQGQ): what they need of a case
file (``PetitionFact``), the tests a petition passes in a window, and ``XldColumn``.

A petition (đơn) is a case file. It is
*handled* (đã xử lý) on the office day of its first handling event (accept, return and guide,
transfer, refuse, file, withdraw); it is *eligible* (đủ điều kiện xử lý) when that first handling
was to accept (thụ lý: within competence), return and guide, or transfer (not within competence),
unless the clerk recorded it as not eligible on the case page (migration 0013; older cases keep
the inference alone). Urging the competent body (đôn đốc, col 21) and a reply to a transfer (col
22) are recorded there too; a petition urged is counted in 21, not in 19/20.
Its *resolution state* counts the cases before it in its chain (``previous_case_id``) that had
been decided before it was received: none → chưa giải quyết xong, one → đã giải quyết lần đầu,
two or more → nhiều lần. Its *matter* is the first case of its chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms.base import Measure


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
COMPLAINT_TYPES = frozenset({"complaint_first", "complaint_second"})
PETITION_TYPES = frozenset({"petition", "reflection"})
DENUNCIATION_TYPES = frozenset({"denunciation"})

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
class EligibleAnd:
    """Eligible, and ``extra`` (kept apart so a whole form tests eligibility once a petition);
    ``windowed``: ``extra`` also takes the window."""

    extra: Callable[..., bool]
    windowed: bool = False

    def __call__(self, f: PetitionFact, w: ReportPeriod) -> bool:
        return eligible(f, w) and self.holds(f, w)

    def holds(self, f: PetitionFact, w: ReportPeriod) -> bool:
        return bool(self.extra(f, w) if self.windowed else self.extra(f))


def eligible_and(test: Callable[[PetitionFact], bool]) -> PetitionTest:
    return EligibleAnd(test)


def eligible_and_by(test: Callable[[PetitionFact, ReportPeriod], bool]) -> PetitionTest:
    return EligibleAnd(test, windowed=True)


@dataclass(frozen=True)
class XldColumn:
    """One column of 01/XLD: ``measure`` over the petitions passing ``test``, or a sum."""

    number: int
    measure: Measure
    meaning: str
    test: PetitionTest | None = None
    sum_of: tuple[int, ...] = ()
