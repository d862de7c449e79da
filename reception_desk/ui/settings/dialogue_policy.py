"""Dialogue tab (issue 14): when a complaint needs a dialogue before its decision, and how many
working days before the deadline a missing one is flagged.

LEGAL.md §8.2 cites Luật KN Art. 30 and 39 from memory ("verify"): the rule is the office's data,
shipped with the commonly cited reading as its default (services.cases.dialogue_rule).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from reception_desk.domain.dialogues import MAX_WARN_WORKING_DAYS
from reception_desk.domain.dialogues import POLICY_KEY
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.dialogues import Need
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab

NEEDS = ((Need.ALWAYS, N_("Always")),
         (Need.WHEN_DIFFERS, N_("When the verification result differs from the request")),
         (Need.NEVER, N_("Never")))


class DialoguePolicyTab(SettingTab):
    policy_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, POLICY_KEY, _("Save &dialogue rule"), parent,
                         name="dialoguePolicyTab")
        policy = desk.cases.dialogue_policy()
        form = QFormLayout(self)
        form.addRow(wrapped_label(_(
            "Luật Khiếu nại 2011 Art. 30 (first-time) and Art. 39 (second-time) as commonly "
            "cited; not verified against the text. Change it if the office's legal adviser "
            "reads the law otherwise. Changes are recorded in the audit log.")))
        self.first_combo = self._needs(policy.first_time)
        self.second_combo = self._needs(policy.second_time)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, MAX_WARN_WORKING_DAYS)
        self.days_spin.setValue(policy.warn_working_days)
        form_row(form, _("&First-time complaint needs a dialogue:"), self.first_combo)
        form_row(form, _("&Second-time complaint needs a dialogue:"), self.second_combo)
        form_row(form, _("&Warn this many working days before the deadline:"), self.days_spin)
        self.error_label = error_label()
        form.addRow(self.error_label)
        form.addRow(button_row(self.save_button, lead=self.status_label))

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

    def _store(self) -> None:
        announce(self._desk, self._desk.cases.save_dialogue_policy(self.chosen(), self.version))

    def _announce_saved(self) -> None:
        self.policy_saved.emit()
