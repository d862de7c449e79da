"""Reception duty tab (issue 14): how often the chair must receive citizens, by date.

LEGAL.md §7: at least 1 day per ISO week until 30/06/2026 (Luật TCD 2013 Art. 15 [P]) and at
least 2 days per calendar month from 01/07/2026 (Luật 136/2025 [N], unverified). The figures are
the office's data (setting ``session_duty_rules``): the table lists the rules by the day they take
effect; the fields under it edit the chosen rule; the legal basis and its confidence tag are shown
read-only. Saved with compare-and-set, like the other settings tabs; a refusal keeps what was
typed and shows the desk's sentence at the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.sessions import DEFAULT_DUTY_RULES
from reception_desk.domain.sessions import DutyRule
from reception_desk.domain.sessions import DutyUnit
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.sessions.duty import RULES_KEY
from reception_desk.texts import message_for
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import read_only_rows
from reception_desk.ui.forms import select_data
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab

UNITS = ((DutyUnit.ISO_WEEK, N_("ISO week")), (DutyUnit.MONTH, N_("Calendar month")))
CONFIDENCE = {"P": N_("[P] checked against the text"), "N": N_("[N] not verified")}


@dataclass(frozen=True, slots=True)
class RuleRow:
    """One rule as typed: the day stays text until Save, so a wrong day is never lost."""

    day_text: str
    unit: DutyUnit
    min_days: int
    delegated: bool
    source: str = ""
    confidence: str = ""

    @classmethod
    def of(cls, rule: DutyRule) -> RuleRow:
        return cls(rule.effective_from.strftime("%d/%m/%Y"), rule.unit, rule.min_days,
                   rule.delegated_counts, rule.source, rule.confidence)

    def rule(self) -> DutyRule:
        day = parse_day(self.day_text)
        if day is None:
            raise UserError("ui.date_unreadable", field="effective_from", text=self.day_text)
        return DutyRule(day, self.unit, self.min_days, self.source, self.confidence,
                        self.delegated)


def unit_text(unit: DutyUnit) -> str:
    return _(dict(UNITS)[unit])


def basis_text(row: RuleRow) -> str:
    tag = _(CONFIDENCE[row.confidence]) if row.confidence in CONFIDENCE else row.confidence
    source = row.source or _("the office's own rule")
    return f"{source} — {tag}" if tag else source


class DutyRulesTab(SettingTab):
    """Rules by date (Alt+Y); the chosen rule's day (Alt+E), period (Alt+I), minimum days
    (Alt+M), delegated sessions (Alt+N); New rule (Alt+W), Remove (Alt+V), shipped defaults
    (Alt+P), Save (Alt+S). Vietnamese letters differ (tests check neither language clashes)."""

    rules_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, RULES_KEY, _("&Save duty rules"), parent, name="dutyRulesTab")
        self.rows: list[RuleRow] = [RuleRow.of(r) for r in desk.sessions.duty_rules()]
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(_(
            "How often the chair must receive citizens in person (LEGAL.md §7). Each rule is in "
            "force from its day until the next rule. The monthly figure from 01/07/2026 is not "
            "verified against the law: change it if the office's legal adviser reads it "
            "otherwise. Changes are recorded in the audit log.")))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("dutyRules")
        read_only_rows(self.table, [_("Effective from"), _("Period"), _("Minimum days"),
                                    _("Delegated count"), _("Legal basis")],
                       (100, 140, 130, 140))
        layout.addWidget(buddy(_("Rules b&y date:"), self.table))
        layout.addWidget(self.table, 1)
        self.table_error = error_label(name="dutyRulesError")
        layout.addWidget(self.table_error)
        form = QFormLayout()
        self.day_edit = QLineEdit()
        self.day_edit.setObjectName("dutyEffectiveFrom")
        self.day_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.day_error = error_label(name="dutyEffectiveFromError")
        self.unit_combo = QComboBox()
        for unit, text in UNITS:
            self.unit_combo.addItem(_(text), unit.value)
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("dutyMinDays")
        self.days_spin.setRange(0, 31)  # the desk judges the figure (1 to 7) and says why
        self.days_error = error_label(name="dutyMinDaysError")
        self.delegated_box = QCheckBox(_("Sessions presided by a vice chair or a delegate "
                                         "cou&nt"))
        self.basis_label = wrapped_label()
        form_row(form, _("&Effective from:"), self.day_edit, self.day_error)
        form_row(form, _("Per&iod:"), self.unit_combo)
        form_row(form, _("&Minimum days:"), self.days_spin, self.days_error)
        form.addRow("", self.delegated_box)
        form.addRow(_("Legal basis:"), self.basis_label)
        layout.addLayout(form)
        self.new_button = QPushButton(_("Ne&w rule"))
        self.remove_button = QPushButton(_("Remo&ve rule"))
        self.defaults_button = QPushButton(_("Reset to shi&pped defaults"))
        self.error_label = error_label(name="dutySaveError")
        layout.addWidget(self.error_label)
        layout.addLayout(button_row(self.new_button, self.remove_button, self.defaults_button,
                                    self.save_button, lead=self.status_label))
        for button in (self.new_button, self.remove_button, self.defaults_button):
            self.rights.gate(button, Permission.MANAGE_SETTINGS)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.day_edit.textEdited.connect(self._on_field_edited)
        self.unit_combo.activated.connect(self._on_field_edited)
        self.days_spin.valueChanged.connect(self._on_field_edited)
        self.delegated_box.toggled.connect(self._on_field_edited)
        self.new_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.defaults_button.clicked.connect(self.reset_to_defaults)
        self._show_rows(0)

    # --- the table and the chosen rule ----------------------------------------------------------
    def _show_rows(self, current: int) -> None:
        self._loading = True
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            self._fill(i, row)
        self._loading = False
        if self.rows:
            self.table.setCurrentCell(min(max(current, 0), len(self.rows) - 1), 0)
        self._load_current()

    def _fill(self, i: int, row: RuleRow) -> None:
        cells = (row.day_text, unit_text(row.unit), str(row.min_days),
                 _("yes") if row.delegated else _("no"), basis_text(row))
        for column, text in enumerate(cells):
            self.table.setItem(i, column, QTableWidgetItem(text))

    def current_row(self) -> int:
        return self.table.currentRow() if 0 <= self.table.currentRow() < len(self.rows) else -1

    def _load_current(self) -> None:
        i = self.current_row()
        editing = i >= 0
        for widget in (self.day_edit, self.unit_combo, self.days_spin, self.delegated_box):
            widget.setEnabled(editing)
        if not editing:
            self.basis_label.clear()
            return
        row = self.rows[i]
        self._loading = True
        self.day_edit.setText(row.day_text)
        select_data(self.unit_combo, row.unit)
        self.days_spin.setValue(row.min_days)
        self.delegated_box.setChecked(row.delegated)
        self.basis_label.setText(basis_text(row))
        self._loading = False

    @Slot(int, int, int, int)
    def _on_table_current_cell_changed(self, _row: int, _col: int, _prev: int, _pcol: int) -> None:
        if not self._loading:
            self._load_current()

    @Slot()
    def _on_field_edited(self) -> None:
        i = self.current_row()
        if self._loading or i < 0:
            return
        row = replace(self.rows[i], day_text=self.day_edit.text(),
                      unit=DutyUnit(self.unit_combo.currentData()),
                      min_days=self.days_spin.value(),
                      delegated=self.delegated_box.isChecked())
        self.rows[i] = row
        self._fill(i, row)

    # --- actions ----------------------------------------------------------------------------
    @Slot()
    def add_rule(self) -> None:
        last = self.rows[-1] if self.rows else None
        self.rows.append(RuleRow("", last.unit if last else DutyUnit.MONTH,
                                 last.min_days if last else 1, False))
        self._show_rows(len(self.rows) - 1)
        self.day_edit.setFocus()

    @Slot()
    def remove_rule(self) -> None:
        i = self.current_row()
        if i >= 0:
            del self.rows[i]
            self._show_rows(i)
            self.table.setFocus()

    @Slot()
    def reset_to_defaults(self) -> None:
        """The shipped figures back in the table (saved only by Save)."""
        self.rows = [RuleRow.of(r) for r in DEFAULT_DUTY_RULES]
        self._show_rows(0)
        self.status_label.setText(_("Shipped figures shown: Save to keep them."))

    def _clear_messages(self) -> None:
        for label in (self.table_error, self.day_error, self.days_error, self.error_label):
            show_error(label, "")
        self.status_label.clear()

    def _store(self) -> None:
        rules = []
        for i, row in enumerate(self.rows):
            try:
                rules.append(row.rule())
            except UserError:
                self.table.setCurrentCell(i, 0)
                raise
        announce(self._desk, self._desk.sessions.save_duty_rules(rules, self.version))
        self.rows = [RuleRow.of(r) for r in self._desk.sessions.duty_rules()]
        self._show_rows(self.current_row())

    def _announce_saved(self) -> None:
        self.rules_saved.emit()

    def _show_refusal(self, error: UserError) -> None:
        """Each sentence beside the field it is about; the row it names chosen."""
        for problem in problems_of(error):
            text = message_for(problem)
            if problem.code == "ui.date_unreadable":
                show_error(self.day_error, text)
                self.day_edit.setFocus()
            elif problem.code == "session.duty_rules_bad_days":
                bad = [i for i, r in enumerate(self.rows) if not 1 <= r.min_days <= 7]
                if bad:
                    self.table.setCurrentCell(bad[0], 0)
                show_error(self.days_error, text)
                self.days_spin.setFocus()
            elif problem.code == "session.duty_rules_same_day":
                seen: set[str] = set()
                for i, r in enumerate(self.rows):
                    key = str(parse_day(r.day_text))
                    if key in seen:
                        self.table.setCurrentCell(i, 0)
                        break
                    seen.add(key)
                show_error(self.day_error, text)
                self.day_edit.setFocus()
            elif problem.code == "session.duty_rules_empty":
                show_error(self.table_error, text)
            else:
                show_error(self.error_label, text)



