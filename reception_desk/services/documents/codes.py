"""Kinds of numbered document (NĐ 30/2020 abbreviations), verification codes and the QR payload.

QR payload printed on the receipt (``qr_payload``)::

    RD1|<kind>|<number>/<year>|<code>        e.g.  RD1|BN|15/2026|7KQ2M9XD4P

``RD1`` names this format (version 1); ``kind`` is the document-type abbreviation (BN receipt,
TB refusal notice, PH appointment slip, PC transfer slip); ``code`` is the 10-character
verification code from :data:`CODE_ALPHABET` (base 32 without 0/O/1/I, 50 random bits from
``secrets``). ``issuing.verify`` accepts the bare code (spaces, hyphens and case ignored) or
the whole scanned payload (then its kind and number must match the stored document too).
"""

from __future__ import annotations

import secrets
from enum import StrEnum

from reception_desk.printing.dto import Paper

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # base 32 without 0, O, 1, I
CODE_LENGTH = 10
QR_PREFIX = "RD1"


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
