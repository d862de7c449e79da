"""Cases (vụ việc): value types, the stage state machine, and the deadline of the current stage.

A case's history is a list of ``CaseEvent``; ``replay`` folds it into a ``CaseState`` and
``apply_event`` refuses any illegal move with a ``CaseRuleError`` carrying a reason code.
Sources: LEGAL.md §1.2 (handling), §3.1 (types), §4 (time limits), §4.2 (complexity), §6 (levels).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from enum import StrEnum

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DeadlineStatus
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import SuspensionInterval
from reception_desk.domain.deadlines import compute_deadline
from reception_desk.domain.deadlines import rule_for
from reception_desk.domain.deadlines import status_for
from reception_desk.errors import UserError

# Vietnam has had no daylight saving time since 1975: a fixed offset gives the local legal date.
VIETNAM_TIME = timezone(timedelta(hours=7))
# District-level administrative units stopped operating (two-tier local government, LEGAL.md §6.3).
DISTRICT_ABOLISHED_ON = date(2025, 7, 1)
# Luật TC 2018 Art. 30: complex → one extension; especially complex → two.
MAX_DENUNCIATION_EXTENSIONS = 2


class CaseType(StrEnum):
    COMPLAINT_FIRST = "complaint_first"  # khiếu nại lần đầu
    COMPLAINT_SECOND = "complaint_second"  # khiếu nại lần hai
    DENUNCIATION = "denunciation"  # tố cáo
    PETITION = "petition"  # kiến nghị
    REFLECTION = "reflection"  # phản ánh

    @property
    def is_complaint(self) -> bool:
        return self in (CaseType.COMPLAINT_FIRST, CaseType.COMPLAINT_SECOND)


class ComplaintObject(StrEnum):
    """What a complaint is against (Luật KN Art. 2; LEGAL.md §3.1)."""

    ADMINISTRATIVE_DECISION = "administrative_decision"  # quyết định hành chính
    ADMINISTRATIVE_ACT = "administrative_act"  # hành vi hành chính
    DISCIPLINARY_DECISION = "disciplinary_decision"  # quyết định kỷ luật cán bộ, công chức


class HandlingLevel(StrEnum):
    """Level or system of the body handling (or receiving a transfer of) a case."""

    COMMUNE = "commune"
    DISTRICT = "district"  # historical records only: abolished on 2025-07-01
    PROVINCE = "province"
    MINISTRY_CENTRAL = "ministry_central"
    COURT = "court"
    POLICE_PROCURACY = "police_procuracy"
    PARTY = "party"
    OTHER = "other"


class ComplexityCriterion(StrEnum):
    """NĐ 31/2019 Art. 3(2); NĐ 124/2020 Art. 3a as added by NĐ 155/2026 (LEGAL.md §4.2)."""

    MULTIPLE_PLACES = "multiple_places"  # (a) one content verified at ≥ 2 places
    MULTIPLE_CONTENTS = "multiple_contents"  # (b) ≥ 2 contents to verify
    MANY_PEOPLE = "many_people"  # (c) many people, or many people's rights affected
    FOREIGN_ELEMENT = "foreign_element"  # (d)
    SEVERAL_BODIES = "several_bodies"  # (e) management responsibility of several bodies
    BODIES_DISAGREE = "bodies_disagree"  # (f)
    CONFLICTING_EVIDENCE = "conflicting_evidence"  # (g) needs time or expert opinion

    @property
    def letter(self) -> str:
        """The point letter (a–g) in the decree."""
        return "abcdefg"[list(ComplexityCriterion).index(self)]


def is_complex(criteria: Iterable[ComplexityCriterion]) -> bool:
    """Phức tạp: at least one criterion."""
    return len(criteria if isinstance(criteria, frozenset) else set(criteria)) >= 1


def is_especially_complex(criteria: Iterable[ComplexityCriterion]) -> bool:
    """Đặc biệt phức tạp: at least two criteria (NĐ 31/2019 Art. 3(3))."""
    return len(criteria if isinstance(criteria, frozenset) else set(criteria)) >= 2


class CaseStage(StrEnum):
    RECEIVED = "received"
    REFUSED = "refused"
    RETURNED_GUIDED = "returned_guided"  # trả lại đơn và hướng dẫn
    TRANSFERRED = "transferred"  # chuyển đơn
    ACCEPTED = "accepted"  # thụ lý
    VERIFYING = "verifying"  # xác minh
    DIALOGUE = "dialogue"  # đối thoại (complaints)
    DECIDED = "decided"  # quyết định giải quyết / kết luận nội dung tố cáo
    CLOSED = "closed"
    SUSPENDED = "suspended"  # tạm đình chỉ
    WITHDRAWN = "withdrawn"  # rút đơn
    FILED = "filed"  # xếp lưu

    @property
    def is_terminal(self) -> bool:
        return self in (CaseStage.CLOSED, CaseStage.FILED)

    @property
    def is_open(self) -> bool:
        """Still needs work from the office."""
        return self in _OPEN_STAGES


class EventKind(StrEnum):
    RECEIVE = "receive"
    REFUSE = "refuse"
    RETURN_GUIDE = "return_guide"
    TRANSFER = "transfer"
    ACCEPT = "accept"
    VERIFY = "verify"
    DIALOGUE = "dialogue"
    DECIDE = "decide"
    CLOSE = "close"
    SUSPEND = "suspend"
    RESUME = "resume"  # back to the stage suspended from
    EXTEND = "extend"  # gia hạn: stays in the stage
    WITHDRAW = "withdraw"
    FILE = "file"
    ASSESS_COMPLEXITY = "assess_complexity"  # written complexity determination: stays in stage


_ACTIVE = frozenset({CaseStage.ACCEPTED, CaseStage.VERIFYING, CaseStage.DIALOGUE})
_OPEN_STAGES = frozenset({CaseStage.RECEIVED, CaseStage.SUSPENDED}) | _ACTIVE

# The moves of a case being resolved (accepted, verifying, in dialogue), after the stage's own.
_RESOLVING: dict[EventKind, CaseStage | None] = {
    EventKind.DECIDE: CaseStage.DECIDED,
    EventKind.SUSPEND: CaseStage.SUSPENDED,
    EventKind.EXTEND: None,
    EventKind.WITHDRAW: CaseStage.WITHDRAWN,
    EventKind.ASSESS_COMPLEXITY: None,
}
# A case dealt with (refused, returned, transferred, decided, withdrawn) is closed or filed.
_DEALT_WITH: dict[EventKind, CaseStage | None] = {
    EventKind.CLOSE: CaseStage.CLOSED, EventKind.FILE: CaseStage.FILED,
}

# Moves by stage. None as a target means "stays" (EXTEND, ASSESS) or "computed" (SUSPEND, RESUME).
TRANSITIONS: dict[CaseStage, dict[EventKind, CaseStage | None]] = {
    CaseStage.RECEIVED: {
        EventKind.REFUSE: CaseStage.REFUSED,
        EventKind.RETURN_GUIDE: CaseStage.RETURNED_GUIDED,
        EventKind.TRANSFER: CaseStage.TRANSFERRED,
        EventKind.ACCEPT: CaseStage.ACCEPTED,
        EventKind.WITHDRAW: CaseStage.WITHDRAWN,
        EventKind.FILE: CaseStage.FILED,
        EventKind.ASSESS_COMPLEXITY: None,
    },
    CaseStage.ACCEPTED: {
        EventKind.VERIFY: CaseStage.VERIFYING,
        EventKind.DIALOGUE: CaseStage.DIALOGUE,
        **_RESOLVING,
    },
    CaseStage.VERIFYING: {EventKind.DIALOGUE: CaseStage.DIALOGUE, **_RESOLVING},
    CaseStage.DIALOGUE: {
        EventKind.VERIFY: CaseStage.VERIFYING,  # dialogue may show more needs checking
        **_RESOLVING,
    },
    CaseStage.SUSPENDED: {
        EventKind.RESUME: None,
        EventKind.WITHDRAW: CaseStage.WITHDRAWN,
    },
    CaseStage.REFUSED: dict(_DEALT_WITH),
    CaseStage.RETURNED_GUIDED: dict(_DEALT_WITH),
    CaseStage.TRANSFERRED: dict(_DEALT_WITH),
    CaseStage.DECIDED: dict(_DEALT_WITH),
    CaseStage.WITHDRAWN: dict(_DEALT_WITH),
    CaseStage.CLOSED: {},
    CaseStage.FILED: {},
}

# Acts that the law makes by written decision (QĐ tạm đình chỉ / tiếp tục, QĐ gia hạn, QĐ giải
# quyết / kết luận): the event must carry the document's number and date.
DOCUMENT_REQUIRED = frozenset({EventKind.SUSPEND, EventKind.RESUME, EventKind.EXTEND,
                               EventKind.DECIDE})


class CaseRuleError(UserError):
    """An illegal move on a case; ``code`` says why (``case.*``)."""


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """Something that happened to a case, as recorded by ``actor`` at ``moment``.

    ``level`` is the level of the receiving/handling body (for TRANSFER: the target);
    ``criteria`` is the complexity determination (ASSESS_COMPLEXITY).
    """

    kind: EventKind
    actor: str
    moment: datetime
    document_number: str | None = None
    document_date: date | None = None
    level: HandlingLevel | None = None
    criteria: frozenset[ComplexityCriterion] | None = None

    @property
    def legal_date(self) -> date:
        """The date the act takes legal effect: the document's date, else the local day."""
        if self.document_date is not None:
            return self.document_date
        moment = self.moment
        if moment.tzinfo is not None:
            moment = moment.astimezone(VIETNAM_TIME)
        return moment.date()


@dataclass(frozen=True, slots=True)
class CaseState:
    """Where a case stands after its events so far."""

    case_type: CaseType
    stage: CaseStage
    received_on: date
    last_on: date
    level: HandlingLevel = HandlingLevel.COMMUNE
    complaint_object: ComplaintObject | None = None
    remote: bool = False
    criteria: frozenset[ComplexityCriterion] = frozenset()
    accepted_on: date | None = None
    decided_on: date | None = None  # the resolution decision / conclusion (DECIDE)
    resume_stage: CaseStage | None = None
    extensions: int = 0
    suspensions: tuple[SuspensionInterval, ...] = ()
    #: Ủy quyền xác minh: verification entrusted to others — with verification at several places
    #: the only ground for the 10-working-day denunciation intake (Luật TC 2018 Art. 24(1)).
    entrusted_verification: bool = False
    #: The contested decision's (or act's) date, and the day the complainant received or learned
    #: of it (ngày biết được quyết định): the start of the complaint limitation (Luật KN Art. 9).
    decision_on: date | None = None
    learned_on: date | None = None

    @property
    def is_complex(self) -> bool:
        return len(self.criteria) >= 1

    @property
    def is_especially_complex(self) -> bool:
        return len(self.criteria) >= 2

    @property
    def resumes_to(self) -> CaseStage:
        """The stage a suspended case goes back to when it resumes."""
        return self.resume_stage or CaseStage.ACCEPTED


def _check_level(level: HandlingLevel | None, on: date) -> None:
    if level is HandlingLevel.DISTRICT and on >= DISTRICT_ABOLISHED_ON:
        raise CaseRuleError("case.district_level_abolished", field="level", on=on)


def open_case(case_type: CaseType, received: CaseEvent, *,
              complaint_object: ComplaintObject | None = None, remote: bool = False,
              criteria: Iterable[ComplexityCriterion] = (), entrusted_verification: bool = False,
              decision_on: date | None = None, learned_on: date | None = None) -> CaseState:
    """The state right after the RECEIVE event. ``remote``: vùng sâu, vùng xa (LEGAL.md §4.2);
    the other keywords are the case's recorded facts (see ``CaseState``)."""
    if received.kind is not EventKind.RECEIVE:
        raise CaseRuleError("case.first_event_must_be_receive", event=received.kind)
    if complaint_object is not None and not case_type.is_complaint:
        raise CaseRuleError("case.complaint_object_only_for_complaints",
                            field="complaint_object", case_type=case_type)
    on = received.legal_date
    _check_level(received.level, on)
    return CaseState(
        case_type=case_type, stage=CaseStage.RECEIVED, received_on=on, last_on=on,
        level=received.level or HandlingLevel.COMMUNE, complaint_object=complaint_object,
        remote=remote, criteria=frozenset(criteria) | (received.criteria or frozenset()),
        entrusted_verification=entrusted_verification, decision_on=decision_on,
        learned_on=learned_on,
    )


def check_event(state: CaseState, event: CaseEvent) -> None:
    """Raise ``CaseRuleError`` when ``event`` may not happen to a case in ``state``."""
    kind, stage, on = event.kind, state.stage, event.legal_date
    if kind is EventKind.RECEIVE:
        raise CaseRuleError("case.already_received", event=kind)
    if stage.is_terminal:
        raise CaseRuleError("case.terminal", stage=stage, event=kind)
    if kind is EventKind.RESUME and stage is not CaseStage.SUSPENDED:
        raise CaseRuleError("case.not_suspended", stage=stage)
    if kind not in TRANSITIONS[stage]:
        raise CaseRuleError("case.event_not_allowed", stage=stage, event=kind)
    if on < state.last_on:
        raise CaseRuleError("case.event_before_previous", field="document_date", on=on,
                            previous=state.last_on)
    _check_level(event.level, on)
    if kind in DOCUMENT_REQUIRED and not (event.document_number and event.document_date):
        field = "document_number" if not event.document_number else "document_date"
        raise CaseRuleError("case.document_required", field=field, event=kind)
    ctype = state.case_type
    if kind is EventKind.DIALOGUE and not ctype.is_complaint:
        raise CaseRuleError("case.dialogue_only_for_complaints", case_type=ctype)
    if kind is EventKind.SUSPEND and not (ctype.is_complaint or ctype is CaseType.DENUNCIATION):
        raise CaseRuleError("case.suspension_not_applicable", case_type=ctype)
    if kind is EventKind.EXTEND:
        if ctype is not CaseType.DENUNCIATION:
            raise CaseRuleError("case.extension_only_for_denunciations", case_type=ctype)
        if state.extensions >= MAX_DENUNCIATION_EXTENSIONS:
            raise CaseRuleError("case.extension_limit", max_extensions=MAX_DENUNCIATION_EXTENSIONS)
        if not state.is_complex:
            raise CaseRuleError("case.extension_needs_complex")
        if state.extensions >= 1 and not state.is_especially_complex:
            raise CaseRuleError("case.second_extension_needs_especially_complex")
    if kind is EventKind.ASSESS_COMPLEXITY and event.criteria is None:
        raise CaseRuleError("case.criteria_required", field="criteria")


def apply_event(state: CaseState, event: CaseEvent) -> CaseState:
    """The state after ``event``; raises ``CaseRuleError`` if the move is illegal."""
    check_event(state, event)
    kind, on = event.kind, event.legal_date
    state = replace(state, last_on=on)
    if kind is EventKind.SUSPEND:
        return replace(state, stage=CaseStage.SUSPENDED, resume_stage=state.stage,
                       suspensions=(*state.suspensions, SuspensionInterval(on, None)))
    if kind is EventKind.RESUME:
        last = state.suspensions[-1]
        return replace(state, stage=state.resumes_to, resume_stage=None,
                       suspensions=(*state.suspensions[:-1],
                                    SuspensionInterval(last.suspended_on, on)))
    if kind is EventKind.EXTEND:
        return replace(state, extensions=state.extensions + 1)
    if kind is EventKind.ASSESS_COMPLEXITY:
        return replace(state, criteria=event.criteria or frozenset())
    target = next_stage(state, kind)
    assert target is not None  # only the kinds handled above stay or compute their target
    if kind is EventKind.ACCEPT:
        state = replace(state, accepted_on=on)
    if kind is EventKind.DECIDE:
        state = replace(state, decided_on=on)
    if event.level is not None:
        state = replace(state, level=event.level)
    if kind is EventKind.WITHDRAW and state.stage is CaseStage.SUSPENDED:
        # The clock no longer matters, but keep the interval closed for the record.
        last = state.suspensions[-1]
        state = replace(state, resume_stage=None, suspensions=(
            *state.suspensions[:-1], SuspensionInterval(last.suspended_on, on)))
    return replace(state, stage=target)


def next_stage(state: CaseState, kind: EventKind) -> CaseStage | None:
    """The stage an event of ``kind`` leads to (None: the case stays where it is)."""
    if kind is EventKind.SUSPEND:
        return CaseStage.SUSPENDED
    if kind is EventKind.RESUME:
        return state.resumes_to
    return TRANSITIONS[state.stage].get(kind)


def replay(case_type: CaseType, events: Sequence[CaseEvent], *,
           complaint_object: ComplaintObject | None = None, remote: bool = False) -> CaseState:
    """Fold a case's events (first one RECEIVE, in order) into its current state."""
    if not events:
        raise CaseRuleError("case.no_events")
    state = open_case(case_type, events[0], complaint_object=complaint_object, remote=remote)
    for event in events[1:]:
        state = apply_event(state, event)
    return state


def allowed_events(state: CaseState) -> frozenset[EventKind]:
    """Event kinds the stage allows for this case type (documents and dates not checked)."""
    allowed = set(TRANSITIONS[state.stage])
    ctype = state.case_type
    if not ctype.is_complaint:
        allowed.discard(EventKind.DIALOGUE)
        if ctype is not CaseType.DENUNCIATION:
            allowed.discard(EventKind.SUSPEND)
    if EventKind.EXTEND in allowed and (
        ctype is not CaseType.DENUNCIATION
        or state.extensions >= MAX_DENUNCIATION_EXTENSIONS
        or not state.is_complex
        or (state.extensions >= 1 and not state.is_especially_complex)
    ):
        allowed.discard(EventKind.EXTEND)
    return frozenset(allowed)


# Per-row lookups (the case list asks for every open case): tables instead of enum chains.
_RECEIPT_KINDS: dict[CaseType, DeadlineKind] = {
    CaseType.COMPLAINT_FIRST: DeadlineKind.COMPLAINT_ACCEPTANCE,
    CaseType.COMPLAINT_SECOND: DeadlineKind.COMPLAINT_ACCEPTANCE,
    CaseType.DENUNCIATION: DeadlineKind.DENUNCIATION_PROCESSING,
    CaseType.PETITION: DeadlineKind.INTAKE_NOTICE,
    CaseType.REFLECTION: DeadlineKind.INTAKE_NOTICE,
}
_RESOLUTION_KINDS: dict[CaseType, DeadlineKind] = {
    CaseType.COMPLAINT_FIRST: DeadlineKind.COMPLAINT_1,
    CaseType.COMPLAINT_SECOND: DeadlineKind.COMPLAINT_2,
    CaseType.DENUNCIATION: DeadlineKind.DENUNCIATION_RESOLUTION,
    # petitions and reflections: no statutory resolution limit (LEGAL.md §4.2)
}
_FROM_RECEIPT = frozenset(_RECEIPT_KINDS.values())
_S_RECEIVED, _S_SUSPENDED = CaseStage.RECEIVED, CaseStage.SUSPENDED
_DISCIPLINARY = ComplaintObject.DISCIPLINARY_DECISION
_K_DISCIPLINARY = DeadlineKind.COMPLAINT_DISCIPLINARY


def stage_deadline_kind(state: CaseState) -> DeadlineKind | None:
    """Which time limit runs in the current stage, if any (LEGAL.md §4.2)."""
    stage = state.stage
    if stage is _S_SUSPENDED:
        stage = state.resumes_to
    if stage is _S_RECEIVED:
        return _RECEIPT_KINDS[state.case_type]
    if stage in _ACTIVE:
        if state.complaint_object is _DISCIPLINARY:
            return _K_DISCIPLINARY
        return _RESOLUTION_KINDS.get(state.case_type)
    return None  # the stage's work is done


def current_deadline(state: CaseState, calendar: WorkingCalendar, *,
                     rules: Sequence[DeadlineRule] = DEFAULT_RULES) -> Deadline | None:
    """The deadline of the stage the case is in; ``due`` is None while suspended."""
    kind = stage_deadline_kind(state)
    if kind is None:
        return None
    if kind in _FROM_RECEIPT:
        # Luật TC 2018 Art. 24(1): the 10-working-day intake only for verification at several
        # places (criterion (a)) or entrusted verification, not for any complexity criterion
        # (LEGAL.md §4.4).
        return compute_deadline(kind, state.received_on, calendar,
                                several_places=intake_extended(state), rules=rules)
    start = state.accepted_on or state.received_on
    return compute_deadline(
        kind, start, calendar, received_on=state.received_on, complex=state.is_complex,
        especially_complex=state.is_especially_complex,
        remote=state.remote, extensions=state.extensions, suspensions=state.suspensions,
        rules=rules,
    )


_SEVERAL_PLACES = ComplexityCriterion.MULTIPLE_PLACES


def intake_extended(state: CaseState) -> bool:
    """Luật TC 2018 Art. 24(1): the denunciation intake may run 10 working days instead of 7
    only where verification is needed at several places (criterion (a)) or is entrusted to
    others (ủy quyền xác minh) — no other complexity criterion allows it (LEGAL.md §4.4)."""
    return state.entrusted_verification or _SEVERAL_PLACES in state.criteria


class LimitationStart(StrEnum):
    """Where the complaint limitation (Luật KN 2011 Art. 9) was counted from."""

    LEARNED = "learned"  # the day the complainant received or learned of the decision/act
    DECISION_DATE = "decision_date"  # fallback: the decision's own date (learned day unknown)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the case's records say beside its events, for the side limits (the service reads
    them): ``within_competence`` (case_file), a refusal notice issued for the case or one of its
    visits, a RECEIVE event naming the body the case came from (Luật TCD Art. 27(2))."""

    within_competence: bool = True
    refusal_notice_issued: bool = False
    received_from_body: bool = False


@dataclass(slots=True)
class SideDeadline:
    """A time limit beside the stage's own, with where it stands (a value: do not mutate).

    ``judged_on``: the day the status is judged on — today, except the complaint limitation,
    judged on the day the complaint was lodged (Luật KN Art. 9 is about when it was lodged).
    ``alert``: the case list shows it among its alerts when due soon or overdue.
    """

    deadline: Deadline
    status: DeadlineStatus | None
    judged_on: date
    alert: bool
    start_from: LimitationStart | None = None


_NO_FACTS = CaseFacts()


def related_deadlines(state: CaseState, calendar: WorkingCalendar, *,
                      rules: Sequence[DeadlineRule] = DEFAULT_RULES,
                      facts: CaseFacts = _NO_FACTS) -> tuple[Deadline, ...]:
    """Time limits that run beside the stage's own (LEGAL.md §4.2, §4.3), for the case page.

    - A đơn still unprocessed: 45 days from receipt is the discipline threshold (NĐ 154/2026
      Art. 41(3)(b); matters received from 01/07/2026).
    - A first-time complaint: the window for a second complaint (Luật KN 2011 Art. 33(1), 30 days,
      45 remote) runs from the first decision, or from the expiry of the first deadline when no
      decision was made.
    - A first-time complaint (not against a disciplinary decision) with the contested decision's
      date or the day the complainant learned of it: the 90-day limitation (Luật KN 2011 Art. 9)
      from the learned day, else from the decision's date (``limitation_start`` says which).
    - A refused reception without a written notice yet: 3 working days (NĐ 154/2026 Art. 4(3);
      refusals of matters received from 01/07/2026).
    - A denunciation outside the commune's competence, not yet transferred: 5 working days from
      receipt (Luật TC 2018 Art. 24(2)).
    - A case received from another body and decided, not yet closed: the result is reported to
      that body within 7 working days (Luật TCD 2013 Art. 27(2)); closing the case ends it.
    """
    return tuple(d for d, _start in _side_deadlines(state, calendar, rules, facts))


def limitation_start(state: CaseState) -> tuple[date, LimitationStart] | None:
    """The start of the complaint limitation (Luật KN 2011 Art. 9: from receiving or knowing of
    the decision or act): the learned day when recorded, else the decision's date."""
    if state.learned_on is not None:
        return state.learned_on, LimitationStart.LEARNED
    if state.decision_on is not None:
        return state.decision_on, LimitationStart.DECISION_DATE
    return None


def _side_deadlines(state: CaseState, calendar: WorkingCalendar, rules: Sequence[DeadlineRule],
                    facts: CaseFacts) -> list[tuple[Deadline, LimitationStart | None]]:
    out: list[tuple[Deadline, LimitationStart | None]] = []
    stage = state.resumes_to if state.stage is _S_SUSPENDED else state.stage
    received = state.received_on
    if stage is _S_RECEIVED and rule_for(DeadlineKind.UNPROCESSED_PETITION, received,
                                         rules) is not None:
        out.append((compute_deadline(DeadlineKind.UNPROCESSED_PETITION, received,
                                     calendar, rules=rules), None))
    first_time = (state.case_type is CaseType.COMPLAINT_FIRST
                  and state.complaint_object is not _DISCIPLINARY)
    if first_time and rule_for(DeadlineKind.SECOND_COMPLAINT_WINDOW, received, rules):
        start: date | None = state.decided_on
        if start is None and stage in _ACTIVE:
            running = current_deadline(state, calendar, rules=rules)
            start = running.due if running is not None else None
        if start is not None:
            out.append((compute_deadline(DeadlineKind.SECOND_COMPLAINT_WINDOW, start, calendar,
                                         received_on=received, remote=state.remote,
                                         rules=rules), None))
    limitation = limitation_start(state) if first_time else None
    if limitation is not None and rule_for(DeadlineKind.COMPLAINT_LIMITATION, received, rules):
        out.append((compute_deadline(DeadlineKind.COMPLAINT_LIMITATION, limitation[0], calendar,
                                     received_on=received, rules=rules), limitation[1]))
    if (state.stage is CaseStage.REFUSED and not facts.refusal_notice_issued
            and rule_for(DeadlineKind.REFUSAL_NOTICE, received, rules)):
        out.append((compute_deadline(DeadlineKind.REFUSAL_NOTICE, state.last_on, calendar,
                                     received_on=received, rules=rules), None))
    if (state.case_type is CaseType.DENUNCIATION and not facts.within_competence
            and stage is _S_RECEIVED
            and rule_for(DeadlineKind.DENUNCIATION_TRANSFER, received, rules)):
        out.append((compute_deadline(DeadlineKind.DENUNCIATION_TRANSFER, received, calendar,
                                     rules=rules), None))
    if (facts.received_from_body and state.stage is CaseStage.DECIDED
            and state.decided_on is not None
            and rule_for(DeadlineKind.REPORT_TO_TRANSFERRING_BODY, received, rules)):
        out.append((compute_deadline(DeadlineKind.REPORT_TO_TRANSFERRING_BODY, state.decided_on,
                                     calendar, received_on=received, rules=rules), None))
    return out


def side_deadlines(state: CaseState, calendar: WorkingCalendar, today: date, *,
                   rules: Sequence[DeadlineRule] = DEFAULT_RULES,
                   facts: CaseFacts = _NO_FACTS) -> tuple[SideDeadline, ...]:
    """``related_deadlines`` with their status by the one due-status rule (``status_for``) and
    whether the case list alerts on them.

    Alerts: every side limit while the case is not closed or filed, due soon or overdue —
    except the complaint limitation, which alerts only while acceptance is pending (stage
    RECEIVED) and only when the complaint was lodged after it ran out (judged on the lodging
    day: "due soon" on that day means nothing).
    """
    out = []
    terminal = state.stage.is_terminal
    for deadline, start_from in _side_deadlines(state, calendar, rules, facts):
        limitation = deadline.kind is DeadlineKind.COMPLAINT_LIMITATION
        judged_on = state.received_on if limitation else today
        status = (status_for(deadline.due, judged_on, calendar)
                  if deadline.due is not None else None)
        if status is None or terminal:
            alert = False
        elif limitation:
            alert = state.stage is _S_RECEIVED and status.status is DueStatus.OVERDUE
        else:
            alert = status.status is not DueStatus.ON_TIME
        out.append(SideDeadline(deadline, status, judged_on, alert, start_from))
    return tuple(out)


def deadline_for_events(case_type: CaseType, events: Sequence[CaseEvent],
                        calendar: WorkingCalendar, *,
                        complaint_object: ComplaintObject | None = None, remote: bool = False,
                        rules: Sequence[DeadlineRule] = DEFAULT_RULES) -> Deadline | None:
    """``current_deadline`` of the state the events lead to."""
    state = replay(case_type, events, complaint_object=complaint_object, remote=remote)
    return current_deadline(state, calendar, rules=rules)
