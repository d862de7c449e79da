"""Dialogues on complaint cases (issue 14 item 5): schedule, hold with opinions and result,
cancel; the held dialogue joins the case timeline; the missing-dialogue flag on the case page
(Luật KN 2011 Art. 30/39 as LEGAL.md §8.2 cites them, office-editable); the audit chain.

Fixed clock: Friday 27 Nov 2026, 09:30 in Vietnam (tests/conftest.py).
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.dialogues import BASIS_FIRST
from reception_desk.domain.dialogues import BASIS_SECOND
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import MissingReason
from reception_desk.domain.dialogues import Need
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import Requirement
from reception_desk.errors import UserError
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from tests.conftest import assert_record_intact

P = ParticipantRole
PEOPLE = (Participant(P.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã"),
          Participant(P.COMPLAINANT, "Trần Thị Khiếu", "thôn Đông"),
          Participant(P.RESPONDENT, "Phạm Văn Bị", "Công chức địa chính"),
          Participant(P.MINUTE_TAKER, "Ngô Thị Ghi", "Công chức văn phòng"))


def _accepted(desk, case_type=CaseType.COMPLAINT_SECOND, received=date(2026, 11, 2)):
    detail, _ = desk.cases.open_case(NewCase(case_type=case_type, title="Khiếu nại thu hồi đất",
                                             received_on=received))
    detail, _ = desk.cases.record_event(EventDraft(case_id=detail.id, kind=EventKind.ACCEPT,
                                                   document_date=received + timedelta(days=2)))
    return detail


def _at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=OFFICE_TZ)


def test_schedule_hold_joins_timeline_and_clears_the_flag(desk):
    case = _accepted(desk)
    assert case.dialogue is not None
    assert case.dialogue.requirement is Requirement.REQUIRED
    assert case.dialogue.basis == BASIS_SECOND
    dto, changes = desk.cases.schedule_dialogue(ScheduleDialogue(
        case.id, _at(date(2026, 11, 26)), "Hội trường UBND xã", PEOPLE, topic="Thu hồi đất",
        invited_on=date(2026, 11, 18)))
    assert dto.status is DialogueStatus.SCHEDULED and changes.cases == {case.id}
    assert [p.role for p in dto.participants] == [P.PRESIDING, P.COMPLAINANT, P.RESPONDENT,
                                                   P.MINUTE_TAKER]
    said = tuple(Participant(p.role, p.name, p.position, f"Ý kiến của {p.name}")
                 for p in PEOPLE)
    held, _ = desk.cases.hold_dialogue(HoldDialogue(dto.id, _at(date(2026, 11, 26), 9), said,
                                                    "Hai bên thống nhất đo đạc lại."))
    assert held.status is DialogueStatus.HELD
    assert held.participants[1].opinion == "Ý kiến của Trần Thị Khiếu"
    page = desk.cases.case(case.id)
    assert page.events[-1].kind is EventKind.DIALOGUE
    assert page.events[-1].document_date == date(2026, 11, 26)
    assert "thống nhất đo đạc" in page.events[-1].note
    assert page.dialogue is not None and page.dialogue.flag is None
    assert [d.id for d in page.dialogue.dialogues] == [dto.id]
    with pytest.raises(UserError) as err:
        desk.cases.cancel_dialogue(dto.id, "muộn")
    assert err.value.code == "dialogue.not_scheduled"
    assert_record_intact(desk)


def test_second_complaint_without_dialogue_is_flagged_near_its_deadline(desk):
    # Received 2 Oct, accepted 5 Oct: the 45-day limit runs to mid/late November.
    case = _accepted(desk, received=date(2026, 10, 2))
    assert case.deadline is not None and case.deadline.due is not None
    page = desk.cases.case(case.id)
    assert page.dialogue is not None
    flag = page.dialogue.flag
    assert flag is not None
    assert flag.reason in (MissingReason.DEADLINE_NEAR, MissingReason.DEADLINE_PASSED)
    assert flag.basis == BASIS_SECOND


def test_decided_without_dialogue_is_flagged(desk):
    case = _accepted(desk)
    desk.cases.record_event(EventDraft(case_id=case.id, kind=EventKind.DECIDE,
                                       document_number="12/QĐ-UBND",
                                       document_date=date(2026, 11, 20)))
    page = desk.cases.case(case.id)
    assert page.dialogue is not None and page.dialogue.flag is not None
    assert page.dialogue.flag.reason is MissingReason.DECIDED_WITHOUT
    assert page.dialogue.flag.decided_on == date(2026, 11, 20)


def test_first_complaint_follows_the_verification_record(desk):
    case = _accepted(desk, CaseType.COMPLAINT_FIRST, received=date(2026, 10, 20))
    assert case.dialogue is not None
    assert case.dialogue.requirement is Requirement.UNKNOWN and case.dialogue.flag is None
    desk.cases.set_verification_differs(case.id, True)
    page = desk.cases.case(case.id)
    assert page.dialogue is not None
    assert page.dialogue.requirement is Requirement.REQUIRED
    assert page.dialogue.basis == BASIS_FIRST
    desk.cases.save_dialogue_policy(DialoguePolicy(first_time=Need.NEVER))
    page = desk.cases.case(case.id)
    assert page.dialogue is not None and page.dialogue.requirement is Requirement.NOT_REQUIRED
    assert desk.cases.dialogue_policy().first_time is Need.NEVER
    assert_record_intact(desk)


def test_refusals(desk):
    petition, _ = desk.cases.open_case(NewCase(case_type=CaseType.PETITION, title="Kiến nghị",
                                               received_on=date(2026, 11, 2)))
    with pytest.raises(UserError) as err:
        desk.cases.schedule_dialogue(ScheduleDialogue(petition.id, _at(date(2026, 11, 30)),
                                                      "Hội trường", PEOPLE))
    assert err.value.code == "dialogue.only_for_complaints"
    case = _accepted(desk)
    with pytest.raises(UserError) as err:
        desk.cases.schedule_dialogue(ScheduleDialogue(case.id, _at(date(2026, 11, 30)),
                                                      "Hội trường", PEOPLE[1:]))
    assert err.value.code == "dialogue.presiding_required"
    dto, _ = desk.cases.schedule_dialogue(ScheduleDialogue(case.id, _at(date(2026, 11, 30)),
                                                           "Hội trường", PEOPLE))
    with pytest.raises(UserError) as err:
        desk.cases.hold_dialogue(HoldDialogue(dto.id, _at(date(2026, 12, 1)), PEOPLE, "Xong"))
    assert err.value.code == "dialogue.held_in_future"
    cancelled, _ = desk.cases.cancel_dialogue(dto.id, "Người khiếu nại ốm")
    assert cancelled.status is DialogueStatus.CANCELLED
    assert cancelled.cancel_reason == "Người khiếu nại ốm"
    with pytest.raises(UserError) as err:
        desk.cases.dialogue(999_999)
    assert err.value.code == "dialogue.not_found"


def test_missing_dialogue_appears_in_the_hotspot_list_with_its_reason(desk):
    from reception_desk.domain.hotspots import Reason
    from reception_desk.printing.weekly_pack import explain_vi

    flagged = _accepted(desk, received=date(2026, 10, 2))  # 45-day limit near: flagged
    fine = _accepted(desk, received=date(2026, 10, 5))
    dto, _ = desk.cases.schedule_dialogue(ScheduleDialogue(fine.id, _at(date(2026, 11, 20)),
                                                           "Hội trường", PEOPLE))
    desk.cases.hold_dialogue(HoldDialogue(dto.id, _at(date(2026, 11, 20)), PEOPLE, "Đã rõ."))
    rows = {r.case.id: r for r in desk.hotspots.weekly().rows}
    assert Reason.NO_DIALOGUE in rows[flagged.id].reasons
    assert fine.id not in rows or Reason.NO_DIALOGUE not in rows[fine.id].reasons
    flag = next(f for f in rows[flagged.id].flags if f.reason is Reason.NO_DIALOGUE)
    text = explain_vi(flag.explanation)
    assert BASIS_SECOND in text and "Chưa tổ chức đối thoại" in text


def test_an_invitation_less_than_five_days_ahead_is_marked(desk):
    """NĐ 124/2020 Art. 28(1) as amended by NĐ 155/2026 (LEGAL.md §4.2): ≥ 5 days."""
    case = _accepted(desk)
    late, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        case.id, _at(date(2026, 11, 30)), "Hội trường", PEOPLE, invited_on=date(2026, 11, 27)))
    early, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        case.id, _at(date(2026, 12, 2)), "Hội trường", PEOPLE, invited_on=date(2026, 11, 27)))
    assert late.invitation_short and not early.invitation_short
    with pytest.raises(UserError) as err:
        desk.cases.schedule_dialogue(ScheduleDialogue(
            case.id, _at(date(2026, 12, 2)), "Hội trường", PEOPLE, invited_on=date(2026, 11, 28)))
    assert err.value.code == "dialogue.invited_in_future"
