"""The dialogue rule (đối thoại): which complaint cases need one, and when a case is flagged.

Each row names its basis: Luật KN 2011 Art. 30 (first-time complaint: request and verification
result still differ) and Art. 39 (second-time complaint), as LEGAL.md §8.2 cites them
(unverified, hence office-editable ``DialoguePolicy``); NĐ 124/2020 Art. 28(1) as amended by
NĐ 155/2026 (invitation ≥ 5 days before) for the default warning window.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from reception_desk.domain.cases import CaseType
from reception_desk.domain.dialogues import BASIS_FIRST
from reception_desk.domain.dialogues import BASIS_SECOND
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import MissingReason
from reception_desk.domain.dialogues import Need
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import Requirement
from reception_desk.domain.dialogues import check_cancel
from reception_desk.domain.dialogues import check_hold
from reception_desk.domain.dialogues import check_schedule
from reception_desk.domain.dialogues import invitation_short
from reception_desk.domain.dialogues import missing_dialogue
from reception_desk.domain.dialogues import requirement
from reception_desk.errors import UserError

DEFAULT = DialoguePolicy()
STRICT = DialoguePolicy(first_time=Need.ALWAYS)
LAX = DialoguePolicy(second_time=Need.WHEN_DIFFERS)

REQUIREMENT_CASES = [
    # (basis, case type, verification differs, policy, expected requirement, expected basis)
    ("Art. 30: first-time, request and verification differ", CaseType.COMPLAINT_FIRST, True,
     DEFAULT, Requirement.REQUIRED, BASIS_FIRST),
    ("Art. 30: first-time, verification agrees with the request", CaseType.COMPLAINT_FIRST,
     False, DEFAULT, Requirement.NOT_REQUIRED, BASIS_FIRST),
    ("Art. 30: first-time, verification not recorded yet", CaseType.COMPLAINT_FIRST, None,
     DEFAULT, Requirement.UNKNOWN, BASIS_FIRST),
    ("Art. 39: second-time, always", CaseType.COMPLAINT_SECOND, None, DEFAULT,
     Requirement.REQUIRED, BASIS_SECOND),
    ("Art. 39: second-time, even when verification agrees", CaseType.COMPLAINT_SECOND, False,
     DEFAULT, Requirement.REQUIRED, BASIS_SECOND),
    ("office policy: every first-time complaint", CaseType.COMPLAINT_FIRST, False, STRICT,
     Requirement.REQUIRED, BASIS_FIRST),
    ("office policy: second-time only when differing", CaseType.COMPLAINT_SECOND, False, LAX,
     Requirement.NOT_REQUIRED, BASIS_SECOND),
    ("no dialogue for denunciations (Luật TC)", CaseType.DENUNCIATION, True, DEFAULT,
     Requirement.NOT_REQUIRED, ""),
    ("no dialogue for petitions", CaseType.PETITION, True, STRICT, Requirement.NOT_REQUIRED, ""),
    ("no dialogue for reflections", CaseType.REFLECTION, None, STRICT,
     Requirement.NOT_REQUIRED, ""),
]


@pytest.mark.parametrize(("basis", "ctype", "differs", "policy", "expected", "article"),
                         REQUIREMENT_CASES, ids=[c[0] for c in REQUIREMENT_CASES])
def test_requirement(basis: str, ctype: CaseType, differs: bool | None, policy: DialoguePolicy,
                     expected: Requirement, article: str) -> None:
    answer = requirement(ctype, differs, policy)
    assert answer.requirement is expected
    assert answer.basis == article


D = date(2026, 9, 15)
REQUIRED = requirement(CaseType.COMPLAINT_SECOND, None)
UNKNOWN = requirement(CaseType.COMPLAINT_FIRST, None)

FLAG_CASES = [
    # (basis, answer, held on, decided on, working days left, expected reason or None)
    ("Art. 39: decided with no dialogue held", REQUIRED, (), D, None,
     MissingReason.DECIDED_WITHOUT),
    ("Art. 39: held before the decision", REQUIRED, (D - timedelta(days=3),), D, None, None),
    ("Art. 39: held on the decision day counts", REQUIRED, (D,), D, None, None),
    ("Art. 39: only held after the decision", REQUIRED, (D + timedelta(days=1),), D, None,
     MissingReason.DECIDED_WITHOUT),
    ("Art. 28(1) window: 5 working days left, none held", REQUIRED, (), None, 5,
     MissingReason.DEADLINE_NEAR),
    ("Art. 28(1) window: 6 working days left, not yet", REQUIRED, (), None, 6, None),
    ("deadline passed, none held", REQUIRED, (), None, -2, MissingReason.DEADLINE_PASSED),
    ("held, deadline near: fine", REQUIRED, (D,), None, 1, None),
    ("Art. 30 not known to apply: never flagged", UNKNOWN, (), D, None, None),
]


@pytest.mark.parametrize(("basis", "answer", "held", "decided", "left", "expected"),
                         FLAG_CASES, ids=[c[0] for c in FLAG_CASES])
def test_missing_dialogue(basis: str, answer, held, decided, left, expected) -> None:  # type: ignore[no-untyped-def]
    due = D + timedelta(days=10)
    flag = missing_dialogue(answer, held, decided_on=decided, due=due if left is not None
                            else None, working_days_left=left)
    if expected is None:
        assert flag is None
    else:
        assert flag is not None and flag.reason is expected
        assert flag.basis == BASIS_SECOND


def test_warning_window_is_office_data() -> None:
    wide = DialoguePolicy(warn_working_days=10)
    flag = missing_dialogue(REQUIRED, (), decided_on=None, due=D, working_days_left=8,
                            policy=wide)
    assert flag is not None and flag.reason is MissingReason.DEADLINE_NEAR
    assert missing_dialogue(REQUIRED, (), decided_on=None, due=D, working_days_left=8) is None


def test_policy_json_round_trip_and_validation() -> None:
    policy = DialoguePolicy(first_time=Need.ALWAYS, second_time=Need.NEVER, warn_working_days=3)
    assert DialoguePolicy.from_json(policy.to_json()) == policy
    assert DialoguePolicy.from_json(None) == DialoguePolicy()
    assert DialoguePolicy.from_json({}).first_time is Need.WHEN_DIFFERS
    for bad in ({"first_time": "sometimes"}, {"warn_working_days": -1},
                {"warn_working_days": True}, {"warn_working_days": "5"}):
        with pytest.raises(UserError) as err:
            DialoguePolicy.from_json(bad)
        assert err.value.code == "dialogue.policy_invalid"


AT = datetime(2026, 9, 20, 8, 0, tzinfo=timezone(timedelta(hours=7)))
PEOPLE = (Participant(ParticipantRole.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND"),
          Participant(ParticipantRole.COMPLAINANT, "Trần Thị Khiếu"))


@pytest.mark.parametrize(("ctype", "place", "people", "code"), [
    (CaseType.DENUNCIATION, "Hội trường", PEOPLE, "dialogue.only_for_complaints"),
    (CaseType.COMPLAINT_FIRST, "  ", PEOPLE, "dialogue.place_required"),
    (CaseType.COMPLAINT_FIRST, "Hội trường", PEOPLE[1:], "dialogue.presiding_required"),
    (CaseType.COMPLAINT_FIRST, "Hội trường", PEOPLE[:1], "dialogue.complainant_required"),
    (CaseType.COMPLAINT_FIRST, "Hội trường",
     (*PEOPLE, Participant(ParticipantRole.BODY, " ")), "dialogue.participant_name_required"),
])
def test_schedule_refusals(ctype, place, people, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        check_schedule(ctype, AT, place, people)
    assert err.value.code == code


def test_schedule_accepts_a_complete_dialogue() -> None:
    check_schedule(CaseType.COMPLAINT_SECOND, AT, "Hội trường UBND xã", PEOPLE)


@pytest.mark.parametrize(("status", "held", "result", "code"), [
    (DialogueStatus.HELD, AT, "Thống nhất", "dialogue.not_scheduled"),
    (DialogueStatus.CANCELLED, AT, "Thống nhất", "dialogue.not_scheduled"),
    (DialogueStatus.SCHEDULED, AT + timedelta(days=2), "Thống nhất", "dialogue.held_in_future"),
    (DialogueStatus.SCHEDULED, AT, " ", "dialogue.result_required"),
    (DialogueStatus.SCHEDULED, AT, "x" * 4001, "text.too_long"),
])
def test_hold_refusals(status, held, result, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        check_hold(status, AT, held, AT + timedelta(days=1), result)
    assert err.value.code == code


def test_cancel_needs_a_reason_and_a_scheduled_dialogue() -> None:
    check_cancel(DialogueStatus.SCHEDULED, "Người khiếu nại ốm")
    with pytest.raises(UserError):
        check_cancel(DialogueStatus.SCHEDULED, "")
    with pytest.raises(UserError):
        check_cancel(DialogueStatus.HELD, "muộn")


@pytest.mark.parametrize(("invited", "short"), [
    (date(2026, 9, 15), False),  # 5 days before: NĐ 124/2020 Art. 28(1) as amended, enough
    (date(2026, 9, 16), True),  # 4 days before: too short
])
def test_invitation_five_days(invited: date, short: bool) -> None:
    assert invitation_short(date(2026, 9, 20), invited) is short


@pytest.mark.parametrize(("warn_from", "today", "flagged"), [
    (None, date(2026, 11, 20), False),  # needs none, or one was held: nothing to flag
    (date(2026, 11, 23), date(2026, 11, 20), False),  # window not reached yet
    (date(2026, 11, 23), date(2026, 11, 23), True),  # first day of the window
    (date(2026, 11, 23), date(2026, 12, 10), True),  # deadline passed, still none
])
def test_hotspot_rule_no_dialogue(warn_from: date | None, today: date, flagged: bool) -> None:
    from reception_desk.domain.hotspots import CaseSnapshot
    from reception_desk.domain.hotspots import HotspotPolicy
    from reception_desk.domain.hotspots import Reason
    from reception_desk.domain.hotspots import flags_for

    case = CaseSnapshot(id=1, received_on=date(2026, 10, 1), due_on=date(2026, 11, 30),
                        dialogue_warn_from=warn_from, dialogue_basis=BASIS_SECOND)
    reasons = [f.reason for f in flags_for(case, HotspotPolicy(), today)]
    assert (Reason.NO_DIALOGUE in reasons) is flagged
