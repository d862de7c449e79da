"""Dialogue tab (issue 14): when a complaint needs a dialogue before its decision, and how many
working days before the deadline a missing one is flagged.

LEGAL.md §8.2 cites Luật KN Art. 30 and 39 from memory ("verify"): the rule is the office's data,
shipped with the commonly cited reading as its default (services.cases.dialogue_rule).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.dialogues import MAX_WARN_WORKING_DAYS
from reception_desk.domain.dialogues import POLICY_KEY
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import Need
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import show_error
from reception_desk.ui.rights import Rights

NEEDS = ((Need.ALWAYS, N_("Always")),
         (Need.WHEN_DIFFERS, N_("When the verification result differs from the request")),
         (Need.NEVER, N_("Never")))


class DialoguePolicyTab(QWidget):
    policy_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialoguePolicyTab")
        self._desk = desk
        self.version = desk.setting_version(POLICY_KEY)
        policy = desk.cases.dialogue_policy()
        form = QFormLayout(self)
        note = QLabel(_("Luật Khiếu nại 2011 Art. 30 (first-time) and Art. 39 (second-time) as "
                        "commonly cited; not verified against the text. Change it if the "
                        "office's legal adviser reads the law otherwise. Changes are recorded "
                        "in the audit log."))
        note.setWordWrap(True)
        form.addRow(note)
        self.first_combo = self._needs(policy.first_time)
        self.second_combo = self._needs(policy.second_time)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, MAX_WARN_WORKING_DAYS)
        self.days_spin.setValue(policy.warn_working_days)
        for text, widget in ((_("&First-time complaint needs a dialogue:"), self.first_combo),
                             (_("&Second-time complaint needs a dialogue:"), self.second_combo),
                             (_("&Warn this many working days before the deadline:"),
                              self.days_spin)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.error_label = error_label()
        form.addRow(self.error_label)
        self.status_label = QLabel()
        self.save_button = QPushButton(_("Save &dialogue rule"))
        form.addRow(button_row(self.save_button, lead=self.status_label))
        self.rights = Rights(desk.access, self)
        self.rights.gate(self.save_button, Permission.MANAGE_SETTINGS)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    @staticmethod
    def _needs(current: Need) -> QComboBox:
        box = QComboBox()
        for need, text in NEEDS:
            box.addItem(_(text), need.value)
        box.setCurrentIndex([n for n, _t in NEEDS].index(current))
        return box

    def chosen(self) -> DialoguePolicy:
        return DialoguePolicy(first_time=Need(self.first_combo.currentData()),
                              second_time=Need(self.second_combo.currentData()),
                              warn_working_days=self.days_spin.value())

    def save(self) -> bool:
        show_error(self.error_label, "")
        self.status_label.clear()
        try:
            announce(self._desk, self._desk.cases.save_dialogue_policy(self.chosen(),
                                                                       self.version))
        except UserError as error:
            self.version = changed_version(error, self.version)
            show_error(self.error_label, message_for(error))
            return False
        self.version += 1
        self.status_label.setText(_("Saved."))
        self.policy_saved.emit()
        return True

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()
