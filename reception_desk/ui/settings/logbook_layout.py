"""Logbook printing tab: which legal layout the printed Sổ tiếp công dân uses."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.documents.logbook import LOGBOOK_LAYOUT_SETTING
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import show_error

#: The printed Sổ tiếp công dân's layouts, as ``desk.documents.set_logbook_layout`` takes them.
LOGBOOK_LAYOUTS: tuple[tuple[str, str], ...] = (
    ("auto", N_("&Automatic by date: TT 04/2021 (12 columns) for visits before 01/07/2026, "
                "NĐ 154/2026 (13 columns) from that day")),
    ("tt04_2021", N_("Always TT 04/2021 (&12 columns)")),
    ("nd154_2026", N_("Always NĐ 154/2026 (1&3 columns)")),
)


class LogbookLayoutTab(QWidget):
    """Which layout the printed logbook (Sổ tiếp công dân) uses (``desk.documents``)."""

    layout_saved = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logbookLayoutTab")
        self._desk = desk
        #: The setting's version as read (before the value): the save compares-and-sets it.
        self.version = desk.setting_version(LOGBOOK_LAYOUT_SETTING)
        self.value = desk.documents.logbook_layout_setting()
        layout = QVBoxLayout(self)
        box = QGroupBox(_("Layout of the printed Sổ tiếp công dân"))
        options = QVBoxLayout(box)
        self.buttons: dict[str, QRadioButton] = {}
        for value, text in LOGBOOK_LAYOUTS:
            button = QRadioButton(_(text))
            button.setObjectName(f"layout_{value}")
            options.addWidget(button)
            self.buttons[value] = button
        self.error_label = error_label()
        options.addWidget(self.error_label)
        layout.addWidget(box)
        note = QLabel(_("NĐ 154/2026 replaces the TT 04/2021 logbook form from 01/07/2026. Choose "
                        "a fixed layout only if the office was told to keep one. Changes are "
                        "recorded in the audit log."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.save_button = QPushButton(_("&Save layout"))
        layout.addLayout(button_row(self.save_button, lead=self.status_label))
        layout.addStretch(1)
        self.buttons.get(self.value, self.buttons["auto"]).setChecked(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def chosen(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "auto")

    def save(self) -> bool:
        show_error(self.error_label, "")
        self.status_label.clear()
        try:
            announce(self._desk, self._desk.documents.set_logbook_layout(self.chosen(),
                                                                         self.version))
        except UserError as error:
            self.version = changed_version(error, self.version)  # saving again overwrites
            show_error(self.error_label, message_for(error))
            return False
        self.version += 1
        self.value = self._desk.documents.logbook_layout_setting()
        self.status_label.setText(_("Saved."))
        self.layout_saved.emit(self.value)
        return True

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()
