"""Settings → Scanner: the serial port of this computer's card scanner, and a test scan.

The choice (on/off, port, baud rate) is per computer, kept in QSettings like the language.
"Scan a test code" lets the next card read go to this tab instead of the visit form and shows
what was read, so the clerk sees at once whether the port, the baud rate and UTF-8 are right.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.identity import CccdQr
from reception_desk.i18n import _
from reception_desk.texts.labels import label
from reception_desk.ui.scanner.port import ScannerChoice
from reception_desk.ui.scanner.port import SerialScanner
from reception_desk.ui.scanner.port import available_ports
from reception_desk.ui.scanner.port import baud_rates


def card_lines(card: CccdQr) -> str:
    """What a test scan read, one field a line."""
    rows = [
        (_("Full name"), card.full_name),
        (_("ID number"), card.id_number),
        (_("Old ID card number"), card.legacy_cmnd or "—"),
        (_("Date of birth"), card.birth_date.strftime("%d/%m/%Y")),
        (_("Sex"), label(card.sex)),
        (_("Address on the card"), card.address),
        (_("Issue date"), card.issue_date.strftime("%d/%m/%Y")),
    ]
    return "\n".join(f"{name}: {value}" for name, value in rows)


class ScannerTab(QWidget):
    """Choose the port and baud rate, switch serial mode on or off, test a scan."""

    def __init__(self, scanner: SerialScanner, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scanner = scanner
        self._settings = settings
        intro = QLabel(_(
            "A QR scanner in keyboard mode types the card into the focused field and may lose "
            "Vietnamese letters. Switched to serial (USB virtual COM) mode with its setup code, "
            "it sends the card intact: choose its port here. Keyboard mode keeps working."), self)
        intro.setWordWrap(True)
        self.enabled = QCheckBox(_("&Read the card scanner on a serial port"), self)
        self.port = QComboBox(self)
        self.port.setEditable(True)  # a port not listed yet, or /dev/serial/by-id/…
        self.port.setMinimumContentsLength(28)
        self.refresh_button = QPushButton(_("Re&fresh the list"), self)
        self.refresh_button.setAutoDefault(False)
        self.baud = QComboBox(self)
        for rate in baud_rates():
            self.baud.addItem(str(rate), rate)
        self.apply_button = QPushButton(_("&Use this port"), self)
        self.apply_button.setAutoDefault(False)
        self.test_button = QPushButton(_("&Scan a test code"), self)
        self.test_button.setAutoDefault(False)
        self.status = QLabel(scanner.status_text(), self)
        self.status.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.refresh_button)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(_("&Port:"), port_row)
        form.addRow(_("&Baud rate:"), self.baud)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.result)
        layout.addStretch(1)
        form_labels = form.labelForField(port_row)
        if isinstance(form_labels, QLabel):
            form_labels.setBuddy(self.port)

        self.refresh_ports()
        self._show_choice(scanner.choice() if scanner.choice().port else
                          ScannerChoice.load(settings))
        self.refresh_button.clicked.connect(self.refresh_ports)
        self.apply_button.clicked.connect(self.apply)
        self.test_button.clicked.connect(self.start_test)
        self.enabled.toggled.connect(self._on_enabled_toggled)
        scanner.status_changed.connect(self.status.setText)
        scanner.card_scanned.connect(self._on_scanner_card_scanned)
        scanner.scan_rejected.connect(self._on_scanner_scan_rejected)
        self._on_enabled_toggled(self.enabled.isChecked())

    # --- public ----------------------------------------------------------------------------
    @Slot()
    def refresh_ports(self) -> None:
        """The ports this computer has now (the typed one stays)."""
        typed = self.port.currentText()
        self.port.clear()
        for name, description in available_ports():
            self.port.addItem(f"{name} — {description}" if description else name, name)
        self.port.setEditText(typed)

    def chosen(self) -> ScannerChoice:
        index = self.port.findText(self.port.currentText())
        data = self.port.itemData(index) if index >= 0 else None
        port = str(data) if data else self.port.currentText().strip()
        return ScannerChoice(enabled=self.enabled.isChecked(), port=port,
                             baud=int(self.baud.currentData() or self.baud.itemData(0)))

    @Slot()
    def apply(self) -> None:
        """Keep the choice for this computer and (re)open the port."""
        choice = self.chosen()
        choice.save(self._settings)
        self._scanner.configure(choice)
        self.status.setText(self._scanner.status_text())

    @Slot()
    def start_test(self) -> None:
        """The next scan comes here, not to the visit form."""
        if self._scanner.choice() != self.chosen():
            self.apply()
        self._scanner.testing = True
        self.result.setStyleSheet("")
        self.result.setText(_("Scan the QR code of a chip identity card now…"))

    def hideEvent(self, event: QHideEvent) -> None:
        self._scanner.testing = False
        super().hideEvent(event)

    # --- internals -------------------------------------------------------------------------
    def _show_choice(self, choice: ScannerChoice) -> None:
        self.enabled.setChecked(choice.enabled)
        self.port.setEditText(choice.port)
        index = self.baud.findData(choice.baud)
        if index < 0:
            self.baud.addItem(str(choice.baud), choice.baud)
            index = self.baud.count() - 1
        self.baud.setCurrentIndex(index)

    @Slot(bool)
    def _on_enabled_toggled(self, on: bool) -> None:
        for widget in (self.port, self.refresh_button, self.baud, self.test_button):
            widget.setEnabled(on)

    @Slot(object)
    def _on_scanner_card_scanned(self, card: CccdQr) -> None:
        if not self._scanner.testing:
            return
        self._scanner.testing = False
        self.result.setStyleSheet("")
        self.result.setText(_("The scanner works. Card read:") + "\n" + card_lines(card))

    @Slot(str)
    def _on_scanner_scan_rejected(self, text: str) -> None:
        if not self._scanner.testing:
            return
        self.result.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.result.setText(text)
