"""Plain data of printed documents: the issuing commands, the issued document and its PDF, the
answer to a verification, the starting values of the issuing dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reception_desk.printing.dto import Paper
from reception_desk.printing.wording import REFUSAL_BASIS
from reception_desk.services.documents.codes import DocType
from reception_desk.services.documents.codes import display_code


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
    #: A copy without the sender's name, address and identity paper; None: the rule decides
    #: (``domain.secrecy.withholds_identity``: a denouncer under secrecy is withheld).
    redact_identity: bool | None = None
    summary: str = ""  # content of the đơn as printed; empty: the visit's content
    #: A denouncer under secrecy is always withheld; printing them takes a reveal with this
    #: reason (REVEAL_IDENTITY, logged: services.access.secrecy.transfer_identity); asking
    #: for an unredacted copy without it is refused (``secrecy.reason_required``).
    reveal_reason: str = ""


@dataclass(frozen=True)
class FormDefaults:
    """What the issuing dialogs start from for one visit (legal wording in Vietnamese)."""

    appointment_at: datetime  # next working day, 08:00 office time
    appointment_place: str  # "Trụ sở Ủy ban nhân dân xã …"
    meet_with: tuple[str, ...]  # first: the default ("Chủ tịch …"), then each leader
    transfer_addressee: str  # the visit's target body
    transfer_basis: str
    transfer_attachments: str  # "" when no document was handed in
    redact_by_default: bool  # a denouncer under secrecy: the slip withholds the identity
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
