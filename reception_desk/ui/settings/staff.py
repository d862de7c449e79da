"""Staff tab: who receives citizens and who presides, added and edited in ``StaffDialog``.

Nobody is deleted: people who left are deactivated, so old visits keep their names."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import StaffDTO
from reception_desk.services.office.dto import StaffRole
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import active_toggle_text
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import show_error
from reception_desk.ui.settings.records import RecordDialog
from reception_desk.ui.settings.records import RecordsTab
from reception_desk.ui.setup_wizard import STAFF_ROLES
from reception_desk.ui.setup_wizard import role_label


class StaffDialog(RecordDialog):
    """Add or edit one staff member; the desk's refusals are shown next to the fields."""

    staff_saved = Signal(int)

    def __init__(self, desk: Desk, staff: StaffDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Edit staff member") if staff else _("Add staff member"), 480,
                         parent)
        self._desk = desk
        self._staff = staff
        form = self.form
        self.name_edit = QLineEdit(staff.full_name if staff else "")
        self.position_edit = QLineEdit(staff.position if staff else "")
        self.role_combo = QComboBox()
        for role in STAFF_ROLES:
            self.role_combo.addItem(role_label(role), role.value)
        if staff:
            self.role_combo.setCurrentIndex(self.role_combo.findData(staff.role.value))
        self.active_check = QCheckBox(_("&Active"))
        self.active_check.setChecked(staff.active if staff else True)
        self.errors = {"full_name": error_label(), "position": error_label()}
        form_row(form, _("&Full name:"), self.name_edit, self.errors["full_name"])
        form_row(form, _("&Position:"), self.position_edit, self.errors["position"])
        form_row(form, _("&Role:"), self.role_combo)
        form.addRow("", self.active_check)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self._lay_out(self.name_edit)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        for label in (*self.errors.values(), self.error_label):
            show_error(label, "")
        try:
            saved, _changes = announce(self._desk, self._desk.save_staff(
                self.name_edit.text(), self.position_edit.text(),
                StaffRole(self.role_combo.currentData()),
                staff_id=self._staff.id if self._staff else None,
                active=self.active_check.isChecked(),
                expected_version=self._staff.version if self._staff else None))
        except UserError as error:
            if self._staff is not None:  # changed elsewhere: saving again overwrites, knowingly
                self._staff = replace(self._staff, version=changed_version(
                    error, self._staff.version))
            rest = []
            for problem in problems_of(error):
                if problem.field in self.errors:
                    show_error(self.errors[problem.field], message_for(problem))
                else:
                    rest.append(message_for(problem))
            show_error(self.error_label, "\n".join(rest))
            return
        self.staff_saved.emit(saved.id)
        self.accept()


class StaffTab(RecordsTab):
    staff_saved = Signal(int)

    NAME, POSITION, ROLE, STATUS = range(4)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._staff: list[StaffDTO] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Full name"), _("Position"), _("Role"),
                                              _("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.POSITION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(self.ROLE, 180)
        header.resizeSection(self.STATUS, 130)
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.toggle_button = QPushButton(active_toggle_text(active=True))
        self._lay_out(self.table, (self.add_button, self.edit_button, self.toggle_button),
                      _("Staff are never deleted: deactivate those who left, so old visits "
                        "keep their names."))
        self.reload()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.table.activated.connect(self._on_edit_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def reload(self, select_id: int | None = None) -> None:
        current = self.selected()
        select_id = select_id if select_id is not None else (current.id if current else None)
        self._staff = self._desk.staff(include_inactive=True)
        self.table.setRowCount(len(self._staff))
        for row, person in enumerate(self._staff):
            status = _("Active") if person.active else _("Inactive")
            for column, text in enumerate((person.full_name, person.position,
                                           role_label(person.role), status)):
                item = QTableWidgetItem(text)
                if not person.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if person.id == select_id:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self._staff:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> StaffDTO | None:
        row = self.table.currentRow()
        return self._staff[row] if 0 <= row < len(self._staff) else None

    def select(self, staff_id: int) -> None:
        for row, person in enumerate(self._staff):
            if person.id == staff_id:
                self.table.selectRow(row)

    def set_active(self, person: StaffDTO, active: bool) -> bool:
        if not self._change(lambda: announce(self._desk, self._desk.save_staff(
                person.full_name, person.position, person.role, staff_id=person.id,
                active=active, expected_version=person.version))):
            self.reload(person.id)  # changed elsewhere: the list shows it as it is now
            return False
        self.reload(person.id)
        self.staff_saved.emit(person.id)
        return True

    def open_dialog(self, person: StaffDTO | None) -> StaffDialog:
        dialog = StaffDialog(self._desk, person, self)
        dialog.staff_saved.connect(self._on_dialog_staff_saved)
        return self._open_dialog(dialog)

    @Slot()
    def _update_buttons(self) -> None:
        person = self.selected()
        self.edit_button.setEnabled(person is not None)
        self.toggle_button.setEnabled(person is not None)
        self.toggle_button.setText(active_toggle_text(active=person is None or person.active))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.open_dialog(None)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.open_dialog(person)


    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.set_active(person, not person.active)


    @Slot(int)
    def _on_dialog_staff_saved(self, staff_id: int) -> None:
        self.reload(staff_id)
        self.staff_saved.emit(staff_id)
