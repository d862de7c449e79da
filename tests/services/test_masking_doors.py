"""Every door that shows an identity masks it in the services, per role (issue 10, item 3).

A denouncer under secrecy (Luật Tố cáo Art. 9(1)(b), 56) and, for a role without
``VIEW_PERSONAL_DATA``, every citizen's ID number, phone and address (NĐ 154/2026 Art. 12(2))
must not appear in: the logbook list, a visit's detail, citizen search, Ctrl+F, a citizen's
visits, the repeat banner, a case's complainants and the case list, ``find --json``, the
printed logbook (read back with pdftotext), the weekly pack and the default (masked) export.
A denouncer who waived secrecy shows normally; the system (nobody signed in) sees personal
data but never a denouncer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

import tests.printing.rd_pdf_probe as probe
from reception_desk.cli.find import _as_json
from reception_desk.cli.find import _with_visits
from reception_desk.domain.access import ROLE_PERMISSIONS
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Role
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.visits import GroupMember
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.documents.dto import TransferCommand
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import IdentityReveal
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitParticipant
from tests.conftest import sample_draft
from tests.conftest import sign_in_as

#: What identifies the denouncer and the representative of the crowd denunciation.
DENOUNCER = ("Nguyễn Văn Đức", "037085001234", "Thôn Đông", "0912 345 678", "0912345678",
             "Phạm Thị Lan", "037190004321", "Đỗ Văn Nam", "037088007777", "Xóm Giếng Cổ")
#: The personal data (not the name) of a complainant, hidden from roles without the right.
PERSONAL = ("037090001111", "0988 000 111", "0988000111", "Xóm Chùa")
COMPLAINANT = "Lê Thị Hoa"


@pytest.fixture
def office(sqlite_desk):  # type: ignore[no-untyped-def]
    """A crowd denunciation (sender + representative), a complaint and a case of each."""
    desk = sqlite_desk
    lan = GroupMember("Phạm Thị Lan", id_number="037190004321", address="Xóm Giếng Cổ",
                      is_representative=True)
    nam = GroupMember("Đỗ Văn Nam", id_number="037088007777", address="Xóm Giếng Cổ",
                      is_representative=True)
    denunciation, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None, people_count=6,
        delegation=True, members=[lan, nam], direction=HandlingDirection.TRANSFER,
        target_body="Công an tỉnh Ninh Bình", within_competence=False,
        content="Tố cáo cán bộ địa chính thu tiền trái quy định khi cấp giấy chứng nhận."))
    complaint, _ = desk.log_visit(sample_draft(
        desk, citizen_name=COMPLAINANT, id_number="037090001111", phone="0988 000 111",
        address_detail="Xóm Chùa, số 7", birth_date=date(1990, 1, 2),
        petition_type=PetitionType.COMPLAINT, field_code=None,
        content="Khiếu nại quyết định thu hồi đất của Ủy ban nhân dân xã."))
    secret_case, _ = desk.cases.open_from_visit(denunciation.id)
    complaint_case, _ = desk.cases.open_from_visit(complaint.id)
    return desk, denunciation, complaint, secret_case, complaint_case


def _door(call: Callable[[], Any]) -> str:
    """What a door hands out, as text; a door the role may not use hands out nothing."""
    try:
        result = call()
    except AccessDenied:
        return ""
    if isinstance(result, bytes):
        return probe.text(result)
    return repr(result)


def _doors(desk, denunciation, complaint, secret_case, complaint_case  # type: ignore[no-untyped-def]
           ) -> dict[str, str]:
    day = denunciation.reception_date
    again = sample_draft(desk)  # the denouncer comes back: the banner looks them up

    def find_json(words: str) -> str:
        found = _with_visits(desk, desk.citizens.search(words))
        return json.dumps([_as_json(c, v) for c, v in found], ensure_ascii=False)

    return {
        "logbook list": _door(lambda: desk.visit_page(VisitQuery(day, day), 0, 100)),
        "visit detail": _door(lambda: desk.visit(denunciation.id)),
        "complaint detail": _door(lambda: desk.visit(complaint.id)),
        "search": _door(lambda: [desk.citizens.search("Nguyễn Văn Đức"),
                                 desk.citizens.search("037085001234"),
                                 desk.citizens.search(COMPLAINANT)]),
        "global search": _door(lambda: [desk.citizens.global_search("Đức"),
                                        desk.citizens.global_search("địa chính"),
                                        desk.citizens.global_search("Hoa")]),
        "citizen visits": _door(lambda: desk.citizens.visits(denunciation.citizen_id)),
        "repeat banner": _door(lambda: desk.citizens.repeats(again)),
        "case": _door(lambda: [desk.cases.case(secret_case.id),
                               desk.cases.case(complaint_case.id)]),
        "case list": _door(lambda: desk.cases.page(CaseQuery(), 0, 50)),
        "find --json": _door(lambda: [find_json("Nguyễn Văn Đức"), find_json(COMPLAINANT)]),
        "logbook pdf": _door(lambda: desk.documents.logbook(day, day).pdf),
        "weekly pack": _door(lambda: desk.hotspots.render_pack()),
        "export": _door(lambda: _exported(desk)),
    }


def _exported(desk) -> str:  # type: ignore[no-untyped-def]
    """The exchange file as ``export`` writes it by default (masked)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "so.jsonl"
        desk.export_logbook(target)
        return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("role", list(Role))
def test_no_door_shows_a_masked_identity(office, role):
    desk, denunciation, complaint, secret_case, complaint_case = office
    sign_in_as(desk, role)
    doors = _doors(desk, denunciation, complaint, secret_case, complaint_case)
    for door, shown in doors.items():
        for secret in DENOUNCER:
            assert secret not in shown, (role, door, secret)
        if Permission.VIEW_PERSONAL_DATA not in ROLE_PERMISSIONS[role]:
            for secret in PERSONAL:
                assert secret not in shown, (role, door, secret)
    # The doors still show what they are for: the complaint's citizen by name, the matter.
    for door in ("logbook list", "search", "case", "find --json", "logbook pdf"):
        assert COMPLAINANT in doors[door] or not doors[door], (role, door)
    assert "địa chính" in doors["global search"] or not doors["global search"]
    if Permission.VIEW_PERSONAL_DATA in ROLE_PERMISSIONS[role]:
        assert "037090001111" in doors["complaint detail"]
    else:
        assert "*********111" in doors["complaint detail"]


def test_the_system_sees_personal_data_but_no_denouncer(office):
    desk, denunciation, complaint, secret_case, complaint_case = office
    doors = _doors(desk, denunciation, complaint, secret_case,
                   complaint_case)
    for door, shown in doors.items():
        for secret in DENOUNCER:
            assert secret not in shown, (door, secret)
    assert "037090001111" in doors["complaint detail"] and "Xóm Chùa" in doors["logbook pdf"]


def test_a_denouncer_who_waived_shows_normally(office):
    desk, denunciation, complaint, secret_case, complaint_case = office
    sign_in_as(desk, Role.CHAIRPERSON)
    desk.access.record_waiver(denunciation.id, denunciation.reception_date, "Đồng ý công khai")
    sign_in_as(desk, Role.RECEIVING_CLERK)
    doors = _doors(desk, denunciation, complaint, secret_case, complaint_case)
    for door in ("logbook list", "visit detail", "case", "logbook pdf", "search"):
        assert "Nguyễn Văn Đức" in doors[door], door
    assert "037085001234" in doors["logbook pdf"]
    # The representative did not waive: still withheld.
    assert all("Phạm Thị Lan" not in shown for shown in doors.values())


def test_an_edit_by_a_viewer_who_saw_masks_keeps_the_stored_identity(office):
    desk, denunciation, *_ = office
    sign_in_as(desk, Role.RECEIVING_CLERK)
    shown = desk.visit(denunciation.id)
    assert shown.identity_secret and shown.citizen_name == "***"
    draft = replace(shown.to_draft(), content=shown.content + " Bổ sung: có chứng cứ kèm theo.")
    saved, _ = desk.update_visit(denunciation.id, draft, shown.version)
    assert saved.identity_secret and saved.content.endswith("kèm theo.")
    with desk.db.read() as s:
        row = s.get(Visit, denunciation.id)
        assert (row.citizen_name, row.id_number, row.phone) == (
            "Nguyễn Văn Đức", "037085001234", "0912 345 678")
        assert "Thôn Đông" in row.address
    with desk.db.read() as s:
        member = s.scalar(select(VisitParticipant).where(
            VisitParticipant.visit_id == denunciation.id))
        assert (member.full_name, member.id_number) == ("Phạm Thị Lan", "037190004321")


def _reveals(desk) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return (s.scalar(select(func.count()).select_from(IdentityReveal)),
                s.scalar(select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.action == "reveal_identity")),
                s.scalar(select(func.count()).select_from(IssuedDocument)))


def test_an_unredacted_transfer_slip_needs_a_reason_in_the_service(office):
    desk, denunciation, *_ = office
    sign_in_as(desk, Role.CHAIRPERSON)
    with pytest.raises(UserError) as info:
        desk.documents.issue_transfer(TransferCommand(denunciation.id, redact_identity=False))
    assert info.value.code == "secrecy.reason_required"
    assert _reveals(desk) == (0, 0, 0)  # nothing revealed, no number used
    printed, _ = desk.documents.issue_transfer(TransferCommand(
        denunciation.id, redact_identity=False,
        reveal_reason="Cơ quan công an đề nghị cung cấp bằng văn bản"))
    assert probe.has(printed.pdf, "Nguyễn Văn Đức")
    assert _reveals(desk) == (1, 1, 1)  # a reveal row and an audit row, then the slip
    sign_in_as(desk, Role.CASE_HANDLER)  # may issue documents, may not reveal
    with pytest.raises(AccessDenied):
        desk.documents.issue_transfer(TransferCommand(
            denunciation.id, redact_identity=False,
            reveal_reason="Cơ quan công an đề nghị cung cấp bằng văn bản"))
    redacted, _ = desk.documents.issue_transfer(TransferCommand(denunciation.id))
    assert not probe.has(redacted.pdf, "Nguyễn Văn Đức")


def test_the_weekly_pack_prints_the_chain_head(office):
    desk, *_ = office
    sign_in_as(desk, Role.CHAIRPERSON)
    code = desk.chain_head()
    assert len(code) == 14 and code.count("-") == 2
    assert probe.has(desk.hotspots.render_pack(), code)
    assert desk.find_chain_code(code) is not None
    assert desk.find_chain_code("0000-0000-0000") is None


def test_a_denunciation_is_not_found_by_its_denouncers_name(office):
    desk, denunciation, _complaint, _secret_case, complaint_case = office
    sign_in_as(desk, Role.CHAIRPERSON)
    day = denunciation.reception_date
    for words in ("Nguyễn Văn Đức", "037085001234"):
        assert desk.count_visits(VisitQuery(day, day, text=words)) == 0, words
        assert desk.cases.count(CaseQuery(text=words)) == 0, words
    assert [r.id for r in desk.visit_page(VisitQuery(day, day, text="địa chính"), 0, 9)] == [
        denunciation.id]  # by its content it is found, masked
    assert desk.count_visits(VisitQuery(day, day, text="Lê Thị Hoa")) == 1
    assert [r.id for r in desk.cases.page(CaseQuery(text="Lê Thị Hoa"), 0, 9)] == [
        complaint_case.id]
