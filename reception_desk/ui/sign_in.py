"""Sign-in at start, the forced choice of a new password, and the office's first administrator.

Keyboard: the user name has the focus (or the password, when the name is remembered), Enter
signs in. A refusal is shown under the fields in plain words (wrong password, locked until …,
deactivated) and the password is selected for retyping.

Issue 17: the sign-in dialog comes up before the database is opened (``SignInDialog`` without
an ``access``): the name field takes typing meanwhile, Enter waits ("Opening the database…")
and signs in as soon as ``set_access`` hands it the accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import PASSWORD_MIN
from reception_desk.domain.access import Principal
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.texts import message_for
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import heading_label
from reception_desk.ui.forms import ok_cancel
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import show_refusal
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.remembered import remember
from reception_desk.ui.users_dialog import AccountFields
from reception_desk.ui.users_dialog import FocusDialog
from reception_desk.ui.users_dialog import create_first_administrator
from reception_desk.ui.users_dialog import password_edit

if TYPE_CHECKING:  # the sign-in dialog comes up before the services are imported
    from reception_desk.services.access.desk import AccessDesk

LAST_USER_KEY = "access/last_username"


def _close_with_buttons(dialog: QDialog, layout: QVBoxLayout, ok_text: str,
                        accepted: Callable[[], None]) -> QLabel:
    """The dialog's last lines: its message line, then OK (``ok_text``, runs ``accepted``) and
    Cancel. Returns the message line."""
    message = error_label()
    layout.addWidget(message)
    box = ok_cancel(dialog, ok_text)
    box.accepted.connect(accepted)
    layout.addWidget(box)
    return message


class SignInDialog(FocusDialog):
    """User name and password; ``principal`` is set when accepted.

    ``access`` None: the accounts are not open yet (``set_access`` brings them; ``ready`` then).
    """

    #: The accounts arrived (``set_access``): the names are offered and Enter signs in.
    ready = Signal()

    def __init__(self, access: AccessDesk | None = None, office_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access: AccessDesk | None = None
        self._waiting = False  # Enter was pressed before the accounts were open
        self.principal: Principal | None = None
        self.setWindowTitle(_("Sign in — Reception Desk"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Citizen reception logbook"), name="signInHeading"))
        if office_name:
            layout.addWidget(QLabel(office_name))
        form = QFormLayout()
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(60)
        self.password_edit = password_edit()
        form_row(form, _("&User name:"), self.username_edit)
        form_row(form, _("&Password:"), self.password_edit)
        layout.addLayout(form)
        self.status_label = QLabel()
        self.status_label.setObjectName("signInStatus")
        self.status_label.hide()
        layout.addWidget(self.status_label)
        self.error_label = _close_with_buttons(self, layout, _("&Sign in"),
                                               self._on_buttons_accepted)
        self.setMinimumWidth(420)
        remembered = str(QSettings().value(LAST_USER_KEY, "") or "")
        self.username_edit.setText(remembered)
        self.initial_focus = self.password_edit if remembered else self.username_edit
        if access is not None:
            self.set_access(access)

    @property
    def access(self) -> AccessDesk | None:
        return self._access

    def set_access(self, access: AccessDesk) -> None:
        """The accounts are open: offer their names, and sign in if Enter was pressed."""
        self._access = access
        names = access.sign_in_names()
        if names:
            completer = QCompleter(names, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.username_edit.setCompleter(completer)
        self.status_label.hide()
        self.ready.emit()
        if self._waiting:
            self._waiting = False
            self._on_buttons_accepted()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        show_error(self.error_label, "")
        access = self._access
        if access is None:
            self._waiting = True
            self.status_label.setText(_("Opening the database…"))
            self.status_label.show()
            return
        try:
            principal = access.sign_in(self.username_edit.text(), self.password_edit.text())
        except UserError as error:
            show_refusal(self.error_label, error, self.username_edit
                         if error.field == "username" else self.password_edit)
            return
        remember(LAST_USER_KEY, principal.username)
        if principal.must_change_password:
            dialog = ChangePasswordDialog(access, forced=True, parent=self)
            dialog.old_edit.setText(self.password_edit.text())
            if not dialog.exec():
                access.sign_out()
                self.password_edit.clear()
                self.password_edit.setFocus()
                return
            principal = dialog.principal or principal
        self.principal = principal
        self.accept()


class ChangePasswordDialog(FocusDialog):
    """The signed-in user's own password: current one, new one twice."""

    def __init__(self, access: AccessDesk, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self.principal: Principal | None = None
        self.setWindowTitle(_("Change my password"))
        layout = QVBoxLayout(self)
        if forced:
            layout.addWidget(wrapped_label(_("Your password was set by an administrator: "
                                             "choose your own now.")))
        form = QFormLayout()
        self.old_edit = password_edit()
        self.new_edit = password_edit()
        self.new_edit.setPlaceholderText(
            _("at least {count} characters").format(count=PASSWORD_MIN))
        self.repeat_edit = password_edit()
        form_row(form, _("&Current password:"), self.old_edit)
        form_row(form, _("&New password:"), self.new_edit)
        form_row(form, _("Re&peat new password:"), self.repeat_edit)
        if forced:
            form.setRowVisible(self.old_edit, False)
        layout.addLayout(form)
        self.error_label = _close_with_buttons(self, layout, _("&Change"),
                                               self._on_buttons_accepted)
        self.initial_focus = self.new_edit if forced else self.old_edit

    @Slot()
    def _on_buttons_accepted(self) -> None:
        show_error(self.error_label, "")
        if self.new_edit.text() != self.repeat_edit.text():
            show_error(self.error_label, message_for(UserError("users.passwords_differ")))
            self.repeat_edit.setFocus()
            self.repeat_edit.selectAll()
            return
        try:
            self.principal = self._access.change_own_password(self.old_edit.text(),
                                                              self.new_edit.text())
        except UserError as error:
            show_refusal(self.error_label, error, self.old_edit
                         if error.field == "old_password" and self.old_edit.isVisible()
                         else self.new_edit)
            return
        self.accept()


class FirstAdministratorDialog(FocusDialog):
    """An office database without accounts (made before accounts existed): its administrator
    must be created before anyone works. The administrator is signed in on success."""

    def __init__(self, access: AccessDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self.principal: Principal | None = None
        self.setWindowTitle(_("Create the administrator"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(_(
            "From now on everyone signs in with an account. Create the administrator's account "
            "first; the administrator then adds an account for each member of the staff "
            "(Account → Users and passwords).")))
        self.fields = AccountFields(with_role=False)
        self.fields.set_staff_choices(access.staff_choices())
        layout.addWidget(self.fields)
        self.error_label = _close_with_buttons(self, layout, _("C&reate and sign in"),
                                               self._on_buttons_accepted)
        self.setMinimumWidth(520)
        self.initial_focus = self.fields.username_edit

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.principal = create_first_administrator(self._access, self.fields, self.error_label)
        if self.principal is None:
            return
        remember(LAST_USER_KEY, self.principal.username)
        self.accept()
