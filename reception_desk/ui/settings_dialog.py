"""Settings: the office's names and place, its staff, the field taxonomy, the hotspot policy, the
printed logbook's layout and the UI language.

Every change goes through the ``Desk`` (which writes the audit rows); nothing is ever deleted:
staff and fields are deactivated. The hotspot thresholds, weights and reasons are the office's
LOCAL POLICY, not law (LEGAL.md §11), and the tab says so; its sensitive fields are the field
taxonomy's "sensitive" marks (Fields tab), not a list of their own. The language is a
per-computer preference kept in QSettings and takes effect after a restart.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_desk.domain import geography
from reception_desk.domain.hotspots import HotspotPolicy, Reason
from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.i18n import DEFAULT_LANGUAGE, N_, _
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO, OfficeProfile, StaffDTO, StaffRole
from reception_desk.ui.messages import message_for
from reception_desk.ui.messages_hotspots import POLICY_NOTE, hotspot_message, reason_label
from reception_desk.ui.setup_wizard import (
    STAFF_ROLES,
    OfficeFields,
    PlacePicker,
    error_label,
    problems_of,
    role_label,
    show_error,
)

LANGUAGE_KEY = "ui/language"
LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))  # each in its own language


def _button_row(*buttons: QPushButton, lead: QWidget | None = None) -> QHBoxLayout:
    """A row of buttons that Enter never presses: after ``lead`` (stretching) if given, else
    packed to the left."""
    row = QHBoxLayout()
    if lead is not None:
        row.addWidget(lead, 1)
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    if lead is None:
        row.addStretch(1)
    return row


def _toggle_text(active: bool) -> str:
    """The label of the button that switches a staff member or a field in or out of use."""
    return _("&Deactivate") if active else _("&Reactivate")


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.rejected.connect(dialog.reject)
    return buttons


# --- office ------------------------------------------------------------------------------------

class PlaceDialog(QDialog):
    """Pick a province, then one of its communes (accent-insensitive filters)."""

    def __init__(self, province_code: int | None, commune_code: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change province and commune"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        pickers = QHBoxLayout()
        self.province_picker = PlacePicker(_("Filter, e.g. ninh binh"))
        self.commune_picker = PlacePicker(_("Filter, e.g. yen phu"))
        for title, picker in ((_("&Province:"), self.province_picker),
                              (_("&Commune:"), self.commune_picker)):
            box = QVBoxLayout()
            label = QLabel(title)
            label.setBuddy(picker.filter_edit)
            box.addWidget(label)
            box.addWidget(picker, 1)
            pickers.addLayout(box, 1)
        layout.addLayout(pickers, 1)
        self.buttons = _ok_cancel(self, _("Use this place"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self._commune_code = commune_code
        self.province_picker.current_place_changed.connect(
            self._on_province_picker_current_place_changed)
        self.commune_picker.current_place_changed.connect(
            self._on_commune_picker_current_place_changed)
        self.province_picker.set_places(geography.provinces(), province_code)
        self.province_picker.filter_edit.setFocus()

    def codes(self) -> tuple[int, int] | None:
        province = self.province_picker.current_place()
        commune = self.commune_picker.current_place()
        if province is None or commune is None:
            return None
        return province.code, commune.code

    @Slot()
    def _on_province_picker_current_place_changed(self) -> None:
        province = self.province_picker.current_place()
        communes = geography.communes(province.code) if province else ()
        self.commune_picker.set_places(communes, self._commune_code)

    @Slot()
    def _on_commune_picker_current_place_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.codes() is not None)


class OfficeTab(QWidget):
    office_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.place: OfficeProfile | None = desk.office()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.place_label = QLabel()
        self.place_label.setWordWrap(True)
        self.change_place_button = QPushButton(_("C&hange province/commune…"))
        self.change_place_button.setAutoDefault(False)
        row.addWidget(self.place_label, 1)
        row.addWidget(self.change_place_button)
        layout.addLayout(row)
        self.fields = OfficeFields()
        layout.addWidget(self.fields)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QPushButton(_("Sa&ve office"))
        self.save_button.setAutoDefault(False)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addStretch(1)
        if self.place is not None:
            self.fields.fill(self.place)
        self._show_place()
        self.place_dialog: PlaceDialog | None = None
        self.change_place_button.clicked.connect(self._on_change_place_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        for edit in self.fields.edits.values():
            edit.returnPressed.connect(self._on_save_button_clicked)

    def _show_place(self) -> None:
        if self.place is None:
            self.place_label.setText(_("No province or commune chosen yet."))
            return
        self.place_label.setText(_("Place: {commune}, {province}").format(
            commune=self.place.commune_name, province=self.place.province_name))

    def set_place(self, province_code: int, commune_code: int) -> None:
        """Move the office; its names are refilled from the new place, to be checked and saved."""
        self.place = self._desk.suggested_profile(province_code, commune_code)
        self.fields.fill(self.place)
        self._show_place()
        self.status_label.setText(_("The names were refilled for the new place: check them, "
                                    "then save."))

    def save(self) -> bool:
        self.status_label.clear()
        if self.place is None:
            self.status_label.setText(_("Choose the province and commune first."))
            return False
        if not self.fields.check_required():
            return False
        try:
            self.place, _changes = self._desk.save_office(self.fields.profile(self.place))
        except UserError as error:
            rest = self.fields.show_problems(error)
            self.status_label.setText("\n".join(message_for(p) for p in rest))
            return False
        self.fields.fill(self.place)
        self.status_label.setText(_("Saved."))
        self.office_saved.emit()
        return True

    @Slot()
    def _on_change_place_button_clicked(self) -> None:
        place = self.place
        dialog = PlaceDialog(place.province_code if place else None,
                             place.commune_code if place else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_place_dialog_accepted)
        self.place_dialog = dialog
        dialog.open()

    @Slot()
    def _on_place_dialog_accepted(self) -> None:
        dialog = self.place_dialog
        self.place_dialog = None
        codes = dialog.codes() if dialog else None
        if codes is not None:
            self.set_place(*codes)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()


# --- staff -------------------------------------------------------------------------------------

class StaffDialog(QDialog):
    """Add or edit one staff member; the desk's refusals are shown next to the fields."""

    staff_saved = Signal(int)

    def __init__(self, desk: Desk, staff: StaffDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._staff = staff
        self.setWindowTitle(_("Edit staff member") if staff else _("Add staff member"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
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
        for title, widget, key in ((_("&Full name:"), self.name_edit, "full_name"),
                                   (_("&Position:"), self.position_edit, "position")):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.errors[key])
            label = QLabel(title)
            label.setBuddy(widget)
            form.addRow(label, box)
        role_title = QLabel(_("&Role:"))
        role_title.setBuddy(self.role_combo)
        form.addRow(role_title, self.role_combo)
        form.addRow("", self.active_check)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.buttons = _ok_cancel(self, _("Save"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.name_edit.setFocus()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        for label in (*self.errors.values(), self.error_label):
            show_error(label, "")
        try:
            saved, _changes = self._desk.save_staff(
                self.name_edit.text(), self.position_edit.text(),
                StaffRole(self.role_combo.currentData()),
                staff_id=self._staff.id if self._staff else None,
                active=self.active_check.isChecked())
        except UserError as error:
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


class StaffTab(QWidget):
    staff_saved = Signal(int)

    NAME, POSITION, ROLE, STATUS = range(4)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._staff: list[StaffDTO] = []
        layout = QVBoxLayout(self)
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
        layout.addWidget(self.table, 1)
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.toggle_button = QPushButton(_toggle_text(active=True))
        layout.addLayout(_button_row(self.add_button, self.edit_button, self.toggle_button))
        note = QLabel(_("Staff are never deleted: deactivate those who left, so old visits keep "
                        "their names."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.dialog: StaffDialog | None = None
        self.reload()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.table.activated.connect(self._on_table_activated)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

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
        show_error(self.error_label, "")
        try:
            self._desk.save_staff(person.full_name, person.position, person.role,
                                  staff_id=person.id, active=active)
        except UserError as error:
            show_error(self.error_label, message_for(error))
            return False
        self.reload(person.id)
        self.staff_saved.emit(person.id)
        return True

    def open_dialog(self, person: StaffDTO | None) -> StaffDialog:
        dialog = StaffDialog(self._desk, person, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.staff_saved.connect(self._on_dialog_staff_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _update_buttons(self) -> None:
        person = self.selected()
        self.edit_button.setEnabled(person is not None)
        self.toggle_button.setEnabled(person is not None)
        self.toggle_button.setText(_toggle_text(active=person is None or person.active))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.open_dialog(None)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.open_dialog(person)

    @Slot()
    def _on_table_activated(self) -> None:
        self._on_edit_button_clicked()

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.set_active(person, not person.active)

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(int)
    def _on_dialog_staff_saved(self, staff_id: int) -> None:
        self.reload(staff_id)
        self.staff_saved.emit(staff_id)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        self.table.setFocus()


# --- fields ------------------------------------------------------------------------------------

def field_code(label: str, parent_code: str | None, taken: set[str]) -> str:
    """A stable storage code from the label: "pakn.nuoc_sach" (folded, unique)."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:40] or "linh_vuc"
    base = f"{parent_code}.{slug}" if parent_code else slug
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


class FieldDialog(QDialog):
    """Name (and sensitivity) of a new or existing taxonomy entry."""

    field_saved = Signal(str)

    def __init__(self, tab: FieldsTab, field: FieldCategoryDTO | None,
                 parent_code: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab = tab
        self._field = field
        self._parent_code = parent_code
        self.setWindowTitle(_("Rename field") if field else _("Add field"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.label_edit = QLineEdit(field.label if field else "")
        label = QLabel(_("&Name:"))
        label.setBuddy(self.label_edit)
        form.addRow(label, self.label_edit)
        if parent_code and not field:
            parent_label = tab.label_of(parent_code)
            form.addRow(_("Under:"), QLabel(parent_label))
        self.sensitive_check = QCheckBox(_("&Sensitive (land, religion, ethnicity …)"))
        self.sensitive_check.setChecked(field.sensitive if field else False)
        form.addRow("", self.sensitive_check)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.buttons = _ok_cancel(self, _("Save"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.label_edit.setFocus()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        text = self.label_edit.text()
        sensitive = self.sensitive_check.isChecked()
        try:
            if self._field is None:
                code = self._tab.add_field(self._parent_code, text, sensitive)
            else:
                code = self._field.code
                self._tab.save(replace(self._field, label=text, sensitive=sensitive))
        except UserError as error:
            show_error(self.error_label, "\n".join(message_for(p) for p in problems_of(error)))
            return
        self.field_saved.emit(code)
        self.accept()


class FieldsTab(QWidget):
    field_saved = Signal(str)

    LABEL, CODE, SENSITIVE, STATUS = range(4)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._fields: dict[str, FieldCategoryDTO] = {}
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Field"), _("Code"), _("Sensitive"), _("Status")])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(self.LABEL, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(self.CODE, 170)
        header.resizeSection(self.SENSITIVE, 90)
        header.resizeSection(self.STATUS, 130)
        layout.addWidget(self.tree, 1)
        self.add_top_button = QPushButton(_("Add &group…"))
        self.add_child_button = QPushButton(_("Add &under selected…"))
        self.rename_button = QPushButton(_("Re&name…"))
        self.sensitive_button = QPushButton(_("Mark &sensitive"))
        self.toggle_button = QPushButton(_toggle_text(active=True))
        layout.addLayout(_button_row(self.add_top_button, self.add_child_button,
                                     self.rename_button, self.sensitive_button,
                                     self.toggle_button))
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.dialog: FieldDialog | None = None
        self.reload()
        self.add_top_button.clicked.connect(self._on_add_top_button_clicked)
        self.add_child_button.clicked.connect(self._on_add_child_button_clicked)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.sensitive_button.clicked.connect(self._on_sensitive_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        self.tree.itemActivated.connect(self._on_tree_item_activated)

    # --- data ------------------------------------------------------------------------------
    def reload(self, select_code: str | None = None) -> None:
        current = self.selected()
        select_code = select_code or (current.code if current else None)
        fields = self._desk.fields(include_inactive=True)
        self._fields = {f.code: f for f in fields}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for entry in fields:  # tree order: parents first
            parent = items.get(entry.parent_code) if entry.parent_code else None
            item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self.tree)
            item.setText(self.LABEL, entry.label)
            item.setText(self.CODE, entry.code)
            item.setText(self.SENSITIVE, _("Yes") if entry.sensitive else "")
            item.setText(self.STATUS, _("In use") if entry.active else _("Not in use"))
            item.setData(self.LABEL, Qt.ItemDataRole.UserRole, entry.code)
            if not entry.active:
                for column in range(4):
                    item.setForeground(column, Qt.GlobalColor.gray)
            items[entry.code] = item
        self.tree.expandAll()
        if select_code in items:
            self.tree.setCurrentItem(items[select_code])
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def label_of(self, code: str) -> str:
        entry = self._fields.get(code)
        return entry.label if entry else code

    def field(self, code: str) -> FieldCategoryDTO:
        return self._fields[code]

    def selected(self) -> FieldCategoryDTO | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._fields.get(item.data(self.LABEL, Qt.ItemDataRole.UserRole))

    def select(self, code: str) -> None:
        self.reload(code)

    def save(self, entry: FieldCategoryDTO) -> None:
        """Write one entry through the desk (raises UserError) and show the result."""
        self._desk.save_field(entry)
        self.reload(entry.code)
        self.field_saved.emit(entry.code)

    def add_field(self, parent_code: str | None, label: str, sensitive: bool = False) -> str:
        parent = self._fields.get(parent_code) if parent_code else None
        code = field_code(label, parent_code, set(self._fields))
        self.save(FieldCategoryDTO(
            code=code, parent_code=parent_code, label=label,
            petition_type=parent.petition_type if parent else None,
            sensitive=sensitive or (parent.sensitive if parent else False),
            active=True, depth=(parent.depth + 1) if parent else 0))
        return code

    def _save_shown(self, entry: FieldCategoryDTO) -> None:
        show_error(self.error_label, "")
        try:
            self.save(entry)
        except UserError as error:
            show_error(self.error_label, message_for(error))

    def open_dialog(self, entry: FieldCategoryDTO | None, parent_code: str | None) -> FieldDialog:
        dialog = FieldDialog(self, entry, parent_code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _update_buttons(self) -> None:
        entry = self.selected()
        for button in (self.add_child_button, self.rename_button, self.sensitive_button,
                       self.toggle_button):
            button.setEnabled(entry is not None)
        self.toggle_button.setText(_toggle_text(active=entry is None or entry.active))
        self.sensitive_button.setText(_("Not &sensitive") if entry and entry.sensitive
                                      else _("Mark &sensitive"))

    # --- slots -----------------------------------------------------------------------------
    @Slot()
    def _on_add_top_button_clicked(self) -> None:
        self.open_dialog(None, None)

    @Slot()
    def _on_add_child_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(None, entry.code)

    @Slot()
    def _on_rename_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(entry, entry.parent_code)

    @Slot()
    def _on_sensitive_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._save_shown(replace(entry, sensitive=not entry.sensitive))

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._save_shown(replace(entry, active=not entry.active))

    @Slot()
    def _on_tree_item_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._on_rename_button_clicked()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        self.tree.setFocus()


# --- hotspot policy ----------------------------------------------------------------------------

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
)
SPIN_MAX = 99_999
WEIGHT_MAX = 100


def _policy_problem(error: UserError) -> str:
    """The sentence for a refused policy value (its allowed range when the desk gives it)."""
    low, high = error.params.get("low"), error.params.get("high")
    if low is not None and high is not None:
        return _("Enter a whole number from {low} to {high}.").format(low=low, high=high)
    return hotspot_message(error)


class HotspotPolicyTab(QWidget):
    """The office's hotspot thresholds, weights and reasons in use (``desk.hotspots``)."""

    policy_saved = Signal()
    fields_tab_requested = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hotspotPolicyTab")
        self._desk = desk
        self.policy: HotspotPolicy = desk.hotspots.policy()
        layout = QVBoxLayout(self)
        self.policy_note = QLabel(_("{note} Changes are recorded in the audit log with who made "
                                    "them and when.").format(note=_(POLICY_NOTE)))
        self.policy_note.setObjectName("policyNote")
        self.policy_note.setWordWrap(True)
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
        explain = QLabel(_("A case's score is the sum of the weights of its reasons."))
        explain.setWordWrap(True)
        reasons.addWidget(explain, 0, 0, 1, 3)
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
        self.sensitive_label = QLabel()
        self.sensitive_label.setObjectName("sensitiveLabel")
        self.sensitive_label.setWordWrap(True)
        self.fields_button = QPushButton(_("Open the field l&ist…"))
        self.fields_button.setAutoDefault(False)
        sensitive.addWidget(self.sensitive_label, 1)
        sensitive.addWidget(self.fields_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(sensitive_box)
        layout.addStretch(1)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.defaults_button = QPushButton(_("Fill in the default &values"))
        self.save_button = QPushButton(_("&Save hotspot policy"))
        layout.addLayout(_button_row(self.defaults_button, self.save_button,
                                     lead=self.status_label))

        self.fill(self.policy)
        self.show_sensitive_fields()
        self.fields_button.clicked.connect(self.fields_tab_requested)
        self.defaults_button.clicked.connect(self._on_defaults_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)

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

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), *self.weight_errors.values()):
            show_error(label, "")
        self.status_label.setStyleSheet("")
        self.status_label.clear()

    def save(self) -> bool:
        self._clear_errors()
        try:
            self.policy, _changes = self._desk.hotspots.save_policy(self.edited_policy())
        except UserError as error:
            rest = []
            for problem in problems_of(error):
                reason = problem.params.get("reason")
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
            self.status_label.setText("\n".join(rest) or _("Not saved: see the messages "
                                                            "beside the fields."))
            return False
        self.fill(self.policy)
        self.status_label.setText(_("Saved."))
        self.policy_saved.emit()
        return True

    @Slot()
    def _on_defaults_button_clicked(self) -> None:
        self._clear_errors()
        self.fill(HotspotPolicy())
        self.status_label.setText(_("The default values are filled in: save to use them."))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()


# --- logbook print layout --------------------------------------------------------------------

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
        row = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        row.addWidget(self.status_label, 1)
        self.save_button = QPushButton(_("&Save layout"))
        self.save_button.setAutoDefault(False)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.buttons.get(self.value, self.buttons["auto"]).setChecked(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def chosen(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "auto")

    def save(self) -> bool:
        show_error(self.error_label, "")
        self.status_label.clear()
        try:
            self._desk.documents.set_logbook_layout(self.chosen())
        except UserError as error:
            show_error(self.error_label, message_for(error))
            return False
        self.value = self._desk.documents.logbook_layout_setting()
        self.status_label.setText(_("Saved."))
        self.layout_saved.emit(self.value)
        return True

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()


# --- language ----------------------------------------------------------------------------------

class LanguageTab(QWidget):
    language_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        layout = QVBoxLayout(self)
        current = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
        self.buttons: dict[str, QRadioButton] = {}
        for code, name in LANGUAGES:
            button = QRadioButton(name)
            button.setChecked(code == current)
            button.toggled.connect(self._on_button_toggled)
            layout.addWidget(button)
            self.buttons[code] = button
        note = QLabel(_("The new language takes effect the next time the program starts."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def language(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()),
                    DEFAULT_LANGUAGE)

    @Slot(bool)
    def _on_button_toggled(self, checked: bool) -> None:
        if not checked:
            return
        language = self.language()
        self._settings.setValue(LANGUAGE_KEY, language)
        self._settings.sync()
        self.language_changed.emit(language)


# --- the dialog --------------------------------------------------------------------------------

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
                 parent: QWidget | None = None) -> None:
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
        self.tabs.addTab(self.office_tab, _("&Office"))
        self.tabs.addTab(self.staff_tab, _("S&taff"))
        self.tabs.addTab(self.fields_tab, _("&Fields"))
        self.tabs.addTab(self.hotspot_tab, _("&Hotspots"))
        self.tabs.addTab(self.logbook_tab, _("Log&book printing"))
        self.tabs.addTab(self.language_tab, _("&Language"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAutoDefault(False)  # Enter in a field must never close the dialog
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
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
