"""Messages of card scanners in serial mode (domain/scanner.py, ui/scanner): what arrived on
the port and could not be read as a card. Vietnamese in parts/counter.po."""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "scanner.not_utf8": N_(
        "The scanner sent bytes that are not UTF-8 text: set the scanner to UTF-8 output "
        "(its setup codes), then scan the card again."
    ),
    "scanner.garbage": N_(
        "The scanner sent unreadable characters: check the baud rate in Settings → Scanner "
        "(the scanner's own setting, often 9600 or 115200), then scan the card again."
    ),
    "scanner.too_long": N_(
        "The scanner sent a line too long to be a card (no line end): check that the scanner "
        "ends each code with CR or LF, then scan the card again."
    ),
    "scanner.not_card": N_(
        "The scanned code is not the QR of a chip identity card (CCCD): scan the QR code on "
        "the card."
    ),
}
