"""The serial card scanner: a ``QSerialPort`` read into ``domain.scanner.ScanBuffer``.

``SerialScanner`` opens the configured port, turns each CR/LF-ended payload into a card
(``card_scanned``) or a sentence saying why it cannot be read (``scan_rejected``), and when the
port goes away (the scanner unplugged, the port in use) closes it and tries again every
``retry_ms`` until it comes back. ``status_changed`` carries a sentence for the status bar and
the settings tab. The choice of port is per computer (QSettings, ``ScannerChoice``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtSerialPort import QSerialPort
from PySide6.QtSerialPort import QSerialPortInfo

from reception_desk.domain.scanner import BAUD_RATES
from reception_desk.domain.scanner import DEFAULT_BAUD
from reception_desk.domain.scanner import ScanBuffer
from reception_desk.domain.scanner import card_from_line
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.texts import message

#: How often a missing scanner is looked for again.
RETRY_MS = 2000
_KEY = "scanner/"


@dataclass(frozen=True)
class ScannerChoice:
    """The port this computer's scanner is on (QSettings ``scanner/*``)."""

    enabled: bool = False
    port: str = ""
    baud: int = DEFAULT_BAUD

    @classmethod
    def load(cls, settings: QSettings) -> ScannerChoice:
        enabled = settings.value(_KEY + "enabled", False)
        try:
            baud = int(str(settings.value(_KEY + "baud", DEFAULT_BAUD)))
        except ValueError:
            baud = DEFAULT_BAUD
        return cls(enabled=str(enabled).lower() in ("true", "1"),
                   port=str(settings.value(_KEY + "port", "") or ""),
                   baud=baud if baud > 0 else DEFAULT_BAUD)

    def save(self, settings: QSettings) -> None:
        settings.setValue(_KEY + "enabled", self.enabled)
        settings.setValue(_KEY + "port", self.port)
        settings.setValue(_KEY + "baud", self.baud)
        settings.sync()


class ScannerState(enum.Enum):
    OFF = "off"  # serial mode not used (keyboard mode only)
    CONNECTED = "connected"
    WAITING = "waiting"  # chosen port absent or failed: trying again


def available_ports() -> list[tuple[str, str]]:
    """(port name, description) of the serial ports this computer has now."""
    ports = []
    for info in QSerialPortInfo.availablePorts():
        text = " — ".join(p for p in (info.description(), info.manufacturer()) if p)
        ports.append((info.portName(), text))
    return ports


def baud_rates() -> tuple[int, ...]:
    return BAUD_RATES


class SerialScanner(QObject):
    """Reads card payloads from one serial port and reconnects after an unplug."""

    card_scanned = Signal(object)  # domain.identity.CccdQr
    scan_rejected = Signal(str)  # the sentence to show
    status_changed = Signal(str)

    def __init__(self, today: Callable[[], date], parent: QObject | None = None, *,
                 retry_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self._today = today
        self._choice = ScannerChoice()
        self._buffer = ScanBuffer()
        self._port: QSerialPort | None = None
        self._state = ScannerState.OFF
        self._status = _("Card scanner: keyboard mode only (no serial port chosen).")
        #: While the settings tab tests a scan, cards go to it and not to the visit form.
        self.testing = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._on_retry_timeout)

    # --- public ----------------------------------------------------------------------------
    def choice(self) -> ScannerChoice:
        return self._choice

    def state(self) -> ScannerState:
        return self._state

    def status_text(self) -> str:
        return self._status

    def pending_bytes(self) -> int:
        """Bytes of a payload begun but not yet ended (its end has not arrived)."""
        return self._buffer.pending()

    def configure(self, choice: ScannerChoice) -> None:
        """Use ``choice`` from now on (the port is closed and opened again)."""
        self._choice = choice
        self._close()
        self._retry.stop()
        if choice.enabled and choice.port:
            self._open()
        else:
            self._set_state(ScannerState.OFF, _(
                "Card scanner: keyboard mode only (no serial port chosen)."))

    def stop(self) -> None:
        """Close the port for good (the window closes)."""
        self._retry.stop()
        self._close()

    # --- the port --------------------------------------------------------------------------
    def _open(self) -> None:
        port = QSerialPort(self)
        port.setPortName(self._choice.port)
        port.setBaudRate(self._choice.baud)
        port.setDataBits(QSerialPort.DataBits.Data8)
        port.setParity(QSerialPort.Parity.NoParity)
        port.setStopBits(QSerialPort.StopBits.OneStop)
        port.setFlowControl(QSerialPort.FlowControl.NoFlowControl)
        if not port.open(QSerialPort.OpenModeFlag.ReadOnly):
            reason = port.errorString()
            port.deleteLater()
            self._wait(reason)
            return
        port.readyRead.connect(self._on_port_ready_read)
        port.errorOccurred.connect(self._on_port_error_occurred)
        self._port = port
        self._buffer.reset()
        self._set_state(ScannerState.CONNECTED, _(
            "Card scanner connected on {port} ({baud} baud).").format(
                port=self._choice.port, baud=self._choice.baud))

    def _close(self) -> None:
        port, self._port = self._port, None
        self._buffer.reset()
        if port is not None:
            port.readyRead.disconnect(self._on_port_ready_read)
            port.errorOccurred.disconnect(self._on_port_error_occurred)
            if port.isOpen():
                port.close()
            port.deleteLater()

    def _wait(self, reason: str) -> None:
        self._set_state(ScannerState.WAITING, _(
            "Card scanner on {port} not available ({reason}): trying again every {seconds} s. "
            "Keyboard mode still works.").format(
                port=self._choice.port, reason=reason,
                seconds=max(1, round(self._retry.interval() / 1000))))
        self._retry.start()

    def _set_state(self, state: ScannerState, text: str) -> None:
        self._state = state
        if text != self._status:
            self._status = text
            self.status_changed.emit(text)

    @Slot()
    def _on_retry_timeout(self) -> None:
        if self._port is None and self._choice.enabled and self._choice.port:
            self._open()

    @Slot()
    def _on_port_ready_read(self) -> None:
        port = self._port
        if port is None:
            return
        for line in self._buffer.feed(bytes(port.readAll().data())):
            try:
                card = card_from_line(line, today=self._today())
            except UserError as exc:
                self.scan_rejected.emit(message(exc.code, exc.params))
                continue
            self.card_scanned.emit(card)

    @Slot(QSerialPort.SerialPortError)
    def _on_port_error_occurred(self, error: QSerialPort.SerialPortError) -> None:
        if error in (QSerialPort.SerialPortError.NoError,
                     QSerialPort.SerialPortError.TimeoutError):
            return
        port = self._port
        reason = port.errorString() if port is not None else ""
        self._close()
        self._wait(reason)
