"""User management, keyboard only: the list of accounts, add, edit, deactivate, reset a password,
and the sign-in policy (idle lock, lockout).

``UsersPanel`` is a plain widget so Settings can hold it as a tab; ``UsersDialog`` shows it on
its own. Every refusal comes from the services (the panel hides nothing it could not do): the
message names the right that is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import PASSWORD_MIN
from reception_desk.domain.access import Principal
from reception_desk.domain.access import Role
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.access.dto import POLICY_LIMITS
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import StaffChoice
from reception_desk.services.access.dto import UserDTO
from reception_desk.services.access.dto import UserEdit
from reception_desk.texts import message_for
from reception_desk.texts.access import role_label
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import close_buttons
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import ok_cancel
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import problems_text
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import wrapped_label

if TYPE_CHECKING:  # the sign-in dialog comes up before the services are imported
    from reception_desk.services.access.desk import AccessDesk


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                             | Qt.InputMethodHint.ImhSensitiveData
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit


class FocusDialog(QDialog):
    """A dialog that puts the keyboard focus on ``initial_focus`` each time it is shown."""

    initial_focus: QWidget | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.initial_focus is not None:
            self.initial_focus.setFocus()


@dataclass(frozen=True)
class AccountValues:
    username: str
    display_name: str
    staff_id: int | None
    role: Role
    password: str


def create_first_administrator(access: AccessDesk, fields: AccountFields,
                               error_label: QLabel) -> Principal | None:
    """Create the office's first administrator from ``fields`` and sign them in (the setup
    wizard's last page, the first start of an office without accounts). A refusal shows beside
    its field, the rest in ``error_label``, and gives None."""
    fields.clear_errors()
    show_error(error_label, "")
    if not fields.check_repeat():
        return None
    v = fields.values()
    try:
        access.create_first_administrator(
            NewUser(v.username, v.display_name, Role.ADMINISTRATOR, v.password, v.staff_id))
        return access.sign_in(v.username, v.password)
    except UserError as error:
        rest = fields.show_problems(error)
        if rest:
            show_error(error_label, "\n".join(message_for(p) for p in rest))
        return None


class AccountFields(QWidget):
    """User name, full name, staff member, role and a password typed twice, each with its error
    line. ``with_password=False`` for an edit (the password is reset separately);
    ``with_role=False`` for the first administrator (the role is fixed)."""

    FIELDS = ("username", "display_name", "staff_id", "role", "password", "repeat")

    def __init__(self, *, with_password: bool = True, with_role: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(60)
        self.username_edit.setPlaceholderText(_("e.g. thu.tt"))
        self.display_name_edit = QLineEdit()
        self.display_name_edit.setMaxLength(200)
        self.staff_combo = QComboBox()
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role_label(role), role.value)
        self.password_edit = password_edit()
        self.password_edit.setPlaceholderText(
            _("at least {count} characters").format(count=PASSWORD_MIN))
        self.repeat_edit = password_edit()
        self.errors = {key: error_label() for key in self.FIELDS}
        rows: list[tuple[str, str, QWidget]] = [
            ("username", _("&User name:"), self.username_edit),
            ("display_name", _("&Full name:"), self.display_name_edit),
            ("staff_id", _("&Staff member:"), self.staff_combo),
        ]
        if with_role:
            rows.append(("role", _("&Role:"), self.role_combo))
        if with_password:
            rows += [("password", _("&Password:"), self.password_edit),
                     ("repeat", _("Re&peat password:"), self.repeat_edit)]
        self.editors: dict[str, QWidget] = {}
        for key, title, editor in rows:
            form_row(self.form, title, editor, self.errors[key])
            self.editors[key] = editor
        self.role_combo.setVisible(with_role)
        self.staff_combo.currentIndexChanged.connect(self._on_staff_combo_changed)
        self._name_typed = False
        self.display_name_edit.textEdited.connect(self._on_display_name_edited)

    def set_staff_choices(self, staff: list[StaffChoice], current: int | None = None) -> None:
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem(_("(not on the staff list)"), None)
        for member in staff:
            text = f"{member.full_name} — {member.position}" if member.position \
                else member.full_name
            self.staff_combo.addItem(text, member.id)
            self.staff_combo.setItemData(self.staff_combo.count() - 1, member.full_name,
                                         Qt.ItemDataRole.ToolTipRole)
        index = self.staff_combo.findData(current) if current is not None else 0
        self.staff_combo.setCurrentIndex(max(index, 0))
        self.staff_combo.blockSignals(False)

    def set_role(self, role: Role) -> None:
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(role.value), 0))

    def values(self) -> AccountValues:
        staff = self.staff_combo.currentData()
        return AccountValues(
            self.username_edit.text().strip(), self.display_name_edit.text().strip(),
            int(staff) if staff is not None else None, Role(self.role_combo.currentData()),
            self.password_edit.text())

    def clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, "")

    def check_repeat(self) -> bool:
        """The two passwords match (checked here: the services never see the second one)."""
        if "password" in self.editors and \
                self.password_edit.text() != self.repeat_edit.text():
            show_error(self.errors["repeat"], message_for(UserError("users.passwords_differ")))
            self.repeat_edit.setFocus()
            self.repeat_edit.selectAll()
            return False
        return True

    def show_problems(self, error: UserError) -> list[UserError]:
        """Each problem next to its field (focus on the first); returns those with no field."""
        rest, focused = [], False
        for problem in problems_of(error):
            key = problem.field if problem.field in self.editors else None
            if key is None:
                rest.append(problem)
                continue
            show_error(self.errors[key], message_for(problem))
            if not focused:
                self.editors[key].setFocus()
                focused = True
        return rest

    @Slot(int)
    def _on_staff_combo_changed(self, _index: int) -> None:
        name = self.staff_combo.currentData(Qt.ItemDataRole.ToolTipRole)
        if name and (not self._name_typed or not self.display_name_edit.text()):
            self.display_name_edit.setText(str(name))

    @Slot(str)
    def _on_display_name_edited(self, _text: str) -> None:
        self._name_typed = True


class UserEditor(FocusDialog):
    """Add an account (``user is None``) or change one: name, staff link, role, active."""

    def __init__(self, access: AccessDesk, user: UserDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._user = user
        self.setWindowTitle(_("New user") if user is None else _("Edit user"))
        layout = QVBoxLayout(self)
        self.fields = AccountFields(with_password=user is None)
        self.fields.set_staff_choices(access.staff_choices(), user.staff_id if user else None)
        layout.addWidget(self.fields)
        self.active_check = QCheckBox(_("Account &active"))
        self.must_change_check = QCheckBox(_("The person &chooses a new password at first "
                                             "sign-in"))
        if user is None:
            self.must_change_check.setChecked(True)
            layout.addWidget(self.must_change_check)
        else:
            self.fields.username_edit.setText(user.username)
            self.fields.username_edit.setReadOnly(True)
            self.fields.display_name_edit.setText(user.display_name)
            self.fields.set_role(user.role)
            self.active_check.setChecked(user.active)
            layout.addWidget(self.active_check)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = ok_cancel(self, _("&Save"))
        buttons.accepted.connect(self._on_buttons_accepted)
        layout.addWidget(buttons)
        self.saved: UserDTO | None = None
        self.initial_focus = self.fields.display_name_edit if user else self.fields.username_edit

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.fields.clear_errors()
        show_error(self.error_label, "")
        if self._user is None and not self.fields.check_repeat():
            return
        v = self.fields.values()
        try:
            if self._user is None:
                self.saved = self._access.create_user(NewUser(
                    v.username, v.display_name, v.role, v.password, v.staff_id,
                    self.must_change_check.isChecked()))
            else:
                self.saved = self._access.update_user(UserEdit(
                    self._user.id, v.display_name, v.role, v.staff_id,
                    self.active_check.isChecked()))
        except UserError as error:
            rest = self.fields.show_problems(error)
            if rest:
                show_error(self.error_label, "\n".join(message_for(p) for p in rest))
            return
        self.accept()


class PasswordResetDialog(FocusDialog):
    """An administrator sets a temporary password; the person changes it at next sign-in."""

    def __init__(self, access: AccessDesk, user: UserDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._user = user
        self.setWindowTitle(_("Reset password"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(_(
            "New password for {name} ({username}). Give it to the person: they choose their own "
            "at the next sign-in. A lockout is lifted.").format(name=user.display_name,
                                                                username=user.username)))
        form = QFormLayout()
        self.password_edit = password_edit()
        self.repeat_edit = password_edit()
        form_row(form, _("&New password:"), self.password_edit)
        form_row(form, _("Re&peat password:"), self.repeat_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = ok_cancel(self, _("&Reset"))
        buttons.accepted.connect(self._on_buttons_accepted)
        layout.addWidget(buttons)
        self.initial_focus = self.password_edit

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            show_error(self.error_label, message_for(UserError("users.passwords_differ")))
            self.repeat_edit.setFocus()
            return
        try:
            self._access.reset_password(self._user.id, self.password_edit.text())
        except UserError as error:
            show_error(self.error_label, problems_text(error))
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        self.accept()


USER_COLUMNS = ("username", "display_name", "role", "staff", "state")


class UsersPanel(QWidget):
    """The accounts of the office and the sign-in policy, for an administrator."""

    users_changed = Signal()

    def __init__(self, access: AccessDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._users: list[UserDTO] = []
        layout = QVBoxLayout(self)
        title = QLabel(_("Acc&ounts:"))
        layout.addWidget(title)
        self.table = QTableWidget(0, len(USER_COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [_("User name"), _("Full name"), _("Role"), _("Staff member"), _("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.setTabKeyNavigation(False)
        title.setBuddy(self.table)
        layout.addWidget(self.table, 1)

        self.add_button = QPushButton(_("&Add… (Ins)"))
        self.edit_button = QPushButton(_("&Edit… (Enter)"))
        self.toggle_button = QPushButton(_("&Deactivate (Del)"))
        self.reset_button = QPushButton(_("&Reset password… (Ctrl+R)"))
        layout.addLayout(button_row(self.add_button, self.edit_button, self.toggle_button,
                                    self.reset_button))
        self.error_label = error_label()
        layout.addWidget(self.error_label)

        self.policy_box = policy_box = QGroupBox(_("Sign-in policy"))
        policy_form = QFormLayout(policy_box)
        self.policy_spins: dict[str, QSpinBox] = {}
        self.policy_version = 0  # read with the policy (refresh)
        titles = {
            "idle_lock_minutes": _("Lock the screen after &idle minutes:"),
            "max_failed_attempts": _("Lock an account after wrong &passwords:"),
            "lockout_minutes": _("Account lock &lasts minutes:"),
        }
        for key, (low, high) in POLICY_LIMITS.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            form_row(policy_form, titles[key], spin)
            self.policy_spins[key] = spin
        self.policy_button = QPushButton(_("Sa&ve policy"))
        self.policy_button.setAutoDefault(False)
        policy_form.addRow("", self.policy_button)
        layout.addWidget(policy_box)

        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.policy_button.clicked.connect(self.save_policy)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(lambda _index: self.edit_user())
        for keys, slot in ((QKeySequence(Qt.Key.Key_Insert), self.add_user),
                           (QKeySequence(Qt.Key.Key_Delete), self.toggle_active),
                           (QKeySequence("Ctrl+R"), self.reset_password)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.refresh()

    # --- data ---------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        show_error(self.error_label, "")
        try:
            self._users = self._access.users()
            # The policy's version as read (before the value): its save compares-and-sets it.
            self.policy_version = self._access.policy_version()
            policy = self._access.policy()
        except UserError as error:
            # Not an administrator: say which right is missing, offer nothing it would refuse.
            self._users = []
            self._fill()
            self._refuse(error)
            self.add_button.setEnabled(False)
            self.policy_box.setEnabled(False)
            for spin in self.policy_spins.values():
                spin.setSpecialValueText("—")
                spin.setValue(spin.minimum())
            return
        for key, spin in self.policy_spins.items():
            spin.setValue(getattr(policy, key))
        self._fill(select_id)

    def _state(self, user: UserDTO) -> str:
        if not user.active:
            return _("deactivated")
        now = self._access.now()
        if user.locked_until is not None and user.locked_until > now:
            return _("locked until {time}").format(
                time=user.locked_until.astimezone(OFFICE_TZ).strftime("%H:%M %d/%m"))
        if user.must_change_password:
            return _("must choose a new password")
        return _("in use")

    def _fill(self, select_id: int | None = None) -> None:
        self.table.setRowCount(0)
        for user in self._users:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (user.username, user.display_name, role_label(user.role), user.staff_name,
                     self._state(user))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(row, column, item)
            if user.id == select_id:
                self.table.selectRow(row)
        if self.table.rowCount() and not self.table.selectedItems():
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected_user(self) -> UserDTO | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._users):
            return None
        return self._users[row]

    def _refuse(self, error: UserError) -> None:
        show_error(self.error_label, problems_text(error))

    # --- actions --------------------------------------------------------------------------
    @Slot()
    def add_user(self) -> None:
        self._open_editor(None)

    @Slot()
    def edit_user(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._open_editor(user)

    def _open_editor(self, user: UserDTO | None) -> None:
        """The account editor (a new account without ``user``); the list shows what it saved."""
        editor = UserEditor(self._access, user, parent=self)
        if editor.exec() and editor.saved is not None:
            self.refresh(editor.saved.id)
            self.users_changed.emit()
        self.table.setFocus()

    @Slot()
    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        try:
            self._access.update_user(UserEdit(user.id, user.display_name, user.role,
                                              user.staff_id, not user.active))
        except UserError as error:
            self._refuse(error)
            return
        self.refresh(user.id)
        self.users_changed.emit()

    @Slot()
    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if PasswordResetDialog(self._access, user, self).exec():
            self.refresh(user.id)
        self.table.setFocus()

    @Slot()
    def save_policy(self) -> None:
        show_error(self.error_label, "")
        policy = AccessPolicy(**{k: s.value() for k, s in self.policy_spins.items()})
        try:
            self._access.save_policy(policy, self.policy_version)
        except UserError as error:
            # Another counter saved meanwhile: the typed values stay; saving again replaces its
            # values with them, knowingly (the message said so).
            self.policy_version = changed_version(error, self.policy_version)
            self._refuse(error)
            return
        self.policy_version += 1

    @Slot()
    def _on_table_selection_changed(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.toggle_button, self.reset_button):
            button.setEnabled(user is not None)
        self.toggle_button.setText(
            _("&Activate (Del)") if user is not None and not user.active
            else _("&Deactivate (Del)"))


class UsersDialog(FocusDialog):
    """``UsersPanel`` in a window of its own (Tools → Users and passwords…)."""

    def __init__(self, access: AccessDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Users and passwords"))
        layout = QVBoxLayout(self)
        self.panel = UsersPanel(access, self)
        layout.addWidget(self.panel)
        # Enter in the list edits the account: no button may take it (Esc closes).
        layout.addWidget(close_buttons(self))
        self.resize(820, 520)
        self.initial_focus = self.panel.table
