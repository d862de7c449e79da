"""Sample documents for the printing tests (Vietnamese data as the service layer hands it over)."""

from __future__ import annotations

import os
from datetime import date
from datetime import datetime

import pytest

# Same font on every machine, so text positions and widths in the tests are reproducible.
os.environ.setdefault("RD_PRINT_FONT", "bundled")

from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import IdentityPaper
from reception_desk.printing.dto import LogbookData
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.dto import TransferSlipData
from tests.printing.rd_print_samples import make_documents
from tests.printing.rd_print_samples import make_rows


@pytest.fixture
def office() -> OfficeHeader:
    return OfficeHeader(
        body_name="ỦY BAN NHÂN DÂN\nXÃ YÊN PHÚ",
        place_name="Yên Phú",
        superior_body="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        head=SignatureBlock(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH",
                            name="Phạm Văn Hùng"),
    )


@pytest.fixture
def identity() -> IdentityPaper:
    return IdentityPaper("Số căn cước", "037085001234", date(2021, 3, 12),
                         "Cục Cảnh sát quản lý hành chính về trật tự xã hội")


@pytest.fixture
def receipt(office: OfficeHeader, identity: IdentityPaper) -> ReceiptData:
    return ReceiptData(
        office=office,
        issued_at=datetime(2026, 2, 5, 9, 30),
        place="Trụ sở tiếp công dân xã Yên Phú",
        receiver_name="Nguyễn Thị Lan",
        receiver_position="Công chức Văn phòng - Thống kê",
        provider_name="Trần Văn Đức",
        address="Thôn Đông Hưng, xã Yên Phú, tỉnh Ninh Bình",
        documents=make_documents(3),
        identity=identity,
        number="15/BN-UBND",
        verification_code="7KQ2-M9XD",
        qr_payload="RD1:R:2026-0015:7KQ2M9XD",
    )


@pytest.fixture
def refusal(office: OfficeHeader, identity: IdentityPaper) -> RefusalNoticeData:
    return RefusalNoticeData(
        office=office,
        number="05/TB-UBND",
        issued_on=date(2026, 2, 5),
        citizen_name="Trần Văn Đức",
        address="Thôn Đông Hưng, xã Yên Phú, tỉnh Ninh Bình",
        visited_on=date(2026, 2, 3),
        matter_kind="khiếu nại",
        matter_summary="việc thu hồi đất nông nghiệp tại thửa số 125, tờ bản đồ số 7",
        legal_basis="khoản 3 Điều 9 Luật Tiếp công dân",
        reason="vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà "
               "soát và thông báo bằng văn bản nhưng công dân vẫn cố tình khiếu nại kéo dài",
        identity=identity,
        for_information=["Chủ tịch UBND tỉnh Ninh Bình"],
        for_coordination=["Công an xã Yên Phú"],
    )


@pytest.fixture
def transfer(office: OfficeHeader, identity: IdentityPaper) -> TransferSlipData:
    return TransferSlipData(
        office=office,
        number="12/PC-UBND",
        issued_on=date(2026, 3, 9),
        addressee="Công an xã Yên Phú",
        petition_kind="đơn tố cáo",
        received_on=date(2026, 3, 4),
        sender_name="Lê Thị Hồng",
        address="Xóm 3, thôn Bắc, xã Yên Phú",
        summary="Tố cáo hành vi đánh bạc trái phép tại thôn Bắc, xã Yên Phú.",
        legal_basis="khoản 2 Điều 24 Luật Tố cáo",
        identity=identity,
        attachments="Kèm theo đơn tố cáo và 02 tài liệu có liên quan",
    )


@pytest.fixture
def appointment(office: OfficeHeader, identity: IdentityPaper) -> AppointmentSlipData:
    return AppointmentSlipData(
        office=office,
        issued_on=date(2026, 2, 5),
        citizen_name="Trần Văn Đức",
        address="Thôn Đông Hưng, xã Yên Phú",
        matter_summary="Khiếu nại việc thu hồi đất nông nghiệp",
        appointment_at=datetime(2026, 2, 12, 14, 0),
        appointment_place="Phòng tiếp công dân, trụ sở UBND xã Yên Phú",
        meet_with="Chủ tịch Ủy ban nhân dân xã",
        identity=identity,
        bring=["Căn cước", "Bản chính các giấy tờ đã nộp"],
        contact="0229 3 812 345",
        issuer=SignatureBlock(title="Người viết phiếu", name="Nguyễn Thị Lan",
                              note="(Ký, ghi rõ họ tên)"),
    )


@pytest.fixture
def logbook(office: OfficeHeader) -> LogbookData:
    return LogbookData(office=office, period_label="Từ ngày 01/01/2026 đến ngày 31/03/2026",
                       rows=make_rows(30))
