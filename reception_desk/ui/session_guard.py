"""The seam between the app and its accounts: lock, switch user, the Account menu, and the
signed-in user in the status bar.

``app.start`` signs in (the sign-in dialog shown before the database opens, the first
administrator's creation, or a flow given by a test), builds the main window, then
``SessionGuard.attach(window)``. Nothing else in the window knows about locking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.i18n import _
from reception_desk.services.access.desk import AccessDesk
from reception_desk.texts.access import role_label
from reception_desk.ui.lock_screen import IdleWatcher
from reception_desk.ui.lock_screen import LockScreen

if TYPE_CHECKING:
    from reception_desk.ui.main_window import MainWindow

#: How the app obtains the first signed-in user (tests pass their own).
SignInFlow = Callable[[AccessDesk], Principal | None]

MINUTE_MS = 60_000


class SessionGuard(QObject):
    """Keeps the screen of a signed-in user: idle lock, Ctrl+L, switch user, own password."""

    def __init__(self, access: AccessDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.window: MainWindow | None = None
        self.lock_screen: LockScreen | None = None
        self.watcher = IdleWatcher(access.policy().idle_lock_minutes * MINUTE_MS, self)
        self.watcher.idle.connect(self.lock)
        self.user_label = QLabel()
        self.lock_action: QAction | None = None
        self.users_action: QAction | None = None
        access.on_principal_changed(self._on_access_principal_changed)

    def attach(self, window: MainWindow) -> None:
        """Take charge of ``window``: its acting user, the Account menu, the idle watch."""
        self.window = window
        self.setParent(window)
        principal = self.access.principal
        assert principal is not None, "sign in before attaching"
        window.sign_in_as(principal)
        window.statusBar().addPermanentWidget(self.user_label)
        self._build_menu(window)
        self.lock_screen = LockScreen(self.access)
        self.lock_screen.unlocked.connect(self._on_lock_screen_unlocked)
        self.watcher.install()
        self._on_access_principal_changed(principal)

    def detach(self) -> None:
        self.watcher.remove()
        if self.lock_screen is not None:
            self.lock_screen.deleteLater()
            self.lock_screen = None

    def _build_menu(self, window: QMainWindow) -> None:
        menu = window.menuBar().addMenu(_("&Account"))

        def action(text: str, slot: Callable[[], None], shortcut: str | None = None) -> QAction:
            act = QAction(text, window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            window.addAction(act)
            menu.addAction(act)
            return act

        self.lock_action = action(_("&Lock the screen"), self.lock, "Ctrl+L")
        action(_("&Switch user…"), self.switch_user)
        action(_("&Change my password…"), self.change_password)
        menu.addSeparator()
        self.users_action = action(_("&Users and passwords…"), self.manage_users)

    # --- locking ----------------------------------------------------------------------------
    @Slot()
    def lock(self) -> None:
        if self.lock_screen is None or self.lock_screen.isVisible():
            return
        self.watcher.pause()
        self.lock_screen.lock()

    @Slot()
    def switch_user(self) -> None:
        self.lock()
        if self.lock_screen is not None:
            self.lock_screen.switch_button.click()

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None and self.lock_screen.isVisible()

    @Slot(object)
    def _on_lock_screen_unlocked(self, principal: object) -> None:
        assert isinstance(principal, Principal)
        if self.window is not None:
            self.window.sign_in_as(principal)
        self.watcher.resume()

    # --- the account ------------------------------------------------------------------------
    @Slot()
    def change_password(self) -> None:
        from reception_desk.ui.sign_in import ChangePasswordDialog

        ChangePasswordDialog(self.access, parent=self.window).exec()

    @Slot()
    def manage_users(self) -> None:
        from reception_desk.ui.users_dialog import UsersDialog

        UsersDialog(self.access, self.window).exec()
        self.watcher.set_idle_ms(self.access.policy().idle_lock_minutes * MINUTE_MS)

    def _on_access_principal_changed(self, principal: Principal | None) -> None:
        if principal is None:
            self.user_label.setText("")
            return
        self.user_label.setText(_("Signed in: {name} — {role}").format(
            name=principal.display_name, role=role_label(principal.role)))
        if self.users_action is not None:
            self.users_action.setEnabled(principal.can(Permission.MANAGE_USERS))
