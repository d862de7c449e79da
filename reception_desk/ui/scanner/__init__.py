"""Card scanners in serial mode (USB virtual COM, LEGAL.md §10.1). Keyboard mode needs nothing
here: a scan typed into the name or ID number field is read by ``ui.citizen_search`` and
``ui.visit_form.identity``.

- ``port``: ``SerialScanner`` (the port, its reconnection, its status) and ``ScannerChoice``
  (this computer's port, baud rate and on/off, kept in QSettings).
- ``routing``: ``ScanRouter``, which sends a card to the open citizen search or the visit form.
- ``settings_tab``: ``ScannerTab``, the Settings tab with the "scan a test code" check.

The bytes-to-card logic is Qt-free in ``reception_desk.domain.scanner``.
"""

from reception_desk.ui.scanner.port import ScannerChoice
from reception_desk.ui.scanner.port import ScannerState
from reception_desk.ui.scanner.port import SerialScanner

__all__ = ["ScannerChoice", "ScannerState", "SerialScanner"]
