"""Card scanners in serial mode (USB virtual COM): bytes in, CCCD cards out (LEGAL.md §10.1).

A scanner switched to serial mode sends each QR payload as UTF-8 bytes ending in CR, LF or CR LF,
in as many reads as the port happens to deliver. ``ScanBuffer`` gathers the bytes, cuts them at
the line ends and decodes each line; ``card_from_line`` reads a decoded line as a chip card's QR
with the one QR parser (``identity.parse_cccd_qr``). Anything unreadable (bytes that are not
UTF-8, control characters of a wrong baud rate, an endless line, a code that is not a card) is a
``UserError`` with a ``scanner.*`` or ``qr.*`` code: the screen says what to do, nothing crashes.
No Qt here: the port itself is ``reception_desk.ui.scanner``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from reception_desk.domain.identity import CccdQr
from reception_desk.domain.identity import looks_like_cccd_qr
from reception_desk.domain.identity import parse_cccd_qr
from reception_desk.errors import UserError

#: A card payload is a few hundred bytes; a line this long without an end is noise.
MAX_LINE_BYTES = 2048
#: Baud rates scanners are set to (9600 is the usual factory setting, 115200 the fast one).
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
DEFAULT_BAUD = 9600

_BOM = b"\xef\xbb\xbf"
_LINE_ENDS = b"\r\n"


@dataclass(frozen=True)
class ScanLine:
    """One line the scanner sent: its text, or why it cannot be read."""

    raw: bytes
    text: str | None = None
    error: UserError | None = None

    @property
    def problem(self) -> str | None:
        """The code of why the line cannot be read (None: it reads)."""
        return self.error.code if self.error is not None else None


def decode_line(raw: bytes) -> ScanLine:
    """A line's bytes (without its line end) as text: UTF-8, an optional byte-order mark, no
    control characters (those come from a wrong baud rate or a scanner not in serial mode)."""
    body = raw[len(_BOM):] if raw.startswith(_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ScanLine(raw, error=UserError("scanner.not_utf8", length=len(raw)))
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != "\t" for ch in text):
        return ScanLine(raw, error=UserError("scanner.garbage", length=len(raw)))
    return ScanLine(raw, text=text.strip())


class ScanBuffer:
    """Bytes from the port, in whatever pieces they come, cut into lines.

    ``feed`` returns the lines completed by the new bytes (blank lines, as between CR and LF,
    are skipped). A line longer than ``max_bytes`` is reported once as ``scanner.too_long`` and
    the rest of it, up to its end, is dropped. ``reset`` forgets a half-received line (the port
    closed).
    """

    def __init__(self, max_bytes: int = MAX_LINE_BYTES) -> None:
        self._max = max_bytes
        self._pending = bytearray()
        self._skipping = False

    def feed(self, data: bytes) -> list[ScanLine]:
        lines: list[ScanLine] = []
        for byte in data:
            if byte in _LINE_ENDS:
                if self._skipping:
                    self._skipping = False
                elif self._pending.strip():
                    lines.append(decode_line(bytes(self._pending)))
                self._pending.clear()
            elif not self._skipping:
                self._pending.append(byte)
                if len(self._pending) > self._max:
                    lines.append(ScanLine(bytes(self._pending[:64]), error=UserError(
                        "scanner.too_long", max=self._max)))
                    self._pending.clear()
                    self._skipping = True
        return lines

    def pending(self) -> int:
        """How many bytes of an unfinished line are held."""
        return len(self._pending)

    def reset(self) -> None:
        self._pending.clear()
        self._skipping = False


def card_from_line(line: ScanLine, *, today: date) -> CccdQr:
    """The card a scanned line holds; ``UserError`` when it is unreadable or not a CCCD QR."""
    if line.error is not None:
        raise line.error
    if line.text is None:
        raise UserError("scanner.garbage", length=len(line.raw))
    if not looks_like_cccd_qr(line.text):
        raise UserError("scanner.not_card", length=len(line.text))
    return parse_cccd_qr(line.text, today=today)
