"""What was printed, frozen: a form's data as JSON in ``issued_document.payload`` and back, so a
reprint renders the very same document; rendering a form's data on a paper."""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import fields
from dataclasses import is_dataclass
from datetime import date
from datetime import datetime
from enum import Enum
from typing import Any
from typing import Union
from typing import get_args
from typing import get_origin
from typing import get_type_hints

from reception_desk.errors import UserError
from reception_desk.printing.appointment import render_appointment_slip
from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.dto import TransferSlipData
from reception_desk.printing.receipt import render_receipt
from reception_desk.printing.refusal import render_refusal_notice
from reception_desk.printing.transfer import render_transfer_slip
from reception_desk.services.documents.codes import DocType

PAYLOAD_VERSION = 1


def dump_form(value: Any) -> Any:
    """A printing DTO as JSON-ready data (dates as ISO text)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump_form(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [dump_form(v) for v in value]
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
    return {"v": PAYLOAD_VERSION, "form": doc_type.value, "data": dump_form(data)}


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


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _IDENTITY_FIELDS}
