"""The office calendar (announced days off, make-up working days) and the deadline rule table.

Small static lists, so plain table widgets. Rules verified in the legal code are read-only; the
office may change the figures of the others ([T]/[N]/[M] sources), with a reason. Every change
recomputes the open cases' deadlines in the same transaction (``calendar_changed`` tells the
window to refresh the case list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.cases.dto import RecomputeReport
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.services.cases.dto import RuleView
from reception_desk.services.desk import Desk
from reception_desk.services.office.rules import RULES_KEY
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import weekday_name
from reception_desk.ui.cases import error_text
from reception_desk.ui.cases import parse_day
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import read_only_rows
from reception_desk.ui.rights import Rights

OVERRIDE_COLUMNS = (N_("Date"), N_("Weekday"), N_("Day type"), N_("Note"), N_("Changed by"))
BUILT_IN_COLUMNS = (N_("Date"), N_("Weekday"), N_("Day type"), N_("Origin"), N_("Source"))
RULE_COLUMNS = (N_("Time limit"), N_("Days"), N_("Unit"), N_("Complex"), N_("Remote"),
                N_("Complex + remote"), N_("Extensions"), N_("In force"), N_("Legal basis"),
                N_("Source"))
_READ_ONLY_BG = QColor("#f2f2f2")
_OVERRIDDEN_BG = QColor("#fde9b6")


def _optional(value: int | None) -> str:
    return "—" if value is None else str(value)


class CalendarDialog(QDialog):
    """Tabs: the office's calendar entries; the deadline rules."""

    calendar_changed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.rights = Rights(desk.access, self)  # editing the calendar and rules: settings
        self._rules: list[RuleView] = []
        self.setWindowTitle(_("Working calendar and time limits"))
        self.resize(1180, 700)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_calendar(), _("&Days off and make-up days"))
        self.tabs.addTab(self._build_rules(), _("&Time limits"))
        layout.addWidget(self.tabs, 1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    # --- calendar tab ----------------------------------------------------------------------
    def _build_calendar(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(_("Statutory holidays (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh…) and the swaps "
                        "the Government announced are built in (below, with their source). Add "
                        "here the days off and make-up working days the office follows; an entry "
                        "here also overrides a built-in day."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.built_in_table = QTableWidget(0, len(BUILT_IN_COLUMNS))
        read_only_rows(self.built_in_table, [_(c) for c in BUILT_IN_COLUMNS],
                       (110, 110, 170, 230), single=False)
        layout.addWidget(self.built_in_table, 1)
        layout.addWidget(QLabel(_("The office's own entries:")))
        self.override_table = QTableWidget(0, len(OVERRIDE_COLUMNS))
        read_only_rows(self.override_table, [_(c) for c in OVERRIDE_COLUMNS],
                       (110, 110, 170, 460), single=False)
        layout.addWidget(self.override_table, 1)
        form = QHBoxLayout()
        self.day_edit = QLineEdit()
        self.day_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.day_edit.setMaximumWidth(130)
        day_label = QLabel(_("D&ate:"))
        day_label.setBuddy(self.day_edit)
        self.kind_combo = QComboBox()
        for kind in OverrideKind:
            self.kind_combo.addItem(case_label(kind), kind)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("e.g. Công văn số 15/UBND-VP of the province"))
        note_label = QLabel(_("&Note:"))
        note_label.setBuddy(self.note_edit)
        self.add_button = QPushButton(_("&Add / change"))
        self.remove_button = QPushButton(_("&Remove selected"))
        for widget in (day_label, self.day_edit, self.kind_combo, note_label):
            form.addWidget(widget)
        form.addWidget(self.note_edit, 1)
        form.addWidget(self.add_button)
        form.addWidget(self.remove_button)
        layout.addLayout(form)
        self.add_button.clicked.connect(self.add_override)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        return page

    # --- rules tab -------------------------------------------------------------------------
    def _build_rules(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(_("Rules checked in the legal code are fixed (grey). The office may set its "
                        "own figures for the others, citing the document it follows."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.rule_table = QTableWidget(0, len(RULE_COLUMNS))
        read_only_rows(self.rule_table, [_(c) for c in RULE_COLUMNS],
                       (240, 70, 105, 75, 75, 125, 65, 165, 190))
        layout.addWidget(self.rule_table, 1)
        box = QGroupBox(_("Office figures for the selected rule"))
        form = QFormLayout(box)
        self.unit_combo = QComboBox()
        for unit in PeriodUnit:
            self.unit_combo.addItem(case_label(unit), unit)
        self.days_spin = self._spin(False)
        self.complex_spin = self._spin(True)
        self.remote_spin = self._spin(True)
        self.complex_remote_spin = self._spin(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("The document the office follows"))
        form.addRow(_("Unit:"), self.unit_combo)
        form.addRow(_("Days:"), self.days_spin)
        form.addRow(_("Complex case (0 = none):"), self.complex_spin)
        form.addRow(_("Remote area (0 = none):"), self.remote_spin)
        form.addRow(_("Complex, remote (0 = none):"), self.complex_remote_spin)
        form.addRow(_("Reason:"), self.reason_edit)
        buttons = QHBoxLayout()
        self.save_rule_button = QPushButton(_("&Save the office's figures"))
        self.reset_rule_button = QPushButton(_("Back to the &statutory figures"))
        buttons.addWidget(self.save_rule_button)
        buttons.addWidget(self.reset_rule_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout.addWidget(box)
        self.rule_table.currentCellChanged.connect(self._on_rule_table_current_cell_changed)
        for button in (self.add_button, self.remove_button, self.save_rule_button,
                       self.reset_rule_button):
            self.rights.gate(button, Permission.MANAGE_SETTINGS)
        self.save_rule_button.clicked.connect(self.save_rule)
        self.reset_rule_button.clicked.connect(self._on_reset_rule_button_clicked)
        return page

    @staticmethod
    def _spin(optional: bool) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0 if optional else 1, 365)
        if optional:
            spin.setSpecialValueText("—")
        return spin

    # --- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        this_year = self._desk.today().year
        built_in = [i for i in self._desk.cases.calendar().special_days(
            date(this_year - 1, 1, 1), date(this_year + 1, 12, 31))
            if i.origin is not DayOrigin.OFFICE]
        self.built_in_table.setRowCount(len(built_in))
        for row, info in enumerate(built_in):
            cells = (format_day(info.day), weekday_name(info.day),
                     case_label(OverrideKind.WORKING_DAY if info.working
                                else OverrideKind.DAY_OFF),
                     case_label(info.origin), info.source)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.built_in_table.setItem(row, column, item)
        overrides = self._desk.cases.overrides()
        #: The entries as read: a save or removal compares-and-sets the day's entry.
        self.overrides_read = {o.day: o for o in overrides}
        self.override_table.setRowCount(len(overrides))
        for row, o in enumerate(overrides):
            cells = (format_day(o.day), weekday_name(o.day), case_label(o.kind), o.note,
                     o.updated_by)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, o.day.isoformat())
                self.override_table.setItem(row, column, item)
        #: The rule table setting's version as read (before the rules): a save or reset
        #: compares-and-sets it, so another counter's change of the table is never lost.
        self.rules_version = self._desk.setting_version(RULES_KEY)
        self._rules = self._desk.cases.rule_views()
        self.rule_table.setRowCount(len(self._rules))
        for row, r in enumerate(self._rules):
            in_force = _("from {start}").format(start=format_day(r.valid_from)) \
                if r.valid_to is None else _("{start} to {end}").format(
                start=format_day(r.valid_from), end=format_day(r.valid_to))
            if r.valid_from == date.min:
                in_force = "—"
            extensions = _("{count} × {days}").format(count=r.max_extensions,
                                                      days=r.extension_days) \
                if r.max_extensions else "—"
            source = case_label(r.confidence)
            if r.overridden:
                source = _("Office figures: {note}").format(note=r.note)
            cells = (case_label(r.kind), str(r.days), case_label(r.unit),
                     _optional(r.complex_days), _optional(r.remote_days),
                     _optional(r.complex_remote_days), extensions, in_force, r.basis, source)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if r.overridden:
                    item.setBackground(_OVERRIDDEN_BG)
                elif not r.editable:
                    item.setBackground(_READ_ONLY_BG)
                self.rule_table.setItem(row, column, item)
        self._on_rule_table_current_cell_changed(self.rule_table.currentRow(), 0, -1, -1)

    def selected_rule(self) -> RuleView | None:
        row = self.rule_table.currentRow()
        return self._rules[row] if 0 <= row < len(self._rules) else None

    # --- slots -----------------------------------------------------------------------------
    @Slot(int, int, int, int)
    def _on_rule_table_current_cell_changed(self, row: int, _c: int, _pr: int,
                                            _pc: int) -> None:
        rule = self.selected_rule()
        editable = rule is not None and rule.editable
        for widget in (self.unit_combo, self.days_spin, self.complex_spin, self.remote_spin,
                       self.complex_remote_spin, self.reason_edit):
            widget.setEnabled(editable)
        self.rights.enable(self.save_rule_button, editable)
        self.rights.enable(self.reset_rule_button, rule is not None and rule.overridden)
        if rule is None:
            return
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(rule.unit))
        self.days_spin.setValue(rule.days)
        self.complex_spin.setValue(rule.complex_days or 0)
        self.remote_spin.setValue(rule.remote_days or 0)
        self.complex_remote_spin.setValue(rule.complex_remote_days or 0)
        self.reason_edit.setText(rule.note)


    @Slot()
    def add_override(self) -> bool:
        try:
            day = parse_day(self.day_edit.text())
            if day is None:
                raise UserError("ui.date_unreadable", text="")
            _dto, report, _changes = announce(self._desk, self._desk.cases.set_override(
                day, OverrideKind(self.kind_combo.currentData()), self.note_edit.text(),
                expected=self.overrides_read.get(day)))
        except UserError as error:
            self._show_error(error)
            return False
        self.day_edit.clear()
        self.note_edit.clear()
        self._changed(report)
        return True

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.override_table.currentRow()
        item = self.override_table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        day = date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
        try:
            report, _changes = announce(self._desk, self._desk.cases.remove_override(
                day, expected=self.overrides_read.get(day)))
        except UserError as error:
            self._show_error(error)
            return
        self._changed(report)


    @Slot()
    def save_rule(self) -> bool:
        rule = self.selected_rule()
        if rule is None:
            return False
        edit = RuleEdit(
            kind=rule.kind, valid_from=rule.valid_from, days=self.days_spin.value(),
            unit=PeriodUnit(self.unit_combo.currentData()),
            complex_days=self.complex_spin.value() or None,
            remote_days=self.remote_spin.value() or None,
            complex_remote_days=self.complex_remote_spin.value() or None,
            note=self.reason_edit.text())

        def save() -> RecomputeReport:
            _view, report, _changes = announce(self._desk, self._desk.cases.save_rule(
                edit, self.rules_version))
            return report

        return self._change_rules(save)

    @Slot()
    def _on_reset_rule_button_clicked(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return

        def reset() -> RecomputeReport:
            report, _changes = announce(self._desk, self._desk.cases.reset_rule(
                rule.kind, rule.valid_from, self.rules_version))
            return report

        self._change_rules(reset)

    def _change_rules(self, change: Callable[[], RecomputeReport]) -> bool:
        """Run ``change`` of the rule table and stay on the same row; if refused, say why."""
        try:
            report = change()
        except UserError as error:
            # Another counter changed the table meanwhile: the typed figures stay; saving again
            # replaces its values with them, knowingly (the message said so).
            self.rules_version = changed_version(error, self.rules_version)
            self._show_error(error)
            return False
        row = self.rule_table.currentRow()
        self._changed(report)
        self.rule_table.setCurrentCell(row, 0)
        return True

    def _changed(self, report: RecomputeReport) -> None:
        self.load()
        self.status_label.setStyleSheet("")
        self.status_label.setText(_("Saved. Deadlines recomputed for {cases} open cases "
                                    "({changed} changed).").format(cases=report.cases,
                                                                   changed=report.changed))
        self.calendar_changed.emit()

    def _show_error(self, error: UserError) -> None:
        if error.code == "calendar.changed_elsewhere":
            self.load()  # the entries as they stand now: the next save compares with these
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(error_text(error))
