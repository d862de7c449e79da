"""First-run set-up: province, commune, the office's names as printed, its staff, and the
administrator's account.

The office and its staff are written when the staff page is left, the administrator on Finish
(who is then signed in); a refusal is shown next to the field at fault and nothing typed is
lost. A set-up left at the administrator's page is finished at the next start, which asks for
the administrator before anything else. Every page works from the keyboard: the filter boxes
pass arrow keys to their list, and Enter moves on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QEvent
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWizard
from PySide6.QtWidgets import QWizardPage

from reception_desk.domain import geography
from reception_desk.domain.access import Principal
from reception_desk.domain.geography import Place
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.access.desk import AccessDesk
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.dto import StaffRole
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import show_error
from reception_desk.ui.users_dialog import AccountFields
from reception_desk.ui.users_dialog import create_first_administrator

STAFF_ROLES: dict[StaffRole, str] = {
    StaffRole.CLERK: N_("Reception clerk"),
    StaffRole.CHAIR: N_("Chairperson"),
    StaffRole.VICE_CHAIR: N_("Vice-chairperson"),
    StaffRole.LEADER: N_("Other leader"),
}

_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def role_label(role: StaffRole) -> str:
    return _(STAFF_ROLES[role])


class PlacePicker(QWidget):
    """A filter line (accent-insensitive, word starts) over a list of places.

    Up/Down/PageUp/PageDown typed in the filter move the list's selection, so the clerk never
    leaves the keyboard's home row.
    """

    current_place_changed = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._places: tuple[Place, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.filter_edit)
        self.filter_edit.installEventFilter(self)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)

    def set_places(self, places: Sequence[Place], current_code: int | None = None) -> None:
        self._places = tuple(places)
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._fill(current_code)

    def current_place(self) -> Place | None:
        item = self.list.currentItem()
        if item is None:
            return None
        code = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self._places if p.code == code), None)

    def select_code(self, code: int) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentItem(item)
                return True
        return False

    def _fill(self, current_code: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for place in geography.filter_places(self._places, self.filter_edit.text()):
            item = QListWidgetItem(place.full_name)
            item.setData(Qt.ItemDataRole.UserRole, place.code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        selected = current_code is not None and self.select_code(current_code)
        if not selected and self.list.count():
            self.list.setCurrentRow(0)
        self.current_place_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _NAVIGATION_KEYS):
            QApplication.sendEvent(self.list, QKeyEvent(event.type(), event.key(),
                                                        event.modifiers(), event.text()))
            return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        current = self.current_place()
        self._fill(current.code if current else None)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, _current: QListWidgetItem | None,
                                      _previous: QListWidgetItem | None) -> None:
        self.current_place_changed.emit()


class OfficeFields(QWidget):
    """The office's names as printed on its documents (NĐ 30/2020 ô 2), each with an error line."""

    FIELDS = ("superior_body", "body_name", "place_name", "doc_symbol")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        titles = {
            "superior_body": (_("&Superior body:"),
                              _("Printed above the body name, e.g. ỦY BAN NHÂN DÂN TỈNH …")),
            "body_name": (_("Bod&y name:"), _("The issuing body, e.g. ỦY BAN NHÂN DÂN XÃ …")),
            "place_name": (_("&Place name:"),
                           _("For the date line: “<place>, ngày … tháng … năm …”")),
            "doc_symbol": (_("Document sy&mbol:"),
                           _("The body's abbreviation in document numbers, e.g. UBND")),
        }
        for key in self.FIELDS:
            title, hint = titles[key]
            edit = QLineEdit()
            edit.setToolTip(hint)
            edit.setPlaceholderText(hint)
            self.errors[key] = error_label()
            form_row(form, title, edit, self.errors[key])
            self.edits[key] = edit
        self.edits["doc_symbol"].setMaximumWidth(160)

    def fill(self, profile: OfficeProfile) -> None:
        for key in self.FIELDS:
            self.edits[key].setText(getattr(profile, key))
        self.clear_errors()

    def value(self, key: str) -> str:
        return self.edits[key].text().strip()

    def profile(self, place: OfficeProfile) -> OfficeProfile:
        """``place`` (province/commune) with the names as typed."""
        return OfficeProfile(
            province_code=place.province_code, province_name=place.province_name,
            commune_code=place.commune_code, commune_name=place.commune_name,
            superior_body=self.value("superior_body"), body_name=self.value("body_name"),
            place_name=self.value("place_name"), doc_symbol=self.value("doc_symbol"),
        )

    def clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, "")

    def check_required(self) -> bool:
        """Local check before the desk is asked: required names are not empty."""
        self.clear_errors()
        ok = True
        for key in ("body_name", "place_name", "doc_symbol"):
            if not self.value(key):
                show_error(self.errors[key], _("This field is required."))
                if ok:
                    self.edits[key].setFocus()
                ok = False
        return ok

    def show_problems(self, error: UserError) -> list[UserError]:
        """Put each problem next to its field; returns the problems that have no field here."""
        self.clear_errors()
        rest = []
        focused = False
        for problem in problems_of(error):
            if problem.field in self.errors:
                show_error(self.errors[problem.field], message_for(problem))
                if not focused:
                    self.edits[problem.field].setFocus()
                    focused = True
            else:
                rest.append(problem)
        return rest


# --- staff table ---------------------------------------------------------------------------------

NAME_COLUMN, POSITION_COLUMN, ROLE_COLUMN = 0, 1, 2
StaffIdRole = Qt.ItemDataRole.UserRole + 1


class RoleDelegate(QStyledItemDelegate):
    """A combo box for the role column; the role code lives in UserRole."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     _index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for role in STAFF_ROLES:
            combo.addItem(role_label(role), role.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.UserRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


@dataclass(frozen=True)
class StaffLine:
    row: int
    full_name: str
    position: str
    role: StaffRole
    staff_id: int | None


class StaffTable(QTableWidget):
    """Name, position and role per line; typing starts editing, Tab moves to the next cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([_("Full name"), _("Position"), _("Role")])
        self.setItemDelegateForColumn(ROLE_COLUMN, RoleDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                             & ~QAbstractItemView.EditTrigger.CurrentChanged)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(POSITION_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ROLE_COLUMN, 190)

    def add_line(self, full_name: str = "", position: str = "",
                 role: StaffRole = StaffRole.CLERK, staff_id: int | None = None) -> int:
        row = self.rowCount()
        self.insertRow(row)
        name_item = QTableWidgetItem(full_name)
        name_item.setData(StaffIdRole, staff_id)
        self.setItem(row, NAME_COLUMN, name_item)
        self.setItem(row, POSITION_COLUMN, QTableWidgetItem(position))
        role_item = QTableWidgetItem(role_label(role))
        role_item.setData(Qt.ItemDataRole.UserRole, role.value)
        self.setItem(row, ROLE_COLUMN, role_item)
        return row

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item else ""

    def lines(self) -> list[StaffLine]:
        """Lines with a name (lines left empty are skipped)."""
        out = []
        for row in range(self.rowCount()):
            name = self._text(row, NAME_COLUMN)
            if not name:
                continue
            role_item = self.item(row, ROLE_COLUMN)
            role = StaffRole(role_item.data(Qt.ItemDataRole.UserRole)) if role_item else \
                StaffRole.CLERK
            staff_id = self.item(row, NAME_COLUMN).data(StaffIdRole)
            out.append(StaffLine(row, name, self._text(row, POSITION_COLUMN), role,
                                 int(staff_id) if staff_id is not None else None))
        return out

    def set_staff_id(self, row: int, staff_id: int) -> None:
        self.item(row, NAME_COLUMN).setData(StaffIdRole, staff_id)

    def focus_cell(self, row: int, column: int = NAME_COLUMN) -> None:
        self.setCurrentCell(row, column)
        self.setFocus()


# --- pages ---------------------------------------------------------------------------------------

class _PlacePage(QWizardPage):
    """A page that picks one place in a filtered list; complete once a place is chosen."""

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.picker = PlacePicker(placeholder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        self.picker.current_place_changed.connect(self._on_picker_current_place_changed)

    def initializePage(self) -> None:
        self.picker.filter_edit.setFocus()

    def isComplete(self) -> bool:
        return self.picker.current_place() is not None

    @Slot()
    def _on_picker_current_place_changed(self) -> None:
        self.completeChanged.emit()


class ProvincePage(_PlacePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(_("Province"), _("Filter, e.g. ninh binh"), parent)
        self.setSubTitle(_("Which province or centrally-run city is the office in? Type a few "
                           "letters (accents optional), pick with the arrow keys, press Enter."))
        office = desk.office()
        self.picker.set_places(geography.provinces(), office.province_code if office else None)


class CommunePage(_PlacePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(_("Commune"), _("Filter, e.g. yen phu"), parent)
        self._desk = desk
        self._province: int | None = None

    def set_province(self, province: Place) -> None:
        self.setSubTitle(_("Which commune, ward or special zone of {province}?").format(
            province=province.full_name))
        if province.code == self._province:
            return
        office = self._desk.office()
        current = office.commune_code if office and office.province_code == province.code \
            else None
        self._province = province.code
        self.picker.set_places(geography.communes(province.code), current)


class OfficePage(QWizardPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._filled_for: tuple[int, int] | None = None
        self.place: OfficeProfile | None = None
        self.setTitle(_("Office names"))
        self.setSubTitle(_("As printed at the top of the office's documents. Check and correct "
                           "them: they are prefilled from the commune's name."))
        layout = QVBoxLayout(self)
        self.fields = OfficeFields()
        layout.addWidget(self.fields)
        layout.addStretch(1)

    def set_place(self, province_code: int, commune_code: int) -> None:
        if self._filled_for == (province_code, commune_code):
            return
        self._filled_for = (province_code, commune_code)
        self.place = self._desk.suggested_profile(province_code, commune_code)
        office = self._desk.office()
        same_place = office is not None and (office.province_code, office.commune_code) == \
            self._filled_for
        self.fields.fill(office if same_place and office is not None else self.place)

    def initializePage(self) -> None:
        self.fields.edits["superior_body"].setFocus()

    def validatePage(self) -> bool:
        return self.fields.check_required()

    def profile(self) -> OfficeProfile:
        assert self.place is not None
        return self.fields.profile(self.place)


class StaffPage(QWizardPage):
    def __init__(self, wizard: SetupWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        self.setTitle(_("Staff"))
        self.setSubTitle(_("At least one reception clerk and the chairperson; vice-chairpersons "
                           "are optional. Type to edit a cell, Tab to move, Enter to finish."))
        layout = QVBoxLayout(self)
        self.table = StaffTable()
        layout.addWidget(self.table, 1)
        self.add_button = QPushButton(_("&Add a person"))
        self.remove_button = QPushButton(_("&Remove line"))
        layout.addLayout(button_row(self.add_button, self.remove_button))
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._kind = ""

    def prefill(self, commune: Place) -> None:
        """The usual three lines, with positions naming the commune's kind (xã, phường …)."""
        if self.table.rowCount():
            return
        kind = commune.kind
        self.table.add_line("", "Công chức tiếp công dân", StaffRole.CLERK)
        self.table.add_line("", f"Chủ tịch UBND {kind}", StaffRole.CHAIR)
        self.table.add_line("", f"Phó Chủ tịch UBND {kind}", StaffRole.VICE_CHAIR)

    def initializePage(self) -> None:
        self.table.focus_cell(0)

    def show_error(self, text: str, row: int | None = None) -> None:
        show_error(self.error_label, text)
        if row is not None:
            self.table.focus_cell(row)

    def validatePage(self) -> bool:
        return self._wizard.commit()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        row = self.table.add_line(position="", role=StaffRole.VICE_CHAIR)
        self.table.focus_cell(row)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        if self.table.item(row, NAME_COLUMN).data(StaffIdRole) is not None:
            self.show_error(_("This person is already saved; deactivate them later in Settings."))
            return
        self.table.removeRow(row)


class AdministratorPage(QWizardPage):
    """The administrator's account: who adds the other accounts and keeps the data safe."""

    def __init__(self, access: AccessDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self.principal: Principal | None = None
        self.setTitle(_("Administrator"))
        self.setSubTitle(_("Everyone signs in with an account. Create the administrator's "
                           "account now; the administrator adds the others later (Account → "
                           "Users and passwords). Enter to finish."))
        layout = QVBoxLayout(self)
        self.fields = AccountFields(with_role=False)
        layout.addWidget(self.fields)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.fields.set_staff_choices(self._access.staff_choices())
        self.fields.username_edit.setFocus()

    def validatePage(self) -> bool:
        self.principal = create_first_administrator(self._access, self.fields, self.error_label)
        return self.principal is not None


class SetupWizard(QWizard):
    """First run: where the office is, its printed names, its staff, its administrator."""

    setup_completed = Signal()

    PROVINCE, COMMUNE, OFFICE, STAFF, ADMINISTRATOR = range(5)

    def __init__(self, desk: Desk, access: AccessDesk | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.access = access or desk.access
        self.setWindowTitle(_("Set up the reception desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        next_text = _("&Next >")
        self.setButtonText(QWizard.WizardButton.NextButton, next_text)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.province_page = ProvincePage(desk)
        self.commune_page = CommunePage(desk)
        self.office_page = OfficePage(desk)
        self.staff_page = StaffPage(self)
        self.setPage(self.PROVINCE, self.province_page)
        self.setPage(self.COMMUNE, self.commune_page)
        self.setPage(self.OFFICE, self.office_page)
        self.setPage(self.STAFF, self.staff_page)
        self.admin_page: AdministratorPage | None = None
        if not self.access.has_users():
            self.admin_page = AdministratorPage(self.access)
            self.setPage(self.ADMINISTRATOR, self.admin_page)
            self.staff_page.setSubTitle(_(
                "At least one reception clerk and the chairperson; vice-chairpersons are "
                "optional. Type to edit a cell, Tab to move, Enter to go on."))
        self.setStartId(self.PROVINCE)
        self.resize(760, 560)
        if "&n" not in next_text.lower():  # Alt+N always moves on, whatever the mnemonic
            self._next_shortcut = QShortcut(QKeySequence("Alt+N"), self)
            self._next_shortcut.activated.connect(self._on_next_shortcut_activated)
        self.currentIdChanged.connect(self._on_wizard_current_id_changed)
        self._saved_office = False

    @property
    def principal(self) -> Principal | None:
        """The administrator created and signed in on the last page (None: no such page)."""
        return self.admin_page.principal if self.admin_page is not None else None

    @Slot()
    def _on_next_shortcut_activated(self) -> None:
        if self.nextId() == -1:
            button = self.button(QWizard.WizardButton.FinishButton)
        else:
            button = self.button(QWizard.WizardButton.NextButton)
        if button.isEnabled() and button.isVisible():
            button.click()

    @Slot(int)
    def _on_wizard_current_id_changed(self, page_id: int) -> None:
        province = self.province_page.picker.current_place()
        commune = self.commune_page.picker.current_place()
        if page_id == self.COMMUNE and province is not None:
            self.commune_page.set_province(province)
        elif page_id == self.OFFICE and province is not None and commune is not None:
            self.office_page.set_place(province.code, commune.code)
        elif page_id == self.STAFF and commune is not None:
            self.staff_page.prefill(commune)
            self.staff_page.initializePage()

    def _check_staff(self) -> bool:
        lines = self.staff_page.table.lines()
        roles = {line.role for line in lines}
        if StaffRole.CLERK not in roles:
            self.staff_page.show_error(_("Enter at least one reception clerk (name and role)."),
                                       0)
            return False
        if StaffRole.CHAIR not in roles:
            self.staff_page.show_error(_("Enter the chairperson (name and role)."), 0)
            return False
        return True

    def commit(self) -> bool:
        """Save the office, then each staff line; on a refusal show it and keep everything.

        Run when the staff page is left; ``setup_completed`` follows the last page.
        """
        self.staff_page.show_error("")
        if not self._check_staff():
            return False
        try:
            announce(self._desk, self._desk.save_office(self.office_page.profile()))
        except UserError as error:
            rest = self.office_page.fields.show_problems(error)
            self.staff_page.show_error(
                "\n".join(message_for(p) for p in rest) or _("Check the office names."))
            self.back()
            return False
        for line in self.staff_page.table.lines():
            try:
                saved, _changes = announce(self._desk, self._desk.save_staff(
                    line.full_name, line.position, line.role, staff_id=line.staff_id))
            except UserError as error:
                text = "; ".join(message_for(p) for p in problems_of(error))
                self.staff_page.show_error(
                    _("Line {line}: {problem}").format(line=line.row + 1, problem=text), line.row)
                return False
            self.staff_page.table.set_staff_id(line.row, saved.id)
        if self.admin_page is None:
            self.setup_completed.emit()
        return True

    def accept(self) -> None:
        if self.admin_page is not None:
            self.setup_completed.emit()
        super().accept()
