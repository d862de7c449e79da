"""Settings: the office's names and place, its staff, the field taxonomy and the UI language.

Every change goes through the ``Desk`` (which writes the audit rows); nothing is ever deleted:
staff and fields are deactivated. The language is a per-computer preference kept in QSettings
and takes effect after a restart.
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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_desk.domain import geography
from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.i18n import DEFAULT_LANGUAGE, _
from reception_desk.services.desk import Desk
from reception_desk.services.dto import FieldCategoryDTO, OfficeProfile, StaffDTO, StaffRole
from reception_desk.ui.messages import message_for
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
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.toggle_button = QPushButton(_("&Deactivate"))
        for button in (self.add_button, self.edit_button, self.toggle_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
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
        self.toggle_button.setText(_("&Reactivate") if person and not person.active
                                   else _("&Deactivate"))

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
        buttons = QHBoxLayout()
        self.add_top_button = QPushButton(_("Add &group…"))
        self.add_child_button = QPushButton(_("Add &under selected…"))
        self.rename_button = QPushButton(_("Re&name…"))
        self.sensitive_button = QPushButton(_("Mark &sensitive"))
        self.toggle_button = QPushButton(_("&Deactivate"))
        for button in (self.add_top_button, self.add_child_button, self.rename_button,
                       self.sensitive_button, self.toggle_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
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
        self.toggle_button.setText(_("&Reactivate") if entry and not entry.active
                                   else _("&Deactivate"))
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
    """Office, staff, field taxonomy and language, each on its own tab."""

    office_saved = Signal()
    staff_saved = Signal(int)
    field_saved = Signal(str)
    language_changed = Signal(str)

    def __init__(self, desk: Desk, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.resize(860, 560)
        self._settings = settings if settings is not None else QSettings()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.office_tab = OfficeTab(desk)
        self.staff_tab = StaffTab(desk)
        self.fields_tab = FieldsTab(desk)
        self.language_tab = LanguageTab(self._settings)
        self.tabs.addTab(self.office_tab, _("&Office"))
        self.tabs.addTab(self.staff_tab, _("S&taff"))
        self.tabs.addTab(self.fields_tab, _("&Fields"))
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
        self.language_tab.language_changed.connect(self.language_changed)
