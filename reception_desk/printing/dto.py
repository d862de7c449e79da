"""Plain data handed to the printing layer.

The service layer fills these with text that is already Vietnamese (labels, names, places); the
printing layer adds only the fixed legal wording of each form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from enum import Enum

from reception_desk.domain.classification import HandlingDirection


class Paper(Enum):
    """Paper a document is printed on."""

    A4 = "a4"
    A5 = "a5"
    THERMAL_80MM = "thermal_80mm"  # receipt-printer roll; page height fitted to the content


class LogbookLayout(Enum):
    """Column layout of the Sổ tiếp công dân (LEGAL.md §2.1)."""

    TT04_2021 = "tt04_2021"  # TT 04/2021/TT-TTCP Mẫu 03: 12 columns
    ND154_2026 = "nd154_2026"  # NĐ 154/2026/NĐ-CP Mẫu 03/TCD: 13 columns, from 01/07/2026


@dataclass(frozen=True)
class SignatureBlock:
    """Who signs (NĐ 30/2020 boxes 7a–7b), e.g. "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name."""

    title: str  # "CHỦ TỊCH", "NGƯỜI TIẾP NHẬN"
    name: str = ""  # empty: left blank for hand-writing
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; empty if signing in own name
    note: str = "(Ký, ghi rõ họ tên, đóng dấu)"


@dataclass(frozen=True)
class OfficeHeader:
    """The issuing body as printed in the top-left header (NĐ 30/2020 box 2)."""

    body_name: str  # one line per "\n": "ỦY BAN NHÂN DÂN\nXÃ YÊN PHÚ"
    place_name: str  # "Yên Phú"
    symbol: str = "UBND"  # abbreviation used in document numbers: "05/TB-UBND"
    superior_body: str | None = None  # "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" (printed upright)
    unit_kind: str = "Xã"  # "Xã" / "Phường" / "Đặc khu": start of the place-and-date line
    name_in_text: str = ""  # the body as named in sentences: "Ủy ban nhân dân xã Yên Phú"
    head: SignatureBlock = field(
        default_factory=lambda: SignatureBlock(
            authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name=""
        )
    )

    @property
    def sentence_name(self) -> str:
        """Name used inside sentences; derived for a commune committee when not given."""
        if self.name_in_text:
            return self.name_in_text
        return f"Ủy ban nhân dân {self.unit_kind.lower()} {self.place_name}".strip()

    @property
    def dated_place(self) -> str:
        """Official name of the unit for the date line: "Xã Yên Phú"."""
        return f"{self.unit_kind} {self.place_name}".strip()


@dataclass(frozen=True)
class IdentityPaper:
    """Identity paper of a citizen; ``label`` is e.g. "Số căn cước" or "Hộ chiếu số"."""

    label: str
    number: str
    issued_on: date | None = None
    issued_by: str = ""


@dataclass(frozen=True)
class DocumentItem:
    """One information/document handed in (one row on the receipt)."""

    name: str
    pages: int | None = None
    condition: str = ""  # "Bản photo", "Bản sao có chứng thực", "Bản gốc"


@dataclass(frozen=True)
class ReceiptData:
    """Giấy biên nhận thông tin, tài liệu (NĐ 154/2026 Mẫu 02/TCD)."""

    office: OfficeHeader
    issued_at: datetime
    place: str  # where the documents were received: "Trụ sở tiếp công dân xã Yên Phú"
    receiver_name: str
    receiver_position: str
    provider_name: str
    address: str
    documents: Sequence[DocumentItem]
    identity: IdentityPaper | None = None
    provider_title: str = "Ông (Bà)"  # "Ông" / "Bà" when known
    number: str | None = None  # the 2026 form has no number; local registers may use "15/BN-UBND"
    copies: int = 2
    is_copy: bool = False  # a reprint: marked "BẢN SAO"
    verification_code: str | None = None
    qr_payload: str | None = None


@dataclass(frozen=True)
class RefusalNoticeData:
    """Thông báo về việc từ chối tiếp công dân (NĐ 154/2026 Mẫu 01/TCD)."""

    office: OfficeHeader
    number: str  # "05/TB-UBND"
    issued_on: date
    citizen_name: str
    address: str
    visited_on: date  # when the citizen came
    matter_kind: str  # "khiếu nại", "tố cáo", "kiến nghị, phản ánh"
    matter_summary: str
    legal_basis: str  # "khoản 3 Điều 9 Luật Tiếp công dân; điểm … khoản 1 Điều 4 Nghị định …"
    reason: str
    identity: IdentityPaper | None = None
    citizen_title: str = "Ông (Bà)"
    receiving_place: str = ""  # where the citizen came; defaults to the office name
    for_information: Sequence[str] = ()  # "Nơi nhận" lines "… (để biết)"
    for_coordination: Sequence[str] = ()  # "Nơi nhận" lines "… (để phối hợp)"
    archive: str = "Lưu: VT, hồ sơ."
    signature: SignatureBlock | None = None  # None: the office head
    is_copy: bool = False  # a reprint: marked "BẢN SAO"


@dataclass(frozen=True)
class AppointmentSlipData:
    """Phiếu hẹn: when and where the citizen returns (TT 06/2014 Mẫu 04-TCD lineage)."""

    office: OfficeHeader
    issued_on: date
    citizen_name: str
    address: str
    matter_summary: str
    appointment_at: datetime
    appointment_place: str
    meet_with: str  # "Chủ tịch Ủy ban nhân dân xã"
    identity: IdentityPaper | None = None
    citizen_title: str = "Ông (Bà)"
    number: str | None = None
    bring: Sequence[str] = ()  # papers to bring
    contact: str = ""  # phone of the reception office
    issuer: SignatureBlock | None = None  # None: "NGƯỜI VIẾT PHIẾU" without name
    is_copy: bool = False  # a reprint: marked "BẢN SAO"


@dataclass(frozen=True)
class TransferSlipData:
    """Phiếu chuyển đơn to the competent body (TT 05/2021 Mẫu 03 lineage), "Số: 12/PC-UBND"."""

    office: OfficeHeader
    number: str
    issued_on: date
    addressee: str  # competent body, "Công an xã Yên Phú"
    petition_kind: str  # "đơn tố cáo", "đơn kiến nghị, phản ánh"
    received_on: date
    sender_name: str
    address: str
    summary: str
    legal_basis: str  # "Điều 24 Luật Tố cáo"
    identity: IdentityPaper | None = None
    sender_title: str = "ông (bà)"
    attachments: str = ""  # "Kèm theo đơn và 03 tài liệu"
    notify_sender: bool = True  # "Nơi nhận: - Người gửi đơn (để biết)"
    for_information: Sequence[str] = ()
    archive: str = "Lưu: VT, hồ sơ."
    signature: SignatureBlock | None = None
    is_copy: bool = False  # a reprint: marked "BẢN SAO"
    #: A redacted copy: the sender's name, address and identity paper are not printed
    #: (denouncer protection, Luật Tố cáo Art. 56; LEGAL.md §7.1).
    identity_withheld: bool = False
    #: The earlier slip of the same đơn this one replaces ("01/PC-UBND ngày 06/07/2026"): a đơn
    #: is transferred once (TT 05/2021; LEGAL.md §2.4), a re-issue says what it replaces.
    replaces: str = ""


@dataclass(frozen=True)
class LogbookRow:
    """One reception in the Sổ tiếp công dân; the union of both layouts' columns."""

    #: The app's number, or an imported visit's number in the old book (issue 15).
    stt: int | str
    received_on: date
    name: str
    address: str
    id_doc: str  # "CCCD 037085001234, cấp ngày 12/3/2021"
    content: str
    type_label: str  # "KN", "TC", "KN/PA" (13-col) or "Khiếu nại" (12-col)
    people_count: int = 1
    handled_by: str = ""  # bodies that already resolved it
    direction: HandlingDirection | None = None
    within_competence: bool = False
    guidance: str = ""  # body the citizen was guided to + guidance document number
    accepting_body: str = ""  # body that accepted it + transfer document number
    follow_up: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LogbookData:
    """Pages of the logbook for one period."""

    office: OfficeHeader
    period_label: str  # "Từ ngày 01/01/2026 đến ngày 31/03/2026"
    rows: Sequence[LogbookRow]
    is_copy: bool = False
