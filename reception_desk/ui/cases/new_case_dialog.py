"""Open a case: from a logbook visit, or standalone (a đơn by post…) with its first complainant
picked from the citizen registry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.cases.dto import NewCase
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.texts.cases import case_label
from reception_desk.ui.cases.forms import combo
from reception_desk.ui.cases.forms import combo_enum
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.changes import announce
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import error_label


class NewCaseDialog(QDialog):
    """Open a case, from a logbook visit (``visit_id``) or standalone (a đơn by post…)."""

    case_opened = Signal(int)

    def __init__(self, desk: Desk, visit_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._visit_id = visit_id
        self.case_id: int | None = None
        self.setWindowTitle(_("New case from visit") if visit_id else _("New case"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.type_combo = combo(([(_("(from the visit)"), None)] if visit_id else [])
                                 + [(case_label(t), t) for t in CaseType])
        form.addRow(buddy(_("&Type:"), self.type_combo), self.type_combo)
        self.title_edit = QLineEdit()
        if visit_id:
            self.title_edit.setPlaceholderText(_("(from the visit's content)"))
        form.addRow(buddy(_("T&itle:"), self.title_edit), self.title_edit)
        self.object_combo = combo([("—", None)]
                                   + [(case_label(o), o) for o in ComplaintObject])
        form.addRow(buddy(_("Complaint &against:"), self.object_combo),
                    self.object_combo)
        self.received_edit = QLineEdit()
        self.received_edit.setPlaceholderText(_("dd/mm/yyyy (empty: today)"))
        self.received_edit.setEnabled(visit_id is None)
        form.addRow(buddy(_("&Received on:"), self.received_edit),
                    self.received_edit)
        self.respondents_edit = QLineEdit()
        form.addRow(buddy(_("&Complained about:"), self.respondents_edit),
                    self.respondents_edit)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(80)
        form.addRow(buddy(_("C&ontent:"), self.content_edit), self.content_edit)
        self.remote_check = QCheckBox(_("Re&mote, hard-to-travel area"))
        form.addRow("", self.remote_check)
        # Standalone (a đơn by post…): the first complainant from the registry; from a visit the
        # visit's citizen is the complainant.
        self.citizen: CitizenSummary | None = None
        self.complainant_edit = QLineEdit()
        self.complainant_edit.setPlaceholderText(_("Name or ID number, Enter to pick"))
        self.complainant_label = QLabel()
        self.complainant_label.setTextFormat(Qt.TextFormat.PlainText)
        self.complainant_label.setWordWrap(True)
        self.complainant_search: CitizenSearch | None = None
        if visit_id is None:
            form.addRow(buddy(_("&First complainant:"), self.complainant_edit),
                        self.complainant_edit)
            form.addRow("", self.complainant_label)
            self.complainant_search = CitizenSearch(
                self.complainant_edit, desk,
                empty_text=_("No citizen found in the registry: citizens are added when their "
                             "visit is logged."))
            self.complainant_search.citizen_picked.connect(
                self._on_complainant_search_citizen_picked)
            self.complainant_edit.textEdited.connect(self._on_complainant_edit_text_edited)
        self._show_citizen()
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Open the case"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.submit()

    def _show_citizen(self) -> None:
        c = self.citizen
        self.complainant_label.setText(
            _("Complainant: {name}").format(name=", ".join(
                p for p in (c.full_name, c.id_number, c.address) if p))
            if c is not None else _("No complainant chosen yet (can be added on the case page)."))

    @Slot(object)
    def _on_complainant_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.citizen = citizen
        self._show_citizen()

    @Slot(str)
    def _on_complainant_edit_text_edited(self, _text: str) -> None:
        if self.citizen is not None:
            self.citizen = None
            self._show_citizen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the complainant field (no list showing) never opens the case by accident."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.complainant_edit.hasFocus()
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def submit(self) -> bool:
        try:
            if self.complainant_edit.text().strip() and self.citizen is None \
                    and self._visit_id is None:
                raise UserError("case.citizen_choose", field="citizen_ids")
            cmd = NewCase(
                citizen_ids=(self.citizen.id,) if self.citizen is not None else (),
                case_type=combo_enum(CaseType, self.type_combo),
                title=self.title_edit.text(),
                content=self.content_edit.toPlainText(), visit_id=self._visit_id,
                complaint_object=combo_enum(ComplaintObject, self.object_combo),
                respondents=self.respondents_edit.text(), remote=self.remote_check.isChecked(),
                received_on=parse_day(self.received_edit.text()))
            detail, _changes = announce(self._desk, self._desk.cases.open_case(cmd))
        except UserError as error:
            self.error_label.setText(error_text(error))
            self.error_label.show()
            return False
        self.case_id = detail.id
        self.case_opened.emit(detail.id)
        self.accept()
        return True
