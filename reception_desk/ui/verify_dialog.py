"""Is a receipt genuine? Type the code printed under its QR code, or scan the QR.

A handheld scanner "types" the QR text and presses Enter, so the line edit accepts either the
bare code ("7KQ2M-9XD4P") or the whole payload ("RD1|BN|15/2026|7KQ2M9XD4P").
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.services.documents.desk import Verification
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.messages_documents import text

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

GENUINE_COLOUR = "#1b5e20"
NOT_FOUND_COLOUR = "#b71c1c"


class VerifyDialog(QDialog):
    """Checks codes against the office's issued documents."""

    verified = Signal(object)  # Verification

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(text("verify.title"))
        self.resize(520, 280)
        self._desk = desk
        self.last_result: Verification | None = None

        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setPlaceholderText(text("verify.placeholder"))
        self.code_edit.setClearButtonEnabled(True)
        prompt = QLabel(text("verify.prompt"), self)
        prompt.setBuddy(self.code_edit)
        self.check_button = QPushButton(text("verify.check"), self)
        self.check_button.setDefault(True)
        self.check_button.setAutoDefault(True)
        self.verdict = wrapped_label(name="verdict")
        self.details = wrapped_label(name="details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Own button: Qt's standard "Close" text is not translated without Qt's catalogs.
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(text("preview.close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(prompt)
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

        self.code_edit.returnPressed.connect(self._on_check_requested)
        self.check_button.clicked.connect(self._on_check_requested)
        self.code_edit.setFocus()

    @Slot()
    def _on_check_requested(self) -> None:
        self.check(self.code_edit.text())

    def check(self, code: str) -> Verification | None:
        """Verify ``code`` and show the verdict; None (and a hint) when nothing was typed."""
        if not code.strip():
            self.last_result = None
            self.verdict.setText(text("verify.empty"))
            self.details.clear()
            return None
        result = self._desk.documents.verify(code)
        self.last_result = result
        doc = result.document
        if result.genuine and doc is not None:
            kind = text(f"doc.{doc.doc_type.value}")
            headline = text("verify.genuine", kind=kind, number=doc.number_text)
            self.verdict.setText(f'<b style="color:{GENUINE_COLOUR}">✔ {escape(headline)}</b>')
            lines = [text("verify.issued", date=doc.issued_at.strftime("%d/%m/%Y %H:%M"),
                          staff=doc.issued_by)]
            if doc.citizen_name:
                lines.append(text("verify.citizen", name=doc.citizen_name))
            if result.visit_stt:
                lines.append(text("verify.visit", stt=result.visit_stt))
            lines.append(text("verify.prints", count=doc.print_count))
            if result.visit_voided:
                lines.append(f'<span style="color:{NOT_FOUND_COLOUR}">'
                             f'{escape(text("verify.voided"))}</span>')
            self.details.setText("<br/>".join(
                x if x.startswith("<span") else escape(x) for x in lines))
        else:
            self.verdict.setText(
                f'<b style="color:{NOT_FOUND_COLOUR}">✘ {escape(text("verify.not_found"))}</b>')
            self.details.clear()
        self.code_edit.selectAll()  # the next scan replaces the code
        self.verified.emit(result)
        return result
