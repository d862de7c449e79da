"""Issued documents on SQLite and PostgreSQL: numbering, frozen payloads, copies, verification.

Every PDF is read back with poppler (text, NFC) and zbar (QR), as a person checking it would.
"""

from __future__ import annotations

import threading
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from sqlalchemy import select

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.access import Role
from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.visits import DocumentLine
from reception_desk.errors import UserError
from reception_desk.services.desk import Desk
from reception_desk.services.documents.codes import CODE_ALPHABET
from reception_desk.services.documents.codes import parse_qr
from reception_desk.services.documents.desk import IDENTITY_WITHHELD
from reception_desk.services.documents.desk import REFUSAL_GROUNDS
from reception_desk.services.documents.desk import AppointmentCommand
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import LogbookLayout
from reception_desk.services.documents.desk import Paper
from reception_desk.services.documents.desk import RefusalCommand
from reception_desk.services.documents.desk import TransferCommand
from reception_desk.services.documents.payload import form_from_payload
from reception_desk.services.documents.payload import form_payload
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import IssuedDocument
from tests.conftest import Clock
from tests.conftest import sample_draft
from tests.conftest import sign_in_as


def _visit(desk, **overrides):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(desk, **overrides))
    return visit


def _commune(desk) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """("Xã Bắc Lý", "Ủy ban nhân dân xã Bắc Lý") for the fixture's office."""
    office = desk.office()
    return office.commune_name, f"Ủy ban nhân dân {office.commune_name[0].lower()}" \
        f"{office.commune_name[1:]}"


# --- the receipt -------------------------------------------------------------------------------


def test_receipt_prints_every_field_of_the_visit_and_a_qr_with_number_and_code(desk):
    visit = _visit(desk)
    printed, changes = desk.documents.issue_receipt(visit.id)
    doc = printed.document
    assert (doc.doc_type, doc.year, doc.number, doc.number_text) == (
        DocType.RECEIPT, 2026, 1, "01/BN-UBND")
    assert visit.id in changes.visits
    assert len(doc.verification_code) == 10 and set(doc.verification_code) <= set(CODE_ALPHABET)
    assert doc.qr_payload == f"RD1|BN|1/2026|{doc.verification_code}"
    assert doc.citizen_name == "Nguyễn Văn Đức" and doc.print_count == 1
    assert not printed.is_copy

    pdf = printed.pdf
    text = probe.text(pdf)
    place, body = _commune(desk)
    office = desk.office()
    expected = [
        office.superior_body, "ỦY BAN NHÂN DÂN", office.commune_name.upper(),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/BN-UBND", f"{place}, ngày 27 tháng 11 năm 2026",
        "GIẤY BIÊN NHẬN", "Thông tin, tài liệu",
        # received_at = now - 5 min = 09:25 office time
        f"Vào hồi 09 giờ 25 phút, ngày 27 tháng 11 năm 2026, tại Trụ sở {body}.",
        "Tôi là: Trần Thị Thu", "Chức vụ: Công chức tiếp công dân",
        "Đã nhận của Ông: Nguyễn Văn Đức",
        "Số căn cước: 037085001234, ngày cấp: 03/05/2021, nơi cấp: Cục Cảnh sát QLHC về TTXH",
        f"Địa chỉ: {visit.address}",
        "1 Đơn kiến nghị 02 Bản gốc", "2 Bản sao sổ đỏ 03 Bản sao có chứng thực",
        "Giấy biên nhận được lập thành 02 bản",
        f"Mã tra cứu: {doc.display_code}",
    ]
    for needle in expected:
        assert probe.has(pdf, needle), needle
    assert "BẢN SAO" not in text
    assert probe.qr_codes(pdf) == [doc.qr_payload]
    assert probe.page_sizes(pdf) == [pytest.approx((595.3, 841.9), abs=0.5)]


def test_receipt_lists_fifteen_documents_on_one_page_and_fits_a_thermal_roll(desk):
    docs = [DocumentLine(f"Tài liệu số {i}: biên bản họp thôn về việc đo đạc lại thửa đất",
                         i, DocumentCondition.COPY) for i in range(1, 16)]
    visit = _visit(desk, documents=docs)
    printed, _ = desk.documents.issue_receipt(visit.id)
    assert len(probe.page_sizes(printed.pdf)) == 1
    for i in (1, 15):
        assert probe.has(printed.pdf, f"Tài liệu số {i}: biên bản họp thôn")
    roll = desk.documents.render(printed.document.id, Paper.THERMAL_80MM, as_copy=False)
    (width, _height), = probe.page_sizes(roll.pdf)
    assert width == pytest.approx(80 * probe.MM, abs=0.5)
    assert probe.has(roll.pdf, "Tài liệu số 15: biên bản họp thôn")


def test_a_citizen_without_identity_paper_gets_dotted_lines(desk):
    visit = _visit(desk, id_doc_type=IdDocType.NONE, id_number="", sex=Sex.FEMALE,
                   id_issue_date=None, id_issue_place="", citizen_name="Lê Thị Hoa")
    printed, _ = desk.documents.issue_receipt(visit.id)
    assert probe.has(printed.pdf, "Đã nhận của Bà: Lê Thị Hoa")
    assert probe.has(printed.pdf, "Số căn cước/hộ chiếu: …………")


def test_vietnamese_typed_in_nfd_prints_in_nfc(desk):
    import unicodedata

    name = unicodedata.normalize("NFD", "Phạm Thị Hường")
    visit = _visit(desk, citizen_name=name)
    printed, _ = desk.documents.issue_receipt(visit.id)
    raw = probe._run(["pdftotext", "-raw", "-enc", "UTF-8"], printed.pdf)
    assert "Phạm Thị Hường" in raw  # NFC in the PDF itself, not only after our normalising


# --- numbering ---------------------------------------------------------------------------------


def test_numbers_are_gapless_per_type_and_year(desk, clock):
    v1, v2, v3 = _visit(desk), _visit(desk), _visit(desk)
    numbers = [desk.documents.issue_receipt(v.id)[0].document.number for v in (v1, v2, v3)]
    assert numbers == [1, 2, 3]
    with pytest.raises(UserError) as err:  # no addressee: refused, and no number is used
        desk.documents.issue_transfer(TransferCommand(v1.id))
    assert err.value.code == "document.addressee_required"
    transfer, _ = desk.documents.issue_transfer(TransferCommand(v1.id, addressee="Công an xã"))
    refusal, _ = desk.documents.issue_refusal(RefusalCommand(v2.id, reason="Khiếu nại kéo dài."))
    assert (transfer.document.number_text, refusal.document.number_text) == (
        "01/PC-UBND", "01/TB-UBND")
    with pytest.raises(UserError):
        desk.documents.issue_refusal(RefusalCommand(v2.id, reason="  "))
    assert desk.documents.issue_refusal(
        RefusalCommand(v3.id, reason="Lý do khác."))[0].document.number == 2

    clock.moment = datetime.fromisoformat("2027-01-04T02:00:00+00:00")
    v4 = _visit(desk)
    first_2027, _ = desk.documents.issue_receipt(v4.id)
    assert (first_2027.document.year, first_2027.document.number) == (2027, 1)
    assert desk.documents.find(DocType.RECEIPT, 3, 2026).visit_id == v3.id


def test_two_counters_issuing_at_once_never_share_a_number(desk):
    visits = [_visit(desk, citizen_name=f"Công dân {i}", id_number=f"0370850{i:05d}")
              for i in range(24)]
    other = Desk(open_database(desk.db.url), Clock())
    other.act_as(desk.staff()[0])
    results: dict[int, list[int]] = {0: [], 1: []}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(index: int, d: Desk) -> None:
        try:
            barrier.wait()
            for v in visits[index::2]:
                printed, _ = d.documents.issue_receipt(v.id, reuse_unchanged=False)
                results[index].append(printed.document.number)
        except BaseException as exc:  # report in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, d)) for i, d in enumerate((desk, other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert not errors
    everything = results[0] + results[1]
    assert sorted(everything) == list(range(1, 25))
    with desk.db.read() as s:
        stored = s.scalars(select(IssuedDocument.number)).all()
    assert sorted(stored) == list(range(1, 25))


# --- copies ------------------------------------------------------------------------------------


def test_reprint_keeps_the_number_is_marked_bản_sao_and_is_audited(desk):
    visit = _visit(desk)
    original, _ = desk.documents.issue_receipt(visit.id)
    copy, _ = desk.documents.reprint(original.document.id)
    assert copy.is_copy and copy.document.number == original.document.number
    assert copy.document.print_count == 2
    assert probe.has(copy.pdf, "BẢN SAO")
    assert probe.qr_codes(copy.pdf) == [original.document.qr_payload]
    # Same content: the copy's text is the original's plus the mark.
    assert probe.squash(probe.text(copy.pdf)).replace("BẢNSAO", "") == probe.squash(
        probe.text(original.pdf))
    with desk.db.read() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "reprint")).one()
        assert (audit.before, audit.after) == ({"print_count": 1}, {"print_count": 2})
        assert audit.actor == "Trần Thị Thu"


def test_a_reprint_is_frozen_even_after_the_visit_changes(desk):
    visit = _visit(desk)
    original, _ = desk.documents.issue_receipt(visit.id)
    again, _ = desk.documents.issue_receipt(visit.id)  # unchanged: the same receipt, as copy
    assert again.is_copy and again.document.id == original.document.id
    draft = visit.to_draft()
    draft.documents = [DocumentLine("Đơn kiến nghị bổ sung", 1, DocumentCondition.ORIGINAL)]
    draft.citizen_name = "Nguyễn Văn Đức Anh"
    draft.citizen_id = None  # another name is another person (the form detaches the record)
    edited, _ = desk.update_visit(visit.id, draft, visit.version)
    reprint, _ = desk.documents.reprint(original.document.id)
    assert probe.has(reprint.pdf, "Đã nhận của Ông: Nguyễn Văn Đức")
    assert not probe.has(reprint.pdf, "Đức Anh")
    assert probe.has(reprint.pdf, "Bản sao sổ đỏ")
    fresh, _ = desk.documents.issue_receipt(edited.id)  # content changed: a new number
    assert not fresh.is_copy and fresh.document.number == 2
    assert probe.has(fresh.pdf, "Đơn kiến nghị bổ sung")
    assert [d.number for d in desk.documents.for_visit(visit.id)] == [1, 2]


@pytest.mark.parametrize("doc_type", list(DocType))
def test_every_form_reprints_as_copy(desk, doc_type):
    visit = _visit(desk, target_body="Công an xã", direction=HandlingDirection.TRANSFER,
                   petition_type=PetitionType.DENUNCIATION, within_competence=False)
    issue = {
        DocType.RECEIPT: lambda: desk.documents.issue_receipt(visit.id),
        DocType.REFUSAL: lambda: desk.documents.issue_refusal(
            RefusalCommand(visit.id, reason="Vụ việc đã được giải quyết đúng chính sách.")),
        DocType.APPOINTMENT: lambda: desk.documents.issue_appointment(
            AppointmentCommand(visit.id, desk.now() + timedelta(days=2))),
        DocType.TRANSFER: lambda: desk.documents.issue_transfer(TransferCommand(visit.id)),
    }[doc_type]
    printed, _ = issue()
    assert "BẢN SAO" not in probe.text(printed.pdf)
    copy, _ = desk.documents.reprint(printed.document.id)
    assert probe.has(copy.pdf, "BẢN SAO")
    assert probe.has(copy.pdf, f"Số: {printed.document.number_text}")


def test_payload_round_trips_every_field(desk):
    visit = _visit(desk)
    printed, _ = desk.documents.issue_receipt(visit.id)
    with desk.db.read() as s:
        row = s.get(IssuedDocument, printed.document.id)
        data = form_from_payload(row.payload)
        assert form_payload(DocType.RECEIPT, data) == row.payload
    assert data.issued_at == visit.received_at and data.documents[1].pages == 3


# --- the other forms ---------------------------------------------------------------------------


def test_refusal_notice_reads_back(desk):
    visit = _visit(desk, petition_type=PetitionType.COMPLAINT)
    printed, _ = desk.documents.issue_refusal(RefusalCommand(
        visit.id, reason="Vụ việc đã được giải quyết đúng chính sách, pháp luật.",
        for_information=["Thanh tra tỉnh Ninh Bình"]))
    pdf = printed.pdf
    _place, body = _commune(desk)
    for needle in [
        "Số: 01/TB-UBND", "THÔNG BÁO", "Về việc từ chối tiếp công dân",
        "Kính gửi: Ông Nguyễn Văn Đức.",
        "Ngày 27 tháng 11 năm 2026, Ông Nguyễn Văn Đức; Số căn cước: 037085001234",
        f"đến {body} để khiếu nại về việc: Đề nghị xem xét việc cấp giấy chứng nhận",
        # From 01/07/2026 Mẫu 01/TCD also cites NĐ 154/2026 Art. 4(1) (LEGAL.md §2.3).
        f"Căn cứ khoản 3 Điều 9 Luật Tiếp công dân và khoản 1 Điều 4 Nghị định số "
        f"154/2026/NĐ-CP, {body} thông báo từ chối tiếp Ông Nguyễn Văn Đức về vụ việc nêu trên.",
        "Lý do: Vụ việc đã được giải quyết đúng chính sách, pháp luật.",
        "- Thanh tra tỉnh Ninh Bình (để biết);", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
    ]:
        assert probe.has(pdf, needle), needle
    with pytest.raises(UserError) as err:
        desk.documents.issue_refusal(RefusalCommand(visit.id, reason="x"), Paper.THERMAL_80MM)
    assert err.value.code == "document.paper_unsupported"


def test_appointment_slip_reads_back(desk):
    visit = _visit(desk)
    at = datetime.fromisoformat("2026-12-03T01:00:00+00:00")  # 08:00 Thursday, office time
    printed, _ = desk.documents.issue_appointment(AppointmentCommand(
        visit.id, at, bring=["Bản sao sổ hộ khẩu"], contact="0229 3 888 999"))
    _place, body = _commune(desk)
    for needle in [
        "Số: 01/PH-UBND", "PHIẾU HẸN", f"{body} hẹn Ông: Nguyễn Văn Đức",
        "Thời gian: 08 giờ 00 phút, Thứ Năm, ngày 03 tháng 12 năm 2026",
        f"Địa điểm: Trụ sở {body}", f"Đến gặp: Chủ tịch {body}",
        "Khi đến, đề nghị mang theo: Bản sao sổ hộ khẩu.",  # one line on the A5 slip
        "Mọi thông tin xin liên hệ: 0229 3 888 999", "Trần Thị Thu",
    ]:
        assert probe.has(printed.pdf, needle), needle
    assert probe.page_sizes(printed.pdf) == [pytest.approx((419.5, 595.3), abs=0.5)]  # A5
    with pytest.raises(UserError):
        desk.documents.issue_appointment(AppointmentCommand(visit.id, desk.now() - timedelta(1)))


def test_transfer_slip_reads_back(desk):
    visit = _visit(desk, petition_type=PetitionType.DENUNCIATION,
                   direction=HandlingDirection.TO_POLICE, target_body="Công an tỉnh Ninh Bình",
                   within_competence=False)
    # The denouncer agreed to disclosure (recorded by the chairperson): the slip names them.
    sign_in_as(desk, Role.CHAIRPERSON)
    desk.access.record_waiver(visit.id, date(2026, 11, 27), "Đồng ý bằng văn bản")
    printed, _ = desk.documents.issue_transfer(TransferCommand(visit.id))
    _place, body = _commune(desk)
    for needle in [
        "Số: 01/PC-UBND", "PHIẾU CHUYỂN ĐƠN", "Kính gửi: Công an tỉnh Ninh Bình.",
        f"Ngày 27 tháng 11 năm 2026, {body} nhận được đơn tố cáo của ông Nguyễn Văn Đức",
        "Căn cứ khoản 2 Điều 24 Luật Tố cáo", "(Kèm theo 02 tài liệu do công dân cung cấp)",
        "- Người gửi đơn (để biết);",
    ]:
        assert probe.has(printed.pdf, needle), needle


def test_redacted_transfer_slip_withholds_the_denouncers_identity(desk):
    visit = _visit(desk, petition_type=PetitionType.DENUNCIATION,
                   direction=HandlingDirection.TO_POLICE, target_body="Công an tỉnh Ninh Bình",
                   within_competence=False)
    printed, _ = desk.documents.issue_transfer(TransferCommand(
        visit.id, redact_identity=True, notify_sender=False,
        summary="Tố cáo hành vi lấn chiếm đất công."))
    pdf = printed.pdf
    for needle in [
        "Số: 01/PC-UBND", "nhận được đơn tố cáo của người gửi đơn (họ tên, địa chỉ, bút tích "
        "và thông tin cá nhân của người gửi đơn đã được giữ bí mật theo quy định của pháp luật).",
        "Nội dung đơn: Tố cáo hành vi lấn chiếm đất công.",
    ]:
        assert probe.has(pdf, needle), needle
    for secret in ("Nguyễn Văn Đức", "037085001234", "Thôn Đông", "Người gửi đơn (để biết)"):
        assert not probe.has(pdf, secret), secret
    assert printed.document.citizen_name == IDENTITY_WITHHELD
    again, _ = desk.documents.reprint(printed.document.id)  # the frozen copy stays redacted
    assert probe.has(again.pdf, "BẢN SAO") and not probe.has(again.pdf, "Nguyễn Văn Đức")


# A complaint is guided, never transferred (Luật TCD Art. 26(1); tests/services/
# test_transfer_rules.py): no transfer slip door for it.
@pytest.mark.parametrize(("petition_type", "withheld"), [
    (PetitionType.DENUNCIATION, True),
    (PetitionType.PETITION, False), (PetitionType.REFLECTION, False),
])
def test_every_door_gets_the_redaction_rule_when_it_does_not_decide(desk, petition_type,
                                                                    withheld):
    visit = _visit(desk, petition_type=petition_type, direction=HandlingDirection.TRANSFER,
                   target_body="Công an xã", within_competence=False)
    assert desk.documents.defaults(visit.id).redact_by_default is withheld
    printed, _ = desk.documents.issue_transfer(TransferCommand(visit.id))
    assert (printed.document.citizen_name == IDENTITY_WITHHELD) is withheld
    assert probe.has(printed.pdf, "Nguyễn Văn Đức") is not withheld


def test_form_defaults_and_refusal_grounds(desk):
    visit = _visit(desk, petition_type=PetitionType.DENUNCIATION, target_body="Công an xã")
    d = desk.documents.defaults(visit.id)
    _place, body = _commune(desk)
    assert d.appointment_at.isoformat() == "2026-11-30T08:00:00+07:00"  # Friday -> Monday
    assert d.appointment_place == f"Trụ sở {body}"
    assert d.meet_with == (f"Chủ tịch {body}", "Nguyễn Văn Hùng, Chủ tịch UBND xã")
    assert (d.transfer_addressee, d.transfer_basis) == ("Công an xã",
                                                        "khoản 2 Điều 24 Luật Tố cáo")
    assert d.redact_by_default and d.matter_kind == "tố cáo"
    codes = [g.code for g in REFUSAL_GROUNDS]
    assert codes[:3] == ["tcd_9_1", "tcd_9_2", "tcd_9_3"] and len(codes) == 13
    assert [g.code for g in REFUSAL_GROUNDS if g.written_notice] == ["tcd_9_3", "nd154_4_1_h"]
    ground = REFUSAL_GROUNDS[6]
    printed, _ = desk.documents.issue_refusal(RefusalCommand(
        visit.id, reason=ground.reason, legal_basis=ground.legal_basis))
    assert probe.has(printed.pdf, "Căn cứ điểm d khoản 1 Điều 4 Nghị định số 154/2026/NĐ-CP")


def test_voided_visit_gets_no_new_receipt(desk):
    visit = _visit(desk)
    desk.void_visit(visit.id, "Nhập trùng")
    with pytest.raises(UserError) as err:
        desk.documents.issue_receipt(visit.id)
    assert err.value.code == "document.visit_voided"


# --- verification ------------------------------------------------------------------------------


def test_verify_genuine_by_code_display_code_or_scanned_payload(desk):
    visit = _visit(desk)
    doc = desk.documents.issue_receipt(visit.id)[0].document
    for typed in (doc.verification_code, doc.display_code.lower(), f" {doc.display_code} ",
                  doc.qr_payload):
        result = desk.documents.verify(typed)
        assert result.genuine, typed
        assert result.document.number_text == "01/BN-UBND"
        assert result.document.citizen_name == "Nguyễn Văn Đức"
        assert result.document.issued_at.date() == date(2026, 11, 27)
        assert result.visit_stt == "1/2026"
    assert parse_qr(doc.qr_payload) == (DocType.RECEIPT, 1, 2026, doc.verification_code)


def test_verify_unknown_or_forged(desk):
    visit = _visit(desk)
    doc = desk.documents.issue_receipt(visit.id)[0].document
    assert not desk.documents.verify("ABCDE-FGHJK").genuine
    assert not desk.documents.verify("").genuine
    forged = doc.qr_payload.replace("|1/2026|", "|7/2026|")
    assert not desk.documents.verify(forged).genuine


# --- logbook pages -----------------------------------------------------------------------------


def test_logbook_layout_by_date_and_office_override(desk, clock):
    _visit(desk, content="Phản ánh việc xả nước thải ra mương thủy lợi của thôn Đông.",
           petition_type=PetitionType.REFLECTION)
    voided = _visit(desk, citizen_name="Trần Văn Bình")
    desk.void_visit(voided.id, "Nhập trùng")
    day = date(2026, 11, 27)
    pages = desk.documents.logbook(day, day)
    assert (pages.layout, pages.rows) == (LogbookLayout.ND154_2026, 2)
    for needle in ["SỔ TIẾP CÔNG DÂN", "Ngày 27/11/2026", "Nguyễn Văn Đức",
                   "CCCD 037085001234, cấp ngày 03/05/2021",
                   "Phản ánh việc xả nước thải ra mương thủy lợi của thôn Đông.", "KN/PA",
                   "Đã hủy: Nhập trùng"]:
        assert probe.has(pages.pdf, needle), needle
    assert desk.documents.layout_for(date(2026, 6, 30)) is LogbookLayout.TT04_2021

    desk.documents.set_logbook_layout("tt04_2021")
    assert desk.documents.logbook_layout_setting() == "tt04_2021"
    old = desk.documents.logbook(day, day)
    assert old.layout is LogbookLayout.TT04_2021
    assert probe.has(old.pdf, "Phân loại đơn/Số người") and probe.has(old.pdf, "Phản ánh/01")
    with pytest.raises(UserError):
        desk.documents.set_logbook_layout("landscape")
    with pytest.raises(UserError):
        desk.documents.logbook(day, day - timedelta(days=1))
