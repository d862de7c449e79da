"""Voiding a visit: the reason asked for (required), refusals shown inline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitRow
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce


class VoidDialog(QDialog):
    """Asks why a visit is voided (required) and calls the desk; refusals are shown inline."""

    visit_voided = Signal(int)

    def __init__(self, desk: Desk, visit: VisitRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._visit = visit
        self.setWindowTitle(_("Void visit"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        what = QLabel(_("Void visit {stt} of {name}? It stays in the logbook, struck out.").format(
            stt=visit.stt, name=visit.citizen_name))
        what.setWordWrap(True)
        layout.addWidget(what)
        prompt = QLabel(_("&Reason (required):"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(90)
        prompt.setBuddy(self.reason_edit)
        layout.addWidget(prompt)
        layout.addWidget(self.reason_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Void visit"))
        ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Keep the visit"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)
        self.reason_edit.setFocus()

    @Slot()
    def _on_reason_edit_text_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason_edit.toPlainText().strip()))

    @Slot()
    def _on_buttons_accepted(self) -> None:
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            self._show_error(_("Please give the reason for voiding."))
            return
        try:
            announce(self._desk, self._desk.void_visit(self._visit.id, reason))
        except UserError as error:
            self._show_error(message_for(error))
            return
        self.visit_voided.emit(self._visit.id)
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
