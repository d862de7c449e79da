"""Case state machine and stage deadlines.

Moves: LEGAL.md §1.2 (handling directions), Luật KN (dialogue for complaints; suspension per
NĐ 155/2026), Luật TC Art. 30 (extensions: complex once, especially complex twice,
NĐ 31/2019 Art. 3), LEGAL.md §6.3 (districts abolished 1 Jul 2025).
"""

from __future__ import annotations

import itertools
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseFacts
from reception_desk.domain.cases import CaseRuleError
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import LimitationStart
from reception_desk.domain.cases import allowed_events
from reception_desk.domain.cases import apply_event
from reception_desk.domain.cases import check_event
from reception_desk.domain.cases import current_deadline
from reception_desk.domain.cases import deadline_for_events
from reception_desk.domain.cases import is_complex
from reception_desk.domain.cases import is_especially_complex
from reception_desk.domain.cases import open_case
from reception_desk.domain.cases import related_deadlines
from reception_desk.domain.cases import replay
from reception_desk.domain.cases import side_deadlines
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import SuspensionInterval
from reception_desk.domain.deadlines import Variant

D = date
S = CaseStage
E = EventKind
T = CaseType
C = ComplexityCriterion
CAL = WorkingCalendar()
TWO = frozenset({C.MULTIPLE_PLACES, C.MANY_PEOPLE})


def ev(kind: EventKind, on: date, *, doc: bool = True, level: HandlingLevel | None = None,
       criteria: frozenset[ComplexityCriterion] | None = None) -> CaseEvent:
    return CaseEvent(kind, "clerk1", datetime(on.year, on.month, on.day, 9, 30),
                     document_number="01/QĐ-UBND" if doc else None,
                     document_date=on if doc else None, level=level, criteria=criteria)


# -- the full matrix ---------------------------------------------------------------------------

# The expected moves, written out independently of cases.TRANSITIONS.
ALLOWED: dict[CaseStage, dict[EventKind, CaseStage]] = {
    S.RECEIVED: {E.REFUSE: S.REFUSED, E.RETURN_GUIDE: S.RETURNED_GUIDED,
                 E.TRANSFER: S.TRANSFERRED, E.ACCEPT: S.ACCEPTED, E.WITHDRAW: S.WITHDRAWN,
                 E.FILE: S.FILED, E.ASSESS_COMPLEXITY: S.RECEIVED},
    S.ACCEPTED: {E.VERIFY: S.VERIFYING, E.DIALOGUE: S.DIALOGUE, E.DECIDE: S.DECIDED,
                 E.SUSPEND: S.SUSPENDED, E.EXTEND: S.ACCEPTED, E.WITHDRAW: S.WITHDRAWN,
                 E.ASSESS_COMPLEXITY: S.ACCEPTED},
    S.VERIFYING: {E.DIALOGUE: S.DIALOGUE, E.DECIDE: S.DECIDED, E.SUSPEND: S.SUSPENDED,
                  E.EXTEND: S.VERIFYING, E.WITHDRAW: S.WITHDRAWN,
                  E.ASSESS_COMPLEXITY: S.VERIFYING},
    S.DIALOGUE: {E.VERIFY: S.VERIFYING, E.DECIDE: S.DECIDED, E.SUSPEND: S.SUSPENDED,
                 E.EXTEND: S.DIALOGUE, E.WITHDRAW: S.WITHDRAWN, E.ASSESS_COMPLEXITY: S.DIALOGUE},
    # Suspended from VERIFYING in the fixture: RESUME goes back there.
    S.SUSPENDED: {E.RESUME: S.VERIFYING, E.WITHDRAW: S.WITHDRAWN},
    S.REFUSED: {E.CLOSE: S.CLOSED, E.FILE: S.FILED},
    S.RETURNED_GUIDED: {E.CLOSE: S.CLOSED, E.FILE: S.FILED},
    S.TRANSFERRED: {E.CLOSE: S.CLOSED, E.FILE: S.FILED},
    S.DECIDED: {E.CLOSE: S.CLOSED, E.FILE: S.FILED},
    S.WITHDRAWN: {E.CLOSE: S.CLOSED, E.FILE: S.FILED},
    S.CLOSED: {},
    S.FILED: {},
}


def expected(stage: CaseStage, ctype: CaseType, kind: EventKind) -> CaseStage | str:
    """Target stage, or the refusal code."""
    if kind is E.RECEIVE:
        return "case.already_received"
    if stage in (S.CLOSED, S.FILED):
        return "case.terminal"
    if kind is E.RESUME and stage is not S.SUSPENDED:
        return "case.not_suspended"
    if kind not in ALLOWED[stage]:
        return "case.event_not_allowed"
    if kind is E.DIALOGUE and ctype not in (T.COMPLAINT_FIRST, T.COMPLAINT_SECOND):
        return "case.dialogue_only_for_complaints"
    if kind is E.SUSPEND and ctype in (T.PETITION, T.REFLECTION):
        return "case.suspension_not_applicable"
    if kind is E.EXTEND and ctype is not T.DENUNCIATION:
        return "case.extension_only_for_denunciations"
    return ALLOWED[stage][kind]


def state_in(stage: CaseStage, ctype: CaseType) -> CaseState:
    """A case of ``ctype`` sitting in ``stage`` (especially complex, so extensions may pass)."""
    accepted = stage not in (S.RECEIVED, S.REFUSED, S.RETURNED_GUIDED, S.TRANSFERRED)
    suspended = stage is S.SUSPENDED
    return CaseState(
        case_type=ctype, stage=stage, received_on=D(2026, 3, 2), last_on=D(2026, 3, 5),
        criteria=TWO, accepted_on=D(2026, 3, 3) if accepted else None,
        resume_stage=S.VERIFYING if suspended else None,
        suspensions=(SuspensionInterval(D(2026, 3, 5)),) if suspended else (),
    )


def _reachable(stage: CaseStage, ctype: CaseType) -> bool:
    if stage is S.DIALOGUE:
        return ctype in (T.COMPLAINT_FIRST, T.COMPLAINT_SECOND)
    if stage is S.SUSPENDED:
        return ctype not in (T.PETITION, T.REFLECTION)
    return True


MATRIX = [
    pytest.param(stage, ctype, kind, id=f"{ctype}-{stage}-{kind}")
    for stage, ctype, kind in itertools.product(CaseStage, CaseType, EventKind)
    if _reachable(stage, ctype)
]


@pytest.mark.parametrize(("stage", "ctype", "kind"), MATRIX)
def test_transition_matrix(stage: CaseStage, ctype: CaseType, kind: EventKind) -> None:
    state = state_in(stage, ctype)
    event = ev(kind, D(2026, 3, 10), criteria=TWO if kind is E.ASSESS_COMPLEXITY else None)
    want = expected(stage, ctype, kind)
    if isinstance(want, CaseStage):  # test first: a StrEnum is a str too
        assert apply_event(state, event).stage is want
        assert kind in allowed_events(state)
    else:
        with pytest.raises(CaseRuleError) as err:
            apply_event(state, event)
        assert err.value.code == want
        assert kind not in allowed_events(state)


# -- specific rules ------------------------------------------------------------------------------

def _denunciation(criteria: frozenset[ComplexityCriterion], extensions: int = 0) -> CaseState:
    return CaseState(T.DENUNCIATION, S.VERIFYING, received_on=D(2026, 7, 1),
                     last_on=D(2026, 7, 3), criteria=criteria, accepted_on=D(2026, 7, 3),
                     extensions=extensions)


@pytest.mark.parametrize(
    ("criteria", "extensions", "code"),
    [
        pytest.param(frozenset(), 0, "case.extension_needs_complex", id="TC-30-not-complex"),
        pytest.param(frozenset({C.FOREIGN_ELEMENT}), 0, None, id="TC-30-complex-first-ok"),
        pytest.param(frozenset({C.FOREIGN_ELEMENT}), 1,
                     "case.second_extension_needs_especially_complex",
                     id="TC-30-complex-second-refused"),
        pytest.param(TWO, 1, None, id="ND31-3(3)-especially-complex-second-ok"),
        pytest.param(TWO, 2, "case.extension_limit", id="TC-30-third-refused"),
    ],
)
def test_denunciation_extensions(criteria: frozenset[ComplexityCriterion], extensions: int,
                                 code: str | None) -> None:
    state = _denunciation(criteria, extensions)
    event = ev(E.EXTEND, D(2026, 7, 20))
    if code is None:
        after = apply_event(state, event)
        assert (after.extensions, after.stage) == (extensions + 1, S.VERIFYING)
        assert E.EXTEND in allowed_events(state)
    else:
        with pytest.raises(CaseRuleError) as err:
            apply_event(state, event)
        assert err.value.code == code
        assert E.EXTEND not in allowed_events(state)


@pytest.mark.parametrize("stage", [S.ACCEPTED, S.VERIFYING, S.DIALOGUE])
def test_resume_returns_to_the_stage_suspended_from(stage: CaseStage) -> None:
    state = replace_stage(T.COMPLAINT_FIRST, stage)
    suspended = apply_event(state, ev(E.SUSPEND, D(2026, 3, 12)))
    assert (suspended.stage, suspended.resume_stage) == (S.SUSPENDED, stage)
    resumed = apply_event(suspended, ev(E.RESUME, D(2026, 3, 20)))
    assert resumed.stage is stage
    assert resumed.suspensions == (SuspensionInterval(D(2026, 3, 12), D(2026, 3, 20)),)


def replace_stage(ctype: CaseType, stage: CaseStage) -> CaseState:
    return CaseState(ctype, stage, received_on=D(2026, 3, 1), last_on=D(2026, 3, 2),
                     accepted_on=D(2026, 3, 2))


def test_withdrawal_while_suspended_closes_the_interval() -> None:
    state = apply_event(replace_stage(T.DENUNCIATION, S.ACCEPTED), ev(E.SUSPEND, D(2026, 3, 12)))
    after = apply_event(state, ev(E.WITHDRAW, D(2026, 3, 15), doc=False))
    assert after.stage is S.WITHDRAWN
    assert after.suspensions == (SuspensionInterval(D(2026, 3, 12), D(2026, 3, 15)),)


@pytest.mark.parametrize("kind", [E.SUSPEND, E.EXTEND, E.DECIDE])
def test_decisions_need_a_document(kind: EventKind) -> None:
    state = _denunciation(TWO)
    with pytest.raises(CaseRuleError) as err:
        apply_event(state, ev(kind, D(2026, 7, 20), doc=False))
    assert (err.value.code, err.value.field) == ("case.document_required", "document_number")


def test_resume_needs_a_document() -> None:
    state = apply_event(_denunciation(TWO), ev(E.SUSPEND, D(2026, 7, 20)))
    with pytest.raises(CaseRuleError) as err:
        apply_event(state, ev(E.RESUME, D(2026, 7, 25), doc=False))
    assert err.value.code == "case.document_required"


def test_events_may_not_go_back_in_time() -> None:
    with pytest.raises(CaseRuleError) as err:
        apply_event(_denunciation(TWO), ev(E.DECIDE, D(2026, 7, 2)))
    assert err.value.code == "case.event_before_previous"


def test_assess_needs_criteria() -> None:
    with pytest.raises(CaseRuleError) as err:
        apply_event(_denunciation(TWO), ev(E.ASSESS_COMPLEXITY, D(2026, 7, 20)))
    assert err.value.code == "case.criteria_required"


@pytest.mark.parametrize(
    ("on", "ok"),
    [
        pytest.param(D(2025, 6, 30), True, id="district-still-existed-30-06-2025"),
        pytest.param(D(2025, 7, 1), False, id="two-tier-from-01-07-2025"),
    ],
)
def test_district_level(on: date, ok: bool) -> None:
    receive = ev(E.RECEIVE, on, doc=False, level=HandlingLevel.DISTRICT)
    transfer = ev(E.TRANSFER, on, level=HandlingLevel.DISTRICT)
    if ok:
        state = open_case(T.PETITION, receive)
        assert state.level is HandlingLevel.DISTRICT
        assert apply_event(open_case(T.PETITION, ev(E.RECEIVE, on, doc=False)),
                           transfer).level is HandlingLevel.DISTRICT
    else:
        with pytest.raises(CaseRuleError) as err:
            open_case(T.PETITION, receive)
        assert err.value.code == "case.district_level_abolished"
        with pytest.raises(CaseRuleError) as err:
            apply_event(open_case(T.PETITION, ev(E.RECEIVE, on, doc=False)), transfer)
        assert err.value.code == "case.district_level_abolished"


def test_transfer_records_the_target_level() -> None:
    state = open_case(T.DENUNCIATION, ev(E.RECEIVE, D(2026, 3, 2), doc=False))
    after = apply_event(state, ev(E.TRANSFER, D(2026, 3, 5),
                                  level=HandlingLevel.POLICE_PROCURACY))
    assert (after.stage, after.level) == (S.TRANSFERRED, HandlingLevel.POLICE_PROCURACY)


def test_open_case_rules() -> None:
    with pytest.raises(CaseRuleError) as err:
        open_case(T.PETITION, ev(E.ACCEPT, D(2026, 3, 2)))
    assert err.value.code == "case.first_event_must_be_receive"
    with pytest.raises(CaseRuleError) as err:
        open_case(T.DENUNCIATION, ev(E.RECEIVE, D(2026, 3, 2)),
                  complaint_object=ComplaintObject.ADMINISTRATIVE_ACT)
    assert err.value.code == "case.complaint_object_only_for_complaints"
    with pytest.raises(CaseRuleError) as err:
        replay(T.PETITION, [])
    assert err.value.code == "case.no_events"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        # 18:00 UTC on 15 Feb is 01:00 on 16 Feb in Vietnam (UTC+7).
        pytest.param(CaseEvent(E.RECEIVE, "a", datetime(2026, 2, 15, 18, tzinfo=UTC)),
                     D(2026, 2, 16), id="utc-moment-to-local-date"),
        pytest.param(CaseEvent(E.RECEIVE, "a", datetime(2026, 2, 15, 18)), D(2026, 2, 15),
                     id="naive-moment-is-local"),
        pytest.param(CaseEvent(E.ACCEPT, "a", datetime(2026, 2, 25, 8), "02/TB-UBND",
                               D(2026, 2, 24)), D(2026, 2, 24), id="document-date-wins"),
    ],
)
def test_legal_date(event: CaseEvent, expected: date) -> None:
    assert event.legal_date == expected


@pytest.mark.parametrize(
    ("criteria", "complex_", "especially"),
    [
        pytest.param([], False, False, id="none"),
        pytest.param([C.CONFLICTING_EVIDENCE], True, False, id="one-g"),
        pytest.param([C.MULTIPLE_PLACES, C.MULTIPLE_PLACES], True, False, id="duplicate-once"),
        pytest.param([C.SEVERAL_BODIES, C.BODIES_DISAGREE], True, True, id="two-e-f"),
    ],
)
def test_complexity(criteria: list[ComplexityCriterion], complex_: bool, especially: bool) -> None:
    assert is_complex(criteria) is complex_
    assert is_especially_complex(criteria) is especially


def test_criterion_letters() -> None:
    assert [c.letter for c in ComplexityCriterion] == list("abcdefg")


# -- stage deadlines -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("ctype", "events", "kwargs", "kind", "due", "variant"),
    [
        # Luật KN Art. 27: received Tue 30 Jun 2026 + 10 days = Fri 10 Jul.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 6, 30), doc=False)], {},
                     DeadlineKind.COMPLAINT_ACCEPTANCE, D(2026, 7, 10), Variant.STANDARD,
                     id="KN-27-acceptance-old-rule"),
        # NĐ 155/2026: received Thu 2 Jul: 7 working days → Mon 13 Jul.
        pytest.param(T.COMPLAINT_SECOND, [ev(E.RECEIVE, D(2026, 7, 2), doc=False)], {},
                     DeadlineKind.COMPLAINT_ACCEPTANCE, D(2026, 7, 13), Variant.STANDARD,
                     id="ND155-acceptance-7wd"),
        # Luật KN Art. 28: accepted Tue 20 Jan + 30 = 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 1, 15), doc=False),
                                         ev(E.ACCEPT, D(2026, 1, 20))], {},
                     DeadlineKind.COMPLAINT_1, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-28-complaint-1"),
        # …assessed complex (criterion g) in verification: 45 days → Fri 6 Mar.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 1, 15), doc=False),
                                         ev(E.ACCEPT, D(2026, 1, 20)),
                                         ev(E.VERIFY, D(2026, 1, 22)),
                                         ev(E.ASSESS_COMPLEXITY, D(2026, 1, 23),
                                            criteria=frozenset({C.CONFLICTING_EVIDENCE}))], {},
                     DeadlineKind.COMPLAINT_1, D(2026, 3, 6), Variant.COMPLEX,
                     id="KN-28-complaint-1-complex"),
        # …complex and remote commune: 60 days → Sat 21 Mar → Mon 23 Mar.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 1, 15), doc=False,
                                            criteria=frozenset({C.MANY_PEOPLE})),
                                         ev(E.ACCEPT, D(2026, 1, 20)),
                                         ev(E.DIALOGUE, D(2026, 2, 2))], {"remote": True},
                     DeadlineKind.COMPLAINT_1, D(2026, 3, 23), Variant.COMPLEX_REMOTE,
                     id="KN-28-complaint-1-complex-remote-in-dialogue"),
        # Luật KN Art. 37: accepted Mon 5 Jan + 45 = 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(T.COMPLAINT_SECOND, [ev(E.RECEIVE, D(2026, 1, 2), doc=False),
                                          ev(E.ACCEPT, D(2026, 1, 5))], {},
                     DeadlineKind.COMPLAINT_2, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-37-complaint-2"),
        # Luật KN Art. 50: disciplinary decision, 30 days, no remote variant.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 1, 15), doc=False),
                                         ev(E.ACCEPT, D(2026, 1, 20))],
                     {"complaint_object": ComplaintObject.DISCIPLINARY_DECISION, "remote": True},
                     DeadlineKind.COMPLAINT_DISCIPLINARY, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-50-disciplinary"),
        # Luật TC Art. 24(1): received Wed 11 Feb, 7 wd → Fri 27 Feb.
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 2, 11), doc=False)], {},
                     DeadlineKind.DENUNCIATION_PROCESSING, D(2026, 2, 27), Variant.STANDARD,
                     id="TC-24(1)-processing"),
        # …verification at several places (criterion a): 10 wd → Wed 4 Mar.
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 2, 11), doc=False,
                                         criteria=frozenset({C.MULTIPLE_PLACES}))], {},
                     DeadlineKind.DENUNCIATION_PROCESSING, D(2026, 3, 4),
                     Variant.SEVERAL_PLACES, id="TC-24(1)-processing-several-places"),
        # …another complexity criterion (foreign element) does NOT lengthen the intake: Luật TC
        # Art. 24(1) names only verification at several places or entrusted (LEGAL.md §4.4).
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 2, 11), doc=False,
                                         criteria=frozenset({C.FOREIGN_ELEMENT,
                                                             C.MANY_PEOPLE}))], {},
                     DeadlineKind.DENUNCIATION_PROCESSING, D(2026, 2, 27), Variant.STANDARD,
                     id="TC-24(1)-other-criteria-stay-7-days"),
        # Luật TC Art. 30: accepted Fri 3 Jul + 30 = Sun 2 Aug → Mon 3 Aug.
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 6, 25), doc=False),
                                      ev(E.ACCEPT, D(2026, 7, 3))], {},
                     DeadlineKind.DENUNCIATION_RESOLUTION, D(2026, 8, 3), Variant.STANDARD,
                     id="TC-30-resolution"),
        # …especially complex, extended twice: 90 days → Thu 1 Oct.
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 6, 25), doc=False, criteria=TWO),
                                      ev(E.ACCEPT, D(2026, 7, 3)),
                                      ev(E.VERIFY, D(2026, 7, 6)),
                                      ev(E.EXTEND, D(2026, 7, 30)),
                                      ev(E.EXTEND, D(2026, 8, 28))], {},
                     DeadlineKind.DENUNCIATION_RESOLUTION, D(2026, 10, 1), Variant.STANDARD,
                     id="TC-30-two-extensions"),
        # NĐ 155/2026 Art. 28b(2): accepted Mon 2 Mar; stopped 12–20 Mar; 21 days left after
        # Fri 20 Mar → Fri 10 Apr.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 2, 27), doc=False),
                                         ev(E.ACCEPT, D(2026, 3, 2)),
                                         ev(E.VERIFY, D(2026, 3, 4)),
                                         ev(E.SUSPEND, D(2026, 3, 12)),
                                         ev(E.RESUME, D(2026, 3, 20))], {},
                     DeadlineKind.COMPLAINT_1, D(2026, 4, 10), Variant.STANDARD,
                     id="ND155-suspended-and-resumed"),
        # …still suspended: no due date while the clock stands.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 2, 27), doc=False),
                                         ev(E.ACCEPT, D(2026, 3, 2)),
                                         ev(E.SUSPEND, D(2026, 3, 12))], {},
                     DeadlineKind.COMPLAINT_1, None, Variant.STANDARD, id="ND155-suspended"),
        # Luật TCD Art. 28(1): petition received Wed 22 Apr, 10 wd → Mon 11 May.
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 4, 22), doc=False)], {},
                     DeadlineKind.INTAKE_NOTICE, D(2026, 5, 11), Variant.STANDARD,
                     id="TCD-28(1)-petition-intake"),
    ],
)
def test_stage_deadline(ctype: CaseType, events: list[CaseEvent], kwargs: dict[str, object],
                        kind: DeadlineKind, due: date | None, variant: Variant) -> None:
    result = deadline_for_events(ctype, events, CAL, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    assert (result.kind, result.due, result.variant) == (kind, due, variant)


@pytest.mark.parametrize(
    ("ctype", "kinds"),
    [
        pytest.param(T.PETITION, [E.ACCEPT], id="accepted-petition-no-statutory-limit"),
        pytest.param(T.REFLECTION, [E.TRANSFER], id="transferred"),
        pytest.param(T.DENUNCIATION, [E.REFUSE], id="refused"),
        pytest.param(T.COMPLAINT_FIRST, [E.ACCEPT, E.DECIDE], id="decided"),
        pytest.param(T.COMPLAINT_FIRST, [E.ACCEPT, E.DECIDE, E.CLOSE], id="closed"),
        pytest.param(T.DENUNCIATION, [E.WITHDRAW], id="withdrawn"),
        pytest.param(T.PETITION, [E.FILE], id="filed"),
    ],
)
def test_no_deadline_once_the_stage_is_done(ctype: CaseType, kinds: list[EventKind]) -> None:
    events = [ev(E.RECEIVE, D(2026, 3, 2), doc=False)]
    events += [ev(k, D(2026, 3, 3 + i)) for i, k in enumerate(kinds)]
    state = replay(ctype, events)
    assert current_deadline(state, CAL) is None


def test_check_event_does_not_change_state() -> None:
    state = _denunciation(TWO)
    check_event(state, ev(E.EXTEND, D(2026, 7, 20)))
    assert state.extensions == 0


def test_stage_predicates() -> None:
    assert {s for s in CaseStage if s.is_terminal} == {S.CLOSED, S.FILED}
    assert {s for s in CaseStage if s.is_open} == {S.RECEIVED, S.ACCEPTED, S.VERIFYING,
                                                   S.DIALOGUE, S.SUSPENDED}


# -- time limits beside the stage's own (LEGAL.md §4.2, §4.3) ---------------------------------

@pytest.mark.parametrize(
    ("ctype", "events", "kwargs", "expected"),
    [
        # NĐ 154/2026 Art. 41(3)(b): a đơn received Wed 1 Jul 2026 and still unprocessed:
        # 45 days → Sat 15 Aug → Mon 17 Aug.
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 7, 1), doc=False)], {},
                     [(DeadlineKind.UNPROCESSED_PETITION, D(2026, 8, 17))],
                     id="ND154-41(3)(b)-unprocessed-45d"),
        # … not before the decree took effect (received 30 Jun 2026).
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 6, 30), doc=False)], {}, [],
                     id="ND154-not-before-01-07-2026"),
        # … and not once the đơn was processed (accepted).
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 7, 1), doc=False),
                                      ev(E.ACCEPT, D(2026, 7, 3))], {}, [],
                     id="ND154-processed-no-threshold"),
        # Luật KN 2011 Art. 33(1): 1st decision Mon 3 Aug 2026 → 30 days → Wed 2 Sep (holiday)
        # → Thu 3 Sep.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 7, 1), doc=False),
                                          ev(E.ACCEPT, D(2026, 7, 3)),
                                          ev(E.DECIDE, D(2026, 8, 3))], {},
                     [(DeadlineKind.SECOND_COMPLAINT_WINDOW, D(2026, 9, 3))],
                     id="KN-33(1)-window-from-decision"),
        # … remote area: 45 days → Thu 17 Sep.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 7, 1), doc=False),
                                          ev(E.ACCEPT, D(2026, 7, 3)),
                                          ev(E.DECIDE, D(2026, 8, 3))], {"remote": True},
                     [(DeadlineKind.SECOND_COMPLAINT_WINDOW, D(2026, 9, 17))],
                     id="KN-33(1)-window-remote-45d"),
        # … no decision yet: from the expiry of the 1st deadline (Fri 3 Jul + 30 = Sun 2 Aug →
        # Mon 3 Aug), 30 days → Thu 3 Sep.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 7, 1), doc=False),
                                          ev(E.ACCEPT, D(2026, 7, 3))], {},
                     [(DeadlineKind.SECOND_COMPLAINT_WINDOW, D(2026, 9, 3))],
                     id="KN-33(1)-window-from-expiry"),
    ],
)
def test_related_deadlines(ctype: CaseType, events: list[CaseEvent], kwargs: dict[str, object],
                           expected: list[tuple[DeadlineKind, date]]) -> None:
    state = replay(ctype, events, **kwargs)  # type: ignore[arg-type]
    assert [(d.kind, d.due) for d in related_deadlines(state, CAL)] == expected


# -- side limits with their status and alerts (issue 12; LEGAL.md §4.2, §4.3) -------------------

K = DeadlineKind


@pytest.mark.parametrize(
    ("ctype", "events", "state_kw", "facts", "today", "expected"),
    [
        # Luật KN 2011 Art. 9: learned Wed 1 Jul 2026 + 90 days = Tue 29 Sep; lodged 20 Oct: out
        # of time, judged on the lodging day, alerted while acceptance is pending.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 10, 20), doc=False)],
                     {"learned_on": D(2026, 7, 1), "decision_on": D(2026, 6, 20)}, CaseFacts(),
                     D(2026, 10, 21),
                     [(K.UNPROCESSED_PETITION, D(2026, 12, 4), DueStatus.ON_TIME, False, None),
                      (K.COMPLAINT_LIMITATION, D(2026, 9, 29), DueStatus.OVERDUE, True,
                       LimitationStart.LEARNED)],
                     id="KN-9-limitation-from-learned-day-lodged-late"),
        # … fallback: the decision's date Mon 3 Aug + 90 = Sun 1 Nov → Mon 2 Nov; lodged in time.
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 10, 20), doc=False)],
                     {"decision_on": D(2026, 8, 3)}, CaseFacts(), D(2026, 10, 21),
                     [(K.UNPROCESSED_PETITION, D(2026, 12, 4), DueStatus.ON_TIME, False, None),
                      (K.COMPLAINT_LIMITATION, D(2026, 11, 2), DueStatus.ON_TIME, False,
                       LimitationStart.DECISION_DATE)],
                     id="KN-9-limitation-fallback-decision-date"),
        # … once accepted the limitation no longer alerts (acceptance was decided).
        pytest.param(T.COMPLAINT_FIRST, [ev(E.RECEIVE, D(2026, 10, 20), doc=False),
                                          ev(E.ACCEPT, D(2026, 10, 22))],
                     {"learned_on": D(2026, 7, 1)}, CaseFacts(), D(2026, 10, 23),
                     # accepted Thu 22 Oct + 30 = Sat 21 Nov → Mon 23 Nov; + 30 = Wed 23 Dec
                     [(K.SECOND_COMPLAINT_WINDOW, D(2026, 12, 23), DueStatus.ON_TIME, False,
                       None),
                      (K.COMPLAINT_LIMITATION, D(2026, 9, 29), DueStatus.OVERDUE, False,
                       LimitationStart.LEARNED)],
                     id="KN-9-no-alert-after-acceptance"),
        # NĐ 154/2026 Art. 4(3): refused Mon 5 Oct 2026 → 3 working days → Thu 8 Oct; Fri 9 Oct
        # overdue while no notice was issued.
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 10, 5), doc=False),
                                  ev(E.REFUSE, D(2026, 10, 5), doc=False)], {}, CaseFacts(),
                     D(2026, 10, 9),
                     [(K.REFUSAL_NOTICE, D(2026, 10, 8), DueStatus.OVERDUE, True, None)],
                     id="ND154-4(3)-refusal-notice-3wd"),
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 10, 5), doc=False),
                                  ev(E.REFUSE, D(2026, 10, 5), doc=False)], {},
                     CaseFacts(refusal_notice_issued=True), D(2026, 10, 9), [],
                     id="ND154-4(3)-notice-issued-ends-it"),
        # Luật TC 2018 Art. 24(2): outside competence, received Mon 5 Oct → 5 working days →
        # Mon 12 Oct; on Thu 8 Oct two working days are left: due soon.
        pytest.param(T.DENUNCIATION, [ev(E.RECEIVE, D(2026, 10, 5), doc=False)], {},
                     CaseFacts(within_competence=False), D(2026, 10, 8),
                     [(K.UNPROCESSED_PETITION, D(2026, 11, 19), DueStatus.ON_TIME, False, None),
                      (K.DENUNCIATION_TRANSFER, D(2026, 10, 12), DueStatus.DUE_SOON, True,
                       None)],
                     id="TC-24(2)-transfer-5wd-due-soon"),
        # Luật TCD 2013 Art. 27(2): received from another body, decided Mon 5 Oct → 7 working
        # days → Wed 14 Oct; overdue on 20 Oct; closing the case ends it.
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 9, 1), doc=False),
                                  ev(E.ACCEPT, D(2026, 9, 2)), ev(E.DECIDE, D(2026, 10, 5))], {},
                     CaseFacts(received_from_body=True), D(2026, 10, 20),
                     [(K.REPORT_TO_TRANSFERRING_BODY, D(2026, 10, 14), DueStatus.OVERDUE, True,
                       None)],
                     id="TCD-27(2)-report-7wd"),
        pytest.param(T.PETITION, [ev(E.RECEIVE, D(2026, 9, 1), doc=False),
                                  ev(E.ACCEPT, D(2026, 9, 2)), ev(E.DECIDE, D(2026, 10, 5)),
                                  ev(E.CLOSE, D(2026, 10, 9), doc=False)], {},
                     CaseFacts(received_from_body=True), D(2026, 10, 20), [],
                     id="TCD-27(2)-closed-ends-it"),
    ],
)
def test_side_deadlines_status_and_alerts(
        ctype: CaseType, events: list[CaseEvent], state_kw: dict[str, object], facts: CaseFacts,
        today: date, expected: list[tuple[object, ...]]) -> None:
    state = open_case(ctype, events[0], **state_kw)  # type: ignore[arg-type]
    for e in events[1:]:
        state = apply_event(state, e)
    got = [(s.deadline.kind, s.deadline.due, s.status.status if s.status else None, s.alert,
            s.start_from) for s in side_deadlines(state, CAL, today, facts=facts)]
    assert got == expected


@pytest.mark.parametrize(("criteria", "entrusted", "due", "variant"), [
    # Luật TC 2018 Art. 24(1): received Mon 5 Oct 2026: 7 working days → Wed 14 Oct …
    pytest.param(frozenset(), False, D(2026, 10, 14), Variant.STANDARD, id="TC-24(1)-7wd"),
    # … 10 working days → Mon 19 Oct only with entrusted verification …
    pytest.param(frozenset(), True, D(2026, 10, 19), Variant.SEVERAL_PLACES,
                 id="TC-24(1)-entrusted-10wd"),
    # … or verification at several places (criterion (a)) …
    pytest.param(frozenset({ComplexityCriterion.MULTIPLE_PLACES}), False, D(2026, 10, 19),
                 Variant.SEVERAL_PLACES, id="TC-24(1)-several-places-10wd"),
    # … never for another complexity criterion.
    pytest.param(frozenset({ComplexityCriterion.MANY_PEOPLE,
                            ComplexityCriterion.FOREIGN_ELEMENT}), False, D(2026, 10, 14),
                 Variant.STANDARD, id="TC-24(1)-other-criteria-stay-7wd"),
])
def test_denunciation_intake_extension_grounds(criteria: frozenset[ComplexityCriterion],
                                               entrusted: bool, due: date,
                                               variant: Variant) -> None:
    state = open_case(T.DENUNCIATION, ev(E.RECEIVE, D(2026, 10, 5), doc=False),
                      criteria=criteria, entrusted_verification=entrusted)
    deadline = current_deadline(state, CAL)
    assert deadline is not None and (deadline.due, deadline.variant) == (due, variant)
