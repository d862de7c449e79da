"""Realistic cases for the case-page tests and screenshots (clock: Fri 27 Nov 2026)."""

from __future__ import annotations

from datetime import date

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.classification import PetitionType
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import NewCase
from tests.conftest import sample_draft

D = date


def _open(desk, received: date, case_type: CaseType, title: str, **kw) -> int:  # type: ignore[no-untyped-def]
    detail, _ = desk.cases.open_case(NewCase(case_type=case_type, title=title,
                                             received_on=received, **kw))
    return detail.id


def _event(desk, case_id: int, kind: EventKind, **kw) -> None:  # type: ignore[no-untyped-def]
    desk.cases.record_event(EventDraft(case_id=case_id, kind=kind, **kw))


def populate(desk) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """About a dozen cases across every status; returns a few ids by role."""
    ids: dict[str, int] = {}
    visit, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.COMPLAINT, citizen_name="Nguyễn Thị Ánh Tuyết",
        content="Khiếu nại Quyết định số 215/QĐ-UBND về việc thu hồi 120 m² đất nông nghiệp "
                "của hộ gia đình tại thửa số 215, tờ bản đồ số 8."))
    detail, _ = desk.cases.open_from_visit(
        visit.id, title="Khiếu nại quyết định thu hồi đất thửa 215, tờ bản đồ số 8")
    ids["from_visit"] = detail.id
    ids["transferred_complaint"] = _open(
        desk, D(2026, 10, 19), CaseType.COMPLAINT_FIRST,
        "Khiếu nại việc Ủy ban nhân dân xã không cấp Giấy chứng nhận quyền sử dụng đất",
        complaint_object=ComplaintObject.ADMINISTRATIVE_ACT,
        respondents="Chủ tịch Ủy ban nhân dân xã")
    cid = ids["transferred_complaint"]
    _event(desk, cid, EventKind.ACCEPT, document_number="Số: 45/TB-UBND",
           document_date=D(2026, 10, 23), note="Thông báo thụ lý gửi công dân")
    _event(desk, cid, EventKind.VERIFY, document_date=D(2026, 10, 26),
           note="Giao công chức địa chính xác minh")
    _event(desk, cid, EventKind.DIALOGUE, document_date=D(2026, 11, 10),
           note="Đối thoại tại trụ sở UBND xã, có mặt ông Phạm Văn Hưng")
    ids["denunciation"] = _open(desk, D(2026, 10, 1), CaseType.DENUNCIATION,
                                "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục tách thửa",
                                respondents="Ông Lê Văn Đông, công chức địa chính – xây dựng")
    did = ids["denunciation"]
    _event(desk, did, EventKind.ACCEPT, document_number="52/QĐ-UBND",
           document_date=D(2026, 10, 8))
    desk.cases.set_complexity(did, {ComplexityCriterion.MULTIPLE_PLACES,
                                    ComplexityCriterion.CONFLICTING_EVIDENCE},
                              document_number="03/BC-UBND", document_date=D(2026, 10, 20))
    _event(desk, did, EventKind.EXTEND, document_number="61/QĐ-UBND",
           document_date=D(2026, 11, 5), note="Gia hạn lần 1 (Điều 30 Luật Tố cáo)")
    ids["overdue"] = _open(desk, D(2026, 11, 10), CaseType.COMPLAINT_FIRST,
                           "Khiếu nại việc xử phạt vi phạm hành chính về xây dựng",
                           complaint_object=ComplaintObject.ADMINISTRATIVE_DECISION)
    ids["due_today"] = _open(desk, D(2026, 11, 17), CaseType.COMPLAINT_FIRST,
                             "Khiếu nại về bồi thường cây trồng khi mở rộng đường liên thôn")
    ids["petition"] = _open(desk, D(2026, 11, 20), CaseType.PETITION,
                            "Kiến nghị sửa chữa cầu tràn thôn Đông bị sạt lở sau mưa lũ")
    _open(desk, D(2026, 11, 26), CaseType.REFLECTION,
          "Phản ánh cơ sở xay xát gây tiếng ồn sau 22 giờ tại xóm Thượng")
    first = _open(desk, D(2026, 8, 3), CaseType.COMPLAINT_FIRST,
                  "Khiếu nại quyết định giải quyết tranh chấp đất đai (lần đầu)")
    _event(desk, first, EventKind.ACCEPT, document_date=D(2026, 8, 10))
    _event(desk, first, EventKind.DECIDE, document_number="88/QĐ-UBND",
           document_date=D(2026, 9, 7))
    ids["second"] = _open(desk, D(2026, 10, 12), CaseType.COMPLAINT_SECOND,
                          "Khiếu nại lần hai quyết định giải quyết tranh chấp đất đai",
                          previous_case_id=first, link_kind=LinkKind.SECOND_COMPLAINT)
    _event(desk, ids["second"], EventKind.TRANSFER, level=HandlingLevel.PROVINCE,
           body="Chủ tịch UBND tỉnh Ninh Bình", document_number="Số: 12/PC-UBND",
           document_date=D(2026, 10, 14))
    sus = _open(desk, D(2026, 10, 20), CaseType.COMPLAINT_FIRST,
                "Khiếu nại về việc thu hồi giấy phép kinh doanh hộ cá thể")
    _event(desk, sus, EventKind.ACCEPT, document_date=D(2026, 10, 26))
    _event(desk, sus, EventKind.SUSPEND, document_number="70/QĐ-UBND",
           document_date=D(2026, 11, 2), note="Chờ kết quả giám định của Sở Xây dựng")
    ids["suspended"] = sus
    return ids


def _directives_given_on_16_november(desk, clock, case_id: int) -> None:  # type: ignore[no-untyped-def]
    """An open directive and one carried out (a due date cannot be in the past when given)."""
    from datetime import UTC
    from datetime import datetime

    now = clock.moment
    clock.moment = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
    try:
        staff = {s.full_name: s.id for s in desk.staff()}
        desk.hotspots.record_directive(case_id, "Báo cáo kết quả xác minh bằng văn bản",
                                       staff["Trần Thị Thu"], D(2026, 12, 10))
        done, _ = desk.hotspots.record_directive(case_id, "Mời Thanh tra huyện cùng dự",
                                                 None, D(2026, 11, 30))
        desk.hotspots.complete_directive(done.id)
    finally:
        clock.moment = now


def with_every_section(desk, clock, ids: dict[str, int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Fill every section of the case page on two of ``populate``'s cases: the first-time
    complaint gets complainants, directives, two dialogues (one held), the report and the
    limitation facts; the denunciation gets directives and entrusted verification."""
    from datetime import datetime

    from reception_desk.config import OFFICE_TZ
    from reception_desk.domain.dialogues import Participant
    from reception_desk.domain.dialogues import ParticipantRole as P
    from reception_desk.services.cases.dialogue_dto import HoldDialogue
    from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
    from reception_desk.services.cases.dto import CaseReportFacts
    from reception_desk.services.cases.dto import ComplainantRole
    from reception_desk.services.cases.dto import LegalFacts

    complaint = ids["transferred_complaint"]
    for name, number, role in (("Phạm Văn Hưng", "037085004444", ComplainantRole.COMPLAINANT),
                               ("Đỗ Thị Hạnh", "037085005555", ComplainantRole.AUTHORISED)):
        desk.log_visit(sample_draft(desk, citizen_name=name, id_number=number))
        citizen = desk.citizens.by_id_number(number)[0]
        desk.cases.add_complainant(complaint, citizen.id, role)
    _directives_given_on_16_november(desk, clock, complaint)
    people = (Participant(P.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã"),
              Participant(P.COMPLAINANT, "Phạm Văn Hưng", "thôn Đông"),
              Participant(P.MINUTE_TAKER, "Ngô Thị Ghi", "Công chức văn phòng"))
    held, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        complaint, datetime(2026, 11, 10, 8, tzinfo=OFFICE_TZ), "Hội trường UBND xã", people,
        topic="Cấp Giấy chứng nhận quyền sử dụng đất", invited_on=D(2026, 11, 3)))
    desk.cases.hold_dialogue(HoldDialogue(held.id, datetime(2026, 11, 10, 8, 30,
                                                            tzinfo=OFFICE_TZ),
                                          people, "Hai bên thống nhất đo đạc lại thửa đất."))
    desk.cases.schedule_dialogue(ScheduleDialogue(
        complaint, datetime(2026, 12, 3, 14, tzinfo=OFFICE_TZ), "Nhà văn hóa thôn Đông",
        people, topic="Kết quả đo đạc lại", invited_on=D(2026, 11, 27)))
    detail = desk.cases.case(complaint)
    detail, _ = desk.cases.set_legal_facts(LegalFacts(
        complaint, decision_on=D(2026, 9, 1), learned_on=D(2026, 9, 15),
        entrusted_verification=False, expected_version=detail.version))
    desk.cases.set_report_facts(complaint, CaseReportFacts(True, None, None),
                                expected_version=detail.version)
    denunciation = ids["denunciation"]
    _directives_given_on_16_november(desk, clock, denunciation)
    detail = desk.cases.case(denunciation)
    desk.cases.set_legal_facts(LegalFacts(denunciation, decision_on=None, learned_on=None,
                                          entrusted_verification=True,
                                          expected_version=detail.version))
    return {"complaint": complaint, "denunciation": denunciation}
