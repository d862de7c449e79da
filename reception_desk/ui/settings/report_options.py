"""Reports tab: the recipients printed under "Nơi nhận" on every statutory report, one a line,
and the day of the month the office sends it (the report's printed date). The office writes
both: the recipient and deadline of a commune's report after July 2025 are not confirmed
(LEGAL.md §8.1). Saved with compare-and-set, like the other settings tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.services.reports.options import OPTIONS_KEY
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab


class ReportOptionsTab(SettingTab):
    """Recipients (Alt+N) and submission day (Alt+Y) of the periodic reports; Save (Alt+S)."""

    options_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, OPTIONS_KEY, _("&Save report settings"), parent,
                         name="reportOptionsTab")
        options = desk.reports.options()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.recipients_edit = QPlainTextEdit()
        self.recipients_edit.setObjectName("reportRecipients")
        self.recipients_edit.setTabChangesFocus(True)
        self.recipients_edit.setPlainText("\n".join(options.recipients))
        self.recipients_edit.setFixedHeight(150)
        form_row(form, _("Recipients (&Nơi nhận), one a line:"), self.recipients_edit)
        self.day_box = QSpinBox()
        self.day_box.setObjectName("reportSubmissionDay")
        self.day_box.setRange(0, 28)
        self.day_box.setSpecialValueText(_("the day it is printed"))
        self.day_box.setValue(options.submission_day or 0)
        form_row(form, _("Sent on da&y of the month:"), self.day_box)
        layout.addLayout(form)
        layout.addWidget(wrapped_label(_(
            "The report is dated on this day of the month after its period ends (periods end "
            "on the 14th: 16 dates a quarter III report 16/09). Recipient and deadline of a "
            "commune's report after July 2025 are not confirmed: write what the office was "
            "told. Changes are recorded in the audit log.")))
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addLayout(button_row(self.save_button, lead=self.status_label))
        layout.addStretch(1)

    def chosen(self) -> ReportOptions:
        lines = tuple(line for line in self.recipients_edit.toPlainText().splitlines()
                      if line.strip())
        return ReportOptions(lines, self.day_box.value() or None)

    def _store(self) -> None:
        announce(self._desk, self._desk.reports.save_options(self.chosen(), self.version))
        saved = self._desk.reports.options()
        self.recipients_edit.setPlainText("\n".join(saved.recipients))

    def _announce_saved(self) -> None:
        self.options_saved.emit()
