"""What an export needs: the computed form and the office's letterhead, signer and recipients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reception_desk.domain.report_forms import FormResult
from reception_desk.printing.dto import OfficeHeader


@dataclass(frozen=True)
class ReportDocument:
    """A computed form as the office sends it upward (NĐ 30/2020, LEGAL.md §9): the office's
    header (its chair signs), the report's number ("" leaves "Số: …/BC-UBND" to fill by hand),
    the day it is signed and the recipients (Nơi nhận, an office setting)."""

    result: FormResult
    office: OfficeHeader
    issued_on: date
    number: str = ""
    recipients: tuple[str, ...] = ()

    @property
    def body_line(self) -> str:
        """The body's name on one line (the "Đơn vị" cell)."""
        return " ".join(self.office.body_name.split())
