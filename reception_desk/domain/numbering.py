"""Document numbers in the NĐ 30/2020 form "Số: 05/TB-UBND" (LEGAL.md §9, box 3).

Rules: the number is the sequence within the calendar year, numbers below 10 get a leading zero;
the symbol (ký hiệu) is upper case; "/" between number and symbol, "-" between abbreviation
groups, no spaces. Normative documents put the year between them ("15/2026/NĐ-CP").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reception_desk.domain.text import nfc
from reception_desk.errors import UserError

# Letters and digits of any script (ký hiệu holds Đ), groups joined by hyphens.
_GROUP = r"[^\W_]+"
_SYMBOL = re.compile(rf"{_GROUP}(?:-{_GROUP})*")
_NUMBER = re.compile(
    rf"^(?:s[oố]\s*:?\s*)?(?P<number>\d+)\s*/\s*(?:(?P<year>\d{{4}})\s*/\s*)?"
    rf"(?P<symbol>{_GROUP}(?:\s*-\s*{_GROUP})*)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed document number; ``str()`` gives the canonical form without "Số: "."""

    number: int
    symbol: str
    year: int | None = None

    def __post_init__(self) -> None:
        if self.number < 1:
            raise UserError("numbering.number_not_positive", field="document_number",
                            number=self.number)
        if (not _SYMBOL.fullmatch(self.symbol) or self.symbol != self.symbol.upper()
                or not any(ch.isalpha() for ch in self.symbol)):
            raise UserError("numbering.symbol_invalid", field="document_number",
                            symbol=self.symbol)

    def __str__(self) -> str:
        middle = f"{self.year}/" if self.year is not None else ""
        return f"{self.number:02d}/{middle}{self.symbol}"

    def with_prefix(self) -> str:
        """The form printed in box 3: "Số: 05/TB-UBND"."""
        return f"Số: {self}"


def normalise_symbol(symbol: str) -> str:
    """Upper-case ``symbol`` and drop the spaces clerks type around hyphens."""
    return _SPACES.sub("", nfc(symbol)).upper()


def format_document_number(number: int, symbol: str, *, year: int | None = None,
                           prefix: bool = False) -> str:
    """Canonical text of a number; ``prefix`` adds "Số: "."""
    doc = DocumentNumber(number, normalise_symbol(symbol), year)
    return doc.with_prefix() if prefix else str(doc)


def parse_document_number(text: str) -> DocumentNumber:
    """Read "Số: 5/tb - ubnd", "05/TB-UBND" or "15/2026/NĐ-CP"; ``UserError`` if unreadable."""
    cleaned = _SPACES.sub(" ", nfc(text)).strip()
    match = _NUMBER.match(cleaned)
    if match is None:
        raise UserError("numbering.unreadable", field="document_number", text=text)
    year = match.group("year")
    return DocumentNumber(int(match.group("number")), normalise_symbol(match.group("symbol")),
                          int(year) if year else None)


# --- visit numbers (STT) -------------------------------------------------------------------------

#: Shown instead of the number of a visit imported from an old logbook whose STT cell was empty.
LEGACY_NO_STT = "cũ"


def visit_stt(seq: int, year: int, legacy_stt: str | None = None,
              legacy_year: int | None = None, *, with_year: bool = True) -> str:
    """The STT a visit is shown and printed with: the ONE rule every visit-number display uses.

    An app visit shows its own counter, "seq/year" ("12/2026"). A visit imported from an old
    logbook (issue 15) carries a negative ``seq`` that keeps it out of the app's counter, the gap
    check and the exchange file; it is shown with the old book's number instead, never the
    negative one: "15/2019" from ``legacy_stt`` "15" and ``legacy_year`` 2019; an old STT that
    already holds a "/" ("15/2019", "15/TCD") is shown as written; an empty old STT shows
    "cũ/2019" (``LEGACY_NO_STT``). Without ``legacy_year`` the visit's ``year`` is used.

    ``with_year=False`` gives the printed logbook's STT column, which holds the number alone:
    "12" for an app visit, "15" (or the old STT as written, or "cũ") for an imported one.
    """
    imported = seq < 0 or legacy_stt is not None or legacy_year is not None
    if not imported:
        return f"{seq}/{year}" if with_year else str(seq)
    old = (legacy_stt or "").strip()
    if "/" in old or not with_year:
        return old or LEGACY_NO_STT
    return f"{old or LEGACY_NO_STT}/{legacy_year if legacy_year is not None else year}"
