"""Attachments tab: the size limit per attached file and the folder the scanner saves into."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.attachments import LIMIT_MB_RANGE
from reception_desk.errors import KnownError
from reception_desk.i18n import _
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.services.attachments.settings import SETTINGS_KEY
from reception_desk.services.desk import Desk
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab


class AttachmentsTab(SettingTab):
    """``desk.attachments`` settings (the administrator or the chairperson saves them)."""

    settings_saved = Signal()
    KNOWN_TROUBLE = (KnownError,)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, SETTINGS_KEY, _("&Save attachment settings"), parent,
                         name="attachmentsTab")
        current = desk.attachments.settings()
        layout = QVBoxLayout(self)
        box = QGroupBox(_("Attached files (scanned đơn, documents received)"))
        form = QFormLayout(box)
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(*LIMIT_MB_RANGE)
        self.limit_spin.setSuffix(" MB")
        self.limit_spin.setValue(current.limit_mb)
        form_row(form, _("Size &limit per file:"), self.limit_spin)
        self.folder_edit = QLineEdit(current.scanner_folder)
        self.folder_edit.setPlaceholderText(_("e.g. D:\\Scans or \\\\scanner\\scans"))
        self.browse_button = QPushButton(_("&Choose…"))
        form.addRow(buddy(_("Scanner &folder:"), self.folder_edit),
                    button_row(self.browse_button, lead=self.folder_edit))
        self.error_label = error_label()
        form.addRow(self.error_label)
        layout.addWidget(box)
        layout.addWidget(wrapped_label(_(
            "Files are stored in the database, so backups and every computer of the office "
            "have them. The visit form offers the newest files of the scanner folder "
            "(Ctrl+Shift+N attaches the newest). Changes are recorded in the audit log.")))
        layout.addLayout(button_row(self.save_button, lead=self.status_label))
        layout.addStretch(1)
        self.folder_dialog: QFileDialog | None = None
        self.browse_button.clicked.connect(self._on_browse_button_clicked)

    def _store(self) -> None:
        saved, _changes = announce(self._desk, self._desk.attachments.save_settings(
            AttachmentSettings(self.limit_spin.value(), self.folder_edit.text()), self.version))
        self.folder_edit.setText(saved.scanner_folder)

    def _announce_saved(self) -> None:
        self.settings_saved.emit()

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        dialog = QFileDialog(self, _("The scanner folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self.folder_edit.text():
            dialog.setDirectory(self.folder_edit.text())
        dialog.fileSelected.connect(self.folder_edit.setText)
        self.folder_dialog = dialog
        dialog.open()
