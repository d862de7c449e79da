"""Hotspots tab: the office's hotspot thresholds, weights and reasons in use.

These are the office's LOCAL POLICY, not law (LEGAL.md §11), and the tab says so; its sensitive
fields are the field taxonomy's "sensitive" marks (Fields tab), not a list of their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import Reason
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.office.rules import POLICY_KEY as HOTSPOT_POLICY_KEY
from reception_desk.texts import message_for as hotspot_message
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.messages_hotspots import POLICY_NOTE
from reception_desk.ui.messages_hotspots import reason_label
from reception_desk.ui.settings.setting_tab import SettingTab

#: The policy's numbers: (key, label, unit). The domain (HotspotPolicy.from_json) holds the limits;
#: the spin boxes only keep typing to whole numbers, and a refused value is explained beside it.
POLICY_NUMBERS: tuple[tuple[str, str, str], ...] = (
    ("long_running_days", N_("Long-running: open for &more than"), N_("days since reception")),
    ("long_running_levels", N_("Long-running: or handled at"), N_("levels or more")),
    ("crowd_threshold", N_("C&rowd: a visit of"), N_("people or more")),
    ("repeat_visits", N_("Re&peated visits:"), N_("visits or more on the matter")),
    ("repeat_window_days", N_("Repeated visits: within"), N_("days")),
    ("complex_criteria", N_("Comple&x:"), N_("complexity criteria recorded or more")),
    ("visit_lookback_days", N_("Crowd and disorder visits count for"),
     N_("days (older ones no longer flag a case)")),
    ("simultaneous_days", N_("Bypass, several levels at once: within"),
     N_("days of the commune's reception (operational definition, not law)")),
)
SPIN_MAX = 99_999
WEIGHT_MAX = 100


def _policy_problem(error: UserError) -> str:
    """The sentence for a refused policy value (its allowed range when the desk gives it)."""
    low, high = error.params.get("low"), error.params.get("high")
    if low is not None and high is not None:
        return _("Enter a whole number from {low} to {high}.").format(low=low, high=high)
    return hotspot_message(error)


class HotspotPolicyTab(SettingTab):
    """The office's hotspot thresholds, weights and reasons in use (``desk.hotspots``)."""

    policy_saved = Signal()
    fields_tab_requested = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, HOTSPOT_POLICY_KEY, _("&Save hotspot policy"), parent,
                         name="hotspotPolicyTab")
        self.policy: HotspotPolicy = desk.hotspots.policy()
        layout = QVBoxLayout(self)
        self.policy_note = wrapped_label(_("{note} Changes are recorded in the audit log with "
                                           "who made them and when.").format(note=_(POLICY_NOTE)),
                                         name="policyNote")
        self.policy_note.setStyleSheet(
            "background: #fff4d6; color: #4a3800; border: 1px solid #e0c77a; "
            "border-radius: 3px; padding: 6px; font-style: italic;")
        layout.addWidget(self.policy_note)

        columns = QHBoxLayout()
        numbers_box = QGroupBox(_("Thresholds"))
        grid = QGridLayout(numbers_box)
        grid.setColumnStretch(3, 1)
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        row = 0
        for key, title, unit in POLICY_NUMBERS:
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(0, SPIN_MAX)
            spin.setFixedWidth(90)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            label = QLabel(_(title))
            label.setBuddy(spin)
            self.spins[key] = spin
            self.errors[key] = error_label()
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(QLabel(_(unit)), row, 2)
            grid.addWidget(self.errors[key], row + 1, 1, 1, 3)
            row += 2
            if key == "crowd_threshold":
                self.delegation_check = QCheckBox(_("or a &delegation (đoàn), whatever its "
                                                    "size"))
                self.errors["crowd_delegation"] = error_label()
                grid.addWidget(self.delegation_check, row, 1, 1, 3)
                grid.addWidget(self.errors["crowd_delegation"], row + 1, 1, 1, 3)
                row += 2
        grid.setRowStretch(row, 1)
        columns.addWidget(numbers_box, 3)

        reasons_box = QGroupBox(_("Reasons in use and their weights"))
        reasons = QGridLayout(reasons_box)
        reasons.addWidget(wrapped_label(_("A case's score is the sum of the weights of its "
                                          "reasons.")), 0, 0, 1, 3)
        reasons.addWidget(QLabel(_("Weight")), 1, 1)
        self.reason_checks: dict[Reason, QCheckBox] = {}
        self.weight_spins: dict[Reason, QSpinBox] = {}
        self.weight_errors: dict[Reason, QLabel] = {}
        for i, reason in enumerate(Reason):
            check = QCheckBox(reason_label(reason))
            check.setObjectName(f"use_{reason.value}")
            weight = QSpinBox()
            weight.setObjectName(f"weight_{reason.value}")
            weight.setRange(0, WEIGHT_MAX)
            weight.setFixedWidth(70)
            weight.setAlignment(Qt.AlignmentFlag.AlignRight)
            weight.setAccessibleName(_("Weight of {reason}").format(reason=reason_label(reason)))
            self.reason_checks[reason] = check
            self.weight_spins[reason] = weight
            self.weight_errors[reason] = error_label()
            reasons.addWidget(check, 2 * i + 2, 0)
            reasons.addWidget(weight, 2 * i + 2, 1)
            reasons.addWidget(self.weight_errors[reason], 2 * i + 3, 0, 1, 3)
            check.toggled.connect(weight.setEnabled)
        self.errors["enabled"] = error_label()
        reasons.addWidget(self.errors["enabled"], 2 * len(Reason) + 2, 0, 1, 3)
        reasons.setColumnStretch(2, 1)
        reasons.setRowStretch(2 * len(Reason) + 3, 1)
        columns.addWidget(reasons_box, 2)
        layout.addLayout(columns)

        sensitive_box = QGroupBox(_("Sensitive fields"))
        sensitive = QHBoxLayout(sensitive_box)
        self.sensitive_label = wrapped_label(name="sensitiveLabel")
        self.fields_button = QPushButton(_("Open the field l&ist…"))
        self.fields_button.setAutoDefault(False)
        sensitive.addWidget(self.sensitive_label, 1)
        sensitive.addWidget(self.fields_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(sensitive_box)
        layout.addStretch(1)

        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.defaults_button = QPushButton(_("Fill in the default &values"))
        layout.addLayout(button_row(self.defaults_button, self.save_button,
                                     lead=self.status_label))

        self.fill(self.policy)
        self.show_sensitive_fields()
        self.fields_button.clicked.connect(self.fields_tab_requested)
        self.defaults_button.clicked.connect(self.fill_defaults)

    def fill(self, policy: HotspotPolicy) -> None:
        for key, spin in self.spins.items():
            spin.setValue(int(getattr(policy, key)))
        self.delegation_check.setChecked(policy.crowd_delegation)
        for reason, check in self.reason_checks.items():
            check.setChecked(reason in policy.enabled)
            self.weight_spins[reason].setValue(policy.weight(reason))
            self.weight_spins[reason].setEnabled(reason in policy.enabled)

    def edited_policy(self) -> HotspotPolicy:
        """The policy as shown (not yet checked: the desk checks it when saving)."""
        values: dict[str, int] = {key: spin.value() for key, spin in self.spins.items()}
        return HotspotPolicy(
            long_running_days=values["long_running_days"],
            long_running_levels=values["long_running_levels"],
            crowd_threshold=values["crowd_threshold"],
            crowd_delegation=self.delegation_check.isChecked(),
            repeat_visits=values["repeat_visits"],
            repeat_window_days=values["repeat_window_days"],
            complex_criteria=values["complex_criteria"],
            visit_lookback_days=values["visit_lookback_days"],
            simultaneous_days=values["simultaneous_days"],
            weights={r: spin.value() for r, spin in self.weight_spins.items()},
            enabled=frozenset(r for r, check in self.reason_checks.items() if check.isChecked()),
            basis=self.policy.basis)

    def show_sensitive_fields(self) -> None:
        """The fields now marked sensitive (they are edited in the Fields tab)."""
        marked = [f.label for f in self._desk.fields() if f.sensitive]
        listed = "; ".join(marked) if marked else _("none")  # labels hold commas
        self.sensitive_label.setText(_(
            "A case in a field marked \"Sensitive\" in the Fields tab is flagged \"Sensitive "
            "field\" (with everything under that field). There is no separate list: mark or "
            "unmark fields there. Marked now: {fields}.").format(fields=listed))

    def _clear_messages(self) -> None:
        for label in (*self.errors.values(), *self.weight_errors.values()):
            show_error(label, "")
        self.status_label.setStyleSheet("")
        self.status_label.clear()

    def _store(self) -> None:
        self.policy, _changes = announce(self._desk, self._desk.hotspots.save_policy(
            self.edited_policy(), self.version))
        self.fill(self.policy)

    def _announce_saved(self) -> None:
        self.policy_saved.emit()

    def _show_refusal(self, error: UserError) -> None:
        """Each refused value beside its spin box (focus on it); the rest in the status line."""
        rest: list[str] = []
        for problem in problems_of(error):
            reason = problem.params.get("reason")
            label: QLabel | None
            if problem.field == "weights" and reason in {r.value for r in Reason}:
                label = self.weight_errors[Reason(reason)]
                self.weight_spins[Reason(reason)].setFocus()
            else:
                label = self.errors.get(problem.field or "")
                if problem.field in self.spins:
                    self.spins[problem.field].setFocus()
                    self.spins[problem.field].selectAll()
            if label is None:
                rest.append(hotspot_message(problem))
            else:
                show_error(label, _policy_problem(problem))
        self.status_label.setStyleSheet("color: #a40000;")
        self.status_label.setText("\n".join(rest) or _("Not saved: see the messages beside the "
                                                       "fields."))

    @Slot()
    def fill_defaults(self) -> None:
        """The default values filled in (saved only when the user saves)."""
        self._clear_messages()
        self.fill(HotspotPolicy())
        self.status_label.setText(_("The default values are filled in: save to use them."))
