"""Settings: the office's names and place, its staff, the field taxonomy, the hotspot policy, the
printed logbook's layout, attached files (size limit, scanner folder), the card scanner's serial
port, the UI language and the audit chain head (Integrity), the dialogue rule, and the periodic
reports' recipients and submission day, and the chair's reception duty figures.

Every change goes through the ``Desk`` (which writes the audit rows); nothing is ever deleted:
staff and fields are deactivated. The hotspot thresholds, weights and reasons are the office's
LOCAL POLICY, not law (LEGAL.md §11), and the tab says so; its sensitive fields are the field
taxonomy's "sensitive" marks (Fields tab), not a list of their own. The language is a
per-computer preference kept in QSettings and takes effect after a restart; so is the card
scanner's port (``ui.scanner``), which takes effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.ui.forms import close_buttons
from reception_desk.ui.scanner.port import SerialScanner
from reception_desk.ui.scanner.settings_tab import ScannerTab
from reception_desk.ui.settings.attachments import AttachmentsTab
from reception_desk.ui.settings.dialogue_policy import DialoguePolicyTab
from reception_desk.ui.settings.duty import DutyRulesTab
from reception_desk.ui.settings.hotspot_policy import HotspotPolicyTab
from reception_desk.ui.settings.integrity import IntegrityTab
from reception_desk.ui.settings.language import LanguageTab
from reception_desk.ui.settings.logbook_layout import LogbookLayoutTab
from reception_desk.ui.settings.office import OfficeTab
from reception_desk.ui.settings.report_options import ReportOptionsTab
from reception_desk.ui.settings.staff import StaffTab
from reception_desk.ui.settings.taxonomy import FieldsTab


class SettingsDialog(QDialog):
    """Office, staff, field taxonomy, hotspot policy, logbook layout and language, each on its
    own tab."""

    office_saved = Signal()
    staff_saved = Signal(int)
    field_saved = Signal(str)
    hotspot_policy_saved = Signal()
    logbook_layout_saved = Signal(str)
    language_changed = Signal(str)

    def __init__(self, desk: Desk, settings: QSettings | None = None,
                 parent: QWidget | None = None, *, scanner: SerialScanner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.resize(980, 660)
        self._settings = settings if settings is not None else QSettings()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.office_tab = OfficeTab(desk)
        self.staff_tab = StaffTab(desk)
        self.fields_tab = FieldsTab(desk)
        self.hotspot_tab = HotspotPolicyTab(desk)
        self.logbook_tab = LogbookLayoutTab(desk)
        self.language_tab = LanguageTab(self._settings)
        self.attachments_tab = AttachmentsTab(desk)
        self.integrity_tab = IntegrityTab(desk)
        # The main window's scanner (a dialog opened alone tests with a scanner of its own).
        self.scanner = scanner or SerialScanner(desk.today, self)
        self.scanner_tab = ScannerTab(self.scanner, self._settings)
        self.report_options_tab = ReportOptionsTab(desk)
        self.tabs.addTab(self.office_tab, _("&Office"))
        self.tabs.addTab(self.staff_tab, _("S&taff"))
        self.tabs.addTab(self.fields_tab, _("&Fields"))
        self.tabs.addTab(self.hotspot_tab, _("&Hotspots"))
        self.tabs.addTab(self.logbook_tab, _("Log&book printing"))
        self.tabs.addTab(self.attachments_tab, _("&Attachments"))
        self.tabs.addTab(self.scanner_tab, _("S&canner"))
        self.tabs.addTab(self.language_tab, _("&Language"))
        self.tabs.addTab(self.integrity_tab, _("Inte&grity"))
        # Issue 14: when a complaint needs a dialogue (office data: LEGAL.md §8.2 unverified).
        self.dialogue_tab = DialoguePolicyTab(desk)
        self.tabs.addTab(self.dialogue_tab, _("&Dialogue"))
        self.tabs.addTab(self.report_options_tab, _("&Reports"))
        # Issue 14: the chair's reception duty figures (LEGAL.md §7; the monthly one unverified).
        self.duty_tab = DutyRulesTab(desk)
        self.tabs.addTab(self.duty_tab, _("Reception d&uty"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close_buttons(self))  # Enter in a field must never close the dialog
        self.office_tab.office_saved.connect(self.office_saved)
        self.staff_tab.staff_saved.connect(self.staff_saved)
        self.fields_tab.field_saved.connect(self.field_saved)
        self.fields_tab.field_saved.connect(self._on_fields_tab_field_saved)
        self.hotspot_tab.policy_saved.connect(self.hotspot_policy_saved)
        self.hotspot_tab.fields_tab_requested.connect(self._on_fields_tab_requested)
        self.logbook_tab.layout_saved.connect(self.logbook_layout_saved)
        self.language_tab.language_changed.connect(self.language_changed)

    @Slot(str)
    def _on_fields_tab_field_saved(self, _code: str) -> None:
        self.hotspot_tab.show_sensitive_fields()

    @Slot()
    def _on_fields_tab_requested(self) -> None:
        self.tabs.setCurrentWidget(self.fields_tab)
        self.fields_tab.tree.setFocus()
