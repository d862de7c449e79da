"""The list of the documents issued for a visit (issue 6): ``IssuedDocumentsDialog``; Enter
reprints the selected one as a copy (same number, "BẢN SAO"), and its buttons issue each kind of
form. The forms are in ``ui.issue_forms`` (on the base ``ui.issue_dialog.IssueDialog``); their
names are importable from here too, as the logbook opens them by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.services.documents.desk import IDENTITY_WITHHELD
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import IssuedDocumentDTO
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.texts import message_for
from reception_desk.texts.access import shown_name
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import banner_label
from reception_desk.ui.issue_dialog import IssueDialog
from reception_desk.ui.issue_forms import AppointmentDialog
from reception_desk.ui.issue_forms import RefusalDialog
from reception_desk.ui.issue_forms import TransferDialog
from reception_desk.ui.messages_documents import text
from reception_desk.ui.print_preview import PrintPreviewDialog
from reception_desk.ui.print_preview import open_window_modal
from reception_desk.ui.print_preview import print_visit_receipt
from reception_desk.ui.print_preview import show_document
from reception_desk.ui.rights import Rights
from reception_desk.ui.theme import FORM_STYLE

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

__all__ = [
    "AppointmentDialog",
    "IssueDialog",
    "IssuedDocumentsDialog",
    "RefusalDialog",
    "TransferDialog",
    "open_window_modal",
]

_DocRole = Qt.ItemDataRole.UserRole + 2
_FORMS: tuple[type[IssueDialog], ...] = (RefusalDialog, AppointmentDialog, TransferDialog)

_KIND_CODES = {DocType.RECEIPT: "doc.receipt", DocType.REFUSAL: "doc.refusal",
               DocType.APPOINTMENT: "doc.appointment", DocType.TRANSFER: "doc.transfer"}


class IssuedDocumentsDialog(QDialog):
    """The documents issued for a visit; Enter reprints the selected one as a copy.

    Buttons issue each kind of form (their dialogs open window-modally on top of this one).
    Signals: ``document_issued(id)`` (a new number), ``document_reprinted(id)``.
    """

    document_issued = Signal(int)
    document_reprinted = Signal(int)

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self._desk = desk
        self.visit_id = visit_id
        self.visit = desk.visit(visit_id)
        self.documents: list[IssuedDocumentDTO] = []
        self.preview: PrintPreviewDialog | None = None
        self.form_dialog: IssueDialog | None = None
        self.setWindowTitle(text("issued.title", stt=self.visit.stt))
        self.resize(760, 380)

        layout = QVBoxLayout(self)
        who = QLabel(f"{shown_name(self.visit.citizen_name)} · "
                     f"{self.visit.received_at:%d/%m/%Y %H:%M}")
        who.setObjectName("visitLabel")
        layout.addWidget(who)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("documentsTable")
        self.table.setHorizontalHeaderLabels([
            text("issued.col_type"), text("issued.col_number"), text("issued.col_date"),
            text("issued.col_by"), text("issued.col_prints")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(text("issued.empty"))
        self.empty_label.setObjectName("emptyLabel")
        layout.addWidget(self.empty_label)
        self.status_label = banner_label(name="statusLabel")
        layout.addWidget(self.status_label)

        self.reprint_button = QPushButton(text("issued.reprint"))
        self.reprint_button.setDefault(True)
        self.receipt_button = QPushButton(text("issued.receipt"))
        self.refusal_button = QPushButton(text("issued.refusal"))
        self.appointment_button = QPushButton(text("issued.appointment"))
        self.transfer_button = QPushButton(text("issued.transfer"))
        self.close_button = QPushButton(text("issue.close"))
        forms = QHBoxLayout()
        forms.addWidget(self.reprint_button)
        forms.addStretch(1)
        for button in (self.receipt_button, self.refusal_button, self.appointment_button,
                       self.transfer_button):
            button.setAutoDefault(False)
            forms.addWidget(button)
        layout.addLayout(forms)
        bottom = QHBoxLayout()
        keys = QLabel(text("issued.keys"))
        keys.setEnabled(False)
        bottom.addWidget(keys)
        bottom.addStretch(1)
        self.close_button.setAutoDefault(False)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self.reprint_action = QAction(text("issued.reprint"), self.table)
        self.reprint_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                          QKeySequence(Qt.Key.Key_Enter)])
        self.reprint_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.reprint_action)
        self.reprint_action.triggered.connect(self.reprint_selected)
        # the button and a double click do what Enter does (nothing while it is greyed out)
        self.reprint_button.clicked.connect(self.reprint_action.trigger)
        self.table.doubleClicked.connect(self.reprint_action.trigger)
        self.receipt_button.clicked.connect(self.print_receipt)
        # the form buttons, one group: each opens its form (_FORMS, in the same order)
        self.form_buttons = QButtonGroup(self)
        for index, button in enumerate((self.refusal_button, self.appointment_button,
                                        self.transfer_button)):
            self.form_buttons.addButton(button, index)
        self.form_buttons.idClicked.connect(self._on_form_buttons_id_clicked)
        self.close_button.clicked.connect(self.reject)
        # Issuing and reprinting need the right to issue documents (the list is everyone's).
        self.rights = Rights(self._desk.access, self)
        for target in (self.reprint_button, self.reprint_action, self.receipt_button,
                       self.refusal_button, self.appointment_button, self.transfer_button):
            self.rights.gate(target, Permission.ISSUE_DOCUMENTS)
        # a voided visit may still get its refusal notice, nothing else new
        for button in (self.receipt_button, self.appointment_button, self.transfer_button):
            self.rights.enable(button, not self.visit.voided)
        self.reload()
        self.table.setFocus()

    # --- list ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Re-read the visit's documents (newest last) and select ``select_id`` or the newest."""
        self.documents = self._desk.documents.for_visit(self.visit_id)
        self.table.setRowCount(len(self.documents))
        for row, doc in enumerate(self.documents):
            kind = text(_KIND_CODES[doc.doc_type])
            if doc.citizen_name == IDENTITY_WITHHELD:
                kind = text("issued.withheld", kind=kind)
            cells = [kind, text("issued.number", number=doc.number_text),
                     f"{doc.issued_at:%d/%m/%Y %H:%M}", doc.issued_by, str(doc.print_count)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(_DocRole, doc.id)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        has_rows = bool(self.documents)
        self.empty_label.setVisible(not has_rows)
        self.rights.enable(self.reprint_button, has_rows)
        self.rights.enable(self.reprint_action, has_rows)
        if has_rows:
            ids = [d.id for d in self.documents]
            row = ids.index(select_id) if select_id in ids else len(ids) - 1
            self.table.selectRow(row)
            self.table.setCurrentCell(row, 0)

    def selected_document(self) -> IssuedDocumentDTO | None:
        row = self.table.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    # --- reprint ---------------------------------------------------------------------------
    @Slot()
    def reprint_selected(self) -> PrintedDocument | None:
        """Reprint the selected document as a copy (counted) and open its preview."""
        doc = self.selected_document()
        if doc is None:
            return None
        self.status_label.hide()
        try:
            printed, _changes = announce(self._desk, self._desk.documents.reprint(doc.id))
        except UserError as error:
            self._show_status(error)
            return None
        self.preview = show_document(self._desk, printed, self)
        self.reload(doc.id)
        self.document_reprinted.emit(doc.id)
        return printed

    def _show_status(self, error: ReceptionDeskError) -> None:
        self.status_label.setText(message_for(error))
        self.status_label.show()


    # --- issuing ---------------------------------------------------------------------------
    @Slot()
    def print_receipt(self) -> PrintPreviewDialog | None:
        self.status_label.hide()
        try:
            self.preview = print_visit_receipt(self._desk, self.visit_id, self)
        except UserError as error:
            self._show_status(error)
            return None
        latest = self._desk.documents.latest_for_visit(self.visit_id, DocType.RECEIPT)
        self.reload(latest.id if latest else None)
        if latest is not None:
            self.document_issued.emit(latest.id)
        return self.preview

    def open_form(self, kind: type[IssueDialog]) -> IssueDialog | None:
        """Open the issuing dialog of ``kind`` on top of this list (window-modal)."""
        self.status_label.hide()
        try:
            dialog = kind(self._desk, self.visit_id, self)
        except UserError as error:
            self._show_status(error)
            return None
        dialog.document_issued.connect(self._on_form_document_issued)
        self.form_dialog = dialog
        open_window_modal(dialog)
        return dialog

    @Slot(int)
    def _on_form_document_issued(self, document_id: int) -> None:
        self.reload(document_id)
        self.document_issued.emit(document_id)


    @Slot(int)
    def _on_form_buttons_id_clicked(self, index: int) -> None:
        self.open_form(_FORMS[index])
