"""Issued documents: receipts, refusal notices, appointment and transfer slips, logbook pages.

Each form gets a number per document type and year (NĐ 30/2020: "Số: 15/BN-UBND"), assigned from
a gapless counter inside the saving transaction, and a short verification code. What was printed
is frozen as JSON in ``issued_document.payload``, so a reprint renders the very same document,
marked "BẢN SAO", with the same number.

QR payload printed on the receipt (``qr_payload``)::

    RD1|<kind>|<number>/<year>|<code>        e.g.  RD1|BN|15/2026|7KQ2M9XD4P

``RD1`` names this format (version 1); ``kind`` is the document-type abbreviation (BN receipt,
TB refusal notice, PH appointment slip, PC transfer slip); ``code`` is the 10-character
verification code from :data:`CODE_ALPHABET` (base 32 without 0/O/1/I, 50 random bits from
``secrets``). ``verify`` accepts the bare code (spaces, hyphens and case ignored) or the
whole scanned payload (then its kind and number must match the stored document too).
"""

from __future__ import annotations

import secrets
import types
from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum, StrEnum
from typing import Any, Union, get_args, get_origin, get_type_hints

from sqlalchemy import and_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.classification import (
    DocumentCondition,
    HandlingDirection,
    IdDocType,
    PetitionType,
    Sex,
)
from reception_desk.domain.text import clean_block, clean_line
from reception_desk.errors import UserError
from reception_desk.printing.appointment import render_appointment_slip
from reception_desk.printing.dto import (
    AppointmentSlipData,
    DocumentItem,
    IdentityPaper,
    LogbookData,
    LogbookLayout,
    LogbookRow,
    OfficeHeader,
    Paper,
    ReceiptData,
    RefusalNoticeData,
    SignatureBlock,
    TransferSlipData,
)
from reception_desk.printing.layout import document_number, short_date
from reception_desk.printing.logbook import layout_for_date, render_logbook
from reception_desk.printing.receipt import render_receipt
from reception_desk.printing.refusal import render_refusal_notice
from reception_desk.printing.transfer import render_transfer_slip
from reception_desk.services import office as office_service
from reception_desk.services import visits as visit_service
from reception_desk.services.calendar_service import office_calendar
from reception_desk.services.context import Actor, Changes, require_aware
from reception_desk.services.dto import OfficeProfile, StaffRole, VisitDetail
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Citizen, IssuedDocument, Staff, Visit

__all__ = [
    "CODE_ALPHABET",
    "IDENTITY_WITHHELD",
    "LOGBOOK_LAYOUT_SETTING",
    "QR_PREFIX",
    "REFUSAL_GROUNDS",
    "AppointmentCommand",
    "DocType",
    "FormDefaults",
    "IssuedDocumentDTO",
    "LogbookLayout",
    "Paper",
    "PrintedDocument",
    "RefusalCommand",
    "RefusalGround",
    "TransferCommand",
    "Verification",
]

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # base 32 without 0, O, 1, I
CODE_LENGTH = 10
QR_PREFIX = "RD1"
PAYLOAD_VERSION = 1
LOGBOOK_LAYOUT_SETTING = "logbook_layout"
LOGBOOK_LAYOUT_CHOICES = ("auto", LogbookLayout.TT04_2021.value, LogbookLayout.ND154_2026.value)


class DocType(StrEnum):
    """Kinds of numbered document; ``kind`` is the NĐ 30/2020 abbreviation in the number."""

    RECEIPT = "receipt"
    REFUSAL = "refusal"
    APPOINTMENT = "appointment"
    TRANSFER = "transfer"

    @property
    def kind(self) -> str:
        return _KINDS[self]

    @property
    def papers(self) -> tuple[Paper, ...]:
        """Papers this form may be printed on (administrative letters never on a roll)."""
        if self in (DocType.RECEIPT, DocType.APPOINTMENT):
            return (Paper.A4, Paper.A5, Paper.THERMAL_80MM)
        return (Paper.A4, Paper.A5)

    @property
    def default_paper(self) -> Paper:
        return Paper.A5 if self is DocType.APPOINTMENT else Paper.A4


# Phụ lục III NĐ 30/2020: Thông báo TB, Phiếu chuyển PC. The receipt (biên nhận) and the
# appointment slip (phiếu hẹn) have no listed abbreviation: BN and PH are local register codes.
_KINDS: dict[DocType, str] = {
    DocType.RECEIPT: "BN",
    DocType.REFUSAL: "TB",
    DocType.APPOINTMENT: "PH",
    DocType.TRANSFER: "PC",
}
_BY_KIND = {v: k for k, v in _KINDS.items()}

# --- legal wording of the enum values printed on forms (Vietnamese by law, not gettext) --------

PETITION_NOUN: dict[PetitionType, str] = {
    PetitionType.COMPLAINT: "khiếu nại",
    PetitionType.DENUNCIATION: "tố cáo",
    PetitionType.PETITION: "kiến nghị",
    PetitionType.REFLECTION: "phản ánh",
}
#: 12-column logbook (TT 04/2021 Mẫu 03) "Phân loại đơn".
PETITION_LABEL: dict[PetitionType, str] = {k: v.capitalize() for k, v in PETITION_NOUN.items()}
#: 13-column logbook (NĐ 154/2026 Mẫu 03/TCD) "Loại đơn (KN/TC/KN/PA)": the form groups
#: kiến nghị and phản ánh as one class.
PETITION_CODE: dict[PetitionType, str] = {
    PetitionType.COMPLAINT: "KN",
    PetitionType.DENUNCIATION: "TC",
    PetitionType.PETITION: "KN/PA",
    PetitionType.REFLECTION: "KN/PA",
}
#: Label before the number on receipts and notices (NĐ 154/2026 Art. 12 wording).
ID_LABEL: dict[IdDocType, str] = {
    IdDocType.CITIZEN_ID: "Số căn cước",
    IdDocType.LEGACY_CMND: "Số chứng minh nhân dân",
    IdDocType.ID_CERTIFICATE: "Số giấy chứng nhận căn cước",
    IdDocType.PASSPORT: "Hộ chiếu số",
    IdDocType.OTHER: "Số giấy tờ tùy thân",
}
#: Short form in the logbook's identity column.
ID_SHORT: dict[IdDocType, str] = {
    IdDocType.CITIZEN_ID: "CCCD",
    IdDocType.LEGACY_CMND: "CMND",
    IdDocType.ID_CERTIFICATE: "GCN căn cước",
    IdDocType.PASSPORT: "Hộ chiếu",
    IdDocType.OTHER: "Giấy tờ",
}
CONDITION_LABEL: dict[DocumentCondition, str] = {
    DocumentCondition.ORIGINAL: "Bản gốc",
    DocumentCondition.COPY: "Bản photo",
    DocumentCondition.CERTIFIED_COPY: "Bản sao có chứng thực",
}
DIRECTION_LABEL: dict[HandlingDirection, str] = {
    HandlingDirection.ACCEPT: "Thụ lý để giải quyết",
    HandlingDirection.GUIDE: "Trả lại đơn và hướng dẫn",
    HandlingDirection.TRANSFER: "Chuyển đơn đến cơ quan có thẩm quyền",
    HandlingDirection.REQUIRE_LOWER: "Yêu cầu cấp dưới giải quyết",
    HandlingDirection.EXPLAIN: "Giải thích, yêu cầu chấp hành",
    HandlingDirection.REVIEW: "Báo cáo để xem xét lại",
    HandlingDirection.TO_POLICE: "Chuyển cơ quan điều tra",
    HandlingDirection.TO_PARTY: "Chuyển tổ chức Đảng",
    HandlingDirection.PREVENTIVE: "Áp dụng biện pháp ngăn chặn",
    HandlingDirection.REFUSE: "Từ chối tiếp công dân",
    HandlingDirection.FILE: "Lưu đơn",
    HandlingDirection.ANONYMOUS: "Không xử lý (đơn nặc danh)",
}
TITLE_BY_SEX: dict[Sex | None, str] = {Sex.MALE: "Ông", Sex.FEMALE: "Bà", None: "Ông (Bà)"}

REFUSAL_BASIS = "khoản 3 Điều 9 Luật Tiếp công dân"
DECREE_154 = "Nghị định số 154/2026/NĐ-CP"


@dataclass(frozen=True)
class RefusalGround:
    """A legal ground for refusing a reception (LEGAL.md §1.3), as printed on Mẫu 01/TCD.

    ``written_notice``: the law asks for a written notice (Luật TCD Art. 9(3); NĐ 154/2026 for
    a petition already answered with no new content); on the other grounds the refusal is
    explained in person and a notice is optional.
    """

    code: str
    legal_basis: str
    reason: str
    written_notice: bool = False


def _nd154(point: str) -> str:
    return f"điểm {point} khoản 1 Điều 4 {DECREE_154}"


#: Luật TCD Art. 9(1)–(3) (statute wording) and NĐ 154/2026 Art. 4(1) a–k (from 01/07/2026).
#: The NĐ 154/2026 point letters follow the order of LEGAL.md §1.3 (a, b, c, d, đ, e, g, h, i, k);
#: the reasons paraphrase the decree. Both stay editable in the refusal dialog.
REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "tcd_9_1", "khoản 1 Điều 9 Luật Tiếp công dân",
        "Người đến nơi tiếp công dân trong tình trạng say do dùng chất kích thích, người mắc "
        "bệnh tâm thần hoặc một bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển "
        "hành vi của mình"),
    RefusalGround(
        "tcd_9_2", "khoản 2 Điều 9 Luật Tiếp công dân",
        "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, người "
        "thi hành công vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân"),
    RefusalGround(
        "tcd_9_3", REFUSAL_BASIS,
        "Vụ việc đã được giải quyết đúng chính sách, pháp luật, được cơ quan nhà nước có thẩm "
        "quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn "
        "nhưng người khiếu nại, tố cáo vẫn cố tình khiếu nại, tố cáo kéo dài",
        written_notice=True),
    RefusalGround(
        "nd154_4_1_a", _nd154("a"),
        "Người mang theo vũ khí, vật liệu nổ, công cụ hỗ trợ hoặc vật dụng nguy hiểm khác và "
        "không chấp hành yêu cầu gửi lại theo nội quy nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_b", _nd154("b"),
        "Người không chấp hành việc kiểm tra an ninh tại nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_c", _nd154("c"),
        "Người ghi âm, ghi hình, phát trực tiếp tại nơi tiếp công dân sau khi đã được yêu cầu "
        "không thực hiện hoặc làm ảnh hưởng đến trật tự nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_d", _nd154("d"),
        "Người có hành vi kích động, gây rối trật tự công cộng tại nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_dd", _nd154("đ"),
        "Người không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp"),
    RefusalGround(
        "nd154_4_1_e", _nd154("e"),
        "Người đại diện, người được ủy quyền không có giấy tờ chứng minh việc đại diện, ủy "
        "quyền hợp pháp"),
    RefusalGround(
        "nd154_4_1_g", _nd154("g"),
        "Nội dung trình bày không thuộc phạm vi khiếu nại, tố cáo, kiến nghị, phản ánh"),
    RefusalGround(
        "nd154_4_1_h", _nd154("h"),
        "Kiến nghị, phản ánh đã được tiếp nhận, hướng dẫn hoặc trả lời bằng văn bản, nay "
        "không có nội dung mới",
        written_notice=True),
    RefusalGround(
        "nd154_4_1_i", _nd154("i"),
        "Vụ việc đã được giải quyết bằng bản án, quyết định của Tòa án đã có hiệu lực pháp luật, "
        "không thuộc trường hợp được xem xét lại theo văn bản trả lời của cơ quan có thẩm quyền"),
    RefusalGround(
        "nd154_4_1_k", _nd154("k"),
        "Vụ việc đang được cơ quan có thẩm quyền khác thụ lý, giải quyết"),
)

#: What a redacted transfer slip prints instead of the sender's name and address (LEGAL.md §7.1).
IDENTITY_WITHHELD = "(đã được giữ bí mật)"
TRANSFER_BASIS: dict[PetitionType, str] = {
    PetitionType.DENUNCIATION: "khoản 2 Điều 24 Luật Tố cáo",
    PetitionType.COMPLAINT: "Điều 26 Luật Tiếp công dân",
    PetitionType.PETITION: "Điều 26 Luật Tiếp công dân",
    PetitionType.REFLECTION: "Điều 26 Luật Tiếp công dân",
}

# --- commands and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class RefusalCommand:
    """A refusal notice for the citizen of ``visit_id`` (Luật TCD Art. 9(3))."""

    visit_id: int
    reason: str
    legal_basis: str = REFUSAL_BASIS
    for_information: Sequence[str] = ()
    for_coordination: Sequence[str] = ()


@dataclass(frozen=True)
class AppointmentCommand:
    """When and where the citizen of ``visit_id`` comes back; empty texts take office defaults."""

    visit_id: int
    appointment_at: datetime  # timezone-aware
    place: str = ""
    meet_with: str = ""
    bring: Sequence[str] = ()
    contact: str = ""


@dataclass(frozen=True)
class TransferCommand:
    """Transfer of the đơn of ``visit_id``; ``addressee`` defaults to the visit's target body."""

    visit_id: int
    addressee: str = ""
    legal_basis: str = ""
    attachments: str = ""
    for_information: Sequence[str] = ()
    notify_sender: bool = True  # "Nơi nhận: - Người gửi đơn (để biết)"
    #: A copy without the sender's name, address and identity paper (Luật Tố cáo Art. 56:
    #: the denouncer's identity is stripped before the đơn goes to others).
    redact_identity: bool = False
    summary: str = ""  # content of the đơn as printed; empty: the visit's content


@dataclass(frozen=True)
class FormDefaults:
    """What the issuing dialogs start from for one visit (legal wording in Vietnamese)."""

    appointment_at: datetime  # next working day, 08:00 office time
    appointment_place: str  # "Trụ sở Ủy ban nhân dân xã …"
    meet_with: tuple[str, ...]  # first: the default ("Chủ tịch …"), then each leader
    transfer_addressee: str  # the visit's target body
    transfer_basis: str
    transfer_attachments: str  # "" when no document was handed in
    redact_by_default: bool  # a denunciation: the transfer slip withholds the identity
    matter_kind: str  # "khiếu nại", "tố cáo", …


@dataclass(frozen=True)
class IssuedDocumentDTO:
    """A numbered document as the UI and the command line see it."""

    id: int
    doc_type: DocType
    year: int
    number: int
    number_text: str  # "15/BN-UBND"
    verification_code: str
    qr_payload: str
    visit_id: int | None
    issued_at: datetime  # office time
    issued_by: str
    print_count: int
    citizen_name: str

    @property
    def display_code(self) -> str:
        """The code in two groups of five, as printed under the QR code."""
        return display_code(self.verification_code)


@dataclass(frozen=True)
class PrintedDocument:
    """A document and its PDF as just rendered."""

    document: IssuedDocumentDTO
    pdf: bytes
    paper: Paper
    is_copy: bool


@dataclass(frozen=True)
class Verification:
    """Answer to "is this document genuine?"."""

    genuine: bool
    code: str
    document: IssuedDocumentDTO | None = None
    visit_stt: str = ""
    visit_voided: bool = False


# --- codes and payloads ------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def normalise_code(text: str) -> str:
    """What the clerk typed or the scanner sent, as a stored code (upper case, no separators)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def qr_payload(doc_type: DocType, number: int, year: int, code: str) -> str:
    return f"{QR_PREFIX}|{doc_type.kind}|{number}/{year}|{code}"


def parse_qr(text: str) -> tuple[DocType, int, int, str] | None:
    """``(doc_type, number, year, code)`` from a scanned payload, or None if it is not one."""
    parts = text.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX or parts[1] not in _BY_KIND:
        return None
    number, _, year = parts[2].partition("/")
    if not (number.isdigit() and year.isdigit()):
        return None
    return _BY_KIND[parts[1]], int(number), int(year), normalise_code(parts[3])


def _dump(value: Any) -> Any:
    """A printing DTO as JSON-ready data (dates as ISO text)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


def _load(tp: Any, value: Any) -> Any:
    """Inverse of ``_dump`` for the field type ``tp``."""
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        if value is None:
            return None
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _load(inner, value)
    if origin in (Sequence, list, tuple):
        (inner,) = get_args(tp)[:1]
        return tuple(_load(inner, v) for v in value)
    if isinstance(tp, type) and is_dataclass(tp):
        hints = get_type_hints(tp)
        return tp(**{k: _load(hints[k], v) for k, v in value.items() if k in hints})
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    return value


_FORMS: dict[DocType, type[Any]] = {
    DocType.RECEIPT: ReceiptData,
    DocType.REFUSAL: RefusalNoticeData,
    DocType.APPOINTMENT: AppointmentSlipData,
    DocType.TRANSFER: TransferSlipData,
}
# Fields that differ between two issues of the same content.
_IDENTITY_FIELDS = ("number", "verification_code", "qr_payload", "is_copy")


def form_payload(doc_type: DocType, data: Any) -> dict[str, Any]:
    return {"v": PAYLOAD_VERSION, "form": doc_type.value, "data": _dump(data)}


def form_from_payload(payload: dict[str, Any]) -> Any:
    doc_type = DocType(payload["form"])
    return _load(_FORMS[doc_type], payload["data"])


def render_form(doc_type: DocType, data: Any, paper: Paper) -> bytes:
    if paper not in doc_type.papers:
        raise UserError("document.paper_unsupported", field="paper", paper=paper.value)
    if doc_type is DocType.RECEIPT:
        return render_receipt(data, paper)
    if doc_type is DocType.REFUSAL:
        return render_refusal_notice(data, paper)
    if doc_type is DocType.APPOINTMENT:
        return render_appointment_slip(data, paper)
    return render_transfer_slip(data, paper)


# --- office and people as printed --------------------------------------------------------------


def office_header(session: Session, profile: OfficeProfile | None = None) -> OfficeHeader:
    """The issuing body of NĐ 30/2020 box 2 from the office profile; the chair signs."""
    profile = profile or office_service.get_office(session)
    if profile is None:
        raise UserError("document.office_not_set_up")
    body = profile.body_name
    for lead in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
        if body.startswith(lead) and "\n" not in body:
            body = lead.strip() + "\n" + body[len(lead):]
    commune = profile.commune_name
    place = profile.place_name
    unit_kind = commune[: -len(place)].strip() if place and commune.endswith(place) else "Xã"
    chair = next((s for s in office_service.list_staff(session) if s.role is StaffRole.CHAIR),
                 None)
    return OfficeHeader(
        body_name=body,
        place_name=place,
        symbol=profile.doc_symbol,
        superior_body=profile.superior_body or None,
        unit_kind=unit_kind or "Xã",
        head=SignatureBlock(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH",
                            name=chair.full_name if chair else ""),
    )


def _identity(visit: VisitDetail) -> IdentityPaper | None:
    label = ID_LABEL.get(visit.id_doc_type)
    if label is None or not visit.id_number:
        return None
    c = visit.citizen
    return IdentityPaper(label, visit.id_number, c.id_issue_date if c else None,
                         c.id_issue_place if c else "")


def _citizen_title(visit: VisitDetail) -> str:
    return TITLE_BY_SEX[visit.citizen.sex if visit.citizen else None]


def _staff_position(session: Session, staff_id: int | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    return staff.position if staff else ""


def _open_visit(session: Session, visit_id: int) -> VisitDetail:
    visit = visit_service.get_visit(session, visit_id)
    if visit.voided:
        raise UserError("document.visit_voided", visit=visit.stt)
    return visit


def _local_now(now: datetime) -> datetime:
    return now.astimezone(OFFICE_TZ)


# --- building each form ------------------------------------------------------------------------


def receipt_data(session: Session, visit: VisitDetail) -> ReceiptData:
    """The receipt of ``visit`` before it is numbered: one row per document handed in."""
    header = office_header(session)
    return ReceiptData(
        office=header,
        issued_at=visit.received_at,
        place=f"Trụ sở {header.sentence_name}",
        receiver_name=visit.receiving_staff_name,
        receiver_position=_staff_position(session, visit.receiving_staff_id),
        provider_name=visit.citizen_name,
        provider_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        documents=tuple(DocumentItem(d.name, d.pages, CONDITION_LABEL[d.condition])
                        for d in visit.documents),
    )


def refusal_data(session: Session, visit: VisitDetail, cmd: RefusalCommand,
                 now: datetime) -> RefusalNoticeData:
    reason = clean_block(cmd.reason)
    if not reason:
        raise UserError("document.reason_required", field="reason")
    basis = clean_line(cmd.legal_basis) or REFUSAL_BASIS
    return RefusalNoticeData(
        office=office_header(session),
        number="",
        issued_on=_local_now(now).date(),
        citizen_name=visit.citizen_name,
        citizen_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        visited_on=visit.reception_date,
        matter_kind=PETITION_NOUN[visit.petition_type],
        matter_summary=visit.content.rstrip(". "),
        legal_basis=basis,
        reason=reason,
        for_information=tuple(clean_line(x) for x in cmd.for_information if clean_line(x)),
        for_coordination=tuple(clean_line(x) for x in cmd.for_coordination if clean_line(x)),
    )


def appointment_data(session: Session, visit: VisitDetail, cmd: AppointmentCommand,
                     actor: Actor, now: datetime) -> AppointmentSlipData:
    require_aware(cmd.appointment_at)
    if cmd.appointment_at < now:
        raise UserError("document.appointment_in_past", field="appointment_at")
    header = office_header(session)
    issuer_name = ""
    if actor.staff_id is not None and session.get(Staff, actor.staff_id) is not None:
        issuer_name = actor.name
    return AppointmentSlipData(
        office=header,
        issued_on=_local_now(now).date(),
        citizen_name=visit.citizen_name,
        citizen_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        matter_summary=visit.content.rstrip(". "),
        appointment_at=cmd.appointment_at.astimezone(OFFICE_TZ),
        appointment_place=clean_line(cmd.place) or f"Trụ sở {header.sentence_name}",
        meet_with=clean_line(cmd.meet_with) or f"Chủ tịch {header.sentence_name}",
        bring=tuple(clean_line(x) for x in cmd.bring if clean_line(x)),
        contact=clean_line(cmd.contact),
        issuer=SignatureBlock(title="Người viết phiếu", name=issuer_name,
                              note="(Ký, ghi rõ họ tên)"),
    )


def transfer_data(session: Session, visit: VisitDetail, cmd: TransferCommand,
                  now: datetime) -> TransferSlipData:
    addressee = clean_line(cmd.addressee) or visit.target_body
    if not addressee:
        raise UserError("document.addressee_required", field="addressee")
    attachments = clean_line(cmd.attachments) or _default_attachments(visit)
    withheld = cmd.redact_identity
    return TransferSlipData(
        office=office_header(session),
        number="",
        issued_on=_local_now(now).date(),
        addressee=addressee,
        petition_kind=f"đơn {PETITION_NOUN[visit.petition_type]}",
        received_on=visit.reception_date,
        sender_name=IDENTITY_WITHHELD if withheld else visit.citizen_name,
        sender_title="" if withheld else _citizen_title(visit).lower(),
        address=IDENTITY_WITHHELD if withheld else visit.address,
        identity=None if withheld else _identity(visit),
        summary=clean_block(cmd.summary) or visit.content,
        legal_basis=clean_line(cmd.legal_basis) or TRANSFER_BASIS[visit.petition_type],
        attachments=attachments,
        notify_sender=cmd.notify_sender,
        for_information=tuple(clean_line(x) for x in cmd.for_information if clean_line(x)),
        identity_withheld=withheld,
    )


def _default_attachments(visit: VisitDetail) -> str:
    if not visit.documents:
        return ""
    return f"Kèm theo {len(visit.documents):02d} tài liệu do công dân cung cấp"


APPOINTMENT_HOUR = 8


def form_defaults(session: Session, visit_id: int, now: datetime) -> FormDefaults:
    """Starting values of the refusal, appointment and transfer dialogs for ``visit_id``."""
    require_aware(now)
    visit = visit_service.get_visit(session, visit_id)
    header = office_header(session)
    today = _local_now(now).date()
    day = office_calendar(session).next_working_day(today + timedelta(days=1))
    at = datetime.combine(day, time(APPOINTMENT_HOUR), tzinfo=OFFICE_TZ)
    leaders = tuple(f"{s.full_name}, {s.position}" if s.position else s.full_name
                    for s in office_service.list_staff(session) if s.role.can_preside)
    return FormDefaults(
        appointment_at=at,
        appointment_place=f"Trụ sở {header.sentence_name}",
        meet_with=(f"Chủ tịch {header.sentence_name}", *leaders),
        transfer_addressee=visit.target_body,
        transfer_basis=TRANSFER_BASIS[visit.petition_type],
        transfer_attachments=_default_attachments(visit),
        redact_by_default=visit.petition_type is PetitionType.DENUNCIATION,
        matter_kind=PETITION_NOUN[visit.petition_type],
    )


# --- issuing, reprinting, verifying ------------------------------------------------------------


def _dto(row: IssuedDocument) -> IssuedDocumentDTO:
    assert row.id is not None
    doc_type = DocType(row.doc_type)
    data = row.payload.get("data", {})
    name = data.get("provider_name") or data.get("citizen_name") or data.get("sender_name") or ""
    symbol = row.symbol
    return IssuedDocumentDTO(
        id=row.id,
        doc_type=doc_type,
        year=row.year,
        number=row.number,
        number_text=f"{row.number:02d}/{symbol}",
        verification_code=row.verification_code,
        qr_payload=qr_payload(doc_type, row.number, row.year, row.verification_code),
        visit_id=row.visit_id,
        issued_at=_aware(row.issued_at).astimezone(OFFICE_TZ),
        issued_by=row.issued_by,
        print_count=row.print_count,
        citizen_name=str(name),
    )


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back naive; they are stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _unused_code(session: Session) -> str:
    while True:  # 2^50 codes: a collision is astronomically rare, but checked
        code = new_code()
        taken = session.scalar(select(col(IssuedDocument.id)).where(
            col(IssuedDocument.verification_code) == code))
        if taken is None:
            return code


def issue(
    session: Session,
    doc_type: DocType,
    data: Any,
    *,
    visit_id: int | None,
    actor: Actor,
    now: datetime,
    case_id: int | None = None,
) -> tuple[IssuedDocumentDTO, Any, Changes]:
    """Number ``data`` (next of its type and year, gapless), freeze it and audit the issue.

    Returns the document, the numbered form data and what changed.
    """
    require_aware(now)
    year = _local_now(now).year
    number = repo.next_counter_value(session, f"doc:{doc_type.value}", year)
    code = _unused_code(session)
    symbol = f"{doc_type.kind}-{data.office.symbol}"
    number_text = document_number(number, doc_type.kind, data.office.symbol)
    extra: dict[str, Any] = {"number": number_text}
    if doc_type is DocType.RECEIPT:
        extra |= {"verification_code": display_code(code),
                  "qr_payload": qr_payload(doc_type, number, year, code)}
    data = replace(data, **extra)
    row = IssuedDocument(doc_type=doc_type.value, year=year, number=number, symbol=symbol,
                         verification_code=code, visit_id=visit_id, case_id=case_id,
                         payload=form_payload(doc_type, data), issued_at=now,
                         issued_by=actor.name, print_count=1)
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="issue", entity="issued_document",
                   entity_id=row.id, after={"doc_type": doc_type.value, "number": number_text,
                                            "year": year, "visit_id": visit_id, "code": code})
    return _dto(row), data, Changes(visits={visit_id} if visit_id else set())


def _write_first(session: Session) -> None:
    """On SQLite, take the write lock before the first read of the unit of work.

    A deferred SQLite transaction that reads and then writes cannot wait for a concurrent
    writer (SQLITE_BUSY at once, busy_timeout not applied); a first write statement waits
    politely. PostgreSQL locks the counter row itself (``next_counter_value``).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql_text("UPDATE counter SET last_value = last_value WHERE 1 = 0"))


def _load_row(session: Session, document_id: int) -> IssuedDocument:
    row = session.get(IssuedDocument, document_id)
    if row is None:
        raise UserError("document.not_found", document_id=document_id)
    return row


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _IDENTITY_FIELDS}


def latest_for_visit(session: Session, visit_id: int, doc_type: DocType) -> IssuedDocument | None:
    return session.scalars(
        select(IssuedDocument)
        .where(and_(col(IssuedDocument.visit_id) == visit_id,
                    col(IssuedDocument.doc_type) == doc_type.value))
        .order_by(col(IssuedDocument.id).desc())
        .limit(1)
    ).first()


def issue_receipt(
    session: Session, visit_id: int, actor: Actor, now: datetime, paper: Paper = Paper.A4,
    *, reuse_unchanged: bool = True,
) -> tuple[PrintedDocument, Changes]:
    """The receipt of a visit. If the visit already has a receipt with the same content, that
    receipt is reprinted as a copy (no new number); otherwise a new one is numbered."""
    _write_first(session)
    visit = _open_visit(session, visit_id)
    data = receipt_data(session, visit)
    if reuse_unchanged:
        last = latest_for_visit(session, visit_id, DocType.RECEIPT)
        if last is not None and _comparable(last.payload["data"]) == _comparable(_dump(data)):
            assert last.id is not None
            return reprint(session, last.id, actor, now, paper)
    dto, numbered, changes = issue(session, DocType.RECEIPT, data, visit_id=visit_id,
                                   actor=actor, now=now)
    return PrintedDocument(dto, render_form(DocType.RECEIPT, numbered, paper), paper,
                           False), changes


def issue_refusal(session: Session, cmd: RefusalCommand, actor: Actor, now: datetime,
                  paper: Paper = Paper.A4) -> tuple[PrintedDocument, Changes]:
    _write_first(session)
    visit = visit_service.get_visit(session, cmd.visit_id)  # a refused visit may be voided
    data = refusal_data(session, visit, cmd, now)
    return _issue_and_render(session, DocType.REFUSAL, data, cmd.visit_id, actor, now, paper)


def issue_appointment(session: Session, cmd: AppointmentCommand, actor: Actor, now: datetime,
                      paper: Paper = Paper.A5) -> tuple[PrintedDocument, Changes]:
    _write_first(session)
    visit = _open_visit(session, cmd.visit_id)
    data = appointment_data(session, visit, cmd, actor, now)
    return _issue_and_render(session, DocType.APPOINTMENT, data, cmd.visit_id, actor, now, paper)


def issue_transfer(session: Session, cmd: TransferCommand, actor: Actor, now: datetime,
                   paper: Paper = Paper.A4) -> tuple[PrintedDocument, Changes]:
    _write_first(session)
    visit = _open_visit(session, cmd.visit_id)
    data = transfer_data(session, visit, cmd, now)
    return _issue_and_render(session, DocType.TRANSFER, data, cmd.visit_id, actor, now, paper)


def _issue_and_render(session: Session, doc_type: DocType, data: Any, visit_id: int,
                      actor: Actor, now: datetime, paper: Paper
                      ) -> tuple[PrintedDocument, Changes]:
    if paper not in doc_type.papers:  # refuse before a number is used
        raise UserError("document.paper_unsupported", field="paper", paper=paper.value)
    dto, numbered, changes = issue(session, doc_type, data, visit_id=visit_id, actor=actor,
                                   now=now)
    return PrintedDocument(dto, render_form(doc_type, numbered, paper), paper, False), changes


def render_document(session: Session, document_id: int, paper: Paper,
                    as_copy: bool) -> PrintedDocument:
    """The stored document rendered again (no counting: e.g. another paper in the preview)."""
    row = _load_row(session, document_id)
    data = form_from_payload(row.payload)
    if as_copy:
        data = replace(data, is_copy=True)
    return PrintedDocument(_dto(row), render_form(DocType(row.doc_type), data, paper), paper,
                           as_copy)


def reprint(session: Session, document_id: int, actor: Actor, now: datetime,
            paper: Paper | None = None) -> tuple[PrintedDocument, Changes]:
    """The same document, same number, marked "BẢN SAO"; counted and audited."""
    _write_first(session)
    require_aware(now)
    row = _load_row(session, document_id)
    doc_type = DocType(row.doc_type)
    paper = paper or doc_type.default_paper
    if paper not in doc_type.papers:
        raise UserError("document.paper_unsupported", field="paper", paper=paper.value)
    before = row.print_count
    row.print_count = before + 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="reprint",
                   entity="issued_document", entity_id=document_id,
                   before={"print_count": before}, after={"print_count": row.print_count})
    printed = render_document(session, document_id, paper, as_copy=True)
    return printed, Changes(visits={row.visit_id} if row.visit_id else set())


def get_document(session: Session, document_id: int) -> IssuedDocumentDTO:
    return _dto(_load_row(session, document_id))


def documents_for_visit(session: Session, visit_id: int) -> list[IssuedDocumentDTO]:
    rows = session.scalars(select(IssuedDocument).where(
        col(IssuedDocument.visit_id) == visit_id).order_by(col(IssuedDocument.id)))
    return [_dto(r) for r in rows]


def find_document(session: Session, doc_type: DocType, number: int,
                  year: int) -> IssuedDocumentDTO | None:
    row = session.scalars(select(IssuedDocument).where(and_(
        col(IssuedDocument.doc_type) == doc_type.value,
        col(IssuedDocument.year) == year,
        col(IssuedDocument.number) == number,
    ))).first()
    return _dto(row) if row else None


def verify(session: Session, text: str) -> Verification:
    """Is the code (or scanned QR payload) one of ours? A payload must match in every part."""
    scanned = parse_qr(text)
    code = scanned[3] if scanned else normalise_code(text)
    if not code or len(code) > 40:
        return Verification(False, code)
    row = session.scalars(select(IssuedDocument).where(
        col(IssuedDocument.verification_code) == code)).first()
    if row is None:
        return Verification(False, code)
    dto = _dto(row)
    if scanned and (scanned[0], scanned[1], scanned[2]) != (dto.doc_type, dto.number, dto.year):
        return Verification(False, code)  # a real code pasted into a forged number
    visit = session.get(Visit, row.visit_id) if row.visit_id else None
    return Verification(True, code, dto,
                        visit_stt=f"{visit.seq}/{visit.year}" if visit else "",
                        visit_voided=bool(visit and visit.voided_at is not None))


def visit_id_for(session: Session, reference: str) -> int:
    """A visit named by its STT ("12/2026") or its id ("57")."""
    ref = reference.strip()
    seq, slash, year = ref.partition("/")
    if slash and seq.isdigit() and year.isdigit():
        found = session.scalar(select(col(Visit.id)).where(and_(
            col(Visit.seq) == int(seq), col(Visit.year) == int(year))))
    elif ref.isdigit():
        found = session.scalar(select(col(Visit.id)).where(col(Visit.id) == int(ref)))
    else:
        raise UserError("document.visit_reference_invalid", field="visit", reference=ref)
    if found is None:
        raise UserError("document.visit_not_found", field="visit", reference=ref)
    return int(found)


# --- logbook pages -----------------------------------------------------------------------------


def logbook_layout_setting(session: Session) -> str:
    value = repo.get_setting(session, LOGBOOK_LAYOUT_SETTING)
    return value if value in LOGBOOK_LAYOUT_CHOICES else "auto"


def set_logbook_layout(session: Session, value: str, actor: Actor,
                       now: datetime) -> Changes:
    """Office setting: "auto" (by date), "tt04_2021" or "nd154_2026" (LEGAL.md §12 q.1)."""
    if value not in LOGBOOK_LAYOUT_CHOICES:
        raise UserError("document.layout_unknown", field="logbook_layout", layout=value)
    before = repo.put_setting(session, LOGBOOK_LAYOUT_SETTING, value, at=now, actor=actor.name)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=LOGBOOK_LAYOUT_SETTING, before=before,
                   after=value)
    return Changes(settings={LOGBOOK_LAYOUT_SETTING})


def logbook_layout_for(session: Session, day: date,
                       override: LogbookLayout | None = None) -> LogbookLayout:
    if override is None:
        setting = logbook_layout_setting(session)
        override = None if setting == "auto" else LogbookLayout(setting)
    return layout_for_date(day, override)


_TRANSFERS = frozenset({HandlingDirection.TRANSFER, HandlingDirection.TO_POLICE,
                        HandlingDirection.TO_PARTY, HandlingDirection.REQUIRE_LOWER})


def _with_number(body: str, number: str) -> str:
    return f"{body} (văn bản số {number})" if body and number else body


def logbook_rows(session: Session, date_from: date, date_to: date, layout: LogbookLayout,
                 office_name: str) -> list[LogbookRow]:
    """Visits received in the range (inclusive), in STT order; voided ones stay, noted."""
    stmt = (
        select(Visit, col(Citizen.id_issue_date))
        .join(Citizen, col(Citizen.id) == col(Visit.citizen_id))
        .where(and_(col(Visit.reception_date) >= date_from,
                    col(Visit.reception_date) <= date_to))
        .order_by(col(Visit.year), col(Visit.seq))
    )
    types_ = PETITION_CODE if layout is LogbookLayout.ND154_2026 else PETITION_LABEL
    rows: list[LogbookRow] = []
    for visit, issued_on in session.execute(stmt):
        id_type = IdDocType(visit.id_doc_type)
        id_doc = ""
        if id_type in ID_SHORT and visit.id_number:
            id_doc = f"{ID_SHORT[id_type]} {visit.id_number}"
            if issued_on:
                id_doc += f", cấp ngày {short_date(issued_on)}"
        direction = HandlingDirection(visit.direction)
        target = _with_number(visit.target_body, visit.target_doc_number)
        notes = visit.notes
        if visit.voided_at is not None:
            voided = f"Đã hủy: {visit.void_reason}"
            notes = f"{notes}\n{voided}" if notes else voided
        accepting = ""
        if direction in _TRANSFERS:
            accepting = target
        elif direction is HandlingDirection.ACCEPT:
            accepting = office_name
        rows.append(LogbookRow(
            stt=visit.seq,
            received_on=visit.reception_date,
            name=visit.citizen_name,
            address=visit.address,
            id_doc=id_doc,
            content=visit.content,
            type_label=types_[PetitionType(visit.petition_type)],
            people_count=visit.people_count,
            handled_by=visit.prior_bodies,
            direction=direction,
            within_competence=visit.within_competence,
            guidance=target if direction is HandlingDirection.GUIDE else "",
            accepting_body=accepting,
            follow_up=visit.follow_up,
            notes=notes,
        ))
    return rows


def period_label(date_from: date, date_to: date) -> str:
    if date_from == date_to:
        return f"Ngày {short_date(date_from)}"
    return f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}"


def logbook_pdf(session: Session, date_from: date, date_to: date,
                layout: LogbookLayout | None = None) -> tuple[bytes, LogbookLayout, int]:
    """Logbook pages for the range; the layout is the one in force on the range's last day
    (or the office setting / ``layout``). Returns the PDF, the layout and the row count."""
    if date_to < date_from:
        raise UserError("document.range_reversed", field="date_to")
    chosen = logbook_layout_for(session, date_to, layout)
    header = office_header(session)
    rows = logbook_rows(session, date_from, date_to, chosen, header.sentence_name)
    data = LogbookData(office=header, period_label=period_label(date_from, date_to), rows=rows)
    return render_logbook(data, chosen), chosen, len(rows)

