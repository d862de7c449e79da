"""Integrity tab: the audit chain head's short code, to copy or compare with a printed one.

The weekly pack prints the code of the chain's last link in its footer; typing the code of an
earlier pack here tells whether that link is still in the record. If it is not, something
recorded before it was rewritten or removed since (``services.office.integrity``).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.audit_chain import code_prefix
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import wrapped_label

#: Hex digits a short code carries (``domain.audit_chain.head_code``: 3F2A-91C0-7B4E).
CODE_DIGITS = 12


class IntegrityTab(QWidget):
    """The chain head's code (read-only, with a copy button) and a check of an earlier one."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("integrityTab")
        self._desk = desk
        layout = QVBoxLayout(self)
        box = QGroupBox(_("Chain head of the audit record"))
        form = QFormLayout(box)
        self.head_edit = QLineEdit()
        self.head_edit.setObjectName("chainHeadEdit")
        self.head_edit.setReadOnly(True)
        self.copy_button = QPushButton(_("&Copy"))
        self.copy_button.setObjectName("copyButton")
        form.addRow(buddy(_("Current &code:"), self.head_edit),
                    button_row(self.copy_button, lead=self.head_edit))
        form.addRow(wrapped_label(_(
            "Every weekly pack prints this code in its footer. Each change to the record moves "
            "it on; an earlier code stays findable unless something recorded before it was "
            "rewritten or removed.")))
        self.earlier_edit = QLineEdit()
        self.earlier_edit.setObjectName("earlierCodeEdit")
        self.earlier_edit.setPlaceholderText(_("e.g. 3F2A-91C0-7B4E"))
        self.earlier_edit.setMaxLength(40)
        self.verify_button = QPushButton(_("&Verify"))
        self.verify_button.setObjectName("verifyButton")
        form.addRow(buddy(_("&Earlier code:"), self.earlier_edit),
                    button_row(self.verify_button, lead=self.earlier_edit))
        self.result_label = wrapped_label(name="verifyResult")
        form.addRow(self.result_label)
        layout.addWidget(box)
        layout.addStretch(1)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.verify_button.clicked.connect(self.verify)
        self.earlier_edit.returnPressed.connect(self.verify)
        self.refresh()

    def refresh(self) -> None:
        code = self._desk.chain_head()
        self.head_edit.setText(code or _("(nothing recorded yet)"))
        self.copy_button.setEnabled(bool(code))

    @Slot()
    def verify(self) -> bool | None:
        """Look the typed code up: True found, False not in the record, None not a code."""
        typed = self.earlier_edit.text()
        if len(code_prefix(typed)) < CODE_DIGITS:
            self.result_label.setText(_("Type the code's 12 characters, e.g. 3F2A-91C0-7B4E."))
            return None
        found = self._desk.find_chain_code(typed)
        if found is None:
            self.result_label.setText(_(
                "Not in the record. If this office printed that code, something recorded before "
                "it was rewritten or removed since: run the integrity check "
                "(reception-desk check)."))
            return False
        self.result_label.setText(_(
            "Found: audit entry {number} still carries this code, so nothing recorded up to it "
            "was rewritten.").format(number=found))
        return True

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._desk.chain_head())

