"""The case page's section of the facts the legal limits need (issue 12).

- a first-time complaint: the contested decision's date and the day the complainant received or
  learned of it (ngày biết được quyết định) — the complaint limitation of 90 days runs from the
  learned day (Luật KN 2011 Art. 9), else, said so on the page, from the decision's date;
- a denunciation: entrusted verification (ủy quyền xác minh) — with verification at several
  places the only ground for the 10-working-day intake (Luật TC 2018 Art. 24(1)).

Keyboard: every field has its mnemonic, Enter moves on, the button saves; a refusal is shown under
its field and nothing is saved. The save names the version the page read (compare-and-set).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from reception_desk.domain.cases import CaseType
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.desk import Desk
from reception_desk.texts.cases import format_day
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import show_error


def _day_row(form: QFormLayout, title: str, name: str) -> tuple[QLineEdit, QLabel]:
    """A typed day under its caption, and the line under it for a refusal of that day."""
    edit = QLineEdit()
    edit.setObjectName(f"{name}Edit")
    edit.setPlaceholderText(_("dd/mm/yyyy"))
    form.addRow(buddy(title, edit), edit)
    error = error_label(name=f"{name}Error")
    form.addRow(error)
    return edit, error


class WrappedNote(QLabel):
    """A wrapped sentence that keeps the height of all its lines at its width: in a tab (whose
    pages do not pass on a height for a width) a plain wrapped label was cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))


class LegalFactsSection(QGroupBox):
    """Decision date, learned day, entrusted verification; ``saved`` after a change."""

    saved = Signal(object)  # the CaseDetail after the save

    def __init__(self, desk: Desk, parent: QGroupBox | None = None) -> None:
        super().__init__(_("Limitation and verification"), parent)
        self.setObjectName("legalFactsBox")
        self._desk = desk
        self.detail: CaseDetail | None = None
        form = QFormLayout(self)
        # Labels beside their fields when the tab is wide enough, else above them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.decision_edit, self.decision_error = _day_row(
            form, _("&Contested decision or act, its date:"), "decisionOn")
        self.learned_edit, self.learned_error = _day_row(
            form, _("&When the complainant learned of it:"), "learnedOn")
        self.entrusted_check = QCheckBox(_("Ver&ification entrusted to others (ủy quyền xác minh)"))
        self.entrusted_check.setObjectName("entrustedCheck")
        form.addRow(self.entrusted_check)
        self.entrusted_error = error_label(name="entrustedError")
        form.addRow(self.entrusted_error)
        self.note = WrappedNote()
        self.note.setObjectName("legalFactsNote")
        form.addRow(self.note)
        self.save_button = QPushButton(_("Save limi&tation facts"))
        self.save_button.setObjectName("saveLegalFacts")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        self._errors = {"decision_on": self.decision_error, "learned_on": self.learned_error,
                        "entrusted_verification": self.entrusted_error}

    def show_facts(self, detail: CaseDetail) -> None:
        self.detail = detail
        complaint = detail.case_type is CaseType.COMPLAINT_FIRST
        denunciation = detail.case_type is CaseType.DENUNCIATION
        self.decision_edit.setText(format_day(detail.decision_on) if detail.decision_on else "")
        self.learned_edit.setText(format_day(detail.decision_learned_on)
                                  if detail.decision_learned_on else "")
        self.entrusted_check.setChecked(detail.entrusted_verification)
        for widget in (self.decision_edit, self.learned_edit):
            widget.setEnabled(complaint)
        self.entrusted_check.setEnabled(denunciation)
        self.setVisible(complaint or denunciation)
        if complaint:
            self.note.setText(_(
                "The 90-day complaint limitation runs from the day the complainant received or "
                "learned of the decision (Luật KN Art. 9); without that day it is counted from "
                "the decision's date, and the page says so."))
        else:
            self.note.setText(_(
                "The denunciation intake may take 10 working days instead of 7 only when "
                "verification is needed at several places (criterion a) or is entrusted to "
                "others (Luật TC Art. 24(1))."))
        for label in self._errors.values():
            show_error(label, "")


    @Slot()
    def save(self) -> bool:
        """Save what is shown; a refusal is shown under its field and nothing is saved."""
        assert self.detail is not None
        for label in self._errors.values():
            show_error(label, "")
        try:
            decision = self._day(self.decision_edit, "decision_on")
            learned = self._day(self.learned_edit, "learned_on")
            facts = LegalFacts(self.detail.id, decision_on=decision, learned_on=learned,
                               entrusted_verification=self.entrusted_check.isChecked(),
                               expected_version=self.detail.version)
            detail, _changes = announce(self._desk, self._desk.cases.set_legal_facts(facts))
        except UserError as error:
            label = self._errors.get(error.field or "", self.learned_error)
            show_error(label, error_text(error))
            return False
        self.detail = detail
        self.saved.emit(detail)
        return True

    def _day(self, edit: QLineEdit, field: str) -> date | None:
        try:
            return parse_day(edit.text())
        except UserError as error:
            raise UserError(error.code, field=field, **error.params) from None
