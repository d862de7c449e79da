"""Logbook printing tab: which legal layout the printed Sổ tiếp công dân uses."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.documents.logbook import LOGBOOK_LAYOUT_SETTING
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab

#: The printed Sổ tiếp công dân's layouts, as ``desk.documents.set_logbook_layout`` takes them.
LOGBOOK_LAYOUTS: tuple[tuple[str, str], ...] = (
    ("auto", N_("&Automatic by date: TT 04/2021 (12 columns) for visits before 01/07/2026, "
                "NĐ 154/2026 (13 columns) from that day")),
    ("tt04_2021", N_("Always TT 04/2021 (&12 columns)")),
    ("nd154_2026", N_("Always NĐ 154/2026 (1&3 columns)")),
)


class LogbookLayoutTab(SettingTab):
    """Which layout the printed logbook (Sổ tiếp công dân) uses (``desk.documents``)."""

    layout_saved = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, LOGBOOK_LAYOUT_SETTING, _("&Save layout"), parent,
                         name="logbookLayoutTab")
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
        layout.addWidget(wrapped_label(_(
            "NĐ 154/2026 replaces the TT 04/2021 logbook form from 01/07/2026. Choose a fixed "
            "layout only if the office was told to keep one. Changes are recorded in the audit "
            "log.")))
        self.status_label.setObjectName("statusLabel")
        layout.addLayout(button_row(self.save_button, lead=self.status_label))
        layout.addStretch(1)
        self.buttons.get(self.value, self.buttons["auto"]).setChecked(True)

    def chosen(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "auto")

    def _store(self) -> None:
        announce(self._desk, self._desk.documents.set_logbook_layout(self.chosen(),
                                                                     self.version))
        self.value = self._desk.documents.logbook_layout_setting()

    def _announce_saved(self) -> None:
        self.layout_saved.emit(self.value)
