"""The case page's "for the reports" section: what the statutory reports count that no event
says (issue 13) — whether the petition is đủ điều kiện xử lý (not recorded: the reports infer it
from the first handling), the day the office urged the competent body (đôn đốc) and the day a
reply came from the body it was transferred to. Keyboard: Alt+K, Alt+U, Alt+R, then Alt+F saves.

``saved`` carries the case (CaseDetail) after a save; ``failed`` the sentence of a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.desk import Desk
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy


class ReportFactsSection(QGroupBox):
    """Eligibility, urging and a reply to a transfer, as the statutory reports count them."""

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(_("For the statutory reports"), parent)
        self._desk = desk
        self._detail: CaseDetail | None = None
        self.setObjectName("caseReportFacts")
        form = QFormLayout(self)
        self.eligible_combo = QComboBox()
        self.eligible_combo.setObjectName("caseEligible")
        for text, value in ((_("Not recorded (inferred from the first handling)"), None),
                            (_("Eligible for handling"), True),
                            (_("Not eligible for handling"), False)):
            self.eligible_combo.addItem(text, value)
        form.addRow(buddy(_("Eligible (&K):"), self.eligible_combo), self.eligible_combo)
        self.urged_edit = QLineEdit()
        self.urged_edit.setObjectName("caseUrgedOn")
        self.urged_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.urged_edit.setToolTip(_("The day the office urged the competent body to resolve "
                                     "it (đôn đốc), instead of transferring it again"))
        form.addRow(buddy(_("Urged the body on (&U):"), self.urged_edit), self.urged_edit)
        self.reply_edit = QLineEdit()
        self.reply_edit.setObjectName("caseReplyOn")
        self.reply_edit.setPlaceholderText(_("dd/mm/yyyy"))
        form.addRow(buddy(_("Reply received on (&Y):"), self.reply_edit), self.reply_edit)
        self.save_button = QPushButton(_("Save for the reports (Alt+F)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        self.save_shortcut = QShortcut(QKeySequence("Alt+F"), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.save_shortcut.activated.connect(self.save)

    def show_detail(self, detail: CaseDetail) -> None:
        self._detail = detail
        facts = detail.report_facts or CaseReportFacts()
        self.eligible_combo.setCurrentIndex(self.eligible_combo.findData(facts.eligible)
                                            if facts.eligible is not None else 0)
        self.urged_edit.setText(facts.urged_on.strftime("%d/%m/%Y") if facts.urged_on else "")
        self.reply_edit.setText(facts.reply_received_on.strftime("%d/%m/%Y")
                                if facts.reply_received_on else "")

    def facts(self) -> CaseReportFacts:
        """What the section says (``ui.date_unreadable`` for a day it cannot read)."""
        value = self.eligible_combo.currentData()
        return CaseReportFacts(None if value is None else bool(value),
                               parse_day(self.urged_edit.text()),
                               parse_day(self.reply_edit.text()))

    @Slot()
    def save(self) -> bool:
        detail = self._detail
        if detail is None:
            return False
        try:
            saved, _changes = announce(self._desk, self._desk.cases.set_report_facts(
                detail.id, self.facts(), expected_version=detail.version))
        except UserError as error:
            self.failed.emit(error_text(error))
            return False
        self._detail = saved
        self.saved.emit(saved)
        return True

